"""Which families can answer on a text, judged once per text from the
literals their own patterns need.

A new line costs most of its time in the families' patterns, and on most
lines most families cannot answer: an item line holds no total's word and
no receipt number's label. Each pattern was a cheap question on its own
(asking each pattern whether it could match cost what the patterns saved:
``git show fd8366c``), but a family asks many patterns of a text (a total's
rank: five), so the question is asked once per family and text instead.

What a pattern needs is written in the pattern itself: every match of
``(?:vat|tax|mwst)`` holds one of those words, every match of
``amount\\s+(?:paid|due)`` holds "amount" and one of "paid" and "due"
(``needs``, read from the syntax tree ``re`` compiles from, never written
again by hand). A family's ``Vocabulary`` is read from the function that
asks its patterns (``Vocabulary.of``): every module-level pattern the
function names, but the ones it names only to veto an answer or to trim
the text (``except_``); each pattern's alternatives at its top are ways to
match, each with its own needs (``ways``); a way that needs nothing
certain (digits and marks) opens the family everywhere. A text is folded
as ``re.IGNORECASE`` compares letters, its three-letter pieces looked up
among the literals' first letters, each literal found so looked for whole
in it (and the few literals shorter than three letters, each where the
text holds its first letter): once per text (``_met``, remembered per
text, bounded like the other memos), for every family at once; which
families the needs met open is remembered per set of needs (a till's texts
meet few). A need is one bit however many ways need it (a text holding
"total" meets one need, and only the ways first needing it are looked at).
A family none of whose ways the text meets cannot match it, nor any text
cut from it, and is not asked. A single pattern asked of most new lines
in vain is gated so too (a ``Vocabulary`` of that pattern alone, asked of
the text the pattern is: ``facts._DISCOUNTS``, ``total_labels._FINAL_WORDS``).

The gate is sound only where the family's answer comes from one of those
patterns matching the text it is given or a piece cut from it (never a
table, never letters it adds); the properties in
tests/test_receipt_vocabulary.py read any receipt with every family asked
everywhere (``everywhere``) and compare."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FunctionType
from typing import Any

from drivers.receipt.memo import remembered

try:  # the syntax tree ``re`` compiles from, and the letters IGNORECASE treats as one
    from re import _constants as _sre
    from re import _parser as _sre_parse
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python's re: every family asked
    _sre_parse = None  # type: ignore[assignment]
    _EXTRA_CASES = {}

# A pattern's alternatives are followed as whole strings up to this many
# ("tender(?:e)?d": 2, "re[çc]u": 2); beyond it, only each literal's first
# three letters are kept (what a text is looked up by).
_EXACT_MAX = 64
# A need is kept as its literals up to this many (each is looked for whole
# in a text holding its first letters); beyond it, only their first letters.
_LITERALS_MAX = 4096
# A character class is followed as its letters up to this many ("[çc]", "[uú]").
_CLASS_MAX = 8
_PIECE = 3  # a text's pieces: its substrings up to three letters long


def fold_char(ch: str) -> str:
    """``ch`` as ``re.IGNORECASE`` compares it: its (simple) lower case,
    and one letter for the letters it treats as one ("ı" and "i", "ſ" and
    "s", "ς" and "σ"). Two letters IGNORECASE matches fold the same."""
    low = ch.lower()[:1] or ch  # "İ".lower() is "i" and a combining dot: its simple lower "i"
    cp = ord(low)
    return chr(min((cp, *_EXTRA_CASES.get(cp, ()))))


class _Folds(dict[int, int]):
    """``str.translate``'s table for ``fold``, filled as letters are met
    (bounded: a hostile stream of letters never grows it)."""

    def __missing__(self, cp: int) -> int:
        folded = ord(fold_char(chr(cp)))
        if len(self) < 4096:
            self[cp] = folded
        return folded


_FOLDS = _Folds()


def fold(text: str) -> str:
    """``text`` letter by letter as ``re.IGNORECASE`` compares it
    (``fold_char``): one letter each, so a match's letters are where they
    were."""
    return text.lower() if text.isascii() else text.translate(_FOLDS)


# --- the literals a pattern needs, from its syntax tree ---------------------

# (exact, needs): ``exact`` every string the node matches (folded), when
# there are few; else None and ``needs``: literals-sets, each of which a
# match holds one literal of.
_Info = tuple[frozenset[str] | None, tuple[frozenset[str], ...]]
_EMPTY: _Info = (frozenset([""]), ())
_ANYTHING: _Info = (None, ())


def needs(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """What every match of ``pattern`` holds, as its syntax says: sets of
    literals (folded), one literal of each set in every match; () when
    nothing is certain (a pattern of digits and marks: ``\\d+[.,]\\d\\d``)."""
    if _sre_parse is None:  # pragma: no cover
        return ()
    return tuple(_needs(_sequence(_sre_parse.parse(pattern.pattern, pattern.flags))))


def _needs(info: _Info) -> list[frozenset[str]]:
    exact, found = info
    if exact is None:
        return list(found)
    return [] if "" in exact else [_fewest(exact)]


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of literals-sets: the longest shortest literal
    (up to a piece's length), then the fewest literals."""
    if not sets:
        return None
    return max(sets, key=lambda s: (min(_PIECE, *map(len, s)), -len(s)))


def _fewest(literals: Iterable[str]) -> frozenset[str]:
    """The same need in few literals: beyond ``_EXACT_MAX``, each one's
    first letters (what the gate looks at)."""
    found = frozenset(literals)
    return found if len(found) <= _LITERALS_MAX else frozenset(lit[:_PIECE] for lit in found)


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Info:
    """A sequence of nodes: its literals run on while each node's strings
    are few (``_EXACT_MAX``), and each run broken by a node that may match
    anything (``\\s+``, ``\\d``) becomes a need of its own."""
    run: frozenset[str] = frozenset([""])
    found: list[frozenset[str]] = []
    exact = True
    for op, av in items:
        node_exact, node_needs = _node(op, av)
        if node_exact is not None and len(run) * len(node_exact) <= _EXACT_MAX:
            run = frozenset(a + b for a in run for b in node_exact)
            continue
        if "" not in run:
            found.append(_fewest(run))
        exact = False
        if node_exact is not None:
            run = node_exact
        else:
            found.extend(node_needs)
            run = frozenset([""])
    if exact and not found:
        return run, ()
    if "" not in run:
        found.append(_fewest(run))
    return None, tuple(found)


def _node(op: Any, av: Any) -> _Info:
    """One node of ``re``'s syntax tree (``re._parser``)."""
    c = _sre
    if op is c.LITERAL:
        return frozenset([fold_char(chr(av))]), ()
    if op is c.IN:
        letters = _class_letters(av)
        return (letters, ()) if letters else _ANYTHING
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _EMPTY  # no letters of its own: the literals on either side run on
    if op is c.SUBPATTERN:
        return _sequence(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence(av)
    if op is c.BRANCH:
        return _branch([_sequence(alt) for alt in av[1]])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, most, sub = av
        exact, found = _sequence(sub)
        if most == 0:
            return _EMPTY
        if exact is not None and most == 1:
            return (exact | {""} if least == 0 else exact), ()
        return (None, tuple(_needs((exact, found)))) if least >= 1 else _ANYTHING
    return _ANYTHING  # any letter, a class of many, a group's reference


def _class_letters(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """A character class's letters (folded), when it is a few listed ones."""
    letters: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            letters.add(fold_char(chr(av)))
        elif op is _sre.RANGE and av[1] - av[0] < _CLASS_MAX:
            letters.update(fold_char(chr(cp)) for cp in range(av[0], av[1] + 1))
        else:
            return None  # a category (\d, \s, \w), a negation, a wide range
        if len(letters) > _CLASS_MAX:
            return None
    return frozenset(letters)


def _branch(alternatives: list[_Info]) -> _Info:
    """Alternatives: their strings together, when few; else one literal of
    each alternative's need (none needed if one alternative needs none)."""
    if all(exact is not None for exact, _ in alternatives):
        together = frozenset().union(*(exact for exact, _ in alternatives if exact is not None))
        if len(together) <= _EXACT_MAX:
            return together, ()
    chosen = [_best(_needs(alt)) for alt in alternatives]
    if any(need is None for need in chosen):
        return _ANYTHING
    return None, (_fewest(frozenset().union(*chosen)),)  # type: ignore[arg-type]


# --- a family's vocabulary, and a text's pieces -----------------------------

_VOCABULARIES: list[Vocabulary] = []  # every one made, indexed together at the first question
# a literal's first three letters -> each literal so beginning, with the
# needs it meets (a bit each) that none of its own pieces meets already
_LITERALS: dict[str, list[tuple[str, int]]] = {}
_KEYS: frozenset[str] = frozenset()  # _LITERALS' keys
# the literals shorter than a piece, by their first letter: each looked for
# in a text holding that letter (few: a way keeps them only where it needs
# nothing longer)
_SHORT: dict[str, list[tuple[str, int]]] = {}
_SHORT_FIRST: frozenset[str] = frozenset()  # _SHORT's keys
# a need's bit (one bit each set of literals, however many ways need it:
# "total" is needed by many) -> the ways looked up by it: the bits of all
# of each way's needs, and the families a text meeting them all opens (a
# family with a way that needs nothing is in ``_always``)
_WAY_OF: dict[int, dict[int, int]] = {}
_INDEX_READ = threading.Lock()
_indexed = False
_everywhere = False  # every family asked on every text (``everywhere``)
_always = 0  # the families a pattern of digits and marks opens: every text may hold them
# a text, as given and folded -> the families it opens (remembered, bounded)
_MET: dict[str, int] = {}
# the needs a text meets -> the families they open (remembered, bounded: a
# till's texts meet few sets of needs, ~90 over a day's 5,000 new texts)
_OPENED: dict[int, int] = {}
# A text's pieces as slices, up to a long line's length (a longer text cuts
# its own).
_SLICES = [slice(i, i + _PIECE) for i in range(512)]


def ways(pattern: re.Pattern[str]) -> list[tuple[frozenset[str], ...]]:
    """``needs`` for each of the pattern's alternatives at its top
    (``^(?:total|sum\\s+due)$``: one way holds "total", the other "sum" and
    "due"): a match is one of them, and holds one literal of each of its needs."""
    if _sre_parse is None:  # pragma: no cover
        return [()]
    return [tuple(_needs(_sequence(way)))
            for way in _alternatives(list(_sre_parse.parse(pattern.pattern, pattern.flags)))]


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """A sequence's ways: its one group's or branch's alternatives (the
    anchors around it match no letter), else the sequence itself."""
    inner = [(op, av) for op, av in items if op is not _sre.AT]
    if len(inner) == 1:
        op, av = inner[0]
        if op is _sre.SUBPATTERN:
            return _alternatives(list(av[3]))
        if op is _sre.BRANCH:
            return [way for alt in av[1] for way in _alternatives(list(alt))]
    return [items]


class Vocabulary:
    """What a family's answers need, read from the patterns they come from:
    ``may_answer(text)`` is False only where none of them can match
    ``text`` nor any text cut from it."""

    def __init__(self, name: str, patterns: Iterable[re.Pattern[str]]) -> None:
        self.name = name
        self.patterns = tuple(patterns)
        self._bit = 0  # its bit in every text's ``_met``, given at the first question
        with _INDEX_READ:
            _VOCABULARIES.append(self)
            _unindexed()  # (one made after the first question: indexed with the others)

    @classmethod
    def of(cls, family: Callable[..., Any],
           except_: Iterable[re.Pattern[str]] = (), calls: bool = False) -> Vocabulary:
        """The vocabulary of the patterns ``family`` names (its module's, by
        name), but the ones in ``except_`` (a veto, a trim: they make no
        answer); with ``calls``, the patterns of the functions of this
        package it calls too, and theirs (a family asked through its
        helpers: a purse's way, a card's brand). A pattern added to the
        family is in it at once."""
        function = getattr(family, "__wrapped__", family)  # under functools' cache
        left_out = set(map(id, except_))
        patterns = [p for p in _patterns_named(function, calls) if id(p) not in left_out]
        return cls(f"{function.__module__}.{function.__qualname__}", patterns)

    def may_answer(self, text: str) -> bool:
        """Whether one of the family's patterns may match ``text`` or a text
        cut from it (False: the family cannot answer on it)."""
        met = _MET.get(text)
        if met is None:
            met = _met(text)
        return met & self._bit != 0

    def __repr__(self) -> str:
        return f"Vocabulary({self.name})"


def _names(code: Any) -> Iterator[str]:
    """The global names ``code`` uses, its comprehensions' too."""
    yield from code.co_names
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            yield from _names(const)


def _patterns_named(function: Any, calls: bool) -> list[re.Pattern[str]]:
    """The module-level patterns ``function`` names, each once; with
    ``calls``, those of every function of this package it names, theirs
    too (each function read once)."""
    found: dict[int, re.Pattern[str]] = {}
    todo, read = [function], set()
    while todo:
        function = todo.pop(0)
        if id(function) in read:
            continue
        read.add(id(function))
        for name in dict.fromkeys(_names(function.__code__)):
            value = function.__globals__.get(name)
            if isinstance(value, re.Pattern):
                found.setdefault(id(value), value)
            elif calls and isinstance(callee := getattr(value, "__wrapped__", value),
                                      FunctionType) \
                    and callee.__module__.startswith(_PACKAGE):
                todo.append(callee)
    return list(found.values())


_PACKAGE = __name__.rsplit(".", 1)[0] + "."  # the reader's modules: a family's helpers


def _met(text: str) -> int:
    """The families ``text`` opens (a bit each), its pieces looked up once;
    remembered per text and per text folded (what they open depends on the
    folded text alone: a label's key, casefolded, is most often the label
    folded, and is not looked at again)."""
    if not _indexed:
        _index()
    if _everywhere:
        return -1
    folded = fold(text)
    if folded == text:
        return remembered(_MET, text, _opens, text)
    return remembered(_MET, text, _met_folded, folded)


def _met_folded(folded: str) -> int:
    """``_met`` of a text by its folded text, remembered under it."""
    return remembered(_MET, folded, _opens, folded)


def _opens(folded: str) -> int:
    """The families the ``folded`` text opens (``fold``: as IGNORECASE compares)."""
    met = 0
    for key in _KEYS.intersection(_pieces(folded)):
        for literal, bits in _LITERALS[key]:
            if literal in folded:
                met |= bits
    for first in _SHORT_FIRST.intersection(folded):
        for literal, bits in _SHORT[first]:
            if literal in folded:
                met |= bits
    return remembered(_OPENED, met, _opened, met) if met else _always


def _opened(met: int) -> int:
    """The families opened by the needs ``met`` (a bit each): those with a
    way every need of which is met. Only the ways of the needs met are
    looked at (a text meets a few of the families' hundreds of needs)."""
    opened, rest = _always, met
    while rest:
        need = rest & -rest  # the lowest need met
        rest ^= need
        for mask, families in _WAY_OF.get(need, _NO_WAYS).items():
            # (a way is looked up by its first need only)
            if mask & met == mask:
                opened |= families
    return opened


_NO_WAYS: dict[int, int] = {}


def _pieces(folded: str) -> Iterable[str]:
    """Every piece of ``folded`` three letters long (cut in C: a slice
    each, precomputed)."""
    n = len(folded)
    if n > len(_SLICES):
        return (folded[i:i + _PIECE] for i in range(n - _PIECE + 1))
    return map(folded.__getitem__, _SLICES[:max(n - _PIECE + 1, 0)])


def _telling(way: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """A way's needs without those of a letter or two ("a", "to") when it
    has one of longer literals: asking fewer needs only opens the family
    more, and a short literal is in most texts."""
    long = tuple(need for need in way if min(map(len, need)) >= _PIECE)
    return long or way


def _unindexed() -> None:
    """The index forgotten: read again, every vocabulary's, at the next question."""
    global _indexed, _KEYS, _SHORT_FIRST, _always
    _indexed, _KEYS, _SHORT_FIRST, _always = False, frozenset(), frozenset(), 0
    _LITERALS.clear()
    _SHORT.clear()
    _WAY_OF.clear()
    _MET.clear()
    _OPENED.clear()


def _index() -> None:
    """Every vocabulary's patterns read, each family given its bit, and
    their literals indexed: once, before any text is looked at (so no text
    is judged against part of the index)."""
    global _indexed, _KEYS, _SHORT_FIRST, _always
    with _INDEX_READ:
        if _indexed:
            return
        # One bit a need, however many ways need it: a text meeting it sets
        # one bit, and the ways it may complete are looked at once.
        need_bits: dict[frozenset[str], int] = {}
        needed_by: dict[str, int] = {}  # each literal -> the needs it meets
        for bit, vocabulary in enumerate(_VOCABULARIES):
            vocabulary._bit = 1 << bit
            for pattern in vocabulary.patterns:
                for way in map(_telling, ways(pattern)):
                    if not way:
                        _always |= vocabulary._bit  # digits and marks: any text may hold them
                        continue
                    mask = 0
                    for need in way:
                        if need not in need_bits:
                            need_bits[need] = 1 << len(need_bits)
                            for literal in need:
                                needed_by[literal] = needed_by.get(literal, 0) | need_bits[need]
                        mask |= need_bits[need]
                    ways_of = _WAY_OF.setdefault(need_bits[way[0]], {})
                    ways_of[mask] = ways_of.get(mask, 0) | vocabulary._bit
        for literal, bits in needed_by.items():
            # A text holding the literal holds each of its pieces: the needs
            # a piece meets are met already ("kvittonummer" where "kvitto" is asked).
            bits &= ~_pieces_meet(literal, needed_by)
            if not bits:
                continue
            if len(literal) < _PIECE:
                _SHORT.setdefault(literal[0], []).append((literal, bits))
            else:
                _LITERALS.setdefault(literal[:_PIECE], []).append((literal, bits))
        _KEYS, _SHORT_FIRST = frozenset(_LITERALS), frozenset(_SHORT)
        _MET.clear()
        _OPENED.clear()
        _indexed = True


def _pieces_meet(literal: str, needed_by: dict[str, int]) -> int:
    """The needs met by the literals that are pieces of ``literal`` (shorter
    than it, found in it)."""
    met = 0
    for size in range(1, len(literal)):
        for at in range(len(literal) - size + 1):
            met |= needed_by.get(literal[at:at + size], 0)
    return met


@contextmanager
def everywhere() -> Iterator[None]:
    """Every family asked on every text, for the duration: what proves the
    vocabularies change no answer."""
    global _everywhere
    if not _indexed:
        _index()
    _MET.clear()
    _everywhere = True
    try:
        yield
    finally:
        _everywhere = False
        _MET.clear()
