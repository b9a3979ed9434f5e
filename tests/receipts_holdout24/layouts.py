"""Our renderers of seven real layouts (sources and what is verified or
invented: README.md). Each takes the layout's random stream and the receipt's
number and returns what is printed (a ``Printed``) with its truth."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import date, datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout24 import Printed

Render = Callable[[random.Random, int], tuple[Printed, Truth]]


# --- shared pieces ----------------------------------------------------------

def _day(rng: random.Random, school: bool = False) -> date:
    """A day anywhere in 2026 (GMT and BST); a school's on a weekday."""
    day = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 350))
    if school and day.month == 8:  # the summer holiday
        day += timedelta(days=rng.choice([-21, 31]))
    while school and day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at(day: date, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second)


def _row(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width``, at least a space apart."""
    room = width - len(right) - 1
    return f"{left[:room]:<{room}} {right}"


def _centre(text: str, width: int) -> str:
    return text.center(width).rstrip()


def _paper(rng: random.Random, codepages: list[str], crlf: float, fed: float) -> Printed:
    return Printed(codepage=rng.choice(codepages), crlf=rng.random() < crlf,
                   cut=rng.random() >= fed)


def _uk(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) / 100:.2f}"


def _dot(cents: int) -> str:
    return f"{cents / 100:.2f}"


def _pick(rng: random.Random, menu: list, counts: list[int],
          qtys: list[int]) -> list[tuple]:
    """1-6 distinct menu entries, each with a quantity."""
    return [(*entry, rng.choice(qtys)) for entry in rng.sample(menu, rng.choice(counts))]


# --- a school uniform shop on WooCommerce POS (its tmpl-receipt) -----------

WOO_SHOP = [
    # name, price (pence, VAT included), VAT rate, attributes
    ("Blazer with badge", 3450, 0, "Size: 32\""), ("Polo shirt - Navy", 1100, 0, "Size: Age 11-12"),
    ("PE shorts", 950, 0, "Size: S"), ("School tie (Years 7-9)", 650, 0, ""),
    ("Jumper with logo", 1650, 0, "Size: 34\""), ("Sports socks (2 pairs)", 700, 0, ""),
    ("GCSE Maths Revision Guide", 599, 0, ""), ("Scientific calculator fx-83GT CW", 1299, 20, ""),
    ("Pencil case", 250, 20, ""), ("Water bottle 750ml", 450, 20, ""), ("Book bag", 595, 20, ""),
    ("Geometry set", 325, 20, ""), ("Homework planner", 300, 0, ""),
]
WOO_CASHIERS = ["Sam Hughes", "Priya Patel", "Lorna Reid"]


def woo_pos(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """A school uniform shop's receipt from WooCommerce POS's Handlebars template."""
    width = rng.choice([42, 48])
    p = _paper(rng, ["CP858", "CP437", "AUTO"], crlf=0.2, fed=0.15)
    day = _day(rng, school=True)
    when = _at(day, rng.choice([8, 9, 12, 15, 16]), rng.randrange(60), rng.randrange(60))
    picked = _pick(rng, WOO_SHOP, [1, 1, 2, 2, 3, 4, 5], [1, 1, 1, 2, 2, 3])
    rows, lines, vat = [], [], 0
    for name, unit, rate, attrs, qty in picked:
        subtotal = unit * qty
        total = subtotal
        if rng.random() < 0.15:  # a sale price: the template prints both
            total = subtotal - round(subtotal * rng.choice([10, 20]) / 100)
        rows.append((name, attrs, qty, subtotal, total))
        lines.append((name, qty, total))
        vat += round(total * rate / (100 + rate))
    cart = sum(total for *_, total in rows)
    coupon = 0
    if rng.random() < 0.15 and cart > 500:
        coupon = round(cart * 0.1)  # a sibling's 10 % coupon
        vat = round(vat * (cart - coupon) / cart)
    embroidery = 300 if rng.random() < 0.1 else 0
    total = cart - coupon + embroidery
    tender = rng.choice(["Cash", "Cash", "Card", "Card", "Card"])

    p.add("Marlowe Park School Shop", bold=True, align="center")
    p.add("Uniform & Stationery", align="center")
    p.add("Marlowe Park School, Leigh Road", align="center")
    p.add("Open Mon-Fri 8:15-9:00 and 15:10-16:00", align="center")
    p.add("")
    p.add(f"Paid: {_uk(total)}", bold=True, double_height=True, double_width=True, align="center")
    if tender == "Cash" and rng.random() < 0.5:
        handed = rng.choice([t for t in (1000, 2000, 5000, 10000) if t >= total] + [total])
        p.add(f"Cash tendered {_uk(handed)}, change {_uk(handed - total)}")
    p.add("")
    amount_width = 16
    name_width = width - amount_width - 5
    p.add(f"{'Product':<{name_width}} {'Qty':>3} {'Price':>{amount_width}}", bold=True)
    p.add("-" * width)
    for name, attrs, qty, subtotal, total_ in rows:
        shown = _uk(total_) if total_ == subtotal else f"{_uk(subtotal)} {_uk(total_)}"
        first, rest = name[:name_width], name[name_width:]
        if rest and " " in first:  # the cell wraps at a space
            first, rest = name[:first.rindex(" ")], name[first.rindex(" ") + 1:]
        p.add(f"{first:<{name_width}} {qty:>3} {shown:>{amount_width}}")
        if rest:
            p.add(rest)
        if attrs:
            p.add(f"  {attrs}")
    p.add("-" * width)
    p.add(_row("Cart Subtotal:", _uk(cart), width))
    if coupon:
        p.add(_row("Cart Discount:", _uk(-coupon), width))
        lines.append(("Cart Discount", 1, -coupon))
    if embroidery:
        p.add(_row("Name embroidery:", _uk(embroidery), width))
    if vat:
        p.add(_row("(incl.) VAT", _uk(vat), width))
    p.add(_row("Order Total:", _uk(total), width), bold=True)
    if rng.random() < 0.2:
        p.add(rng.choice(["Collect blazer on Friday", "Exchange within 28 days with receipt"]))
    p.add("")
    p.add(f"Order #{number + 4100}")
    stamp = f"{when:%B} {_ordinal(when.day)} {when.year}, {_clock12(when, seconds=True).lower()}"
    p.add(stamp)
    p.add(f"Cashier: {rng.choice(WOO_CASHIERS)}")
    p.add(f"Payment method: {tender}")
    truth = Truth(total=total, lines=lines, number=str(number + 4100),
                  tender=tender.lower(), kind="sale", date=occurred(when),
                  account=None, notes=[f"fee={embroidery}"] if embroidery else [])
    return p, truth


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _clock12(when: datetime, seconds: bool = False) -> str:
    hour = when.hour % 12 or 12
    tail = f":{when.second:02d}" if seconds else ""
    return f"{hour}:{when.minute:02d}{tail} {'AM' if when.hour < 12 else 'PM'}"


# --- a New Zealand café's GST tax invoice -----------------------------------

NZ_MENU = [
    ("Flat White", 550), ("Long Black", 500), ("Chai Latte", 600), ("Mince & Cheese Pie", 750),
    ("Lamington", 445), ("Kumara Chips", 895), ("Eggs Benedict", 2450),
    ("Big Breakfast", 2600), ("Afghan Biscuit", 395), ("Feijoa Smoothie", 950),
    ("Whitebait Fritter", 2800), ("Sausage Roll", 645), ("Ginger Slice", 485),
]
NZ_CAFES = [
    ("KOWHAI KITCHEN", "212 Cuba Street, Te Aro, Wellington", "112-345-678"),
    ("THE GREEN ROOM CAFE", "54 Victoria Street, Christchurch", "98-765-432"),
    ("SOUTHERN LIGHT ESPRESSO", "3 The Octagon, Dunedin", "123-004-567"),
]


def gst_nz(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """A New Zealand café's GST tax invoice: prices include GST."""
    name, address, gst_no = rng.choice(NZ_CAFES)
    width = rng.choice([40, 42])
    p = _paper(rng, ["CP437", "CP858", "AUTO"], crlf=0.3, fed=0.2)
    when = _at(_day(rng), rng.randrange(7, 16), rng.randrange(60))
    refund = rng.random() < 0.06
    picked = _pick(rng, NZ_MENU, [1, 1, 2, 2, 3, 3, 4, 5, 6], [1, 1, 1, 2, 2, 3, 4])
    lines = [(item, qty, unit * qty) for item, unit, qty in picked]
    if not refund and rng.random() < 0.12:
        coffee = next((n for n, _, _ in lines if n in ("Flat White", "Long Black", "Chai Latte")),
                      None)
        if coffee:
            lines.append(("Loyalty - free coffee", 1, -dict(NZ_MENU)[coffee]))
    goods = sum(a for _, _, a in lines)
    way = "EFTPOS" if refund else rng.choice(["EFTPOS", "EFTPOS", "Visa", "Cash", "Cash",
                                               "Cash+EFTPOS"])
    surcharge = round(goods * 0.015) if way == "Visa" else 0
    rounding = 0
    if way == "Cash":  # cash is rounded to ten cents (no 5c coins since 2006)
        rounding = (goods + 5) // 10 * 10 - goods
    total = goods + surcharge + rounding

    p.add(name, bold=True, double_width=2 * len(name) <= width, double_height=True, align="center")
    p.add(address, align="center")
    p.add(f"GST No: {gst_no}", align="center")
    p.add("")
    p.add("CREDIT NOTE" if refund else "TAX INVOICE", bold=True, align="center")
    seat = rng.choice(["Takeaway", f"Table {rng.randint(1, 24)}"])
    p.add(_row(f"Invoice: {number + 20500}", seat, width))
    p.add(_row(f"{when:%d/%m/%Y} {_clock12(when)}", f"Staff: {rng.choice(['Aroha', 'Tom', 'Mei'])}",
               width))
    p.add("-" * width)
    for item, qty, amount in lines:
        money = f"-${-amount / 100:.2f}" if amount < 0 else f"${amount / 100:.2f}"
        p.add(_row(f"{qty:>2}  {item}", money, width))
    p.add("-" * width)
    if surcharge or rounding:
        p.add(_row("Subtotal", f"${goods / 100:.2f}", width))
    if surcharge:
        p.add(_row("Card surcharge 1.5%", f"${surcharge / 100:.2f}", width))
    if rounding:
        sign = "-" if rounding < 0 else ""
        p.add(_row("Cash rounding", f"{sign}${abs(rounding) / 100:.2f}", width))
    p.add(_row("TOTAL REFUND" if refund else "TOTAL", f"${total / 100:.2f}", width), bold=True)
    p.add(_row("Includes GST of", f"${round(total * 3 / 23) / 100:.2f}", width))
    p.add("")
    if refund:
        p.add(_row("Refunded to EFTPOS", f"${total / 100:.2f}", width))
        tender = "card"
    elif way == "Cash+EFTPOS":
        cash = min(rng.choice([1000, 2000]), total - 100)
        p.add(_row("Cash", f"${cash / 100:.2f}", width))
        p.add(_row("EFTPOS", f"${(total - cash) / 100:.2f}", width))
        tender = None
    elif way == "Cash":
        handed = rng.choice([t for t in (1000, 2000, 5000, 10000) if t >= total] + [total])
        p.add(_row("Cash", f"${handed / 100:.2f}", width))
        p.add(_row("Change", f"${(handed - total) / 100:.2f}", width))
        tender = "cash"
    else:
        p.add(_row(way, f"${total / 100:.2f}", width))
        tender = "card"
    p.add("")
    p.add("Kia ora, thanks for coming in!", align="center")
    notes = [f"fee={surcharge}"] if surcharge else []
    if rounding:
        notes.append(f"rounding={rounding}")
    truth = Truth(total=-total if refund else total, lines=lines, number=str(number + 20500),
                  tender=tender, kind="refund" if refund else "sale",
                  date=occurred(when, seconds=False), account=None, notes=notes)
    return p, truth


# --- an Ecuadorian SRI factura (the RIDE on a thermal printer) ---------------

EC_MENU = [
    # description, unit price without IVA (cents), IVA rate
    ("Pan de yuca", 25, 0), ("Leche entera 1L", 105, 0), ("Queso fresco 500g", 320, 0),
    ("Huevos cubeta x30", 450, 0), ("Coca-Cola 1.35L", 130, 15), ("Galletas Amor", 45, 15),
    ("Café instantáneo 170g", 620, 15), ("Jabón de tocador", 95, 15), ("Yogur Toni 1L", 240, 0),
    ("Chifles de verde", 60, 15), ("Pastel de chocolate", 1200, 15), ("Empanada de viento", 50, 0),
    ("Colada morada 1L", 280, 15), ("Pan enrollado", 15, 0),
]
EC_SHOPS = [
    ("PANADERÍA LA PRIMAVERA", "1791234567001", "Av. 10 de Agosto N24-55, Quito", True),
    ("MINIMARKET EL CHIMBORAZO", "0601234567001", "Calle Olmedo y España, Riobamba", False),
]


def sri_ec(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """An Ecuadorian electronic factura's printed RIDE: IVA 15 % on top."""
    shop, ruc, address, with_time = rng.choice(EC_SHOPS)
    width = rng.choice([40, 48])
    p = _paper(rng, ["CP850", "CP858"], crlf=0.25, fed=0.2)
    day = _day(rng)
    when = _at(day, rng.randrange(7, 20), rng.randrange(60), rng.randrange(60))
    refund = rng.random() < 0.06
    picked = _pick(rng, EC_MENU, [1, 2, 2, 3, 3, 4, 5, 6], [1, 1, 2, 2, 3, 4, 6])
    rows = []
    for desc, unit, rate, qty in picked:
        off = round(unit * qty * rng.choice([5, 10]) / 100) if rng.random() < 0.12 else 0
        rows.append((desc, qty, unit, off, unit * qty - off, rate))
    base15 = sum(r[4] for r in rows if r[5])
    base0 = sum(r[4] for r in rows if not r[5])
    iva = round(base15 * 0.15)
    total = base15 + base0 + iva
    seq = 12000 + number
    doc = f"001-002-{seq:09d}"
    key = f"{day:%d%m%Y}{'04' if refund else '01'}{ruc}2001002{seq:09d}{rng.randrange(10**8):08d}1"
    key += str(rng.randrange(10))

    p.add(shop, bold=True, align="center")
    p.add(f"RUC: {ruc}", align="center")
    p.add("Dir. Matriz:", align="center")
    p.add(address, align="center")
    p.add("OBLIGADO A LLEVAR CONTABILIDAD: NO", align="center")
    p.add("")
    p.add("NOTA DE CRÉDITO" if refund else "FACTURA", bold=True, align="center")
    p.add(f"No. {doc}", bold=True, align="center")
    p.add("AUTORIZACIÓN / CLAVE DE ACCESO:")
    p.add(key[:width])
    p.add(key[width:])
    p.add("AMBIENTE: PRODUCCIÓN   EMISIÓN: NORMAL")
    p.add(f"Fecha Emisión: {day:%d/%m/%Y}")
    if with_time:
        p.add(f"Hora: {when:%H:%M:%S}")
    if rng.random() < 0.75:
        p.add("Cliente: CONSUMIDOR FINAL")
        p.add("RUC/C.I.: 9999999999999")
    else:
        p.add(f"Cliente: {rng.choice(['María Guamán', 'Luis Andrade', 'Rosa Quishpe'])}")
        p.add(f"C.I.: 17{rng.randrange(10**8):08d}")
    if refund:
        p.add("Doc. modificado:")
        p.add(f"FACTURA 001-002-{seq - rng.randint(3, 90):09d}")
        p.add("Motivo: Devolución de mercadería")
    p.add("-" * width)
    if width == 48:
        p.add(f"{'Cant':>4} {'Descripción':<20}{'P.Unit':>8}{'Desc.':>7}{'Total':>8}")
        for desc, qty, unit, off, value, _ in rows:
            p.add(f"{qty:>4} {desc[:20]:<20}{_dot(unit):>8}{_dot(off):>7}{_dot(value):>8}")
    else:
        p.add(f"{'Cant x P.Unit':<17}{'Desc.':>10}{'Total':>13}")
        for desc, qty, unit, off, value, _ in rows:
            p.add(desc)
            p.add(f"{qty:>4} x {_dot(unit):<10}{_dot(off):>10}{_dot(value):>13}")
    p.add("-" * width)
    for label, cents in (("SUBTOTAL 15%", base15), ("SUBTOTAL 0%", base0),
                         ("SUBTOTAL SIN IMPUESTOS", base15 + base0),
                         ("TOTAL DESCUENTO", sum(r[3] for r in rows)), ("IVA 15%", iva)):
        p.add(_row(label, _dot(cents), width))
    p.add(_row("VALOR TOTAL", f"${_dot(total)}", width), bold=True)
    p.add("")
    if refund:
        p.add(_row("DEVOLUCIÓN: Efectivo", _dot(total), width))
        tender = "cash"
    else:
        p.add("FORMA DE PAGO")
        way = rng.choice(["Efectivo", "Efectivo", "Efectivo", "Tarjeta de Débito",
                          "Tarjeta de Crédito", "Dinero Electrónico", "split"])
        if way == "split":
            cash = min(rng.choice([500, 1000]), total - 10)
            p.add(_row("Efectivo", _dot(cash), width))
            p.add(_row("Tarjeta de Débito", _dot(total - cash), width))
            tender = None
        else:
            p.add(_row(way, _dot(total), width))
            tender = {"Efectivo": "cash", "Tarjeta de Débito": "card",
                      "Tarjeta de Crédito": "card"}.get(way, way)
            if way == "Efectivo" and rng.random() < 0.5:
                handed = rng.choice([t for t in (500, 1000, 2000, 5000) if t >= total] + [total])
                p.add(_row("Recibido", _dot(handed), width))
                p.add(_row("Cambio", _dot(handed - total), width))
    p.add("")
    p.add("Gracias por su compra", align="center")
    # The 48-column row cuts the description at 20 characters: recorded as printed.
    lines = [(desc[:20] if width == 48 else desc, qty, value) for desc, qty, _, _, value, _ in rows]
    truth = Truth(total=-total if refund else total, lines=lines, number=doc, tender=tender,
                  kind="refund" if refund else "sale",
                  date=occurred(when) if with_time else occurred(when, time=False),
                  account=None, notes=[f"tax_on_top={iva}"] if iva else [])
    return p, truth


# --- a Uruguayan e-Ticket (CFE), IVA included --------------------------------

UY_CAFE = [("Cortado", 12000, 22), ("Café con leche", 15000, 22), ("Medialuna", 4500, 22),
           ("Chivito al pan", 49000, 22), ("Tostado jamón y queso", 32000, 22),
           ("Agua mineral 500ml", 9000, 22), ("Torta de ricota", 18000, 22),
           ("Jugo de naranja", 16000, 22), ("Refresco 354ml", 11000, 22)]
UY_BAKERY = [("Flauta", 6500, 10), ("Bizcochos surtidos x6", 15000, 10),
             ("Medialunas de grasa x4", 14000, 10), ("Pan de molde", 11500, 10),
             ("Alfajor de maicena", 7500, 10), ("Refresco 1,5L", 14500, 22),
             ("Torta frita", 3500, 10), ("Leche 1L", 4800, 10), ("Yerba 1kg", 29000, 22)]
UY_SHOPS = [
    ("CAFÉ TABARÉ", "217654320018", "Zorrilla de San Martín 152, Montevideo", UY_CAFE, True),
    ("PANADERÍA LA ESTRELLA", "080123450014", "Av. Artigas 845, Canelones", UY_BAKERY, False),
]


def _uyu(cents: int) -> str:
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"$ {sign}{whole:,}".replace(",", ".") + f",{part:02d}"


def eticket_uy(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """A Uruguayan e-Ticket: IVA included, tabled by rate; Ley 19.210's card reduction."""
    shop, rut, address, menu, restaurant = rng.choice(UY_SHOPS)
    width = 40
    p = _paper(rng, ["CP850", "CP858", "AUTO"], crlf=0.2, fed=0.2)
    when = _at(_day(rng), rng.randrange(7, 22), rng.randrange(60), rng.randrange(60))
    refund = rng.random() < 0.08
    picked = _pick(rng, menu, [1, 2, 2, 3, 3, 4, 5], [1, 1, 1, 2, 2, 3, 4])
    lines = [(item, qty, unit * qty) for item, unit, _, qty in picked]
    rates = {item: rate for item, _, rate in menu}
    gross22 = sum(a for i, _, a in lines if rates[i] == 22)
    gross10 = sum(a for i, _, a in lines if rates[i] == 10)
    way = "Efectivo" if refund else rng.choice(["Efectivo", "Efectivo", "Tarjeta débito",
                                                 "Tarjeta débito", "Tarjeta crédito", "split"])
    cut = 0
    if way.startswith("Tarjeta") and restaurant:  # 9 points of IVA off in restaurants
        cut = round(gross22 * 9 / 122)
    elif way == "Tarjeta débito":  # 2 points off other purchases by debit card
        cut = round(gross22 * 2 / 122) + round(gross10 * 2 / 110)
    if cut:
        lines.append(("Dto. IVA Ley 19.210", 1, -cut))
    total = sum(a for _, _, a in lines)
    doc = f"A-{number + 12000:07d}"

    p.add(shop, bold=True, align="center")
    p.add(f"RUT {rut}", align="center")
    p.add(address, align="center")
    p.add("")
    p.add("Nota de Crédito de e-Ticket" if refund else "e-Ticket", bold=True, double_height=True,
          align="center")
    p.add(f"Documento: {doc}")
    p.add(f"Fecha: {when:%d/%m/%Y %H:%M:%S}")
    p.add("Moneda: UYU")
    p.add("Cliente: Consumidor final")
    if refund:
        p.add(f"Ref.: e-Ticket A-{number + 12000 - rng.randint(5, 200):07d}")
    p.add("-" * width)
    for item, qty, amount in lines:
        if amount < 0:
            p.add(_row(item, _uyu(amount), width))
            continue
        p.add(_row(f"{qty:>2} {item}", _uyu(amount), width))
        if qty > 1:
            p.add(f"     {qty} x {_uyu(amount // qty)}")
    p.add("-" * width)
    p.add(_row("TOTAL", _uyu(total), width), bold=True, double_height=True)
    p.add("")
    share = total / (gross22 + gross10) if gross22 + gross10 else 1
    net22, net10 = round(gross22 * share / 1.22), round(gross10 * share / 1.10)
    if gross22:
        p.add(_row("Neto IVA T.Básica 22%", _uyu(net22), width))
        p.add(_row("IVA T.Básica 22%", _uyu(round(gross22 * share) - net22), width))
    if gross10:
        p.add(_row("Neto IVA T.Mínima 10%", _uyu(net10), width))
        p.add(_row("IVA T.Mínima 10%", _uyu(round(gross10 * share) - net10), width))
    p.add("")
    if refund:
        p.add(_row("Devuelto en efectivo", _uyu(total), width))
        tender = "cash"
    elif way == "split":
        cash = min(rng.choice([10000, 20000]), total - 1000)
        p.add(_row("Efectivo", _uyu(cash), width))
        p.add(_row("Tarjeta crédito", _uyu(total - cash), width))
        tender = None
    elif way == "Efectivo":
        handed = rng.choice([t for t in (20000, 50000, 100000, 200000) if t >= total] + [total])
        p.add(_row("Efectivo", _uyu(handed), width))
        p.add(_row("Cambio", _uyu(handed - total), width))
        tender = "cash"
    else:
        p.add(_row(way, _uyu(total), width))
        p.add(f"VISA DEBITO ****{rng.randrange(10000):04d}" if "débito" in way
              else f"OCA ****{rng.randrange(10000):04d}")
        tender = "card"
    p.add("")
    p.add(f"CAE Nº {90240000000 + rng.randrange(10**5)}")
    p.add("Serie A del 0000001 al 1000000")
    p.add("Vencimiento CAE: 31/12/2027")
    p.add("Código de seguridad: " + "".join(rng.choice(string.ascii_letters) for _ in range(6)))
    p.add("Puede verificar comprobante en", align="center")
    p.add("www.dgi.gub.uy", align="center")
    p.add("IVA al día", align="center")
    truth = Truth(total=-total if refund else total, lines=lines, number=doc, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when), account=None)
    return p, truth


# --- an Egyptian shop's own ESC/POS receipt (Arabic on Windows-1256, or English) ---

EG_CAFE = [("شاي", 1500), ("قهوة تركي", 2500), ("نسكافيه", 3000), ("كرواسون", 3500),
           ("عصير مانجو", 4000), ("سحلب", 3000), ("فطير مشلتت", 6000), ("بسبوسة", 2500),
           ("مياه معدنية", 1000), ("كابتشينو", 4500), ("شاي بلبن", 2000)]
EG_RESTAURANT = [("Grilled Sea Bass", 42000), ("Fried Calamari", 28000), ("Shrimp Soup", 15000),
                 ("Rice Sayadeya", 6000), ("Tahini Salad", 4500), ("Baba Ghanoush", 5500),
                 ("Mango Juice", 7500), ("Mineral Water", 2500), ("Om Ali", 9000)]


def _code8(rng: random.Random) -> str:
    """The receipt's 8-character code: capitals and digits, some of each."""
    chars = [rng.choice(string.ascii_uppercase) for _ in range(5)]
    chars += [rng.choice(string.digits) for _ in range(3)]
    rng.shuffle(chars)
    return "".join(chars)


def egypt_pos(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """An Egyptian shop app's own ESC/POS receipt: VAT 14 % on top."""
    arabic = rng.random() < 0.5
    when = _at(_day(rng), rng.randrange(9, 24), rng.randrange(60))
    code = _code8(rng)
    if arabic:
        return _egypt_cafe(rng, when, code)
    return _egypt_restaurant(rng, when, code)


def _egypt_cafe(rng: random.Random, when: datetime, code: str) -> tuple[Printed, Truth]:
    width = 48
    p = _paper(rng, ["CP1256"], crlf=0.1, fed=0.1)
    picked = _pick(rng, EG_CAFE, [1, 1, 2, 2, 3, 4, 5], [1, 1, 1, 2, 2, 3, 4])
    lines = [(item, qty, unit * qty) for item, unit, qty in picked]
    subtotal = sum(a for _, _, a in lines)
    vat = round(subtotal * 0.14)
    total = subtotal + vat
    way = rng.choice(["نقدي", "نقدي", "نقدي", "بطاقة", "بطاقة", "تقسيط"])
    hour = when.hour % 12 or 12
    clock = f"{hour:02d}:{when.minute:02d} {'ص' if when.hour < 12 else 'م'}"

    p.add("كافيه النيل", bold=True, double_width=True, double_height=True, align="center")
    p.add("شارع التحرير، الدقي، الجيزة", align="center")
    p.add("ت: 0233445566", align="center")
    p.add("الرقم الضريبي: 512-345-678", align="center")
    p.add("س.ت: 98765", align="center")
    p.add("-" * width)
    p.add(f"رقم الإيصال: {code}")
    p.add(f"التاريخ: {when:%d/%m/%Y} {clock}")
    p.add(f"طريقة الدفع: {way}")
    p.add("-" * width)
    p.add(f"{'الصنف':<22}{'الكمية':>6}{'السعر':>10}{'المجموع':>10}", bold=True)
    for item, qty, amount in lines:
        p.add(f"{item:<22}{qty:>6}{_dot(amount // qty):>10}{_dot(amount):>10}")
    p.add("-" * width)
    p.add(_row("الإجمالي الفرعي:", f"{_dot(subtotal)} ج.م", width))
    p.add(_row("ضريبة القيمة المضافة 14%:", f"{_dot(vat)} ج.م", width))
    p.add(_row("الإجمالي:", f"{_dot(total)} ج.م", width // 2), bold=True, double_width=True,
          double_height=True)
    if way == "نقدي" and rng.random() < 0.5:
        handed = rng.choice([t for t in (5000, 10000, 20000, 50000) if t >= total] + [total])
        p.add(_row("المدفوع:", f"{_dot(handed)} ج.م", width))
        p.add(_row("الباقي:", f"{_dot(handed - total)} ج.م", width))
    p.add("")
    p.add("شكراً لزيارتكم", align="center")
    tender = {"نقدي": "cash", "بطاقة": "card"}.get(way, way)
    truth = Truth(total=total, lines=lines, number=code, tender=tender, kind="sale",
                  date=occurred(when, seconds=False), account=None,
                  notes=[f"tax_on_top={vat}"])
    return p, truth


def _egypt_restaurant(rng: random.Random, when: datetime, code: str) -> tuple[Printed, Truth]:
    width = 32
    p = _paper(rng, ["CP437", "AUTO"], crlf=0.1, fed=0.1)
    picked = _pick(rng, EG_RESTAURANT, [1, 2, 2, 3, 4, 5], [1, 1, 2, 2, 3, 4])
    lines = [(item, qty, unit * qty) for item, unit, qty in picked]
    subtotal = sum(a for _, _, a in lines)
    discount = round(subtotal * 0.1) if rng.random() < 0.15 else 0
    if discount:
        lines.append(("Discount 10%", 1, -discount))
    service = round((subtotal - discount) * 0.12) if rng.random() < 0.7 else 0
    vat = round((subtotal - discount + service) * 0.14)
    total = subtotal - discount + service + vat
    way = rng.choice(["Cash", "Cash", "Card", "Card", "Installments"])

    p.add("SEA BREEZE", bold=True, double_width=True, double_height=True, align="center")
    p.add("Corniche Rd, Stanley, Alexandria", align="center")
    p.add("Tel: 03 5467890", align="center")
    p.add("Tax No: 300-123-456", align="center")
    p.add("-" * width)
    p.add(f"Receipt #: {code}")
    p.add(f"Date: {when:%d/%m/%Y} {_clock12(when)}")
    p.add(_row(f"Check {rng.randint(100, 999)}  Dine-in", f"Table {rng.randint(1, 30)}", width))
    p.add(_row(f"Guests: {rng.randint(1, 6)}", f"Server: {rng.choice(['Mona', 'Karim'])}", width))
    p.add(f"Payment: {way}")
    p.add("-" * width)
    p.add(f"{'Item':<14}{'Qty':>4}{'Price':>7}{'Total':>7}", bold=True)
    for item, qty, amount in lines:
        if amount < 0:
            continue
        first, rest = item, ""
        if len(item) > 14:  # wrapped at the last space that fits
            cut = item[:15].rindex(" ")
            first, rest = item[:cut], item[cut + 1:]
        p.add(f"{first:<14}{qty:>4}{amount // qty // 100:>7}{amount // 100:>7}")
        if rest:
            p.add(f"  {rest}")
    p.add("-" * width)
    p.add(_row("Subtotal", f"{_dot(subtotal)} EGP", width))
    if discount:
        p.add(_row("Discount 10%", f"-{_dot(discount)} EGP", width))
    if service:
        p.add(_row("Service", f"{_dot(service)} EGP", width))
    p.add(_row("VAT 14%", f"{_dot(vat)} EGP", width))
    p.add(_row("TOTAL", f"{_dot(total)} EGP", width), bold=True)
    p.add("")
    p.add("Thank you for your visit", align="center")
    notes = [f"tax_on_top={vat}"] + ([f"fee={service}"] if service else [])
    truth = Truth(total=total, lines=lines, number=code, tender={"Cash": "cash", "Card": "card"}
                  .get(way, way), kind="sale", date=occurred(when, seconds=False), account=None,
                  notes=notes)
    return p, truth


# --- the two UK school tills' shared pieces ----------------------------------

def _school_basket(rng: random.Random, menu: list[tuple[str, int]], counts: list[int],
                   qtys: list[int], deal: tuple[str, int, int, float] | None
                   ) -> tuple[bool, list[tuple[str, int, int]]]:
    """Whether it is a refund, and the lines: ``deal`` (label, pence off,
    fewest items, how often) adds a meal deal's negative line to a sale."""
    refund = rng.random() < 0.06
    lines = [(item, qty, unit * qty) for item, unit, qty in _pick(rng, menu, counts, qtys)]
    if deal and not refund and len(lines) >= deal[2] and rng.random() < deal[3]:
        lines.append((deal[0], 1, -deal[1]))
    return refund, lines


def _school_paid(p: Printed, total: int, free: int, width: int,
                 free_label: str, account_label: str) -> str | None:
    """Print how a sale was paid: the free meal's ``free`` pence (0: none
    today), the account, or both (a split); the tender."""
    if free and total > free:
        p.add(_row(free_label, _uk(free), width))
        p.add(_row(account_label, _uk(total - free), width))
        return None
    if free:
        p.add(_row(free_label, _uk(total), width))
        return "fsm"
    p.add(_row(account_label, _uk(total), width))
    return "account"


# --- a girls' grammar school canteen on WisePay (fingerprint or ID number) ---

KG_MENU = {
    "Breakfast": [("Toast", 40), ("Bacon roll", 160), ("Hash brown", 50),
                  ("Pain au chocolat", 85), ("Fruit juice", 85), ("Sausage bap", 170)],
    "Recess": [("Cookie", 55), ("Flapjack", 65), ("Fruit pot", 80), ("Water", 60),
               ("Panini", 240), ("Pain au chocolat", 85)],
    "Lunch": [("Meal of the day", 261), ("Pasta pot", 220), ("Jacket potato", 210),
              ("Panini", 240), ("Cookie", 55), ("Fruit pot", 80), ("Water", 60),
              ("Chicken wrap", 250), ("Salad box", 230)],
}
KG_STUDENTS = [("Freya", "O'Connor"), ("Amelia", "Nowak"), ("Isla", "Brown"), ("Maryam", "Hussain"),
               ("Grace", "Whitfield"), ("Zofia", "Kowalska"), ("Ella-Rose", "Fenwick")]
FSM_KG = 261  # the day's free meal allowance, lunch only


def kggs_wisepay(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """A girls' grammar school canteen slip: WisePay accounts, fingerprint or a 4-digit ID."""
    width = rng.choice([32, 40])
    p = _paper(rng, ["CP858", "CP437", "AUTO"], crlf=0.2, fed=0.2)
    session = rng.choice(["Breakfast", "Recess", "Lunch", "Lunch", "Lunch"])
    day = _day(rng, school=True)
    start = {"Breakfast": (8, 0), "Recess": (10, 40), "Lunch": (12, 30)}[session]
    when = _at(day, start[0], start[1]) + timedelta(minutes=rng.randrange(40))
    refund, lines = _school_basket(rng, KG_MENU[session], [1, 1, 2, 2, 3, 4], [1, 1, 1, 2, 2, 3],
                                   ("Meal deal", 45, 3, 0.5) if session == "Lunch" else None)
    total = sum(a for _, _, a in lines)
    first, last = rng.choice(KG_STUDENTS)
    account = f"{rng.randint(20100, 24999)}"
    fsm = session == "Lunch" and rng.random() < 0.3

    p.add("WITHAM VALE GIRLS' SCHOOL", bold=True, align="center")
    p.add("Canteen - WisePay cashless", align="center")
    p.add(_row(f"Till {rng.randint(1, 3)}", session, width))
    p.add(_row(f"{when:%a %d/%m/%Y}", f"{when:%H:%M}", width))
    p.add(f"Trans No: {number + 88000}")
    p.add(f"Student: {first} {last}")
    p.add(_row(f"Form: {rng.choice(['7W', '8V', '9W', '10G', '11R', '12S'])}", f"Acct: {account}",
               width))
    p.add(f"Identified: {rng.choice(['Fingerprint', 'Fingerprint', 'ID number'])}")
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    p.add("-" * width)
    for item, qty, amount in lines:
        if qty == 1:
            p.add(_row(item, _uk(amount), width))
        else:
            p.add(item)
            p.add(_row(f"  {qty} @ {_uk(amount // qty)}", _uk(amount), width))
    p.add("-" * width)
    balance = rng.randrange(0, 3500)
    if refund:
        p.add(_row("REFUND TOTAL", _uk(total), width), bold=True)
        p.add("Credited to cashless account")
        tender = "account"
    else:
        p.add(_row("TOTAL", _uk(total), width), bold=True, double_height=True)
        tender = _school_paid(p, total, FSM_KG if fsm else 0, width, "Free meal allowance",
                              "Cashless account")
    p.add(_row("Balance", _uk(balance), width))
    if fsm and not refund:
        p.add(_row("Free meal left today", _uk(max(0, FSM_KG - total)), width))
    p.add("Top up at wisepay.co.uk or the", align="center")
    p.add("cash loader by the library", align="center")
    truth = Truth(total=-total if refund else total, lines=lines, number=str(number + 88000),
                  tender=tender, kind="refund" if refund else "sale",
                  date=occurred(when, seconds=False), account=account)
    return p, truth


# --- a Scottish council secondary's dining hall: break and lunch limits -------

ED_MENU = {
    "Morning Break": [("Bacon roll", 150), ("Cheese toastie", 180), ("Fruit scone", 70),
                      ("Traybake", 75), ("Milk 250ml", 50), ("Water", 60), ("Fruit", 40)],
    "Lunch": [("Soup & roll", 120), ("Pizza slice", 160), ("Pasta bolognese", 190),
              ("Filled baguette", 210), ("Main meal deal", 240), ("Milk 250ml", 50),
              ("Water", 60), ("Fruit", 40), ("Traybake", 75)],
}
ED_PUPILS = [("Isla", "Brown"), ("Callum", "McLeod"), ("Ava", "Sinclair"), ("Ruaridh", "Grant"),
             ("Leo", "Davies"), ("Aleksander", "Nowak"), ("Eilidh", "Fraser")]
FREE_LUNCH = 240  # the free school lunch's value, lunch only
LIMITS = {"Morning Break": 200, "Lunch": 400}


def edc_scot(rng: random.Random, number: int) -> tuple[Printed, Truth]:
    """A Scottish council secondary's cashless slip: PIN accounts, break and lunch limits."""
    width = rng.choice([36, 40])
    p = _paper(rng, ["CP437", "CP858", "AUTO"], crlf=0.25, fed=0.2)
    service = rng.choice(["Morning Break", "Lunch", "Lunch"])
    day = _day(rng, school=True)
    start = (10, 35) if service == "Morning Break" else (12, 40)
    when = _at(day, *start) + timedelta(minutes=rng.randrange(25), seconds=rng.randrange(60))
    refund, lines = _school_basket(rng, ED_MENU[service], [1, 1, 2, 2, 3], [1, 1, 1, 2, 2],
                                   ("Lunch deal saving", 30, 2, 0.3) if service == "Lunch"
                                   else None)
    total = sum(a for _, _, a in lines)
    first, last = rng.choice(ED_PUPILS)
    account = f"52{rng.randrange(10**5):05d}"
    free = service == "Lunch" and rng.random() < 0.3

    p.add("East Dunbartonshire Council", bold=True, align="center")
    p.add("School Catering", align="center")
    p.add("Mugdock Academy Dining Hall", align="center")
    p.add("-" * width)
    receipt = f"{rng.randint(1, 4)}-{number + 400:05d}"
    p.add(_row(f"Receipt: {receipt}", service, width))
    p.add(f"{when:%d.%m.%Y  %H:%M:%S}")
    p.add(_row(f"Pupil: {first} {last}", rng.choice(["S1", "S2", "S3", "S4", "S5", "S6"]), width))
    p.add(f"Account No: {account}")
    if refund:
        p.add("REFUND", bold=True, double_width=True, align="center")
    p.add("-" * width)
    p.add(f"{'Item':<{width - 12}}{'Qty':>4}{'£':>8}")
    for item, qty, amount in lines:
        shown = f"{amount / 100:.2f}"
        p.add(f"{item:<{width - 12}}{'' if amount < 0 else qty:>4}{shown:>8}")
    p.add("-" * width)
    if refund:
        p.add(_row("Refund value", _uk(total), width), bold=True)
        p.add("Returned to cashless account")
        tender = "account"
    else:
        p.add(_row("Total", _uk(total), width), bold=True)
        tender = _school_paid(p, total, FREE_LUNCH if free else 0, width,
                              "Paid by Free School Lunch", "Paid by Cashless Account")
    p.add(_row("Account balance", _uk(rng.randrange(0, 4000)), width))
    if not refund and rng.random() < 0.5:
        label = "Break limit left" if service == "Morning Break" else "Lunch limit left"
        p.add(_row(label, _uk(max(0, LIMITS[service] - total)), width))
    p.add("Top-ups online show next morning", align="center")
    truth = Truth(total=-total if refund else total, lines=lines,
                  number=receipt, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when), account=account)
    return p, truth


LAYOUTS: dict[str, Render] = {
    "woo-pos": woo_pos,
    "gst-nz": gst_nz,
    "sri-ec": sri_ec,
    "eticket-uy": eticket_uy,
    "egypt-pos": egypt_pos,
    "kggs-wisepay": kggs_wisepay,
    "edc-scot": edc_scot,
}
