"""The ninth holdout's six layouts, each printing what its source prints
(README.md: where each fact comes from, and what is ours). A renderer takes
the random stream and the receipt's index and returns (Printed, Truth)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed
from tests.receipts_holdout7 import cash_given, items, moment, money


def school_day(rng: random.Random, hours: tuple[int, ...]) -> datetime:
    """A weekday moment at one of a school's serving ``hours`` (break, lunch)."""
    when = moment(rng).replace(hour=rng.choice(hours))
    return when - timedelta(days=max(0, when.weekday() - 4))


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` (one space when they would touch)."""
    gap = max(1, width - len(left) - len(right))
    return left + " " * gap + right


def pounds(pence: int) -> str:
    return f"{'-' if pence < 0 else ''}£{money(abs(pence))}"


def dollars(pence: int) -> str:
    return f"{'-' if pence < 0 else ''}${money(abs(pence))}"


def cat(pence: int) -> str:
    """Catalan money, as ``accounting.formatMoney(v, "", 2, ".", ",")``: ``1.234,50``."""
    return money(pence, ",", ".")


def js_number(pence: int) -> str:
    """A sum of money as JavaScript prints a number: ``45``, ``12.5``, ``7.25``."""
    whole, cents = divmod(pence, 100)
    if cents == 0:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def us_time(when: datetime) -> str:
    """``06/14/2026 11:42 AM``."""
    half = "AM" if when.hour < 12 else "PM"
    return f"{when:%m/%d/%Y} {when.hour % 12 or 12:02d}:{when:%M} {half}"


# --- An Andorran grocer on node-thermal-printer (nanpos) -------------------------------

CATALAN_MENU = [
    ("Pa de pagès", 185), ("Llet sencera 1L", 119), ("Ous frescos (12)", 329),
    ("Formatge tendre", 455), ("Pernil dolç 100g", 239), ("Aigua 1,5L", 65),
    ("Cafè molt 250g", 349), ("Xocolata negra", 215), ("Vi negre DO", 895),
    ("Oli d'oliva 1L", 799), ("Coca de llardons", 420), ("Iogurt natural x4", 189),
    ("Tomàquets", 260), ("Mantega 250g", 310), ("Croissant", 135),
]


def unipunt(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """node-thermal-printer's ``tableCustom`` rows: UN. / Descripció / Preu /
    Import, a ``Descompte`` row in font B under a discounted line, the
    ticket's discounts and IGI right-aligned, ``Total: 12,50 EUR`` double size."""
    width = rng.choice([48, 48, 42])
    w = [int(width * f) for f in (0.10, 0.50, 0.20, 0.20)]
    p = Printed(codepage=rng.choice(["CP858", "CP850", "CP437", "CP1252"]))
    p.add("COLMADO L'ARANY", align="center", double_width=True, double_height=True)
    for row in ("Av. Meritxell, 54", "AD500 Andorra la Vella", "Andorra",
                "NRT: L-712384-K", "https://larany.ad"):
        p.add(row, align="center")
    p.add()
    when = moment(rng)
    seconds = rng.random() < 0.6
    p.add(f"{when:%d/%m/%Y %H:%M:%S}" if seconds else f"{when:%d-%m-%Y %H:%M}", align="center")
    p.add()
    p.add("UN.".center(w[0]) + "Descripció".ljust(w[1]) + "Preu".rjust(w[2])
          + "Import".rjust(w[3]), bold=True)
    p.add("-" * width)
    lines: list[tuple[str, int, int]] = []
    discounts = 0
    for ln in items(rng, CATALAN_MENU):
        p.add(str(ln.qty).center(w[0]) + ln.name.ljust(w[1]) + cat(ln.unit).rjust(w[2])
              + cat(ln.value).rjust(w[3]))
        lines.append((ln.name, ln.qty, ln.value))
        if rng.random() < 0.18:
            pct = rng.choice([5, 10, 15, 20])
            off = max(1, round(ln.value * pct / 100))
            # the source's format is "%s%v" with "%" as the symbol: "-%10,00"
            p.add(" " * w[0] + "   Descompte".ljust(int(width * 0.30))
                  + f"-%{pct},00".rjust(w[2]) + f"-{cat(off)}".rjust(w[3]), font="b")
            lines.append(("Descompte", 1, -off))
            discounts += off
    p.add("-" * width)
    p.add()
    total = sum(a for _, _, a in lines)
    igi = round(total * 45 / 1045)  # IGI 4.5 % held in the prices
    p.add(f"Descompte Acumulat: {cat(discounts)} EUR", align="right")
    p.add(f"IGI inclòs: {cat(igi)} EUR", align="right")
    p.add()
    p.add(f"Total: {cat(total)} EUR", align="right", double_width=True, double_height=True)
    p.add()
    p.add("Gràcies per la seva visita.", align="center")
    return p, Truth(total, lines, None, None, "sale", occurred(when, seconds=seconds), None)


# --- A US diner on the ksi_cafe C++ till (ddpub/cafe) ----------------------------------

DINER_MENU = [
    ("Two Egg Breakfast", 895), ("Buttermilk Pancakes", 795), ("Patty Melt", 1150),
    ("BLT Club", 1050), ("Chicken Fried Steak", 1395), ("Cobb Salad", 1125),
    ("Grilled Cheese", 695), ("Bottomless Coffee", 250), ("Sweet Tea", 275),
    ("Milkshake", 550), ("Slice of Pie", 495), ("Hash Browns", 375),
    ("Biscuits & Gravy", 695), ("Root Beer Float", 575),
]
MODIFIERS = [("Extra cheese", 75), ("Add bacon", 150), ("Sub fruit cup", 100),
             ("Whipped cream", 0), ("Side of gravy", 125), ("No onions", 0)]
COUPONS = [("Early Bird Coupon", 200), ("Senior Coupon", 300), ("Loyalty Punch Card", 250)]
SERVERS = ["Dana Wright", "Luis Ortega", "Kim Baker", "Tasha Reed"]


def ksi_cafe(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """ksi_cafe's receipt: ``Order #48-213`` (the last three digits double
    size), Opened/Closed times, ``Entree Qty Price Amount`` with modifiers
    under their dish (their price in the Price column, in the dish's Amount),
    coupons first, Total Discount / Subtotal / Sales Tax / Gratuity / Tip,
    ``TOTAL:`` (``TOTAL PAID:`` on a refund) double size, Cash/Change."""
    width = 48
    cw = (21, 5, 11, 11)
    refund = rng.random() < 0.08
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), cut=rng.random() < 0.8)
    p.add("REFUND" if refund else "GUEST CHECK", align="center", double_width=True,
          double_height=True)
    for row in ("Blue Plate Diner", "412 Elm Street", "Dayton, OH 45402", "(937) 555-0142"):
        p.add(row, align="center")
    order = 10000 + rng.randint(0, 89999)
    number = f"{str(order)[:-3]}-{str(order)[-3:]}"
    token = f"  Token: {rng.randint(1, 40)}" if rng.random() < 0.4 else ""
    kind_of = rng.choice(["Dine In", "Dine In", "To Go", "Delivery"])
    p.add(lr(f"Order #{number}{token}", kind_of, width))
    closed = moment(rng)
    opened = closed - timedelta(minutes=rng.randint(8, 55))
    table = f"Table: {rng.randint(1, 24)}" if kind_of == "Dine In" else ""
    p.add(lr(f"Opened: {us_time(opened)}", table, width) if table
          else f"Opened: {us_time(opened)}")
    guests = rng.choice([1, 2, 2, 3, 4, 6, 8]) if kind_of == "Dine In" else 0
    p.add(lr(f"Closed: {us_time(closed)}", f"Guests: {guests}", width) if guests
          else f"Closed: {us_time(closed)}")
    when = closed
    if refund:
        when = closed + timedelta(days=rng.randint(0, 3), minutes=rng.randint(20, 300))
        p.add(f"Refunded: {us_time(when)}")
    p.add(f"Operator: {rng.choice(SERVERS)} @ Register {rng.randint(1, 3)}")
    card = refund or rng.random() < 0.55
    if card:
        p.add(f"Transaction_id: {rng.randint(10**7, 10**8 - 1)}")
        p.add(f"CARD TYPE: {rng.choice(['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'])}")
        p.add(f"CARD NUMBER: {rng.randint(1000, 9999)} {rng.choice(['SWIPED', 'ENTERED'])}")
        p.add()
    p.add("Entree".ljust(cw[0]) + "Qty".center(cw[1]) + "Price".center(cw[2])
          + "Amount".center(cw[3]))
    lines: list[tuple[str, int, int]] = []
    rows: list[str] = []
    coupon = rng.choice(COUPONS) if not refund and rng.random() < 0.15 else None
    for ln in items(rng, DINER_MENU, most=5):
        mods = rng.sample(MODIFIERS, rng.choice([0, 0, 0, 1, 2])) if rng.random() < 0.5 else []
        counts = [rng.choice([1, 1, 2]) for _ in mods]
        per = ln.unit + sum(m[1] * c for m, c in zip(mods, counts, strict=True))
        amount = per * ln.qty
        rows.append(ln.name.ljust(cw[0]) + str(ln.qty).rjust(cw[1]) + dollars(ln.unit).rjust(cw[2])
                    + dollars(amount).rjust(cw[3]))
        for (mod, price), c in zip(mods, counts, strict=True):
            name = f"{c}x{mod}" if c > 1 else mod
            rows.append(("    " + name).ljust(cw[0] + cw[1])
                        + (dollars(price) if price else "-").rjust(cw[2]))
        lines.append((ln.name, ln.qty, amount))
    if coupon:
        coupon = (coupon[0], min(coupon[1], sum(a for _, _, a in lines) - 1))
        # the source orders its rows by coupon first
        p.add(coupon[0].ljust(sum(cw[:3])) + dollars(-coupon[1]).rjust(cw[3]))
        lines.insert(0, (coupon[0], 1, -coupon[1]))
    for row in rows:
        p.add(row)
    p.add("-" * width)
    subtotal = sum(a for _, _, a in lines)
    rate = rng.choice([725, 725, 575, 800, 0])  # hundredths of a per cent
    tax = round(subtotal * rate / 10000)
    gratuity = round(subtotal * 18 / 100) if guests >= 6 else 0
    tip = rng.choice([0, 0, 200, 300, round(subtotal * 0.15)]) if card and not refund else 0
    total = subtotal + tax + gratuity + tip
    if coupon:
        p.add(lr("Total Discount:", dollars(-coupon[1]), width))
    if total != subtotal:
        p.add(lr("Subtotal", dollars(subtotal), width))
    if tax:
        label = rng.choice([f"Sales Tax({rate / 100:g}%): ", "Sales Tax: "])
        p.add(lr(label, dollars(tax), width))
    if gratuity:
        p.add(lr("Gratuity(18%): ", dollars(gratuity), width))
    if tip:
        p.add(lr("Tip: ", dollars(tip), width))
    label = "TOTAL PAID: " if refund else "TOTAL: "
    p.add(lr(label, dollars(-total if refund else total), width // 2),
          double_width=True, double_height=True)
    tender = "card" if card else "cash"
    if not card:
        given = cash_given(rng, total, (500, 1000, 2000, 5000, 10000))
        p.add(lr("Cash: ", dollars(given), width))
        if given != total:
            p.add(lr("Change: ", dollars(given - total), width))
    p.add("Thank you for dining with us!", align="center", double_height=True)
    notes = [f"tax_on_top={tax + gratuity + tip}"] if tax + gratuity + tip else []
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), None, notes)


# --- An Australian grocer's tax invoice (KTP retail POS) -------------------------------

# name, unit price (per kg when weighed), weighed, GST applies
GROCER_MENU = [
    ("Bananas Cavendish", 449, True, False), ("Truss Tomatoes", 799, True, False),
    ("Full Cream Milk 2L", 360, False, False), ("Sourdough Loaf", 650, False, False),
    ("Free Range Eggs 12pk", 725, False, False), ("Kimchi 500g", 895, False, True),
    ("Instant Noodles 5pk", 450, False, True), ("Soy Sauce 500ml", 399, False, True),
    ("Dishwashing Liquid", 549, False, True), ("Chicken Thigh Fillet", 1399, True, False),
    ("Jasmine Rice 5kg", 1250, False, False), ("Potato Chips 175g", 400, False, True),
    ("Green Tea 100s", 699, False, True), ("Tofu Firm 300g", 330, False, False),
]


def au_locale(when: datetime) -> str:
    """``toLocaleString('en-AU')``: ``14/06/2026, 3:42:07 pm``."""
    return (f"{when:%d/%m/%Y}, {when.hour % 12 or 12}:{when:%M:%S} "
            f"{'am' if when.hour < 12 else 'pm'}")


def round5(cents: int) -> int:
    """To the nearest five cents, half up (the source's Australian rule)."""
    return (cents + 2) // 5 * 5


def ktp_grocer(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """KTP retail POS's tax invoice: ``[^][#]Name`` then ``  qty @ $unit
    $total`` (``0.500kg @ $5.99/kg``), SUBTOTAL with the items count,
    Discount, Card Surcharge, Rounding, TOTAL; Cash Received / Cash Paid /
    Change / Credit Paid; GST Included, You Saved, a legend and the print
    time. A refund: ``*** REFUND ***``, its own and the original invoice,
    ``ITEMS``, ``REFUND TOTAL``, Cash/Credit Refunded."""
    width = rng.choice([42, 48])
    refund = rng.random() < 0.1
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]), cut=rng.random() < 0.85)
    p.add("HARBOUR FRESH MARKET", align="center", bold=True, double_height=True)
    for row in ("Shop 4, 18 Marion Street", "Harbour Arcade", "Strathfield NSW 2135"):
        p.add(row, align="center")
    abn = "ABN 51 824 753 556"
    p.add(abn if refund else f"TAX INVOICE - {abn}", align="center")
    p.add("(02) 9746 0183", align="center")
    p.add("https://harbourfresh.com.au", align="center")
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
    when = moment(rng)
    serial = f"1-3-2-{1000 + i * 7 + rng.randint(0, 6)}"
    if refund:
        p.add(lr("Refund Invoice:", serial, width))
        p.add(lr("Original Invoice:", f"1-3-2-{rng.randint(100, 999)}", width))
    else:
        p.add(lr("Invoice:", serial, width))
    seconds_locale = rng.random() < 0.5
    p.add(lr("Date:", au_locale(when) if seconds_locale else f"{when:%d/%m/%Y %H:%M:%S}",
             width))
    p.add(lr("Terminal:", f"POS {rng.randint(1, 3)}", width))
    if not refund and rng.random() < 0.15:
        p.add(lr("Member:", rng.choice(["Gold", "Silver", "Staff"]), width))
    p.add("-" * width)
    lines: list[tuple[str, int, int]] = []
    saved = gst = count = 0
    for name, unit, weighed, taxable in rng.sample(GROCER_MENU, rng.choice([1, 2, 3, 3, 4, 5, 6])):
        changed = not refund and rng.random() < 0.12
        was = unit + rng.choice([50, 100, 150]) if changed else unit
        p.add(f"{'^' if changed else ''}{'#' if taxable else ''}{name}")
        if weighed:
            kg = rng.choice([0.35, 0.5, 0.62, 0.874, 1.2, 1.515])
            value, qty = round(kg * unit), 1
            detail = f"  {kg:.3f}kg @ {dollars(unit)}/kg"
            saved += round(kg * was) - value
        else:
            qty = rng.choice([1, 1, 1, 2, 2, 3, 4])
            value = qty * unit
            detail = f"  {qty} @ {dollars(unit)}"
            saved += qty * (was - unit)
        if changed:
            detail += f" ({dollars(was)})"
        p.add(lr(detail, dollars(value), width))
        lines.append((name, qty, value))
        gst += round(value / 11) if taxable else 0
        count += qty
    p.add("-" * width)
    subtotal = sum(a for _, _, a in lines)
    if refund:
        p.add(lr(f"ITEMS  {count}", dollars(subtotal), width))
    else:
        p.add(lr(f"SUBTOTAL  {count} items", dollars(subtotal), width))
    if not refund and rng.random() < 0.15:
        off = rng.choice([500, round(subtotal * 0.05), round(subtotal * 0.10)])
        off = max(1, min(off, subtotal - 100))
        p.add(lr("Discount", dollars(-off), width))
        lines.append(("Discount", 1, -off))
        saved += off
    due = sum(a for _, _, a in lines)
    how = rng.choice(["cash", "cash", "card", "card", "card", "split"])
    if how == "split" and (refund or due < 300):
        how = "card"
    credit = due if how == "card" else 0
    if how == "split":
        credit = rng.randint(100, due - 100) // 5 * 5
    surcharge = 0 if refund or not credit else round(credit * 0.015)
    rounding = round5(due - credit) - (due - credit) if how != "card" else 0
    if surcharge:
        p.add(lr("Card Surcharge", dollars(surcharge), width))
    if rounding:
        p.add(lr("Rounding", dollars(rounding), width))
    total = due + surcharge + rounding
    p.add(lr("REFUND TOTAL" if refund else "TOTAL", dollars(total), width), bold=True)
    p.add("-" * width)
    cash_part = total - credit - surcharge
    if refund:
        p.add(lr("Cash Refunded" if how == "cash" else "Credit Refunded", dollars(total), width))
    else:
        if cash_part:
            given = cash_given(rng, cash_part, (500, 1000, 2000, 5000, 10000))
            p.add(lr("Cash Received", dollars(given), width))
            p.add(lr("Cash Paid", dollars(cash_part), width))
            p.add(lr("Change", dollars(given - cash_part), width))
        if credit:
            p.add(lr("Credit Paid", dollars(credit + surcharge), width))
    p.add(lr("GST Included", dollars(gst), width))
    if saved > 0 and not refund:
        p.add(lr("You Saved", dollars(saved), width))
    p.add("^ = price changed  # = GST applicable")
    p.add("Refund processed" if refund else "Thank you!", align="center")
    p.add(f"{when + timedelta(seconds=rng.randint(1, 4)):%d/%m/%Y %H:%M:%S}", align="center")
    tender = {"cash": "cash", "card": "card", "split": None}[how]
    notes = [f"tax_on_top={surcharge + rounding}"] if surcharge + rounding else []
    return p, Truth(-total if refund else total, lines, serial, tender,
                    "refund" if refund else "sale", occurred(when), None, notes)


# --- A Zambian store's plain-text receipt ("ZM Store POS") -----------------------------

ZM_MENU = [
    ("Mealie Meal 10kg", 14500), ("Cooking Oil 2L", 8950), ("Kapenta 500g", 6500),
    ("Sugar 2kg", 5250), ("Bread", 1800), ("Coca-Cola 500ml", 1200), ("Rape bundle", 500),
    ("Kalembula", 700), ("Chibwantu 1L", 1550), ("Eggs tray 30", 9500), ("Salt 1kg", 850),
    ("Bathing Soap", 1275), ("Airtime K20", 2000),
]


def zm_store(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """``formatReceipt``: the store's name, a 21-character ``=`` rule,
    ``Receipt:``, ``Date:`` (``toLocaleString()``), each item as ``2x Name``
    and ``  @ 12.5  ->  25`` under it, ``TOTAL:``; amounts as JavaScript
    prints its numbers."""
    js = rng.random() < 0.5
    amount = js_number if js else (lambda pence: money(pence))
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), crlf=rng.random() < 0.3,
                cut=rng.random() < 0.6)
    p.add("ZM Store POS")
    p.add("=" * 21)
    number = f"RCP-{20260000 + i * 3 + rng.randint(1, 3)}"
    p.add(f"Receipt: {number}")
    when = moment(rng)
    if rng.random() < 0.5:
        shown = f"{when:%d/%m/%Y}, {when:%H:%M:%S}"  # en-GB
    else:
        shown = (f"{when.month}/{when.day}/{when.year}, {when.hour % 12 or 12}:{when:%M:%S} "
                 f"{'AM' if when.hour < 12 else 'PM'}")  # en-US
    p.add(f"Date: {shown}")
    p.add()
    lines = []
    for ln in items(rng, ZM_MENU, quantities=(1, 1, 1, 2, 2, 3, 5, 6)):
        p.add(f"{ln.qty}x {ln.name}")
        p.add(f"  @ {amount(ln.unit)}  ->  {amount(ln.value)}")
        lines.append((ln.name, ln.qty, ln.value))
    total = sum(a for _, _, a in lines)
    p.add("-" * 21)
    p.add(f"TOTAL: {amount(total)}")
    tender = None
    if rng.random() < 0.6:
        word = rng.choice(["Cash", "Cash", "MTN MoMo", "Airtel Money", "Card"])
        p.add(f"Paid: {word}")
        tender = {"Cash": "cash", "Card": "card"}.get(word, word)
    p.add("=" * 21)
    p.add("Thank you!")
    return p, Truth(total, lines, number, tender, "sale", occurred(when), None)


# --- A Scottish secondary's canteen on Young Scot cards --------------------------------

SCOT_MENU = [
    ("Macaroni Cheese", 230), ("Soup & Roll", 120), ("Chicken Curry & Rice", 250),
    ("Panini", 220), ("Baked Potato & Beans", 210), ("Fruit Cup", 60), ("Water 500ml", 65),
    ("Milk 250ml", 45), ("Flapjack", 70), ("Pizza Slice", 150), ("Scotch Broth", 110),
    ("Tray Bake", 75), ("Sausage Roll", 95),
]
MAINS = {"Macaroni Cheese", "Chicken Curry & Rice", "Panini", "Baked Potato & Beans",
         "Pizza Slice"}
DRINKS = {"Water 500ml", "Milk 250ml"}
PUPILS = ["Ewan MacLeod", "Isla Campbell", "Callum Fraser", "Ava Murray", "Lewis Paterson",
          "Eilidh Grant", "Ruaridh Ross", "Freya Sinclair", "Amir Hussain", "Zofia Nowak"]


def young_scot(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A council catering till (ours, from the councils' descriptions):
    ``Pupil:``, ``Reg Class:`` and ``Year:``, ``Meal A/C:`` (the account),
    how the pupil was identified, ``Trans No:`` beside the date, items with
    ``2 x Name @ 0.55``, ``Meal Deal Discount``, ``TOTAL``, ``Paid by:`` rows
    (free meal allowance, meal account, a split of both), cash added to the
    account at the till, the allowance left and the balance."""
    width = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850", "AUTO"]),
                crlf=rng.random() < 0.2, cut=rng.random() < 0.8)
    refund = rng.random() < 0.06
    p.add("TAYSIDE CONTRACTS", align="center", bold=True, double_height=True)
    p.add("School Catering", align="center")
    p.add("Grove Academy Dining Hall", align="center")
    p.add(f"Till {rng.randint(1, 4)}   Cook: {rng.choice(['M Reid', 'J Soutar', 'A Kerr'])}",
          align="center")
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
    p.add("-" * width)
    staff = rng.random() < 0.1
    account = f"{rng.choice(['2', '3'])}{rng.randint(1000000, 9999999)}"
    fsm = not staff and rng.random() < 0.3
    if staff:
        account = f"9{rng.randint(1000000, 9999999)}"
        p.add(f"Staff:  {rng.choice(['Mrs Duncan', 'Mr Grant', 'Ms Lindsay'])}")
    else:
        year = rng.randint(1, 6)
        p.add(f"Pupil:  {rng.choice(PUPILS)}")
        p.add(f"Reg Class: {year}{rng.choice('ABC')}{rng.randint(1, 3)}   Year: S{year}")
    p.add(f"Meal A/C: {account}")
    p.add(f"ID: {rng.choice(['Young Scot NEC', 'Young Scot NEC', 'PIN', 'Manual look-up'])}")
    when = school_day(rng, (10, 12, 12, 13))
    number = f"{4000 + i * 5 + rng.randint(0, 4):06d}"
    p.add(lr(f"Trans No: {number}", f"{when:%d-%b-%Y %H:%M}", width))
    p.add("-" * width)
    lines: list[tuple[str, int, int]] = []
    chosen = items(rng, SCOT_MENU, most=4, quantities=(1, 1, 1, 1, 1, 2))
    for ln in chosen:
        left = f"{ln.qty} x {ln.name} @ {money(ln.unit)}" if ln.qty > 1 else ln.name
        p.add(lr(left, pounds(ln.value), width))
        lines.append((ln.name, ln.qty, ln.value))
    names = {ln.name for ln in chosen}
    if not refund and names & MAINS and names & DRINKS:
        p.add(lr("Meal Deal Discount", pounds(-35), width))
        lines.append(("Meal Deal Discount", 1, -35))
    p.add("-" * width)
    total = sum(a for _, _, a in lines)
    balance = rng.randint(0, 3000)
    allowance = 230
    if refund:
        p.add(lr("REFUND TOTAL", pounds(total), width), bold=True)
        p.add(lr("Refunded to: Meal Account", pounds(total), width))
        tender = "account"
        balance += total
    else:
        p.add(lr("TOTAL", pounds(total), width), bold=True)
        if not fsm and rng.random() < 0.15:
            added = rng.choice([500, 1000, 2000])
            p.add(lr("Cash Added to A/C", pounds(added), width))
            balance += added
        from_fsm = min(total, allowance) if fsm else 0
        from_account = total - from_fsm
        if from_fsm:
            p.add(lr("Paid by: Free Meal Allowance", pounds(from_fsm), width))
        if from_account:
            p.add(lr("Paid by: Meal Account", pounds(from_account), width))
            balance = max(balance, from_account + rng.randint(0, 800))
            balance -= from_account
        tender = "fsm" if not from_account else "account" if not from_fsm else None
    p.add("-" * width)
    if fsm and not refund:
        p.add(lr("Free Meal Allowance Left", pounds(allowance - min(total, allowance)), width))
    p.add(lr("Meal A/C Balance", pounds(balance), width))
    p.add("Unspent free meal allowance is", align="center")
    p.add("removed after lunch each day", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


# --- A bilingual Welsh secondary's canteen (Powys, ParentPay) -------------------------

WELSH_MENU = [
    ("Cawl / Soup", 120), ("Pasta Pob / Pasta Bake", 235), ("Brechdan / Sandwich", 185),
    ("Picau ar y maen", 45), ("Bara Brith", 70), ("Sudd Afal / Apple Juice", 80),
    ("Dwr / Water", 60), ("Cyrri / Curry", 245), ("Tatws Pob / Jacket Potato", 210),
    ("Myffin / Muffin", 90), ("Cinio Rhost / Roast Dinner", 260), ("Ffrwythau / Fruit", 50),
]
WELSH_MAINS = {"Pasta Pob / Pasta Bake", "Cyrri / Curry", "Tatws Pob / Jacket Potato",
               "Cinio Rhost / Roast Dinner"}
WELSH_PUPILS = ["Cerys Pritchard", "Osian Jones", "Ffion Davies", "Gethin Morgan",
                "Seren Lloyd", "Dylan Rees", "Megan Price", "Iwan Evans", "Nia Hughes"]


def powys_ysgol(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """Welsh first, English second, on every label (ours): ``Derbynneb /
    Receipt``, ``Dyddiad / Date``, ``Disgybl / Pupil``, ``Cyfrif / Account``,
    ``Eitem / Item  Nifer/Qty  £``, ``Gostyngiad / Discount``, ``Cyfanswm /
    Total``, ``Talwyd gan / Paid by`` with free school meals and the
    ParentPay account (or a card for staff), ``Balans / Balance``."""
    width = rng.choice([42, 48])
    p = Printed(codepage=rng.choice(["CP858", "CP850", "CP1252", "AUTO"]),
                cut=rng.random() < 0.75)
    refund = rng.random() < 0.07
    p.add("YSGOL BRYN HAFREN", align="center", bold=True, double_height=True)
    p.add("Bryn Hafren High School", align="center")
    p.add(f"Ffreutur / Canteen   Til {rng.randint(1, 3)}", align="center")
    if refund:
        p.add("AD-DALIAD / REFUND", align="center", bold=True)
    p.add("=" * width)
    number = f"R{rng.randint(1, 3)}-{18000 + i * 4 + rng.randint(0, 3):06d}"
    when = school_day(rng, (8, 10, 12, 12, 13))
    p.add(lr("Derbynneb / Receipt", number, width))
    p.add(lr("Dyddiad / Date", f"{when:%d/%m/%Y %H:%M:%S}", width))
    staff = rng.random() < 0.12
    account = str(rng.randint(20000, 69999))
    if staff:
        p.add(lr("Staff / Staff", rng.choice(["Mr Hughes", "Mrs Bowen", "Ms Vaughan"]), width))
    else:
        p.add(lr("Disgybl / Pupil", rng.choice(WELSH_PUPILS), width))
        p.add(lr("Dosbarth / Form", f"{rng.randint(7, 11)}{rng.choice('BHLT')}", width))
    p.add(lr("Cyfrif / Account", account, width))
    p.add("-" * width)
    name_w = width - 14
    p.add("Eitem / Item".ljust(name_w) + "Nifer/Qty".rjust(9) + "£".rjust(5))
    lines: list[tuple[str, int, int]] = []
    chosen = items(rng, WELSH_MENU, most=5, quantities=(1, 1, 1, 1, 2, 3))
    for ln in chosen:
        p.add(ln.name.ljust(name_w) + str(ln.qty).rjust(9) + money(ln.value).rjust(5))
        lines.append((ln.name, ln.qty, ln.value))
    if not refund and {ln.name for ln in chosen} & WELSH_MAINS and len(chosen) >= 3 \
            and rng.random() < 0.6:
        off = 30
        p.add("Gostyngiad / Discount".ljust(name_w) + money(-off).rjust(14))
        lines.append(("Gostyngiad / Discount", 1, -off))
    p.add("-" * width)
    total = sum(a for _, _, a in lines)
    p.add(lr("Cyfanswm / Total", pounds(-total if refund else total), width), bold=True)
    fsm = not staff and rng.random() < 0.3
    balance = rng.randint(0, 2500)
    if refund:
        p.add("Ad-dalwyd i / Refunded to")
        p.add(lr("  Cyfrif / Account", pounds(total), width))
        tender = "account"
        balance += total
    else:
        p.add("Talwyd gan / Paid by")
        if staff and rng.random() < 0.5:
            p.add(lr("  Cerdyn / Card", pounds(total), width))
            tender = "card"
        else:
            from_fsm = min(total, 250) if fsm else 0
            if from_fsm:
                p.add(lr("  Prydau am ddim / FSM", pounds(from_fsm), width))
            if total - from_fsm:
                p.add(lr("  Cyfrif ParentPay", pounds(total - from_fsm), width))
            tender = "fsm" if from_fsm == total else "account" if not from_fsm else None
    p.add(lr("Balans / Balance", pounds(balance), width))
    p.add("Diolch / Thank you", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when), account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "unipunt-andorra": unipunt,
    "ksi-cafe": ksi_cafe,
    "ktp-grocer": ktp_grocer,
    "zm-store": zm_store,
    "young-scot-school": young_scot,
    "powys-ysgol": powys_ysgol,
}
