"""The fourteenth holdout's renderers: one per layout, each printing a
varied receipt through python-escpos (``Printed``) and returning what a careful
person reading the paper would record (``Truth``). Sources and the
conventions followed: README.md."""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Renderer = Callable[[random.Random, int], tuple[Printed, Truth]]


def _when(rng: random.Random, hours: tuple[int, int] = (8, 21),
          school: bool = False) -> datetime:
    """A moment anywhere in 2026 (GMT and BST), inside opening hours; a
    school's on a weekday out of the August holiday."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    while school and (day.weekday() > 4 or day.month == 8):
        day += timedelta(days=1)
    return day.replace(hour=rng.randrange(*hours), minute=rng.randrange(60),
                       second=rng.randrange(60))


def _lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` (at least one space
    between: a row too long runs past the width, as the sources print it)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _centre(text: str, width: int) -> str:
    return " " * max(0, (width - len(text)) // 2) + text


def _pick(rng: random.Random, menu: list[tuple[str, int]], k: int) -> list[tuple[str, int]]:
    """``k`` menu items, a price sometimes risen (real menus drift)."""
    out = []
    for name, price in rng.sample(menu, k):
        if rng.random() < 0.15:
            step = 10 if price % 10 == 0 else 1
            price += max(step, round(price * rng.choice([0.05, 0.1]) / step) * step)
        out.append((name, price))
    return out


# --- A Hungarian pizza delivery's nyugta (pizzakaravan) ----------------------

PIZZAS = [("Margherita pizza 32cm", 2490), ("Sonkás pizza 32cm", 2890),
          ("Gyros pizza 45cm", 4690), ("Hawaii pizza 32cm", 2990),
          ("Négysajtos pizza 32cm", 3190), ("Coca-Cola 1,75l", 890),
          ("Tiramisu", 1290), ("Sült krumpli", 790), ("Csirkeszárny 6db", 1990),
          ("Szalámis pizza 45cm", 4390)]
HU_NAMES = [("Kovács Péter", "Budapest, Váci út 12."),
            ("Nagy Eszter", "Budapest, Bartók B. út 40."),
            ("Szabó Ádám", "Budapest, Üllői út 101."),
            ("Tóth Réka", "Budapest, Fő utca 3.")]


def _ft(value: float) -> str:
    """How the source prints a forint amount: ``str`` of an int or a float."""
    return str(value)


def nyugta_hu(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP852", "CP852", "AUTO"]), crlf=rng.random() < 0.3,
                cut=False)  # the source feeds five blank lines and never cuts
    when = _when(rng, (11, 23))
    number = str(1 + (i * 7 + rng.randrange(5)) % 240)  # the session's counter
    # The source appends a row per product chosen: the same pizza twice is two rows.
    chosen = [(n, pr) for n, pr in _pick(rng, PIZZAS, rng.choice([1, 2, 2, 3, 4, 5]))]
    if rng.random() < 0.3:
        chosen.append(chosen[0])
    total = sum(pr for _, pr in chosen)
    perc = rng.choice([0, 0, 0, 5, 10, 15, 20])
    discount = total * perc / 100  # a float, printed as Python prints it (249.0)
    final = total - discount
    name, address = rng.choice(HU_NAMES)
    bold = {"bold": True}  # the source sends ESC E 1 before all of it
    for row in ["========= Pizzakaravan =================", "",
                "    HÁZHOZSZÁLLÍTÁS NYUGTA", "      www.pizzakaravan.hu",
                "---------------------------------------",
                f"Sorszam: {number}  Datum: {when:%Y-%m-%d} {when:%H:%M}",
                "---------------------------------------",
                f"Vasarlo: {name}", f"Cim: {address}",
                f"Tel.: +36 30 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
                "--------------------------------------", "Termekek:"]:
        p.add(row, **bold)
    for n, pr in chosen:
        p.add(f"{n} - {pr} Ft", **bold)
    stamp = when + timedelta(seconds=rng.randrange(5, 50))
    for row in ["--------------------------------------",
                f"Teljes osszeg: {total} Ft  ", f"Kedvezmeny: {_ft(discount)} Ft",
                "---------------------------------------",
                f"   |Vegosszeg: {_ft(final)} Ft|",
                "-------------------------------------",
                "     Koszonjuk a rendeleset!", "       www.pizzakaravan.hu",
                "-------------------------------------",
                f"Nyugta: {stamp:%Y-%m-%d %H:%M:%S}",
                "===================================="]:
        p.add(row, **bold)
    lines = [(n, 1, pr * 100) for n, pr in chosen]
    if perc:
        lines.append(("Kedvezmeny", 1, -round(discount * 100)))
    t = Truth(round(final * 100), lines, number, None, "sale",
              occurred(when, seconds=False), None)
    return p, t


# --- A Vietnamese shop's hoa don (KPOS ZY307 template) -------------------------

VN_MENU = [("Ca phe sua da", 25000, "ly"), ("Tra dao cam sa", 35000, "ly"),
           ("Banh mi thit nuong", 30000, "o"), ("Nuoc suoi Aquafina 500ml", 8000, "chai"),
           ("Mi goi Hao Hao", 4500, "goi"), ("Sua tuoi Vinamilk 1L", 32000, "hop"),
           ("Banh bao nhan thit trung cut", 22000, "cai"), ("Gao ST25 tui 5kg", 185000, "tui"),
           ("Nuoc mam Nam Ngu 500ml", 41000, "chai"), ("Xuc xich Duc Viet", 15000, "cai")]
VN_CUSTOMERS = ["Nguyen Van An", "Tran Thi Bich", "Le Hoang Nam", "Pham Minh Chau"]


def _vnd(v: int) -> str:
    """Dong as vi-VN prints it: dot thousands, the sign after."""
    return f"{v:,}".replace(",", ".") + " ₫"


def hoadon_vn(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([48, 48, 32])
    compact = width < 40 or rng.random() < 0.2
    vat = rng.random() < 0.4
    p = Printed(codepage="CP1258", crlf=rng.random() < 0.2, cut=True)
    when = _when(rng, (7, 22))
    number = f"HD{when:%y%m%d}-{rng.randrange(1, 999):04d}"
    p.add("TAP HOA CO BA", bold=True, double_height=True, align="center")
    p.add("12 Nguyen Trai, Q.1, TP.HCM", align="center")
    p.add(f"DT: 0{rng.randrange(900000000, 999999999)}", align="center")
    if vat:
        p.add(f"MST: 03{rng.randrange(10000000, 99999999)}", align="center")
    p.add("=" * width)
    p.add("")
    p.add("HOA DON BAN LE", bold=True)
    p.add(f"Hoa don: {number}")
    p.add(f"Ngay: {when:%d/%m/%Y %H:%M}")
    p.add(f"Don hang: {rng.getrandbits(32):08X}")
    p.add("")
    if rng.random() < 0.5:
        p.add(f"Khach hang: {rng.choice(VN_CUSTOMERS)}")
        p.add(f"SDT: 09{rng.randrange(10000000, 99999999)}")
        p.add("")
    p.add("-" * width)
    head = _lr("San pham", "SL | D.gia | T.tien", width)
    p.add("San pham - SL - Thanh tien" if compact else head)
    if not compact:
        p.add("-" * width)
    items = _pick(rng, [(n, v) for n, v, _ in VN_MENU], rng.choice([1, 2, 2, 3, 3, 4, 6]))
    units = {n: u for n, _, u in VN_MENU}
    lines = []
    for k, (name, price) in enumerate(items):
        price = price // 500 * 500
        qty = rng.choice([1, 1, 1, 2, 2, 3, 5, 10])
        value = qty * price
        for row in textwrap.wrap(name, int(width * (0.7 if compact else 0.6))):
            p.add(row)  # a long name wraps by words; the truth is the whole name
        q = f"  {qty} {units[name]} x {_vnd(price)}"
        p.add(f"{q} = {_vnd(value)}" if compact else _lr(q, _vnd(value), width))
        if k < len(items) - 1:
            p.add("")
        lines.append((name, qty, value * 100))
    p.add("-" * width)
    total = sum(a for _, _, a in lines) // 100
    p.add(_lr("TONG CONG:", _vnd(total), width), bold=True)
    notes = []
    paid = total
    if vat:
        tax = total // 10
        paid = total + tax
        p.add(_lr("VAT (10%):", _vnd(tax), width))
        p.add(_lr("THANH TIEN:", _vnd(paid), width), bold=True)
        notes.append(f"tax_on_top={tax * 100}")
    p.add("=" * width)
    p.add("")
    for row in ("Cam on quy khach!", "Hen gap lai!", "", "--- BAN KHACH HANG ---"):
        p.add(row, align="center")
    t = Truth(paid * 100, lines, number, None, "sale", occurred(when, seconds=False), None,
              notes=notes)
    return p, t


# --- A Paraguayan store's 48 mm ticket (4gv4) --------------------------------

PY_MENU = [("Auriculares Bluetooth JBL Tune 510", 34990), ("Cargador USB-C 20W", 8900),
           ("Funda Protectora Transparente", 2500), ("Protector Pantalla Cristal", 1500),
           ("Cable USB-C Lightning 2m", 3000), ("Parlante Portatil Xtreme", 45900),
           ("Memoria microSD 128GB", 12900), ("Mouse Inalambrico Logitech M170", 9900),
           ("Smartwatch Band 8", 28900), ("Soporte Celular Auto", 4500)]
PY_CLIENTS = [("María González", "98765432-1"), ("Juan Benítez", "4455667-0"),
              ("Lucía Ayala", "5123987-3")]


def _usd(v: int) -> str:
    sign = "-" if v < 0 else ""
    return f"{sign}${abs(v) / 100:,.2f}"


def ticket_py(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = 32
    p = Printed(codepage=rng.choice(["CP850", "CP858", "CP1252"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.8)
    when = _when(rng)
    number = f"REC-{rng.randrange(1700000000, 1799999999)}"
    p.add("TIENDA EL CELULAR", align="center", double_height=True)
    p.add("Av. Mcal. López 1234", align="center")
    p.add("RUC: 80012345-6", align="center")
    p.add("Tel: 021-555-4567", align="center")
    p.add("=" * width)
    p.add(f"TICKET N° {number}", align="center", bold=True)
    p.add(f"{when:%d/%m/%Y}", align="center")
    p.add(f"{when:%H:%M:%S}", align="center")
    p.add("=" * width)
    if rng.random() < 0.6:
        name, ruc = rng.choice(PY_CLIENTS)
        p.add(f"CLIENTE: {name}")
        p.add(f"RUC: {ruc}")
        p.add("-" * width)
    p.add("PRODUCTOS:", bold=True)
    lines = []
    for name, unit in _pick(rng, PY_MENU, rng.choice([1, 2, 2, 3, 4, 5])):
        unit *= 10  # cents
        qty = rng.choice([1, 1, 1, 2, 2, 3])
        value = qty * unit
        shown = name if len(name) <= width else name[:width - 3] + "..."
        p.add(shown)
        p.add(_lr(f"{qty} x {_usd(unit)}", _usd(value), width))
        lines.append((shown, qty, value))
        if rng.random() < 0.2:
            off = rng.choice([100, 200, 500, 1000, value // 10])
            p.add(f"  Desc: {_usd(-off)}")
            lines.append(("Desc", 1, -off))
    p.add("-" * width)
    subtotal = sum(a for _, _, a in lines if a > 0)
    discount = -sum(a for _, _, a in lines if a < 0)
    net = subtotal - discount
    iva = (net + 5) // 10  # IVA 10 %, added on top as the source's example adds it
    total = net + iva
    p.add(_lr("SUBTOTAL:", _usd(subtotal), width))
    if discount:
        p.add(_lr("DESCUENTO:", _usd(-discount), width))
    p.add(_lr("IVA:", _usd(iva), width))
    p.add("=" * width)
    p.add(_lr("TOTAL:", _usd(total), width), bold=True)
    p.add("=" * width)
    method = rng.choice(["Tarjeta de Crédito", "Tarjeta de Débito", "Efectivo", "Efectivo"])
    p.add(f"PAGO: {method}")
    if method == "Efectivo":
        given = -(-total // 5000) * 5000 + rng.choice([0, 0, 5000])
        p.add(_lr("PAGADO:", _usd(given), width))
        p.add(_lr("VUELTO:", _usd(given - total), width))
    else:
        p.add(_lr("PAGADO:", _usd(total), width))
    p.add("=" * width)
    p.add("¡GRACIAS POR SU COMPRA!", align="center")
    p.add("Vuelva pronto", align="center")
    tender = "cash" if method == "Efectivo" else "card"
    t = Truth(total, lines, number, tender, "sale", occurred(when), None,
              notes=[f"tax_on_top={iva}"])
    return p, t


# --- A US taco truck on Star Document Markup ---------------------------------

TACOS = [("Carnitas Taco", 350), ("Al Pastor Taco", 350), ("Birria Taco", 425),
         ("Carne Asada Burrito", 1295), ("Chicken Quesadilla", 1095), ("Elote", 500),
         ("Horchata 16oz", 400), ("Mexican Coke", 375), ("Chips & Guac", 650),
         ("Churros (3)", 550)]


def taco_truck_us(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([48, 48, 32])
    p = Printed(codepage=rng.choice(["AUTO", "CP437"]), cut=True)
    when = _when(rng, (10, 22))
    number = str(1000 + i * 3 + rng.randrange(3))
    p.add("LUPE'S TACO TRUCK", align="center", double_width=True)
    p.add("Corner of 5th & Main, Austin TX", align="center")
    p.add("(512) 555-0142", align="center")
    p.add("")
    p.add(f"Order #{number}", align="center", custom_size=True, width=3, height=2)
    p.add(f"{when:%m/%d/%Y} {when.hour % 12 or 12}:{when:%M %p}", align="center")
    p.add("")
    lines = []
    for name, price in _pick(rng, TACOS, rng.choice([1, 2, 2, 3, 3, 4, 5, 6])):
        qty = rng.choice([1, 1, 2, 2, 3, 4])
        value = qty * price
        p.add(_lr(f"{qty} {name}", f"${value / 100:.2f}", width))
        lines.append((name, qty, value))
    p.add("")
    subtotal = sum(a for _, _, a in lines)
    discount = rng.choice([0, 0, 0, 0, 100, 200, subtotal // 10])
    tax = round((subtotal - discount) * 0.0825)
    tip = rng.choice([0, 0, 100, 200, 300, round(subtotal * 0.18), round(subtotal * 0.2)])
    total = subtotal + tax + tip - discount
    for label, v in (("Sub Total:", subtotal), ("Tax:", tax), ("Tips:", tip),
                     ("Discount:", discount), ("Final Total:", total)):
        p.add(_lr(label, f"${v / 100:.2f}", width))
    if discount:
        lines.append(("Discount", 1, -discount))
    p.add("")
    p.add("Thanks, amigo! Follow us @lupestacos", align="center")
    t = Truth(total, lines, number, None, "sale", occurred(when, seconds=False), None,
              notes=[f"tax_on_top={tax}", f"tip={tip}"])
    return p, t


# --- UK school one: a Civica-style secondary (Appleton) ----------------------

SCHOOL_MENU = [("Pasta Bake", 230), ("Jacket Potato & Beans", 220), ("Chicken Wrap", 250),
               ("Pizza Slice", 150), ("Fruit Pot", 60), ("Cookie", 55), ("Water 500ml", 70),
               ("Fruit Juice", 85), ("Main Meal Deal", 245), ("Toast", 20),
               ("Bacon Bap", 130), ("Yoghurt", 50)]
PUPILS = ["Amelia Wright", "Noah Clarke", "Isla Khan", "Leo Murphy", "Ava Thompson",
          "Mohammed Ali", "Freya Evans", "Oscar Hughes"]


LIMIT = 500  # both schools' daily spend limit for a pupil, in pence


def _gbp(v: int) -> str:
    return f"-£{-v / 100:.2f}" if v < 0 else f"£{v / 100:.2f}"


def civica_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP437", "CP850", "CP858"]), cut=rng.random() < 0.85)
    when = _when(rng, (8, 14), school=True)
    number = f"{rng.randrange(1, 4)}{rng.randrange(1, 99999):05d}"
    who = rng.choices(["pupil", "staff", "visitor"], weights=[8, 2, 1])[0]
    refund = rng.random() < 0.08
    p.add("THE APPLETON SCHOOL", align="center", bold=True)
    p.add("Dining Hall  Till 2", align="center")
    p.add("-" * width)
    p.add(_lr(f"Date: {when:%d/%m/%Y}", f"Time: {when:%H:%M}", width))
    p.add(f"Trans No: {number}")
    account = None
    if who == "pupil":
        account = f"{rng.randrange(10000, 29999)}"
        p.add(f"Student: {rng.choice(PUPILS)}")
        p.add(f"Reg Group: {rng.randrange(7, 12)}{rng.choice('WHAS')}")
        p.add(f"Account: {account}")
    elif who == "staff":
        account = f"S{rng.randrange(100, 999)}"
        p.add(f"Staff: {rng.choice(['Mr', 'Mrs', 'Ms', 'Dr'])} {rng.choice(PUPILS).split()[1]}")
        p.add(f"Account: {account}")
    else:
        p.add("Customer: Visitor")
    p.add("-" * width)
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
    lines = []
    for name, price in _pick(rng, SCHOOL_MENU, rng.choice([1, 1, 2, 2, 3, 4])):
        qty = 1 if refund else rng.choice([1, 1, 1, 2, 3])
        value = qty * price
        if who == "pupil" and value > LIMIT:
            qty, value = 1, price
        if who == "pupil" and lines and sum(a for *_, a in lines) + value > LIMIT:
            continue  # the till refuses what passes a pupil's daily limit
        left = name if qty == 1 else f"{name} {qty} @ {price / 100:.2f}"
        p.add(_lr(left, _gbp(value), width))
        lines.append((name, qty, value))
    if not refund and who != "visitor" and sum(a for *_, a in lines) > 200 and rng.random() < 0.3:
        p.add(_lr("Meal Deal Discount", _gbp(-30), width))
        lines.append(("Meal Deal Discount", 1, -30))
    total = sum(a for *_, a in lines)
    p.add("-" * width)
    if refund:
        p.add(_lr("Refund Total", _gbp(-total), width), bold=True)
    else:
        p.add(_lr("Total", _gbp(total), width), bold=True, double_height=True)
    fsm = who == "pupil" and not refund and rng.random() < 0.35
    allowance = 245
    from_fsm = 0
    balance = rng.randrange(0, 2500)
    if refund:
        tender = "account" if who != "visitor" else "cash"
        p.add(_lr("Credited to Account" if account else "Cash Refunded", _gbp(total), width))
        balance += total
    elif who == "visitor":
        given = -(-total // 500) * 500
        p.add(_lr("Cash", _gbp(given), width))
        p.add(_lr("Change", _gbp(given - total), width))
        tender = "cash"
    else:
        from_fsm = min(allowance, total) if fsm else 0
        from_acc = total - from_fsm
        if from_fsm:
            p.add(_lr("Free Meal Allowance", _gbp(from_fsm), width))
        if from_acc:
            p.add(_lr("Paid from Account", _gbp(from_acc), width))
        tender = "fsm" if from_fsm and not from_acc else "account" if not from_fsm else None
        if rng.random() < 0.1 and from_acc:
            balance = rng.randrange(-200, 0)  # the one day's loan the school allows
    p.add("-" * width)
    if account:
        p.add(_lr("Account Balance", _gbp(balance), width))
        if balance < 0:
            p.add("ONE DAY LOAN - PLEASE TOP UP", align="center")
        if fsm:
            p.add(_lr("Free Meal remaining", _gbp(allowance - from_fsm), width))
        if who == "pupil" and not refund:
            p.add(_lr("Daily Limit remaining", _gbp(max(0, LIMIT - total)), width))
    p.add("Top up via ParentMail", align="center")
    t = Truth(-total if refund else total, lines, number, tender,
              "refund" if refund else "sale", occurred(when, seconds=False), account)
    return p, t


# --- UK school two: a swipe-card academy with a breakfast club (WDF) --------

BREAKFAST = [("Toast 2 slices", 40), ("Cereal Bowl", 50), ("Milk Carton", 45),
             ("Fruit Juice Carton", 55), ("Breakfast Muffin", 75), ("Hot Chocolate", 60)]
LUNCH = [("Hot Meal of the Day", 240), ("Sandwich Meal Deal", 230), ("Panini", 200),
         ("Salad Box", 195), ("Flapjack", 50), ("Melon Slice", 40), ("Still Water", 60)]


def _money(v: int) -> str:
    return f"{v / 100:.2f}"


def swipe_academy(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = 40
    breakfast = rng.random() < 0.35
    when = _when(rng, (7, 9) if breakfast else (11, 14), school=True)
    p = Printed(codepage=rng.choice(["CP437", "CP1252", "AUTO"]), crlf=rng.random() < 0.25,
                cut=rng.random() < 0.7)
    number = f"{rng.randrange(10, 99)}-{rng.randrange(10000, 99999)}"
    refund = rng.random() < 0.08
    card = f"{rng.randrange(30000, 39999):07d}"
    p.add("WESTFIELD ACADEMY", double_width=True, align="center")
    p.add("Breakfast Club" if breakfast else "Lunch Service", align="center")
    p.add("")
    p.add(f"Pupil: {rng.choice(PUPILS)}  Class: {rng.randrange(7, 12)}{rng.choice('JBKR')}")
    p.add(f"Acc {card}")
    p.add(f"{when:%a %d %b %Y}  {when:%H:%M:%S}")
    p.add(f"Receipt {number}")
    if refund:
        p.add("VOID / REFUND", bold=True)
    p.add("QTY ITEM                          PRICE")
    lines = []
    for name, price in _pick(rng, BREAKFAST if breakfast else LUNCH, rng.choice([1, 2, 2, 3, 4])):
        qty = 1 if refund else rng.choice([1, 1, 2, 2, 3])
        value = qty * price
        if value > LIMIT:
            qty, value = 1, price
        if lines and sum(a for *_, a in lines) + value > LIMIT:
            continue  # the till refuses what passes the daily spend limit
        p.add(f"{qty:>3} {name:<26}{_money(value):>9}")
        lines.append((name, qty, value))
    total = sum(a for *_, a in lines)
    p.add("-" * width)
    p.add(f"{'Sub-total':<30}{_money(total):>10}")
    p.add(f"{'TOTAL':<30}{_money(total):>10}", bold=True)
    fsm_left = 0 if breakfast else rng.choice([0, 0, 240, 240])  # FSM is for lunch only
    before = rng.randrange(0, 3000)
    if refund:
        p.add(f"{'Refunded to Cash Account':<30}{_money(total):>10}")
        tender, after = "account", before + total
    else:
        from_fsm = min(fsm_left, total)
        from_cash = total - from_fsm
        if from_cash > before:
            before += from_cash  # the till refuses what the account cannot pay; topped up
        after = before - from_cash
        parts = [("Free Meal", from_fsm), ("Cash Account", from_cash)]
        parts = [(n, v) for n, v in parts if v]
        if len(parts) == 1:
            p.add(f"Paid by: {parts[0][0]}")
            tender = "fsm" if parts[0][0] == "Free Meal" else "account"
        else:
            p.add("Paid by:")
            for n, v in parts:
                p.add(f"  {n:<28}{_money(v):>10}")
            tender = None
    p.add(f"{'Balance b/f':<30}{'£' + _money(before):>10}")
    p.add(f"{'Balance c/f':<30}{'£' + _money(after):>10}")
    if fsm_left and not refund:
        p.add("Unused free meal is not carried over")
    p.add("Daily spend limit £5.00", align="center")
    t = Truth(-total if refund else total, lines, number, tender,
              "refund" if refund else "sale", occurred(when), card)
    return p, t


# --- A Swiss salon's Kassenbeleg (Schnittwerk) with 5-Rappen rounding --------

SALON = [("Damenhaarschnitt", 7800), ("Herrenhaarschnitt", 4500), ("Föhnen", 3500),
         ("Färben kurz", 8900), ("Strähnen", 11500), ("Kinderhaarschnitt", 2800),
         ("Bartpflege", 2500), ("Shampoo Repair 250ml", 2890), ("Haarkur 150ml", 3190),
         ("Styling Wachs", 2290)]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]


def _chf(v: int) -> str:
    return f"-CHF {-v / 100:.2f}" if v < 0 else f"CHF {v / 100:.2f}"


def kassenbeleg_ch(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([42, 48])
    refund = rng.random() < 0.1
    cash = not refund and rng.random() < 0.45
    sign = -1 if refund else 1
    p = Printed(codepage=rng.choice(["CP850", "CP858", "CP437"]), crlf=rng.random() < 0.2,
                cut=True)
    when = _when(rng, (9, 19))
    number = f"{'RF' if refund else 'R'}-{rng.randrange(1000, 99999)}"
    p.add("Schnittwerk Salon", align="center", bold=True, double_height=True)
    p.add("Rorschacher Str. 88, 9000 St. Gallen", align="center")
    p.add("Tel: +41 71 222 33 44", align="center")
    p.add("")
    p.add("Rückerstattungsbeleg" if refund else "Kassenbeleg", align="center", bold=True)
    p.add("")
    p.add(f"Belegnummer: {number}")
    p.add(f"Datum: {when.day}. {MONTHS_DE[when.month - 1]} {when.year} um {when:%H:%M}")
    if rng.random() < 0.5:
        p.add("Kunde:", bold=True)
        p.add(rng.choice(["Anna Keller", "Marco Brunner", "Lea Meier", "Nina Frei"]))
    p.add("-" * width)
    p.add(_lr("Artikel", "Menge  Preis  MwSt  Total", width), bold=True)
    lines = []
    for name, price in _pick(rng, SALON, rng.choice([1, 1, 2, 2, 3, 4])):
        qty = 1 if price > 3500 else rng.choice([1, 1, 2, 3])
        value = qty * price
        p.add(name)
        p.add(_lr(f"  {qty} x {sign * price / 100:.2f}",
                  f"8.1%  {sign * value / 100:.2f}", width))
        lines.append((name, qty, value))
    p.add("-" * width)
    net = sum(a for *_, a in lines)
    tax = (net * 81 + 500) // 1000  # MwSt 8.1 % on the net prices
    total = net + tax
    p.add(_lr("Zwischensumme (Netto):", _chf(sign * net), width))
    p.add(_lr("MwSt 8.1%:", _chf(sign * tax), width))
    notes = [f"tax_on_top={tax}"]
    if cash:
        rounded = (total * 2 + 5) // 10 * 5  # to the nearest 5 Rappen
        if rounded != total:
            p.add(_lr("Rundung:", f"{'+' if rounded > total else '-'}CHF "
                      f"{abs(rounded - total) / 100:.2f}", width))
            notes.append(f"rounding={rounded - total}")
        p.add(_lr("Gesamtbetrag:", _chf(rounded) + ("*" if rounded != total else ""), width),
              bold=True)
        total = rounded
    else:
        p.add(_lr("Gesamtbetrag:", _chf(sign * total), width), bold=True)
    p.add("")
    p.add(f"Zahlungsart: {'Bargeld' if cash else 'Karte'}")
    if cash:
        p.add("Bargeldbeträge werden auf 5 Rappen gerundet.")
    p.add("")
    p.add("Vielen Dank für Ihren Besuch bei Schnittwerk!", align="center")
    t = Truth(sign * total, lines, number, "cash" if cash else "card",
              "refund" if refund else "sale", occurred(when, seconds=False), None, notes=notes)
    return p, t


LAYOUTS: dict[str, Renderer] = {
    "nyugta-hu": nyugta_hu,
    "hoadon-vn": hoadon_vn,
    "ticket-py": ticket_py,
    "taco-truck-us": taco_truck_us,
    "civica-school": civica_school,
    "swipe-academy": swipe_academy,
    "kassenbeleg-ch": kassenbeleg_ch,
}
