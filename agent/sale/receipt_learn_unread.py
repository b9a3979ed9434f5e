"""What a learnt profile still cannot read (part of ``agent receipt
learn``): the proposal says, field by field, which confirmed values its
own samples still read wrong and where the paper prints them, and which
printed tender words no sample paid by alone, so the technician (or the
office, learning from its checks) knows what the till's receipts will keep
asking a person for, and what sample would teach it.

A profile never guesses what its samples did not prove: a field still read
wrong is flagged on the till's receipts as with the defaults; this only
says so in the paper's terms ("the total 5.40 is printed on 'Price: £5.40',
read as none"), before the first lunch rather than after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from agent.config import ReceiptConfig
from agent.sale.flag_words import words
from agent.sale.receipt_learn_fields import CONFIRMED, Truth, field_right
from agent.sale.receipt_learn_items import MONEY
from agent.sale.receipt_rules import rules_from_config
from drivers.receipt import UNMAPPED_TENDER, ParsedReceipt, interpret, tenders_printed


def _money(pence: int | None) -> str:
    return "none" if pence is None else f"{'-' if pence < 0 else ''}{abs(pence) // 100}." \
        f"{abs(pence) % 100:02d}"


def _read(p: ParsedReceipt, name: str, tender_of: Callable[[str | None], str | None]) -> str:
    """Field ``name`` as ``p`` reads it, in plain words."""
    if name == "total":
        return _money(p.total_pence)
    if name == "tender":
        return tender_of(p.tender) or "none"
    if name == "lines":
        return f"{len(p.lines)} item line(s)"
    value = {"receipt_no": p.receipt_no, "when": p.occurred, "account": p.account,
             "kind": p.kind}[name]
    return repr(value) if value else "none"


def _confirmed(t: Truth, name: str) -> str:
    value = getattr(t, name)
    if name == "total":
        return _money(value)
    if name == "lines":
        return f"{len(value)} item line(s)"
    return repr(value) if value else "none printed"


def _printed_on(sample: Any, pence: int) -> str | None:
    """The first printed line holding the amount ``pence`` (the confirmed
    total), as printed; None when none does."""
    for line in getattr(sample, "text", None) or []:
        if any(int(a.replace(",", "")) * 100 + int(b) == abs(pence)
               for a, b in MONEY.findall(line)):
            return " ".join(str(line).split())
    return None


def still_unread(samples: list[Any], truths: list[Truth], rc: ReceiptConfig,
                 tender_of: Callable[[str | None], str | None],
                 said: Iterable[str] = ()) -> list[str]:
    """What ``rc`` (the config with the learnt profile) still reads wrong on
    the samples, in plain words: per confirmed field, how many samples and
    the first of them (read, confirmed, and for a total the line printing
    it); then how many samples it still holds for a person, with the
    flags of the first; then each printed tender word no table or learnt word maps (a
    split's part no sample paid by alone): a sale paid by it stays flagged
    ``unmapped_tender`` (but the words ``said``: the proposal's unmapped
    words, said already). [] when the profile reads every confirmed
    field of every sample."""
    rules = rules_from_config(rc)
    read = [interpret(s, rules) for s in samples]
    out: list[str] = []
    for name in CONFIRMED:
        wrong = [k for k, (p, t) in enumerate(zip(read, truths, strict=True))
                 if field_right(p, t, name, tender_of) is False]
        if not wrong:
            continue
        k = wrong[0]
        said = (f"{name}: {len(wrong)} of {len(samples)} sample(s) still read wrong (sample "
                f"{k + 1}: read {_read(read[k], name, tender_of)}, confirmed "
                f"{_confirmed(truths[k], name)}")
        if name == "total" and truths[k].total and (line := _printed_on(samples[k],
                                                                         truths[k].total)):
            said += f", printed on {line!r}"
        out.append(said + "); such receipts stay flagged for a person")
    held = [(k, [f for f in p.flags if words(f).review]) for k, p in enumerate(read)]
    held = [(k, flags) for k, flags in held if flags]
    if held:
        k, flags = held[0]
        said = ", ".join(f"{f}: {words(f).sentence.lower()}" for f in flags)
        out.append(f"{len(held)} of {len(samples)} sample(s) still held for a person (sample "
                   f"{k + 1}, {said})")
    unmapped: dict[str, None] = {}
    for s, p in zip(samples, read, strict=True):
        if UNMAPPED_TENDER in p.flags:
            unmapped.update(dict.fromkeys(
                w.strip() for w in tenders_printed(s, rules)
                if UNMAPPED_TENDER in rules.tender_of([w])[1]))
    out += [f"tender {w!r}: no contract word learnt (no sample confirmed paid by it alone "
            "teaches one): a sale paid by it is flagged unmapped_tender; confirm such a "
            "sample to teach it"
            for w in unmapped if w not in set(said) and not re.fullmatch(r"\W*", w)]
    return out
