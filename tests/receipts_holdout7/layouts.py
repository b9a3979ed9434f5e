"""Six real layouts, each a renderer ``(rng, i) -> (Printed, Truth)``.

What each prints where, and where we had to invent, is in README.md. Data is
ours; the shapes follow the sources.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout7 import (
    Line,
    Printed,
    cash_given,
    items,
    moment,
    money,
    php_long_date,
)

Rendered = tuple[Printed, Truth]


def _cols(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line ``width`` wide (never cut)."""
    return left + right.rjust(max(1, width - len(left)))


# --- escpos-php's example receipt, as shops adapt it -------------------------

DELI_MENU = [("Sourdough loaf", 385), ("Oat milk 1L", 165), ("Free range eggs x6", 245),
             ("Cheddar 200g", 310), ("Olive oil 500ml", 695), ("Granola", 420),
             ("Espresso beans", 850), ("Croissant", 140), ("Orange juice", 225),
             ("Tea bags x80", 299), ("Hummus", 175), ("Flat white", 280)]


def escpos_php(rng: random.Random, i: int) -> Rendered:
    """mike42/escpos-php's ``receipt-with-logo.php``: name and price columns
    (``str_pad`` to width-10 and 10), ``Subtotal`` bold, tax on top,
    ``Total`` double width with the currency sign, the date last
    (``l jS \\of F Y h:i:s A``)."""
    width = rng.choice([48, 48, 32])
    right, left = 10, width - 10
    refund = rng.random() < 0.08
    # The example prints no quantity; an Indonesian shop's copy prints
    # "qty name" and the value on the row under it.
    qty_rows = rng.random() < 0.5
    lines = items(rng, DELI_MENU, quantities=(1, 1, 1, 2, 2, 3, 5) if qty_rows else (1,))
    when = moment(rng)
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]))
    p.add("Larder & Loaf Ltd.", align="center", double_width=True)
    p.add("Unit 4, Market Hall", align="center")
    p.add()
    p.add("CREDIT NOTE" if refund else "SALES INVOICE", align="center", bold=True)
    number = f"{rng.randint(1000, 99999)}" if rng.random() < 0.5 else None
    if number:
        p.add(f"Invoice No: {number}")
    p.add(" " * left + "£".rjust(right), bold=True)
    truth_lines = []
    for ln in lines:
        if qty_rows:
            p.add(f"{ln.qty} {ln.name}".ljust(left))
            p.add(" ".ljust(left) + money(ln.value).rjust(right))
        else:
            p.add(ln.name.ljust(left) + money(ln.value).rjust(right))
        truth_lines.append((ln.name, ln.qty, ln.value))
    sub = sum(ln.value for ln in lines)
    discount = 0
    if rng.random() < 0.2 and sub > 300:
        discount = rng.choice([25, 50, 100])
        p.add("Discount".ljust(left) + money(-discount).rjust(right))
        truth_lines.append(("Discount", 1, -discount))
    p.add("Subtotal".ljust(left) + money(sub - discount).rjust(right), bold=True)
    p.add()
    rate = rng.choice([0, 5, 10, 20])
    tax = round((sub - discount) * rate / 100)
    p.add(rng.choice(["A local tax", f"Sales tax {rate}%"]).ljust(left) + money(tax).rjust(right))
    total = sub - discount + tax
    signed = -total if refund else total
    short = left // 2 - right // 2
    p.add("Total".ljust(short) + f"£ {money(signed)}".rjust(right), double_width=True)
    tender = None
    roll = rng.random()
    if not refund and roll < 0.35:
        given = cash_given(rng, total)
        p.add("Cash".ljust(left) + money(given).rjust(right))
        p.add("Change".ljust(left) + money(given - total).rjust(right))
        tender = "cash"
    elif not refund and roll < 0.55:
        p.add("Card".ljust(left) + money(total).rjust(right))
        tender = "card"
    p.add()
    p.add()
    p.add("Thank you for shopping at Larder & Loaf", align="center")
    p.add("For trading hours, please visit larderloaf.co.uk", align="center")
    p.add()
    p.add()
    p.add(f"{php_long_date(when)} {when:%I:%M:%S %p}", align="center")
    return p, Truth(signed, truth_lines, number, tender, "refund" if refund else "sale",
                    occurred(when), None, notes=[f"tax_on_top={tax}"])


# --- a hotel restaurant's order slip (escpos-php) -----------------------------

HOTEL_MENU = [("CALAMARI", 21000), ("EBI TEMPURA", 23000), ("PEANUTS", 7500),
              ("SISIG", 26500), ("PORK BARBECUE", 18000), ("SAN MIG LIGHT", 9500),
              ("BULALO", 48000), ("CRISPY PATA", 85000), ("GARLIC RICE", 6500),
              ("HALO-HALO", 15500), ("PANCIT CANTON", 32000), ("MANGO SHAKE", 12000)]
SERVERS = ["Joy", "Mark", "Liza", "Ramon", ""]
GUESTS = ["", "", "Mr Tan", "Room 214", "Ms Reyes"]


def order_slip(rng: random.Random, i: int) -> Rendered:
    """The hotel's ``os-OS-1.php``: ORDER SLIP and its number, ``Bill No   :S-14``
    and friends, each item's name on a line and ``qty unit total`` padded
    8/10/22 under it, the date on two lines last."""
    lines = items(rng, HOTEL_MENU, quantities=(1, 1, 1, 2, 2, 3, 4, 6))
    when = moment(rng)
    slip = f"O-{rng.randint(1, 999)}"
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), cut=rng.random() < 0.7)
    p.add("Harbour View Hotel", align="center")
    p.add("Magsaysay Street Corner Rizal", align="center")
    p.add("Brgy. Poblacion", align="center")
    p.add("Dumaguete City", align="center")
    p.add()
    p.add("ORDER SLIP", align="center", bold=True)
    p.add(slip, align="center", bold=True)
    p.add()
    p.add(f"Bill No   :S-{rng.randint(1, 400)}")
    p.add(f"Server    :{rng.choice(SERVERS):>3}")
    p.add(f"Customer  :{rng.choice(GUESTS):>3}")
    p.add(f"Table     :{rng.choice('ABC')}-{rng.randint(1, 30)}")
    p.add()

    def row(name: str, qty: str, unit: str, value: int) -> None:
        p.add(name.ljust(20))
        p.add(qty.rjust(8) + unit.rjust(10) + money(value, thousands=",").rjust(22))

    truth_lines = []
    for ln in lines:
        row(ln.name, str(ln.qty), money(ln.unit, thousands=","), ln.value)
        truth_lines.append((ln.name, ln.qty, ln.value))
    sub = sum(ln.value for ln in lines)
    if rng.random() < 0.15:
        # The Philippines' 20 % senior citizen discount (on the whole slip here).
        off = round(sub * 0.2)
        row("SENIOR CITIZEN DISC", "", "", -off)
        truth_lines.append(("SENIOR CITIZEN DISC", 1, -off))
        sub -= off
    p.add("TOTAL AMOUNT".ljust(18) + money(sub, thousands=",").rjust(22), bold=True)
    p.add()
    p.add(php_long_date(when))
    p.add(f"{when:%I:%M:%S %p}")
    return p, Truth(sub, truth_lines, slip, None, "sale", occurred(when), None)


# --- a Mexican pharmacy's ticket (escpos-php, 58 mm) ---------------------------

FARMA_MENU = [("PARACETAMOL 500MG", 4500), ("KINDER DELICE", 1000), ("COCA COLA 600 ML", 1800),
              ("CHEETOS VERDES 80 G", 850), ("VICK VAPORUB 50G", 7900), ("ALCOHOL 250 ML", 3200),
              ("SUERO ORAL 625ML", 2400), ("IBUPROFENO 400MG", 6500), ("CUBREBOCAS 10 PZ", 3500),
              ("AGUA 1 L", 1400), ("GASAS 10X10", 2200)]
CASHIERS = ["MARIA", "JUAN", "ADELA", "PEDRO"]


def farmacia(rng: random.Random, i: int) -> Rendered:
    """The pharmacy's ``TICKET``: its date ``d-m-Y h:i:s A`` bold, cashier and
    folio (its HTML ticket), items either as the ESC/POS code prints them
    (name and value) or in the HTML ticket's CANT/PRODUCTO/PRECIO/IMPORTE
    columns, ``Total $ 28.50`` double width, then ``PAGÓ CON``/``SU CAMBIO``."""
    width = 32
    refund = rng.random() < 0.07
    table = rng.random() < 0.6
    lines = items(rng, FARMA_MENU, quantities=(1, 1, 1, 2, 2, 3) if table else (1,))
    when = moment(rng)
    accents = rng.random() < 0.6
    p = Printed(codepage=rng.choice(["CP850", "CP858"]) if accents else rng.choice(
        ["CP437", "AUTO"]), crlf=rng.random() < 0.4)
    p.add("FARMACIAS ROJO", align="center", double_width=True)
    p.add(f"SUC. {rng.choice(['CENTRO', 'ZIMATLAN', 'LA NORIA'])}", align="center")
    p.add("DEVOLUCION" if refund else "TICKET", align="center", bold=True)
    p.add(f"{when:%d-%m-%Y %I:%M:%S %p}", align="center", bold=True)
    folio = f"{rng.randint(1, 99999):06d}"
    p.add(f"CAJERO: {rng.choice(CASHIERS)}", align="center")
    p.add(f"No. Folio: {folio}", align="center")
    truth_lines = []
    if table:
        p.add(f"{'CANT':<5}{'PRODUCTO':<12}{'PRECIO':>7}{'IMPORTE':>8}")
        for ln in lines:
            name = ln.name[:11].rstrip()  # the column cuts it
            p.add(f"{ln.qty:.2f}".ljust(5) + name.ljust(12) + money(ln.unit).rjust(7)
                  + money(ln.value).rjust(8))
            truth_lines.append((name, ln.qty, ln.value))
    else:
        p.add("PRODUCTO".ljust(width - 10) + "$".rjust(10))
        for ln in lines:
            p.add(ln.name.ljust(width - 10) + money(ln.value).rjust(10))
            truth_lines.append((ln.name, 1, ln.value))
    total = sum(ln.value for ln in lines)
    if not refund and rng.random() < 0.15:
        off = round(total * 0.1)
        p.add("DESCUENTO INAPAM".ljust(width - 10) + money(-off).rjust(10))
        truth_lines.append(("DESCUENTO INAPAM", 1, -off))
        total -= off
    p.add()
    signed = -total if refund else total
    p.add("Total".ljust(6) + f"$ {money(signed)}".rjust(10), double_width=True)
    paid = "PAGÓ CON" if accents else "PAGO CON"
    if refund:
        p.add(f"REEMBOLSO EN EFECTIVO: ${money(total)}")
        tender = "cash"
    elif rng.random() < 0.3:
        p.add(f"{paid} TARJETA: ${money(total)}")
        tender = "card"
    else:
        given = cash_given(rng, total, notes=(2000, 5000, 10000, 20000, 50000))
        p.add(f"{paid}: ${money(given)}")
        p.add(f"SU CAMBIO: ${money(given - total)}")
        # Money handed over and change, no tender word: change is cash's alone
        # (TENDERS.md); paid exact, the paper does not say.
        tender = "cash" if given > total else None
    p.add()
    p.add()
    p.add("FARMACIAS ROJO AGRADECE SU PREFERENCIA.", align="center")
    p.add("¡GRACIAS POR SU COMPRA!" if accents else "GRACIAS POR SU COMPRA", align="center")
    return p, Truth(signed, truth_lines, folio, tender, "refund" if refund else "sale",
                    occurred(when), None)


# --- a Brazilian bakery's "cupom não fiscal" -----------------------------------

PADARIA_MENU = [("Pão de queijo", 450), ("Café com leite", 600), ("Coxinha", 750),
                ("Doce de brigadeiro", 799), ("Misto quente", 1150), ("Suco de laranja", 900),
                ("Pastel de carne", 850), ("Bolo de fubá", 650), ("Água mineral", 400),
                ("Pão francês", 90), ("Empada de frango", 800)]
CLIENTES = ["Ana Souza", "Carlos Lima", "Beatriz Rocha", "João Pereira"]


def cupom(rng: random.Random, i: int) -> Rendered:
    """The cupom's table: the item's name on a row, ``R$7,99  2.0  R$15,98``
    (unit, quantity, total) under it; TOTAIS with SUB-TOTAL, TAXA DE SERVIÇO
    (on top), DESCONTO as a percentage only, TOTAL; PAGAMENTOS, TOTAL PAGO,
    TROCO."""
    width = rng.choice([32, 42])
    third = width // 3
    lines = items(rng, PADARIA_MENU, quantities=(1, 1, 2, 2, 3, 4, 6))
    when = moment(rng)
    p = Printed(codepage=rng.choice(["CP850", "CP858", "AUTO"]), cut=rng.random() < 0.75)
    p.add("Padaria Bom Dia", align="center", bold=True)
    p.add(f"{when:%d/%m/%Y - %H:%M:%S}", align="center")
    if rng.random() < 0.6:
        p.add(rng.choice(CLIENTES), align="center")
        p.add(f"{rng.randint(100, 999)}.{rng.randint(100, 999)}.{rng.randint(100, 999)}-"
              f"{rng.randint(10, 99)}", align="center")
    p.add("CUPOM NÃO FISCAL", align="center", bold=True)

    def row(name: str, qty: int, unit: int) -> None:
        p.add(name)
        p.add(f"R${money(unit, ',')}".ljust(third) + f"{qty:.1f}".center(width - 2 * third)
              + f"R${money(qty * unit, ',')}".rjust(third))
        truth_lines.append((name, qty, qty * unit))

    truth_lines: list[tuple[str, int, int]] = []
    for ln in lines:
        row(ln.name, ln.qty, ln.unit)
        if rng.random() < 0.15:
            row(f"Opcional Adicional: {rng.choice(['grande', 'sem açúcar', 'duplo'])}",
                ln.qty, rng.choice([33, 50, 100]))
    sub = sum(v for _, _, v in truth_lines)
    service = round(sub * 0.1) if rng.random() < 0.5 else 0
    pct = rng.choice([0, 0, 0, 5, 10])
    off = round((sub + service) * pct / 100)
    total = sub + service - off
    p.add("TOTAIS", bold=True)
    p.add(_cols("SUB-TOTAL", f"R${money(sub, ',')}", width))
    if service:
        p.add(_cols("TAXA DE SERVIÇO", f"R${money(service, ',')}", width))
    if pct:
        p.add(_cols("DESCONTO", f"{pct},00%", width))
    p.add(_cols("TOTAL", f"R${money(total, ',')}", width), bold=True)
    p.add("PAGAMENTOS", bold=True)
    roll = rng.random()
    if roll < 0.45:
        paid = cash_given(rng, total, notes=(500, 1000, 2000, 5000, 10000))
        p.add(_cols("DINHEIRO", f"R${money(paid, ',')}", width))
        tender = "cash"
    elif roll < 0.75:
        paid = total
        p.add(_cols(rng.choice(["CARTÃO DE DÉBITO", "CARTÃO DE CRÉDITO"]),
                    f"R${money(paid, ',')}", width))
        tender = "card"
    elif roll < 0.85 or total <= 1000:
        paid = total
        p.add(_cols("VOUCHER", f"R${money(paid, ',')}", width))
        tender = "voucher"
    else:
        voucher = 1000
        cash = cash_given(rng, total - voucher, notes=(500, 1000, 2000, 5000, 10000))
        paid = voucher + cash
        p.add(_cols("VOUCHER", f"R${money(voucher, ',')}", width))
        p.add(_cols("DINHEIRO", f"R${money(cash, ',')}", width))
        tender = None  # a split
    p.add(_cols("TOTAL PAGO", f"R${money(paid, ',')}", width))
    p.add(_cols("TROCO", f"R${money(paid - total, ',')}", width))
    notes = [f"tax_on_top={service}"] + ([f"desconto={off}"] if off else [])
    return p, Truth(total, truth_lines, None, tender, "sale", occurred(when), None, notes)


# --- a UK secondary school's dining room on sQuid --------------------------------

SCHOOL_MENU = [("Pasta pot", 210), ("Fruit pot", 60), ("Jacket potato & beans", 230),
               ("Pizza slice", 150), ("Cookie", 45), ("Water 500ml", 60),
               ("Main meal of the day", 255), ("Panini ham & cheese", 225), ("Yoghurt", 55),
               ("Toast", 40), ("Smoothie", 130), ("Chicken curry & rice", 260)]
PUPILS = ["Poppy McArdle", "Kai Osei", "Zain Hussain", "Ruby Fletcher", "Oliver Nowak",
          "Ava-Mae Clarke", "Freddie O'Neill"]
STAFF = ["Mr Hughes", "Mrs Adeyemi", "Ms Kowalski"]
FSM_ALLOWANCE = 255


def _p(pence: int) -> str:
    """A school price as a school prints it: ``60p`` under a pound, else ``£2.10``."""
    return f"{pence}p" if pence < 100 else f"£{money(pence)}"


def squid_school(rng: random.Random, i: int) -> Rendered:
    """Our own wording for a school dining room whose purses are sQuid's:
    ``Served 12:41 on 06/04/26``, a transaction number, the pupil, form and
    purse id, ``Name (2 @ 60p)  £1.20`` items, TOTAL SPENT, the purse or free
    meal that paid, purse and allowance balances."""
    width = rng.choice([40, 32])
    who = rng.choices(["pupil", "staff", "visitor"], [70, 15, 15])[0]
    refund = who == "pupil" and rng.random() < 0.08
    lines = items(rng, SCHOOL_MENU, most=4, quantities=(1, 1, 1, 1, 2, 2, 3))
    when = moment(rng)
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850", "AUTO"]))
    p.add("ST CUTHBERT'S HIGH SCHOOL", align="center", bold=True)
    p.add(f"Dining Room - Till {rng.randint(1, 4)}", align="center")
    if refund:
        p.add("** REFUND **", align="center", double_height=True)
    p.add(f"Transaction {rng.randint(1, 4)}-{rng.randint(1, 999999):06d}")
    p.add(f"Served {when:%H:%M} on {when:%d/%m/%y}")
    number = p.rows[-2][0].split()[1]
    purse = None
    if who == "pupil":
        p.add(f"Pupil    {rng.choice(PUPILS)}")
        p.add(f"Form     {rng.randint(7, 11)}{rng.choice('CFHS')}")
    elif who == "staff":
        p.add(f"Staff    {rng.choice(STAFF)}")
    fsm = who == "pupil" and not refund and rng.random() < 0.3
    if who == "pupil" or (who == "staff" and rng.random() < 0.5):
        purse = f"{rng.randint(1000000, 9999999)}"
        p.add(f"Purse ID {purse}")
    p.add("-" * width)
    truth_lines = []
    for ln in lines:
        extra = f" ({ln.qty} @ {_p(ln.unit)})" if ln.qty > 1 else ""
        value = f"£{money(ln.value)}"
        room = width - len(value) - 1 - len(extra)
        name = ln.name[:room].rstrip()
        p.add(_cols(name + extra, value, width))
        truth_lines.append((name, ln.qty, ln.value))
    total = sum(ln.value for ln in lines)
    if not refund and len(lines) >= 2 and rng.random() < 0.3:
        off = rng.choice([30, 45, 60])
        p.add(_cols("Meal deal saving", f"-£{money(off)}", width))
        truth_lines.append(("Meal deal saving", 1, -off))
        total -= off
    p.add("-" * width)
    if refund:
        p.add(_cols("TOTAL REFUNDED", f"£{money(total)}", width), bold=True)
        p.add(_cols("Back to catering purse", f"£{money(total)}", width))
        tender = "account"
    else:
        p.add(_cols("TOTAL SPENT", f"£{money(total)}", width), bold=True)
        if fsm:
            free = min(total, FSM_ALLOWANCE)
            p.add(_cols("Free school meal", f"£{money(free)}", width))
            if total > free:
                p.add(_cols("Catering purse", f"£{money(total - free)}", width))
            tender = "fsm" if total == free else None
        elif purse:
            p.add(_cols("Catering purse", f"£{money(total)}", width))
            tender = "account"
        elif who == "staff":
            p.add(_cols("Card payment", f"£{money(total)}", width))
            tender = "card"
        else:
            given = cash_given(rng, total)
            p.add(_cols("Cash", f"£{money(given)}", width))
            p.add(_cols("Change given", f"£{money(given - total)}", width))
            tender = "cash"
    if purse:
        p.add(_cols("Catering purse now", f"£{money(rng.randint(0, 4000))}", width))
        if fsm:
            p.add(_cols("Free meal left today", f"£{money(max(0, FSM_ALLOWANCE - total))}",
                        width))
        p.add("Top up at squidcard.com", align="center")
    return p, Truth(-total if refund else total, truth_lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), purse)


# --- an NHS hospital's staff restaurant ----------------------------------------

NHS_MENU = [("JACKET POTATO", 320), ("COFFEE REG", 145), ("TEA", 95), ("ROAST DINNER", 475),
            ("SOUP & ROLL", 260), ("FISH & CHIPS", 495), ("SALAD BOX", 350),
            ("BACON ROLL", 275), ("PORRIDGE", 150), ("SPONGE & CUSTARD", 195),
            ("WATER 500ML", 85), ("SANDWICH MEAL DEAL", 399)]


def nhs_restaurant(rng: random.Random, i: int) -> Rendered:
    """Our own wording for a hospital staff restaurant whose staff pay by a
    salary-deduction smart card: ``CHECK 20418 ... 06APR26 14:22``, the card
    number and price band, ``qty NAME @unit value`` items, TO PAY, then the
    card, contactless, cash or a meal voucher."""
    width = rng.choice([42, 40])
    staff = rng.random() < 0.6
    refund = rng.random() < 0.07
    band = 1.0 if staff else 1.2
    lines = [Line(ln.name, ln.qty, round(ln.unit * band / 5) * 5)
             for ln in items(rng, NHS_MENU, quantities=(1, 1, 1, 2, 2, 3))]
    when = moment(rng)
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]))
    p.add("TRENTSIDE UNIVERSITY HOSPITALS", align="center", double_height=True)
    p.add("NHS TRUST", align="center")
    p.add("Riverside Staff Restaurant", align="center")
    if refund:
        p.add("** REFUND **", align="center", double_height=True)
    p.add(f"TILL {rng.randint(1, 6):02d}  OP {rng.randint(1, 40)}")
    check = f"{rng.randint(1, 99999):05d}"
    p.add(_cols(f"CHECK {check}", f"{when:%d%b%y}".upper() + f" {when:%H:%M}", width))
    card = None
    if staff:
        card = f"{rng.randint(1, 9999999):07d}"
        p.add(f"STAFF CARD {card}")
    p.add(f"PRICE BAND {'STAFF' if staff else 'VISITOR'}")
    p.add("-" * width)
    truth_lines = []
    for ln in lines:
        unit = f"@{money(ln.unit)}" if ln.qty > 1 else ""
        p.add(f"{ln.qty:>2} {ln.name:<19}{unit:>8}{money(ln.value):>{width - 30}}")
        truth_lines.append((ln.name, ln.qty, ln.value))
    total = sum(ln.value for ln in lines)
    if not refund and rng.random() < 0.2:
        off = 50
        p.add(f"   {'MEAL DEAL ADJ':<27}{money(-off):>{width - 30}}")
        truth_lines.append(("MEAL DEAL ADJ", 1, -off))
        total -= off
    p.add("-" * width)
    p.add(_cols("SUBTOTAL", money(total), width))
    if refund:
        p.add(_cols("AMOUNT REFUNDED", f"£{money(total)}", width), bold=True)
        if staff:
            p.add(_cols("REFUND TO SALARY CARD", money(total), width))
            tender = "account"
        else:
            p.add(_cols("CASH REFUND", money(total), width))
            tender = "cash"
    else:
        p.add(_cols("TO PAY", f"£{money(total)}", width), bold=True)
        roll = rng.random()
        if staff and roll < 0.7:
            p.add(_cols("SALARY CARD", money(total), width))
            tender = "account"
        elif roll < 0.85 or staff:
            p.add(_cols("CONTACTLESS", money(total), width))
            tender = "card"
        elif roll < 0.93:
            voucher = min(total, 500)
            p.add(_cols("MEAL VOUCHER", money(voucher), width))
            tender = "voucher"
            if total > voucher:
                given = cash_given(rng, total - voucher)
                p.add(_cols("CASH", money(given), width))
                p.add(_cols("CHANGE", money(given - (total - voucher)), width))
                tender = None  # a split
        else:
            given = cash_given(rng, total)
            p.add(_cols("CASH", money(given), width))
            p.add(_cols("CHANGE", money(given - total), width))
            tender = "cash"
    p.add(_cols("INCL VAT", money(round(total / 6)), width))
    if staff:
        p.add(_cols("SALARY CARD MONTH TO DATE", f"£{money(rng.randint(500, 12000))}", width))
    p.add("Thank you - Trust Catering", align="center")
    return p, Truth(-total if refund else total, truth_lines, check, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), card)


LAYOUTS: dict[str, Callable[[random.Random, int], Rendered]] = {
    "escpos-php": escpos_php,
    "order-slip": order_slip,
    "farmacia": farmacia,
    "cupom": cupom,
    "squid-school": squid_school,
    "nhs-restaurant": nhs_restaurant,
}
