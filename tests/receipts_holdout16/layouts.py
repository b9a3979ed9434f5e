"""The sixteenth holdout's renderers: one function per layout, each taking a
random stream and the receipt's index and giving what is printed (``Printed``)
and the truth a careful reader records. Sources and conventions: README.md."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout16 import Printed

Render = Callable[[random.Random, int], tuple[Printed, Truth]]


def _when(rng: random.Random, first: int = 8, last: int = 20) -> datetime:
    """A moment anywhere in 2026 (GMT and BST), between the hours given."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    return day.replace(hour=rng.randint(first, last), minute=rng.randrange(60),
                       second=rng.randrange(60))


def _lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row ``width`` wide (at least a space between)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _qty(rng: random.Random) -> int:
    return rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6])


# --- A Ukrainian shop's чек (zstore, poscheck_bill_ps.tpl) -------------------------

_UA_GOODS = [("Хлiб житнiй", 2850), ("Молоко 2,5% 900г", 4290), ("Сир твердий 200г", 11900),
             ("Кава мелена 250г", 18950), ("Яблука Голден", 3600), ("Вода мiнеральна 1,5л", 2100),
             ("Шоколад молочний", 5490), ("Печиво вiвсяне", 3875), ("Чай чорний 100г", 8900)]
_UA_CASHIERS = ["Олена", "Iван П.", "Марiя", "admin"]


def _uah(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def chek_ua(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage="CP866", crlf=rng.random() < 0.2, cut=rng.random() < 0.7)
    when = _when(rng)
    number = f"ЧК-{4100 + i * 3 + rng.randrange(3):06d}"
    p.add(f"Чек {number}", bold=True)
    with_time = rng.random() < 0.4
    p.add(f"вiд {when:%d.%m.%Y}" + (f" {when:%H:%M}" if with_time else ""))
    if rng.random() < 0.5:
        p.add("Фiскальний чек")
        p.add(f"ФН чека {rng.randrange(10**9, 10**10)}")
    p.add("ФОП Коваленко О.М.")
    p.add(f"IПН {rng.randrange(10**9, 10**10)}")
    p.add("Магазин Колосок")
    p.add("м. Київ, вул. Сiчова, 12")
    if rng.random() < 0.3:
        p.add(f"Покупець: {rng.choice(['Петренко Н.', 'Шевчук А.', 'ТОВ Рiвень'])}")
    p.add(f"Термiнал: Каса {rng.randint(1, 3)}")
    p.add(f"Касир: {rng.choice(_UA_CASHIERS)}")
    p.add("-" * 32)
    lines = []
    for name, unit in rng.sample(_UA_GOODS, rng.randint(1, 6)):
        unit += rng.choice([0, 0, 10, -25, 50])
        q = _qty(rng)
        p.add(name)
        p.add(f"{q:>14}{_uah(unit):>8}{_uah(unit * q):>10}")
        lines.append((name, q, unit * q))
    p.add("-" * 32)
    gross = sum(a for _, _, a in lines)
    p.add(f"Всього: {_uah(gross)}", bold=True, align="right")
    if rng.random() < 0.25:
        disc = max(100, round(gross * rng.choice([0.03, 0.05, 0.1]) / 100) * 100)
        p.add(f"Знижка: {_uah(disc)}", align="right")
        lines.append(("Знижка", 1, -disc))
    total = sum(a for _, _, a in lines)
    p.add(f"До сплати: {_uah(total)}", align="right")
    form = rng.choice(["cash", "cash", "card", "card", "split"])
    if form == "cash":
        paid = max(total, -(-total // 5000) * 5000 if rng.random() < 0.6 else total)
        p.add(f"Оплата: {_uah(paid)}", align="right")
        if paid > total:
            p.add(f"Решта: {_uah(paid - total)}", align="right")
        p.add("Форма оплати: готiвка", align="right")
        tender: str | None = "cash"
    elif form == "card":
        p.add(f"Оплата: {_uah(total)}", align="right")
        p.add("Форма оплати: банкiвська карта", align="right")
        tender = "card"
    else:
        p.add(f"Оплата: {_uah(total)}", align="right")
        p.add("Форма оплати: готiвка + карта", align="right")
        tender = None
    if rng.random() < 0.4:
        p.add(f"Нараховано бонусiв: {total // 10000}", align="right")
    p.add("Дякуємо за покупку!", bold=True, align="center")
    date = occurred(when, seconds=False) if with_time else occurred(when, time=False)
    return p, Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                    date=date, account=None)


# --- A Dakar boutique's ticket (thermoprint's ReceiptBuilder) ------------------------

_SN_GOODS = [("Polo manches courtes", 1500000), ("Boubou brode", 3500000),
             ("Sandales cuir", 1200000), ("Foulard wax", 450000), ("Jean droit", 2500000),
             ("Parfum 50ml", 1800000), ("Casquette", 500000), ("Tissu bazin 3m", 2750000)]


def _fcfa(pence: int) -> str:
    """Whole francs with a space between thousands (fr-SN), no minor unit."""
    return f"{pence // 100:,}".replace(",", " ") + " FCFA"


def ticket_sn(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP858", "CP850"]), cut=True)
    width = rng.choice([48, 48, 32])
    when = _when(rng, 9, 21)
    p.add("MAISON NDEYE", bold=True, align="center")
    p.add("+221 77 412 58 03", align="center")
    p.add("Sicap Liberté 2, Dakar", align="center")
    p.add("=" * width)
    number = f"ORD-2026-{i + 311:04d}"
    p.add(f"Ticket N° {number}")
    p.add(f"Date : {when:%d/%m/%Y %H:%M}")
    p.add("-" * width)
    lines = []
    for name, unit in rng.sample(_SN_GOODS, rng.randint(1, 5)):
        unit += rng.choice([0, 0, 50000, -25000])
        q = rng.choice([1, 1, 1, 2, 3])
        row = f"{name}  {q} x {_fcfa(unit)}"
        if len(row) + len(_fcfa(unit * q)) + 1 > width:  # the name on its own row
            p.add(name)
            p.add(_lr(f"  {q} x {_fcfa(unit)}", _fcfa(unit * q), width))
        else:
            p.add(_lr(row, _fcfa(unit * q), width))
        lines.append((name, q, unit * q))
        if rng.random() < 0.2:
            off = rng.choice([100000, 200000, 250000])
            p.add(_lr("  Remise", "-" + _fcfa(off), width))
            lines.append(("Remise", 1, -off))
    p.add("-" * width)
    ht = sum(a for _, _, a in lines)
    tva = round(ht * 18 / 100 / 100) * 100
    total = ht + tva
    p.add(_lr("Sous-total HT", _fcfa(ht), width))
    p.add(_lr("TVA 18%", _fcfa(tva), width))
    if width == 48:  # double size on 80 mm paper, only double height on 58 mm
        p.add(_lr("TOTAL", _fcfa(total), width // 2), bold=True, double_height=True,
              double_width=True, custom_size=False)
    else:
        p.add(_lr("TOTAL", _fcfa(total), width), bold=True, double_height=True,
              custom_size=False)
    tender: str | None
    if rng.random() < 0.6:
        paid = -(-total // 500000) * 500000
        p.add(_lr("Reçu", _fcfa(paid), width))
        p.add(_lr("Monnaie", _fcfa(paid - total), width))
        tender = "cash"
    else:
        tender = rng.choice(["Wave", "Orange Money"])
        p.add(_lr(f"Payé par {tender}", _fcfa(total), width))
    p.add("=" * width)
    p.add(f"Servi par : {rng.choice(['Mamadou', 'Awa', 'Fatou'])}")
    p.add("Merci de votre visite chez MAISON NDEYE", align="center")
    return p, Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                    date=occurred(when, seconds=False), account=None,
                    notes=[f"tax_on_top={tva}"])


# --- A self-order kiosk's receipt (IPS PrintingService, Hwasung HMK-072) -------------

_KIOSK = [("Latte", 475), ("Cold Brew", 425), ("Bagel w/ Cream Cheese", 395),
          ("Avocado Toast", 1150), ("Blueberry Muffin", 350), ("Matcha Latte", 550),
          ("Breakfast Burrito", 925), ("Chai Tea", 425)]
_OPTIONS = ["Oat Milk", "Extra Shot", "Large", "No Onion", "Add Bacon"]


def kiosk_us(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = 42
    p = Printed(codepage=rng.choice(["CP850", "CP437"]), cut=True)
    when = _when(rng, 6, 15)
    p.add("NORTHSIDE COFFEE CO", bold=True, double_height=True, double_width=True,
          custom_size=False, align="center")
    p.add("218 Grand St", align="center")
    p.add("Brooklyn, NY 11211", align="center")
    p.add("(718) 555-0142", align="center")
    if rng.random() < 0.7:
        p.add("Tax ID: 84-2217735", align="center")
    p.add("-" * w)
    number = f"K{i % 100 + 1:03d}" if rng.random() < 0.5 else str(58000 + i)
    p.add(f"Order #: {number}", bold=True)
    p.add(f"Date: {when:%Y-%m-%d %H:%M:%S}")
    p.add("-" * w)
    p.add("ITEMS:", bold=True)
    p.add("-" * w)
    lines = []
    for name, unit in rng.sample(_KIOSK, rng.randint(1, 5)):
        q = rng.choice([1, 1, 1, 2, 3])
        extra = rng.random() < 0.3
        if extra:
            unit += 75
        label = f"{name} x{q}" if q > 1 else name
        p.add(_lr(label, f"${unit * q / 100:.2f}", w))
        if extra:
            p.add(f"  + {rng.choice(_OPTIONS)}")
        lines.append((name, q, unit * q))
    p.add("-" * w)
    sub = sum(a for _, _, a in lines)
    tax = round(sub * 0.08875)
    p.add(_lr("Subtotal:", f"${sub / 100:.2f}", w))
    p.add(_lr("Sales Tax (8.88%):", f"${tax / 100:.2f}", w))
    p.add("-" * w)
    p.add(_lr("TOTAL:", f"${(sub + tax) / 100:.2f}", w), bold=True, double_height=True,
          custom_size=False)
    p.add("-" * w)
    p.add("PAYMENT:", bold=True)
    p.add(f"Card: **** **** **** {rng.randrange(10000):04d}")
    p.add("Status: APPROVED")
    p.add(f"Auth Code: {rng.randrange(10**6):06d}")
    if rng.random() < 0.6:
        p.add(f"Trans ID: {rng.randrange(16**10):010X}")
    p.add("-" * w)
    p.add("")
    p.add("Thank you!", align="center")
    p.add("-" * w)
    return p, Truth(total=sub + tax, lines=lines, number=number, tender="card", kind="sale",
                    date=occurred(when), account=None, notes=[f"tax_on_top={tax}"])


# --- A South African deli's slip (a Taxnify-style POS receipt, en-ZA) ----------------

_ZA = [("Biltong 100g", 6500), ("Boerewors Roll", 4500), ("Flat White", 3200),
       ("Bobotie & Rice", 11500), ("Koeksister", 1800), ("Rooibos Latte", 3800),
       ("Vetkoek Mince", 5500), ("Appletiser 330ml", 2600)]


def _rand(pence: int) -> str:
    """en-ZA money: a space between thousands and a decimal comma."""
    return "R " + f"{pence // 100:,}".replace(",", " ") + f",{pence % 100:02d}"


def slip_za(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    w = rng.choice([32, 42])
    p = Printed(codepage=rng.choice(["CP437", "CP850", "AUTO"]), cut=rng.random() < 0.8)
    when = _when(rng, 7, 18)
    p.add("UMHLANGA DELI", bold=True, align="center")
    p.add("Lighthouse Rd, Umhlanga", align="center")
    p.add("SALES RECEIPT", bold=True, align="center")
    p.add("-" * w)
    number = f"{i + 37:04d}"
    p.add(f"Receipt #: {number}")
    p.add(f"Date: {when:%Y/%m/%d %H:%M}")
    p.add(rng.choice(["Walk-in Customer", "Customer: T. Naidoo", "Customer: Z. Dlamini"]))
    p.add(f"Cashier: {rng.choice(['Sipho', 'Anika', 'Priya'])}")
    if rng.random() < 0.5:
        p.add(f"Terminal: T{rng.randint(1, 3)}")
    p.add("-" * w)
    lines = []
    for name, unit in rng.sample(_ZA, rng.randint(1, 6)):
        q = _qty(rng)
        if q > 5:
            unit = 1800
        p.add(_lr(name, _rand(unit * q), w))
        p.add(f"{q} x {_rand(unit)}")
        lines.append((name, q, unit * q))
    p.add("-" * w)
    sub = sum(a for _, _, a in lines)
    vat = round(sub * 0.15)
    total = sub + vat
    p.add(_lr("Subtotal:", _rand(sub), w))
    p.add(_lr("VAT (15%):", _rand(vat), w))
    p.add(_lr("TOTAL:", _rand(total), w), bold=True)
    p.add("-" * w)
    method = rng.choice(["cash", "cash", "card", "card", "snapscan"])
    tender: str | None = method if method != "snapscan" else "SNAPSCAN"
    if method == "cash":
        paid = -(-total // 5000) * 5000
        p.add(_lr("CASH:", _rand(paid), w))
        if paid > total:
            p.add(_lr("CHANGE:", _rand(paid - total), w))
    else:
        p.add(_lr(f"{method.upper()}:", _rand(total), w))
        p.add(f"Ref: {rng.randrange(10**8):08d}")
    p.add("-" * w)
    p.add("Thank you for your purchase!", bold=True, align="center")
    p.add("Please retain this receipt", align="center")
    p.add("for your records", align="center")
    return p, Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                    date=occurred(when, seconds=False), account=None,
                    notes=[f"tax_on_top={vat}"])


# --- UK schools -----------------------------------------------------------------------

_MEALS = [("Jacket Potato & Beans", 230), ("Pasta Bake", 240), ("Roast Dinner", 245),
          ("Chicken Wrap", 210), ("Pizza Slice", 150), ("Soup & Roll", 180),
          ("Fruit Pot", 60), ("Water 500ml", 60), ("Cookie", 45), ("Flapjack", 60),
          ("Fruit Juice", 75), ("Yoghurt", 50), ("Toast (2 slices)", 40)]
_PUPILS = ["Jack Taylor", "Ava Khan", "Leo Bennett", "Isla Murphy", "Noah Patel",
           "Grace O'Neill", "Harry Evans", "Zara Ahmed", "Oscar Wilson"]


def _gbp(pence: int) -> str:
    return f"£{pence / 100:.2f}"


def fingertip_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A fingertip (VeriCool-style) till at a comprehensive's dining room."""
    w = rng.choice([40, 42])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "AUTO"]), cut=rng.random() < 0.85,
                crlf=rng.random() < 0.15)
    when = _when(rng, 8, 14)
    p.add("ABBOTSWOOD COMMUNITY COLLEGE", bold=True, align="center")
    p.add(f"Dining Room - Till {rng.randint(1, 3)}", align="center")
    number = str(48000 + i * 2 + rng.randrange(2))
    p.add(_lr(f"Sale No. {number}", f"{when:%d-%b-%Y %H:%M}", w))
    who = rng.random()
    account: str | None
    if who < 0.8:
        p.add(f"Student : {rng.choice(_PUPILS)} ({rng.randint(7, 11)}{rng.choice('ABCJT')})")
        account = f"{rng.randrange(1000, 9999):06d}"
        p.add(f"Adm No  : {account}")
        p.add("Verified by fingertip")
    elif who < 0.9:
        p.add(f"Staff   : {rng.choice(['Mr Hughes', 'Mrs Kaur', 'Ms Doyle'])}")
        account = f"ST{rng.randrange(100, 999)}"
        p.add(f"Adm No  : {account}")
    else:
        p.add("Visitor")
        account = None
    p.add("-" * w)
    refund = account is not None and rng.random() < 0.08
    if refund:
        p.add("** REFUND **", bold=True, align="center")
    lines = []
    for name, unit in rng.sample(_MEALS, rng.randint(1, 4)):
        q = 1 if unit > 150 else rng.choice([1, 1, 2, 3])
        shown = f"{name} (x{q})" if q > 1 else name
        p.add(_lr(shown, _gbp(unit * q), w))
        lines.append((name, q, unit * q))
    if not refund and len(lines) >= 2 and rng.random() < 0.3:
        p.add(_lr("Meal Combo Saving", "-" + _gbp(40), w))
        lines.append(("Meal Combo Saving", 1, -40))
    total = sum(a for _, _, a in lines)
    p.add("-" * w)
    fsm = 245 if account and account.isdigit() and rng.random() < 0.3 else 0
    tender: str | None
    if refund:
        p.add(_lr("Refund Total", _gbp(total), w), bold=True)
        p.add(_lr("Returned to Balance", _gbp(total), w))
        tender = "account"
    else:
        p.add(_lr("Sale Total", _gbp(total), w), bold=True)
        if account is None:
            paid = -(-total // 500) * 500
            p.add(_lr("Cash Tendered", _gbp(paid), w))
            p.add(_lr("Change Given", _gbp(paid - total), w))
            tender = "cash"
        elif fsm:
            used = min(fsm, total)
            p.add(_lr("FSM Allowance Used", _gbp(used), w))
            if total > used:
                p.add(_lr("Taken from Balance", _gbp(total - used), w))
                tender = None
            else:
                tender = "fsm"
        else:
            p.add(_lr("Taken from Balance", _gbp(total), w))
            tender = "account"
    if account is not None:
        bal = rng.randrange(-150, 3000)
        p.add(_lr("Balance Remaining", ("-" if bal < 0 else "") + _gbp(abs(bal)), w))
        if fsm:
            p.add(_lr("FSM Left Today", _gbp(max(0, fsm - total)), w))
    p.add("Top up online via ParentPay", align="center")
    return p, Truth(total=-total if refund else total, lines=lines, number=number,
                    tender=tender, kind="refund" if refund else "sale",
                    date=occurred(when, seconds=False), account=account)


def thumb_servery(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """A thumb-scan (Trust-e-style) servery till with a table of rows."""
    w = 32
    p = Printed(codepage=rng.choice(["CP437", "CP858", "CP850"]), cut=True)
    when = _when(rng, 8, 14)
    p.add("HALLAM EDGE ACADEMY", bold=True, align="center")
    p.add(_lr(f"Servery {rng.randint(1, 2)}", f"Operator: {rng.choice(['JB', 'KM', 'SL'])}", w))
    number = f"{when:%m%d}-{i + 11:04d}"
    p.add(f"Txn: {number}")
    p.add(f"Date {when:%d/%m/%y %H:%M:%S}")
    staff = rng.random() < 0.15
    if staff:
        p.add(f"Name: {rng.choice(['Mrs Khan', 'Mr Lowe', 'Dr Price'])} (Staff)")
        account = f"S{rng.randrange(10, 999):04d}"
    else:
        p.add(f"Name: {rng.choice(_PUPILS)}  Form: {rng.randint(7, 11)}{rng.choice('NSEW')}")
        account = str(rng.randrange(2015000, 2026000))
    p.add(f"Account: {account}")
    p.add("QTY  DESCRIPTION          TOTAL")
    refund = rng.random() < 0.07
    lines = []
    for name, unit in rng.sample(_MEALS, rng.randint(1, 5)):
        q = rng.choice([1, 1, 1, 2, 3]) if unit <= 75 else 1
        p.add(f"{q:>2}   {name[:19]:<19}{unit * q / 100:>7.2f}")
        lines.append((name[:19], q, unit * q))
    p.add(" " * 23 + "-" * 9)
    p.add(_lr("     SUBTOTAL", f"{sum(a for _, _, a in lines) / 100:.2f}", w))
    if not refund and not staff and rng.random() < 0.25:
        p.add(_lr("     Promo: Meal Deal", "-0.30", w))
        lines.append(("Promo: Meal Deal", 1, -30))
    total = sum(a for _, _, a in lines)
    tender: str | None
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
        p.add(_lr("     TO REFUND", f"{total / 100:.2f}", w), bold=True)
        p.add("Refunded to: Account")
        tender = "account"
    else:
        p.add(_lr("     TO PAY", f"{total / 100:.2f}", w), bold=True)
        fsm = 0 if staff or rng.random() < 0.65 else 245
        if fsm and total > fsm:
            p.add(_lr("Paid by: Free Meal", f"{fsm / 100:.2f}", w))
            p.add(_lr("Paid by: Account", f"{(total - fsm) / 100:.2f}", w))
            tender = None
        elif fsm:
            p.add(_lr("Paid by: Free Meal", f"{total / 100:.2f}", w))
            tender = "fsm"
        else:
            p.add(_lr("Paid by: Account", f"{total / 100:.2f}", w))
            tender = "account"
    bal = rng.randrange(0, 4000)
    p.add(_lr("Account balance:", _gbp(bal), w))
    if not staff:
        p.add(_lr("Daily limit left:", _gbp(max(0, 500 - total)), w))
    p.add("Top up at My School Portal", align="center")
    return p, Truth(total=-total if refund else total, lines=lines, number=number,
                    tender=tender, kind="refund" if refund else "sale",
                    date=occurred(when), account=account)


# --- A Dubai shop on Botble's POS Pro (receipt-print.blade.php) ----------------------

_AE = [("Arabic Coffee 250g", 4500, "SKU: AC-250"), ("Dates Medjool Premium Box 1kg", 8900, None),
       ("Oud Perfume Oil 12ml", 14500, "SKU: OUD-12"), ("Saffron Tea", 2250, None),
       ("Prayer Mat Velvet", 6000, "SKU: PM-V"), ("Camel Milk Chocolate 70g", 1850, None),
       ("Incense Burner Brass", 9500, "SKU: IB-02"), ("Karak Chai Mix", 1575, None)]


def _aed(fils: int) -> str:
    return f"AED {fils / 100:,.2f}"


def pos_pro_ae(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    """The blade view is HTML printed at 80 mm; here its rows as text, 42 wide."""
    w = 42
    p = Printed(codepage=rng.choice(["CP437", "CP858", "AUTO"]), cut=rng.random() < 0.75,
                crlf=rng.random() < 0.2)
    when = _when(rng, 10, 22)
    p.add("AL FAHIDI SOUQ TRADING", bold=True, align="center")
    p.add("Shop 14, Al Fahidi St, Bur Dubai", align="center")
    p.add("Phone: +971 4 355 0192", align="center")
    p.add(f"{when:%d/%m/%Y %H:%M}", align="center")
    p.add("-" * w)
    number = f"#{10000000 + 40 + i * 2}"
    p.add(_lr("Receipt:", number, w))
    card = rng.random() < 0.4
    trx = f"ch_{rng.randrange(16**8):08x}" if card else number
    p.add(_lr("Trx ID:", trx, w))
    p.add(_lr("Cashier:", rng.choice(["Rashid", "Maria Santos", "Admin"]), w))
    p.add(_lr("Customer:", rng.choice(["Guest", "Guest", "Fatima Al Marzouqi", "John Reeves"]),
              w))
    p.add("-" * w)
    p.add(f"{'Item':<24}{'Qty':^5}{'Total':>13}")
    lines = []
    for name, unit, sku in rng.sample(_AE, rng.randint(1, 6)):
        q = rng.choice([1, 1, 1, 2, 3, 5])
        first, rest = name, ""
        if len(name) > 23:  # the cell wraps at a space
            cut = name.rfind(" ", 0, 24)
            first, rest = name[:cut], name[cut + 1:]
        p.add(f"{first:<24}{q:^5}{_aed(unit * q):>13}")
        if rest:
            p.add(rest)
        if sku and rng.random() < 0.6:
            p.add(sku)
        if q > 1:
            p.add(f"@ {_aed(unit)}")
        lines.append((name, q, unit * q))
    p.add("-" * w)
    sub = sum(a for _, _, a in lines)
    p.add(_lr("Subtotal:", _aed(sub), w))
    if rng.random() < 0.25:
        off = rng.choice([500, 1000, round(sub * 0.1)])
        p.add(_lr("Discount:", "-" + _aed(off), w))
        lines.append(("Discount", 1, -off))
    total = sum(a for _, _, a in lines)
    p.add(_lr("VAT (Included):", _aed(round(total * 5 / 105)), w))
    p.add("-" * w)
    p.add(_lr("Total:", _aed(total), w), bold=True)
    p.add("-" * w)
    method = "Card" if card else rng.choice(["Cash", "Cash", "Cash", "Bank Transfer"])
    paid = -(-total // 5000) * 5000 if method == "Cash" and rng.random() < 0.7 else total
    p.add(_lr(f"Paid ({method}):", _aed(paid), w))
    if paid > total:
        p.add(_lr("Change Due:", _aed(paid - total), w))
    p.add("Thank you for shopping with us!", bold=True, align="center")
    p.add("alfahidisouq.ae", align="center")
    tender = {"Card": "card", "Cash": "cash"}.get(method, method)
    # The code's "#" reads as "number": the truth is the digits (README).
    return p, Truth(total=total, lines=lines, number=number.lstrip("#"), tender=tender, kind="sale",
                    date=occurred(when, seconds=False), account=None)


LAYOUTS: dict[str, Render] = {
    "chek-ua": chek_ua,
    "ticket-sn": ticket_sn,
    "kiosk-us": kiosk_us,
    "slip-za": slip_za,
    "pos-pro-ae": pos_pro_ae,
    "fingertip-school": fingertip_school,
    "thumb-servery": thumb_servery,
}
