"""Tenders, numbers and refunds as the blind sets printed them, read as the
general facts in ``drivers/receipt/TENDERS.md`` and ``NUMBERS.md``: a
national debit network is a card; a wallet, instant payment or bank
transfer by its name is kept as printed and takes nothing from the
pupil's account; a fiscal title's kind between its type and its number's
mark; a refund's own number, never the sale's it names; the purse a sale
took from is the purse a refund pays back to; a purse paying part of a
split under a name no table knows is read as its part, flagged. Each
receipt is printed by python-escpos and captured by our decoder."""

from __future__ import annotations

from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.config import ReceiptConfig
from agent.sale.balances import split_charge
from agent.sale.receipt_learn import learn
from agent.sale.receipt_learn_fields import Truth
from agent.sale.receipt_rules import rules_from_config
from agent.sale.sale_from_receipt import normalise_tender
from drivers.receipt import interpret
from tests.receipts_score import decode

W = 32


def _row(left: str, right: str, width: int = W) -> str:
    return left + " " * max(1, width - len(left) - len(right)) + right


def _receipt(*lines: str) -> object:
    p = Dummy()
    for line in lines:
        p.textln(line)
    p.cut()
    return decode(p.output)[0][0]


def _sgd(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def _kopitiam(*paid: tuple[str, int]) -> object:
    """A Singapore kopitiam's bill of 8.70 paid by ``paid`` (word, cents)."""
    return _receipt("HAO CHI KOPITIAM", "Bill No : 003151", "18-05-2026 10:15:40", "-" * W,
                    _row("  1 Laksa", "6.20"), _row("  1 Barley (L)", "2.50"), "-" * W,
                    _row("          TOTAL", "8.70"),
                    *(_row(word, _sgd(cents)) for word, cents in paid), "Cashier: 07")


# --- a national debit network is a card -------------------------------------------

NETWORKS = ["NETS", "EFTPOS", "Interac", "Redcompra", "Bancontact", "girocard", "Mada", "KNET",
            "CIB", "Verve", "RuPay", "Meeza"]


@settings(max_examples=60, deadline=None)
@given(network=st.sampled_from(NETWORKS),
       before=st.sampled_from(["", "Tarjeta ", "TARJETA DEBITO ", "Carte ", "Card ",
                               "Tarjeta de credito "]),
       after=st.sampled_from(["", " Debit", " card", " contactless"]),
       case=st.sampled_from([str.upper, str.lower, str]))
def test_a_national_debit_network_however_worded_around_it_is_a_card(network, before, after,
                                                                      case):
    word = case(before + network + after)
    p = interpret(_kopitiam((word, 870)))
    assert (p.tender, p.flags) == ("card", []), word


def test_chiles_debit_card_on_redcompra_with_the_boletas_colon_is_a_card():
    p = interpret(_kopitiam(("TARJETA DEBITO REDCOMPRA:", 870)))
    assert (p.tender, p.flags) == ("card", [])


def test_nets_and_cash_together_are_a_split_in_their_parts():
    p = interpret(_kopitiam(("NETS", 500), ("CASH", 370)))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("card", 500), ("cash", 370)]
    assert "split_tender" in p.flags and "unread_tender" not in p.flags


def test_a_croatian_fiscal_bills_cards_in_the_plural_are_a_card():
    # the fiscalisation's payment codes: G gotovina, K kartice
    for way, want in (("Kartice", "card"), ("Gotovina", "cash")):
        p = interpret(_receipt("KAVANA MASKARA d.o.o.", "Račun br: 417/PP1/2",
                               _row("Kava s mlijekom", "2,10"), _row("UKUPNO EUR:", "2,10"),
                               f"Način plaćanja: {way}"))
        assert (p.tender, p.flags) == (want, []), way


def test_a_network_name_that_is_an_ordinary_word_is_not_taken_for_a_card():
    # Brazil's Elo, Russia's Mir: names an item could carry; no table reads them
    p = interpret(_kopitiam(("Mir", 870)))
    assert p.tender != "card"


# --- a wallet or transfer by name: as printed, nothing from the account ----------

WALLETS = ["PayNow", "JazzCash", "Easypaisa", "MB WAY", "Bizum", "BLIK", "Swish", "Vipps",
           "Twint", "PIX", "UPI", "M-Pesa", "GCash", "GrabPay", "iDEAL", "Transferencia"]


@settings(max_examples=40, deadline=None)
@given(wallet=st.sampled_from(WALLETS))
def test_a_wallet_or_transfer_by_its_name_is_kept_as_printed_and_not_flagged(wallet):
    p = interpret(_kopitiam((wallet, 870)))
    assert (p.tender, p.flags) == (wallet, [])
    # the journal's word is the receipt's, lower case: none of the four
    assert normalise_tender(p.tender, identified=True) == wallet.lower()


def test_a_wallet_under_a_payment_label_with_its_reference_under_it():
    p = interpret(_receipt("KARACHI GRILL", "Invoice No: 81241726022100001", "-" * 48,
                           _row("Chicken Karahi", "1,450.00", 48), "-" * 48,
                           _row("Total Payable", "Rs. 1,450.00", 48),
                           "Mode of Payment: JazzCash", "Txn ID: 4471820093"))
    assert (p.tender, p.flags) == ("JazzCash", [])


def test_a_wallet_and_cash_are_a_split_and_the_wallet_part_takes_nothing_from_the_account():
    p = interpret(_kopitiam(("PayNow", 500), ("CASH", 370)))
    parts = [(normalise_tender(t.tender, True), t.amount_pence) for t in p.tenders]
    assert parts == [("paynow", 500), ("cash", 370)]
    assert split_charge(parts, fsm_left=0) == (0, 0)  # nothing charged, no allowance used


def test_a_wallet_by_no_name_is_still_flagged():
    # a school may call its own purse an e-wallet: whose money, the word does not say
    p = interpret(_kopitiam(("E-wallet", 870)))
    assert (p.tender, p.flags) == ("E-wallet", ["unmapped_tender"])


# --- a fiscal title's kind between its type and its number's mark -----------------

def _boleta(title: str) -> object:
    return _receipt("GIMNASIO CAFE", "RUT: 76.123.456-7", title, "S.I.I NUNOA",
                    "FECHA EMISION: 25-10-2026 07:09", "-" * 42,
                    _row("Agua mineral", "$1.200", 42), "-" * 42, _row("TOTAL:", "$1.200", 42),
                    _row("EFECTIVO:", "$2.000", 42), _row("VUELTO:", "$800", 42))


@settings(max_examples=40, deadline=None)
@given(doc=st.sampled_from(["BOLETA", "Boleta", "FACTURA", "TICKET", "NOTA DE VENTA"]),
       kind=st.sampled_from(["", " ELECTRONICA", " ELECTRÓNICA", " Electronica",
                             " DE VENTA ELECTRONICA", " ELETRÔNICA", " FISCAL"]),
       mark=st.sampled_from(["N°", "Nº", "No.", "Nro.", "N° ", "#"]),
       number=st.integers(1, 99_999_999))
def test_the_number_after_a_documents_type_its_kind_and_its_mark(doc, kind, mark, number):
    p = interpret(_boleta(f"{doc}{kind} {mark}{number}"))
    assert (p.receipt_no, p.total_pence) == (str(number), 120000)
    assert "unread_number" not in p.flags


# --- a refund's own number, never the sale's it names ----------------------------

def _zettle_refund(*header: str) -> object:
    return _receipt("The Wren Cafe", "VAT no. GB 123456789", "Refund", *header,
                    "6 Apr 2026 14:56", _row("Flat White", "£3.20"),
                    _row("Total refunded", "£3.20"), "Refunded to card")


def test_a_refund_of_a_receipt_is_numbered_by_its_own_receipt_above_or_below():
    for header in (("Refund of receipt #986", "Receipt #1048"),
                   ("Receipt #1048", "Refund of receipt #986")):
        p = interpret(_zettle_refund(*header))
        assert (p.kind, p.receipt_no, p.total_pence) == ("refund", "1048", -320), header
        assert "unsure_number" not in p.flags


@given(words=st.sampled_from(["Refund of receipt", "Return for invoice", "Refund for receipt",
                              "Devolución del ticket", "Remboursement du ticket",
                              "Gutschrift zur Rechnung", "Void of receipt"]),
       sale=st.integers(1, 9999), own=st.integers(10_000, 99_999))
@settings(max_examples=40, deadline=None)
def test_the_sale_a_refund_names_is_never_the_refunds_number(words, sale, own):
    p = interpret(_zettle_refund(f"{words} #{sale}", f"Receipt #{own}"))
    assert p.receipt_no == str(own)


# --- the purse a refund pays back to, under a profile -----------------------------

def _swipe(kind: str, *paid: tuple[str, int]) -> object:
    return _receipt("WESTFIELD DENE SCHOOL", "06.04.2026  12:41  Pos 1", "Receipt 000310",
                    "Name: Harvey Lund", "Acc No: 26636", "=" * W,
                    _row("Bacon Bap x3", "4.95"), _row("Fruit Juice Carton", "1.85"), "=" * W,
                    _row(kind, "£6.80"), *(_row(w, f"£{_sgd(c)}") for w, c in paid),
                    _row("Balance Now", "£12.74"))


def _profile_from_sales() -> object:
    samples = [_swipe("SPEND", ("From Balance", 680)) for _ in range(5)]
    truths = [Truth(total=680, tender="account") for _ in range(5)]
    return rules_from_config(learn(samples, ReceiptConfig(), truths=truths).config(
        ReceiptConfig()))


def test_under_a_profile_a_refund_back_to_the_balance_sales_took_from_is_trusted():
    rules = _profile_from_sales()
    p = interpret(_swipe("REFUND", ("Credited to Balance", 680)), rules)
    assert (p.kind, p.tender, p.total_pence, p.flags) == ("refund", "account", -680, [])


def test_under_that_profile_a_refund_to_another_purse_is_not_trusted():
    rules = _profile_from_sales()
    p = interpret(_swipe("REFUND", ("Credited to Bursary purse", 680)), rules)
    assert "unmapped_tender" in p.flags


def test_under_a_profile_a_free_meal_by_name_is_free_meals_though_no_sample_printed_it():
    rules = _profile_from_sales()
    p = interpret(_swipe("SPEND", ("Free Meal Entitlement", 275), ("From Balance", 405)), rules)
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [("fsm", 275), ("account", 405)]
    assert "unmapped_tender" not in p.flags


# --- a split whose part is taken from a purse no table names ----------------------

def _meal_credit(*paid: tuple[str, int]) -> object:
    return _receipt("ASHGROVE HIGH SCHOOL", "Trans 000125      21/05/26 13:33",
                    "Card No: 10040631", "-" * W, _row("1 x Roast Dinner", "2.55"),
                    _row("1 x Chicken Wrap", "2.05"), "-" * W, _row("AMOUNT SPENT", "£4.60"),
                    *(_row(w, f"£{_sgd(c)}") for w, c in paid), "-" * W,
                    _row("Cash Balance Now", "£0.01"))


@settings(max_examples=30, deadline=None)
@given(credit=st.integers(1, 459))
def test_a_meal_credit_and_the_balance_are_read_in_their_parts_where_they_add_up(credit):
    p = interpret(_meal_credit(("Meal Credit Used", credit), ("From Cash Balance", 460 - credit)))
    assert [(t.tender, t.amount_pence) for t in p.tenders] == [
        ("Meal Credit", credit), ("account", 460 - credit)]
    # which money the meal credit is, no table says: flagged, never guessed
    assert {"split_tender", "unmapped_tender"} <= set(p.flags)


def test_parts_that_do_not_add_up_are_never_kept():
    p = interpret(_meal_credit(("Meal Credit Used", 245), ("From Cash Balance", 100)))
    assert p.tenders == () and "split_unreconciled" in p.flags
