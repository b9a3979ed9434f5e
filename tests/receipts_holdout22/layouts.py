"""The twenty-second holdout's renderers: seven real layouts (README.md: each
one's source, what is verified from it and what is invented). Each takes the
layout's random stream and the receipt's number and returns what it prints
(a ``Printed``) with the truth a careful person reading the paper records."""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import datetime

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Render = Callable[[random.Random, int], tuple[Printed, Truth]]

CENTRE = {"align": "center"}
BOLD = {"bold": True}
BIG = {"align": "center", "bold": True, "double_width": True, "double_height": True}


# ---------------------------------------------------------------- helpers

def money(pence: int, dec: str = ".", thousands: str = ",") -> str:
    """``pence`` hundredths as ``1,234.56`` (or another locale's marks)."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    whole = f"{pence // 100:,}".replace(",", thousands)
    return f"{sign}{whole}{dec}{pence % 100:02d}"


def pounds(pence: int) -> str:
    """``£2.45`` / ``-£0.30``, as UK school tills print money."""
    return ("-£" if pence < 0 else "£") + money(abs(pence))


def lr(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` at a row's two ends (one space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def when_in_2026(rng: random.Random, hours: tuple[int, int] = (7, 20),
                 school: bool = False) -> datetime:
    """A local time any day of 2026 (so both GMT and BST); school days only
    for the schools."""
    while True:
        w = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(*hours),
                     rng.randint(0, 59), rng.randint(0, 59))
        if not school or w.weekday() < 5:
            return w


def pick_items(rng: random.Random, menu: list, most: int = 6,
               quantities: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> list[tuple]:
    """1-``most`` distinct menu entries, each with a quantity."""
    k = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6][: most + 3])
    return [(entry, rng.choice(quantities)) for entry in rng.sample(menu, min(k, most))]


def paper(rng: random.Random, codepages: list[str], crlf: float, fed: float) -> Printed:
    """An empty receipt in one of the layout's code pages, ended as its till ends it."""
    return Printed(codepage=rng.choice(codepages), crlf=rng.random() < crlf,
                   cut=rng.random() >= fed)


def cash_handed(rng: random.Random, total: int, steps: tuple[int, ...]) -> int:
    """What a customer hands over in cash: exact, or up to a round note."""
    if rng.random() < 0.25:
        return total
    step = rng.choice(steps)
    return (total // step + 1) * step


# ------------------------------------------------- Sri Lanka: CEYBYTE POS

# Names as the source's transliterate_text prints bilingual Sinhala/English
# names on CP437: consonants by its table, every vowel sign or virama "?".
LK_BILINGUAL = [("batha? / Rice", 45000), ("ka?ra? / Milk", 22000), ("pa?na? / Bread", 18000),
                ("tha? / Tea", 12000), ("kara?ya / Curry", 38000)]
LK_MENU = [("Chicken Kottu", 145000), ("Egg Hopper", 12000), ("String Hoppers (10)", 25000),
           ("Fish Bun", 15000), ("Vegetable Roti", 9000), ("Ceylon Tea", 15000),
           ("Iced Coffee", 65000), ("Milk Rice", 35000), ("Chocolate Cake Slice", 48000),
           ("Fried Rice Seafood", 185000), ("Lime Juice", 40000), ("Watalappan", 42000),
           ("Devilled Chicken 250g", 120000), ("Kiribath & Lunu Miris", 38000)]
LK_SHOPS = [("GALLE FACE CAFE", "No. 12, Galle Road, Colombo 03", "+94 11 234 5678", 18),
            ("HILL CAPITAL", "45 Dalada Veediya, Kandy", "+94 81 222 4455", 0),
            ("NEGOMBO BAKES", "88 Main Street, Negombo", "+94 31 227 9910", 18)]


def ceybyte_lk(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Sri Lankan café's slip from CEYBYTE POS's own python-escpos code."""
    width = 32
    name, address, phone, vat_rate = rng.choice(LK_SHOPS)
    p = paper(rng, ["CP437"], crlf=0.0, fed=0.0)  # the code sets CP437 and always cuts
    when = when_in_2026(rng, (8, 21))
    number = f"R{3000 + n:04d}"
    menu = LK_MENU + (LK_BILINGUAL if rng.random() < 0.4 else [])
    items = pick_items(rng, menu)
    subtotal = sum(price * q for (_, price), q in items)
    discount = 0
    if rng.random() < 0.2:
        discount = rng.choice([5, 10]) * subtotal // 100 // 100 * 100  # whole rupees
    tax = round((subtotal - discount) * vat_rate / 100)
    total = subtotal + tax - discount
    tender = rng.choices(["Cash", "Card", "LankaQR"], [5, 3, 2])[0]
    p.add(name, **BIG)
    p.add(address, align="center")
    p.add(f"Tel: {phone}", align="center")
    p.add("=" * width)
    p.add(f"Receipt No: {number}", align="center", bold=True)
    p.add(when.strftime("%Y-%m-%d %I:%M %p"), **CENTRE)
    p.add("-" * width)
    lines = []
    for (item, price), q in items:
        p.add(item)
        p.add(lr(f"  {q} x Rs. {money(price)}", f"Rs. {money(price * q)}", width))
        lines.append((item, q, price * q))
    p.add("-" * width)
    p.add(lr("Subtotal:", f"Rs. {money(subtotal)}", width))
    if tax:
        p.add(lr("Tax:", f"Rs. {money(tax)}", width))
    if discount:
        p.add(lr("Discount:", f"Rs. {money(discount)}", width))
        lines.append(("Discount", 1, -discount))
    p.add(lr("TOTAL:", f"Rs. {money(total)}", width), **BOLD)
    p.add(f"Payment: {tender}")
    if tender == "Cash":
        change = cash_handed(rng, total, (50000, 100000, 500000)) - total
        if change:
            p.add(f"Change: Rs. {money(change)}")
    p.add("=" * width)
    p.add(rng.choice(["Thank You! Come Again", "sa?tha?tha?ya?! / Thank You!"]), **CENTRE)
    p.add("Powered by Ceybyte.com", **CENTRE)
    truth = Truth(total=total, lines=lines, number=number,
                  tender={"Cash": "cash", "Card": "card"}.get(tender, tender), kind="sale",
                  date=occurred(when, seconds=False), account=None,
                  notes=[f"tax_on_top={tax}"] if tax else [])
    return p, truth


# ------------------------------------------------------ Serbia: PFR journal

RS_MENU = [  # Cyrillic, Latin, dinars in hundredths, the tax label's index
    ("Хлеб бели 500г", "Hleb beli 500g", 6500, 1), ("Јогурт 1л", "Jogurt 1l", 14900, 1),
    ("Кафа еспресо", "Kafa espreso", 18000, 0), ("Бурек са сиром", "Burek sa sirom", 22000, 0),
    ("Чоколада 100г", "Čokolada 100g", 21900, 0),
    ("Сок од поморанџе 1л", "Sok od pomorandže 1l", 24900, 0),
    ("Млеко 2,8% 1л", "Mleko 2,8% 1l", 13900, 1), ("Кифла", "Kifla", 4500, 1),
    ("Пица парче", "Pica parče", 25000, 0), ("Вода Књаз 1,5л", "Voda Knjaz 1,5l", 8900, 0),
    ("Ђеврек", "Đevrek", 5000, 1), ("Шампон Њега 400мл", "Šampon Njega 400ml", 45900, 0),
    ("Сир гауда 250г", "Sir gauda 250g", 62900, 1), ("Пљескавица", "Pljeskavica", 59000, 0),
]
RS_WORDS = {
    "cyr": dict(title="ФИСКАЛНИ РАЧУН", end="КРАЈ ФИСКАЛНОГ РАЧУНА", cashier="Касир:",
                esir="ЕСИР број:", sale="ПРОМЕТ ПРОДАЈА", refund="ПРОМЕТ РЕФУНДАЦИЈА",
                items="Артикли", head="Назив   Цена         Кол.         Укупно",
                total="Укупан износ:", cash="Готовина:", card="Картица:",
                transfer="Пренос на рачун:", change="Повраћај:",
                taxhead="Ознака       Име      Стопа        Порез",
                taxnames=("О-ПДВ", "П-ПДВ"), labels=("Ђ", "Е"),
                taxtotal="Укупан износ пореза:", time="ПФР време:",
                number="ПФР број рачуна:", counter="Бројач рачуна:", ref="Реф. број:",
                kinds=("ПП", "ПР"), codepage="CP855"),
    "lat": dict(title="FISKALNI RAČUN", end="KRAJ FISKALNOG RAČUNA", cashier="Kasir:",
                esir="ESIR broj:", sale="PROMET PRODAJA", refund="PROMET REFUNDACIJA",
                items="Artikli", head="Naziv   Cena         Kol.         Ukupno",
                total="Ukupan iznos:", cash="Gotovina:", card="Kartica:",
                transfer="Prenos na račun:", change="Povraćaj:",
                taxhead="Oznaka       Ime      Stopa        Porez",
                taxnames=("O-PDV", "P-PDV"), labels=("Đ", "E"),
                taxtotal="Ukupan iznos poreza:", time="PFR vreme:",
                number="PFR broj računa:", counter="Brojač računa:", ref="Ref. broj:",
                kinds=("PP", "PR"), codepage="CP852"),
}
RS_SHOPS = [("101234567", "ПЕКАРА ЗЛАТНИ КЛАС ДОО", "PEKARA ZLATNI KLAS DOO",
             "1023456-Пекара Златни клас 2", "1023456-Pekara Zlatni klas 2",
             "Булевар ослобођења 12", "Bulevar oslobođenja 12", "Нови Сад", "Novi Sad"),
            ("108765432", "МАРКЕТ ЂУРЂЕВАК", "MARKET ĐURĐEVAK",
             "1177001-Маркет Ђурђевак", "1177001-Market Đurđevak",
             "Његошева 5", "Njegoševa 5", "Београд", "Beograd")]
RS_CASHIERS = [("Марија", "Marija"), ("Јован", "Jovan"), ("Љиљана", "Ljiljana")]
RS_RATES = (20, 10)


def _rs_money(pence: int) -> str:
    return money(pence, dec=",", thousands=".")


def _pfr_number(rng: random.Random, counter: int) -> str:
    chars = string.ascii_uppercase + string.digits
    return "-".join(["".join(rng.choice(chars) for _ in range(8)) for _ in range(2)]
                    + [str(counter)])


def racun_rs(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Serbian fiscal receipt's journal (the PFR's text, as the printer prints it)."""
    width = 40
    script = "cyr" if rng.random() < 0.7 else "lat"
    w = RS_WORDS[script]
    latin = script == "lat"
    shop = rng.choice(RS_SHOPS)
    p = Printed(codepage=w["codepage"], crlf=rng.random() < 0.2, cut=rng.random() >= 0.2)
    when = when_in_2026(rng, (7, 21))
    refund = rng.random() < 0.1
    sign = -1 if refund else 1
    counter = 1200 + n
    number = _pfr_number(rng, counter)
    items = pick_items(rng, RS_MENU)
    total = sum(e[2] * q for e, q in items)
    p.add(f" {w['title']} ".center(width, "="))
    p.add(shop[0], **CENTRE)
    p.add(shop[2 if latin else 1], **CENTRE)
    p.add(shop[4 if latin else 3], **CENTRE)
    p.add(shop[6 if latin else 5], **CENTRE)
    p.add(shop[8 if latin else 7], **CENTRE)
    p.add(lr(w["cashier"], rng.choice(RS_CASHIERS)[latin], width))
    p.add(lr(w["esir"], f"{rng.randint(10, 999)}/2.1.4", width))
    if refund:
        p.add(lr(w["ref"], _pfr_number(rng, counter - rng.randint(5, 90)), width))
    p.add(w["refund" if refund else "sale"].center(width, "-"))
    p.add(w["items"])
    p.add("=" * width)
    p.add(w["head"])
    lines = []
    for (cyr, lat, price, rate), q in items:
        label = w["labels"][rate]
        p.add(f"{lat if latin else cyr} ({label})")
        p.add(f"{_rs_money(price):>12}{q:>10}{_rs_money(sign * price * q):>18}")
        lines.append((lat if latin else cyr, q, price * q))
    p.add("-" * width)
    p.add(lr(w["total"], _rs_money(sign * total), width))
    tender_truth: str | None
    paid = rng.choices(["cash", "card", "transfer", "split"], [5, 4, 1, 1])[0]
    if paid == "cash":
        handed = total if refund else cash_handed(rng, total, (10000, 50000, 100000))
        p.add(lr(w["cash"], _rs_money(sign * handed), width))
        if handed > total:
            p.add(lr(w["change"], _rs_money(handed - total), width))
        tender_truth = "cash"
    elif paid == "card":
        p.add(lr(w["card"], _rs_money(sign * total), width))
        tender_truth = "card"
    elif paid == "transfer":
        p.add(lr(w["transfer"], _rs_money(sign * total), width))
        tender_truth = w["transfer"].rstrip(":")
    else:
        part = max(100, total // 2 // 1000 * 1000)
        p.add(lr(w["cash"], _rs_money(sign * part), width))
        p.add(lr(w["card"], _rs_money(sign * (total - part)), width))
        tender_truth = None
    p.add("=" * width)
    p.add(w["taxhead"])
    tax_total = 0
    for rate_index, rate in enumerate(RS_RATES):
        gross = sum(e[2] * q for e, q in items if e[3] == rate_index)
        if gross:
            tax = round(gross * rate / (100 + rate))
            tax_total += tax
            p.add(f"{w['labels'][rate_index]:<12}{w['taxnames'][rate_index]:<8}"
                  f"{rate:>5},00%{_rs_money(sign * tax):>9}")
    p.add("-" * width)
    p.add(lr(w["taxtotal"], _rs_money(sign * tax_total), width))
    p.add("=" * width)
    p.add(lr(w["time"], when.strftime("%d.%m.%Y. %H:%M:%S"), width))
    p.add(f"{w['number']} {number}")
    p.add(lr(w["counter"], f"{counter}/{counter + 30}{w['kinds'][refund]}", width))
    p.add("=" * width)
    p.add(f" {w['end']} ".center(width, "="))
    truth = Truth(total=sign * total, lines=lines, number=number, tender=tender_truth,
                  kind="refund" if refund else "sale", date=occurred(when), account=None)
    return p, truth


# -------------------------------------------------- Kazakhstan: WEBKASSA

KZ_MENU = [("ШОКОЛАДНАЯ ПЛИТКА MILKA BUBBLES МОЛОЧНЫЙ", 59000), ("Americano 180мл", 40000),
           ("Киви в корзинке Астана", 62000), ("Ананас штучно Астана", 125000),
           ("ШОКОЛАДНЫЙ БАТОНЧИК TWIX 55 ГР.", 23600), ("Хлеб Бородинский нарезной 400г", 32000),
           ("Молоко Food Master 2,5% 1л", 56500), ("Чай Пиала черный гранулированный 250г",
                                                    98000),
           ("Вода Тассай негазированная 1,5л", 26000), ("Самса с говядиной", 45000),
           ("Капучино 300мл", 120000), ("Баурсаки 6 шт", 60000)]
KZ_SHOPS = [('ТОО "АРУЖАН ФУД"', "131240010479", "Алматы", 'АО "КазТранском"',
             "consumer.kofd.kz"),
            ('ИП "КОФЕЙНЯ НА АБАЯ"', "860314350271", "Астана", 'АО "Казахтелеком"',
             "consumer.oofd.kz")]


def _kz_money(pence: int) -> str:
    return money(pence, dec=",", thousands=" ")


def _kz_wrapped(first: str, words: str, width: int) -> list[str]:
    """A name wrapped at the paper's edge, the first row after its prefix."""
    rows, row = [], first
    for word in words.split():
        if len(row) + len(word) + (0 if row.endswith(" ") else 1) > width and row.strip():
            rows.append(row)
            row = word
        else:
            row = row + word if row.endswith(" ") or not row else row + " " + word
    rows.append(row)
    return rows


def webkassa_kz(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Kazakh fiscal receipt (фискальный чек) as WEBKASSA's OPOS driver prints it."""
    width = 36
    name, bin_no, city, ofd, site = rng.choice(KZ_SHOPS)
    p = paper(rng, ["CP866"], crlf=0.5, fed=0.1)
    when = when_in_2026(rng, (8, 22))
    refund = rng.random() < 0.1
    fp = str(rng.randint(10**9, 10**13 - 1))
    rnm = str(rng.randint(10**11, 10**12 - 1))
    items = pick_items(rng, KZ_MENU, most=5)
    p.add(name, **CENTRE)
    p.add(f"БИН {bin_no}", **CENTRE)
    p.add(lr(f"НДС Серия {rng.randint(10000, 99999)}", f"№ {rng.randint(10**6, 10**7 - 1)}",
             width))
    p.add("-" * width)
    p.add("Касса 2.0.2", **CENTRE)
    p.add(f"Смена {rng.randint(20, 400)}", **CENTRE)
    p.add(f"Порядковый номер чека №{rng.randint(1, 90)}", **CENTRE)
    p.add(f"Чек №{fp}")
    p.add(f"Кассир {rng.choice(['kassa1@aruzhan.kz', 'Айгерим', 'webkassa4@softit.kz'])}")
    p.add("ВОЗВРАТ ПРОДАЖИ" if refund else "ПРОДАЖА")
    p.add("-" * width)
    lines = []
    total = 0
    for i, ((item, price), q) in enumerate(items, 1):
        for row in _kz_wrapped(f"{i:>3}. ", item, width):
            p.add(row)
        p.add(f"   {q} шт x {_kz_money(price)}")
        p.add(lr("   Стоимость", _kz_money(price * q), width))
        lines.append((item, q, price * q))
        total += price * q
        if not refund and rng.random() < 0.12:
            off = rng.choice([10, 20]) * price * q // 100 // 100 * 100
            if off:
                p.add(lr("   Скидка", _kz_money(-off), width))
                lines.append(("Скидка", 1, -off))
                total -= off
    p.add("-" * width)
    paid = rng.choices(["cash", "card", "mobile", "split"], [5, 4, 2, 1])[0]
    tender: str | None
    if paid == "cash":
        handed = total if refund else cash_handed(rng, total, (100000, 200000, 500000))
        p.add(lr("Наличные:", _kz_money(handed), width))
        p.add(lr("Сдача:", _kz_money(handed - total), width))
        tender = "cash"
    elif paid == "card":
        p.add(lr("Банковская карта:", _kz_money(total), width))
        tender = "card"
    elif paid == "mobile":
        p.add(lr("Мобильный платеж:", _kz_money(total), width))
        tender = "Мобильный платеж"
    else:
        part = total // 2 // 10000 * 10000 or 10000
        p.add(lr("Наличные:", _kz_money(part), width))
        p.add(lr("Банковская карта:", _kz_money(total - part), width))
        tender = None
    p.add(lr("ИТОГО:", _kz_money(total), width), bold=True)
    p.add(lr("в т.ч. НДС 12%:", _kz_money(round(total * 12 / 112)), width))
    p.add("-" * width)
    p.add(f"Фискальный признак: {fp}")
    p.add(f"Время: {when:%d.%m.%Y %H:%M:%S}")
    p.add(city)
    p.add("Оператор фискальных данных: АО")
    p.add(ofd.removeprefix("АО "))
    p.add("Для проверки чека зайдите на сайт:")
    p.add(site)
    p.add("-" * width)
    p.add("ФИСКАЛЬНЫЙ ЧЕК", align="center", bold=True)
    link = f"http://{site}?i={fp}&f={rnm}&s={money(total, thousands='')}&t={when:%Y%m%dT%H%M%S}"
    for at in range(0, len(link), width):
        p.add(link[at:at + width])
    p.add(f"ИНК ОФД: {rng.randint(100, 999)}", **CENTRE)
    p.add(f"Код ККМ КГД (РНМ): {rnm}", **CENTRE)
    p.add(f"ЗНМ: SWK000{rng.randint(10000, 99999)}", **CENTRE)
    p.add("WEBKASSA.KZ", **CENTRE)
    p.add("СПАСИБО ЗА ПОКУПКУ", **CENTRE)
    sign = -1 if refund else 1
    truth = Truth(total=sign * total, lines=lines, number=fp, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when), account=None)
    return p, truth


# --------------------------------------------------------- Rwanda: EBM

RW_MENU = [("Inyange Milk 500ml", 60000, "A-EX"), ("Bread Loaf 600g", 100000, "B"),
           ("Akabanga Chili Oil", 150000, "B"), ("Rice Kigori 1kg", 160000, "A-EX"),
           ("Fanta Citron 500ml", 70000, "B"), ("Inyange Water 1.5L", 60000, "B"),
           ("Brochette Goat", 150000, "B"), ("Isombe & Ugali", 250000, "B"),
           ("Sugar Kabuye 1kg", 180000, "A-EX"), ("African Tea Cup", 50000, "B"),
           ("Beans Cooked Plate", 120000, "B"), ("Avocado", 30000, "A-EX")]
RW_SHOPS = [("KIGALI FRESH MART LTD", "KN 4 Ave, Kigali", "102345678", 32),
            ("UMUSAMBI CAFE", "KG 11 St, Kimihurura", "108877665", 40)]
RW_PAYMENTS = [("CASH", "cash"), ("MOBILE MONEY", "MOBILE MONEY"),
               ("DEBIT&CREDIT CARD", "card")]


def _rw_code(pence: int) -> str:
    return money(pence, thousands="")  # the source's toFixed(2): no thousands mark


def _sdc_code(rng: random.Random, groups: int) -> str:
    chars = string.ascii_uppercase + string.digits
    return "-".join("".join(rng.choice(chars) for _ in range(4)) for _ in range(groups))


def ebm_rw(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Rwandan EBM receipt with its SDC information block."""
    name, address, tin, width = rng.choice(RW_SHOPS)
    p = paper(rng, ["CP437", "CP850", "AUTO"], crlf=0.25, fed=0.2)
    when = when_in_2026(rng, (7, 21))
    refund = rng.random() < 0.1
    copy = not refund and rng.random() < 0.05
    minus = "-" if refund else ""
    number = str(4100 + n)
    items = pick_items(rng, RW_MENU)
    if copy:
        p.add("COPY", **BIG)
    p.add(name, align="center", bold=True)
    p.add(address, **CENTRE)
    p.add(f"TIN: {tin}", **CENTRE)
    p.add("-" * width)
    if refund:
        p.add("REFUND", align="center", bold=True)
        p.add(f"REF. NORMAL RECEIPT#: {int(number) - rng.randint(3, 80)}")
    p.add("Welcome to our shop")
    if rng.random() < 0.25:
        p.add(f"Client ID: 1{rng.randint(10**7, 10**8 - 1)}")
    p.add("-" * width)
    lines, taxable = [], {"A-EX": 0, "B": 0}
    for (item, price, code), q in items:
        value = price * q
        p.add(item)
        p.add(f"{minus}{_rw_code(price)}x {q:.2f} {minus}{_rw_code(value)}{code}")
        lines.append((item, q, value))
        taxable[code] += value
        if not refund and rng.random() < 0.12:
            pct = rng.choice([5, 10])
            off = value * pct // 100 // 100 * 100
            if off:
                p.add(f" discount -{pct}% {_rw_code(off)}")
                lines.append((f"discount -{pct}%", 1, -off))
                taxable[code] -= off
    total = taxable["A-EX"] + taxable["B"]
    tax_b = round(taxable["B"] * 18 / 118)
    p.add("." * width)
    p.add(lr("TOTAL", minus + _rw_code(total), width), **BOLD)
    if taxable["A-EX"]:
        p.add(lr("TOTAL A-EX", minus + _rw_code(taxable["A-EX"]), width))
    p.add(lr("TOTAL B-18.00%", minus + _rw_code(taxable["B"]), width))
    p.add(lr("TOTAL TAX B", minus + _rw_code(tax_b), width))
    p.add(lr("TOTAL TAX", minus + _rw_code(tax_b), width))
    p.add("-" * width)
    printed_pay, tender = rng.choices(RW_PAYMENTS, [5, 3, 2])[0]
    paid = total
    if tender == "cash" and not refund:
        paid = cash_handed(rng, total, (50000, 100000, 500000))
    p.add(lr(printed_pay, minus + _rw_code(paid), width))
    p.add(lr("ITEMS NUMBER", str(sum(q for _, q in items)), width))
    p.add("-" * width)
    p.add("SDC INFORMATION", **CENTRE)
    p.add(lr("Date:", f"{when:%d/%m/%Y}", width))
    p.add(lr("Time:", f"{when:%H:%M:%S}", width))
    p.add(lr("SDC ID:", f"SDC0100{rng.randint(10000, 99999)}", width))
    counter = 150 + n
    p.add(lr("RECEIPT NUMBER:", f"{counter}/{counter + 61} {'NR' if refund else 'NS'}", width))
    p.add("Internal Data:")
    p.add(_sdc_code(rng, 6))
    p.add("Receipt Signature:")
    p.add(_sdc_code(rng, 4))
    p.add("-" * width)
    p.add(lr("RECEIPT NUMBER:", number, width))
    p.add(lr("DATE:", f"{when:%d/%m/%Y}", width))
    p.add(lr("TIME:", f"{when:%H:%M:%S}", width))
    p.add(lr("MRC:", f"WIS0100{rng.randint(1000, 9999)}", width))
    p.add("-" * width)
    p.add("THANK YOU", **CENTRE)
    p.add("COME BACK AGAIN", **CENTRE)
    truth = Truth(total=-total if refund else total, lines=lines, number=number, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when), account=None)
    return p, truth


# ------------------------------------------------ Netherlands: kassabon

NL_MENU = [("HALFVOLLE MELK 1L", 119, 9, 0), ("PINDAKAAS 350G", 279, 9, 0),
           ("VOLKORENBROOD HEEL", 249, 9, 0), ("JONGE KAAS PLAKKEN", 329, 9, 0),
           ("COLA ZERO 1,5L", 219, 21, 1), ("BIER 6X33CL", 649, 21, 6),
           ("APPELS ELSTAR 1KG", 199, 9, 0), ("STROOPWAFELS", 189, 9, 0),
           ("SPA BLAUW 1,5L", 99, 9, 1), ("WASMIDDEL COLOR", 799, 21, 0),
           ("BANANEN TROS", 179, 9, 0), ("KOFFIEBONEN 500G", 699, 9, 0)]
NL_SHOPS = [("BUURTSUPER DE LINDE", "Dorpsstraat 14, 3511 AB Utrecht", "030-2345678", 42),
            ("SUPERMARKT VAN DAM", "Marktplein 3, 8011 LP Zwolle", "038-4567890", 48)]


def _nl(pence: int) -> str:
    return money(pence, dec=",", thousands=".")


def _nl_row(qty: str, name: str, price: str, value: str, width: int) -> str:
    return f"{qty:<5}{name:<{width - 21}}{price:>8}{value:>8}"


def kassabon_nl(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Dutch supermarket's kassabon (BONUS, statiegeld, afronding on cash)."""
    name, address, phone, width = rng.choice(NL_SHOPS)
    p = paper(rng, ["CP858", "CP850", "AUTO"], crlf=0.3, fed=0.15)
    when = when_in_2026(rng, (8, 21))
    items = pick_items(rng, NL_MENU)
    p.add(name, align="center", bold=True)
    p.add(address, **CENTRE)
    p.add(f"Tel. {phone}", **CENTRE)
    p.add("-" * width)
    p.add(_nl_row("AANT", "OMSCHRIJVING", "PRIJS", "BEDRAG", width))
    lines, count, subtotal, deposits = [], 0, 0, 0
    by_rate = {9: 0, 21: 0}
    for (item, price, rate, bottles), q in items:
        value = price * q
        p.add(_nl_row(str(q), item, _nl(price) if q > 1 else "", _nl(value), width))
        lines.append((item, q, value))
        count += q
        subtotal += value
        by_rate[rate] += value
        deposits += bottles * q
        if rng.random() < 0.2:
            off = max(10, value * rng.choice([25, 30, 50]) // 100 // 10 * 10)
            words = item.split()
            bonus = " ".join(["BONUS", *words[:2]])[: width - 21]
            p.add(_nl_row("", bonus, "", _nl(-off), width))
            lines.append((bonus, 1, -off))
            subtotal -= off
            by_rate[rate] -= off
    if deposits:
        p.add(_nl_row(str(deposits), "STATIEGELD", _nl(15) if deposits > 1 else "",
                      _nl(15 * deposits), width))
        lines.append(("STATIEGELD", deposits, 15 * deposits))
        subtotal += 15 * deposits
        by_rate[9] += 15 * deposits
        count += deposits
    p.add(" " * (width - 8) + "-" * 8)
    p.add(_nl_row(str(count), "SUBTOTAAL", "", _nl(subtotal), width))
    paid = rng.choices(["pin", "cash", "split"], [6, 3, 1])[0]
    total, notes = subtotal, []
    tender: str | None = "card"
    if paid == "cash":
        total = (subtotal + 2) // 5 * 5  # to the nearest five cents, as Dutch cash is rounded
        if total != subtotal:
            p.add(_nl_row("", "AFRONDING", "", _nl(total - subtotal), width))
            notes.append(f"rounding={total - subtotal}")
        tender = "cash"
    p.add(_nl_row("", "TOTAAL", "", _nl(total), width), bold=True)
    if paid == "pin":
        p.add(_nl_row("", "PINNEN", "", _nl(total), width))
        p.add(f"     BETALING GESLAAGD  Maestro xxxx{rng.randint(1000, 9999)}")
    elif paid == "cash":
        handed = cash_handed(rng, total, (500, 1000, 2000, 5000))
        p.add(_nl_row("", "CONTANT", "", _nl(handed), width))
        p.add(_nl_row("", "WISSELGELD", "", _nl(handed - total), width))
    else:
        part = max(500, total // 2 // 500 * 500)
        p.add(_nl_row("", "CONTANT", "", _nl(part), width))
        p.add(_nl_row("", "PINNEN", "", _nl(total - part), width))
        tender = None
    p.add("")
    p.add(f"{'BTW':<10}{'OVER':>10}{'BTW':>10}")
    for rate, gross in by_rate.items():
        if gross:
            tax = round(gross * rate / (100 + rate))
            p.add(f"{f'{rate}%':<10}{_nl(gross - tax):>10}{_nl(tax):>10}")
    p.add("")
    number = f"{n + 1:04d}"
    p.add(f"Kassa: {rng.randint(1, 6)}   Bon: {number}   Filiaal: {rng.randint(1000, 1999)}")
    p.add(f"Datum: {when:%d-%m-%Y}   Tijd: {when:%H:%M}")
    p.add("Bedankt voor uw bezoek!", **CENTRE)
    truth = Truth(total=total, lines=lines, number=number, tender=tender, kind="sale",
                  date=occurred(when, seconds=False), account=None, notes=notes)
    return p, truth


# ------------------------------------------------- UK school: Chartwells

PUPILS = [("Amelia", "Nowak", "9RH"), ("Oliver", "Khan", "10JB"), ("Isla", "Brown", "7SW"),
          ("Muhammad", "Ali", "8KT"), ("Freya", "O'Connor", "11MD"), ("Leo", "Davies", "7AP"),
          ("Zainab", "Hussain-Whitfield", "9LC"), ("Noah", "Williams", "10EF")]
CW_BREAK = [("Toast (2 slices)", 40), ("Bacon Roll", 150), ("Cookie", 50), ("Fruit Pot", 60),
            ("Milkshake 250ml", 95), ("Pizza Slice", 140)]
CW_LUNCH = [("Meal of the Day", 255), ("Jacket Potato & Beans", 230), ("Pasta Pot", 210),
            ("Sandwich Meal Deal", 260), ("Sponge & Custard", 80), ("Water 500ml", 65),
            ("Fruit Juice", 75), ("Cookie", 50)]
FSM_VALUE = 255  # the two-course meal of the day, a value we chose


def chartwells_pin(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Chartwells-run academy canteen's till slip; pupils pay by PIN account."""
    width = 40
    p = paper(rng, ["CP858", "CP437", "AUTO"], crlf=0.2, fed=0.25)
    lunch = rng.random() < 0.7
    when = when_in_2026(rng, (12, 13) if lunch else (10, 10), school=True)
    refund = rng.random() < 0.08
    first, last, form = rng.choice(PUPILS)
    account = f"1{rng.randint(10000, 99999)}"
    fsm = rng.random() < 0.3 and lunch
    items = pick_items(rng, CW_LUNCH if lunch else CW_BREAK, most=4,
                       quantities=(1, 1, 1, 1, 2, 3))
    p.add("CHARTWELLS", **BIG)
    p.add("Kingsgate Academy - The Canteen", **CENTRE)
    p.add(lr(f"Till {rng.randint(1, 4):02d}", f"Op: {rng.choice(['Dawn', 'Raj', 'Kerry'])}",
             width))
    p.add(lr(f"{when:%d-%b-%Y}", f"{when:%H:%M}", width))
    number = f"{41000 + n:07d}"
    p.add(f"Trans No: {number}")
    p.add("-" * width)
    if refund:
        p.add("*** REFUND ***", align="center", bold=True)
    p.add(f"Pupil: {first} {last}"[:width])
    p.add(lr(f"Form: {form}", f"Acct: {account}", width))
    p.add("ID: PIN")
    p.add("-" * width)
    lines, total = [], 0
    for (item, price), q in items:
        label = f"{q} x {item}" if q > 1 else item
        p.add(lr(label, pounds(price * q), width))
        lines.append((item, q, price * q))
        total += price * q
    if not refund and lunch and len(items) >= 2 and rng.random() < 0.3:
        p.add(lr("Meal Deal Saving", pounds(-30), width))
        lines.append(("Meal Deal Saving", 1, -30))
        total -= 30
    p.add("-" * width)
    balance = rng.randint(0, 3000)
    tender: str | None
    if refund:
        p.add(lr("Refund Total", pounds(total), width), **BOLD)
        p.add(lr("Refund to Cashless Account", pounds(total), width))
        tender = "account"
    else:
        p.add(lr("Total", pounds(total), width), **BOLD)
        from_fsm = min(total, FSM_VALUE) if fsm else 0
        if from_fsm:
            p.add(lr("FSM Allowance", pounds(from_fsm), width))
        if total > from_fsm:
            p.add(lr("Cashless Account", pounds(total - from_fsm), width))
        tender = "fsm" if from_fsm == total else ("account" if not from_fsm else None)
    p.add("-" * width)
    p.add(lr("Account Balance", pounds(balance), width))
    if fsm:
        left = 0 if refund else FSM_VALUE - min(total, FSM_VALUE)
        p.add(lr("FSM Left Today", pounds(left), width))
    p.add("No change given - top up on ParentPay", **CENTRE)
    truth = Truth(total=-total if refund else total, lines=lines, number=number, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when, seconds=False),
                  account=account)
    return p, truth


# ---------------------------------------- UK school: Aspens sixth form

AS_MENU = [("Latte Regular", 210), ("Cappuccino Large", 250), ("Hot Chocolate", 180),
           ("Panini Ham & Cheese", 320), ("Flatbread Chicken Tikka", 340),
           ("Bagel Cream Cheese", 190), ("Soup & Homemade Roll", 230), ("Fruit Pot", 120),
           ("Flapjack", 80), ("Salad Pot Falafel", 290), ("Orange Juice 330ml", 110)]
DAILY_LIMIT = 500  # Aspens' default maximum spend a day


def aspens_sixth(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """An Aspens-run sixth-form coffee shop: account (a daily limit, no
    overdraft) or bank card."""
    width = rng.choice([42, 48])
    p = paper(rng, ["CP858", "CP437", "AUTO"], crlf=0.2, fed=0.2)
    when = when_in_2026(rng, (8, 14), school=True)
    refund = rng.random() < 0.08
    first, last, _ = rng.choice(PUPILS)
    year = rng.choice(["Y12", "Y13"])
    account = f"A{rng.randint(1000, 99999):05d}"
    items = pick_items(rng, AS_MENU, most=4, quantities=(1, 1, 1, 2))
    p.add("ASPENS", **BIG)
    p.add("The Hub - Sixth Form Coffee Shop", **CENTRE)
    p.add("Brook Vale Academy", **CENTRE)
    p.add("-" * width)
    number = f"{rng.randint(2201, 2204)}-{n + 300:06d}"
    p.add(lr(f"Receipt {number}", f"{when:%d %b %Y %H:%M}", width))
    p.add(f"Served by: {rng.choice(['Kerry', 'Sian', 'Tomasz'])}")
    p.add(f"Customer: {first} {last} ({year})"[:width])
    p.add(f"Account No: {account}")
    p.add("-" * width)
    if refund:
        p.add("REFUND", align="center", bold=True)
    lines, total = [], 0
    for (item, price), q in items:
        p.add(lr(f"{item} x{q}" if q > 1 else item, pounds(price * q), width))
        lines.append((item, q, price * q))
        total += price * q
    if not refund and len(items) >= 3 and rng.random() < 0.4:
        p.add(lr("  Meal Deal", pounds(-70), width))
        lines.append(("Meal Deal", 1, -70))
        total -= 70
    p.add("-" * width)
    balance = rng.randint(0, 2500)
    tender: str | None
    if refund:
        p.add(lr("TOTAL REFUND", pounds(total), width), **BOLD)
        p.add(lr("Refunded to Cashless Account", pounds(total), width))
        p.add(lr("Balance remaining", pounds(balance + total), width))
        tender = "account"
    else:
        p.add(lr("TOTAL", pounds(total), width), **BOLD)
        spent_today = rng.choice([0, 0, 0, 150, 260, 380])
        room = max(0, DAILY_LIMIT - spent_today)
        if rng.random() < 0.25:
            p.add(lr("Paid by Card", pounds(total), width))
            tender = "card"
            room_left = room
        elif balance < total and rng.random() < 0.5:
            # No overdraft: the meal is given and charged when the account is topped up.
            p.add(lr("Paid by Account (on top-up)", pounds(total), width))
            p.add(lr("Owed on next top-up", pounds(total - balance), width))
            balance, room_left, tender = 0, max(0, room - total), "account"
        else:
            balance = max(balance, total)
            from_account = min(total, room, balance)
            if from_account:
                p.add(lr("Paid by Cashless Account", pounds(from_account), width))
            if total > from_account:
                p.add(lr("Paid by Card", pounds(total - from_account), width))
            tender = "account" if from_account == total else ("card" if not from_account else None)
            balance -= from_account
            room_left = room - from_account
        p.add(lr("Balance remaining", pounds(balance), width))
        p.add(lr("Daily spend left", pounds(room_left), width))
    p.add("Thank you - Aspens Services Ltd", **CENTRE)
    truth = Truth(total=-total if refund else total, lines=lines, number=number, tender=tender,
                  kind="refund" if refund else "sale", date=occurred(when, seconds=False),
                  account=account)
    return p, truth


LAYOUTS: dict[str, Render] = {
    "ceybyte-lk": ceybyte_lk,
    "racun-rs": racun_rs,
    "webkassa-kz": webkassa_kz,
    "ebm-rw": ebm_rw,
    "kassabon-nl": kassabon_nl,
    "chartwells-pin": chartwells_pin,
    "aspens-sixth": aspens_sixth,
}
