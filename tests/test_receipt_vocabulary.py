"""A family is asked only where one of its own patterns' literals is in the
text (``drivers.receipt.vocabulary``): a family the vocabulary closes on a
text gives no answer there, and the reader reads any receipt exactly as
with every family asked everywhere."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.events import CapturedReceipt, TokenStats
from drivers.receipt import interpret, lines_judged, vocabulary
from drivers.receipt.facts import _TOTAL_WORDS
from drivers.receipt.numbers import _NUMBER_LABELS, _labelled_numbers
from drivers.receipt.total_labels import total_rank
from drivers.receipt.vocabulary import Vocabulary, fold, needs, ways
from tests.receipts_score import HOLDOUTS, _pairs, all_layouts, decode, group_layouts

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


def test_each_of_a_patterns_top_alternatives_is_a_way_with_its_own_needs():
    found = ways(re.compile(r"^(?:grand\s+total|amount\s+due|\d+\s+items?)$", re.I))
    assert [[set(need) for need in way] for way in found] == [
        [{"grand"}, {"total"}], [{"amount"}, {"due"}], [{"item", "items"}]]
    assert ways(re.compile(r"\d+[.,]\d\d")) == [(frozenset(".,"),)]  # a mark is a literal
    assert ways(re.compile(r"\d+\s?\d\d")) == [()]  # digits and spaces: nothing certain


@pytest.mark.parametrize("pattern", [
    r"\d+\s?\d\d",  # digits and spaces: no literal certain
    r"total|\d{4}",  # an alternative without one
    r"(?:vat)?\s*\d",  # an optional word is no need
    r"(?P<w>\w+)=?(?P=w)",  # a group's reference
])
def test_a_pattern_that_needs_nothing_certain_has_a_way_with_no_need(pattern):
    assert () in ways(re.compile(pattern))


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


def test_a_texts_pieces_are_its_three_letter_slices_however_long_it_is():
    assert list(vocabulary._pieces("")) == list(vocabulary._pieces("ab")) == []
    assert list(vocabulary._pieces("total")) == ["tot", "ota", "tal"]
    pieces = list(vocabulary._pieces("x" * 600 + "vat"))  # longer than the slices made
    assert pieces[-1] == "vat" and len(pieces) == 601


# --- a family's vocabulary, from the function asking its patterns -----------------

def test_a_familys_vocabulary_is_the_patterns_its_function_names_less_its_vetoes():
    from drivers.receipt import total_labels as t

    assert set(map(id, _TOTAL_WORDS.patterns)) == {id(t._FINAL), id(t._COUNT_TOTAL),
                                                   id(t._REFUND_WHY), id(t._NET),
                                                   id(t._PLAIN)}
    from drivers.receipt import labels

    assert set(map(id, _NUMBER_LABELS.patterns)) == {id(labels._NUMBER_FIRST),
                                                     id(labels._RECEIPT_NO)}


def test_a_pattern_that_needs_nothing_opens_its_family_on_every_text():
    def family(text: str) -> bool:
        return _DIGITS.search(text) is not None or _WORDY.search(text) is not None

    opened = Vocabulary.of(family)
    try:
        assert {p.pattern for p in opened.patterns} == {r"\d+", "grand|final"}
        assert opened.may_answer("Pasta bake") and opened.may_answer("")
        assert _TOTAL_WORDS.may_answer("Total") and not _TOTAL_WORDS.may_answer("Pasta bake")
    finally:
        vocabulary._VOCABULARIES.remove(opened)
        vocabulary._unindexed()


_DIGITS, _WORDY = re.compile(r"\d+"), re.compile("grand|final")


def test_a_family_asked_through_its_helpers_has_their_patterns_too():
    from drivers.receipt import tender_words, tenders

    patterns = set(map(id, tenders._FAMILY_WORDS.patterns))
    # _known's own, family_tender's (which it calls), and purse_of_way's
    # (which family_tender calls, through the cached _way)
    assert {id(tenders._VOUCHER), id(tenders._CARD_BRAND), id(tender_words.PURSE_WAY),
            id(tender_words._BALANCE)} <= patterns
    assert id(tenders._TENDER_SUFFIX) not in patterns  # the label's, not the key's


def test_a_text_opens_what_its_folded_text_opens_remembered_under_both():
    vocabulary._met("")  # indexed
    vocabulary._MET.clear()
    assert _TOTAL_WORDS.may_answer("GRAND TOTAL")
    assert vocabulary._MET["GRAND TOTAL"] == vocabulary._MET["grand total"]
    assert _TOTAL_WORDS.may_answer("grand total") and not _TOTAL_WORDS.may_answer("PASTA")


def test_an_item_line_is_not_asked_for_a_total_nor_a_receipts_number():
    item = "2 x Chocolate brownie   £3.30"
    assert not _TOTAL_WORDS.may_answer(item) and not _NUMBER_LABELS.may_answer(item)
    assert _TOTAL_WORDS.may_answer("Grand Total   £3.30")
    assert _TOTAL_WORDS.may_answer("ΣΎΝΟΛΟ") and _TOTAL_WORDS.may_answer("3 Items")
    assert _NUMBER_LABELS.may_answer("Receipt No: 1234")
    assert not _TOTAL_WORDS.may_answer("Thank you for your custom")  # "tha": not "thanh"


# Pieces of what tills print near the families' words, in several cases and
# letters IGNORECASE folds.
_MARKS = ["", " ", "  ", ":", "£2.30", "-0.55", "12", "2026", "28/11/2026", "%", "#", "x",
          "İ", "ı", "ſ", "\u212a", "ς", "Σ", "ß", "ﬅ", "\t", "/", "(", ")", ".", "*", "-"]


def _labels(family: Vocabulary) -> st.SearchStrategy[str]:
    """Texts of the family's own literals (in any case, cut short or not)
    among marks, digits and letters IGNORECASE folds."""
    own = sorted({lit for p in family.patterns for way in ways(p) for need in way
                  for lit in need} | {"total", "receipt"})
    return _texts(own)


@st.composite
def _texts(draw, own: list[str]):
    piece = st.one_of(
        st.sampled_from(own).flatmap(lambda lit: st.sampled_from(
            [lit, lit.upper(), lit.title(), lit[:-1], lit[1:]])),
        st.sampled_from(_MARKS), st.text(max_size=3))
    words = draw(st.lists(piece, max_size=6))
    return draw(st.sampled_from([" ".join(words), "".join(words)]))


_READERS = list(vocabulary._VOCABULARIES)  # the reader's, as imported


@pytest.mark.parametrize("family", _READERS, ids=repr)
def test_a_familys_pattern_matches_only_where_its_vocabulary_opens(family):
    @settings(max_examples=150, deadline=None)
    @given(_labels(family))
    def matched_only_where_opened(text):
        if any(p.search(text) for p in family.patterns):
            assert family.may_answer(text), text

    matched_only_where_opened()


@settings(max_examples=400, deadline=None)
@given(_labels(_TOTAL_WORDS))
def test_a_total_is_ranked_only_where_its_vocabulary_opens(label):
    if total_rank(label) is not None:
        assert _TOTAL_WORDS.may_answer(label), label


@settings(max_examples=400, deadline=None)
@given(_labels(_NUMBER_LABELS))
def test_a_number_is_labelled_only_where_its_vocabulary_opens(line):
    if next(_labelled_numbers(line), None) is not None:
        assert _NUMBER_LABELS.may_answer(line), line


def _opened_by_whole_literals(text: str) -> set[str]:
    """The families ``text`` opens, asked the slow way: a family opens
    where one of its patterns' ways has every need met by one of that
    need's literals, each looked for whole in the folded text."""
    folded = fold(text)
    return {name for name, way in _TELLING_WAYS
            if all(any(lit in folded for lit in need) for need in way)}


# Each family's patterns' ways, as the index tells them apart: worked out
# once (``ways`` parses each pattern), asked of every example.
_TELLING_WAYS = [(family.name, way) for family in _READERS for p in family.patterns
                 for way in map(vocabulary._telling, ways(p))]


_EVERY_LITERAL = sorted({lit for family in _READERS for p in family.patterns
                         for way in ways(p) for need in way for lit in need})


@settings(max_examples=300, deadline=None)
@given(_texts(_EVERY_LITERAL))
def test_the_index_opens_a_family_exactly_where_its_whole_literals_do(text):
    # The index looks for fewer literals (one holding another of its need's
    # is met by that one) and asks a way of one need by its bit alone.
    vocabulary._met(text)  # indexed
    opened = {family.name for family in _READERS
              if family._bit & vocabulary._opens(fold(text))}
    assert opened == _opened_by_whole_literals(text), text


def test_a_need_is_one_bit_however_many_ways_need_it():
    # (a text meeting "total" sets one bit, not one for each way of every
    # family needing it: fewer needs met a text, fewer ways looked at)
    vocabulary._met("")  # indexed
    indexed = [*vocabulary._LITERALS.values(), *vocabulary._SHORT.values()]
    bits = 0
    for lits in indexed:
        for _, meets in lits:
            bits |= meets
    needs = {need for _, way in _TELLING_WAYS for need in way}
    assert bits.bit_length() <= len(needs) < sum(len(way) for _, way in _TELLING_WAYS)


def test_a_literal_holding_another_of_its_need_is_not_looked_for():
    vocabulary._met("")  # indexed
    indexed = [lit for lits in vocabulary._LITERALS.values() for lit, _ in lits]
    assert len(indexed) == len(set(indexed)) < len(_EVERY_LITERAL)  # once each, and fewer
    assert "beleg" in indexed and "belegnummer" not in indexed  # "beleg" meets its need


# Tender labels: the tables' words and the families' literals (a deposit's
# and a card surcharge's vetoes' too), the labels
# tills print them under, cards' masked numbers, kinds in brackets, a Latin
# "i" in a Cyrillic word (keyed as the Cyrillic letter) and letters
# casefolding to two ("ß").
def _tender_labels() -> st.SearchStrategy[str]:
    from drivers.receipt import tenders

    families = (tenders._FAMILY_WORDS, tenders._LABEL_WORDS, tenders._PAID_IN_WORDS,
                tenders._SURCHARGE_WORDS)
    own = sorted({lit for family in families
                  for p in family.patterns for way in ways(p) for need in way for lit in need}
                 | set(tenders.TENDERS) | set(tenders.UNMAPPED_TENDERS)
                 | {"paid by", "from", "taken from", "готiвка", "безготiвкова", "Straße",
                    "****1234", "xxxx6120", "ending 1234", "(Chip & PIN)", "(GBP)", "(", ")"})
    return _texts(own)


@settings(max_examples=400, deadline=None)
@given(_tender_labels())
def test_a_labels_tender_is_read_as_with_every_family_asked_everywhere(label):
    from drivers.receipt.tenders import _tender_word
    from tests.bench.bench_receipt import forget

    forget()
    gated = _tender_word(label)
    with vocabulary.everywhere():
        assert _tender_word(label) == gated, label


# --- the reader reads as with every family asked everywhere ------------------------

def _captured(text: list[str]) -> CapturedReceipt:
    return CapturedReceipt(raw=b"", text=text, barcodes=[], images=[], raster_only=False,
                           ended_by="cut", started_at=0.0, ended_at=1.0,
                           stats=TokenStats(0, 0, 0, 0, 0))


def _both(text: list[str]):
    """A receipt's reading and its lines as read, with the vocabularies and
    with every family asked everywhere (every memo emptied before each: the
    lines are judged afresh either way)."""
    from tests.bench.bench_receipt import forget

    forget()
    gated = interpret(_captured(text)), lines_judged(_captured(text))
    forget()
    with vocabulary.everywhere():
        everywhere = interpret(_captured(text)), lines_judged(_captured(text))
    forget()
    return gated, everywhere


# Pieces of what tills print, near many families' words, in several cases.
_PIECES = st.sampled_from([
    "Total", "TOTAL", "Grand Total", "Sub Total", "Subtotal", "TTL", "TL", "VAT", "VAT 20%",
    "MwSt", "IVA", "Tax", "Cash", "Card", "VISA", "Change", "Tendered", "Paid", "Balance",
    "Receipt No:", "Receipt", "Invoice", "Order #", "Ref", "Account:", "Pupil ID", "Date:",
    "28/11/2026", "12:01", "5 March 2026", "Discount", "Refund", "VOID", "x", "2 x", "@",
    "£2.30", "2.30", "-0.55", "£", "12", "0042", "Pasta bake", "Cookie", "İ", "ı", "ſ",
    "ΣΎΝΟΛΟ", "Итого", "ИТОГО", "Tổng cộng", "合計", " ", "  ", ":", "%", "#", "-", "(", ")",
    "3 Items", "Amount due", "A PAYER", "Nº", "Číslo dokladu", "Ticket", "Bon-Nr.", "(GBP)",
    "**", "Net total", "Netto", "Brutto", "Items count: 3", "Summe", "Spend", "Cash back",
    "Refunded to:", "Paid Out", "ORDER SLIP", "Nr.", "Balance left", "*** VOID ***", "Returned",
    "Paid by:", "Taken from balance", "Gift Card", "****1234", "Card (Chip & PIN)", "Mastercard",
    "Free school meal", "Pupil account", "Готiвка", "Оплата", "Subtotal", "Excl. BTW",
    "Zero-Rated", "Rounding", "Cash tendered", "Pupil No:", "Customer ID Type: TIN",
])
_RECEIPTS = st.lists(st.lists(_PIECES, max_size=6).map(" ".join), max_size=9)


@settings(max_examples=150, deadline=None)
@given(_RECEIPTS)
def test_a_receipt_reads_exactly_as_with_every_family_asked_everywhere(text):
    gated, everywhere = _both(text)
    assert gated == everywhere


def test_every_corpus_receipt_reads_exactly_as_with_every_family_asked_everywhere():
    layouts = all_layouts() + [k for g in HOLDOUTS for k in group_layouts(g)]
    for layout in layouts:
        for data, _ in _pairs(layout, 3, 5):
            for r in decode(data)[0]:
                gated, everywhere = _both([str(t) for t in r.text])
                assert gated == everywhere, layout
