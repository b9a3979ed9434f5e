"""The eleventh holdout's renderers: each prints one receipt in a real till's
layout (README.md: the sources, what is verified and what is ours) and
returns it with the truth a careful person reading the paper would record."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Line = tuple[str, int, int]  # description, quantity, amount in hundredths


def moment(rng: random.Random, first: int = 7, last: int = 19) -> datetime:
    """A local time somewhere in 2026 (GMT and BST), between the hours given."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    return day.replace(hour=rng.randint(first, last - 1), minute=rng.randrange(60),
                       second=rng.randrange(60))


def pick(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
         qty: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4),
         step: int = 5) -> list[tuple[str, int, int]]:
    """1..``most`` distinct items of ``menu``: (name, quantity, unit price), the
    prices drifting by ``step`` (a price rise since the menu was written)."""
    k = rng.choice([n for n in (1, 1, 2, 2, 3, 3, 4, 5, 6) if n <= most])
    return [(name, rng.choice(qty), unit + rng.choice((0, 0, 0, 1, 2, -1)) * step * (unit > 100))
            for name, unit in rng.sample(menu, k)]


def grouped(pence: int, sep: str = ",", point: str = ".") -> str:
    """``1234567`` as ``12,345.67`` (or with other separators)."""
    whole, frac = divmod(abs(pence), 100)
    return f"{whole:,}".replace(",", sep) + f"{point}{frac:02d}"


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` justified on one row of ``width`` columns."""
    return left + " " * max(1, width - len(left) - len(right)) + right


# -- A Lagos shop's text receipt (a Python till's print_receipt_nigeria) --------

NG_MENU = [("Indomie Chicken 70g", 25000), ("Peak Milk Tin 160g", 75000),
           ("Golden Penny Semovita 1kg", 180000), ("Dangote Sugar 500g", 120000),
           ("Milo Refill 400g", 390000), ("Kings Veg Oil 1L", 310000),
           ("Malta Guinness Can", 60000), ("Gala Sausage Roll", 20000),
           ("Bournvita 500g", 420000), ("Titus Sardine 125g", 95000),
           ("Mama Gold Rice 5kg", 1150000), ("Hypo Bleach 1L", 85000)]


def naira(pence: int) -> str:
    # The till formats with a naira sign no code page has: the printer's
    # driver sends "N" for it (what Nigerian shops print on paper).
    return f"N{grouped(pence)}"


def naija_shop(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP437", "CP850", "AUTO"]), crlf=rng.random() < 0.3,
                cut=rng.random() < 0.8)
    when = moment(rng, 8, 21)
    bought = pick(rng, NG_MENU, step=5000)
    lines = [(name[:20], q, q * unit) for name, q, unit in bought]
    total = sum(a for _, _, a in lines)
    vat = round(total * 75 / 1075)  # prices include VAT at 7.5 %
    shop = rng.choice(["MAMA TOBI SUPERSTORE", "ADUNNI MINI MART"])
    number = f"RCP-{when:%Y%m%d}-{rng.randint(1, 9999):04d}"
    p.add(" " * 16 + shop)
    p.add("=" * 48)
    p.add(rng.choice(["14 Allen Avenue, Ikeja, Lagos", "3 Ogunlana Drive, Surulere, Lagos"]))
    p.add(f"Tel: +234 80{rng.randint(10000000, 99999999)}")
    p.add("Email: sales@" + shop.split()[0].lower() + ".ng")
    p.add(f"Tax ID: VAT-{rng.randint(10000000, 99999999)}")
    p.add("=" * 48)
    p.add(f"Receipt: {number}")
    p.add(f"Date: {when:%d/%m/%Y %H:%M:%S}")
    p.add(f"Cashier: {rng.choice(['Chioma', 'Emeka', 'Bisi', 'System'])}")
    p.add("-" * 48)
    p.add(f"{'Item':<20} {'Qty':>6} {'Price':>10} {'Total':>10}")
    p.add("-" * 48)
    for (name, q, unit), (_, _, amount) in zip(bought, lines, strict=True):
        p.add(f"{name[:20]:<20} {q:>6} {naira(unit):>10} {naira(amount):>10}")
    p.add("-" * 48)
    p.add(f"{'Subtotal:':<36} {naira(total - vat):>10}")
    p.add(f"{'VAT (7.5%):':<36} {naira(vat):>10}")
    p.add(f"{'Total:':<36} {naira(total):>10}")
    method = rng.choice(["cash", "cash", "pos", "transfer"])
    p.add(f"Payment: {method.upper()}")
    if method == "transfer":
        p.add(f"Ref: {rng.choice(['TRF', 'NIP'])}{rng.randint(10**11, 10**12 - 1)}")
    p.add("=" * 48)
    p.add("Thank you for your patronage!")
    p.add("Goods sold are not returnable")
    p.add("VAT Inclusive: 7.5%")
    p.add(" " * 16 + "*** THANK YOU ***")
    tender = {"cash": "cash", "pos": "card", "transfer": "TRANSFER"}[method]
    return p, Truth(total, lines, number, tender, "sale", occurred(when), None)


# -- A Soweto spaza's receipt (TOSS ERP's published receipt) --------------------

ZA_MENU = [("Coca Cola 2L", 3500), ("White Bread 700g", 1800), ("Milk 1L", 2200),
           ("Simba Chips 125g", 1200), ("Sunlight Soap 250g", 1500),
           ("Iwisa Maize Meal 2.5kg", 4200), ("Airtime R10", 1000), ("Eggs x6", 2600),
           ("Lucky Star Pilchards", 2900), ("Jungle Oats 500g", 3100),
           ("Amasi 2L", 3800), ("Paraffin 1L", 2400)]


def spaza_toss(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]), crlf=rng.random() < 0.2)
    when = moment(rng, 7, 20)
    bought = pick(rng, ZA_MENU)
    lines = [(name, q, q * unit) for name, q, unit in bought]
    total = sum(a for _, _, a in lines)
    number = f"RCP-{rng.randint(1_760_000_000_000, 1_799_999_999_999)}"  # a JS Date.now()
    rule = "=" * 32
    p.add(rule)
    p.add("")
    p.add(rng.choice(["THABO'S SPAZA SHOP", "MAKHOSI TUCK SHOP"]), bold=True, align="center")
    p.add("")
    p.add(rng.choice(["123 Main Street, Soweto", "45 Vilakazi St, Orlando"]), align="center")
    p.add(f"+27 11 {rng.randint(100, 999)} {rng.randint(1000, 9999)}", align="center")
    p.add("")
    p.add(rule)
    p.add("")
    p.add(f"Receipt: {number}")
    p.add(f"Date: {when:%d/%m/%Y}, {when:%H:%M:%S}")
    p.add(f"Cashier: {rng.choice(['Thabo', 'Lerato', 'Sipho'])}")
    p.add("")
    p.add("-" * 32)
    p.add("")
    for name, q, unit in bought:
        p.add(name)
        p.add(f"{q} x R{unit / 100:.2f} = R{q * unit / 100:.2f}")
        p.add("")
    p.add("-" * 32)
    p.add("")
    p.add(f"TOTAL: R{total / 100:.2f}", bold=True)
    p.add("")
    method = rng.choice(["Cash", "Cash", "Card"])
    p.add(f"Payment: {method}", bold=True)
    p.add("")
    p.add("-" * 32)
    p.add("")
    p.add("Thank you!", align="center")
    p.add("Please come again!", align="center")
    p.add("")
    p.add(rule)
    return p, Truth(total, lines, number, method.lower(), "sale",
                    occurred(when), None)


# -- A Philippine official receipt (a PHP till's receipt.old.php) --------------

PH_MENU = [("Kape Barako 250g", 18900), ("Pandesal (10 pcs)", 5000),
           ("Lucky Me Pancit Canton", 1650), ("Coke Mismo 295ml", 2000),
           ("USB Flash Drive 32GB", 35000), ("Mouse Optical USB", 29500),
           ("HDMI Cable 1.5m", 22000), ("Bond Paper A4 Ream", 26500),
           ("Ballpen Black 0.5", 1200), ("Ink Refill 70ml", 18000)]


def php(pence: int) -> str:
    return grouped(pence)


def ph_official(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage="AUTO", cut=rng.random() < 0.7)
    when = moment(rng, 9, 20)
    bought = pick(rng, PH_MENU, qty=(1, 1, 1, 2, 2, 3, 5, 10), step=25)
    lines = [(name[:26], q, q * unit) for name, q, unit in bought]
    total = sum(a for _, _, a in lines)
    # exact, or the next 50 pesos up, or a bigger note
    cash = rng.choice([total, -(-total // 5000) * 5000, -(-total // 100000) * 100000 + 50000])
    sale_id = str(rng.randint(1200, 98000))
    clerk = rng.choice(["maricel", "JUN", "Rowena", "aljon"])
    p.add(f"{'RasiComputers':^42}".rstrip())
    p.add("")
    p.add(f"{'Loyola.':^42}".rstrip())
    p.add(f"{'14 Inigo st. Bo. Obrero, Davao City':^42}".rstrip())
    p.add(f"{'VAT Reg TIN: 415-916-681-000':^42}".rstrip())
    p.add(f"{'POS02-SN: TPB70385':^42}".rstrip())
    p.add(f"{'MIN#110253391':^42}".rstrip())
    p.add("")
    p.add("=" * 42)
    p.add(f"{when:%Y-%m-%d %H:%M:%S}     {clerk[:5].upper()}     {('OR#' + sale_id):>11}")
    p.add("")
    p.add("=" * 42)
    p.add("")
    for (name, q, _), (_, _, amount) in zip(bought, lines, strict=True):
        # the stored subtotal, as MySQL gives a DECIMAL(10,2): no thousands comma
        p.add(f"{q:>3} {name[:26]:<26} {f'{amount / 100:.2f}V':>11}")
    p.add("---" + f"{'-' * 11:>39}")
    p.add(f"{sum(q for _, q, _ in lines):>3} {'Item(s)':<26} {php(total) + ' ':>11}")
    p.add("")
    p.add("    " + f"{'CASH':<26} {php(cash):>11}")
    p.add("    " + f"{'CHANGE':<26} {php(cash - total):>11}")
    p.add("")
    vat = round(total * 12 / 112)
    p.add("    " + f"{'VATable Sales':<26} {php(total - vat):>11}")
    p.add("    " + f"{'VAT Amount':<26} {php(vat):>11}")
    p.add("")
    p.add(f"{'This serves as an OFFICIAL RECEIPT':^42}".rstrip())
    p.add(f"{'ANSI Information Systems, Inc.':^42}".rstrip())
    p.add(f"{'Tytana St., Manila':^42}".rstrip())
    return p, Truth(total, lines, sale_id, "cash", "sale", occurred(when), None)


# -- A Norwegian shop's kvittering (ours; the words a Norwegian till uses) ------

NO_MENU = [("Brunost 500g", 8990, 15), ("Kaffe kokmalt 250g", 6490, 15),
           ("Lefse 4 stk", 3290, 15), ("Melk lett 1L", 2390, 15),
           ("Kanelbolle", 2900, 15), ("Solo 0,5L", 2990, 15), ("Rømme 3dl", 2450, 15),
           ("Postkort Lofoten", 1500, 25), ("Strikkelue ull", 34900, 25),
           ("Bærepose", 300, 25), ("Fiskekaker 6 stk", 5990, 15)]


def kr(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return sign + grouped(pence, sep=" ", point=",")


def kvittering_no(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP865", "CP865", "CP850"]), cut=rng.random() < 0.85)
    width = rng.choice([40, 42])
    when = moment(rng, 8, 21)
    refund = rng.random() < 0.1
    chosen = rng.sample(NO_MENU, rng.choice([1, 1, 2, 2, 3, 4, 5, 6]))
    rows, lines = [], []
    for name, unit, rate in chosen:
        unit += rng.choice((0, 0, 100, -100)) * (unit > 1000)
        q = rng.choice([1, 1, 1, 2, 2, 3, 6])
        rows.append((name, q, unit, rate))
        lines.append((name, q, q * unit))
    if not refund and rng.random() < 0.2:
        off = -round(sum(a for _, _, a in lines) * 10 / 100)
        lines.append(("Rabatt 10%", 1, off))
    total = sum(a for _, _, a in lines)
    number = str(rng.randint(10000, 99999))
    shop, address = rng.choice([("KIWI TROMSØ SENTRUM", "Storgata 61, 9008 Tromsø"),
                                ("JOKER HAMNØY", "Hamnøy, 8390 Reine")])
    p.add(shop, bold=True, align="center")
    p.add(address, align="center")
    p.add(f"Org.nr. {rng.randint(900, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
          " MVA", align="center")
    p.add("")
    p.add("RETUR" if refund else "KVITTERING", bold=True, double_height=True, align="center")
    p.add(lr(f"Kvittering nr. {number}", f"Kasse {rng.randint(1, 4)}", width))
    p.add(lr(f"Dato: {when:%d.%m.%Y}", f"Kl. {when:%H:%M}", width))
    p.add(f"Betjent av: {rng.choice(['Ingrid', 'Ola', 'Sunniva'])}")
    p.add("-" * width)
    for name, q, unit, _ in rows:
        if q == 1:
            p.add(lr(name, kr(unit), width))
        else:
            p.add(name)
            p.add(lr(f"  {q} x {kr(unit)}", kr(q * unit), width))
    if not refund and len(lines) > len(rows):
        p.add(lr(lines[-1][0], kr(lines[-1][2]), width))
    p.add("-" * width)
    shown = -total if refund else total
    p.add(lr("TOTALT", f"kr {kr(shown)}", width // 2), bold=True, double_width=True)
    # the VAT each rate's lines hold (prices include it)
    for rate in sorted({r for *_, r in rows}):
        base = sum(q * u for _, q, u, r in rows if r == rate)
        if len(lines) > len(rows):
            base = round(base * 0.9)
        p.add(lr(f"Herav MVA {rate}%", kr(round(base * rate / (100 + rate))), width))
    p.add("")
    if refund:
        p.add(lr("Tilbakebetalt bankkort", kr(total), width))
        tender = "card"
    else:
        method = rng.choice(["Bankkort", "Bankkort", "Kontant", "Vipps", "split"])
        if method == "split" and total <= 20000:
            method = "Kontant"
        if method == "Kontant":
            given = -(-total // 5000) * 5000 + rng.choice([0, 0, 10000])
            p.add(lr("Kontant", kr(given), width))
            p.add(lr("Vekslepenger", kr(given - total), width))
            tender = "cash"
        elif method == "split":
            cash = rng.choice([5000, 10000, 20000])  # a note, the rest on the card
            p.add(lr("Kontant", kr(cash), width))
            p.add(lr("Bankkort", kr(total - cash), width))
            tender = None
        else:
            p.add(lr(method, kr(total), width))
            if method == "Bankkort":
                p.add(f"  BankAxept  ************{rng.randint(1000, 9999)}")
            tender = "card" if method == "Bankkort" else "Vipps"
    p.add("")
    p.add("Takk for handelen!", align="center")
    p.add("Åpent alle dager 07-23", align="center")
    kind = "refund" if refund else "sale"
    return p, Truth(shown, lines, number, tender, kind, occurred(when, seconds=False), None)


# -- A Lancashire high school's dining room, pupils served by PIN ---------------

LANCS_MENU = [("Jacket potato & beans", 240), ("Pasta bake", 255), ("Chicken wrap", 230),
              ("Veg curry & rice", 245), ("Pizza slice", 150), ("Toast (2)", 40),
              ("Sausage barm", 130), ("Fruit pot", 70), ("Yoghurt", 60),
              ("Water 500ml", 60), ("Flapjack", 55), ("Milk carton", 45)]
FIRST = ["Ellie", "Harvey", "Amelia", "Kian", "Isla", "Zain", "Ruby", "Mason"]
LAST = ["Hughes", "Ashworth", "Patel", "Whittaker", "Nuttall", "Begum", "Holt"]


def lancs_pin_school(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850"]), crlf=rng.random() < 0.5)
    when = moment(rng, 8, 14)
    service = "BREAKFAST" if when.hour < 10 else ("BREAK" if when.hour < 12 else "LUNCH")
    refund = rng.random() < 0.08
    bought = pick(rng, LANCS_MENU, most=4, qty=(1, 1, 1, 1, 2, 2))
    lines = [(name, q, q * unit) for name, q, unit in bought]
    if not refund and len(lines) >= 2 and rng.random() < 0.3:
        lines.append(("Meal deal saving", 1, -rng.choice([20, 25, 30])))
    total = sum(a for _, _, a in lines)
    adm = f"{rng.randint(1, 9999):06d}"
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    form = f"{rng.randint(7, 11)}{rng.choice('HASL')}"
    new_pupil = not refund and rng.random() < 0.1  # first week of term: cash taken
    fsm = not refund and not new_pupil and rng.random() < 0.35
    p.add("SOUTHMOOR HIGH SCHOOL", bold=True, align="center")
    p.add("Catering Services - Dining Room", align="center")
    p.add(lr(f"Till 3  {service}", f"{when:%d/%m/%y %H:%M}", 40))
    number = str(rng.randint(100000, 999999))
    p.add(f"Txn {number}")
    p.add("-" * 40)
    p.add(f"Name   : {name}")
    p.add(f"Class  : {form}")
    p.add(f"Adm No : {adm}")
    p.add(f"ID by  : {rng.choice(['PIN', 'PIN', 'Name given'])}")
    p.add("-" * 40)
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    for item, q, amount in lines:
        label = f"{q} x {item}" if q > 1 else item
        p.add(lr(label, f"{amount / 100:.2f}", 40))
    p.add("-" * 40)
    p.add(lr("REFUNDED" if refund else "SPEND", f"£{total / 100:.2f}", 40), bold=True)
    allowance = rng.choice([230, 240, 250])
    balance = rng.randint(0, 2500)
    if refund:
        p.add(lr("Returned to", "Cash balance", 40))
        tender = "account"
        shown = -total
    elif new_pupil:
        given = -(-total // 100) * 100 + rng.choice([0, 100, 300])
        p.add(lr("Settled", "Cash at till", 40))
        p.add(lr("Cash tendered", f"£{given / 100:.2f}", 40))
        p.add(lr("Change", f"£{(given - total) / 100:.2f}", 40))
        tender, shown = "cash", total
    elif fsm:
        from_fsm = min(total, allowance)
        p.add(lr("From free meal allocation", f"£{from_fsm / 100:.2f}", 40))
        if total > from_fsm:
            p.add(lr("From cash balance", f"£{(total - from_fsm) / 100:.2f}", 40))
            tender = None
        else:
            tender = "fsm"
        p.add(lr("Free meal allocation left", f"£{(allowance - from_fsm) / 100:.2f}", 40))
        shown = total
    else:
        p.add(lr("From cash balance", f"£{total / 100:.2f}", 40))
        tender, shown = "account", total
    p.add(lr("Cash balance now", f"£{balance / 100:.2f}", 40))
    p.add(lr("Daily spend limit", "£5.00", 40))
    p.add("")
    p.add("Top up at the revaluers or online.", align="center")
    p.add("Unspent free meal money is not", align="center")
    p.add("carried to the next day.", align="center")
    kind = "refund" if refund else "sale"
    return p, Truth(-total if refund else shown, lines, number, tender, kind,
                    occurred(when, seconds=False), adm)


# -- An independent school's breakfast and tuck shop (student ID cards) ---------

TUCK_MENU = [("Bacon roll", 220), ("Porridge pot", 150), ("Croissant", 130),
             ("Hot chocolate", 140), ("Orange juice", 110), ("Cereal bar", 90),
             ("Cookie", 80), ("Crisps", 70), ("Banana", 40), ("Toastie ham & cheese", 260),
             ("Smoothie 250ml", 195)]


def tuck_shop(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]), cut=rng.random() < 0.9)
    when = moment(rng, 7, 16)
    service = "Breakfast" if when.hour < 10 else "Tuck Shop"
    refund = rng.random() < 0.1
    staff = not refund and rng.random() < 0.15
    bought = pick(rng, TUCK_MENU, most=5, qty=(1, 1, 1, 2, 2, 3))
    lines = [(name, q, q * unit) for name, q, unit in bought]
    if not refund and not staff and rng.random() < 0.15:
        lines.append(("Breakfast bundle", 1, -rng.choice([30, 40, 50])))
    total = sum(a for _, _, a in lines)
    ref = f"ELT-{rng.randint(10000, 99999)}"
    p.add("Kingsmead College", bold=True, double_width=True, align="center")
    p.add(f"{service} - Refectory", align="center")
    p.add("")
    p.add(f"{when:%A %d %B %Y}  {when:%H:%M}")
    number = f"{rng.randint(1, 60):02d}/{rng.randint(10000, 99999)}"  # till / sale
    p.add(f"Sale {number}")
    if staff:
        p.add(f"Staff: {rng.choice(['Mr Lowe', 'Dr Amis', 'Ms Kaur'])}")
    else:
        p.add(f"Student: {rng.choice(FIRST)} {rng.choice(LAST)} ({rng.randint(7, 13)}"
              f"{rng.choice(['K', 'M', 'S'])})")
        p.add(f"Account ref: {ref}")
    p.add("." * 32)
    if refund:
        p.add("REFUND - returned item", bold=True)
    for item, q, amount in lines:
        p.add(f"{q}x {item}" if amount > 0 else item)
        p.add(f"{'£' + format(amount / 100, '.2f'):>32}" if amount > 0
              else f"{'-£' + format(-amount / 100, '.2f'):>32}")
    p.add("." * 32)
    if refund:
        p.add(lr("Credited to account", f"£{total / 100:.2f}", 32), bold=True)
        tender, shown = "account", -total
    elif staff:
        p.add(lr("Total", f"£{total / 100:.2f}", 32), bold=True)
        p.add(lr("Contactless", f"£{total / 100:.2f}", 32))
        tender, shown = "card", total
    else:
        p.add(lr("Total", f"£{total / 100:.2f}", 32), bold=True)
        p.add(lr("Account debit", f"£{total / 100:.2f}", 32))
        tender, shown = "account", total
    if not staff:
        p.add(lr("Balance remaining", f"£{rng.randint(0, 4000) / 100:.2f}", 32))
        p.add("Top up with Judo Pay on the")
        p.add("parent portal.")
    p.add("")
    p.add("Thank you", align="center")
    kind = "refund" if refund else "sale"
    return p, Truth(shown, lines, number, tender, kind, occurred(when, seconds=False),
                    None if staff else ref)


# -- A Belgian frituur's "Rekening" (OffiPOS, raw ESC/POS text over serial) -----

BE_MENU = [("Friet groot", 380), ("Friet klein", 290), ("Frikandel", 260),
           ("Bicky burger", 450), ("Cervela", 330), ("Mayonaise", 90), ("Stoofvleessaus", 220),
           ("Kipcorn", 300), ("Boulet speciaal", 480), ("Coca-Cola 33cl", 250),
           ("Jupiler 25cl", 280), ("Viandel", 270)]


def frituur_be(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    # Every row ends CR LF (escNewLine); the stream ends with ESC i (cut) and a
    # drawer kick, which python-escpos's cut stands for here.
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]), crlf=True)
    when = moment(rng, 11, 22)
    bought = pick(rng, BE_MENU, qty=(1, 1, 1, 2, 2, 3, 4, 6), step=10)
    lines = [(name, q, q * unit) for name, q, unit in bought]
    if rng.random() < 0.15:
        lines.append(("Commerciele korting", 1, -rng.choice([50, 100, 150])))
    total = sum(a for _, _, a in lines)
    cash = rng.random() < 0.6
    paid = (-(-total // 500) * 500 + rng.choice([0, 0, 500, 1000])) if cash else total
    p.add(f"{'Frituur':^21}", double_height=True, double_width=True)
    p.add(f"{'Den Baron':^21}", double_height=True, double_width=True)
    p.add("*" * 41)
    p.add(f"{'Rekening':^40}", bold=True)
    p.add("*" * 41)
    p.add(f"{when:%d/%m/%Y}     {when:%H:%M}")
    p.add("-" * 41)
    for name, q, amount in lines:
        p.add(f"{q:<4.0f} {name:<26}{amount / 100:>8.2f}")
    p.add("-" * 41)
    p.add(f"Totaal: {total / 100:>10.2f}", bold=True)
    p.add(f"Betaald:{paid / 100:>10.2f}", bold=True)
    p.add(f"Terug:  {(paid - total) / 100:>10.2f}", bold=True)
    p.add("")
    p.add(f"Betalingswijze: {'Cash' if cash else 'Atos'}")
    if rng.random() < 0.4:  # a loyalty customer: points, not money
        p.add("-" * 41)
        p.add(f"Klantkaart: {rng.randint(10**9, 10**10 - 1)}")
        points = total // 100
        p.add(f"Punten Ticket: {points}")
        p.add(f"Nieuw saldo: {points + rng.randint(0, 400)}")
    p.add("*" * 41)
    p.add(f"{'Smakelijk!':^40}", bold=True)
    p.add("")
    p.add(f"{'Belgian Food Group bvba':^40}")
    p.add(f"{'Baron R. De Vironlaan 172':^40}")
    p.add(f"{'1700 Dilbeek':^40}")
    p.add(f"{'BTW BE0886.290.879':^40}")
    return p, Truth(total, lines, None, "cash" if cash else "card", "sale",
                    occurred(when, seconds=False), None)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "naija-shop": naija_shop,
    "spaza-toss": spaza_toss,
    "ph-official": ph_official,
    "kvittering-no": kvittering_no,
    "lancs-pin-school": lancs_pin_school,
    "tuck-shop": tuck_shop,
    "frituur-be": frituur_be,
}
