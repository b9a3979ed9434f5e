"""The seventeenth holdout's renderers: six real layouts (README.md: each
one's source, and which strings are the source's and which are ours), printed
with our own shops, menus, pupils and numbers. Each renderer takes the
layout's random stream and the receipt's number in the corpus, and gives
what it prints (``Printed``) and the truth a careful reader records."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout17 import Printed

Item = tuple[str, int]  # a name and its usual unit price in hundredths


def _when(rng: random.Random) -> datetime:
    """A school-day time in January to June 2026 (GMT, then BST from 29 March)."""
    day = datetime(2026, 1, 5) + timedelta(days=rng.randrange(0, 175))
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day.replace(hour=rng.randint(7, 15), minute=rng.randrange(60),
                       second=rng.randrange(60))


def _money(p: int, sep: str = ".", thousands: str = "") -> str:
    """``p`` hundredths as ``12.40`` (``sep`` the decimal mark), minus first."""
    whole = f"{abs(p) // 100:,}".replace(",", thousands)
    return f"{'-' if p < 0 else ''}{whole}{sep}{abs(p) % 100:02d}"


def _lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` columns."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _basket(rng: random.Random, menu: list[Item], most: int = 6,
            counts: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4, 6)) -> list[tuple[str, int, int]]:
    """1-``most`` different items, each (name, quantity, unit price drifting a little)."""
    picks = rng.sample(menu, rng.randint(1, min(most, len(menu))))
    out = []
    for name, price in picks:
        q = rng.choice(counts)
        out.append((name, q, max(10, price + rng.choice([0, 0, 0, 5, 10, -5, 20]))))
    return out


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


# ---------------------------------------------------------------- Greek
GR_SERVICES: list[Item] = [
    ("Καθάρισμα παλτού", 900), ("Πουκάμισο", 250), ("Κοστούμι", 1200),
    ("Σιδέρωμα", 150), ("Πάπλωμα διπλό", 1800), ("Κουρτίνα (μέτρο)", 400),
    ("Φόρεμα βραδινό", 1400), ("Γραβάτα", 300), ("Μπουφάν δερμάτινο", 2500),
]


def apodeixi_gr(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """An Athens dry cleaner's Απόδειξη Παροχής Υπηρεσιών Λιανικής."""
    euro_page = rng.random() < 0.7
    p = Printed(codepage="CP1253" if euro_page else "CP737", crlf=rng.random() < 0.15,
                cut=rng.random() < 0.85)
    w = rng.choice([32, 42])

    def eur(v: int) -> str:  # the template's "&euro; {{number_format}}"; CP737 has no €
        return f"€ {_money(v)}" if euro_page else f"EUR {_money(v)}"

    refund = rng.random() < 0.1
    when = _when(rng)
    items = _basket(rng, GR_SERVICES, 5)
    if refund:
        p.add("ΠΙΣΤΩΤΙΚΟ ΣΤΟΙΧΕΙΟ", bold=True, align="center")
        p.add("ΛΙΑΝΙΚΗΣ", bold=True, align="center")
    else:
        p.add("Απόδειξη Παροχής", bold=True, align="center")
        p.add("Υπηρεσιών Λιανικής", bold=True, align="center")
    p.add("ΚΑΘΑΡΙΣΤΗΡΙΑ ΝΙΚΗ", align="center")
    p.add("Λ. Αλεξάνδρας 42, Αθήνα", align="center")
    p.add("ΑΦΜ. 099123456 | ΔΟΥ. Ι' Αθηνών"[:w], align="center")
    p.add("-" * w)
    p.add("Στοιχεία Πώλησης", bold=True)
    p.add(_lr("Ημερομηνία", when.strftime("%d/%m/%Y"), w))
    p.add(_lr("Ώρα", when.strftime("%H:%M"), w))
    series = "ΠΣΛ" if refund else rng.choice(["ΑΠΥ", "Α"])
    number = f"{series} {k + 417:04d}"
    p.add(_lr("Αρ. Απόδειξης", number, w))
    if refund:
        p.add(_lr("Συσχετιζόμενο", f"ΑΠΥ {max(1, k + 380):04d}", w))
    p.add("Παρεχόμενη Υπηρεσία", bold=True)
    lines = []
    for name, q, unit in items:
        if q == 1:
            p.add(_lr(name, eur(unit), w))
        else:
            p.add(name)
            p.add(_lr(f"   {q} x {_money(unit)}", eur(q * unit), w))
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.25:
        goods = sum(a for _, _, a in lines)
        off = -(goods // 10)
        p.add(_lr("Έκπτωση 10%", eur(off), w))  # number_format of a negative: "€ -2.70"
        lines.append(("Έκπτωση 10%", 1, off))
    total = sum(a for _, _, a in lines)
    vat = round(total * 24 / 124)
    p.add("Ποσά", bold=True)
    p.add(_lr("Καθαρή Αξία", eur(total - vat), w))
    p.add(_lr("Αξία Φ.Π.Α. (24%)", eur(vat), w))
    p.add(_lr("Τελικό ποσό", eur(total), w), bold=True)
    tender = rng.choice(["cash", "cash", "card"])
    word = {"cash": "Μετρητά", "card": "Κάρτα"}[tender]
    p.add(_lr("Επιστροφή:" if refund else "Τρόπος πληρωμής:", word, w))
    p.add("")
    p.add("***** Νόμιμη Απόδειξη *****", align="center")
    if w < 36:
        p.add("Ευχαριστούμε για", align="center")
        p.add("την προτίμησή σας.", align="center")
    else:
        p.add("Ευχαριστούμε για την προτίμησή σας.", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), None, [])


# ------------------------------------------------------------- Croatian
HR_MENU: list[Item] = [
    ("Kava s mlijekom", 210), ("Espresso", 160), ("Cappuccino", 230),
    ("Čaj od šipka", 200), ("Kroasan", 180), ("Sendvič šunka-sir", 420),
    ("Mineralna voda 0,25", 250), ("Cedevita naranča", 260), ("Pivo Ožujsko 0,5", 350),
    ("Burek sa sirom", 330),
]


def racun_hr(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A Zagreb café's fiscalised račun (PDV 25 % included, ZKI and JIR)."""
    p = Printed(codepage=rng.choice(["CP852", "CP852", "CP1250"]), crlf=rng.random() < 0.15,
                cut=rng.random() < 0.8)
    w = rng.choice([32, 40])
    storno = rng.random() < 0.1
    sign = -1 if storno else 1
    when = _when(rng)
    items = _basket(rng, HR_MENU)
    p.add("KAVANA MAŠKARA d.o.o.", bold=True, align="center")
    p.add("Ilica 12, 10000 Zagreb", align="center")
    p.add("OIB: 48213570916", align="center")
    p.add("")
    number = f"{k + 417}/PP1/{rng.choice([1, 2])}"
    p.add(f"Račun br: {number}", bold=True)
    if storno:
        p.add(f"Storno računa: {max(1, k + 380)}/PP1/1")
    if w == 40 and rng.random() < 0.5:
        p.add(f"Datum i vrijeme: {when:%d.%m.%Y.} {when:%H:%M:%S}")
    else:
        p.add(f"Datum: {when:%d.%m.%Y.}")
        p.add(f"Vrijeme: {when:%H:%M:%S}")
    p.add("Operater: " + rng.choice(["Ana K.", "Ivan M.", "Petra Š."]))
    p.add("-" * w)
    lines = []
    if w == 40:
        p.add(f"{'Artikl':<20}{'Kol':>4}{'Cijena':>7}{'Iznos':>9}")
    for name, q, unit in items:
        if w == 40:
            p.add(f"{name:<20}{sign * q:>4}{_money(unit, ','):>7}"
                  f"{_money(sign * q * unit, ','):>9}")
        else:
            p.add(name)
            p.add(_lr(f"  {sign * q} x {_money(unit, ',')}", _money(sign * q * unit, ","), w))
        lines.append((name, q, q * unit))
    if not storno and rng.random() < 0.2:
        off = -(sum(a for _, _, a in lines) // 10)
        p.add(_lr("Popust 10%", _money(off, ","), w))
        lines.append(("Popust 10%", 1, off))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    big = w == 40 and rng.random() < 0.5  # double width halves the columns
    p.add(_lr("UKUPNO EUR:", _money(sign * total, ","), w // 2 if big else w), bold=True,
          **({"double_height": True, "double_width": True} if big else {}))
    vat = round(total * 25 / 125)
    p.add(f"{'Porez':<8}{'Stopa':>6}{'Osnovica':>10}{'Iznos':>8}")
    p.add(f"{'PDV':<8}{'25%':>6}{_money(sign * (total - vat), ','):>10}"
          f"{_money(sign * vat, ','):>8}")
    tender = rng.choice(["cash", "cash", "card"])
    p.add("Način plaćanja: " + {"cash": "Gotovina", "card": "Kartice"}[tender])
    if tender == "cash" and not storno:
        paid = -(-total // 500) * 500 if rng.random() < 0.7 else total
        p.add(_lr("Primljeno:", _money(paid, ","), w))
        p.add(_lr("Vraćeno:", _money(paid - total, ","), w))
    p.add("")
    p.add(f"ZKI: {_hex(rng, 32)}")
    p.add(f"JIR: {_hex(rng, 8)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 4)}-{_hex(rng, 12)}")
    p.add("Hvala i doviđenja!", align="center")
    return p, Truth(sign * total, lines, number, tender, "refund" if storno else "sale",
                    occurred(when), None, [])


# ------------------------------------------------------------ Singapore
SG_MENU: list[Item] = [
    ("Chicken Rice", 450), ("Char Kway Teow", 550), ("Kopi-O Kosong", 160),
    ("Teh Peng", 200), ("Laksa", 600), ("Barley (L)", 250), ("Kaya Toast Set", 520),
    ("Fishball Noodle Dry", 500), ("Carrot Cake (Black)", 450), ("Milo Dinosaur", 350),
]


def kopitiam_sg(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A Singapore kopitiam's bill: service charge 10 % and GST 9 % on top,
    cash rounded to 5 cents."""
    p = Printed(codepage=rng.choice(["CP437", "CP437", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.85)
    w = rng.choice([32, 42])
    refund = rng.random() < 0.06
    when = _when(rng)
    items = _basket(rng, SG_MENU)
    p.add("HAO CHI KOPITIAM", bold=True, align="center", double_height=True)
    p.add("Blk 123 Ang Mo Kio Ave 3 #01-45", align="center")
    p.add("GST Reg No: M2-0123456-7", align="center")
    p.add("")
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    number = f"{k + 3150:06d}"
    p.add(f"Bill No : {number}")
    p.add(f"Table: {rng.randint(1, 40)}   Pax: {rng.randint(1, 6)}")
    if rng.random() < 0.5:
        p.add(f"Date: {when:%d/%m/%Y}  Time: {when:%H:%M}")
        date = occurred(when, seconds=False)
    else:
        p.add(f"{when:%d-%m-%Y %H:%M:%S}")
        date = occurred(when)
    p.add("-" * w)
    name_w = w - 14
    p.add(f"{'QTY':<4}{'ITEM':<{name_w}}{'AMT':>10}")
    lines = []
    for name, q, unit in items:
        p.add(f"{q:>3} {name:<{name_w}}{_money(q * unit):>10}")
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.25:
        off = -round(sum(a for _, _, a in lines) / 10)
        p.add(f"{'':4}{'Member Disc 10%':<{name_w}}{_money(off):>10}")
        lines.append(("Member Disc 10%", 1, off))
    sub = sum(a for _, _, a in lines)
    svc = round(sub / 10)
    gst = round((sub + svc) * 9 / 100)
    tender = rng.choice(["cash", "cash", "card", "NETS", "PayNow", None])
    if refund and tender in (None, "PayNow"):
        tender = "NETS"  # a refund goes back one way
    rounding = 0
    if tender == "cash":
        raw = sub + svc + gst
        rounding = 5 * round(raw / 5) - raw
    total = sub + svc + gst + rounding
    p.add("-" * w)
    pad = w - 22
    p.add(" " * pad + _lr("Sub-Total", _money(sub), 22))
    p.add(" " * pad + _lr("Svc Chg 10%", _money(svc), 22))
    p.add(" " * pad + _lr("GST 9%", _money(gst), 22))
    if rounding:
        p.add(" " * pad + _lr("Rounding Adj", _money(rounding), 22))
    p.add(" " * pad + _lr("REFUND TOTAL" if refund else "TOTAL", _money(total), 22), bold=True)
    p.add("")
    if tender == "cash":
        paid = total if refund else -(-total // 1000) * 1000
        p.add(_lr("CASH REFUND" if refund else "CASH", _money(paid), w))
        if paid > total:
            p.add(_lr("CHANGE", _money(paid - total), w))
    elif tender == "card":
        p.add(_lr("VISA", _money(total), w))
        p.add(f"Card No: ************{rng.randint(1000, 9999)}")
    elif tender is None:  # NETS for part, the rest in cash
        part = rng.randrange(200, max(201, total - 100))
        p.add(_lr("NETS", _money(part), w))
        p.add(_lr("CASH", _money(total - part), w))
    else:
        p.add(_lr(tender, _money(total), w))
    p.add("Cashier: " + rng.choice(["03", "07", "11"]))
    p.add("THANK YOU! PLEASE COME AGAIN", align="center")
    notes = [f"service={svc}", f"tax_on_top={gst}"] + ([f"rounding={rounding}"] if rounding
                                                       else [])
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", date, None, notes)


# --------------------------------------------------------------- Zettle
ZETTLE_MENU: list[Item] = [
    ("Flat White", 320), ("Oat Latte", 360), ("Americano", 280), ("Hot Chocolate", 340),
    ("Banana Bread", 320), ("Cheese Scone", 295), ("Sausage Roll", 375),
    ("Bacon Bap", 450), ("Soup of the Day", 525), ("Orange Juice", 250),
]
ZETTLE_OPTIONS = ["Oat milk", "Extra shot", "Decaf", "Warmed", "Take away"]


def zettle_uk(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A Frome café's receipt from Zettle (PayPal's card reader app)."""
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.8)
    w = rng.choice([32, 42, 48])
    refund = rng.random() < 0.08
    when = _when(rng)
    items = _basket(rng, ZETTLE_MENU)
    p.add("The Wren Cafe", bold=True, align="center", double_width=True)
    p.add("14 Market Place, Frome BA11 1AN", align="center")
    p.add("VAT no. GB 284 1960 52", align="center")
    p.add("")
    if refund:
        p.add("Refund", bold=True)
        p.add(f"Refund of receipt #{max(1, k + 980)}")
    number = str(k + 1042)
    p.add(f"Receipt #{number}")
    p.add(f"{when.day} {when:%b %Y} {when:%H:%M}")
    p.add("-" * w)
    lines = []
    for name, q, unit in items:
        label = name if q == 1 else f"{q} x {name}"
        p.add(_lr(label, f"£{_money(q * unit)}", w))
        if rng.random() < 0.2:
            p.add(f"  {rng.choice(ZETTLE_OPTIONS)}")
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.2:
        off = -round(sum(a for _, _, a in lines) / 10)
        p.add(_lr("Discount (10%)", f"-£{_money(-off)}", w))
        lines.append(("Discount (10%)", 1, off))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    p.add(_lr("Total refunded" if refund else "Total", f"£{_money(total)}", w), bold=True)
    p.add(_lr("VAT 20% (incl.)", f"£{_money(round(total / 6))}", w))
    p.add("-" * w)
    tender = rng.choice(["card", "card", "card", "cash", None])
    if refund and tender is None:
        tender = "card"
    last4 = rng.randint(1000, 9999)
    if tender == "card":
        p.add(_lr("Refunded to card" if refund else "Card", f"£{_money(total)}", w))
        p.add(f"{rng.choice(['Visa', 'Mastercard', 'Amex'])} Contactless **** {last4}")
        p.add(f"Ref: {_hex(rng, 8).upper()}")
        if rng.random() < 0.5:
            p.add("AID: A0000000031010")
    elif tender == "cash":
        paid = total if refund else rng.choice([total, -(-total // 500) * 500,
                                                  -(-total // 1000) * 1000])
        p.add(_lr("Cash", f"£{_money(paid)}", w))
        if paid > total:
            p.add(_lr("Change", f"£{_money(paid - total)}", w))
    else:  # Zettle's split payment: cash first, the rest on card
        part = rng.choice([500, 1000]) if total > 1100 else total // 2
        p.add("Split payment")
        p.add(_lr("Cash", f"£{_money(part)}", w))
        p.add(_lr("Card", f"£{_money(total - part)}", w))
        p.add(f"Visa Contactless **** {last4}")
    p.add("Served by " + rng.choice(["Sam", "Priya", "Tom"]))
    p.add("Thank you for visiting!", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), None, [])


# ------------------------------------------------------ UK school (swipe)
MEALS: list[Item] = [
    ("Pasta Bake", 230), ("Fruit Pot", 60), ("Jacket Potato", 210), ("Chicken Wrap", 245),
    ("Pizza Slice", 150), ("Cookie", 45), ("Water 500ml", 60), ("Fruit Juice", 85),
    ("Roast Dinner", 245), ("Toast", 30), ("Yoghurt", 55), ("Veg Curry & Rice", 235),
]
PUPILS = ["Amelia Jones", "Noah Williams", "Isla Roberts", "Harry Evans", "Ava Thomas",
          "Leo Hughes", "Freya Davies", "Oscar Lewis", "Mia Edwards"]
FORMS = ["7B", "8G", "9R", "10Y", "11P"]


def mealcredit_school(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A UK swipe-card high school: a daily meal credit (free meals), a cash
    balance topped up online, a daily spend limit."""
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]), crlf=rng.random() < 0.15,
                cut=rng.random() < 0.85)
    w = rng.choice([32, 40])
    who = rng.choices(["pupil", "staff", "visitor"], [8, 1, 1])[0]
    refund = who != "visitor" and rng.random() < 0.08
    when = _when(rng)
    items = _basket(rng, MEALS, 4, counts=(1, 1, 1, 1, 1, 2, 2, 3))  # one pupil's tray
    p.add("ASHGROVE HIGH SCHOOL", bold=True, align="center")
    p.add(f"Main Hall - Till {rng.randint(1, 3)}", align="center")
    number = f"{k + 123:06d}"
    p.add(_lr(f"Trans {number}", f"{when:%d/%m/%y %H:%M}", w))
    account = None
    if who == "pupil":
        p.add(f"Pupil  : {rng.choice(PUPILS)} ({rng.choice(FORMS)})")
        account = str(rng.randint(10040000, 10049999))
        p.add(f"Card No: {account}")
    elif who == "staff":
        p.add(f"Staff  : {rng.choice(['Mr Patel', 'Mrs Green', 'Ms Byrne'])}")
        account = f"S{rng.randint(100, 999):05d}"
        p.add(f"Card No: {account}")
    p.add("-" * w)
    if refund:
        p.add("** REFUND **", bold=True, align="center")
    lines = []
    for name, q, unit in items:
        p.add(_lr(f"{q} x {name}", _money(q * unit), w))
        lines.append((name, q, q * unit))
    if not refund and len(items) >= 2 and rng.random() < 0.3:
        p.add(_lr("Meal Deal Discount", "-0.40", w))
        lines.append(("Meal Deal Discount", 1, -40))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    p.add(_lr("AMOUNT REFUNDED" if refund else "AMOUNT SPENT", f"£{_money(total)}", w), bold=True)
    balance = rng.randint(-150, 2500)
    if refund:
        p.add(_lr("Returned to Cash Balance", f"£{_money(total)}", w))
        tender = "account"
    elif who == "visitor":
        paid = -(-total // 500) * 500
        p.add(_lr("Cash Paid", f"£{_money(paid)}", w))
        p.add(_lr("Change", f"£{_money(paid - total)}", w))
        tender = "cash"
    else:
        credit = 245 if who == "pupil" and rng.random() < 0.35 else 0
        used = min(credit, total)
        if used:
            p.add(_lr("Meal Credit Used", f"£{_money(used)}", w))
        if total > used:
            p.add(_lr("From Cash Balance", f"£{_money(total - used)}", w))
        tender = ("fsm" if used == total else "account" if not used else None)
    if who != "visitor":
        p.add("-" * w)
        p.add(_lr("Cash Balance Now", f"£{_money(balance)}", w))
        if who == "pupil":
            p.add(_lr("Daily Limit Left", f"£{_money(rng.randrange(0, 500, 5))}", w))
            p.add("Unused meal credit is not"[:w])
            p.add("carried over to tomorrow")
    p.add("")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account, [])


# ------------------------------------------------- UK school (refectory)
REFECTORY: list[Item] = [
    ("Jacket Potato & Beans", 260), ("Panini Ham & Cheese", 240), ("Bottled Water", 80),
    ("Sponge & Custard", 95), ("Chicken Curry", 250), ("Salad Box", 220), ("Flapjack", 70),
    ("Fish & Chips (Fri)", 275), ("Smoothie", 130), ("Garlic Bread", 60),
]


def refectory_rc(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A Catholic high school's refectory: free meal allowance allocated
    daily, a dinner money account, visitors paying cash."""
    p = Printed(codepage=rng.choice(["CP850", "CP858"]), crlf=rng.random() < 0.1,
                cut=rng.random() < 0.9)
    w = rng.choice([42, 48])
    who = rng.choices(["pupil", "staff", "visitor"], [8, 1, 1])[0]
    refund = who != "visitor" and rng.random() < 0.08
    when = _when(rng)
    items = _basket(rng, REFECTORY, 5, counts=(1, 1, 1, 1, 2, 2, 3))
    p.add("ST AIDAN'S CATHOLIC HIGH SCHOOL", bold=True, align="center")
    p.add(f"Refectory   POS {rng.randint(1, 4)}", align="center")
    p.add(f"{when:%A} {when.day} {when:%B %Y} {when:%H:%M:%S}", align="center")
    number = f"R{rng.randint(1, 4)}-{k + 4512:06d}"
    p.add(f"Receipt: {number}")
    account = None
    if who == "pupil":
        account = str(rng.randint(40000, 49999))
        p.add(f"Name: {rng.choice(PUPILS)}   Yr {rng.randint(7, 13)}")
        p.add(f"Acct: {account}")
    elif who == "staff":
        account = f"ST{rng.randint(10, 99)}"
        p.add(f"Name: {rng.choice(['Fr. Doyle', 'Mrs Kowalski', 'Mr Okafor'])}   Staff")
        p.add(f"Acct: {account}")
    else:
        p.add("Name: Visitor")
    p.add("=" * w)
    if refund:
        p.add("REFUND", bold=True, double_width=True)
    p.add(f"{'Item':<{w - 14}}{'Qty':>4}{'Amount':>10}")
    lines = []
    for name, q, unit in items:
        p.add(f"{name:<{w - 14}}{q:>4}{'£' + _money(q * unit):>10}")
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.25:
        p.add(f"{'Meal deal saving':<{w - 14}}{'':>4}{'-£0.50':>10}")
        lines.append(("Meal deal saving", 1, -50))
    total = sum(a for _, _, a in lines)
    p.add("=" * w)
    p.add(_lr("TOTAL REFUNDED" if refund else "TOTAL", f"£{_money(total)}", w), bold=True)
    if refund:
        p.add(_lr("Refunded to Dinner Money Account", f"£{_money(total)}", w))
        tender = "account"
    elif who == "visitor":
        paid = rng.choice([total, -(-total // 500) * 500, -(-total // 1000) * 1000])
        p.add(_lr("Cash", f"£{_money(paid)}", w))
        p.add(_lr("Change", f"£{_money(paid - total)}", w))
        tender = "cash"
    else:
        allowance = 260 if who == "pupil" and rng.random() < 0.3 else 0
        used = min(allowance, total)
        if used:
            p.add(_lr("Free Meal Allowance", f"£{_money(used)}", w))
        if total > used:
            p.add(_lr("Dinner Money Account", f"£{_money(total - used)}", w))
        tender = "fsm" if used == total else "account" if not used else None
    if who != "visitor":
        p.add("")
        p.add(_lr("Dinner money balance:", f"£{_money(rng.randint(-200, 3000))}", w))
        if who == "pupil":
            p.add(_lr("Free meal remaining today:", f"£{_money(rng.choice([0, 0, 35, 260]))}",
                      w))
    p.add("God bless - enjoy your meal", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when), account, [])


# ------------------------------------------------------------- Romanian
RO_MENU: list[tuple[str, int, str]] = [  # name, price in bani, VAT letter (A 21 %, B 11 %)
    ("Cafea espresso", 900, "B"), ("Covrig cu susan", 350, "B"), ("Apă plată 0.5L", 550, "A"),
    ("Plăcintă cu brânză", 1200, "B"), ("Ceai verde", 800, "B"), ("Sandviş cu şuncă", 1650, "B"),
    ("Suc portocale", 1100, "A"), ("Gumă mentă", 450, "A"), ("Ţigări Kent", 2800, "A"),
]
RO_RATES = {"A": 21, "B": 11}


def bon_fiscal_ro(rng: random.Random, k: int) -> tuple[Printed, Truth]:
    """A Cluj kiosk's bon fiscal from its fiscal cash register (HG 804/2017
    contents: quantity and unit price over the item, its VAT letter, TOTAL,
    the payment methods, TVA per rate, BON FISCAL and the fiscal series)."""
    p = Printed(codepage=rng.choice(["CP852", "CP852", "CP1250"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.7)
    w = rng.choice([32, 40])
    when = _when(rng)
    picks = rng.sample(RO_MENU, rng.randint(1, 6))
    p.add("S.C. CHIOSC CENTRAL S.R.L.", align="center")
    p.add("CIF: RO31457802", align="center")
    p.add("Str. Memorandumului 7, Cluj", align="center")
    p.add("LEI", align="center")
    lines, vat_by = [], {"A": 0, "B": 0}
    for name, price, letter in picks:
        q = rng.choice([1, 1, 1, 2, 2, 3, 5])
        unit = price + rng.choice([0, 0, 50, -50, 100])
        if q > 1 or rng.random() < 0.5:
            p.add(f"{q}.000 BUC x {_money(unit)}")
        p.add(_lr(name, f"{_money(q * unit)} {letter}", w))
        lines.append((name, q, q * unit))
        amount = q * unit
        if rng.random() < 0.15:
            off = -(amount // 10)
            p.add(_lr("REDUCERE 10%", f"{_money(off)} {letter}", w))
            lines.append(("REDUCERE 10%", 1, off))
            amount += off
        vat_by[letter] += amount
    total = sum(a for _, _, a in lines)
    p.add(_lr("TOTAL", _money(total), w), bold=True)
    way = rng.choice(["cash", "cash", "card", "card", "voucher", None])
    if way == "cash":
        paid = rng.choice([total, -(-total // 1000) * 1000, -(-total // 5000) * 5000])
        p.add(_lr("NUMERAR", _money(paid), w))
        if paid > total:
            p.add(_lr("REST", _money(paid - total), w))
    elif way == "card":
        p.add(_lr("CARD", _money(total), w))
    elif way == "voucher":
        p.add(_lr("TICHETE MASA", _money(total), w))
    else:  # meal tickets for a round part, the rest in cash
        part = max(100, (total // 2) // 100 * 100)
        p.add(_lr("TICHETE MASA", _money(part), w))
        p.add(_lr("NUMERAR", _money(total - part), w))
    all_vat = 0
    for letter in ("A", "B"):
        if vat_by[letter]:
            rate = RO_RATES[letter]
            v = round(vat_by[letter] * rate / (100 + rate))
            all_vat += v
            p.add(_lr(f"TVA {letter} {rate}%", _money(v), w))
    p.add(_lr("TOTAL TVA", _money(all_vat), w))
    p.add("Operator: " + rng.choice(["01", "02", "MARIA"]))
    number = f"{k + 42:04d}"
    p.add(_lr(f"Nr. bon: {number}", f"Z: {rng.randint(150, 160):04d}", w))
    p.add(_lr(when.strftime("DATA: %d/%m/%Y"), when.strftime("ORA: %H:%M"), w))
    p.add("BON FISCAL", bold=True, align="center")
    p.add(f"{rng.choice(['DA', 'DB'])}{rng.randint(4000000000, 4999999999)}", align="center")
    return p, Truth(total, lines, number, way, "sale", occurred(when, seconds=False), None, [])


LAYOUTS = {
    "apodeixi-gr": apodeixi_gr,
    "racun-hr": racun_hr,
    "kopitiam-sg": kopitiam_sg,
    "zettle-uk": zettle_uk,
    "bon-fiscal-ro": bon_fiscal_ro,
    "mealcredit-school": mealcredit_school,
    "refectory-rc": refectory_rc,
}
