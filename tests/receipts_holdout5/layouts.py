"""Renderers of the fifth holdout's layouts (README.md: sources, what each
prints where, and which wording is ours). Each takes a seeded ``random.Random``
and the receipt's index and returns ``(Printed, Truth)``."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

# Our own UK catering menu: name, price in pence, VAT rate (hot food and
# drinks standard-rated, cold takeaway food zero-rated).
MENU = [
    ("Flat white", 320, 20), ("Tea", 180, 20), ("Hot chocolate", 295, 20),
    ("Bacon roll", 345, 20), ("Jacket potato", 410, 20), ("Soup of the day", 375, 20),
    ("Tuna mayo sandwich", 385, 0), ("Fruit pot", 120, 0), ("Flapjack", 165, 0),
    ("Cheese & ham panini", 450, 20), ("Chicken curry & rice", 525, 20),
    ("Still water 500ml", 110, 20), ("Apple juice", 135, 20), ("Carrot cake slice", 260, 0),
    ("Veggie lasagne", 480, 20), ("Scone with jam", 210, 0),
]
BAR = [
    ("Pint Bitter", 420), ("Pint Lager", 460), ("Half Cider", 240), ("G&T", 575),
    ("Red wine 175ml", 520), ("Crisps", 120), ("Cola", 230), ("Scampi fries", 130),
    ("Orange J2O", 290), ("Coffee", 240),
]
CLERKS = ["Amy", "Jo", "Dave", "Priya", "Tom", "Sian", "Kofi", "Beth"]
PUPILS = ["AHMED Z", "SMITH J", "O'NEILL C", "KOWALSKA M", "BROWN T", "OKAFOR D",
          "EVANS R", "PATEL S"]


def money(pence: int, sign: str = "£") -> str:
    """``£3.20`` / ``-£0.50`` (or without the sign)."""
    return f"{'-' if pence < 0 else ''}{sign}{abs(pence) / 100:.2f}"


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line of ``width`` columns."""
    gap = width - len(left) - len(right)
    if gap < 1:
        left = left[: width - len(right) - 1]
        gap = 1
    return left + " " * gap + right


def shown_left(left: str, right: str, width: int) -> str:
    """What of ``left`` is printed by ``lr`` (cut to leave room for ``right``)."""
    return lr(left, right, width)[: -len(right)].rstrip()


def when(rng: random.Random, evening: bool = False) -> datetime:
    """A local time in 2026, across GMT and BST."""
    day = datetime(2026, 1, 5) + timedelta(days=rng.randint(0, 330))
    start = 17 * 60 if evening else 7 * 60 + 30
    return day + timedelta(minutes=rng.randint(start, start + 5 * 60 - 1),
                           seconds=rng.randint(0, 59))


def items(rng: random.Random, menu: list, k: int | None = None) -> list[tuple[str, int, int, int]]:
    """Distinct items: (name, quantity, unit pence, VAT rate)."""
    chosen = rng.sample(menu, k or rng.randint(1, 6))
    out = []
    for entry in chosen:
        name, price = entry[0], entry[1]
        rate = entry[2] if len(entry) > 2 else 20
        q = rng.choice([1, 1, 1, 2, 2, 3, 4])
        out.append((name, q, price + rng.choice([0, 0, 5, -5, 10]), rate))
    return out


def cash_tendered(rng: random.Random, total: int) -> int:
    """What a customer hands over for ``total``: exact or the next note."""
    notes = [n for n in (500, 1000, 2000, 5000) if n >= total]
    return rng.choice([total] + notes[:2]) if notes else total


def ordinal(d: int) -> str:
    return f"{d}{'th' if 11 <= d % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


# --- Vendly POS's text receipt --------------------------------------------------------

def vendly(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([32, 40, 48])
    p = Printed(codepage=rng.choice(["CP858", "AUTO", "CP437"]), cut=rng.random() < 0.7)
    at = when(rng)
    its = items(rng, MENU)
    no = f"RCP-{rng.randint(1, 999999):06d}"
    p.add("GREENWAY COLLEGE CAFE".center(w))
    p.add("Station Road".center(w))
    p.add("Didcot, Oxon OX11 7AB".center(w))
    p.add("Tel: 01235 555014".center(w))
    p.add("=" * w)
    p.add(f"Receipt #: {no}")
    p.add(f"Date: {at:%Y-%m-%d %H:%M}")
    p.add(f"Cashier: {rng.choice(CLERKS)}")
    if rng.random() < 0.3:
        p.add(f"Customer: {rng.choice(['Mrs J Patel', 'Sam Reid', 'K. Osei'])}")
    p.add("-" * w)
    lines = []
    for name, q, unit, _ in its:
        p.add(name[:w])
        p.add(lr(f"  {q} x {money(unit)}", money(q * unit), w))
        lines.append((name[:w], q, q * unit))
    subtotal = sum(v for _, _, v in lines)
    tax = round(subtotal * 0.2) if rng.random() < 0.5 else 0
    total = subtotal + tax
    p.add("-" * w)
    p.add(lr("Subtotal:", money(subtotal), w))
    if tax:
        p.add(lr("VAT (20.0%):", money(tax), w))
    p.add("=" * w)
    p.add(lr("TOTAL:", money(total), w))
    p.add("=" * w)
    p.add("")
    method = rng.choice(["Cash", "Cash", "Card", "Card", "Voucher"])
    paid = cash_tendered(rng, total) if method == "Cash" else total
    p.add(lr(f"Paid ({method}):", money(paid), w))
    if paid > total:
        p.add(lr("Change:", money(paid - total), w))
    p.add("")
    p.add("-" * w)
    p.add("Thank you for shopping!".center(w))
    p.add("Please come again!".center(w))
    if rng.random() < 0.5:
        p.add("")
        p.add("Tax ID: GB 284 5521 90".center(w))
    p.add("")
    p.add(f"{at:%Y-%m-%d %H:%M:%S}".center(w))
    tender = {"Cash": "cash", "Card": "card", "Voucher": "voucher"}[method]
    notes = [f"tax_on_top={tax}"] if tax else []
    return p, Truth(total, lines, no, tender, "sale", occurred(at, seconds=True), None, notes)


# --- Eco-Thrift's print server: ESC/POS bytes of its own --------------------------------

def ecothrift(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([32, 42, 48])
    p = Printed(codepage=rng.choice(["CP437", "CP437", "CP858"]), cut=True)
    at = when(rng)
    its = items(rng, MENU)
    no = f"R-{at:%y%m%d}-{rng.randint(1, 999):03d}"
    p.add("Hospice Cafe", align="center", double_width=True, double_height=True, bold=True)
    p.add("St Luke's Hospice, Sheffield", align="center")
    p.add("0114 555 0192", align="center")
    p.add("=" * w)
    p.add(lr("Receipt:", no, w))
    style = rng.choice(["iso12", "iso", "uk"])
    date_text = {"iso12": f"{at:%Y-%m-%d %I:%M %p}", "iso": f"{at:%Y-%m-%d}",
                 "uk": f"{at:%d/%m/%Y %H:%M}"}[style]
    p.add(lr("Date:", date_text, w))
    if rng.random() < 0.8:
        p.add(lr("Cashier:", rng.choice(CLERKS), w))
    p.add("-" * w)
    lines = []
    for name, q, unit, _ in its:
        if q > 1:
            p.add(name)
            p.add(lr(f"  {q} x {money(unit)}", money(q * unit), w))
        else:
            p.add(lr(name, money(unit), w))
        lines.append((shown_left(name, money(unit), w) if q == 1 else name, q, q * unit))
    subtotal = sum(v for _, _, v in lines)
    tax = round(subtotal * 0.2) if rng.random() < 0.3 else 0
    total = subtotal + tax
    p.add("-" * w)
    p.add(lr("Subtotal", money(subtotal), w))
    if tax:
        p.add(lr("Tax", money(tax), w))
    p.add(lr("TOTAL", money(total), w), bold=True, double_height=True)
    p.add("-" * w)
    method = rng.choice(["Cash", "Cash", "Card", "Gift Card"])
    tendered = cash_tendered(rng, total) if method == "Cash" else total
    p.add(lr("Payment", method, w))
    p.add(lr("Tendered", money(tendered), w))
    p.add(lr("Change", money(tendered - total), w))
    p.add("=" * w)
    p.add("Thank you for supporting the hospice!", align="center")
    date = occurred(at, seconds=False, time=style != "iso") if style != "iso" else \
        occurred(at, time=False)
    tender = {"Cash": "cash", "Card": "card", "Gift Card": "gift card"}[method]
    notes = [f"tax_on_top={tax}"] if tax else []
    return p, Truth(total, lines, no, tender, "sale", date, None, notes)


# --- A UK community cafe's SumUp POS receipt ---------------------------------------------

def sumup_cafe(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([32, 48])
    p = Printed(codepage=rng.choice(["CP1252", "CP858", "AUTO"]), cut=False,
                crlf=rng.random() < 0.3)
    at = when(rng)
    refund = rng.random() < 0.12
    its = items(rng, MENU)
    no = str(rng.randint(100, 9999))
    p.add("THE HIVE COMMUNITY CAFE", align="center", bold=True)
    p.add("12 Church Lane, Leeds LS15 8HG", align="center")
    if rng.random() < 0.6:
        p.add("VAT no. GB 284 5521 90", align="center")
    p.add("")
    if refund:
        p.add("REFUND", align="center", bold=True)
    p.add(f"Receipt no. {no}")
    p.add(f"{at:%d/%m/%Y, %H:%M}" if rng.random() < 0.6 else f"{at:%d %b %Y %H:%M}")
    p.add(f"Served by {rng.choice(CLERKS)}")
    if refund:
        p.add(f"Original receipt no. {int(no) - rng.randint(1, 90)}")
    p.add("-" * w)
    lines, gross = [], {20: 0, 0: 0}
    sign = -1 if refund else 1
    for name, q, unit, rate in its:
        desc = f"{q} x {name}" if q > 1 else name
        p.add(lr(desc, money(sign * q * unit), w))
        cut = shown_left(desc, money(sign * q * unit), w)
        lines.append((cut[len(f"{q} x "):] if q > 1 else cut, q, q * unit))
        gross[rate] += q * unit
    if not refund and rng.random() < 0.25:
        off = -round(sum(v for _, _, v in lines) * 0.1)
        p.add(lr("Discount (10%)", money(off), w))
        lines.append(("Discount (10%)", 1, off))
        gross[20 if gross[20] >= -off else 0] += off
    card = rng.random() < 0.6
    if card and not refund and rng.random() < 0.3:
        tip = rng.choice([50, 100, 150, 200])
        p.add(lr("Tip", money(tip), w))
        lines.append(("Tip", 1, tip))
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    p.add(lr("Total", money(sign * total), w), bold=True)
    p.add("-" * w)
    p.add(lr("VAT rate", "Net    VAT   Gross", w))
    for rate in (20, 0):
        if gross[rate]:
            vat = round(gross[rate] * rate / (100 + rate))
            p.add(lr(f"{rate}%", f"{money(gross[rate] - vat)} {money(vat)} "
                     f"{money(gross[rate])}", w))
    p.add("-" * w)
    if card:
        scheme = rng.choice(["VISA", "Mastercard", "AMEX", "Maestro"])
        p.add("Refunded to card" if refund else "Card payment")
        p.add(f"{scheme}  {rng.choice(['Contactless', 'Chip & PIN'])}")
        p.add(f"**** **** **** {rng.randint(0, 9999):04d}")
        code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(10))
        p.add(f"Transaction code {code}")
        p.add("Status REFUNDED" if refund else "Status SUCCESSFUL")
    elif refund:
        p.add(lr("Refunded in cash", money(total), w))
    else:
        got = cash_tendered(rng, total)
        p.add(lr("Cash received", money(got), w))
        p.add(lr("Change", money(got - total), w))
    p.add("")
    p.add("Thank you! See you soon", align="center")
    return p, Truth(-total if refund else total, lines, no, "card" if card else "cash",
                    "refund" if refund else "sale", occurred(at, seconds=False), None, [])


# --- A UK secondary school's servery till (Cunninghams-style cashless) ------------------

def impact_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([32, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]), cut=rng.random() < 0.5)
    at = when(rng)
    staff = rng.random() < 0.15
    refund = not staff and rng.random() < 0.1
    its = items(rng, MENU, rng.randint(1, 4))
    no = f"{rng.randint(1, 999999):06d}"
    acc = str(rng.randint(100000, 199999))
    p.add("KINGSWOOD HIGH", align="center", double_width=True, double_height=True)
    p.add(f"Main Servery  Till {rng.randint(1, 6):02d}", align="center")
    if refund:
        p.add("** REFUND **", align="center", bold=True)
    p.add(f"TRANSACTION {no}")
    p.add(f"{at:%d.%m.%Y  %H:%M}" if rng.random() < 0.6 else f"{at:%d %b %y %H:%M}".upper())
    if staff:
        p.add(f"Staff  {rng.choice(['MR DAVIES', 'MS OKORO', 'MRS HALL'])}")
    else:
        p.add(f"Pupil  {rng.choice(PUPILS)}  {rng.randint(7, 11)}{rng.choice('KRWS')}")
        p.add(f"Acc ref {acc}")
        p.add(f"Identified by {rng.choice(['FINGER', 'FINGER', 'PIN', 'NAME'])}")
    p.add("-" * w)
    lines = []
    for name, q, unit, _ in its:
        desc = f"{name} x{q}" if q > 1 else name
        p.add(lr(desc, money(q * unit, ""), w))
        lines.append((name, q, q * unit))
    if not refund and len(its) >= 2 and rng.random() < 0.3:
        p.add(lr("Meal of the day adj", money(-50, ""), w))
        lines.append(("Meal of the day adj", 1, -50))
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    tender: str | None
    if refund:
        p.add(lr("REFUND TOTAL", money(total), w), bold=True)
        p.add(lr("Returned to cash account", money(total), w))
        tender = "account"
    else:
        p.add(lr("PURCHASE TOTAL", money(total), w), bold=True)
        if staff:
            if rng.random() < 0.5:
                p.add(lr("Paid card", money(total), w))
                tender = "card"
            else:
                got = cash_tendered(rng, total)
                p.add(lr("Cash tendered", money(got), w))
                p.add(lr("Change given", money(got - total), w))
                tender = "cash"
            p.add(lr("VAT @ 20% incl", money(round(total / 6)), w))
        else:
            how = rng.choice(["account", "account", "fsm", "split", "cash"])
            allowance = rng.choice([240, 260, 280])
            if how == "account":
                p.add(lr("From cash account", money(total), w))
            elif how == "fsm" and total <= allowance:
                p.add(lr("From free meal", money(total), w))
            elif how in ("fsm", "split") and total > allowance:
                how = "split"
                p.add(lr("From free meal", money(allowance), w))
                p.add(lr("From cash account", money(total - allowance), w))
            elif how == "split":
                how = "account"
                p.add(lr("From cash account", money(total), w))
            else:
                got = cash_tendered(rng, total)
                p.add(lr("Cash tendered", money(got), w))
                p.add(lr("Change given", money(got - total), w))
            tender = {"account": "account", "fsm": "fsm", "split": None, "cash": "cash"}[how]
    if not staff:
        p.add(lr("Account balance", money(rng.randint(0, 4000)), w))
        limit = max(500, (total // 100 + 1) * 100)  # the site's daily limit, above this
        p.add(f"Spent today {money(total if not refund else 0)} of {money(limit)}")
    p.add("Top up online with ParentPay", align="center")
    return p, Truth(-total if refund else total, lines, no, tender,
                    "refund" if refund else "sale", occurred(at, seconds=False),
                    None if staff else acc, [])


# --- A UK members' club bar EPOS (Memsec-style hospitality till) ------------------------

def memsec_club(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP1252"]), cut=True)
    at = when(rng, evening=True)
    refund = rng.random() < 0.1
    its = items(rng, BAR, rng.randint(1, 6))
    no = str(rng.randint(10000, 99999))
    p.add("RED LION SOCIAL CLUB", align="center", double_height=True, bold=True)
    p.add("Members Bar", align="center")
    p.add(lr(f"Trans {no}", f"Till BAR{rng.randint(1, 3)}", w))
    p.add(f"Clerk: {rng.choice(CLERKS)}")
    if rng.random() < 0.6:
        h = at.hour % 12 or 12
        p.add(f"{at:%a} {ordinal(at.day)} {at:%B %Y} {h}:{at:%M}{at:%p}".replace("AM", "am")
              .replace("PM", "pm"))
    else:
        p.add(f"{at:%d/%m/%Y %H:%M}")
    if rng.random() < 0.3:
        p.add(f"Tab: Table {rng.randint(1, 20)}")
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
        p.add(f"Reason: {rng.choice(['Wrong item', 'Spilt', 'Customer complaint'])}")
    p.add("-" * w)
    lines = []
    for name, q, unit, _ in its:
        p.add(lr(f"{q} {name}", money(q * unit, ""), w))
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.25:
        p.add(lr("  Happy hour", money(-50 * len(its), ""), w))
        lines.append(("Happy hour", 1, -50 * len(its)))
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    p.add(f"{sum(q for name, q, _ in lines if name != 'Happy hour')} Items")
    p.add(lr("TOTAL", money(-total if refund else total), w), bold=True)
    tender: str | None
    if refund:
        p.add(lr("Cash", money(-total), w))
        tender = "cash"
    else:
        how = rng.choice(["Cash", "Cash", "Card", "Member account", "split"])
        if how == "Cash":
            got = cash_tendered(rng, total)
            p.add(lr("Cash", money(got), w))
            p.add(lr("Change", money(got - total), w))
        elif how == "split":
            v = min(500, total - 10) if total > 10 else total
            got = cash_tendered(rng, total - v)
            p.add(lr("Voucher", money(v), w))
            p.add(lr("Cash", money(got), w))
            p.add(lr("Change", money(got - (total - v)), w))
        else:
            p.add(lr(how, money(total), w))
        tender = {"Cash": "cash", "Card": "card", "Member account": "account",
                  "split": None}[how]
    p.add(lr("VAT @ 20.00%", money(round(abs(total) / 6)), w))
    p.add("Thank you - see you soon!", align="center")
    return p, Truth(-total if refund else total, lines, no, tender,
                    "refund" if refund else "sale", occurred(at, seconds=False), None, [])


# --- A UK university's campus card catering till -----------------------------------------

HOT_DRINKS = {"Flat white", "Tea", "Hot chocolate"}


def campus_card(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([40, 42, 48])
    p = Printed(codepage=rng.choice(["CP858", "CP850", "CP437", "AUTO"]), cut=True,
                crlf=rng.random() < 0.2)
    at = when(rng)
    refund = rng.random() < 0.08
    method = rng.choice(["CAMPUS CARD", "CAMPUS CARD", "CAMPUS CARD", "CASH", "DEBIT CARD"])
    if refund:
        method = "CAMPUS CARD"
    its = items(rng, MENU, rng.randint(1, 5))
    no = str(rng.randint(1000, 99999))
    card_no = str(rng.randint(400000, 499999))
    p.add("UNIVERSITY OF WESSEX", align="center", bold=True)
    p.add(f"EAT @ The Square  Till {rng.randint(1, 8)}", align="center")
    if refund:
        p.add("REFUND", align="center", double_height=True)
    p.add(f"Date {at:%d/%m/%Y}   Time {at:%H:%M:%S}")
    p.add(f"Check {no}   Op {rng.randint(10, 60)}")
    p.add("-" * w)
    lines = []
    saved = 0
    for name, q, unit, _ in its:
        if q > 1:
            p.add(lr(f"{name}  {q} @ {money(unit)}", money(q * unit), w))
        else:
            p.add(lr(name, money(unit), w))
        lines.append((name, q, q * unit))
        if method == "CAMPUS CARD" and not refund:
            pct = 15 if name in HOT_DRINKS else 5
            off = -round(q * unit * pct / 100)
            label = f"Campus Card {pct}%"
            p.add(lr(f"  {label}", money(off), w))
            lines.append((label, 1, off))
            saved -= off
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    if refund:
        p.add(lr("REFUND DUE", money(-total), w), bold=True)
        p.add(lr("CAMPUS CARD", money(-total), w))
    else:
        p.add(lr("BALANCE DUE", money(total), w), bold=True)
        if method == "CASH":
            got = cash_tendered(rng, total)
            p.add(lr("CASH", money(got), w))
            p.add(lr("CHANGE", money(got - total), w))
        else:
            p.add(lr(method, money(total), w))
    account = None
    if method == "CAMPUS CARD":
        account = card_no
        p.add(f"Campus Card No {card_no}")
        p.add(lr("Card balance", money(rng.randint(0, 6000)), w))
    if saved:
        p.add(lr("You saved today", money(saved), w))
    p.add("VAT Reg No 123 4567 89", align="center")
    tender = {"CAMPUS CARD": "account", "CASH": "cash", "DEBIT CARD": "card"}[method]
    return p, Truth(-total if refund else total, lines, no, tender,
                    "refund" if refund else "sale", occurred(at, seconds=True), account, [])


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "vendly": vendly,
    "ecothrift": ecothrift,
    "sumup-cafe": sumup_cafe,
    "impact-school": impact_school,
    "memsec-club": memsec_club,
    "campus-card": campus_card,
}
