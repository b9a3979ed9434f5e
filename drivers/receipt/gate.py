"""Each family's patterns asked only where they could match: a pattern is
tried on a text only when the text holds one of the literals every match
of the pattern holds.

A new line costs most of its time in the families' patterns (every word
family, number, date and amount rule is tried on it), and on most lines
most of them cannot match: an item line holds no tax's name, no total's
word, no receipt number's label. What a pattern needs is written in the
pattern itself: every match of ``(?:vat|tax|mwst|...)`` holds one of those
words, every match of ``\\btender(?:e)?d`` holds "tendered" or "tenderd",
every match of ``amount\\s+(?:paid|due)`` holds "amount" and one of "paid"
and "due". So each pattern's needs (``needs``: sets of literals, one of
each held by every match) are read from the pattern's own syntax tree, as
``re`` parses it, never written again by hand. A text is looked at once
(remembered per text: a line, its label and its cells are each asked about
by many families): folded as ``re.IGNORECASE`` compares letters
(``fold``), and every piece of it up to three letters long looked up among
the needs' literals (each literal by its first three letters): which needs
it meets (``_met``). A pattern is then asked only when the text meets all
its needs; else it cannot match, and the answer is the one it would give
(no match; the text unchanged by ``sub``).

``gate_patterns`` puts every module-level pattern of a package behind its
gate (``GatedPattern``, answering as ``re.Pattern`` does), once, at import;
the families' modules are not touched, and a pattern added to a family is
gated with it. The needs are read at the first question any gate is asked
(reading every family's syntax costs a third of the agent's start; the
first receipt pays it once instead), all at once; a pattern with no need
(``_AMOUNT``: digits and marks) is asked every time, as before.
``ungated`` takes the gates off for a while: what the properties comparing
the two readers use (tests/test_receipt_gate.py).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

from drivers.receipt.memo import remembered

try:  # the syntax tree ``re`` compiles from, and the letters IGNORECASE treats as one
    from re import _constants as _sre
    from re import _parser as _sre_parse
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - another Python's re: every pattern asked
    _sre_parse = None  # type: ignore[assignment]
    _EXTRA_CASES = {}

# A pattern's alternatives are followed as whole strings up to this many
# ("tender(?:e)?d": 2, "re[çc]u": 2); beyond it, only each literal's first
# three letters are kept (what a text is looked up by: ``_meets``).
_EXACT_MAX = 64
# A character class is followed as its letters up to this many ("[çc]", "[uú]").
_CLASS_MAX = 8
_PIECE = 3  # a text's pieces: its three-letter substrings


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
    exact, needs = info
    if exact is None:
        return list(needs)
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
    return found if len(found) <= _EXACT_MAX else frozenset(lit[:_PIECE] for lit in found)


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Info:
    """A sequence of nodes: its literals run on while each node's strings
    are few (``_EXACT_MAX``), and each run broken by a node that may match
    anything (``\\s+``, ``\\d``) becomes a need of its own."""
    run: frozenset[str] = frozenset([""])
    needs: list[frozenset[str]] = []
    exact = True
    for op, av in items:
        node_exact, node_needs = _node(op, av)
        if node_exact is not None and len(run) * len(node_exact) <= _EXACT_MAX:
            run = frozenset(a + b for a in run for b in node_exact)
            continue
        if "" not in run:
            needs.append(_fewest(run))
        exact = False
        if node_exact is not None:
            run = node_exact
        else:
            needs.extend(node_needs)
            run = frozenset([""])
    if exact and not needs:
        return run, ()
    if "" not in run:
        needs.append(_fewest(run))
    return None, tuple(needs)


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
        exact, needs = _sequence(sub)
        if most == 0:
            return _EMPTY
        if exact is not None and most == 1:
            return (exact | {""} if least == 0 else exact), ()
        return (None, tuple(_needs((exact, needs)))) if least >= 1 else _ANYTHING
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


# --- the gate ---------------------------------------------------------------

# The texts' pieces as slices, up to a long line's length (longer texts cut
# theirs as they come).
_SLICES = {n: [slice(i, i + n) for i in range(512)] for n in (2, _PIECE)}
_GATES: list[GatedPattern] = []  # every gate made, whose needs the index holds once read
_LITERALS: dict[str, int] = {}  # a literal (its first three letters) -> the needs it meets
_KEYS: frozenset[str] = frozenset()  # _LITERALS' keys
_INDEX_READ = threading.Lock()
_indexed = False
_MET: dict[str, int] = {}  # a text -> the needs it meets (remembered per text, bounded)


def _met(text: str) -> int:
    """The needs ``text`` meets (a bit each), its pieces looked up once."""
    if not _indexed:
        _index()
    return remembered(_MET, text, _meets, text)


def _meets(text: str) -> int:
    met = 0
    for literal in _KEYS.intersection(_pieces(fold(text))):
        met |= _LITERALS[literal]
    return met


def _pieces(folded: str) -> Iterator[str]:
    """Every piece of ``folded`` up to three letters long (cut in C: a
    slice each, precomputed)."""
    n = len(folded)
    if n > len(_SLICES[2]):
        return chain(folded, (folded[i:i + k] for k in (2, _PIECE) for i in range(n - k + 1)))
    get = folded.__getitem__
    return chain(folded, map(get, _SLICES[2][:n - 1]), map(get, _SLICES[_PIECE][:n - 2]))


def _index() -> None:
    """Every gate's needs read, each given its bit, and their literals
    indexed: once, before any text is looked at (so no text's needs are
    judged against part of the index)."""
    global _indexed, _KEYS
    with _INDEX_READ:
        if _indexed:
            return
        bit = 1
        for gate in _GATES:
            wanted = 0
            for need in needs(gate.ungated()):
                for literal in need:
                    key = literal[:_PIECE]
                    _LITERALS[key] = _LITERALS.get(key, 0) | bit
                wanted |= bit
                bit <<= 1
            gate._needs = wanted
        _KEYS = frozenset(_LITERALS)
        _MET.clear()
        _indexed = True


class GatedPattern:
    """A compiled pattern asked only where the text meets its needs
    (``needs``); answers as ``re.Pattern`` does. Compares and hashes as the
    pattern itself (a family's tuple of patterns holds the pattern: ``rx in
    _WORD_MONTHS``)."""

    __slots__ = ("_pattern", "_needs", "pattern", "flags", "groups", "groupindex")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern
        self._needs = 0  # the bits of its needs (none known: asked everywhere)
        self.pattern, self.flags = pattern.pattern, pattern.flags
        self.groups, self.groupindex = pattern.groups, pattern.groupindex
        _GATES.append(self)

    def could_match(self, text: str) -> bool:
        """Whether ``text`` meets every need of the pattern (False: it
        cannot match anywhere in it)."""
        met = _MET.get(text)
        if met is None:
            met = _met(text)
        return met & self._needs == self._needs

    # (``could_match`` written out in the three questions the rules ask
    # most: a call fewer each, on every line)
    def match(self, text: str, *bounds: int) -> re.Match[str] | None:
        met = _MET.get(text)
        if (met if met is not None else _met(text)) & self._needs == self._needs:
            return self._pattern.match(text, *bounds)
        return None

    def search(self, text: str, *bounds: int) -> re.Match[str] | None:
        met = _MET.get(text)
        if (met if met is not None else _met(text)) & self._needs == self._needs:
            return self._pattern.search(text, *bounds)
        return None

    def fullmatch(self, text: str, *bounds: int) -> re.Match[str] | None:
        met = _MET.get(text)
        if (met if met is not None else _met(text)) & self._needs == self._needs:
            return self._pattern.fullmatch(text, *bounds)
        return None

    def finditer(self, text: str, *bounds: int) -> Iterator[re.Match[str]]:
        return self._pattern.finditer(text, *bounds) if self.could_match(text) else iter(())

    def findall(self, text: str, *bounds: int) -> list[Any]:
        return self._pattern.findall(text, *bounds) if self.could_match(text) else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self._pattern.sub(repl, text, count) if self.could_match(text) else text

    def subn(self, repl: str | Callable[[re.Match[str]], str], text: str,
             count: int = 0) -> tuple[str, int]:
        return self._pattern.subn(repl, text, count) if self.could_match(text) else (text, 0)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self._pattern.split(text, maxsplit) if self.could_match(text) else [text]

    def ungated(self) -> re.Pattern[str]:
        """The pattern itself."""
        return self._pattern

    def __eq__(self, other: object) -> bool:
        if isinstance(other, GatedPattern):
            other = other._pattern
        return self._pattern == other

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __repr__(self) -> str:
        return f"GatedPattern({self._pattern!r})"


def _modules(package: str) -> list[Any]:
    return [importlib.import_module(f"{package}.{m.name}")
            for m in pkgutil.iter_modules(sys.modules[package].__path__)]


def gate_patterns(package: str) -> dict[re.Pattern[str], GatedPattern]:
    """Every module-level pattern of ``package``'s modules behind its gate,
    in every module that holds it (a family's module, and each module that
    imported it by name). Returns each pattern's gated stand-in."""
    stand_ins: dict[int, GatedPattern] = {}
    found: dict[re.Pattern[str], GatedPattern] = {}
    for module in _modules(package):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                if id(value) not in stand_ins:
                    stand_ins[id(value)] = found[value] = GatedPattern(value)
                setattr(module, name, stand_ins[id(value)])
    return found


@contextmanager
def ungated(package: str) -> Iterator[None]:
    """``package``'s patterns asked everywhere, as before their gates, for
    the duration: what proves the gates change no answer."""
    gates = [(module, name, value) for module in _modules(package)
             for name, value in list(vars(module).items()) if isinstance(value, GatedPattern)]
    for module, name, value in gates:
        setattr(module, name, value.ungated())
    try:
        yield
    finally:
        for module, name, value in gates:
            setattr(module, name, value)
