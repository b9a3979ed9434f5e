"""The twenty-seventh holdout's renderers: UK school and college tills on
their hard days, in other schools', councils' and suppliers' words (sources,
and what is verified or invented, in README.md). Each takes the layout's
random stream and the receipt's number and returns what it prints (a
``Printed``) with the truth a careful person reads from the paper."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout27 import Printed

Item = tuple[str, int, int]  # name, quantity, unit price in pence


def money(pence: int) -> str:
    """``3.20``, ``-0.45``: pounds and pence, the sign in front."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def pounds(pence: int) -> str:
    """``£3.20``, ``-£0.45``."""
    return ("-£" if pence < 0 else "£") + money(abs(pence))


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` (at least one space)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def centred(text: str, width: int) -> str:
    return text.center(width).rstrip()


def term_day(rng: random.Random, hours: tuple[int, int] = (8, 14)) -> datetime:
    """A school day in 2026 (a weekday in term: GMT in winter, BST in summer)."""
    while True:
        day = datetime(2026, 1, 5) + timedelta(days=rng.randint(0, 340))
        if day.weekday() < 5 and day.month != 8:
            return day.replace(hour=rng.randint(*hours), minute=rng.randint(0, 59),
                               second=rng.randint(0, 59))


def some(rng: random.Random, menu: list[tuple[str, int]], most: int = 4) -> list[Item]:
    """1-``most`` different items from ``menu``, sometimes two or three of one."""
    picked = rng.sample(menu, rng.choice([1, 1, 2, 2, 3, most][: most + 1]))
    return [(name, rng.choice([1, 1, 1, 2, 2, 3]), unit) for name, unit in picked]


PUPILS = [("Freya", "McLean"), ("Callum", "Boyd"), ("Aisha", "Rahman"), ("Rhys", "Price"),
          ("Cerys", "Jones"), ("Dafydd", "Pritchard"), ("Ella", "Robson"), ("Noah", "Hughes"),
          ("Megan", "O'Neill"), ("Kacper", "Nowak"), ("Lily-Mae", "Thompson"), ("Osian", "Evans")]


# --- 1. An East Ayrshire secondary's pre-order kiosk slip (the kiosk's own text) ---

KIOSK_SERVICES = [("Pre-order: Pasta pot", 285), ("Grab bag lunch", 310),
                  ("Breakfast roll + juice", 195), ("Pre-order: Soup & roll", 160),
                  ("Meal deal (main/dessert/drink)", 290), ("Pre-order: Panini", 240)]


def kiosk_ea(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The student kiosk's 40-column payment slip: one service, what it paid."""
    w = 40
    first, last = rng.choice(PUPILS)
    ident = f"{rng.randint(2000000, 2399999)}"
    when = term_day(rng)
    roll = rng.random()
    kind, tender, paid_rows = "sale", "account", ["MEAL ACCOUNT"]
    if roll < 0.10:
        service, amount = "ACCOUNT TOP-UP", rng.choice([500, 1000, 2000])
        tender, paid_rows = "cash", ["CASH (NOTES)"]
    else:
        service, amount = rng.choice(KIOSK_SERVICES)
        if roll < 0.16:
            kind = "refund"
            paid_rows = ["REFUNDED TO MEAL ACCOUNT"]
        elif roll < 0.34:
            tender, paid_rows = "fsm", ["FREE MEAL ENTITLEMENT"]
            amount = min(amount, 280)
        elif roll < 0.50 and amount > 280:
            tender = None
            paid_rows = [f"FREE MEAL    GBP {money(280)}",
                         f"MEAL ACCOUNT GBP {money(amount - 280)}"]
    total = -amount if kind == "refund" else amount
    offline = rng.random() < 0.08
    number = f"Q-{n % 1000:04d}" if offline else f"TXN-{4000 + n:06d}"
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() > 0.15)
    p.add("")
    p.add("=" * w)
    p.add(centred("LOUDOUN VALE ACADEMY", w), bold=True)
    p.add(centred("OFFICIAL PAYMENT SLIP", w))
    if rng.random() < 0.06:
        p.add(centred("** REPRINT **", w))
    p.add("=" * w)
    p.add(f"DATE/TIME: {when:%d/%m/%Y %H:%M}")
    p.add(f"RECEIPT NO: {number}")
    p.add("-" * w)
    p.add(f"STUDENT NAME : {(first + ' ' + last).upper()}")
    p.add(f"SUID / ID    : {ident}")
    p.add(f"CLASS/STD    : {rng.randint(1, 6)}{rng.choice('ABCD')}{rng.randint(1, 3)}")
    p.add("-" * w)
    p.add(f"SERVICE      : {service}")
    p.add(f"TOTAL PAID   : GBP {money(total)}")
    p.add(f"PAID FROM    : {paid_rows[0]}")
    for more in paid_rows[1:]:
        p.add(f"               {more}")
    status = "REFUNDED" if kind == "refund" else "CLEARED / SUCCESS"
    p.add(f"STATUS       : {status}")
    if offline:
        sent = when + timedelta(minutes=rng.randint(20, 200))
        p.add(f"SENT LATER   : {sent:%d/%m/%Y %H:%M} (OFFLINE)")
    p.add("-" * w)
    p.add("AUTHENTICATION MODE:")
    p.add(rng.choice(["[X] YOUNG SCOT NEC (PASSED)", "[X] PIN CODE (PASSED)",
                      "[X] MANUAL LOOK-UP (STAFF)"]))
    p.add("=" * w)
    p.add(centred("THANK YOU! KEEP THIS RECEIPT.", w))
    p.add("=" * w)
    truth = Truth(total=total, lines=[(service, 1, amount)], number=number, tender=tender,
                  kind=kind, date=occurred(when, seconds=False), account=ident)
    return p, truth


# --- 2. A students' union cafe (a cafe's own 42-column receipt code) ---

SU_MENU = [("Chicken & chorizo pasta", 465), ("Halloumi wrap", 395), ("Flat white", 265),
           ("Americano", 235), ("Chips", 180), ("Soup of the day", 320), ("Brownie", 210),
           ("Meal deal sandwich+crisps+drink", 450), ("Jacket potato tuna mayo", 425),
           ("Bottled water", 110), ("Vegan katsu curry", 495), ("Tea", 160)]
HOT = {"Chicken & chorizo pasta", "Flat white", "Americano", "Chips", "Soup of the day",
       "Jacket potato tuna mayo", "Vegan katsu curry", "Tea", "Halloumi wrap"}


def su_cafe(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The cafe's bill: ``Item Qty Rate Total`` with names cut at 18, then
    Subtotal, VAT (included), Discount (printed positive) and TOTAL."""
    w = 42
    items = some(rng, SU_MENU)
    gross = sum(q * u for _, q, u in items)
    roll = rng.random()
    kind = "refund" if roll < 0.06 else "sale"
    discount = 0
    if kind == "sale" and rng.random() < 0.25:
        discount = round(gross * 0.10)  # the union's members' 10 %
    total = gross - discount
    vat = round(sum(q * u for name, q, u in items if name in HOT) * 20 / 120
                * (total / gross))
    student = rng.random() < 0.65
    payment, tender = rng.choice([("Card", "card"), ("Cash", "cash")])
    if student:
        payment, tender = rng.choice([("Campus Card", "account"), ("Meal Plan", "account")])
        if kind == "sale" and rng.random() < 0.2 and total > 500:
            payment, tender = "Meal Plan + Card", None
    if kind == "refund":
        payment = "Refund to " + payment
    when = term_day(rng, (8, 19))
    number = f"SU{n + 20400}"
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]), crlf=rng.random() < 0.1,
                cut=rng.random() > 0.2)
    p.add(centred("THE HIVE - STUDENTS' UNION", w), bold=True)
    p.add(centred("Kelvin Building, Campus Road", w))
    p.add(centred("Phone : 0161 496 0321", w))
    p.add(centred("VAT : GB 298 4471 06", w))
    p.add("-" * w)
    if kind == "refund":
        p.add(centred("*** REFUND ***", w), bold=True)
    p.add(lr("Bill", number, w))
    p.add(lr("Date", f"{when:%Y-%m-%d %H:%M:%S}", w))
    p.add(lr("Table", rng.choice(["Takeaway", "T4", "T11", "Counter"]), w))
    p.add(lr("Payment", payment, w))
    ident = None
    if student:
        ident = f"{rng.randint(21000000, 25999999)}"
        p.add(lr("Student ID", ident, w))
    p.add("-" * w)
    p.add("{:<18}{:>6}{:>8}{:>10}".format("Item", "Qty", "Rate", "Total"))
    p.add("-" * w)
    for name, q, u in items:
        p.add(f"{name[:18]:<18}{q:>6}{money(u):>8}{money(q * u):>10}")
    p.add("-" * w)
    p.add(lr("Subtotal", money(gross), w))
    p.add(lr("VAT incl.", money(vat), w))
    p.add(lr("Discount", money(discount), w))
    p.add("-" * w)
    signed = -total if kind == "refund" else total
    p.add(lr("TOTAL", money(signed), w), bold=True)
    if tender is None:
        plan = 500
        p.add(lr("  Meal Plan", money(plan), w))
        p.add(lr("  Card", money(total - plan), w))
    p.add("-" * w)
    p.add(centred("Thank You!", w))
    p.add(centred("Visit Again", w))
    lines = [(name[:18].rstrip(), q, q * u) for name, q, u in items]
    if discount:
        lines.append(("Discount", 1, -discount))
    truth = Truth(total=signed, lines=lines, number=number, tender=tender, kind=kind,
                  date=occurred(when), account=ident)
    return p, truth


# --- 3. A Cardiff secondary's biometric till: English first, Welsh after "|" ---

CARDIFF_MENU = [("Jacket potato & cheese", 245), ("Fruit pot", 60), ("Pizza slice", 150),
                ("Meal deal (main/dessert/drink)", 280), ("Chicken curry & rice", 260),
                ("Cookie", 50), ("Flavoured milk", 80), ("Pasta bolognese", 250),
                ("Toast", 35), ("Water", 45)]


def cardiff_bio(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """48 columns, each label ``English | Cymraeg``."""
    w = 48
    items = some(rng, CARDIFF_MENU)
    total = sum(q * u for _, q, u in items)
    when = term_day(rng)
    first, last = rng.choice(PUPILS)
    staff = rng.random() < 0.12
    kind = "refund" if rng.random() < 0.06 else "sale"
    account = None if staff else f"{rng.randint(300000, 399999)}"
    number = f"{70000 + n}"
    p = Printed(codepage=rng.choice(["CP850", "CP858", "CP437"]), crlf=rng.random() < 0.25,
                cut=rng.random() > 0.1)
    p.add(centred("HEOL DDU HIGH SCHOOL", w), bold=True, double_height=True)
    p.add(centred("Cardiff Council School Meals", w))
    p.add(centred("Prydau Ysgol Cyngor Caerdydd", w))
    if rng.random() < 0.05:
        p.add(centred("COPY | COPI", w))
    p.add("-" * w)
    p.add(lr(f"Date | Dyddiad: {when:%d/%m/%Y}", f"Time | Amser: {when:%H:%M}", w))
    p.add(lr(f"Till | Til: {rng.randint(1, 4)}", f"Receipt | Derbynneb: {number}", w))
    if staff:
        p.add(f"Staff | Staff: {first[0]}. {last}")
    else:
        p.add(f"Pupil | Disgybl: {last}, {first} ({rng.randint(7, 13)}{rng.choice('HLMNT')})")
        how = rng.choice(["Finger | Bys", "Finger | Bys", "PIN"])
        p.add(f"Account | Cyfrif: {account}  ({how})")
    if not staff and rng.random() < 0.1:
        p.add("ALLERGY | ALERGEDD: Milk | Llaeth")
    p.add("-" * w)
    for name, q, u in items:
        if q > 1:
            p.add(lr(f"{q} x {name}", money(q * u), w))
        else:
            p.add(lr(name, money(u), w))
    p.add("-" * w)
    signed = -total if kind == "refund" else total
    if kind == "refund":
        p.add(centred("REFUND | AD-DALIAD", w), bold=True)
    p.add(lr("TOTAL | CYFANSWM", pounds(signed), w), bold=True)
    tender: str | None
    if staff:
        if rng.random() < 0.5:
            tender = "card"
            p.add(lr("Card | Cerdyn", pounds(signed), w))
        else:
            tender = "cash"
            given = total + rng.choice([0, 20, 50, 100, 200]) if kind == "sale" else total
            p.add(lr("Cash | Arian parod", pounds(given if kind == "sale" else signed), w))
            if kind == "sale":
                p.add(lr("Change | Newid", pounds(given - total), w))
    elif kind == "refund":
        tender = "account"
        p.add(lr("To account | I'r cyfrif", pounds(total), w))
    else:
        fsm = rng.random() < 0.3
        allowance = 270
        if fsm and total > allowance:
            tender = None
            p.add(lr("Free meal | Pryd am ddim", pounds(allowance), w))
            p.add(lr("Account | Cyfrif", pounds(total - allowance), w))
        elif fsm:
            tender = "fsm"
            p.add(lr("Free meal | Pryd am ddim", pounds(total), w))
        else:
            tender = "account"
            p.add(lr("Account | Cyfrif", pounds(total), w))
        balance = rng.choice([rng.randint(-300, -10), rng.randint(0, 2500), rng.randint(0, 2500)])
        p.add(lr("Balance | Balans", pounds(balance), w))
        if balance < 0:
            p.add("Account overdrawn | Cyfrif wedi gorwario")
    p.add("-" * w)
    p.add(centred("Thank you | Diolch", w))
    lines = [(name, q, q * u) for name, q, u in items]
    truth = Truth(total=signed, lines=lines, number=number, tender=tender, kind=kind,
                  date=occurred(when, seconds=False), account=account)
    return p, truth


# --- 4. A Wrexham secondary: Welsh first, the English on the row beneath ---

WREX_MENU = [("Pasta bake", 230), ("Cookie", 50), ("Panini ham & cheese", 240),
             ("Fruit juice", 70), ("Chips", 90), ("Hot meal of the day", 270),
             ("Yoghurt", 55), ("Sausage roll", 110), ("Bagel", 85)]


def wrexham_cy(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """42 columns; each label in Welsh with its figure, the English under it alone."""
    w = 42
    limit = 500  # the council's daily spend limit: the till sells no more
    items = some(rng, WREX_MENU)
    while sum(q * u for _, q, u in items) > limit:
        items = some(rng, WREX_MENU)
    total = sum(q * u for _, q, u in items)
    when = term_day(rng)
    first, last = rng.choice(PUPILS)
    kind = "refund" if rng.random() < 0.07 else "sale"
    account = f"{rng.randint(40000, 49999)}"
    number = f"{5500 + n}"
    p = Printed(codepage=rng.choice(["CP850", "CP437", "AUTO"]), crlf=rng.random() < 0.15,
                cut=rng.random() > 0.2)
    p.add(centred("CYNGOR WRECSAM", w), bold=True)
    p.add(centred("WREXHAM COUNCIL", w))
    p.add(centred("Ysgol Maes Derw", w))
    p.add("")
    p.add(lr(f"Dyddiad {when:%d/%m/%y}", f"Amser {when:%H:%M:%S}", w))
    p.add(lr("  Date", "Time", w))
    p.add(lr(f"Rhif {number}", f"Til {rng.randint(1, 3)}", w))
    p.add(lr("  No.", "Till", w))
    p.add(f"Disgybl {first} {last[0]}.  Bl {rng.randint(7, 11)}")
    p.add("  Pupil            Yr")
    p.add(f"Cyfrif {account}")
    p.add("  Account")
    p.add("-" * w)
    for name, q, u in items:
        p.add(lr(f"{name} x{q}" if q > 1 else name, money(q * u), w))
    p.add("-" * w)
    signed = -total if kind == "refund" else total
    if kind == "refund":
        p.add("AD-DALIAD", bold=True)
        p.add("  REFUND")
    p.add(lr("CYFANSWM", pounds(signed), w), bold=True)
    p.add("  TOTAL")
    tender: str | None
    if kind == "refund":
        tender = "account"
        p.add(lr("I'r cyfrif", pounds(total), w))
        p.add("  To account")
    else:
        fsm = rng.random() < 0.3
        allowance = 270
        if fsm and total > allowance:
            tender = None
            p.add(lr("Lwfans prydau am ddim", pounds(allowance), w))
            p.add("  Free meal allowance")
            p.add(lr("Cyfrif disgybl", pounds(total - allowance), w))
            p.add("  Pupil account")
        elif fsm:
            tender = "fsm"
            p.add(lr("Lwfans prydau am ddim", pounds(total), w))
            p.add("  Free meal allowance")
        else:
            tender = "account"
            p.add(lr("Cyfrif disgybl", pounds(total), w))
            p.add("  Pupil account")
        p.add(lr("Terfyn dyddiol ar ôl", pounds(limit - total), w))
        p.add("  Daily limit left")
        p.add(lr("Balans", pounds(rng.randint(0, 3000)), w))
        p.add("  Balance")
    p.add("")
    p.add(centred("Diolch / Thank you", w))
    lines = [(name, q, q * u) for name, q, u in items]
    truth = Truth(total=signed, lines=lines, number=number, tender=tender, kind=kind,
                  date=occurred(when), account=account)
    return p, truth


# --- 5. A County Durham primary's office: dinner money, often two children ---

def durham_office(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """58 mm (32 columns): what the office took, per child, cash or cheque."""
    w = 32
    day = term_day(rng)
    day -= timedelta(days=day.weekday())  # paid on a Monday, for the week
    last = rng.choice(PUPILS)[1]
    firsts = rng.sample([f for f, _ in PUPILS], 3)
    payers = 2 if rng.random() < 0.35 else 1
    kind = "refund" if rng.random() < 0.07 else "sale"
    children = []
    for i in range(payers):
        year = rng.choice(["N", "3", "4", "5", "6"])
        days = rng.choice([5, 5, 5, 4, 3, 10])
        children.append((firsts[i], f"Y{year}" if year != "N" else "Nursery", days,
                         f"{rng.randint(10000, 19999)}"))
    infant = rng.random() < 0.3 and kind == "sale"
    total = sum(d * 200 for *_, d, _ in children)
    cheque = kind == "sale" and total >= 1000 and rng.random() < 0.4
    number = f"{n + 412:04d}"
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]), crlf=rng.random() < 0.3,
                cut=rng.random() > 0.3)
    p.add(centred("Burnhope Lane Primary", w), bold=True)
    p.add(centred("DURHAM COUNTY COUNCIL", w))
    p.add(centred("SCHOOL MEALS PAYMENT", w))
    p.add("-" * w)
    p.add(f"Receipt no: {number}")
    p.add(f"Date: {day:%d/%m/%Y}")
    if cheque:
        p.add(f"Paid by: Cheque {rng.randint(100000, 999999)}")
    else:
        p.add("Paid by: Cash")
    p.add("-" * w)
    lines = []
    what = "Dinners w/c" if kind == "sale" else "Refund absent"
    for first, year, days, ref in children:
        p.add(f"{first} {last} {year}")
        p.add(f"Ref {ref}")
        p.add(f" {what} {day:%d/%m} {days} @ 2.00")
        p.add(lr("", money(days * 200), w))
        lines.append((f"{what} {day:%d/%m}", days, days * 200))
    if infant:
        p.add(f"{firsts[2]} {last} Y{rng.choice('R12')}")
        p.add(" UIFSM - no charge")
    p.add("-" * w)
    signed = -total if kind == "refund" else total
    if kind == "refund":
        p.add(lr("REFUNDED", pounds(signed), w), bold=True)
        p.add(lr("Cash returned", pounds(total), w))
    else:
        p.add(lr("TOTAL PAID", pounds(total), w), bold=True)
        if not cheque:
            given = total + rng.choice([0, 0, 500, 1000])
            p.add(lr("Cash given", pounds(given), w))
            p.add(lr("Change", pounds(given - total), w))
    p.add("")
    p.add(centred("Meals are £2.00 a day", w))
    p.add(centred("Cheques to Durham County Council", w))
    account = children[0][3] if payers == 1 else None
    truth = Truth(total=signed, lines=lines, number=number,
                  tender="cheque" if cheque else "cash", kind=kind,
                  date=day.date().isoformat(), account=account)
    return p, truth


# --- 6. A Lincolnshire girls' grammar: fingerprint or a 4-digit ID at the till ---

KG_MENU = [("Bacon bap", 180), ("Hash brown", 60), ("Hot chocolate", 110),
           ("Pasta pot", 240), ("Meal deal main+pudding+drink", 300), ("Cookie", 55),
           ("Pain au chocolat", 95), ("Caesar salad box", 285), ("Smoothie", 150)]
SERVICES = {8: "BREAKFAST", 9: "BREAKFAST", 10: "RECESS", 11: "RECESS", 12: "LUNCH",
            13: "LUNCH", 14: "LUNCH"}


def kg_finger(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """48 columns: quantity first, a voided item as its own row, the service
    (breakfast, recess, lunch) in the header."""
    w = 48
    items = some(rng, KG_MENU)
    when = term_day(rng)
    rows: list[tuple[str, int, int]] = [(name, q, q * u) for name, q, u in items]
    if rng.random() < 0.12:  # an item keyed and taken off again in the same sale
        name, _, u = rng.choice(items)
        rows.append((f"VOID {name}", 1, -u))
    total = sum(a for *_, a in rows)
    kind = "refund" if rng.random() < 0.06 else "sale"
    staff = rng.random() < 0.12
    first, last = rng.choice(PUPILS)
    account = None if staff else f"{rng.randint(1000, 9999)}"
    number = f"{rng.randint(1, 3)}-{n + 8801:05d}"
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() > 0.15)
    p.add(centred("KESTON GRANGE GIRLS' SCHOOL", w), bold=True)
    p.add(centred("The Refectory", w))
    p.add(centred(SERVICES[when.hour], w), double_width=True)
    p.add(f"{when:%a %d %b %Y %H:%M}   Trans {number}")
    if staff:
        p.add(f"STAFF  {first[0]}. {last}")
    else:
        p.add(f"{last.upper()}, {first}   Form {rng.randint(7, 13)}{rng.choice('KGS')}")
        how = rng.choice(["Finger", "Finger", "Finger", "ID no."])
        p.add(f"ID {account}  ({how})")
    p.add("=" * w)
    signed = -total if kind == "refund" else total
    if kind == "refund":
        p.add("REFUND - ITEMS RETURNED", bold=True)
    for name, q, a in rows:
        p.add(lr(f"{q:>2}  {name}", money(a), w))
    p.add("=" * w)
    p.add(lr("TOTAL", pounds(signed), w), bold=True, double_height=True)
    tender: str | None
    if staff:
        tender = rng.choice(["card", "cash"])
        if tender == "card":
            p.add(lr("Debit card (contactless)", pounds(signed), w))
        else:
            if kind == "refund":
                p.add(lr("Cash refunded", pounds(signed), w))
            else:
                given = total + rng.choice([0, 45, 100, 500])
                p.add(lr("Cash tendered", pounds(given), w))
                p.add(lr("Change", pounds(given - total), w))
    else:
        fsm = kind == "sale" and rng.random() < 0.25
        if fsm and total > 250:
            tender = None
            p.add(lr("FSM allowance", pounds(250), w))
            p.add(lr("Cashless balance", pounds(total - 250), w))
        elif fsm:
            tender = "fsm"
            p.add(lr("FSM allowance", pounds(total), w))
        else:
            tender = "account"
            label = "Returned to cashless balance" if kind == "refund" else "Cashless balance"
            p.add(lr(label, pounds(total), w))
        p.add(lr("Balance remaining", pounds(rng.randint(0, 4000)), w))
        p.add("Top up online at WisePay")
    p.add("")
    truth = Truth(total=signed, lines=rows, number=number, tender=tender, kind=kind,
                  date=occurred(when, seconds=False), account=account)
    return p, truth


LAYOUTS = {
    "kiosk-ea": kiosk_ea,
    "su-cafe": su_cafe,
    "cardiff-bio": cardiff_bio,
    "wrexham-cy": wrexham_cy,
    "durham-office": durham_office,
    "kg-finger": kg_finger,
}
