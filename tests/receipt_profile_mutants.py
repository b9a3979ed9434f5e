"""The red team of the profile path: what a learnt profile trusts on paper
its samples never showed.

A till's profile is learnt from five samples (``receipts_score.learnt_rules``,
``--learn 5``'s path) or from the office's checks of flagged receipts
(``receipts_score.office_rules``, ``--office``'s). Receipts of the layout
the profile reads fully right with no review flag are reprinted by
python-escpos with one change the samples never printed, and read with the
profile:

``tender_word``   the tender's word replaced by another real one (the
                  built-in table's, other languages'): paid that other way.
``second_pupil``  a second pupil's number beside the first (on its row, or
                  its line again under it): whose account? must be flagged.
``refund_banner`` a refund's banner above the items: a refund, or flagged.
``refund_way``    the payment's line saying the money went back ("Cash
                  refund  £2.30", "Method: Refund to card"): a refund, or flagged.
``moved``         the tender's line moved above the total, or the
                  account's below the total: the same money.
``language``      the total's word in another language ("Cyfanswm",
                  "Summe"): the same money.
``split_part``    a second tender's line (an allowance, a voucher, cash)
                  paying part, the first line's amount less that part: a
                  split (no single tender), or flagged.
``after_total``   an amount under an unseen label after the total: flagged,
                  unless the paper proves the money (a tender's amount that
                  is the total: ``receipt_mutants._paid_is_total``).

Round two (fuzz30), each from its own random stream (the attacks above
draw as they did):

``way_abroad``    the tender's word in another language the sets print
                  (Welsh, Irish, Danish, German, Spanish, French,
                  Portuguese): paid that way, or flagged.
``refund_abroad`` the payment's line saying the money went back in such a
                  language ("Ad-daliad arian parod", "Reembolso en
                  efectivo"): a refund of that way, or flagged.
``reprint``       a reprint's banner ("*** COPY ***") over the receipt and
                  its total's line printed twice: the same money, read as
                  a reprint, or flagged.
``account_moved`` the pupil's account's line in a new place: in the header
                  under the first line, or on the row above the name: the
                  same money and account.
``currency``      every amount's mark another currency's ("£" -> "€",
                  "$" -> "£"): the same figures (the agent says the paper's
                  currency where the office checks it, ``paper_currency``).

A mutant's truth is what a careful person reads on the paper; where the
paper is ambiguous it is "must be flagged". A reading the profile trusts
(no review flag) whose total, tender, kind or account is not that truth is
``trusted_wrong``; the defaults' reading of the same mutant is given beside
it (a profile must never trust what the defaults doubt).

    python -m tests.receipt_profile_mutants [--sets holdout27,holdout28] [--per-layout 2]
                                            [--seed 5] [--office] [--show K]
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from drivers.receipt import ParsedReceipt, ReceiptRules, interpret, tenders_printed
from tests.receipt_mutants import _locate, _paid_is_total, amounts_in, unknown_label
from tests.receipts_score import (
    HOLDOUTS,
    _captured,
    all_layouts,
    group_layouts,
    learnt_rules,
    office_rules,
    printed_receipt,
    read,
    review_flags,
    trusted_wrong,
    truth_fields,
)

ATTACKS = ("tender_word", "second_pupil", "refund_banner", "refund_way", "moved", "language",
           "split_part", "after_total", "way_abroad", "refund_abroad", "reprint", "account_moved",
           "currency")
MONEY = ("total", "tender", "kind", "account")
SEED = 11  # the board's seed: the profiles are the floors' (learnt from seed 1011)
FLAG = None  # a mutant's truth where the paper is ambiguous: it must be flagged

# Real tender words of the built-in table, in several languages, by the
# contract's word (``drivers.receipt.tenders.TENDERS``).
TENDER_WORDS = {
    "cash": ("Cash", "Efectivo", "Espèces", "Contanti", "Gotówka", "Bargeld"),
    "card": ("Card", "Tarjeta", "Karte", "Carte bancaire", "Contactless", "Visa"),
    "account": ("Account", "Cashless", "Dinner money"),
    "fsm": ("Free meal", "FSM allowance"),
}
# Real words for a way of paying that no table here holds (Welsh: cash,
# card): the paper says how it was paid, the reader cannot know; flagged,
# or read as that way.
UNTABLED_WORDS = {"cash": ("Arian parod",), "card": ("Cerdyn",)}
REFUND_WAYS = {"cash": ("Cash refund", "Refunded in cash"), "card": ("Refund to card",),
               "account": ("Refund to account",)}
# Ways of paying, and of paying back, in the languages the sets print (the
# built-in tables read most; Irish's none: flagged, or read as that way).
ABROAD_WORDS = {
    "cash": ("Arian parod", "Airgead tirim", "Kontant", "Bargeld", "Efectivo", "Espèces",
             "Dinheiro"),
    "card": ("Cerdyn", "Cárta", "Dankort", "Karte", "Tarjeta", "Carte bancaire", "Cartão"),
}
ABROAD_REFUNDS = {
    "cash": ("Ad-daliad arian parod", "Aisíocaíocht airgid", "Tilbagebetalt kontant",
             "Erstattung bar", "Reembolso en efectivo", "Remboursement espèces",
             "Estorno em dinheiro"),
    "card": ("Ad-daliad i'r cerdyn", "Tilbage til Dankort", "Erstattung auf Karte",
             "Devolución a tarjeta", "Remboursé sur carte", "Estorno no cartão"),
    "account": ("Ad-daliad i'r cyfrif", "Tilbage til konto", "Erstattung auf Kundenkonto",
                "Reembolso a la cuenta", "Remboursé sur le compte", "Estorno na conta"),
}
REPRINT_BANNERS = ("*** COPY ***", "REPRINT", "DUPLICATE", "** COPY RECEIPT **")
# A currency's mark for another's, where the layout prints one.
OTHER_MARK = {"£": "€", "€": "£", "$": "€"}
TOTAL_WORDS = ("Cyfanswm", "Summe", "Totale", "Importe total", "Yhteensä", "Razem")
SPLIT_PARTS = (("Free meal allowance", "fsm"), ("Voucher", "voucher"), ("Cash", "cash"),
               ("Card", "card"))


@dataclass(frozen=True)
class Base:
    """A receipt the profile (``rules``) reads fully right with no review flag."""

    layout: str
    source: str  # "learn5" or "office"
    text: tuple[str, ...]
    truth: dict[str, Any]
    tender_word: str | None  # the tender as printed ("Cash purse"), read by the profile


@dataclass(frozen=True)
class Mutant:
    base: Base
    attack: str
    text: tuple[str, ...]
    truth: dict[str, Any] | None  # the money a careful person reads (FLAG: must be flagged)
    note: str


def profile_of(layout: str, source: str) -> ReceiptRules:
    """The profile ``source`` learns for ``layout`` (the floors' own, seed 11)."""
    return learnt_rules(layout, SEED, 5) if source == "learn5" else office_rules(layout, SEED)


def bases(layout: str, source: str, per_layout: int, rules: ReceiptRules) -> list[Base]:
    """Up to ``per_layout`` of ``layout``'s scored receipts the profile reads
    fully right with no review flag (from the board's first 40)."""
    out: list[Base] = []
    for receipts, _, truth in _captured(layout, 200, SEED)[:40]:
        if len(out) == per_layout:
            break
        if len(receipts) != 1:
            continue
        p = interpret(receipts[0], rules)
        want = truth_fields(truth)
        if review_flags(p.flags) or read(p) != want or not want["total"]:
            continue
        words = tenders_printed(receipts[0], rules)
        out.append(Base(layout, source, tuple(receipts[0].text), want,
                        words[0] if len(words) == 1 else None))
    return out


def _styled(word: str, like: str) -> str:
    """``word`` in the case ``like`` is printed in (capitals, or as written)."""
    return word.upper() if like.isupper() else word


def _tender_lines(b: Base) -> list[int]:
    """The lines printing the tender's word as read, outside the items."""
    if not b.tender_word:
        return []
    where = _locate(list(b.text), b.truth)
    last_item = where[3] if where else 0
    rx = re.compile(r"(?<![^\W_])" + re.escape(b.tender_word) + r"(?![^\W_])", re.I)
    # (the payment's lines: not one the account is on, "CAMPUS CARD 456043", nor
    # a balance's, "Cash Wallet Balance" (the purse, not the way), nor an amount
    # off, "Campus Card 5%  -£0.22")
    return [i for i, ln in enumerate(b.text) if i > last_item and rx.search(ln)
            and not (b.truth["account"] and b.truth["account"] in ln)
            and not re.search(r"(?i)balance|%|-\s?[£$€]?\d", ln)]


def _replace_tender(b: Base, new: str) -> tuple[str, ...] | None:
    at = _tender_lines(b)
    if not at:
        return None
    rx = re.compile(r"(?<![^\W_])" + re.escape(b.tender_word or "") + r"(?![^\W_])", re.I)
    text = list(b.text)
    for i in at:
        text[i] = rx.sub(lambda m: _styled(new, m.group(0)), text[i])
    return tuple(text)


def _way_back(b: Base, way: str) -> tuple[str, ...] | None:
    """``b`` with its payment's line saying the money went back ``way``: the
    words before its amount replaced ("Paid from Cash Wallet  £0.30" ->
    "Refund to account  £0.30"), or, on a line without one, the tender's
    word ("Method: Card" -> "Method: Refund to card")."""
    at = _tender_lines(b)
    if not at:
        return None
    line = b.text[at[0]]
    if not (found := amounts_in(line)):
        return _replace_tender(b, way)
    a = found[-1]
    head = line[:a.start].rstrip("£$€ ")
    indent = len(line) - len(line.lstrip())
    label = " " * indent + _styled(way, b.tender_word or "")
    text = list(b.text)
    rest = line[len(head):]  # (the amount in its column where the new words leave room)
    text[at[0]] = label + (" " * (len(head) - len(label)) + rest if len(label) < len(head)
                           else "  " + rest.lstrip())
    return tuple(text)


def _other_account(account: str) -> str:
    """Another pupil's number of the same shape ("04417" -> "37740", "ST62" -> "ST95")."""
    return "".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in account)


def mutants(b: Base, rng: random.Random) -> list[Mutant]:
    """Every attack that fits ``b``, one mutant each."""
    out: list[Mutant] = []
    text, truth = list(b.text), b.truth
    where = _locate(text, truth)
    change_given = where is not None and where[2] is not None
    if b.tender_word and not change_given:  # (change given back says cash: TENDERS.md)
        was = truth["tender"]
        choices = [(w, k) for table in (TENDER_WORDS, UNTABLED_WORDS)
                   for k, ws in table.items() if k != was for w in ws]
        # (not a word a balance under it names: "Card" over "Card balance" is
        # the pupil's stored-value card, the account: KIND.md)
        choices = [(w, k) for w, k in choices
                   if not any(re.search(rf"(?i)\b{re.escape(w)}\b.*\bbalance", ln) for ln in text)]
        word, way = rng.choice(choices)
        if (t := _replace_tender(b, word)) is not None:
            out.append(Mutant(b, "tender_word", t, {**_money(truth), "tender": way},
                              f"{b.tender_word!r} -> {word!r}"))
        ways = REFUND_WAYS.get(was or "", ())
        if ways and truth["kind"] == "sale" and (t := _way_back(b, way := rng.choice(ways))):
            out.append(Mutant(b, "refund_way", t, _refunded(truth),
                              f"{b.tender_word!r} -> {way!r}"))
    if truth["account"]:
        acc, other = truth["account"], _other_account(truth["account"])
        rows = [i for i, ln in enumerate(text) if acc in ln]
        if rows and other != acc:
            i = rows[0]
            if rng.random() < 0.5:
                t = text[:i] + [text[i].replace(acc, f"{acc}, {other}", 1)] + text[i + 1:]
                note = "on its row"
            else:
                t = text[:i + 1] + [text[i].replace(acc, other, 1)] + text[i + 1:]
                note = "on the line under it"
            out.append(Mutant(b, "second_pupil", tuple(t), FLAG, f"{other} {note}"))
    if truth["kind"] == "sale" and where is not None:
        banner = rng.choice(("REFUND", "*** REFUND ***", "Refund"))
        first_item = next((i for i, ln in enumerate(text)
                           if any(abs(a.value) == abs(truth["lines"][0][2])
                                  for a in amounts_in(ln))), 1) if truth["lines"] else 1
        t = text[:first_item] + [banner] + text[first_item:]
        out.append(Mutant(b, "refund_banner", tuple(t), _refunded(truth),
                          banner))
    if where is not None:
        total_at, tender_at, _change_at, last_item = where
        if tender_at is not None and tender_at > total_at + 1:
            t = text[:total_at] + [text[tender_at]] + [
                ln for k, ln in enumerate(text[total_at:], total_at) if k != tender_at]
            out.append(Mutant(b, "moved", tuple(t), _money(truth),
                              "tender line above the total"))
        elif truth["account"]:
            rows = [i for i, ln in enumerate(text) if truth["account"] in ln and i < total_at]
            if rows:
                t = [ln for k, ln in enumerate(text) if k != rows[0]] + [text[rows[0]]]
                out.append(Mutant(b, "moved", tuple(t), _money(truth),
                                  "account line at the end"))
        m = re.search(r"(?i)\b(?:grand\s+)?total\b", text[total_at])
        if m:
            word = rng.choice(TOTAL_WORDS)
            t = text[:total_at] + [text[total_at][:m.start()] + _styled(word, m.group(0))
                                   + text[total_at][m.end():]] + text[total_at + 1:]
            out.append(Mutant(b, "language", tuple(t), _money(truth), f"total as {word!r}"))
        paid = amounts_in(text[tender_at])[-1] if tender_at is not None \
            and amounts_in(text[tender_at]) else None
        if paid is not None and abs(paid.value) == abs(truth["total"]) and not change_given \
                and abs(truth["total"]) > 100 and truth["kind"] == "sale":
            part_word, part = rng.choice([p for p in SPLIT_PARTS if p[1] != truth["tender"]])
            part_value = 100 if paid.decimal else 100 * (abs(paid.value) // 200 or 1)
            line = text[tender_at]
            rest = line[:paid.start] + paid.written(abs(paid.value) - part_value) \
                + line[paid.end:]
            label = re.match(r"\s*", line).group(0) + part_word  # type: ignore[union-attr]
            amount = paid.written(part_value)
            part_line = label + " " * max(2, len(line.rstrip()) - len(label) - len(amount)) + amount
            t = text[:tender_at] + [rest, part_line] + text[tender_at + 1:]
            out.append(Mutant(b, "split_part", tuple(t), {**_money(truth), "tender": None},
                              f"{part_line.strip()!r} pays part"))
        label = unknown_label(rng)
        model = text[total_at]
        a = amounts_in(model)[-1]
        other = abs(truth["total"]) + rng.choice([10, 50, 100]) * (1 if a.decimal else 100)
        amount = a.written(other)
        line = label + " " * max(2, len(model.rstrip()) - len(label) - len(amount)) + amount
        t = text[:total_at + 1] + [line] + text[total_at + 1:]
        proved = _paid_is_total(text, last_item, total_at, truth["total"])
        out.append(Mutant(b, "after_total", tuple(t), _money(truth) if proved else FLAG,
                          f"{line.strip()!r} ({'proved' if proved else 'unproved'})"))
    return out


def more_mutants(b: Base, rng: random.Random) -> list[Mutant]:
    """Round two's attacks (``way_abroad``, ``refund_abroad``, ``reprint``,
    ``account_moved``, ``currency``) that fit ``b``, one mutant each."""
    out: list[Mutant] = []
    text, truth = list(b.text), b.truth
    where = _locate(text, truth)
    change_given = where is not None and where[2] is not None
    was = truth["tender"]
    if b.tender_word and not change_given and (
            t := _replace_tender(b, word := rng.choice(
                [w for k, ws in ABROAD_WORDS.items() if k != was for w in ws]))) is not None:
        way = next(k for k, ws in ABROAD_WORDS.items() if word in ws)
        out.append(Mutant(b, "way_abroad", t, {**_money(truth), "tender": way},
                          f"{b.tender_word!r} -> {word!r}"))
    if b.tender_word and not change_given and truth["kind"] == "sale" \
            and was in ABROAD_REFUNDS \
            and (t := _way_back(b, way := rng.choice(ABROAD_REFUNDS[was]))) is not None:
        out.append(Mutant(b, "refund_abroad", t, _refunded(truth),
                          f"{b.tender_word!r} -> {way!r}"))
    if where is not None:
        total_at = where[0]
        t = [rng.choice(REPRINT_BANNERS)] + text[:total_at + 1] + text[total_at:]
        out.append(Mutant(b, "reprint", tuple(t), {**_money(truth), "reprint": True},
                          f"{t[0]!r}, the total twice"))
        marks = {c for c in text[total_at] if c in OTHER_MARK}
        if len(marks) == 1:
            mark = marks.pop()
            t = [ln.replace(mark, OTHER_MARK[mark]) for ln in text]
            out.append(Mutant(b, "currency", tuple(t), _money(truth),
                              f"{mark!r} -> {OTHER_MARK[mark]!r}"))
        if truth["account"]:
            rows = [i for i, ln in enumerate(text) if truth["account"] in ln and i < total_at]
            if rows and rows[0] > 1:
                i = rows[0]
                at = 1 if rng.random() < 0.5 else i - 1
                t = text[:at] + [text[i]] + [ln for k, ln in enumerate(text[at:], at) if k != i]
                out.append(Mutant(b, "account_moved", tuple(t), _money(truth),
                                  "under the first line" if at == 1 else "on the row above"))
    return out


def _money(truth: dict[str, Any]) -> dict[str, Any]:
    return {f: truth[f] for f in MONEY}


def _refunded(truth: dict[str, Any]) -> dict[str, Any]:
    """The money of ``truth``'s sale undone: a refund of its total (the
    board's truth prints a refund's total negative)."""
    return {**_money(truth), "kind": "refund", "total": -abs(truth["total"])}


def verdict(m: Mutant, p: ParsedReceipt) -> str:
    """"flagged", "right" or "trusted_wrong": no review flag, and the paper
    is ambiguous, or the money read is not the mutant's truth as the board
    counts it (``receipts_score.trusted_wrong``)."""
    if review_flags(p.flags):
        return "flagged"
    if m.truth is FLAG:
        return "trusted_wrong"
    if m.truth.get("reprint") and not p.reprint:
        return "trusted_wrong"  # (a reprint read as a new sale: charged twice)
    return "trusted_wrong" if trusted_wrong(read(p), {**m.base.truth, **_money(m.truth)},
                                            p.flags) else "right"


def reading(m: Mutant, rules: ReceiptRules | None) -> ParsedReceipt:
    """The mutant printed by python-escpos, decoded and read with ``rules``."""
    return interpret(printed_receipt(*m.text), rules)


def attack(layouts: list[str], sources: tuple[str, ...] = ("learn5", "office"),
           per_layout: int = 2, seed: int = 5) -> list[tuple[Mutant, str, str]]:
    """Each mutant of ``layouts``' bases with the profile's verdict and the
    defaults' (``verdict``)."""
    rng = random.Random(seed)
    more = random.Random(seed + 1)  # (round two's own stream: round one draws as it did)
    out = []
    for lay in layouts:
        for source in sources:
            rules = profile_of(lay, source)
            if not rules.templates:
                continue  # (no profile: the defaults, which the other red teams attack)
            for b in bases(lay, source, per_layout, rules):
                for m in mutants(b, rng) + more_mutants(b, more):
                    out.append((m, verdict(m, reading(m, rules)), verdict(m, reading(m, None))))
    return out


def main(argv: list[str] | None = None) -> int:
    """Per attack, how many mutants each profile flagged, read right, or
    trusted wrong (and how many of those the defaults did not trust)."""
    import argparse

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--sets", default="", help="comma-separated sets (real, hwsim, holdoutN); "
                    "default every set but holdout29")
    ap.add_argument("--layout", action="append", help="only this layout (repeatable)")
    ap.add_argument("--per-layout", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--office", action="store_true", help="the office's profiles too")
    ap.add_argument("--show", type=int, default=0, metavar="K")
    args = ap.parse_args(argv)
    layouts = args.layout or _layouts([s for s in args.sets.split(",") if s])
    sources = ("learn5", "office") if args.office else ("learn5",)
    found = attack(layouts, sources, args.per_layout, args.seed)
    counts: Counter[tuple[str, str]] = Counter()
    shown: Counter[str] = Counter()
    for m, v, dv in found:
        counts[m.attack, v] += 1
        if v == "trusted_wrong":
            counts[m.attack, "defaults_doubt" if dv != "trusted_wrong" else "defaults_too"] += 1
            if shown[m.attack] < args.show:
                shown[m.attack] += 1
                p = reading(m, profile_of(m.base.layout, m.base.source))
                print(f"---- {m.attack} ({m.base.source}) {m.base.layout}: {m.note}; "
                      f"defaults {dv}")
                for ln in m.text:
                    print(f"  | {ln}")
                print(f"  read {_money(read(p))} flags {p.flags}\n  true {m.truth}")
    print(f"{len(found)} mutants of {len(layouts)} layouts ({', '.join(sources)})")
    for a in ATTACKS:
        print(f"{a:<14} " + " ".join(f"{k}={counts[a, k]}" for k in (
            "flagged", "right", "trusted_wrong", "defaults_doubt", "defaults_too")))
    return 1 if any(v == "trusted_wrong" for _, v, _ in found) else 0


def _layouts(sets: list[str]) -> list[str]:
    groups = sets or ["real", "hwsim", *HOLDOUTS]
    out = []
    for g in groups:
        if g == "real":
            out += [lay for lay in all_layouts() if not lay.startswith("hwsim:")]
        elif g == "hwsim":
            out += [lay for lay in all_layouts() if lay.startswith("hwsim:")]
        else:
            out += group_layouts(g)
    return out


if __name__ == "__main__":
    import sys

    sys.exit(main())
