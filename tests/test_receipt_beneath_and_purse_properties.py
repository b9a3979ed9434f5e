"""Properties of safety27's passes, in words no rule knows: a label's other
language on the row beneath is read only where rows pair (two or more, a
label over the words the rules know), a purse's balance is read as what
paid only where the arithmetic says so, and a pupil's number under the
pupil's row is the account. Where the paper does not prove the money, the
reading is flagged, never sure and wrong."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.receipt_mutants import nonsense
from tests.receipts_score import journal_tender, review_flags
from tests.test_receipt_columns_rules import QTY, UNIT, cols
from tests.test_receipt_reading import captured, lines

MENU = st.sampled_from(["Pasta bake", "Cookie", "Jacket potato", "Fruit juice", "Chips",
                        "Panini ham & cheese", "Yoghurt", "Sausage roll", "Bagel"])
ITEMS = st.lists(st.tuples(MENU, QTY, UNIT), min_size=1, max_size=4, unique_by=lambda i: i[0])
# A label no rule knows (Welsh, Basque, Icelandic are the mutants' words;
# nonsense is nobody's)
UNKNOWN = st.randoms(use_true_random=False).map(nonsense)
W = 42


def pounds(pence: int) -> str:
    return f"£{pence / 100:.2f}" if pence >= 0 else f"-£{-pence / 100:.2f}"


def item_rows(items) -> list[str]:
    return [cols(f"{n} x{q}" if q > 1 else n, f"{q * u / 100:.2f}", W) for n, q, u in items]


# --- the other language on the row beneath ------------------------------------------------


@st.composite
def first_language_slips(draw):
    """A slip in a language no rule knows, each label with its figure and the
    English alone, indented, on the row beneath (Wrexham's Welsh-first slip's
    shape): (its rows, items, total, account, number)."""
    items = draw(ITEMS)
    total = sum(q * u for _, q, u in items)
    account, number = draw(st.integers(10000, 99999)), draw(st.integers(1000, 9999))
    w1, w2, w3, w4, w5 = (draw(UNKNOWN) for _ in range(5))
    rows = ["YSGOL MAES DERW", cols(f"{w1} {number}", f"{w2} 2", W), cols("  No.", "Till", W),
            f"{w3} {account}", "  Account", "-" * W, *item_rows(items), "-" * W,
            cols(w4, pounds(total), W), "  TOTAL", cols(w5, pounds(total), W),
            "  Pupil account"]
    return rows, items, total, str(account), str(number)


@settings(max_examples=30, deadline=None)
@given(first_language_slips())
def test_labels_whose_english_is_on_the_row_beneath_read_as_the_english(slip):
    rows, items, total, account, number = slip
    p = interpret(captured(*rows))
    assert (p.total_pence, journal_tender(p.tender), p.account, p.receipt_no) == \
        (total, "account", account, number)
    assert lines(p) == [(n, q, q * u) for n, q, u in items] and p.flags == []


# Words a till prints alone, indented, under an item: an option, a note, or
# words the rules know as a label (a way paid, a total's word).
NOTES = st.sampled_from(["  No onions", "  Extra cheese", "  Meal deal", "  Free school meal",
                         "  Cash", "  Card", "  TOTAL", "  Account", "  Balance",
                         "  Staff", "  Pupil account", "  Refund", "  Change"])


@settings(max_examples=30, deadline=None)
@given(ITEMS, st.lists(NOTES, min_size=4, max_size=4), st.sampled_from(["Cash", "Card"]))
@example([("Pasta bake", 1, 5), ("Cookie", 1, 5)], ["  No onions", "  Refund"] * 2, "Cash")
def test_a_note_under_an_item_never_makes_its_amount_money_read_sure_and_wrong(
        items, notes, way):
    # an item's row is no label in another language: the words under it are
    # its note, whatever they say; the money stays the paper's, or is doubted
    # (random mode found "  Refund" under an item read as the receipt a
    # refund of its positive total, sure: a line returned in a sale?)
    total = sum(q * u for _, q, u in items)
    rows = ["THE SCHOOL CAFE", "Receipt 4410", "-" * W]
    for row, note in zip(item_rows(items), notes, strict=False):
        rows += [row, note]
    rows += ["-" * W, cols("TOTAL", pounds(total), W), cols(way, pounds(total), W)]
    p = interpret(captured(*rows))
    right = (p.total_pence, journal_tender(p.tender), p.kind) == (total, way.lower(), "sale")
    assert right or review_flags(p.flags), (p.total_pence, p.tender, p.kind, p.flags)


def test_a_refunds_word_among_the_items_of_a_positive_total_leaves_the_kind_unsure():
    # an exchange: the cookie returned, the pasta bought; the customer pays
    # £1.80. The refund's word is the returned line's, and whether the whole
    # receipt gave money back only a total printed negative says.
    returned = interpret(captured("CAFE", "Receipt 4410", cols("Cookie", "-0.50", W), "  Returned",
                                  cols("Pasta bake", "2.30", W), "-" * W,
                                  cols("TOTAL", "£1.80", W), cols("Cash", "£1.80", W)))
    assert "kind_unsure" in returned.flags


def test_a_refunds_word_above_the_items_or_with_a_negative_total_is_the_receipts():
    for rows in (["CAFE", "*** REFUND ***", cols("Cookie", "0.50", W),
                  cols("Pasta bake", "2.30", W), cols("TOTAL", "£2.80", W),
                  cols("Cash", "£2.80", W)],
                 ["CAFE", cols("Cookie", "-0.50", W), cols("Pasta bake", "-2.30", W),
                  "REFUND", cols("TOTAL", "-£2.80", W), cols("Cash", "-£2.80", W)]):
        p = interpret(captured(*rows))
        assert (p.kind, p.total_pence, p.flags) == ("refund", -280, []), rows


# --- a purse's balance at what was left to pay --------------------------------------------


# (the card's own balance is a stored-value card's, the account, since
# rules31: KIND.md, "A tender's own balance"; TENDERS.md, "A purse that
# prints its own balance")
HOLDERS = st.sampled_from([("Cashless balance", "account"), ("Meal account balance", "account"),
                           ("Points balance", None), ("Card balance", "account"),
                           ("Account balance", "account")])


@settings(max_examples=40, deadline=None)
@given(ITEMS, HOLDERS, st.integers(0, 3000), st.integers(0, 3000), st.booleans(),
       st.sampled_from([None, ("Cash", 0), ("Cash", 1), ("FSM allowance", 0)]))
def test_a_purses_balance_pays_only_where_the_arithmetic_says_so(
        items, holder, first, after, at_rest, paid_before):
    # "TOTAL £6.00" / ["Cash £x"] / "<holder> £a" / "Balance remaining £b": the
    # purse paid what was left to pay only where its balance is that amount
    # and the next balance differs (TENDERS.md)
    label, purse = holder
    total = sum(q * u for _, q, u in items)
    rows = ["KESTON GRANGE", "O'NEILL, Megan   Form 13G", "ID 3961  (Finger)", "-" * W,
            *item_rows(items), "-" * W, cols("TOTAL", pounds(total), W)]
    handed = 0
    if paid_before is not None:
        way, part = paid_before
        handed = total // 2 if part else total
        rows.append(cols(way, pounds(handed), W))
    rest = total - handed
    first = rest if at_rest else first
    rows += [cols(label, pounds(first), W), cols("Balance remaining", pounds(after), W)]
    p = interpret(captured(*rows))
    ways = {journal_tender(t.tender) for t in p.tenders} | {journal_tender(p.tender)}
    proved = first == rest and after != first and rest > 0
    if "account" in ways and not review_flags(p.flags):
        assert proved and purse == "account", (rows, p.tenders, p.flags)
    if proved and purse == "account":
        assert "account" in ways and not review_flags(p.flags), (rows, p.tenders, p.flags)
    elif proved:
        assert "account" not in ways and review_flags(p.flags), (rows, p.tenders, p.flags)


# --- the pupil's number under the pupil's row ---------------------------------------------


PUPIL_ROWS = st.sampled_from(["Ella Robson Y4", "Noah Hughes Nursery", "O'NEILL, Megan   Form 13G",
                              "Price, Rhys (7N)", "Amir Khan Year 6", "Zoe Li Reception"])
REFS = st.sampled_from(["Ref {}", "ID {}", "ID {}  (Finger)", "Ref: {}", "ID no. {}",
                        "Reference {}"])


@settings(max_examples=40, deadline=None)
@given(PUPIL_ROWS, REFS, st.integers(100, 999999), st.integers(1, 9999), ITEMS)
def test_the_number_under_a_pupils_row_is_the_account_never_the_receipts(
        pupil, ref, account, number, items):
    total = sum(q * u for _, q, u in items)
    p = interpret(captured("PRIMARY SCHOOL OFFICE", f"Receipt no: {number:04d}", pupil,
                           ref.format(account), "-" * W, *item_rows(items), "-" * W,
                           cols("TOTAL PAID", pounds(total), W), "Paid by: Cash"))
    assert (p.account, p.receipt_no, p.total_pence) == (str(account), f"{number:04d}", total)
    assert journal_tender(p.tender) == "cash"
