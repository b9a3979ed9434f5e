"""Decode captured receipt streams with the same decoder and interpreter as
the live printer tap.

  agent receipt parse FILE [--json] [--profile P] [--codepage C]
        a stream a technician saved while fitting a till (e.g. with
        `python -m hwsim till --save` or a capture of port 9100): its
        receipts, their lines, total, tender and flags; a receipt printed as
        a picture is read with OCR (its text, each line's confidence, and
        whether its sums make it trusted)
  agent receipt reparse SEQ [--json]
        the raw bytes the journal kept for entry SEQ, read by today's parser
        (after a parser fix or a new template), beside what was journaled
  agent receipt learn SAMPLE... [--truth FILE.toml] [--tender WORD=TENDER]... [--write]
        a profile for this till from receipts captured at it (files or
        journal seqs): the till's labels for total, tender, number, date
        and account, learnt from what the technician confirms for each
        sample (--truth, or asked at the terminal field by field, showing
        what the rules read), lines to ignore, found by the receipts'
        arithmetic, and the printed tender words the technician maps to the
        contract's; every sample shown as printed and as read with and
        without it; appended to the config only with --write
  agent receipt learn --from-reviews [--last N] [--write]
        the same, from the receipts the office checked on the console's
        "Receipts to check" page: what it confirmed (the total, how it was
        paid, the pupil whose printed account was charged) is each sample's
        truth; the items never (the sums prove values, not names); the
        number and date asked at a terminal, else left unconfirmed

``learn`` runs in ``agent.commands.receipt_learn``. The printer profile,
code page and receipt templates come from the config
unless given here. Output shows receipt text as printed (it may name pupils):
for the technician's screen, not for logs or tickets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from agent.config import PrinterConfig, load_config, site_currency
from agent.config.currency import GBP, Currency
from agent.journal.store import JOURNAL_FILE, Journal
from agent.sale import flag_words
from agent.sale.printer_decoder import decoder_for
from agent.sale.receipt_rules import rules_from_config
from drivers.escpos import EscposError
from drivers.escpos_text import PROFILES
from drivers.events import ReceiptEnded, UnknownCommand
from drivers.receipt import (
    TEMPLATE_MISS,
    ParsedReceipt,
    ReceiptRules,
    interpret,
    misses,
)

HELP = "decode a captured ESC/POS stream, re-parse a journaled receipt, learn a till's profile"


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="receipt_cmd", required=True, metavar="ACTION")
    pa = sub.add_parser("parse", help="decode a captured stream file into receipts")
    pa.add_argument("file", metavar="FILE", help="the captured bytes (.bin)")
    re_ = sub.add_parser("reparse", help="re-parse the raw bytes journaled for an entry")
    re_.add_argument("seq", type=int, metavar="SEQ")
    ln = sub.add_parser("learn", help="propose this till's receipt profile from samples")
    ln.add_argument("samples", nargs="*", metavar="SAMPLE",
                    help="a captured stream file, or the seq of a journaled receipt")
    ln.add_argument("--from-reviews", action="store_true",
                    help="learn from the journaled receipts the office checked on the "
                         "console (what it confirmed is each sample's truth)")
    ln.add_argument("--last", type=int, default=8, metavar="N",
                    help="with --from-reviews: the newest N checked receipts (default 8)")
    ln.add_argument("--tender", action="append", default=[], metavar="WORD=TENDER",
                    help="the contract's word (cash, card, account, fsm) for a printed tender")
    ln.add_argument("--truth", metavar="FILE.toml",
                    help="what each sample says ([[receipt]] tables: total, tender, "
                         "receipt_no, when, account, kind); without it, asked at a terminal")
    ln.add_argument("--write", action="store_true", help="append the profile to the config")
    for q in (pa, re_, ln):
        q.add_argument("--json", action="store_true", help="machine-readable output")
        q.add_argument("--profile", choices=sorted(PROFILES),
                       help="printer code-page numbering (default: the config's)")
        q.add_argument("--codepage", metavar="C",
                       help="code page before any ESC t (default: the config's, e.g. cp437)")


def decode_stream(data: bytes, printer: PrinterConfig, profile: str, codepage: str | None,
                  rules: ReceiptRules | None) -> dict[str, Any]:
    """Decode a whole stream (fed at once, then ended like a closed TCP job)
    into the ``--json`` structure: read as ``printer`` says but for
    ``profile``/``codepage`` (the command line's, else the config's)."""
    # Not receipts_in: the decoder's counts are reported too.
    dec = decoder_for(printer, profile=profile, codepage=codepage)
    events = dec.feed(data, 0.0) + dec.end_of_job(0.0)
    receipts = []
    unknown_prefixes: dict[str, int] = {}
    reader = None
    for ev in events:
        if isinstance(ev, ReceiptEnded):
            r = ev.receipt
            receipts.append(_receipt_dict(r, p := interpret(r, rules)))
            if rules is not None and TEMPLATE_MISS in p.flags:
                # what the till's profile was not taught, in plain words
                receipts[-1]["why"] = misses(r, rules)
            if r.raster_only:
                from agent.ocr.reader import TesseractReader, read_receipt

                reader = reader or TesseractReader()
                receipts[-1]["ocr"] = _ocr_dict(read_receipt(r, reader, rules))
        elif isinstance(ev, UnknownCommand):
            key = ev.prefix[:2].hex(" ")
            unknown_prefixes[key] = unknown_prefixes.get(key, 0) + 1
    return {"receipts": receipts,
            "tokens": {"bytes": len(data), "commands": dec.total_commands,
                       "unknown": dec.total_unknown, "truncated": dec.total_truncated,
                       "unknown_text": dec.total_unknown_text,
                       "unknown_prefixes": unknown_prefixes},
            "profile": profile, "codepage": dec.default_codec}


def _receipt_dict(r: Any, p: ParsedReceipt) -> dict[str, Any]:
    return {
        "text": list(r.text),
        "lines": [{"description": ln.description, "quantity": ln.quantity,
                   "amount_pence": ln.amount_pence} for ln in p.lines],
        "total_pence": p.total_pence, "tender": p.tender,
        "tenders": [{"tender": t.tender, "amount_pence": t.amount_pence} for t in p.tenders],
        "receipt_no": p.receipt_no, "flags": list(p.flags), "kind": p.kind,
        "reprint": p.reprint, "occurred": p.occurred,
        "account": p.account, "ended_by": r.ended_by, "raster_only": r.raster_only,
        "bytes": len(r.raw), "images": len(r.images),
        "barcodes": [{"symbology": b.symbology, "data": b.data.decode("latin-1")}
                     for b in r.barcodes],
        "stats": {"commands": r.stats.commands, "text_bytes": r.stats.text_bytes,
                  "image_bytes": r.stats.image_bytes, "unknown": r.stats.unknown,
                  "truncated": r.stats.truncated, "unknown_text": r.stats.unknown_text},
    }


def _ocr_dict(reading: Any) -> dict[str, Any]:
    p = reading.parsed
    return {
        "text": reading.text, "confidence": [ln.confidence for ln in reading.lines],
        "trusted": reading.trusted, "flags": list(reading.flags), "reader": reading.reader,
        "seconds": round(reading.seconds, 3),
        "lines": [{"description": ln.description, "quantity": ln.quantity,
                   "amount_pence": ln.amount_pence} for ln in p.lines],
        "total_pence": p.total_pence, "tender": p.tender, "receipt_no": p.receipt_no,
        "account": p.account,
    }


def _print_receipt(i: int, r: dict[str, Any], cur: Currency = GBP) -> None:
    """One receipt as read, its amounts in the site's currency ``cur`` (as the
    staff pages say the same sale)."""
    flags = ", ".join(r["flags"]) or "none"
    extra = " REPRINT" if r["reprint"] else ""
    print(f"receipt {i}: {r['kind']}{extra}, {r['bytes']} bytes, ended by {r['ended_by']}"
          + (", raster only" if r["raster_only"] else ""))
    for t in r["text"]:
        print(f"  | {t}")
    for ln in r["lines"]:
        print(f"  line    {ln['quantity']} x {ln['description']:<28} "
              f"{cur.money(ln['amount_pence'])}")
    print(f"  total   {cur.money(r['total_pence'])}    tender {r['tender'] or '-'}    "
          f"receipt no {r['receipt_no'] or '-'}    time {r['occurred'] or '-'}")
    for t in r["tenders"]:
        print(f"  part    {t['tender']:<30} {cur.money(t['amount_pence'])}")
    if r["account"]:
        print(f"  account {r['account']}")
    for b in r["barcodes"]:
        print(f"  barcode {b['symbology']}: {b['data']}")
    print(f"  flags   {flags}")
    for code in r["flags"]:
        # What the staff screens say of it (agent/sale/flag_words.py).
        said = flag_words.words(code)
        print(f"  means   {code}: {said.stated} {said.action}")
    for why in r.get("why", []):
        print(f"  why     {why}")
    o = r.get("ocr")
    if o is not None:
        verdict = "trusted: its sums add up" if o["trusted"] else "NOT trusted"
        print(f"  OCR ({o['reader']}, {o['seconds'] * 1000:.0f} ms), {verdict}:")
        for t, c in zip(o["text"], o["confidence"], strict=True):
            print(f"  | {t:<48} {c:5.1f}")
        print(f"  ocr     total {cur.money(o['total_pence'])}    tender {o['tender'] or '-'}    "
              f"receipt no {o['receipt_no'] or '-'}    {len(o['lines'])} line(s)    "
              f"flags {', '.join(o['flags']) or 'none'}")


def _print_report(out: dict[str, Any], source: str, cur: Currency = GBP) -> None:
    tok = out["tokens"]
    print(f"{source}: {len(out['receipts'])} receipt(s); {tok['bytes']} bytes, "
          f"{tok['commands']} commands, {tok['unknown']} unknown, {tok['truncated']} truncated "
          f"(profile {out['profile']}, code page {out['codepage']})")
    if tok["unknown_prefixes"]:
        print("  unknown commands: " + ", ".join(
            f"{k} x{v}" for k, v in sorted(tok["unknown_prefixes"].items())))
    for i, r in enumerate(out["receipts"], 1):
        _print_receipt(i, r, cur)


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    profile = args.profile or cfg.printer.profile
    codepage = args.codepage or cfg.printer.codepage or None
    rules = rules_from_config(cfg.receipt)
    if args.receipt_cmd == "learn":
        from agent.commands.receipt_learn import learn

        return learn(args, cfg, profile, codepage)
    if args.receipt_cmd == "parse":
        path = Path(args.file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"error: {path}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        source = str(path)
        journaled = None
    else:
        jpath = cfg.state_path / JOURNAL_FILE
        if not jpath.exists():
            print(f"error: {jpath}: no journal yet (nothing journaled on this till).",
                  file=sys.stderr)
            return 1
        with Journal(jpath, readonly=True) as j:
            entry = j.get_seq(args.seq)
            cap = j.capture(args.seq) if entry else None
        if entry is None:
            print(f"error: no journal entry with seq {args.seq}", file=sys.stderr)
            return 1
        if cap is None:
            print(f"error: seq {args.seq} has no captured receipt (entry kind {entry.kind}, "
                  "not from the printer)", file=sys.stderr)
            return 1
        data, source, journaled = cap.data, f"seq {args.seq}", entry.transaction
    try:
        out = decode_stream(data, cfg.printer, profile, codepage, rules)
    except EscposError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if journaled is not None:
        out["journaled"] = {k: journaled.get(k) for k in
                            ("id", "kind", "receipt_no", "lines", "total_pence", "tender",
                             "flags")}
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    cur = site_currency(cfg)
    _print_report(out, source, cur)
    if journaled is not None:
        j = out["journaled"]
        print(f"journaled as {j['id']}: {j['kind']}, total {cur.money(j['total_pence'])}, "
              f"tender {j['tender']}, {len(j['lines'] or [])} line(s), "
              f"flags {', '.join(j['flags'] or []) or 'none'}")
    return 0
