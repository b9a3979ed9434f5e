"""Our own renderers of six real receipt layouts (sources: README.md).

Each takes a seeded ``random.Random`` and an index and returns the receipt as
printed (``Printed``) with the truth a careful reader records (``Truth``).
Nothing here is copied from the sources: the shapes were read there, the code
and data are ours.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout6 import (
    STAFF,
    STUDENTS,
    Line,
    Printed,
    cash_given,
    items,
    moment,
)

Renderer = Callable[[random.Random, int], tuple[Printed, Truth]]


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line ``width`` wide (one space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def num(pence: int) -> str:
    return f"{pence / 100:.2f}"


def gbp(pence: int) -> str:
    """``£1.20``, ``-£0.40``."""
    return f"-£{-pence / 100:.2f}" if pence < 0 else f"£{pence / 100:.2f}"


def h12(when: datetime) -> str:
    """``9:05 AM``: the hour unpadded, as JavaScript's en-US locale prints it."""
    return f"{(when.hour + 11) % 12 + 1}:{when:%M}"


# --- CafePOS's PrinterService (python-escpos) ---------------------------------

SIZES = {"Latte": ["Regular", "Large", "Small"], "Hot chocolate": ["Regular", "Large"]}


def cafepos(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 32
    pr = Printed(codepage=rng.choice(["CP858", "CP437", "CP1252", "AUTO"]),
                 crlf=rng.random() < 0.2)
    lines = items(rng, most=5)
    names = []
    for ln in lines:
        size = rng.choice(SIZES.get(ln.name, ["Regular"]))
        names.append(ln.name if size == "Regular" else f"{ln.name} ({size})")
    sub = sum(ln.value for ln in lines)
    disc = 0
    if rng.random() < 0.2:
        disc = min(sub - 1, rng.choice([50, 100, round(sub * 0.1)]))
    rate = rng.choice([0, 0, 8, 20])  # the shop's tax setting; added on top
    tax = round((sub - disc) * rate / 100)
    total = sub - disc + tax
    when = moment(rng)
    number = f"ORD-{rng.randint(100, 99999):05d}"
    cashier = rng.choice(["Jess", "Tom", "staff-07", "Priya"])

    pr.add("BEAN & LEAF", align="center", bold=True, double_width=True, double_height=True)
    pr.add("14 Market Row, Leeds", align="center")
    pr.add("0113 496 0721", align="center")
    pr.add("=" * w)
    if rng.random() < 0.05:
        pr.add("*** REPRINT ***", align="center", bold=True)
    pr.add(f"Order: {number}")
    pr.add(f"Date: {when:%Y-%m-%d %H:%M:%S}")
    pr.add(f"Cashier: {cashier}")
    pr.add("-" * w)
    for name, ln in zip(names, lines, strict=True):
        pr.add(name)
        pr.add(lr(f"  {ln.qty}x £{ln.unit / 100:.2f}", f"£{ln.value / 100:.2f}", w))
    pr.add("-" * w)
    pr.add(lr("Subtotal:", f"£{sub / 100:.2f}", w))
    if disc:
        pr.add(lr("Discount:", f"£{-disc / 100:.2f}", w))  # the source's "$-0.50"
    pr.add(lr("Tax:", f"£{tax / 100:.2f}", w))
    pr.add(lr("TOTAL:", f"£{total / 100:.2f}", w), bold=True)
    pr.add("=" * w)
    method = rng.choice(["cash", "cash", "card", "card", "voucher"])
    pr.add(lr(f"{method.upper()}:", f"£{total / 100:.2f}", w))
    if method == "cash":
        given = cash_given(rng, total)
        pr.add(lr("Cash Received:", f"£{given / 100:.2f}", w))
        if given > total:
            pr.add(lr("Change:", f"£{(given - total) / 100:.2f}", w))
    pr.add("")
    pr.add("Thank you for your visit!", align="center")
    pr.add("Please come again", align="center")
    pr.add("")
    truth_lines = [(nm, ln.qty, ln.value) for nm, ln in zip(names, lines, strict=True)]
    if disc:
        truth_lines.append(("Discount", 1, -disc))
    notes = [f"tax_on_top={tax}"] if tax else []
    return pr, Truth(total, truth_lines, number, method, "sale", occurred(when), None, notes)


# --- An Italian trattoria's printing.py (raw text to lp) --------------------

TRATTORIA = [
    ("Pizza margherita", 750), ("Pizza diavola", 900), ("Lasagne al forno", 1100),
    ("Tagliatelle al ragu bolognese", 1250), ("Insalata mista", 550),
    ("Acqua naturale 0,5l", 200), ("Coca cola", 300), ("Birra media", 500),
    ("Tiramisu", 550), ("Caffe", 150), ("Bruschetta al pomodoro", 600),
    ("Spaghetti alle vongole", 1300), ("Calzone", 950), ("Vino rosso calice", 450),
    ("Panna cotta", 500), ("Gnocchi 4 formaggi", 1050),
]


def euro(cents: int) -> str:
    """The source's ``f"{v:,.2f} EUR".replace(".", ",")``."""
    return f"{cents / 100:,.2f} EUR".replace(".", ",")


def cassa(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    wide = rng.random() < 0.6  # the 48-column variant prints the order and table
    w = 48 if wide else 42
    pr = Printed(codepage=rng.choice(["AUTO", "CP850", "CP1252"]), cut=False)
    lines = [Line(nm, rng.choice([1, 1, 1, 2, 2, 3, 4, 6]), unit, False)
             for nm, unit in rng.sample(TRATTORIA, rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))]
    total = sum(ln.value for ln in lines)
    when = moment(rng).replace(hour=rng.choice([12, 13, 14, 19, 20, 21, 22]))
    register = rng.choice([1, 2])
    order = rng.randint(1, 9999)
    pr.add(f"Cassa {register} - {when:%d/%m/%Y %H:%M}".center(w))
    if wide:
        pr.add(f"Ordine {order} - Tavolo {rng.randint(1, 24)}".center(w))
    pr.add("-" * w)
    if wide:
        pr.add(f"{'Prodotto':<26}{'Quantita':^6}{'Prezzo':>14}")
    else:
        pr.add(f"{'Prodotto':<20}{'Pezzi':^6}{'Prezzo':>16}")
    pr.add("-" * w)
    for ln in lines:  # the unit price only: the value is the reader's sum
        if wide:
            pr.add(f"{ln.name:<26}{ln.qty:^6}{euro(ln.unit):>16}")
        else:
            pr.add(f"{ln.name:<20}{ln.qty:^6}{euro(ln.unit):>16}")
    pr.add("-" * w)
    if wide:
        given = cash_given(rng, total)
        pr.add(f"{'Totale:':<28}{euro(total):>20}")
        pr.add(f"{'Incasso dato:':<28}{euro(given):>20}")
        pr.add(f"{'Resto ricevuto:':<28}{euro(given - total):>20}")
    else:
        pr.add(f"{'Totale:':<26}{euro(total):>16}")
    for _ in range(rng.choice([3, 5])):
        pr.add("")
    truth_lines = [(ln.name, ln.qty, ln.value) for ln in lines]
    # "Resto ricevuto" (change) handed back is cash's alone (TENDERS.md); none
    # handed back, or the narrow slip's nothing, the paper does not say.
    tender = "cash" if wide and given > total else None
    return pr, Truth(total, truth_lines, str(order) if wide else None, tender, "sale",
                     occurred(when, seconds=False), None)


# --- ReceiptIO / ReceiptLine markdown, printed as ESC/POS ---------------------

def receiptline(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = rng.choice([42, 42, 48, 32])
    pr = Printed(codepage=rng.choice(["CP437", "CP858", "ISO_8859-15", "AUTO"]),
                 cut=rng.random() < 0.8)
    lines = items(rng, most=6)
    refund = rng.random() < 0.1
    disc = 0
    if not refund and rng.random() < 0.15:
        disc = min(sum(ln.value for ln in lines) - 1, rng.choice([20, 50, 100]))
    total = sum(ln.value for ln in lines) - disc
    pound = rng.random() < 0.4

    def amt(p: int) -> str:
        return gbp(p) if pound else num(p)

    when = moment(rng)
    us = rng.random() < 0.25  # toLocaleString() on a machine left in en-US
    if us:
        stamp = (f"{when.month}/{when.day}/{when.year}, {h12(when)}:{when:%S} "
                 f"{'AM' if when.hour < 12 else 'PM'}")
    else:
        stamp = f"{when:%d/%m/%Y, %H:%M:%S}"
    number = f"{rng.randint(1, 999999):06d}" if rng.random() < 0.5 else None
    pr.add("REFUND" if refund else "RECEIPT", align="center", custom_size=True, width=3,
           height=3)
    pr.add("")
    pr.add(stamp)
    if number:
        pr.add(lr("Receipt No.", number, w))
    name_w = w - 13
    for ln in lines:
        pr.add(f"{ln.name[:name_w]:<{name_w}}{ln.qty:>4}{amt(ln.value):>9}")
    if disc:
        pr.add(lr("Discount", amt(-disc), w))
    pr.add("-" * w)
    signed = -total if refund else total
    pr.add(lr("TOTAL", amt(signed), w // 2), double_width=True)
    tender = rng.choice(["cash", "cash", "card", None])
    if tender == "cash" and not refund:
        given = cash_given(rng, total)
        pr.add(lr("Cash", amt(given), w))
        pr.add(lr("Change", amt(given - total), w))
    elif tender == "cash":
        pr.add(lr("Cash", amt(-total), w))
    elif tender == "card":
        pr.add(lr("Card", amt(signed), w))
    truth_lines = [(ln.name[:name_w].rstrip(), ln.qty, ln.value) for ln in lines]
    if disc:
        truth_lines.append(("Discount", 1, -disc))
    return pr, Truth(signed, truth_lines, number, tender, "refund" if refund else "sale",
                     occurred(when), None)


# --- QZ Tray's raw ESC/POS sample receipt, as a shop adapts it ----------------

def qz_raw(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 42
    pr = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]), crlf=rng.random() < 0.3)
    lines = items(rng, most=6)
    total = sum(ln.value for ln in lines)
    when = moment(rng)
    number = str(rng.randint(100000, 999999))
    pr.add("The Corner Deli", align="center", bold=True)
    pr.add("Harrogate, HG1  2RQ", align="center")
    pr.add("")
    pr.add("www.cornerdeli.example", align="center")
    pr.add("")
    pr.add(f"{when:%B} {when.day}, {when.year} {h12(when)} {'AM' if when.hour < 12 else 'PM'}",
           align="center")
    pr.add("")
    pr.add(f"Transaction # {number} Register: {rng.randint(1, 4)}", align="center")
    pr.add("")
    for ln in lines:
        left = f"{ln.name} (Qty {ln.qty})"
        if rng.random() < 0.5:
            pr.add(lr(left, num(ln.value), w))
        else:  # the sample's own spacing: a run of spaces, not a column
            pr.add(f"{left}{' ' * rng.choice([3, 5, 7])}{num(ln.value)}")
    pr.add("X" * 36)
    pr.add(f"TOTAL {gbp(total)}", align="right", double_width=True, double_height=True)
    pr.add("-" * w)
    tender = rng.choice(["cash", "card", "card"])
    if tender == "cash":
        given = cash_given(rng, total)
        pr.add(lr("Cash", gbp(given), 56), font="b")
        pr.add(lr("Change", gbp(given - total), 56), font="b")
    else:
        pr.add(lr(rng.choice(["Visa Debit", "Mastercard", "Contactless"]), gbp(total), 56),
               font="b")
    pr.add("-" * w)
    pr.add("Thank you, see you soon")
    truth_lines = [(ln.name, ln.qty, ln.value) for ln in lines]
    return pr, Truth(total, truth_lines, number, tender, "sale", occurred(when, seconds=False),
                     None)


# --- A UK academy's cashless till, Tucasi/scopay-style ------------------------

FSM_DAILY = 273  # the academy credits a free meal with £2.73 a day (source)
SPEND_LIMIT = 500  # daily spend limit £5.00 (source)


def tucasi_academy(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = rng.choice([40, 40, 32])
    pr = Printed(codepage=rng.choice(["CP858", "CP437", "CP1252", "AUTO"]),
                 crlf=rng.random() < 0.3, cut=rng.random() < 0.7)
    who = rng.choice(["pupil"] * 6 + ["fsm"] * 3 + ["staff", "staff", "visitor"])
    refund = rng.random() < 0.08 and who in ("pupil", "fsm")
    while True:
        lines = items(rng, most=5)
        offer = 40 if len(lines) >= 3 and rng.random() < 0.4 else 0
        total = sum(ln.value for ln in lines) - offer
        if who in ("staff", "visitor") or total <= SPEND_LIMIT:
            break  # a pupil's sale over the daily limit is refused at the till
    when = moment(rng)
    number = f"SC{rng.randint(1, 4)}-{rng.randint(1000, 999999):06d}"
    pr.add("HOLLINS PARK ACADEMY", align="center", bold=True)
    pr.add(f"The Street Cafe - Till {rng.randint(1, 3)}", align="center")
    pr.add("-" * w)
    if refund:
        pr.add("REFUND", align="center", double_height=True)
    pr.add(lr("Sale ref", number, w))
    pr.add(lr(f"{when:%d/%m/%Y}", f"{when:%H:%M:%S}", w))
    account = None
    if who in ("pupil", "fsm"):
        first, last = rng.choice(STUDENTS)
        account = f"{rng.randint(1, 99999):06d}"
        pr.add(lr("Student", f"{first} {last}", w))
        pr.add(lr("Pupil ID", account, w))
        pr.add(lr("Year", str(rng.randint(7, 13)), w))
    elif who == "staff":
        pr.add(lr("Staff", rng.choice(STAFF), w))
    pr.add("-" * w)
    name_w = w - 19
    for ln in lines:
        mid = f"{ln.qty} x {num(ln.unit)}" if ln.qty > 1 else ""
        pr.add(f"{ln.name[:name_w]:<{name_w}}{mid:>10}{num(ln.value):>9}")
    if offer:
        pr.add(lr("Lunch offer", num(-offer), w))
    pr.add("-" * w)
    pr.add(lr("Items", str(sum(ln.qty for ln in lines)), w))
    credit = fsm = 0
    if refund:
        pr.add(lr("REFUND VALUE", gbp(total), w), bold=True)
        pr.add(lr("  Back to dinner money", gbp(total), w))
        tender: str | None = "account"
    else:
        pr.add(lr("AMOUNT PAID", gbp(total), w), bold=True)
        tender = None
        if who == "fsm":
            credit = rng.choice([FSM_DAILY, FSM_DAILY, FSM_DAILY, 120])
            fsm = min(credit, total)
            rest = total - fsm
            pr.add(lr("  Free meal credit", gbp(fsm), w))
            if rest:
                pr.add(lr("  Dinner money", gbp(rest), w))
            tender = "fsm" if not rest else None  # two tenders: a split
        elif who == "pupil" or (who == "staff" and rng.random() < 0.5):
            pr.add(lr("  Dinner money", gbp(total), w))
            tender = "account"
        elif who == "staff":
            pr.add(lr("  Card", gbp(total), w))
            tender = "card"
        else:
            given = cash_given(rng, total)
            pr.add(lr("  Cash", gbp(given), w))
            pr.add(lr("  Change", gbp(given - total), w))
            tender = "cash"
        if who == "staff":
            vat = round(sum(ln.value for ln in lines if ln.hot) / 6)
            if vat:
                pr.add(lr("incl. VAT 20%", gbp(vat), w))
    if who in ("pupil", "fsm"):
        pr.add(lr("Dinner money left", gbp(rng.randint(0, 4000)), w))
        if who == "fsm":
            pr.add(lr("Free meal credit left", gbp(credit - fsm), w))
        spent = total + rng.choice([0, 0, 60, 120])
        pr.add(lr("Spend limit left today", gbp(max(0, SPEND_LIMIT - spent)), w))
        pr.add("Top up at scopay.com", align="center")
    truth_lines = [(ln.name[:name_w].rstrip(), ln.qty, ln.value) for ln in lines]
    if offer:
        truth_lines.append(("Lunch offer", 1, -offer))
    return pr, Truth(-total if refund else total, truth_lines, number, tender,
                     "refund" if refund else "sale", occurred(when), account)


# --- A Cambridge-style college's University Card till -------------------------

COLLEGE = [  # name, price A (members) in pence, a drink?
    ("Soup & roll", 180, False), ("Main course", 385, False), ("Vegetarian main", 350, False),
    ("Side salad", 110, False), ("Chips", 120, False), ("Pudding", 150, False),
    ("Filter coffee", 110, True), ("Cappuccino", 160, True), ("Pot of tea", 95, True),
    ("Orange juice", 90, True), ("Sparkling water", 85, True), ("Panini", 330, False),
    ("Full breakfast", 420, False), ("Croissant", 95, False),
]


def college_hall(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = rng.choice([42, 48])
    pr = Printed(codepage=rng.choice(["CP858", "CP850", "ISO_8859-15", "AUTO"]),
                 crlf=rng.random() < 0.2)
    chosen = rng.sample(COLLEGE, rng.choice([1, 1, 2, 2, 3, 3, 4, 5]))
    member = rng.random() < 0.8
    lines = []
    for name, price, drink in chosen:
        unit = price if member else price + rng.choice([40, 50, 60])  # price B
        lines.append((Line(name, rng.choice([1, 1, 1, 2, 2, 3]), unit, drink), drink))
    sub = sum(ln.value for ln, _ in lines)
    drinks_only = all(d for _, d in lines)
    refund = rng.random() < 0.07 and member
    tender = ("food purse" if not refund else "refund") if member else "cash"
    if member and not refund:
        tender = rng.choice(["food purse"] * 5 + ["college bill"] * 2 + ["cash", "card"])
        if tender == "food purse" and drinks_only:
            tender = "drinks purse"
    loyalty = round(sub * 0.05) if tender == "food purse" else 0
    total = sub - loyalty
    when = moment(rng)
    number = str(rng.randint(10000, 99999))
    outlet = rng.choice([("Garden Restaurant", "GR"), ("Cloister Cafe Bar", "CB")])
    pr.add("ROBINSWOOD COLLEGE", align="center", double_height=True)
    pr.add(outlet[0], align="center")
    pr.add(lr(f"Terminal {outlet[1]}{rng.randint(1, 3)}",
              f"Op: {rng.choice(['Kath', 'Dev', 'Marta'])}", w))
    pr.add(lr(f"{when:%a %d.%m.%y %H:%M}", f"Rcpt {number}", w))
    if refund:
        pr.add("*** REFUND ***", align="center", bold=True)
    account = None
    if member:
        account = str(rng.randint(3000000, 3999999))
        pr.add(lr("Member", "Price A", w))
        pr.add(lr("UCard", account, w))
    else:
        pr.add(lr("Visitor", "Price B", w))
    pr.add("-" * w)
    name_w = w - 14
    pr.add(f"{'Qty':<4}{'Description':<{name_w}}{'Amount':>10}")
    for ln, _ in lines:
        pr.add(f"{ln.qty:>3} {ln.name:<{name_w}}{num(ln.value):>10}")
    pr.add("-" * w)
    pr.add(lr("Sub total", num(sub), w))
    if loyalty:
        pr.add(lr("Food purse 5%", num(-loyalty), w))
    signed = -total if refund else total
    pr.add(lr("Total Due" if not refund else "Total Refund", gbp(signed), w), bold=True)
    truth_tender: str | None
    if refund:
        pr.add(lr("Refund to food purse", gbp(total), w))
        truth_tender = "account"
    elif tender in ("food purse", "drinks purse"):
        pr.add(lr(tender.capitalize(), gbp(total), w))
        truth_tender = "account"
    elif tender == "college bill":
        pr.add(lr("College bill", gbp(total), w))
        truth_tender = "account"
    elif tender == "cash":
        given = cash_given(rng, total)
        pr.add(lr("Cash", gbp(given), w))
        pr.add(lr("Change", gbp(given - total), w))
        truth_tender = "cash"
    else:
        pr.add(lr("Contactless", gbp(total), w))
        truth_tender = "card"
    if tender in ("food purse", "drinks purse") or refund:
        purse = "Drinks" if tender == "drinks purse" else "Food"
        pr.add(lr(f"{purse} purse balance", gbp(rng.randint(0, 9000)), w))
    pr.add("")
    pr.add("Please check your receipt", align="center")
    truth_lines = [(ln.name, ln.qty, ln.value) for ln, _ in lines]
    if loyalty:
        truth_lines.append(("Food purse 5%", 1, -loyalty))
    return pr, Truth(signed, truth_lines, number, truth_tender,
                     "refund" if refund else "sale", occurred(when, seconds=False), account)


LAYOUTS: dict[str, Renderer] = {
    "cafepos": cafepos,
    "cassa-tavolo": cassa,
    "receiptline": receiptline,
    "qz-raw": qz_raw,
    "tucasi-academy": tucasi_academy,
    "college-hall": college_hall,
}
