"""Renderers of the holdout layouts: what each POS's receipt template prints
(README.md says where each comes from), for a ``Sale``, as ESC/POS bytes made
by python-escpos, with the ground truth of the receipt."""

from __future__ import annotations

import random
from collections.abc import Callable

from escpos.printer import Dummy

from tests.receipts_holdout import MENU, Sale, Truth, occurred, random_sale


class Doc:
    """Lines of text with a little styling, turned into bytes by python-escpos."""

    def __init__(self, codepage: str | None) -> None:
        self.p = Dummy()
        if codepage:
            self.p.charcode(codepage)
        self.style: tuple[bool, bool, str] = (False, False, "left")

    def line(self, text: str = "", bold: bool = False, big: bool = False,
             align: str = "left") -> None:
        if (bold, big, align) != self.style:
            self.p.set(align=align, bold=bold, double_width=big, double_height=big,
                       normal_textsize=not big)
            self.style = (bold, big, align)
        self.p.text(text + "\n")

    def end(self, cut: bool = True) -> bytes:
        if cut:
            self.p.cut()
        else:
            self.p.text("\n" * 4)
        return self.p.output


def m(pence: int) -> str:
    """``2.30``, ``-2.30``."""
    return f"{'-' if pence < 0 else ''}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def gbp(pence: int) -> str:
    """``£2.30``, ``-£2.30``."""
    return f"{'-' if pence < 0 else ''}£{m(abs(pence))}"


def right(label: str, amount: str, width: int, amount_width: int) -> str:
    """A totals row: the label right-aligned against the amount column."""
    return label.rjust(width - amount_width) + amount.rjust(amount_width)


def _truth(s: Sale, lines: list[tuple[str, int, int]], total: int, number: str | None,
           tender: str | None, date: str | None, account: str | None) -> Truth:
    return Truth(-total if s.refund else total, lines, number, tender,
                 "refund" if s.refund else "sale", date, account)


# -- Open Source Point of Sale (receipt_default.php) ---------------------------------------

def ospos(rng: random.Random) -> tuple[bytes, Truth]:
    s = random_sale(rng, ("cash", "cash", "card", "card", "account", "cheque", "split"))
    w = rng.choice([42, 48])
    c0, c1, c2, c3 = (17, 8, 8, 9) if w == 42 else (19, 10, 9, 10)
    sign = -1 if s.refund else 1
    fmt = rng.choice(["%d/%m/%Y %H:%M:%S", "%Y-%m-%d %I:%M:%S %p"])
    show_taxes = rng.random() < 0.5
    doc = Doc(rng.choice(["CP858", "CP1252", None]))
    doc.line("Broadfield Academy Catering", bold=True, align="center")
    doc.line("Hill Road, Broadfield BF1 2AB", align="center")
    doc.line("01632 960123", align="center")
    doc.line("Sales Receipt", align="center")
    doc.line(s.when.strftime(fmt), align="center")
    if s.student:
        doc.line(f"Customer: {s.student}")
    doc.line(f"Sale ID: POS {s.number}")
    doc.line(f"Employee: {s.operator}")
    doc.line("Desc.".ljust(c0) + "Price".ljust(c1) + "Quantity".ljust(c2) + "Total".rjust(c3))
    truth_lines = []
    total = 0
    for ln in s.lines:
        name = ln.name[:c0 - 1]
        doc.line(name.ljust(c0) + gbp(ln.unit).ljust(c1) + str(sign * ln.qty).ljust(c2)
                 + gbp(sign * ln.value).rjust(c3))
        truth_lines.append((name, ln.qty, ln.value))
        after = round(ln.value * (100 - s.discount_pct) / 100)
        if s.discount_pct:  # customer discount: a percentage off each item
            doc.line(f"{s.discount_pct} % Discount".ljust(c0 + c1 + c2) + gbp(after).rjust(c3))
        total += after
    discount = s.gross - total
    if discount:
        doc.line(right("Subtotal", gbp(s.gross), w, c3))
        doc.line(right("Discount:", gbp(-discount), w, c3))
        truth_lines.append(("Discount", 1, -discount))
    if show_taxes:
        vat = {r: round(sum(ln.value for ln in s.lines if ln.vat == r) * total / s.gross
                        * r / (100 + r)) for r in sorted({ln.vat for ln in s.lines})}
        doc.line(right("Subtotal", gbp(sign * (total - sum(vat.values()))), w, c3))
        for rate, amount in vat.items():
            doc.line(right(f"{rate}% VAT:", gbp(sign * amount), w, c3))
    doc.line(right("Total", gbp(sign * total), w, c3))
    doc.line()
    words = {"cash": "Cash", "card": "Debit Card", "account": "Due", "cheque": "Check"}
    if s.refund:
        doc.line(right(words[s.tender], gbp(total), w, c3))  # payments print negated
        change = 0
    elif s.tender == "split":  # part cash, the rest by card
        part = min(200, total // 2)
        doc.line(right("Cash", gbp(-part), w, c3))
        doc.line(right("Debit Card", gbp(-(total - part)), w, c3))
        change = 0
    else:
        paid = s.tendered if s.tender == "cash" else total
        doc.line(right(words[s.tender], gbp(-paid), w, c3))
        change = paid - total
    doc.line()
    doc.line(right("Change Due", gbp(change), w, c3))
    doc.line("Refunds within 7 days with this receipt.")
    doc.line(f"POS {s.number}", align="center")
    tender = {"cheque": "check", "split": None}.get(s.tender, s.tender)
    return doc.end(), _truth(s, truth_lines, total, str(s.number), tender,
                             occurred(s.when), None)


# -- Dolibarr TakePOS (takepos/receipt.php) ------------------------------------------------

def takepos(rng: random.Random) -> tuple[bytes, Truth]:
    s = random_sale(rng, ("cash", "cash", "card", "cheque"))
    w = 42
    sign = -1 if s.refund else 1  # a credit note: quantities positive, amounts negative
    show_ht = rng.random() < 0.5
    vat_grouped = rng.random() < 0.5
    print_payment = rng.random() < 0.8
    doc = Doc(rng.choice(["CP858", "CP437"]))
    doc.line("Broadfield Academy", bold=True, big=True, align="center")
    doc.line("School kitchen - cashless & cash")
    doc.line(f"Date {s.when:%d/%m/%Y}".rjust(w))
    ref = f"TC{rng.randint(1, 3)}-{s.when:%y%m}-{s.number % 10000:04d}"
    doc.line((("Receipt " if rng.random() < 0.5 else "") + ref).rjust(w))
    if s.student:
        doc.line(f"Customer: {s.student}".rjust(w))
    doc.line()
    doc.line("=" * w)
    cols = (14, 4, 8, 8, 8) if show_ht else (18, 6, 9, 0, 9)
    head = ["Label".center(cols[0]), "Qty".rjust(cols[1]), "Price".rjust(cols[2]),
            "Net".rjust(cols[3]) if show_ht else "", "Total".rjust(cols[4])]
    doc.line("".join(head))
    truth_lines = []
    total = 0
    vat: dict[int, int] = {}
    for ln in s.lines:
        value = round(ln.value * (100 - s.discount_pct) / 100)  # a discount folds into lines
        unit = round(value / ln.qty)
        tax = round(value * ln.vat / (100 + ln.vat))
        vat[ln.vat] = vat.get(ln.vat, 0) + tax
        name = ln.name[:cols[0] - 1]
        row = [name.ljust(cols[0]), str(ln.qty).rjust(cols[1]), m(sign * unit).rjust(cols[2]),
               m(sign * (value - tax)).rjust(cols[3]) if show_ht else "",
               m(sign * value).rjust(cols[4])]
        doc.line("".join(row))
        truth_lines.append((name, ln.qty, value))
        total += value
    doc.line()
    doc.line(right("Total (excl. tax)", gbp(sign * (total - sum(vat.values()))), w, 12))
    if vat_grouped:
        for rate in sorted(vat):
            doc.line(right(f"VAT {rate}%", gbp(sign * vat[rate]), w, 12))
    else:
        doc.line(right("Total VAT", gbp(sign * sum(vat.values())), w, 12))
    doc.line(right("Total (inc. tax)", gbp(sign * total), w, 12))
    words = {"cash": "Cash", "card": "Debit card", "cheque": "Check"}
    if print_payment:
        paid = s.tendered if s.tender == "cash" and not s.refund else total
        doc.line(right(words[s.tender], gbp(sign * paid), w, 12))
        if paid > total:
            doc.line(right("Change", gbp(paid - total), w, 12))
    doc.line("=" * w)
    doc.line("Thank you - see you tomorrow!", align="center")
    tender = {"cheque": "check"}.get(s.tender, s.tender) if print_payment else None
    # Only the day is printed: the truth is that day (RFC 3339 full-date), no time.
    return doc.end(cut=rng.random() < 0.7), _truth(s, truth_lines, total, ref, tender,
                                                   f"{s.when:%Y-%m-%d}", None)


# -- SAP Customer Checkout (SalesReceiptPrintTemplateJPOS.ftl) -----------------------------

CARDS = ["VISA", "MasterCard", "Maestro", "VISA Debit", "Debit Mastercard"]


def _java_medium(s: Sale, cldr: bool) -> str:
    return (f"{s.when:%d %b %Y}, {s.when:%H:%M:%S}" if cldr
            else f"{s.when:%d-%b-%Y %H:%M:%S}")


def cco(rng: random.Random) -> tuple[bytes, Truth]:
    s = random_sale(rng, ("cash", "cash", "card", "account"))
    w = rng.choice([42, 48])
    lc, rc, tc = 10, 11, 5
    mc = w - lc - rc - tc
    sign = -1 if s.refund else 1
    doc = Doc(rng.choice(["CP858", "CP1252"]))
    doc.line("Broadfield Academy", align="center")
    doc.line("Dining Hall", align="center")
    if s.refund:
        doc.line("RETURN", big=True, align="center")
        doc.line("Return:".ljust(lc) + f"{s.number:08d}")
    else:
        doc.line("RECEIPT", big=True, align="center")
        doc.line("Receipt:".ljust(lc) + f"{s.number:08d}")
    doc.line("Date:".ljust(lc) + _java_medium(s, rng.random() < 0.5))
    account = None
    if s.tender == "account" or s.student:
        account = s.account or f"{s.number % 9000 + 1000:06d}"
        doc.line("Customer:".ljust(lc) + account)
        doc.line(" " * lc + (s.student or "Staff member"))
    doc.line("- " * (w // 2))
    doc.line(" " * (lc + mc) + "GBP".rjust(rc))
    truth_lines = []
    for ln in s.lines:
        code = str(100100 + [n for n, _, _ in MENU].index(ln.name))
        doc.line(code.ljust(lc) + f"{sign * ln.qty} x {m(ln.unit)}".ljust(mc)
                 + m(sign * ln.value).rjust(rc) + ("A" if ln.vat else "B").rjust(tc))
        name = ln.name[:mc + rc]
        doc.line(" " * lc + name)  # the description goes under the article number
        truth_lines.append((name, ln.qty, ln.value))
    doc.line()
    if s.discount:
        doc.line(" " * lc + "Subtotal:".ljust(mc) + m(s.gross).rjust(rc), bold=True)
        doc.line(" " * lc + f"Discount: {s.discount_pct}.00%")
        doc.line(" " * lc + f"of {m(s.gross)} GBP =".ljust(mc) + m(-s.discount).rjust(rc))
        truth_lines.append(("Discount", 1, -s.discount))
    doc.line(" " * lc + "Total:".ljust(mc) + m(sign * s.total).rjust(rc), big=False, bold=True)
    vat = s.vat_by_rate()
    doc.line(" " * lc + "Net amount:".ljust(mc) + m(sign * (s.total - sum(vat.values()))).rjust(rc))
    doc.line(" " * lc + "Tax amounts:")
    for rate in sorted(vat, reverse=True):
        doc.line(" " * lc + f"{'A' if rate else 'B'}: {rate}.00%".ljust(mc)
                 + m(sign * vat[rate]).rjust(rc))
    doc.line()
    if s.tender == "account":
        doc.line(" " * lc + "On account:".ljust(mc) + m(sign * s.total).rjust(rc))
    elif s.tender == "card":
        doc.line(" " * lc + f"{rng.choice(CARDS)}:".ljust(mc) + m(sign * s.total).rjust(rc))
    elif s.refund:  # cash paid out is a negative cash payment, the "drawback"
        doc.line(" " * lc + "Change:".ljust(mc) + m(-s.total).rjust(rc))
    else:
        doc.line(" " * lc + "Cash:".ljust(mc) + m(s.tendered).rjust(rc))
        if s.tendered > s.total:
            doc.line(" " * lc + "Change:".ljust(mc) + m(s.total - s.tendered).rjust(rc))
    doc.line()
    doc.line(f"Served by: {s.operator}")
    doc.line("Thank you for your visit", align="center")
    return doc.end(), _truth(s, truth_lines, s.total, f"{s.number:08d}", s.tender,
                             occurred(s.when), account)


# -- ERPNext POS Invoice print format (pos_invoice.json) -----------------------------------

def erpnext(rng: random.Random) -> tuple[bytes, Truth]:
    s = random_sale(rng, ("cash", "card"))
    w = 42
    sign = -1 if s.refund else 1
    show_incl = not s.discount and rng.random() < 0.4
    name = rng.choice([f"ACC-SINV-{s.when:%Y}-{s.number:05d}", f"SINV-{s.number:05d}",
                       f"ACC-PSINV-{s.when:%Y}-{s.number:05d}"])
    doc = Doc(rng.choice(["CP858", "CP1252", None]))
    doc.line("Broadfield Academy Trust", align="center")
    doc.line("Invoice", align="center")
    doc.line(f"Receipt No: {name}")
    doc.line(f"Date: {s.when.strftime(rng.choice(['%d-%m-%Y', '%d/%m/%Y', '%d.%m.%Y']))}")
    doc.line(f"Customer: {s.student or 'Walk-in Customer'}")
    doc.line("-" * w)
    doc.line("Item".ljust(21) + "Qty".rjust(10) + "Amount".rjust(11))
    truth_lines = []
    for ln in s.lines:
        desc = ln.name[:20]
        doc.line(desc.ljust(21) + str(sign * ln.qty).rjust(10) + gbp(sign * ln.value).rjust(11))
        doc.line(" " * 21 + f"@ {gbp(ln.unit)}".rjust(10))
        truth_lines.append((desc, ln.qty, ln.value))
    vat = s.vat_by_rate()
    if show_incl:
        doc.line(right("Total Excl. Tax", gbp(sign * (s.total - sum(vat.values()))), w, 14))
        for rate in sorted(vat):
            if vat[rate]:
                doc.line(right(f"VAT {rate}%", gbp(sign * vat[rate]), w, 14))
    else:
        doc.line(right("Total", gbp(sign * s.gross), w, 14))
    if s.discount:
        doc.line(right("Discount", gbp(s.discount), w, 14))
        truth_lines.append(("Discount", 1, -s.discount))
    doc.line(right("Grand Total", gbp(sign * s.total), w, 14), bold=True)
    doc.line(right("Rounded Total", gbp(sign * s.total), w, 14), bold=True)
    doc.line(right("Total Qty", str(sign * sum(ln.qty for ln in s.lines)), w, 14), bold=True)
    doc.line("-" * w)
    doc.line("Thank you, please visit again.", align="center")
    # The format prints neither the tender nor a time of day (the date: full-date).
    return doc.end(), _truth(s, truth_lines, s.total, name, None, f"{s.when:%Y-%m-%d}", None)


# -- A UK school cashless till, second phrasing ---------------------------------------------

def school(rng: random.Random) -> tuple[bytes, Truth]:
    s = random_sale(rng, ("account", "account", "account", "fsm", "cash"), discounts=True)
    if s.tender == "fsm":  # the allowance covers one meal; keep the sale under it
        s.lines = s.lines[:1]
        s.lines[0].qty = 1
        s.discount_pct = 0
    if s.tender == "cash" and not s.refund:
        s.student = s.account = None
    w = 32
    till = rng.randint(1, 4)
    numeric_style = rng.random() < 0.5
    doc = Doc(rng.choice(["CP437", "CP858"]))
    doc.line("BROADFIELD ACADEMY", bold=True, align="center")
    doc.line(f"Dining Hall - Till {till}", align="center")
    if s.refund:
        doc.line("*** CREDIT NOTE ***", bold=True, align="center")
    if numeric_style:
        doc.line(f"{s.when:%d.%m.%y}".ljust(w - 5) + f"{s.when:%H:%M}")
        date = occurred(s.when, seconds=False)
    else:
        doc.line(f"Date: {s.when:%d/%m/%Y}")
        doc.line(f"Time: {s.when:%H:%M:%S}")
        date = occurred(s.when)
    number = f"{till}-{s.number:06d}"
    doc.line(f"Ref: {number}")
    doc.line("-" * w)
    if s.student:
        doc.line(f"Student: {s.student}")
        doc.line(f"Reg Group: {s.group}")
        doc.line(f"Student No: {s.account}")
        doc.line("-" * w)
    truth_lines = []
    for ln in s.lines:
        text = f"{ln.qty} {ln.name}"[:23]
        doc.line(text.ljust(24) + m(ln.value).rjust(8))
        truth_lines.append((text[len(str(ln.qty)) + 1:].strip(), ln.qty, ln.value))
    if s.discount:
        doc.line("  Meal deal discount".ljust(24) + m(-s.discount).rjust(8))
        truth_lines.append(("Meal deal discount", 1, -s.discount))
    doc.line("-" * w)
    paid_from = {"account": "Student account", "fsm": "Free meal allowance", "cash": "Cash"}
    if s.refund:
        doc.line("AMOUNT REFUNDED".ljust(24) + m(s.total).rjust(8), bold=True)
        doc.line(f"Credited to: {paid_from[s.tender]}")
    else:
        doc.line("AMOUNT SPENT".ljust(24) + m(s.total).rjust(8), bold=True)
        doc.line(f"Paid from: {paid_from[s.tender]}")
    if s.tender == "cash" and not s.refund:
        doc.line("Tendered".ljust(24) + m(s.tendered).rjust(8))
        doc.line("Change".ljust(24) + m(s.tendered - s.total).rjust(8))
    elif s.tender == "account":
        before = rng.randint(0, 3000) + (0 if s.refund else s.total)
        after = before + (s.total if s.refund else -s.total)
        doc.line("Old balance".ljust(24) + m(before).rjust(8))
        doc.line("New balance".ljust(24) + m(after).rjust(8))
        if not s.refund:
            doc.line("Spent today".ljust(24) + m(s.total + rng.choice([0, 0, 60, 145])).rjust(8))
            doc.line("Daily limit".ljust(24) + m(2000).rjust(8))
    elif s.tender == "fsm":
        doc.line("Allowance today".ljust(24) + m(300).rjust(8))
        doc.line("Allowance left".ljust(24) + m(max(0, 300 - s.total)).rjust(8))
    doc.line()
    doc.line("Thank you - enjoy your meal", align="center")
    return doc.end(cut=rng.random() < 0.6), _truth(s, truth_lines, s.total, number, s.tender,
                                                   date, s.account if s.student else None)


LAYOUTS: dict[str, Callable[[random.Random], tuple[bytes, Truth]]] = {
    "ospos": ospos, "takepos": takepos, "sap-cco": cco, "erpnext": erpnext,
    "school-b": school,
}
