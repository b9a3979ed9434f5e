"""The six layouts of the fourth holdout (README.md: what each prints where, and
its source). Each takes a random source and gives what is printed and the truth
a careful reader records."""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.receipts_holdout4 import Printed, Truth, money, occurred, sale

Layout = Callable[[random.Random], tuple[Printed, Truth]]

CASHIERS = ["Ana", "Priya", "Sam", "Dev", "Mrs Khan", "Tom"]
PUPILS = [("SMITH, Jane", "9C"), ("O'NEILL, Ciaran", "7B"), ("AHMED, Zara", "10H"),
          ("WOJCIK, Piotr", "8M"), ("EVANS, Megan", "11R"), ("OKAFOR, Daniel", "12S")]


def _vat_included(gross: int) -> tuple[int, int]:
    """Net and VAT of a VAT-inclusive gross at 20 %."""
    net = round(gross / 1.2)
    return net, gross - net


def _cash_handed(rng: random.Random, due: int) -> int:
    """What a customer hands over for ``due`` pence: exact, or a round note/coin."""
    if rng.random() < 0.3:
        return due
    for note in (100, 200, 500, 1000, 2000, 5000):
        if note >= due and rng.random() < 0.7:
            return note
    return -(-due // 1000) * 1000


# --- Tryton frontend_pos (Presik) ------------------------------------------------------

def tryton(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.15)
    p = Printed(codepage=rng.choice(["AUTO", "CP858"]), width=rng.choice([48, 42]), font="b",
                cut=True)
    p.centre("CAFETERÍA LA ESQUINA")
    p.centre("Sede Norte")
    p.centre(f"NIT:{rng.randrange(800000000, 999999999)}-{rng.randrange(10)} Regimen Comun")
    p.centre("Calle 19 # 4-28")
    p.centre("Leeds Telefono:0113 496 0" + f"{rng.randrange(1000):03d}")
    p.add()
    p.add()
    number = f"FV{s.number}"
    sign = -1 if s.refund else 1
    label = "NOTA CREDITO No. " if s.refund else "FACTURA DE VENTA No. "
    p.add(label + number)
    if rng.random() < 0.5:
        date_text = s.when.strftime("%Y-%m-%d")
        date = occurred(s.when, time=False)
    else:
        date_text = s.when.strftime("%Y-%m-%d %I:%M %p")
        date = occurred(s.when, seconds=False)
    turn = rng.random() < 0.3
    p.add(f"Fecha:{date_text}" + (f"Turno: {rng.randint(1, 3)} - " if turn else ""))
    p.add("-" * p.width)
    p.add(f"Cliente: CONSUMIDOR FINAL Id: {rng.choice(['222222222222', '1020304050'])}")
    p.add("-" * p.width)
    p.lr(" Articulo ", "Subtotal ")
    p.add("-" * p.width)
    len_row = p.width - 5 - 10
    truth_lines = []
    for it in s.items:
        code = f"P{rng.randrange(100, 999)}"
        qty = sign * it.qty
        value = money(sign * it.value, sep=True)
        if qty != 1:
            p.add(f"{code} {it.name[:p.width - 11]}")
            p.lr(f"  {qty} x {money(it.unit, sep=True)}", value)
        else:
            p.lr(f"{code} {it.name[:len_row]}", value)
        # As printed: the product code is part of the printed description.
        shown = f"{code} {it.name[:p.width - 11] if qty != 1 else it.name[:len_row]}"
        truth_lines.append((shown, it.qty, it.value))
    total = sign * s.gross
    net, tax = _vat_included(total)
    p.lr("", "-" * 16)
    p.lr("Subtotal Base:", money(net, sep=True))
    p.lr("Impuesto:", money(tax, sep=True))
    p.lr("", "-" * 16)
    p.lr("Total:", money(total, sep=True))
    p.add()
    if rng.random() < 0.5:
        p.lr("Ahorro:", "0.00")
    p.add()
    received = 0 if s.refund else _cash_handed(rng, total)
    p.lr("Recibido:", money(received, sep=True))
    p.lr("Cambio:", money(received - total if received else 0, sep=True))
    p.add("-" * p.width)
    p.add()
    p.add("-" * p.width)
    p.add(f"No Items: {sum(i.qty for i in s.items)}")
    p.add(f"Pedido: PED{rng.randrange(10000, 99999)}")
    p.add(f"Caja No. {rng.randint(1, 4)}")
    p.add(f"Cajero: {rng.choice(CASHIERS)}")
    p.add()
    p.add()
    p.add("Gracias por su compra")
    p.add("SOFTWARE POS TRYTON - www.presik.com")
    # Change handed back is cash's alone (TENDERS.md); paid exact, the paper does not say.
    tender = "cash" if received and received > total else None
    return p, Truth(total, truth_lines, number, tender, "refund" if s.refund else "sale",
                    date, None, [])


# --- Casio electronic cash register, detailed receipt (UK, £) --------------------------

def casio(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.1, most=5)
    p = Printed(codepage=rng.choice(["CP437", "CP858"]), width=rng.choice([24, 30]),
                cut=rng.random() < 0.5)
    short = rng.random() < 0.5  # the SE-S6000's TA1/TX1/TL/CG or the CE-T100's long words
    if rng.random() < 0.5:
        for line in ("YOUR RECEIPT", "THANK YOU", "CALL AGAIN"):
            p.centre(line)
    else:
        p.centre("THE OLD SCHOOL CAFE", bold=True)
        p.centre("HIGH ST, OTLEY")
    p.lr("RF" if s.refund else "REG", s.when.strftime("%d-%m-%Y %H:%M"))
    number = f"{s.number % 1000000:06d}"
    p.lr(f"C{rng.randint(1, 8):02d} {rng.choice(['MARY', 'JOHN', 'KATE', 'ALI'])}", number)
    sign = -1 if s.refund else 1
    lines = []
    taxable = 0
    for it in s.items:
        name = it.name.upper()[:12]
        t1 = it.name not in ("Fruit pot", "Milk 200ml", "Bottled water", "Yoghurt")
        if it.qty > 1:
            p.add(f"  {it.qty} X @{money(it.unit)}")
        amount = money(sign * it.value, "£")
        p.lr(f"{name}{' T1' if t1 else ''}", amount)
        lines.append((name, it.qty, it.value))
        taxable += it.value if t1 else 0
        if not s.refund and rng.random() < 0.1:
            off = round(it.value * 0.1)
            p.lr("  10%", "")
            p.lr("DISCOUNT", money(-off, "£"))
            lines.append(("DISCOUNT", 1, -off))
            taxable -= off if t1 else 0
    total = sum(a for _, _, a in lines)
    _, tax = _vat_included(taxable)
    p.lr("TA1" if short else "TAX-AMT 1", money(sign * taxable, "£"))
    p.lr("TX1" if short else "TAX 1", money(sign * tax, "£"))
    if short:
        p.add("TL", bold=True)
        p.add(money(sign * total, "£").rjust(p.width), double_height=True)
    else:
        p.lr("TOTAL", money(sign * total, "£"), bold=True)
    r = rng.random()
    if s.refund or r < 0.55:
        tender = "cash"
        handed = sign * (total if s.refund else _cash_handed(rng, total))
        p.lr("CASH", money(handed, "£"))
        p.lr("CG" if short else "CHANGE", money(handed - sign * total, "£"))
    elif r < 0.85:
        tender = "card"
        p.lr("CHARGE", money(total, "£"))
    else:
        tender = None
        part = rng.randrange(1, total) if total > 1 else 0
        p.lr("CASH", money(part, "£"))
        p.lr("CHARGE", money(total - part, "£"))
    return p, Truth(sign * total, lines, number, tender, "refund" if s.refund else "sale",
                    occurred(s.when, seconds=False), None, [])


# --- Saledock POS (UK), its documented receipt -----------------------------------------

def saledock(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.15)
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]), width=rng.choice([42, 48]))
    p.centre("GREENHOUSE CANTEEN", bold=True, double_height=True)
    p.centre("Unit 4, Mill Yard, Hebden Bridge HX7 8AD")
    p.centre("01422 000 " + f"{rng.randrange(1000):03d}")
    p.centre(f"VAT No: GB {rng.randrange(100, 999)} {rng.randrange(1000, 9999)} "
             f"{rng.randrange(10, 99)}")
    p.add()
    p.add(f"Served by: {rng.choice(CASHIERS)}")
    number = f"{s.number}"
    p.add(f"Order number: {number}")
    p.add(f"Date: {s.when.strftime('%d/%m/%Y %H:%M')}")
    if rng.random() < 0.4:
        name, _ = rng.choice(PUPILS)
        p.add(f"Customer: {name.title()}")
        p.add(f"Store credit balance: {money(rng.randrange(0, 3000), '£')}")
        p.add(f"Loyalty points earned: {s.gross // 100}  Balance: {rng.randrange(50, 900)}")
    p.add("-" * p.width)
    p.lr("Item", "VAT  Qty     Total")
    sign = -1 if s.refund else 1
    lines = []
    for it in s.items:
        cat = "B" if it.name in ("Fruit pot", "Milk 200ml", "Yoghurt") else "A"
        right = f"{cat}  {sign * it.qty:>4}  {money(sign * it.value, '£'):>8}"
        p.lr(it.name, right)
        lines.append((it.name[:p.width - len(right) - 1], it.qty, it.value))
    promo = 0
    if not s.refund and len(s.items) >= 2 and rng.random() < 0.35:
        promo = 50
        p.add("Promotions")
        p.lr("  Meal deal saving", money(-promo, "£"))
        lines.append(("Meal deal saving", 1, -promo))
    subtotal = sign * (s.gross - promo)
    p.add("-" * p.width)
    p.lr("Sub-total", money(subtotal, "£"))
    discount = 0
    if not s.refund and rng.random() < 0.2:
        discount = round((s.gross - promo) * 0.1)
        p.lr("Discount", money(-discount, "£"))
        lines.append(("Discount", 1, -discount))
    due = subtotal - sign * discount
    p.lr("Balance due", money(due, "£"), bold=True)
    r = rng.random()
    last4 = f"{rng.randrange(10000):04d}"
    brand = rng.choice(["VISA", "MASTERCARD", "AMEX"])
    if s.refund:
        if r < 0.5:
            tender = "cash"
            p.lr("Cash refund", money(due, "£"))
        else:
            tender = "card"
            p.lr(f"{brand} refund ****{last4}", money(due, "£"))
    elif r < 0.45:
        tender = "cash"
        handed = _cash_handed(rng, due)
        p.lr("Cash payment", money(handed, "£"))
        p.lr("Change", money(handed - due, "£"))
    elif r < 0.8:
        tender = "card"
        p.lr(f"{brand} ****{last4}", money(due, "£"))
    elif r < 0.9:
        tender = "gift card"
        p.lr("Gift card payment", money(due, "£"))
    else:
        tender = None
        part = min(due - 1, rng.choice([500, 1000])) if due > 1 else 0
        p.lr("Gift card payment", money(part, "£"))
        p.lr(f"{brand} ****{last4}", money(due - part, "£"))
        p.lr("Total payments", money(due, "£"))
    p.add("-" * p.width)
    p.lr("VAT", "Net      VAT    Gross")
    gross_a = sum(sign * it.value for it in s.items
                  if it.name not in ("Fruit pot", "Milk 200ml", "Yoghurt"))
    gross_a -= sign * (promo + discount) if gross_a else 0
    net_a, vat_a = _vat_included(gross_a)
    p.lr("A 20%", f"{money(net_a):>6}  {money(vat_a):>6}  {money(gross_a):>7}")
    if due - gross_a:
        p.lr("B 0%", f"{money(due - gross_a):>6}  {money(0):>6}  {money(due - gross_a):>7}")
    p.add(f"Number of items: {0 if s.refund else sum(i.qty for i in s.items)}")
    p.centre("Thank you for visiting!")
    return p, Truth(due, lines, number, tender, "refund" if s.refund else "sale",
                    occurred(s.when, seconds=False), None, [])


# --- A shop's python-escpos script: double size, tax on top, TENDERD / BALANCE --------

def billpy(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.0, most=5)
    p = Printed(codepage="CP437", width=24, cut=True)
    big = {"double_width": True, "double_height": True}
    p.add("", **big)
    p.centre("CORNER DELI", **big)
    p.centre("STATION ROAD", **big)
    p.centre("LOCATION : YORK", **big)
    p.centre(f"TEL : 01904 {rng.randrange(100000, 999999)}", **big)
    p.centre(f"VAT : GB{rng.randrange(100000000, 999999999)}", **big)
    number = f"{s.number}"
    p.centre(f"Bill No. : {number}", **big)
    p.add("", **big)
    p.add(f"DATE : {s.when.strftime('%b/%d/%Y %H:%M:%S')}", **big)
    p.add(f"CASHIER : {rng.choice(CASHIERS)}", **big)
    p.add(" " + "=" * 23, **big)
    p.add("ITEM      Q PRICE    AMT", **big)
    p.add(" " + "-" * 22, **big)
    lines = []
    for it in s.items:
        name = it.name.upper()[:9]
        p.add(f"{name:<9} {it.qty:>1} {money(it.unit):>5} {money(it.value):>6}", **big)
        lines.append((name.strip(), it.qty, it.value))
    p.add(" " + "-" * 22, **big)
    sub = s.gross
    p.add(f"     SUBTOTAL: {money(sub)}", **big)
    disc = 0
    if rng.random() < 0.3:
        disc = rng.choice([50, 80, 100])
        p.add(f"     DISCOUNT: {money(disc)}", **big)
        lines.append(("DISCOUNT", 1, -disc))
    vat = round((sub - disc) * 0.2)
    p.add(f"     VAT @ 20%: {money(vat)}", **big)
    total = sub - disc + vat
    p.add(" " + "=" * 23, **big)
    p.add(f"  BILL TOTAL: {money(total)}", **big)
    handed = _cash_handed(rng, total)
    p.add(f"     TENDERD: {money(handed)}", **big)
    p.add(f"     BALANCE: {money(handed - total)}", **big)
    p.add(" " + "-" * 22, **big)
    p.centre("THANK YOU", **big)
    p.add(" " + "=" * 23, **big)
    # BALANCE is what was handed back (TENDERD less it is the total): change, cash's alone.
    return p, Truth(total, lines, number, "cash" if handed > total else None, "sale",
                    occurred(s.when), None, [f"tax_on_top={vat}"])


# --- A UK secondary school's dining hall till (our wording, from schools' pages) -------

def school_e(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.12, most=4)
    p = Printed(codepage=rng.choice(["CP858", "AUTO", "CP1252"]), width=rng.choice([32, 42]),
                crlf=rng.random() < 0.3, cut=rng.random() < 0.7)
    p.centre("ST AIDAN'S ACADEMY", double_width=True, double_height=True)
    p.centre(f"Dining Hall - Till {rng.randint(1, 3)}")
    if s.refund:
        p.centre("** CREDIT NOTE **", bold=True)
    number = f"{s.number}"
    p.lr(f"Sale No. {number}", f"Op: {rng.randint(1, 12):02d}")
    if rng.random() < 0.5:
        p.add(f"Date {s.when.strftime('%a %d-%b-%Y')}  {s.when.strftime('%H:%M')}")
        date = occurred(s.when, seconds=False)
    else:
        p.add(s.when.strftime("%d/%m/%y %H:%M:%S"))
        date = occurred(s.when)
    who = rng.random()
    account = None
    fsm = False
    if who < 0.8:
        name, form = rng.choice(PUPILS)
        account = f"{rng.randrange(1, 99999):05d}"
        p.lr("Name", name)
        p.lr("Form", form)
        p.lr("Swipecard No", account)
        fsm = rng.random() < 0.3
        if fsm:
            p.centre("* FREE MEAL *")
    else:
        p.lr("STAFF", rng.choice(["Mr Hughes", "Ms Patel", "Mrs Okoro"]))
    # Enough for what is spent: these tills refuse a sale the purse cannot cover.
    before = s.gross + rng.randrange(0, 2500)
    if account:
        p.lr("Balance before", money(before, "£"))
    p.add("-" * p.width)
    lines = []
    for it in s.items:
        label = f"{it.qty} x {it.name}" if it.qty > 1 else it.name
        p.lr(label, money(it.value, "£"))
        lines.append((it.name, it.qty, it.value))
    if not s.refund and len(s.items) >= 2 and rng.random() < 0.3:
        p.lr("Meal deal discount", money(-40, "£"))
        lines.append(("Meal deal discount", 1, -40))
    total = sum(a for _, _, a in lines)
    p.add("-" * p.width)
    if account is None:
        p.lr("VAT @20% incl.", money(_vat_included(total)[1], "£"))
    p.lr("AMOUNT CREDITED" if s.refund else "AMOUNT SPENT", money(total, "£"), bold=True)
    if s.refund:
        tender = "account" if account else "cash"
        p.lr("Credited to account" if account else "Cash refunded", money(total, "£"))
        after = before + total
    elif account and fsm:
        allowance = 265
        if total <= allowance:
            tender = "fsm"
            p.lr("Paid by free meal", money(total, "£"))
        else:
            tender = None
            p.lr("Paid by free meal", money(allowance, "£"))
            p.lr("Paid by account", money(total - allowance, "£"))
        after = before - max(0, total - allowance)
    elif account and rng.random() < 0.85:
        tender = "account"
        p.lr("Paid by account", money(total, "£"))
        after = before - total
    elif account:
        tender = None
        part = min(before, total - 1)
        p.lr("Paid by account", money(part, "£"))
        handed = _cash_handed(rng, total - part)
        p.lr("Paid by cash", money(handed, "£"))
        p.lr("Change", money(handed - (total - part), "£"))
        after = before - part
    else:
        tender = rng.choice(["cash", "card"])
        if tender == "cash":
            handed = _cash_handed(rng, total)
            p.lr("Paid by cash", money(handed, "£"))
            p.lr("Change", money(handed - total, "£"))
        else:
            p.lr("Paid by card", money(total, "£"))
        after = 0
    if account:
        p.lr("New balance", money(after, "£"))
        p.add("Daily limit £5.00")
        p.lr("Left today", money(max(0, 500 - total), "£"))
        p.centre("Top up at parentpay.com")
    p.add()
    total_signed = -total if s.refund else total
    return p, Truth(total_signed, lines, number, tender, "refund" if s.refund else "sale",
                    date, account, [])


# --- Brightpearl POS (UK), its documented receipt ------------------------------------

def brightpearl(rng: random.Random) -> tuple[Printed, Truth]:
    s = sale(rng, refunds=0.15)
    p = Printed(codepage=rng.choice(["CP858", "AUTO"]), width=rng.choice([42, 48]))
    p.centre("THE WHARF KITCHEN", bold=True)
    p.centre("Canon's Road, Bristol BS1 5UH")
    p.add(s.when.strftime("%d %B %Y %H:%M"))
    number = f"BS1-{s.number}"
    p.add(f"Receipt: {number}")
    p.add(f"Cashier: {rng.choice(CASHIERS)}")
    p.add("Store: Harbourside")
    if s.refund:
        p.centre("REFUND", bold=True)
    p.add("=" * p.width)
    sign = -1 if s.refund else 1
    lines = []
    for it in s.items:
        p.add(it.name)
        p.lr(f"  {sign * it.qty} x {money(it.unit, '£')}", money(sign * it.value, "£"))
        lines.append((it.name, it.qty, it.value))
    savings = 0
    if not s.refund and rng.random() < 0.3:
        it = rng.choice(s.items)
        savings = round(it.value * 0.2)
        p.lr("  20% off coffee & cake", money(-savings, "£"))
        lines.append(("20% off coffee & cake", 1, -savings))
    total = sign * (s.gross - savings)
    p.add("-" * p.width)
    p.lr("Subtotal", money(sign * s.gross, "£"))
    if savings:
        p.lr("Savings", money(-savings, "£"))
    p.lr("Tax", money(_vat_included(total)[1], "£"))
    p.lr("Total", money(total, "£"), bold=True)
    method = rng.choice(["Cash", "Card", "Card", "Gift voucher"])
    tender = {"Cash": "cash", "Card": "card", "Gift voucher": "gift voucher"}[method]
    p.lr(method, money(total, "£"))
    p.add("=" * p.width)
    p.centre("Returns within 28 days with receipt")
    return p, Truth(total, lines, number, tender, "refund" if s.refund else "sale",
                    occurred(s.when, seconds=False), None, [])


LAYOUTS: dict[str, Layout] = {
    "tryton-presik": tryton,
    "casio-ecr": casio,
    "saledock": saledock,
    "billpy": billpy,
    "school-e": school_e,
    "brightpearl": brightpearl,
}
