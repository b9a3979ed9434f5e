"""Receipts composed from the shapes real tills print, in combinations the
scoreboard's corpora do not hold, for the money red team
(``tests/test_receipt_money_red_team.py``): discounts after the subtotal,
service charges and tips, deposits and returns, split tenders with change,
voided lines, reprints, balance and allowance lines, VAT summaries, a net
and a gross total, labels in several languages, widths 32-48, amounts with
and without a currency mark. Each is rendered by python-escpos (a client
library nobody here wrote) and decoded by the agent's own decoder, as the
scoreboard does."""

from __future__ import annotations

from dataclasses import dataclass

from escpos.printer import Dummy
from hypothesis import strategies as st

from drivers.receipt import ParsedReceipt, interpret
from tests.receipts_score import decode, journal_tender

NAMES = ["Cookie", "Pasta bake", "Orange juice", "Fish & chips", "Panini", "Water 500ml",
         "Jacket potato", "Fruit pot", "Tea", "Bagel", "Pizza slice", "Flapjack"]
TOTAL_WORDS = ["TOTAL", "Total", "Total:", "TOTAL DUE", "Amount due", "TOTAAL", "SUMME",
               "Gesamt", "TOTALE", "Importe", "A PAYER", "Montant", "Balance due", "To pay",
               # words no rule may know: Estonian, Swedish, Polish, Turkish, Malay, Czech
               "Kokku", "Summa", "Razem", "Toplam", "Jumlah", "Celkem"]
SUBTOTAL_WORDS = ["Subtotal", "SUB TOTAL", "Sub-total", "Zwischensumme", "Sous-total",
                  "Subtotale"]
CASH_WORDS = ["Cash", "CASH", "Bargeld", "Efectivo", "Especes", "Contanti", "Contant"]
CARD_WORDS = ["Card", "VISA", "Karte", "Tarjeta", "Carte", "Carta", "Contactless",
              "Debit card"]
OTHER_TENDERS = ["Sodexo", "Lunch pass", "Edenred", "Twint", "M-Pesa", "Voucher"]
CHANGE_WORDS = ["Change", "CHANGE", "Change due", "Ruckgeld", "Cambio", "Rendu", "Resto"]


@dataclass
class Composed:
    """A composed receipt: its printed lines and its true money."""

    printed: list[str]
    total: int
    tender: str | None  # the printed word of a single tender; None for a split


def cols(left: str, right: str, width: int) -> str:
    """Two columns on a line of ``width``: ``right`` right-aligned."""
    return left + " " * max(2, width - len(left) - len(right)) + right


def fmt(pence: int, mark: str) -> str:
    """An amount as the till prints it: ``mark`` before it ("£", "EUR "),
    after it (" EUR", ",EUR": a decimal comma) or nothing."""
    sign = "-" if pence < 0 else ""
    figures = f"{abs(pence) / 100:.2f}"
    if mark == ",€":
        return f"{sign}{figures.replace('.', ',')} €"
    if mark in ("", " EUR"):
        return f"{sign}{figures}{mark}"
    return f"{sign}{mark}{figures}"


@st.composite
def receipts(draw) -> Composed:
    """A receipt of 1-4 items with the extras real tills print around them."""
    width = draw(st.integers(32, 48))
    mark = draw(st.sampled_from(["", "£", "$", " EUR", "EUR ", ",€", "€"]))
    out: list[str] = [draw(st.sampled_from(["THE SCHOOL CAFE", "Kantine", "Mensa", "Cafe"]))]
    if draw(st.booleans()):
        out.append(f"Receipt No: {draw(st.integers(100, 99999))}")
    out.append(f"0{draw(st.integers(1, 9))}/11/2026 12:{draw(st.integers(10, 59))}")
    paid_by_above = draw(st.booleans())  # "Paid by: Card" in the header, no amount
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(["** REPRINT **", "DUPLICATE", "COPY"])))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    items = 0
    for name in names:
        qty = draw(st.integers(1, 3))
        unit = draw(st.integers(20, 650))
        value = qty * unit
        items += value
        shape = draw(st.sampled_from(["plain", "x", "at", "under"])) if qty > 1 else "plain"
        if shape == "plain" or qty == 1:
            out.append(cols(name if qty == 1 else f"{qty} {name}", fmt(value, mark), width))
        elif shape == "x":
            out.append(cols(f"{qty} x {name}", fmt(value, mark), width))
        elif shape == "at":
            out.append(cols(f"{name} {qty} @ {unit / 100:.2f}", fmt(value, mark), width))
        else:
            out.append(name)
            out.append(cols(f"  {qty} x {unit / 100:.2f}", fmt(value, mark), width))
    if draw(st.booleans()):  # a voided line: printed and taken off again
        voided = draw(st.integers(20, 400))
        out.append(cols("Crisps", fmt(voided, mark), width))
        out.append(cols(draw(st.sampled_from(["VOID Crisps", "Void", "** VOID **"])),
                        fmt(-voided, mark), width))
    extras = draw(st.lists(st.sampled_from(["discount", "service", "tip", "deposit"]),
                           max_size=2, unique=True))
    added: list[tuple[str, int]] = []  # each extra's line and what it adds to the total
    for extra in extras:
        if extra == "discount":
            words = ["Discount", "Staff discount 10%", "Rabatt", "Remise", "Descuento"]
            added.append((draw(st.sampled_from(words)), -draw(st.integers(1, max(1, items // 2)))))
        elif extra == "service":
            words = ["Service charge", "Service 10%", "Servizio", "Bedienung"]
            added.append((draw(st.sampled_from(words)), draw(st.integers(5, 300))))
        elif extra == "tip":
            words = ["Tip", "Gratuity", "Trinkgeld", "Pourboire"]
            added.append((draw(st.sampled_from(words)), draw(st.integers(10, 500))))
        else:
            words = ["Deposit return", "Bottle return", "Pfand Ruckgabe"]
            added.append((draw(st.sampled_from(words)), -draw(st.integers(5, 100))))
    if items + sum(delta for _, delta in added) <= 0:
        added = [(word, delta) for word, delta in added if delta > 0]  # nothing below zero
    if added:
        out.append(cols(draw(st.sampled_from(SUBTOTAL_WORDS)), fmt(items, mark), width))
    out.extend(cols(word, fmt(delta, mark), width) for word, delta in added)
    total = items + sum(delta for _, delta in added)
    if draw(st.integers(0, 4)) == 0:  # a balance or allowance printed above the total
        out.append(cols(draw(st.sampled_from(["FSM allowance", "Balance before",
                                               "Previous balance", "Daily limit"])),
                        fmt(draw(st.sampled_from([total, items, 250])), mark), width))
    summary = draw(st.sampled_from(["none", "net", "two_totals", "on_top", "block",
                                    "rounding"]))
    if summary == "net":
        vat = round(total / 6)
        out.append(cols("Net", fmt(total - vat, mark), width))
        out.append(cols("VAT 20%", fmt(vat, mark), width))
    elif summary == "two_totals":  # a net and a gross total
        vat = round(total / 6)
        out.append(cols(draw(st.sampled_from(["Total excl. VAT", "Net total", "Netto"])),
                        fmt(total - vat, mark), width))
        out.append(cols("VAT", fmt(vat, mark), width))
    elif summary == "on_top":  # tax added to the subtotal, as US tills print it
        if not added:
            out.append(cols("Subtotal", fmt(total, mark), width))
        tax = round(total * 8 / 100)
        out.append(cols(draw(st.sampled_from(["Tax 8%", "Sales tax", "TAX"])),
                        fmt(tax, mark), width))
        total += tax
    elif summary == "rounding":  # cash rounding to the nearest 5
        off = total % 5
        if off:
            out.append(cols("Rounding", fmt(-off, mark), width))
            total -= off
    if summary == "two_totals":
        out.append(cols(draw(st.sampled_from(["Total incl. VAT", "Gross total",
                                              "Brutto"])), fmt(total, mark), width))
    else:
        out.append(cols(draw(st.sampled_from(TOTAL_WORDS)), fmt(total, mark), width))
    if summary == "block":  # a VAT summary in columns after the total
        vat = round(total / 6)
        out.append("VAT%    Net     VAT    Gross")
        out.append(f"20%  {(total - vat) / 100:7.2f} {vat / 100:6.2f} {total / 100:8.2f}")
    tender: str | None
    pay = draw(st.sampled_from(["cash", "card", "split", "split_change", "other"]))
    if pay == "cash":
        tender = draw(st.sampled_from(CASH_WORDS))
        given = total + draw(st.integers(0, 2000))
        out.append(cols(tender, fmt(given, mark), width))
        if given > total or draw(st.booleans()):
            out.append(cols(draw(st.sampled_from(CHANGE_WORDS)), fmt(given - total, mark),
                            width))
    elif pay == "other":  # a tender no table may know: flagged, or read right
        tender = draw(st.sampled_from(OTHER_TENDERS))
        out.append(cols(tender, fmt(total, mark), width))
    elif pay == "card" and paid_by_above:
        tender = draw(st.sampled_from(CARD_WORDS))
        out.insert(2, f"Paid by: {tender}")
    elif pay == "card":
        tender = draw(st.sampled_from(CARD_WORDS))
        out.append(cols(tender, fmt(total, mark), width))
    else:
        tender = None
        first = draw(st.integers(1, max(1, total - 1))) if total > 1 else total
        out.append(cols(draw(st.sampled_from(CARD_WORDS)), fmt(first, mark), width))
        rest = total - first
        if rest:
            given = rest + (draw(st.integers(1, 1000)) if pay == "split_change" else 0)
            out.append(cols(draw(st.sampled_from(CASH_WORDS)), fmt(given, mark), width))
            if given > rest:
                out.append(cols(draw(st.sampled_from(CHANGE_WORDS)), fmt(given - rest, mark),
                                width))
        else:
            tender = out[-1].split("  ")[0]
    if draw(st.booleans()):
        out.append(cols(draw(st.sampled_from(["Balance remaining", "Account balance",
                                               "Allowance", "Points balance"])),
                        fmt(draw(st.sampled_from([total, draw(st.integers(0, 5000))])), mark),
                        width))
    if draw(st.booleans()):
        out.append(draw(st.sampled_from(["Thank you!", "Danke", "Merci", "Grazie"])))
    return Composed(out, total, tender)


def render(printed: list[str]) -> ParsedReceipt:
    """The receipt printed by python-escpos, decoded by the agent's decoder
    and read with the default rules."""
    p = Dummy()
    for line in printed:
        p.textln(line)
    p.cut()
    return interpret(decode(p.output)[0][0])


def money_right(p: ParsedReceipt, r: Composed) -> bool:
    """The total and tender read are the truth (a split read as two or more
    parts is the split)."""
    if p.total_pence != r.total:
        return False
    if r.tender is None:
        return len(p.tenders) >= 2 and sum(t.amount_pence for t in p.tenders) >= r.total
    return journal_tender(p.tender) == journal_tender(r.tender) and len(p.tenders) <= 1
