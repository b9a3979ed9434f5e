"""The thirty-first holdout's seven layouts: UK school and college catering
tills and offices, each printed as its source describes (README.md cites
each and marks what is invented). Each renderer takes the layout's random
stream and the receipt's number and returns (``Printed``, ``Truth``)."""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout31 import Printed

Line = tuple[str, int, int]  # the truth's description, quantity, amount (pence)


def m(pence: int, sign: str = "") -> str:
    """Pence as the paper prints money: ``4.25``, ``-1.50``, ``£4.25``."""
    neg = "-" if pence < 0 else ""
    return f"{neg}{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def lr(left: str, right: str, width: int) -> str:
    """``left`` at the left and ``right`` at the right of a ``width`` row."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def centre(text: str, width: int) -> str:
    return text.center(width).rstrip()


def paper(rng: random.Random, pages: list[str], weights: list[int], crlf: float,
          fed: float) -> Printed:
    """A receipt's paper: its code page, its line ends, cut or fed."""
    return Printed(codepage=rng.choices(pages, weights)[0], crlf=rng.random() < crlf,
                  cut=rng.random() >= fed)


def handed_over(p: Printed, due: int, w: int, notes: tuple[int, ...],
                paid: str = "Cash", change: str = "Change", sign: str = "") -> None:
    """Cash handed over for ``due`` (the smallest of ``notes`` that covers
    it, else the next £10 up) and the change, each on its row."""
    given = next((v for v in notes if v >= due), -(-due // 1000) * 1000)
    p.add(lr(paid, m(given, sign), w))
    p.add(lr(change, m(given - due, sign), w))


def school_day(rng: random.Random, *, weekends: bool = False, summer_off: tuple[int, int] = (7, 8),
               hours: tuple[int, int] = (8, 15), seconds: bool = False) -> datetime:
    """A day in 2026 the school is open (no summer holiday, no weekend
    unless ``weekends``) at a time between ``hours``."""
    while True:
        d = date(2026, 1, 5) + timedelta(days=rng.randint(0, 350))
        if d.year != 2026 or (summer_off[0] <= d.month <= summer_off[1]):
            continue
        if d.weekday() >= 5 and not weekends:
            continue
        if (d.month, d.day) in {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}:
            continue
        break
    h = rng.randint(*hours)
    return datetime(d.year, d.month, d.day, h, rng.randint(0, 59),
                    rng.randint(0, 59) if seconds else 0)


FIRST = ["Niamh", "Cormac", "Aoife", "Ruairi", "Orla", "Callum", "Erin", "Oisin", "Grace",
         "Jack", "Freya", "Harvey", "Amelia", "Mohammed", "Zofia", "Ava", "Leo", "Isla",
         "Maja", "Kacper", "Ellie", "Tomas", "Harry", "Ruby", "Yusuf", "Poppy"]
SURNAMES = ["O'Neill", "McCann", "Doherty", "Quinn", "Kelly", "Lomax", "Patel", "Jones",
            "Kowalski", "Wu", "Hughes", "Begum", "Walsh", "Fraser", "Ahmed", "Brennan"]


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(SURNAMES)


# ---------------------------------------------------------------------------
# 1. A Northern Ireland primary's dinner money at the office (`ea-dinner`)

EA_SCHOOLS = ["GLENVIEW PRIMARY SCHOOL", "ST BRONAGH'S PRIMARY SCHOOL",
              "CARNMONEY ROAD PRIMARY SCHOOL"]
EA_MEAL, EA_NURSERY, EA_ADULT = 310, 300, 395  # the EA's 2026 primary meal; the rest invented
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def ea_dinner(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 40
    p = paper(rng, ["CP437", "CP850", "AUTO"], [4, 3, 3], crlf=0.2, fed=0.15)
    when = school_day(rng, hours=(8, 9))
    monday = when.date() - timedelta(days=when.weekday())
    p.add(rng.choice(EA_SCHOOLS), bold=True, align="center")
    p.add("Education Authority - School Meals", align="center")
    p.add("")
    refund = rng.random() < 0.06
    p.add("REFUND - PUPIL LEAVING" if refund else "DINNER MONEY RECEIPT", bold=True)
    number = f"DM{when:%y}/{n + 1:04d}"
    p.add(f"Receipt: {number}")
    p.add(f"Date: {when:%d/%m/%Y}   Time: {when:%H:%M}")
    p.add("-" * w)
    lines: list[Line] = []
    account = None
    staff = not refund and rng.random() < 0.1
    if staff:
        first, sur = person(rng)
        p.add(f"Staff: {rng.choice(['Mrs', 'Mr', 'Miss'])} {sur}")
        q = rng.choice([1, 3, 5, 5])
        desc = "Adult meals"
        p.add(lr(f"{desc} {q} @ {m(EA_ADULT)}", m(q * EA_ADULT), w))
        lines.append((desc, q, q * EA_ADULT))
    else:
        sur = rng.choice(SURNAMES)
        kids = 1 if refund else rng.choices([1, 2, 3], [6, 3, 1])[0]
        paying = 0
        for k in range(kids):
            form = rng.choice(["Nursery", "P1", "P2", "P3", "P4", "P5", "P6", "P7"])
            free = kids > 1 and k > 0 and paying and rng.random() < 0.25
            p.add(f"{form} {rng.choice(FIRST)} {sur}")
            if kids == 1:
                account = f"{rng.randint(1000000, 2999999)}"
                p.add(f"  EA ref: {account}")
            if free:
                p.add("  Free School Meal - no charge")
                continue
            paying += 1
            unit = EA_NURSERY if form == "Nursery" else EA_MEAL
            if refund:
                q = rng.randint(2, 9)
                desc = "Dinners paid not taken"
            else:
                how = rng.random()
                if how < 0.5:
                    q = rng.choice([5, 5, 5, 4, 3])
                    desc = f"Dinners w/c {monday:%d/%m}"
                elif how < 0.8:
                    q = rng.randint(15, 22)
                    desc = f"Dinners {MONTHS[when.month - 1]}"
                else:
                    q = 1
                    desc = f"Dinner {DAYS[when.weekday()]} {when:%d/%m}"
            p.add(lr(f"  {desc} {q} @ {m(unit)}", m(q * unit), w))
            lines.append((desc, q, q * unit))
            if not refund and rng.random() < 0.2:
                back = unit * rng.choice([1, 1, 2])
                if sum(a for _, _, a in lines) - back > 0:
                    p.add(lr("  Meals not taken c/f", m(-back), w))
                    lines.append(("Meals not taken c/f", 1, -back))
    due = sum(a for _, _, a in lines)
    tender_roll = rng.random()
    if refund:
        p.add("-" * w)
        p.add(lr("TOTAL REFUNDED", m(-due), w), bold=True)
        p.add(lr("Cash refunded", m(-due), w))
        total, tender = -due, "cash"
    elif tender_roll < 0.45:
        p.add("-" * w)
        p.add(lr("TOTAL DUE", m(due, "£"), w), bold=True)
        p.add(lr("Cheque (payable to EA)", m(due), w))
        p.add(f"  Chq no. {rng.randint(100000, 999999):06d}")
        total, tender = due, "cheque"
    else:
        notes = -(-due // 500) * 500  # the envelope's notes: the next £5 up
        if rng.random() < 0.3 and notes > due:
            p.add(lr("Credit c/f to next month", m(notes - due), w))
            lines.append(("Credit c/f to next month", 1, notes - due))
            due = notes
        p.add("-" * w)
        p.add(lr("TOTAL DUE", m(due, "£"), w), bold=True)
        p.add(lr("Cash in envelope", m(due), w))
        total, tender = due, "cash"
    p.add("")
    if not refund and rng.random() < 0.5:
        p.add("No change given - any extra is", align="center")
        p.add("carried to next month", align="center")
    if rng.random() < 0.5:
        p.add("Cheques payable to: Education Authority", align="center")
    if rng.random() < 0.05:
        p.add("DUPLICATE", bold=True, align="center")
    kind = "refund" if refund else "sale"
    return p, Truth(total, lines, number, tender, kind, occurred(when, seconds=False), account)


# ---------------------------------------------------------------------------
# 2. A sixth-form college refectory: the free college meal by thumb (`fcm-thumb`)

FCM_ALLOWANCE = 241  # a day's free college meal (Aquinas College's page)
REFECTORY = [("Hot meal of the day", 310), ("Pasta pot", 275), ("Panini - ham & cheese", 285),
             ("Jacket potato & beans", 260), ("Chips", 120), ("Wedges", 130),
             ("Sandwich - egg mayo", 215), ("Fruit pot", 90), ("Flapjack", 85),
             ("Bottled water", 80), ("Fruit juice 250ml", 95), ("Tea", 90), ("Latte", 175),
             ("Porridge pot", 140), ("Bacon barm", 195), ("Cookie", 70)]


def fcm_thumb(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 48
    p = paper(rng, ["CP858", "CP437", "AUTO"], [4, 3, 3], crlf=0.1, fed=0.1)
    when = school_day(rng, hours=(8, 14), seconds=True)
    p.add("BRAMHALL ROAD SIXTH FORM COLLEGE", bold=True, align="center")
    p.add(rng.choice(["Refectory - Main Counter", "Refectory - Deli Bar"]), align="center")
    p.add("")
    refund = rng.random() < 0.06
    number = f"{3000 + n * 3 + rng.randint(0, 2)}"
    p.add(lr(f"Trans No: {number}", f"Till R{rng.randint(1, 3)}", w))
    p.add(f"{DAYS[when.weekday()]} {when:%d/%m/%Y %H:%M:%S}")
    who = rng.choices(["learner", "staff", "visitor"], [8, 2, 1])[0]
    account = None
    if who == "learner":
        account = f"2{rng.randint(1000000, 1999999)}"
        first, sur = person(rng)
        p.add(lr(f"Learner: {account}", f"{first} {sur}", w))
        p.add(f"ID: {rng.choice(['Thumb', 'Thumb', 'Thumb', 'Card'])}")
    elif who == "staff":
        p.add("STAFF SALE - 10% discount")
    else:
        p.add("Visitor")
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    p.add("-" * w)
    p.add(f"{'Qty':>3}  {'Description':<25}{'Each':>8}{'Value':>10}")
    lines: list[Line] = []
    for name, each in rng.sample(REFECTORY, rng.choice([1, 2, 2, 3, 3, 4])):
        q = rng.choice([1, 1, 1, 2, 2, 3])
        p.add(f"{q:>3}  {name:<25}{m(each):>8}{m(q * each):>10}")
        lines.append((name, q, q * each))
    if who == "staff" and not refund:
        off = round(sum(a for _, _, a in lines) / 10)
        p.add(f"{'':>3}  {'Staff discount 10%':<25}{'':>8}{m(-off):>10}")
        lines.append(("Staff discount 10%", 1, -off))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    p.add(lr("TOTAL", m(-due if refund else due, "£"), w), bold=True, double_height=True)
    if refund:
        p.add(lr("Refund to student purse", m(-due), w))
        p.add(lr("Purse balance", m(rng.randint(200, 3000)), w))
        return p, Truth(-due, lines, number, "account", "refund", occurred(when), account)
    fcm = who == "learner" and rng.random() < 0.45
    tender: str | None
    if fcm and due <= FCM_ALLOWANCE:
        p.add(lr("Free College Meal", m(due), w))
        if due < FCM_ALLOWANCE:
            p.add(lr("  Allowance not used (ends today)", m(FCM_ALLOWANCE - due), w))
        tender = "fsm"
    elif fcm:
        p.add(lr("Free College Meal", m(FCM_ALLOWANCE), w))
        rest = due - FCM_ALLOWANCE
        p.add(lr("Balance to pay", m(rest), w))
        way = rng.choice(["purse", "cash", "card"])
        if way == "purse":
            p.add(lr("Student purse", m(rest), w))
        elif way == "card":
            p.add(lr("Contactless card", m(rest), w))
        else:
            handed_over(p, rest, w, (100, 200, 500, 1000, 2000), "Cash tendered")
        tender = None
    else:
        way = rng.choice(["purse", "purse", "cash", "card"] if who == "learner"
                         else ["cash", "card", "card"])
        if way == "purse":
            p.add(lr("Student purse", m(due), w))
            p.add(lr("Purse balance", m(rng.randint(-150, 2500)), w))
            tender = "account"
        elif way == "card":
            p.add(lr("Contactless card", m(due), w))
            tender = "card"
        else:
            handed_over(p, due, w, (500, 1000, 2000), "Cash tendered")
            tender = "cash"
    p.add("")
    p.add("Free college meal: one transaction a day", align="center")
    return p, Truth(due, lines, number, tender, "sale", occurred(when), account)


# ---------------------------------------------------------------------------
# 3. A boarding school's tuck shop on the house bank (`house-bank`)

TUCK = [("Kit Kat", 75), ("Haribo Starmix", 120), ("Pot Noodle", 150), ("Crisps", 65),
        ("Squash 1L", 110), ("Cereal bar", 55), ("Instant hot choc", 90), ("Toothpaste", 185),
        ("Shower gel", 210), ("A4 pad", 160), ("Biro (black)", 40), ("Ginger beer", 95),
        ("Noodles cup", 130), ("Mini Cheddars", 70)]
HOUSES = [("Evans", "EV"), ("School House", "SH"), ("Brook", "BR"), ("Wardens", "WD")]


def house_bank(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 32
    p = paper(rng, ["CP437", "CP858", "AUTO"], [4, 3, 3], crlf=0.2, fed=0.2)
    when = school_day(rng, weekends=True, hours=(12, 20))
    p.add("TUCK SHOP", bold=True, double_width=True, align="center")
    p.add("St Aldhelm's College", align="center")
    p.add("Boarding", align="center")
    number = f"{4100 + n}"
    p.add(lr(f"Sale {number}", f"{DAYS[when.weekday()]} {when:%d/%m/%y %H:%M}", w))
    roll = rng.random()
    kind = "refund" if roll < 0.06 else "deposit" if roll < 0.14 else "sale"
    boarder = kind != "sale" or rng.random() < 0.8
    account = None
    if boarder:
        first, sur = person(rng)
        house, code = rng.choice(HOUSES)
        account = f"{code}-{rng.randint(100, 999):04d}"
        p.add(f"Boarder: {first} {sur}")
        p.add(f"House: {house}")
        p.add(f"House bank a/c {account}")
    else:
        p.add("Day pupil")
    p.add("-" * w)
    lines: list[Line] = []
    if kind == "deposit":
        amount = rng.choice([1000, 2000, 2000, 3000, 5000])
        p.add(lr("Pocket money deposit", m(amount), w))
        lines.append(("Pocket money deposit", 1, amount))
        p.add("-" * w)
        p.add(lr("Total", m(amount), w), bold=True)
        p.add(lr("Paid in: Cash", m(amount), w))
        p.add(lr("House bank now", m(amount + rng.randint(0, 4000)), w))
        return p, Truth(amount, lines, number, "cash", "sale", occurred(when, seconds=False),
                        account)
    if kind == "refund":
        p.add("RETURNED ITEM", bold=True)
    for name, each in rng.sample(TUCK, 1 if kind == "refund" else rng.choice([1, 2, 2, 3, 4])):
        q = 1 if kind == "refund" else rng.choice([1, 1, 1, 2, 3])
        left = f"{q} x {name} @{m(each)}" if q > 1 else name
        p.add(lr(left, m(q * each), w))
        lines.append((name, q, q * each))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    if kind == "refund":
        p.add(lr("Total", m(-due), w), bold=True)
        p.add(lr("Back to house bank", m(-due), w))
        return p, Truth(-due, lines, number, "account", "refund", occurred(when, seconds=False),
                        account)
    p.add(lr("Total", m(due), w), bold=True)
    tender: str | None
    if boarder:
        limit = rng.choice([1000, 1500, 2000])
        before = rng.randint(0, limit)
        left_week = limit - before
        if rng.random() < 0.12:
            p.add(lr("Charged to termly bill", m(due), w))
            tender = "account"
        elif due <= left_week:
            p.add(lr("House bank", m(due), w))
            tender = "account"
        elif left_week > 0:
            p.add(lr("House bank", m(left_week), w))
            handed_over(p, due - left_week, w, (100, 200, 500, 1000, 2000))
            tender = None
        else:
            p.add(lr("House bank", m(due), w))
            p.add("WEEKLY LIMIT EXCEEDED - HM OK", bold=True)
            tender = "account"
        spent = min(limit, before + due) if tender is None else before + due
        p.add(lr("Weekly limit", m(limit), w))
        p.add(lr("Spent this week", m(spent), w))
        p.add(lr("Left this week", m(max(0, limit - spent)), w))
    elif rng.random() < 0.5:
        handed_over(p, due, w, (200, 500, 1000, 2000))
        tender = "cash"
    else:
        p.add(lr("Card", m(due), w))
        tender = "card"
    return p, Truth(due, lines, number, tender, "sale", occurred(when, seconds=False), account)


# ---------------------------------------------------------------------------
# 4. A secondary's office: uniform, trips, replacement cards (`office-shop`)

OFFICE_ITEMS = [("PE polo shirt (age 13-14)", 1100), ("PE polo shirt (age 11-12)", 1050),
                ("School tie (clip-on)", 600), ("Sweatshirt with logo (age 11-12)", 1400),
                ("Book bag", 550), ("Revision guide - GCSE Maths", 450),
                ("Revision guide - GCSE English Literature", 600),
                ("Calculator fx-83GT CW", 1350), ("Locker padlock", 400),
                ("Replacement ID card", 300), ("Replacement lanyard", 100),
                ("Y8 Geography trip - Malham (balance)", 1800),
                ("Year 7 Chester Zoo trip - deposit", 1000),
                ("Y10 Art gallery visit", 850), ("Music exam entry fee - Grade 3", 2500)]


def office_shop(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 42
    p = paper(rng, ["CP858", "CP850", "AUTO"], [4, 3, 3], crlf=0.15, fed=0.15)
    when = school_day(rng, hours=(8, 16))
    p.add("HOLLYMOOR ACADEMY", bold=True, align="center", double_height=True)
    p.add("School Office - Sales", align="center")
    p.add("")
    refund = rng.random() < 0.07
    number = f"SO-{1100 + n}"
    p.add(lr(f"Receipt No. {number}", f"{when:%d-%m-%Y %H:%M}", w))
    account = None
    if rng.random() < 0.85:
        first, sur = person(rng)
        p.add(f"Student: {first} {sur} ({rng.randint(7, 11)}{rng.choice('HKLM')})")
        account = f"{rng.randint(1000, 19999):06d}"
        p.add(f"Adm no: {account}")
    else:
        p.add("Customer: Parent / visitor")
    if refund:
        p.add("CREDIT NOTE", bold=True, align="center")
    p.add("-" * w)
    p.add(f"{'Item':<31}{'Qty':>3}{'Amount':>8}")
    lines: list[Line] = []
    trip = False
    picks = rng.sample(OFFICE_ITEMS, 1 if refund else rng.choice([1, 1, 2, 2, 3]))
    for name, each in picks:
        q = 1 if "trip" in name or "fee" in name or "visit" in name or refund \
            else rng.choice([1, 1, 1, 2, 2, 3])
        trip = trip or "trip" in name or "visit" in name
        rows = textwrap.wrap(name, 30, break_on_hyphens=False)  # between words
        for r in rows[:-1]:
            p.add(r)
        p.add(f"{rows[-1]:<31}{q:>3}{m(q * each):>8}")
        lines.append((name, q, q * each))
    gross = sum(a for _, _, a in lines)
    if not refund and trip and account and rng.random() < 0.35 and gross > 1000:
        # the school pays part of a trip for a Pupil Premium student
        off = rng.choice([500, 900, 1000])
        p.add(lr("Sub-total", m(gross), w))
        p.add(f"{'Pupil Premium contribution':<34}{m(-off):>8}")
        lines.append(("Pupil Premium contribution", 1, -off))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    if refund:
        p.add(lr("Amount refunded", m(-due, "£"), w), bold=True)
        p.add(lr("Refunded to:", "ParentPay balance", w))
        return p, Truth(-due, lines, number, "account", "refund", occurred(when, seconds=False),
                        account)
    p.add(lr("Amount paid", m(due, "£"), w), bold=True)
    ways = ["parentpay", "card", "cash", "cheque"] if account else ["card", "cash", "cheque"]
    way = rng.choices(ways, [35, 30, 25, 10][-len(ways):])[0]
    if way == "parentpay":
        p.add(lr("Paid via:", "ParentPay balance", w))
        p.add(lr("ParentPay balance left", m(rng.randint(0, 6000), "£"), w))
        tender = "account"
    elif way == "card":
        p.add(lr("Paid via:", "Card (PDQ)", w))
        p.add(f"Auth code {rng.randint(100000, 999999)}")
        tender = "card"
    elif way == "cheque":
        p.add(lr("Paid via:", "Cheque", w))
        tender = "cheque"
    else:
        p.add(lr("Paid via:", "Cash", w))
        handed_over(p, due, w, (500, 1000, 2000, 5000, 10000), "Cash given", sign="£")
        tender = "cash"
    p.add("")
    p.add("Uniform exchanged within 14 days", align="center")
    p.add("with this receipt", align="center")
    return p, Truth(due, lines, number, tender, "sale", occurred(when, seconds=False), account)


# ---------------------------------------------------------------------------
# 5. A primary's pre-ordered meal slip for a special diet (`diet-preorder`)

MAINS = ["Roast chicken dinner", "Veggie pasta bake", "Fish fingers & chips",
         "Jacket potato - beans", "Beef lasagne", "Quorn sausage & mash"]
EXTRAS = [("Fruit pot", 60), ("Yoghurt (dairy free)", 55), ("Water bottle", 50),
          ("Flapjack", 45)]
MEAL = 245  # a junior's meal (invented)
ALLERGENS = ["MILK", "EGG", "GLUTEN", "PEANUTS", "NUTS", "SESAME", "FISH", "SOYA", "MUSTARD",
             "CELERY"]


def diet_preorder(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 32
    p = paper(rng, ["CP437", "CP850", "AUTO"], [3, 4, 3], crlf=0.15, fed=0.15)
    served = school_day(rng, hours=(11, 12))
    ordered = datetime.combine(served.date() - timedelta(days=rng.choice([1, 1, 2, 3])),
                               datetime.min.time()).replace(hour=rng.randint(17, 21),
                                                            minute=rng.randint(0, 59))
    p.add("MEAL ORDER", bold=True, double_width=True, double_height=True, align="center")
    p.add("Harbour Lane Primary", align="center")
    diet = rng.choices(["medical", "Vegetarian", "Halal", "Standard"], [4, 2, 2, 3])[0]
    if diet == "medical":
        p.add("** MEDICAL DIET **", bold=True, double_height=True, align="center")
        p.add("Allergens: " + ", ".join(rng.sample(ALLERGENS, rng.choice([1, 1, 2]))))
        p.add(f"Approved diet MD-{rng.randint(100, 999):04d}")
    else:
        p.add(f"Diet: {diet}")
    p.add("-" * w)
    first, sur = person(rng)
    year = rng.choice(["R", "1", "2", "3", "4", "5", "6"])
    infant = year in {"R", "1", "2"}
    p.add(f"Pupil: {first} {sur}  {year}{rng.choice('ABC')}")
    account = f"{rng.randint(10000, 59999)}"
    p.add(f"Pupil ID: {account}")
    number = f"{771000 + n * 7 + rng.randint(0, 6)}"
    p.add(f"Order no: {number}")
    p.add(f"Served: {served:%d/%m/%Y %H:%M}")
    p.add(f"Ordered: {DAYS[ordered.weekday()]} {ordered:%d/%m %H:%M}")
    p.add("-" * w)
    cancelled = rng.random() < 0.07
    if cancelled:
        p.add("ORDER CANCELLED - ABSENT", bold=True)
    main = "Medical diet meal (MD)" if diet == "medical" else rng.choice(MAINS)
    lines: list[Line] = [(main, 1, MEAL)]
    p.add(lr(f"1 {main}", m(MEAL), w))
    if not cancelled and rng.random() < 0.45:
        for name, each in rng.sample(EXTRAS, rng.choice([1, 1, 2])):
            q = rng.choice([1, 1, 2])
            p.add(lr(f"{q} {name}", m(q * each), w))
            lines.append((name, q, q * each))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    if cancelled:
        p.add(lr("Refund total", m(-due), w), bold=True)
        p.add("Credit to parent account")
        return p, Truth(-due, lines, number, "account", "refund",
                        occurred(served, seconds=False), account)
    p.add(lr("Meal cost", m(due), w), bold=True)
    tender: str | None
    free = infant or rng.random() < 0.25
    if free and due == MEAL:
        p.add(lr("UIFSM (infant free meal)" if infant else "Free school meal", m(due), w))
        tender = "fsm"
    elif free:
        p.add(lr("UIFSM (infant free meal)" if infant else "Free school meal", m(MEAL), w))
        p.add(lr("Parent account", m(due - MEAL), w))
        tender = None
    else:
        p.add(lr("Parent account (online)", m(due), w))
        tender = "account"
    if diet == "medical":
        p.add("CHECK PHOTO ON KITCHEN WALL", bold=True, align="center")
    return p, Truth(due, lines, number, tender, "sale", occurred(served, seconds=False), account)


# ---------------------------------------------------------------------------
# 6. A primary's breakfast club booked a week ahead (`breakfast-club`)

CLUB, EARLY, CAP = 150, 100, 300  # a morning, an early-bird slot, a family's cap a day
VOUCHERS = ["Edenred childcare voucher", "Sodexo childcare voucher",
            "Kiddivouchers childcare voucher", "Tax-Free Childcare"]


def breakfast_club(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 42
    p = paper(rng, ["CP858", "CP437", "AUTO"], [3, 4, 3], crlf=0.25, fed=0.1)
    when = school_day(rng, hours=(7, 9))
    when = when.replace(minute=rng.randint(30, 59) if when.hour == 7 else when.minute)
    refund = rng.random() < 0.07
    p.add("OAKFIELD PRIMARY", bold=True, align="center")
    p.add("Breakfast Club & Early Birds", align="center")
    p.add("")
    number = f"26-{400 + n}"
    p.add(f"Booking no. {number}")
    wc = when.date() + timedelta(days=7 - when.weekday())
    if refund:
        p.add("REFUND - CLUB CLOSED (SNOW DAY)", bold=True)
    else:
        p.add(f"Week commencing: Mon {wc:%d/%m/%Y}")
    p.add(f"Paid at office: {when:%d/%m/%Y %H:%M}")
    p.add("-" * w)
    sur = rng.choice(SURNAMES)
    kids = 1 if refund else rng.choices([1, 2, 3], [5, 4, 2])[0]
    account = None
    lines: list[Line] = []
    days = rng.choice([5, 5, 4, 3, 2])
    for k in range(kids):
        year = rng.choice(["R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"])
        p.add(f"{rng.choice(FIRST)} {sur} ({year})")
        if kids == 1:
            account = f"{rng.randint(1000, 4999)}"
            p.add(f"  Pupil no. {account}")
        q = 1 if refund else days
        p.add(lr(f"  Breakfast Club {q} @ {m(CLUB)}", m(q * CLUB), w))
        lines.append(("Breakfast Club", q, q * CLUB))
        if not refund and k == 0 and rng.random() < 0.3:
            e = rng.randint(1, days)
            p.add(lr(f"  Early Birds 7.40am {e} @ {m(EARLY)}", m(e * EARLY), w))
            lines.append(("Early Birds 7.40am", e, e * EARLY))
    if kids * CLUB > CAP:
        off = days * (kids * CLUB - CAP)
        p.add(lr(f"Family cap ({m(CAP, '£')} a day)", m(-off), w))
        lines.append((f"Family cap ({m(CAP, '£')} a day)", 1, -off))
    if not refund and rng.random() < 0.15:
        missed = when.date() - timedelta(days=rng.randint(3, 12))
        p.add(lr(f"Credit b/f (absent {missed:%d/%m})", m(-CLUB), w))
        lines.append((f"Credit b/f (absent {missed:%d/%m})", 1, -CLUB))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    if refund:
        p.add(lr("Refund total", m(-due, "£"), w), bold=True)
        p.add("Refunded in cash")
        return p, Truth(-due, lines, number, "cash", "refund", occurred(when, seconds=False),
                        account)
    p.add(lr("Amount due", m(due, "£"), w), bold=True)
    way = rng.choices(["cash", "voucher", "card", "split"], [4, 3, 2, 1])[0]
    tender: str | None
    if way == "cash":
        handed_over(p, due, w, (500, 1000, 2000, 3000, 5000))
        tender = "cash"
    elif way == "card":
        p.add(lr("Card", m(due), w))
        tender = "card"
    elif way == "voucher":
        scheme = rng.choice(VOUCHERS)
        p.add(lr(scheme, m(due), w))
        p.add("  Voucher ref. " + f"{rng.randint(10000000, 99999999)}")
        # an employer's childcare voucher by the contract's convention for a
        # voucher by any name, "voucher" (TENDERS.md; safety31 mended the
        # truth, README); Tax-Free Childcare as printed
        tender = "voucher" if scheme.endswith("voucher") else scheme
    else:
        part = due // 2 // 50 * 50 or 50
        p.add(lr(rng.choice(VOUCHERS[:3]), m(part), w))
        p.add(lr("Cash", m(due - part), w))
        tender = None
    p.add("")
    p.add("Breakfast served 8.00 - 8.20am", align="center")
    return p, Truth(due, lines, number, tender, "sale", occurred(when, seconds=False), account)


# ---------------------------------------------------------------------------
# 7. A Gaelic-medium school's canteen in the Western Isles (`gaidhlig-cnes`)

GAELIC_MENU = [("Brot (Soup)", 110), ("Ceapaire (Sandwich)", 185), ("Pìos pizza (Pizza)", 165),
               ("Buntàta bruich (Jacket potato)", 210), ("Ubhal (Apple)", 40),
               ("Bainne (Milk)", 45), ("Tost (Toast)", 30), ("Uisge (Water)", 60),
               ("Cèic (Cake)", 75), ("Iogart (Yoghurt)", 50), ("Biadh teth (Hot meal)", 260)]
FREE_MEAL = 260  # a day's free meal (invented; Scotland's primary P1-5 meals are free)


def pair(p: Printed, gaelic: str, english: str, value: str, w: int, **style: object) -> None:
    """A Gaelic label on its own row, the English label with the value beneath."""
    p.add(gaelic, **style)
    p.add(lr(english, value, w) if value else english, **style)


def gaidhlig_cnes(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 40
    # CP437 has no capital A grave (Àireamh): CP850 and CP858 have
    p = paper(rng, ["CP850", "CP858", "AUTO"], [4, 3, 3], crlf=0.2, fed=0.15)
    when = school_day(rng, hours=(10, 13), seconds=True, summer_off=(7, 7))
    while when.month == 8 and when.day < 18:  # Scottish schools go back mid-August
        when = school_day(rng, hours=(10, 13), seconds=True, summer_off=(7, 7))
    p.add("COMHAIRLE NAN EILEAN SIAR", bold=True, align="center")
    p.add("Biadh Sgoile / School Meals", align="center")
    p.add("Sgoil an Rubha", align="center")
    p.add("")
    number = f"{20400 + n}"
    pair(p, "Àireamh", "Receipt no.", number, w)
    pair(p, "Ceann-latha", "Date", f"{when:%d/%m/%Y %H:%M:%S}", w)
    roll = rng.random()
    kind = "refund" if roll < 0.06 else "topup" if roll < 0.14 else "sale"
    who = "pupil" if kind != "sale" else rng.choices(["primary", "pupil", "staff"], [3, 6, 1])[0]
    account = None
    if who in {"primary", "pupil"}:
        first, _ = person(rng)
        stage = rng.choice(["P1", "P2", "P3", "P4", "P5"]) if who == "primary" \
            else rng.choice(["S1", "S2", "S3", "S4", "S5", "S6"])
        pair(p, "Sgoilear", "Pupil", f"{stage} {first}", w)
        account = f"{rng.randint(7700000, 7799999)}"
        pair(p, "Cunntas", "Account no.", account, w)
    else:
        pair(p, "Luchd-obrach", "Staff / visitor", "", w)
    p.add("-" * w)
    lines: list[Line] = []
    if kind == "topup":
        amount = rng.choice([500, 1000, 1000, 2000])
        pair(p, "Airgead a-steach", "Cash top-up", m(amount), w)
        lines.append(("Cash top-up", 1, amount))
    else:
        if kind == "refund":
            pair(p, "Ath-dhìoladh", "REFUND", "", w, bold=True)
        pool = [it for it in GAELIC_MENU if it[0] != "Biadh teth (Hot meal)"]
        picks = [("Biadh teth (Hot meal)", 260)] if who == "primary" else \
            rng.sample(pool, 1 if kind == "refund" else rng.choice([1, 2, 2, 3]))
        for name, each in picks:
            q = 1 if who == "primary" or kind == "refund" else rng.choice([1, 1, 1, 2, 3])
            p.add(lr(f"{q} x {name}" if q > 1 else name, m(q * each), w))
            lines.append((name, q, q * each))
    due = sum(a for _, _, a in lines)
    p.add("-" * w)
    pair(p, "Iomlan", "Total", m(-due if kind == "refund" else due, "£"), w, bold=True)
    tender: str | None
    if kind == "refund":
        pair(p, "Air ais don chunntas", "Back to account", m(-due), w)
        tender, truth_kind, total = "account", "refund", -due
    elif kind == "topup":
        pair(p, "Airgead", "Cash", m(due), w)
        tender, truth_kind, total = "cash", "sale", due
    else:
        truth_kind, total = "sale", due
        if who == "primary":
            pair(p, "Biadh an-asgaidh", "Free meal (P1-5)", m(due), w)
            tender = "fsm"
        elif who == "staff":
            if rng.random() < 0.5:
                given = next((v for v in (500, 1000, 2000) if v >= due), -(-due // 1000) * 1000)
                pair(p, "Airgead", "Cash", m(given), w)
                pair(p, "Iomlaid", "Change", m(given - due), w)
                tender = "cash"
            else:
                pair(p, "Cairt", "Card", m(due), w)
                tender = "card"
        elif rng.random() < 0.3 and due > FREE_MEAL:
            pair(p, "Biadh an-asgaidh", "Free meal entitlement", m(FREE_MEAL), w)
            pair(p, "Cunntas gun airgead", "Cashless account", m(due - FREE_MEAL), w)
            tender = None
        else:
            pair(p, "Cunntas gun airgead", "Cashless account", m(due), w)
            tender = "account"
    if account and who != "primary":
        pair(p, "Cothromachadh ùr", "New balance", m(rng.randint(0, 3000)), w)
    p.add("")
    p.add("Tapadh leibh / Thank you", align="center")
    return p, Truth(total, lines, number, tender, truth_kind, occurred(when), account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "ea-dinner": ea_dinner,
    "fcm-thumb": fcm_thumb,
    "house-bank": house_bank,
    "office-shop": office_shop,
    "diet-preorder": diet_preorder,
    "breakfast-club": breakfast_club,
    "gaidhlig-cnes": gaidhlig_cnes,
}
