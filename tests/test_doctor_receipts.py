"""How well THIS till's receipts are read (issue 13): ``agent doctor``'s
receipts.reading and ``agent status`` count the recent receipts read cleanly
and flagged, name the commonest flags and the learnt profile, and say what to
do (a learn command that works when pasted; a tender word to map), or that
they do not know yet. Journals are real SQLite files written through the
journal's API, the receipts real ESC/POS bytes printed by python-escpos and
read by the agent's own reader."""

from __future__ import annotations

import contextlib
import io
import json
import random
import shlex

import pytest

from agent.cli import main
from agent.clock import FakeClock, parse_rfc3339
from agent.config import load_config
from agent.doctor import receipts as doctor_receipts
from agent.doctor.base import Context
from agent.journal.store import Journal
from agent.journal.types import Capture
from agent.sale.receipt_reading import MIN_RECEIPTS, read_receipt_reading
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests.receipts_score import decode
from tests.savings_till import savings_till

# Every receipt is printed at noon on 4 December; the till is judged half an
# hour later, never at whatever the machine's clock says ("in the last 7
# days" would otherwise hold today and not next week).
PRINTED = "2026-12-04T12:00:00.000Z"
NOW = parse_rfc3339(PRINTED) + 1800


@pytest.fixture(autouse=True)
def status_judges_at_now(monkeypatch):
    import agent.commands.status
    monkeypatch.setattr(agent.commands.status, "Clock", lambda: FakeClock(now=NOW))


def receipt(rng: random.Random, n: int, saved: bool = False, tender: str = "Cashless") -> bytes:
    """A till's receipt; with ``saved``, the line of what the pupil saved
    (an amount the items do not add up to without it) the default rules
    cannot place."""
    return savings_till(rng, n, tender, saved)[0]


def journal(state, receipts: list[bytes], config=None) -> None:
    """Journal each receipt as the agent would: read by the reader with the
    config's rules, its flags on the sale, its bytes kept."""
    state.chmod(0o700)
    cfg = load_config(str(config) if config else None, str(state))
    rules = rules_from_config(cfg.receipt)
    with Journal.in_state_dir(state, FakeClock(now=NOW)) as j:
        base = j.last_seq()
        for i, data in enumerate(receipts, base + 1):
            [r], _ = decode(data)
            p = interpret(r, rules)
            txn = {"kind": "sale", "till_id": "till-1", "occurred_at": PRINTED,
                   "clock_synced": True, "pupil_id": "P-0001", "identified_by": "card",
                   "receipt_no": p.receipt_no, "total_pence": p.total_pence or 0,
                   "lines": [{"description": ln.description, "quantity": 1,
                              "amount_pence": ln.amount_pence} for ln in p.lines],
                   "tender": p.tender or "", "offline": False, "flags": sorted(p.flags)}
            j.append(f"t-{i}", "sale", txn, capture=Capture(0, "tcp", data, r.text))


def config(tmp_path):
    conf = tmp_path / "agent.toml"
    conf.write_text(f'till_id = "till-1"\nstate_dir = "{tmp_path / "state"}"\n')
    (tmp_path / "state").mkdir()
    return conf, tmp_path / "state"


def doctor(conf, state, now: float = NOW):
    cfg = load_config(str(conf), str(state))
    return doctor_receipts.reading(Context(cfg, config_path=conf, now=now))


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def test_a_till_the_rules_read_is_ok(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(1)
    journal(state, [receipt(rng, i, saved=i in (10, 30)) for i in range(100)], conf)
    f = doctor(conf, state)
    assert f.status == "ok"
    assert f.summary.startswith("98 of the last 100 receipt(s) read cleanly, 2 flagged (2%); "
                                "most: unparsed_receipt 2, lines_total_mismatch 2")
    assert "no learnt profile (the default rules)" in f.summary
    # Few flags do not prove the default rules read a till nobody developed them on.
    assert f.detail[0].startswith("note: the default rules can misread a till they were not "
                                  "developed on without flagging it: check a receipt or two")
    assert any(d.startswith("lines_total_mismatch: 2 receipt(s): The items read do not add up")
               for d in f.detail)
    code, out = run(["status", "--config", str(conf)])
    assert "  receipts read     : 98 of the last 100 receipt(s) read cleanly" in out
    assert "      note: the default rules can misread a till" in out


def test_too_few_receipts_is_not_known(tmp_path):
    conf, state = config(tmp_path)
    assert doctor(conf, state).summary == "not known: no journal yet, no receipts read"
    journal(state, [receipt(random.Random(2), i, saved=True) for i in range(MIN_RECEIPTS - 1)],
            conf)
    f = doctor(conf, state)
    assert f.status == "skip"
    assert f.summary.startswith("not known yet (20 receipts needed to judge): 0 of the last 19")
    code, out = run(["status", "--config", str(conf)])
    assert code == 0 and "  receipts read     : not known yet (20 receipts needed" in out
    assert "to do:" not in out


def test_a_till_the_rules_misread_warns_and_the_command_it_names_learns_its_profile(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(3)
    journal(state, [receipt(rng, i, saved=i % 3 == 0) for i in range(60)], conf)
    f = doctor(conf, state)
    assert f.status == "warn"
    assert f.summary.startswith("40 of the last 60 receipt(s) read cleanly, 20 flagged (33%)")
    assert "the default rules do not read this till well: learn its profile with `" in f.fix
    assert "the same reason keeps coming: 20 receipt(s) in the last 7 days" in f.fix
    # Judged eight days later, the same receipts no longer "keep coming".
    later = doctor(conf, state, now=NOW + 8 * 86400)
    assert later.status == "warn" and "keeps coming" not in later.fix
    cmd = f.fix.split("`")[1]
    # The newest five flagged (every third from seq 1) and the newest three clean.
    seqs = ["46", "49", "52", "55", "57", "58", "59", "60"]
    assert cmd == shlex.join(["agent", "receipt", "learn", *seqs, "--config", str(conf),
                              "--state-dir", str(state)])
    assert "receipts to learn from (the newest flagged, a few clean): seq 46, 49, 52, 55, 57, " \
           "58, 59, 60" in f.detail
    # Pasted as it is (no terminal: nothing asked), then with --write.
    code, out = run(shlex.split(cmd)[1:])
    assert code == 0 and "8 sample(s): 3 read cleanly with the config, 8 with the profile" in out
    code, out = run([*shlex.split(cmd)[1:], "--write"])
    assert code == 0 and "written to" in out
    # The same receipts read again with the config as written: the till is read.
    f = doctor(conf, state)
    assert f.status == "ok", f.summary
    assert not any(d.startswith("note:") for d in f.detail)  # a learnt profile flags misses
    assert f.summary.startswith("60 of the last 60 receipt(s) read cleanly, 0 flagged (0%) "
                                "(as journaled: 20 flagged; read again with the config as it "
                                "is now); learnt profile (learnt")


def test_a_learnt_profile_that_no_longer_fits_says_learn_it_again(tmp_path):
    conf, state = config(tmp_path)
    conf.write_text(conf.read_text() + '[[receipt.templates]]\nname = "learnt"\n'
                    'ignore = "^Nothing\\\\s+like\\\\s+this"\n')
    rng = random.Random(4)
    journal(state, [receipt(rng, i, saved=i % 2 == 0) for i in range(30)], conf)
    f = doctor(conf, state)
    assert f.status == "warn" and "learnt profile (learnt)" in f.summary
    assert f.fix.startswith("the learnt profile no longer fits this till's receipts")
    assert "--write adds the new profile after the old one: remove the old learnt templates " \
           "if the till's layout changed" in f.fix
    # Pasted with --write: the old profile and the new one, and the till is read.
    assert run([*shlex.split(f.fix.split("`")[1])[1:], "--write"])[0] == 0
    f = doctor(conf, state)
    assert f.status == "ok" and "learnt profile (learnt)" in f.summary
    assert f.summary.startswith("30 of the last 30 receipt(s) read cleanly")


def test_an_unmapped_tender_word_is_named_with_where_to_map_it(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(5)
    journal(state, [receipt(rng, i, tender="Dinner Tokens" if i == 7 else "Cashless")
                    for i in range(50)], conf)
    f = doctor(conf, state)
    assert f.status == "warn"  # 1 in 50 flagged, but a word the agent cannot map by itself
    assert f.fix == ("the till prints tender word(s) 'Dinner Tokens' the agent does not know: "
                     "if the school takes it as one of cash, card, account (the pupil's) or fsm "
                     "(meal allowance), map it in the config's [receipt.tenders] (e.g. "
                     "\"Dinner Tokens\" = \"fsm\"); if not (a gift card, a voucher), those sales "
                     "stay flagged for the office to settle")


def test_a_till_read_right_but_for_its_tender_word_is_told_to_map_it_not_to_learn(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(8)
    journal(state, [receipt(rng, i, tender="Dinner Tokens" if i % 4 == 0 else "Cashless")
                    for i in range(40)], conf)
    f = doctor(conf, state)
    assert f.status == "warn" and "10 flagged (25%); most: unmapped_tender 10" in f.summary
    assert "[receipt.tenders]" in f.fix and "learn" not in f.fix
    conf.write_text(conf.read_text() + '[receipt.tenders]\n"Dinner Tokens" = "fsm"\n')
    f = doctor(conf, state)
    assert f.status == "ok" and f.summary.startswith("40 of the last 40 receipt(s) read cleanly")


def test_status_says_it_in_text_and_json_without_pupil_data(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(6)
    journal(state, [receipt(rng, i, saved=i < 10) for i in range(40)], conf)
    code, out = run(["status", "--config", str(conf)])
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("  receipts read     :"))
    assert line.startswith("  receipts read     : WARNING: 30 of the last 40 receipt(s) read "
                           "cleanly, 10 flagged (25%)")
    assert "      to do: the default rules do not read this till well: learn its profile with "\
           "`agent receipt learn 6 7 8 9 10 38 39 40 --config" in out
    code, out = run(["status", "--config", str(conf), "--json"])
    got = json.loads(out)["receipt_reading"]
    assert got["verdict"] == "warn" and got["receipts"] == 40 and got["flagged"] == 10
    assert got["flags"] == {"lines_total_mismatch": 10, "unparsed_receipt": 10}
    assert got["learn_seqs"] == [6, 7, 8, 9, 10, 38, 39, 40] and got["learnt_templates"] == []
    assert got["learn_command"].startswith("agent receipt learn 6 7 8 9 10 38 39 40 ")
    assert "P-0001" not in json.dumps(got)


def test_the_window_is_bounded_to_the_latest_receipts(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(7)
    # 250 misread receipts, then 200 read: only the latest 200 are judged.
    journal(state, [receipt(rng, i, saved=i < 250) for i in range(450)], conf)
    with Journal.in_state_dir(state, readonly=True) as j:
        r = read_receipt_reading(j, load_config(str(conf)), NOW)
    assert (r.receipts, r.flagged, r.first_seq, r.last_seq) == (200, 0, 251, 450)
    assert r.verdict == "ok" and r.learn_seqs == []


def test_the_reading_flags_are_every_flag_the_receipt_reader_raises_and_have_words():
    from agent.sale.flag_words import READING, WORDS
    from tests.test_flag_words import raised_in_code

    by_reader = {code for code, where in raised_in_code().items()
                 if any(w.startswith("drivers/receipt") for w in where)}
    # A split payment read in its parts is a clean reading.
    assert by_reader - READING == {"split_tender"}
    assert set(WORDS) >= READING


def test_spot_checks_found_wrong_say_the_defaults_misread_this_till_silently(tmp_path):
    conf, state = config(tmp_path)
    rng = random.Random(5)
    journal(state, [receipt(rng, i, saved=i == 10) for i in range(60)], conf)
    with Journal.in_state_dir(state, FakeClock(now=NOW)) as j:
        flagged = {e.seq for e in j.entries() if e.transaction["flags"]}
        assert flagged == {11}
        # The office's checks: four spot checks (one found wrong) and a flagged receipt's.
        for seq, outcome in ((3, "as_read"), (11, "differs"), (20, "differs"), (31, "as_read"),
                             (44, "as_read")):
            j.record_review(seq, f"t-{seq}", outcome, "test")
    f = doctor(conf, state)
    assert f.status == "warn"
    assert "; spot checks: 4 checked, 1 found wrong" in f.summary
    assert ("the till read 1 of the last 4 spot-checked receipt(s) wrong without flagging "
            "them") in f.fix
    assert f"`agent receipt learn --from-reviews --config {conf} --state-dir {state}`" in f.fix
    assert "call the till's supplier" in f.fix
    code, out = run(["status", "--config", str(conf), "--json"])
    assert json.loads(out)["receipt_reading"]["spot_checks"] == {"checked": 4, "found_wrong": 1}
    code, out = run(["doctor", "--config", str(conf)])
    assert "spot checks: 4 checked, 1 found wrong" in out


def test_no_spot_check_yet_is_said_so(tmp_path):
    conf, state = config(tmp_path)
    journal(state, [receipt(random.Random(6), i) for i in range(MIN_RECEIPTS)], conf)
    f = doctor(conf, state)
    assert f.status == "ok"
    assert f.summary.endswith("; spot checks: none checked yet (the office's Receipts to check "
                              "page asks about one receipt a day the till read without doubt)")
