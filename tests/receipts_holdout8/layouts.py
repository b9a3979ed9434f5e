"""The eighth holdout's layouts: each a renderer ``(rng, i) -> (Printed, Truth)``.

Shapes, labels and date formats follow the sources cited in README.md;
menus, names and numbers are ours. Amounts are in hundredths of the
currency printed (paise, cents, grosze, pence).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed
from tests.receipts_holdout7 import Line, cash_given, items, moment, money


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row ``width`` wide (a space at least between)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def centre(text: str, width: int) -> str:
    return text.center(width).rstrip()


def truth_lines(lines: list[Line], cut: int | None = None) -> list[tuple[str, int, int]]:
    return [(ln.name[:cut] if cut else ln.name, ln.qty, ln.value) for ln in lines]


# --- An Indian canteen's bill, printed by python-escpos (Circuit Digest's example) ---

CANTEEN = [("Masala Dosa", 6000), ("Idli Vada", 4500), ("Veg Thali", 12000),
           ("Filter Coffee", 2000), ("Masala Chai", 1500), ("Samosa", 1800),
           ("Pav Bhaji", 8000), ("Sweet Lassi", 3500), ("Paneer Roll", 7500),
           ("Curd Rice", 5500), ("Medu Vada", 4000), ("Mysore Masala Dosa", 9000)]


def rupees(paise: int) -> str:
    """As Python prints a float of rupees: ``120``, ``676.8``, ``60.35``."""
    text = f"{abs(paise) / 100:.2f}".rstrip("0").rstrip(".")
    return f"-{text}" if paise < 0 else text


def circuit_digest(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([32, 42])
    nw = width - 18
    lines = items(rng, CANTEEN)
    refund = rng.random() < 0.1
    sub = sum(ln.value for ln in lines)
    disc = round(sub * rng.choice([5, 10]) / 100) if rng.random() < 0.25 else 0
    rate = rng.choice([0, 5, 5, 12, 18])
    tax = round((sub - disc) * rate / 100)
    total = sub - disc + tax
    sign = -1 if refund else 1
    when = moment(rng)
    bill = rng.randint(1, 99999)
    p = Printed()
    big = {"double_width": True, "double_height": True, "align": "center"}
    p.add("ANNAPURNA CANTEEN", **big)
    for text in ("MG ROAD", "LOCATION : PUNE", "TEL : 02026123456",
                 "GSTIN : 27AAHFA4821K1Z3", f"Bill No. : {bill}", ""):
        p.add(text, align="center")
    if refund:
        p.add("RETURN BILL", bold=True, align="center")
    p.add(f"DATE : {when:%b/%d/%Y %H:%M:%S}")
    p.add(f"CASHIER : {rng.choice(['Suresh', 'Meena', 'Arjun'])}")
    p.add(" " + "=" * (width - 2))
    p.add(f"{'ITEM':<{nw}}{'QTY':>4}{'PRICE':>7}{'AMT':>7}")
    p.add(" " + "-" * (width - 2))
    for ln in lines:
        p.add(f"{ln.name[:nw]:<{nw}}{ln.qty:>4}{rupees(ln.unit):>7}{rupees(ln.value):>7}")
    p.add(" " + "-" * (width - 2))
    p.add(f"{'SUBTOTAL:':>15}  {rupees(sub)}")
    if disc:
        p.add(f"{'DISCOUNT:':>15}  {rupees(disc)}")  # positive, as the source prints it
    p.add(f"{rng.choice(['VAT', 'GST'])} @ {rate}%:".rjust(15) + f" {rupees(tax)}")
    p.add(" " + "=" * (width - 2))
    p.add(f"{'BILL TOTAL:':>15}  {rupees(sign * total)}", bold=True)
    r = rng.random()
    if refund:
        tender = "cash"
        p.add(f"{'REFUND BY :':>15}  CASH")
    elif r < 0.5:
        given = cash_given(rng, total, (10000, 20000, 50000, 100000, 200000))
        # handed over and BALANCE (the change), no tender word: change is cash's
        # alone (TENDERS.md); paid exact, the paper does not say
        tender = "cash" if given > total else None
        p.add(f"{'TENDERD:':>15}  {rupees(given)}")
        p.add(f"{'BALANCE:':>15}  {rupees(given - total)}")
    elif r < 0.6:
        tender = "cash"
        given = cash_given(rng, total, (10000, 20000, 50000, 100000, 200000))
        p.add(f"{'PAID BY :':>15}  CASH")
        p.add(f"{'TENDERD:':>15}  {rupees(given)}")
        p.add(f"{'BALANCE:':>15}  {rupees(given - total)}")
    elif r < 0.8:
        tender = "card"
        p.add(f"{'PAID BY :':>15}  CARD")
    else:
        tender = "UPI"
        p.add(f"{'PAID BY :':>15}  UPI")
    p.add(" " + "-" * (width - 2))
    p.add(f"{'THANK YOU':^{width}}".rstrip())
    p.add(" " + "=" * (width - 2))
    notes = [f"tax_on_top={tax}"]
    # The bill's discount is a line of its own, negative (issue 13's
    # convention, as every earlier set records it).
    disc_line = [("DISCOUNT", 1, -disc)] if disc else []
    return p, Truth(sign * total, truth_lines(lines, nw) + disc_line, str(bill), tender,
                    "refund" if refund else "sale", occurred(when), None, notes)


# --- A cafe on BitSpace POS: ESC/POS text over Web Serial ---

CAFE = [("Flat white", 340), ("Latte", 360), ("Cortado", 310), ("Americano", 290),
        ("Croissant", 280), ("Pain au chocolat", 320), ("Banana bread", 350),
        ("Avocado toast", 850), ("Granola bowl", 650), ("Chai latte", 370),
        ("Hot chocolate", 380), ("Sourdough toastie", 720)]


def pounds(pence: int) -> str:
    """As ``Intl.NumberFormat('en-GB', {currency: 'GBP'})`` writes it: ``-£3.40``."""
    return f"{'-' if pence < 0 else ''}£{money(abs(pence))}"


def bitspace(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([32, 48])
    p = Printed(codepage=rng.choice(["CP437", "CP858", "CP850"]))
    thin, thick = "\u2500" * width, "\u2550" * width
    lines = items(rng, CAFE)
    refund = rng.random() < 0.08
    if not refund and rng.random() < 0.12:
        lines.append(Line("Loyalty reward", 1, -min(ln.unit for ln in lines)))
    sub = sum(ln.value for ln in lines)
    tip = round(sub * rng.choice([10, 12.5]) / 100) if not refund and rng.random() < 0.3 else 0
    total = sub + tip
    sign = -1 if refund else 1
    when = moment(rng)
    receipt_no = f"RC-{rng.randint(10**7, 10**8 - 1)}"
    p.add("")
    p.add(centre("The Daily Grind", width))
    p.add(centre("14 Mill Lane, Totnes", width))
    p.add(centre("01803 555 014", width))
    p.add("")
    p.add(thick)
    if refund:
        p.add(centre("REFUND", width), bold=True)
    order = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    p.add(f"Order: ORD-{order}")
    stamp = (f"{when:%d/%m/%Y}, {when:%H:%M:%S}" if rng.random() < 0.6
             else f"{when.day}.{when.month}.{when.year}, {when:%H:%M:%S}")
    p.add(f"Date: {stamp}")
    p.add(f"Receipt: {receipt_no}")
    p.add(thin)
    for ln in lines:
        p.add(f"{ln.qty}x {ln.name}")
        if ln.value > 0 and rng.random() < 0.3:
            p.add(f"   \u2514 {rng.choice(['Oat milk', 'Large', 'Decaf', 'To go'])}")
        if ln.value > 0 and rng.random() < 0.2:
            p.add(f"   + {rng.choice(['Extra shot', 'Vanilla', 'Extra shot, Vanilla'])}")
        p.add(lr("", pounds(ln.value), width))
    p.add(thin)
    p.add(lr("Subtotal:", pounds(sub), width))
    if tip:
        p.add(lr("Tip:", pounds(tip), width))
    p.add(thick)
    p.add(lr("TOTAL:", pounds(sign * total), width))
    r = rng.random()
    label, tender = (("Lightning", "Lightning") if r < 0.25 else ("Card", "card") if r < 0.6
                     else ("Cash", "cash") if r < 0.85 else ("Apple Pay", "card"))
    if label == "Lightning" and not refund:
        sats = total * rng.randint(1100, 1400) // 100
        approx = "\u2248" if p.codepage == "CP437" else "~"
        p.add(lr(f"{approx} Sats:", f"{sats:,}", width))
    p.add(thick)
    p.add(centre(f"{'Refunded' if refund else 'Paid'} via: {label}", width))
    p.add("")
    p.add(thin)
    p.add(centre("Thanks for stopping by!", width))
    p.add(centre("Powered by BitSpace POS", width))
    p.add("")
    p.add("")
    notes = [f"tax_on_top={tip}"] if tip else []
    return p, Truth(sign * total, truth_lines(lines), receipt_no, tender,
                    "refund" if refund else "sale", occurred(when), None, notes)


# --- A gym's juice bar: GymAccess Hub's text receipt for Epson printers ---

GYM = [("Protein shake", 4500), ("Green smoothie", 5200), ("Chicken wrap", 6500),
       ("Energy bar", 2500), ("Bottled water", 1800), ("Iced coffee", 3800),
       ("Oats & berries bowl", 5900), ("Biltong 50g", 4200), ("Electrolyte drink", 2900),
       ("Egg white omelette", 7400)]


def rand(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}R{money(abs(cents))}"


def gym_hub(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = 40
    rule = "=" * w
    lines = items(rng, GYM, quantities=(1, 1, 1, 2, 2, 3, 5))
    item_disc = []
    for ln in lines:
        d = round(ln.value * 0.1) if rng.random() < 0.15 else 0
        item_disc.append(d)
    values = [ln.value - d for ln, d in zip(lines, item_disc, strict=True)]
    refund = rng.random() < 0.08
    sub = sum(values)
    tax = round(sub * 15 / 100)
    pct = rng.choice([5, 10, 15]) if not refund and rng.random() < 0.2 else 0
    disc = round(sub * pct / 100)
    total = sub + tax - disc
    sign = -1 if refund else 1
    when = moment(rng)
    number = f"TXN-{when:%Y%m%d}-{rng.randint(1, 9999):04d}"
    p = Printed(cut=rng.random() < 0.6)
    p.add(rule)
    p.add("       Ridgeview Fitness Bar")
    p.add(rule)
    for text in ("Shop 4, Ridgeview Centre", "Johannesburg", "Tel: +27 11 555 0199",
                 "VAT: 4120263117", rule, ""):
        p.add(text)
    if refund:
        p.add("*** REFUND ***", bold=True)
    p.add(f"Transaction #: {number}")
    day = f"{when:%Y/%m/%d}" if rng.random() < 0.6 else f"{when:%d/%m/%Y}"
    p.add(f"Date: {day}  Time: {when:%H:%M:%S}")
    p.add(f"Cashier: {rng.choice(['Sipho', 'Anele', 'Pieter'])}")
    member = rng.random() < 0.6
    p.add(f"Member: {rng.choice(['Lerato Dlamini', 'Johan Botha', 'Aisha Patel'])}"
          if member else "")
    p.add("")
    p.add(rule)
    p.add("ITEMS")
    p.add(rule)
    for ln, d, v in zip(lines, item_disc, values, strict=True):
        p.add(f"{ln.name:<20}")
        head = f"  {ln.qty}x @ {rand(ln.unit)}"
        if d:
            p.add(head)
            head = f"  Item Disc: -{rand(d)}"
        p.add(head + f"{rand(v):>20}")
        p.add("")
    p.add(rule)
    p.add(f"Subtotal:{rand(sub):>29}")
    p.add(f"Tax (15%):{rand(tax):>30}")
    if disc:
        p.add(f"Discount ({pct}%):{'-' + rand(disc):>22}")
    p.add(rule)
    p.add(f"TOTAL:{rand(sign * total):>33}")
    p.add(rule)
    p.add("")
    r = rng.random()
    label, tender = (("Card", "card") if r < 0.45 else ("Cash", "cash") if r < 0.7
                     else ("EFT", "EFT") if r < 0.8 else ("Member Account", "account"))
    if refund and label == "Member Account" and not member:
        label, tender = "Card", "card"
    p.add(f"Payment Method: {label}")
    if label == "Card":
        p.add(f"Reference: {rng.randint(100000, 999999)}")
    if rng.random() < 0.15:
        p.add("")
        p.add(f"Notes: {rng.choice(['Post-workout', 'No ice', 'Collect at desk'])}")
    p.add("")
    p.add(rule)
    p.add("     Thank you for your business!")
    p.add("          Please come again")
    p.add(rule)
    p.add("")
    p.add("")
    notes = [f"tax_on_top={tax}"]
    truth = [(ln.name, ln.qty, v) for ln, v in zip(lines, values, strict=True)]
    if disc:  # the bill's discount: a line of its own, negative (as every earlier set)
        truth.append((f"Discount ({pct}%)", 1, -disc))
    return p, Truth(sign * total, truth, number, tender, "refund" if refund else "sale",
                    occurred(when), None, notes)


# --- A Polish fiscal receipt ("paragon fiskalny"), as the fiscal printer prints it ---

KAWIARNIA = [("Kawa latte", 1400, "B"), ("Espresso", 900, "B"), ("Cappuccino", 1300, "B"),
             ("Herbata czarna", 800, "B"), ("Sernik", 1600, "C"), ("Szarlotka", 1500, "C"),
             ("Pączek z różą", 650, "C"), ("Drożdżówka", 700, "C"),
             ("Kanapka z szynką", 1800, "C"), ("Sok pomarańczowy", 1100, "A"),
             ("Woda gazowana 0,5l", 600, "A"), ("Zupa pomidorowa", 1700, "B")]
PTU = {"A": 23, "B": 8, "C": 5}
PLAIN = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def zl(grosze: int) -> str:
    return money(grosze, sep=",")


def paragon_pl(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([40, 48])
    codepage = rng.choice(["CP852", "ISO_8859-2", "CP1250", "CP437"])
    plain = codepage == "CP437"  # a printer without Polish letters

    def pl(text: str) -> str:
        return text.translate(PLAIN) if plain else text

    p = Printed(codepage=codepage)
    letters = {name: letter for name, _, letter in KAWIARNIA}
    lines = items(rng, [(n, u) for n, u, _ in KAWIARNIA])
    when = moment(rng)
    printout = rng.randint(1, 999999)
    p.add(pl("Kawiarnia Pod Lipami s.c."), align="center", bold=True)
    p.add(pl("ul. Długa 12, 00-238 Warszawa"), align="center")
    p.add("NIP 525-244-17-83", align="center")
    p.add(lr(f"{when:%Y-%m-%d}", f"nr wydr.{printout:06d}", width))
    p.add("PARAGON FISKALNY", align="center", bold=True)
    p.add("-" * width)
    truth: list[tuple[str, int, int]] = []
    per_letter: dict[str, int] = {}
    for ln in lines:
        letter = letters[ln.name]
        right = f"{ln.qty} x{zl(ln.unit)} {zl(ln.value)}{letter}"
        if len(ln.name) + 1 + len(right) <= width and rng.random() < 0.8:
            p.add(lr(pl(ln.name), right, width))
        else:
            p.add(pl(ln.name))
            p.add(right.rjust(width))
        truth.append((pl(ln.name), ln.qty, ln.value))
        per_letter[letter] = per_letter.get(letter, 0) + ln.value
        if rng.random() < 0.12:
            off = round(ln.value * rng.choice([10, 15, 20]) / 100)
            p.add(lr("  Rabat", f"-{zl(off)}{letter}", width))
            truth.append(("Rabat", 1, -off))
            per_letter[letter] -= off
    p.add("-" * width)
    vat_total = 0
    for letter in sorted(per_letter):
        gross = per_letter[letter]
        rate = PTU[letter]
        vat = round(gross * rate / (100 + rate))
        vat_total += vat
        p.add(lr(f"Sprzed. opod. PTU {letter}", zl(gross), width))
        p.add(lr(f"Kwota {letter} {rate:02d},00%", zl(vat), width))
    p.add(lr("Podatek PTU", zl(vat_total), width))
    total = sum(per_letter.values())
    p.add(lr("SUMA PLN", zl(total), width // 2), bold=True, double_width=True)
    r = rng.random()
    if r < 0.45:
        tender = "cash"
        given = cash_given(rng, total, (1000, 2000, 5000, 10000, 20000))
        p.add(lr(pl("Gotówka"), zl(given), width))
        p.add(lr("Reszta", zl(given - total), width))
    elif r < 0.85:
        tender = "card"
        p.add(lr(pl("Karta płatnicza"), zl(total), width))
    else:
        tender = None  # card and cash: a split
        part = rng.randint(1, total - 1)
        p.add(lr(pl("Karta płatnicza"), zl(part), width))
        p.add(lr(pl("Gotówka"), zl(total - part), width))
    p.add("-" * width)
    cashier = rng.choice(["Anna", "Piotr", "Zofia"])
    p.add(lr(f"{rng.randint(1, 400):05d} #Kasa 1  Kasjer {cashier}", f"{when:%H:%M}", width))
    p.add(centre(f"FP  BFA {rng.randint(10**7, 10**8 - 1)}", width))
    return p, Truth(total, truth, f"{printout:06d}", tender, "sale",
                    occurred(when, seconds=False), None, [])


# --- A UK secondary school on CRB Cunninghams with ParentPay ---

SERVERY = [("Pasta Pot", 210), ("Jacket Potato & Beans", 230), ("Main Meal", 260),
           ("Panini", 240), ("Pizza Slice", 150), ("Cookie", 60), ("Fruit Pot", 80),
           ("Flapjack", 90), ("Water 330ml", 55), ("Fruit Juice 200ml", 75),
           ("Toast & Butter", 45), ("Yoghurt", 70)]
FSM_DAILY = 260


def cunninghams_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([32, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]))
    lines = items(rng, SERVERY, most=5, quantities=(1, 1, 1, 1, 2, 2, 3))
    who = rng.choices(["pupil", "staff", "visitor"], weights=[70, 15, 15])[0]
    refund = who != "visitor" and rng.random() < 0.08
    if not refund and len(lines) >= 2 and rng.random() < 0.2:
        lines.append(Line("Meal Deal Saving", 1, -40))
    total = sum(ln.value for ln in lines)
    when = moment(rng)
    receipt = f"{rng.randint(1, 9999999):07d}"
    account = str(rng.randint(10000, 99999)) if who != "visitor" else None
    p.add("HOLLINSWOOD ACADEMY", bold=True, double_height=True, align="center")
    p.add("Main Hall Servery", align="center")
    p.add(lr("POS 2", f"Op: {rng.choice(['JH', 'SK', 'DM'])}", width))
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    stamp = f"{when:%d %b %Y}  {when:%H:%M}"
    if len(receipt) + len(stamp) + 12 <= width:
        p.add(lr(f"Receipt {receipt}", stamp, width))
    else:  # too narrow for both on a row
        p.add(f"Receipt {receipt}")
        p.add(stamp)
    if who == "pupil":
        p.add(f"Customer: {rng.choice(['Amelia Wright', 'Noah Okafor', 'Lily Chen'])}"
              f" ({rng.choice(['7HW', '9KS', '11B'])})")
    elif who == "staff":
        p.add(f"Customer: {rng.choice(['Mrs Patel', 'Mr Green'])} (Staff)")
    else:
        p.add("Customer: Cash Sale")
    if account:
        p.add(f"Cashless A/C {account}")
        p.add(f"Identified by: {rng.choice(['Biometric', 'Biometric', 'PIN'])}")
    p.add("." * width)
    for ln in lines:
        if ln.qty > 1:
            p.add(lr(f"{ln.name} {ln.qty} @ {money(ln.unit)}", money(ln.value), width))
        else:
            p.add(lr(ln.name, money(ln.value), width))
    p.add("." * width)
    p.add(f"Items Sold: {sum(ln.qty for ln in lines)}")
    balance = rng.randint(0, 3000)
    if refund:
        p.add(lr("REFUND VALUE", f"£{money(total)}", width), bold=True)
        p.add("Credited To Account")
        p.add(lr("A/C Balance Now", f"£{money(balance + total)}", width))
        return p, Truth(-total, truth_lines(lines), receipt, "account", "refund",
                        occurred(when, seconds=False), account, [])
    p.add(lr("TOTAL DUE", f"£{money(total)}", width), bold=True)
    fsm = who == "pupil" and rng.random() < 0.35
    if fsm:
        used = min(total, FSM_DAILY)
        p.add(lr("Free Meal Entitlement", money(used), width))
        if total > used:
            p.add(lr("ParentPay Account", money(total - used), width))
        tender = "fsm" if total == used else None
        p.add(lr("Free Meal Left Today", f"£{money(FSM_DAILY - used)}", width))
        p.add(lr("A/C Balance Now", f"£{money(balance)}", width))
    elif who == "visitor":
        given = cash_given(rng, total)
        tender = "cash"
        p.add(lr("Cash Tendered", money(given), width))
        p.add(lr("Change", money(given - total), width))
    elif who == "staff" and rng.random() < 0.5:
        tender = "card"
        p.add(lr("Contactless Card", money(total), width))
    else:
        tender = "account"
        p.add(lr("ParentPay Account", money(total), width))
        p.add(lr("A/C Balance Now", f"£{money(balance)}", width))
    limit = rng.choice([350, 400, 600, 800])
    if who == "pupil" and limit >= total:
        p.add(f"Today's Spend £{money(total)} / Limit £{money(limit)}")
    p.add(centre("Top up online at ParentPay", width))
    return p, Truth(total, truth_lines(lines), receipt, tender, "sale",
                    occurred(when, seconds=False), account, [])


# --- A UK university refectory on a stored-value campus card ---

REFECTORY = [("Jacket potato", 320), ("Soup & roll", 290), ("Curry of the day", 495),
             ("Fish & chips", 650), ("Salad box", 425), ("Americano", 210),
             ("Cappuccino", 245), ("Muffin", 195), ("Bottled water", 120),
             ("Fruit salad", 180), ("Veggie burger", 575), ("Sandwich meal deal", 450)]


def unicard_refectory(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([42, 48])
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]),
                crlf=rng.random() < 0.3, cut=rng.random() < 0.7)
    lines = items(rng, REFECTORY)
    refund = rng.random() < 0.08
    r = rng.random()
    how = ("unicard" if r < 0.45 else "visa" if r < 0.7 else "cash" if r < 0.9 else "split")
    if refund:
        how = rng.choice(["unicard", "cash"])
    uni = how in ("unicard", "split")
    if uni and not refund:
        off = round(sum(ln.value for ln in lines) * 10 / 100)
        if off:
            lines.append(Line("UniCard 10% off", 1, -off))
    total = sum(ln.value for ln in lines)
    when = moment(rng)
    check = f"{rng.randint(1, 999999):06d}"
    card = str(rng.randint(2100000000, 2199999999)) if uni else None
    p.add("UNIVERSITY OF SOUTHDOWN", align="center", double_width=True)
    p.add("Westlain Refectory", align="center")
    p.add(lr(f"Till {rng.randint(1, 4)}", f"Server: {rng.choice(['KAREN', 'DAVE', 'PRIYA'])}",
             width))
    p.add(lr(f"Chk: {check}", f"{when:%d.%m.%Y %H:%M:%S}", width))
    if refund:
        p.add("RETURN", bold=True, align="center")
    p.add("-" * width)
    for ln in lines:
        p.add(lr(f"{ln.name} x{ln.qty}" if ln.qty > 1 else ln.name, money(ln.value), width))
    p.add("-" * width)
    shown = -total if refund else total
    p.add(lr("Balance Due", f"£{money(shown)}", width), bold=True)
    p.add(lr("VAT incl. @20%", money(round(total / 6)), width))
    if refund:
        tender = "account" if how == "unicard" else "cash"
        p.add(lr("Refund to UniCard" if how == "unicard" else "Cash refund",
                 money(total), width))
    elif how == "unicard":
        tender = "account"
        p.add(lr("UniCard purse", money(total), width))
    elif how == "visa":
        tender = "card"
        p.add(lr(f"Visa Debit ****{rng.randint(1000, 9999)}", money(total), width))
    elif how == "cash":
        tender = "cash"
        given = cash_given(rng, total)
        p.add(lr("Cash", money(given), width))
        p.add(lr("Change", money(given - total), width))
    else:
        tender = None
        part = rng.randint(1, total - 1)
        p.add(lr("UniCard purse", money(part), width))
        p.add(lr("Cash", money(total - part), width))
    if card:
        p.add(f"UniCard No {card}")
        p.add(lr("Food purse balance", f"£{money(rng.randint(0, 4000))}", width))
        p.add(lr("Bar purse balance", f"£{money(rng.randint(0, 2000))}", width))
    p.add(centre("Pay with UniCard and save 10% on food", width))
    return p, Truth(shown, truth_lines(lines), check, tender,
                    "refund" if refund else "sale", occurred(when), card, [])

# --- A Lesotho shop's till on react-thermal-printer (Epson, 48 columns, maloti) ---

SHOP = [("Maize meal 2.5kg", 4250), ("Sugar 1kg", 2399), ("Cooking oil 750ml", 3899),
        ("Bread brown", 1499), ("Milk 1L", 1899), ("Eggs 6", 2650), ("Tea 100s", 4599),
        ("Soap bar", 1250), ("Candles 6", 2100), ("Airtime 20", 2000),
        ("Paraffin 1L", 2850), ("Rice 2kg", 4699)]


def maloti(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}M{money(abs(cents))}"


def maloti_shop(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    width = rng.choice([42, 48])
    p = Printed(cut=rng.random() < 0.8)
    lines = items(rng, SHOP, quantities=(1, 1, 1, 2, 2, 3, 6))
    sub = sum(ln.value for ln in lines)
    disc = round(sub * rng.choice([5, 10]) / 100) if rng.random() < 0.2 else 0
    total = sub - disc
    when = moment(rng)
    order = rng.randint(1, 99999)
    p.add("Thaba Bosiu General Dealer", align="center", bold=True)
    p.add("Main North 1 Road, Maseru", align="center")
    p.add("")
    p.add(lr("Cashier:", rng.choice(["Palesa", "Thabo", "Lineo"]), width))
    stamp = (f"{when:%Y/%m/%d}, {when:%H:%M:%S}" if rng.random() < 0.6
             else f"{when:%d/%m/%Y}, {when:%H:%M:%S}")
    p.add(lr("Date:", stamp, width))
    p.add(lr("Order #:", str(order), width))
    r = rng.random()
    method, tender = (("cash", "cash") if r < 0.5 else ("card", "card") if r < 0.75
                      else ("mobile", "Mobile"))
    p.add(lr("Payment:", method.capitalize(), width))
    if method == "cash":
        given = cash_given(rng, total, (1000, 2000, 5000, 10000, 20000))
        p.add(lr("Amount Received:", maloti(given), width))
        p.add(lr("Change:", maloti(given - total), width))
    elif rng.random() < 0.7:
        p.add(lr("Reference:", f"{rng.choice(['MP', 'EC'])}{rng.randint(10**8, 10**9 - 1)}",
                 width))
    p.add("-" * width)
    name_w = width - 22
    p.add(f"{'Product':<{name_w}}{'QTY':>8}{'Total':>14}")
    for ln in lines:
        p.add(f"{ln.name:<{name_w}}{ln.qty:>8}{maloti(ln.value):>14}")
    p.add("- " * (width // 2))
    p.add(lr("Subtotal:", maloti(sub), width))
    if disc:
        p.add(lr("Discount:", "-" + maloti(disc), width))
    p.add(lr("Total:", maloti(total), width), bold=True)
    p.add("")
    p.add(centre("Thank you for your purchase!", width))
    p.add(centre("Please come again", width))
    # The bill's discount: a line of its own, negative (as every earlier set).
    disc_line = [("Discount", 1, -disc)] if disc else []
    return p, Truth(total, truth_lines(lines) + disc_line, str(order), tender, "sale",
                    occurred(when), None, [])


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "circuit-digest": circuit_digest,
    "bitspace": bitspace,
    "gym-hub": gym_hub,
    "paragon-pl": paragon_pl,
    "cunninghams-school": cunninghams_school,
    "unicard-refectory": unicard_refectory,
    "maloti-shop": maloti_shop,
}
