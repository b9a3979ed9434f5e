"""The twenty-third holdout's renderers: what each real layout prints (README.md:
its source, what is verified there and what is ours), fed varied sales, and
the truth a careful person reading the paper records. Written blind to the
rules. Each takes a random stream and the receipt's index and returns
(``Printed``, ``Truth``)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from tests.receipts_corpus import PUPILS, Truth, occurred
from tests.receipts_holdout23 import Printed

Render = Callable[[random.Random, int], tuple[Printed, Truth]]


# --- shared helpers --------------------------------------------------------

def when(rng: random.Random, first: int = 7, last: int = 15) -> datetime:
    """A local time anywhere in 2026 (GMT and BST), between these hours."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(first, last),
                    rng.randint(0, 59), rng.randint(0, 59))


def money(pence: int, comma: bool = False) -> str:
    """``12.30`` (or ``12,30``), a minus before it when negative."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}{',' if comma else '.'}{abs(pence) % 100:02d}"


def row(left: str, right: str, width: int) -> str:
    """Left and right in one row, the left cut to leave one space (as the sources do)."""
    if len(left) + len(right) >= width:
        return f"{left[:max(0, width - len(right) - 1)]} {right}"
    return left + " " * (width - len(left) - len(right)) + right


def wrap(text: str, width: int) -> list[str]:
    """Words wrapped at ``width`` (a word longer than that cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def paper(rng: random.Random, codepage: str, crlf: float = 0.0, fed: float = 0.0) -> Printed:
    """An empty receipt on this code page; CR LF and no cut on these shares."""
    return Printed(codepage=codepage, crlf=rng.random() < crlf, cut=rng.random() >= fed)


def pick_items(rng: random.Random, menu: list, most: int = 5, qty: tuple = (1, 1, 1, 2, 2, 3)
               ) -> list[tuple]:
    """1 to ``most`` distinct menu entries, each with a quantity."""
    n = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6][: most + 3])
    return [(entry, rng.choice(qty)) for entry in rng.sample(menu, min(n, most))]


# --- Ghana: a chop bar's receipt after the Jollof Pot generator ------------

GH_SHOPS = [("AUNTIE ESI'S KITCHEN", "auntieesi.kitchen@gmail.com"),
            ("OSU CHOP BAR", "osuchopbar@yahoo.com"),
            ("ADUM WAAKYE SPOT", "adumwaakye@gmail.com")]
GH_MENU = [("Waakye with Wele & Egg", 4500), ("Banku with Okro Stew", 5500),
           ("Fufu & Light Soup (Goat)", 8000), ("Jollof with Grilled Chicken", 9500),
           ("Red Red & Plantain", 4000), ("Kenkey & Fried Fish", 5000), ("Kelewele", 2000),
           ("Fried Yam & Shito", 2500), ("Sobolo 500ml", 1000), ("Malta Guinness", 1200),
           ("Voltic Water 750ml", 500), ("Meat Pie", 1500), ("Tilapia (Large)", 12000)]
GH_CUSTOMERS = ["Kwame Mensah", "Ama Owusu", "Kofi Boateng", "Efua Asante", "Yaw Darko"]
GH_TENDERS = [("Cash", "cash"), ("Cash", "cash"), ("MTN MoMo", "MTN MoMo"), ("Card", "card")]


def _js_to_fixed_pesewas(x: float) -> int:
    """``x.toFixed(2)`` in pesewas: JavaScript rounds the double's exact value,
    a tie up (the source computes its levies and total this way)."""
    return int((Decimal(x) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ghana_chop_bar(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    shop, email = rng.choice(GH_SHOPS)
    t = when(rng, 10, 20)
    items = pick_items(rng, GH_MENU, most=5, qty=(1, 1, 1, 2, 2, 3, 4))
    w = 42
    p = paper(rng, rng.choice(["CP437", "CP437", "CP858"]), crlf=0.2, fed=0.15)
    p.add(shop, bold=True, align="center", double_height=True, double_width=True)
    p.add(email, align="center")
    p.add("")
    number = str(rng.randint(1000000, 9999999))  # the source's random 7 digits
    p.add(f"Receipt No: {number}", align="center")
    p.add(f"Date: {t:%d/%m/%Y, %H:%M}", align="center")
    if rng.random() < 0.4:
        p.add(f"Customer: {rng.choice(GH_CUSTOMERS)}", align="center")
    p.add("-" * w)
    p.add(f"{'Item':<16}{'Qty':>4}{'Price':>11}{'Total':>11}", bold=True)
    p.add("-" * w)
    subtotal = 0.0
    lines = []
    for (name, price), qty in items:
        value = qty * price
        subtotal += qty * (price / 100)  # as the page adds parseFloat prices
        parts = wrap(name, 16)
        p.add(f"{parts[0]:<16}{qty:>4}{'GH¢ ' + money(price):>11}{'GH¢ ' + money(value):>11}")
        for extra in parts[1:]:
            p.add(extra)
        lines.append((name, qty, value))
    p.add("-" * w)
    vat, nhil, getfund = subtotal * 0.15, subtotal * 0.025, subtotal * 0.025
    total = _js_to_fixed_pesewas(subtotal + vat + nhil + getfund)
    for label, value in (("Subtotal:", subtotal), ("VAT (15%):", vat), ("NHIL (2.5%):", nhil),
                         ("GETFund Levy (2.5%):", getfund)):
        p.add(row(label, "GH¢ " + money(_js_to_fixed_pesewas(value)), w))
    p.add(row("TOTAL:", "GH¢ " + money(total), w), bold=True)
    tender = None
    if rng.random() < 0.6:  # ours: the generator prints no way of paying
        word, tender = rng.choice(GH_TENDERS)
        p.add(f"Paid via: {word}")
    p.add("")
    for note in ("Tax Breakdown (Total: 20%)", "VAT at 15% as per Value Added Tax Act, 2025",
                 "NHIL (National Health Insurance Levy) at 2.5%",
                 "GETFund (Ghana Education Trust Fund) at 2.5%"):
        for part in wrap(note, w):
            p.add(part, bold=note.startswith("Tax"))
    p.add("")
    p.add("Thank you for your patronage!", bold=True, align="center")
    p.add("Please visit again", align="center")
    p.add("VAT Registered | Ghana Revenue Authority", align="center")
    items_sum = sum(v for _, _, v in lines)
    return p, Truth(total, lines, number, tender, "sale", occurred(t, seconds=False), None,
                    notes=[f"tax_on_top={total - items_sum}"])


# --- Israel: a café's tax invoice-receipt, right to left on CP862 ----------

HEBREW = re.compile("[\u0590-\u05ff]")


def visual(logical: str) -> str:
    """A line of a right-to-left paragraph in the order a thermal printer is
    sent it (no printer reorders): the runs of Hebrew and neutral words
    reversed, Hebrew words spelt backwards, numbers and Latin left to right."""
    runs: list[tuple[bool, list[str]]] = []
    for word in logical.split(" "):
        rtl = bool(HEBREW.search(word)) or not re.search("[A-Za-z0-9]", word)
        if runs and runs[-1][0] == rtl:
            runs[-1][1].append(word)
        else:
            runs.append((rtl, [word]))
    return " ".join(" ".join(w[::-1] for w in reversed(ws)) if rtl else " ".join(ws)
                    for rtl, ws in reversed(runs))


IL_SHOPS = [("קפה השדרה", "רוטשילד 41, תל אביב", "514839201"),
            ("מאפיית אורן", "הרצל 12, חיפה", "515072634"),
            ("בית קפה הגפן", "יפו 97, ירושלים", "516220458")]
IL_MENU = [("קפה הפוך", 1400), ("אספרסו כפול", 1200), ("קרואסון חמאה", 1600),
           ("עוגת גבינה", 2400), ("סלט ירקות", 3800), ("שקשוקה", 5200), ("לימונדה", 1500),
           ("מים מינרליים", 900), ("Coca Cola", 1100), ("Espresso Tonic", 2200),
           ("טוסט גבינה", 3400), ("מאפה שמרים", 1300)]
SUM_HE = 'סה"כ'  # "total", the column's head
IL_TENDERS = [("מזומן", "cash"), ("אשראי", "card"), ("אשראי", "card"), ("Bit", "Bit")]


def _rtl_row(label: str, amount: str, width: int) -> str:
    """A label read from the right with its amount at the left edge, as sent."""
    text = visual(label)
    return amount + " " * max(1, width - len(amount) - len(text)) + text


def israel_heshbonit(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    name, address, company = rng.choice(IL_SHOPS)
    t = when(rng, 7, 18)
    w = 40
    refund = rng.random() < 0.08
    items = pick_items(rng, IL_MENU, most=4 if refund else 5)
    if refund:
        items = items[:1]
    p = paper(rng, "CP862", crlf=0.25, fed=0.1)
    p.add(visual(name), bold=True, align="center", double_height=True, double_width=True)
    p.add(visual(address), align="center")
    p.add(visual(f"ח.פ. {company}"), align="center")
    title = "חשבונית מס זיכוי" if refund else "חשבונית מס קבלה"
    p.add(visual(title), bold=True, align="center")
    number = str(30000 + i)
    p.add(visual(f"מספר חשבונית: {number}"), align="right")
    p.add(visual(f"תאריך: {t:%d/%m/%Y} שעה: {t:%H:%M}"), align="right")
    p.add("-" * w)
    p.add(f"{visual(SUM_HE):>8}{visual('מחיר'):>8}{visual('כמות'):>6}"
          + visual("פריט").rjust(w - 22))
    sign = -1 if refund else 1
    lines = []
    for (item, price), qty in items:
        value = qty * price
        p.add(f"{money(sign * value):>8}{money(price):>8}{qty:>6}" + visual(item).rjust(w - 22))
        lines.append((item, qty, value))
    if not refund and rng.random() < 0.15:
        pct = rng.choice([10, 15])
        off = round(sum(v for _, _, v in lines) * pct / 100)
        label = f"הנחה {pct}%"
        p.add(_rtl_row(label, money(-off), w))
        lines.append((label, 1, -off))
    total = sum(v for _, _, v in lines)
    net = round(total * 100 / 118)
    p.add("-" * w)
    p.add(_rtl_row('לפני מע"מ', money(sign * net), w))
    p.add(_rtl_row('מע"מ 18%', money(sign * (total - net)), w))
    p.add(_rtl_row('סה"כ לתשלום', money(sign * total), w), bold=True)
    word, tender = ("אשראי", "card") if refund else rng.choice(IL_TENDERS)
    p.add(visual(f"אמצעי תשלום: {word}"), align="right")
    if tender == "cash":
        given = total if rng.random() < 0.3 else -(-total // 5000) * 5000
        p.add(_rtl_row("התקבל", money(given), w))
        p.add(_rtl_row("עודף", money(given - total), w))
    elif tender == "card":
        p.add(visual(f"כרטיס {rng.randint(1000, 9999)}"), align="right")
    p.add("-" * w)
    p.add(visual('המחיר כולל מע"מ בשיעור 18%'), align="center")
    p.add(visual("תודה ולהתראות!"), align="center")
    kind = "refund" if refund else "sale"
    return p, Truth(sign * total, lines, number, tender, kind, occurred(t, seconds=False), None)


# --- UK: a farm shop's slip from its own ESC/POS code ----------------------

UK_SHOPS = [("HOLLINS FARM SHOP", "Hollins Lane, Garstang PR3 1AB", "01995 600123",
             "GB 284 6193 02", "www.hollinsfarmshop.co.uk"),
            ("THE OLD DAIRY DELI", "12 Market Place, Ludlow SY8 1AQ", "01584 870456",
             "GB 391 2277 45", "Follow us @olddairydeli")]
# name, pence (a weighed item: pence a kg), VAT rate, weighed
UK_MENU = [("Free range eggs x6", 295, 0, False), ("Sourdough loaf", 380, 0, False),
           ("Local wildflower honey 340g", 650, 0, False), ("Apple juice 75cl", 425, 0, False),
           ("Mature Lancashire cheese", 1890, 0, True), ("Ham off the bone", 2400, 0, True),
           ("Scented soy candle", 1200, 20, False), ("Greetings card", 295, 20, False),
           ("Bag for life", 50, 20, False), ("Chocolate dipped flapjack", 275, 20, False),
           ("Kombucha 330ml", 320, 20, False)]
UK_CASHIERS = ["JESS", "TOM", "ANNA", "MO"]


def uk_farm_shop(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    name, address, phone, vat_no, extra = rng.choice(UK_SHOPS)
    t = when(rng, 8, 17)
    w = 48 if rng.random() < 0.75 else 32
    p = paper(rng, "CP1252")
    sep = "-" * w
    p.add(name, align="center", double_height=True, double_width=True)
    p.add(address, align="center")
    p.add(phone, align="center")
    p.add(f"VAT NO: {vat_no}", align="center")
    for part in wrap(extra, w):
        p.add(part, align="center")
    p.add("")
    p.add(sep)
    number = f"{20400 + i:06d}"
    p.add(row("RECEIPT NO", number, w))
    p.add(row("DATE", f"{t:%d/%m/%Y}", w))
    p.add(row("TIME", f"{t:%H:%M:%S}", w))
    if rng.random() < 0.7:
        p.add(row("CASHIER", rng.choice(UK_CASHIERS), w))
    p.add(sep)
    lines = []
    vat_by_rate: dict[int, list[int]] = {}
    for (item, price, rate, weighed), qty in pick_items(rng, UK_MENU, most=6):
        if weighed:
            grams = rng.randrange(150, 655, 5)
            qty, value = 1, round(price * grams / 1000)
            qty_part = f"1 x £{money(price)}/kg"
        else:
            value = qty * price
            qty_part = f"{qty} x £{money(price)}"
        amount = f"£{money(value)}"
        parts = wrap(item, max(1, w - len(amount) - 1))
        p.add(row(parts[0], amount, w))
        for more in parts[1:]:
            p.add(more)
        p.add(f"  {qty_part}")
        if weighed:
            p.add(f"  WT {grams / 1000:.3f} kg")
        lines.append((item, qty, value))
        vat = round(value * rate / (100 + rate))
        gross_vat = vat_by_rate.setdefault(rate, [0, 0])
        gross_vat[0] += value
        gross_vat[1] += vat
    total = sum(v for _, _, v in lines)
    tax = sum(v for _, v in vat_by_rate.values())
    p.add(sep)
    p.add(row("SUBTOTAL", f"£{money(total - tax)}", w))
    p.add(row("TOTAL VAT", f"£{money(tax)}", w))
    p.add(row("TOTAL", f"£{money(total)}", w), bold=True)
    p.add(sep)
    method = rng.choices(["cash", "card", "viva_wallet", "mobile", "voucher", "split"],
                         [35, 30, 15, 5, 7, 8])[0]
    tender: str | None
    if method == "cash":
        given = total if rng.random() < 0.3 else -(-total // 500) * 500
        if given == total and rng.random() < 0.5:
            given = -(-total // 2000) * 2000
        p.add(row("CASH", f"£{money(given)}", w))
        if given > total:
            p.add(row("CHANGE", f"£{money(given - total)}", w))
        tender = "cash"
    elif method in ("card", "viva_wallet", "mobile"):
        p.add(row("CARD", f"£{money(total)}", w))  # the code prints a phone's payment as CARD
        tender = "card"
    else:
        p.add(row(method.upper(), f"£{money(total)}", w))
        tender = "voucher" if method == "voucher" else None  # a SPLIT names no parts
    p.add("")
    if method in ("card", "viva_wallet"):
        # centerText cuts a line longer than the paper (32 columns on 58 mm)
        p.add("*CUSTOMER COPY* - PLEASE RETAIN RECEIPT"[:w], align="center")
        p.add("")
        if method == "viva_wallet":
            p.add("VIVA WALLET", align="center")
        p.add(row("DATE", f"{t:%d/%m/%y}", w))
        p.add(row("TIME", f"{t:%H:%M:%S}", w))
        brand = rng.choice(["VISA", "MASTERCARD"])
        p.add(row("CARD", f"{brand} ************{rng.randint(1000, 9999)}", w))
        p.add(row("TYPE", rng.choice(["DEBIT", "CREDIT"]), w))
        p.add(row("AUTH CODE", f"{rng.randint(0, 999999):06d}", w))
        p.add(row("TID", f"{rng.randint(10000000, 99999999)}", w))
        p.add(row("TRN", f"{rng.randint(100000, 999999)}", w))
        p.add("")
    p.add(sep)
    p.add("VAT SUMMARY")
    half = (w - 6) // 2
    p.add(f"{'VAT':<6}{'SALES':>{half}}{'VAT':>{w - 6 - half}}")
    half = (w - 10) // 2
    for rate in sorted(vat_by_rate, reverse=True):
        gross, vat = vat_by_rate[rate]
        label = f"{'A' if rate else 'Z'} {rate}%"
        p.add(f"{label:<10}{'£' + money(gross - vat):>{half}}{'£' + money(vat):>{w - 10 - half}}")
    p.add("")
    p.add("THANK YOU FOR SHOPPING WITH US", align="center")
    p.add("")
    for part in wrap("Refunds and exchanges within 14 days with this receipt", w):
        p.add(part, align="center")
    return p, Truth(total, lines, number, tender, "sale", occurred(t), None)


# --- US: a restaurant's Toast guest check ----------------------------------

US_SHOPS = [("THE COPPER KETTLE", "512 Main St, Burlington, VT 05401", "(802) 555-0143", 900,
             False),
            ("SMOKE & RYE", "88 W Randolph St, Chicago, IL 60601", "(312) 555-0188", 1025,
             True),
            ("HUDSON LUNCHEONETTE", "41 Hudson St, New York, NY 10013", "(212) 555-0172", 888,
             False)]  # name, address, phone, sales tax in basis points, tips on the total
US_MENU = [("Cheeseburger", 1400), ("Buffalo Wings (10)", 1300), ("Caesar Salad", 1100),
           ("Fish Tacos", 1550), ("Mac & Cheese", 900), ("Fries", 500), ("Iced Tea", 350),
           ("Draft IPA", 750), ("House Red Glass", 1000), ("Chocolate Lava Cake", 850),
           ("Kids Chicken Tenders", 800), ("Clam Chowder Bowl", 950)]
US_MODIFIERS = [("Add Bacon", 200), ("Sub Sweet Potato Fries", 150), ("No Onions", 0),
                ("Extra Ranch", 75), ("Gluten Free Bun", 250), ("Well Done", 0)]
US_SERVERS = ["Maria", "Devon", "Kayla", "Luis", "Priya"]


def _us_time(t: datetime) -> str:
    return f"{t.month}/{t.day}/{t.year} {t.hour % 12 or 12}:{t:%M} {'PM' if t.hour >= 12 else 'AM'}"


def toast_guest_check(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    name, address, phone, tax_bp, tip_after_tax = rng.choice(US_SHOPS)
    t = when(rng, 11, 22)
    w = rng.choice([42, 48])
    refund = rng.random() < 0.06
    guests = rng.choice([1, 2, 2, 2, 3, 4, 4, 5, 6, 8])
    p = paper(rng, "CP437", crlf=0.2, fed=0.15)
    p.add(name, bold=True, align="center", double_height=True, double_width=True)
    p.add(address, align="center")
    p.add(phone, align="center")
    if refund:
        p.add("*** REFUND ***", bold=True, align="center")
    check = str(100 + i)
    p.add(row(f"Server: {rng.choice(US_SERVERS)}", f"Check #{check}", w))
    p.add(row(f"Table {rng.randint(1, 40)}", f"Guests: {guests}", w))
    p.add(_us_time(t))
    p.add("-" * w)
    sign = -1 if refund else 1
    lines = []
    for (item, price), qty in pick_items(rng, US_MENU, most=1 if refund else 5):
        value = qty * price
        p.add(row(f"{qty} {item}", money_usd(sign * value), w))
        lines.append((item, qty, value))
        if qty == 1 and rng.random() < 0.3:
            mod, extra = rng.choice(US_MODIFIERS)
            if extra:
                p.add(row(f"   {mod}", money_usd(sign * extra), w))
                lines.append((mod, 1, extra))
            else:
                p.add(f"   {mod}")
        if not refund and rng.random() < 0.1:
            off = round(value * 0.2)
            p.add(row("   Happy Hour Discount", money_usd(-off), w))
            lines.append(("Happy Hour Discount", 1, -off))
    subtotal = sum(v for _, _, v in lines)
    tax = int((Decimal(subtotal) * tax_bp / 10000).quantize(Decimal(1), ROUND_HALF_UP))
    gratuity = round(subtotal * 0.18) if guests >= 6 and not refund else 0
    total = subtotal + tax + gratuity
    p.add("-" * w)
    p.add(row("Subtotal", money_usd(sign * subtotal), w))
    p.add(row("Tax", money_usd(sign * tax), w))
    if gratuity:
        p.add(row("Gratuity (18%)", money_usd(gratuity), w))
    p.add(row("Total", money_usd(sign * total), w), bold=True)
    p.add("-" * w)
    how = "card" if refund else rng.choices(["card", "cash", "gift card", "split"],
                                            [62, 28, 5, 5])[0]
    tender: str | None = how
    last4 = rng.randint(1000, 9999)
    if how == "card":
        p.add(row(f"Card  {rng.choice(['VISA', 'MC', 'AMEX'])} xxxx{last4}",
                  money_usd(sign * total), w))
    elif how == "cash":
        given = -(-total // 2000) * 2000 if rng.random() < 0.7 else total
        p.add(row("Cash", money_usd(given), w))
        p.add(row("Change", money_usd(given - total), w))
    elif how == "gift card":
        p.add(row(f"Gift Card  xxxx{last4}", money_usd(total), w))
    else:
        cash = min(total - 100, rng.choice([1000, 2000]))
        p.add(row("Cash", money_usd(cash), w))
        p.add(row(f"Card  VISA xxxx{last4}", money_usd(total - cash), w))
        tender = None
    if how == "card" and not refund:
        p.add("")
        p.add(("Additional Tip:" if gratuity else "Tip:") + " " + "_" * 18)
        p.add("Total: " + "_" * 26)
        p.add("")
        p.add("Signature: " + "_" * 24)
        p.add("")
        p.add("Suggested Tip:", bold=True)
        base = total if tip_after_tax else subtotal
        for pct in (18, 20, 22):
            tip = round(base * pct / 100)
            p.add(f"{pct}%: Tip {money_usd(tip)}, Total {money_usd(total + tip)}")
    p.add("")
    p.add("Thank you for dining with us!", align="center")
    notes = [f"tax_on_top={tax}"] + ([f"service={gratuity}"] if gratuity else [])
    return p, Truth(sign * total, lines, check, tender, "refund" if refund else "sale",
                    occurred(t, seconds=False), None, notes=notes)


def money_usd(cents: int) -> str:
    """``$14.00``, ``-$2.00``."""
    return ("-" if cents < 0 else "") + "$" + money(abs(cents))


# --- Lithuania: a fiscal cash register's kvitas -----------------------------

LT_SHOPS = [('UAB "ŽALIAS TURGUS"', "Gedimino pr. 15, Vilnius", "LT100001234567", "301234567"),
            ('UAB "KEPYKLĖLĖ PAS RŪTĄ"', "Laisvės al. 62, Kaunas", "LT100009876543",
             "302998877")]
# name, cents (a weighed item: cents a kg), weighed
LT_MENU = [("Juoda duona 800 g", 149, False), ("Pienas 2,5% 1 l", 119, False),
           ("Sūris Džiugas 180 g", 429, False), ("Obuoliai Auksis", 129, True),
           ("Kava malta 250 g", 549, False), ("Šokoladas Rūta 100 g", 189, False),
           ("Kefyras 1 l", 139, False), ("Bandelė su aguonomis", 69, False),
           ("Vanduo Vytautas 1,5 l", 99, False), ("Varškės sūrelis", 49, False),
           ("Bulvės", 89, True)]
LT_CASHIERS = ["Rūta", "Jonas", "Eglė", "Tomas"]


def lithuania_kvitas(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    name, address, vat_code, company = rng.choice(LT_SHOPS)
    t = when(rng, 8, 20)
    w = 40
    refund = rng.random() < 0.07
    sign = -1 if refund else 1
    p = paper(rng, "CP1257", crlf=0.3, fed=0.1)
    p.add(name, bold=True, align="center")
    p.add(address, align="center")
    p.add(f"PVM mokėtojo kodas {vat_code}", align="center")
    p.add(f"Įmonės kodas {company}", align="center")
    if refund:
        p.add("GRĄŽINIMAS", bold=True, align="center")
    p.add("-" * w)
    lines = []
    for (item, price, weighed), qty in pick_items(rng, LT_MENU, most=2 if refund else 6):
        if weighed:
            grams = rng.randrange(250, 2005, 5)
            qty, value = 1, round(price * grams / 1000)
            p.add(item)
            p.add(row(f"   {grams / 1000:.3f} kg x {money(price, True)}".replace(".", ","),
                      f"{money(sign * value, True)} A", w))
        elif qty > 1:
            value = qty * price
            p.add(item)
            p.add(row(f"   {qty} x {money(price, True)}", f"{money(sign * value, True)} A", w))
        else:
            value = price
            p.add(row(item, f"{money(sign * value, True)} A", w))
        lines.append((item, qty, value))
    if not refund and rng.random() < 0.12:
        off = round(sum(v for _, _, v in lines) * 0.1)
        p.add(row("Nuolaida -10%", f"{money(-off, True)} A", w))
        lines.append(("Nuolaida -10%", 1, -off))
    total = sum(v for _, _, v in lines)
    vat = round(total * 21 / 121)
    p.add("-" * w)
    p.add(row("IŠ VISO", f"EUR {money(sign * total, True)}", w), bold=True,
          double_height=True)
    p.add(row("PVM A 21%", money(sign * vat, True), w))
    p.add(row("Be PVM", money(sign * (total - vat), True), w))
    how = rng.choice(["cash", "card"]) if refund else rng.choices(
        ["cash", "card", "split"], [50, 42, 8])[0]
    tender: str | None = how
    if how == "cash":
        given = total if refund or rng.random() < 0.25 else -(-total // 500) * 500
        p.add(row("Grynieji", money(sign * given, True), w))
        if given > total:
            p.add(row("Grąža", money(given - total, True), w))
    elif how == "card":
        p.add(row("Mokėjimo kortelė", money(sign * total, True), w))
    else:
        cash = min(total - 1, rng.choice([100, 200, 500]))
        p.add(row("Grynieji", money(cash, True), w))
        p.add(row("Mokėjimo kortelė", money(total - cash, True), w))
        tender = None
    p.add("-" * w)
    number = f"{i + 41:04d}"
    p.add(row(f"Kvitas Nr. {number}", f"Kasininkas: {rng.choice(LT_CASHIERS)}", w))
    p.add(f"{t:%Y-%m-%d %H:%M:%S}")
    p.add("FISKALINIS KVITAS", bold=True, align="center")
    p.add(f"Kasos aparato Nr. {vat_code} {rng.randint(1, 9):02d}", align="center")
    p.add("Ačiū, kad apsipirkote!", align="center")
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(t), None)


# --- UK school: a Caterlink primary's meal slip -----------------------------

CL_SCHOOLS = [("Westfield Primary School", 270), ("St Anne's C of E Primary", 285),
              ("Brook Lane Junior School", 225)]
CL_CLASSES = [("Reception Robins", True), ("Year 1 Ash", True), ("Year 2 Birch", True),
              ("Year 3 Cedar", False), ("Year 4 Oak", False), ("Year 5 Maple", False),
              ("Year 6 Willow", False)]
CL_EXTRAS = [("Milk 200ml", 35), ("Fruit pot", 50), ("Yoghurt", 40)]


def caterlink_primary(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    school, meal_price = rng.choice(CL_SCHOOLS)
    t = when(rng, 11, 13)
    w = 32
    p = paper(rng, "CP858", crlf=0.2, fed=0.2)
    p.add("CATERLINK", bold=True, align="center", double_width=True)
    p.add(school, align="center")
    refund = rng.random() < 0.08
    p.add("MEAL CANCELLED - REFUND" if refund else "School Meal Receipt", align="center",
          bold=refund)
    p.add("-" * w)
    student_id = f"{rng.randint(1000000, 1999999)}"
    first, last = rng.choice(PUPILS)
    cls, infant = rng.choice(CL_CLASSES)
    p.add(f"Student ID: {student_id}")
    p.add(f"Name: {first} {last}")
    p.add(f"Class: {cls}")
    p.add(f"{t:%d/%m/%Y %H:%M}")
    p.add("-" * w)
    meal = rng.choice(["Hot Meal", "Hot Meal", "Hot Meal", "School Packed Lunch"])
    lines = [(meal, 1, meal_price)]
    if not refund and rng.random() < 0.4:
        extra, price = rng.choice(CL_EXTRAS)
        lines.append((extra, rng.choice([1, 1, 2]), price))
        lines[-1] = (extra, lines[-1][1], lines[-1][1] * price)
    for item, qty, value in lines:
        p.add(row(item if qty == 1 else f"{qty} x {item}", f"£{money(value)}", w))
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    balance = rng.randint(0, 3000)
    if refund:
        p.add(row("Refund total", f"-£{money(total)}", w), bold=True)
        p.add(row("Credited to: Account", f"£{money(total)}", w))
        tender = "account"
        balance += total
    else:
        p.add(row("Total", f"£{money(total)}", w), bold=True)
        free = infant or rng.random() < 0.25
        free_word = "Universal Infant FSM" if infant else "Free School Meal"
        p.add("Paid by:")
        if free and len(lines) > 1:
            p.add(row(f"  {free_word}", f"£{money(meal_price)}", w))
            p.add(row("  Account", f"£{money(total - meal_price)}", w))
            tender = None
        elif free:
            p.add(row(f"  {free_word}", f"£{money(total)}", w))
            tender = "fsm"
        else:
            p.add(row("  Account", f"£{money(total)}", w))
            tender = "account"
    p.add(row("Balance", f"£{money(balance)}", w))
    p.add("-" * w)
    number = str(55000 + i)
    p.add(f"Trans No: {number}")
    p.add("Top up at meals.caterlinkltd.co.uk", align="center")
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(t, seconds=False), student_id)


# --- UK school: a secondary's biometric tuck shop and cafeteria -------------

TUCK_SCHOOLS = ["HILLCREST COLLEGE", "ST BEDE'S ACADEMY", "MARSHFIELD SCHOOL"]
BREAK_MENU = [("Cheese toastie", 160), ("Cookie", 60), ("Water 500ml", 70),
              ("Bacon bap", 185), ("Fruit juice carton", 75), ("Flapjack", 65),
              ("Hash brown", 50), ("Pizza slice", 140)]
LUNCH_MENU = [("Main meal of the day", 250), ("Jacket potato beans", 220),
              ("Pasta pot", 210), ("Panini chicken pesto", 235), ("Salad box", 260),
              ("Sponge & custard", 80), ("Water 500ml", 70), ("Cookie", 60)]
TUCK_TILLS = ["Mrs Hale", "Mr Okafor", "Ms Byrne"]


def tuck_shop(rng: random.Random, i: int) -> tuple[Printed, Truth]:
    lunch = rng.random() < 0.55
    t = when(rng, 12, 13) if lunch else when(rng, 10, 10)
    w = 40
    p = paper(rng, "CP437", crlf=0.15, fed=0.2)
    p.add(rng.choice(TUCK_SCHOOLS), bold=True, align="center")
    p.add("Cashless Catering", align="center")
    p.add("Cafeteria - Lunch" if lunch else "Tuck Shop - Break", align="center")
    refund = rng.random() < 0.06
    if refund:
        p.add("REFUND", bold=True, align="center", double_height=True)
    p.add(row(f"Till {rng.randint(1, 4)}", f"Op: {rng.choice(TUCK_TILLS)}", w))
    p.add(row(f"{t:%a %d %b %Y}", f"{t:%H:%M:%S}", w))
    p.add("-" * w)
    first, last = rng.choice(PUPILS)
    adm = f"{rng.randint(1, 99999):06d}"
    p.add(f"Student: {first} {last}")
    p.add(row(f"Year {rng.randint(7, 11)}", f"Adm No: {adm}", w))
    p.add("ID: Biometric" if rng.random() < 0.8 else "ID: PIN")
    p.add("-" * w)
    lines = []
    for (item, price), qty in pick_items(rng, LUNCH_MENU if lunch else BREAK_MENU,
                                         most=1 if refund else 4, qty=(1, 1, 1, 2)):
        value = qty * price
        left = item if qty == 1 else f"{qty} x {item}"
        p.add(row(f"{left:<24}" + (f"@{money(price)}" if qty > 1 else ""), money(value), w))
        lines.append((item, qty, value))
    if lunch and not refund and len(lines) >= 3 and rng.random() < 0.5:
        p.add(row("Meal deal saving", money(-30), w))
        lines.append(("Meal deal saving", 1, -30))
    total = sum(v for _, _, v in lines)
    p.add("-" * w)
    balance = rng.randint(0, 2500)
    # the till refuses a sale over the day's limit, so a limit printed covers it
    limit = max(rng.choice([400, 400, 500]), -(-total // 100) * 100)
    if refund:
        p.add(row("REFUND TOTAL", money(-total), w), bold=True)
        p.add(row("Refund to cashless account", money(total), w))
        tender = "account"
    else:
        p.add(row("TOTAL", money(total), w), bold=True)
        fsm = lunch and rng.random() < 0.3
        allowance = rng.choice([230, 250, 265])
        if fsm and total > allowance:
            p.add(row("Paid: Free meal credit", money(allowance), w))
            p.add(row("Paid: Cashless account", money(total - allowance), w))
            tender = None
        elif fsm:
            p.add(row("Paid: Free meal credit", money(total), w))
            tender = "fsm"
        else:
            p.add(row("Paid: Cashless account", money(total), w))
            tender = "account"
        spent = min(limit, total + rng.choice([0, 0, 60, 120]))
        p.add(f"Today's spend: £{money(spent)} of £{money(limit)} limit")
    p.add(row("Balance remaining:", f"£{money(balance)}", w))
    p.add("-" * w)
    number = f"{rng.randint(1, 4)}-{45000 + i}"
    p.add(f"Trans {number}")
    p.add("Top up online or at the kiosk", align="center")
    sign = -1 if refund else 1
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(t), adm)


LAYOUTS: dict[str, Render] = {
    "chopbar-gh": ghana_chop_bar,
    "heshbonit-il": israel_heshbonit,
    "farmshop-uk": uk_farm_shop,
    "toast-us": toast_guest_check,
    "kvitas-lt": lithuania_kvitas,
    "caterlink-primary": caterlink_primary,
    "tuck-biometric": tuck_shop,
}
