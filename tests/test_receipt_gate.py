"""The families' patterns are asked only where one of their own literals is
in the text (``drivers.receipt.gate``): a gated pattern answers as the
pattern itself, whatever the text, and the reader reads any receipt exactly
as with every pattern asked everywhere."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import gate, interpret, lines_judged
from drivers.receipt.gate import GatedPattern, fold, needs
from tests.receipts_score import HOLDOUTS, _pairs, all_layouts, decode, group_layouts


def _gated() -> list[tuple[str, GatedPattern]]:
    """Every gated pattern of the reader, by the module and name holding it."""
    found: dict[int, tuple[str, GatedPattern]] = {}
    for name, module in sorted(sys.modules.items()):
        if name.startswith("drivers.receipt."):
            for attr, value in vars(module).items():
                if isinstance(value, GatedPattern):
                    found.setdefault(id(value), (f"{name}.{attr}", value))
    return sorted(found.values(), key=lambda found: found[0])


GATED = _gated()


def test_every_module_level_pattern_of_the_reader_is_gated_where_it_is_used():
    from drivers.receipt import cells, facts, labels, total_labels

    assert len(GATED) > 100
    assert isinstance(labels._TAX, GatedPattern) and cells._TAX is labels._TAX
    assert facts._REFUND is labels._REFUND  # imported by name: the same gate
    assert not [name for name, module in sys.modules.items()
                if name.startswith("drivers.receipt.")
                for value in vars(module).values() if isinstance(value, re.Pattern)]
    assert total_labels._FINAL in (total_labels._FINAL.ungated(),)  # compares as the pattern


# --- what a pattern needs, from its own syntax -------------------------------------

@pytest.mark.parametrize(("pattern", "wanted"), [
    (r"\btender(?:e)?d\b", [{"tendered", "tenderd"}]),
    (r"re[çc]u", [{"reçu", "recu"}]),
    (r"^(?:vat|tax)\s+\d", [{"vat", "tax"}]),
    (r"^(?!.*\btaxable\b).*?\b(?:vat|mwst)\b", [{"vat", "mwst"}]),  # not what it must not hold
    (r"amount\s+(?:tendered|paid)", [{"amount"}, {"tendered", "paid"}]),  # both
    (r"Total|TTL", [{"total", "ttl"}]),  # folded as IGNORECASE compares
    (r"(?i:ſum)", [{"sum"}]),  # the long s is an s to IGNORECASE
    (r"(?:total\s+\d|sum\s+\d)", [{"total", "sum"}]),  # one need of each alternative
])
def test_a_patterns_needs_are_read_from_its_syntax(pattern, wanted):
    assert [set(need) for need in needs(re.compile(pattern, re.I))] == wanted


@pytest.mark.parametrize("pattern", [
    r"\d+\s?\d\d",  # digits and spaces: no literal certain
    r"total|\d{4}",  # an alternative without one
    r"(?:vat)?\s*\d",  # an optional word is no need
    r"(?P<w>\w+)=?(?P=w)",  # a group's reference
])
def test_a_pattern_that_needs_nothing_is_asked_everywhere(pattern):
    assert needs(re.compile(pattern)) == ()
    assert GatedPattern(re.compile(pattern)).could_match("anything at all 12")


def test_an_item_line_is_not_asked_for_a_tax_a_total_or_a_receipt_number():
    from drivers.receipt import labels, total_labels

    item, tax = "2 x Chocolate brownie   £3.30", "VAT 20%   £0.55"
    assert not labels._TAX.could_match(item) and labels._TAX.could_match(tax)
    assert not total_labels._FINAL.could_match(item)
    assert labels._TAX.search(item) is None and labels._TAX.search(tax) is not None


def test_letters_fold_as_ignorecase_compares_them():
    # Every letter with another case: two letters IGNORECASE matches fold the same.
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if ch.lower() == ch == ch.upper() and cp not in re._casefix._EXTRA_CASES:
            continue
        same = re.compile(re.escape(ch), re.I)
        for other in {ch.lower()[:1], ch.upper()[:1], ch.title()[:1], ch.casefold()[:1],
                      *map(chr, re._casefix._EXTRA_CASES.get(ord(ch.lower()[:1]), ()))}:
            if same.fullmatch(other):
                assert fold(other) == fold(ch), (ch, other)
    assert fold("TOTAL İ ſ K Σ σ") == "total i s k ς ς"


# --- gated answers are the pattern's own ------------------------------------------

_MARKS = ["", " ", "  ", ":", "£2.30", "-0.55", "12", "2026", "28/11/2026", "%", "#", "x",
          "İ", "ı", "ſ", "\u212a", "ς", "Σ", "ᲀ", "ß", "ﬅ", "\t", "/", "(", ")", "."]


@st.composite
def _asked(draw):
    """A gated pattern and a text of its own literals (in any case), cut
    short or not, among marks, digits and letters IGNORECASE folds."""
    name, gated = draw(st.sampled_from(GATED))
    own = sorted(set().union(*needs(gated.ungated()))) or ["total"]
    piece = st.one_of(
        st.sampled_from(own).flatmap(lambda lit: st.sampled_from(
            [lit, lit.upper(), lit.title(), lit[:-1], lit[1:]])),
        st.sampled_from(_MARKS), st.text(max_size=3))
    return name, gated, "".join(draw(st.lists(piece, max_size=7)))


@settings(max_examples=600, deadline=None)
@given(_asked())
def test_a_gated_pattern_answers_as_the_pattern_whatever_the_text(asked):
    name, gated, text = asked
    pattern = gated.ungated()
    for ask in ("match", "search", "fullmatch"):
        mine, its = getattr(gated, ask)(text), getattr(pattern, ask)(text)
        assert (mine and mine.span()) == (its and its.span()), (name, ask, text)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in
                                                        pattern.finditer(text)]
    assert gated.sub("_", text) == pattern.sub("_", text)
    assert gated.split(text) == pattern.split(text)
    if len(text) > 1:  # where the rules ask from a position on
        assert (m := gated.search(text, 1)) is None or m.span() == pattern.search(text, 1).span()


# --- the reader reads as ungated -------------------------------------------------

def _captured(text: list[str]) -> CapturedReceipt:
    return CapturedReceipt(raw=b"", text=text, barcodes=[], images=[], raster_only=False,
                           ended_by="cut", started_at=0.0, ended_at=1.0,
                           stats=TokenStats(0, 0, 0, 0, 0))


def _both(text: list[str]):
    """A receipt's reading and its lines as read, gated and ungated (every
    memo emptied before each: the lines are judged afresh either way)."""
    from tests.bench.bench_receipt import forget

    forget()
    gated = interpret(_captured(text)), lines_judged(_captured(text))
    forget()
    with gate.ungated("drivers.receipt"):
        ungated = interpret(_captured(text)), lines_judged(_captured(text))
    forget()
    return gated, ungated


# Pieces of what tills print, near many families' literals, in several cases.
_PIECES = st.sampled_from([
    "Total", "TOTAL", "Grand Total", "Sub Total", "Subtotal", "TTL", "VAT", "VAT 20%", "MwSt",
    "IVA", "Tax", "Cash", "Card", "VISA", "Change", "Tendered", "Paid", "Balance",
    "Receipt No:", "Invoice", "Order #", "Ref", "Account:", "Pupil ID", "Date:",
    "28/11/2026", "12:01", "5 March 2026", "Discount", "Refund", "VOID", "x", "2 x", "@",
    "£2.30", "2.30", "-0.55", "£", "12", "0042", "Pasta bake", "Cookie", "İ", "ı", "ſ",
    "ΣΎΝΟΛΟ", "Итого", "ИТОГО", "Tổng cộng", "合計", " ", "  ", ":", "%", "#", "-", "(", ")",
])
_RECEIPTS = st.lists(st.lists(_PIECES, max_size=6).map(" ".join), max_size=9)


@settings(max_examples=150, deadline=None)
@given(_RECEIPTS)
def test_a_receipt_reads_exactly_as_with_every_pattern_asked_everywhere(text):
    gated, ungated = _both(text)
    assert gated == ungated


def test_every_corpus_receipt_reads_exactly_as_ungated():
    layouts = all_layouts() + [k for g in HOLDOUTS for k in group_layouts(g)]
    for layout in layouts:
        for data, _ in _pairs(layout, 3, 5):
            for r in decode(data)[0]:
                gated, ungated = _both([str(t) for t in r.text])
                assert gated == ungated, layout
