"""The display's figures and its hand-off between threads, without a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from agent.clock import FakeClock
from agent.config import JournalConfig
from agent.console.debt_view import balances_words, owed_words
from agent.console.feed import DisplayFeed
from agent.console.queue_view import pending_words, printer_words, recorded_words, sent_words
from agent.console.views import money, pupil_view, sale_view, sale_words, tender_words
from agent.journal.retention import RetentionJob
from agent.journal.store import Journal
from agent.reports.debt import DebtLine
from agent.sale.balances import Ledger
from sync.journal_port import PushOutcome
from tests.console_support import AVA, BEN
from tests.retention_support import LONDON, at
from tests.retention_support import sale as retention_sale

DAY = "2026-12-07"


def sale(pupil_id: str, seq_total: int, tender: str = "account") -> dict:
    return {"pupil_id": pupil_id, "kind": "sale", "tender": tender, "total_pence": seq_total,
            "occurred_at": f"{DAY}T12:00:00.000Z", "lines": []}


def view(pupil, ledger: Ledger) -> dict:
    return pupil_view(pupil, ledger, fsm_value_pence=240, default_debt_limit_pence=1000,
                      till_seq_applied=0, day=DAY)


def test_money_reads_as_pounds():
    assert [money(0), money(5), money(1234), money(-320), money(None)] == [
        "£0.00", "£0.05", "£12.34", "-£3.20", ""]


def test_the_balance_and_daily_limit_count_todays_unsynced_spend():
    led = Ledger(240)
    led.add(1, sale(AVA.id, 150))
    v = view(AVA, led)
    assert v["balance"] == "£11.00"  # 12.50 - 1.50 not yet at the hub
    assert v["limit_left"] == "£2.50"  # 4.00 - 1.50
    assert v["allowance_left"] == "£0.00"  # no allowance: the same purse, empty
    assert v["debt"] == "In credit"
    assert v["allergens"] == ["peanut", "sesame"]
    assert v["year"] == "Year 4"  # the roster's "Y4" as the office pages say it
    led.add(2, sale(AVA.id, 330))  # past the parent's limit: by how much, not "£0.00"
    assert view(AVA, led)["limit_left"] == "None left: £0.80 over"  # 4.00 - 4.80


def test_the_display_says_the_year_as_every_other_page_does():
    assert [view(replace(AVA, year_group=y), Ledger(240))["year"]
            for y in ("Y4", "yr11", "Reception", None)] == ["Year 4", "Year 11", "Reception", ""]


def test_the_meal_allowance_is_a_purse_that_todays_meals_empty():
    led = Ledger(240)
    assert view(BEN, led)["allowance_left"] == "£2.40"
    led.add(1, sale(BEN.id, 200, "fsm"))
    v = view(BEN, led)
    assert v["allowance_left"] == "£0.40"
    assert v["balance"] == "-£3.20"  # the allowance paid it all
    assert v["debt"] == "In debt: £6.80 left of the £10.00 limit"
    led.add(2, sale(BEN.id, 900, "fsm"))  # 0.40 allowance, 8.60 from the account
    v = view(BEN, led)
    assert v["balance"] == "-£11.80" and v["debt_warning"]
    assert v["debt"] == "Over the debt limit by £1.80 (limit £10.00)"
    assert "fsm" not in str(v).lower()


def test_a_pupil_exactly_at_the_debt_limit_is_said_at_it():
    led = Ledger(240)
    led.add(1, sale(BEN.id, 680 + 240, "fsm"))  # the allowance, then -3.20 -> -10.00
    v = view(BEN, led)
    assert v["balance"] == "-£10.00" and v["debt_warning"]
    assert v["debt"] == "At the debt limit (£10.00)"


def test_a_sale_view_says_its_flags_in_words():
    s = sale_view({"kind": "sale", "pupil_id": "P-0001", "tender": "fsm", "total_pence": 290,
                   "flags": ["allergen_alert", "offline_debt"],
                   "lines": [{"description": "Satay chicken", "quantity": 1,
                              "amount_pence": 290}]}, "Ava Thompson")
    assert s["total"] == "£2.90" and s["alert"]
    assert s["tender"] == "Meal allowance (rest from account)"
    assert s["flags"][0] == "An item names one of this pupil's allergens"
    assert s["words"] == ("Last sale", "Total", "Paid by")
    refund = sale_view({"kind": "refund", "pupil_id": "P-0001", "tender": "account",
                        "total_pence": -60, "lines": []}, "Ava Thompson")
    assert refund["words"] == ("Last refund", "Paid back", "Paid back to")
    assert refund["total"] == "£0.60"  # its size under "Paid back", minus or not


def test_the_feed_resumes_from_an_event_id_while_it_is_kept():
    woken = []
    feed = DisplayFeed(keep=3, waker=lambda: woken.append(1))
    for n in range(5):
        feed.publish("sale", {"sale": {"n": n}})
    assert len(woken) == 5
    assert [e["id"] for e in feed.since(3)] == [4, 5]
    assert feed.since(5) == []
    assert feed.since(1) is None  # event 2 is gone: start from the state
    assert feed.since(9) is None  # numbered by an earlier run
    assert feed.state()["sale"]["id"] == 5


def test_an_allergen_banner_is_acknowledged_once():
    feed = DisplayFeed()
    n = feed.publish("identified", {"name": "Ava", "allergens": ["peanut"]}, ack_for="P-0001")
    assert feed.state()["pending"] == [{"event": n, "name": "Ava", "allergens": ["peanut"],
                                        "photo": None}]
    assert feed.acknowledge(n).pupil_id == "P-0001"
    assert feed.acknowledge(n) is None
    assert feed.state()["pending"] == []
    assert feed.since(n)[0] == {"id": n + 1, "kind": "ack", "event": n}


def test_a_cash_sale_clears_the_last_pupil_from_the_state():
    feed = DisplayFeed()
    feed.publish("identified", {"name": "Ben", "allergens": []})
    feed.publish("sale", {"sale": {"identified": True}})
    assert feed.state()["person"]["name"] == "Ben"
    feed.publish("sale", {"sale": {"identified": False}})
    assert feed.state()["person"] is None


def test_an_old_or_missing_roster_is_said_beside_the_figures():
    from agent.console.views import roster_caveat

    now = 1_800_000_000.0
    assert roster_caveat(now - 3600, now, 36) == ""
    assert roster_caveat(now - 40 * 3600, now, 36) == (
        "Pupil list 40 h old: balances may be out of date")
    assert roster_caveat(None, now, 36).startswith("No pupil list")


def test_balances_not_pulled_for_three_pulls_say_a_top_up_since_is_not_shown():
    from agent.console.views import roster_caveat

    now = 1_800_000_000.0
    assert roster_caveat(now - 600, now, 36, behind_after_s=900) == ""
    assert roster_caveat(now - 1200, now, 36, behind_after_s=900) == (
        "Balances from 20 min ago: any top-up since is not shown yet")
    assert roster_caveat(now - 1200, now, 36) == ""  # no payment provider to pull from
    assert roster_caveat(now - 40 * 3600, now, 36, behind_after_s=900).startswith(
        "Pupil list 40 h old")


def test_the_till_queue_says_sales_sent_twice_as_part_of_those_sent():
    # With its unit: a bare "12" beside "Sent to the payment provider" said nothing of what.
    assert sent_words(0, 0) == "None" and sent_words(12, 0) == "12 sales"
    assert sent_words(1, 0) == "1 sale"
    assert sent_words(0, 1) == ("1 sale (sent twice after a lost answer; the payment provider "
                                "counted it once: nothing to do)")
    assert sent_words(4, 1) == ("5 sales (1 of them was sent twice after a lost answer; the "
                                "payment provider counted it once: nothing to do)")
    assert sent_words(3, 2) == ("5 sales (2 of them were sent twice after a lost answer; the "
                                "payment provider counted each once: nothing to do)")


def test_the_debt_report_says_a_pupil_topped_up_since_owes_nothing_now():
    assert owed_words(DebtLine("P1", "Ava", "Y4", sales_pence=460, owed_pence=230)) == "£2.30"
    assert owed_words(DebtLine("P1", "Ava", "Y4", sales_pence=460, owed_pence=0)) == (
        "£0.00: topped up since")


def test_the_debt_report_says_when_the_balances_it_is_worked_from_came():
    now = 1_800_000_000.0  # 2027-01-15 08:00 UTC
    assert balances_words(now - 1200, UTC, now) == (
        "Worked out from the balances the payment provider sent at 07:40 (20 min ago): a "
        "top-up made since is not counted until the till hears from it again.")
    assert balances_words(None, UTC, now).endswith("cannot be worked out.")
    # Seconds are a machine's: "(0 s ago)" was on the page a moment after a pull.
    assert balances_words(now, UTC, now).startswith(
        "Worked out from the balances the payment provider sent at 08:00 (just now): ")


def test_how_long_ago_is_said_as_staff_say_it():
    from agent.console.views import ago

    assert [ago(s) for s in (0, 7, 59, 60, 1200, 5400)] == [
        "just now", "just now", "just now", "1 min ago", "20 min ago", "1.5 h ago"]


def test_the_till_queue_says_what_the_till_does_with_the_printers_receipts():
    assert printer_words({"mode": "tcp"}) == "Receipts read as they print (network cable)"
    assert printer_words({"mode": "none"}).startswith("Its receipts are not read by the till")
    assert printer_words({"mode": "tcp", "listening": False}) == "Not answering"


def test_a_sale_whose_receipt_was_not_read_says_so_rather_than_zero():
    unread = {"kind": "sale", "total_pence": 0, "tender": "account",
              "flags": ["unparsed_receipt"], "lines": []}
    assert sale_words("sale", 0, unread["flags"]) == "Sale, total not read"
    assert tender_words(unread) == "Not read from the receipt"
    assert sale_view(unread, None)["tender"] == "Not read from the receipt"
    # The cook's panel: no total read is "Not read", never "£0.00"; the flag says
    # what was read (nothing), as on every staff page.
    assert sale_view(unread, None)["total"] == "Not read"
    assert sale_view(unread, None)["flags"] == [
        "The till read nothing from the receipt: no items, no total, not how it was paid."]
    assert sale_view({**unread, "total_pence": 0, "flags": []}, None)["total"] == "£0.00"
    # A sale read as nothing to pay is £0.00; a refund's amount without its sign.
    assert sale_words("sale", 0, []) == "Sale of £0.00"
    assert sale_words("refund", -120, ["unparsed_receipt"]) == "Refund of £1.20"
    assert sale_words("void", 250, []) == "Cancelled sale of £2.50"
    assert sale_words("manual", 240, []) == "Meal from the paper register of £2.40"


def test_a_slip_whose_pupils_number_was_not_read_is_not_said_to_be_paid_in_cash():
    # Two pupils' cards on one slip, nobody at the till: sent as cash for want
    # of a pupil; the paper says a smart card.
    slip = {"kind": "sale", "total_pence": 1060, "tender": "cash", "pupil_id": None,
            "flags": ["total_unsure", "unread_account"], "lines": []}
    assert tender_words(slip) == ("No pupil's account (the pupil's number was not read, so "
                                  "sent as cash)")
    assert tender_words({**slip, "flags": []}) == "Cash"
    assert tender_words({**slip, "tender": "account", "pupil_id": "P-0001"}) == "Pupil account"


def test_the_display_leaves_the_unchecked_clock_to_the_till_queue():
    # Every sale carries it until the clock is checked: the cook can do
    # nothing about it, and the queue page says it once.
    s = sale_view({"kind": "sale", "pupil_id": None, "tender": "cash", "total_pence": 290,
                   "flags": ["clock_unsynced", "unknown_pupil"], "lines": []}, None)
    assert [f["code"] for f in s["flag_words"]] == ["unknown_pupil"]
    assert len(s["flags"]) == 1
    quiet = sale_view({"kind": "sale", "tender": "cash", "total_pence": 290,
                       "flags": ["clock_unsynced"], "lines": []}, None)
    assert quiet["flags"] == [] and quiet["flag_words"] == [] and not quiet["alert"]


def test_the_pupils_figures_after_their_sale_come_with_it_worked_as_at_the_tap():
    from types import SimpleNamespace

    from agent.config import PolicyConfig
    from agent.console.publisher import DisplayPublisher

    led = Ledger(240)
    led.add(1, sale(BEN.id, 100))  # an earlier sale the hub has not applied
    feed = DisplayFeed()
    roster = SimpleNamespace(till_seq_applied=0, pulled_at=None)
    pub = DisplayPublisher(feed, led, PolicyConfig(fsm_value_pence=240), lambda: roster)
    pub.show_pupil(BEN, "card", 1_796_644_800.0)  # 2026-12-07, noon
    assert feed.state()["person"]["pupil"]["balance"] == "-£4.20"
    # The hub applies the earlier sale meanwhile; the row the tap showed does
    # not have it, so the figures are worked as at the tap: neither lost nor twice.
    roster.till_seq_applied = 5
    led.add(6, sale(BEN.id, 290, "fsm"))
    pub.sold(sale(BEN.id, 290, "fsm"))
    after = feed.state()["sale"]["sale"]["pupil_after"]
    assert (after["allowance_left"], after["balance"]) == ("£0.00", "-£4.70")
    # A pupil the display did not show has no figures with their sale.
    pub.sold(sale(AVA.id, 150))
    assert "pupil_after" not in feed.state()["sale"]["sale"]


def test_the_till_queues_count_says_what_it_counts_and_what_the_first_one_was(tmp_path):
    # "Recorded on this till": every entry, so a refund or a meal from the paper
    # register may be the first one (never "the till's first sale" then); also
    # said once retention has dropped the first (the count runs on from the
    # anchor's seq).
    clock = FakeClock(now=at(2023, 10, 2, 8, 12))
    with Journal.in_state_dir(tmp_path, clock) as j:
        j.append("t0", "refund", {**retention_sale(0), "kind": "refund"})
        assert recorded_words(1, j, LONDON, at(2023, 10, 2, 13)) == "1 refund, at 08:12"
        for i in (1, 2):
            j.append(f"t{i}", "sale", retention_sale(i))
        assert recorded_words(3, j, LONDON, at(2023, 10, 2, 13)) == (
            "2 sales and 1 refund since 08:12")
        # Past what is read by kind (or a count that moved since), what it counts.
        assert recorded_words(12_345, j, LONDON, at(2023, 10, 5)) == (
            "12,345 sales, refunds and paper-register meals since 08:12 on Monday 2 October "
            "2023")
        j.record_outcomes([PushOutcome(p.seq, p.id, "accepted") for p in j.pending(0, 10)],
                          clock.wall())
        clock.now = at(2025, 1, 10, 2)
        assert RetentionJob(JournalConfig(retention_school_years=1), LONDON,
                            clock).run_if_due(j).dropped == 3
        j.append("t3", "sale", retention_sale(3))
        assert j.last_seq() == 4
        assert recorded_words(4, j, LONDON, clock.now) == (
            "4 sales, refunds and paper-register meals since the first, before Sunday 1 "
            "September 2024 (older ones are no longer kept on the till)")
    with Journal.in_state_dir(tmp_path / "paper", clock) as j:
        j.append("m0", "manual", {**retention_sale(0), "kind": "manual"})
        j.append("t1", "sale", retention_sale(1))
        # Said as a person would (was "2 sales, refunds and paper-register meals
        # since ... (the first was a meal from the paper register)").
        assert recorded_words(2, j, LONDON, clock.now) == (
            "1 sale and 1 meal from the paper register since 02:00")
    # No journal open: what the count counts, no time.
    assert recorded_words(2, None, LONDON, clock.now) == (
        "2 sales, refunds and paper-register meals")


def test_what_waits_to_be_sent_is_said_by_kind_so_the_paper_meals_just_entered_are_known(
        tmp_path):
    # The office enters its paper register and reads the till queue: "2 sales
    # waiting" read as someone else's sales, not its two meals.
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        for i in (0, 1):
            j.append(f"m{i}", "manual", {**retention_sale(i), "kind": "manual"})
        assert pending_words(j, 2) == "2 meals from the paper register"
        j.append("t2", "sale", retention_sale(2))
        j.append("v3", "void", {**retention_sale(3), "kind": "void"})
        j.append("r4", "refund", {**retention_sale(4), "kind": "refund"})
        assert pending_words(j, 5) == ("2 sales, 1 refund and 2 meals from the paper "
                                       "register")
        j.record_outcomes([PushOutcome(p.seq, p.id, "accepted") for p in j.pending(0, 2)],
                          0.0)
        assert pending_words(j, 3) == "2 sales and 1 refund"
        # A count that moved since the figure was read: the count alone.
        assert pending_words(j, 4) == "4 sales"
    assert pending_words(None, 2) == "2 sales" and pending_words(None, 0) == "None"


def test_the_cooks_screen_says_a_receipt_that_printed_no_way_of_paying_as_such(tmp_path):
    # Real ESC/POS bytes through the sale path to the display: whether the paper
    # printed a way of paying is the reading's own result at the time of the sale
    # (the journal keeps only the tender sent: "cash" or the pupil's account).
    from agent.config import Config
    from agent.console.publisher import DisplayPublisher
    from agent.sale.pipeline import ReceiptPipeline
    from drivers.events import CardRead
    from hwsim.till import SaleSpec, compose
    from sync.roster_store import RosterStore

    store = RosterStore.in_state_dir(tmp_path)
    store.apply([BEN], [], "c1", 0, 1_796_644_800.0, True)
    cfg = Config(till_id="till-1", state_dir=str(tmp_path))
    with Journal.in_state_dir(tmp_path, FakeClock()) as j:
        pipeline = ReceiptPipeline(cfg, j, store)
        feed = DisplayFeed()
        pipeline.display = DisplayPublisher(feed, pipeline.ledger, cfg.policy,
                                            pipeline._roster_info)
        now = 1_796_644_800.0

        def prints(tender: str, no: str, tap: bool = False) -> dict:
            nonlocal now
            if tap:
                pipeline.identification(CardRead("door", "0B0B0B0B", now), now)
            data = compose(SaleSpec([("Cookie", 1, 80)], tender="Account", receipt_no=no))
            if tender != "Account":  # the till's tender row, or none at all
                row = next(r for r in data.split(b"\n") if r.startswith(b"\x1bE\x00Account"))
                data = data.replace(row + b"\n", (b"\x1bE\x00" + tender.encode()
                                                  + row[len(b"\x1bE\x00Account"):] + b"\n")
                                    if tender else b"")
            pipeline.till_bytes(data, now + 1)
            pipeline.job_end(now + 1.2)
            now += 60
            return feed.state()["sale"]["sale"]

        nobody = prints("", "000201")
        assert j.get_seq(1).transaction["tender"] == "cash"  # the contract's default
        assert nobody["tender"] == "not printed on the receipt (no pupil's account charged)"
        assert nobody["words"][2] == "Payment"  # "Payment not printed on ...": one sentence
        ben = prints("", "000202", tap=True)  # a free-meal pupil: the policy's "fsm"
        assert j.get_seq(2).transaction["tender"] == "fsm"
        assert ben["tender"] == "not printed on the receipt (meal allowance, rest from account)"
        # Printed, it is the paper's word, as before.
        cash = prints("Cash", "000203")
        assert (cash["words"][2], cash["tender"]) == ("Paid by", "Cash")
        assert prints("Account", "000204", tap=True)["tender"] == ("Meal allowance (rest from "
                                                                   "account)")
    # A refund is paid back; a sale held for the office's check charged nobody yet.
    from agent.console.paid_on_paper import cook_words

    refund = {"kind": "refund", "tender": "account", "pupil_id": BEN.id, "total_pence": -80,
              "flags": []}
    assert cook_words(refund) == "not printed on the receipt (paid back to the pupil's account)"
    assert cook_words({**refund, "kind": "sale", "total_pence": 80,
                       "flags": ["account_mismatch"]}) == "not printed on the receipt"
