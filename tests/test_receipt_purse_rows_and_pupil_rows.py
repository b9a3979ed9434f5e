"""UK school tills' hard days in other schools' words (safety27, holdout27):
a purse's balance printed at what was left to pay then the balance left, a
refund's way under the payment's label, the pupil's number under the
pupil's row, and labels in two languages set apart by a bar."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipts_score import journal_tender
from tests.test_receipt_columns_rules import QTY, UNIT, WIDTH, cols
from tests.test_receipt_reading import captured, lines

MENU = st.sampled_from(["Bacon bap", "Hash brown", "Pasta pot", "Cookie", "Smoothie"])
ITEMS = st.lists(st.tuples(MENU, QTY, UNIT), min_size=1, max_size=4, unique_by=lambda i: i[0])


def pounds(pence: int) -> str:
    return f"£{pence / 100:.2f}" if pence >= 0 else f"-£{-pence / 100:.2f}"


def grammar_slip(items, width, *after_total: tuple[str, int]) -> list[str]:
    """A fingerprint till's slip: the pupil's row, the ID under it, the
    items quantity first, the total, then ``after_total``'s rows."""
    total = sum(q * u for _, q, u in items)
    return ["KESTON GRANGE GIRLS' SCHOOL", "Fri 20 Nov 2026 13:29   Trans 3-08801",
            "O'NEILL, Megan   Form 13G", "ID 3961  (Finger)", "=" * width,
            *(cols(f"{q:>2}  {n}", f"{q * u / 100:.2f}", width) for n, q, u in items),
            "=" * width, cols("TOTAL", pounds(total), width),
            *(cols(label, pounds(amount), width) for label, amount in after_total)]


# --- a purse's balance at what was left to pay ------------------------------------------


@settings(max_examples=25, deadline=None)
@given(ITEMS, WIDTH, st.integers(0, 4000))
def test_a_cashless_balance_at_the_total_then_the_balance_left_is_the_account_paying(
        items, width, left):
    total = sum(q * u for _, q, u in items)
    p = interpret(captured(*grammar_slip(items, width, ("Cashless balance", total),
                                         ("Balance remaining", left + (left == total)))))
    assert journal_tender(p.tender) == "account" and p.total_pence == total
    assert p.account == "3961" and p.flags == []
    assert lines(p) == [(n, q, q * u) for n, q, u in items]


@settings(max_examples=25, deadline=None)
@given(ITEMS, WIDTH, st.integers(0, 4000))
def test_a_free_meal_then_the_cashless_balance_paying_the_rest_is_a_split_that_adds_up(
        items, width, left):
    total = sum(q * u for _, q, u in items)
    allowance = total // 2 or 1
    if total - allowance in (0, left):
        return  # (no rest, or a balance left the same: not this paper)
    p = interpret(captured(*grammar_slip(items, width, ("FSM allowance", allowance),
                                         ("Cashless balance", total - allowance),
                                         ("Balance remaining", left))))
    assert sorted((journal_tender(t.tender), t.amount_pence) for t in p.tenders) == \
        sorted([("fsm", allowance), ("account", total - allowance)])
    assert "unread_tender" not in p.flags and "split_unreconciled" not in p.flags


def test_a_balance_the_next_leaves_unproved_or_a_purse_no_table_names_is_flagged():
    items = [("Pasta pot", 1, 240)]
    # the same amount left: the purse untouched, the sale paid another way?
    same = interpret(captured(*grammar_slip(items, 48, ("Cashless balance", 240),
                                            ("Balance remaining", 240))))
    # a balance of points at the sale's amount: whose money is it?
    points = interpret(captured(*grammar_slip(items, 48, ("Points balance", 240),
                                              ("Balance remaining", 810))))
    for p in (same, points):
        assert p.tender is None and "unread_tender" in p.flags


def test_a_balance_alone_is_what_is_left_never_a_tender():
    p = interpret(captured(*grammar_slip([("Cookie", 2, 55)], 48, ("Cashless balance", 110))))
    assert p.tender is None and "unread_tender" not in p.flags


def test_a_refund_back_to_the_cashless_balance_is_the_account():
    p = interpret(captured(*grammar_slip([("Cookie", 1, 55)], 48,
                                         ("Returned to cashless balance", 55),
                                         ("Balance remaining", 810))))
    assert journal_tender(p.tender) == "account" and p.flags == []


# --- a refund's way under the payment's label --------------------------------------------


@given(st.sampled_from([("Campus Card", "account"), ("Cash", "cash"), ("Card", "card")]),
       st.integers(50, 2000))
@settings(max_examples=20, deadline=None)
def test_the_payments_label_then_refund_to_a_way_is_that_way(way, pence):
    printed, tender = way
    p = interpret(captured("*** REFUND ***", cols("Bill", "SU20430", 42),
                           cols("Payment", f"Refund to {printed}", 42), "-" * 42,
                           cols("Toastie", f"{pence / 100:.2f}", 42), "-" * 42,
                           cols("TOTAL", f"-{pence / 100:.2f}", 42)))
    assert p.kind == "refund" and p.total_pence == -pence
    assert journal_tender(p.tender) == tender and "unread_tender" not in p.flags


# --- the pupil's number under the pupil's row --------------------------------------------


def office_slip(*children: tuple[str, str]) -> list[str]:
    """A primary office's dinner-money slip: per child, the name and year,
    the child's ``Ref``, the week's dinners and their amount beneath."""
    rows = ["DURHAM COUNTY COUNCIL", "Receipt no: 0413", "Date: 19/01/2026", "Paid by: Cash",
            "-" * 32]
    for child, ref in children:
        rows += [child, f"Ref {ref}", " Dinners w/c 19/01 5 @ 2.00", cols("", "10.00", 32)]
    return rows + ["-" * 32, cols("TOTAL PAID", pounds(1000 * len(children)), 32)]


def test_the_ref_under_a_childs_row_is_the_account_and_two_children_are_no_one_account():
    one = interpret(captured(*office_slip(("Ella Robson Y4", "16041"))))
    assert one.account == "16041" and one.receipt_no == "0413"
    two = interpret(captured(*office_slip(("Ella Robson Y4", "16041"),
                                          ("Noah Robson Nursery", "18332"))))
    assert two.account is None and two.receipt_no == "0413"
    assert {"unread_account", "several_accounts"} <= set(two.flags)


def test_a_ref_under_no_pupils_row_is_no_account():
    p = interpret(captured("Corner Cafe", "Ref 16041", cols("Tea", "1.20", 32),
                           cols("TOTAL", "£1.20", 32), cols("Cash", "£1.20", 32)))
    assert p.account is None


# --- two languages set apart by a bar -----------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(ITEMS, st.integers(100000, 999999), st.sampled_from(["(Finger | Bys)", "(PIN)"]),
       st.sampled_from([("Account | Cyfrif", "account", None),
                        ("Card | Cerdyn", "card", None),
                        ("Cash | Arian parod", "cash", 500)]))
def test_labels_set_apart_by_a_bar_read_as_either_half(items, account, how, paid):
    label, tender, extra = paid
    total = sum(q * u for _, q, u in items)
    staff = tender != "account"
    who = ["Staff | Staff: R. Price"] if staff else [
        "Pupil | Disgybl: Price, Rhys (7N)", f"Account | Cyfrif: {account}  {how}"]
    rows = [cols("Till | Til: 3", "Receipt | Derbynneb: 70000", 48), *who, "-" * 48,
            *(cols(f"{q} x {n}" if q > 1 else n, f"{q * u / 100:.2f}", 48) for n, q, u in items),
            "-" * 48, cols("TOTAL | CYFANSWM", pounds(total), 48),
            cols(label, pounds(total + (extra or 0)), 48)]
    if extra:
        rows.append(cols("Change | Newid", pounds(extra), 48))
    p = interpret(captured(*rows))
    assert p.total_pence == total and p.receipt_no == "70000"
    assert journal_tender(p.tender) == tender
    assert p.account == (None if staff else str(account))
    assert lines(p) == [(n, q, q * u) for n, q, u in items]
