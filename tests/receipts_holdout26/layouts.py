"""Seven UK school and college catering tills on their hard days (sources and
what is verified or invented: README.md). Each renderer takes a random stream
and the receipt's number, prints through ``Printed`` (python-escpos) and gives
the ground truth a careful person reading the paper would record."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout26 import Printed

Line = tuple[str, int, int]

# Weekdays in term (no August; Christmas and Easter weeks left out), both sides of BST.
_TERM_MONTHS = (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12)
SERVICES = {  # service: (first hour, last hour)
    "breakfast": (8, 8), "break": (10, 11), "lunch": (12, 13), "after": (15, 16)}

FIRST = ["Amelia", "Oliver", "Isla", "Harry", "Freya", "Jacob", "Ffion", "Dylan", "Eilidh",
         "Callum", "Aisha", "Mohammed", "Zofia", "Kai", "Niamh", "Rhys", "Grace", "Ewan"]
LAST = ["Smith", "Jones", "Williams", "Evans", "Khan", "MacKenzie", "Campbell", "Nowak",
        "Hughes", "Patel", "O'Brien", "Fraser", "Davies", "Robertson", "Ahmed", "Price"]


def school_day(rng: random.Random, service: str) -> datetime:
    """A term-time weekday in 2026 at the given service's hours."""
    while True:
        d = date(2026, rng.choice(_TERM_MONTHS), rng.randint(1, 28))
        if d.weekday() < 5 and not (d.month == 12 and d.day > 18) and not (
                d.month == 4 and d.day < 13):
            break
    lo, hi = SERVICES[service]
    return datetime(d.year, d.month, d.day, rng.randint(lo, hi), rng.randint(0, 59),
                    rng.randint(0, 59))


def service_of(rng: random.Random) -> str:
    return rng.choice(["breakfast", "break", "break", "lunch", "lunch", "lunch", "after"])


def gbp(pence: int) -> str:
    """``£2.35``, ``-£0.85``."""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100}.{abs(pence) % 100:02d}"


def amt(pence: int) -> str:
    """``2.35``, ``-0.85``, ``1,250.00``."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) / 100:,.2f}"


def row(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width``; the left cut to fit."""
    left = left[: max(1, width - len(right) - 1)]
    return left + " " * (width - len(left) - len(right)) + right


def centred(text: str, width: int) -> str:
    """Centred with spaces, as a template pads it (not the printer's alignment)."""
    return " " * max(0, (width - len(text)) // 2) + text


def pick_items(rng: random.Random, menu: dict[str, list[tuple[str, int]]], service: str,
               most: int = 4) -> list[Line]:
    """1-``most`` different items from the service's menu, some several times."""
    choices = menu[service]
    chosen = rng.sample(choices, min(len(choices), rng.choice([1, 1, 2, 2, 3, most])))
    return [(name, rng.choice([1, 1, 1, 1, 2, 2, 3]), price) for name, price in chosen]


def pupil(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def free_meal_first(p: Printed, total: int, allowance: int, labels: tuple[str, str],
                    money: Callable[[int], str], w: int) -> str | None:
    """The day's free meal allowance pays first and the account the rest (two
    rows, labelled by ``labels``); the truth's tender: fsm alone, or None (a split)."""
    paid = min(total, allowance)
    p.add(row(labels[0], money(paid), w))
    if total > paid:
        p.add(row(labels[1], money(total - paid), w))
        return None
    return "fsm"


def _ending(rng: random.Random, p: Printed, crlf: float, fed: float) -> Printed:
    p.crlf = rng.random() < crlf
    p.cut = rng.random() >= fed
    return p


# --- 1. A sixth-form college canteen: escpos-php's cash receipt (holycross-sfc) ---

SFC_MENU = {
    "breakfast": [("Bacon barm", 185), ("Sausage & egg muffin", 210), ("Porridge pot", 120),
                  ("Toast (2 slices)", 60), ("Latte regular", 170), ("Tea", 95)],
    "break": [("Cheese & onion pasty", 175), ("Cookie", 70), ("Fruit pot", 110),
              ("Hot chocolate", 150), ("Water 500ml", 85), ("Flapjack", 90)],
    "lunch": [("Chicken tikka masala & rice", 340), ("Jacket potato cheese & beans", 295),
              ("Meal deal (wrap+drink+snack)", 375), ("Margherita pizza slice", 220),
              ("Chips", 130), ("Veg chilli & rice", 310), ("Can of Coke", 110)],
    "after": [("Muffin", 130), ("Can of Coke", 110), ("Crisps", 70), ("Iced latte", 230)],
}


def holycross_sfc(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """escpos-php, 58 mm: centred header, ``%-18s %2d x %-6s = P%-7s`` rows, cash
    amount, total and change (the total between them), centred thanks and the
    transaction number; no date. Placed in a UK sixth-form college."""
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]))
    service = service_of(rng)
    items = pick_items(rng, SFC_MENU, service)
    total = sum(q * u for _, q, u in items)
    p.add("*** St Aidan's Sixth Form ***", align="center")
    p.add("      Canteen Receipt      ", align="center")
    p.add("============================", align="center")
    for name, qty, unit in items:
        p.add(f"{name:<18} {qty:2d} x {amt(unit):<6} = £{amt(qty * unit):<7}")
    p.add("----------------------------")
    if rng.random() < 0.3:
        cash = total
    else:
        cash = next(c for c in (500, 1000, 2000, 5000, total) if c >= total)
        if rng.random() < 0.3 and cash > total:
            cash = total + rng.choice([5, 10, 20, 50, 100]) if total % 100 else cash
    p.add(f"{'Cash Amount:':<12} £{amt(cash):<7}")
    p.add(f"{'Total      :':<12} £{amt(total):<7}")
    p.add(f"{'Change     :':<12} £{amt(cash - total):<7}")
    p.add("")
    p.add("")
    p.add("Thank you for your purchase!", align="center")
    p.add("Visit us again! ", align="center")
    number = f"SA{260000 + n}"
    p.add(f"TN: {number}", align="center")
    p.add("")
    return _ending(rng, p, crlf=0.1, fed=0.0), Truth(
        total, [(nm, q, q * u) for nm, q, u in items], number, "cash", "sale", None, None)


# --- 2. A university's catered-hall meal plan token (meal-token) ---

TOKEN_MEALS = [("Breakfast", 8, 385), ("Lunch", 12, 460), ("Dinner", 17, 540)]


def meal_token(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A 48-column meal token built as text (centre by padding, left-right rows
    with ``Name:``, ``ID:``, ``Meal:``, ``Date:``, ``Time:``, ``Balance: N meals``
    and the printing time ``toLocaleString`` gives). Placed in a UK university's
    catered halls; the money rows are ours."""
    w = 48
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]))
    meal, hour, price = rng.choice(TOKEN_MEALS)
    d = school_day(rng, "lunch").replace(hour=hour + rng.randint(0, 1))
    guest = rng.random() < 0.15
    void = not guest and rng.random() < 0.06
    first, last = pupil(rng)
    sid = f"U{rng.randint(2100000, 2599999)}"
    left = rng.randint(0, 160)
    p.add("")
    p.add(centred("HOLLINS HALL DINING", w), bold=True)
    p.add(centred("MEAL TOKEN" if not void else "MEAL TOKEN - CANCELLED", w),
          double_height=True)
    p.add("=" * w)
    p.add("")
    p.add(centred(f"TOKEN # {(n + 1) % 1000:03d}", w), double_height=True)
    p.add("")
    p.add("-" * w)
    if guest:
        p.add(row("Name:", f"Guest of {first} {last}", w))
    else:
        p.add(row("Name:", f"{first} {last}", w))
        p.add(row("ID:", sid, w))
    p.add("-" * w)
    p.add(row("Meal:", meal, w))
    p.add(row("Date:", d.strftime("%d/%m/%Y"), w))
    p.add(row("Time:", d.strftime("%H:%M"), w))
    p.add(row("Price:", gbp(price), w))
    p.add("-" * w)
    extras: list[Line] = []
    if not guest and not void and rng.random() < 0.25:
        extras = [rng.choice([("Extra dessert", 1, 120), ("Soft drink", 1, 95),
                              ("Second main", 1, 260), ("Fruit", 2, 45)])]
    if guest:
        tender = rng.choice(["Card", "Cash"])
        p.add(row("Paid:", f"{tender} {gbp(price)}", w))
        truth_tender = tender.lower()
    elif void:
        p.add(row("Returned to plan:", "1 meal", w))
        truth_tender = "account"
    elif left == 0 or extras:
        # The plan pays the meal (none left: the till takes it); extras are paid at the till.
        for name, q, a in extras:
            p.add(row(f"{q} x {name}", gbp(a * q), w))
        rest = sum(q * a for _, q, a in extras) + (price if left == 0 else 0)
        p.add(row("Meal plan:", "no meals left" if left == 0 else "1 meal", w))
        p.add(row("Paid at till (card):", gbp(rest), w))
        truth_tender = "card" if left == 0 else None
    else:
        p.add(row("Meal plan:", "1 meal", w))
        truth_tender = "account"
    if not guest:
        p.add(row("Balance:", f"{left + (1 if void else 0)} meals", w))
    p.add("=" * w)
    p.add("")
    p.add(centred("Present this token at", w))
    p.add(centred("the collection counter", w))
    p.add("")
    p.add(centred("Thank you!", w))
    p.add("")
    p.add("-" * w)
    printed_at = d + timedelta(seconds=rng.randint(0, 4))
    p.add(centred(printed_at.strftime("%d/%m/%Y, %H:%M:%S"), w))
    p.add("")
    p.add("")
    lines = [(meal, 1, price)] + [(nm, q, q * a) for nm, q, a in extras]
    total = sum(a for _, _, a in lines)
    return _ending(rng, p, crlf=0.0, fed=0.2), Truth(
        -total if void else total, lines, f"{(n + 1) % 1000:03d}", truth_tender,
        "refund" if void else "sale", occurred(d.replace(second=0), seconds=False),
        None if guest else sid)


# --- 3. A Lancashire county high school's swipe card till (lancs-swipe) ---

LANCS_MENU = {
    "breakfast": [("Bacon bun", 120), ("Toast", 30), ("Hot choc", 80), ("Fruit juice", 60)],
    "break": [("Pizza slice", 110), ("Sausage roll", 95), ("Cookie", 55), ("Fruit pot", 60),
              ("Water", 50), ("Panini ham & cheese", 195)],
    "lunch": [("Meal of the day", 250), ("Lancashire hotpot", 250), ("Jacket potato", 180),
              ("Pasta pot tomato & basil", 175), ("Sandwich", 165), ("Milk 250ml", 50),
              ("Jelly", 45)],
    "after": [("Cookie", 55), ("Water", 50), ("Toast", 30)],
}


def lancs_swipe(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A county caterer's secondary till: swipe card, tutor group, free meal
    allowance then the account, cheques and revaluation credits (our slip)."""
    w = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]))
    service = service_of(rng)
    when = school_day(rng, service)
    first, last = pupil(rng)
    card = f"{rng.randint(100000, 999999)}"
    tutor = f"{rng.randint(7, 11)}{rng.choice('ABDGHLMR')}{rng.choice('CEHNW')}"
    p.add("LANCASHIRE SCHOOL MEALS", align="center", bold=True)
    p.add("Ribble Vale High School", align="center")
    p.add(f"{when:%a %d/%m/%y %H:%M}   Till 2   Rcpt {31200 + n:05d}")
    p.add(row(f"{last.upper()}, {first}", f"TG {tutor}", w))
    p.add(f"Swipe card {card}")
    refund = rng.random() < 0.06
    cheque = not refund and rng.random() < 0.1
    lines: list[Line] = []
    if cheque:
        value = rng.choice([1000, 2000, 2500, 3000, 5000])
        p.add(row("CREDIT - CHEQUE RECEIVED", gbp(value), w))
        lines.append(("CREDIT - CHEQUE RECEIVED", 1, value))
    else:
        items = pick_items(rng, LANCS_MENU, service)
        if service == "lunch" and rng.random() < 0.5:
            items = [("Meal deal main+dessert+drink", 1, 250)] + items[:1]
        for name, qty, unit in items:
            if qty > 1:
                p.add(name)
                p.add(row(f"   {qty} @ {amt(unit)}", amt(qty * unit), w))
                shown = name
            else:
                p.add(row(name, amt(unit), w))
                shown = name[: w - len(amt(unit)) - 1]  # cut at the row's edge
            lines.append((shown, qty, qty * unit))
        if rng.random() < 0.1:
            p.add("  ** ALLERGY: NO PEANUTS ON RECORD **")
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    fsm = service == "lunch" and not cheque and not refund and rng.random() < 0.35
    if refund:
        p.add("REFUND", bold=True, double_height=True)
        p.add(row("REFUND TOTAL", gbp(-total), w), bold=True)
        p.add(row("Returned to swipe card", gbp(total), w))
        tender = "account"
    else:
        p.add(row("TOTAL", gbp(total), w), bold=True, double_height=True)
        if cheque:
            p.add(row("Cheque", gbp(total), w))
            tender = "cheque"
        elif fsm:
            tender = free_meal_first(p, total, 250, ("Free meal allowance", "Cashless account"),
                                     gbp, w)
        else:
            p.add(row("Cashless account", gbp(total), w))
            tender = "account"
    before = rng.randint(-150, 4000)
    after = before + (total if refund or cheque else -total if not fsm else
                      -max(0, total - 250))
    p.add(row("Balance", gbp(after), w))
    if after < 0:
        p.add("ACCOUNT IN DEBIT - PLEASE TOP UP")
        p.add("at the reval machine or by cheque")
    p.add("Served by: " + rng.choice(["Julie", "Bev", "Karen", "Mo", "Steph"]))
    truth_total = -total if refund else total
    return _ending(rng, p, crlf=0.2, fed=0.15), Truth(
        truth_total, lines, f"{31200 + n:05d}", tender, "refund" if refund else "sale",
        occurred(when, seconds=False), card)


# --- 4. A Blaenau Gwent 3-16 school's Welsh-first cashless till (ebbw-cy) ---

EBBW_MENU = {
    "breakfast": [("Tost", 30), ("Bagel", 70), ("Sudd oren", 60)],
    "break": [("Pitsa", 110), ("Rholyn selsig", 95), ("Bisged", 45), ("Ffrwythau", 55),
              ("Dwr", 50)],
    "lunch": [("Pryd y dydd", 265), ("Tatws pob a ffa", 210), ("Pasta pob", 230),
              ("Brechdan", 175), ("Cacen a chwstard", 80), ("Llaeth", 45)],
    "after": [("Bisged", 45), ("Dwr", 50)],
}
WELSH_DAYS = ["Llun", "Mawrth", "Mercher", "Iau", "Gwener"]


def ebbw_cy(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Welsh first, English in brackets: PIN at the till (never printed),
    bistro or restaurant, free meals treated the same (our slip and our Welsh)."""
    w = rng.choice([42, 48])
    p = Printed(codepage=rng.choice(["CP850", "CP858"]))
    service = service_of(rng)
    when = school_day(rng, service)
    first, last = pupil(rng)
    acc = f"{rng.randint(10000, 49999)}"
    place = rng.choice(["Bistro", "Bwyty (Restaurant)"])
    p.add("ARLWYO HEB ARIAN", align="center", bold=True)
    p.add("(Cashless Catering)", align="center")
    p.add(f"Ysgol Cwm Ebwy - {place}", align="center")
    p.add(f"Dydd {WELSH_DAYS[when.weekday()]} {when:%d/%m/%Y %H:%M:%S}")
    p.add(row(f"Derbynneb (Receipt) {4100 + n}", "Til 1", w))
    p.add(f"Dysgwr (Learner): {first} {last}")
    p.add(f"Dosbarth (Class): {rng.choice(['7', '8', '9', '10', '11'])}{rng.choice('CEFMRT')}"
          f"   Cyfrif (Acc): {acc}")
    refund = rng.random() < 0.06
    items = pick_items(rng, EBBW_MENU, service)
    lines: list[Line] = []
    for name, qty, unit in items:
        text = f"{qty} x {name}" if qty > 1 else name
        p.add(row(text, gbp(qty * unit), w))
        lines.append((name, qty, qty * unit))
    if not refund and rng.random() < 0.12:
        off = rng.choice([10, 20])
        p.add(row("Gostyngiad iach (Healthy discount)", gbp(-off), w))
        lines.append(("Gostyngiad iach (Healthy discount)", 1, -off))
    total = sum(a for _, _, a in lines)
    p.add("=" * w)
    fsm = service == "lunch" and not refund and rng.random() < 0.3
    if refund:
        p.add("AD-DALIAD (REFUND)", bold=True, double_width=True)
        p.add(row("Cyfanswm (Total)", gbp(-total), w), bold=True)
        p.add(row("Yn ol i'r cyfrif (To account)", gbp(total), w))
        tender = "account"
    else:
        p.add(row("Cyfanswm (Total)", gbp(total), w), bold=True, double_height=True)
        if fsm:
            tender = free_meal_first(
                p, total, 270, ("Prydau ysgol am ddim (FSM)", "Cyfrif dysgwr (Learner acc)"),
                gbp, w)
        else:
            p.add(row("Cyfrif dysgwr (Learner acc)", gbp(total), w))
            tender = "account"
    p.add(row("Balans (Balance)", gbp(rng.randint(0, 3500)), w))
    if rng.random() < 0.15:
        p.add("Ychwanegwch arian: peiriant ail-brisio")
        p.add("(Top up at the revaluation machine)")
    p.add("Diolch (Thank you)", align="center")
    return _ending(rng, p, crlf=0.25, fed=0.2), Truth(
        -total if refund else total, lines, str(4100 + n), tender, "refund" if refund else "sale",
        occurred(when), acc)


# --- 5. A Highland Council secondary: PIN, Young Scot card, no cash (highland-pin) ---

HIGHLAND_MENU = {
    "breakfast": [("Breakfast roll", 130), ("Toast", 35), ("Porridge", 60)],
    "break": [("Pizza slice", 120), ("Scone", 50), ("Fruit", 40), ("Milk", 45),
              ("Water", 55), ("Soup", 75)],
    "lunch": [("Main meal + dessert", 240), ("Grab'n'Go box", 240), ("Soup & roll", 110),
              ("Baked potato", 160), ("Pasta pot", 165), ("Yoghurt", 45), ("Milk", 45)],
    "after": [("Scone", 50), ("Water", 55)],
}


def highland_pin(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The council's secondary till: the pupil keys a PIN or shows the Young
    Scot card; free meal allowance daily; cheques handed to catering staff;
    pre-orders collected; sales kept while the till is offline (our slip)."""
    w = 42
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]))
    service = service_of(rng)
    when = school_day(rng, service)
    first, last = pupil(rng)
    acc = f"HC{rng.randint(100000, 399999)}"
    offline = rng.random() < 0.08
    p.add("THE HIGHLAND COUNCIL", align="center", double_width=True)
    p.add("School Catering - Kinnaird Academy", align="center")
    p.add(f"{when:%d/%m/%Y} {when:%H:%M:%S}  Trans {20400 + n:06d}")
    if offline:
        printed = when + timedelta(minutes=rng.randint(20, 200))
        p.add("TILL OFFLINE - SALE STORED")
        p.add(f"Posted {printed:%d/%m/%Y %H:%M:%S}")
    p.add(f"{last}, {first}  S{rng.randint(1, 6)}")
    p.add(f"Meal account {acc} ({rng.choice(['PIN', 'Young Scot card'])})")
    cheque = rng.random() < 0.08
    refund = not cheque and rng.random() < 0.06
    lines: list[Line] = []
    if cheque:
        value = rng.choice([1000, 1500, 2000, 4000])
        p.add(row("Cheque added to account", amt(value), w))
        lines.append(("Cheque added to account", 1, value))
    else:
        items = pick_items(rng, HIGHLAND_MENU, service)
        if service == "lunch" and rng.random() < 0.3:
            items = [("Grab'n'Go box", 1, 240)] + [i for i in items if i[0] != "Grab'n'Go box"]
            p.add("PRE-ORDER COLLECTED")
        for name, qty, unit in items:
            if qty > 1:
                p.add(name)
                p.add(row(f"  {qty} @ {amt(unit)}", amt(qty * unit), w))
            else:
                p.add(row(name, amt(unit), w))
            lines.append((name, qty, qty * unit))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    fsm = service == "lunch" and not cheque and not refund and rng.random() < 0.3
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
        p.add(row("Total refunded", amt(-total), w), bold=True)
        p.add(row("To meal account", amt(total), w))
        tender = "account"
    else:
        p.add(row("Total", amt(total), w), bold=True)
        if cheque:
            p.add(row("Paid by cheque", amt(total), w))
            tender = "cheque"
        elif fsm:
            tender = free_meal_first(p, total, 300, ("Free meal allowance", "Meal account"), amt, w)
        else:
            p.add(row("Meal account", amt(total), w))
            tender = "account"
    p.add(row("Balance remaining", amt(rng.randint(0, 4000)), w))
    p.add("No cash taken at the till", align="center")
    return _ending(rng, p, crlf=0.15, fed=0.1), Truth(
        -total if refund else total, lines, f"{20400 + n:06d}", tender,
        "refund" if refund else "sale", occurred(when), acc)


# --- 6. A university department's canteen on the University Card (uni-canteen) ---

UNI_MENU = {
    "breakfast": [("Full breakfast", 425), ("Croissant", 140), ("Filter coffee", 150)],
    "break": [("Americano", 165), ("Cappuccino", 210), ("Tea", 120), ("Flapjack", 165),
              ("Banana", 40)],
    "lunch": [("Hot main of the day", 495), ("Vegan main", 460), ("Soup + bread", 295),
              ("Side salad", 180), ("Baguette tuna", 360), ("Still water", 110)],
    "after": [("Americano", 165), ("Brownie", 185)],
}


def uni_canteen(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A department canteen's EPOS: the University Card identifies the EPOS
    account (balance shown), deposits in round sums in cash at the canteen,
    visitors pay cash or card; VAT included (our slip)."""
    w = 48
    p = Printed(codepage=rng.choice(["AUTO", "CP858"]))
    service = service_of(rng)
    when = school_day(rng, service)
    kind = rng.choices(["card", "visitor", "deposit", "void"], [70, 15, 10, 5])[0]
    p.add("DEPARTMENT OF ENGINEERING CANTEEN", align="center", bold=True)
    p.add("Trumpington Street", align="center")
    p.add(f"{when:%Y-%m-%d %H:%M}   Till CANT01   Txn {58000 + n}")
    first, last = pupil(rng)
    epos = f"{rng.randint(100000, 999999)}"
    if kind != "visitor":
        p.add(f"University Card: {first[0]}. {last}")
        p.add(f"EPOS account {epos}")
    lines: list[Line] = []
    vat = 0
    if kind == "deposit":
        value = rng.choice([500, 1000, 2000])
        p.add(row("Deposit to EPOS account", gbp(value), w))
        lines.append(("Deposit to EPOS account", 1, value))
    else:
        items = pick_items(rng, UNI_MENU, service)
        for name, qty, unit in items:
            p.add(row(f"{qty:>2} {name}", gbp(qty * unit), w))
            lines.append((name, qty, qty * unit))
            if name not in ("Banana", "Baguette tuna", "Flapjack", "Brownie", "Croissant"):
                vat += round(qty * unit / 6)
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    if kind == "void":
        p.add("VOID - RETURNED TO ACCOUNT", bold=True)
        p.add(row("TOTAL", gbp(-total), w), bold=True, double_height=True)
        p.add(row("EPOS account", gbp(-total), w))
        tender = "account"
    else:
        p.add(row("TOTAL", gbp(total), w), bold=True, double_height=True)
        if kind == "deposit":
            tendered = total if rng.random() < 0.6 else total + rng.choice([0, 500, 1000])
            p.add(row("Cash", gbp(tendered), w))
            p.add(row("Change", gbp(tendered - total), w))
            tender = "cash"
        elif kind == "visitor":
            tender = rng.choice(["cash", "card"])
            if tender == "card":
                p.add(row("Contactless card", gbp(total), w))
            else:
                tendered = next(c for c in (500, 1000, 2000, total + 1000) if c >= total)
                p.add(row("Cash", gbp(tendered), w))
                p.add(row("Change", gbp(tendered - total), w))
        else:
            p.add(row("EPOS account", gbp(total), w))
            tender = "account"
    if vat and kind != "void":
        p.add(row("VAT @ 20% included", gbp(vat), w))
    if kind != "visitor":
        p.add(row("Account balance", gbp(rng.randint(0, 6000)), w))
    p.add("VAT Reg No GB 823 8471 52", align="center")
    return _ending(rng, p, crlf=0.3, fed=0.1), Truth(
        -total if kind == "void" else total, lines, str(58000 + n), tender,
        "refund" if kind == "void" else "sale", occurred(when, seconds=False),
        None if kind == "visitor" else epos)


# --- 7. A Perth and Kinross secondary: the NEC at the till, value added in cash (pkc-nec) ---

PKC_MENU = {
    "breakfast": [("Roll & sausage", 110), ("Toast", 30), ("Fruit juice", 55)],
    "break": [("Scone", 50), ("Pizza", 115), ("Fruit", 45), ("Water", 60), ("Milk", 40)],
    "lunch": [("2 course meal", 260), ("Soup", 70), ("Pasta", 170), ("Panini", 195),
              ("Fruit", 45), ("Milk", 40)],
    "after": [("Scone", 50), ("Water", 60)],
}


def pkc_nec(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The NEC opens the pupil's meal account at the till; cash may add value
    or be 'cashback' (a note handed over: the meal taken and the rest added to
    the account at once); free meal value daily; no credit (our slip)."""
    w = 32
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]))
    service = service_of(rng)
    when = school_day(rng, service)
    first, last = pupil(rng)
    acc = f"{rng.randint(7000000, 7999999)}"
    p.add("TAYSIDE CONTRACTS", align="center", bold=True)
    p.add("Glenalmond High School", align="center")
    p.add(f"{when:%d.%m.%Y}  {when:%H:%M}")
    p.add(f"Receipt: {9100 + n}")
    p.add(f"{first} {last[0]}.")
    p.add(f"NEC ************{rng.randint(0, 9999):04d}")  # the card masked, the account whole
    p.add(f"Meals acc {acc}")
    mode = rng.choices(["account", "fsm", "cashback", "addvalue", "refund"],
                       [55, 20, 12, 8, 5])[0]
    if service != "lunch" and mode == "fsm":
        mode = "account"
    lines: list[Line] = []
    if mode != "addvalue":
        for name, qty, unit in pick_items(rng, PKC_MENU, service, most=3):
            p.add(row(f"{qty} {name}", amt(qty * unit), w))
            lines.append((name, qty, qty * unit))
    meal = sum(a for _, _, a in lines)
    if mode == "cashback":
        note = next(c for c in (500, 1000, 2000) if c > meal)
        p.add(row("Cashback to account", amt(note - meal), w))
        lines.append(("Cashback to account", 1, note - meal))
    elif mode == "addvalue":
        value = rng.choice([500, 1000, 2000])
        p.add(row("Add value", amt(value), w))
        lines.append(("Add value", 1, value))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    if mode == "refund":
        p.add("REFUND", bold=True, align="center")
        p.add(row("TOTAL", amt(-total), w), bold=True)
        p.add(row("Credited to account", amt(total), w))
        tender = "account"
    else:
        p.add(row("TOTAL", amt(total), w), bold=True)
        if mode in ("cashback", "addvalue"):
            p.add(row("CASH", amt(total), w))
            tender = "cash"
        elif mode == "fsm":
            tender = free_meal_first(p, total, 260, ("Free meal", "Account"), amt, w)
        else:
            p.add(row("Account", amt(total), w))
            tender = "account"
    p.add(row("Balance", amt(rng.randint(0, 3000)), w))
    if mode == "account" and rng.random() < 0.1:
        p.add("Low balance - no credit given")
    return _ending(rng, p, crlf=0.2, fed=0.25), Truth(
        -total if mode == "refund" else total, lines, str(9100 + n), tender,
        "refund" if mode == "refund" else "sale", occurred(when, seconds=False), acc)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "holycross-sfc": holycross_sfc,
    "meal-token": meal_token,
    "lancs-swipe": lancs_swipe,
    "ebbw-cy": ebbw_cy,
    "highland-pin": highland_pin,
    "uni-canteen": uni_canteen,
    "pkc-nec": pkc_nec,
}
