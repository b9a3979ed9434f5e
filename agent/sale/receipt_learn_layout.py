"""Learning a till's whole layout (part of ``agent receipt learn``), so its
profile is complete: every line the samples printed, by where it is printed
(above the items, among them, below the total) and the shapes of its item
lines, and the fields every sample printed. A receipt of that till with a
line nobody taught, or without such a field, is then flagged
``template_miss`` (``drivers.receipt.profile``), not read on trust.

A line's shape keeps what a till prints the same on every receipt and
generalises what changes: amounts and numbers always, words where the
samples' lines of the same shape (same first word) print different ones (a
cashier's or a customer's name); an item line's words always (the menu).
Lines the samples themselves read wrong are not taught: an item the
technician did not confirm ("IVA 20%  2.01" read as an item), a line holding
an item's name the rules did not read.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

from agent.config import ReceiptConfig, ReceiptTemplate
from agent.sale.receipt_learn_dates import ORDINALS
from agent.sale.receipt_learn_fields import CONFIRMED, Truth, field_right
from agent.sale.receipt_learn_places import OPTIONAL, below_unread_total, optional_lines
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import UNPARSED, interpret, lines_judged
from drivers.receipt.profile import EXPECTABLE, ITEM
from drivers.receipt.settle import _unmarked

LAYOUT = "learnt-layout"  # the name of the template holding the layout
_MONEY_RX = r"-?[£$€]?\s?-?\d[\d,]*[.,]\d\d-?[£$€]?"
_MONEY_AFTER_SPACE = r"-?(?:[£$€]\s?)?-?\d[\d,]*[.,]\d\d-?[£$€]?"
# A reference code mixing letters and digits ("XQKSV8X5JR", "7Q2KD9"): one
# token, any such code (a card slip's transaction code is new every time).
# (six or more letters and digits, a digit and a letter among them)
_CODE_RX = (r"(?<![^\W_])(?=" + r"[^\W_]" * 6 + r")(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+")
# A signature or a hash as a program prints it in base64 ("UcjzB5kd34o7+iN5",
# "WyipKllHsq3TeQ+rkB+ia7=="): letters, digits, "+" and "/", "=" padding
# at its end, alone on its line (a fiscal signature is new every time; one
# without a sign of base64 is a code of letters and digits, ``_CODE_RX``).
_SIGNATURE_RX = r"^(?=[A-Za-z0-9+/]{8})(?=\S*[A-Za-z])(?=\S*[+/=])[A-Za-z0-9+/]+={0,2}$"
# Words; one running into digits is not joined to those before it (it may
# begin a code: "Transaction code XQKSV8X5JR" is words, then a code).
_WORDS_RX = r"[^\W\d_]+(?:[ '&.-]+(?![^\W\d_]*\d)[^\W\d_]+)*"
# Words listed, a comma between each ("Priya, Aisha, Tom, Jane"): a list
# of names the till prints, any words in any number.
_LIST_RX = _WORDS_RX + r"(?:,\s+" + _WORDS_RX + r")+"
_WORDS_LISTED = re.compile(r"^" + _LIST_RX + r"$")
_TOKEN = re.compile(r"(?P<B>" + _SIGNATURE_RX + r")|(?P<M>" + _MONEY_RX + r")|(?P<C>"
                    + _CODE_RX + r")|(?P<N>-?\d+)|(?P<W>" + _WORDS_RX
                    + r")|(?P<S>\s+)|(?P<R>(?P<c>[^\w\s])(?P=c){2,})|(?P<O>.)")


def _tokens(line: str, name: str = "") -> list[tuple[str, str]]:
    """A line's tokens (kind, text); ``name``: an item's description in it,
    one token of its own (``D``: any text)."""
    if name and (i := line.find(name)) >= 0:
        return [*_tokens(line[:i]), ("D", name), *_tokens(line[i + len(name):])]
    toks = [(m.lastgroup or "O", m.group()) for m in _TOKEN.finditer(line)]
    return [t for k, tok in enumerate(toks) for t in (
        _date_words(tok[1], k > 0 and toks[k - 1][0] == "N") if tok[0] == "W" else [tok])]


# Words of a date or a time that change from receipt to receipt, though a
# few samples may all print the same one ("PM", "th", "MAR"): each is any
# word of its kind, never the sample's.
_MONTHS = {m.lower() for m in (*calendar.month_name[1:], *calendar.month_abbr[1:])}
_DAYS = {d.lower() for d in (*calendar.day_name, *calendar.day_abbr)}


def _longest_first(words: set[str]) -> str:
    """``words`` as alternatives, the longest first ("june" before "jun"),
    words of one length in alphabetical order: a set's own order changes
    with the hash seed, and a technician learning twice from the same
    samples must get the same profile."""
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_DATE_WORDS = {
    "Tp": r"(?i:[ap]\.?m\.?)",
    "Tm": "(?i:" + _longest_first(_MONTHS) + ")",
    "Tw": "(?i:" + _longest_first(_DAYS) + ")",
    "To": "(?i:" + "|".join(ORDINALS) + ")",
}


# A tax band's letter printed after a tax word or a band's amount or rate
# ("Kwota B", "PTU C", "VAT A"): a token of its own, so each band's line is
# any band's (``_token_rx``: any capital); never after other words ("Meal
# Plan A" is its own line, not any plan's).
_CODE_AFTER = re.compile(r"(?i:\b(?:kwota|stawka|ptu|vat|tax|gst|mwst|iva|tva|band|rate|"
                         r"opod\.?))(?P<sp> +)(?P<code>(?-i:[A-G]))$")


def _date_kind(word: str, after_digit: bool) -> str | None:
    """The kind of date word ``word`` is (``_DATE_WORDS``); None: none."""
    low = word.lower().replace(".", "")
    if after_digit and low in ORDINALS:
        return "To"  # "1st", "22nd": a day's ordinal ending
    if low in ("am", "pm"):
        return "Tp"
    return "Tm" if low in _MONTHS else "Tw" if low in _DAYS else None


def _date_words(text: str, after_digit: bool) -> list[tuple[str, str]]:
    """A run of words as tokens: the date words in it on their own
    (``_date_kind``), the others still one run; the run unchanged when it
    holds none."""
    pieces = re.split(r"([^\W\d_]+)", text)  # odd places: words; even: what is between
    kinds = [_date_kind(w, after_digit and i == 1) if i % 2 else None
             for i, w in enumerate(pieces)]
    if not any(kinds):
        if m := _CODE_AFTER.search(text):  # "Kwota B": the till's word, then a tax code
            return [("W", text[:m.start("sp")]), ("S", m["sp"]), ("W", m["code"])]
        return [("W", text)]
    out: list[tuple[str, str]] = []
    run = ""
    for i, (piece, kind) in enumerate(zip(pieces, kinds, strict=True)):
        beside = (i > 0 and kinds[i - 1]) or (i + 1 < len(kinds) and kinds[i + 1])
        if kind or (i % 2 == 0 and beside):
            if run:
                out.append(("W", run))
                run = ""
            if kind:
                out.append((kind, piece))
            else:  # (what is between a date word and the next: spaces, a dot)
                out += [("S" if ch.isspace() else "O", ch) for ch in piece]
        else:
            run += piece
    return out + ([("W", run)] if run else [])


def _token_rx(kind: str, texts: list[str], item: bool, fixed: set[str]) -> str:
    """The pattern of one position of a group of lines of the same shape;
    ``fixed``: the words the till printed on two samples or more."""
    if kind == "M":
        # A token of money may begin with the space before it ("1   3.20" is
        # a quantity and " 3.20"): that space is no option, or the shape
        # would match "13.20".
        if all(t[:1].isspace() for t in texts):
            return r"\s+" + _MONEY_AFTER_SPACE
        return _MONEY_RX
    if kind == "N":
        return r"-?\d+"
    if kind == "A":  # an item line's number or amount: a till may print whole pounds ("3")
        if all(t[:1].isspace() for t in texts):
            return r"\s+(?:" + _MONEY_AFTER_SPACE + r"|\d+)"
        return r"(?:" + _MONEY_RX + r"|-?\d+)"
    if kind == "C":
        return r"[^\W_]+"
    if kind == "B":
        return _SIGNATURE_RX[1:-1]
    if kind == "D":  # an item's name: where the rules read it, or alone on its line
        # (alone: no amount, date, time or label's colon: "Fecha:..." is none)
        return ITEM if item else r"(?!.*\d[.,:/-]\d)[^\W\d_][^:]*"
    if kind == "R":  # a rule ("-----", "====="): a till prints it as wide as its paper
        # (each rule the group printed: "*****" and "-----" below one total)
        rules = [re.escape(c) + "{3,}" for c in dict.fromkeys(t[0] for t in texts)]
        return rules[0] if len(rules) == 1 else "(?:" + "|".join(rules) + ")"
    if kind in _DATE_WORDS:
        return _DATE_WORDS[kind]
    if kind == "S":
        return r"\s+"
    if kind == "O":
        # a sign before a currency's word and its amount ("-CHF 0.02",
        # "+CHF 0.02"): the value's, either on the next receipt
        if set(texts) <= {"+", "-"}:
            return "[+-]"
        return re.escape(texts[0])
    if item:
        return _WORDS_RX
    if all(len(t) == 1 and t.isupper() for t in texts):
        return "[A-Z]"  # a tax code ("A", "B") is any capital
    words = [re.findall(r"[^\W\d_]+", t) for t in texts]
    if len(set(texts)) == 1 and all(w in fixed for w in words[0]):
        return re.escape(texts[0])
    # "Served by Anne", "Served by Priya": the till's own words as printed,
    # then any words (a name is never written into a profile)
    same = 0
    while all(len(w) > same and w[same] == words[0][same] and w[same] in fixed for w in words):
        same += 1
    if same:
        head = texts[0][:texts[0].index(words[0][same - 1]) + len(words[0][same - 1])]
        if all(t.startswith(head) for t in texts):
            return re.escape(head) + r"(?:[ '&.-]+" + _WORDS_RX + ")?"
    return _WORDS_RX


# "Served by: Mrs Patel" (a label has no digit: "Mon 06/04/2026 12:31" is none)
_LABEL = re.compile(r"^([^\W\d_][^:\d]{0,30}:)\s*\S")
# ... or after the till's own text ("Till 2   Operator: Kitchen 1")
_LABEL_AFTER = re.compile(r"\s([^\W\d_][^:\d]{0,30}:)\s*\S")
# An amount, a date or a time: a value a label must print in the shape taught.
_VALUE = r"\d[.,]\d\d(?!\d)|\d[/.-]\d+[/.-]\d|\d:\d\d"
_AMOUNT_IN = re.compile(_VALUE)
_NO_AMOUNT = rf"(?!.*(?:{_VALUE})).*"
# A rate alone ("10%" above a discount, "20%" beside VAT) prints no field: any
# till may print one anywhere.
_RATE = r"-?\d+(?:[.,]\d+)?\s?%"


def shapes(lines: list[tuple[str, str, int, int]], item: bool = False) -> str:
    """One pattern (alternatives) matching every line of ``lines`` (each
    with the item name printed in it or "", its place in its part of the
    receipt and the sample it is from) and lines like them. Lines of the
    same kinds of tokens are grouped (item lines all together; other lines
    by their first word, and by their place), and what differs within a
    group is generalised. Words are kept as printed only when the till
    printed them on two samples or more (its own text, never a pupil's
    name); a line with an amount keeps its words as printed, and is known
    only by them; a tax code (a capital alone) is any capital. A label with a colon
    and a value without an amount, a date or a time takes any such value. "" when there are
    no lines."""
    on: dict[str, set[int]] = {}
    for line, _name, _place, sample in lines:
        for word in re.findall(r"[^\W\d_]+", line):
            on.setdefault(word, set()).add(sample)
    fixed = {w for w, samples in on.items() if len(samples) > 1}
    groups: dict[tuple, list[list[tuple[str, str]]]] = {}
    labelled: set[str] = set()
    listed = False
    for line, name, place, _sample in lines:
        if not item and not name and _WORDS_LISTED.match(line):
            # "Priya, Aisha, Tom": names listed (a table's guests, the staff
            # who served): any such list, however many and whoever
            listed = True
            continue
        toks = _tokens(line, name)
        kinds = tuple(k for k, _ in toks)
        if item:
            toks = [("A" if k in "MN" else k, t) for k, t in toks]
            groups.setdefault(("", tuple(k for k, _ in toks)), []).append(toks)
            continue
        first = toks[0][1].split()[0].casefold() if toks and toks[0][0] == "W" else ""
        groups.setdefault((first, kinds), []).append(toks)
        groups.setdefault((place, kinds), []).append(toks)
        if "M" in kinds:
            # "Dinner money £1.80", "Dinner money left £28.68": a line with
            # an amount is known by its own words, whatever shares its place
            words = tuple(t for k, t in toks if k == "W")
            groups.setdefault((words, kinds), []).append(toks)
        if not name and not _AMOUNT_IN.search(line):
            if m := _LABEL.match(line):
                labelled.add(re.escape(m.group(1)))
            elif m := _LABEL_AFTER.search(line):  # "Till 2   Operator: Mr Patel"
                labelled.add("".join(_token_rx(kind, [t], False, fixed)
                                     for kind, t in _tokens(line[:m.start(1)]))
                              + re.escape(m.group(1)))
    # "Customer: Jane Smith", "Tab: Table 19": a label says what its value
    # is; any value without an amount, a date or a time is known by it.
    out = [label + _NO_AMOUNT for label in sorted(labelled)] + ([_LIST_RX] if listed else [])
    for (_, kinds), members in groups.items():
        own = fixed
        if not item and "M" in kinds:
            # A line with an amount is the till's own text (a name comes
            # without one): known by its words as printed, or not at all.
            if not _same_words(kinds, members):
                continue
            own = fixed | {w for m in members for _k, t in m for w in re.findall(r"[^\W\d_]+", t)}
        # (an item line without the item's name, "2 X @0.70" above it: the
        # till's words as printed)
        named = item and "D" in kinds
        rx = "".join(_token_rx(kind, [m[i][1] for m in members], named, own)
                     for i, kind in enumerate(kinds))
        if rx not in out:
            out.append(rx)
        if not item and [k for k in kinds if k not in "SO"] == ["W", "M"]:
            # "Portion - £2.70" taught, "Portion" alone is known too (a
            # till's word without its amount is no value)
            alone = re.escape(members[0][kinds.index("W")][1])
            if alone not in out:
                out.append(alone)
    return "|".join(out)


def _same_words(kinds: tuple[str, ...], members: list[list[tuple[str, str]]]) -> bool:
    """Whether lines of one shape print the same words (a tax code aside):
    "Cash tendered £5.00" never teaches "Cash refunded"."""
    return all(len({m[i][1] for m in members}) == 1 or all(
        len(m[i][1]) == 1 and m[i][1].isupper() for m in members)
        for i, kind in enumerate(kinds) if kind == "W")


def _item_confirmed(item: Any, t: Truth) -> bool:
    """Whether a line read as an item is one the technician confirmed (any
    item when the sample's items were not confirmed)."""
    if t.lines is None:
        return True
    # (as the reading keeps it: "^#Green Tea 100s" is "Green Tea 100s")
    return any(d in (item.description, _unmarked(item).description) for d, _q, _p in t.lines)


def _printed(t: Truth, name: str) -> bool:
    """Whether the technician confirmed field ``name`` printed on a sample."""
    if name in ("date", "time"):
        return bool(t.when) and (name == "date" or len(t.when or "") > 10)
    return bool(getattr(t, name))


def _parts_taught(wrong: set[str]) -> set[str]:
    """The parts of a sample that may teach the layout, by the fields the
    profile still reads wrong on it: all when none; below the total when
    only its items are wrong (the misread line is above the total);
    the items when only a number, date, account or tender is (those are
    printed above the items or below the total); else none."""
    if not wrong:
        return {"header", "body", "footer", "items"}
    if wrong <= {"lines"}:
        return {"footer"}  # (above the first item may be its quantity: "3 X @1.45")
    if wrong <= {"tender", "receipt_no", "when", "account"}:
        return {"body", "items"}
    return set()


def learn_layout(samples: list[Any], truths: list[Truth], rc: ReceiptConfig,
                 tender_of: Callable[[str | None], str | None]) -> ReceiptTemplate:
    """The template that makes the profile ``rc`` complete for its till:
    the lines each part of its samples printed, its item lines' shapes and
    the fields every sample printed. A sample ``rc`` reads wrong in a
    confirmed field teaches only the parts that field is not printed in
    (``_parts_taught``): it would teach the line it misreads."""
    rules = rules_from_config(rc)
    parts: dict[str, list[tuple[str, str, int, int]]] = {"header": [], "body": [], "footer": [],
                                                "items": []}
    aside: list[tuple[str, str, int, int]] = []
    for k, (s, t) in enumerate(zip(samples, truths, strict=True)):
        p = interpret(s, rules)
        wrong = {f for f in CONFIRMED if field_right(p, t, f, tender_of) is False}
        # (a receipt whose arithmetic the rules could not reconcile teaches
        # its items only when the technician confirmed them read right:
        # "(10% taxable: 2,020 Tax: 202)" under items taxed on top)
        unsure = UNPARSED in p.flags and field_right(p, t, "lines", tender_of) is not True
        taught = _parts_taught(wrong | ({"lines"} if unsure else set()))
        if not taught:
            continue
        names = [d for d, _q, _p in (t.lines or [])]
        read = {ln.description for ln in p.lines}
        places: dict[str, int] = {}
        optional = optional_lines(s, p, rules)
        seen = lines_judged(s, rules)
        below = below_unread_total(seen)
        for n, (line, region, item, kept) in enumerate(seen):
            place = places[region] = places.get(region, -1) + 1
            if line in optional:
                continue
            if (item is not None and "items" not in taught) or (
                    item is None and region not in taught):
                continue
            if item is not None:
                if _item_confirmed(item, t):
                    parts["items"].append((line, item.description, 0, k))
                elif not item.description and not item.amount_pence:
                    # read as an item, then as none by the arithmetic ("2 X
                    # @0.70" above the item it counts): a line of the till's own
                    parts["items"].append((line, "", 0, k))
                elif len(taught) == len(parts) and not kept:
                    # read as an item, set aside by the arithmetic on a sample
                    # read right ("TAXA DE SERVIÇO R$5,21" on top of the
                    # subtotal): the till's own line, known by its words, and
                    # only where a receipt's arithmetic sets it aside too
                    aside.append((line, "", 0, k))
            elif line in read:  # an item's name alone (its value on the next line)
                # above the first item or among the others: the same line
                for where in ({"header", "body"} if region != "footer" else {region}):
                    parts[where].append((line, line, place, k))
            elif not any(d not in read and d in line for d in names):
                parts[region].append((line, "", place, k))
                if n in below:  # (a place of its own: grouped by its words only)
                    parts["footer"].append((line, "", -1 - n - 1000 * k, k))
    # A till no sample taught still gets a complete profile: with no line
    # known, every receipt of it is flagged rather than read on trust.
    # (a sample confirming nothing, read cleanly and shown for its lines,
    # says nothing of which fields its till always prints)
    confirming = [t for t in truths if t.confirmed]
    expect = [f for f in EXPECTABLE if f not in OPTIONAL and confirming
              and all(_printed(t, f) for t in confirming)]
    header, body, footer = (
        "|".join(filter(None, (shapes(parts[r]), _RATE))) for r in ("header", "body", "footer"))
    return ReceiptTemplate(name=LAYOUT, header=header, body=body, footer=footer,
                           items=shapes(parts["items"], item=True), aside=shapes(aside),
                           expect=" ".join(expect))
