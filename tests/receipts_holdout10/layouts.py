"""The tenth holdout's layouts: each renders one receipt as its till prints it
and returns the truth (see README.md for the sources and what is invented).

Amounts are kept in hundredths of the receipt's currency (cents, pence,
hundredths of a shilling or a rupiah), whatever the paper shows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed
from tests.receipts_holdout7 import Line, cash_given, items, moment, money

Render = Callable[[random.Random, int], tuple[Printed, Truth]]


def row(left: str, right: str, width: int) -> str:
    """A label left and a value right on one line of ``width`` (one space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def bst(when: datetime) -> bool:
    """Whether ``when`` (local, 2026) is in British Summer Time (29 March to 25 October)."""
    return datetime(2026, 3, 29, 1) <= when < datetime(2026, 10, 25, 1)


def school_day(when: datetime, first: int = 8, last: int = 15) -> datetime:
    """``when`` moved to a weekday (a Friday for a weekend) and into the
    school's opening hours: no school till rings on a Sunday evening."""
    if when.weekday() >= 5:
        when -= timedelta(days=when.weekday() - 4)
    return when.replace(hour=min(max(when.hour, first), last))


def lines_of(basket: list[Line]) -> list[tuple[str, int, int]]:
    return [(ln.name, ln.qty, ln.value) for ln in basket]


# --- Zollify: an art-fair booth's Kassenbon with its TSE block -----------------------

ZOLLIFY_MENU = [
    ("Print (A4)", 2000), ("Print (A3)", 3500), ("Sticker", 500), ("Postcard", 250),
    ("Tote bag", 1800), ("Enamel pin", 900), ("Zine Nr. 4", 1200), ("Art book", 2990),
    ("Mug", 1600), ("Poster 50x70", 4500), ("Keyring", 650), ("Calendar 2027", 1900),
]
# Books carry 7 % VAT in Germany, everything else 19 %; Swiss fairs 8.1 %.
ZOLLIFY_REDUCED = {"Zine Nr. 4", "Art book", "Calendar 2027"}
ZOLLIFY_FAIRS = [("Kunstmarkt Leipzig", "EUR"), ("Designmesse HH", "EUR"),
                 ("Comic-Salon", "EUR"), ("Kreativmarkt Basel", "CHF")]


def _b64(rng: random.Random, n: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(rng.choice(alphabet) for _ in range(n - 2)) + "=="


def zollify_booth(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """Zollify's ``buildReceiptLines``: 32 columns, ``2 x Name  EUR 40.00`` with
    ``   à EUR 20.00`` under it, the date and the time on two rows, payment legs
    and the KassenSichV TSE block (its times in UTC), ``Receipt xxxxxxxx`` at
    the foot."""
    w = 32
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850", "AUTO"]),
                crlf=rng.random() < 0.2, cut=rng.random() < 0.7)
    fair, cur = rng.choice(ZOLLIFY_FAIRS)
    german = cur == "EUR"
    basket = items(rng, ZOLLIFY_MENU, most=5, quantities=(1, 1, 1, 2, 2, 3, 4, 5))
    rates = [(7 if ln.name in ZOLLIFY_REDUCED else 19) if german else 8.1 for ln in basket]
    mixed = len(set(rates)) > 1
    letter = {r: "AB"[k] for k, r in enumerate(sorted(set(rates), reverse=True))}

    def amt(cents: int) -> str:
        return f"{'-' if cents < 0 else ''}{cur} {money(abs(cents))}"

    p.add("Atelier Nordlicht", align="center", double_height=True)
    p.add("Mira Vogt", align="center")
    p.add("Schanzenstr. 41", align="center")
    p.add("20357 Hamburg, Germany", align="center")
    p.add("+49 40 6091 2280", align="center")
    if rng.random() < 0.7:
        p.add("VAT: DE318402917", align="center")
    p.add("-" * w)
    when = moment(rng)
    p.add(row(fair, f"{when.day}.{when.month}.{when.year}", w))
    p.add(row("", f"{when:%H:%M}", w))
    p.add("-" * w)
    truth_lines = lines_of(basket)
    for ln, rate in zip(basket, rates, strict=True):
        mark = f" {letter[rate]}" if mixed else ""
        p.add(row(f"{ln.qty} x {ln.name}", amt(ln.value) + mark, w))
        if ln.qty > 1:
            p.add(f"   à {amt(ln.unit)}")
    gross = sum(ln.value for ln in basket)
    discounts: list[tuple[str, int]] = []
    if rng.random() < 0.25:
        name = rng.choice(["Bundle deal", "Messe-Rabatt", "Weekend", "Discount"])
        discounts.append((name, max(100, gross // rng.choice([10, 8, 5]) // 50 * 50)))
    if discounts:
        p.add("-" * w)
        p.add(row("Subtotal", amt(gross), w))
        for name, off in discounts:
            p.add(row(name, amt(-off), w))
            truth_lines.append((name, 1, -off))
    total = gross - sum(off for _, off in discounts)
    p.add("-" * w)
    p.add(row("TOTAL", amt(total), w), double_height=True)
    for rate in sorted(set(rates), reverse=True):
        gross_at_rate = sum(ln.value for ln, r in zip(basket, rates, strict=True) if r == rate)
        share = gross_at_rate * total // gross
        vat = round(share * rate / (100 + rate))
        label = f"{letter[rate] + ' ' if mixed else ''}incl. VAT {rate:g}%"
        p.add(row(label, amt(vat), w))
        p.add(row("   net", amt(share - vat), w))
    # Payment legs: cash is booked as the amount it paid (no change is printed).
    how = rng.choices(["cash", "card", "split"], weights=[45, 45, 10])[0]
    card_label = rng.choice(["Card", "Card", "SumUp", "myPOS"])
    legs = ([("Cash", total)] if how == "cash" else [(card_label, total)] if how == "card"
            else [("Cash", (total // 2) // 500 * 500 or 500), (card_label, 0)])
    if how == "split":
        legs[1] = (card_label, total - legs[0][1])
    for label, paid in legs:
        p.add(row(label, amt(paid), w))
        if label != "Cash":
            brand = rng.choice(["VISA", "Mastercard", "Maestro", "girocard"])
            p.add(f"  {brand} · auth {rng.randint(100000, 999999)}")
            if rng.random() < 0.6:
                p.add(f"  Txn {rng.randint(10**9, 10**10 - 1)}")
    tender = None if how == "split" else ("cash" if how == "cash" else "card")
    if german:
        p.add("-" * w)
        if rng.random() < 0.05:
            p.add("TSE ausgefallen", align="center")
            p.add("Beleg ohne TSE-Signatur", align="center")
            p.add("Keine Verbindung zur TSE", align="center")
        else:
            # The TSE opens the transaction with the first item and closes it
            # a few seconds after the sale is recorded; it keeps UTC.
            utc = when - timedelta(hours=1 if bst(when) else 0)
            start = utc - timedelta(seconds=rng.randint(20, 240))
            utc += timedelta(seconds=rng.randint(2, 15))
            p.add(row("TSE-Transaktion", str(rng.randint(200, 9000)), w))
            p.add(row("Signaturzaehler", str(rng.randint(400, 20000)), w))
            p.add(row("Start", f"{start:%Y-%m-%d %H:%M:%S}", w))
            p.add(row("Ende", f"{utc:%Y-%m-%d %H:%M:%S}", w))
            till = f"ZFY-{rng.randint(1, 9)}{rng.choice('KQRTX')}{rng.randint(10, 99)}"
            p.add(row("Kasse", till, w))
            p.add("TSE-Seriennummer:")
            serial = "".join(rng.choice("0123456789abcdef") for _ in range(64))
            p.add(serial[:32])
            p.add(serial[32:])
            p.add("Signatur:")
            sig = _b64(rng, 88)
            for k in range(0, len(sig), w):
                p.add(sig[k:k + w])
    p.add("")
    p.add(rng.choice(["Danke & bis bald!", "Thank you for your support!"]), align="center")
    number = "".join(rng.choice("0123456789abcdef") for _ in range(8))
    p.add(f"Receipt {number}", align="center")
    p.add("")
    return p, Truth(total, truth_lines, number, tender, "sale",
                    occurred(when, seconds=False), None)


# --- An Indonesian shop's struk: raw ESC/POS text ------------------------------------

TOKO_MENU = [
    ("Fotocopy A4", 300), ("Fotocopy F4", 350), ("Print warna A4", 2000),
    ("Pulpen Standard AE7", 3500), ("Buku Tulis Sidu 38", 4500), ("Map Plastik", 2500),
    ("Amplop Coklat", 1000), ("Kertas HVS A4 70gr", 55000), ("Laminating KTP", 5000),
    ("Pensil 2B Faber", 4000), ("Penghapus", 2000), ("Lem Kertas", 3000),
    ("Jilid Spiral", 15000), ("Materai 10000", 12000), ("Spidol Snowman", 8500),
]


def rupiah(r: int) -> str:
    """Whole rupiah as ``Intl.NumberFormat('id-ID')`` writes them: ``12.500``."""
    return f"{r:,}".replace(",", ".")


def toko_struk(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A stationery shop's ``formatThermalReceipt``: 32 columns, the name in
    bold on one row and ``2 x Rp3.500      Rp7.000`` under it, ``Diskon:``
    printed positive, ``Metode:`` the only tender word."""
    w = 32
    p = Printed(codepage=rng.choice(["AUTO", "CP437", "CP850"]), cut=True)
    p.add(rng.choice(["TOKO SRIKANDI", "TOKO BERKAH JAYA"]), align="center",
          double_height=True, bold=True)
    p.add("FOTOCOPY & ATK", align="center", double_height=True, bold=True)
    p.add("=" * w, align="center")
    p.add("Jl. Raya Kudus - Pati Km 4", align="center")
    p.add("(Depan SMPN 2 Jekulo)", align="center")
    p.add("Telp/WA: 0813 2560 4471", align="center")
    p.add("=" * w, align="center")
    p.add("", align="center")
    p.add("STRUK PENJUALAN", align="center", bold=True)
    p.add("=" * w, align="center")
    when = moment(rng)
    number = rng.choice([f"INV-{when:%y%m%d}-{rng.randint(1, 999):04d}",
                         f"TRX{rng.randint(10**6, 10**7 - 1)}"])
    p.add(row("Invoice:", number, w))
    p.add(row("Tanggal:", f"{when:%d/%m/%Y}, {when:%H.%M}", w))
    p.add("-" * w)
    basket = items(rng, TOKO_MENU, most=6, quantities=(1, 1, 2, 2, 3, 5, 10, 20))
    for ln in basket:
        ln.unit = ln.unit // 100 * 100 or ln.unit  # rupiah prices are round hundreds
        p.add(ln.name, bold=True)
        p.add(row(f"{ln.qty} x Rp{rupiah(ln.unit)}", f"Rp{rupiah(ln.value)}", w))
        p.add("")
    subtotal = sum(ln.value for ln in basket)
    truth_lines = [(ln.name, ln.qty, ln.value * 100) for ln in basket]
    p.add("-" * w)
    p.add(row("Subtotal:", f"Rp{rupiah(subtotal)}", w))
    discount = 0
    if rng.random() < 0.25 and subtotal >= 10000:
        discount = rng.choice([500, 1000, 2000, 5000, subtotal // 10 // 500 * 500])
        discount = min(discount, subtotal // 2) or 500
        p.add(row("Diskon:", f"Rp{rupiah(discount)}", w))  # printed positive
        truth_lines.append(("Diskon", 1, -discount * 100))
    total = subtotal - discount
    p.add("=" * w)
    p.add(row("TOTAL:", f"Rp{rupiah(total)}", w), bold=True)
    p.add("=" * w)
    p.add("")
    method = rng.choices(["CASH", "QRIS", "TRANSFER", "DEBIT"], weights=[50, 25, 15, 10])[0]
    p.add(row("Metode:", method, w))
    p.add("")
    p.add("TERIMA KASIH", align="center", bold=True)
    p.add("ATAS KUNJUNGAN ANDA!", align="center", bold=True)
    p.add("", align="center")
    p.add("Semoga Hari Anda", align="center")
    p.add("Menyenangkan", align="center")
    p.add("=" * w, align="center")
    tender = {"CASH": "cash", "DEBIT": "card"}.get(method, method)
    return p, Truth(total * 100, truth_lines, number, tender, "sale",
                    occurred(when, seconds=False), None)


# --- A Nairobi restaurant's tax invoice with its M-Pesa reference ---------------------

KE_MENU = [
    ("Pilau beef", 450), ("Chicken biryani", 650), ("Nyama choma 1/2kg", 900),
    ("Ugali & sukuma", 150), ("Chapati", 50), ("Githeri", 200), ("Fish fillet & chips", 750),
    ("Beef stew & rice", 400), ("Mandazi (2)", 60), ("Chai masala", 80), ("Tusker 500ml", 300),
    ("Fresh passion juice", 180), ("Samosa", 70), ("Kuku wet fry", 850), ("Soda 300ml", 70),
]
KE_NOTES = ["no onions", "extra pili pili", "takeaway", "well done", "less salt"]


def shillings(cents: int) -> str:
    """Kenyan shillings as ``Number.toLocaleString()`` writes them: ``1,429.6``."""
    whole = f"{cents // 100:,}"
    frac = f"{cents % 100:02d}".rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def alpha_plus_ke(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """Alpha Plus POS's customer bill for a paid order: ``Invoice No:`` /
    ``Date:`` / ``Time:`` / ``Cashier:`` in two columns, numbered items in an
    ``ITEM QTY PRICE TOTAL`` table with whole shillings, ``Subtotal (3
    items):``, ``- Ksh`` discounts, VAT (16%) on top, ``GRAND TOTAL:``, the
    method, ``Amount Paid:``, ``Change:`` and ``M-Pesa Ref:``."""
    w = rng.choice([42, 48])
    p = Printed(codepage=rng.choice(["AUTO", "CP437", "CP858"]),
                crlf=rng.random() < 0.3, cut=rng.random() < 0.8)
    p.add("MAMA NJERI'S KITCHEN", align="center", bold=True, double_width=True)
    p.add("Moi Avenue, Nairobi", align="center")
    p.add("Tel: +254 722 418 093", align="center")
    p.add("PIN: P051784269K", align="center")
    p.add('"Chakula safi, huduma bora"', align="center")
    p.add("=" * w)
    p.add("*** TAX INVOICE ***", align="center", bold=True)
    p.add("=" * w)
    when = moment(rng)
    number = f"INV-{when:%y}-{rng.randint(1, 99999):05d}"
    half = w // 2
    cashier = rng.choice(["Wanjiku", "Otieno", "Achieng", "Kamau", "Njoroge"])
    p.add(f"{'Invoice No:':<{half}}{'Date:'}")
    p.add(f"{number:<{half}}{when:%d/%m/%Y}")
    p.add(f"{'Time:':<{half}}{'Cashier:'}")
    p.add(f"{when:%H:%M}".ljust(half) + cashier)
    if rng.random() < 0.6:
        p.add(f"TABLE {rng.randint(1, 24)}", align="center", bold=True)
    if rng.random() < 0.3:
        p.add(f"Customer: {rng.choice(['Brian Otieno', 'Faith Mwangi', 'Kevin Ouma'])}",
              align="center")
    name_w = w - 22
    p.add("-" * w)
    p.add(f"{'ITEM':<{name_w}}{'QTY':>4}{'PRICE':>9}{'TOTAL':>9}", bold=True)
    p.add("-" * w)
    basket = items(rng, KE_MENU, most=6, quantities=(1, 1, 1, 2, 2, 3, 4))
    truth_lines = []
    for k, ln in enumerate(basket, 1):
        ln.unit = ln.unit // 10 * 10
        label = f"{k}. {ln.name}"[:name_w - 1]
        p.add(f"{label:<{name_w}}{ln.qty:>4}{shillings(ln.unit * 100):>9}"
              f"{shillings(ln.value * 100):>9}")
        # the name as the paper prints it: cut to its column ("Fresh passion ju")
        truth_lines.append((label[len(f"{k}. "):], ln.qty, ln.value * 100))
        if rng.random() < 0.15:
            p.add(f"   > {rng.choice(KE_NOTES)}")
    subtotal = sum(ln.value for ln in basket) * 100
    p.add("-" * w)
    p.add(row(f"Subtotal ({len(basket)} items):", f"Ksh {shillings(subtotal)}", w))
    discount = 0
    if rng.random() < 0.2:
        discount = max(5000, subtotal // 10 // 5000 * 5000)
        p.add(row("Discount:", f"- Ksh {shillings(discount)}", w))
        truth_lines.append(("Discount", 1, -discount))
    tax = 0
    notes: list[str] = []
    if rng.random() < 0.3:
        tax = (subtotal - discount) * 16 // 100
        p.add(row("VAT (16%):", f"Ksh {shillings(tax)}", w))
        notes.append(f"tax_on_top={tax}")
    total = subtotal - discount + tax
    p.add("=" * w)
    p.add(row("GRAND TOTAL:", f"Ksh {shillings(total)}", w), bold=True)
    p.add("=" * w)
    method = rng.choices(["MPESA", "CASH", "CARD"], weights=[55, 30, 15])[0]
    p.add(row("PAID", method, w), bold=True)
    paid = total
    if method == "CASH":
        paid = cash_given(rng, total, notes=(10000, 20000, 50000, 100000, 200000, 500000))
    p.add(row("Amount Paid:", f"Ksh {shillings(paid)}", w))
    if paid > total:
        p.add(row("Change:", f"Ksh {shillings(paid - total)}", w))
    if method == "MPESA":
        ref = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
        p.add(row("M-Pesa Ref:", "T" + ref[1:], w))
    if rng.random() < 0.15:
        p.add(f"Note: {rng.choice(['Birthday table', 'Deliver to room 4', 'Corporate lunch'])}")
    p.add("-" * w)
    p.add(number, align="center", bold=True)
    p.add("-" * w)
    p.add("THANK YOU FOR DINING WITH US!", align="center", bold=True)
    p.add("We appreciate your business", align="center")
    p.add("This serves as your official tax invoice", align="center")
    p.add("Goods once sold are not refundable", align="center")
    p.add("Powered by Alpha Plus POS v2.0", align="center")
    tender = {"CASH": "cash", "CARD": "card"}.get(method, method)
    return p, Truth(total, truth_lines, number, tender, "sale",
                    occurred(when, seconds=False), None, notes)


# --- A French ticket de caisse from a PHP till on escpos-php --------------------------

FR_MENU = [
    ("Baguette tradition", 130, 2.1), ("Pain au chocolat", 115, 2.1),
    ("Croissant", 105, 2.1), ("Flan patissier", 290, 2.1), ("Eau Cristaline 1.5L", 65, 2.1),
    ("Coca-Cola 33cl", 150, 2.1), ("Rhum arrange 70cl", 2490, 8.5),
    ("Savon Marseille", 380, 8.5), ("Piles AA x4", 599, 8.5), ("Journal du jour", 150, 0),
    ("Cafe moulu 250g", 349, 2.1), ("Vanille gousse x3", 1200, 2.1),
    ("Bougie parfumee", 850, 8.5), ("Carte postale", 90, 8.5),
]


def php_float(cents: int) -> str:
    """A euro amount as PHP prints a float (``12.5``, ``3``, ``1.05``)."""
    return money(cents).rstrip("0").rstrip(".")


def caisse_fr(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """mobiemp's caisse: `` Qte*PU   Designation     Mttc   TVA`` columns of
    9, 15, 8 and 4, the unit price as PHP prints a float (``2*1.3``), the line's
    value with two decimals, ``TOTAL A PAYER TTC`` and the total as a float with
    ``€``; the shop is in La Réunion (8.5 % and 2.1 % VAT)."""
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "ISO_8859-15"]),
                crlf=rng.random() < 0.4, cut=rng.random() < 0.6)
    p.add("    *********************")
    p.add("EPICERIE DU BARACHOIS".center(40))
    p.add("    *********************")
    p.add("12 rue du Barachois")
    p.add("    97400 Saint-Denis")
    p.add("")
    p.add("       Telephone: 0262 41 27 90")
    p.add("       SIRET: 812 334 507 00019")
    p.add("")
    when = moment(rng)
    numbered = rng.random() < 0.7
    number = f"{rng.randint(1, 99999):06d}" if numbered else None
    if numbered:
        p.add(f"Ticket N\u00b0 {number}   Caisse {rng.randint(1, 3)}")
        p.add(f"Le {when:%d/%m/%Y} a {when:%H:%M:%S}")
    p.add(" Qte*PU   Designation     Mttc   TVA")
    p.add("-" * 38)
    basket = rng.sample(FR_MENU, rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))
    truth_lines = []
    total = 0
    for name, unit, rate in basket:
        qty = rng.choice([1, 1, 1, 2, 2, 3, 4, 6])
        value = qty * unit
        total += value
        qp = f"{qty}*{php_float(unit)}"
        shown = name[:15]
        p.add(f"{qp:<9}{shown:<15}{money(value):>8} {f'{rate:g}%':<4}")
        truth_lines.append((shown, qty, value))
    p.add("")
    p.add(" " * 10 + "TOTAL A PAYER TTC" + " " * 4 + php_float(total) + "€")
    tender: str | None = None
    if numbered:
        how = rng.choices(["cash", "card", "cheque", "ticket", "split"],
                          weights=[40, 35, 5, 10, 10])[0]
        if how == "cash":
            given = cash_given(rng, total, notes=(500, 1000, 2000, 5000))
            p.add(row("Especes", money(given) + "€", 38))
            p.add(row("Rendu monnaie", money(given - total) + "€", 38))
            tender = "cash"
        elif how == "card":
            p.add(row("CB", money(total) + "€", 38))
            tender = "card"
        elif how == "cheque":
            p.add(row("Cheque", money(total) + "€", 38))
            tender = "cheque"
        elif how == "ticket":
            p.add(row("Ticket restaurant", money(total) + "€", 38))
            tender = "voucher"
        else:
            voucher = min(total - 50, rng.choice([800, 900, 1000, 1150]))
            p.add(row("Ticket restaurant", money(voucher) + "€", 38))
            p.add(row("CB", money(total - voucher) + "€", 38))
    p.add("")
    p.add("      MERCI DE VOTRE VISITE")
    p.add("        ET A TRES BIENTOT")
    p.add("-" * 42)  # wider than the 38 of the table's rule, as the source prints it
    p.add("")
    p.add("ECHANGE OU AVOIR SOUS 72H")
    p.add("MARCHANDISE AVEC EMBALLAGE D'ORIGINE")
    p.add("INTACT ET TICKET DE CAISSE")
    date = occurred(when) if numbered else None
    return p, Truth(total, truth_lines, number, tender, "sale", date, None)


# --- A Scottish council secondary's dining hall till ----------------------------------

SCOT_MENU = [
    ("Scotch pie", 180), ("Macaroni cheese", 210), ("Soup & roll", 120),
    ("Chicken curry & rice", 235), ("Baked potato & beans", 190), ("Panini", 220),
    ("Fruit pot", 80), ("Milk 250ml", 55), ("Water 500ml", 60), ("Tray bake", 70),
    ("Filled roll", 165), ("Pasta bolognese", 230), ("Yoghurt", 60),
]
SCOT_PUPILS = ["Eilidh MacLeod", "Callum Fraser", "Isla Campbell", "Ruaridh Stewart",
               "Morven Grant", "Lewis McKenzie", "Skye Robertson", "Fraser Paterson"]


def scot_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A Scottish council secondary on a cashless catering system (wording
    ours): ``Pupil No`` the account, ``Service: LUNCH``, ``Qty Item Price``
    columns, ``Sale Total``, ``Paid by:`` rows (free school lunch, cashless
    account), the allowance left and the account balance."""
    w = 40
    p = Printed(codepage=rng.choice(["CP858", "CP850", "CP437", "AUTO"]),
                crlf=rng.random() < 0.2, cut=rng.random() < 0.75)
    who = rng.choices(["pupil", "fsm", "staff", "visitor"], weights=[50, 30, 12, 8])[0]
    refund = rng.random() < 0.07 and who in ("pupil", "fsm")
    p.add("KILBRYDE HIGH SCHOOL", align="center", bold=True)
    p.add("Dining Hall  -  Till 2", align="center")
    p.add("Strathkelvin Council Catering", align="center")
    if refund:
        p.add("** REFUND **", align="center", bold=True, double_height=True)
    p.add("-" * w)
    when = school_day(moment(rng)).replace(hour=rng.choice([10, 12, 12, 13]))
    service = "BREAK" if when.hour == 10 else "LUNCH"
    number = str(rng.randint(7000000, 7999999))
    account = None
    if who in ("pupil", "fsm"):
        name = rng.choice(SCOT_PUPILS)
        year = rng.choice(["S1", "S2", "S3", "S4", "S5", "S6"])
        account = str(rng.randint(4000000, 4999999))
        p.add(f"Pupil:    {name} ({year})")
        p.add(f"Pupil No: {account}")
    elif who == "staff":
        p.add(f"Staff:    {rng.choice(['Mr Reid', 'Mrs Kerr', 'Ms Duncan'])}")
    else:
        p.add("Customer: Visitor")
    p.add(f"{when:%a %d %b %Y}  {when:%H:%M}  {service}")
    p.add(f"Trans No: {number}")
    p.add("-" * w)
    p.add(f"{'Qty':<4}{'Item':<26}{'Price':>10}")
    menu = SCOT_MENU if service == "LUNCH" else SCOT_MENU[5:]
    # A pupil buys a lunch or a snack or two; staff buy for the staffroom now and then.
    basket = (items(rng, menu, most=5, quantities=(1, 1, 1, 2, 2, 3)) if who == "staff"
              else items(rng, menu, most=4, quantities=(1, 1, 1, 1, 1, 2)))
    for ln in basket:
        p.add(f"{ln.qty:<4}{ln.name:<26}{money(ln.value):>10}")
    truth_lines = lines_of(basket)
    gross = sum(ln.value for ln in basket)
    if (not refund and service == "LUNCH" and len(basket) >= 2
            and rng.random() < 0.3):
        p.add(f"{'':<4}{'Lunch combo saving':<26}{'-0.30':>10}")
        truth_lines.append(("Lunch combo saving", 1, -30))
        gross -= 30
    total = gross
    p.add("-" * w)
    sign = "-" if refund else ""
    label = "Refund Total" if refund else "Sale Total"
    p.add(row(label, f"{sign}£{money(total)}", w), bold=True)
    tender: str | None
    balance = rng.randint(0, 4000)
    if refund:
        p.add(row("Refunded to: Cashless Account", f"£{money(total)}", w))
        tender = "account"
    elif who == "fsm":
        allowance = 270
        fsm = min(total, allowance)
        p.add(row("Paid by: Free School Lunch", f"£{money(fsm)}", w))
        if total > fsm:
            p.add(row("Paid by: Cashless Account", f"£{money(total - fsm)}", w))
        tender = "fsm" if total == fsm else None
        p.add(row("Free lunch left today", f"£{money(allowance - fsm)}", w))
    elif who == "pupil":
        p.add(row("Paid by: Cashless Account", f"£{money(total)}", w))
        tender = "account"
    elif who == "staff":
        p.add(row("Paid by: Contactless", f"£{money(total)}", w))
        tender = "card"
    else:
        given = cash_given(rng, total, notes=(500, 1000, 2000))
        p.add(row("Paid by: Cash", f"£{money(given)}", w))
        p.add(row("Change", f"£{money(given - total)}", w))
        tender = "cash"
    if account:
        p.add(row("Account balance now", f"£{money(balance)}", w))
        if service == "BREAK":
            p.add(row("Break limit", "£2.50", w))
    p.add("-" * w)
    p.add("Top up online - credited next morning", align="center")
    p.add("or at the revaluation unit", align="center")
    total = -total if refund else total
    return p, Truth(total, truth_lines, number, tender, "refund" if refund else "sale",
                    occurred(when, seconds=False), account)


# --- A Cornish academy's student restaurant -------------------------------------------

CORNISH_MENU = [
    ("Pasty (traditional)", 295), ("Pizza slice", 195), ("Jacket potato & cheese", 245),
    ("Roast dinner", 275), ("Fish & chips", 290), ("Fruit smoothie", 150),
    ("Flapjack", 75), ("Bottled water", 60), ("Fruit juice 200ml", 65),
    ("Cookie", 60), ("Salad box", 225), ("Sausage roll", 140), ("Toast (2 slices)", 40),
]
CORNISH_STUDENTS = ["Jago Pascoe", "Tamsin Rowe", "Kerensa Hocking", "Lowen Nancarrow",
                    "Morwenna Tonkin", "Ethan Williams", "Demelza Couch", "Ryan Trevorrow"]


def cornish_academy(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A Cornish academy's student restaurant (wording ours): ``Ref`` and a
    ``dd-mm-yyyy hh:mm:ss`` time on one row, ``Student`` / ``Account``,
    ``x2`` in its own column, ``To pay``, ``Paid from FSM allowance`` /
    ``Paid from account`` / ``Emergency credit voucher``, the allowance and
    balance left."""
    w = 48
    p = Printed(codepage=rng.choice(["CP437", "CP858", "CP1252"]),
                crlf=rng.random() < 0.3, cut=rng.random() < 0.7)
    who = rng.choices(["student", "fsm", "emergency", "staff"], weights=[50, 30, 8, 12])[0]
    refund = rng.random() < 0.06 and who == "student"
    p.add("TREMORVAH ACADEMY", align="center", bold=True, double_width=True)
    p.add("Student Restaurant", align="center")
    p.add("Cashless catering - top up online", align="center")
    p.add("=" * w)
    when = school_day(moment(rng), first=7, last=14)
    number = str(rng.randint(10000, 99999))
    p.add(row(f"Ref {number}", f"{when:%d-%m-%Y %H:%M:%S}", w))
    account = None
    if who == "staff":
        p.add(f"Staff    {rng.choice(['Mrs Trewin', 'Mr Penrose', 'Ms Jenkin'])}")
        if rng.random() < 0.5:
            account = f"ST-{rng.randint(1, 999):04d}"
            p.add(f"Account  {account}")
    else:
        p.add(f"Student  {rng.choice(CORNISH_STUDENTS)}  Yr {rng.randint(7, 13)}")
        account = f"TA-{rng.randint(10000, 99999):06d}"
        p.add(f"Account  {account}")
    if refund:
        p.add("REFUND", align="center", bold=True)
    p.add("-" * w)
    # An emergency credit voucher covers one meal; students buy a little, staff more.
    basket = (items(rng, CORNISH_MENU, most=2, quantities=(1,)) if who == "emergency"
              else items(rng, CORNISH_MENU, most=5, quantities=(1, 1, 1, 2, 2, 3))
              if who == "staff" else items(rng, CORNISH_MENU, most=4,
                                           quantities=(1, 1, 1, 1, 2, 2)))
    for ln in basket:
        p.add(f"{ln.name:<34}{'x' + str(ln.qty):<6}{money(ln.value):>8}")
    truth_lines = lines_of(basket)
    total = sum(ln.value for ln in basket)
    if not refund and who != "staff" and rng.random() < 0.2:
        off = 50
        p.add(f"{'Breakfast offer':<34}{'':<6}{'-0.50':>8}")
        truth_lines.append(("Breakfast offer", 1, -off))
        total -= off
    p.add("-" * w)
    if refund:
        p.add(row("To refund", f"£{money(total)}", w), bold=True)
        p.add(row("Refund to account", f"£{money(total)}", w))
        tender: str | None = "account"
    else:
        p.add(row("To pay", f"£{money(total)}", w), bold=True)
        if who == "fsm":
            fsm = min(total, 275)
            p.add(row("Paid from FSM allowance", f"£{money(fsm)}", w))
            if total > fsm:
                p.add(row("Paid from account", f"£{money(total - fsm)}", w))
            tender = "fsm" if total == fsm else None
            p.add(row("FSM allowance left today", f"£{money(275 - fsm)}", w))
        elif who == "emergency":
            p.add(row("Emergency credit voucher", f"£{money(total)}", w))
            p.add("Please repay tomorrow via student services")
            tender = "voucher"
        elif who == "staff" and account is None:
            p.add(row("Paid by card", f"£{money(total)}", w))
            tender = "card"
        else:
            p.add(row("Paid from account", f"£{money(total)}", w))
            tender = "account"
    if account and who != "emergency":
        p.add(row("Account balance", f"£{money(rng.randint(0, 3500))}", w))
    p.add("=" * w)
    p.add("Unspent FSM allowance is not carried forward", align="center")
    if refund:
        total = -total
    return p, Truth(total, truth_lines, number, tender, "refund" if refund else "sale",
                    occurred(when), account)


# --- A Spanish factura simplificada from The Round Table (escpos-coffee) ---------------

TRT_MENU = [
    ("Cana", 180), ("Tercio Ambar", 250), ("Vino tinto Carinena", 260), ("Cafe con leche", 150),
    ("Croquetas de jamon (6)", 850), ("Patatas bravas", 550), ("Tortilla de patata", 450),
    ("Bocadillo de calamares", 650), ("Menu del dia", 1350), ("Tostada con tomate", 220),
    ("Agua mineral 50cl", 150), ("Ensalada mixta", 700), ("Pulpo a la gallega", 1600),
    ("Migas aragonesas", 900), ("Flan casero", 400),
]
TRT_DRINKS = {"Cana", "Tercio Ambar", "Vino tinto Carinena"}  # 21 % IVA; food and coffee 10 %
TRT_STAFF = ["Lucía", "Javier", "Begoña", "Iñaki", "Marta"]


def trt_simplificada(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """The Round Table's receipt (``DefaultReceiptPrinter`` through
    escpos-coffee, 48 columns): ``Fecha: dd/MM/yyyy  Hora: HH:mm:ss`` centred
    (Java drops ``:00`` seconds), ``Factura simplificada: FS26-000412``, the
    ``Cantidad Producto Precio Importe`` table with quantities as ``2.00``,
    ``TOTAL`` double size with ``25.00EUR``, VAT per rate, ``Metodo:`` and
    ``Cantidad: 30.00 Cambio: 5.00`` on one row."""
    w = 48
    p = Printed(codepage=rng.choice(["CP850", "CP858", "CP1252"]),
                crlf=rng.random() < 0.2, cut=rng.random() < 0.8)
    p.add("BAR EL PILAR", align="center", bold=True, double_height=True, double_width=True)
    p.add("B50912873", align="center", bold=True)
    p.add("")
    p.add("C/ Alfonso I 18 Zaragoza 50003", align="center")
    p.add("976 39 12 44", align="center")
    p.add("")
    when = moment(rng)
    clock = f"{when:%H:%M}" if when.second == 0 else f"{when:%H:%M:%S}"
    p.add(f"Fecha: {when:%d/%m/%Y}  Hora: {clock}", align="center")
    p.add("")
    refund = rng.random() < 0.06
    serial = rng.randint(1, 999999)
    number = (f"{'R' if refund else 'FS'}26-{serial:06d}" if rng.random() < 0.8
              else str(rng.randint(100, 9999)))
    title = "Factura rectificativa" if refund else "Factura simplificada"
    p.add(f"{title}: {number}")
    if refund:
        p.add(f"Rectifica a: FS26-{serial + rng.randint(1, 400):06d}")
        p.add(f"Razon: {rng.choice(['Error en el cobro', 'Producto devuelto'])}")
    table = rng.choice(["Barra", "Terraza 2", "Mesa 5", "Comedor 3", "Para llevar"])
    p.add(f"Mesa: {table}")
    p.add(f"Cliente: {rng.choice(['Contado', 'Contado', 'Contado', 'Talleres Ebro SL'])}")
    p.add(f"Atendido por: {rng.choice(TRT_STAFF)}")
    p.add("")
    p.add(f"{'Cantid':<6} {'Producto':<22}" + " " * 1 + f"{'Precio':<8}{'Importe':<10}".rstrip())
    p.add("-" * w)
    basket = items(rng, TRT_MENU, most=6, quantities=(1, 1, 1, 2, 2, 3, 4, 6))
    for ln in basket:
        left = f"{ln.qty}.00".ljust(6) + " " + ln.name[:22].ljust(22)
        right = f"{money(ln.unit):<8}{money(ln.value):<10}"
        p.add((left + " " * (w - len(left) - len(right)) + right).rstrip())
    truth_lines = [(ln.name[:22], ln.qty, ln.value) for ln in basket]
    total = sum(ln.value for ln in basket)
    p.add("-" * w)
    p.add(row("TOTAL", f"{money(total)}EUR", w // 2), double_height=True, double_width=True)
    p.add("")
    p.add("-" * w)
    for rate in (10, 21):
        gross = sum(ln.value for ln in basket if (rate == 21) == (ln.name in TRT_DRINKS))
        if gross:
            base = -(-gross * 100 // (100 + rate))  # CEILING, as BigDecimalOperations.divide
            left = f"{rate}.00".ljust(6) + " % IVA Sobre"
            right = f"{money(base):>8}{money(gross - base):>8}"
            p.add(left + " " * (w - len(left) - len(right)) + right)
    p.add("-" * w)
    p.add("")
    cash = rng.random() < 0.55
    p.add(f"Metodo: {'Contado' if cash else 'Tarjeta'}")
    paid = cash_given(rng, total, notes=(500, 1000, 2000, 5000)) if cash and not refund else total
    p.add(f"Cantidad: {money(paid)} Cambio: {money(paid - total)}")
    p.add("")
    p.add("Gracias por su visita", align="center", bold=True)
    tender = "cash" if cash else "card"
    return p, Truth(-total if refund else total, truth_lines, number, tender,
                    "refund" if refund else "sale", occurred(when), None)


LAYOUTS: dict[str, Render] = {
    "zollify-booth": zollify_booth,
    "toko-struk": toko_struk,
    "alpha-plus-ke": alpha_plus_ke,
    "caisse-fr": caisse_fr,
    "scot-school": scot_school,
    "cornish-academy": cornish_academy,
    "trt-simplificada": trt_simplificada,
}
