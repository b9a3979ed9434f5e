"""The twenty-ninth holdout's renderers: six UK school, college and
university catering tills on their hard days, each printing through
python-escpos (the fifth holdout's ``Printed``) and returning the truth a
careful person reading the paper records. Sources, what is verified and what
is invented: README.md."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout29 import Printed

FIRST = ["Amy", "Leo", "Elin", "Osian", "Maisie", "Rhys", "Ffion", "Kai", "Isla", "Dylan",
         "Megan", "Jac", "Zara", "Harvey", "Lowri", "Noah", "Seren", "Tomos", "Ruby", "Ibrahim"]
LAST = ["Hart", "Hughes", "Pryce", "Evans", "Morgan", "Kaur", "Bennett", "Lloyd", "Owen",
        "Nowak", "Price", "Ahmed", "Jenkins", "Walsh", "Davies"]


def gbp(pence: int) -> str:
    """£1,234.50; a minus before the pound sign."""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) / 100:,.2f}"


def plain(pence: int) -> str:
    """1.23 or -1.23, no pound sign."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) / 100:.2f}"


def lr(left: str, right: str, width: int) -> str:
    """Left and right on one row of ``width`` (at least one space between)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def a_day(rng: random.Random, start: int, end: int, weekdays: bool = True) -> datetime:
    """A day in 2026 (GMT and BST) at a time between the hours given."""
    while True:
        d = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(start, end - 1),
                     rng.randint(0, 59), rng.randint(0, 59))
        if not weekdays or d.weekday() < 5:
            return d


def a_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def items_from(rng: random.Random, menu: list[tuple[str, int]], most: int,
               counts: tuple[int, ...] = (1, 1, 1, 2)) -> list[tuple[str, int, int]]:
    """1 to ``most`` rows of (name, quantity, unit price) from ``menu``."""
    picked = rng.sample(menu, rng.randint(1, most))
    return [(name, rng.choice(counts), unit) for name, unit in picked]


def truth(total: int, lines: list[tuple[str, int, int]], number: str | None, tender: str | None,
          refund: bool, date: str, account: str | None) -> Truth:
    """The truth of a sale, or of a refund (its total negative, its lines not)."""
    return Truth(total=-total if refund else total, lines=lines, number=number, tender=tender,
                 kind="refund" if refund else "sale", date=date, account=account)


def ending(rng: random.Random, p: Printed, codepages: list[str], crlf: float, fed: float) -> None:
    p.codepage = rng.choice(codepages)
    p.crlf = rng.random() < crlf
    p.cut = rng.random() >= fed


# --- 1. A primary office's monthly payment slip (a school's python-escpos module) ---

OFFICE_PURPOSES = [("School dinners", 230, (18, 19, 20, 21)),
                   ("Breakfast club", 150, (8, 10, 15, 20)),
                   ("Milk", 25, (19, 20)), ("After school snack", 60, (4, 8, 12))]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def najah_month(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """St Aldhelm's primary office: the month paid for, in double size, as
    the module prints each row (``width=2, height=2``) under the name."""
    p = Printed()
    big = {"bold": True, "double_width": True, "double_height": True}
    when = a_day(rng, 8, 16)
    refund = rng.random() < 0.08
    two = not refund and rng.random() < 0.2
    first, last = a_name(rng)
    ids = [f"{rng.randint(1, 480):04d}"]
    name = f"{first} {last}"
    if two:
        second = rng.choice([f for f in FIRST if f != first])
        name = f"{first} & {second} {last}"
        ids.append(f"{rng.randint(1, 480):04d}")
    purpose, unit, days = rng.choice(OFFICE_PURPOSES)
    count = rng.choice(days) * len(ids)
    if refund:
        count = rng.choice([1, 2, 3, 5])
    amount = unit * count
    # mostly the month paid in; sometimes last month's, paid late
    month = MONTHS[when.month - 1] if refund or rng.random() < 0.7 else MONTHS[when.month - 2]
    p.add("ST ALDHELM'S C OF E PRIMARY", align="center", bold=True, double_width=True,
          double_height=True)
    p.add("School Office - Payments", align="center")
    p.add("-" * 32)
    p.add(f"Student: {name}", **big)
    p.add(f"ID:      {' / '.join(ids)}", **big)
    group = rng.choice(["Class 2", "Class 4", "Oak", "Willow", "Year 5", "Reception"])
    p.add(f"Group:   {group}", **big)
    p.add(f"Month:   {month} {when.year}", **big)
    # Invented rows: the module prints no sum and no way (a monthly fee, "PAID")
    desc = f"{purpose} not taken" if refund else f"{purpose} {count} days"
    p.add(f"For:     {desc}", **big)
    p.add(f"Amount:  {gbp(-amount if refund else amount)}", **big)
    ways = ["Cash", "Card"] if refund else ["Cash", "Cash", "Card", "Card", "Cheque"]
    way = rng.choice(ways)
    tender = way.lower()
    shown = f"Cheque {rng.randint(100000, 999999)}" if way == "Cheque" else way
    p.add(f"{'Back by' if refund else 'Paid by'}: {shown}", **big)
    p.add(f"Date:    {when:%Y-%m-%d}", **big)
    p.add(f"Time:    {when:%H:%M}", **big)
    p.add("-" * 32)
    p.add("REFUNDED" if refund else "PAID", align="center", bold=True)
    if rng.random() < 0.06:
        p.add("COPY - REPRINTED", align="center")
    ending(rng, p, ["CP858", "CP437", "AUTO"], 0.2, 0.15)
    return p, truth(amount, [(desc, 1, amount)], None, tender, refund,
                    occurred(when, seconds=False), None if two else ids[0])


# --- 2. A sixth-form college refectory's meal token (a cafeteria's token module) ---

REFECTORY = [("Jacket potato & beans", 260), ("Chicken curry & rice", 325), ("Veg chilli", 295),
             ("Panini", 280), ("Soup & roll", 210), ("Fruit pot", 90), ("Water 500ml", 75),
             ("Cookie", 65), ("Pasta pot", 245), ("Fish & chips (Fri)", 350)]


def limhs_token(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Kennet Vale Sixth Form College: centred name and MEAL TOKEN, the token
    number large, then every row a label at the left and its value at the
    right of 48 columns; the print time again at the foot."""
    w = 48
    p = Printed()
    when = a_day(rng, 8, 15)
    refund = rng.random() < 0.06
    who = rng.random()
    student = who < 0.8
    staff = 0.8 <= who < 0.9
    rows = items_from(rng, REFECTORY, 4)
    deal = not refund and len(rows) >= 2 and rng.random() < 0.2
    lines = [(name, q, q * u) for name, q, u in rows]
    if deal:
        lines.append(("Meal deal saving", 1, -50))
    total = sum(a for _, _, a in lines)
    token = n % 400 + 1
    p.add("")
    p.add("KENNET VALE SIXTH FORM COLLEGE".center(w).rstrip(), bold=True)
    p.add(("REFUND" if refund else "MEAL TOKEN").center(w).rstrip())
    p.add("=" * w)
    p.add(f"TOKEN # {token:03d}".center(w).rstrip(), double_height=True, bold=True)
    p.add("-" * w)
    first, last = a_name(rng)
    account = None
    if student:
        account = f"KV{rng.randint(200000, 269999)}"
        p.add(lr("Name:", f"{first} {last}", w))
        p.add(lr("ID:", account, w))
    elif staff:
        account = f"STF{rng.randint(100, 999)}"
        p.add(lr("Name:", f"{first[0]}. {last} (staff)", w))
        p.add(lr("ID:", account, w))
    else:
        p.add(lr("Name:", "Visitor", w))
    p.add("-" * w)
    p.add(lr("Meal:", "Breakfast" if when.hour < 10 else "Lunch", w))
    for name, q, u in rows:
        left = f"{q} x {name}" if q > 1 else name
        p.add(lr(left, plain(q * u), w))
    if deal:
        p.add(lr("Meal deal saving", "-0.50", w))
    p.add(lr("Total:", gbp(-total if refund else total), w))
    allowance = 275
    if refund:
        way = rng.choice(["Card:", "Cash:"]) if not student else "Refund to account:"
        p.add(lr(way, gbp(total), w))
        tender = {"Card:": "card", "Cash:": "cash"}.get(way, "account")
    elif student and rng.random() < 0.55:
        # The 16-19 bursary free meal allowance, the rest by card or from the account
        used = min(allowance, total)
        p.add(lr("Bursary meal:", gbp(used), w))
        rest = total - used
        tender = "fsm"
        if rest:
            way = rng.choice(["Card:", "Cash:", "Account:"])
            if way == "Cash:":
                given = ((rest // 100) + 1) * 100
                p.add(lr(way, gbp(given), w))
                p.add(lr("Change:", gbp(given - rest), w))
            else:
                p.add(lr(way, gbp(rest), w))
            tender = None
        p.add(lr("Balance:", f"{rng.randint(0, 4)} meals", w))
    elif student or staff:
        way = rng.choice(["Account:", "Account:", "Card:"])
        p.add(lr(way, gbp(total), w))
        tender = "account" if way == "Account:" else "card"
        if way == "Account:":
            p.add(lr("Balance:", gbp(rng.randint(-150, 3000)), w))
    else:
        if rng.random() < 0.5:
            p.add(lr("Card:", gbp(total), w))
            tender = "card"
        else:
            # Past a £20 note (a visitor's big order), the next £10 up; the
            # notes' choice is unchanged below it, so every seed's earlier
            # renderings are the same bytes.
            notes = [v for v in (500, 1000, 2000) if v >= total] or [(total // 1000 + 1) * 1000]
            given = rng.choice(notes)
            p.add(lr("Cash:", gbp(given), w))
            p.add(lr("Change:", gbp(given - total), w))
            tender = "cash"
    p.add(lr("Date:", f"{when:%d/%m/%Y}", w))
    p.add(lr("Time:", f"{when:%H:%M:%S}", w))
    p.add("=" * w)
    p.add("Present this token at".center(w).rstrip())
    p.add("the collection counter".center(w).rstrip())
    p.add("Thank you!".center(w).rstrip())
    p.add("-" * w)
    printed_at = when
    if rng.random() < 0.1:  # a reprint, or a token queued while the till was offline
        printed_at = when + timedelta(minutes=rng.randint(3, 240))
        p.add("REPRINT".center(w).rstrip())
    p.add(f"{printed_at:%d/%m/%Y, %H:%M:%S}".center(w).rstrip())
    ending(rng, p, ["CP437", "CP850", "AUTO"], 0.15, 0.2)
    return p, truth(total, lines, f"{token:03d}", tender, refund, occurred(when), account)


# --- 3. A Denbighshire secondary's till pad: Welsh and English in two columns ---

TILLPAD = [("Pasta bolognese", 235), ("Baguette ham", 210), ("Pizza slice", 140),
           ("Salad box", 225), ("Water", 60), ("Flapjack", 70), ("Fruit juice", 80),
           ("Roast dinner", 260), ("Cawl & bread", 230)]


def denbigh_cy(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Ysgol Bryn Elwy's till pad: each label Welsh in the first column and
    English in the second, the value at the right of 42 columns."""
    w = 42

    def row(cy: str, en: str, value: str) -> str:
        return lr(f"{cy:<14}{en}", value, w)

    p = Printed()
    when = a_day(rng, 8, 15)
    refund = rng.random() < 0.07
    cheque = not refund and rng.random() < 0.08
    staff = not refund and not cheque and rng.random() < 0.08
    p.add("CYNGOR SIR DDINBYCH", align="center", bold=True)
    p.add("DENBIGHSHIRE COUNTY COUNCIL", align="center", bold=True)
    p.add("Ysgol Uwchradd Bryn Elwy", align="center")
    p.add("-" * w)
    p.add(row("Pad til", "Till pad", str(rng.randint(1, 4))))
    number = f"{n + 8800:05d}"
    p.add(row("Trafodyn", "Transaction", number))
    p.add(row("Dyddiad", "Date", f"{when:%d/%m/%y %H:%M}"))
    first, last = a_name(rng)
    if staff:
        p.add(row("Staff", "Staff", f"{first[0]}. {last}"))
    else:
        p.add(row("Disgybl", "Pupil", f"{first} {last}"))
        p.add(row("Blwyddyn", "Year", str(rng.randint(7, 13))))
    account = f"{rng.randint(10000, 69999)}"
    p.add(row("Rhif cyfrif", "Account no.", account))
    p.add("-" * w)
    balance = rng.randint(-300, 2500)
    if cheque:
        amount = rng.choice([1000, 2000, 2500, 4000])
        p.add(row("Siec", "Cheque", f"No. {rng.randint(100000, 999999)}"))
        p.add(lr("Account credit", plain(amount), w))
        p.add(row("CYFANSWM", "TOTAL", gbp(amount)))
        p.add(row("Siec", "Cheque", gbp(amount)))
        p.add(row("Balans", "Balance", gbp(balance + amount)))
        tender, lines, total = "cheque", [("Account credit", 1, amount)], amount
    else:
        rows = items_from(rng, TILLPAD, 4)
        lines = [(name, q, q * u) for name, q, u in rows]
        for name, q, u in rows:
            p.add(lr(f"{name} x{q}" if q > 1 else name, plain(q * u), w))
        total = sum(a for _, _, a in lines)
        if refund:
            p.add(row("AD-DALIAD", "REFUND", ""), bold=True)
            p.add(row("CYFANSWM", "TOTAL", gbp(-total)))
            p.add(row("I'r cyfrif", "To account", gbp(total)))
            tender = "account"
        else:
            p.add(row("CYFANSWM", "TOTAL", gbp(total)))
            fsm = not staff and rng.random() < 0.4
            if fsm:
                used = min(total, 260)
                p.add(row("Cinio am ddim", "Free meal", gbp(used)))
                tender = "fsm"
                if total > used:
                    p.add(row("Cyfrif", "Account", gbp(total - used)))
                    tender = None
            else:
                p.add(row("Cyfrif", "Account", gbp(total)))
                tender = "account"
        p.add(row("Balans", "Balance", gbp(balance)))
        if balance < 0:
            p.add(row("DYLED", "IN DEBT", ""), bold=True)
    p.add("Diolch / Thank you", align="center")
    if rng.random() < 0.05:
        p.add("COPI / COPY", align="center")
    ending(rng, p, ["CP850", "CP858", "CP437"], 0.2, 0.2)
    return p, truth(total, lines, number, tender, refund, occurred(when, seconds=False), account)


# --- 4. A university refectory's prepaid meal card (PPMC) ---

CAFE = [("Latte", 260), ("Tea", 150), ("Hot meal of the day", 495), ("Jacket potato", 375),
        ("Sandwich", 325), ("Crisps", 95), ("Scone & jam", 225), ("Soup", 280),
        ("Sparkling water", 135), ("Breakfast bap", 350)]


def bgu_ppmc(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Minster Yard University's refectory and cafe: a quantity column, VAT
    included, the prepaid meal card scanned by its bar code; past the card's
    allocation the rest is charged at the till."""
    w = 40
    p = Printed()
    when = a_day(rng, 8, 17)
    refund = rng.random() < 0.06
    outlet = rng.choice(["Refectory", "Teapot Cafe"])
    p.add("MINSTER YARD UNIVERSITY", align="center", bold=True)
    p.add(outlet, align="center")
    p.add("VAT No. GB 123 4567 89", align="center")
    p.add(f"{when:%a %d/%m/%Y}  {when:%H:%M}")
    number = f"R{rng.randint(1, 3)}-{n + 4400:06d}"
    p.add(f"Trans: {number}   Op: {rng.choice(['Sue', 'Dev', 'Ann', 'Kim'])}")
    p.add("=" * w)
    p.add(lr("Qty Item", "Amount", w))
    rows = items_from(rng, CAFE, 5)
    lines = [(name, q, q * u) for name, q, u in rows]
    for name, q, u in rows:
        p.add(lr(f"{q:>3} {name}", plain(q * u), w))
    if not refund and len(rows) > 1 and any(r[0] == "Tea" for r in rows) and rng.random() < 0.3:
        p.add(lr("    Loyalty stamp - free tea", "-1.50", w))
        lines.append(("Loyalty stamp - free tea", 1, -150))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    if refund:
        p.add("REFUND", bold=True, double_height=True)
    p.add(lr("TOTAL", gbp(-total if refund else total), w), bold=True)
    vat = round(total / 6 * 0.4)  # about the standard-rated share
    p.add(lr("  incl. VAT", plain(vat), w))
    student = rng.random() < 0.8
    account = None
    if student:
        account = f"{rng.randint(20000000, 24999999)}"
        p.add(lr("Meal card (barcode)", account, w))
    left = rng.randint(0, 25000)
    if refund:
        if student:
            p.add(lr("Refunded to meal card", gbp(total), w))
            tender = "account"
        else:
            p.add(lr("Refunded to card", gbp(total), w))
            tender = "card"
    elif student:
        if rng.random() < 0.3:
            left = rng.randint(0, total - 1)
            p.add(lr("Prepaid meal card", gbp(left), w))
            p.add(lr("Allocation used up - to pay", gbp(total - left), w))
            way = rng.choice(["Card", "Cash"])
            if way == "Cash":
                given = ((total - left) // 500 + 1) * 500
                p.add(lr("Cash tendered", gbp(given), w))
                p.add(lr("Change", gbp(given - (total - left)), w))
            else:
                p.add(lr("Contactless card", gbp(total - left), w))
            p.add(lr("Meal card remaining", gbp(0), w))
            # a card already empty paid nothing: the till took it all
            tender = None if left else way.lower()
        else:
            p.add(lr("Prepaid meal card", gbp(total), w))
            p.add(lr("Meal card remaining", gbp(left), w))
            tender = "account"
    else:
        p.add("Staff / visitor")
        if rng.random() < 0.6:
            p.add(lr("Contactless card", gbp(total), w))
            tender = "card"
        else:
            given = ((total // 500) + 1) * 500
            p.add(lr("Cash tendered", gbp(given), w))
            p.add(lr("Change", gbp(given - total), w))
            tender = "cash"
    p.add("Not valid in the Students' Union", align="center")
    ending(rng, p, ["CP858", "CP850", "AUTO"], 0.1, 0.2)
    return p, truth(total, lines, number, tender, refund, occurred(when, seconds=False), account)


# --- 5. A Cambridge-style college buttery: on the college bill by university card ---

BUTTERY = [("Full breakfast", 420, 480), ("Lunch main", 395, 455), ("Hall dinner", 610, 690),
           ("Soup", 180, 210), ("Pudding", 150, 175), ("Coffee", 140, 160),
           ("Orange juice", 120, 135)]
BAR = [("Pint - college ale", 380), ("Glass house red", 420), ("Cider", 400)]


def trinhall_bill(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Clare Fen College: Price A (resident members) or Price B (the rest),
    the university card charging the college bill; drink from the bar paid
    in cash (never on the card)."""
    w = 42
    p = Printed()
    evening = rng.random() < 0.4
    when = a_day(rng, 18, 21, weekdays=False) if evening else a_day(rng, 8, 14, weekdays=False)
    refund = rng.random() < 0.06
    price_a = rng.random() < 0.6
    p.add("CLARE FEN COLLEGE", align="center", bold=True, double_width=True)
    p.add("Buttery & Bar" if evening else "Buttery", align="center")
    p.add(f"{when.day:02d}-{when:%b-%Y} {when:%H:%M}")
    number = f"{n + 61200}"
    p.add(lr(f"Check {number}", f"Till {rng.randint(1, 3)}", w))
    p.add(f"Tariff: {'Price A (resident)' if price_a else 'Price B'}")
    p.add("-" * w)
    menu = [(name, a if price_a else b) for name, a, b in BUTTERY]
    rows = items_from(rng, menu, 3)
    lines = [(name, q, q * u) for name, q, u in rows]
    bar = []
    if evening and not refund and rng.random() < 0.5:
        name, unit = rng.choice(BAR)
        q = rng.choice([1, 1, 2])
        bar = [(name, q, q * unit)]
    for name, q, u in rows + [(b, q, a // q) for b, q, a in bar]:
        p.add(lr(f"{q} {name}", plain(q * u), w))
    lines += bar
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    p.add(lr("REFUND TOTAL" if refund else "TOTAL", plain(-total if refund else total), w),
          bold=True)
    member = rng.random() < 0.85
    account = None
    if member:
        account = f"{rng.randint(3000000, 3999999)}"
        p.add(lr("University card", account, w))
    if refund:
        p.add(lr("Credited to college bill" if member else "Cash returned", plain(total), w))
        tender = "account" if member else "cash"
    elif member and bar:
        food = total - bar[0][2]
        p.add(lr("To college bill", plain(food), w))
        given = ((bar[0][2] // 500) + 1) * 500
        p.add(lr("Cash (bar)", plain(given), w))
        p.add(lr("Change", plain(given - bar[0][2]), w))
        tender = None
    elif member:
        p.add(lr("To college bill", plain(total), w))
        tender = "account"
    else:
        p.add("Guest")
        given = ((total // 1000) + 1) * 1000
        p.add(lr("Cash", plain(given), w))
        p.add(lr("Change", plain(given - total), w))
        tender = "cash"
    if member:
        p.add("Charges appear on your next college bill")
    if rng.random() < 0.1:
        p.add(f"Allergens: {rng.choice(['contains gluten', 'contains milk', 'contains nuts'])}")
    ending(rng, p, ["CP437", "CP858", "AUTO"], 0.3, 0.1)
    return p, truth(total, lines, number, tender, refund, occurred(when, seconds=False), account)


# --- 6. A Powys secondary's thumb till: FSM, a £5 daily spend limit, offline ---

SERVERY = [("Pasta bake", 235), ("Burger in bun", 215), ("Wrap", 230), ("Muffin", 85),
           ("Milkshake", 110), ("Toast", 40), ("Hash brown", 45), ("Meal deal", 295),
           ("Fruit cup", 60)]


def builth_thumb(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Wye Valley High School's servery till on 58 mm paper: the time before
    the date, the thumb match and account, FSM allocated each day, what is
    spent today against the daily limit, and sales posted after an offline
    spell."""
    w = 32
    p = Printed()
    when = a_day(rng, 8, 14)
    refund = rng.random() < 0.06
    staff = not refund and rng.random() < 0.1
    p.add("POWYS SCHOOL CATERING", align="center", bold=True)
    p.add("Wye Valley High School", align="center")
    p.add(f"{when:%H:%M} {when:%d/%m/%Y}  POS{rng.randint(1, 3)}")
    number = f"{n + 3100}"
    p.add(f"Receipt {number}")
    account = f"{rng.randint(1, 9999):06d}"
    first, last = a_name(rng)
    if staff:
        p.add(f"STAFF {last.upper()} {first[0]}")
    else:
        p.add(f"{last.upper()} {first} {rng.randint(7, 11)}{rng.choice('BWY')}")
    p.add(f"Thumb OK  Acc {account}")
    p.add("-" * w)
    rows = items_from(rng, SERVERY, 4)
    lines = [(name, q, q * u) for name, q, u in rows]
    for name, q, u in rows:
        left = f"{name} {q}@{plain(u)}" if q > 1 else name
        p.add(lr(left, plain(q * u), w))
    total = sum(a for _, _, a in lines)
    p.add(lr("REFUND" if refund else "TOTAL", plain(-total if refund else total), w), bold=True)
    if refund:
        p.add(lr("Back to cashless", plain(total), w))
        tender = "account"
    else:
        fsm = not staff and rng.random() < 0.35
        if fsm:
            used = min(total, 270)
            p.add(lr("FSM", plain(used), w))
            tender = "fsm"
            if total > used:
                p.add(lr("Cashless", plain(total - used), w))
                tender = None
        else:
            p.add(lr("Cashless", plain(total), w))
            tender = "account"
        spent = total + rng.choice([0, 0, 85, 150, 230])
        p.add(lr("Spent today", f"{plain(spent)}/5.00", w))
        if spent > 500:
            p.add("OVER DAILY LIMIT - FIN OK")
    p.add(lr("Cashless bal", plain(rng.randint(-200, 3000)), w))
    if rng.random() < 0.08:
        posted = when + timedelta(minutes=rng.randint(5, 90))
        p.add(f"OFFLINE - POSTED {posted:%H:%M}")
    p.add("No cash at tills - pay online", align="center")
    ending(rng, p, ["CP437", "CP850", "AUTO"], 0.2, 0.15)
    return p, truth(total, lines, number, tender, refund, occurred(when, seconds=False), account)


# --- 7. A Cambridgeshire village college's card till and finance office ---

COLLEGE_TILL = [("Chicken wrap", 230), ("Pasta of the day", 245), ("Jacket potato", 210),
                ("Cheese & tomato pizza", 195), ("Flapjack", 75), ("Fruit juice", 90),
                ("Bagel", 120), ("Yoghurt pot", 70), ("Sausage roll", 110)]


def leader(name: str, value: str, width: int) -> str:
    """A name and its price joined by dot leaders."""
    return name + "." * max(1, width - len(name) - len(value)) + value


def comberton_card(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Fenland Village College: the card on the reader, name and tutor group,
    items with dot leaders, the amount spent and the new balance; FSM placed
    on the card each morning; cash paid in at the finance office; a lost
    card's replacement taken from the balance."""
    w = 44
    p = Printed()
    when = a_day(rng, 8, 15)
    kind = rng.random()
    office = kind < 0.1
    refund = 0.1 <= kind < 0.16
    visitor = 0.16 <= kind < 0.22
    p.add("FENLAND VILLAGE COLLEGE", align="center", bold=True)
    p.add("FINANCE OFFICE - CASH RECEIPT" if office else "Catering", align="center")
    number = f"{n + 55100}"
    p.add(lr(f"Txn {number}", f"{when.day} {when:%b %Y %H:%M}", w))
    first, last = a_name(rng)
    account = None
    if not visitor:
        account = f"7{rng.randint(0, 9999999):07d}"
        p.add(f"Pupil  {last.upper()} {first}")
        tutor = f"{rng.randint(7, 11)}{rng.choice(['SH', 'KM', 'RB'])}"
        p.add(lr(f"Card no. {account}", f"Tutor {tutor}", w))
    else:
        p.add("Visitor - cash sale")
    p.add("-" * w)
    balance = rng.randint(0, 3000)
    if office:
        amount = rng.choice([500, 1000, 1000, 2000, 2500])
        lines = [("Catering balance top-up", 1, amount)]
        p.add(leader("Catering balance top-up", plain(amount), w))
        p.add(lr("Amount received", gbp(amount), w), bold=True)
        p.add(lr("Cash", gbp(amount), w))
        p.add(lr("New balance", gbp(balance + amount), w))
        total, tender = amount, "cash"
    else:
        rows = items_from(rng, COLLEGE_TILL, 4)
        lines = [(name, q, q * u) for name, q, u in rows]
        if not refund and not visitor and rng.random() < 0.06:
            lines.append(("Replacement card (lost)", 1, 200))
        for name, q, a in lines:
            p.add(leader(f"{q} x {name}" if q > 1 else name, plain(a), w))
        total = sum(a for _, _, a in lines)
        if refund:
            p.add("REFUND - ITEM RETURNED", bold=True)
            p.add(lr("Amount refunded", gbp(-total), w), bold=True)
            p.add(lr("Returned to balance", gbp(total), w))
            tender = "account"
        elif visitor:
            p.add(lr("Amount spent", gbp(total), w), bold=True)
            given = ((total // 500) + 1) * 500
            p.add(lr("Cash", gbp(given), w))
            p.add(lr("Change", gbp(given - total), w))
            tender = "cash"
        else:
            p.add(lr("Amount spent", gbp(total), w), bold=True)
            if rng.random() < 0.35:
                used = min(total, 328)
                p.add(lr("FSM today", gbp(used), w))
                tender = "fsm"
                if total > used:
                    p.add(lr("From balance", gbp(total - used), w))
                    tender = None
            else:
                p.add(lr("From balance", gbp(total), w))
                tender = "account"
        if not visitor:
            p.add(lr("New balance", gbp(balance), w))
    if not office and rng.random() < 0.08:
        p.add("Allergy on record: SESAME - checked")
    ending(rng, p, ["CP858", "CP437", "AUTO"], 0.25, 0.2)
    return p, truth(total, lines, number, tender, refund, occurred(when, seconds=False), account)


LAYOUTS = {
    "najah-month": najah_month,
    "limhs-token": limhs_token,
    "denbigh-cy": denbigh_cy,
    "bgu-ppmc": bgu_ppmc,
    "trinhall-bill": trinhall_bill,
    "builth-thumb": builth_thumb,
    "comberton-card": comberton_card,
}
