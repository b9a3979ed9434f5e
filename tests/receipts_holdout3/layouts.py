"""Renderers for the third holdout's layouts (README.md: the sources, and
what each layout prints where). Each takes a seeded ``random.Random`` and
returns one receipt as printed and its ground truth."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout3 import Item, Printed, pick_items, pounds, when

CODEPAGES = ["CP858", "CP437", "CP1252", "AUTO"]
NAMES = ["Jane Smith", "Amir Khan", "Olivia Brown", "Kacper Nowak", "Grace O'Neill",
         "Tom Evans", "Priya Patel", "Leo Murphy"]


def lr(left: str, right: str, width: int) -> str:
    """Left text and right text on one line of ``width`` (one space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def centre(text: str, width: int) -> str:
    return " " * max(0, (width - len(text)) // 2) + text


def _round(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _cash_tendered(rng: random.Random, total: int) -> int:
    """What a customer hands over for ``total`` pence: exact, or the next
    round note or coin amount above it."""
    steps = [s for s in (100, 500, 1000, 2000) if s >= total]
    if rng.random() < 0.25 or not steps:
        return total
    step = rng.choice([100, 500, 1000, 2000])
    return -(-total // step) * step


def _truth_lines(items: list[Item]) -> list[tuple[str, int, int]]:
    return [(it.name, it.qty, it.value) for it in items]


# --- quicktill (sde1000/quicktill, quicktill/printer.py print_receipt) ---------

def quicktill(rng: random.Random) -> tuple[Printed, Truth]:
    """A UK pub/community cafe till written in Python that drives its ESC/POS
    printer itself: centred header, ``name ... £1.60`` or
    ``name ... 2 @ £1.60 = £3.20`` in font B, right-aligned ``Subtotal``,
    payments by their description, then VAT per band, ``Receipt number N``
    and the session's date (day only)."""
    # Characters per line in fonts A and B of its drivers: Aures ODP 333,
    # Epson TM-T20 on 80 and 58 mm paper. It selects WPC1252 (ESC t 16).
    wa, wb = rng.choice([(42, 56), (48, 64), (35, 46)])
    pr = Printed(codepage="CP1252", cut=rng.random() < 0.7)
    items = pick_items(rng, most=6)
    refund = rng.random() < 0.15
    sign = -1 if refund else 1
    multiband = rng.random() < 0.3
    bands = {it.name: (rng.choice("AZ") if multiband else "A") for it in items}
    rates = {"A": Decimal("20.0"), "Z": Decimal("0.0")}
    total = sign * sum(it.value for it in items)
    is_open = not refund and rng.random() < 0.1
    dt = when(rng)
    trans = rng.randint(1200, 98000)

    def money(p: int) -> str:  # "%s%s" % (currency, amount): £-1.20 when negative
        return f"£{pounds(p)}"

    pr.add(centre("Hilltop Community Cafe", wa), bold=True)
    for line in rng.choice([["12 Mill Road", "Cambridge CB1 2AB"], ["The Old Library"]]):
        pr.add(centre(line, wa), red=True)
    pr.add(centre("Tel. 01223 " + str(rng.randint(100000, 999999)), wa))
    pr.add()
    for it in items:
        unit = sign * it.unit
        right = money(unit) if it.qty == 1 else (
            f"{it.qty} @ {money(unit)} = {money(it.qty * unit)}")
        if multiband and not is_open:
            right += f" {bands[it.name]}"
        pr.add(lr(it.name, right, wb), font="b")
    pad = "  " if multiband else ""
    pr.add(lr("", f"Subtotal {money(total)}{pad}", wa), bold=True, red=True)
    tender: str | None
    if is_open:
        tender = None
    elif refund:
        tender = rng.choice(["cash", "card"])
        word = "Cash refund" if tender == "cash" else "Card"
        pr.add(lr("", f"{word} {money(total)}{pad}", wa))
    else:
        kind = rng.choice(["cash", "cash", "card", "card ref", "split"])
        if kind == "cash":
            given = _cash_tendered(rng, total)
            pr.add(lr("", f"Cash {money(given)}{pad}", wa))
            if given > total:
                pr.add(lr("", f"Change {money(total - given)}{pad}", wa))
            tender = "cash"
        elif kind in ("card", "card ref"):
            ref = f" {rng.randint(100000, 999999)}" if kind == "card ref" else ""
            pr.add(lr("", f"Card{ref} {money(total)}{pad}", wa))
            tender = "card"
        else:
            part = max(1, total // 2 // 10 * 10)
            pr.add(lr("", f"Card {money(part)}{pad}", wa))
            pr.add(lr("", f"Cash {money(total - part)}{pad}", wa))
            tender = None  # two tenders: no single one
    pr.add()
    if is_open:
        pr.add(centre("This is not a VAT receipt", wa), bold=True, red=True)
        pr.add(centre(f"Transaction number {trans}", wa))
    else:
        pr.add(centre("Hilltop Community Cafe Ltd", wa))
        pr.add(centre("12 Mill Road, Cambridge", wa))
        pr.add()
        pr.add(f"VAT reg no. GB {rng.randint(100, 999)} {rng.randint(1000, 9999)} 12")
        for band in sorted(set(bands.values())):
            gross = sign * sum(it.value for it in items if bands[it.name] == band)
            rate = rates[band]
            net = _round(Decimal(gross) / (rate / 100 + 1))
            pr.add(lr(f"{band}: {money(net)} net, {money(gross - net)} VAT @ {rate}%",
                      f"Total {money(gross)}", wb), font="b")
        pr.add()
        pr.add(centre(f"Receipt number {trans}", wa))
    pr.add(centre(f"{dt:%Y-%m-%d}", wa))
    return pr, Truth(total, _truth_lines(items), str(trans), tender,
                     "refund" if refund else "sale", occurred(dt, time=False), None, [])


# --- c4sh (Atlantic777/c4sh, desk/tools.py print_receipt) ----------------------

def c4sh(rng: random.Random) -> tuple[Printed, Truth]:
    """An event cash desk's receipt, text sent raw to the printer with CR LF:
    one line per position (two of the same are two lines), amounts in a
    five-wide column, ``enthaltene MwSt:`` (VAT included) and ``Summe:``,
    then the date with the desk's name and ``Belegnummer: N``."""
    pr = Printed(codepage="AUTO", cut=True, newline="\r\n")
    items = pick_items(rng, most=4, most_qty=3)
    positions = [it.name for it in items for _ in range(it.qty)]
    prices = [it.unit for it in items for _ in range(it.qty)]
    total = sum(prices)
    dt = when(rng)
    pk = rng.randint(1, 60000)

    def gap(p: int) -> str:
        s = pounds(p)
        return " " * (5 - len(s)) + s

    for line in ["            Hilltop Makerspace", "        Gemeinnuetziger Verein e.V.",
                 "             Postfach 640 23 6", "               10048 Berlin", ""]:
        pr.add(line)
    pr.add(" Artikel                                EUR")
    pr.add(" " + "-" * 41)
    for name, price in zip(positions, prices, strict=True):
        pr.add(f" {name}{' ' * (34 - len(name))} {gap(price)}")
    pr.add(" " + "-" * 41)
    mwst = total - _round(Decimal(total) / Decimal("1.19"))
    pr.add(f"                  enthaltene MwSt:   {gap(mwst)}")
    pr.add(f"                            Summe:  {gap(total)}")
    for line in ["", "", "    Leistungsdatum gleich Rechnungsdatum",
                 "           Preise inkl. 19% MwSt", "               Vielen Dank!", ""]:
        pr.add(line)
    desk = rng.choice(["Kasse 1", "Kasse 2", "Cafe-Tresen", "Desk 3"])
    pr.add(f"          {dt:%d.%m.%Y %H:%M} {desk}")
    pr.add(f"              Belegnummer: {pk}")
    for _ in range(8):
        pr.add()
    return pr, Truth(total, [(n, 1, p) for n, p in zip(positions, prices, strict=True)],
                     str(pk), None, "sale", occurred(dt, seconds=False), None, [])


# --- a shop's Python thermal receipt module ----------------------------------
# (walidkalikali02-ux/doha-roastery-pos-v2, thermal_printer/receipt_printer.py)

def roastery(rng: random.Random) -> tuple[Printed, Truth]:
    """A coffee shop's own receipt module: ``Date:``, ``Invoice:``, a column
    table (name 20 / qty / unit / total at 48 columns; name 12 / qty / total
    at 32) with long names printed again in full under the row, ``Subtotal``,
    ``Tax`` (added on top), ``Discount`` (negative), ``GRAND TOTAL``, then
    ``Payment Method``, ``Paid Amount`` and ``Change Amount``."""
    width = rng.choice([48, 32])
    pr = Printed(codepage="AUTO", cut=True)
    items = pick_items(rng, most=5)
    dt = when(rng)
    number = f"INV-{dt.year}-{rng.randint(1, 9999):04d}"
    subtotal = sum(it.value for it in items)
    discount = 0
    if rng.random() < 0.3:
        discount = rng.choice([subtotal // 10] + [d for d in (50, 100) if 2 * d < subtotal])
    tax = 0 if rng.random() < 0.5 else _round(Decimal(subtotal - discount) * Decimal("0.2"))
    total = subtotal - discount + tax
    store = "HILLTOP COFFEE HOUSE"

    def row(left: str, right: str) -> str:
        return left + " " * max(0, width - len(left) - len(right)) + right

    pr.add(store, align="center", bold=True)
    pr.add(store.center(width))
    if rng.random() < 0.5:
        pr.add("Station Road Branch".center(width))
    pr.add(f"Date: {dt:%Y-%m-%d %H:%M}")
    pr.add(f"Invoice: {number}")
    pr.add("-" * width)
    name_w = 20 if width == 48 else 12
    pr.add(f"{'Item name':<20} {'Qty':>4} {'Price':>10} {'Total':>10}" if width == 48
           else f"{'Item name':<12} {'Qty':>4} {'Total':>14}")
    pr.add("-" * width)
    for it in items:
        if width == 48:
            pr.add(f"{it.name[:20]:<20} {it.qty:>4} {pounds(it.unit):>10} "
                   f"{pounds(it.value):>10}")
        else:
            pr.add(f"{it.name[:12]:<12} {it.qty:>4} {pounds(it.value):>14}")
        if len(it.name) > name_w:
            pr.add(f"  {it.name}")
    pr.add("-" * width)
    pr.add(row("Subtotal", pounds(subtotal)))
    pr.add(row("Tax", pounds(tax)))
    if discount > 0:
        pr.add(row("Discount", f"-{pounds(discount)}"))
    pr.add("-" * width)
    pr.add(row("GRAND TOTAL", pounds(total)))
    pr.add("=" * width)
    method = rng.choice(["Cash", "Cash", "Card", "Card", "Account", "Split"])
    paid = _cash_tendered(rng, total) if method == "Cash" else total
    pr.add(row("Payment Method", method))
    pr.add(row("Paid Amount", pounds(paid)))
    pr.add(row("Change Amount", pounds(paid - total)))
    pr.add("-" * width)
    pr.add("Thank you for your visit!".center(width))
    if rng.random() < 0.5:
        pr.add(f"VAT/Tax: GB{rng.randint(100000000, 999999999)}".center(width))
    pr.add("\n\n")
    lines = _truth_lines(items) + ([("Discount", 1, -discount)] if discount else [])
    tender = {"Cash": "cash", "Card": "card", "Account": "account", "Split": None}[method]
    return pr, Truth(total, lines, number, tender, "sale", occurred(dt, seconds=False),
                     None, [f"tax_on_top={tax}"] if tax else [])


# --- Lemon POS (miguelchavez/lemonpos, src/lemonview.cpp printTicket) -------

def lemonpos(rng: random.Random) -> tuple[Printed, Truth]:
    """A KDE point of sale's text ticket, written straight to ``/dev/lp0`` in
    the configured codec: ``# 1234  Salesperson:``, a long date, ``Qty /
    Product / Price / Total`` with the quantity first (``2 Pc``), the name cut
    to 14 and whole amounts without ``.00``; ``* Discount *`` under a
    discounted line (already taken off its total); ``3 articles.  A total of
    £4.20``, ``You saved``, ``Paid with £5.00, your change is £0.80``, and the
    card's number and authorisation for a card."""
    pr = Printed(codepage="raw:cp850", prefix=b"\x1bK0\x1bK ", suffix=b"\x1bd\x06")
    items = pick_items(rng, most=5, most_qty=3)
    discs = {it.name: (rng.choice([10, 20, 25]) if rng.random() < 0.2 else 0) for it in items}
    totals = {it.name: (it.unit - discs[it.name]) * it.qty for it in items}
    total = sum(totals.values())
    dt = when(rng)
    number = rng.randint(1, 40000)

    def num(p: int, chop: bool = True) -> str:  # localeForPrinting.toString(x, 'f', 2)
        s = pounds(p)
        return s[:-3] if chop and s.endswith(".00") else s

    pr.add("Hilltop Cafe, 12 Mill Road")
    pr.add(f"Terminal #{rng.randint(1, 3)}")
    pr.add(f"# {number}  Salesperson: {rng.choice(['admin', 'Sam', 'Priya'])}")
    pr.add(f"{dt:%A %d %B %Y %H:%M}")
    pr.add("          ")
    pr.add("Qty     Product         Price    Total ")
    pr.add("------  --------------  -------  -------")
    for it in items:
        qty = f"{it.qty} Pc"[:6].ljust(6)
        pr.add(f"{qty}  {it.name[:14]:<14}  {num(it.unit):>7}  {num(totals[it.name]):>7}")
        if discs[it.name]:
            pr.add(f"        * Discount *     -{num(discs[it.name] * it.qty, chop=False)}")
    pr.add("  ")
    count = sum(it.qty for it in items)
    pr.add(f"{count} article{'s' if count > 1 else ''}.  A total of £{pounds(total)}")
    saved = sum(discs[it.name] * it.qty for it in items)
    if saved:
        pr.add(f"You saved £{pounds(saved)}")
    pr.add(" ")
    card = rng.random() < 0.35
    paid = total if card else _cash_tendered(rng, total)
    pr.add(f"Paid with £{pounds(paid)}, your change is £{pounds(paid - total)}")
    pr.add(" ")
    if card:
        pr.add(f"Card Number:**** {rng.randint(1000, 9999)} ")
        pr.add(f"Authorisation #:{rng.randint(100000, 999999)}")
        pr.add(" ")
    pr.add("Thank you for your visit!")
    # Only cash gives change; exact cash prints nothing that says how.
    tender = "card" if card else ("cash" if paid > total else None)
    return pr, Truth(total, [(it.name[:14].strip(), it.qty, totals[it.name]) for it in items],
                     str(number), tender, "sale", occurred(dt, seconds=False), None, [])


# --- a UK college refectory's cashless till (school-d) -------------------------

def school_d(rng: random.Random) -> tuple[Printed, Truth]:
    """A sixth-form college refectory on a biometric/card cashless system
    (Cunninghams IMPACT or sQuid as schools describe them); wording ours:
    ``Txn #``, ``Cashless ID``, ``name (x2)``, ``TO PAY`` / ``REFUNDED``,
    ``Tender CASHLESS`` / ``FSM ALLOWANCE`` / ``CASH`` / ``CARD``, ``Change
    Given``, ``Credited`` on a refund, balances brought and carried forward."""
    width = rng.choice([40, 42, 48])
    pr = Printed(codepage=rng.choice(CODEPAGES), cut=rng.random() < 0.8)
    items = pick_items(rng, most=5, most_qty=3)
    lines = _truth_lines(items)
    if len(items) >= 2 and rng.random() < 0.3:
        lines.append(("Meal Deal Applied", 1, -45))
    total = sum(v for _, _, v in lines)
    refund = rng.random() < 0.12
    who = rng.choices(["student", "staff", "visitor"], [7, 2, 1])[0]
    fsm = who == "student" and rng.random() < 0.3
    account = str(rng.randint(10000, 69999)) if who == "student" else None
    dt = when(rng)
    txn = f"{rng.randint(1, 999999):06d}"
    seconds = rng.random() < 0.5

    def money(p: int) -> str:
        return f"£{pounds(p)}"

    pr.add("RIVERSIDE COLLEGE", align="center", double_height=True, double_width=True)
    pr.add(f"Refectory - Till {rng.randint(1, 6)}", align="center")
    if refund:
        pr.add("*** REFUND VOUCHER ***", align="center", bold=True)
    if seconds:
        pr.add(lr(f"{dt:%d %b %y}", f"{dt:%H:%M:%S}", width))
    else:
        pr.add(lr(f"{dt:%a %d/%m/%Y}", f"{dt:%H:%M}", width))
    pr.add(lr(f"Txn #{txn}", f"Op: {rng.choice(['Sam', 'Bev', 'Mo', 'Kath'])}", width))
    if who == "student":
        pr.add(lr("Student", rng.choice(NAMES), width))
        pr.add(lr("Tutor Grp", rng.choice(["12JS", "13AB", "12RK", "13MW"]), width))
        pr.add(lr("Cashless ID", account or "", width))
        if fsm:
            pr.add("FSM", align="center", bold=True)
    elif who == "staff":
        pr.add(lr("Staff", rng.choice(["Mr Patel", "Ms Hughes", "Dr Okafor"]), width))
    pr.add("-" * width)
    for name, qty, value in lines:
        label = name if qty == 1 else f"{name} (x{qty})"
        pr.add(lr(label, pounds(value), width))
    pr.add("-" * width)
    pr.add(lr("REFUNDED" if refund else "TO PAY", money(total), width), bold=True)
    tender: str | None
    purse = 0  # what the cashless purse pays (or is credited, on a refund)
    if refund:
        word = {"student": "FSM ALLOWANCE" if fsm else "CASHLESS"}.get(who, "CASH")
        pr.add(lr(f"Credited {word}", money(total), width))
        tender = {"CASHLESS": "account", "FSM ALLOWANCE": "fsm", "CASH": "cash"}[word]
        purse = -total if word == "CASHLESS" else 0
    elif who == "student" and fsm:
        allowance = 250
        if total <= allowance:
            pr.add(lr("Tender FSM ALLOWANCE", money(total), width))
            tender = "fsm"
        else:
            pr.add(lr("Tender FSM ALLOWANCE", money(allowance), width))
            pr.add(lr("Tender CASHLESS", money(total - allowance), width))
            purse = total - allowance
            tender = None
    elif who == "student" and rng.random() < 0.75:
        pr.add(lr("Tender CASHLESS", money(total), width))
        purse = total
        tender = "account"
    elif who == "student" and rng.random() < 0.5 and total > 100:
        part = total // 2 // 10 * 10
        pr.add(lr("Tender CASHLESS", money(part), width))
        purse = part
        given = _cash_tendered(rng, total - part)
        pr.add(lr("Tender CASH", money(given), width))
        if given > total - part:
            pr.add(lr("Change Given", money(given - (total - part)), width))
        tender = None
    elif who == "staff" and rng.random() < 0.5:
        pr.add(lr("Tender CARD", money(total), width))
        tender = "card"
    else:
        given = _cash_tendered(rng, total)
        pr.add(lr("Tender CASH", money(given), width))
        if given > total:
            pr.add(lr("Change Given", money(given - total), width))
        tender = "cash"
    if who == "student":
        before = max(0, purse) + rng.randint(0, 2500)
        pr.add("-" * width)
        pr.add(lr("Cash Bal B/F", money(before), width))
        pr.add(lr("Cash Bal C/F", money(before - purse), width))
        if fsm:
            pr.add(lr("FSM Remaining", money(max(0, 250 - (0 if refund else total))), width))
        pr.add(lr("Spent Today", money(0 if refund else total), width))
        limit = max(rng.choice([500, 600, 800]), -(-total // 100) * 100)
        pr.add(lr("Daily Limit", money(limit), width))
    pr.add(rng.choice(["Top up online with sQuid", "Thank you"]), align="center")
    return pr, Truth(-total if refund else total, lines, txn, tender,
                     "refund" if refund else "sale", occurred(dt, seconds=seconds),
                     account, [])


# --- NextPOS Printing, an ERPNext app (bboa3/nextpos_printing_mz) --------------

def nextpos_mz(rng: random.Random) -> tuple[Printed, Truth]:
    """An ERPNext POS Invoice printed as ESC/POS text by a Frappe app, labels
    in Portuguese: ``Cliente:`` and the customer's tax id ``NUIT:``, ``Data:``,
    ``Fatura No:`` (the invoice name), ``Descricao / Qtd / Valor``,
    ``Sub-total``, a line per tax (added on top), ``TOTAL`` with the currency
    code after the amount, the first payment's ``Pagamento:`` mode and
    ``Ref.:``, ``Troco:``, then ``TOTAL A PAGAR`` and the amount alone, double
    height, on the next line. Labels are bold by ESC E within the line."""
    width = rng.choice([48, 42])
    c1, c2 = int(width * 0.60), int(width * 0.10)
    c3 = width - c1 - c2 - 2
    pr = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]), cut=False)
    items = pick_items(rng, most=5, most_qty=3)
    dt = when(rng)
    number = rng.choice(["POS-INV", "ACC-PSINV"]) + f"-{dt.year}-{rng.randint(1, 99999):05d}"
    subtotal = sum(it.value for it in items)
    taxed = rng.random() < 0.6
    tax = _round(Decimal(subtotal) * Decimal("0.2")) if taxed else 0
    total = subtotal + tax
    bold_on, bold_off = "\x1bE\x01", "\x1bE\x00"

    def amount(p: int, code: bool = False) -> str:
        return f"{p / 100:,.2f}" + (" GBP" if code else "")

    def row(label: str, value: str) -> str:
        return label.ljust(width - len(value)) + value

    pr.add(bold_on + "Hilltop School Kitchen Ltd".center(width) + bold_off)
    pr.add("1 Station Road, Leeds".center(width))
    pr.add(f"NUIT: {rng.randint(400000000, 499999999)}".center(width))
    pr.add()
    pr.add("-" * width)
    pr.add(f"{bold_on}Cliente:{bold_off} "
           + rng.choice(["Walk-in Customer", "Hilltop PTA", "Mrs A Jones"]))
    if rng.random() < 0.5:
        pr.add(f"{bold_on}NUIT:{bold_off} {rng.randint(100000000, 399999999)}")
    pr.add(f"{bold_on}Data:{bold_off} {dt:%d/%m/%Y %H:%M}")
    pr.add(f"{bold_on}Fatura No:{bold_off} {number}")
    pr.add()
    pr.add("-" * width)
    pr.add(bold_on + f"{'Descricao':<{c1}} {'Qtd':>{c2}} {'Valor':>{c3}}" + bold_off)
    show_rate = rng.random() < 0.3  # the guide's "Show Item Rate" customisation
    for it in items:
        pr.add(f"{it.name[:c1]:<{c1}} {it.qty:>{c2}} {amount(it.value):>{c3}}")
        if show_rate:
            pr.add(f"   @ {amount(it.unit)} cada")
    pr.add("-" * width)
    pr.add(row("Sub-total", amount(subtotal, True)))
    if taxed:
        pr.add(row(rng.choice(["VAT 20%", "IVA 20%", "VAT @ 20.0"]), amount(tax, True)))
    pr.add(bold_on + row("TOTAL", amount(total, True)) + bold_off)
    pr.add("-" * width)
    mode = rng.choice(["Cash", "Cash", "Credit Card", "Debit Card", "Wire Transfer"])
    pr.add(f"{bold_on}Pagamento:{bold_off} {mode}")
    if mode != "Cash" and rng.random() < 0.7:
        pr.add(f"{bold_on}Ref.:{bold_off} {mode[:2].upper()}-{dt:%Y%m%d}-"
               f"{rng.randint(1000, 9999)}")
    if mode == "Cash":
        given = _cash_tendered(rng, total)
        if given > total:
            pr.add("Troco: " + amount(given - total, True))
    tender = {"Cash": "cash", "Credit Card": "card", "Debit Card": "card",
              "Wire Transfer": "wire transfer"}[mode]
    pr.add("-" * width)
    pr.add(bold_on + "TOTAL A PAGAR".center(width) + bold_off)
    pr.add("\x1b!\x10" + amount(total, True).center(width) + "\x1b!\x00")
    pr.add("=" * width)
    pr.add("Processado por Computador".center(width))
    pr.add("-" * width)
    pr.add("0113 496 0000 | office@hilltop.example".center(width))
    pr.add("**** FATURA FINAL ****".center(width))
    pr.add("\n\n")
    return pr, Truth(total, _truth_lines(items), number, tender, "sale",
                     occurred(dt, seconds=False), None, [f"tax_on_top={tax}"] if tax else [])


# --- registry -----------------------------------------------------------------

LAYOUTS: dict[str, Callable[[random.Random], tuple[Printed, Truth]]] = {
    "quicktill": quicktill,
    "c4sh": c4sh,
    "roastery": roastery,
    "nextpos-mz": nextpos_mz,
    "lemonpos": lemonpos,
    "school-d": school_d,
}
