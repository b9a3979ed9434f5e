"""The fifteenth holdout's renderers: one function per real layout (README.md
says where each comes from and what is invented). Each takes the random
stream and the receipt's index and returns what it prints (``Printed``) and
the truth a careful reader of the paper would record. Amounts are in
hundredths of the receipt's currency."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout5 import Printed

Line = tuple[str, int, int]


def _when(rng: random.Random, first: int = 7, last: int = 19,
          weekdays: bool = False) -> datetime:
    """A moment anywhere in 2026 (GMT and BST), in opening hours (a school's
    on a weekday)."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(365))
    if weekdays and day.weekday() > 4:
        day -= timedelta(days=day.weekday() - 4)
    return day.replace(hour=rng.randrange(first, last), minute=rng.randrange(60),
                       second=rng.randrange(60))


def _row(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row, padded apart (a space at least)."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _centre(text: str, width: int) -> str:
    return text.center(width).rstrip()


def _basket(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
            qty: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> list[tuple[str, int, int]]:
    """1-``most`` distinct items with quantities and prices that drift a little:
    (name, quantity, unit price)."""
    k = rng.choice([n for n in (1, 1, 2, 2, 3, 3, 4, 5, 6) if n <= most])
    out = []
    for name, unit in rng.sample(menu, k):
        drift = rng.choice([0, 0, 0, 5, 10, -5]) if unit > 100 else 0
        out.append((name, rng.choice(qty), unit + drift))
    return out


def _tendered(rng: random.Random, total: int, step: int = 500) -> int:
    """Cash handed over: exact, or rounded up to a note."""
    if rng.random() < 0.3:
        return total
    return (total // step + 1) * step + rng.choice([0, 0, step])


# --- A Thai abbreviated tax invoice (gohala's rec_mini3_vat) -------------------

TH_MENU = [("Pad Thai Kung", 6500), ("Khao Man Gai", 5000), ("Som Tam", 4500),
           ("Tom Yum Goong", 12000), ("Cha Yen", 3500), ("Nam Plao 600ml", 1000),
           ("Khao Niao Mamuang", 6000), ("Gai Yang", 8500), ("Pepsi Can", 2000),
           ("Moo Ping (5 sticks)", 5000), ("Kaeng Khiao Wan", 7000)]


def abb_tax_th(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 32
    when = _when(rng, 9, 21)
    p = Printed(codepage=rng.choice(["AUTO", "CP437"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.7)
    p.add(_centre("BAAN SOMCHAI KITCHEN", width), bold=True)
    p.add(_centre("88/12 Sukhumvit 31, Bangkok", width))
    p.add(_centre("TAX INVOICE (ABB.)", width))
    p.add(_centre("TAX ID : 0105561012345", width))
    p.add("Date : " + when.strftime("%Y-%m-%d %H:%M:%S"))
    number = str(20400 + 3 * n + rng.randrange(3))
    p.add(f"Receipt No : {number}")
    p.add(f"CASHIER : {rng.choice(['Nok', 'Ploy', 'Somchai', 'Kanya'])}")
    p.add("-" * width)
    lines: list[Line] = []
    count = 0
    for i, (name, qty, unit) in enumerate(_basket(rng, TH_MENU)):
        sku = f"{rng.randrange(100, 999)}{i}"
        p.add(f"{sku}  {name}")
        value = qty * unit
        p.add(_row(f"({qty} x {unit / 100:,.2f})", f"{value / 100:,.2f}", width))
        lines.append((name, qty, value))
        count += qty
    total = sum(a for _, _, a in lines)
    vat = round(total * 7 / 107)
    p.add("-" * width)
    p.add(_row("Sub Total", f"{total / 100:,.2f}", width))
    p.add(_row("Before VAT", f"{(total - vat) / 100:,.2f}", width))
    p.add(_row("VAT 7%", f"{vat / 100:,.2f}", width))
    p.add(_row("Total Item", str(count), width))
    paid = _tendered(rng, total, 10000)
    p.add(_row("Pay Cash", f"{paid / 100:,.2f}", width))
    p.add(_row("Change", f"{(paid - total) / 100:,.2f}", width))
    p.add("-" * width)
    p.add(_centre("** Have A Nice Day **", width))
    p.add(_centre("** Thank You **", width))
    p.add(_centre("** VAT Included **", width))
    return p, Truth(total, lines, number, "cash", "sale", occurred(when), None)


# --- A Portuguese fatura simplificada from an ESC/POS builder (FATU-R) ----------

PT_MENU = [("Pastel de nata", 130), ("Bica", 80), ("Galão", 150), ("Tosta mista", 350),
           ("Sumo de laranja natural", 300), ("Água 0,5L", 100), ("Bifana", 400),
           ("Croissant c/ fiambre", 280), ("Sopa do dia", 250), ("Bolo de arroz", 140),
           ("Meia de leite", 120)]


def _pt(v: int) -> str:
    """pt-PT money: a decimal comma, a space between thousands."""
    whole, cents = divmod(abs(v), 100)
    s = f"{whole:,}".replace(",", " ") + f",{cents:02d}"
    return ("-" if v < 0 else "") + s


def fatura_pt(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = rng.choice([42, 48, 32])
    euro = rng.random() < 0.5
    p = Printed(codepage="CP858" if euro else "CP860", cut=True, crlf=rng.random() < 0.25)
    cur = (lambda v: f"{_pt(v)} €") if euro else (lambda v: f"EUR {_pt(v)}")
    when = _when(rng, 7, 20)
    refund = rng.random() < 0.1
    p.add(_centre("PASTELARIA ALFAMA", width), bold=True, double_width=True,
          double_height=True)
    p.add(_centre("NIF: 514203987", width))
    p.add(_centre("Rua dos Remédios 41", width))
    p.add(_centre("1100-445 Lisboa", width))
    p.add(_centre("Tel: 218 861 204", width))
    p.add("=" * width)
    kind = "NC" if refund else rng.choice(["FS", "FS", "FR"])
    title = {"FS": "FATURA SIMPLIFICADA", "FR": "FATURA-RECIBO", "NC": "NOTA DE CRÉDITO"}
    p.add(_centre(title[kind], width), bold=True)
    seq = 300 + n
    number = f"{kind} A2026/{seq}"
    p.add(_centre(number, width), bold=True, double_height=True)
    p.add(_centre(f"ATCUD: JJ7K{kind}4Q-{seq}", width))
    p.add("Data/Hora: " + when.strftime("%d/%m/%Y, %H:%M:%S"))
    p.add(f"Caixa: Balcão {rng.choice([1, 2])}")
    if rng.random() < 0.3:
        p.add("-" * width)
        p.add("Nome: Consumidor Final")
        p.add(f"NIF: {rng.choice(['999999990', '245019834', '208331445'])}")
    p.add("-" * width)
    p.add(_row("ARTIGO / QTD x PRECO", "TOTAL", width), bold=True)
    p.add("-" * width)
    lines: list[Line] = []
    for name, qty, unit in _basket(rng, PT_MENU):
        net = qty * unit  # the builder prints net prices; IVA goes on top
        p.add(name)
        p.add(_row(f"  {qty} x {_pt(unit)}", _pt(net), width))
        lines.append((name, qty, net))
    p.add("-" * width)
    subtotal = sum(a for _, _, a in lines)
    p.add(_row("Subtotal:", cur(subtotal), width))
    if not refund and rng.random() < 0.25:
        disc = rng.choice([10, 20, 50, round(subtotal * 0.1)])
        p.add(_row("Desconto:", "- " + cur(disc), width))
        lines.append(("Desconto", 1, -disc))
    base = sum(a for _, _, a in lines)
    iva = round(base * 23 / 100)
    p.add(_row("IVA Total (23%):", cur(iva), width))
    total = base + iva
    p.add("")
    p.add(_row("TOTAL:", cur(total), width // 2), bold=True, double_width=True,
          double_height=True)
    p.add("=" * width)
    method = rng.choice(["Numerário", "Numerário", "Multibanco", "MB WAY"])
    tender = {"Numerário": "cash", "Multibanco": "card", "MB WAY": "MB WAY"}[method]
    if refund:
        p.add(f"Ref.: FS A2026/{max(1, seq - rng.randrange(1, 40))}")
        p.add(_row("Forma de Reembolso:", method, width))
    else:
        p.add(_row("Forma de Pagamento:", method, width))
        if method == "Numerário":
            paid = _tendered(rng, total, 500)
            if paid > total:
                p.add(_row("Valor Entregue:", cur(paid), width))
                p.add(_row("Troco:", cur(paid - total), width))
    p.add("")
    p.add(_centre("Processado por programa certificado", width))
    p.add(_centre("n.º 2871/AT", width))
    p.add(_centre("Obrigado pela sua preferência!", width), bold=True)
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when), None,
                    notes=[f"tax_on_top={iva}"])


# --- A Slovak eKasa pokladničný doklad -----------------------------------------

SK_MENU = [("Rožok biely 40g", 12), ("Chlieb Pecník 1kg", 229), ("Mlieko plnotučné 1l", 119),
           ("Bryndza 125g", 199), ("Kofola 2l", 189), ("Horalky", 59),
           ("Jogurt biely 150g", 45), ("Šunka výberová 100g", 179),
           ("Pivo Zlatý Bažant 0,5l", 119), ("Káva mletá 250g", 349), ("Banány kg", 149)]


def _sk(v: int) -> str:
    whole, cents = divmod(abs(v), 100)
    return ("-" if v < 0 else "") + f"{whole},{cents:02d}"


def ekasa_sk(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = rng.choice([42, 48])
    cp = rng.choice(["CP852", "CP1250"])
    eur = "€" if cp == "CP1250" else "EUR"
    p = Printed(codepage=cp, cut=rng.random() < 0.8, crlf=rng.random() < 0.3)
    when = _when(rng, 6, 21)
    refund = rng.random() < 0.12
    p.add(_centre("POTRAVINY U TATRY s.r.o.", width), bold=True)
    p.add(_centre("Hlavná 18, 040 01 Košice", width))
    p.add(_centre("IČO: 47859213  DIČ: 2024118765", width))
    p.add(_centre("IČ DPH: SK2024118765", width))
    p.add("Kód pokladnice: 88820241187650001")
    p.add("-" * width)
    p.add(_centre("VRÁTENIE" if refund else "POKLADNIČNÝ DOKLAD", width), bold=True)
    number = str(1 + n)
    p.add(_row(f"Číslo dokladu: {number}", when.strftime("%d.%m.%Y %H:%M:%S"), width))
    p.add("-" * width)
    lines: list[Line] = []
    sign = -1 if refund else 1
    vat = {}
    for name, qty, unit in _basket(rng, SK_MENU, qty=(1, 1, 1, 2, 2, 3, 4, 6, 10)):
        rate = 19 if "Pivo" in name or "Kofola" in name or "Káva" in name else 5
        value = qty * unit
        p.add(name)
        p.add(_row(f"  {sign * qty} ks x {_sk(unit)}", f"{_sk(sign * value)} {rate}%", width))
        lines.append((name, qty, value))
        vat[rate] = vat.get(rate, 0) + value
        if not refund and rng.random() < 0.12:
            disc = max(1, value // 10)
            p.add(_row("  Zľava 10%", f"{_sk(-disc)} {rate}%", width))
            lines.append(("Zľava 10%", 1, -disc))
            vat[rate] -= disc
    total = sum(a for _, _, a in lines)
    p.add("=" * width)
    p.add(_row("SPOLU:", f"{_sk(sign * total)} {eur}", width), bold=True, double_height=True)
    p.add("-" * width)
    p.add(_row("Sadzba DPH", "Základ    DPH   Spolu", width))
    for rate, gross in sorted(vat.items()):
        tax = round(gross * rate / (100 + rate))
        p.add(_row(f"{rate}%", f"{_sk(sign * (gross - tax)):>7} {_sk(sign * tax):>6} "
                   f"{_sk(sign * gross):>7}", width))
    p.add("-" * width)
    method = rng.choice(["Hotovosť", "Hotovosť", "Platobná karta"])
    if refund:
        p.add(_row(f"Vrátené - {method}:", f"{_sk(total)} {eur}", width))
    elif method == "Hotovosť":
        paid = _tendered(rng, total, 500)
        p.add(_row("Hotovosť:", f"{_sk(paid)} {eur}", width))
        p.add(_row("Vydané:", f"{_sk(paid - total)} {eur}", width))
    else:
        p.add(_row("Platobná karta:", f"{_sk(total)} {eur}", width))
    p.add("OKP: " + "".join(rng.choice("0123456789abcdef") for _ in range(8)) + "-"
          + "".join(rng.choice("0123456789abcdef") for _ in range(8)))
    p.add("ID dokladu: O-" + "".join(rng.choice("0123456789ABCDEF") for _ in range(20)))
    p.add(_centre("Ďakujeme za nákup", width))
    tender = "cash" if method == "Hotovosť" else "card"
    return p, Truth(-total if refund else total, lines, number, tender,
                    "refund" if refund else "sale", occurred(when), None)


def eur(v: int) -> str:
    """Euros as an English-language till prints them: ``€3.65``, ``-€1.00``."""
    return f"{'-' if v < 0 else ''}€{abs(v) / 100:,.2f}"


def usd(v: int) -> str:
    """Dollars as Square prints them: ``$3.85``, ``-$1.00``."""
    return f"{'-' if v < 0 else ''}${abs(v) / 100:,.2f}"


# --- An Irish café on Loyverse's printed receipt -------------------------------

IE_MENU = [("Flat White", 380), ("Americano", 330), ("Cappuccino", 370),
           ("Scone w/ Jam & Cream", 350), ("Toasted Special", 795), ("Soup of the Day", 650),
           ("Brown Bread", 250), ("Chicken Wrap", 895), ("Hot Chocolate", 390),
           ("Carrot Cake", 450), ("Tea", 250)]


def cafe_ie(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = rng.choice([32, 42, 48])
    cp = rng.choice(["CP858", "CP1252"])
    p = Printed(codepage=cp, cut=rng.random() < 0.85)
    when = _when(rng, 8, 17)
    refund = rng.random() < 0.1
    p.add(_centre("The Crooked Teapot", width), bold=True, double_height=True)
    p.add(_centre("14 Main St, Dingle, Co. Kerry", width))
    p.add(_centre("VAT No. IE 3456789KH", width))
    p.add("")
    p.add(_centre(eur(0), width))  # placeholder replaced below (big total at the top)
    p.add(_centre("Total", width))
    p.add("-" * width)
    p.add(f"Employee: {rng.choice(['Aoife', 'Ciarán', 'Niamh', 'Seán'])}")
    p.add("POS: POS 1")
    if rng.random() < 0.4:
        p.add(rng.choice(["Dine in", "Take away"]))
    p.add("-" * width)
    if refund:
        p.add("REFUND", bold=True)
    lines: list[Line] = []
    for name, qty, unit in _basket(rng, IE_MENU, most=5):
        value = qty * unit
        p.add(_row(name, eur(-value if refund else value), width))
        if qty > 1:
            p.add(f"{qty} x {eur(unit)}")
        lines.append((name, qty, value))
    if not refund and rng.random() < 0.25:
        name = rng.choice(["Loyalty 10%", "Staff discount"])
        disc = round(sum(a for _, _, a in lines) * 0.1)
        p.add(_row(name, eur(-disc), width))
        lines.append((name, 1, -disc))
    total = sum(a for _, _, a in lines)
    shown = -total if refund else total
    p.rows[4] = (_centre(eur(shown), width), {"bold": True, "double_height": True,
                                              "double_width": True})
    p.add("-" * width)
    p.add(_row("Total", eur(shown), width), bold=True)
    vat = round(total * 13.5 / 113.5)
    p.add(_row("VAT 13.5% (included)", eur(-vat if refund else vat), width))
    p.add("-" * width)
    method = rng.choice(["Cash", "Card", "Card", "Card"])
    if method == "Cash" and not refund:
        paid = _tendered(rng, total, 500)
        p.add(_row("Cash", eur(paid), width))
        p.add(_row("Change", eur(paid - total), width))
    else:
        p.add(_row(method, eur(shown), width))
    p.add("-" * width)
    p.add(_centre("Go raibh maith agat!", width))
    number = f"{rng.choice([1, 2])}-{1000 + n}"  # the '#' is the mark, not the number
    p.add(_row(when.strftime("%d/%m/%Y %H:%M"), "#" + number, width))
    return p, Truth(shown, lines, number, method.lower(), "refund" if refund else "sale",
                    occurred(when, seconds=False), None)


# --- A Vancouver coffee bar on Square's printed receipt -------------------------

CA_MENU = [("Drip Coffee", 325), ("Oat Latte", 595), ("London Fog", 550),
           ("Butter Croissant", 425), ("Nanaimo Bar", 395), ("Breakfast Sandwich", 895),
           ("Cold Brew", 550), ("Muffin - Blueberry", 375), ("Hot Chocolate", 475),
           ("Bag of Beans 340g", 2100)]


def square_ca(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = rng.choice([32, 42])
    p = Printed(codepage=rng.choice(["AUTO", "CP437", "CP863"]), cut=True,
                crlf=rng.random() < 0.2)
    when = _when(rng, 7, 19)
    p.add(_centre("GASTOWN GRIND", width), bold=True, double_width=True)
    p.add(_centre("301 Water St, Vancouver BC", width))
    p.add(_centre("(604) 555-0142", width))
    p.add("")
    lines: list[Line] = []
    gst_base = pst_base = 0
    for name, qty, unit in _basket(rng, CA_MENU, most=5):
        value = qty * unit
        label = f"{name} x {qty}" if qty > 1 else name
        p.add(_row(label, usd(value), width))
        if qty > 1:
            p.add(f"  ({usd(unit)} ea.)")
        lines.append((name, qty, value))
        gst_base += value
        if "Beans" in name or "Mug" in name:
            pst_base += value  # BC's PST is on goods, not on prepared food
    if rng.random() < 0.2:
        disc = rng.choice([100, 200, round(gst_base * 0.15)])
        p.add(_row("Regulars' Card", usd(-disc), width))
        lines.append(("Regulars' Card", 1, -disc))
        gst_base -= disc
    p.add("")
    sub = sum(a for _, _, a in lines)
    p.add(_row("Subtotal", usd(sub), width))
    gst = round(gst_base * 5 / 100)
    pst = round(pst_base * 7 / 100)
    p.add(_row("GST (5%)", usd(gst), width))
    if pst:
        p.add(_row("PST (7%)", usd(pst), width))
    tip = 0
    if rng.random() < 0.4:
        tip = round(sub * rng.choice([10, 15, 18, 20]) / 100)
        p.add(_row("Tip", usd(tip), width))
    total = sub + gst + pst + tip
    p.add(_row("Total", usd(total), width), bold=True)
    p.add("")
    split = rng.random() < 0.1
    if split:
        part = total // 2
        p.add(_row("Cash", usd(part), width))
        p.add(_row(f"Visa {rng.randrange(1000, 9999)}", usd(total - part), width))
        tender = None
    elif rng.random() < 0.35:
        paid = _tendered(rng, total, 500)
        p.add(_row("Cash", usd(paid), width))
        p.add(_row("Change", usd(paid - total), width))
        tender = "cash"
    else:
        brand = rng.choice(["Visa", "Mastercard", "Interac"])
        p.add(_row(f"{brand} {rng.randrange(1000, 9999)}", usd(total), width))
        p.add(f"Auth code: {rng.randrange(100000, 999999)}")
        tender = "card"
    p.add("")
    hour = when.strftime("%I").lstrip("0")
    p.add(when.strftime(f"%b %-d %Y, {hour}:%M %p").replace("AM", "am").replace("PM", "pm"))
    number = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4))
    p.add(f"Receipt #{number}")
    p.add(_centre("GST # 81234 5678 RT0001", width))
    notes = [f"tax_on_top={gst + pst}"] + ([f"tip={tip}"] if tip else [])
    return p, Truth(total, lines, number, tender, "sale", occurred(when, seconds=False),
                    None, notes=notes)


# --- Two UK school tills --------------------------------------------------------

SCHOOL_MENU = [("Meal Deal", 250), ("Pasta Pot", 210), ("Jacket Potato", 195),
               ("Panini", 220), ("Fruit Pot", 80), ("Flapjack", 65),
               ("Water 500ml", 70), ("Fruit Juice", 85), ("Cookie", 55),
               ("Pizza Slice", 150), ("Toast (2 slices)", 30), ("Hot Dog", 175)]
PUPILS = ["Amelia Hughes", "Oliver Patel", "Isla Murray", "Jack Okafor", "Freya Lewis",
          "Mohammed Khan", "Ruby Evans", "Harry Nowak", "Grace O'Neill", "Leo Adeyemi"]


def _gbp(v: int) -> str:
    return f"{'-' if v < 0 else ''}£{abs(v) / 100:.2f}"


def biostore_school(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """An IRIS BioStore secondary: a student's wallets (Cash, FSM funding)."""
    width = 42
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP850", "AUTO"]),
                cut=rng.random() < 0.6, crlf=rng.random() < 0.3)
    when = _when(rng, 8, 14, weekdays=True)
    refund = rng.random() < 0.08
    p.add(_centre("Kingsmead Community School", width), bold=True)
    p.add(_centre("Dining Hall - Till 2", width))
    p.add("-" * width)
    p.add(f"Transaction: {48210 + n}")
    p.add(when.strftime("%d/%m/%Y %H:%M:%S"))
    name = rng.choice(PUPILS)
    adno = f"{rng.randrange(4000, 9999):06d}"
    p.add(f"Customer: {name}")
    p.add(f"Admission No: {adno}")
    p.add(f"Group: {rng.choice(['7', '8', '9', '10', '11'])}{rng.choice('KMSW')}")
    p.add("-" * width)
    if refund:
        p.add(_centre("*** REFUND ***", width), bold=True)
    lines: list[Line] = []
    for item, qty, unit in _basket(rng, SCHOOL_MENU, most=4, qty=(1, 1, 1, 1, 2)):
        value = qty * unit
        p.add(_row(f"{qty} {item}", _gbp(-value if refund else value), width))
        lines.append((item, qty, value))
    if not refund and rng.random() < 0.15:
        p.add(_row("Meal Deal Saving", _gbp(-20), width))
        lines.append(("Meal Deal Saving", 1, -20))
    total = sum(a for _, _, a in lines)
    p.add("-" * width)
    p.add(_row("TOTAL", _gbp(-total if refund else total), width), bold=True)
    fsm = not refund and rng.random() < 0.35
    allowance = 240
    cash_bal = rng.randrange(0, 3000)
    if refund:
        p.add(_row("Refunded to Cash Wallet", _gbp(total), width))
        tender = "account"
    elif fsm and total > allowance:
        p.add(_row("Paid from FSM Funding", _gbp(allowance), width))
        p.add(_row("Paid from Cash Wallet", _gbp(total - allowance), width))
        tender = None
    elif fsm:
        p.add(_row("Paid from FSM Funding", _gbp(total), width))
        tender = "fsm"
    else:
        p.add(_row("Paid from Cash Wallet", _gbp(total), width))
        tender = "account"
    p.add("-" * width)
    p.add(_row("Cash Wallet Balance", _gbp(cash_bal), width))
    if fsm:
        left = max(0, allowance - total)
        p.add(_row("FSM Funding Remaining", _gbp(left), width))
    p.add(_centre("Top up at www.parentpay.com", width))
    return p, Truth(-total if refund else total, lines, str(48210 + n), tender,
                    "refund" if refund else "sale", occurred(when), adno)


def liveregister_school(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    """A Live Register academy: two purses (Purse 1 paid, Purse 2 free meal)."""
    width = rng.choice([32, 40])
    p = Printed(codepage=rng.choice(["CP858", "CP437", "CP1252"]), cut=True,
                crlf=rng.random() < 0.2)
    when = _when(rng, 8, 14, weekdays=True)
    refund = rng.random() < 0.08
    p.add(_centre("ST AIDAN'S CE ACADEMY", width), bold=True)
    p.add(_centre("The Refectory", width))
    p.add("")
    p.add(when.strftime("%a %d %b %Y") + "  " + when.strftime("%H:%M"))
    sale = f"{rng.choice([1, 3])}/{7700 + n}"
    p.add(f"Sale No. {sale}")
    p.add(f"Till: SERVERY {rng.choice(['A', 'B'])}  Op: {rng.choice(['JB', 'KT', 'MS'])}")
    name = rng.choice(PUPILS)
    acct = str(rng.randrange(10000, 39999))
    p.add(f"Name: {name.upper()}")
    p.add(f"Acct: {acct}")
    p.add("=" * width)
    lines: list[Line] = []
    for item, qty, unit in _basket(rng, SCHOOL_MENU, most=5, qty=(1, 1, 1, 2, 3)):
        value = qty * unit
        p.add(_row(f"{item[: width - 10]}", f"{qty} @ {unit / 100:.2f}", width))
        p.add(_row("", (f"{value / 100:.2f}" + ("-" if refund else "")), width))
        lines.append((item[: width - 10], qty, value))
    total = sum(a for _, _, a in lines)
    p.add("=" * width)
    if refund:
        p.add(_row("REFUND TOTAL", f"£{total / 100:.2f}-", width), bold=True)
        p.add(_row("Returned to Purse 1", f"£{total / 100:.2f}", width))
        tender = "account"
    else:
        p.add(_row("Sale Total", f"£{total / 100:.2f}", width), bold=True)
        free = rng.random() < 0.4
        allowance = 245
        if free and total > allowance:
            p.add(_row("Sold from Purse 2 (FM)", f"£{allowance / 100:.2f}", width))
            p.add(_row("Sold from Purse 1", f"£{(total - allowance) / 100:.2f}", width))
            tender = None
        elif free:
            p.add(_row("Sold from Purse 2 (FM)", f"£{total / 100:.2f}", width))
            tender = "fsm"
        else:
            p.add(_row("Sold from Purse 1", f"£{total / 100:.2f}", width))
            tender = "account"
    p.add("-" * width)
    p.add(_row("New Bal Purse 1", f"£{rng.randrange(0, 2500) / 100:.2f}", width))
    p.add(_row("New Bal Purse 2", f"£{rng.choice([0, 0, 5, 35, 245]) / 100:.2f}", width))
    p.add(_centre("Thank you", width))
    return p, Truth(-total if refund else total, lines, sale, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), acct)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "abb-tax-th": abb_tax_th,
    "fatura-pt": fatura_pt,
    "ekasa-sk": ekasa_sk,
    "loyverse-ie": cafe_ie,
    "square-ca": square_ca,
    "biostore-school": biostore_school,
    "liveregister-school": liveregister_school,
}
