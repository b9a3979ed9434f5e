"""Our renderers of seven UK and Irish school catering tills' receipts (sources
in README.md), each printing through ``Printed`` and returning the truth a
careful person reading the paper records. Written blind to the rules."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout25 import Printed

Receipt = tuple[Printed, Truth]

PUPILS_NI = [("Aoife", "McCann"), ("Conor", "Doherty"), ("Niamh", "Kelly"), ("Ruairi", "O'Neill"),
             ("Grace", "Wilson"), ("Jack", "Campbell"), ("Orla", "Quinn"), ("Ben", "Hamilton")]
PUPILS_SCOT = [("Eilidh", "Fraser"), ("Callum", "MacLeod"), ("Amira", "Hussain"),
               ("Lewis", "Grant"), ("Skye", "Paterson"), ("Rory", "Docherty")]
PUPILS_CY = [("Cerys", "Rees"), ("Gethin", "Evans"), ("Ffion", "Morgan"), ("Osian", "Price"),
             ("Megan", "Thomas"), ("Dylan", "Jenkins")]
PUPILS_IE = [("Ciara", "Byrne"), ("Oisin", "Murphy"), ("Saoirse", "Walsh"), ("Cian", "O'Brien"),
             ("Aisling", "Ryan"), ("Darragh", "Kavanagh"), ("Emma", "Nolan")]
PUPILS_EN = [("Amelia", "Nowak"), ("Oliver", "Khan"), ("Isla", "Brown"), ("Noah", "Williams"),
             ("Freya", "O'Connor"), ("Leo", "Davies"), ("Muhammad", "Ali")]
MIDDLE = ["Rose", "James", "Grace", "Ali", "Marie"]


def school_day(rng: random.Random, first: int = 7, last: int = 15) -> datetime:
    """A weekday in term (no August), GMT or BST, at a till's hours."""
    while True:
        when = datetime(2026, rng.choice([1, 2, 3, 4, 5, 6, 9, 10, 11, 12]), rng.randint(1, 28),
                        rng.randint(first, last), rng.randint(0, 59), rng.randint(0, 59))
        if when.weekday() < 5:
            return when


def money(pence: int, sign: str = "£") -> str:
    """``£2.40``, ``-£0.60``; with ``sign=""`` the figures alone."""
    return f"-{sign}{-pence / 100:.2f}" if pence < 0 else f"{sign}{pence / 100:.2f}"


def row(left: str, right: str, width: int) -> tuple[str, str]:
    """A row with ``right`` flush to the paper's edge; a ``left`` too long is
    cut where the till cuts it. Returns the row and ``left`` as printed."""
    room = width - len(right) - 1
    shown = left[:room]
    return shown.ljust(room) + " " + right, shown.strip()


def pick_items(rng: random.Random, menu: list[tuple[str, int]], most: int = 4,
               cheap: int = 100) -> list[tuple[str, int, int]]:
    """1 to ``most`` different items, (name, quantity, unit); a cheap item may be two or three."""
    out = []
    for name, unit in rng.sample(menu, rng.choice([1, 1, 2, 2, 3, most])):
        qty = rng.choice([1, 1, 1, 2, 3]) if unit <= cheap else 1
        out.append((name, qty, unit))
    return out


def fin(p: Printed, rng: random.Random, crlf: float, fed: float) -> Printed:
    """How this till ends its paper: CR LF on some, fed instead of cut on some."""
    p.crlf = rng.random() < crlf
    p.cut = rng.random() >= fed
    return p


def allowance_first(p: Printed, total: int, free: bool, allowance: int, words: tuple[str, str],
                    width: int) -> str | None:
    """How a sale is paid where a free-meal allowance goes first: the allowance
    alone (fsm), the allowance then the cashless account (a split: None), or
    the account alone. ``words``: the till's (free meal, account) labels."""
    meal, account = words
    if free and total <= allowance:
        p.add(row(meal, money(total), width)[0])
        return "fsm"
    if free:
        p.add(row(meal, money(allowance), width)[0])
        p.add(row(account, money(total - allowance), width)[0])
        return None
    p.add(row(account, money(total), width)[0])
    return "account"


# --- Northern Ireland: an Education Authority post-primary's fingerprint canteen -----------

EA_MENU = [("Panini", 210), ("Pasta pot", 190), ("Soup & wheaten", 120), ("Scone", 55),
           ("Fruit pot", 60), ("Water 500ml", 70), ("Milk 250ml", 45), ("Yoghurt", 50),
           ("Traybake", 65), ("Toast", 30), ("Sausage bap", 160), ("Chicken fillet roll", 245)]
EA_MEAL, EA_ADULT, EA_FSM = 280, 335, 280  # EA's post-primary and adult meal prices


def ea_ni(rng: random.Random, n: int) -> Receipt:
    width = rng.choice([42, 48])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]))
    when = school_day(rng, 8, 14)
    staff = rng.random() < 0.15
    refund = not staff and rng.random() < 0.06
    offline = rng.random() < 0.08
    lunch = 12 <= when.hour <= 13
    items = pick_items(rng, EA_MENU, 4)
    if lunch and (staff or rng.random() < 0.6):
        items.insert(0, ("Adult Meal", 1, EA_ADULT) if staff else ("Post-Primary Meal", 1, EA_MEAL))
    number = f"Q-{n:05d}" if offline else f"{41000 + n}"
    if rng.random() < 0.05:
        p.add("** DUPLICATE RECEIPT **", bold=True, align="center")
    p.add("EDUCATION AUTHORITY", bold=True, align="center")
    p.add("School Catering Service", align="center")
    p.add("Lagan Valley Grammar School", align="center")
    p.add("-" * width)
    p.add(row(f"Till {rng.randint(1, 4)}", f"Txn No: {number}", width)[0])
    p.add(when.strftime("%d/%m/%Y %H:%M"))
    if offline:  # the till kept the sale while the link was down and printed it as queued
        p.add("OFFLINE - SENT LATER", bold=True)
    if staff:
        first, last = rng.choice(PUPILS_NI)
        account = f"S0{rng.randint(100, 999)}"
        p.add(f"Staff: {rng.choice(['Mr', 'Mrs', 'Ms'])} {first[0]} {last}")
        p.add(row("Staff account", f"Acc No: {account}", width)[0])
    else:
        first, last = rng.choice(PUPILS_NI)
        account = f"{rng.randint(10000, 99999)}"
        p.add(f"Pupil: {first} {last}")
        p.add(row(f"Reg Grp: {rng.choice(['8A', '9C', '10B', '11D', '12L', '13M'])}",
                  f"Acc No: {account}", width)[0])
    p.add("Identified: Fingerprint" if rng.random() < 0.85 else "Identified: Name search")
    if refund:
        p.add("REFUND", bold=True, double_height=True, align="center")
    p.add("-" * width)
    lines = []
    for name, qty, unit in items:
        left = name if qty == 1 else f"{qty} x {name}"
        text, _ = row(left, money(qty * unit), width)
        p.add(text)
        lines.append((name, qty, qty * unit))
    total = sum(a for _, _, a in lines)
    p.add("-" * width)
    balance = rng.randint(-400, 2500)
    if refund:
        p.add(row("REFUND TOTAL", money(total), width)[0], bold=True, double_height=True)
        p.add(row("Refunded to Cashless Account", money(total), width)[0])
        tender, signed = "account", -total
    else:
        p.add(row("TOTAL", money(total), width)[0], bold=True, double_height=True)
        fsm = lunch and not staff and rng.random() < 0.35
        tender = allowance_first(p, total, fsm, EA_FSM, ("Free School Meal", "Cashless Account"),
                                 width)
        signed = total
    p.add(row("Balance", money(balance), width)[0])
    if balance < 0:
        p.add("AMOUNT OWED - PLEASE TOP UP", bold=True)
    p.add("Top up at the machine by the canteen", align="center")
    if offline and rng.random() < 0.5:  # printed when the link came back, hours after the sale
        later = when + timedelta(hours=rng.randint(1, 3), minutes=rng.randint(0, 59))
        p.add(f"Printed: {later:%d/%m/%Y %H:%M}")
    p.add("Thank you", align="center")
    truth = Truth(signed, lines, number, tender, "refund" if refund else "sale",
                  occurred(when, seconds=False), account)
    return fin(p, rng, 0.15, 0.1), truth


# --- Glasgow: a secondary's Fuel Zone ---------------------------------------------------

FZ_MENU = [("Toastie", 160), ("Pizza slice", 150), ("Soup", 95), ("Fruit cup", 60),
           ("Milk 250ml", 45), ("Water", 55), ("Fruit juice", 60), ("Flapjack", 70),
           ("Bagel", 85), ("Yoghurt", 50), ("Macaroni cheese & garlic bread", 240),
           ("Chicken curry & rice", 230)]
FZ_DEAL = 230  # a main, a dessert or fruit and a drink
FZ_MAINS = ["Chicken curry & rice", "Pasta bolognese", "Fish & chips", "Veggie chilli"]
HEALTHY = {"Fruit cup", "Water", "Milk 250ml", "Soup", "Yoghurt"}


def fuelzone_gla(rng: random.Random, n: int) -> Receipt:
    width = rng.choice([32, 40])
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]))
    when = school_day(rng, 8, 14)
    refund = rng.random() < 0.06
    lunch = 12 <= when.hour <= 13
    card = f"60{rng.randint(10000, 99999)}"
    first, last = rng.choice(PUPILS_SCOT)
    p.add("FUEL ZONE", bold=True, double_width=True, align="center")
    p.add("St Mungo's Academy", align="center")
    p.add(when.strftime("%a %d %b %Y %H:%M"))
    p.add(row(f"Till {rng.randint(1, 3)}", f"Receipt No {n:06d}", width)[0])
    p.add(row(f"Card {card}", f"{first[0]}. {last}", width)[0])
    p.add(f"Year S{rng.randint(1, 6)}")
    p.add("-" * width)
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    lines = []
    if lunch and not refund and rng.random() < 0.45:
        p.add(row("Meal Deal", money(FZ_DEAL, ""), width)[0])
        # the bundle's parts, no price of their own: one line, not three
        for part in (rng.choice(FZ_MAINS), rng.choice(["Fruit cup", "Yoghurt", "Sponge"]),
                     rng.choice(["Milk 250ml", "Water", "Fruit juice"])):
            p.add(f"  {part}")
        lines.append(("Meal Deal", 1, FZ_DEAL))
    for name, qty, unit in pick_items(rng, FZ_MENU, 3):
        text, shown = row(name if qty == 1 else f"{qty} {name}", money(qty * unit, ""), width)
        p.add(text)
        lines.append((shown if qty == 1 else shown.partition(" ")[2], qty, qty * unit))
    healthy = [name for name, _, _ in lines if name in HEALTHY]
    if healthy and not refund and rng.random() < 0.5:
        off = -10 * len(healthy)
        p.add(row("Healthy choice reward", money(off, ""), width)[0])
        lines.append(("Healthy choice reward", 1, off))
    total = sum(a for _, _, a in lines)
    p.add("-" * width)
    if refund:
        p.add(row("REFUND", money(total), width)[0], bold=True)
        p.add(row("Refunded to payment card", money(total), width)[0])
        tender, signed = "account", -total
    else:
        p.add(row("TOTAL", money(total), width)[0], bold=True, double_height=True)
        free = lunch and rng.random() < 0.3
        tender = allowance_first(p, total, free, FZ_DEAL, ("Free meal", "Payment card"), width)
        signed = total
        earned = 5 * len(healthy) + 5
        p.add(row("Points earned", str(earned), width)[0])
        p.add(row("Points balance", str(rng.randint(earned, 900)), width)[0])
    p.add(row("Card balance", money(rng.randint(0, 2500)), width)[0])
    p.add("Top up at the machine", align="center")
    truth = Truth(signed, lines, f"{n:06d}", tender, "refund" if refund else "sale",
                  occurred(when, seconds=False), card)
    return fin(p, rng, 0.2, 0.2), truth


# --- Pembrokeshire: a bilingual secondary slip with a daily limit ---------------------------

CY_MENU = [("Jacket potato", 230), ("Pasta pot", 200), ("Panini", 215), ("Pizza slice", 160),
           ("Cookie", 60), ("Fruit pot", 65), ("Water", 60), ("Milk", 50), ("Flapjack", 70),
           ("Toast", 35), ("Bacon roll", 175)]
CY_FSM, CY_LIMIT = 275, 600


def pembs_cy(rng: random.Random, n: int) -> Receipt:
    width = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP850", "CP858"]))
    when = school_day(rng, 8, 14)
    refund = rng.random() < 0.05
    lunch = 12 <= when.hour <= 13
    first, last = rng.choice(PUPILS_CY)
    account = f"12{rng.randint(1000, 9999)}"
    number = f"{rng.randint(1, 9)}-{n:05d}"
    p.add("Cyngor Sir Penfro", bold=True, align="center")
    p.add("Pembrokeshire County Council", bold=True, align="center")
    p.add("Arlwyo Ysgolion / School Catering", align="center")
    p.add("Ysgol Penrhos Cleddau", align="center")
    p.add("-" * width)
    p.add(f"Dyddiad/Date: {when:%d/%m/%y %H:%M:%S}")
    p.add(f"Derbynneb/Receipt: {number}")
    p.add(f"Disgybl/Pupil: {first} {last}")
    p.add(row(f"Bl/Yr: {rng.randint(7, 11)}", f"Cyfrif/Acc: {account}", width)[0])
    p.add("-" * width)
    if refund:
        p.add("AD-DALIAD / REFUND", bold=True, align="center")
    lines = []
    for name, qty, unit in pick_items(rng, CY_MENU, 4):
        if qty == 1:
            p.add(row(name, money(unit), width)[0])
        else:
            p.add(name)
            p.add(row(f"   {qty} @ {money(unit)}", money(qty * unit), width)[0])
        lines.append((name, qty, qty * unit))
    spent = rng.choice([0, 0, 150, 300, 420])  # spent earlier today
    over = not refund and spent + sum(a for _, _, a in lines) > CY_LIMIT
    if not over and not refund and rng.random() < 0.08:
        over, spent = True, CY_LIMIT - sum(a for _, _, a in lines) + rng.choice([10, 40, 60])
    if over:  # the till takes off the last item that went over the day's limit
        name, qty, amount = lines[-1]
        p.add("Dros y terfyn dyddiol / Over daily limit")
        p.add(row(f"DILEU/VOID {name}", money(-amount), width)[0])
        lines.append((f"DILEU/VOID {name}", 1, -amount))
    total = sum(a for _, _, a in lines)
    p.add("-" * width)
    if refund:
        p.add(row("CYFANSWM/TOTAL", money(-total), width)[0], bold=True)
        p.add(row("I'r cyfrif / To account", money(total), width)[0])
        tender, signed = "account", -total
    else:
        p.add(row("CYFANSWM/TOTAL", money(total), width)[0], bold=True)
        fsm = lunch and rng.random() < 0.3
        tender = allowance_first(p, total, fsm, CY_FSM, ("Prydau am ddim/FSM", "Cyfrif/Account"),
                                 width)
        signed = total
        left = max(0, CY_LIMIT - spent - total)
        p.add(row("Terfyn ar ôl/Limit left", money(left), width)[0])
    p.add(row("Balans/Balance", money(rng.randint(0, 3000)), width)[0])
    p.add("Diolch / Thank you", align="center")
    truth = Truth(signed, lines, number, tender, "refund" if refund else "sale",
                  occurred(when), account)
    return fin(p, rng, 0.25, 0.2), truth


# --- Ireland: a secondary canteen with top-ups and cash at the till -------------------------

IE_MENU = [("Chicken wrap", 450), ("Hot meal of the day", 550), ("Soup & roll", 300),
           ("Pasta bowl", 480), ("Banana", 40), ("Apple", 40), ("Water", 120), ("Milk", 90),
           ("Scone", 150), ("Yoghurt pot", 200), ("Smoothie", 320)]


def tfw_ie(rng: random.Random, n: int) -> Receipt:
    width = rng.choice([32, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP1252"]))
    when = school_day(rng, 8, 14)
    who = rng.choices(["card", "cash", "staff", "topup"], [60, 15, 10, 15])[0]
    refund = who == "card" and rng.random() < 0.06
    p.add("ST OLIVER'S COLLEGE", bold=True, align="center")
    p.add("Canteen - Boyne Fresh Foods", align="center")
    p.add(row(when.strftime("%d-%m-%Y %H:%M"), f"Docket {30000 + n}", width)[0])
    p.add(f"Till 1  Op: {rng.choice(['Sinead', 'Mary', 'Declan'])}")
    account = None
    if who in ("card", "topup"):
        first, last = rng.choice(PUPILS_IE)
        account = f"10{rng.randint(1000, 9999)}"
        p.add(f"Card {account} {first} {last}")
    elif who == "staff":
        p.add("STAFF")
    else:
        p.add("CASH SALE")
    p.add("-" * width)
    lines = []
    if who == "topup":
        amount = rng.choice([1000, 2000, 2500, 5000])
        p.add(row("Card top-up", money(amount, "€"), width)[0])
        lines.append(("Card top-up", 1, amount))
    else:
        if refund:
            p.add("REFUND", bold=True, align="center")
        for name, qty, unit in pick_items(rng, IE_MENU, 4, cheap=200):
            p.add(row(f"{qty} {name}", money(qty * unit, "€"), width)[0])
            lines.append((name, qty, qty * unit))
            if name in ("Chicken wrap", "Scone", "Pasta bowl") and rng.random() < 0.3:
                p.add("  ALLERGENS: GLUTEN, MILK, EGG")
    total = sum(a for _, _, a in lines)
    p.add("-" * width)
    balance = rng.randint(0, 4000)
    if refund:
        p.add(row("REFUND TOTAL", money(-total, "€"), width)[0], bold=True, double_height=True)
        p.add(row("Credited to card balance", money(total, "€"), width)[0])
        tender, signed = "account", -total
    else:
        p.add(row("TOTAL", money(total, "€"), width)[0], bold=True, double_height=True)
        signed = total
        if who == "card":
            p.add(row("Paid from card", money(total, "€"), width)[0])
            tender = "account"
        elif who == "staff":
            p.add(row("Debit card", money(total, "€"), width)[0])
            tender = "card"
        else:
            given = next(x for x in (500, 1000, 2000, 5000, 10000) if x >= total)
            if rng.random() < 0.3:
                given = total
            p.add(row("Cash", money(given, "€"), width)[0])
            p.add(row("Change", money(given - total, "€"), width)[0])
            tender = "cash"
    if who in ("card", "topup"):
        p.add(row("Card balance", money(balance + (total if who == "topup" else 0), "€"), width)[0])
    p.add("Top up online at the caterer's site", align="center")
    truth = Truth(signed, lines, f"{30000 + n}", tender, "refund" if refund else "sale",
                  occurred(when, seconds=False), account)
    return fin(p, rng, 0.2, 0.15), truth


# --- Dublin: a college's smart card canteen and pop-up shop ---------------------------------

SAC_MENU = [("Meal of the day", 620), ("Panini", 450), ("Soup", 280), ("Smoothie", 320),
            ("Fruit", 80), ("Water", 120), ("Cookie", 150), ("Yoghurt pot", 200),
            ("Chicken Caesar salad bowl", 590), ("Hot chocolate", 230)]


def _sac_items(p: Printed, rng: random.Random) -> list[tuple[str, int, int]]:
    lines = []
    for name, qty, unit in pick_items(rng, SAC_MENU, 3, cheap=200):
        p.add(f"{name[:22]:<22} {qty:>3} {unit / 100:>9.2f} {qty * unit / 100:>10.2f}")
        lines.append((name[:22].strip(), qty, qty * unit))
    return lines


def sac_ie(rng: random.Random, n: int) -> Receipt:
    width = 48
    p = Printed(codepage=rng.choice(["CP1252", "CP858"]))
    when = school_day(rng, 8, 15)
    refund = rng.random() < 0.05
    two = not refund and rng.random() < 0.08
    if rng.random() < 0.05:
        p.add("*** COPY ***", bold=True, align="center")
    p.add("ST COLMAN'S COLLEGE", bold=True, double_height=True, align="center")
    p.add("Smart Card - " + ("Pop-up Shop" if when.hour in (10, 11) else "Canteen"),
          align="center")
    p.add(f"Date: {when:%d %b %Y}   Time: {when:%H:%M:%S}")
    p.add(f"Trans: {88000 + n}   Terminal: T{rng.randint(1, 3)}")
    p.add("-" * width)
    pupils = rng.sample(PUPILS_IE, 2 if two else 1)
    cards = [f"00{rng.randint(4000, 4999)}" for _ in pupils]
    if refund:
        p.add("REFUND", bold=True, align="center")
    lines, parts = [], []
    for (first, last), card in zip(pupils, cards, strict=True):
        p.add(f"Card {card}  {first} {last}  {rng.choice(['1st', '2nd', '3rd', '5th', '6th'])} Yr")
        p.add(f"{'Item':<22} {'Qty':>3} {'Price':>9} {'Amount':>10}")
        mine = _sac_items(p, rng)
        if two:
            p.add(row("Subtotal", f"{sum(a for _, _, a in mine) / 100:.2f}", width)[0])
        lines += mine
        parts.append(sum(a for _, _, a in mine))
    total = sum(parts)
    p.add("-" * width)
    if refund:
        p.add(row("REFUND TOTAL", f"EUR {total / 100:.2f}", width)[0], bold=True)
        p.add(row("Credited to Smart Card", f"EUR {total / 100:.2f}", width)[0])
        signed = -total
    else:
        p.add(row("TOTAL", f"EUR {total / 100:.2f}", width)[0], bold=True, double_height=True)
        for card, part in zip(cards, parts, strict=True):
            p.add(row(f"Smart Card {card}" if two else "Smart Card", f"EUR {part / 100:.2f}",
                      width)[0])
        signed = total
    for card in cards:
        p.add(row(f"Card {card} balance" if two else "Card balance",
                  f"EUR {rng.randint(0, 9000) / 100:.2f}", width)[0])
    p.add("Top-ups credited 8-9am each school day", align="center")
    # two pupils' cards on one slip: no one account the whole sale belongs to
    truth = Truth(signed, lines, f"{88000 + n}", "account", "refund" if refund else "sale",
                  occurred(when), None if two else cards[0])
    return fin(p, rng, 0.15, 0.15), truth


# --- An academy trust's central kitchen: meal credits, by a school dining room's own ESC/POS -----

KITCHEN_MEAL = 230


def trust_kitchen(rng: random.Random, n: int) -> Receipt:
    p = Printed(codepage=rng.choice(["AUTO", "CP437"]))
    when = school_day(rng, 8, 16)
    first, last = rng.choice(PUPILS_EN)
    year = rng.choice(["R", "1", "2", "3", "4", "5", "6"])
    kind = rng.choices(["Regular", "UIFSM", "Free meals"], [70, 18, 12])[0]
    if kind == "UIFSM" and year not in ("R", "1", "2"):
        kind = "Regular"
    meals = rng.choice([5, 10, 10, 15, 20])
    paid = 0 if kind != "Regular" else meals * KITCHEN_MEAL
    way = {"UIFSM": "Free (UIFSM)", "Free meals": "Free meals"}.get(
        kind, rng.choices(["Cash", "Card", "Cheque"], [45, 45, 10])[0])
    code = f"{rng.randint(100, 999)}"
    credit = paid + rng.choice([0, 0, 115, 230, 460])
    p.add("CENTRAL KITCHEN", custom_size=True, width=2, height=2, align="center")
    p.add("-" * 16, custom_size=True, width=2, height=2, align="center")
    p.add(f"{when:%Y-%m-%d %H:%M:%S}")
    p.add(f"{first} {last}".upper())
    p.add(f"Year: {year}")
    p.add(f"Class: {rng.choice(['Oak', 'Ash', 'Birch', 'Willow'])}")
    p.add(f"Code: {code}")
    p.add(f"Pupil type: {kind}")
    p.add(f"Payment: {way}")
    p.add("-" * 16, custom_size=True, width=2, height=2)
    p.add(f"Meals: {meals}")
    p.add(f"Current credit:{money(credit)}")
    p.add(f"Total paid: {money(paid)}")
    p.add("-" * 16, custom_size=True, width=2, height=2)
    p.add("Thank you for your payment", align="center")
    for _ in range(5):
        p.add("")
    tender = {"Cash": "cash", "Card": "card", "Cheque": "cheque"}.get(way, "fsm")
    truth = Truth(paid, [("Meals", meals, paid)], None, tender, "sale", occurred(when), code)
    return fin(p, rng, 0.1, 0.0), truth


# --- A primary's office: payment receipts, by an education centre's own ESC/POS ---------------

PURPOSES = [("School dinners", 240), ("Breakfast club", 150), ("Milk (half term)", 720),
            ("After school snack", 60)]


def cash_office(rng: random.Random, n: int) -> Receipt:
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]))
    when = school_day(rng, 8, 16)
    first, last = rng.choice(PUPILS_EN)
    name = f"{first} {rng.choice(MIDDLE)} {last}" if rng.random() < 0.4 else f"{first}  {last}"
    reg = f"ADM{rng.randint(1000, 4999)}"
    mode = rng.choices(["Cash", "Card", "Cheque", "Redeemed from Prepayment", "Prepayment"],
                       [30, 25, 5, 25, 15])[0]
    arrears = mode in ("Cash", "Card") and rng.random() < 0.2
    if arrears:  # a debt run up while the school let pupils eat, paid off
        purpose, amount = "Dinner money arrears", rng.choice([460, 690, 1150, 2300])
        bf, cf = -amount, 0
    else:
        purpose, unit = rng.choice(PURPOSES)
        amount = unit * (1 if unit > 500 else rng.choice([1, 5, 10, 20]))
        bf = rng.randint(0, 3000)
        if mode == "Redeemed from Prepayment":
            bf += amount
            cf = bf - amount
        elif mode == "Prepayment":
            cf = bf + amount
        else:
            cf = bf
    number = f"RC{26000 + n}"
    p.add("Brookfield Primary School", align="center")
    p.add("-" * 32, align="center")
    p.add("PAYMENT RECEIPT", align="center")
    p.add("-" * 32, align="center")
    p.add(f"Receipt No: {number}")
    p.add(f"Date: {when:%Y-%m-%d %H:%M}")
    p.add("-" * 32)
    p.add(f"Student: {name}")
    p.add(f"Reg No: {reg}")
    p.add(f"Amount Paid: GBP {amount / 100:,.2f}")
    p.add(f"Purpose: {purpose}")
    p.add(f"Mode: {mode}")
    p.add("-" * 32)
    p.add(f"Balance B/F: GBP {bf / 100:,.2f}")
    p.add(f"Balance C/F: GBP {cf / 100:,.2f}")
    p.add("-" * 32)
    p.add("Thank you!", align="center")
    p.add("-" * 32, align="center")
    tender = {"Cash": "cash", "Card": "card", "Cheque": "cheque",
              "Redeemed from Prepayment": "account"}.get(mode, mode)
    truth = Truth(amount, [(purpose, 1, amount)], number, tender, "sale",
                  occurred(when, seconds=False), reg)
    return fin(p, rng, 0.2, 0.0), truth


LAYOUTS: dict[str, Callable[[random.Random, int], Receipt]] = {
    "ea-ni": ea_ni,
    "fuelzone-gla": fuelzone_gla,
    "pembs-cy": pembs_cy,
    "tfw-ie": tfw_ie,
    "sac-ie": sac_ie,
    "trust-kitchen": trust_kitchen,
    "cash-office": cash_office,
}
