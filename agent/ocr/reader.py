"""Reading raster-only receipts: the reassembled picture -> text -> a sale
the interpreter's arithmetic vouches for.

``TesseractReader`` reads a ``drivers.raster.Bitmap`` with Tesseract linked
in through tesserocr (Debian's English data), line by line with each line's
lowest word confidence. ``read_receipt`` puts a captured receipt's images
together, reads them (the glyph cache first when one is given, Tesseract for
what it does not know) and hands the lines to ``drivers.receipt.interpret``
like any receipt's text. Trust is decided by the arithmetic, never by the
OCR's own opinion alone: a reading is ``trusted`` only when the interpreter
found item lines that add up to the total and a tender, and no money,
tender or total line was read with low confidence. An untrusted reading is
kept (a reviewer sees it) and flagged ``ocr_unreconciled``; nothing is
guessed. An account number read with low confidence is dropped
(``ocr_account_unsure``): a digit misread could name another pupil.

Tesseract is slow (~0.1-0.3 s a receipt) and runs in ``agent.ocr.worker``'s
process, never on the sale's path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.sale.transaction import Sale
from drivers.raster import Bitmap, reassemble, text_height
from drivers.receipt import UNPARSED, ParsedReceipt, ReceiptRules, interpret, parse_money
from sync.contract import Line, TenderPart, Transaction

# An account number read below this (Tesseract's 0-100 word confidence) is
# not believed.
MIN_ACCOUNT_CONFIDENCE = 85.0
SMALL_TEXT = 13  # dots: text lines lower than this are scaled x2 for Tesseract
WHITELIST = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
             " £$€#@&*()-+=:;.,/'\"!?%")
TESSDATA_GLOBS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata")


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One text line read from the picture: its text and its lowest word
    confidence (0-100)."""

    text: str
    confidence: float
    reader: str = "tesseract"  # or "glyph_cache"
    top: int = -1  # the line's rows in the picture (-1: not known)
    bottom: int = -1

    def __repr__(self) -> str:  # the text may carry a pupil's account
        return f"OcrLine({len(self.text)} chars, confidence={self.confidence:.0f})"


@dataclass
class OcrReading:
    """What was read from one raster-only receipt and whether to trust it."""

    lines: list[OcrLine]
    parsed: ParsedReceipt
    trusted: bool
    flags: list[str] = field(default_factory=list)
    confidence: float = 0.0  # mean line confidence
    seconds: float = 0.0  # reading time (reassembly + OCR + interpretation)
    reader: str = "tesseract"  # what read most lines

    @property
    def text(self) -> list[str]:
        return [ln.text for ln in self.lines]


def tessdata_path() -> str:
    """Where Tesseract's language data is: ``$TESSDATA_PREFIX`` or Debian's."""
    env = os.environ.get("TESSDATA_PREFIX")
    if env and os.path.isdir(env):
        return env
    for pattern in TESSDATA_GLOBS:
        root = Path(pattern).anchor or "/"
        for d in sorted(Path(root).glob(str(Path(pattern).relative_to(root))), reverse=True):
            if (d / "eng.traineddata").exists():
                return str(d)
    raise FileNotFoundError("Tesseract English data not found: install tesseract-ocr-eng")


def to_pil(bm: Bitmap) -> Any:
    """A ``Bitmap`` as a Pillow mode "1" image (Pillow: 1 = white)."""
    from PIL import Image

    return Image.frombytes("1", (bm.width, bm.height), bytes(b ^ 0xFF for b in bm.data))


class TesseractReader:
    """Tesseract through tesserocr: one engine, reused for every picture."""

    name = "tesseract"

    def __init__(self, lang: str = "eng") -> None:
        import tesserocr

        self._t = tesserocr
        # One uniform block: a receipt is columns of fixed-pitch text.
        self.api = tesserocr.PyTessBaseAPI(path=tessdata_path(), lang=lang,
                                           psm=tesserocr.PSM.SINGLE_BLOCK)
        # What a receipt prints: no 'Q' for '0' in an account number.
        self.api.SetVariable("tessedit_char_whitelist", WHITELIST)

    def read_image(self, im: Any, scale: int = 1) -> list[OcrLine]:
        """Lines of a Pillow image, with their lowest word confidence and
        their rows (divided by ``scale``, the image's enlargement)."""
        t = self._t
        self.api.SetImage(im)
        out: list[OcrLine] = []
        try:
            self.api.Recognize()
        except RuntimeError:  # tesserocr: "No text returned" (a logo, noise)
            return out
        it = self.api.GetIterator()
        words: list[str] = []
        low = 100.0
        level = t.RIL.WORD
        box = None
        if it is None:
            return out
        for w in t.iterate_level(it, level):
            if box is None:
                box = w.BoundingBox(t.RIL.TEXTLINE)
            try:
                words.append(w.GetUTF8Text(level) or "")
                low = min(low, w.Confidence(level))
            except RuntimeError:  # an empty word ("No text returned")
                pass
            if w.IsAtFinalElement(t.RIL.TEXTLINE, level):
                line = " ".join(x for x in words if x)
                if line.strip():
                    top, bottom = (box[1] // scale, box[3] // scale) if box else (-1, -1)
                    out.append(OcrLine(line, round(low, 1), self.name, top, bottom))
                words, low, box = [], 100.0, None
        return out

    def read(self, bm: Bitmap, second: bool = False) -> list[OcrLine]:
        """The text lines of a picture; small print (Font B, ~12 dots tall)
        is scaled up, which Tesseract reads far better (measured on the
        simulator's receipts; Font A reads best as printed). ``second``:
        the other scale, a second opinion with other mistakes."""
        im = to_pil(bm)
        scale = 2 if 0 < text_height(bm) < SMALL_TEXT else 1
        if second:
            scale = 3 - scale
        if scale > 1:
            im = im.resize((im.width * scale, im.height * scale))
        return self.read_image(im, scale)

    def close(self) -> None:
        self.api.End()


@dataclass(frozen=True)
class _Text:
    # What interpret() reads from a captured receipt.
    text: list[str]
    raster_only: bool = False


def judge(lines: list[OcrLine], rules: ReceiptRules | None = None) -> OcrReading:
    """Interpret OCR lines and decide whether the reading is trusted: the
    items add up to the total (the interpreter's check) and the tender adds
    up too (what was handed over, less any change, is the total)."""
    text = [ln.text for ln in lines]
    parsed = interpret(_Text(text), rules)
    flags: list[str] = []
    # A split payment is trusted only by its parts adding up to the total
    # (the reader checks): the same second sum as one tender's line less the
    # change, which one part of a split never is but by a misread digit.
    reconciled = (UNPARSED not in parsed.flags and parsed.total_pence is not None
                  and parsed.tender is not None
                  and (bool(parsed.tenders) if "split_tender" in parsed.flags
                       else tender_reconciles(text, parsed.tender, parsed.total_pence)))
    if parsed.account:
        acc = [ln for ln in lines if parsed.account in ln.text]
        if not acc or min(ln.confidence for ln in acc) < MIN_ACCOUNT_CONFIDENCE:
            parsed.account = None
            flags.append("ocr_account_unsure")
    if not reconciled:
        flags.append("ocr_unreconciled")
    conf = sum(ln.confidence for ln in lines) / len(lines) if lines else 0.0
    by = [ln.reader for ln in lines]
    reader = max(set(by), key=by.count) if by else "none"
    return OcrReading(lines, parsed, reconciled, flags, round(conf, 1), 0.0, reader)


_CHANGE = re.compile(r"^\s*change(?:\s+due)?\s*:?\s*(?P<money>.+?)\s*$", re.I)


def tender_reconciles(text: list[str], tender: str, total: int) -> bool:
    """The tender line's amount less the change printed is the total (a
    second sum a misread digit breaks). False when no tender line has an
    amount."""
    paid = change = None
    for line in text:
        words = line.rsplit(None, 1)
        if len(words) != 2:
            continue
        # "Account - £5.90": a refund's sign may stand apart from its amount
        label, amount = words[0].strip(" :-"), parse_money(words[1])
        if amount is None:
            continue
        if paid is None and label.lower() == tender.lower():
            paid = amount
        elif change is None and _CHANGE.match(label + " 0.00"):
            change = amount
    if paid is None:
        return False
    return abs(paid) - (change or 0) == abs(total)


def read_bitmap(bm: Bitmap | None, reader: Any, rules: ReceiptRules | None = None,
                cache: Any = None) -> OcrReading:
    """Read a reassembled picture: the glyph cache alone when it knows
    every cell and its reading adds up; else Tesseract, with the cache's
    complete lines in place of Tesseract's where the two together add up
    and Tesseract alone does not. A trusted Tesseract reading teaches the
    cache."""
    t0 = time.perf_counter()
    if bm is None:
        parsed = ParsedReceipt("sale", [], None, None, None, None, None, False,
                               ["raster_only", UNPARSED])
        return OcrReading([], parsed, False, ["ocr_no_pixels", "ocr_unreconciled"])
    cached = cache.read_lines(bm) if cache is not None else None
    reading = None
    if cached is not None and all(ln.text is not None for ln in cached):
        reading = judge([_line(ln) for ln in cached if ln.text], rules)
        if reading.trusted:
            cache.hits += 1
        else:
            reading = None
    if reading is None:
        if cache is not None:
            cache.misses += 1
        tess = reader.read(bm)
        reading = judge(tess, rules)
        if cached is not None:
            # Where the cache knows every cell of a line, its reading of the
            # line stands: learnt by vote, it does not misread a glyph one
            # time in ten. Tesseract's reading that adds up but disagrees
            # with it on such a line is not trusted.
            merged = judge(_merge(cached, tess), rules)
            if merged.trusted:
                reading = merged
            elif reading.trusted and _disagree(cached, tess):
                reading.trusted = False
                reading.flags += ["ocr_readers_disagree", "ocr_unreconciled"]
        if not reading.trusted and reading.lines and hasattr(reader, "read"):
            again = judge(reader.read(bm, second=True), rules)
            if again.trusted:
                reading = again
        if cache is not None and reading.trusted:
            cache.learn(bm, reading.lines)
    reading.seconds = time.perf_counter() - t0
    return reading


def _line(ln: Any) -> OcrLine:
    return OcrLine(ln.text, ln.confidence, ln.reader, ln.top, ln.bottom)


def _disagree(cached: list[Any], tess: list[OcrLine]) -> bool:
    """Whether Tesseract read a line the cache knows whole otherwise."""
    for ln in cached:
        if not ln.text:
            continue
        same_rows = [t for t in tess if t.top <= (ln.top + ln.bottom) / 2 <= t.bottom]
        if any(" ".join(t.text.split()) != ln.text for t in same_rows):
            return True
    return False


def _merge(cached: list[Any], tess: list[OcrLine]) -> list[OcrLine]:
    """The cache's complete lines, Tesseract's for the rest (by rows)."""
    out: list[OcrLine] = []
    for ln in cached:
        if ln.text is not None:
            if ln.text:
                out.append(_line(ln))
            continue
        out += [t for t in tess if t.top <= (ln.top + ln.bottom) / 2 <= t.bottom]
    return out


def read_receipt(captured: Any, reader: Any, rules: ReceiptRules | None = None,
                 cache: Any = None) -> OcrReading:
    """Reassemble a captured receipt's images and read them."""
    return read_bitmap(reassemble(captured.images), reader, rules, cache)


def reading_id(txn_id: str) -> str:
    """The id of the reading of raster-only sale ``txn_id``: ``<id>.ocr``
    (the original's id shortened with a hash when that would pass 64
    characters). Fixed by the original's id, so a reading journaled twice
    (a restart mid-way) is one transaction at the hub."""
    if len(txn_id) + 4 <= 64:
        return txn_id + ".ocr"
    digest = hashlib.sha256(txn_id.encode()).hexdigest()[:6]
    return f"{txn_id[:53]}.{digest}.ocr"


def reading_sale(original: Transaction, reading: OcrReading | None,
                 resolve_account: Any = None, error: str = "") -> Sale:
    """The sale that carries a raster-only sale's reading (journaled through
    ``agent.sale.transaction.transaction`` like any other).

    The original was journaled at once with no lines and a total of 0; this
    one has its own id (``reading_id``), the original's time, till and
    identification, and, when the reading is trusted, what the receipt
    says: lines, total, tender, receipt number. Untrusted or failed, it
    moves no money (total 0, no lines) and says why in its flags: a hub that
    knows nothing of readings still counts the sale's money once.
    """
    from agent.sale.sale_from_receipt import normalise_tender

    base = dataclasses.replace(Sale.journaled(original), id=reading_id(original.id))
    flags = set(original.flags) | {"raster_only", "ocr_reading"}
    if reading is None:
        flags |= {"ocr_failed", "unparsed_receipt"}
        return dataclasses.replace(base, lines=(), total_pence=0, flags=frozenset(flags))
    flags |= set(reading.flags)
    if not reading.trusted:
        flags.add("unparsed_receipt")
        return dataclasses.replace(base, lines=(), total_pence=0, flags=frozenset(flags))
    p = reading.parsed
    flags |= set(p.flags)  # what the reading says of itself (split_tender, unmapped_tender...)
    flags.discard("unparsed_receipt")
    pupil_id, identified_by = original.pupil_id, original.identified_by
    if pupil_id is None and p.account and resolve_account is not None:
        pupil_id = resolve_account(p.account)
        identified_by = "receipt" if pupil_id else None
        flags.discard("unknown_pupil")
        if pupil_id is None:
            flags.add("unknown_pupil")
    total = -abs(p.total_pence) if p.kind == "refund" else p.total_pence
    return dataclasses.replace(
        base, kind=p.kind if p.kind in ("sale", "refund", "void") else "sale",
        tapped=pupil_id, method=identified_by,
        receipt_no=p.receipt_no or original.receipt_no, lines=tuple(Line.of(ln) for ln in p.lines),
        total_pence=int(total or 0),
        tender=normalise_tender(p.tender, identified_by is not None),
        tenders=tuple(TenderPart(normalise_tender(t.tender, identified_by is not None),
                                 t.amount_pence) for t in p.tenders),
        flags=frozenset(flags))
