"""The twenty-eighth holdout's renderers: seven UK school and university
catering tills on their hard days (sources, and what is verified from them
and what is invented, in README.md). Each takes the layout's random stream
and the receipt's number and returns (what is printed, its ground truth)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout28 import Printed

Rendered = tuple[Printed, Truth]

FIRST = ["Ella", "Osian", "Zara", "Kai", "Megan", "Harri", "Amira", "Callum", "Freya",
         "Tomasz", "Ffion", "Ross", "Isla", "Dylan", "Priya", "Euan", "Lowri", "Jack"]
LAST = ["Robson", "Jones", "Ahmed", "Turner", "Hughes", "Macleod", "Kowalski", "Evans",
        "O'Brien", "Patel", "Grant", "Williams", "Fraser", "Davies", "Nowak", "Reid"]


def money(pence: int, sep: str = "") -> str:
    """``12.50``, ``-5.00``; with ``sep=","`` thousands are grouped."""
    text = f"{abs(pence) / 100:{sep}.2f}"
    return f"-{text}" if pence < 0 else text


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` (at least one space between)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def term_day(rng: random.Random) -> date:
    """A school weekday in 2026 (term time: never August), GMT or BST."""
    while True:
        d = date(2026, 1, 5) + timedelta(days=rng.randint(0, 350))
        if d.weekday() < 5 and d.month != 8 and not (d.month == 12 and d.day > 18):
            return d


def at(d: date, rng: random.Random, start: int, end: int, seconds: bool = False) -> datetime:
    """A time between ``start`` and ``end`` o'clock on ``d``."""
    return datetime(d.year, d.month, d.day, rng.randint(start, end - 1), rng.randint(0, 59),
                    rng.randint(0, 59) if seconds else 0)


def pupil(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def sold(p: Printed, rng: random.Random, menu: list[tuple[str, int]], counts: list[int],
         qtys: list[int], row: Callable[[str, int, int], str],
         w: int) -> tuple[list[tuple[str, int, int]], int]:
    """Print some of ``menu``'s items, each ``row(name, qty, unit)`` with its
    value at the right edge; return the truth's lines and their sum."""
    lines, total = [], 0
    for name, unit in rng.sample(menu, rng.choice(counts)):
        qty = rng.choice(qtys)
        p.add(lr(row(name, qty, unit), money(qty * unit), w))
        lines.append((name, qty, qty * unit))
        total += qty * unit
    return lines, total


def finish(p: Printed, rng: random.Random, crlf: float, fed: float,
           codepages: tuple[str, ...]) -> None:
    p.crlf = rng.random() < crlf
    p.cut = rng.random() >= fed
    p.codepage = rng.choice(codepages)


# --- 1. A primary office's dinner money receipt (khushi_public's thermal fee receipt) ---

OFFICE_PURPOSES = [
    # purpose, amount (pence) or a (days, price per day)
    ("Dinners w/c {wc}", (5, 240)), ("Dinners w/c {wc}", (4, 240)),
    ("School dinners {n} days", (10, 240)), ("Breakfast club {n} days", (5, 150)),
    ("After school club snack", (5, 60)), ("Milk - spring term", 1140),
    ("Dinner money arrears", None), ("Lunch account top-up", None),
]


def office_fee(rng: random.Random, n: int) -> Rendered:
    """One payment taken at the school office: a title in emphasised print,
    ``Receipt No.:``, a day with no time, the student and admission number,
    one ``Purpose:``/``Amount:``/``Method:`` block between rules."""
    p, w = Printed(), 32
    d = term_day(rng)
    wc = d - timedelta(days=d.weekday())
    label, price = rng.choice(OFFICE_PURPOSES)
    if price is None:
        amount = rng.choice([500, 1000, 1250, 2000, 2400, 3650, 4800])
    elif isinstance(price, tuple):
        amount = price[0] * price[1]
    else:
        amount = price
    purpose = label.format(wc=wc.strftime("%d/%m"), n=price[0] if isinstance(price, tuple) else "")
    kind = "refund" if rng.random() < 0.07 else "sale"
    if kind == "refund":
        purpose = rng.choice(["Refund - dinners not taken", "Refund - trip cancelled lunch",
                              "Refund - overpayment"])
        amount = rng.choice([480, 720, 1200, 250])
    elif rng.random() < 0.06:
        purpose, amount = "Year's dinners paid ahead", rng.choice([45600, 114000, 228000])
    two = kind == "sale" and rng.random() < 0.2
    method_pick = rng.random()
    if kind == "refund":
        method, tender = rng.choice([("Cash refund", "cash"), ("Refund to card", "card")])
    elif method_pick < 0.5:
        method, tender = "Cash", "cash"
    elif method_pick < 0.75 and amount >= 1000:
        method, tender = f"Cheque {rng.randint(100001, 999999)}", "cheque"
    else:
        method, tender = "Card", "card"
    number = f"DM-{n + 412:05d}"
    first, last = pupil(rng)
    adm = f"{rng.randint(1001, 4999)}"
    p.add("HOLLYBANK PRIMARY SCHOOL", align="center", bold=True)
    p.add(rng.choice(["Dinner Money Receipt", "School Meals Receipt"]), align="center")
    p.add("=" * w, align="center")
    p.add("")
    p.add(f"Receipt No.: {number}")
    p.add(f"Date: {d.strftime('%d-%m-%Y')}")
    if two:
        sib = rng.choice([f for f in FIRST if f != first])
        p.add(f"Student: {first} & {sib} {last}")
        p.add(f"Admission No.: {adm} / {rng.randint(1001, 4999)}")
    else:
        p.add(f"Student: {first} {last}")
        p.add(f"Admission No.: {adm}")
    p.add("")
    p.add("-" * w)
    p.add(f"Purpose: {purpose}")
    sign = -1 if kind == "refund" else 1
    p.add(f"Amount: {'-' if sign < 0 else ''}£{money(amount, ',')}")
    p.add(f"Method: {method}")
    p.add("-" * w)
    p.add("")
    reprint = rng.random() < 0.06
    p.add("Thank You!", align="center")
    p.add("For Payment", align="center")
    p.add("", align="center")
    p.add("(Duplicate Receipt)" if reprint else "(Original Receipt)", align="center")
    p.add("", align="center")
    p.add("=" * w, align="center")
    finish(p, rng, crlf=0.25, fed=0.2, codepages=("CP858", "CP437", "AUTO"))
    return p, Truth(total=sign * amount, lines=[(purpose, 1, amount)], number=number,
                    tender=tender, kind=kind, date=d.isoformat(),
                    account=None if two else adm)


# --- 2. A hall of residence's servery (printer-server's printer.js kitchen slip) ---

HALL_MENU = [
    ("Chicken tikka masala & rice", 520), ("Full English breakfast", 495),
    ("Vegan sausage casserole", 450), ("Jacket potato, beans & cheese", 395),
    ("Cappuccino (regular)", 230), ("Bottled water 500ml", 110), ("Fruit salad pot", 180),
    ("Chocolate brownie", 165), ("Soup of the day & roll", 290), ("Fish & chips", 560),
    ("Porridge", 150), ("Toast & jam", 120), ("Orange juice", 140),
    ("Halloumi wrap with side salad", 475), ("Tea", 120),
]


def col(text: str, width: int, align: str = "left") -> str:
    """printer.js's ``col``: cut at ``width``, padded left or right."""
    s = text[:width]
    return s.rjust(width) if align == "right" else s.ljust(width)


def hall_servery(rng: random.Random, n: int) -> Rendered:
    """One order at a catered hall's servery: date and 12-hour time left,
    ``Receipt #`` right, the servery banner between box rules, a bold item
    table 21+7+10+10 (names past 21 carried onto a row of their own), a 2 %
    service charge on top and the total under the way it was paid."""
    p, w = Printed(), 48
    rule = "\u2500" * w
    when = at(term_day(rng), rng, 7, 20)
    clock = when.strftime("%d-%m-%Y ") + f"{when.hour % 12 or 12:02d}:{when.minute:02d} " + (
        "PM" if when.hour >= 12 else "AM")
    number = str(3100 + n)
    how = rng.random()
    if how < 0.6:
        pay, tender = "Meal Plan", "account"
    elif how < 0.85:
        pay, tender = "Card", "card"
    else:
        pay, tender = "Cash", "cash"
    p.add(lr(clock, f"Receipt #{number}", w))
    p.add(f"Store: {rng.choice([1, 1, 2])}")
    sid = None
    if tender == "account":
        sid = f"{rng.randint(21000000, 25999999)}"
        p.add(f"Student ID: {sid}")
    p.add("")
    p.add("HAWTHORN HALL DINING ROOM", align="center", bold=True)
    p.add("Hawthorn Hall, Northbury Campus", align="center")
    p.add("Northbury NB3 7QX", align="center")
    p.add("01632 960412", align="center")
    p.add("", align="center")
    p.add(rule)
    p.add(f"SERVERY {rng.choice([1, 2])}", align="center", bold=True)
    p.add(rule)
    p.add("")
    if rng.random() < 0.3:
        p.add(f"TABLE {rng.randint(1, 40)}", align="center", bold=True)
        p.add("", align="center")
    p.add(col("Item Name", 21) + col("Qty", 7, "right") + col("Price", 10, "right")
          + col("Total", 10, "right"), bold=True)
    p.add(rule)
    lines, sub = [], 0
    for name, unit in rng.sample(HALL_MENU, rng.choice([1, 1, 2, 2, 3, 4])):
        qty = rng.choice([1, 1, 1, 2, 2, 3])
        ext = qty * unit
        sub += ext
        lines.append((name, qty, ext))
        p.add(col(name, 21) + col(str(qty), 7, "right") + col(money(unit), 10, "right")
              + col(money(ext), 10, "right"), bold=True)
        if len(name) > 21:
            p.add("  " + name[21:], bold=True)
    p.add("")
    service = (sub * 2 + 50) // 100
    p.add(rule)
    p.add(lr("Order Subtotal:", money(sub), w))
    p.add(lr("Service Charges (2%):", money(service), w))
    p.add(lr(f"{pay} (Total):", money(sub + service), w), bold=True)
    p.add("")
    p.add(rule)
    p.add("", align="center")
    p.add("Thanks for dining with us!", align="center")
    finish(p, rng, crlf=0.1, fed=0.15, codepages=("CP437", "CP437", "CP850"))
    if p.codepage == "CP850":
        # CP850 has no light box rule; the till prints its double one
        p.rows = [(t.replace("\u2500", "\u2550"), s) for t, s in p.rows]
    return p, Truth(total=sub + service, lines=lines, number=number, tender=tender,
                    kind="sale", date=occurred(when, seconds=False), account=sid,
                    notes=[f"tax_on_top={service}"])


# --- 3. A Gwynedd primary's office: Welsh first, the English after " - " ---

GWYNEDD_ITEMS = [
    ("Cinio ysgol - School dinner", 250), ("Clwb brecwast - Breakfast club", 100),
    ("Llaeth CA2 - KS2 milk", 10),
]


def gwynedd_cy(rng: random.Random, n: int) -> Rendered:
    """A payment at a Gwynedd primary's office for one or two children:
    dinners, breakfast club, Key Stage 2 milk, each label Welsh first."""
    p, w = Printed(), 48
    when = at(term_day(rng), rng, 8, 16)
    number = f"{2040 + n}"
    kind = "refund" if rng.random() < 0.07 else "sale"
    p.add("CYNGOR GWYNEDD - GWYNEDD COUNCIL", align="center", bold=True)
    p.add("Ysgol Gynradd Llanaber", align="center")
    if kind == "refund":
        p.add("AD-DALIAD - REFUND", align="center", bold=True, double_height=True)
    if rng.random() < 0.05:
        p.add("COPI - COPY", align="center")
    p.add(f"Derbynneb - Receipt: {number}")
    p.add(f"Dyddiad - Date: {when.strftime('%d/%m/%Y')}  {when.strftime('%H:%M')}")
    p.add("-" * w)
    children = 2 if kind == "sale" and rng.random() < 0.3 else 1
    lines, total, account = [], 0, None
    for _ in range(children):
        first, last = pupil(rng)
        acc = f"{rng.randint(60000, 69999)}"
        p.add(f"Disgybl - Pupil: {first} {last}  Bl - Yr {rng.randint(3, 6)}")
        p.add(f"Cyfrif - Account: {acc}")
        account = acc if children == 1 else None
        if kind == "refund":
            days = rng.randint(1, 5)
            label = "Cinio heb ei gymryd - Dinner not taken"
            p.add(lr(f"{label} {days} x 2.50", money(days * 250), w))
            lines.append((label, days, days * 250))
            total += days * 250
            continue
        for label, price in rng.sample(GWYNEDD_ITEMS, rng.choice([1, 2, 2, 3])):
            days = rng.choice([5, 5, 4, 10]) if price > 10 else rng.choice([5, 10])
            p.add(lr(f"{label} {days} x {money(price)}", money(days * price), w))
            lines.append((label, days, days * price))
            total += days * price
    p.add("-" * w)
    if kind == "refund":
        p.add(lr("CYFANSWM - TOTAL", f"-£{money(total)}", w), bold=True)
        p.add(lr("Arian parod yn ôl - Cash returned", f"£{money(total)}", w))
        tender = "cash"
    else:
        p.add(lr("CYFANSWM - TOTAL", f"£{money(total)}", w), bold=True)
        way = rng.random()
        if way < 0.5:
            given = -(-total // 500) * 500 if rng.random() < 0.7 else total
            p.add(lr("Arian parod - Cash", f"£{money(given)}", w))
            p.add(lr("Newid - Change", f"£{money(given - total)}", w))
            tender = "cash"
        elif way < 0.75 and total >= 500:
            p.add(lr(f"Siec - Cheque {rng.randint(100001, 999999)}", f"£{money(total)}", w))
            tender = "cheque"
        else:
            p.add(lr("Cerdyn - Card", f"£{money(total)}", w))
            tender = "card"
    p.add("")
    p.add("Diolch - Thank you", align="center")
    p.add("Talu ar-lein: gwynedd.llyw.cymru", align="center")
    finish(p, rng, crlf=0.2, fed=0.2, codepages=("CP850", "CP437", "CP858"))
    return p, Truth(total=-total if kind == "refund" else total, lines=lines, number=number,
                    tender=tender, kind=kind, date=occurred(when, seconds=False),
                    account=account)


# --- 4. A Nottinghamshire secondary's biometric till (a contract caterer's) ---

MELLORS_MENU = [
    ("Pasta bake", 240), ("Garlic bread", 60), ("Meal deal main+drink+dessert", 295),
    ("Panini ham & cheese", 225), ("Pizza slice", 150), ("Cookie", 55), ("Fruit pot", 65),
    ("Water 500ml", 70), ("Jacket potato tuna", 260), ("Sausage roll", 110),
    ("Smoothie", 150), ("Hot chocolate", 120),
]


def mellors_bio(rng: random.Random, n: int) -> Rendered:
    """A sale at a fingerprint till: the caterer's name, the customer and
    form, a biometric match and account number, ``SALE TOTAL``, then the free
    meal credit and what the account paid, the balance brought and carried
    forward; a cheque handed in at the till put on the account."""
    p, w = Printed(), 42
    when = at(term_day(rng), rng, 8, 14)
    number = f"{500 + n:06d}"
    p.add("MELLORS CATERING SERVICES", align="center", bold=True)
    p.add("Trentside School - Dining Hall", align="center")
    p.add(lr(f"Point of sale {rng.randint(1, 3)}", f"Op: {rng.choice(['Kerry', 'Sue', 'Dev'])}", w))
    p.add(lr(f"Tran {number}", when.strftime("%d/%m/%y %H:%M"), w))
    roll = rng.random()
    staff = roll < 0.1
    first, last = pupil(rng)
    acc = None
    if staff:
        p.add(f"Customer: STAFF - {first[0]}. {last}")
    else:
        acc = f"{rng.randint(100000, 109999)}"
        p.add(f"Customer: {last.upper()}, {first}  {rng.choice(['7', '8', '9', '10', '11'])}"
              f"{rng.choice(['RW', 'TH', 'JM', 'KB'])}")
        p.add(lr("Biometric ID match", f"Acc {acc}", w))
    p.add("-" * w)
    kind = "refund" if not staff and rng.random() < 0.06 else "sale"
    cheque = not staff and kind == "sale" and rng.random() < 0.08
    lines, total = [], 0
    if cheque:
        amount = rng.choice([1000, 2000, 2500, 3000, 5000])
        p.add(lr("Account credit - cheque", money(amount), w))
        lines.append(("Account credit - cheque", 1, amount))
        total = amount
    else:
        lines, total = sold(p, rng, MELLORS_MENU, [1, 1, 2, 2, 3], [1, 1, 1, 2],
                            lambda name, qty, unit: f"{name}  @{money(unit)} x{qty}"
                            if qty > 1 else name, w)
    p.add("-" * w)
    before = rng.choice([1230, 845, 2010, 120, 0, 355, 1500])
    if cheque:
        p.add(lr("CHEQUE RECEIVED", money(total), w), bold=True)
        p.add(lr("Payable to Mellors Catering", "", w))
        p.add(lr("Account balance b/f", money(before), w))
        p.add(lr("Account balance c/f", money(before + total), w))
        tender = "cheque"
    elif kind == "refund":
        p.add(lr("REFUND TOTAL", money(-total), w), bold=True)
        p.add(lr("Refunded to account", money(total), w))
        p.add(lr("Account balance c/f", money(before + total), w))
        tender = "account"
    elif staff:
        p.add(lr("SALE TOTAL", money(total), w), bold=True)
        given = -(-total // 500) * 500
        p.add(lr("Cash", money(given), w))
        p.add(lr("Change", money(given - total), w))
        tender = "cash"
    else:
        p.add(lr("SALE TOTAL", money(total), w), bold=True)
        fsm = rng.random() < 0.35
        credit = min(total, 250) if fsm else 0
        if fsm:
            p.add(lr("FSM credit used", money(credit), w))
        rest = total - credit
        if rest:
            p.add(lr("Charged to account", money(rest), w))
        p.add(lr("Account balance b/f", money(before), w))
        p.add(lr("Account balance c/f", money(before - rest), w))
        if before - rest < 0:
            p.add("** ACCOUNT IN DEBIT - PLEASE TOP UP **", align="center")
        tender = "fsm" if fsm and not rest else ("account" if not fsm else None)
    p.add("")
    p.add("Top up at the revaluers or online", align="center")
    finish(p, rng, crlf=0.2, fed=0.1, codepages=("CP437", "CP858", "AUTO"))
    return p, Truth(total=-total if kind == "refund" else total, lines=lines, number=number,
                    tender=tender, kind=kind, date=occurred(when, seconds=False), account=acc)


# --- 5. An academy's servery: tutor group, meal entitlement, voids, allergies ---

OASIS_MENU = [
    ("Jacket potato", 210), ("Fruit pot", 55), ("Chicken curry & rice", 250),
    ("Veg pasta", 230), ("Pizza slice", 150), ("Flapjack", 60), ("Juice carton", 70),
    ("Meal deal", 280), ("Toastie", 190), ("Yoghurt", 50), ("Bagel", 80),
]
ALLERGIES = ["NUTS", "MILK", "GLUTEN", "EGG", "SESAME"]


def oasis_tutor(rng: random.Random, n: int) -> Rendered:
    """A sale at an academy's servery on 58 mm paper: the date written out
    with seconds, the check number, name, tutor group and customer number;
    quantity first; a void; the meal entitlement, then the account; what is
    left of the daily limit."""
    p, w = Printed(), 32
    when = at(term_day(rng), rng, 8, 14, seconds=True)
    number = f"{7700 + n}"
    p.add("OASIS ACADEMY FAIRFIELD", align="center", bold=True, double_height=True)
    p.add("Fairisle Road servery", align="center")
    p.add(f"Date {when.strftime('%d %b %Y  %H:%M:%S')}")
    p.add(lr(f"Chk {number}", f"Pos {rng.randint(1, 2)}", w))
    first, last = pupil(rng)
    who = rng.random()
    visitor, staff = who < 0.08, 0.08 <= who < 0.16
    acc = None
    if visitor:
        p.add("Name  VISITOR")
    else:
        acc = f"{rng.randint(0, 99999):06d}"
        p.add(f"Name  {first} {last}")
        group = rng.choice(["7", "8", "9", "10", "11"]) + rng.choice(["PLT", "KWA", "MDS"])
        p.add(f"Tutor {'STAFF' if staff else group}")
        p.add(f"Cust no. {acc}")
    if not visitor and rng.random() < 0.1:
        p.add(f"ALLERGY: {rng.choice(ALLERGIES)} - CHECK", bold=True)
    if rng.random() < 0.05:
        p.add("** REPRINT **", align="center")
    p.add("-" * w)
    lines, total = [], 0
    for name, unit in rng.sample(OASIS_MENU, rng.choice([1, 2, 2, 3, 4])):
        qty = rng.choice([1, 1, 1, 2])
        if qty > 1:
            p.add(lr(f"{qty} {name}  @£{money(unit)}", f"£{money(qty * unit)}", w))
        else:
            p.add(lr(f"1 {name}", f"£{money(unit)}", w))
        lines.append((name, qty, qty * unit))
        total += qty * unit
    if rng.random() < 0.1:
        name, qty, amount = lines[-1]
        p.add(lr(f"Void {name}", f"-£{money(amount // qty)}", w))
        lines.append((f"Void {name}", 1, -(amount // qty)))
        total -= amount // qty
    p.add("-" * w)
    p.add(lr("Total", f"£{money(total)}", w), bold=True)
    if visitor:
        tender = rng.choice(["card", "cash"])
        if tender == "card":
            p.add(lr("Card", f"£{money(total)}", w))
        else:
            given = -(-total // 1000) * 1000
            p.add(lr("Cash", f"£{money(given)}", w))
            p.add(lr("Change", f"£{money(given - total)}", w))
    else:
        ent = 0 if staff else (235 if rng.random() < 0.35 else 0)
        used = min(ent, total)
        if used:
            p.add(lr("Meal entitlement", f"£{money(used)}", w))
        rest = total - used
        if rest:
            p.add(lr("Account", f"£{money(rest)}", w))
        balance = rng.randint(0, 2500)
        p.add(lr("Balance now", f"£{money(balance)}", w))
        if not staff:
            # a £10.00 daily limit: what was spent earlier today never takes it past
            earlier = rng.choice([0, 0, 0, 150, 280, 300])
            p.add(lr("Daily limit left", f"£{money(1000 - earlier - rest)}", w))
        tender = "fsm" if used and not rest else ("account" if not used else None)
        if not total:
            tender = None  # voided to £0.00: nothing paid, no tender row printed
    finish(p, rng, crlf=0.3, fed=0.25, codepages=("CP858", "CP850", "AUTO"))
    return p, Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                    date=occurred(when), account=acc)


# --- 6. A Moray secondary's Young Scot till: daily allowance, Grab & Go ---

MORAY_MENU = [
    ("Grab & Go baguette+drink+fruit", 240), ("Soup & roll", 120), ("Panini", 195),
    ("Mac & cheese", 200), ("Muffin", 75), ("Milkshake", 110), ("Fruit cup", 60),
    ("Chicken burger", 210), ("Water", 50), ("Hot dog", 160),
]


def milnes_yscot(rng: random.Random, n: int) -> Rendered:
    """A sale at one of a secondary's four serving points: dotted date,
    ``Txn point/number``, the pupil's year and class, the account; ``TOTAL
    DUE`` then what paid it printed negative (the day's free meal allowance,
    the card balance); a Grab & Go pre-order; a sale stored offline."""
    p, w = Printed(), 40
    point = rng.randint(1, 4)
    pre = rng.random() < 0.15
    when = at(term_day(rng), rng, 8, 11) if pre else at(term_day(rng), rng, 10, 14)
    number = f"{point}/{4400 + n:06d}"
    p.add("MORAY COUNCIL SCHOOL MEALS", align="center", bold=True)
    p.add("Lossie Bank High School", align="center")
    p.add(f"Serving point {point}")
    p.add(lr(when.strftime("%d.%m.%Y %H:%M"), f"Txn {number}", w))
    first, last = pupil(rng)
    visitor = rng.random() < 0.08
    acc = None
    if visitor:
        p.add("Customer: Visitor / staff (cash)")
    else:
        acc = f"{rng.randint(7000000, 7999999)}"
        year = rng.randint(1, 6)
        p.add(f"Pupil: S{year} / {year}{rng.choice('ABCDE')}{rng.randint(1, 3)}  {first} {last}")
        p.add(f"Acct {acc}  (Young Scot)")
    if pre:
        p.add("GRAB & GO PRE-ORDER - collect at lunch", bold=True)
    p.add("-" * w)
    kind = "refund" if not visitor and rng.random() < 0.06 else "sale"
    lines, total = sold(p, rng, MORAY_MENU, [1, 1, 2, 2, 3], [1, 1, 1, 2],
                        lambda name, qty, unit: f"{name} x{qty}" if qty > 1 else name, w)
    p.add("-" * w)
    if kind == "refund":
        p.add("REFUND", bold=True)
        p.add(lr("TOTAL DUE", money(-total), w), bold=True)
        p.add(lr("Returned to card balance", money(total), w))
        tender = "account"
    elif visitor:
        p.add(lr("TOTAL DUE", money(total), w), bold=True)
        given = -(-total // 500) * 500
        p.add(lr("Cash", money(-given), w))
        p.add(lr("Change", money(given - total), w))
        tender = "cash"
    else:
        p.add(lr("TOTAL DUE", money(total), w), bold=True)
        # the allowance is on the card from 12.30 (10.00 on a Friday)
        credited = (when.hour, when.minute) >= ((10, 0) if when.weekday() == 4 else (12, 30))
        allowance = 240 if credited and rng.random() < 0.45 else 0
        used = min(allowance, total)
        if used:
            p.add(lr("FSM daily allowance", money(-used), w))
        rest = total - used
        if rest:
            p.add(lr("From card balance", money(-rest), w))
        p.add(lr("Card balance left", money(rng.randint(0, 3000)), w))
        if used:
            p.add("Unspent allowance clears after lunch")
        tender = "fsm" if used and not rest else ("account" if not used else None)
    if rng.random() < 0.08:
        sent = when + timedelta(minutes=rng.randint(20, 150))
        p.add(f"Stored offline - sent {sent.strftime('%d.%m.%Y %H:%M')}")
    finish(p, rng, crlf=0.15, fed=0.2, codepages=("CP437", "CP850", "AUTO"))
    return p, Truth(total=-total if kind == "refund" else total, lines=lines, number=number,
                    tender=tender, kind=kind, date=occurred(when, seconds=False), account=acc)


# --- 7. A boarding college's tuck shop: a chit puts it on the termly account ---

TUCK_MENU = [
    ("Haribo Starmix", 110), ("Pot Noodle", 150), ("Crisps multipack", 250),
    ("Hot choc sachets (10)", 320), ("Cereal bar", 65), ("Squash 1L", 140),
    ("Doughnut", 90), ("Toastie (ham & cheese)", 280), ("Fruit bag", 100), ("Milk 1L", 115),
]
HOUSES = ["Cotton", "Littlefield", "Preshute", "Barton Hill", "Mill Mead"]


def chit_tuck(rng: random.Random, n: int) -> Rendered:
    """A boarder's purchase at a boarding college's tuck shop, any day of
    the week: put on the termly account by a chit, with the week's tuck
    allowance left; a multibuy as its own row; parents paying by card or
    cash; a return credited back to the account."""
    p, w = Printed(), 40
    d = date(2026, 1, 8) + timedelta(days=rng.randint(0, 330))
    while d.month == 8:
        d += timedelta(days=31)
    when = at(d, rng, 11, 21)
    number = f"T-{48800 + n}"
    p.add("KENNET COLLEGE", align="center", bold=True, double_width=True)
    p.add("The Tuck Shop", align="center")
    p.add(when.strftime("%a %d %b %Y  %H:%M"))
    p.add(f"Sale: {number}")
    parent = rng.random() < 0.1
    acc = None
    if parent:
        p.add("Customer: Parent / visitor")
    else:
        first, last = pupil(rng)
        acc = f"{rng.randint(20000, 26999)}"
        p.add(f"Pupil: {last.upper()}, {first}")
        p.add(f"House: {rng.choice(HOUSES)}  Pupil no: {acc}")
    p.add("-" * w)
    kind = "refund" if not parent and rng.random() < 0.06 else "sale"
    lines, total = sold(p, rng, TUCK_MENU, [1, 2, 2, 3, 4], [1, 1, 2, 3],
                        lambda name, qty, unit: f"{name} {qty} @ {money(unit)}"
                        if qty > 1 else name, w)
    three = [(nm, q, a) for nm, q, a in lines if q == 3]
    if kind == "sale" and three:
        off = three[0][2] // 3
        p.add(lr("Multibuy 3 for 2", money(-off), w))
        lines.append(("Multibuy 3 for 2", 1, -off))
        total -= off
    p.add("-" * w)
    if kind == "refund":
        p.add("RETURNED GOODS", bold=True)
        p.add(lr("TOTAL", f"-£{money(total)}", w), bold=True)
        p.add(lr("Credited to termly account", f"£{money(total)}", w))
        tender = "account"
    else:
        p.add(lr("TOTAL", f"£{money(total)}", w), bold=True)
        if parent:
            if rng.random() < 0.5:
                p.add(lr("Paid by card", f"£{money(total)}", w))
                tender = "card"
            else:
                given = -(-total // 1000) * 1000
                p.add(lr("Paid in cash", f"£{money(given)}", w))
                p.add(lr("Change given", f"£{money(given - total)}", w))
                tender = "cash"
        else:
            p.add(lr("CHARGED TO TERMLY ACCOUNT", f"£{money(total)}", w))
            p.add(f"Chit no. {rng.randint(100, 999)} - signed by HM")
            allowance = rng.choice([1500, 2000])
            p.add(lr("Tuck allowance left this week",
                     f"£{money(max(0, allowance - total - rng.choice([0, 250, 480])))}", w))
            tender = "account"
    p.add("Items are added to the end of term bill", align="center")
    finish(p, rng, crlf=0.2, fed=0.2, codepages=("CP858", "CP437", "AUTO"))
    return p, Truth(total=-total if kind == "refund" else total, lines=lines, number=number,
                    tender=tender, kind=kind, date=occurred(when, seconds=False), account=acc)


LAYOUTS: dict[str, Callable[[random.Random, int], Rendered]] = {
    "office-fee": office_fee,
    "hall-servery": hall_servery,
    "gwynedd-cy": gwynedd_cy,
    "mellors-bio": mellors_bio,
    "oasis-tutor": oasis_tutor,
    "milnes-yscot": milnes_yscot,
    "chit-tuck": chit_tuck,
}
