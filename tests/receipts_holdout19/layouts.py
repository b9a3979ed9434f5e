"""The nineteenth holdout's renderers: what each layout prints, and its truth.

Each renderer takes a random stream and the receipt's ordinal and returns
(``Printed``, ``Truth``). Sources and what is verified or invented per
layout: README.md. Amounts are kept in hundredths of the receipt's currency
(pence, céntimos, kopecks, centavos); dates are the till's local time,
recorded in London's offset as every corpus records it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from tests.receipts_corpus import Item as Line  # name, count, unit price; .value
from tests.receipts_corpus import Truth, occurred
from tests.receipts_holdout19 import Printed

BOLD = {"bold": True}
CENTRE = {"align": "center"}
CENTRE_BOLD = {"align": "center", "bold": True}
BIG = {"align": "center", "bold": True, "double_height": True, "double_width": True}


def pick_lines(rng: random.Random, menu: list[tuple[str, int]], most: int = 6,
               counts: tuple[int, ...] = (1, 1, 1, 1, 2, 2, 3, 4)) -> list[Line]:
    """1 to ``most`` distinct items, some bought several times, a price drifting now and then."""
    k = rng.choice([n for n in (1, 1, 2, 2, 3, 3, 4, 5, 6) if n <= most])
    lines = []
    for name, unit in rng.sample(menu, k):
        if rng.random() < 0.15:
            unit += rng.choice([5, 10, 20, 50])
        lines.append(Line(name, rng.choice(counts), unit))
    return lines


def a_day(rng: random.Random, hours: tuple[int, int] = (8, 17)) -> datetime:
    """A moment in 2026 (GMT in winter, BST in summer)."""
    return datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(*hours),
                    rng.randint(0, 59), rng.randint(0, 59))


def columns(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one row of ``width``, at least one space between."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def wrap(text: str, width: int) -> list[str]:
    """Words on rows of at most ``width`` (a word longer than a row is cut)."""
    rows: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                rows.append(current)
                current = ""
            rows.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            rows.append(current)
            current = ""
        current = f"{current} {word}" if current else word
    if current:
        rows.append(current)
    return rows


def dot2(v: int) -> str:
    """1234.50 (a decimal point, no grouping)."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 100}.{v % 100:02d}"


def comma2(v: int) -> str:
    """1.234,50 (es-AR, pt-BR: a dot between thousands, a decimal comma)."""
    sign = "-" if v < 0 else ""
    v = abs(v)
    return f"{sign}{v // 100:,}".replace(",", ".") + f",{v % 100:02d}"


def pounds(v: int) -> str:
    """£1.20, -£0.40."""
    return ("-" if v < 0 else "") + f"£{abs(v) // 100}.{abs(v) % 100:02d}"


# --- Peru: a boleta de venta electrónica from an Android till's ESC/POS code ---

PE_MENU = [
    ("Inca Kola 500ml", 350), ("Agua San Luis 625ml", 200), ("Galleta Soda Field 6 un", 180),
    ("Arroz Costeno Extra 1kg", 560), ("Aceite Primor Premium 900ml", 1190),
    ("Leche Gloria Evaporada Azul Entera Lata Grande 400g", 460),
    ("Pan Frances (bolsa)", 300), ("Atun Florida Trozos en Aceite Vegetal 170g", 690),
    ("Papel Higienico Suave Doble Hoja Paquete x 4 rollos", 890), ("Cafe Altomayo 200g", 1490),
    ("Chifles de platano", 250), ("Queso fresco de Cajamarca 500g", 1350),
    ("Huevos pardos x 15", 1190), ("Detergente Bolivar Matic 800g", 1290),
]
PE_CASHIERS = ["Rosa Quispe", "Jorge Huaman", "Milagros Tello", "Caja 2"]
PE_CUSTOMERS = [("Carlos Mendoza Ruiz", "DNI 45871236"), ("Ana Lucia Vargas", "DNI 70125498"),
                ("Comercial Santa Rosa SAC", "RUC 20604918273")]

UNITS = ["", "UN", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE", "DIEZ",
         "ONCE", "DOCE", "TRECE", "CATORCE", "QUINCE", "DIECISEIS", "DIECISIETE", "DIECIOCHO",
         "DIECINUEVE", "VEINTE", "VEINTIUN", "VEINTIDOS", "VEINTITRES", "VEINTICUATRO",
         "VEINTICINCO", "VEINTISEIS", "VEINTISIETE", "VEINTIOCHO", "VEINTINUEVE"]
TENS = ["", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA",
        "NOVENTA"]
HUNDREDS = ["", "CIENTO", "DOSCIENTOS", "TRESCIENTOS", "CUATROCIENTOS", "QUINIENTOS",
            "SEISCIENTOS", "SETECIENTOS", "OCHOCIENTOS", "NOVECIENTOS"]


def spanish_words(n: int) -> str:
    """A whole number below a million in Spanish capitals, as a boleta's "SON:" spells it."""
    if n == 0:
        return "CERO"
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        head = "MIL" if thousands == 1 else f"{spanish_words(thousands)} MIL"
        return head if rest == 0 else f"{head} {spanish_words(rest)}"
    if n >= 100:
        h, rest = divmod(n, 100)
        head = "CIEN" if n == 100 else HUNDREDS[h]
        return head if rest == 0 else f"{head} {spanish_words(rest)}"
    if n < 30:
        return UNITS[n]
    t, u = divmod(n, 10)
    return TENS[t] if u == 0 else f"{TENS[t]} Y {UNITS[u]}"


def boleta_pe(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 48
    lines = pick_lines(rng, PE_MENU)
    total = sum(ln.value for ln in lines)
    base = round(total / 1.18)
    igv = total - base
    when = a_day(rng, (7, 21))
    factura = rng.random() < 0.15
    series = "F001" if factura else rng.choice(["B001", "B002"])
    number = f"{series}-{10000 + n * 7 + rng.randint(0, 6):08d}"
    way = rng.choices(["EFECTIVO", "TARJETA", "YAPE", "PLIN"], [45, 25, 20, 10])[0]
    received = total
    if way == "EFECTIVO":
        received = rng.choice([c for c in (1000, 2000, 5000, 10000, 20000) if c >= total]
                              or [total]) if rng.random() < 0.7 else total
    p = Printed(codepage=rng.choice(["AUTO", "CP437", "CP850"]))
    for row in wrap("MINIMARKET DONA CARMEN E.I.R.L.", width):
        p.add(row, **CENTRE_BOLD)
    p.add("RUC: 20548127736", **CENTRE)
    for row in wrap("Av. Jose Galvez 1184, Mz B Lt 7, Villa Maria del Triunfo, Lima", width):
        p.add(row, **CENTRE)
    p.add("-" * width, **CENTRE)
    p.add("FACTURA ELECTRONICA" if factura else "BOLETA DE VENTA ELECTRONICA", **CENTRE_BOLD)
    p.add(number, **CENTRE_BOLD)
    p.add("-" * width, **CENTRE)
    p.add(f"Emision: {when:%d/%m/%Y %H:%M:%S}")
    if factura or rng.random() < 0.3:
        name, doc = PE_CUSTOMERS[2] if factura else rng.choice(PE_CUSTOMERS[:2])
        for row in wrap(f"Cliente: {name}", width):
            p.add(row)
        p.add(f"Documento: {doc}")
    p.add(f"Cajero: {rng.choice(PE_CASHIERS)}")
    p.add("-" * width)
    p.add(columns("CANT. / PRECIO", "IMPORTE", width))
    p.add("-" * width)
    for ln in lines:
        for row in wrap(ln.name, width):
            p.add(row)
        p.add(columns(f"{ln.qty} x S/ {dot2(ln.unit)}", f"S/ {dot2(ln.value)}", width))
    p.add("-" * width)
    p.add(columns("OP. GRAVADAS", f"S/ {dot2(base)}", width))
    p.add(columns("IGV (18%)", f"S/ {dot2(igv)}", width))
    p.add(columns("TOTAL", f"S/ {dot2(total)}", width), **BOLD)
    p.add(f"Pago: {way}")
    p.add(columns("Recibido", f"S/ {dot2(received)}", width))
    p.add(columns("Vuelto", f"S/ {dot2(received - total)}", width))
    for row in wrap(f"SON: {spanish_words(total // 100)} CON {total % 100:02d}/100 SOLES", width):
        p.add(row)
    p.add("")
    p.add("Gracias por su compra / Vuelva pronto", **BOLD)
    tender = {"EFECTIVO": "cash", "TARJETA": "card"}.get(way, way)
    return p, Truth(total, [(ln.name, ln.qty, ln.value) for ln in lines], number, tender,
                    "sale", occurred(when), None)


# --- Russia: a кассовый чек under 54-ФЗ from a clinic system's own ESC/POS builder ---

RU_SERVICES = [
    ("Консультация стоматолога-терапевта", 120000, "B01.065.001"),
    ("Профессиональная гигиена полости рта", 450000, "A16.07.051"),
    ("Рентгенография зуба (прицельная)", 60000, "A06.07.003"),
    ("Анестезия аппликационная", 35000, "B01.003.004.004"),
    ("Пломба светового отверждения", 380000, "A16.07.002.010"),
    ("Фторирование зубов", 150000, "A11.07.022"),
    ("Удаление зуба простое", 290000, "A16.07.001.002"),
]
RU_GOODS = [("Зубная щётка мягкая", 29000), ("Ирригатор, насадки 2 шт", 89000),
            ("Паста R.O.C.S. Kids", 41000), ("Зубная нить 50 м", 24000)]
RU_CASHIERS = ["Администратор Иванова О.П.", "Кассир Петров А.С.", "Смирнова Е.В."]


def rub(v: int) -> str:
    """1234.00 руб. (the source prints its amounts with toFixed(2) and a ₽ CP866 lacks)."""
    return f"{dot2(v)} руб."


def chek_ru(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 32
    refund = rng.random() < 0.12
    items: list[tuple[Line, str | None]] = []
    for name, price, code in rng.sample(RU_SERVICES, rng.choice([1, 1, 2, 2, 3, 4])):
        items.append((Line(name, rng.choice([1, 1, 1, 2]), price), code))
    if rng.random() < 0.4:
        name, price = rng.choice(RU_GOODS)
        items.append((Line(name, rng.choice([1, 1, 2, 3]), price), None))
    total = sum(ln.value for ln, _ in items)
    when = a_day(rng, (9, 20))
    way = rng.choices(["card", "cash", "sbp", "split", "prepaid"], [45, 30, 12, 8, 5])[0]
    p = Printed(codepage="CP866", cut=rng.random() < 0.7)
    p.add('ООО "УЛЫБКА ПЛЮС"', align="center", double_height=True)
    p.add("г. Казань, ул. Баумана, 58", **CENTRE)
    if rng.random() < 0.8:
        p.add("ИНН: 1655398124", **CENTRE)
    p.add("Лицензия: № Л041-01137-16/00412957", **CENTRE)
    p.add("-" * width, **CENTRE)
    p.add("КАССОВЫЙ ЧЕК / ВОЗВРАТ ПРИХОДА" if refund else "КАССОВЫЙ ЧЕК / ПРИХОД",
          **CENTRE_BOLD)
    p.add(f"Дата: {when:%d.%m.%Y %H:%M:%S}", **CENTRE)
    p.add(f"Кассир: {rng.choice(RU_CASHIERS)}", **CENTRE)
    if rng.random() < 0.4:
        p.add(f"Покупатель: +7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-"
              f"{rng.randint(10, 99)}-{rng.randint(10, 99)}", **CENTRE)
    p.add("-" * width, **CENTRE)
    for i, (ln, code) in enumerate(items, 1):
        p.add(f"{i}. {ln.name}")
        if code:
            p.add(f"   Код услуги: {code}")
        p.add(columns(f"{ln.qty} шт. x {dot2(ln.unit)}", rub(ln.value), width))
    p.add("-" * width)
    p.add(f"ИТОГ: {rub(total)}", align="right", double_height=True, double_width=True)
    parts = {"card": [("БЕЗНАЛИЧНЫМИ (КАРТА)", total)], "cash": [("НАЛИЧНЫМИ", total)],
             "sbp": [("СБП QR (0.7%)", total)], "prepaid": [("ПРЕДОПЛАТА (ДЕПОЗИТ)", total)]}
    if way == "split":
        cash = rng.randint(1, (total - 1) // 10000) * 10000 if total > 10000 else total // 2
        parts["split"] = [("БЕЗНАЛИЧНЫМИ (КАРТА)", total - cash), ("НАЛИЧНЫМИ", cash)]
    for label, amount in parts[way]:
        p.add(f"{label}: {rub(amount)}")
    p.add("СНО: УСН Доходы (0% НДС, Без НДС)")
    p.add("-" * width)
    fd = str(10000 + rng.randrange(90000))
    p.add("ФН: 9960440302145896")
    p.add(f"ФД: {fd}   ФПД: {rng.randrange(10**9, 10**10)}")
    p.add("Сайт ФНС: www.nalog.gov.ru")
    p.add("Спасибо за доверие!", **CENTRE)
    p.add("Здоровья вашим зубам!", **CENTRE)
    tender = {"card": "card", "cash": "cash", "sbp": "СБП QR (0.7%)",
              "prepaid": "ПРЕДОПЛАТА (ДЕПОЗИТ)", "split": None}[way]
    return p, Truth(-total if refund else total,
                    [(ln.name, ln.qty, ln.value) for ln, _ in items], fd, tender,
                    "refund" if refund else "sale", occurred(when), None)


# --- Argentina: a factura C ticket (58 mm), the unit price in the price column ---

AR_MENU = [
    ("Pan de molde sin TACC", 420000), ("Premezcla universal 1kg", 310000),
    ("Fideos de arroz tirabuzón", 195000), ("Galletitas dulces de chocolate sin gluten", 240000),
    ("Alfajor de maicena", 95000), ("Harina de almendras 500g", 780000),
    ("Pizza prepizza x2", 520000), ("Budín de limón", 460000),
    ("Tapas para empanadas sin TACC x12", 350000), ("Yerba mate 1kg", 540000),
]
AR_CLIENTS = [("Consumidor Final", "DNI:", "0"), ("María Sol Ferreyra", "DNI:", "33412087"),
              ("Lucas Benítez", "DNI:", "40155832"),
              ("Almacén Natural SRL", "CUIT:", "30715628443")]


def factura_ar(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 32
    lines = pick_lines(rng, AR_MENU, most=5, counts=(1, 1, 1, 2, 2, 3))
    total = sum(ln.value for ln in lines)
    net = round(total / 1.21)
    iva = total - net
    refund = rng.random() < 0.1
    when = a_day(rng, (9, 20))
    point = rng.choice(["00003", "00004"])
    number = f"{point}-{n + 1841:08d}"
    way = rng.choices(["Efectivo", "Tarjeta de Débito", "Mercado Pago"], [55, 30, 15])[0]
    p = Printed(codepage=rng.choice(["CP850", "CP858", "AUTO"]), crlf=rng.random() < 0.2,
                cut=rng.random() < 0.6)
    p.add("CELÍACOS DEL PUERTO", **CENTRE_BOLD)
    p.add("Monotributista - CUIT: 27-31458229-4", **CENTRE)
    p.add("Av. Colón 3120 - Mar del Plata", **CENTRE)
    p.add("Tel: (223) 4951177", **CENTRE)
    p.add("-" * width)
    p.add("NOTA DE CREDITO C" if refund else "FACTURA C", **CENTRE_BOLD)
    p.add(f"N° {number}", **CENTRE)
    p.add(f"Fecha: {when:%d/%m/%Y}", **CENTRE)
    p.add("-" * width)
    name, label, doc = rng.choice(AR_CLIENTS)
    p.add(f"Cliente: {name}")
    p.add(f"{label} {doc}")
    p.add("-" * width)
    p.add(columns("Descripción", "Precio", width), **BOLD)
    for ln in lines:
        price = f"${comma2(ln.unit)}"
        rows = wrap(f"{ln.qty} x {ln.name}", width - len(price) - 1)
        p.add(columns(rows[0], price, width))
        for row in rows[1:]:
            p.add(row)
    p.add("-" * width)
    p.add(columns("Subtotal:", f"${comma2(net)}", width))
    p.add(columns("IVA 21%:", f"${comma2(iva)}", width))
    p.add(columns("Total:", f"${comma2(total)}", width), **BOLD)
    for row in wrap("Régimen de Transparencia Fiscal al Consumidor (Ley 27.743)", width):
        p.add(row)
    p.add(f"IVA Contenido: ${comma2(iva)}")
    for row in wrap("Otros Impuestos Nacionales Indirectos: $0,00", width):
        p.add(row)
    p.add(f"Forma de Pago: {way}")
    p.add(f"CAE: 7{rng.randrange(10**12, 10**13)}")
    p.add(f"Vto. CAE: {min(when.day + 10, 28):02d}/{when:%m/%Y}")
    p.add("Gracias por su compra", **CENTRE)
    tender = {"Efectivo": "cash", "Tarjeta de Débito": "card"}.get(way, way)
    return p, Truth(-total if refund else total, [(ln.name, ln.qty, ln.value) for ln in lines],
                    number, tender, "refund" if refund else "sale",
                    occurred(when, time=False), None)


# --- Brazil: a DANFE NFC-e (80 mm), after the manual's divisions ---

BR_MENU = [
    ("7891000100103", "LEITE CONDENSADO MOCA 395G", 789),
    ("7894900011517", "REFRIG COCA COLA 2L", 1099),
    ("7896005800013", "ARROZ TIO JOAO T1 5KG", 2890),
    ("7891910000197", "ACUCAR UNIAO REFINADO 1KG", 549),
    ("7896102500014", "FEIJAO CARIOCA KICALDO 1KG", 879),
    ("7891962036106", "BISC RECHEADO BAUDUCCO CHOCOLATE 140G", 399),
    ("7898080640611", "CAFE PILAO TRADICIONAL A VACUO 500G", 2199),
    ("7891149103102", "CERVEJA BRAHMA LATA 350ML", 389),
    ("0000000021", "PAO FRANCES UN", 95),
    ("7891079000212", "MACARRAO ESPAGUETE ADRIA 500G", 479),
]
BR_PAYMENTS = {"01": "Dinheiro", "05": "Crédito Loja",
               "18": "Transferência bancária, Carteira Digital"}


def nfce_br(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 48
    menu = [(f"{code}  {name}", price) for code, name, price in BR_MENU]
    lines = pick_lines(rng, menu, counts=(1, 1, 1, 2, 2, 3, 6, 12))
    gross = sum(ln.value for ln in lines)
    discount = rng.choice([50, 100, 250, round(gross * 0.05)]) if rng.random() < 0.2 else 0
    discount = min(discount, gross - 1)
    total = gross - discount
    when = a_day(rng, (7, 22))
    way = rng.choices(["01", "05", "18", "03", "split"], [45, 10, 20, 15, 10])[0]
    p = Printed(codepage=rng.choice(["CP860", "CP860", "CP850"]), cut=rng.random() < 0.8)
    p.add("CNPJ: 12.487.336/0001-58", **CENTRE)
    p.add("MERCADINHO BOA VIAGEM LTDA", **CENTRE_BOLD)
    for row in wrap("Rua Barão de Souza Leão, 412, Boa Viagem, Recife - PE", width):
        p.add(row, **CENTRE)
    for row in wrap("Documento Auxiliar da Nota Fiscal de Consumidor Eletrônica", width):
        p.add(row, **CENTRE)
    p.add("-" * width)
    p.add(columns("Código  Descrição", "Valor total", width), **BOLD)
    p.add("Qtde  Un  x  Valor unit.", **BOLD)
    for ln in lines:
        for row in [ln.name] if len(ln.name) <= width else wrap(ln.name, width):
            p.add(row)
        p.add(columns(f"{ln.qty}  UN  x  {comma2(ln.unit)}", comma2(ln.value), width))
    p.add("-" * width)
    p.add(columns("Qtde. total de itens", str(len(lines)), width))
    p.add(columns("Valor total R$", comma2(gross), width))
    if discount:
        p.add(columns("Desconto R$", comma2(discount), width))
        p.add(columns("Valor a pagar R$", comma2(total), width), **BOLD)
    p.add(columns("FORMA DE PAGAMENTO", "VALOR PAGO R$", width), **BOLD)
    change = 0
    if way == "01":
        paid = rng.choice([c for c in (1000, 2000, 5000, 10000, 20000) if c >= total]
                          or [total]) if rng.random() < 0.7 else total
        change = paid - total
        p.add(columns("Dinheiro", comma2(paid), width))
    elif way == "split":
        cash = min(total - 1, rng.choice([1000, 2000, 5000]))
        p.add(columns("Dinheiro", comma2(cash), width))
        p.add(columns("Meio 03", comma2(total - cash), width))
    else:
        p.add(columns(BR_PAYMENTS.get(way, f"Meio {way}"), comma2(total), width))
    if change:
        p.add(columns("Troco R$", comma2(change), width))
    p.add("-" * width)
    p.add("Consulte pela Chave de Acesso em", **CENTRE_BOLD)
    p.add("http://nfce.sefaz.pe.gov.br/nfce/consulta", **CENTRE)
    key = f"2626{when:%m}12487336000158650010{n + 2210:09d}1{rng.randrange(10**7, 10**8)}"
    key += str(rng.randrange(10))
    for row in wrap(" ".join(key[i:i + 4] for i in range(0, 44, 4)), width):
        p.add(row, **CENTRE)
    p.add("-" * width)
    if rng.random() < 0.7:
        p.add("CONSUMIDOR NÃO IDENTIFICADO", **CENTRE_BOLD)
    else:
        p.add(f"CONSUMIDOR CPF: {rng.randrange(100, 999)}.{rng.randrange(100, 999)}."
              f"{rng.randrange(100, 999)}-{rng.randrange(10, 99)}", **CENTRE_BOLD)
    number = f"{n + 2210:09d}"
    p.add(f"NFC-e nº {number}  Série 001  {when:%d/%m/%Y %H:%M:%S}", **CENTRE_BOLD)
    p.add(f"Protocolo de autorização: 1262{rng.randrange(10**10, 10**11)}", **CENTRE)
    p.add(f"Data de autorização: {when + timedelta(seconds=rng.randint(1, 40)):%d/%m/%Y %H:%M:%S}",
          **CENTRE)
    tender = {"01": "cash", "split": None}.get(way, BR_PAYMENTS.get(way, f"Meio {way}"))
    truth_lines = [(ln.name.split("  ", 1)[1], ln.qty, ln.value) for ln in lines]
    if discount:
        truth_lines.append(("Desconto", 1, -discount))
    return p, Truth(total, truth_lines, number, tender, "sale", occurred(when), None)


# --- UK secondary: Trust-e (Nationwide Retail Systems), thumb at the till, a lend ---

TE_MENU = [("Pasta Pot", 230), ("Chicken Wrap", 265), ("Pizza Slice", 160), ("Cookie", 55),
           ("Fruit Juice 250ml", 85), ("Water 500ml", 70), ("Hot Dog", 190),
           ("Main Meal of the Day", 265), ("Jacket Potato Tuna Mayo", 245),
           ("Muffin Double Choc", 95), ("Fruit Pot", 65), ("Flavoured Milk", 90)]
TE_PUPILS = [("HARRIS", "Ellie", "10JW"), ("OKAFOR", "Daniel", "8RB"), ("NOWAK", "Zofia", "7LT"),
             ("PATEL", "Aarav", "11MS"), ("O'BRIEN", "Caitlin", "9HC"), ("SMITH", "Tyler", "12")]


def trust_e(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 42
    lines = pick_lines(rng, TE_MENU, most=4, counts=(1, 1, 1, 1, 2, 2, 3))
    deal = 30 if len(lines) >= 3 and rng.random() < 0.4 else 0
    total = sum(ln.value for ln in lines) - deal
    refund = rng.random() < 0.1
    when = a_day(rng, (8, 14))
    surname, first, form = rng.choice(TE_PUPILS)
    account = f"{rng.randint(1, 9999):06d}"
    fsm = (not refund) and rng.random() < 0.3
    allowance = 240
    before = rng.choice([-120, 0, 85, 410, 1250, 2030])
    p = Printed(codepage=rng.choice(["CP858", "CP850"]), crlf=rng.random() < 0.25,
                cut=rng.random() < 0.8)
    p.add("MEADOW LANE ACADEMY", **BIG)
    p.add("Trust-e Cashless Catering", **CENTRE)
    operator = rng.choice(["Karen", "Sue", "Dev"])
    p.add(columns(f"Till: BISTRO {rng.choice([1, 2])}", f"Op: {operator}", width))
    p.add(columns(f"Trans No: {4471200 + n}", f"{when:%d/%m/%y %H:%M}", width))
    p.add("-" * width)
    p.add(f"Customer: {surname}, {first} ({form})")
    ident = rng.choices(["Biometric", "PIN", "Name/Photo"], [70, 15, 15])[0]
    p.add(columns(f"Account: {account}", f"Ident: {ident}", width))
    p.add("-" * width)
    if refund:
        p.add("*** REFUND ***", **CENTRE_BOLD)
    for ln in lines:
        name = ln.name[:20]
        qty = f"{ln.qty}@{dot2(ln.unit)}" if ln.qty > 1 else ""
        p.add(name.ljust(21) + qty.ljust(11) + dot2(ln.value).rjust(width - 32))
    if deal:
        p.add(columns("Meal Deal Saving", dot2(-deal), width))
    p.add("-" * width)
    truth_lines = [(ln.name[:20], ln.qty, ln.value) for ln in lines]
    if deal:
        truth_lines.append(("Meal Deal Saving", 1, -deal))
    if refund:
        p.add(columns("REFUND TOTAL", pounds(total), width), bold=True, double_height=True)
        p.add(columns("Refunded to Cash Balance", pounds(total), width))
        after = before + total
        tender: str | None = "account"
    else:
        p.add(columns("TOTAL", pounds(total), width), bold=True, double_height=True)
        from_fsm = min(allowance, total) if fsm else 0
        from_balance = total - from_fsm
        if from_fsm:
            p.add(columns("Free Meal Allowance", pounds(from_fsm), width))
        if from_balance:
            p.add(columns("Paid from Cash Balance", pounds(from_balance), width))
        after = before - from_balance
        tender = None if from_fsm and from_balance else "fsm" if from_fsm else "account"
        if fsm:
            p.add(columns("FMA Left Today", pounds(allowance - from_fsm), width))
    p.add(columns("Balance B/F", pounds(before), width))
    p.add(columns("Balance C/F", pounds(after), width))
    if after < 0:
        p.add("** LEND - PLEASE TOP UP **", **CENTRE_BOLD)
    p.add(columns("Daily Spend Limit Left", pounds(max(0, 750 - (0 if refund else total))), width))
    p.add("Top up at the revaluation unit or ParentPay", **CENTRE)
    return p, Truth(-total if refund else total, truth_lines, str(4471200 + n), tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


# --- UK primary: Hampshire (HC3S) traditional meal, swipe card or photo, infant free meals ---

HC_BREAK = [("Toast", 40), ("Milk", 45), ("Fruit", 30), ("Cheese Scone", 55), ("Water", 35)]
HC_CLASSES = [("Year R Acorns", True), ("Year 1 Hazel", True), ("Year 2 Oak", True),
              ("Year 3 Ash", False), ("Year 4 Willow", False), ("Year 5 Rowan", False),
              ("Year 6 Beech", False)]
HC_PUPILS = ["Amelia NOWAK", "Oliver KHAN", "Isla BROWN", "Leo DAVIES", "Freya O'CONNOR",
             "Muhammad ALI", "Harry EVANS", "Poppy GREEN"]


def hc3s_primary(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 32
    klass, infant = rng.choice(HC_CLASSES)
    free = infant or rng.random() < 0.2  # universal infant meals; benefits-related free meals
    meal = rng.random() < 0.8
    lines: list[Line] = [Line("Traditional Meal", 1, 255)] if meal else []
    if not meal or rng.random() < 0.4:
        for name, price in rng.sample(HC_BREAK, rng.choice([1, 1, 2])):
            lines.append(Line(f"Break: {name}", rng.choice([1, 1, 2]), price))
    total = sum(ln.value for ln in lines)
    refund = meal and rng.random() < 0.08
    when = a_day(rng, (9, 13))
    account = f"{rng.randint(10000, 29999)}"
    before = rng.choice([0, 340, 1420, 2550, 600])
    p = Printed(codepage="CP437", crlf=rng.random() < 0.3, cut=rng.random() < 0.6)
    p.add("HC3S SCHOOL MEALS", **CENTRE_BOLD)
    p.add("Oakfield Primary - Kitchen", **CENTRE)
    p.add("-" * width)
    p.add(f"Pupil : {rng.choice(HC_PUPILS)}")
    p.add(f"Class : {klass}")
    p.add(f"Acct  : {account}")
    p.add(f"Id by : {rng.choice(['Swipe card', 'Photo'])}")
    if rng.random() < 0.1:
        p.add("** Special diet: NO NUTS **", **BOLD)
    p.add("-" * width)
    if refund:
        p.add("MEAL CANCELLED - REFUND", **BOLD)
        lines = [ln for ln in lines if ln.name == "Traditional Meal"]
        total = 255
    for ln in lines:
        name = ln.name if ln.qty == 1 else f"{ln.name} x{ln.qty}"
        p.add(columns(name, dot2(ln.value), width))
    p.add("-" * width)
    meal_part = 255 if meal and free and not refund else 0
    if refund:
        p.add(columns("Refund", pounds(total), width), **BOLD)
        way = "Universal Infant Meal" if infant else "Free Meal" if free else "Account"
        p.add(columns(f"Back to {way}", pounds(total), width))
        tender: str | None = "fsm" if free else "account"
        after = before if free else before + total
    else:
        p.add(columns("Amount Due", pounds(total), width), **BOLD)
        if meal_part:
            p.add(columns("Universal Infant Meal" if infant else "Free Meal", pounds(meal_part),
                          width))
        rest = total - meal_part
        if rest:
            p.add(columns("Paid From Account", pounds(rest), width))
        after = before - rest
        tender = None if meal_part and rest else "fsm" if meal_part else "account"
    p.add(columns("Account Balance", pounds(after), width))
    p.add("-" * width)
    number = f"{3100 + n:06d}"
    p.add(f"{when:%d %b %Y %H:%M}".upper() + f"  Rcpt {number}")
    truth_lines = [(ln.name, ln.qty, ln.value) for ln in lines]
    return p, Truth(-total if refund else total, truth_lines, number, tender,
                    "refund" if refund else "sale", occurred(when, seconds=False), account)


# --- UK college refectory: Fidelity "Instant Cashless" GPoS, cashless and cash in one sale ---

FI_MENU = [("Panini Ham & Cheese", 265, "S"), ("Soup & Roll", 180, "S"),
           ("Sandwich Meal Deal", 350, "Z"), ("Latte Regular", 195, "S"),
           ("Bottled Water", 80, "Z"), ("Toastie Cheese", 220, "S"),
           ("Fruit Salad Pot", 150, "Z"), ("Curry of the Day with Rice", 395, "S"),
           ("Flapjack", 110, "Z"), ("Hot Chocolate", 175, "S")]
FI_PEOPLE = [("Noah Williams", "Student"), ("Priya Shah", "Student"), ("Jack Turner", "Student"),
             ("Mrs D. Lewis", "Staff"), ("Mr K. Osei", "Staff"), ("Chloe Reid", "FSM")]


def fidelity_gpos(rng: random.Random, n: int) -> tuple[Printed, Truth]:
    width = 48
    menu = [(f"{name}|{code}", price) for name, price, code in FI_MENU]
    picked = pick_lines(rng, menu, most=5, counts=(1, 1, 1, 2, 2, 3))
    lines = [(Line(ln.name.split("|")[0], ln.qty, ln.unit), ln.name.split("|")[1]) for ln in picked]
    person, scheme = rng.choice(FI_PEOPLE)
    gross = sum(ln.value for ln, _ in lines)
    disc = round(gross * 0.1) if scheme == "Staff" and rng.random() < 0.6 else 0
    total = gross - disc
    refund = rng.random() < 0.1
    when = a_day(rng, (8, 16))
    account = f"{rng.randint(100000, 199999)}"
    p = Printed(codepage=rng.choice(["CP858", "CP850", "AUTO"]), cut=rng.random() < 0.85)
    p.add("KINGSWAY SIXTH FORM COLLEGE", **BIG)
    p.add(f"Refectory - GPoS Till {rng.choice(['01', '03'])}", **CENTRE)
    p.add("-" * width)
    p.add(columns(f"Date {when:%d-%m-%Y}", f"Time {when:%H:%M:%S}", width))
    number = f"{31200 + n:08d}"
    p.add(columns(f"Receipt {number}", f"Operator {rng.choice(['Sam', 'Bev', 'Tomasz'])}", width))
    p.add(f"Customer: {person}")
    p.add(columns(f"Account No: {account}", f"Scheme: {scheme}", width))
    p.add("-" * width)
    if refund:
        p.add("REFUND", **CENTRE_BOLD)
    p.add("Qty  Item".ljust(29) + "Price".rjust(8) + "Total".rjust(9))
    for ln, code in lines:
        p.add(f"{ln.qty:>3}  " + ln.name[:24].ljust(24) + dot2(ln.unit).rjust(8)
              + dot2(ln.value).rjust(9) + f" {code}")
    p.add("-" * width)
    truth_lines = [(ln.name[:24], ln.qty, ln.value) for ln, _ in lines]
    p.add(columns("Sub Total", pounds(gross), width))
    if disc:
        p.add(columns("Staff 10% Disc", pounds(-disc), width))
        truth_lines.append(("Staff 10% Disc", 1, -disc))
    p.add(columns("REFUND TOTAL" if refund else "TOTAL", pounds(total), width), **BOLD)
    standard = sum(ln.value for ln, code in lines if code == "S")
    if scheme == "Staff" and standard:
        vat = round(standard * (total / gross) / 6)
        p.add(columns("VAT @20% incl (S)", pounds(vat), width))
    balance = rng.choice([0, 150, 820, 1975, 3400])
    if refund:
        p.add(columns("Refund to Card", pounds(total), width))
        p.add(columns("Card Balance Remaining", pounds(balance + total), width))
        tender: str | None = "account"
    elif scheme == "FSM":
        fsm = min(total, 300)
        p.add(columns("Free Meal", pounds(fsm), width))
        rest = total - fsm
        if rest:
            p.add(columns("Cashless", pounds(rest), width))
        p.add(columns("Card Balance Remaining", pounds(balance), width))
        tender = None if rest else "fsm"
    else:
        way = rng.choices(["cashless", "cash", "both"], [60, 15, 25])[0]
        if way == "both" and 0 < balance < total:
            # what the card holds goes first, the rest in cash (the till takes both)
            cashless = balance
            cash_due = total - cashless
            handed = rng.choice([c for c in (500, 1000, 2000, 5000) if c >= cash_due]
                                or [cash_due])
            p.add(columns("Cashless", pounds(cashless), width))
            p.add(columns("Cash", pounds(handed), width))
            p.add(columns("Change", pounds(handed - cash_due), width))
            p.add(columns("Card Balance Remaining", pounds(balance - cashless), width))
            tender = None
        elif way == "cash" or way == "both" and not balance:
            handed = rng.choice([c for c in (500, 1000, 2000, 5000) if c >= total] or [total])
            p.add(columns("Cash", pounds(handed), width))
            p.add(columns("Change", pounds(handed - total), width))
            tender = "cash"
        else:
            p.add(columns("Cashless", pounds(total), width))
            p.add(columns("Card Balance Remaining", pounds(balance), width))
            tender = "account"
    p.add("Thank you - top up at the revaluer or ParentPay", **CENTRE)
    return p, Truth(-total if refund else total, truth_lines, number, tender,
                    "refund" if refund else "sale", occurred(when), account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[Printed, Truth]]] = {
    "boleta-pe": boleta_pe,
    "chek-ru": chek_ru,
    "factura-ar": factura_ar,
    "nfce-br": nfce_br,
    "trust-e": trust_e,
    "hc3s-primary": hc3s_primary,
    "fidelity-gpos": fidelity_gpos,
}
