"""Learning how a till prints its item lines (part of ``agent receipt
learn``): from the items the technician confirmed, the shape of each printed
item line (its description, quantity and value as named groups, the text
around them generalised: amounts, numbers, one-letter tax codes), and
whether a long name is printed whole on the line below its truncated self.
"""

from __future__ import annotations

import re

MONEY = re.compile(r"-?[£$€]?\s?-?(\d[\d,]*)[.,](\d\d)(?!\d)")  # pounds, pence
_MONEY_RX = r"-?[£$€]?\s?-?\d[\d,]*[.,]\d\d-?"
# A row printing an amount and nothing else but perhaps its currency's
# word or symbol ("237.60 TL", "£4.20"): a total's amount under its label
# (anchored: the lookahead sees the whole row, so "Ara Toplam 264.00 TL" is none).
BARE = (r"^(?=[^\w\d]*" + _MONEY_RX + r"[£$€]?(?:\s*[^\W\d_]{1,4})?[^\w\d]*$)")


def total_printed(m: re.Match[str], lines: list[str], i: int) -> str:
    """The amount a total pattern's match on ``lines[i]`` reads: its
    ``amount`` group, else (the label alone) the amount alone on the row
    under it; "" when neither."""
    if m.group("amount") is not None:
        return m.group("amount")
    below = lines[i + 1] if i + 1 < len(lines) else ""
    return below if re.match(BARE, below) else ""
QUANTITY = r"\d+(?:[.,]0+)?"  # a count, whole ("2") or printed with decimals ("2.00")
# A whole number standing alone (no decimals, no part of "1,75l"): an amount
# in whole units of a currency.
WHOLE = re.compile(r"(?<![\d.,])-?(\d+)(?![\d.,]?\d)(?![^\W\d_])")


def _generalise(text: str) -> str:
    """The pattern of the parts of an item line around its fields: amounts,
    numbers and single capitals (tax codes) by their shape, words as printed."""
    out = []
    for m in re.finditer(r"-?[£$€]?-?\d[\d,]*[.,]\d\d-?[£$€]?|\d+|[^\W\d_]+|\s+|.", text):
        tok = m.group()
        if MONEY.fullmatch(tok.replace(" ", "").rstrip("£$€")):
            out.append(_MONEY_RX + "[£$€]?")  # a till prints the sign before or after
        elif tok in "£$€":
            out.append("[£$€]?")
        elif tok.isdigit():
            out.append(r"\d+")
        elif tok.isspace():
            out.append(r"\s+")
        elif len(tok) == 1 and tok.isupper():
            out.append("[A-Z]")
        else:
            out.append(re.escape(tok))
    return "".join(out)


def _item_pattern(line: str, item: tuple[str, int, int], name_above: bool = False
                  ) -> str | None:
    """An anchored ``line`` pattern for one printed item line holding the
    confirmed description and amount (and quantity, when printed);
    ``name_above``: the description is alone on the row above, and the
    pattern has none."""
    desc, qty, pence = item
    i = 0 if name_above else line.find(desc)
    if i < 0:
        return None
    spans: list[tuple[int, int, str]] = [] if name_above else [(i, i + len(desc), "description")]
    after = i + len(desc) * (not name_above)
    money = [m for m in MONEY.finditer(line) if m.start() >= after
             and int(m.group(1).replace(",", "")) * 100 + int(m.group(2)) == abs(pence)]
    amount = _MONEY_RX
    if not money and pence % 100 == 0:
        # a till printing whole units of its currency ("Coca-Cola 1,75l - 890 Ft"):
        # the amount a whole number, read as printed or as the reader writes
        # it with its pence ("890.00")
        money = [m for m in WHOLE.finditer(line) if m.start() >= after
                 and int(m.group(1)) * 100 == abs(pence)]
        amount = r"-?\d+(?:[.,]\d\d)?"
    if not money:
        return None
    start = money[-1].start() + len(money[-1].group()) - len(money[-1].group().lstrip())
    spans.append((start, money[-1].end(), "amount"))
    # a quantity stands alone or after an "x" ("x2"): never a tax code's digit ("T1")
    # (a till may print a count with decimals: "2.00 COCA COLA")
    for m in re.finditer(r"(?<![\d.,£$€])(?<![^\W\dxX])(\d+)(?:[.,]0+)?(?![\d.,])", line):
        if int(m.group(1)) == abs(qty) and not any(a <= m.start() < b for a, b, _ in spans):
            spans.append((m.start(), m.end(), "quantity"))  # a sign stays outside: "-4"
            break
    spans.sort()
    out, at = ["^"], 0
    for a, b, name in spans:
        gap = line[at:a]
        if name == "quantity":  # a refund's quantity may carry a sign ("-4")
            gap = gap.removesuffix("-")
        out.append(_generalise(gap) + ("-?" if name == "quantity" else ""))
        # (a name the samples printed without "@" or "%" takes none: "Discount
        # Amount @ 5.00 %  69.00" is a rate's line, never an item named so)
        named = ".+?" if set("@%") & set(desc) else "[^@%]+?"
        body = {"description": named, "amount": amount, "quantity": QUANTITY}[name]
        out.append(f"(?P<{name}>{body})" + ("[£$€]?" if name == "amount" else ""))
        at = b + (name == "amount" and line[b:b + 1] in ("£", "$", "€"))
    out.append(_generalise(line[at:]) + "$")
    return "".join(out)


def own_labels(samples: list[tuple[list[str], list[tuple[str, int, int]] | None]]) -> list[str]:
    """Patterns for the labels of the till's own lines with an amount
    ("Subtotal", "Sales tax", "Card"): on the samples whose items were
    confirmed, the first words of each line with an amount that holds no
    confirmed item's name. A learnt item line is never one of them."""
    out: list[str] = []
    for lines, items in samples:
        if items is None:
            continue
        names = [d for d, _q, _p in items if d]
        for line in lines:
            m = MONEY.search(line)
            if m is None or any(n in line for n in names):
                continue
            words = re.findall(r"[^\W\d_]+", line[:m.start()])[:2]
            rx = r"\W*".join(re.escape(w) for w in words)
            if rx and rx not in out:
                out.append(rx)
    return out


def line_candidates(lines: list[str], items: list[tuple[str, int, int]] | None,
                    others: list[str] | None = None) -> list[str]:
    """A ``line`` pattern for each shape of the sample's confirmed item lines
    ([] when one of them is not found as printed); ``others``: the till's
    own labels (``own_labels``), which such a pattern never reads as an item."""
    if not items:
        return []
    found: list[str] = []
    for item in items:
        rx = next((rx for ln in lines if (rx := _item_pattern(ln, item))), None)
        # "Rohlík" / "1ks x 3.00   12%   3.00": the name alone, its values under it
        rx = rx or next((rx for above, ln in zip(lines, lines[1:], strict=False)
                         if above == item[0] and (rx := _item_pattern(ln, item, True))), None)
        if rx is None:
            return []
        if others:
            rx = r"^(?!\W*(?:" + "|".join(others) + r")(?![^\W_]))" + rx[1:]
        if rx not in found:
            found.append(rx)
    return found


NAME_BELOW = r"^(?P<description>[^\W\d_].*)$"


def name_below(lines: list[str], items: list[tuple[str, int, int]] | None) -> bool:
    """Whether a confirmed item's whole name is printed alone on the line
    below a line holding its amount and the start of its name ("Cheese
    toast  3  7.05" over "Cheese toastie")."""
    for desc, _qty, pence in items or []:
        for above, line in zip(lines, lines[1:], strict=False):
            amounts = [int(a.replace(",", "")) * 100 + int(b) for a, b in MONEY.findall(above)]
            head = above.split("  ")[0].split()[0] if above.split() else ""
            if line == desc and abs(pence) in amounts and head and desc.startswith(head) \
                    and desc not in above:
                return True
    return False


# An amount of nothing ("$0.00", "0,00 EUR") ending a line: what a label's
# line prints on a receipt where its charge or credit was not given.
_AT_NOTHING = r"[^\d]*?(?<!\d)0+[.,]00(?!\d)[^\d]*$"


def set_aside(read: list[tuple[str, str | None]], items: list[tuple[str, int, int]] | None,
              at_nothing: bool = False) -> str:
    """An ``ignore`` pattern for the lines of a sample read as items (each
    line with the description read from it, None: no item) that print no
    item the technician confirmed ("Kwota A 23,00%  4,86", a tax summary
    among the lines): their label words, up to three ("" when none).
    ``at_nothing``: only those lines printing an amount of nothing, and
    each only at nothing ("Tips: $0.00" read as an item: the till's tip
    line, which other receipts print with a tip the total holds)."""
    if items is None:
        return ""
    names = [d for d, _q, _p in items if d]
    out: list[str] = []
    for line, desc in read:
        if desc is None or desc in names or any(n in line for n in names):
            continue
        if at_nothing and not re.search(_AT_NOTHING, line):
            continue
        m = MONEY.search(line)
        words = re.findall(r"[^\W\d_]+", line[:m.start()] if m else line)[:3]
        # (a tax code, a capital alone, is any capital: "Kwota B" teaches "Kwota A";
        # what is between the words is anything but letters: "VAT 20% on  1.67")
        rx = r"^[\W\d_]*" + r"[\W\d_]+".join(
            "[A-Z]" if len(w) == 1 and w.isupper() else re.escape(w) for w in words
        ) + (_AT_NOTHING if at_nothing else r"(?![^\W_])")
        if words and rx not in out:
            out.append(rx)
    return "|".join(out)
