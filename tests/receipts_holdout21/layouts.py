"""Our renderers of seven real layouts (sources in README.md), each returning
what it prints (``Printed``) and the truth a careful reader of the paper
records. Nothing here is copied from a source: the shapes are, the shops,
menus, names and numbers are ours."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout21 import Printed

Render = Callable[[random.Random, int], tuple[Printed, Truth]]

# ---------------------------------------------------------------- helpers


def money(minor: int, sep: str = ".", thousands: str = "") -> str:
    """``minor`` hundredths as ``1234.50`` (or ``1.234,50`` with the
    separators given); a minus sign in front when negative."""
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 100)
    digits = f"{whole:,}".replace(",", thousands)
    return f"{sign}{digits}{sep}{frac:02d}"


def whole(units: int, thousands: str = ",") -> str:
    """A whole-unit amount (shillings, pesos) with its thousands mark."""
    sign = "-" if units < 0 else ""
    return sign + f"{abs(units):,}".replace(",", thousands)


def lr(left: str, right: str, width: int) -> str:
    """Label left, value right, at least one space between."""
    gap = max(1, width - len(left) - len(right))
    return left + " " * gap + right


def centred(text: str, width: int) -> str:
    return " " * max(0, (width - len(text)) // 2) + text


def wrap(text: str, width: int) -> list[str]:
    """Words wrapped at ``width`` (a word longer than the width is cut)."""
    rows: list[str] = []
    row = ""
    for word in text.split():
        while len(word) > width:
            if row:
                rows.append(row)
                row = ""
            rows.append(word[:width])
            word = word[width:]
        if not row:
            row = word
        elif len(row) + 1 + len(word) <= width:
            row += " " + word
        else:
            rows.append(row)
            row = word
    if row:
        rows.append(row)
    return rows


def when_in_2026(rng: random.Random, hours: tuple[int, int] = (8, 19),
                 school: bool = False) -> datetime:
    """A moment anywhere in 2026 (GMT and BST); school days only if asked."""
    while True:
        d = date(2026, rng.randint(1, 12), rng.randint(1, 28))
        if not school or (d.weekday() < 5 and d.month != 8):
            break
    return datetime(d.year, d.month, d.day, rng.randint(*hours), rng.randint(0, 59),
                    rng.randint(0, 59))


def pick_items(rng: random.Random, menu: list, most: int = 6) -> list:
    """1 to ``most`` distinct menu entries, each with a quantity."""
    k = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6][: max(1, most + 3)])
    k = min(k, most, len(menu))
    return [(entry, rng.choice([1, 1, 1, 1, 2, 2, 3, 4])) for entry in rng.sample(menu, k)]


# ------------------------------------------------- Austria: QRK Registrierkasse

QRK_SHOPS = [
    ("Café Konditorei Haidlmayr", ["Hauptplatz 7, 4020 Linz", "UID: ATU63418822",
                                   "Tel. 0732 771203"]),
    ("Gasthaus Zur Alten Post", ["Dorfstraße 14, 6364 Brixen im Thale",
                                 "UID: ATU57702195"]),
    ("Würstelstand am Naschmarkt", ["Rechte Wienzeile 1, 1040 Wien",
                                    "UID: ATU71234590"]),
]
# name, price in cents (gross), VAT %
QRK_MENU = [
    ("Melange", 420, 10), ("Verlängerter", 390, 10), ("Sachertorte", 520, 10),
    ("Apfelstrudel mit Schlagobers", 610, 10), ("Käsekrainer mit Senf", 550, 10),
    ("Wiener Schnitzel vom Kalb mit Erdäpfelsalat", 2290, 10), ("Almdudler 0,35", 390, 20),
    ("Grüner Veltliner 1/8", 380, 20), ("Zipfer Märzen 0,5", 520, 20),
    ("Mineralwasser prickelnd", 310, 20), ("Frittatensuppe", 480, 10),
    ("Kaiserschmarrn", 1190, 10), ("Eitrige mit Buggl", 490, 10),
    ("Heißer Apfelsaft", 360, 20),
]
QRK_PAID = [("Barzahlung", "cash"), ("Barzahlung", "cash"), ("Bankomatkarte", "card"),
            ("Kreditkarte", "card")]


def qrk_at(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """QRK's receipt (``documentprinter.cpp``): 80 mm (48) or 58 mm (32)."""
    small = rng.random() < 0.4
    width = 32 if small else 48
    shop, master = rng.choice(QRK_SHOPS)
    when = when_in_2026(rng, (8, 22))
    storno = rng.random() < 0.1
    copy = not storno and rng.random() < 0.05
    paid, tender = rng.choice(QRK_PAID)
    number = 1840 + n * 3 + rng.randint(0, 2)
    sign = -1 if storno else 1
    items = pick_items(rng, QRK_MENU, 5)
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "CP858"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.8)
    p.add(centred(shop, width), bold=rng.random() < 0.5)
    for row in master:
        p.add(centred(row, width))
    if storno:
        p.add("")
        p.add(centred(f"Storno für Beleg Nr: {number - rng.randint(5, 60)}", width), bold=True)
        p.add("")
    kasse = "KASSE-01" if shop.startswith("Café") else "K2"
    head = f"Bon-Nr: {number} {'( Kopie )' if copy else ''} - {paid}"
    if small:
        p.add(f"Kasse: {kasse}")
        p.add(head)
        p.add(f"Positionen: {len(items)}")
        p.add(f"Datum: {when:%d.%m.%Y}")
        p.add(f"Uhrzeit: {when:%H:%M:%S}")
    else:
        p.add(f"Kasse: {kasse} Positionen: {len(items)}")
        p.add(head)
        p.add(f"Datum: {when:%d.%m.%Y} Uhrzeit: {when:%H:%M:%S}")
    p.add("-" * width)
    p.add(lr("Anz Artikel", "Preis  M%", width))
    lines = []
    taxes: dict[int, int] = {}
    total = 0
    for (name, price, vat), qty in items:
        rabatt = rng.choice([10, 20]) if (not storno and rng.random() < 0.12) else 0
        gross = round(qty * price * (100 - rabatt) / 100) * sign
        count = qty * sign
        right = f"{money(gross, ',', '.')}   {vat}"
        name_rows = wrap(name, width - len(right) - 4 - 1)
        block = [f"{count:<3} {name_rows[0]}"] + [f"    {r}" for r in name_rows[1:]]
        if abs(count) > 1 or rabatt:
            unit = f"{count} x {money(price, ',', '.')}"
            if rabatt:
                unit += f" Rabatt: -{rabatt}%"
            block += [f"    {r}" for r in wrap(unit, width - len(right) - 4 - 1)]
        block[-1] = lr(block[-1], right, width)
        for row in block:
            p.add(row)
        lines.append((name, qty, abs(gross)))
        taxes[vat] = taxes.get(vat, 0) + gross
        total += gross
    p.add("-" * width)
    p.add(lr("", f"Gesamt: {money(total, ',', '.')}", width), bold=True)
    for vat in sorted(taxes, reverse=True):
        tax = round(taxes[vat] * vat / (100 + vat))
        p.add(lr("", f"MwSt {vat}%: {money(tax, ',', '.')}", width))
    p.add("")
    p.add(centred("(Alle Beträge in EUR)", width))
    p.add(centred("Vielen Dank für Ihren Besuch!", width))
    return p, Truth(total, lines, str(number), tender, "refund" if storno else "sale",
                    occurred(when), None)


# ------------------------------------------------- Bulgaria: касова бележка

BG_SHOPS = [
    # trader, its address, the shop, the shop's address, ЕИК, comma decimals
    ("\"ЗАХАРНА ФАБРИКА\" ЕООД", "гр. Пловдив, ул. Иван Вазов 12", "Сладкарница Захарна",
     "гр. Пловдив, бул. Руски 5", "115678234", True),
    ("ЕТ \"ДИМИТЪР ПЕТРОВ - 77\"", "гр. Варна, ул. Драгоман 3", "Закусвалня При Митко",
     "гр. Варна, ж.к. Чайка бл. 21", "103994512", False),
]
# name, euro cents, tax group (А 0 %, Б 20 %, Г 9 %)
BG_MENU = [
    ("Баница със сирене", 123, "Б"), ("Кафе еспресо", 92, "Б"), ("Боза 0,5 л", 77, "Б"),
    ("Кифла с шоколад", 61, "Б"), ("Айран", 56, "Б"), ("Пица Маргарита парче", 179, "Б"),
    ("Минерална вода Горна баня 0,5 л", 66, "Б"), ("Козунак 500 г", 357, "Б"),
    ("Сандвич с луканка", 204, "Б"), ("Хляб Добруджа 650 г", 97, "Б"),
    ("Мекица с пудра захар", 51, "Б"), ("Салата Шопска", 408, "Г"),
]
BG_GROUP_RATE = {"А": 0, "Б": 20, "Г": 9}
LEV_PER_EURO = 1.95583


def kasova_bg(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Bulgarian fiscal receipt with Наредба Н-18's particulars."""
    trader, addr, shop, shop_addr, eik, comma = rng.choice(BG_SHOPS)
    width = rng.choice([32, 42])
    sep = "," if comma else "."
    when = when_in_2026(rng, (7, 20))
    storno = rng.random() < 0.1
    items = pick_items(rng, BG_MENU, 5)
    number = 24000 + n * 2 + rng.randint(0, 1)
    p = Printed(codepage=rng.choice(["CP1251", "CP866"]), crlf=rng.random() < 0.15,
                cut=rng.random() < 0.85)
    for row in (trader, addr, shop, shop_addr):
        for part in wrap(row, width):
            p.add(centred(part, width))
    p.add(f"ЕИК: {eik}")
    p.add(f"ЗДДС № BG{eik}")
    p.add(f"{rng.choice([1, 2, 3]):04d} {rng.choice(['Мария', 'Оператор 2', 'Георги'])}")
    if storno:
        p.add(centred("СТОРНО", width), bold=True, double_height=True)
        p.add("ВРЪЩАНЕ ИЛИ РЕКЛАМАЦИЯ")
        p.add(f"Към ФБ № {number - rng.randint(3, 90):07d}")
    lines = []
    groups: dict[str, int] = {}
    gross = 0
    for (name, price, group), qty in items:
        value = qty * price
        if qty > 1:
            p.add(f"{qty}{sep}000 x {money(price, sep)}")
        rows = wrap(name, width - 10)
        for row in rows[:-1]:
            p.add(row)
        p.add(lr(rows[-1], f"{money(value, sep)} {group}", width))
        lines.append((name, qty, value))
        groups[group] = groups.get(group, 0) + value
        gross += value
    total = gross
    if not storno and gross > 300 and rng.random() < 0.2:
        off = round(gross * 0.1)
        p.add(lr(f"ОТСТЪПКА 10{sep}00%", f"-{money(off, sep)} Б", width))
        lines.append((f"ОТСТЪПКА 10{sep}00%", 1, -off))
        groups["Б"] = groups.get("Б", 0) - off
        total -= off
    p.add("-" * width)
    shown = -total if storno else total
    p.add(lr("ОБЩА СУМА", f"{money(shown, sep)} EUR", width), bold=True)
    if when < datetime(2026, 8, 8):  # the leva shown beside the euro until 8 Aug 2026
        p.add(lr("", f"{money(round(shown * LEV_PER_EURO), sep)} лв.", width))
    kind = rng.random()
    if storno or kind < 0.55:
        tender = "cash"
        cash = total if storno or rng.random() < 0.3 else -(-total // 500) * 500
        p.add(lr("В БРОЙ", money(-cash if storno else cash, sep), width))
        if cash > total:
            p.add(lr("РЕСТО", money(cash - total, sep), width))
    elif kind < 0.9:
        tender = "card"
        p.add(lr("КАРТА", money(total, sep), width))
    else:
        tender = None
        part = min(rng.choice([200, 500, 1000]), total // 2)
        p.add(lr("В БРОЙ", money(part, sep), width))
        p.add(lr("КАРТА", money(total - part, sep), width))
    for group in sorted(groups):
        rate = BG_GROUP_RATE[group]
        if rate:
            tax = round(groups[group] * rate / (100 + rate))
            p.add(lr(f"ДДС {group} = {rate}{sep}00%", money(-tax if storno else tax, sep), width))
    p.add(centred(f"{len(items)} АРТИКУЛА", width))
    if width < 40:
        p.add(f"БОН № {number:07d}")
        p.add(f"{when:%d.%m.%Y %H:%M:%S}")
    else:
        p.add(f"БОН № {number:07d}   {when:%d.%m.%Y %H:%M:%S}")
    p.add(f"УНП: DT{eik[:6]}-0001-{number:07d}")
    p.add(centred("ФИСКАЛЕН БОН", width), bold=True)
    p.add(lr(f"DT{eik[3:9]}", f"02{eik[1:7]}", width))
    return p, Truth(-total if storno else total, lines, f"{number:07d}", tender,
                    "refund" if storno else "sale", occurred(when), None)


# ------------------------------------------------- Uganda: EFRIS e-receipt

UG_SHOPS = [
    ("1000234517", "NTINDA FRESH MARKETS LIMITED", "Fresh Mart Ntinda",
     "Plot 12 Ntinda Road, Kampala", "%d/%m/%Y"),
    ("1001876420", "GULU STAR SUPPLIES LTD", "Star Supermarket Gulu",
     "Plot 4 Awich Road, Gulu", "%Y-%m-%d"),
]
# name, shillings (VAT 18 % included)
UG_MENU = [
    ("Sugar Kakira 1kg", 4500), ("Mukwano Cooking Oil 1L", 9800),
    ("Rwenzori Mineral Water 500ml", 1000), ("Posho Maize Flour 2kg", 6000),
    ("Nile Special 500ml", 4000), ("Fresh Dairy Milk 500ml", 2500),
    ("Blue Band Margarine 250g", 5200), ("Kimbo 500g", 11500),
    ("Splash Mango Juice 1L", 5500), ("Omo Washing Powder 1kg", 9000),
    ("Tilda Long Grain Rice 5kg", 32000), ("Chapati", 1000),
]
UG_PAY = [("Cash", "cash"), ("Cash", "cash"), ("Mobile Money", "Mobile Money"),
          ("Visa/Master card", "card")]
ONES = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
        "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen",
        "Seventeen", "Eighteen", "Nineteen"]
TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]


def words(n: int) -> str:
    """An amount in English words, as the e-receipt prints it."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    for size, name in ((1_000_000, "Million"), (1000, "Thousand"), (100, "Hundred")):
        if n >= size:
            rest = n % size
            return f"{words(n // size)} {name}" + ("" if not rest else " " + words(rest))
    raise ValueError(n)


def efris_ug(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """URA's EFRIS e-receipt, sections A to F, as a till prints it as text."""
    tin, legal, trade, address, date_format = rng.choice(UG_SHOPS)
    width = rng.choice([42, 48])
    when = when_in_2026(rng, (8, 21))
    credit = rng.random() < 0.1
    paid, tender = rng.choice(UG_PAY)
    items = pick_items(rng, UG_MENU, 6)
    fdn = f"3250{rng.randint(10**7, 10**8 - 1)}"
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.75)
    p.add(centred("e-CREDIT NOTE" if credit else "e-INVOICE/TAX INVOICE", width), bold=True)
    p.add(centred("EFRIS Fiscalized Invoice", width))
    p.add("Section A: Seller's Details", bold=True)
    p.add(f"TIN: {tin}")
    for label, value in (("Legal Name", legal), ("Trade Name", trade), ("Address", address)):
        rows = wrap(f"{label}: {value}", width)
        for row in rows:
            p.add(row)
    p.add(f"Reference: POS-{40210 + n:06d}")
    p.add(f"Served by: {rng.choice(['Agnes', 'Brian K.', 'Sarah N.'])}")
    p.add("Section B: URA Information", bold=True)
    p.add(f"Document Type: {'Credit Note' if credit else 'Original'}")
    p.add(f"Issued Date: {when.strftime(date_format)}")
    p.add(f"Time: {when:%H:%M:%S}")
    p.add(f"Device Number: TCS{rng.randint(10**9, 10**10 - 1):x}")
    p.add(f"FDN: {fdn}")
    if credit:
        p.add(f"Original FDN: 3250{rng.randint(10**7, 10**8 - 1)}")
    code = "".join(str(rng.randint(0, 9)) for _ in range(20))
    p.add(f"Verification: {code}")
    p.add("Section C: Buyer's Details", bold=True)
    if rng.random() < 0.25:
        p.add(f"Name: {rng.choice(['Okello James', 'Kato Builders Ltd'])}")
        p.add(f"TIN: 10{rng.randint(10**7, 10**8 - 1)}")
    else:
        p.add("Name: Walk-in Customer")
    p.add("Section D: Goods & Services Details", bold=True)
    name_w = width - 31
    p.add(f"{'No':<3}{'Item':<{name_w}}{'Qty':>4}{'Unit Price':>11}{'Total':>9}{'Tax':>4}"[:width])
    lines = []
    gross = 0
    for i, ((name, price), qty) in enumerate(items, 1):
        value = qty * price
        rows = wrap(name, name_w - 1)
        p.add(f"{i:<3}{rows[0]:<{name_w}}{qty:>4}{whole(price):>11}{whole(value):>9}{'A':>4}")
        for row in rows[1:]:
            p.add(f"   {row}")
        lines.append((name, qty, value * 100))
        gross += value
    net = round(gross / 1.18)
    tax = gross - net
    p.add("Section E: Tax Details", bold=True)
    p.add(f"{'Category':<18}{'Net':>8}{'Tax':>8}{'Gross':>{width - 34}}")
    p.add(f"{'A: Standard (18%)':<18}{whole(net):>8}{whole(tax):>8}{whole(gross):>{width - 34}}")
    p.add("Section F: Summary", bold=True)
    p.add(lr("Net Amount:", whole(net), width))
    p.add(lr("Tax Amount:", whole(tax), width))
    p.add(lr("Gross Amount:", f"{whole(gross)} UGX", width), bold=True)
    for row in wrap(words(gross) + " Shillings Only", width):
        p.add(row)
    p.add(lr("Payment Mode:", paid, width))
    p.add(lr("Number of Items:", str(len(items)), width))
    p.add(lr("Currency:", "UGX", width))
    total = gross * 100
    return p, Truth(-total if credit else total, lines, fdn, tender,
                    "refund" if credit else "sale", occurred(when), None)


# ------------------------------------------------- Colombia: thermoprint's own ESC/POS

CO_SHOPS = [("PANADERIA LA ESPIGA", "+57 604 444 1290", "Cra 43A # 9-30, Medellin"),
            ("CAFE DONDE TOÑO", "+57 601 345 2211", "Calle 85 # 12-40, Bogota")]
# name, pesos (INC 8 % included)
CO_MENU = [
    ("Pandebono", 2500), ("Almojábana", 2800), ("Buñuelo", 2200), ("Tinto", 2000),
    ("Café con leche", 4500), ("Arepa de choclo con queso", 7500),
    ("Empanada de carne", 3500), ("Chocolate santafereño con queso y almojábana", 12900),
    ("Jugo de lulo en agua", 6500), ("Pan aliñado", 3000), ("Roscón de arequipe", 5500),
    ("Tamal tolimense", 14000),
]
CO_PAY = [("cash", "cash"), ("cash", "cash"), ("Tarjeta", "card"), ("Nequi", "Nequi")]


def cp858_module(text: str) -> str:
    """What the module's own CP858 encoder prints: it maps only some accents
    and sends every other character's code point as its byte (``á`` is 0xE1,
    CP858's ``ß``)."""
    mapped = set("àâäéèêëîïôöùûüçñÀÂÉÈÊÎÔÙÛÇÑ€")
    out = []
    for ch in text:
        if ch in mapped or ord(ch) < 0x80:
            out.append(ch)
        else:
            out.append(bytes([ord(ch) & 0xFF]).decode("cp858"))
    return "".join(out)


def thermoprint_co(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A bakery's slip built by thermoprint's ``ReceiptBuilder`` (Spanish labels)."""
    name, phone, address = rng.choice(CO_SHOPS)
    width = rng.choice([32, 48])
    when = when_in_2026(rng, (6, 20))
    paid, tender = rng.choice(CO_PAY)
    items = pick_items(rng, CO_MENU, 5)
    p = Printed(codepage="CP858", crlf=False, cut=True)

    def pesos(units: int) -> str:
        return f"{units} COP"

    p.add("")
    p.add("")
    p.add(cp858_module(name), bold=True, double_width=True, double_height=True,
          align="center")
    p.add(phone, align="center")
    p.add(cp858_module(address), align="center")
    p.add("=" * width)
    p.add(lr("Recibo:", f"{7300 + n:06d}", width))
    p.add(lr("Fecha:", f"{when:%d/%m/%Y %H:%M}", width))
    p.add("-" * width)
    lines = []
    gross = 0
    for (item, price), qty in items:
        shown = cp858_module(item)
        if len(shown) > width - 2:
            shown = shown[: width - 2 - 3] + "..."
        p.add(shown, bold=True)
        p.add(f"{qty} x {pesos(price)}")
        value = qty * price
        lines.append((shown, qty, value * 100))
        if rng.random() < 0.12:
            off = value // 10
            p.add(pesos(value).rjust(width))
            p.add(f"  Descuento: -{pesos(off)}")
            p.add(pesos(value - off).rjust(width), bold=True)
            lines.append(("Descuento", 1, -off * 100))
            value -= off
        else:
            p.add(pesos(value).rjust(width))
        p.add("")
        gross += value
    total = gross
    if gross > 15000 and rng.random() < 0.15:
        off = 2000
        p.add(lr("DESCUENTO (CLIENTE10)", f"-{pesos(off)}", width))
        lines.append(("DESCUENTO (CLIENTE10)", 1, -off * 100))
        total -= off
    inc = round(total * 8 / 108)
    p.add(lr("SUBTOTAL", pesos(total - inc), width))
    p.add("(Sin IVA)".rjust(width))
    p.add("DETALLE DE IMPUESTOS:")
    p.add(lr("  INC 8% (incluido)", pesos(inc), width))
    p.add(lr("TOTAL", pesos(total), width), bold=True, double_height=True)
    if paid == "cash":
        received = total if rng.random() < 0.25 else -(-total // 10000) * 10000
        if received == total and rng.random() < 0.5:
            received = total + 50000 - total % 50000 if total % 50000 else total
        p.add(lr("MONTO RECIBIDO", pesos(received), width))
        if received > total:
            p.add(lr("CAMBIO", pesos(received - total), width))
        else:
            tender = None  # received exactly, no way named: the paper does not say (TENDERS.md)
    else:
        p.add(f"Pago: {paid}")
    p.add(f"Atendido por: {rng.choice(['Camila', 'Andres', 'Luz Mery'])}")
    p.add("Gracias por su compra!", align="center")
    p.add(cp858_module(f"Hasta pronto en {name}"), align="center")
    return p, Truth(total * 100, lines, f"{7300 + n:06d}", tender, "sale",
                    occurred(when, seconds=False), None)


# ------------------------------------------------- UK schools

STUDENTS = [("Aoife", "Kelly"), ("Ciarán", "McCann"), ("Niamh", "O'Hare"),
            ("Oisín", "Doherty"), ("Grace", "Wilson"), ("Jack", "Magee"),
            ("Kofi", "Mensah"), ("Zara", "Hussain"), ("Ellie-Mae", "Thompson")]
NI_MENU = [
    ("Pasta Bolognese", 260), ("Chicken Curry & Rice", 275), ("Soup & Wheaten Bread", 150),
    ("Sausage Bap", 180), ("Traybake", 80), ("Apple Juice 250ml", 70), ("Fruit Cup", 60),
    ("Toasted Ham & Cheese Panini", 230), ("Water 500ml", 50), ("Yoghurt Pot", 55),
    ("Pizza Slice", 150), ("Chips", 90),
]


def shimna_gateway(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Northern Irish college's canteen till (School Gateway top-ups, free
    meal credit at 12:00); the slip's wording is ours."""
    width = 40
    lunch = rng.random() < 0.7
    when = when_in_2026(rng, (12, 13) if lunch else (10, 10), school=True)
    if not lunch:
        when = when.replace(minute=rng.randint(40, 59))
    first, last = rng.choice(STUDENTS)
    account = f"20{rng.randint(10000, 99999)}"
    refund = rng.random() < 0.08
    items = pick_items(rng, NI_MENU, 4)
    p = Printed(codepage=rng.choice(["CP858", "CP850"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.7)
    p.add(centred("Mourne View Integrated College", width), bold=True)
    p.add(centred(f"Canteen - Till {rng.choice([1, 2])}", width))
    p.add(f"Date: {when:%d/%m/%Y}  Time: {when:%H:%M}")
    p.add(f"Trans: {104200 + n}")
    p.add(f"Student: {first} {last}")
    p.add(f"Reg Grp: {rng.choice(['8M', '9R', '10K', '11D', '12S', '14B'])}")
    p.add(f"Acc No: {account}")
    if refund:
        p.add(centred("*** REFUND ***", width), bold=True)
    p.add("-" * width)
    lines = []
    gross = 0
    for (name, price), qty in items:
        value = qty * price
        p.add(f"{name[:27]:<28}{qty:>3}{money(value):>9}")
        lines.append((name[:27], qty, value))
        gross += value
    total = gross
    if not refund and lunch and len(items) >= 2 and rng.random() < 0.2:
        p.add(f"{'Meal Deal Discount':<31}{'-0.30':>9}")
        lines.append(("Meal Deal Discount", 1, -30))
        total -= 30
    p.add("-" * width)
    balance = rng.randint(0, 3000)
    if refund:
        p.add(lr("Total Refunded", money(total), width), bold=True)
        p.add(lr("Refunded to Account", money(total), width))
        p.add(lr("Account Balance", f"£{money(balance + total)}", width))
        return p, Truth(-total, lines, str(104200 + n), "account", "refund",
                        occurred(when, seconds=False), account)
    p.add(lr("Total", money(total), width), bold=True)
    fsm = 290 if lunch and rng.random() < 0.35 else 0
    used = min(fsm, total)
    if used:
        p.add(lr("FSM Credit Used", money(used), width))
    if total > used:
        p.add(lr("Account Debited", money(total - used), width))
    tender = "fsm" if used == total else ("account" if not used else None)
    p.add(lr("Account Balance", f"£{money(balance)}", width))
    if fsm:
        p.add(lr("FSM Balance Today", money(fsm - used), width))
    p.add(centred("Top up at schoolgateway.com", width))
    return p, Truth(total, lines, str(104200 + n), tender, "sale",
                    occurred(when, seconds=False), account)


SH_MENU = [
    ("Hot Meal of the Day", 250), ("Jacket Potato Tuna", 240), ("Panini", 210),
    ("Cookie", 50), ("Muffin", 95), ("Fruit Juice", 85), ("Bottled Water", 60),
    ("Pasta Pot", 195), ("Wrap", 225), ("Hash Brown", 45), ("Bagel & Cream Cheese", 120),
    ("Flapjack", 75),
]


def shirley_mcas(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Southampton high school's servery: no cash, every sale from the
    catering account, a £6 daily limit (MCAS top-ups); the slip is ours."""
    width = 32
    lunch = rng.random() < 0.65
    when = when_in_2026(rng, (12, 13) if lunch else (10, 10), school=True)
    first, last = rng.choice(STUDENTS)
    adm = f"{rng.randint(1, 9999):06d}"
    refund = rng.random() < 0.08
    items = []
    for (name, price), qty in pick_items(rng, SH_MENU, 4):  # the £6 daily limit
        spent = sum(pr * q for (_, pr), q in items)
        qty = min(qty, (600 - spent) // price)
        if qty:
            items.append(((name, price), qty))
    p = Printed(codepage=rng.choice(["CP437", "CP858"]), crlf=rng.random() < 0.25,
                cut=rng.random() < 0.6)
    p.add("SHORE LANE HIGH", bold=True, double_width=True)
    p.add(f"Catering - Servery {rng.choice([1, 2])}")
    p.add(when.strftime("%d %b %Y %I:%M %p"))
    p.add(f"Receipt: {45100 + n}")
    p.add(f"ID: {rng.choice(['Fingerprint', 'PIN', 'Photo'])}")
    p.add(f"Pupil: {first[0]}. {last[:14]}  Yr {rng.choice([7, 8, 9, 10, 11])}")
    p.add(f"Adm No: {adm}")
    p.add("-" * width)
    lines = []
    total = 0
    for (name, price), qty in items:
        value = qty * price
        p.add(lr(f"{qty} x {name[:18]}", f"£{money(value)}", width))
        lines.append((name[:18], qty, value))
        total += value
    p.add("-" * width)
    balance = rng.randint(-0, 4000)
    if refund:
        p.add(centred("REFUND", width), bold=True)
        p.add(lr("Refund Total", f"£{money(total)}", width), bold=True)
        p.add(lr("Refunded to: Account", f"£{money(total)}", width))
        p.add(lr("Balance Remaining", f"£{money(balance + total)}", width))
        return p, Truth(-total, lines, str(45100 + n), "account", "refund",
                        occurred(when, seconds=False), adm)
    p.add(lr("TOTAL", f"£{money(total)}", width), bold=True)
    fsm = 245 if lunch and rng.random() < 0.3 else 0
    used = min(fsm, total)
    if used:
        p.add(lr("Paid by: FSM Credit", f"£{money(used)}", width))
    if total > used:
        p.add(lr("Paid by: Account", f"£{money(total - used)}", width))
    tender = "fsm" if used == total else ("account" if not used else None)
    p.add(lr("Balance Remaining", f"£{money(balance)}", width))
    p.add(lr("Daily Limit Left", f"£{money(max(0, 600 - total))}", width))
    return p, Truth(total, lines, str(45100 + n), tender, "sale",
                    occurred(when, seconds=False), adm)


CY_MENU = [
    ("Hot Dinner - Roast Chicken", 260), ("Hot Dinner - Veggie Lasagne", 260),
    ("Jacket Potato & Cheese", 260), ("Packed Lunch Bag", 240), ("Fruit Pot", 50),
    ("Milk Carton", 30), ("Toast", 20), ("Breakfast Club", 300),
]
CLASSES = ["Reception Robins", "Year 1 Ash", "Year 2 Birch", "Year 3 Oak", "Year 4 Elm",
           "Year 5 Rowan", "Year 6 Willow"]


def cypad_primary(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A primary's meal slip from its Cypad tablet after the day's sync: a
    day, no time; pre-orders confirmed, a cancelled past meal credited back."""
    width = 32
    when = when_in_2026(rng, (12, 12), school=True)
    first, last = rng.choice(STUDENTS)
    pupil_id = str(rng.randint(1000, 9999))
    klass = rng.choice(CLASSES)
    infant = klass.startswith(("Reception", "Year 1", "Year 2"))
    cancelled = rng.random() < 0.1
    mains = [m for m in CY_MENU if m[1] >= 240 and m[0] != "Breakfast Club"]
    items = [(rng.choice(mains), 1)]
    for extra in rng.sample([m for m in CY_MENU if m[1] < 240], rng.choice([0, 0, 1, 2])):
        items.append((extra, rng.choice([1, 1, 2])))
    if rng.random() < 0.1:
        items.append((CY_MENU[-1], 1))
    p = Printed(codepage=rng.choice(["AUTO", "CP437"]), crlf=rng.random() < 0.3,
                cut=rng.random() < 0.5)
    p.add(centred("St Aidan's CE Primary", width), bold=True)
    p.add(centred("School Meals - Cypad", width))
    p.add(f"Date: {when:%d/%m/%Y}")
    p.add(f"Pupil: {first} {last}"[:width])
    p.add(f"Class: {klass}")
    p.add(f"Pupil ID: {pupil_id}")
    p.add("MEAL CANCELLED - CREDITED" if cancelled else "Pre-order confirmed")
    p.add("-" * width)
    lines = []
    total = 0
    for (name, price), qty in items:
        value = qty * price
        label = name if qty == 1 else f"{name} x{qty}"
        p.add(lr(label, money(value), width))
        lines.append((name, qty, value))
        total += value
    p.add("-" * width)
    balance = rng.randint(-1500, 2500)
    ref = f"T-{50320 + n:08d}"
    if cancelled:
        p.add(lr("Credited", money(total), width), bold=True)
        p.add("Credited to: Parent Account")
        p.add(lr("Balance", money(balance + total), width))
        p.add(f"Transaction Ref: {ref}")
        return p, Truth(-total, lines, ref, "account", "refund", when.date().isoformat(),
                        pupil_id)
    p.add(lr("Total", money(total), width), bold=True)
    free = "Universal Infant FSM" if infant else "Free School Meal"
    main = items[0][0][1]
    if (infant or rng.random() < 0.2) and total > main:
        p.add(lr(free, money(main), width))
        p.add(lr("Parent Account", money(total - main), width))
        tender = None
    elif infant or rng.random() < 0.2:
        p.add(lr(free, money(total), width))
        tender = "fsm"
    else:
        p.add(lr("Charged to: Parent Account", "", width).rstrip())
        tender = "account"
    p.add(lr("Balance", money(balance), width) + ("  DEBT" if balance < 0 else ""))
    p.add(f"Transaction Ref: {ref}")
    return p, Truth(total, lines, ref, tender, "sale", when.date().isoformat(), pupil_id)


LAYOUTS: dict[str, Render] = {
    "qrk-at": qrk_at,
    "kasova-bg": kasova_bg,
    "efris-ug": efris_ug,
    "thermoprint-co": thermoprint_co,
    "shimna-gateway": shimna_gateway,
    "shirley-mcas": shirley_mcas,
    "cypad-primary": cypad_primary,
}
