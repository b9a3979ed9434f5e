"""Rules the twenty-third holdout (tests/receipts_holdout23) called for, as
general paper facts: right-to-left paper a till sent in visual order (Hebrew,
Arabic: ``rtl_paper``, ITEMS.md); levies and taxes on top of the subtotal
each worked out to the penny while the total is worked out exactly (TAX.md);
the Baltic fiscal receipt's words (a total, the amount to pay, the receipt's
number, a payment card, a return); a card terminal's slip under the card
that paid (TENDERS.md); a name wrapped between its priced row and its count
row (ITEMS.md)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.receipt import interpret
from drivers.receipt.rtl_paper import in_logical_order, logical_line, sent_visual
from tests.test_receipt_reading import captured, lines

HEBREW = re.compile(r"[\u0590-\u05ff]")


def sent(*cells: str, width: int = 40) -> str:
    """One line as a till that does not rely on the printer's bidi sends it:
    its cells laid right to left (the first at the right edge), each cell's
    runs right to left, a run of Hebrew words right to left and each spelt
    backwards; a run of Latin words or a number as it stands."""
    out = ""
    for cell in cells:
        runs: list[list[str]] = []
        for word in cell.split(" "):
            if runs and bool(HEBREW.search(runs[-1][-1])) == bool(HEBREW.search(word)) \
                    and HEBREW.search(word) or runs and re.match("[A-Za-z]", runs[-1][-1]) \
                    and re.match("[A-Za-z]", word):
                runs[-1].append(word)
            else:
                runs.append([word])
        shown = [" ".join(w[::-1] for w in reversed(run)) if HEBREW.search(run[0])
                 else " ".join(run) for run in reversed(runs)]
        out = " ".join(shown) + ("   " if out else "") + out
    return out.rjust(width)


# --- right-to-left paper ---------------------------------------------------------------

def heshbonit(*, paid: tuple[str, ...]) -> list[str]:
    """An Israeli café's tax invoice-receipt (VAT 18 % in the prices) as its
    own code sends it to an ESC/POS printer: in visual order."""
    rule = "-" * 40
    return [sent("מאפיית השכונה"), sent("ח.פ. 515123456"), sent("חשבונית מס קבלה"),
            sent("מספר חשבונית: 40012"), sent("תאריך: 03/11/2026 שעה: 09:41"), rule,
            sent("פריט", "כמות", "מחיר", 'סה"כ'),
            sent("קרואסון שקדים", "2", "14.00", "28.00"),
            sent("Flat White", "1", "16.00", "16.00"), rule,
            sent('לפני מע"מ', "37.29"), sent('מע"מ 18%', "6.71"),
            sent('סה"כ לתשלום', "44.00"), *paid, rule, sent("תודה ולהתראות!")]


def test_a_hebrew_tax_invoice_sent_in_visual_order_reads_as_a_person_reads_it():
    p = interpret(captured(*heshbonit(paid=(sent("אמצעי תשלום: אשראי"),
                                            sent("כרטיס 4821")))))
    assert (p.total_pence, p.tender, p.receipt_no) == (4400, "card", "40012")
    # names in logical order; the VAT and the amount before it are no items
    assert lines(p) == [("קרואסון שקדים", 2, 2800), ("Flat White", 1, 1600)]
    assert p.occurred == "2026-11-03T09:41:00+00:00" and p.flags == []


def test_cash_with_change_and_israels_payment_app_on_the_same_paper():
    cash = interpret(captured(*heshbonit(paid=(sent("אמצעי תשלום: מזומן"),
                                               sent("התקבל", "50.00"),
                                               sent("עודף", "6.00")))))
    assert (cash.tender, cash.total_pence, cash.flags) == ("cash", 4400, [])
    bit = interpret(captured(*heshbonit(paid=(sent("אמצעי תשלום: Bit"),))))
    assert (bit.tender, bit.flags) == ("Bit", [])


def test_a_line_sent_in_visual_order_is_read_back_cell_by_cell():
    assert logical_line(sent("Coca Cola", "2", "11.00", "22.00")) \
        .split() == ["Coca", "Cola", "2", "11.00", "22.00"]
    assert logical_line(sent("סה\"כ לתשלום", "74.00")).split() == ['סה"כ', "לתשלום", "74.00"]
    # a bracket mirrored as a bidi engine shows it, or left as a till that only
    # reverses its strings sends it: read back as written either way
    assert logical_line("(לודג) הפק") == logical_line(")לודג( הפק") == "קפה (גדול)"


def test_hebrew_and_arabic_sent_in_logical_order_are_read_as_printed():
    logical = ['סה"כ לתשלום            74.00', "מספר חשבונית: 30000", "עוגת גבינה   2   48.00"]
    assert not sent_visual(logical) and in_logical_order(logical) is logical
    arabic = ["الإجمالي:     290.70 ج.م", "طريقة الدفع: بطاقة", "رقم الإيصال: JDXY75J8"]
    assert not sent_visual(arabic) and in_logical_order(arabic) is arabic
    # Latin paper has no right-to-left words: nothing to decide
    assert in_logical_order(["TOTAL   £3.30"]) == ["TOTAL   £3.30"]


WORDS = st.sampled_from(["שקשוקה", "לימונדה", "עוגת", "גבינה", "סלט", "ירקות", "מים",
                         "מינרליים", "קפה", "הפוך", "חשבון", "מס", "קבלה", "שלום"])
FIGURES = st.builds(lambda p: f"{p // 100}.{p % 100:02d}", st.integers(0, 99999))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=3), FIGURES),
                min_size=2, max_size=8))
def test_every_row_a_till_sends_right_to_left_reads_back_as_it_was_written(rows):
    logical = [(" ".join(words), figure) for words, figure in rows]
    paper = [sent(name, figure) for name, figure in logical]
    read = in_logical_order(paper)
    if not sent_visual(paper):
        # words with no letter that only ends (or begins) a word say nothing
        assert read is paper
        return
    assert [line.split() for line in read] == [[*name.split(), figure] for name, figure in logical]


# --- levies and taxes on top, each to the penny ---------------------------------------

def chop_bar(subtotal: str, vat: str, nhil: str, getfund: str, total: str) -> list[str]:
    return ["Receipt No: 1234567", "Date: 07/12/2026, 14:35", "-" * 42,
            "Item             Qty      Price      Total",
            "Jollof & Chicken   1  GH¢ 45.00  GH¢ 45.00",
            "Kelewele           1  GH¢ 14.00  GH¢ 14.00", "-" * 42,
            f"Subtotal:{subtotal:>33}", f"VAT (15%):{vat:>32}", f"NHIL (2.5%):{nhil:>30}",
            f"GETFund Levy (2.5%):{getfund:>22}", f"TOTAL:{total:>36}", "Paid via: Cash"]


def test_levies_printed_with_their_rates_under_the_subtotal_are_tax_not_items():
    # 59.00 with 15 % + 2.5 % + 2.5 % is 70.80: the parts printed, each
    # rounded on its own line, add up to 70.81 (Ghana's VAT, NHIL, GETFund)
    p = interpret(captured(*chop_bar("GH¢ 59.00", "GH¢ 8.85", "GH¢ 1.48", "GH¢ 1.48",
                                     "GH¢ 70.80")))
    assert lines(p) == [("Jollof & Chicken", 1, 4500), ("Kelewele", 1, 1400)]
    assert (p.total_pence, p.tender, p.flags) == (7080, "cash", [])


def test_a_total_the_rates_do_not_make_is_never_trusted():
    # two pesewas off what 20 % on top makes: a till's error or a misread
    p = interpret(captured(*chop_bar("GH¢ 59.00", "GH¢ 8.85", "GH¢ 1.48", "GH¢ 1.48",
                                     "GH¢ 70.83")))
    assert p.flags


def test_kenyas_catering_levy_and_vat_on_a_restaurant_bill():
    p = interpret(captured("Receipt No: 88123", "Chicken tikka        1   950.00",
                           "Naan                 2   300.00", "Sub Total           1250.00",
                           "VAT 16%              200.00", "Catering Levy 2%      25.00",
                           "TOTAL               1475.00", "Cash                1475.00"))
    assert p.total_pence == 147500 and p.flags == []
    assert lines(p) == [("Chicken tikka", 1, 95000), ("Naan", 2, 30000)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(50, 9000), min_size=1, max_size=5),
       st.lists(st.sampled_from([1.0, 2.5, 5.0, 7.5, 12.5, 15.0]), min_size=2, max_size=4))
def test_the_rates_prove_the_total_whatever_the_parts_round_to(values, rates):
    subtotal = sum(values)
    parts = [round(subtotal * r / 100) for r in rates]
    total = round(subtotal * (100 + sum(rates)) / 100)
    money = lambda p: f"{p // 100}.{p % 100:02d}"  # noqa: E731
    text = [f"Item {i + 1}{money(v):>20}" for i, v in enumerate(values)]
    text += [f"Subtotal{money(subtotal):>20}"]
    text += [f"Levy {i + 1} ({r:g}%){money(p):>16}"
             for i, (r, p) in enumerate(zip(rates, parts, strict=True))]
    text += [f"TOTAL{money(total):>23}", f"Cash{money(total):>24}"]
    p = interpret(captured(*text))
    assert p.total_pence == total
    assert lines(p) == [(f"Item {i + 1}", 1, v) for i, v in enumerate(values)] or p.flags


# --- the Baltic fiscal receipt ----------------------------------------------------------

def kvitas(*paid: str, sign: str = "") -> list[str]:
    return ['UAB "DUONINĖ"', "PVM mokėtojo kodas LT100001234567", "-" * 40,
            f"Juoda duona 800 g                {sign}1,49 A", "Pienas 2,5% 1 l",
            f"   2 x 1,19                       {sign}2,38 A", "-" * 40,
            f"IŠ VISO                       EUR {sign}3,87",
            f"PVM A 21%                         {sign}0,67",
            f"Be PVM                            {sign}3,20", *paid, "-" * 40,
            "Kvitas Nr. 0417         Kasininkas: Rūta", "2026-12-07 14:35:12",
            "FISKALINIS KVITAS"]


def test_a_lithuanian_kvitas_reads_its_total_number_and_card():
    p = interpret(captured(*kvitas("Mokėjimo kortelė                  3,87")))
    assert (p.total_pence, p.tender, p.receipt_no) == (387, "card", "0417")
    assert lines(p) == [("Juoda duona 800 g", 1, 149), ("Pienas 2,5% 1 l", 2, 238)]
    assert p.flags == []


def test_cash_handed_over_and_change_and_a_return():
    cash = interpret(captured(*kvitas("Grynieji                          5,00",
                                      "Grąža                             1,13")))
    assert (cash.tender, cash.total_pence, cash.flags) == ("cash", 387, [])
    back = interpret(captured("GRĄŽINIMAS", *kvitas("Grynieji                         -3,87",
                                                    sign="-")))
    assert (back.kind, back.total_pence, back.tender) == ("refund", -387, "cash")


def test_maximas_amount_to_pay_and_a_bank_card():
    p = interpret(captured("Kvitas 1/15 #00000908", "Liesa varškė 0,5 %        0,45 A",
                           "Kiaušiniai                0,99 A", "Mokėti                    1,44",
                           "Banko kortelė             1,44"))
    assert (p.total_pence, p.tender) == (144, "card")


# --- a card terminal's slip under the card that paid -------------------------------------

def farm_shop(*slip: str, paid: tuple[str, ...] = ("CARD                      £12.00",)
              ) -> list[str]:
    return ["RECEIPT NO                020431", "-" * 32, "Scented soy candle        £12.00",
            "  1 x £12.00", "-" * 32, "SUBTOTAL                  £10.00",
            "TOTAL VAT                  £2.00", "TOTAL                     £12.00", "-" * 32,
            *paid, *slip]


def test_the_slip_under_the_card_that_paid_names_the_same_payment():
    p = interpret(captured(*farm_shop("*CUSTOMER COPY* - PLEASE RETAIN", "VIVA WALLET",
                                      "DATE                    19/06/26",
                                      "CARD MASTERCARD ************4322",
                                      "AUTH CODE                 838708")))
    assert (p.tender, p.total_pence, p.flags) == ("card", 1200, [])


def test_two_ways_that_each_paid_a_part_are_still_a_split():
    p = interpret(captured(*farm_shop(paid=("CARD                       £5.00",
                                            "CASH                       £7.00"))))
    assert "split_tender" in p.flags and {t.tender for t in p.tenders} == {"card", "cash"}


# --- a name wrapped between its priced row and its count row -----------------------------

def test_a_name_wrapped_under_its_priced_row_is_the_items_when_the_count_row_proves_it():
    p = interpret(captured("Local wildflower honey    £13.00", "340g", "  2 x £6.50",
                           "Sourdough loaf             £3.80", "  1 x £3.80",
                           "TOTAL                     £16.80", "CASH                      £16.80"))
    assert lines(p) == [("Local wildflower honey 340g", 2, 1300), ("Sourdough loaf", 1, 380)]
    assert p.flags == []
