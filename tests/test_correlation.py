"""Correlation as stories at a canteen till, with an injected clock."""

from __future__ import annotations

import logging
import re

import pytest

from agent.clock import FakeClock
from agent.journal.store import Journal
from agent.sale.correlation import Correlator, Identification
from agent.sale.pipeline import log_decision
from agent.sale.sale_from_receipt import normalise_tender
from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import TENDERS, ParsedReceipt, ReceiptLine, contract_tender
from tests.support import judged

T0 = 1_795_000_000.0  # 2026-11-18 ~08:26 UTC
CONTRACT_FIELDS = {"id", "till_id", "kind", "occurred_at", "clock_synced", "pupil_id",
                   "identified_by", "receipt_no", "lines", "total_pence", "tender", "offline",
                   "flags"}


SUM = object()  # total: the sum of the lines, as a till prints it


def printed(lines, *, no=None, tender="Account", kind="sale", account=None, reprint=False,
            total=SUM, when="2026-11-18T12:01", flags=()):
    """A parsed receipt as the interpreter hands it over."""
    rl = [ReceiptLine(d, q, a) for d, q, a in lines]
    if total is SUM:
        total = sum(a for _d, _q, a in lines)
    return ParsedReceipt(kind=kind, lines=rl, total_pence=total, tender=tender, receipt_no=no,
                         occurred=when, account=account, reprint=reprint, flags=list(flags))


def captured(start, end=None, *, text=None, ended_by="cut", raster_only=False):
    """The capture around it: when it printed and how it ended."""
    text = text if text is not None else ["CANTEEN", "Pasta bake  2.30", "TOTAL 2.30"]
    return CapturedReceipt(raw=b"x", text=text, barcodes=[], images=[], raster_only=raster_only,
                           ended_by=ended_by, started_at=start,
                           ended_at=end if end is not None else start + 1.0,
                           stats=TokenStats(1, 0, 0, 1, 0))


def tap(pupil, at, method="card", reader="door", consent=True, unknown=False):
    return Identification(pupil, method, reader, at, token_ref="id#0000", unknown_card=unknown,
                          biometric_consent=consent)


def sales(decisions):
    return [d for d in decisions if d.action == "journal"]


PASTA = [("Pasta bake", 1, 230)]
COOKIE = [("Cookie", 2, 100)]


@pytest.fixture
def till():
    return Correlator("till-1", window_s=90.0)


def test_a_lunch_queue_each_pupil_gets_their_own_sale(till):
    t = T0
    got = []
    for i, pupil in enumerate(["P0001", "P0002", "P0003"]):
        till.identify(tap(pupil, t), t)
        t += 20
        got += sales(till.receipt(printed(PASTA + COOKIE, no=f"00012{i}"), captured(t - 2, t), t))
        t += 5
    assert [judged(d.sale)["pupil_id"] for d in got] == ["P0001", "P0002", "P0003"]
    assert {judged(d.sale)["identified_by"] for d in got} == {"card"}
    assert len({d.txn_id for d in got}) == 3
    for d in got:
        txn = judged(d.sale)
        assert set(txn) == CONTRACT_FIELDS
        assert txn["id"] == d.txn_id and re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", d.txn_id)
        assert txn["total_pence"] == 330 and txn["tender"] == "account"
        assert txn["lines"][1] == {"description": "Cookie", "quantity": 2, "amount_pence": 100}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", txn["occurred_at"])
    assert till.waiting is None


def test_a_reprint_maps_to_the_original_sale_and_leaves_the_next_pupil_waiting(till, tmp_path):
    journal = Journal.in_state_dir(tmp_path, FakeClock())
    till.identify(tap("P0001", T0), T0)
    (first,) = sales(till.receipt(printed(PASTA, no="000200"), captured(T0 + 10), T0 + 11))
    journal.append(first.txn_id, first.kind, judged(first.sale))
    # The next pupil taps; the operator reprints the previous receipt meanwhile.
    till.identify(tap("P0002", T0 + 15), T0 + 15)
    (again,) = till.receipt(printed(PASTA, no="000200", reprint=True), captured(T0 + 16), T0 + 17)
    assert again.action == "duplicate" and again.txn_id == first.txn_id
    _, created = journal.append(again.txn_id, again.kind, judged(again.sale))
    assert not created and journal.count() == 1
    # P0002's identification was not spent on the reprint.
    (second,) = sales(till.receipt(printed(COOKIE, no="000201"), captured(T0 + 30), T0 + 31))
    assert judged(second.sale)["pupil_id"] == "P0002"
    journal.close()


def test_an_unnumbered_reprint_maps_to_the_original_too(till):
    (first,) = sales(till.receipt(printed(PASTA, tender="Cash"), captured(T0), T0 + 1))
    (again,) = till.receipt(printed(PASTA, tender="Cash", reprint=True), captured(T0 + 60),
                            T0 + 61)
    assert again.action == "duplicate" and again.txn_id == first.txn_id


def test_a_reprint_of_a_sale_the_agent_never_saw_is_journaled_once(till):
    (d,) = till.receipt(printed(PASTA, no="000777", reprint=True), captured(T0), T0 + 1)
    assert d.action == "journal" and "from_reprint" in judged(d.sale)["flags"]
    (again,) = till.receipt(printed(PASTA, no="000777", reprint=True), captured(T0 + 9), T0 + 9)
    assert again.action == "duplicate" and again.txn_id == d.txn_id


def test_a_double_tap_is_one_identification(till):
    out = till.identify(tap("P0007", T0), T0) + till.identify(tap("P0007", T0 + 0.4), T0 + 0.4)
    assert [d.action for d in out] == ["identified"]
    (sale,) = sales(till.receipt(printed(PASTA, no="1"), captured(T0 + 5), T0 + 6))
    assert judged(sale.sale)["pupil_id"] == "P0007"


def test_a_second_pupil_before_the_receipt_replaces_the_first_and_it_is_logged(till):
    till.identify(tap("P0001", T0), T0)
    out = till.identify(tap("P0002", T0 + 3, method="biometric", reader="finger"), T0 + 3)
    assert [d.action for d in out] == ["replaced", "identified"]
    assert out[0].identification.pupil_id == "P0001"
    assert "P0001" not in out[0].reason and "P0001" not in repr(out[0])
    (sale,) = sales(till.receipt(printed(PASTA, no="2"), captured(T0 + 8), T0 + 9))
    assert judged(sale.sale)["pupil_id"] == "P0002"
    assert judged(sale.sale)["identified_by"] == "biometric"


def test_a_refund_credits_the_identified_pupil_with_a_negative_total(till):
    till.identify(tap("P0003", T0), T0)
    (d,) = sales(till.receipt(printed(PASTA, no="R9", kind="refund", total=-230),
                              captured(T0 + 4), T0 + 5))
    assert d.kind == "refund" and judged(d.sale)["total_pence"] == -230
    assert judged(d.sale)["pupil_id"] == "P0003"


def test_a_void_is_journaled_but_leaves_the_pupil_waiting(till):
    till.identify(tap("P0004", T0), T0)
    (void,) = sales(till.receipt(printed(PASTA, no="V1", kind="void", tender=None),
                                 captured(T0 + 4), T0 + 5))
    assert void.kind == "void" and judged(void.sale)["pupil_id"] is None
    (sale,) = sales(till.receipt(printed(PASTA, no="5"), captured(T0 + 20), T0 + 21))
    assert judged(sale.sale)["pupil_id"] == "P0004"


def test_a_slow_operator_lets_the_identification_expire_as_no_sale(till):
    till.identify(tap("P0005", T0), T0)
    assert till.tick(T0 + 60) == []
    (gone,) = till.tick(T0 + 91)
    assert gone.action == "no_sale" and gone.identification.pupil_id == "P0005"
    (sale,) = sales(till.receipt(printed(PASTA, tender=None, no="6"), captured(T0 + 100),
                                 T0 + 101))
    assert judged(sale.sale)["pupil_id"] is None and judged(sale.sale)["tender"] == "cash"


def test_a_tap_after_the_receipt_finished_waits_for_the_next_one(till):
    till.identify(tap("P0008", T0 + 12), T0 + 12)
    (sale,) = sales(till.receipt(printed(PASTA, no="7", tender="Cash"), captured(T0, T0 + 11),
                                 T0 + 12.5))
    assert judged(sale.sale)["pupil_id"] is None
    assert till.waiting is not None and till.waiting.pupil_id == "P0008"


def test_a_cash_sale_with_nobody_identified(till):
    (d,) = sales(till.receipt(printed(PASTA, tender=None), captured(T0), T0 + 1))
    txn = judged(d.sale)
    assert txn["pupil_id"] is None and txn["identified_by"] is None
    assert txn["tender"] == "cash" and txn["receipt_no"] is None


def test_an_account_printed_on_the_receipt_identifies_the_pupil():
    roster = {"123456": "P0042"}
    till = Correlator("till-1", 90.0)
    (d,) = sales(till.receipt(printed(PASTA, no="8", account="123456"), captured(T0), T0 + 1))
    assert judged(d.sale, roster)["pupil_id"] == "P0042"
    assert judged(d.sale, roster)["identified_by"] == "receipt"
    (u,) = sales(till.receipt(printed(PASTA, no="9", account="999999"), captured(T0 + 9),
                              T0 + 10))
    txn = judged(u.sale, roster)
    assert txn["pupil_id"] is None and "unknown_pupil" in txn["flags"]


def test_a_card_and_the_printed_account_agreeing_keep_the_card_as_the_method():
    till = Correlator("till-1", 90.0)
    till.identify(tap("P0042", T0), T0)
    (d,) = sales(till.receipt(printed(PASTA, no="10", account="P0042"), captured(T0 + 3),
                              T0 + 4))
    assert judged(d.sale)["identified_by"] == "card"
    assert "account_mismatch" not in judged(d.sale)["flags"]


def test_an_unknown_card_sale_is_flagged(till):
    till.identify(tap(None, T0, unknown=True), T0)
    (d,) = sales(till.receipt(printed(PASTA, no="11", tender=None), captured(T0 + 3), T0 + 4))
    assert judged(d.sale)["pupil_id"] is None and judged(d.sale)["identified_by"] == "card"
    assert "unknown_pupil" in judged(d.sale)["flags"]


def test_a_fingerprint_without_consent_is_refused_and_the_waiting_pupil_kept(till, caplog):
    till.identify(tap("P0010", T0), T0)
    out = till.identify(tap("P0011", T0 + 2, method="biometric", consent=False), T0 + 2)
    assert [d.action for d in out] == ["refused"]
    assert out[0].identification is None and "P0011" not in out[0].reason
    log = logging.getLogger("agent.runtime.service")
    with caplog.at_level(logging.INFO):
        log_decision(log, out[0])
    assert "refused" in caplog.text and "consent" in caplog.text and "P0011" not in caplog.text
    (d,) = sales(till.receipt(printed(PASTA, no="12"), captured(T0 + 5), T0 + 6))
    assert judged(d.sale)["pupil_id"] == "P0010"


def test_a_resent_receipt_is_the_same_sale_but_two_identical_cash_sales_are_two():
    till = Correlator("till-1", 90.0, quick_resend_s=3.0)
    cash = printed(PASTA, tender="Cash")  # no receipt number, printed to the minute
    (a,) = till.receipt(cash, captured(T0, T0 + 1), T0 + 1)
    # The connection dropped after the job; the till sends the same bytes again.
    (resend,) = till.receipt(cash, captured(T0 + 2, T0 + 3), T0 + 3)
    # The next cash customer buys the same pasta bake 40 s later, same minute.
    (b,) = till.receipt(cash, captured(T0 + 40, T0 + 41), T0 + 41)
    assert a.action == "journal" and resend.action == "duplicate" and b.action == "journal"
    assert resend.txn_id == a.txn_id and b.txn_id != a.txn_id
    assert a.txn_id.endswith(":1") and b.txn_id.endswith(":2")


def test_a_resent_numbered_receipt_is_the_same_sale_whenever_it_comes():
    till = Correlator("till-1", 90.0)
    till.identify(tap("P0020", T0), T0)
    (a,) = sales(till.receipt(printed(PASTA, no="000300"), captured(T0 + 1), T0 + 2))
    till.identify(tap("P0021", T0 + 30), T0 + 30)
    (again,) = till.receipt(printed(PASTA, no="000300"), captured(T0 + 31), T0 + 32)
    assert again.action == "duplicate" and again.txn_id == a.txn_id
    assert till.waiting.pupil_id == "P0021"


def test_a_till_numbering_from_one_every_day_does_not_collide_across_days(till):
    (mon,) = sales(till.receipt(printed(PASTA, no="0001", when="2026-11-16T12:00"),
                                captured(T0), T0 + 1))
    (tue,) = sales(till.receipt(printed(PASTA, no="0001", when="2026-11-17T12:00"),
                                captured(T0 + 86400), T0 + 86401))
    assert mon.txn_id != tue.txn_id
    assert ":20261116:0001:" in mon.txn_id and ":20261117:0001:" in tue.txn_id


def test_a_cut_off_receipt_resent_in_full_is_one_sale_with_the_full_content(till):
    till.identify(tap("P0030", T0), T0)
    cut = printed(PASTA, no="000400", total=None, flags=["unparsed_receipt"])
    held = till.receipt(cut, captured(T0 + 2, T0 + 3, ended_by="job_end",
                                      text=["CANTEEN", "Rcpt 000400", "Pasta b"]), T0 + 3)
    assert [d.action for d in held] == ["held"]
    full = printed(PASTA + COOKIE, no="000400")
    out = till.receipt(full, captured(T0 + 6, T0 + 7, text=[
        "CANTEEN", "Rcpt 000400", "Pasta bake 2.30", "Cookie x2 1.00", "TOTAL 3.30"]), T0 + 7)
    assert [d.action for d in out] == ["superseded", "journal"]
    txn = judged(out[1].sale)
    assert txn["pupil_id"] == "P0030" and txn["total_pence"] == 330
    assert till.tick(T0 + 100) == [] and till.held == []


def test_a_cut_off_receipt_never_resent_is_still_journaled(till):
    cut = printed(PASTA, total=None, tender=None, flags=["unparsed_receipt"])
    till.receipt(cut, captured(T0, T0 + 1, ended_by="idle"), T0 + 1)
    assert till.tick(T0 + 10) == []
    (d,) = till.tick(T0 + 20)
    assert d.action == "journal" and judged(d.sale)["total_pence"] == 230
    assert "unparsed_receipt" in judged(d.sale)["flags"]


def test_a_held_receipt_goes_into_the_journal_before_a_later_sale(till):
    cut = printed(PASTA, no="000600", total=None)
    till.receipt(cut, captured(T0, T0 + 1, ended_by="job_end", text=["Rcpt 000600"]), T0 + 1)
    out = till.receipt(printed(COOKIE, no="000601"), captured(T0 + 30, T0 + 31), T0 + 31)
    assert [(d.action, judged(d.sale)["receipt_no"]) for d in out] == [
        ("journal", "000600"), ("journal", "000601")]


def test_shutdown_flushes_a_held_receipt(till):
    till.receipt(printed(PASTA, total=None), captured(T0, ended_by="flush"), T0 + 1)
    (d,) = till.flush(T0 + 2)
    assert d.action == "journal"


def test_after_a_restart_ordinals_reprints_and_resends_carry_on(till, tmp_path):
    journal = Journal.in_state_dir(tmp_path, FakeClock())
    cash = printed(PASTA, tender="Cash")
    for d in sales(till.receipt(cash, captured(T0), T0 + 1)
                   + till.receipt(printed(PASTA, no="000500"), captured(T0 + 50), T0 + 51)):
        journal.append(d.txn_id, d.kind, judged(d.sale))
    restarted = Correlator("till-1", 90.0)
    restarted.prime(e.transaction for e in journal.entries())
    (again,) = restarted.receipt(printed(PASTA, no="000500", reprint=True), captured(T0 + 80),
                                 T0 + 81)
    assert again.action == "duplicate"
    (next_cash,) = restarted.receipt(cash, captured(T0 + 120), T0 + 121)
    assert next_cash.action == "journal" and next_cash.txn_id.endswith(":2")
    journal.close()


def test_a_clock_stepped_backwards_does_not_keep_a_tap_alive(till):
    till.identify(tap("P0040", T0), T0)
    (d,) = till.tick(T0 - 3600)
    assert d.action == "no_sale"


def test_raster_only_receipts_and_flags_are_sorted_and_unique(till):
    p = printed([], total=None, tender=None, flags=["unparsed_receipt", "raster_only"])
    (d,) = sales(till.receipt(p, captured(T0, raster_only=True), T0 + 1))
    assert judged(d.sale)["flags"] == ["raster_only", "unparsed_receipt"]
    assert judged(d.sale)["total_pence"] == 0


def test_the_contract_flags_offline_and_clock_come_from_the_caller(till):
    (d,) = sales(till.receipt(printed(PASTA, no="13"), captured(T0), T0 + 1, clock_synced=False,
                              offline=True))
    assert judged(d.sale)["offline"] is True and judged(d.sale)["clock_synced"] is False


@pytest.mark.parametrize("printed_tender,identified,want", [
    ("CASH", False, "cash"), ("Account", True, "account"), ("FSM", True, "fsm"),
    ("Free Meal", True, "fsm"), ("Card", False, "card"), (None, True, "account"),
    ("", False, "cash"), ("Voucher", False, "voucher")])
def test_tenders_are_normalised(printed_tender, identified, want):
    assert normalise_tender(printed_tender, identified) == want



def test_every_printed_tender_word_the_receipt_reader_knows_is_journaled_as_its_word():
    # One table of printed words (drivers.receipt.TENDERS), read the same way
    # by the interpreter and the correlator, in any case and spacing.
    for printed_word, word in TENDERS.items():
        assert normalise_tender(f" {printed_word.upper()} ", False) == word
        assert contract_tender(printed_word.title()) == word
    assert contract_tender("Dinner Voucher") is None

def test_a_tender_answers_the_same_every_time_whoever_is_identified():
    # Printed tenders are remembered once normalised; a blank one still
    # depends on who was identified.
    for _ in range(3):
        for identified in (False, True):
            assert normalise_tender("  Pupil   ACCOUNT ", identified) == "account"
            assert normalise_tender(" Dinner  Voucher", identified) == "dinner voucher"
            assert normalise_tender("Acct", identified) == "account"
            assert normalise_tender("   ", identified) == ("account" if identified else "cash")
            assert normalise_tender(None, identified) == ("account" if identified else "cash")


def test_decisions_name_pupils_only_at_debug(till, caplog):
    log = logging.getLogger("agent.runtime.service")
    decisions = till.identify(tap("P0050", T0), T0) + till.receipt(
        printed(PASTA, no="14"), captured(T0 + 3), T0 + 4)
    with caplog.at_level(logging.INFO):
        for d in decisions:
            log_decision(log, d)
    assert "P0050" not in caplog.text and "sale (card identification)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        log_decision(log, decisions[-1])
    assert "P0050" in caplog.text


def test_identification_repr_hides_the_pupil():
    assert "P0099" not in repr(tap("P0099", T0))


def test_a_sales_decision_is_an_ordinary_frozen_decision(till):
    # A sale's decision is a plain, frozen Decision with the sale's facts.
    import dataclasses

    from agent.sale.correlation import Decision

    till.identify(tap("P0001", T0), T0)
    (d,) = sales(till.receipt(printed(PASTA, no="000001"), captured(T0 + 5), T0 + 6))
    assert type(d) is Decision
    assert d == Decision("journal", d.at, d.reason, d.txn_id, d.sale, d.identification,
                         d.captured)
    assert (d.action, d.at, d.reason, d.identification.pupil_id) == (
        "journal", T0 + 6.0, "sale (card identification)", "P0001")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.action = "duplicate"  # type: ignore[misc]
