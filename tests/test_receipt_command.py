"""`agent receipt parse` and `agent receipt reparse`, as a technician fitting a
till uses them: a saved stream file in, receipts out; a journaled capture
re-read by today's parser and templates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from escpos.printer import Dummy

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Capture, Journal
from agent.sale.correlation import Correlator
from drivers.escpos import EscposDecoder
from drivers.events import ReceiptEnded
from drivers.receipt import interpret
from hwsim import escpos_encoder as enc
from hwsim.till import SaleSpec, compose, random_sales
from tests.support import judged

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_site_config(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")


def test_parse_a_saved_lunch_queue_as_json(tmp_path, capsys):
    sales = random_sales(4, seed=8)
    stream = b"".join(compose(s, "epson") for s in sales)
    f = tmp_path / "till.bin"
    f.write_bytes(stream)
    assert main(["receipt", "parse", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tokens"]["bytes"] == len(stream) and out["tokens"]["unknown"] == 0
    assert out["tokens"]["commands"] > 0
    got = out["receipts"]
    assert [r["receipt_no"] for r in got] == [s.receipt_no for s in sales]
    assert [r["total_pence"] for r in got] == [s.total_pence for s in sales]
    assert [r["tender"] for r in got] == [s.tender.lower() for s in sales]  # contract words
    for r, s in zip(got, sales, strict=True):
        assert [(ln["description"], ln["quantity"], ln["amount_pence"]) for ln in r["lines"]] \
            == s.lines
        assert r["flags"] == [] and r["text"][0] == "OAKFIELD PRIMARY"
        assert r["barcodes"] == [{"symbology": "QR", "data": f"R{s.receipt_no}"}]


def test_parse_prints_a_readable_report(tmp_path, capsys):
    f = tmp_path / "one.bin"
    f.write_bytes(compose(SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Cash",
                                   receipt_no="000042"), "uk-intl"))
    assert main(["receipt", "parse", str(f)]) == 0
    text = capsys.readouterr().out
    assert "1 receipt(s)" in text and "0 unknown" in text
    assert "2 x Cookie" in text and "total   £3.30" in text and "tender cash" in text
    assert "receipt no 000042" in text and "flags   none" in text


def test_parse_says_amounts_in_the_sites_currency(tmp_path, capsys):
    # An Irish school's till (currency = "EUR"): the technician reads euro, as the
    # office's pages say the same sale; the receipt's own figures are unchanged.
    f = tmp_path / "one.bin"
    f.write_bytes(compose(SaleSpec([("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Cash",
                                   receipt_no="000042"), "uk-intl"))
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "t"\ncurrency = "EUR"\n')
    assert main(["receipt", "parse", str(f), "--config", str(conf)]) == 0
    text = capsys.readouterr().out
    assert "total   €3.30" in text and "€1.00" in text
    # (the paper's own lines, after "|", print what the till printed)
    said = [ln for ln in text.splitlines() if not ln.startswith("  | ")]
    assert not [ln for ln in said if "£" in ln], said


def test_parse_with_another_code_page_and_profile(tmp_path, capsys):
    f = tmp_path / "win.bin"
    f.write_bytes(b"Pasta bake  \xa32.30\nTOTAL  \xa32.30\n\x1dV\x00")
    assert main(["receipt", "parse", str(f), "--json", "--codepage", "cp1252"]) == 0
    (r,) = json.loads(capsys.readouterr().out)["receipts"]
    assert r["text"] == ["Pasta bake  £2.30", "TOTAL  £2.30"] and r["total_pence"] == 230
    assert main(["receipt", "parse", str(f), "--json", "--profile", "star"]) == 0
    assert json.loads(capsys.readouterr().out)["profile"] == "star"


def test_parse_a_raster_driver_stream_says_it_cannot_read_it(tmp_path, capsys):
    # What a Windows raster driver sends: the whole receipt as bit images.
    # (The corpus's npos/raster*.bin are checked in test_escpos_corpus.py.)
    path = tmp_path / "raster.bin"
    path.write_bytes(enc.init() + enc.raster(384, 120) + enc.raster(384, 120)
                     + enc.cut("partial"))
    assert main(["receipt", "parse", str(path), "--json"]) == 0
    (r,) = json.loads(capsys.readouterr().out)["receipts"]
    assert r["raster_only"] and r["flags"] == ["raster_only", "unparsed_receipt"]
    # OCR finds no text in a pattern: nothing to trust, nothing guessed
    assert not r["ocr"]["trusted"] and r["ocr"]["total_pence"] is None


def test_parse_garbage_is_a_report_not_a_crash(tmp_path, capsys):
    f = tmp_path / "noise.bin"
    f.write_bytes(bytes(range(256)) * 8)
    assert main(["receipt", "parse", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tokens"]["unknown"] > 0 and out["tokens"]["unknown_prefixes"]


def test_parse_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["receipt", "parse", str(tmp_path / "nope.bin")]) == 1
    assert "nope.bin" in capsys.readouterr().err


def _journal_a_receipt(state: Path, spec: SaleSpec, layout: str) -> None:
    """What the runtime does with a printed receipt: decode, interpret,
    correlate, journal with its raw bytes."""
    d = EscposDecoder()
    (r,) = [e.receipt for e in d.feed(compose(spec, layout), 1.0) + d.end_of_job(2.0)
            if isinstance(e, ReceiptEnded)]
    (dec,) = [x for x in Correlator("till-1").receipt(interpret(r), r, 2.0)
              if x.action == "journal"]
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append(dec.txn_id, dec.sale.kind, judged(dec.sale),
                 capture=Capture(0, "printer", r.raw, r.text))


def test_reparse_shows_what_todays_parser_makes_of_a_journaled_receipt(tmp_path, capsys):
    state = tmp_path / "state"
    _journal_a_receipt(state, SaleSpec([("Pasta bake", 1, 230)], receipt_no="000007",
                                       account="P0001"), "epson")
    assert main(["receipt", "reparse", "1", "--state-dir", str(state), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (r,) = out["receipts"]
    assert r["receipt_no"] == "000007" and r["total_pence"] == 230 and r["account"] == "P0001"
    assert out["journaled"]["receipt_no"] == "000007" and out["journaled"]["total_pence"] == 230
    assert main(["receipt", "reparse", "1", "--state-dir", str(state)]) == 0
    assert "journaled as till-1:" in capsys.readouterr().out


def test_reparse_with_a_new_template_reads_what_the_defaults_flagged(tmp_path, capsys):
    state = tmp_path / "state"
    # (Icelandic "Samtals": a total no default family holds; Dutch "Te betalen" is one now)
    odd = (b"\x1b@SHOP 4\n#000123/2\nPASTA BAKE ..... 2,30 EUR\nSAMTALS ..... 2,30 EUR\n"
           b"\x1dV\x00")
    d = EscposDecoder()
    (r,) = [e.receipt for e in d.feed(odd, 1.0) if isinstance(e, ReceiptEnded)]
    parsed = interpret(r)
    assert "unparsed_receipt" in parsed.flags
    (dec,) = [x for x in Correlator("till-1").receipt(parsed, r, 2.0) if x.action == "journal"]
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append(dec.txn_id, "sale", judged(dec.sale),
                 capture=Capture(0, "printer", r.raw, r.text))
    conf = tmp_path / "agent.toml"
    conf.write_text(
        f'till_id = "till-1"\nstate_dir = "{state}"\n'
        "[[receipt.templates]]\nname = \"shop4\"\n"
        "line = '^(?P<description>[A-Z ]+?) \\.+ (?P<amount>\\d+,\\d\\d) EUR$'\n"
        "total = '^SAMTALS \\.+ (?P<amount>\\d+,\\d\\d) EUR$'\n"
        "receipt_no = '^#(?P<receipt_no>\\d+)/'\n")
    assert main(["receipt", "reparse", "1", "--config", str(conf), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (r2,) = out["receipts"]
    assert r2["flags"] == [] and r2["total_pence"] == 230 and r2["receipt_no"] == "000123"
    assert r2["lines"] == [{"description": "PASTA BAKE", "quantity": 1, "amount_pence": 230}]
    assert "unparsed_receipt" in out["journaled"]["flags"]


def test_reparse_of_an_entry_without_a_capture_or_a_journal_says_so(tmp_path, capsys):
    state = tmp_path / "state"
    assert main(["receipt", "reparse", "1", "--state-dir", str(state)]) == 1
    assert "no journal yet" in capsys.readouterr().err
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("m1", "manual", {"id": "m1", "till_id": "till-1", "kind": "manual",
                                  "lines": [], "total_pence": 0, "flags": []})
    assert main(["receipt", "reparse", "1", "--state-dir", str(state)]) == 1
    assert "no captured receipt" in capsys.readouterr().err
    assert main(["receipt", "reparse", "9", "--state-dir", str(state)]) == 1
    assert "no journal entry with seq 9" in capsys.readouterr().err


def test_a_bad_template_in_the_config_is_reported_not_a_traceback(tmp_path):
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n[[receipt.templates]]\nname = "x"\n'
                    "total = '^TOTAL (\\S+)'\n")
    f = tmp_path / "s.bin"
    f.write_bytes(b"x\n")
    res = subprocess.run([sys.executable, "-m", "agent", "receipt", "parse", str(f),
                          "--config", str(conf)], capture_output=True, text=True, cwd=REPO)
    assert res.returncode == 2
    assert "receipt.templates[0] ('x').total: the pattern needs the named group" in res.stderr


def test_parse_reads_a_receipt_printed_as_a_picture_and_says_if_it_is_trusted(tmp_path, capsys):
    from hwsim.till import SaleSpec, compose, raster_layout

    spec = SaleSpec(lines=[("Pasta bake", 1, 230), ("Cookie", 2, 100)], tender="Card",
                    receipt_no="001234")
    path = tmp_path / "picture.bin"
    path.write_bytes(compose(spec, raster_layout(576, "A", "cp858")))
    assert main(["receipt", "parse", str(path), "--json"]) == 0
    (r,) = json.loads(capsys.readouterr().out)["receipts"]
    assert r["raster_only"] and r["text"] == []
    o = r["ocr"]
    assert o["trusted"] and (o["total_pence"], o["tender"]) == (330, "card")  # the contract's word
    assert "TOTAL £3.30" in o["text"] and len(o["confidence"]) == len(o["text"])
    assert main(["receipt", "parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "trusted: its sums add up" in out and "ocr     total £3.30" in out


def test_parse_shows_a_split_payments_parts(tmp_path, capsys):
    p = Dummy()
    for row in ("Meal deal                 £3.25", "TOTAL                     £3.25",
                "Free meal                 £2.73", "Cash                      £1.00",
                "Change                    £0.48"):
        p.text(row + "\n")
    p.cut()
    f = tmp_path / "split.bin"
    f.write_bytes(p.output)
    assert main(["receipt", "parse", str(f), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)["receipts"][0]
    assert got["tenders"] == [{"tender": "fsm", "amount_pence": 273},
                              {"tender": "cash", "amount_pence": 52}]
    assert main(["receipt", "parse", str(f)]) == 0
    text = capsys.readouterr().out
    assert "part    fsm" in text and "£2.73" in text and "part    cash" in text


def test_parse_reads_a_printer_that_powers_up_in_chinese_mode_as_its_config_says(
        tmp_path, capsys):
    # A UK till that never sends FS . to a Chinese model powered up in GB18030
    # mode: the 0x9C pound is half a pair the printer cannot print.
    f = tmp_path / "till.bin"
    f.write_bytes(b"OAKFIELD PRIMARY\n\xd6\xd0\xce\xc4 1 \x9c2.10\n\x1dV\x00")
    cfg = tmp_path / "agent.toml"
    cfg.write_text(f'till_id = "t1"\nstate_dir = "{tmp_path}"\n[printer]\n'
                   'double_byte = "gb18030"\ndouble_byte_at_power_on = true\n')
    assert main(["receipt", "parse", str(f), "--json", "--config", str(cfg)]) == 0
    out = json.loads(capsys.readouterr().out)
    (r,) = out["receipts"]
    assert r["text"] == ["OAKFIELD PRIMARY", "中文 1 \ufffd2.10"]
    assert r["stats"]["unknown_text"] == 1 and out["tokens"]["unknown_text"] == 1
