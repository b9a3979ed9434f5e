"""The twelfth holdout's renderers: six real receipt layouts (README.md says
where each comes from, what is verified and what is ours). Each takes a
seeded ``random.Random`` and the receipt's index and returns what is printed
(``Printed``) with the truth a careful reader of the paper would record.
Amounts are held in hundredths of the receipt's currency."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Rendered = tuple[Printed, Truth]

BOLD_2X = {"bold": True, "double_width": True, "double_height": True}


def moment(rng: random.Random, first_hour: int = 7, last_hour: int = 21,
           weekdays: bool = False) -> datetime:
    """A local time anywhere in 2026 (GMT and BST), in opening hours; a
    school or college serves on weekdays only."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    while weekdays and day.weekday() >= 5:
        day += timedelta(days=1)
    return day.replace(hour=rng.randint(first_hour, last_hour), minute=rng.randrange(60),
                       second=rng.randrange(60))


def dp(pence: int) -> str:
    """Two decimals, as ``%.2f`` prints an amount held in hundredths."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def gbp(pence: int) -> str:
    return ("-£" if pence < 0 else "£") + dp(abs(pence))


def row(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` justified to ``width`` (one space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def pick(rng: random.Random, menu: list[tuple[str, int]], most: int = 6) -> list[tuple[str, int]]:
    """1 to ``most`` different dishes, prices drifting now and then."""
    n = rng.choice([n for n in (1, 1, 2, 2, 3, 3, 4, 5, 6) if n <= most])
    out = []
    for name, price in rng.sample(menu, min(n, len(menu))):
        if rng.random() < 0.15:
            price += rng.choice([5, 10, 50, 100])
        out.append((name, price))
    return out


def qty(rng: random.Random) -> int:
    return rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6])


# --- A Turkish "satış fişi" through python-escpos (fis-tr) ---------------------------------

TR_MENU = [("Simit", 1500), ("Çay", 2000), ("Türk kahvesi", 7500), ("Ayran", 3000),
           ("Lahmacun", 11000), ("Mercimek çorbası", 9500), ("Su 0.5L", 1000),
           ("Baklava (4 dilim)", 24000), ("Kaşarlı tost", 12000), ("Gözleme", 13500),
           ("Künefe", 16000), ("Menemen", 14500)]
TR_CUSTOMERS = ["Müşteri", "Müşteri", "Müşteri", "Ahmet Yılmaz", "Elif Kaya", "Masa 4"]


def fis_tr(rng: random.Random, i: int) -> Rendered:
    p = Printed(codepage="AUTO", cut=rng.random() < 0.8)
    when = moment(rng)
    rate = rng.choice([10, 10, 20])
    included = rng.random() < 0.5
    number = rng.choice([str(rng.randint(1, 9999)), f"F{rng.randint(100000, 999999)}"])
    p.add("SATIŞ FİŞİ", align="center", **BOLD_2X)
    p.add("=" * 32)
    p.add(f"Fiş No: {number}")
    p.add(f"Müşteri: {rng.choice(TR_CUSTOMERS)}")
    p.add(f"Tarih: {when:%d.%m.%Y %H:%M}")
    p.add("-" * 32)
    header = "Fiyat (KDV Dahil)" if included else "Fiyat (KDV Hariç)"
    p.add(f"{'Ürün':<15} {'Adet':>6} {header[:8]:>8} {'Toplam':>7}")
    p.add("-" * 32)
    lines = []
    subtotal = 0
    for name, price in pick(rng, TR_MENU):
        q = rng.choice([1, 1, 2, 2, 3, 4, 6, 12]) if name == "Çay" else qty(rng)
        # The price is gross or net as the till is set; the line is always gross.
        unit_gross = price if included else round(price * (100 + rate) / 100)
        value = q * unit_gross
        subtotal += value
        shown = name[:15]
        p.add(f"{shown:<15} {q:>6} {dp(price):>8} {dp(value):>7}")
        lines.append((shown, q, value))
    pct = rng.choice([0, 0, 0, 0, 5, 10, 15])
    discount = round(subtotal * pct / 100)
    p.add("-" * 32)
    p.add(f"{'Ara Toplam':<20} {dp(subtotal):>11} TL")
    # The source prints the discount row every time, "-0.00" when there is none.
    p.add(f"İndirim ({pct:.1f}%):{'-' + dp(discount):>8} TL")
    if discount:
        # The name as printed, its rate in brackets with it (as the eighth
        # set's "Discount (15%)" and the eleventh's "Rabatt 10%").
        lines.append((f"İndirim ({pct:.1f}%)", 1, -discount))
    p.add("=" * 32)
    total = subtotal - discount
    p.add("GENEL TOPLAM", align="right", **BOLD_2X)
    p.add(f"{dp(total)} TL", align="right", **BOLD_2X)
    p.add("")
    p.add("Teşekkür ederiz", align="center")
    return p, Truth(total, lines, number, None, "sale", occurred(when, seconds=False), None)


# --- An Italian restaurant's scontrino, 32-column text (scontrino-it) ------------------------

IT_MENU = [("Spaghetti alla carbonara", 1200), ("Pizza margherita", 850),
           ("Tagliatelle al ragu bolognese", 1350), ("Tiramisù", 600), ("Acqua naturale 1L", 300),
           ("Vino rosso della casa 1/4", 650), ("Caffè", 150), ("Insalata mista", 550),
           ("Risotto ai funghi porcini", 1500), ("Panna cotta", 550), ("Coperto", 250),
           ("Birra media", 500)]
IT_TENDERS = [("CONTANTI", "cash"), ("CONTANTI", "cash"), ("CONTANTI", "cash"),
              ("BANCOMAT", "card"), ("BANCOMAT", "card"), ("CARTA DI CREDITO", "card")]


def _cut_it(name: str) -> str:
    """The source's _troncaTesto: names over 20 are cut to 17 and '...'."""
    return name.ljust(20) if len(name) <= 20 else name[:17] + "..."


def _euro(cents: int) -> str:
    return f"€{dp(cents)}"


def scontrino_it(rng: random.Random, i: int) -> Rendered:
    p = Printed(codepage=rng.choice(["CP858", "ISO_8859-15"]), crlf=rng.random() < 0.3)
    when = moment(rng, 11, 23)
    number = f"{when:%y%m%d}{rng.randrange(10000):04d}"
    p.add("TRATTORIA DA NELLA")
    p.add("Via Garibaldi 41, 40124 Bologna")
    p.add("P.IVA: 03811240375")
    p.add("CF: NLLMRA62C41A944K")
    p.add("=" * 32)
    p.add(f"SCONTRINO FISCALE N. {number}")
    p.add(f"Data: {when:%d/%m/%Y}")
    p.add(f"Ora: {when:%H:%M}")
    p.add(f"Tavolo: {rng.randint(1, 24)}")
    p.add("-" * 32)
    p.add("DESCRIZIONE            QTA   IMPORTO")
    p.add("-" * 32)
    lines = []
    imponibile = 0
    for name, price in pick(rng, IT_MENU):
        q = rng.choice([1, 1, 2, 3, 4]) if name != "Coperto" else rng.randint(1, 6)
        value = q * price
        imponibile += value
        shown = _cut_it(name)
        p.add(shown.ljust(22) + str(q).rjust(3) + _euro(value).rjust(7))
        lines.append((shown.strip(), q, value))
    p.add("-" * 32)
    # IVA 10% added on top, as the Dart source computes it (a double, toStringAsFixed).
    iva_text = f"{imponibile / 100 * 0.10:.2f}"
    total_text = f"{imponibile / 100 + imponibile / 100 * 0.10:.2f}"
    total = round(float(total_text) * 100)
    p.add(f"IMPONIBILE:    {_euro(imponibile).rjust(10)}")
    p.add(f"IVA 10%:       {('€' + iva_text).rjust(10)}")
    p.add("=" * 32)
    p.add(f"TOTALE:        {('€' + total_text).rjust(10)}")
    p.add("=" * 32)
    word, tender = rng.choice(IT_TENDERS)
    p.add(word)
    p.add("-" * 32)
    p.add("Grazie e arrivederci!")
    p.add("Servizio al tavolo")
    p.add("*** SCONTRINO FISCALE ***")
    return p, Truth(total, lines, number, tender, "sale", occurred(when, seconds=False), None,
                    notes=[f"tax_on_top={total - imponibile}"])


# --- A Czech daňový doklad (doklad-cz) ---------------------------------------------------------

CZ_MENU = [("Rohlík", 300, 12, False), ("Chléb konzumní 1kg", 4490, 12, False),
           ("Mléko polotučné 1l", 2490, 12, False), ("Eidam 30% plátky", 3990, 12, False),
           ("Banány", 3490, 12, True), ("Jablka Gala", 4290, 12, True),
           ("Šunka výběrová", 29900, 12, True), ("Pivo Plzeň 0,5l", 3290, 21, False),
           ("Káva zrnková 250g", 15900, 21, False), ("Toaletní papír 8ks", 12990, 21, False),
           ("Minerálka 1,5l", 1890, 12, False), ("Kobliha", 1590, 12, False)]


def doklad_cz(rng: random.Random, i: int) -> Rendered:
    p = Printed(codepage=rng.choice(["CP852", "CP852", "AUTO"]))
    when = moment(rng)
    w = 42
    p.add("D A Ň O V Ý   D O K L A D", align="center", bold=True)
    p.add("")
    p.add("Potraviny U Zvonu s.r.o.", align="center")
    p.add("Neklanova 7, 128 00 Praha 2", align="center")
    p.add("DIČ: CZ27164831", align="center")
    p.add("IČO: 27164831", align="center")
    p.add("-" * w)
    p.add(f"{'počet jedn.cena':<26}{'sazba DPH':<10}{'cena':>6}")
    lines = []
    total = 0
    net = 0.0
    for name, price, rate, weighed in rng.sample(CZ_MENU, rng.choice([1, 2, 2, 3, 4, 5, 6])):
        if weighed:
            grams = rng.randint(150, 2200)
            amount = f"{grams / 1000:.3f}kg"
            value, q = round(grams * price / 1000), 1  # a weight is not a count
        else:
            q = qty(rng)
            amount, value = f"{q}ks", q * price
        total += value
        net += value / (1 + rate / 100)
        p.add(name)
        p.add(f"{amount + ' x ' + dp(price):<26}{str(rate) + '%':<10}{dp(value):>6}")
        lines.append((name, q, value))
    p.add("-" * w)
    vat = total - round(net)
    p.add(f"{'sazba':<8}{'bez DPH':<12}{'DPH':<10}{'s DPH':>12}")
    p.add(f"{'S.s.':<8}{dp(round(net)):<12}{dp(vat):<10}{dp(total) + ' Kč':>12}")
    p.add("-" * w)
    p.add(f"CELKEM {dp(total)} Kč", align="center", bold=True, double_height=True)
    tender = None
    if rng.random() < 0.6:  # paid and change: the till was given cash
        given = next(n for n in (total, 10000, 20000, 50000, 100000, 200000, 500000)
                     if n >= total) if rng.random() < 0.8 else total
        p.add(f"Zaplaceno: {dp(given)} Kč", align="center")
        p.add(f"Vráceno: {dp(given - total)} Kč", align="center")
        # change given is cash's alone; "Vráceno: 0.00", the paper does not say (TENDERS.md)
        tender = "cash" if given > total else None
    p.add("-" * w)
    number = (f"EU-{when:%Y%m%d%H%M%S}" if rng.random() < 0.6
              else f"2026{rng.randint(1, 99999):05d}")
    p.add(f"Účtenka: {number}")
    p.add(f"Vystaveno: {when:%d.%m.%Y %H:%M:%S}")
    p.add("Režim: účtenka nepodléhá evidenci tržeb")
    p.add("---- DĚKUJEME ----", align="center")
    return p, Truth(total, lines, number, tender, "sale", occurred(when), None)


# --- An Indian restaurant bill from WeP POS's EscCommand (wep-gst) ------------------------------

IN_MENU = [(12, "Paneer Tikka", 28000), (7, "Butter Naan", 6000), (23, "Dal Makhani", 24000),
           (31, "Masala Dosa", 12000), (105, "Veg Biryani", 22000), (44, "Sweet Lassi", 9000),
           (58, "Gulab Jamun (2)", 8000), (3, "Masala Chai", 3000), (9, "Water 1L", 2000),
           (1003, "Chicken 65", 26000), (210, "Idli (2)", 6000), (77, "Filter Coffee", 4000)]
IN_MODES = ["Dine In", "Dine In", "Counter Sales", "Pick Up", "Home Delivery"]


def _ljust(s: str, n: int) -> str:
    """WeP's getPostAddedSpaceFormat: padded, never cut."""
    return s.ljust(n)


def _rfit(s: str, n: int) -> str:
    """WeP's getFormatedCharacterForPrint_init: right-aligned in ``n``, or cut to it."""
    return s.rjust(n) if len(s) < n else s[:n]


def wep_gst(rng: random.Random, i: int) -> Rendered:
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), cut=rng.random() < 0.5)
    when = moment(rng, 8, 23)
    w = 48
    mode = rng.choice(IN_MODES)
    number = str(rng.randint(1, 60000))
    p.add(rng.choice(["HOTEL ANNAPOORNA", "SRI KRISHNA BHAVAN"]), align="center",
          bold=True, double_width=True, double_height=True)
    p.add("", align="center")
    p.add("12, 4th Cross, Jayanagar, Bengaluru 560011", align="center")
    if rng.random() < 0.7:
        p.add("GSTIN: 29AAKFH4821M1ZQ", align="center")
    p.add("=" * 47)
    p.add(f"Bill no # {number}", align="center")
    if mode == "Dine In":
        p.add(f"Table # {rng.randint(1, 30)}", align="center")
    p.add(f"Date : {when:%d-%m-%Y} | Time : {when:%H:%M:%S}", align="center")
    p.add(f"Cashier   : {rng.choice(['Ravi', 'Lakshmi', 'Manju', 'admin'])}", align="center")
    p.add(f"Customer Name   : {rng.choice(['', '', 'Suresh', 'Priya K'])}", align="center")
    if mode in ("Pick Up", "Home Delivery"):
        p.add(f"Payment Status   : {rng.choice(['Paid', 'Unpaid'])}", align="center")
    p.add(mode, align="center")
    p.add("", align="center")
    p.add("SNo  ITEM NAME       QTY     RATE       AMOUNT ")
    p.add("=" * w)
    lines = []
    subtotal = 0
    for item_id, name, rate in rng.sample(IN_MENU, rng.choice([1, 2, 2, 3, 3, 4, 5, 6])):
        q = rng.choice([1, 1, 1, 2, 2, 3, 4, 10])
        value = q * rate
        subtotal += value
        shown = name[:10].ljust(10)
        p.add(_ljust(str(item_id), 4) + _ljust(shown, 11) + _ljust(_rfit(str(q), 8), 7)
              + _ljust(_rfit(dp(rate), 10), 11) + _ljust(_rfit(dp(value), 13), 15))
        lines.append((shown.strip(), q, value))
    p.add("=" * w)
    p.add(row("Sub-Total", dp(subtotal), w))
    discount = 0
    pct = rng.choice([0, 0, 0, 0, 5, 10]) if rng.random() < 0.85 else 0
    if pct:
        discount = round(subtotal * pct / 100)
        p.add(_ljust("Discount Amount", 23) + _ljust(f"@ {pct:.2f} %", 15)
              + _rfit(dp(discount), 10))
    elif rng.random() < 0.1 and subtotal >= 40000:  # a flat amount off a big bill
        discount = rng.choice([2000, 5000, 10000])
        p.add(row("Discount Amount", dp(discount), w))
    if discount:
        lines.append(("Discount Amount", 1, -discount))
    if mode in ("Pick Up", "Home Delivery"):
        charge = 2000 if mode == "Pick Up" else 4000
        label = "Packing Charges" if mode == "Pick Up" else "Delivery Charges"
        p.add(_ljust(label, 23) + _ljust("", 15) + _rfit(dp(charge), 10))
        lines.append((label, 1, charge))
    base = subtotal - discount
    half = round(base * 0.025)
    for tax in ("CGST", "SGST"):
        p.add(_ljust(tax, 23) + _ljust("@ 2.50 %", 15) + _rfit(dp(half), 10))
    p.add(row("Total Tax Amount", dp(2 * half), w))
    p.add("=" * w)
    total = sum(a for _, _, a in lines) + 2 * half
    p.add(row("TOTAL", dp(total), w))
    p.add("=" * w, align="center")
    p.add("Thank You ! Visit Again", align="center")
    return p, Truth(total, lines, number, None, "sale", occurred(when), None,
                    notes=[f"tax_on_top={2 * half}"])


# --- A UK secondary academy on a biometric cashless system (hollins-academy) -------------------

SCHOOL_MENU = [("Meal deal", 255), ("Pasta pot", 210), ("Cookie", 60), ("Jacket potato", 230),
               ("Fruit pot", 80), ("Water 500ml", 70), ("Toast x2", 50), ("Sausage bap", 150),
               ("Pizza slice", 180), ("Smoothie", 120), ("Flapjack", 75), ("Curry & rice", 240)]
PUPILS = [("Amelia Wright", "10HW"), ("Oliver Begum", "8KS"), ("Isla Nowak", "11PD"),
          ("Noah Okafor", "7RB"), ("Freya Hussain", "9LT"), ("Jacob Evans", "12SC")]
FSM_DAY = 255


def hollins_academy(rng: random.Random, i: int) -> Rendered:
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]))
    when = moment(rng, 8, 14, weekdays=True)
    w = 40
    who = rng.choices(["pupil", "fsm", "staff", "visitor"], [5, 3, 1, 1])[0]
    refund = rng.random() < 0.08 and who != "visitor"
    number = f"{rng.randint(1, 6)}-{rng.randint(1, 99999):05d}"
    p.add("HOLLINS PARK ACADEMY", align="center", bold=True)
    p.add("Main Hall Servery", align="center")
    p.add("-" * w)
    account = None
    if who in ("pupil", "fsm"):
        name, form = rng.choice(PUPILS)
        account = f"0{rng.randint(10000, 99999)}"
        p.add(f"Name:     {name} ({form})")
        p.add(f"Adm No:   {account}")
    elif who == "staff":
        account = f"S{rng.randint(100, 999)}"
        p.add(f"Name:     {rng.choice(['Mr Hughes', 'Ms Patel', 'Mrs Doyle'])} (Staff)")
        p.add(f"Staff No: {account}")
    else:
        p.add("Name:     Visitor")
    p.add(row(f"{when:%d/%m/%Y %H:%M:%S}", f"Rcpt {number}", w))
    p.add("-" * w)
    if refund:
        p.add("*** REFUND ***", align="center", bold=True, double_height=True)
    elif rng.random() < 0.15:
        p.add("Pre-order collected")
    lines = []
    items = pick(rng, SCHOOL_MENU, 4) if not refund else pick(rng, SCHOOL_MENU, 1)
    for name, price in items:
        q = 1 if refund else rng.choice([1, 1, 1, 2, 2, 3])
        value = q * price
        p.add(row(f"{q} @ {gbp(price)} {name}", gbp(value), w))
        lines.append((name, q, value))
    if not refund and any(n == "Meal deal" for n, _ in items) and rng.random() < 0.6:
        saving = rng.choice([20, 30, 45])
        p.add(row("          Meal deal saving", gbp(-saving), w))
        lines.append(("Meal deal saving", 1, -saving))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    tender: str | None
    if refund:
        p.add(row("REFUND TOTAL", gbp(-total), w), bold=True)
        p.add(row("Returned to balance", gbp(total), w))
        tender = "account"
        total = -total
    else:
        p.add(row("TOTAL", gbp(total), w), bold=True, double_height=True)
        if who == "fsm":
            left = rng.choice([FSM_DAY, FSM_DAY, FSM_DAY, 120, 0])
            used = min(left, total)
            if used:
                p.add(row("FSM allowance used", gbp(used), w))
            if total > used:
                p.add(row("Taken from balance", gbp(total - used), w))
            tender = None if used and total > used else "fsm" if used else "account"
            p.add("-" * w)
            p.add(row("Balance remaining", gbp(rng.randint(0, 3000)), w))
            p.add(row("FSM remaining today", gbp(left - used), w))
        elif who == "visitor":
            given = next(n for n in (500, 1000, 2000) if n >= total)
            p.add(row("Cash tendered", gbp(given), w))
            p.add(row("Change", gbp(given - total), w))
            tender = "cash"
        else:
            p.add(row("Taken from balance", gbp(total), w))
            p.add("-" * w)
            p.add(row("Balance remaining", gbp(rng.randint(0, 4000)), w))
            tender = "account"
    if who != "visitor" and not refund:
        p.add("Daily limit £6.00", align="center")
    p.add("Top up at ParentPay - allow 15 mins", align="center")
    return p, Truth(total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when), account)


# --- A further-education college bistro with two purses (millbrook-bistro) ---------------------

FE_MENU = [("Americano", 195), ("Latte regular", 265), ("Chicken wrap", 375),
           ("Soup of the day", 250), ("Jacket & beans", 325), ("Panini ham & cheese", 395),
           ("Chips", 150), ("Muffin", 175), ("Can Coke Zero", 110), ("Hot meal of the day", 450),
           ("Salad box", 350), ("Tea", 120)]
STUDENTS = ["Kai Robinson", "Maya Clarke", "Harvey Singh", "Zara Ahmed", "Leo Campbell"]


def millbrook_bistro(rng: random.Random, i: int) -> Rendered:
    wide = rng.random() < 0.5
    w = 42 if wide else 32
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP1252", "AUTO"]))
    when = moment(rng, 8, 19, weekdays=True)
    number = str(rng.randint(10000, 99999))
    who = rng.choices(["student", "staff", "guest"], [6, 3, 1])[0]
    refund = rng.random() < 0.07 and who != "guest"
    p.add("MILLBROOK COLLEGE", align="center", bold=True, double_width=not wide)
    p.add("The Bistro", align="center")
    p.add(f"Tran: {number}   Op: {rng.choice(['JS', 'KT', 'AM'])}")
    hour = when.hour % 12 or 12
    p.add(f"{when:%a %d %b %Y} {hour}:{when:%M} {'PM' if when.hour >= 12 else 'AM'}")
    account = None
    if who == "student":
        account = f"{rng.randint(1000000, 1999999)}"
        p.add(f"Student: {rng.choice(STUDENTS)}")
        p.add(f"ID: {account}")
    elif who == "staff":
        account = f"{rng.randint(9000000, 9099999)}"
        p.add(f"Staff: {rng.choice(['J. Whitfield', 'Dr P. Shah', 'C. Murphy'])}")
        p.add(f"ID: {account}")
    p.add("-" * w)
    if refund:
        p.add("REFUND", align="center", bold=True)
    lines = []
    for name, price in pick(rng, FE_MENU, 4) if not refund else pick(rng, FE_MENU, 1):
        q = 1 if refund else rng.choice([1, 1, 1, 2, 3])
        value = q * price
        label = f"{q}x {name}" if q > 1 else name
        p.add(row(label, gbp(value), w))
        lines.append((name, q, value))
    if who == "staff" and not refund and rng.random() < 0.7:
        off = round(sum(a for _, _, a in lines) * 0.10)
        if off:
            p.add(row("Staff discount", gbp(-off), w))
            lines.append(("Staff discount", 1, -off))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    tender: str | None
    if refund:
        p.add(row("Refund", gbp(total), w), bold=True)
        p.add(row("Credited to Cash purse", gbp(total), w))
        tender, total = "account", -total
    else:
        p.add(row("Total", gbp(total), w), bold=True)
        if who == "student":
            bursary = rng.choice([0, 0, 300, 300, 500])
            from_bursary = min(bursary, total)
            if from_bursary:
                p.add(row("Bursary purse", gbp(from_bursary), w))
            if total > from_bursary:
                p.add(row("Cash purse", gbp(total - from_bursary), w))
            tender = (None if from_bursary and total > from_bursary
                      else "fsm" if from_bursary else "account")
        elif who == "staff":
            if rng.random() < 0.6:
                p.add(row("Cash purse", gbp(total), w))
                tender = "account"
            else:
                p.add(row("Contactless", gbp(total), w))
                tender = "card"
        else:
            given = next(n for n in (500, 1000, 2000, 5000) if n >= total)
            p.add(row("Cash", gbp(given), w))
            p.add(row("Change due", gbp(given - total), w))
            tender = "cash"
        p.add(f"VAT incl. {gbp(round(total / 6))}")
    if who != "guest":
        p.add(row("Purse balance", gbp(rng.randint(0, 5000)), w))
    p.add("Bursary is used before cash", align="center")
    return p, Truth(total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when, seconds=False), account)


LAYOUTS: dict[str, Callable[[random.Random, int], Rendered]] = {
    "fis-tr": fis_tr,
    "scontrino-it": scontrino_it,
    "doklad-cz": doklad_cz,
    "wep-gst": wep_gst,
    "hollins-academy": hollins_academy,
    "millbrook-bistro": millbrook_bistro,
}
