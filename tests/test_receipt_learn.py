"""``agent receipt learn``: a till's profile from five captured receipts, found
by their own arithmetic (lines to ignore) and the technician's word for
tenders no table maps; written to the config only when asked."""

from __future__ import annotations

import random
import tomllib

import pytest

from agent.cli import main
from agent.config import ReceiptConfig, load_config
from agent.sale.receipt_learn import learn, toml_text
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_corpus.layouts import LAYOUTS
from tests.receipts_score import decode, score
from tests.savings_till import savings_till


def captures(n: int, seed: int, **kw) -> list:
    rng = random.Random(seed)
    return [decode(savings_till(rng, i, **kw)[0])[0][0] for i in range(n)]


def test_five_samples_teach_the_line_to_ignore_and_then_every_receipt_reads():
    base = ReceiptConfig()
    assert all("lines_total_mismatch" in interpret(r, rules_from_config(base)).flags
               for r in captures(5, seed=1))
    profile = learn(captures(5, seed=1), base)
    assert profile.ignore == [r"^Saved\s+today\b"] and profile.tenders == {}
    rules = rules_from_config(profile.config(base))
    rng = random.Random(99)
    for i in range(50):  # receipts the profile never saw
        data, total = savings_till(rng, 100 + i)
        p = interpret(decode(data)[0][0], rules)
        assert p.total_pence == total and p.flags == [] and p.tender == "account"
        assert "Saved today" not in [ln.description for ln in p.lines]


def test_an_unmapped_tender_needs_the_technicians_word():
    samples = captures(5, seed=2, tender="Dinner Tokens")
    assert learn(samples, ReceiptConfig()).unmapped == ["Dinner Tokens"]
    profile = learn(samples, ReceiptConfig(), {"dinner tokens": "fsm"})
    assert profile.tenders == {"dinner tokens": "fsm"} and profile.unmapped == []
    p = interpret(samples[0], rules_from_config(profile.config(ReceiptConfig())))
    assert p.tender == "fsm" and p.flags == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_on_layouts_the_defaults_read_there_is_nothing_to_learn(layout):
    from tests.receipts_corpus import corpus

    samples = [decode(d)[0][0] for d, _ in corpus(layout, 5, seed=21)]
    profile = learn(samples, ReceiptConfig())
    assert profile.ignore == [] and profile.tenders == {}
    assert score(layout, 100, seed=22, rules=rules_from_config(profile.config(ReceiptConfig()))
                 ).right == 100


def test_the_profile_as_toml_loads_as_the_same_config():
    profile = learn(captures(5, seed=3, tender="Dinner Tokens"), ReceiptConfig(),
                    {"Dinner Tokens": "fsm"})
    data = tomllib.loads('till_id = "t"\n' + toml_text(profile, 5))
    assert data["receipt"]["templates"] == [{"name": "learnt", "ignore": r"^Saved\s+today\b"}]
    assert data["receipt"]["tenders"] == {"Dinner Tokens": "fsm"}


def _stream(tmp_path, n=5, seed=4, tender="Dinner Tokens"):
    rng = random.Random(seed)
    f = tmp_path / "samples.bin"
    f.write_bytes(b"".join(savings_till(rng, i, tender)[0] for i in range(n)))
    return f


def test_the_command_shows_every_sample_and_writes_only_when_told(tmp_path, capsys):
    conf = tmp_path / "agent.toml"
    conf.write_text('till_id = "till-1"\n[receipt]\nreprint_markers = ["REPRINT"]\n')
    f = _stream(tmp_path)
    args = ["receipt", "learn", str(f), "--config", str(conf), "--state-dir", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("<- ignored (learnt)") == 5 and "0 read cleanly with the config" in out
    assert "tender 'Dinner Tokens' is not mapped" in out and "not written" in out
    assert "[receipt.tenders]" not in conf.read_text()
    assert main([*args, "--tender", "Dinner Tokens=fsm", "--write"]) == 0
    out = capsys.readouterr().out
    assert "5 with the profile" in out and "written to" in out
    cfg = load_config(str(conf))
    assert cfg.receipt.tenders == {"Dinner Tokens": "fsm"}
    assert cfg.receipt.reprint_markers == ["REPRINT"]  # the rest of the file as it was
    # The till's next receipts, read with the config as written.
    assert main(["receipt", "parse", str(_stream(tmp_path, seed=5)), "--config", str(conf),
                 "--json", "--state-dir", str(tmp_path)]) == 0
    import json

    got = json.loads(capsys.readouterr().out)["receipts"]
    assert len(got) == 5 and all(r["flags"] == [] and r["tender"] == "fsm" for r in got)


def test_a_bad_tender_word_or_an_existing_tenders_table_is_refused(tmp_path, capsys):
    conf = tmp_path / "agent.toml"
    text = 'till_id = "till-1"\n[receipt.tenders]\n"Tokens" = "fsm"\n'
    conf.write_text(text)
    f = _stream(tmp_path)
    base = ["receipt", "learn", str(f), "--config", str(conf), "--state-dir", str(tmp_path)]
    assert main([*base, "--tender", "Dinner Tokens=tokens"]) == 2
    assert "TENDER one of cash, card, account, fsm" in capsys.readouterr().err
    assert main([*base, "--tender", "Dinner Tokens=fsm", "--write"]) == 1
    assert "has a [receipt.tenders] table already" in capsys.readouterr().err
    assert conf.read_text() == text
