"""Our own renderers of seven real receipt layouts (sources, and what is
verified from them or invented, in README.md). Each takes a random stream and
the receipt's number and returns (what is printed, its truth); money is kept
in hundredths of the receipt's currency throughout."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout20 import Printed

QTY = [1, 1, 1, 1, 2, 2, 3, 4]


def _when(rng: random.Random, hours: tuple[int, int] = (7, 15)) -> datetime:
    """A sale's local time anywhere in 2026 (GMT and BST)."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(*hours),
                    rng.randint(0, 59), rng.randint(0, 59))


def _school_day(rng: random.Random, hours: tuple[int, int]) -> datetime:
    """A term-time weekday (no weekends, no August) at one of ``hours``."""
    while True:
        w = _when(rng, hours)
        if w.weekday() < 5 and w.month != 8:
            return w


def _pick(rng: random.Random, menu: list, most: int = 5) -> list:
    """1 to ``most`` distinct menu entries (one or two most often)."""
    k = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6][: most + 3])
    return rng.sample(menu, min(k, len(menu)))


def _lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` columns."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _dot(hundredths: int, thousands: str = ",", decimal: str = ".") -> str:
    """``12,500.00`` (or ``1.234,50`` with the separators swapped); a minus before."""
    sign = "-" if hundredths < 0 else ""
    units, cents = divmod(abs(hundredths), 100)
    return f"{sign}{units:,}".replace(",", thousands) + f"{decimal}{cents:02d}"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` over as many rows of ``width`` as it needs, broken at spaces."""
    rows, row = [], ""
    for word in text.split():
        if row and len(row) + 1 + len(word) > width:
            rows.append(row)
            row = word
        else:
            row = f"{row} {word}" if row else word
    return rows + [row]


def _cash_given(rng: random.Random, total: int, exact: float, note: int) -> int:
    """What a customer hands over: the exact money (with chance ``exact``) or
    the next multiple of ``note`` above the total."""
    return total if rng.random() < exact else (total // note + 1) * note


def _vat_in(amount: int, rate: int) -> int:
    """The VAT inside a VAT-inclusive amount, half up."""
    return (amount * rate * 2 + (100 + rate)) // (2 * (100 + rate))


# --- Tanzania: a TRA EFD/VFD legal receipt ------------------------------------------------

TZ_MENU = [  # name, shillings, VAT rate (18 % standard, 0 exempt)
    ("Chipsi mayai", 4000, 18), ("Wali nyama ya ng'ombe", 6500, 18), ("Soda 500ml", 1000, 18),
    ("Maji Kilimanjaro 1.5L", 1500, 18), ("Chai ya maziwa", 800, 18), ("Mandazi", 300, 18),
    ("Mchele Kyela Super 5kg", 16500, 0), ("Unga wa Sembe Azam 2kg", 4200, 0),
    ("Juisi ya Embe Azam 1L", 3500, 18), ("Ndizi mshale kg", 2200, 0),
    ("Kuku choma nusu", 12000, 18),
    ("Mafuta ya Kupikia Korie Sunflower Oil 3 Litres", 21500, 18),
    ("Sabuni ya Kipande Jamaa Mwamba 800g", 3600, 18),
    ("Dawa ya Meno Whitedent Herbal Toothpaste 140g Family Pack", 4800, 18),
]
TZ_SHOPS = [
    ("MAMA NEEMA RESTAURANT & SUPERMARKET", "P.O. BOX 70419, SINZA DAR ES SALAAM",
     "0754 318 220", "112-904-377", "40-021553-K", "10TZ100542", "KINONDONI"),
    ("KIBO FRESH MART LTD", "MAKONGORO ROAD, MWANZA", "0688 401 112", "127-330-218",
     "40-118290-W", "10TZ203317", "ILEMELA"),
]
TZ_CUSTOMERS = [("JUMA HASSANI MSUYA", "TIN", "104-223-917", "0713 555 019"),
                ("ASHA ATHUMANI", "NIDA", "19870412-11101-00002-21", "0765 220 914"),
                ("ZANZI BUILDERS LTD", "TIN", "131-778-402", "0222 184 330")]


def efd_tz(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Tanzanian legal receipt as a Flutter VFD client lays it out (TRA fields)."""
    width = rng.choice([40, 42, 48])
    name, address, mobile, tin, vrn, serial, office = rng.choice(TZ_SHOPS)
    w = _when(rng, (7, 21))
    items = [(nm, rng.choice(QTY), sh * 100, rate) for nm, sh, rate in _pick(rng, TZ_MENU)]
    gross = sum(q * u for _, q, u, _ in items)
    taxable = sum(q * u for _, q, u, rate in items if rate)
    discount = 0
    if rng.random() < 0.2 and gross >= 500000:  # a 5 or 10 % discount, whole hundreds
        discount = max(10000, round(gross * rng.choice([5, 10]) / 100 / 10000) * 10000)
    total = gross - discount
    tax = _vat_in(round(taxable * total / gross), 18)
    rctnum = 18_300 + n * 7 + rng.randint(0, 6)

    p = Printed(codepage=rng.choice(["CP437", "CP850", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() > 0.25)
    rule = "-" * width
    p.add("*** START OF LEGAL RECEIPT ***", align="center")
    p.add(name if len(name) <= width else name[:width], align="center", bold=True)
    for row in _wrap(address, width):
        p.add(row, align="center")
    p.add(f"MOBILE: {mobile}", align="center")
    p.add(f"TIN: {tin}", align="center")
    p.add(f"VRN: {vrn}", align="center")
    p.add(f"SERIAL NO: {serial}", align="center")
    p.add(f"TAX OFFICE: {office}", align="center")
    p.add(rule)
    cust = rng.choice(TZ_CUSTOMERS) if rng.random() < 0.3 else ("", "NIL", "", "")
    p.add(f"CUSTOMER NAME: {cust[0]}".rstrip())
    p.add(_lr("CUSTOMER ID TYPE:", cust[1], width))
    p.add(_lr("CUSTOMER ID:", cust[2], width).rstrip())
    p.add(_lr("CUSTOMER MOBILE:", cust[3], width).rstrip())
    p.add(rule)
    p.add(_lr("RECEIPT NUMBER:", str(rctnum), width))
    p.add(_lr("Z NUMBER:", f"{w:%Y%m%d}", width))
    p.add(_lr("RECEIPT DATE:", f"{w:%Y-%m-%d}", width))
    p.add(_lr("RECEIPT TIME:", f"{w:%H:%M:%S}", width))
    p.add(rule)
    p.add("PURCHASED ITEMS", align="center")
    for nm, q, u, _ in items:
        for row in _wrap(nm, width):
            p.add(row)
        p.add(_lr(f"Qty: {q}", _dot(q * u), width))
    p.add(rule)
    p.add(_lr("TOTAL EXCL OF TAX:", _dot(total - tax), width))
    p.add(_lr("DISCOUNT:", _dot(discount), width))
    p.add(_lr("TOTAL TAX:", _dot(tax), width))
    p.add(_lr("TOTAL INCL OF TAX:", _dot(total), width), bold=True)
    p.add(rule)
    p.add("RECEIPT VERIFICATION CODE:", align="center")
    p.add(f"{rng.getrandbits(24):06X}{rctnum}_{w:%H%M%S}", align="center")
    p.add("*** END OF LEGAL RECEIPT ***", align="center")

    lines = [(nm, q, q * u) for nm, q, u, _ in items]
    if discount:
        lines.append(("DISCOUNT", 1, -discount))
    return p, Truth(total=total, lines=lines, number=str(rctnum), tender=None, kind="sale",
                    date=occurred(w), account=None)


# --- Saudi Arabia: a ZATCA simplified tax invoice, its English side ----------------------

SA_MENU = [  # name, halalas before VAT
    ("Karak Tea", 261), ("Arabic Coffee Dallah", 1304), ("Chicken Shawarma", 957),
    ("Falafel Sandwich", 522), ("Mutabbaq Cheese & Egg", 1130), ("Laban Up 340ml", 174),
    ("Water 600ml", 87), ("Dates Sukkari Box 400g", 3478), ("Kunafa Nabulsi Slice", 1565),
    ("Mixed Grill Family Platter", 7739), ("Hummus with Bread", 870), ("Fresh Orange Juice", 1043),
]
SA_SHOPS = [  # name, address, VAT number, date format
    ("AL NAKHEEL CAFETERIA", "Prince Sultan Rd, Al Rawdah, Jeddah", "310122393500003", "iso"),
    ("DAR AL SHAWARMA", "Olaya St, Al Olaya, Riyadh 12214", "300574883900003", "12h"),
    ("QAHWAT AL DIWAN", "King Fahd Rd, Al Khobar", "302219604700003", "iso"),
]


def _half_up(value: int, pct: int) -> int:
    return (value * pct + 50) // 100


def zatca_sa(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The English side of a Saudi B2C simplified tax invoice (ZATCA phase 1)."""
    width = rng.choice([42, 48])
    shop, address, vat_no, fmt = rng.choice(SA_SHOPS)
    w = _when(rng, (7, 23))
    refund = rng.random() < 0.1
    rows = []
    for nm, unit in _pick(rng, SA_MENU):
        q = rng.choice(QTY)
        net = q * unit
        vat = _half_up(net, 15)
        rows.append((nm, q, unit, vat, net + vat))
    net_total = sum(q * u for _, q, u, _, _ in rows)
    vat_total = sum(v for _, _, _, v, _ in rows)
    total = net_total + vat_total

    p = Printed(codepage=rng.choice(["CP864", "CP437", "AUTO"]), crlf=rng.random() < 0.15,
                cut=rng.random() > 0.15)
    # CP864 puts the Arabic percent sign at 0x25, which python-escpos cannot encode:
    # on that code page the till prints the rate without its sign.
    rate = "15" if p.codepage == "CP864" else "15%"
    rule = "-" * width
    p.add(shop, align="center", bold=True, double_width=True, double_height=True)
    p.add("Simplified Credit Note" if refund else "Simplified Tax Invoice", align="center",
          bold=True)
    p.add(address, align="center")
    p.add(f"VAT No: {vat_no}", align="center")
    p.add(rule)
    number = f"{410 + n:06d}"
    if refund:
        number = f"CN-{30 + n // 9:06d}"
        p.add(f"Credit Note No: {number}")
        p.add(f"Ref. Invoice No: {400 + n - rng.randint(1, 9):06d}")
    else:
        p.add(f"Invoice No: {number}")
    if fmt == "iso":
        p.add(f"Date: {w:%Y-%m-%d %H:%M:%S}")
        date = occurred(w)
    else:
        p.add(_lr(f"Date: {w:%d-%m-%Y}", f"Time: {w:%I:%M %p}", width))
        date = occurred(w, seconds=False)
    p.add(f"Cashier: {rng.choice(['Faisal', 'Noura', 'Abdullah', 'Reem'])}")
    p.add(rule)
    if width == 48:
        p.add(f"{'Item':<18}{'Qty':>4}{'Price':>9}{'VAT':>8}{'Total':>9}")
        p.add(rule)
        for nm, q, u, v, t in rows:
            p.add(f"{nm[:18]:<18}{q:>4}{_dot(u):>9}{_dot(v):>8}{_dot(t):>9}")
        lines = [(nm[:18].rstrip(), q, t) for nm, q, _, _, t in rows]
    else:
        for nm, q, u, v, t in rows:
            p.add(nm)
            p.add(_lr(f"  {q} x {_dot(u)}   VAT {rate} {_dot(v)}", _dot(t), width))
        lines = [(nm, q, t) for nm, q, _, _, t in rows]
    p.add(rule)
    p.add(_lr("Total (Excl. VAT)", _dot(net_total), width))
    p.add(_lr(f"Total VAT {rate}", _dot(vat_total), width))
    p.add(_lr("Total (Incl. VAT)", f"SAR {_dot(total)}", width), bold=True)
    p.add(rule)
    roll = rng.random()
    if refund:
        tender = "cash" if roll < 0.5 else "card"
        p.add(f"Refunded by: {'Cash' if tender == 'cash' else 'mada'}")
        p.add(_lr("Amount Refunded", _dot(total), width))
    elif roll < 0.45:
        tender = "cash"
        given = _cash_given(rng, total, 0.2, 5000)
        p.add("Payment Method: Cash")
        p.add(_lr("Amount Paid", _dot(given), width))
        p.add(_lr("Change", _dot(given - total), width))
    elif roll < 0.8:
        tender = "card"
        p.add("Payment Method: mada")
        p.add(_lr("Amount Paid", _dot(total), width))
        p.add(f"Card: **** **** **** {rng.randint(1000, 9999)}")
    elif roll < 0.9 or total <= 1100:
        tender = "STC Pay"
        p.add("Payment Method: STC Pay")
        p.add(_lr("Amount Paid", _dot(total), width))
    else:
        tender = None
        cash = min(total - 100, rng.choice([1000, 2000, 5000]))
        p.add("Payment Method: Cash + mada")
        p.add(_lr("Cash", _dot(cash), width))
        p.add(_lr("mada", _dot(total - cash), width))
    p.add("")
    p.add("Thank you - Shukran", align="center")
    return p, Truth(total=-total if refund else total, lines=lines, number=number,
                    tender=tender, kind="refund" if refund else "sale", date=date,
                    account=None)


# --- Sweden: a kvitto from a POS whose receipt format meets the Swedish rules -------------

SE_MENU = [  # name, öre, moms %
    ("Kanelbulle", 3200, 12), ("Kaffe bryggt", 3500, 12), ("Räksmörgås", 9500, 12),
    ("Mazarin", 2800, 12), ("Chokladboll", 2500, 12), ("Lättöl 33cl", 3900, 12),
    ("Kaffebönor mörkrost 500g", 8900, 12), ("Smörgåstårta bit", 6500, 12),
    ("Äppelpaj med vaniljsås", 5900, 12), ("Cappuccino havremjölk", 4200, 12),
    ("Termosmugg rostfri 0,5 l Linnéa", 19900, 25), ("Tygkasse", 2900, 25),
    ("Vykort Domkyrkan", 1500, 25),
]
SE_SHOPS = [("Kafé Linnéa AB", "Svartbäcksgatan 8", "753 20 Uppsala", "556712-3345"),
            ("Hörnbageriet i Malmö AB", "Södra Förstadsgatan 41", "211 43 Malmö", "559034-8812")]


def _sek(ore: int) -> str:
    return _dot(ore, thousands=" ", decimal=",")


def kvitto_se(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Swedish café's kvitto: lines with VAT in, moms per rate, the control unit."""
    width = rng.choice([40, 42])
    shop, street, town, orgnr = rng.choice(SE_SHOPS)
    w = _when(rng, (7, 18))
    refund = rng.random() < 0.1
    items = [(nm, rng.choice(QTY), ore, rate) for nm, ore, rate in _pick(rng, SE_MENU)]
    disc: dict[int, tuple[str, int]] = {}
    if not refund and rng.random() < 0.2:
        i = rng.randrange(len(items))
        pct = rng.choice([10, 20])
        off = max(100, round(items[i][1] * items[i][2] * pct / 100 / 100) * 100)
        disc[i] = (f"Rabatt {pct}%", off)
    gross = sum(q * u for _, q, u, _ in items) - sum(off for _, off in disc.values())
    sign = -1 if refund else 1

    p = Printed(codepage=rng.choice(["CP865", "CP850", "CP858"]), crlf=rng.random() < 0.25,
                cut=rng.random() > 0.2)
    rule = "-" * width
    p.add(shop, align="center", bold=True)
    p.add(street, align="center")
    p.add(town, align="center")
    p.add(f"Org.nr {orgnr}", align="center")
    if rng.random() < 0.05:
        p.add("KOPIA", align="center", double_width=True, double_height=True)
    if refund:
        p.add("RETUR", align="center", double_width=True, double_height=True)
    p.add(f"Datum: {w:%Y-%m-%d}   Tid: {w:%H:%M}")
    number = str(20_400 + n * 3 + rng.randint(0, 2))
    p.add(_lr(f"Kvitto: {number}", f"Kassa: {rng.choice([1, 2])}", width))
    p.add(f"Kassör: {rng.choice(['Elin', 'Johan', 'Amira', 'Lasse'])}")
    p.add(rule)
    p.add(_lr("Artikel                 Antal", "Belopp", width))
    lines = []
    for i, (nm, q, u, _) in enumerate(items):
        shown = nm[:22]
        p.add(_lr(f"{shown:<22} {q:>5}", _sek(sign * q * u), width))
        lines.append((shown.rstrip(), q, q * u))
        if i in disc:
            label, off = disc[i]
            p.add(_lr(f"  {label}", _sek(-off), width))
            lines.append((label, 1, -off))
    p.add(rule)
    p.add(_lr("Totalt SEK", _sek(sign * gross), width), bold=True, double_height=True)
    p.add(_lr("Moms %    Moms     Netto", "Brutto", width))
    for rate in sorted({r for *_, r in items}):
        brutto = sum(q * u for i, (_, q, u, r) in enumerate(items) if r == rate)
        brutto -= sum(off for i, (_, off) in disc.items() if items[i][3] == rate)
        moms = _vat_in(brutto, rate)
        p.add(_lr(f"{rate:>5},00 {_sek(sign * moms):>8} {_sek(sign * (brutto - moms)):>9}",
                  _sek(sign * brutto), width))
    p.add(rule)
    roll = rng.random()
    if roll < 0.45:
        tender = "card"
        p.add(_lr("Kontokort", _sek(sign * gross), width))
        if not refund:
            p.add(f"  Visa ************{rng.randint(1000, 9999)}")
    elif roll < 0.75:
        tender = "cash"
        if refund:
            p.add(_lr("Kontant", _sek(-gross), width))
        else:
            given = _cash_given(rng, gross, 0.2, 10000)
            p.add(_lr("Kontant", _sek(given), width))
            p.add(_lr("Växel", _sek(given - gross), width))
    elif roll < 0.9 or refund:
        tender = "Swish"
        p.add(_lr("Swish", _sek(sign * gross), width))
    else:
        tender = None
        cash = min(gross - 100, rng.choice([2000, 5000, 10000]))
        p.add(_lr("Kontant", _sek(cash), width))
        p.add(_lr("Kontokort", _sek(gross - cash), width))
    p.add(rule)
    p.add(f"Kontrollenhet: CU{rng.randint(10**11, 10**12 - 1)}")
    p.add(f"Kontrollkod: {rng.getrandbits(64):016X}")
    p.add("Tack för besöket!", align="center")
    return p, Truth(total=sign * gross, lines=lines, number=number, tender=tender,
                    kind="refund" if refund else "sale", date=occurred(w, seconds=False),
                    account=None)


# --- Montenegro: a fiskalni račun under the 2019 fiscalisation law ------------------------

ME_MENU = [  # name, cents, PDV %
    ("Ćevapi 10 kom", 650, 21), ("Pljeskavica", 550, 21), ("Burek sa sirom", 180, 7),
    ("Jogurt 0,5l", 90, 7), ("Kafa espresso", 150, 21), ("Čaj od nane", 140, 21),
    ("Šopska salata", 420, 21), ("Palačinke sa nutelom", 380, 21),
    ("Sok od narandže cijeđeni", 320, 21), ("Domaći hljeb", 110, 7),
    ("Kiflice sa džemom", 60, 7), ("Njeguški pršut 100g", 590, 21),
]
ME_SHOPS = [("Pekara Kod Đura", "Bulevar Sv. Petra Cetinjskog 21", "Podgorica", "02834512"),
            ("Kafe Lučica", "Slovenska obala bb", "Budva", "03117650"),
            ("Restoran Žabljak", "Trg Durmitorskih ratnika 3", "Žabljak", "02960431")]


def _eur(cents: int) -> str:
    return _dot(cents, thousands=".", decimal=",")


def _code(rng: random.Random) -> str:
    """A registered code as the tax administration issues them (``ab123cd456``)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(rng.choice(letters) + rng.choice(letters) + str(rng.randint(100, 999))
                   for _ in range(2))


def racun_me(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Montenegrin fiscal receipt: the composed number, IKOF and JIKR, PDV per rate."""
    width = rng.choice([32, 40])
    shop, street, town, pib = rng.choice(ME_SHOPS)
    w = _when(rng, (7, 22))
    refund = rng.random() < 0.1
    items = [(nm, rng.choice(QTY), c, rate) for nm, c, rate in _pick(rng, ME_MENU)]
    gross = sum(q * u for _, q, u, _ in items)
    discount = 0
    if not refund and rng.random() < 0.15 and gross > 200:
        discount = max(10, round(gross * 0.1 / 10) * 10)
    total = gross - discount
    sign = -1 if refund else 1
    premises, enu = _code(rng), _code(rng)
    number = f"{700 + n * 3 + rng.randint(0, 2)}/2026/{premises}/{enu}"

    p = Printed(codepage="CP852", crlf=rng.random() < 0.2, cut=rng.random() > 0.2)
    rule = "-" * width
    p.add(shop, align="center", bold=True)
    p.add(street, align="center")
    p.add(town, align="center")
    p.add(f"PIB: {pib}", align="center")
    p.add(f"PDV: 30/31-{pib[3:]}-{rng.randint(1, 9)}", align="center")
    p.add(rule)
    p.add("KOREKTIVNI RAČUN" if refund else "RAČUN", align="center", bold=True)
    p.add("Broj računa:")
    p.add(number)
    if refund:
        p.add("Za račun:")
        p.add(f"{int(number.split('/')[0]) - rng.randint(3, 40)}/2026/{premises}/{enu}")
    p.add(f"Datum: {w:%d.%m.%Y.} {w:%H:%M}")
    p.add(f"Operater: {_code(rng)}")
    p.add(rule)
    if width == 40:
        p.add(_lr("Naziv                 Kol. Cijena", "Iznos", width))
    for nm, q, u, _ in items:
        if width == 40:
            p.add(_lr(f"{nm[:21]:<21} {q:>4} {_eur(u):>6}", _eur(sign * q * u), width))
        else:
            p.add(nm)
            p.add(_lr(f"  {q} x {_eur(u)}", _eur(sign * q * u), width))
    lines = [(nm[:21].rstrip() if width == 40 else nm, q, q * u) for nm, q, u, _ in items]
    if discount:
        p.add(_lr("Popust 10%", _eur(-discount), width))
        lines.append(("Popust 10%", 1, -discount))
    p.add(rule)
    p.add(_lr("UKUPNO EUR", _eur(sign * total), width), bold=True)
    for rate in sorted({r for *_, r in items}, reverse=True):
        base = sum(q * u for _, q, u, r in items if r == rate)
        if discount:
            base = round(base * total / gross)
        tax = _vat_in(base, rate)
        p.add(_lr(f"PDV {rate}% osn. {_eur(sign * (base - tax))}", _eur(sign * tax), width))
    p.add(rule)
    p.add("Način plaćanja:")
    roll = rng.random()
    if roll < 0.55:
        tender = "cash"
        if refund:
            p.add(_lr("Gotovina", _eur(-total), width))
        else:
            given = _cash_given(rng, total, 0.25, 1000)
            p.add(_lr("Gotovina", _eur(given), width))
            p.add(_lr("Kusur", _eur(given - total), width))
    elif roll < 0.9 or refund:
        tender = "card"
        p.add(_lr("Kartica", _eur(sign * total), width))
    else:
        tender = None
        cash = min(total - 10, rng.choice([200, 500, 1000]))
        p.add(_lr("Gotovina", _eur(cash), width))
        p.add(_lr("Kartica", _eur(total - cash), width))
    p.add(rule)
    p.add("IKOF:")
    p.add(f"{rng.getrandbits(128):032X}")
    jikr = "-".join(f"{rng.getrandbits(4 * k):0{k}x}" for k in (8, 4, 4, 4, 12))
    p.add("JIKR:")
    for i in range(0, len(jikr), width):
        p.add(jikr[i:i + width])
    p.add("Hvala na posjeti!", align="center")
    return p, Truth(total=sign * total, lines=lines, number=number, tender=tender,
                    kind="refund" if refund else "sale", date=occurred(w, seconds=False),
                    account=None)


# --- Qatar: a roastery's slip from its own ESC/POS module ---------------------------------

QA_MENU = [  # name, dirhams (QAR hundredths)
    ("Ethiopia Yirgacheffe Beans 250g", 6500), ("Cortado", 1800), ("Spanish Latte", 2200),
    ("Karak Chai", 300), ("Pistachio Croissant", 1600), ("V60 Pour Over", 2500),
    ("Cold Brew 330ml", 2400), ("Date Cake Slice", 1900), ("Brazil Santos Beans 1kg", 14500),
    ("Saffron Cardamom Latte", 2600), ("Blueberry Muffin", 1500), ("Drip Bags x10", 4500),
    ("Flat White", 2000),
]


def doha_roast(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """The roastery POS's own text layout, sent after ``ESC @`` and a bold name."""
    width = rng.choice([48, 48, 32])
    store = "CORNICHE ROAST HOUSE"
    branch = rng.choice(["West Bay", "Msheireb", "The Pearl", ""])
    w = _when(rng, (7, 22))
    reprint = rng.random() < 0.05
    items = [(nm, rng.choice(QTY), u) for nm, u in _pick(rng, QA_MENU)]
    subtotal = sum(q * u for _, q, u in items)
    tax = _half_up(subtotal, 10) if branch == "The Pearl" else 0
    discount = 0
    if rng.random() < 0.2:
        discount = rng.choice([500, 1000, round(subtotal * 0.1)])
        discount = min(discount, subtotal - 100)
    total = subtotal + tax - discount

    p = Printed(codepage="AUTO", cut=True)
    if reprint:
        p.add("*** REPRINT ***", align="center", bold=True)
        p.add("-" * 32, align="center")
    p.add(store, align="center", bold=True)
    # What follows is the module's text layout, sent left-aligned as one block.
    if reprint:
        p.add("*** REPRINT ***".center(width))
        p.add("-" * width)
    p.add(store.center(width))
    if branch:
        p.add(branch.center(width))
    if rng.random() < 0.5:
        p.add("[ LOGO ]".center(width))
    p.add(f"Date: {w:%Y-%m-%d %H:%M}")
    number = f"INV-2026-{1200 + n * 3 + rng.randint(0, 2):04d}"
    p.add(f"Invoice: {number}")
    p.add("-" * width)
    cut_at = 20 if width == 48 else 12
    if width == 48:
        p.add(f"{'Item name':<20} {'Qty':>4} {'Price':>10} {'Total':>10}")
    else:
        p.add(f"{'Item name':<12} {'Qty':>4} {'Total':>14}")
    p.add("-" * width)
    for nm, q, u in items:
        if width == 48:
            p.add(f"{nm[:20]:<20} {q:>4} {u / 100:>10.2f} {q * u / 100:>10.2f}")
        else:
            p.add(f"{nm[:12]:<12} {q:>4} {q * u / 100:>14.2f}")
        if len(nm) > cut_at:
            p.add(f"  {nm}")
    p.add("-" * width)
    p.add(_lr("Subtotal", f"{subtotal / 100:.2f}", width))
    p.add(_lr("Tax", f"{tax / 100:.2f}", width))
    if discount:
        p.add(_lr("Discount", f"-{discount / 100:.2f}", width))
    p.add("-" * width)
    p.add(_lr("GRAND TOTAL", f"{total / 100:.2f}", width))
    p.add("=" * width)
    if rng.random() < 0.5:
        tender, given = "cash", _cash_given(rng, total, 0.3, 5000)
    else:
        tender, given = "card", total
    p.add(_lr("Payment Method", tender.capitalize(), width))
    p.add(_lr("Paid Amount", f"{given / 100:.2f}", width))
    p.add(_lr("Change Amount", f"{(given - total) / 100:.2f}", width))
    p.add("-" * width)
    p.add("Shukran - see you again!".center(width))
    if rng.random() < 0.5:
        p.add("VAT/Tax: CR-214573".center(width))
    for _ in range(3):
        p.add("")
    lines = [(nm, q, q * u) for nm, q, u in items]
    if discount:
        lines.append(("Discount", 1, -discount))
    return p, Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                    date=occurred(w, seconds=False), account=None,
                    notes=[f"tax_on_top={tax}"] if tax else [])


# --- UK: a village college's account cards, a free meal allowance each day ----------------

VC_MENU = [  # name, pence, a main
    ("Panini Ham & Cheese", 260, True), ("Pasta Bolognese", 250, True),
    ("Jacket Potato Tuna Mayo", 240, True), ("Chicken Fajita Wrap", 255, True),
    ("Cookie", 50, False), ("Fruit Pot", 70, False), ("Water 500ml", 60, False),
    ("Smoothie", 120, False), ("Flapjack", 65, False), ("Toast & Butter", 40, False),
    ("Pizza Slice Margherita", 180, True), ("Yoghurt Pot", 55, False),
]
PUPILS = [("Freya", "O'Connor"), ("Oliver", "Khan"), ("Amelia", "Nowak"), ("Noah", "Williams"),
          ("Isla", "Brown"), ("Muhammad", "Ali"), ("Leo", "Davies"), ("Zofia", "Wisniewska"),
          ("Alexander-James", "Fotheringham-Smythe")]
TUTORS = ["7AH", "8KMC", "9RB", "10JLW", "11TP", "12PS"]
FSM_VC = 328  # the college's daily free meal allowance, pence


def _pounds(pence: int) -> str:
    return ("-£" if pence < 0 else "£") + _dot(abs(pence))


def tutor_card(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A village college's cashless catering slip: name, tutor group, account card."""
    width = 32
    w = _school_day(rng, (8, 13))
    refund = rng.random() < 0.08
    fsm = rng.random() < 0.25
    items = [(nm, rng.choice([1, 1, 1, 2]), u) for nm, u, _ in _pick(rng, VC_MENU, most=4)]
    if not refund and rng.random() < 0.03:
        items.append(("Replacement Card", 1, 200))  # the £2.00 charge the college deducts
    deal = 0
    if not refund and rng.random() < 0.15 and len(items) >= 2:
        deal = 40
    total = sum(q * u for _, q, u in items) - deal
    account = f"{rng.randint(200000, 209999)}"
    first, last = rng.choice(PUPILS)
    before = rng.randint(0, 2500) + (0 if fsm else total)

    p = Printed(codepage=rng.choice(["CP437", "CP850"]), crlf=rng.random() < 0.2,
                cut=rng.random() > 0.3)
    rule = "-" * width
    p.add("BARROW FEN V.C.", align="center", bold=True)
    p.add("Cashless Catering", align="center")
    number = f"{4500 + n * 5 + rng.randint(0, 4):06d}"
    p.add(_lr(f"Till {rng.choice([1, 2, 3])}", f"Txn {number}", width))
    p.add(f"{w:%d/%m/%y %H:%M}")
    name = f"{first} {last}"
    p.add(f"Name: {name}" if len(name) <= width - 6 else f"Name: {name[:width - 6]}")
    p.add(f"Tutor: {rng.choice(TUTORS)}")
    p.add(f"Card Acc: {account}")
    p.add(rule)
    if refund:
        p.add("** REFUND **", align="center", bold=True)
    for nm, q, u in items:
        p.add(_lr(f"{q} {nm[:22]}", _dot(q * u), width))
    lines = [(nm[:22], q, q * u) for nm, q, u in items]
    if deal:
        p.add(_lr("Meal Deal Saving", _dot(-deal), width))
        lines.append(("Meal Deal Saving", 1, -deal))
    p.add(rule)
    if refund:
        p.add(_lr("Refunded", _pounds(total), width), bold=True)
        p.add(_lr("Credited to Account", _pounds(total), width))
        p.add(_lr("Balance Now", _pounds(before + total), width))
        tender = "account"
    else:
        p.add(_lr("Spent", _pounds(total), width), bold=True)
        from_fsm = min(total, FSM_VC) if fsm else 0
        if from_fsm:
            p.add(_lr("FSM Allowance Used", _pounds(from_fsm), width))
        if total - from_fsm:
            p.add(_lr("From Account", _pounds(total - from_fsm), width))
        p.add(_lr("Balance Now", _pounds(before - (total - from_fsm)), width))
        if fsm:
            p.add(_lr("FSM Left Today", _pounds(FSM_VC - from_fsm), width))
        tender = ("fsm" if from_fsm == total else "account") if not (
            from_fsm and total - from_fsm) else None
    p.add("Top up online: ParentPay", align="center")
    return p, Truth(total=-total if refund else total, lines=lines, number=number,
                    tender=tender, kind="refund" if refund else "sale",
                    date=occurred(w, seconds=False), account=account)


# --- UK: a high school's diner, a daily cap and a weekly lunch loan -----------------------

HS_MENU = [  # name, pence, a main meal
    ("Chicken Curry & Rice", 240, True), ("Roast of the Day", 250, True),
    ("Veggie Lasagne", 240, True), ("Fish & Chips (Friday)", 260, True),
    ("Sausage Bap", 150, False), ("Bacon Bagel", 160, False), ("Water 500ml", 60, False),
    ("Fruit Juice Carton", 70, False), ("Muffin", 80, False), ("Pizza Wedge", 130, False),
    ("Sponge & Custard", 90, False), ("Grab Bag (Sandwich/Drink/Biscuit)", 230, True),
]
FSM_HS = 280  # the school's daily free school meal allowance, lunchtime only
CAP = 600  # the daily spending cap


def lunch_loan(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A high school diner's slip: free meal allowance, account, cap, the lunch loan."""
    width = 40
    lunch = rng.random() < 0.7
    w = _school_day(rng, (12, 13) if lunch else (10, 10))
    if not lunch:
        w = w.replace(minute=rng.randint(20, 45))
    refund = rng.random() < 0.08
    fsm = lunch and rng.random() < 0.3
    loan = lunch and not fsm and not refund and rng.random() < 0.12
    if loan:  # the school lends a single main meal, once a week, to an account not overdrawn
        nm, u, _ = rng.choice([m for m in HS_MENU if m[2]])
        items = [(nm, 1, u)]
    else:
        items = [(nm, rng.choice([1, 1, 1, 2]), u) for nm, u, _ in _pick(rng, HS_MENU, most=4)]
        if not refund and rng.random() < 0.03:
            items.append(("Replacement Catering Card", 1, 500))
    # The till takes no more from the account than the day's cap allows.
    while len(items) > 1 and sum(q * u for _, q, u in items) - (FSM_HS if fsm else 0) > CAP:
        items.pop()
    total = sum(q * u for _, q, u in items)
    first, last = rng.choice(PUPILS)
    account = str(rng.randint(10000, 99999))
    before = rng.randint(0, total - 1) if loan else rng.randint(total, total + 3000)

    p = Printed(codepage=rng.choice(["CP858", "CP850"]), crlf=rng.random() < 0.3,
                cut=rng.random() > 0.2)
    rule = "-" * width
    p.add("AIRE VALLEY HIGH", align="center", bold=True, double_width=True)
    p.add(f"{'Main Diner' if lunch else 'Break Kiosk'} - Till {rng.choice([1, 2])}",
          align="center")
    p.add(f"{w:%a %d %b %Y}   {w:%H:%M}")
    number = str(71_800 + n * 4 + rng.randint(0, 3))
    p.add(f"Receipt No: {number}")
    form = f"Form: {rng.choice(TUTORS)}"
    p.add(_lr(f"Student: {first} {last}"[:width - len(form) - 1], form, width))
    p.add(f"Account: {account}")
    p.add(rule)
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
    for nm, q, u in items:
        shown = nm if len(nm) <= 28 else nm[:28]
        p.add(_lr(f"{shown:<28} {q:>2}", _pounds(q * u), width))
    lines = [(nm if len(nm) <= 28 else nm[:28], q, q * u) for nm, q, u in items]
    p.add(rule)
    if refund:
        p.add(_lr("Total Refund", _pounds(total), width), bold=True)
        p.add(_lr("Refund to: Account", _pounds(total), width))
        p.add(_lr("Account Balance", _pounds(before + total), width))
        tender = "account"
    else:
        p.add(_lr("Total", _pounds(total), width), bold=True)
        from_fsm = min(total, FSM_HS) if fsm else 0
        if from_fsm:
            p.add(_lr("Paid: FSM Lunch Allowance", _pounds(from_fsm), width))
        if total - from_fsm:
            p.add(_lr("Paid: Account", _pounds(total - from_fsm), width))
        p.add(_lr("Account Balance", _pounds(before - (total - from_fsm)), width))
        if loan:
            p.add("** LUNCH LOAN - PLEASE TOP UP **", align="center")
        p.add(_lr("Daily Cap Left", _pounds(max(0, CAP - (total - from_fsm))), width))
        tender = ("fsm" if from_fsm == total else "account") if not (
            from_fsm and total - from_fsm) else None
    p.add("Top up online or at the revaluer", align="center")
    return p, Truth(total=-total if refund else total, lines=lines, number=number,
                    tender=tender, kind="refund" if refund else "sale",
                    date=occurred(w, seconds=False), account=account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "efd-tz": efd_tz,
    "zatca-sa": zatca_sa,
    "kvitto-se": kvitto_se,
    "racun-me": racun_me,
    "doha-roast": doha_roast,
    "tutor-card": tutor_card,
    "lunch-loan": lunch_loan,
}
