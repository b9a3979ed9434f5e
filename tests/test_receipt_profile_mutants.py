"""What a learnt profile trusts on paper its samples never showed
(``tests.receipt_profile_mutants``, the red team of the profile path): each
class it found, as the paper printed it, and a pinned slice of the red team
itself. Receipts are printed by python-escpos and decoded by our decoder."""

from __future__ import annotations

import pytest

from agent.config import ReceiptConfig
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import interpret
from tests import receipt_profile_mutants as red
from tests.receipts_score import printed_receipt, review_flags

# A school office's dinner-money receipt: the amount under "Amount", how it
# was paid under "Method" (a fee portal's thermal receipt, holdout28's
# office-fee shape), no "Total" word the defaults read.
PAID = [("Milk - spring term", 1140, "Card"), ("Dinners w/c 25/05", 960, "Cash"),
        ("Trip lunch", 450, "Card"), ("Dinners w/c 01/06", 1200, "Cash"),
        ("Breakfast club", 325, "Card")]


def _office(i: int, purpose: str, pence: int, method: str) -> object:
    return printed_receipt(
        "HOLLYBANK PRIMARY SCHOOL", "Dinner Money Receipt", "=" * 32,
        f"Receipt No.: DM-{412 + i:05d}", f"Date: {10 + i}-03-2026", "Student: Freya Turner",
        f"Admission No.: {3491 + i}", "-" * 32, f"Purpose: {purpose}",
        f"Amount: £{pence / 100:.2f}", f"Method: {method}", "-" * 32, "Thank You!",
        "For Payment", "(Original Receipt)", "=" * 32)


def _office_rules():
    samples = [_office(i, *paid) for i, paid in enumerate(PAID)]
    truths = [Truth(total=pence, tender=method.lower(), receipt_no=f"DM-{412 + i:05d}",
                    when=f"2026-03-{10 + i}", account=str(3491 + i), lines=[(purpose, 1, pence)])
              for i, (purpose, pence, method) in enumerate(PAID)]
    profile = learn(samples, ReceiptConfig(), truths=truths)
    return rules_from_config(profile.config(ReceiptConfig()))


OFFICE_RULES = _office_rules()


def test_the_office_profile_reads_its_own_sales_as_its_samples_taught():
    p = interpret(_office(7, "Dinners w/c 08/06", 960, "Card"), OFFICE_RULES)
    assert (p.kind, p.total_pence, p.tender, p.account) == ("sale", 960, "card", "3498")
    assert not review_flags(p.flags)


@pytest.mark.parametrize("method, tender", [
    ("Refund to card", "card"), ("Cash refund", "cash"), ("Refunded to cash", "cash")])
def test_a_way_back_under_the_payments_label_is_a_refund_though_no_sample_printed_one(
        method, tender):
    # The paper: "Amount: £9.60" / "Method: Cash refund". The samples were
    # all sales; the money went back, whatever sign the amount printed with.
    p = interpret(_office(7, "Refund - dinners not taken", 960, method), OFFICE_RULES)
    assert review_flags(p.flags) or (p.kind, p.total_pence, p.tender) == ("refund", -960, tender)


@pytest.mark.parametrize("method, tender", [
    ("Refund to card", "card"), ("Cash refund", "cash"), ("Paid by: Card refund", "card")])
def test_the_defaults_read_a_labelled_way_back_as_a_refund(method, tender):
    way = method if ":" in method else f"Method: {method}"
    p = interpret(printed_receipt("HOLLYBANK PRIMARY SCHOOL", "Receipt No.: DM-00412",
                                  "Purpose: Milk - spring term", "Total: £11.40", way,
                                  "Thank You!"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -1140, tender)


def test_a_labelled_way_that_is_no_refund_is_a_sale():
    p = interpret(printed_receipt("HOLLYBANK PRIMARY SCHOOL", "Receipt No.: DM-00412",
                                  "Purpose: Milk - spring term", "Total: £11.40",
                                  "Method: Card", "Refund policy: see our website"))
    assert (p.kind, p.total_pence, p.tender) == ("sale", 1140, "card")


# A school's servery slip whose pupil's number is under "Diner", a word no
# default rule reads as an account's: the profile learns it from five slips.
MENU = [("Pasta bake", 230), ("Jacket potato", 210), ("Fruit pot", 60), ("Milk", 45),
        ("Cookie", 50)]


def _servery(i: int, diner: str, *under: str) -> tuple[object, Truth]:
    (a, pa), (b, pb) = MENU[i % 5], MENU[(i + 2) % 5]
    lines = ["ST ANNE'S HIGH SCHOOL", f"Receipt 70{i:02d}", f"0{1 + i}/03/2026 12:{10 + i}",
             f"Diner: {diner}", *under, f"{a:<20}{pa / 100:>8.2f}", f"{b:<20}{pb / 100:>8.2f}",
             f"{'TOTAL':<20}{(pa + pb) / 100:>8.2f}", f"{'Cashless':<20}{(pa + pb) / 100:>8.2f}",
             "Thank you"]
    return printed_receipt(*lines), Truth(
        total=pa + pb, tender="account", receipt_no=f"70{i:02d}",
        when=f"2026-03-0{1 + i}T12:{10 + i}:00", account=diner, lines=[(a, 1, pa), (b, 1, pb)])


def _servery_rules():
    samples, truths = zip(*(_servery(i, f"{61423 + 17 * i}") for i in range(5)), strict=True)
    profile = learn(list(samples), ReceiptConfig(), truths=list(truths))
    return rules_from_config(profile.config(ReceiptConfig()))


SERVERY_RULES = _servery_rules()


def test_the_servery_profile_reads_the_diners_number_the_defaults_cannot():
    p = interpret(_servery(6, "61525")[0], SERVERY_RULES)
    assert (p.total_pence, p.tender, p.account) == (255, "account", "61525")
    assert not review_flags(p.flags)
    assert interpret(_servery(6, "61525")[0]).account is None


@pytest.mark.parametrize("diner, under", [
    ("61525, 70211", ()), ("61525 / 70211", ()), ("61525 & 70211", ()),
    ("61525", ("Diner: 70211",))])
def test_a_second_pupils_number_under_the_learnt_label_is_held_for_a_person(diner, under):
    # Two children on one slip: no sample printed a second number, and which
    # child's account pays the paper does not say.
    p = interpret(_servery(6, diner, *under)[0], SERVERY_RULES)
    assert p.account is None and "several_accounts" in p.flags and review_flags(p.flags)


def test_the_same_pupils_number_printed_twice_is_one_account():
    p = interpret(_servery(6, "61525", "Diner: 61525")[0], SERVERY_RULES)
    assert p.account == "61525" and "several_accounts" not in p.flags


def test_a_second_code_of_the_first_ones_shape_is_another_pupil():
    # "Acct: ST62, ST95": a refectory's short codes, letters and digits in
    # the same places; a form group beside a number ("2956, 10M") is none.
    p = interpret(printed_receipt("Refectory   POS 3", "Acct: ST62, ST95", "Soup   2.10",
                                  "TOTAL   2.10", "Paid by Cashless Account   2.10"))
    assert p.account is None and "several_accounts" in p.flags
    p = interpret(printed_receipt("Refectory   POS 3", "Acct: ST62", "Soup   2.10",
                                  "TOTAL   2.10", "Paid by Cashless Account   2.10"))
    assert p.account == "ST62" and not review_flags(p.flags)


def test_a_second_account_code_with_letters_after_its_digits_is_two_pupils():
    p = interpret(printed_receipt(
        "ASPENS", "Receipt 2203-000300", "Customer: Noah Williams (Y12)",
        "Account No: A32285, 81556A", "Latte Regular          £2.10", "TOTAL          £2.10",
        "Paid by Cashless Account   £2.10"))
    assert p.account is None and "several_accounts" in p.flags


# The pinned slice: a few layouts whose profiles the floors' tests learn
# (seed 11: their set's tests share a worker, ``tests.xdist_scopes``), two
# base receipts each, every attack that fits them (12 to 16 mutants each).
SLICE = ("holdout28:office-fee", "holdout22:aspens-sixth", "holdout26:uni-canteen")


@pytest.mark.parametrize("layout", SLICE)
def test_the_profiles_trust_no_mutant_wrong_in_the_pinned_slice(layout):
    found = red.attack([layout], per_layout=2, seed=5)
    assert len({m.attack for m, _v, _dv in found}) >= 3
    wrong = [(m.base.source, m.attack, m.note) for m, v, _dv in found if v == "trusted_wrong"]
    assert wrong == []


# Round two (fuzz30): what the red team found the defaults, and the profiles
# with them, trusted wrong; each as the paper printed it.
STRUK = ("TOKO SRIKANDI", "STRUK PENJUALAN", "Invoice:              TRX1878824",
         "Tanggal:       06/07/2026, 10.39", "-" * 32, "Penghapus",
         "2 x Rp2.000              Rp4.000", "Map Plastik", "1 x Rp2.500              Rp2.500",
         "-" * 32, "TOTAL:                   Rp6.500", "=" * 32)


@pytest.mark.parametrize("way, tender", [
    ("Metode:                     REFUNDED IN CASH", "cash"),
    ("Metode: Refund to card", "card"), ("Método: Refunded in cash", "cash"),
    ("Forma de pago: Refunded to card", "card")])
def test_a_way_back_under_a_payment_label_in_another_language_is_a_refund(way, tender):
    # An Indonesian shop's "Metode:" (method) over an English way back: the
    # label's language says nothing of which way the money went.
    p = interpret(printed_receipt(*STRUK, way, "TERIMA KASIH"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -650000, tender)


@pytest.mark.parametrize("way", ["Metode:    TUNAI", "Metode: Cash"])
def test_the_same_label_over_a_way_paid_is_still_a_sale(way):
    p = interpret(printed_receipt(*STRUK, way, "TERIMA KASIH"))
    assert (p.kind, p.total_pence) == ("sale", 650000)


CAFE = ("CAFE CYMRU", "Receipt No: 1234", "Cawl   2.10", "Bara brith   1.00",
        "Cyfanswm / Total   £3.10")


def test_a_welsh_payment_label_names_the_way_paid():
    # "Dull talu: Arian parod": way of paying: cash (Welsh).
    p = interpret(printed_receipt(*CAFE, "Dull talu: Arian parod", "Diolch"))
    assert (p.total_pence, p.tender) == (310, "cash") and not review_flags(p.flags)


def test_a_way_no_table_reads_under_an_irish_payment_label_is_flagged():
    # A refund "of money" in Irish under the way paid: which way the money
    # went back no table says ("airgid": money's, not "airgead tirim", cash);
    # never a sale paid by nothing in silence.
    p = interpret(printed_receipt(*CAFE, "Modh íocaíochta: Aisíocaíocht airgid", "Diolch"))
    assert review_flags(p.flags)


def test_a_welsh_refund_in_cash_under_the_payment_label_is_a_cash_refund():
    # "Ad-daliad" (refund) and "arian parod" (cash), under the way paid: the
    # money went back in cash (it was flagged, the way unread).
    p = interpret(printed_receipt(*CAFE, "Dull talu: Ad-daliad arian parod", "Diolch"))
    assert (p.kind, p.total_pence, p.tender) == ("refund", -310, "cash")
    assert not review_flags(p.flags)


KIOSK = ("NORTHSIDE COFFEE CO", "Order #: K002", "Blueberry Muffin                     $3.50",
         "Latte x3                            $16.50", "TOTAL:                              $20.00",
         "-" * 42, "PAYMENT:")


@pytest.mark.parametrize("way, kind, total", [
    ("Card                 8808", "sale", 2000),
    ("Refund to card       8808", "refund", -2000)])
def test_a_cards_last_digits_in_the_amounts_column_keep_the_way_paid(way, kind, total):
    # The card's last four where an amount would stand: the way is still
    # printed (it was read as a number and the card dropped, in silence).
    p = interpret(printed_receipt(*KIOSK, way, "Status: APPROVED", "Auth Code: 095451"))
    assert (p.kind, p.total_pence, p.tender) == (kind, total, "card")


def _bistro(ids: str) -> object:
    return printed_receipt(
        "MILLBROOK COLLEGE", "The Bistro", "Tran: 16800   Op: AM", "Tue 24 Mar 2026 2:47 PM",
        "Student: C. Murphy", f"ID: {ids}", "-" * 32, "2x Latte regular           £5.30",
        "Soup of the day            £2.00", "-" * 32, "Total                      £7.30",
        "Cash purse                 £7.30", "Purse balance             £38.77")


def test_a_students_id_under_the_name_is_the_account():
    p = interpret(_bistro("9076603"))
    assert (p.total_pence, p.tender, p.account) == (730, "account", "9076603")


@pytest.mark.parametrize("ids", ["9076603, 2309936", "9076603 / 2309936", "9076603 and 2309936"])
def test_two_ids_under_a_students_name_are_held_for_a_person(ids):
    # Two children's identifiers on the one row: whose purse pays, the paper
    # does not say (it was read as no account, unflagged).
    p = interpret(_bistro(ids))
    assert p.account is None and "several_accounts" in p.flags and review_flags(p.flags)


def _fuel_zone(*paid: str) -> object:
    return printed_receipt(
        "FUEL ZONE", "St Mungo's Academy", "Tue 17 Feb 2026 14:00",
        "Till 1         Receipt No 000041", "Card 6015854            L. Grant", "-" * 32,
        "3 Fruit juice               1.80", "Yoghurt                     0.50", "-" * 32,
        "TOTAL                      £2.30", *paid, "Points balance               271",
        "Card balance              £18.13")


def test_a_card_that_prints_its_own_balance_is_the_pupils_account():
    p = interpret(_fuel_zone("Payment card               £2.30"))
    assert (p.total_pence, p.tender, p.account) == (230, "account", "6015854")
    assert not review_flags(p.flags)


@pytest.mark.parametrize("second", ["Card                        1.00",
                                    "Payment card               £1.00"])
def test_a_card_with_its_own_balance_that_paid_in_two_parts_is_flagged(second):
    # "Payment card £1.30" and "Card 1.00": the balance printed is one
    # card's; whether both parts were the pupil's card, or one a bank's, the
    # paper does not say.
    p = interpret(_fuel_zone("Payment card               £1.30", second))
    assert review_flags(p.flags) and p.tender != "account"


def _durham(*refs: str) -> object:
    return printed_receipt(
        "     Burnhope Lane Primary", "     DURHAM COUNTY COUNCIL", "      SCHOOL MEALS PAYMENT",
        "-" * 32, "Receipt no: 0415", "Date: 12/10/2026", "Paid by: Cash", "-" * 32,
        "Ella McLean Y4", *refs, " Refund absent 12/10 5 @ 2.00", " " * 27 + "10.00",
        "-" * 32, "REFUNDED                 -£10.00", "Cash returned             £10.00")


def test_a_second_ref_under_the_pupils_row_is_another_pupils():
    # "Ella McLean Y4" / "Ref 17470" / "Ref 40703": two pupils' references
    # under one row; whose refund it is, a person says.
    p = interpret(_durham("Ref 17470", "Ref 40703"))
    assert p.account is None and "several_accounts" in p.flags
    p = interpret(_durham("Ref 17470", "Ref 17470"))
    assert p.account == "17470" and not review_flags(p.flags)


def _denbigh(number: str) -> object:
    return printed_receipt(
        "YSGOL GLAN CLWYD", "Trafodyn      Transaction            08800",
        "Disgybl       Pupil          Lowri Jenkins", f"Rhif cyfrif   Account no.   {number}",
        "Cinio         Lunch                  £2.60", "CYFANSWM      TOTAL                  £2.60",
        "Cyfrif        Account                £2.60")


def test_two_numbers_under_an_account_label_in_two_language_columns_are_two_pupils():
    p = interpret(_denbigh("67872, 90105"))
    assert p.account is None and "several_accounts" in p.flags
    assert interpret(_denbigh("67872")).account == "67872"


def test_two_ids_under_a_bilingual_id_label_are_two_pupils():
    # "SUID / ID : 2364322, 5697655" under the student's name (a kiosk's
    # label in two words for one thing): as under "ID:" alone.
    lines = ("DATE/TIME: 05/05/2026 12:44", "RECEIPT NO: TXN-004000",
             "STUDENT NAME : DAFYDD PRITCHARD")
    tail = ("SERVICE      : Grab bag lunch", "TOTAL PAID   : GBP 3.10",
            "PAID FROM    : MEAL ACCOUNT")
    p = interpret(printed_receipt(*lines, "SUID / ID    : 2364322, 5697655", *tail))
    assert p.account is None and "several_accounts" in p.flags
