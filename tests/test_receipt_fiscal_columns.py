"""Fiscal receipts' columns as the paper prints them (rules22a; ITEMS.md,
TAX.md, NUMBERS.md): a tax rate after the value, a count in a column of its
own before the name and the name's rest under it, a count row's own
discount, a name whose last row carries the value, the fiscal document's
own number beside the till's reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drivers.receipt import interpret
from tests.test_receipt_reading import captured, lines


def _eur(pence: int) -> str:
    return f"{pence // 100},{pence % 100:02d}"


# --- Austria, QRK: "Anz  Artikel  Preis  M%" -------------------------------------------

QRK = ("Kasse: K2 Positionen: 5", "Bon-Nr: 1844  - Barzahlung",
       "Datum: 08.06.2026 Uhrzeit: 12:28:45",
       "------------------------------------------------",
       "Anz Artikel                            Preis  M%",
       "1   Heißer Apfelsaft                   3,60   20",
       "2   Wiener Schnitzel vom Kalb mit",
       "    Erdäpfelsalat",
       "    2 x 22,90                         45,80   10",
       "4   Mineralwasser prickelnd",
       "    4 x 3,10 Rabatt: -20%              9,92   20",
       "1   Verlängerter                       3,90   10",
       "------------------------------------------------",
       "                                   Gesamt: 63,22",
       "                                  MwSt 20%: 2,25",
       "                                  MwSt 10%: 4,52",
       "             (Alle Beträge in EUR)")


def test_a_qrk_receipt_reads_its_rate_column_its_count_column_and_its_wrapped_names():
    p = interpret(captured(*QRK))
    assert lines(p) == [("Heißer Apfelsaft", 1, 360),
                        ("Wiener Schnitzel vom Kalb mit Erdäpfelsalat", 2, 4580),
                        ("Mineralwasser prickelnd", 4, 992), ("Verlängerter", 1, 390)]
    assert p.total_pence == 6322 and p.receipt_no == "1844" and p.flags == []


@given(price=st.integers(min_value=1, max_value=99_999), rate=st.sampled_from(["00", "10", "13",
                                                                              "20"]),
       count=st.integers(min_value=2, max_value=9))
def test_the_number_after_the_value_is_its_rate_when_the_total_says_so(price, rate, count):
    # the arithmetic proves the reading: the rate is never the amount
    one = f"1   Kaiserschmarrn   {_eur(price)}   {rate}"
    p = interpret(captured("Anz Artikel   Preis  M%", one, f"Gesamt: {_eur(price)}"))
    assert lines(p) == [("Kaiserschmarrn", 1, price)] and p.flags == []
    row = f"    {count} x {_eur(price)}   {_eur(price * count)}   {rate}"
    p = interpret(captured("Anz Artikel   Preis  M%", f"{count}   Melange", row,
                           f"Gesamt: {_eur(price * count)}"))
    assert lines(p) == [("Melange", count, price * count)] and p.flags == []


def test_a_whole_number_after_the_unit_price_is_still_the_value_where_the_count_makes_it():
    p = interpret(captured("2 Pc    Soup of the da     1.50        3", "Total   3.00"))
    assert lines(p) == [("Soup of the da", 2, 300)] and p.flags == []


def test_a_storno_counts_negative_and_its_count_is_never_the_name():
    p = interpret(captured("Storno für Beleg Nr: 1833", "Bon-Nr: 1872  - Kreditkarte",
                           "Anz Artikel            Preis  M%",
                           "-2  Verlängerter", "    -2 x 3,90         -7,80   10",
                           "-1  Frittatensuppe    -4,80   10",
                           "                   Gesamt: -12,60"))
    assert p.kind == "refund" and p.total_pence == -1260 and p.receipt_no == "1872"
    assert lines(p) == [("Verlängerter", 2, 780), ("Frittatensuppe", 1, 480)]


def test_a_count_that_is_not_the_quantity_stays_the_names_and_an_option_is_no_names_rest():
    p = interpret(captured("7 Up", "2 x 1.00   2.00", "Total   2.00"))
    assert lines(p) == [("7 Up", 2, 200)]
    p = interpret(captured("1  Latte        3.00", "   + Oat milk", "Total   3.00"))
    assert lines(p)[0] == ("Latte", 1, 300)


# --- Bulgaria: a касова бележка ----------------------------------------------------------

def test_a_bulgarian_bon_reads_its_number_with_its_zeros_and_a_name_wrapped_over_its_value():
    p = interpret(captured("ЕИК: 103994512", "ЗДДС № BG103994512", "0002 Георги",
                           "Хляб Добруджа 650 г       0.97 Б",
                           "2.000 x 0.66",
                           "Минерална вода Горна",
                           "баня 0,5 л                1.32 Б",
                           "--------------------------------",
                           "ОБЩА СУМА               2.29 EUR",
                           "В БРОЙ                     10.00", "РЕСТО                       7.71",
                           "ДДС Б = 20.00%              0.38",
                           "БОН № 0024019   16.12.2026 12:19:58",
                           "УНП: DT103994-0001-0024019", "ФИСКАЛЕН БОН",
                           "DT994512                02039945"))
    assert lines(p) == [("Хляб Добруджа 650 г", 1, 97),
                        ("Минерална вода Горна баня 0,5 л", 2, 132)]
    assert p.receipt_no == "0024019" and p.total_pence == 229 and p.tender == "cash"
    assert p.flags == []  # the VAT number (ЗДДС), the УНП, the device's: never the number


# --- Uganda: an EFRIS e-receipt ---------------------------------------------------------

EFRIS = ("Section A: Seller's Details", "TIN: 1001876420", "Reference: POS-040210",
         "Section B: URA Information", "Issued Date: 2026-07-12", "Time: 08:05:20",
         "Device Number: TCSd0da7834", "FDN: 325030386481",
         "Verification: 49660023493432706369",
         "Section D: Goods & Services Details",
         "No Item              Qty Unit Price    Total Tax",
         "1  Posho               1      6,000    6,000   A",
         "   Maize",
         "   Flour 2kg",
         "2  Splash Mango        2      5,500   11,000   A",
         "   Juice 1L",
         "Section E: Tax Details",
         "Category               Net     Tax         Gross",
         "A: Standard (18%)   14,407   2,593        17,000",
         "Section F: Summary",
         "Net Amount:                               14,407",
         "Tax Amount:                                2,593",
         "Gross Amount:                         17,000 UGX",
         "Payment Mode:                               Cash",
         "Number of Items:                               2",
         "Currency:                                    UGX")


def test_an_efris_receipt_reads_its_fdn_its_wrapped_cells_and_no_tax_band_as_an_item():
    p = interpret(captured(*EFRIS))
    assert lines(p) == [("Posho Maize Flour 2kg", 1, 600_000),
                        ("Splash Mango Juice 1L", 2, 1_100_000)]
    assert p.receipt_no == "325030386481" and p.total_pence == 1_700_000
    # "Number of Items: 2" is no amount under the total; the device's number and
    # the verification code are no receipt's number (unread, asking nobody)
    assert p.tender == "cash" and p.flags == ["unread_number"]
