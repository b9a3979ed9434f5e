"""Our renderers of real POS software's default receipt layouts (see README.md
for each one's source and what it prints where). Each takes a seeded
``random.Random`` and a receipt number and returns (ESC/POS bytes, Truth).

They describe the layouts in our own words: none of the POS projects' code
or templates is copied here.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from escpos.printer import Dummy

from tests.receipts_corpus import Sale, Truth, occurred, random_sale

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class Paper:
    """A receipt being printed through python-escpos's Dummy printer."""

    def __init__(self, width: int, codepage: str | None = None) -> None:
        self.p = Dummy()
        self.width = width
        if codepage:
            self.p.charcode(codepage)

    def line(self, text: str = "", *, align: str = "left", bold: bool = False,
             big: bool = False) -> None:
        self.p.set(align=align, bold=bold, double_height=big, double_width=big,
                   normal_textsize=not big)
        self.p.textln(text)

    def cols(self, *cells: tuple[str, int, str], bold: bool = False) -> None:
        """Fixed-width cells (text, width, "l"|"r"), cut to their width as the
        POS templates do."""
        out = "".join(t[:w].ljust(w) if a == "l" else t[:w].rjust(w) for t, w, a in cells)
        self.line(out.rstrip(), bold=bold)

    def lr(self, left: str, right: str, *, bold: bool = False, width: int | None = None) -> None:
        """``left`` and ``right`` justified to the paper's (or ``width``) edges."""
        w = width or self.width
        self.line(left + " " * max(1, w - len(left) - len(right)) + right, bold=bold)

    def rule(self, ch: str = "-") -> None:
        self.line(ch * self.width)

    def done(self, cut: bool = True) -> bytes:
        if cut:
            self.p.cut()
        else:
            self.p.ln(4)
        return self.p.output


def gbp(p: int) -> str:
    """Java's en_GB currency format: £2.30, -£2.30."""
    return ("-" if p < 0 else "") + f"£{abs(p) // 100:,}.{abs(p) % 100:02d}"


def num(p: int) -> str:
    """A plain two-decimal amount: 2.30, -2.30, 1,234.00."""
    return ("-" if p < 0 else "") + f"{abs(p) // 100:,}.{abs(p) % 100:02d}"


def java_medium(s: Sale, rng: random.Random) -> str:
    """Java's MEDIUM date-time for en_GB: before JDK 9 (28-Nov-2026
    12:01:05) or with CLDR data (28 Nov 2026, 12:01:05)."""
    w = s.when
    if rng.random() < 0.5:
        return f"{w.day:02d}-{MONTHS[w.month - 1]}-{w.year} {w:%H:%M:%S}"
    return f"{w.day} {MONTHS[w.month - 1]} {w.year}, {w:%H:%M:%S}"


def _truth_lines(s: Sale, width: int | None = None) -> list[tuple[str, int, int]]:
    return [((i.name[:width] if width else i.name).strip(), i.qty, i.value) for i in s.items]


def _given(total: int, rng: random.Random) -> int:
    step = rng.choice([10, 50, 100, 500, 1000, 2000])
    return ((total + step - 1) // step) * step if total > 0 else total


def _unsigned(lines: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A refund's truth lines: the amounts as a sale's (the truth's total has the sign)."""
    return [(d, q, abs(a)) for d, q, a in lines]


def _openbravo_cash(pp: Paper, total: int, rng: random.Random) -> None:
    """The cash block of Openbravo's ticket, which its forks uniCenta and Chromis kept:
    what was tendered and the change."""
    given = _given(total, rng)
    pp.line("Cash", bold=True)
    pp.cols(("Tendered:", 22, "l"), (gbp(given), 20, "r"))
    pp.cols(("Change:", 22, "l"), (gbp(given - total), 20, "r"))


def _ticket_items(pp: Paper, s: Sale, sign: int) -> list[tuple[str, int, int]]:
    """The item table uniCenta and Chromis print alike (both forks of Openbravo,
    whose own table prices before tax): name, price, signed quantity, value; a
    discount is a ticket line with a negative price (uniCenta's discount
    script). Returns the truth's lines."""
    pp.cols(("Item", 17, "l"), ("Price", 8, "r"), ("Qty", 7, "r"), ("Value", 10, "r"))
    pp.rule()
    lines = _truth_lines(s, width=17)
    for i in s.items:
        pp.cols((i.name, 17, "l"), (gbp(i.unit), 8, "r"), (f"x{sign * i.qty}", 7, "r"),
                (gbp(sign * i.value), 10, "r"))
    if s.discount:
        label, off = s.discount
        pp.cols((label, 17, "l"), (gbp(-off), 8, "r"), ("x1", 7, "r"), (gbp(-off), 10, "r"))
        lines.append((label[:17], 1, -off))
    return lines


# --- uniCenta oPOS 4.x -----------------------------------------------------------------


def unicenta(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "cash", "account", "fsm", "card", "cheque"))
    pp = Paper(42, rng.choice(["CP858", "CP437", "CP1252", None]))
    sign = -1 if s.kind == "refund" else 1
    pp.line("Oakfield Academy", align="center")
    pp.line("Dining Hall, Oak Road", align="center")
    if s.reprint:
        pp.line("REPRINT", align="center", bold=True)
    pp.line("Printer.Ticket", align="center")
    pp.line()
    pp.cols(("Refund:" if sign < 0 else "Receipt:", 15, "l"), (str(n), 27, "l"))
    pp.cols(("Date:", 15, "l"), (java_medium(s, rng), 27, "l"))
    pp.cols(("Terminal:", 15, "l"), ("TILL-1", 27, "l"))
    pp.cols(("Served by:", 15, "l"), (s.operator, 27, "l"))
    if s.pupil:
        pp.cols(("Account #:", 15, "l"), (s.account or "", 27, "l"))
        pp.cols(("Customer:", 15, "l"), (" ".join(s.pupil), 27, "l"))
        pp.cols(("Current Debt:", 15, "l"), (gbp(rng.choice([0, 0, 150, 320])), 27, "l"))
    pp.line()
    lines = _ticket_items(pp, s, sign)
    pp.rule()
    pp.line(f"Items count: {sum(i.qty for i in s.items)}")
    pp.line()
    total = sign * s.total
    pp.cols(("Subtotal", 16, "l"), (gbp(total - sign * s.vat), 26, "r"))
    pp.cols(("Tax", 16, "l"), (gbp(sign * s.vat), 26, "r"))
    pp.line()
    pp.cols(("Balance Due", 16, "l"), (gbp(total), 26, "r"), bold=True)
    pp.line()
    pp.cols(("Standard Rate", 18, "l"), (gbp(total - sign * s.vat), 12, "r"),
            (gbp(sign * s.vat), 12, "r"))
    pp.line()
    tender: str | None = {"cash": "cash", "account": "account", "fsm": "fsm", "card": "card",
                          "cheque": "Cheque"}[s.tender]
    if sign < 0:
        pp.cols(("Refund", 22, "l"), (gbp(total), 20, "r"), bold=True)
        tender = None  # a cash refund prints "Refund" only: nothing says how
    elif s.tender == "cash":
        _openbravo_cash(pp, total, rng)
    elif s.tender in ("account", "fsm", "cheque"):
        word = {"account": "On Account", "fsm": "Free", "cheque": "Cheque"}[s.tender]
        pp.cols((word, 22, "l"), (gbp(total), 20, "r"), bold=True)
    pp.line()
    pp.line("Thank you for your custom", align="center")
    pp.line("=" * 42)
    if s.tender == "card" and sign > 0:
        pp.line("CARD SALE", align="center", bold=True)
        pp.line(rng.choice(["VISA DEBIT", "MASTERCARD", "VISA"]))
        pp.line("************" + f"{rng.randint(0, 9999):04d}")
        pp.line()
        pp.cols(("AMOUNT", 10, "l"), (gbp(total), 32, "r"))
        pp.line(f"Tranx ID    : {rng.randint(100000, 999999)}")
        pp.line(f"Auth Code   : {rng.randint(10000, 99999)}A")
        pp.line("Verified By : PIN")
        pp.cols(("Total", 16, "l"), (gbp(total), 26, "r"), bold=True)
    refund_lines = _unsigned(lines) if sign < 0 else lines
    return pp.done(), Truth(total, refund_lines, str(n), tender, s.kind,
                            occurred(s.when), s.account if s.pupil else None)


# --- Chromis POS -----------------------------------------------------------------------


def chromis(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "cash", "account", "fsm", "card"))
    pp = Paper(42, rng.choice(["CP858", "CP437", None]))
    sign = -1 if s.kind == "refund" else 1
    pp.line("Chromis POS", align="center")
    pp.line("Hillside School Canteen", align="center")
    pp.line("Printer.Ticket", align="center")
    pp.line()
    pp.cols(("Refund:" if sign < 0 else "Receipt:", 15, "l"), (str(n), 27, "l"))
    pp.cols(("Date:", 15, "l"), (java_medium(s, rng), 27, "l"))
    pp.cols(("Terminal: ", 15, "l"), ("canteen-pc", 27, "l"))
    if s.pupil:
        pp.cols(("Customer:", 15, "l"), (" ".join(s.pupil), 27, "l"))
        pp.cols(("Account #:", 15, "l"), (s.account or "", 27, "l"))
        pp.cols(("Current Debt:", 15, "l"), (gbp(rng.choice([0, 0, 210])), 27, "l"))
    pp.cols(("Served by:", 15, "l"), (s.operator, 27, "l"))
    pp.line()
    lines = _ticket_items(pp, s, sign)
    pp.rule()
    pp.line(f"Items count: {sum(i.qty for i in s.items)}")
    pp.line()
    total = sign * s.total
    pp.cols(("Total", 16, "l"), (gbp(total), 26, "r"), bold=True)
    tender: str | None = s.tender
    if sign < 0:
        pp.line("Refund", bold=True)
        pp.cols((gbp(total), 42, "r"))
        tender = None
    elif s.tender == "cash":
        _openbravo_cash(pp, total, rng)
    elif s.tender == "card":
        pp.line("CARD SALE", align="center", bold=True)
        pp.line(rng.choice(["VISA DEBIT", "MASTERCARD"]))
        pp.line("************" + f"{rng.randint(0, 9999):04d}")
        pp.line()
        pp.cols(("AMOUNT", 10, "l"), (gbp(total), 32, "r"))
        pp.line(f"Tranx ID  : {rng.randint(100000, 999999)}")
        pp.line(f"Auth Code : {rng.randint(10000, 99999)}")
        pp.line()
    else:
        pp.line()
        pp.line({"account": "On Account", "fsm": "Free"}[s.tender], bold=True)
        pp.cols((gbp(total), 42, "r"))
    pp.line()
    pp.cols(("Nett of Tax:", 16, "l"), (gbp(total - sign * s.vat), 26, "r"))
    pp.cols(("Taxes:", 16, "l"), (gbp(sign * s.vat), 26, "r"))
    pp.line()
    pp.cols(("VAT 20%", 18, "l"), (gbp(total - sign * s.vat), 12, "r"),
            (gbp(sign * s.vat), 12, "r"))
    pp.line()
    pp.line("Thank You", align="center")
    pp.line("Please Call Again", align="center")
    refund_lines = _unsigned(lines) if sign < 0 else lines
    return pp.done(), Truth(total, refund_lines, str(n), tender, s.kind, occurred(s.when),
                            s.account if s.pupil else None)


# --- Openbravo POS 2.x -----------------------------------------------------------------


def openbravo(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "cash", "account", "fsm", "card"))
    pp = Paper(42, rng.choice(["CP437", "CP858", None]))
    sign = -1 if s.kind == "refund" else 1
    pp.line("St Mary's School Kitchen", align="center")
    pp.line("Church Lane", align="center")
    pp.line()
    pp.cols(("Refund:" if sign < 0 else "Receipt:", 15, "l"), (str(n), 27, "l"))
    pp.cols(("Date:", 15, "l"), (java_medium(s, rng), 27, "l"))
    if s.pupil:
        pp.cols(("Customer:", 15, "l"), (" ".join(s.pupil), 27, "l"))
        pp.cols(("", 15, "l"), (s.account or "", 27, "l"))  # the tax id, unlabelled
    pp.line()
    pp.cols(("Item", 17, "l"), ("Price", 10, "r"), ("", 5, "r"), ("Value", 10, "r"))
    pp.rule()
    # Prices and values before tax (printPrice, printSubValue): the items add
    # up to the subtotal, the subtotal and the taxes to the total.
    nets = []
    for i in s.items:
        unit_net = i.unit - s.vat_of(i.unit, i.vat)
        nets.append((i, unit_net))
        pp.cols((i.name, 17, "l"), (gbp(unit_net), 10, "r"), (f"x{sign * i.qty}", 5, "r"),
                (gbp(sign * unit_net * i.qty), 10, "r"))
    lines = [(i.name[:17].strip(), i.qty, u * i.qty) for i, u in nets]
    subtotal = sum(u * i.qty for i, u in nets)
    if s.discount:
        label, off = s.discount
        pp.cols((label, 17, "l"), (gbp(-off), 10, "r"), ("x1", 5, "r"), (gbp(-off), 10, "r"))
        lines.append((label[:17], 1, -off))
        subtotal -= off
    tax = sum(i.qty * i.unit for i, _ in nets) - sum(i.qty * u for i, u in nets)
    total = sign * (subtotal + tax)
    pp.rule()
    pp.cols(("Items count: ", 13, "l"), (str(sum(i.qty for i in s.items)), 10, "r"))
    pp.line()
    pp.cols(("Standard VAT", 18, "l"), (gbp(sign * subtotal), 12, "r"), (gbp(sign * tax), 12, "r"))
    pp.line(" ")
    pp.cols(("Subtotal.", 16, "l"), (gbp(sign * subtotal), 20, "r"))
    pp.cols(("Taxes.", 16, "l"), (gbp(sign * tax), 20, "r"))
    pp.line()
    pp.cols(("Total.", 16, "l"), (gbp(total), 20, "r"), bold=True)
    tender: str | None = s.tender
    pp.line()
    if sign < 0:
        pp.line("Refund", bold=True)
        pp.cols((gbp(total), 42, "r"))
        tender = None
    elif s.tender == "cash":
        _openbravo_cash(pp, total, rng)
    elif s.tender == "card":
        pp.line("Mag card", bold=True)
        pp.cols((gbp(total), 42, "r"))
        pp.cols(("Number:", 22, "l"), ("************" + f"{rng.randint(0, 9999):04d}", 20, "l"))
        pp.cols(("Expiration date:", 22, "l"), (f"{rng.randint(1, 12):02d}/{rng.randint(27, 31)}",
                                                20, "l"))
        pp.cols(("Operation:", 22, "l"), (str(rng.randint(10**6, 10**7)), 20, "l"))
        pp.cols(("Authorization:", 22, "l"), (f"{rng.randint(0, 999999):06d}", 20, "l"))
    else:
        pp.line({"account": "Debt", "fsm": "Free"}[s.tender], bold=True)
        pp.cols((gbp(total), 42, "r"))
    pp.line()
    pp.cols(("Cashier:", 15, "l"), (s.operator, 27, "l"))
    pp.line()
    pp.line("Thank you for your visit.", align="center")
    refund_lines = _unsigned(lines) if sign < 0 else lines
    return pp.done(), Truth(total, refund_lines, str(n), tender, s.kind, occurred(s.when), None,
                            ["the customer's tax id is printed without a label: not an account"])


# --- SambaPOS 3 (default ticket template) ---------------------------------------------


def sambapos(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "card", "account"), refund_rate=0.0)
    if s.discount:  # SambaPOS prints a calculation as "<name> %<rate>"
        pct = rng.choice([5, 10, 20])
        s.discount = (f"Discount %{pct}", max(1, round(s.gross * pct / 100)))
    pp = Paper(42, rng.choice(["CP858", "CP1252", None]))
    pp.line("TICKET", align="center", big=True)
    pp.line(f"Date:{s.when:%d/%m/%Y}")
    pp.line(f"Time:{s.when:%H:%M}")
    if rng.random() < 0.5:
        pp.line(f"Table: {rng.randint(1, 20)}")
    if s.pupil:
        pp.lr(f"Customer: {' '.join(s.pupil)}", f"07700 9{rng.randint(0, 99999):05d}")
    pp.line(f"Ticket No:{n}")
    pp.rule("-")
    for i in s.items:  # {PRICE} is the unit price; the quantity is before the name
        pp.lr(f"- {i.qty} {i.name}", num(i.unit))
    pp.rule("=")
    lines = _truth_lines(s)
    if s.discount:
        label, off = s.discount
        pp.lr(label, num(-off))
        lines.append((label, 1, -off))
    pp.lr("Total:", num(s.total), bold=True)
    word = {"cash": "Cash", "card": "Credit Card", "account": "Customer Account"}[s.tender]
    pp.lr(word, num(s.total), bold=True)
    pp.rule("=")
    pp.line("T H A N K   Y O U", align="center")
    return pp.done(), Truth(s.total, lines, str(n), s.tender, "sale",
                            occurred(s.when, seconds=False), None)


# --- VIVIPOS (receipt-sample-expanded-42c) ----------------------------------------------


def vivipos(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "cash", "card"), refund_rate=0.0)
    pp = Paper(42, rng.choice(["CP437", "CP858", None]))
    if s.reprint:
        pp.line("Bill Copy", align="center", big=True)
    pp.line("Tuck Shop", align="center", big=True)
    pp.line("Main Building", align="center", big=True)
    pp.line("01632 960123", align="center")
    printed = s.when.replace(minute=min(59, s.when.minute + rng.randint(0, 3)))
    pp.line(f"{'Opened:':<10} {s.when:%Y-%m-%d %H:%M:%S}")
    pp.line(f"{'Printed:':<10} {printed:%Y-%m-%d %H:%M:%S}")
    pp.line(f"{'Terminal:':<10} {'T01':<9} {'Clerk:':<6} {s.operator[:14]:<14}".rstrip())
    pp.rule()
    lines = []
    for i in s.items:
        code = "S" if i.vat else "Z"
        pp.line(f"{i.qty:>4} {i.name[:12]:<12} @{num(i.unit):>6} {num(i.value):>12} {code:>3}")
        lines.append((i.name[:12].strip(), i.qty, i.value))
        if s.discount and i is s.items[-1] and s.discount[0] == "Staff discount":
            label, off = s.discount
            pp.line(f"     {label:<20} {num(-off):>12}")
            lines.append((label, 1, -off))
    pp.rule()
    if s.discount and s.discount[0] != "Staff discount":
        off = s.discount[1]
        pp.line(f"{'Order Discount:':<15} {num(-off):>26}")
        pp.rule()
        lines.append(("Order Discount", 1, -off))
    pp.line(f"{'Subtotal:':<15} {num(s.total - s.vat):>26}")
    pp.line(f"{'Tax:':<15} {num(s.vat):>26}")
    pp.line(f"{'Total:':<15} {num(s.total):>26}")
    pp.line()
    given = _given(s.total, rng) if s.tender == "cash" else s.total
    word = "Cash:" if s.tender == "cash" else rng.choice(["VISA DEBIT:", "MASTERCARD:"])
    pp.line(f"  {word:<15} {num(given):>24}")
    pp.line()
    pp.line(f"{'Received:':<15} {num(given):>26}")
    pp.line(f"{'CHANGE:':<15} {num(given - s.total):>26}")
    pp.rule()
    pp.line()
    pp.line("Thank you for shopping at Tuck Shop!", align="center")
    return pp.done(), Truth(s.total, lines, None, s.tender, "sale", occurred(s.when), None)


# --- Odoo point of sale (OrderReceipt) --------------------------------------------------


def odoo(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("cash", "card", "account"), refund_rate=0.1)
    pp = Paper(42, rng.choice(["CP858", "CP1252", None]))
    sign = -1 if s.kind == "refund" else 1

    def cur(p: int) -> str:
        return f"£ {num(p)}"

    pp.line("Greenfield Academy Catering", align="center", big=True)
    pp.line("1 School Road, Leeds", align="center")
    pp.line("Tel:0113 496 0000", align="center")
    pp.line("VAT:GB123456789", align="center")
    pp.line("--------------------------------", align="center")
    pp.line(f"Served by {s.operator}", align="center")
    pp.line()
    if s.pupil:
        pp.line("---------------------------------------")
        pp.line(f"Client: {' '.join(s.pupil)}", bold=True, big=True)
    lines = []
    for i in s.items:
        q = sign * i.qty
        if q == 1:  # a "simple" line: the name and its price on one line
            pp.lr(i.name, num(i.value))
        else:
            pp.line(i.name)
            pp.lr(f"    {q} x {cur(i.unit)}", num(sign * i.value))
        lines.append((i.name, i.qty, i.value))
    if s.discount:
        label, off = "Discount", s.discount[1]
        pp.lr(label, num(-off))
        lines.append((label, 1, -off))
    pp.lr("", "--------")
    total = sign * s.total
    pp.lr("TOTAL", cur(total), bold=True)
    pp.line()
    word = {"cash": "Cash", "card": "Card", "account": "Customer Account"}[s.tender]
    given = _given(total, rng) if s.tender == "cash" else total
    pp.lr(word, num(given))
    pp.line()
    pp.lr("CHANGE", cur(given - total), bold=True)
    pp.line()
    pp.lr("VAT 20%", num(sign * s.vat))
    pp.lr("Total Taxes", cur(sign * s.vat))
    pp.line()
    number = f"Order {rng.randint(1, 99):05d}-{rng.randint(1, 9):03d}-{n:04d}"
    pp.line(number, align="center")
    pp.line(f"{s.when:%d/%m/%Y}, {s.when:%H:%M:%S}", align="center")
    refund_lines = _unsigned(lines) if sign < 0 else lines
    return pp.done(), Truth(total, refund_lines, number.split()[1], s.tender, s.kind,
                            occurred(s.when), None)


# --- A UK school cashless canteen till ---------------------------------------------------


def uk_school(rng: random.Random, n: int) -> tuple[bytes, Truth]:
    s = random_sale(rng, n, tenders=("account", "account", "fsm", "cash"), refund_rate=0.08,
                    pupil_rate=0.9)
    if s.tender in ("account", "fsm") and not s.pupil:
        s.tender = "cash"
    width = rng.choice([40, 42, 48])
    pp = Paper(width, rng.choice(["CP858", "CP437", None]))
    sign = -1 if s.kind == "refund" else 1
    pp.line("OAKFIELD ACADEMY", align="center", bold=True, big=True)
    pp.line("School Restaurant", align="center")
    pp.lr("Till 2", f"Operator: {s.operator}")
    w = s.when
    if rng.random() < 0.5:
        pp.lr(f"{DAYS[w.weekday()]} {w.day} {MONTHS[w.month - 1]} {w.year}", f"{w:%H:%M}")
    else:
        pp.lr(f"{w.day} {LONG_MONTHS[w.month - 1]} {w.year}", f"{w:%H:%M}")
    number = f"{n:06d}"
    pp.line(rng.choice([f"Trans No. {number}", f"Transaction: {number}", f"Receipt {number}"]))
    if s.kind == "refund":
        pp.line("*** REFUND ***", align="center", bold=True)
    if s.reprint:
        pp.line("** DUPLICATE RECEIPT **", align="center")
    account = None
    if s.pupil:
        name = " ".join(s.pupil)
        if rng.random() < 0.5:
            pp.line(f"Pupil: {name} ({s.form})")
        else:
            pp.lr(f"Name: {name}", f"Form: {s.form}")
        label = rng.choice(["Adm No:", "Account No:", "Acc:", "Admission No."])
        pp.line(f"{label} {s.account}")
        account = s.account
        if rng.random() < 0.5:
            pp.lr("Previous balance:", gbp(rng.randint(0, 4000)))
        if s.tender == "fsm":
            pp.line("FSM", bold=True)
    pp.rule()
    lines = []
    for i in s.items:
        style = rng.random()
        if i.qty == 1:
            pp.lr(i.name, num(sign * i.value))
        elif style < 0.5:
            pp.lr(f"{i.name} x{i.qty}", num(sign * i.value))
        else:
            pp.lr(f"{i.qty} @ {num(i.unit)} {i.name}", num(sign * i.value))
        lines.append((i.name, i.qty, i.value))
    if s.discount:
        label = rng.choice(["Meal deal saving", "Staff discount"])
        pp.lr(label, num(-s.discount[1]))
        lines.append((label, 1, -s.discount[1]))
    pp.rule()
    total = sign * s.total
    pp.lr("Total:", gbp(total), bold=True)
    word = {"account": rng.choice(["Cashless", "Pupil Account", "Cashless Account"]),
            "fsm": rng.choice(["Free Meal", "FSM", "Free School Meal"]),
            "cash": "Cash"}[s.tender]
    pp.line(f"{'Refunded to' if sign < 0 else 'Paid by'}: {word}")
    if s.tender == "cash" and sign > 0:
        given = _given(total, rng)
        pp.lr("Cash tendered:", gbp(given))
        pp.lr("Change:", gbp(given - total))
    if s.pupil:
        if s.tender == "fsm":
            pp.lr("FSM allowance left:", gbp(max(0, 240 - s.total)))
        pp.lr("Balance remaining:", gbp(rng.randint(-300, 5000)))
        pp.lr("Daily limit left:", gbp(rng.randint(0, 500)))
    pp.line()
    pp.line("Thank you - enjoy your meal!", align="center")
    refund_lines = _unsigned(lines) if sign < 0 else lines
    return pp.done(rng.random() < 0.8), Truth(total, refund_lines, number, s.tender, s.kind,
                                              occurred(s.when, seconds=False), account)


LAYOUTS: dict[str, Callable[[random.Random, int], tuple[bytes, Truth]]] = {
    "unicenta": unicenta,
    "chromis": chromis,
    "openbravo": openbravo,
    "sambapos": sambapos,
    "vivipos": vivipos,
    "odoo": odoo,
    "uk-school": uk_school,
}
