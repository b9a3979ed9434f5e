""""The paper is different" on the office's Receipts to check page, over real
HTTP (httpx) against a running agent: receipts printed as real ESC/POS bytes
by python-escpos to the agent's printer tap, a card handed to the runtime's
queue as a reader's supervisor does. The office says what the paper shows;
the page states the adjustment to make at the payment provider, and waits
while the sale is still in the till queue (this agent has no hub: nothing
syncs). Typed nonsense is refused and nothing is recorded; pupils' names are
on the page, never in the log. The journal from before the correction
column migrates and keeps verifying."""

from __future__ import annotations

import html
import logging
import re
import sqlite3
import time

import httpx
from escpos.printer import Dummy

from agent.clock import FakeClock
from agent.journal.schema import SCHEMA_VERSION, STEPS
from agent.journal.store import Journal
from agent.runtime.loop_items import DeviceEvent
from drivers.events import CardRead
from hwsim.till import send_tcp
from sync.migrations import MigrationSet
from tests.console_support import console_agent, console_config
from tests.test_receipt_review import csrf_of, journaled

AVA_CARD, BEN_CARD = "04A1B2C3", "0B0B0B0B"


def paper(number: str, *lines: str) -> bytes:
    """A school till's receipt: its number, then ``lines`` as printed."""
    p = Dummy()
    p.set(align="center", bold=True)
    p.text("OAKFIELD PRIMARY\n")
    p.set(align="left", bold=False)
    p.text(f"Receipt No: {number}\nDate: 04/12/2026 12:02\n")
    for line in lines:
        p.text(line + "\n")
    p.cut()
    return p.output


# The juice is on the paper but not in the total the till read: £3.85 was due.
JUICE_MISSED = ("Jacket potato                 3.25", "Apple juice                   0.60",
                "TOTAL                         3.25")


def sale_at_the_till(rt, cfg, card: str | None, receipt: bytes) -> None:
    """A card read (or none), then the receipt printed, as at the till."""
    if card:
        rt.q.put(DeviceEvent(CardRead("till-reader", card, time.time()), time.time()))
        time.sleep(0.2)  # the read reaches the correlator before the receipt
    host, port = cfg.printer.listen.rsplit(":", 1)
    send_tcp(host, int(port), receipt)


def form_of(seq: int, token: str, **fields: str) -> dict[str, str]:
    return {"csrf": token, "seq": str(seq), **fields}


def seen_key(page: str) -> str:
    return re.search(r'name="seen" value="([0-9a-f]+)"', page)[1]


def test_a_correction_waits_while_the_sale_is_in_the_till_queue(tmp_path, printer, caplog):
    caplog.set_level(logging.DEBUG)
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    with console_agent(cfg) as rt:
        sale_at_the_till(rt, cfg, AVA_CARD, paper("000081", *JUICE_MISSED,
                                                   "Account                       3.25"))
        (sale,) = journaled(tmp_path, 1)
        assert sale.transaction["pupil_id"] == "P-0001"
        assert "lines_total_mismatch" in sale.transaction["flags"]
        base = rt.console.url.rstrip("/")
        with httpx.Client(base_url=base, headers={"origin": base}, timeout=5) as c:
            listing = c.get("/console/review").text
            assert f'href="/console/review/correct?seq={sale.seq}"' in listing
            assert "Ava Thompson" not in listing  # named only once the office opens the form
            page = c.get(f"/console/review/correct?seq={sale.seq}").text
            assert 'name="total"' in page and 'value="3.25"' in page  # the till's reading
            assert 'data-status="pending"' in page and "still in the till queue" in page
            assert "Ava Thompson (Year 4, account P-0001)" in page
            assert re.search(r'value="P-0001" checked', page)
            assert re.search(r'value="account" checked', page)
            token = csrf_of(c)

            shown = c.post("/console/review/correct",
                           data=form_of(sale.seq, token, total="£3.85", pupil="P-0001",
                                        how="account", action="show")).text
            assert ("At ParentPay (or your provider): Other Adjustment &gt; Debit £0.60 from "
                    "Ava Thompson (Year 4, account P-0001).") in shown
            assert 'id="wait"' in shown and 'id="confirm"' not in shown
            # Pressed anyway (an old tab): the till still will not record it.
            again = c.post("/console/review/correct",
                           data=form_of(sale.seq, token, total="3.85", pupil="P-0001",
                                        how="account", action="confirm", seen="x"))
            assert again.status_code == 200 and 'id="wait"' in again.text

            # Nonsense and half-answers: said in words, nothing recorded.
            for fields, says in [
                ({"total": "two pounds", "how": "account", "pupil": "P-0001"},
                 "is not an amount of money"),
                ({"total": "385", "how": "account", "pupil": "P-0001"},
                 "Is 385 pounds or pence?"),
                ({"total": "3.85", "how": "account", "pupil": ""}, "Choose who paid"),
                ({"total": "3.85", "pupil": "P-0001"}, "Choose how the paper says"),
                ({"total": "3.85", "how": "account", "pupil": "P-9999"},
                 "not in the till's pupil list"),
            ]:
                bad = c.post("/console/review/correct",
                             data=form_of(sale.seq, token, action="confirm", **fields))
                assert bad.status_code == 200 and says in html.unescape(bad.text), fields
                assert 'id="adjustment"' not in bad.text

            # Someone else, found by name as the display's search finds them.
            found = c.post("/console/review/correct",
                           data=form_of(sale.seq, token, total="3.85", pupil="P-0001",
                                        how="account", q="lind", action="find")).text
            assert 'value="P-0003"' in found and "Cara Lindqvist (Reception, account P-0003)" \
                in found
            assert 'value="3.85"' in found  # what was typed stays
            nobody = c.post("/console/review/correct",
                            data=form_of(sale.seq, token, q="zz", action="find")).text
            assert "Nobody of that name" in nobody

            # Paid in cash after all: nothing moves at the provider, so nothing waits.
            cash = c.post("/console/review/correct",
                          data=form_of(sale.seq, token, total="3.85", pupil="P-0001",
                                       how="cash", action="show")).text
            assert "Credit £3.25 to Ava Thompson" in cash and 'id="wait"' in cash
            assert c.get("/console/review").text.count('class="check"') == 1

    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        assert j.reviews() == {}
        assert j.sync_result(sale.seq) == ("pending", "")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert not re.search(r"Ava|Thompson|Cara|Lindqvist|P-000", logged)


def test_a_split_sale_shows_its_parts_and_a_cash_sale_needs_no_adjustment(tmp_path, printer):
    cfg = console_config(tmp_path, "{}:{}".format(*printer.address))
    with console_agent(cfg) as rt:
        sale_at_the_till(rt, cfg, BEN_CARD, paper("000091", *JUICE_MISSED,
                                                   "Free meal                     2.73",
                                                   "Account                       0.52"))
        sale_at_the_till(rt, cfg, None, paper("000092", *JUICE_MISSED,
                                               "Cash                          3.25"))
        split, cash = journaled(tmp_path, 2)
        assert [p["tender"] for p in split.transaction["tenders"]] == ["fsm", "account"]
        base = rt.console.url.rstrip("/")
        with httpx.Client(base_url=base, headers={"origin": base}, timeout=5) as c:
            page = c.get(f"/console/review/correct?seq={split.seq}").text
            assert "£2.73 meal allowance + £0.52 pupil account" in page
            assert re.search(r'value="parts" checked> In parts, as the till read them', page)
            token = csrf_of(c)
            wrong = c.post("/console/review/correct",
                           data=form_of(split.seq, token, total="3.85", pupil="P-0002",
                                        how="parts", action="show")).text
            assert "The parts the till read add up to £3.25, not £3.85" in wrong

            shown = c.post("/console/review/correct",
                           data=form_of(cash.seq, token, total="3.85", pupil="",
                                        how="cash", action="show")).text
            assert "Nothing to adjust at the provider: it was paid in cash." in shown
            assert 'id="wait"' not in shown  # nothing moved: nothing to wait for
            # The figures changed after "Show": the new adjustment is shown, not recorded.
            changed = c.post("/console/review/correct",
                             data=form_of(cash.seq, token, total="3.85", pupil="P-0002",
                                          how="account", action="confirm",
                                          seen=seen_key(shown)))
            assert changed.status_code == 200 and 'id="changed"' in changed.text
            assert "Debit £3.85 from Ben Okafor" in changed.text
            done = c.post("/console/review/correct",
                          data=form_of(cash.seq, token, total="3.85", pupil="", how="cash",
                                       action="confirm", seen=seen_key(shown)))
            assert done.status_code == 303
            assert done.headers["location"] == f"/console/review?checked={cash.seq}"
            listing = c.get(done.headers["location"]).text
            assert "Paper: £3.85, cash." in listing
            # The plain "different" button of old is gone: the form is the way.
            old = c.post("/console/review", data={"csrf": token, "seq": str(split.seq),
                                                  "outcome": "differs"})
            assert old.status_code == 400
            # A second confirmation (another screen): the first stands.
            twice = c.post("/console/review/correct",
                           data=form_of(cash.seq, token, total="9.99", pupil="", how="cash",
                                        action="confirm", seen="x"))
            assert twice.status_code == 303

    with Journal.in_state_dir(tmp_path, readonly=True) as j:
        review = j.reviews()[cash.seq]
        assert review["outcome"] == "differs"
        assert review["correction"] == {
            "paper_total_pence": 385, "pupil_id": None, "how": "cash", "adjustments": [],
            "shown": ["Nothing to adjust at the provider: it was paid in cash."],
            "provider_had_it": "pending"}
        assert j.last_seq() == 2 and j.pending_count() == 2  # nothing new for the hub


def test_a_journal_from_before_corrections_migrates_and_still_verifies(tmp_path, monkeypatch):
    def sale(n: int) -> dict:
        return {"id": f"t{n}", "till_id": "till-1", "kind": "sale",
                "occurred_at": "2026-12-04T12:00:00.000Z", "clock_synced": True,
                "pupil_id": None, "identified_by": None, "receipt_no": f"{n:06d}", "lines": [],
                "total_pence": 325, "tender": "cash", "offline": False,
                "flags": ["lines_total_mismatch"]}

    # The agent before this step: its schema, its way of recording a check.
    with monkeypatch.context() as old_agent:
        old_agent.setattr("agent.journal.store.JOURNAL_MIGRATIONS",
                          MigrationSet("journal", STEPS[:8]))
        with Journal.in_state_dir(tmp_path, FakeClock()) as old:
            old.append("t1", "sale", sale(1))
            old._db.execute("INSERT INTO receipt_reviews (seq, txn_id, outcome, by, wall_time, "
                            "clock_synced) VALUES (1, 't1', 'differs', 'office', "
                            "'2026-12-04T13:00:00.000Z', 1)")
    path = tmp_path / "journal.sqlite"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 8

    correction = {"paper_total_pence": 385, "pupil_id": None, "how": "cash",
                  "adjustments": [], "shown": ["Nothing to adjust"], "provider_had_it": "accepted"}
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:  # opening migrates
        j.append("t2", "sale", sale(2))
        assert j.record_review(2, "t2", "differs", "office", correction)
        assert not j.record_review(2, "t2", "as_read", "office")  # the first stands
        reviews = j.reviews()
        assert reviews[1]["correction"] is None and reviews[1]["outcome"] == "differs"
        assert reviews[2]["correction"] == correction
        assert j.verify().ok
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for sql in ("UPDATE receipt_reviews SET correction = ''", "DELETE FROM receipt_reviews"):
        try:
            db.execute(sql)
        except sqlite3.DatabaseError as exc:
            assert "append-only" in str(exc)
        else:
            raise AssertionError(f"{sql} was allowed")


def test_a_sale_the_hub_refused_moved_nothing_and_a_held_one_may_await_approval(tmp_path):
    from zoneinfo import ZoneInfo

    from agent.console.review_form import HELD_AT_PROVIDER, Entered, form_context
    from sync.journal_port import PushOutcome
    from sync.roster_store import RosterStore
    from tests.console_support import school_roster

    def sale(txn_id: str, flags: list[str], extra: dict | None = None) -> dict:
        return {"id": txn_id, "till_id": "till-1", "kind": "sale",
                "occurred_at": "2026-12-04T12:00:00.000Z", "clock_synced": True,
                "pupil_id": "P-0001", "identified_by": "card", "receipt_no": "000001",
                "lines": [], "total_pence": 325, "tender": "account", "offline": False,
                "flags": flags, **(extra or {})}

    school_roster(tmp_path)
    with Journal.in_state_dir(tmp_path, FakeClock()) as j, \
            RosterStore.in_state_dir(tmp_path) as roster:
        refused, _ = j.append("r", "sale", sale("r", ["lines_total_mismatch"]))
        held, _ = j.append("h", "sale", sale("h", ["account_mismatch"], {
            "identified_at_till": {"pupil_id": "P-0003", "identified_by": "card"}}))
        j.record_outcomes([PushOutcome(refused.seq, "r", "rejected", "total out of range"),
                           PushOutcome(held.seq, "h", "accepted")], 0.0)

        def shown(entry, **typed):
            return form_context(j, roster, lambda q: [], entry, ZoneInfo("Europe/London"),
                                0.0, Entered(**typed), "show")

        got = shown(refused, total="3.25", pupil="P-0001", how="account")
        assert got["status"] == "rejected"
        # The provider's own words, said as such, and what a refusal means.
        assert got["sync_words"] == (
            "The payment provider refused it, saying \u201ctotal out of range\u201d (its own "
            "words: the till does not know what they mean). It moved no money there.")
        # The provider never charged it: what the paper says is all still to do.
        assert got["result"]["shown"] == [
            "At ParentPay (or your provider): Other Adjustment > Debit £3.25 from "
            "Ava Thompson (Year 4, account P-0001)."]
        assert got["record"]["provider_had_it"] == "rejected"

        # A conflict: the provider kept its own version, which the till never
        # learns; the paper's figures from nothing are one case, not the answer
        # (a debit from nothing on top of what it holds would charge Ava twice).
        clash, _ = j.append("c", "sale", sale("c", ["lines_total_mismatch"]))
        j.record_outcomes([PushOutcome(clash.seq, "c", "rejected", "conflict")], 0.0)
        got = shown(clash, total="3.85", pupil="P-0001", how="account")
        assert got["sync_words"].endswith(
            "it kept that one and not this. The till does not know what the payment provider "
            "holds for it (which pupil, how much, how paid): look it up there by its receipt "
            "number and time.")
        (line,) = got["result"]["lines"]
        assert line["not_worked_out"].cases == (
            ("If what it holds matches the paper", "nothing to adjust"),
            ("If it took nothing from any pupil's account for it",
             "Other Adjustment > Debit £3.85 from Ava Thompson (Year 4, account P-0001)"),
            ("Anything else", "put it right there so that it matches the paper, or call the "
             "till supplier"))
        assert got["result"]["unknown"] and not got["result"]["nothing"]
        assert got["record"]["adjustments"] == [] and got["record"]["worked_out"] is False
        assert got["record"]["shown"] == [line["text"].replace(
            "Ava Thompson (Year 4, account P-0001)", "the pupil with account P-0001")]
        # Paid in cash on the paper: nothing from nothing, still only a case.
        got = shown(clash, total="3.85", pupil="", how="cash")
        assert got["result"]["lines"][0]["not_worked_out"].cases[1][1] == "nothing to adjust"

        got = shown(held, total="3.25", pupil="P-0003", how="account")
        assert got["result"]["shown"][0].endswith("Credit £3.25 to Ava Thompson (Year 4, "
                                                  "account P-0001).")
        # Held there: approved as sent first (it then takes it from Ava), then adjusted.
        assert got["moved_words"].endswith("approves it. Approved, it takes from Ava Thompson "
                                           "(Year 4, account P-0001): £3.25 from the account.")
        assert got["result"]["notes"] == [HELD_AT_PROVIDER]
