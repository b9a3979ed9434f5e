"""A per-till glyph cache (pure): reading a fixed-pitch receipt picture by
matching character cells, learnt from trusted OCR readings.

A till prints the same font all day, on a fixed grid: every character is a
cell ``pitch`` dots wide (Font A 12, Font B 9) starting at ``origin``. Once
Tesseract has read a receipt and its sums made the reading trusted, each
printed cell's dots are paired with the character read there (the line's
non-blank cells, left to right, are the reading's characters without its
spaces). The next receipt is read by looking its cells up: a few
millisecond instead of Tesseract's fifty or more. One unknown cell and
``read`` gives up (None), and the caller asks Tesseract; the cache's reading
goes through the same arithmetic check as Tesseract's (and when it does not
add up, Tesseract reads the picture).

A cell's key is its dots cropped to their ink rows (where a glyph sits on
its line is left out: a line of one glyph, or of descenders, has no baseline
to measure from; two glyphs of one shape at two heights, if a font has them,
are one key, which the tally below then leaves unused). Each key keeps a
tally of what it was read as; it is used once one character has
``MIN_VOTES`` readings and ``MARGIN`` times as many as any other (Tesseract
now and then reads a dotted zero as 'O' in an account number, or '.' as ','
in an amount, and the arithmetic lets both through: a one-off misreading
must not be learnt). A run of identical cells that the reading skipped (a
rule of dashes) is learnt as nothing, until that glyph is read as itself
elsewhere (a refund's minus sign).

The grid is found once, from the first picture learnt: the pitch and origin
whose cell boundaries cross the least ink (glyphs keep a blank column or two
between them). A picture whose ink sits on another grid is not read by the
cache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from drivers.raster import Bitmap, text_rows

PITCHES = (12, 9, 10, 8)
# A grid is believed while its boundary columns hold at most this share of
# the picture's ink.
MAX_BOUNDARY_INK = 0.02
FEW_DOTS = 4000  # a receipt has tens of thousands
MAX_LINE_HEIGHT = 64  # an ink run taller than this is a logo, not a text line
MIN_VOTES = 2
MARGIN = 4  # Font B's dotted zero: read '0' ~90% of the time, '9' ~10%

Key = tuple[int, tuple[int, ...]]  # (pitch, the cell's rows cropped to its ink)


@dataclass
class CacheLine:
    """One line read from the cache (the shape of ``agent.ocr.reader.OcrLine``)."""

    text: str
    confidence: float = 99.0
    reader: str = "glyph_cache"
    top: int = -1
    bottom: int = -1


@dataclass
class GlyphCache:
    """Glyphs of one till's printer font (see the module doc)."""

    pitch: int = 0  # 0: no grid yet
    origin: int = 0
    glyphs: dict[Key, str] = field(default_factory=dict)  # the keys in use
    votes: dict[Key, Counter[str]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    # --- geometry -----------------------------------------------------------

    @staticmethod
    def find_grid(bm: Bitmap) -> tuple[int, int, float]:
        """The (pitch, origin, share of ink on boundaries) that crosses the
        least ink; ties go to the origin deepest inside the blank gap."""
        hist = _column_ink(bm)
        total = sum(hist) or 1
        best: tuple[float, float, int, int] | None = None
        for pitch in PITCHES:
            for origin in range(pitch):
                cols = range(origin, bm.width, pitch)
                ink = sum(hist[x] for x in cols)
                near = sum(hist[x + d] for x in cols for d in (-2, -1, 1, 2)
                           if 0 <= x + d < bm.width)
                score = (ink / total, near / total, pitch, origin)
                if best is None or score[:2] < best[:2]:
                    best = score
        assert best is not None
        return best[2], best[3], best[0]

    def on_grid(self, bm: Bitmap) -> bool:
        """Whether the picture's glyphs sit on the cache's grid: few dots on
        its cell boundaries, or (a short text of wide glyphs: 'T', 'M') no
        fewer than on any other origin's; or too little ink to tell."""
        share = _boundary_ink(bm, self.pitch, self.origin)
        if share <= MAX_BOUNDARY_INK or _ink(bm) < FEW_DOTS:
            # A few glyphs say little about a grid: their cells decide (an
            # unknown one gives up).
            return True
        return all(share <= _boundary_ink(bm, self.pitch, o)
                   for o in range(self.pitch) if o != self.origin)

    # --- reading --------------------------------------------------------------

    def read(self, bm: Bitmap) -> list[CacheLine] | None:
        """The picture's lines, when every cell is a known glyph; else None."""
        lines = self.read_lines(bm)
        if lines is None or any(ln.text is None for ln in lines):
            self.misses += 1
            return None
        self.hits += 1
        return [ln for ln in lines if ln.text]

    def read_lines(self, bm: Bitmap) -> list[CacheLine] | None:
        """Every ink run of the picture as a line: its text when all its
        cells are known ("" for a run of nothing, e.g. a rule), else text
        None (for another reader to fill). None when the picture is not on
        the cache's grid."""
        if not self.pitch or not self.glyphs:
            return None
        if not self.on_grid(bm):
            return None
        rows = _row_ints(bm)
        out: list[CacheLine] = []
        for top, bottom in text_rows(bm):
            if bottom - top > MAX_LINE_HEIGHT:
                return None
            text: list[str] | None = []
            for key in _cells(rows, bm.width, top, bottom, self.pitch, self.origin):
                ch = " " if key is None else self.glyphs.get(key)
                if ch is None:
                    text = None
                    break
                text.append(ch)
            if text is not None and "" in text and "".join(text).strip():
                # A rule's glyph ("") beside others: a minus sign, say, not yet
                # learnt as itself. Unknown, rather than dropped.
                text = None
            line = " ".join("".join(text).split()) if text is not None else None
            out.append(CacheLine(line, top=top, bottom=bottom))  # type: ignore[arg-type]
        return out

    # --- learning -------------------------------------------------------------

    def learn(self, bm: Bitmap, lines: Sequence[Any]) -> int:
        """Pair the picture's cells with a trusted reading's ``lines`` (each
        with ``text``, ``top``, ``bottom`` in the picture's rows). Returns
        how many cells were learnt; lines whose cell count does not match
        their text are skipped."""
        if not self.pitch:
            pitch, origin, share = self.find_grid(bm)
            if share > MAX_BOUNDARY_INK:
                return 0
            self.pitch, self.origin = pitch, origin
        if not self.on_grid(bm):
            return 0
        rows = _row_ints(bm)
        learnt = 0
        runs = [r for r in text_rows(bm) if r[1] - r[0] <= MAX_LINE_HEIGHT]
        read_runs: set[tuple[int, int]] = set()
        for ln in lines:
            if getattr(ln, "top", -1) < 0:
                continue
            mine = [r for r in runs if ln.top <= (r[0] + r[1]) / 2 <= ln.bottom]
            if len(mine) != 1:
                continue
            read_runs.add(mine[0])
            keys = [k for k in _cells(rows, bm.width, *mine[0], self.pitch, self.origin) if k]
            chars = [c for c in ln.text if not c.isspace()]
            if len(keys) != len(chars):
                continue
            for key, ch in zip(keys, chars, strict=True):
                learnt += self._pair(key, ch)
        for run in runs:
            if run in read_runs:
                continue
            keys = [k for k in _cells(rows, bm.width, *run, self.pitch, self.origin) if k]
            if len(keys) >= 8 and len(set(keys)) == 1:  # a rule the reading skipped
                learnt += self._pair(keys[0], "")
        return learnt

    def _pair(self, key: Key, ch: str) -> int:
        tally = self.votes.setdefault(key, Counter())
        # "": a cell of a rule the reading skipped. A glyph read as itself
        # somewhere (the rule's '-' as a refund's minus) outvotes that.
        if ch == "" and any(tally):
            if tally.get("", 0) == 0:
                return 0
        elif ch:
            tally.pop("", None)
        tally[ch] += 1
        top = tally.most_common(2)
        best, n = top[0]
        second = top[1][1] if len(top) > 1 else 0
        if n >= MIN_VOTES and n >= MARGIN * second:
            self.glyphs[key] = best
        else:
            self.glyphs.pop(key, None)
        return 1


def _row_ints(bm: Bitmap) -> list[int]:
    pad = bm.stride * 8 - bm.width
    return [int.from_bytes(r, "big") >> pad for r in bm.rows()]


def _column_ink(bm: Bitmap) -> list[int]:
    hist = [0] * bm.width
    for r in _row_ints(bm):
        x = bm.width - 1
        while r:
            if r & 1:
                hist[x] += 1
            r >>= 1
            x -= 1
    return hist


def _ink(bm: Bitmap) -> int:
    return sum(r.bit_count() for r in _row_ints(bm))


def _boundary_ink(bm: Bitmap, pitch: int, origin: int) -> float:
    """The share of the picture's ink on the grid's boundary columns."""
    mask = 0
    for x in range(origin, bm.width, pitch):
        mask |= 1 << (bm.width - 1 - x)
    rows = _row_ints(bm)
    total = sum(r.bit_count() for r in rows) or 1
    return sum((r & mask).bit_count() for r in rows) / total


def _cells(rows: list[int], width: int, top: int, bottom: int, pitch: int,
           origin: int) -> list[Key | None]:
    """The line's cells left to right: a key, or None for a blank cell."""
    mask = (1 << pitch) - 1
    out: list[Key | None] = []
    for x0 in range(origin, width - pitch + 1, pitch):
        shift = width - x0 - pitch
        bits = [(rows[y] >> shift) & mask for y in range(top, bottom)]
        ink = [i for i, b in enumerate(bits) if b]
        out.append((pitch, tuple(bits[ink[0] : ink[-1] + 1])) if ink else None)
    while out and out[-1] is None:  # trailing blank cells carry nothing
        out.pop()
    return out
