"""The eighteenth holdout's renderers: seven real layouts (sources and what is
invented in README.md), each ``render(rng, no) -> (Printed, Truth)``."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Item = tuple[str, int, int]  # name, quantity, unit price (hundredths)


def _when(rng: random.Random, first: int, last: int) -> datetime:
    """A moment in 2026 (GMT and BST) between the hours ``first`` and ``last``."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    return day.replace(hour=rng.randint(first, last), minute=rng.randrange(60),
                       second=rng.randrange(60))


def _items(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
           qtys: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> list[Item]:
    picked = rng.sample(menu, rng.randint(1, min(most, len(menu))))
    out = []
    for name, unit in picked:
        if rng.random() < 0.1:
            unit += rng.choice([5, 10, 50, 100])  # a price that drifted since the menu
        out.append((name, rng.choice(qtys), unit))
    return out


def _dec(v: int, thousands: str = ",", point: str = ".") -> str:
    """``v`` hundredths as ``1,234.50`` (or with other separators)."""
    sign = "-" if v < 0 else ""
    whole, cents = divmod(abs(v), 100)
    return f"{sign}{whole:,}".replace(",", thousands) + f"{point}{cents:02d}"


def _lr(left: str, right: str, width: int) -> str:
    return left + " " * max(1, width - len(left) - len(right)) + right


# --- A Chilean boleta electrónica (GetFit's boleta.blade.php) -------------

CL_MENU = [("Cafe cortado", 1800), ("Batido proteico", 3500), ("Barra de cereal", 1200),
           ("Agua mineral 500ml", 1000), ("Sandwich ave palta", 4200),
           ("Jugo natural naranja", 2500), ("Pase diario", 5000), ("Toalla arriendo", 800),
           ("Empanada de pino", 2200), ("Yogurt con granola", 2300)]


def _clp(pesos: int) -> str:
    return "$" + f"{pesos:,}".replace(",", ".")


def boleta_cl(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP850", "CP858", "AUTO"]), crlf=rng.random() < 0.3)
    w = 42
    when = _when(rng, 7, 21)
    number = str(18200 + no * 3 + rng.randrange(3))
    p.add("CENTRO DEPORTIVO ANDES SPA", bold=True)
    p.add("RUT: 76.482.915-3")
    p.add("DIRECCION: Av. Grecia 2150, Nunoa")
    p.add("GIRO: Gimnasio y cafeteria")
    p.add("TELEFONO: +56 2 2941 7730")
    p.add(f"BOLETA ELECTRONICA N° {number}", align="center", bold=True)
    p.add("S.I.I NUNOA", align="center")
    with_time = rng.random() < 0.7
    stamp = when.strftime("%d-%m-%Y %H:%M") if with_time else when.strftime("%d-%m-%Y")
    p.add(f"FECHA EMISION: {stamp}", align="center")
    p.add("-" * w)
    p.add(f"{'CODIGO':<7}{'DESCRIPCION':<19}{'VALOR':>8}{'DESC.':>8}")
    lines = []
    gross = 0
    for name, qty, unit in _items(rng, CL_MENU, most=5, qtys=(1, 1, 1, 2, 3)):
        value = qty * unit
        desc = 0
        if rng.random() < 0.2:
            desc = value // 10  # a 10 % member's discount on the row
        code = str(rng.randint(1000, 9999))
        # A name cut to fit its column; a count as " x2" after it (invented).
        cut = name[:18] if qty == 1 else name[:14]
        shown = cut if qty == 1 else f"{cut} x{qty}"
        p.add(f"{code:<7}{shown:<19}{_clp(value):>8}{'-' + _clp(desc):>8}")
        lines.append((cut, qty, (value - desc) * 100))
        gross += value - desc
    p.add("-" * w)
    p.add(_lr("SUB TOTAL:", _clp(gross), w))
    p.add(_lr("TOTAL:", _clp(gross), w), bold=True)
    iva = round(gross - gross / 1.19)
    p.add(_lr("IVA INCLUIDO (19%):", _clp(iva), w))
    r = rng.random()
    if r < 0.5:
        paid = -(-gross // 1000) * 1000 + rng.choice([0, 0, 1000, 5000])
        p.add(_lr("EFECTIVO:", _clp(paid), w))
        p.add(_lr("VUELTO:", _clp(paid - gross), w))
        tender = "cash"
    elif r < 0.85:
        p.add(_lr("TARJETA DEBITO REDCOMPRA:", _clp(gross), w))
        tender = "card"
    else:
        cash = min(gross - 100, rng.choice([1000, 2000, 5000]))
        if cash <= 0:
            cash = gross // 2
        p.add(_lr("EFECTIVO:", _clp(cash), w))
        p.add(_lr("TARJETA DEBITO REDCOMPRA:", _clp(gross - cash), w))
        tender = None
    p.add("Timbre Electronico SII", align="center")
    p.add("Verifique documento: www.sii.cl", align="center")
    p.cut = rng.random() < 0.8
    date = occurred(when, seconds=False, time=with_time)
    return p, Truth(gross * 100, lines, number, tender, "sale", date, None)


# --- A Pakistani FBR-integrated POS invoice (SRO 1006(I)/2021 fields) -----

PK_MENU = [("Chicken Biryani", 45000), ("Beef Nihari", 52000), ("Chicken Karahi Half", 95000),
           ("Seekh Kabab (4)", 48000), ("Garlic Naan", 6000), ("Roghni Naan", 5000),
           ("Raita", 8000), ("Mint Margarita", 25000), ("Doodh Patti Chai", 12000),
           ("Gulab Jamun (2)", 15000), ("Mineral Water 1.5L", 9000), ("Zinger Burger", 55000)]


def fbr_pk(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), crlf=rng.random() < 0.2)
    w = 48
    when = _when(rng, 11, 23)
    refund = rng.random() < 0.1
    pos_id = "812417"
    number = f"{pos_id}{when:%y%m%d}{no + 1:05d}"
    rate = 16
    p.add("LAHORI DASTARKHWAN", align="center", bold=True, double_height=True)
    p.add("Shop 14, Khayaban-e-Ittehad, DHA Karachi", align="center")
    p.add("NTN: 4212789-6   STRN: 3277876123456", align="center")
    p.add("Tax Office: RTO Karachi", align="center")
    p.add(f"POS Reg No: {pos_id}", align="center")
    p.add("SALE RETURN" if refund else "SALES INVOICE", align="center", bold=True)
    p.add(f"Invoice No: {number}")
    p.add(f"Date: {when:%d-%b-%Y}   Time: {when:%I:%M %p}")
    if rng.random() < 0.4:
        p.add(f"Table: {rng.randint(1, 24)}   Waiter: {rng.choice(['Imran', 'Sadia', 'Bilal'])}")
    p.add("-" * w)
    p.add(f"{'Item':<20}{'Qty':>4}{'Rate':>9}{'Tax':>5}{'Amount':>10}")
    p.add("-" * w)
    lines = []
    net = 0
    for name, qty, unit in _items(rng, PK_MENU, most=6):
        value = qty * unit
        p.add(f"{name[:19]:<20}{qty:>4}{_dec(unit):>9}{f'{rate}%':>5}{_dec(value):>10}")
        lines.append((name[:19], qty, value))
        net += value
    p.add("-" * w)
    p.add(_lr("Total Sale Value (excl. tax)", _dec(net), w))
    disc = 0
    if not refund and rng.random() < 0.25:
        disc = net * rng.choice([5, 10]) // 100 // 100 * 100
        if disc:
            p.add(_lr("Discount", _dec(-disc), w))
            lines.append(("Discount", 1, -disc))
    tax = round((net - disc) * rate / 100)
    p.add(_lr(f"Sales Tax @ {rate}%", _dec(tax), w))
    fee = 0 if refund else 100
    if fee:
        p.add(_lr("POS Service Fee", _dec(fee), w))
    total = net - disc + tax + fee
    p.add(_lr("Total Payable" if not refund else "Total Refund", f"Rs. {_dec(total)}", w),
          bold=True)
    r = rng.random()
    if refund or r < 0.45:
        if refund:
            p.add(_lr("Mode of Payment:", "Cash", w))
            tender = "cash"
        else:
            paid = -(-total // 50000) * 50000
            p.add(_lr("Mode of Payment:", "Cash", w))
            p.add(_lr("Cash Received", _dec(paid), w))
            p.add(_lr("Change", _dec(paid - total), w))
            tender = "cash"
    elif r < 0.75:
        p.add(_lr("Mode of Payment:", "Debit Card", w))
        p.add(_lr("Card No:", "**** **** **** " + str(rng.randint(1000, 9999)), w))
        tender = "card"
    else:
        wallet = rng.choice(["JazzCash", "Easypaisa"])
        p.add(_lr("Mode of Payment:", wallet, w))
        p.add(_lr("Txn ID:", str(rng.randint(10**9, 10**10 - 1)), w))
        tender = wallet
    p.add("-" * w)
    p.add(f"FBR Invoice #: {pos_id}{rng.randint(10**11, 10**12 - 1)}*test*", align="center")
    p.add("Verify this invoice through FBR TaxAsaan", align="center")
    p.add("Thank you! Please visit again", align="center")
    notes = [f"tax_on_top={tax}"] + ([f"fee={fee}"] if fee else [])
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when, seconds=False), None, notes)


# --- An Algerian superette's ticket (tigdittgolf-lab/stock, TICKET format) --

DZ_MENU = [("Lait Candia 1L", 13000), ("Pain baguette", 1500), ("Yaourt Soummam x4", 16000),
           ("Café Facto 250g", 42000), ("Huile Elio 1L", 65000), ("Sucre 1kg", 9500),
           ("Eau Ifri 1,5L", 4500), ("Fromage La Vache qui rit", 28000),
           ("Semoule fine 1kg", 12000), ("Hamoud Boualem 1L", 11000),
           ("Biscuits Bimo", 6000), ("Thé vert Tiziri", 18000)]


def _da(v: int) -> str:
    return _dec(v, thousands=" ", point=",") + " DA"


def ticket_dz(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP850"]), crlf=rng.random() < 0.2)
    w = 32
    when = _when(rng, 7, 22)
    refund = rng.random() < 0.1
    number = f"{'AV' if refund else 'BL'}-{when:%Y}-{300 + no:05d}"
    p.add("SUPERETTE EL AMEL", align="center", bold=True)
    p.add("Cité 200 Logts, Bab Ezzouar", align="center")
    p.add("Tél: 023 92 41 18", align="center")
    p.add("NIF: 001716098765432", align="center")
    p.add("AVOIR" if refund else "TICKET", align="center", bold=True)
    p.add(f"N°: {number}")
    with_time = rng.random() < 0.75
    p.add(f"Date: {when:%d/%m/%Y %H:%M}" if with_time else f"Date: {when:%d/%m/%Y}")
    p.add(f"Client: {rng.choice(['Comptoir', 'Comptoir', 'M. Benali', 'Mme Haddad'])}")
    p.add("-" * w)
    lines = []
    ht = 0
    for name, qty, unit in _items(rng, DZ_MENU, most=6):
        value = qty * unit
        p.add(name[:w])
        p.add(f"{qty:>5} x {_dec(unit, ' ', ','):>9}{_dec(value, ' ', ','):>15}")
        lines.append((name[:w], qty, value))
        ht += value
    p.add("-" * w)
    p.add(_lr("Sous-total HT:", _da(ht), w))
    remise = 0
    if not refund and rng.random() < 0.2:
        remise = rng.choice([2000, 5000, 10000])
        remise = min(remise, ht // 2 // 100 * 100)
        if remise:
            p.add(_lr("Remise:", _da(-remise), w))
            lines.append(("Remise", 1, -remise))
    tva = round((ht - remise) * 19 / 100)
    total = ht - remise + tva
    p.add(_lr("TVA 19%:", _da(tva), w))
    p.add(_lr("TOTAL TTC:", _da(total), w), bold=True)
    if refund:
        p.add(_lr("Remboursé espèces:", _da(total), w))
        tender = "cash"
    elif rng.random() < 0.75:
        paid = -(-total // 50000) * 50000 + rng.choice([0, 0, 100000])
        p.add(_lr("Espèces:", _da(paid), w))
        p.add(_lr("Rendu:", _da(paid - total), w))
        tender = "cash"
    else:
        p.add(_lr("Carte CIB:", _da(total), w))
        tender = "card"
    p.add("Merci de votre visite", align="center")
    p.cut = rng.random() < 0.7
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when, seconds=False, time=with_time), None,
                    [f"tax_on_top={tva}"])


# --- A UK coffee shop's till (AAMani5/till_tech_test's receipt brief) ------

CAFE_MENU = [("Cafe Latte", 475), ("Flat White", 475), ("Cappuccino", 385),
             ("Single Espresso", 205), ("Double Espresso", 375), ("Americano", 350),
             ("Cortado", 455), ("Tea", 365), ("Choc Mudcake", 640), ("Choc Mousse", 820),
             ("Affogato", 1480), ("Tiramisu", 1140), ("Blueberry Muffin", 405),
             ("Chocolate Chip Muffin", 405), ("Muffin Of The Day", 455)]


def coffee_connection(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]))
    w = 40
    when = _when(rng, 7, 18)
    p.add("The Coffee Connection", align="center", bold=True, double_width=True)
    p.add("123 Lakeside Way, Bristol BS1 4QA", align="center")
    p.add("Tel: 0117 496 0708", align="center")
    p.add(when.strftime("%d/%m/%Y %H:%M:%S"))
    table, guests = rng.randint(1, 12), rng.randint(1, 4)
    p.add(f"Table: {table} / [{guests}]")
    names = rng.sample(["Jane", "John", "Priya", "Tom", "Aisha", "Owen"], guests)
    p.add(", ".join(names))
    p.add("-" * w)
    lines = []
    total = 0
    for name, qty, unit in _items(rng, CAFE_MENU, most=6):
        value = qty * unit
        p.add(_lr(name, f"{qty} x £{_dec(unit)}", w))
        lines.append((name, qty, value))
        total += value
    p.add("-" * w)
    muffins = sum(v for n, _, v in lines if "Muffin" in n)
    if muffins and rng.random() < 0.7:
        off = round(muffins / 10)
        p.add(_lr("Disc: 10% off muffins", f"-£{_dec(off)}", w))
        lines.append(("Disc: 10% off muffins", 1, -off))
        total -= off
    if total > 5000:
        off = round(total * 5 / 100)
        p.add(_lr("Disc: 5% off over £50", f"-£{_dec(off)}", w))
        lines.append(("Disc: 5% off over £50", 1, -off))
        total -= off
    vat = round(total / 6)
    p.add(_lr("VAT (20%) incl.", f"£{_dec(vat)}", w))
    p.add(_lr("Total:", f"£{_dec(total)}", w), bold=True)
    r = rng.random()
    if r < 0.55:
        paid = -(-total // 500) * 500 + rng.choice([0, 0, 500, 1000])
        p.add(_lr("Cash:", f"£{_dec(paid)}", w))
        p.add(_lr("Change:", f"£{_dec(paid - total)}", w))
        tender = "cash"
    else:
        p.add(_lr("Card:", f"£{_dec(total)}", w))
        tender = "card"
    p.add("Free wi-fi: CoffeeConnection", align="center")
    p.cut = rng.random() < 0.85
    return p, Truth(total, lines, None, tender, "sale", occurred(when, seconds=True), None)


# --- A UK secondary whose contract caterer runs the fingerprint tills -------

SCHOOL_MENU = [("Pasta Bake", 240), ("Chicken Curry & Rice", 255), ("Jacket Potato Beans", 220),
               ("Veg Chilli Wrap", 230), ("Pizza Slice", 145), ("Panini Ham & Cheese", 210),
               ("Fruit Pot", 80), ("Flapjack", 75), ("Cookie", 60), ("Water 500ml", 70),
               ("Fruit Juice Carton", 85), ("Yoghurt Pot", 65), ("Toast (2 slices)", 40),
               ("Bacon Bap", 165)]
PUPILS = [("Olivia Brennan", "10HB"), ("Kacper Nowak", "8JS"), ("Ruby Ashworth", "11PT"),
          ("Zain Ahmed", "7RC"), ("Ellie Marsh", "9KW"), ("Tyler Bates", "12SF"),
          ("Maya Kowalczyk", "10HB"), ("Harvey Lund", "7AM")]


def _gbp(v: int) -> str:
    return ("-" if v < 0 else "") + f"£{_dec(abs(v))}"


def abm_school(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP850"]), crlf=rng.random() < 0.25)
    w = 40
    when = _when(rng, 8, 14)
    refund = rng.random() < 0.1
    name, form = rng.choice(PUPILS)
    adm = f"{rng.randint(1200, 9999):06d}"
    p.add("ABM Catering Ltd", align="center", bold=True)
    p.add("Spencer Lane Academy - Dining Hall", align="center")
    p.add(f"Till 2  Trans {5100 + no}   {when:%a %d/%m/%y %H:%M}")
    p.add(f"Pupil: {name} ({form})")
    p.add(f"Admission No: {adm}")
    p.add("*** REFUND ***" if refund else "-" * w, align="center")
    lines = []
    total = 0
    for item, qty, unit in _items(rng, SCHOOL_MENU, most=4, qtys=(1, 1, 1, 2)):
        value = qty * unit
        p.add(_lr(f"{qty} {item}", _gbp(value), w))
        lines.append((item, qty, value))
        total += value
    if not refund and len(lines) >= 2 and rng.random() < 0.35:
        p.add(_lr("Meal Deal Reduction", _gbp(-30), w))
        lines.append(("Meal Deal Reduction", 1, -30))
        total -= 30
    p.add("-" * w)
    p.add(_lr("Amount Refunded" if refund else "Amount Due", _gbp(total), w), bold=True)
    fsm_pupil = rng.random() < 0.35
    before = rng.randint(0, 2500)
    if refund:
        p.add(_lr("Paid back to:", "Account", w))
        tender = "account"
        p.add(_lr("Account Balance", _gbp(before + total), w))
    elif fsm_pupil:
        allowance = 260
        fsm = min(allowance, total)
        rest = total - fsm
        if rest:
            before += rest  # the till refuses a sale the account cannot cover
            p.add(_lr("Paid by: Free Meal", _gbp(fsm), w))
            p.add(_lr("Paid by: Account", _gbp(rest), w))
            tender = None
        else:
            p.add(_lr("Paid by: Free Meal", _gbp(total), w))
            tender = "fsm"
        p.add(_lr("Free Meal Allowance Left", _gbp(max(0, allowance - total)), w))
        p.add(_lr("Account Balance", _gbp(before - rest), w))
    else:
        before += total
        p.add(_lr("Paid by: Account", _gbp(total), w))
        tender = "account"
        p.add(_lr("Account Balance", _gbp(before - total), w))
    p.add("Top up online at ParentPay", align="center")
    p.cut = rng.random() < 0.8
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, str(5100 + no), tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), adm)


# --- A UK secondary on swipe cards with a daily spend limit ----------------

def swipe_limit(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage="CP437", crlf=rng.random() < 0.3)
    w = 32
    when = _when(rng, 8, 14)
    refund = rng.random() < 0.1
    staff = rng.random() < 0.15
    p.add("WESTFIELD DENE SCHOOL", align="center", bold=True)
    p.add("Cashless Catering", align="center")
    p.add(f"{when:%d.%m.%Y}  {when:%H:%M}  Pos 1")
    p.add(f"Receipt {no + 310:06d}")
    if staff:
        p.add("Name: Staff (cash sale)")
        account = None
    else:
        name, form = rng.choice(PUPILS)
        p.add(f"Name: {name}")
        p.add(f"Class: {form}")
        account = str(rng.randint(20000, 29999))
        p.add(f"Acc No: {account}")
    p.add("=" * w)
    lines = []
    total = 0
    for item, qty, unit in _items(rng, SCHOOL_MENU, most=4, qtys=(1, 1, 1, 2, 3)):
        value = qty * unit
        label = item[:20] if qty == 1 else f"{item[:16]} x{qty}"
        p.add(_lr(label, _dec(value), w))
        lines.append((item[:20] if qty == 1 else item[:16], qty, value))
        total += value
    p.add("=" * w)
    if refund:
        p.add(_lr("REFUND", _gbp(total), w), bold=True)
    else:
        p.add(_lr("SPEND", _gbp(total), w), bold=True)
    if staff:
        paid = -(-total // 100) * 100 + rng.choice([0, 0, 500])
        p.add(_lr("Cash", _gbp(paid), w))
        p.add(_lr("Change", _gbp(paid - total), w))
        tender = "cash"
    else:
        fsm = (not refund) and rng.random() < 0.3
        before = rng.randint(300, 4000)
        if fsm:
            p.add(_lr("Free Meal Entitlement", _gbp(min(total, 275)), w))
            if total > 275:
                p.add(_lr("From Balance", _gbp(total - 275), w))
                tender = None
            else:
                tender = "fsm"
            used = max(0, total - 275)
        else:
            p.add(_lr("Credited to Balance" if refund else "From Balance", _gbp(total), w))
            tender = "account"
            used = -total if refund else total
        p.add(_lr("Balance Before", _gbp(before), w))
        p.add(_lr("Balance Now", _gbp(before - used), w))
        spent_today = 0 if refund else total
        p.add(_lr("Daily Limit Left", _gbp(max(0, 500 - spent_today)), w))
    p.cut = rng.random() < 0.75
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, f"{no + 310:06d}", tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


# --- A Dominican colmado on HiCloud POS (its Bluetooth ESC/POS generator) --

DO_MENU = [("Cafe Santo Domingo 1lb", 32500), ("Arroz selecto 5lb", 21000),
           ("Habichuelas rojas La Famosa", 6500), ("Salami Induveca", 18500),
           ("Presidente grande", 22500), ("Agua Planeta Azul galon", 9000),
           ("Pan sobao", 1500), ("Leche Rica entera 1L", 7800), ("Queso de hoja", 16000),
           ("Aceite Crisol 32oz", 28500), ("Platanos verdes", 2500), ("Malta Morena", 4500)]


def _wrap(text: str, width: int) -> list[str]:
    """Words on rows of at most ``width`` (the generator's ``envolver``)."""
    rows: list[str] = []
    for word in text.split(" "):
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    return rows or [""]


def hicloud_do(rng: random.Random, no: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP850", "CP858"]), crlf=False)
    w = 32
    when = _when(rng, 7, 22)
    p.add("COLMADO LA ESQUINA", align="center", bold=True, double_width=True,
          double_height=True)
    p.add("RNC: 131-45872-9", align="center")
    for row in _wrap("C/ Duarte 45, Los Mina, Santo Domingo Este", w):
        p.add(row, align="center")
    p.add("Tel: 809-596-2231", align="center")
    p.add("")
    p.add("-" * w)
    hour = when.hour % 12 or 12
    half = "a. m." if when.hour < 12 else "p. m."
    p.add(_lr("Fecha:", f"{when.day}/{when.month}/{when.year}", w))
    p.add(_lr("Hora:", f"{hour}:{when:%M:%S} {half}", w))
    if rng.random() < 0.7:
        p.add(_lr("Cajero:", rng.choice(["Yokasta", "Wander", "Rosanna Peguero"]), w))
    if rng.random() < 0.3:
        p.add(_lr("Cliente:", rng.choice(["Consumidor final", "Juan Mateo"]), w))
    folio = f"{rng.choice(['A', 'B'])}-{1200 + no:06d}"
    with_folio = rng.random() < 0.85
    if with_folio:
        p.add(_lr("Folio:", folio, w))
    p.add("-" * w)
    lines = []
    sub = 0
    for name, qty, unit in _items(rng, DO_MENU, most=6):
        value = qty * unit
        rows = _wrap(name, w - 8)
        p.add(_lr(rows[0], _dec(value), w))
        for row in rows[1:]:
            p.add("  " + row)
        p.add(f"  {qty} x {_dec(unit)}")
        lines.append((name, qty, value))
        sub += value
    p.add("-" * w)
    itbis = round(sub * 18 / 100)
    total = sub + itbis
    p.add(_lr("Subtotal:", f"RD${_dec(sub)}", w))
    p.add(_lr("ITBIS:", f"RD${_dec(itbis)}", w))
    p.add(_lr("TOTAL:", f"RD${_dec(total)}", w), bold=True)
    r = rng.random()
    if r < 0.55:
        paid = -(-total // 50000) * 50000 + rng.choice([0, 0, 100000])
        if paid > total:
            p.add(_lr("Cambio:", f"RD${_dec(paid - total)}", w))
        p.add(_lr("Método:", "Efectivo", w))
        tender = "cash"
    elif r < 0.85:
        p.add(_lr("Método:", "Tarjeta", w))
        tender = "card"
    else:
        p.add(_lr("Método:", "Transferencia", w))
        tender = "Transferencia"
    encf = None
    if rng.random() < 0.5:
        encf = f"E32{rng.randint(10**9, 10**10 - 1)}"
        p.add("-" * w)
        p.add("COMPROBANTE FISCAL", align="center")
        p.add(encf, align="center")
    p.add("")
    p.add("Gracias por su compra!", align="center")
    # The number: the folio where printed, else the e-NCF (the document's legal
    # number; the lead's correction after the blind measure, README)
    return p, Truth(total, lines, folio if with_folio else encf, tender, "sale",
                    occurred(when, seconds=True), None, [f"tax_on_top={itbis}"])


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "boleta-cl": boleta_cl,
    "fbr-pk": fbr_pk,
    "ticket-dz": ticket_dz,
    "coffee-connection": coffee_connection,
    "abm-school": abm_school,
    "swipe-limit": swipe_limit,
    "hicloud-do": hicloud_do,
}
