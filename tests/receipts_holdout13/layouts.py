"""The thirteenth holdout's renderers: one function per layout, each given a
random stream and the receipt's index, returning what it prints (``Printed``)
and the truth (``Truth``). Sources, and what is ours, in README.md."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout13 import Printed

Basket = list[tuple[str, int, int]]  # name, quantity, unit price (hundredths)


def _when(rng: random.Random, last_hour: int = 20) -> datetime:
    """Any day of 2026 (GMT and BST), in opening hours, seconds and all."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(7, last_hour),
                    rng.randint(0, 59), rng.randint(0, 59))


def _basket(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
            qty: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> Basket:
    """1 to ``most`` different items, some bought several times, some a bit
    dearer than the menu says (prices drift)."""
    picked = rng.sample(menu, rng.randint(1, most))
    out = []
    for name, unit in picked:
        if rng.random() < 0.1:
            unit += rng.choice([5, 10, 20, 50, 100])
        out.append((name, rng.choice(qty), unit))
    return out


def _row(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width`` columns."""
    return left + right.rjust(width - len(left))


def _centre(text: str, width: int) -> str:
    return text.center(width).rstrip()


# --- A Finnish kuitti (AnomFIN/hrk admin/kuitti-api.php) ----------------------

FI_MENU = [("Kahvi", 250), ("Tee", 230), ("Korvapuusti", 320), ("Karjalanpiirakka", 180),
           ("Lohikeitto ja ruisleipä (iso)", 1290), ("Kinkkuvoileipä", 590),
           ("Mustikkapiirakka", 450), ("Pulla", 210), ("Kaurapuuro marjoilla", 490),
           ("Appelsiinimehu 0,33l", 290), ("Lihapiirakka kahdella nakilla", 650),
           ("Salaatti kanalla", 1090), ("Cappuccino", 390), ("Vesi 0,5l", 220)]


def _fi_name(name: str) -> str:
    # The source: over 25 characters, cut to 22 and "...".
    return name[:22] + "..." if len(name) > 25 else name


def kuitti_fi(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    p = Printed(codepage=rng.choice(["CP858", "ISO_8859-15"]), crlf=rng.random() < 0.2)
    b = dict(font="b")  # 53-column rows: the 64 columns of font B on 80 mm paper
    when = _when(rng)
    number = "KU" + "".join(rng.choice("0123456789abcdef") for _ in range(13))
    refund = rng.random() < 0.1
    rate = rng.choice([24, 14])
    basket = _basket(rng, FI_MENU)
    for text in ("Kahvila Aamutähti", "Hämeenkatu 14, 33100 Tampere", "Tel: +358 40 712 3388",
                 "Y-tunnus: 2931845-6", ""):
        p.add(text, **b)
    p.add("=" * 50, **b)
    p.add(f"KUITTI #{number} - {when:%d.%m.%Y %H:%M:%S}", **b)
    p.add("=" * 50, **b)
    p.add("", **b)
    if refund:
        p.add("HYVITYS", bold=True, font="b")
    p.add(f"{'Tuote':<25} {'Määrä':>5} {'À hinta':>10} {'Yht.':>10}", **b)
    p.add("-" * 50, **b)
    lines = []
    for name, qty, unit in basket:
        shown = _fi_name(name)
        p.add(f"{shown:<25} {qty:>5d} {unit / 100:>9.2f}€ {qty * unit / 100:>9.2f}€", **b)
        lines.append((shown, qty, qty * unit))
    net = sum(v for _, _, v in lines)
    if not refund and rng.random() < 0.15:
        off = max(1, round(net * 0.1))
        p.add(f"{'Alennus (kanta-asiakas)':<25} {1:>5d} {-off / 100:>9.2f}€ {-off / 100:>9.2f}€",
              **b)
        lines.append(("Alennus (kanta-asiakas)", 1, -off))
        net -= off
    alv = round(net * rate / 100)
    total = net + alv
    sign = -1 if refund else 1
    p.add("", **b)
    p.add("-" * 50, **b)
    p.add(f"{'Välisumma (veroton):':<30} {net / 100:>17.2f}€", **b)
    p.add(f"{f'ALV {rate}%:':<30} {alv / 100:>17.2f}€", **b)
    p.add("=" * 50, **b)
    p.add(f"{'YHTEENSÄ:':<30} {sign * total / 100:>17.2f}€", bold=True, font="b")
    p.add("=" * 50, **b)
    tender = None
    paid = rng.random()
    if paid < 0.35:
        given = total if rng.random() < 0.3 else -(-total // 500) * 500 + rng.choice([0, 500])
        tender = "cash"
        if refund:
            p.add(f"{'Palautettu käteisenä:':<30} {total / 100:>17.2f}€", **b)
        else:
            p.add(f"{'Maksettu käteisellä:':<30} {given / 100:>17.2f}€", **b)
            p.add(f"{'Takaisin:':<30} {(given - total) / 100:>17.2f}€", **b)
    elif paid < 0.7:
        tender = "card"
        label = "Palautettu kortille:" if refund else "Maksettu kortilla:"
        p.add(f"{label:<30} {total / 100:>17.2f}€", **b)
    p.add("", **b)
    p.add("Kiitos käynnistänne!", **b)
    p.add("", **b)
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when), None, [f"tax_on_top={alv}"])


# --- A Malaysian restaurant's tax invoice ------------------------------------

MY_MENU = [("Nasi Lemak Ayam Goreng", 1290), ("Teh Tarik Ais", 350), ("Roti Canai Kosong", 180),
           ("Mee Goreng Mamak", 950), ("Char Kuey Teow Basah (Large)", 1450),
           ("Kopi O Panas", 250), ("Nasi Kandar Ikan", 1380), ("Milo Dinosaur", 690),
           ("Satay Ayam (10 cucuk)", 1500), ("Cendol Durian", 880), ("Air Sirap Limau", 300),
           ("Laksa Penang", 1050)]


def _rm(pence: int) -> str:
    return f"{pence / 100:,.2f}"


def _five_sen(amount: int) -> int:
    """Malaysia's rounding mechanism: a bill paid in cash is rounded to the
    nearest 5 sen (1, 2 down; 3, 4 up)."""
    return (amount + 2) // 5 * 5


def tax_invoice_my(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 42
    p = Printed(codepage=rng.choice(["CP437", "AUTO"]))
    when = _when(rng)
    refund = rng.random() < 0.1
    basket = _basket(rng, MY_MENU, qty=(1, 1, 1, 2, 2, 3, 5))
    p.add("RESTORAN SRI PELITA SDN BHD", align="center", bold=True)
    for text in ("(201901012345)", "12, Jalan Tun Sambanthan", "50470 Kuala Lumpur",
                 "SST Reg No: W10-1808-32000123", "Tel: 03-2274 5566"):
        p.add(_centre(text, w), align="left")
    p.add("")
    p.add(_centre("CREDIT NOTE" if refund else "TAX INVOICE", w), bold=True)
    number = f"CN-2026-{rng.randint(1, 999):06d}" if refund else f"INV-2026-{n + 4001:06d}"
    if refund:
        p.add(f"Credit Note No : {number}")
        p.add(f"Ref Invoice    : INV-2026-{rng.randint(1, 4000):06d}")
    else:
        p.add(f"Invoice No : {number}")
    p.add(f"Date       : {when:%Y-%m-%d %H:%M:%S}")
    p.add(_row(f"Cashier    : {rng.choice(['Aisyah', 'Ravi', 'Mei Ling', 'Hafiz'])}",
               f"Table: {rng.randint(1, 30)}", w))
    p.add("-" * w)
    p.add(_row("Qty Item", "Amt(RM)", w))
    lines = []
    for name, qty, unit in basket:
        shown = name[:28]
        p.add(f"{qty:>3} {shown:<28}{_rm(qty * unit):>10}")
        lines.append((shown, qty, qty * unit))
    p.add("-" * w)
    sub = sum(v for _, _, v in lines)
    p.add(_row("Subtotal", _rm(sub), w))
    net = sub
    if not refund and rng.random() < 0.15:
        off = round(sub * 0.1)
        p.add(_row("Member Discount", "-" + _rm(off), w))
        lines.append(("Member Discount", 1, -off))
        net -= off
    service = round(net * 0.10)
    sst = round((net + service) * 0.06)
    p.add(_row("Service Charge 10%", _rm(service), w))
    p.add(_row("SST 6%", _rm(sst), w))
    before = net + service + sst
    how = rng.random()
    cash = how < 0.45
    total = _five_sen(before) if cash else before
    if cash and total != before:
        p.add(_row("Rounding Adj.", ("-" if total < before else "") + _rm(abs(total - before)),
                   w))
    sign = -1 if refund else 1
    p.add(_row("TOTAL REFUND (RM)" if refund else "TOTAL (RM)", ("-" if refund else "")
               + _rm(total), w), bold=True)
    if cash:
        tender = "cash"
        if refund:
            p.add(_row("Refund by Cash", _rm(total), w))
        else:
            given = total if rng.random() < 0.25 else -(-total // 1000) * 1000 + rng.choice(
                [0, 0, 5000])
            p.add(_row("Cash", _rm(given), w))
            p.add(_row("Change", _rm(given - total), w))
    elif how < 0.75:
        tender = "card"
        p.add(_row(rng.choice(["Credit Card", "Debit Card"]), _rm(total), w))
    elif how < 0.9 or refund:
        tender = rng.choice(["DuitNow QR", "TNG eWallet"])
        p.add(_row(tender, _rm(total), w))
    else:
        tender = None  # a split: card and e-wallet
        part = rng.randint(1, total - 1)
        p.add(_row("Debit Card", _rm(part), w))
        p.add(_row("TNG eWallet", _rm(total - part), w))
    p.add("-" * w)
    p.add(_centre("Terima kasih, sila datang lagi!", w))
    p.add(_centre("Goods sold are not refundable", w))
    extra = total - net  # service charge, SST and rounding, on top of the lines
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when), None, [f"tax_on_top={extra}"])


# --- A Japanese shokudo's receipt, English print mode ---------------------------

JP_MENU = [("Karaage teishoku", 980), ("Miso soup", 220), ("Gyudon (large)", 780),
           ("Shio ramen", 890), ("Gyoza 6pc", 420), ("Oolong tea", 300),
           ("Draft beer", 580), ("Onigiri salmon", 180), ("Tonkatsu curry", 1100),
           ("Edamame", 350), ("Matcha ice cream", 400), ("Tempura soba", 1050)]
JP_OPTIONS = ["Extra rice", "No onion", "Less salt", "Spicy"]


def _yen(units: int) -> str:
    return f"{units:,}"


def receipt_jp(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 32
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "CP437"]), crlf=rng.random() < 0.3,
                cut=rng.random() < 0.7)
    when = _when(rng)
    refund = rng.random() < 0.08
    included = rng.random() < 0.5  # the shop's setting: tax in the prices, or on top
    basket = _basket(rng, JP_MENU, most=5, qty=(1, 1, 1, 2, 2, 3))
    p.add("SHOKUDO HANAMARU", align="center", bold=True, double_height=True)
    for text in ("150-0041", "1-2-3 Jinnan, Shibuya-ku", "TEL 03-3461-2280",
                 "Reg. No. T4011001023456"):
        p.add(text, align="center")
    order = 1000 + n
    p.add(f"{when:%Y-%m-%d %H:%M:%S} #{order}", align="center")
    if refund:
        p.add("*** RETURN ***", align="center", bold=True)
    lines = []
    for name, qty, unit in basket:
        p.add(f"{name} x{qty} - ¥{_yen(qty * unit)}")
        if rng.random() < 0.2:
            p.add(f"    {rng.choice(JP_OPTIONS)}")
        lines.append((name, qty, qty * unit * 100))
    sub = sum(qty * unit for _, qty, unit in basket)
    if not refund and rng.random() < 0.15:
        off = rng.choice([50, 100, 200])
        p.add(_row("Coupon discount", f"-¥{off}", w))
        lines.append(("Coupon discount", 1, -off * 100))
        sub -= off
    p.add("- " * (w // 2))
    p.add(_row("Items", f"{sum(q for _, q, _ in basket)}pcs", w))
    p.add(_row("Subtotal", f"¥{_yen(sub)}", w))
    if included:
        tax = sub - round(sub / 1.1)
        p.add(f"(Incl. tax 10%: ¥{_yen(tax)})")
        total = sub
    else:
        tax = round(sub * 0.1)
        p.add(f"(10% taxable: {_yen(sub)} Tax: {_yen(tax)})")
        total = sub + tax
    p.add("- " * (w // 2))
    sign = -1 if refund else 1
    p.add(_row("Total", ("-" if refund else "") + f"¥{_yen(total)}", w), bold=True,
          double_height=True)
    how = rng.random()
    if refund:
        tender = "cash"
        p.add(_row("Cash refund", _yen(total), w))
    elif how < 0.55:
        tender = "cash"
        given = total if rng.random() < 0.2 else -(-total // 1000) * 1000 + rng.choice(
            [0, 0, 1000, 5000])
        p.add(_row("Received", _yen(given), w))
        p.add(_row("Change", _yen(given - total), w))
        # change given is cash's alone; "Change 0", the paper does not say (TENDERS.md)
        tender = "cash" if given > total else None
    elif how < 0.8:
        tender = "card"
        p.add(_row("Credit card", f"¥{_yen(total)}", w))
    else:
        tender = rng.choice(["PayPay", "Suica"])
        p.add(_row(tender, f"¥{_yen(total)}", w))
    p.add("- " * (w // 2))
    p.add("Thank you! Please come again", align="center")
    notes = [] if included else [f"tax_on_top={tax * 100}"]
    return p, Truth(sign * total * 100, lines, str(order), tender,
                    "refund" if refund else "sale", occurred(when), None, notes)


# --- A Danish bakery's kvittering ---------------------------------------------

DK_MENU = [("Rundstykke, grov", 650), ("Kanelsnegl", 2400), ("Rugbrød, halvt", 2800),
           ("Wienerbrød", 1800), ("Kaffe", 3200), ("Tebirkes", 900), ("Kage m/ hindbær", 3500),
           ("Franskbrød", 3000), ("Hindbærsnitte", 2200), ("Æblejuice 0,25 l", 2500),
           ("Smørrebrød æg/rejer", 5500), ("Spandauer", 2000)]


def _kr(ore: int) -> str:
    """Kroner the Danish way: ``1.234,50``."""
    whole, frac = divmod(abs(ore), 100)
    return ("-" if ore < 0 else "") + f"{whole:,}".replace(",", ".") + f",{frac:02d}"


def kvittering_dk(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    w = 42
    p = Printed(codepage=rng.choice(["CP865", "CP850", "AUTO"]), crlf=rng.random() < 0.25,
                cut=rng.random() < 0.8)
    when = _when(rng)
    refund = rng.random() < 0.1
    basket = _basket(rng, DK_MENU, most=5, qty=(1, 1, 1, 2, 2, 4, 6))
    p.add("BAGERIET PÅ TORVET", align="center", bold=True)
    for text in ("Store Torv 4, 8000 Aarhus C", "CVR-nr. 31457790", "Tlf. 86 12 34 56"):
        p.add(text, align="center")
    p.add("")
    p.add("RETURBON" if refund else "KVITTERING", align="center", bold=True)
    number = str(40000 + n)
    p.add(_row(f"Bon nr. {number}", f"Kasse {rng.randint(1, 3)}", w))
    p.add(_row(f"{when:%d-%m-%Y}", f"kl. {when:%H:%M}", w))
    p.add("-" * w)
    lines = []
    for name, qty, unit in basket:
        left = f"{qty} x {name}" if qty > 1 else name
        if qty > 1:
            left = f"{left:<24} á {_kr(unit):>7}"
        p.add(_row(left, _kr(qty * unit), w))
        lines.append((name, qty, qty * unit))
    total = sum(v for _, _, v in lines)
    if not refund and rng.random() < 0.15:
        off = rng.choice([500, 1000, round(total * 0.1)])
        p.add(_row("Rabat", _kr(-off), w))
        lines.append(("Rabat", 1, -off))
        total -= off
    p.add("-" * w)
    sign = -1 if refund else 1
    p.add(_row("I ALT DKK", _kr(sign * total), w), bold=True, double_height=True)
    how = rng.random()
    if refund:
        tender = "cash" if how < 0.5 else "card"
        p.add(_row("Udbetalt kontant" if how < 0.5 else "Retur til Dankort", _kr(total), w))
    elif how < 0.35:
        tender = "cash"
        given = total if rng.random() < 0.2 else -(-total // 5000) * 5000 + rng.choice(
            [0, 0, 10000])
        p.add(_row("Kontant", _kr(given), w))
        p.add(_row("Byttepenge", _kr(given - total), w))
    elif how < 0.7:
        tender = "card"
        p.add(_row("Dankort", _kr(total), w))
    elif how < 0.9:
        tender = "MobilePay"
        p.add(_row("MobilePay", _kr(total), w))
    else:
        tender = None  # split: part on Dankort, the rest in cash
        part = rng.randint(1, total - 1)
        p.add(_row("Dankort", _kr(part), w))
        p.add(_row("Kontant", _kr(total - part), w))
    p.add(_row("Heraf moms 25%", _kr(total - round(total / 1.25)), w))
    p.add("")
    p.add("Tak for besøget!", align="center")
    return p, Truth(sign * total, lines, number, tender, "refund" if refund else "sale",
                    occurred(when, seconds=False), None)


# --- UK school 1: a Manchester high school on fingerprints ---------------------

SCHOOL_MENU = [("Pasta bake", 230), ("Jacket potato & cheese", 245), ("Chicken curry & rice", 260),
               ("Fish & chips (Fri)", 275), ("Cookie", 50), ("Fruit pot", 60),
               ("Milk 250ml", 45), ("Water 500ml", 60), ("Panini ham & cheese", 250),
               ("Toast 2 slices", 40), ("Pizza slice", 150), ("Flapjack", 65),
               ("Hash brown", 45), ("Sausage bap", 160), ("Smoothie", 120)]
PUPILS = [("Jane", "Smith"), ("Oliver", "Khan"), ("Amelia", "Nowak"), ("Noah", "Williams"),
          ("Isla", "Brown"), ("Muhammad", "Ali"), ("Freya", "O'Connor"), ("Leo", "Davies"),
          ("Zainab", "Hussain"), ("Kacper", "Kowalski")]
FORMS = ["7B", "8JB", "9S", "10W", "11K", "12PH", "13R"]


def _gbp(pence: int) -> str:
    return ("-" if pence < 0 else "") + f"£{abs(pence) / 100:.2f}"


def _school_basket(rng: random.Random) -> Basket:
    return _basket(rng, SCHOOL_MENU, most=4, qty=(1, 1, 1, 1, 2, 2, 3))


def fingerprint_high(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """Till receipt of a Manchester high school's biometric cashless system."""
    w = 42
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850"]))
    when = _when(rng, last_hour=15)
    refund = rng.random() < 0.08
    who = rng.random()
    pupil = who < 0.8
    staff = 0.8 <= who < 0.9
    basket = _school_basket(rng)
    p.add("BRIARWOOD HIGH SCHOOL", align="center", bold=True)
    p.add(f"Dining Room - Till {rng.randint(1, 4)}", align="center")
    number = str(rng.randint(1000, 99999))
    p.add(_row(f"Date: {when:%d/%m/%y}  Time: {when:%H:%M}", f"Trans: {number}", w))
    p.add("-" * w)
    account = None
    if pupil:
        first, last = rng.choice(PUPILS)
        account = str(rng.randint(10000, 29999))
        p.add(f"Diner:   {first} {last} ({rng.choice(FORMS)})")
        p.add(f"Acct No: {account}")
    elif staff:
        account = f"S{rng.randint(100, 999)}"
        p.add(f"Diner:   {rng.choice(['Mr Patel', 'Mrs Jones', 'Ms Ahmed'])} (Staff)")
        p.add(f"Acct No: {account}")
    else:
        p.add("Diner:   Visitor")
    p.add("-" * w)
    if refund:
        p.add("*** VOID / REFUND ***", align="center", bold=True)
    lines = []
    for name, qty, unit in basket:
        if qty > 1:
            p.add(_row(f"{name:<23}{qty} @ {_gbp(unit)}", _gbp(qty * unit), w))
        else:
            p.add(_row(name, _gbp(unit), w))
        lines.append((name, qty, qty * unit))
    total = sum(v for _, _, v in lines)
    if not refund and len(basket) >= 2 and rng.random() < 0.2:
        p.add(_row("Meal deal", _gbp(-20), w))
        lines.append(("Meal deal", 1, -20))
        total -= 20
    p.add("-" * w)
    p.add(_row("TOTAL", _gbp(-total if refund else total), w), bold=True, double_height=True)
    fsm_left = 265 if pupil and rng.random() < 0.35 and when.hour >= 11 else 0
    balance = rng.randint(0, 4000)
    if refund:
        tender = "account" if account else "cash"
        p.add(_row("Refunded to Cash Acct" if account else "Refunded in cash", _gbp(total), w))
    elif fsm_left:
        used = min(total, fsm_left)
        p.add(_row("Debited from Free Meal", _gbp(used), w))
        tender = "fsm"
        if total > used:
            p.add(_row("Debited from Cash Acct", _gbp(total - used), w))
            tender = None  # a split: the free meal allowance, the rest from the account
    elif account and (pupil or rng.random() < 0.5):
        tender = "account"
        p.add(_row("Debited from Cash Acct", _gbp(total), w))
    elif staff:
        tender = "card"
        p.add(_row("Contactless card", _gbp(total), w))
    else:
        tender = "cash"
        given = total if rng.random() < 0.3 else -(-total // 500) * 500
        p.add(_row("Cash tendered", _gbp(given), w))
        p.add(_row("Change given", _gbp(given - total), w))
    if account:
        p.add("-" * w)
        p.add(_row("Cash acct balance now", _gbp(balance), w))
        if pupil:
            # £4.00 a day unless a parent asked for more (the till refuses beyond it)
            limit = max(400, -(-total // 100) * 100)
            p.add(_row("Spend limit left today", _gbp(limit - total), w))
    p.add("Top up at the reval machine or online", align="center")
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


# --- UK school 2: a Surrey secondary's bistro on MCAS dinner money ----------------

def mcas_bistro(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """58 mm till slip of a Surrey secondary's bistro (biometric, MCAS top-ups)."""
    w = 32
    p = Printed(codepage=rng.choice(["CP858", "CP1252", "AUTO"]), crlf=rng.random() < 0.15)
    when = _when(rng, last_hour=15)
    refund = rng.random() < 0.08
    who = rng.random()
    student = who < 0.8
    staff = 0.8 <= who < 0.92
    basket = _school_basket(rng)
    p.add("ST ANSELM'S BISTRO", align="center", bold=True, double_width=True)
    p.add(f"{when:%a %d %b %Y %H:%M}")
    p.add(f"Till {rng.randint(1, 3)}  Op: {rng.choice(['Sam', 'Bev', 'Kitchen 2'])}")
    account = None
    if student:
        first, last = rng.choice(PUPILS)
        account = f"{rng.randint(1, 9999):06d}"
        p.add(f"Customer: {first} {last} {rng.choice(FORMS)}")
        p.add(f"Adm: {account}")
    elif staff:
        p.add(f"Customer: {rng.choice(['Mr Hughes', 'Dr Okafor', 'Miss Lane'])} STAFF")
    p.add("-" * w)
    if refund:
        p.add("REFUND", bold=True)
    lines = []
    for name, qty, unit in basket:
        p.add(_row(f"{name} x{qty}" if qty > 1 else name, _gbp(qty * unit), w))
        lines.append((name, qty, qty * unit))
    total = sum(v for _, _, v in lines)
    if staff and not refund and rng.random() < 0.5:
        off = max(1, round(total * 0.1))
        p.add(_row("Staff 10% off", _gbp(-off), w))
        lines.append(("Staff 10% off", 1, -off))
        total -= off
    p.add("-" * w)
    p.add(_row("Total:", _gbp(-total if refund else total), w), bold=True)
    lunch = 11 <= when.hour < 14  # free school meal credit is for lunchtime only
    fsm = 280 if student and lunch and rng.random() < 0.35 else 0
    if refund:
        tender = "account" if account else "card"
        p.add(_row("Back to dinner money:" if account else "Back to card:", _gbp(total), w))
    elif fsm:
        used = min(total, fsm)
        tender = "fsm"
        p.add(_row("FSM (lunch):", _gbp(used), w))
        if total > used:
            tender = None  # free meal credit, then dinner money
            p.add(_row("Dinner money:", _gbp(total - used), w))
    elif student:
        tender = "account"
        p.add(_row("Dinner money:", _gbp(total), w))
    elif staff:
        tender = "card"
        p.add(_row("Contactless:", _gbp(total), w))
    else:
        tender = "cash"
        given = -(-total // 1000) * 1000
        p.add(_row("Cash:", _gbp(given), w))
        p.add(_row("Change:", _gbp(given - total), w))
    if student:
        p.add("-" * w)
        p.add(_row("Dinner money left:", _gbp(rng.randint(0, 3000)), w))
        limit = max(500, -(-total // 100) * 100)  # £5 a day, more on a parent's request
        p.add(_row("Spend left today:", _gbp(limit - total), w))
        p.add("Top up: MCAS app > Dinner")
    return p, Truth(-total if refund else total, lines, None, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "kuitti-fi": kuitti_fi,
    "tax-invoice-my": tax_invoice_my,
    "receipt-jp": receipt_jp,
    "kvittering-dk": kvittering_dk,
    "fingerprint-high": fingerprint_high,
    "mcas-bistro": mcas_bistro,
}
