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

The printer profile, code page and receipt templates come from the config
unless given here. Output shows receipt text as printed (it may name pupils):
for the technician's screen, not for logs or tickets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from agent.config import ConfigError, load_config, resolve_config_path
from agent.journal.store import JOURNAL_FILE, Journal
from agent.sale import flag_words
from agent.sale.receipt_reading import receipts_in
from agent.sale.receipt_rules import rules_from_config
from drivers.escpos import EscposDecoder, EscposError
from drivers.escpos_text import PROFILES
from drivers.events import ReceiptEnded, UnknownCommand
from drivers.receipt import (
    CONTRACT_TENDERS,
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
    ln.add_argument("samples", nargs="+", metavar="SAMPLE",
                    help="a captured stream file, or the seq of a journaled receipt")
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


def decode_stream(data: bytes, profile: str, codepage: str | None,
                  rules: ReceiptRules | None, double_byte: str = "",
                  double_byte_at_power_on: bool = False) -> dict[str, Any]:
    """Decode a whole stream (fed at once, then ended like a closed TCP job)
    into the ``--json`` structure."""
    dec = EscposDecoder(profile=profile, codepage=codepage, idle_gap_s=3.0,  # its counts too
                        double_byte=double_byte or None,
                        double_byte_at_power_on=double_byte_at_power_on)
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


def _money(p: int | None) -> str:
    if p is None:
        return "-"
    sign = "-" if p < 0 else ""
    return f"{sign}£{abs(p) // 100}.{abs(p) % 100:02d}"


def _print_receipt(i: int, r: dict[str, Any]) -> None:
    flags = ", ".join(r["flags"]) or "none"
    extra = " REPRINT" if r["reprint"] else ""
    print(f"receipt {i}: {r['kind']}{extra}, {r['bytes']} bytes, ended by {r['ended_by']}"
          + (", raster only" if r["raster_only"] else ""))
    for t in r["text"]:
        print(f"  | {t}")
    for ln in r["lines"]:
        print(f"  line    {ln['quantity']} x {ln['description']:<28} {_money(ln['amount_pence'])}")
    print(f"  total   {_money(r['total_pence'])}    tender {r['tender'] or '-'}    "
          f"receipt no {r['receipt_no'] or '-'}    time {r['occurred'] or '-'}")
    for t in r["tenders"]:
        print(f"  part    {t['tender']:<30} {_money(t['amount_pence'])}")
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
        print(f"  ocr     total {_money(o['total_pence'])}    tender {o['tender'] or '-'}    "
              f"receipt no {o['receipt_no'] or '-'}    {len(o['lines'])} line(s)    "
              f"flags {', '.join(o['flags']) or 'none'}")


def _print_report(out: dict[str, Any], source: str) -> None:
    tok = out["tokens"]
    print(f"{source}: {len(out['receipts'])} receipt(s); {tok['bytes']} bytes, "
          f"{tok['commands']} commands, {tok['unknown']} unknown, {tok['truncated']} truncated "
          f"(profile {out['profile']}, code page {out['codepage']})")
    if tok["unknown_prefixes"]:
        print("  unknown commands: " + ", ".join(
            f"{k} x{v}" for k, v in sorted(tok["unknown_prefixes"].items())))
    for i, r in enumerate(out["receipts"], 1):
        _print_receipt(i, r)


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    profile = args.profile or cfg.printer.profile
    codepage = args.codepage or cfg.printer.codepage or None
    rules = rules_from_config(cfg.receipt)
    if args.receipt_cmd == "learn":
        return _learn(args, cfg, profile, codepage)
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
        out = decode_stream(data, profile, codepage, rules, cfg.printer.double_byte,
                            cfg.printer.double_byte_at_power_on)
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
    _print_report(out, source)
    if journaled is not None:
        j = out["journaled"]
        print(f"journaled as {j['id']}: {j['kind']}, total {_money(j['total_pence'])}, "
              f"tender {j['tender']}, {len(j['lines'] or [])} line(s), "
              f"flags {', '.join(j['flags'] or []) or 'none'}")
    return 0


def _samples(args, cfg, profile: str, codepage: str | None) -> list[tuple[str, Any]]:
    """(source, CapturedReceipt) for every receipt in the samples named."""
    out: list[tuple[str, Any]] = []
    journal = None
    try:
        for name in args.samples:
            if name.isdigit():
                if journal is None:
                    journal = Journal(cfg.state_path / JOURNAL_FILE, readonly=True)
                cap = journal.capture(int(name))
                if cap is None:
                    raise ValueError(f"seq {name} has no captured receipt")
                data, source = cap.data, f"seq {name}"
            else:
                data, source = Path(name).read_bytes(), name
            found = receipts_in(data, profile, codepage, cfg.printer.double_byte,
                                cfg.printer.double_byte_at_power_on)
            out += [(f"{source} #{i}" if len(found) > 1 else source, r)
                    for i, r in enumerate(found, 1)]
    finally:
        if journal is not None:
            journal.close()
    return out


def _reading(p: ParsedReceipt) -> str:
    parts = "".join(f" + {t.tender} {_money(t.amount_pence)}" for t in p.tenders)[3:]
    return (f"total {_money(p.total_pence)}, {len(p.lines)} line(s), tender {p.tender or '-'}"
            + (f" (split: {parts})" if parts else "")
            + f", flags {', '.join(p.flags) or 'none'}")


def _learn(args, cfg, profile: str, codepage: str | None) -> int:
    import re

    from agent.sale.receipt_learn import learn, toml_text

    given: dict[str, str] = {}
    for t in args.tender:
        word, _, tender = t.rpartition("=")
        if not word.strip() or tender not in CONTRACT_TENDERS:
            print(f"error: --tender {t!r}: give WORD=TENDER with TENDER one of "
                  f"{', '.join(CONTRACT_TENDERS)}", file=sys.stderr)
            return 2
        given[word.strip()] = tender
    try:
        samples = _samples(args, cfg, profile, codepage)
    except (OSError, ValueError, EscposError) as exc:
        print(f"error: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    if not samples:
        print("error: no receipts in the samples", file=sys.stderr)
        return 1
    try:
        truths = _truths(args, [r for _, r in samples], rules_from_config(cfg.receipt))
    except (OSError, ValueError) as exc:
        print(f"error: --truth {args.truth}: {exc}", file=sys.stderr)
        return 1
    prof = learn([r for _, r in samples], cfg.receipt, given, truths)
    learnt = rules_from_config(prof.config(cfg.receipt))
    # (the lines the profile sets aside: its ignore patterns, and its templates')
    aside = [*prof.ignore, *(t.ignore for t in prof.templates if t.ignore)]
    ignored = re.compile("|".join(aside)) if aside else None
    before_ok = after_ok = 0
    for source, r in samples:
        before, after = interpret(r, rules_from_config(cfg.receipt)), interpret(r, learnt)
        before_ok += "unparsed_receipt" not in before.flags
        after_ok += "unparsed_receipt" not in after.flags
        print(f"{source}:")
        for t in r.text:
            mark = "  <- ignored (learnt)" if ignored and ignored.search(" ".join(t.split())) \
                else ""
            print(f"  | {t:<48}{mark}")
        print(f"  as the config reads it: {_reading(before)}")
        print(f"  with the profile:       {_reading(after)}")
    print(f"{len(samples)} sample(s): {before_ok} read cleanly with the config, "
          f"{after_ok} with the profile")
    if truths:
        _confirmed(samples, truths, rules_from_config(cfg.receipt), learnt)
    for t in prof.templates:
        for f in ("total", "tender", "receipt_no", "account", "when"):
            if getattr(t, f):
                print(f"  {f} read from lines matching {getattr(t, f)}"
                      + (f", the date printed as {t.date_format}"
                         if f == "when" and t.date_format else ""))
        if t.total_rival:
            print("  AMBIGUOUS: every sample printed the total under another label too "
                  f"(lines matching {t.total_rival}); the samples cannot say which is the "
                  "total, so a receipt where they differ is flagged total_unsure. Add a sample "
                  "with a discount or a charge on top to decide")
        if t.line:
            print(f"  item lines (name, count, value as confirmed) read as {t.line}")
        if t.ignore:
            print(f"  lines set aside, read as nothing (marked above): {t.ignore}")
    if prof.layout is not None:
        parts = [f for f in ("header", "body", "footer", "items") if getattr(prof.layout, f)]
        print(f"  the till's layout: the lines its samples printed ({', '.join(parts) or 'none'}"
              f"); every receipt prints {prof.layout.expect or 'nothing in particular'}. A "
              "receipt with a line or without a field the samples did not teach is flagged "
              "template_miss")
        if prof.layout.amounts:
            print("  amounts: the samples confirm the till prints whole units of its currency "
                  "(290 is 290.00): its receipts are not flagged whole_amounts")
    for pattern in prof.ignore:
        print(f"  ignore lines matching {pattern}")
    for word, tender in prof.tenders.items():
        print(f"  tender {word!r} = {tender}")
    for word, other in prof.ambiguous_tenders:
        print(f"  AMBIGUOUS: tender {word!r} and {other!r} each read every sample's tender "
              "right, all paid one way: the samples cannot say which names the payment. "
              "Add a sample paid another way before trusting it")
    for word in prof.unmapped:
        print(f"  tender {word!r} is not mapped: add --tender '{word}=<cash|card|account|fsm>'")
    if prof.empty:
        print("nothing to add: the config reads these samples as well as any profile would")
        return 0
    if not args.write:
        print("not written (add --write to append it to the config)")
        return 0
    return _write(args, prof, toml_text(prof, len(samples)))


def _truths(args, receipts: list[Any], rules: ReceiptRules) -> list[Any] | None:
    """What the technician confirms for each sample: the --truth file, or
    asked at a terminal (None: neither)."""
    from agent.sale.receipt_learn import contract_word
    from agent.sale.receipt_learn_truth import ask, truths_from_toml

    if args.truth:
        import tomllib

        with open(args.truth, "rb") as f:
            return truths_from_toml(tomllib.load(f), len(receipts))
    if args.json or not sys.stdin.isatty():
        return None
    print("For each sample, Enter keeps what the rules read, a value corrects it, "
          "'-' says the receipt prints none.")
    out = []
    for i, r in enumerate(receipts):
        print(f"sample {i + 1}:")
        for t in r.text:
            print(f"  | {t}")
        out.append(ask(interpret(r, rules), input, contract_word))
    return out


def _confirmed(samples, truths, before: ReceiptRules, after: ReceiptRules) -> None:
    """How many confirmed fields each sample reads right, before and with
    the profile."""
    from agent.sale.receipt_learn import contract_word
    from agent.sale.receipt_learn_fields import field_right
    from agent.sale.receipt_learn_truth import ASKED

    for (source, r), t in zip(samples, truths, strict=True):
        marks = [[field_right(interpret(r, rules), t, f, contract_word) for f in ASKED]
                 for rules in (before, after)]
        n = sum(v is not None for v in marks[0])
        if n:
            wrong = [f for f, v in zip(ASKED, marks[1], strict=True) if v is False]
            print(f"  {source}: {sum(bool(v) for v in marks[0])}/{n} confirmed fields "
                  f"read right with the config, {sum(bool(v) for v in marks[1])}/{n} with the "
                  f"profile" + (f" (still wrong: {', '.join(wrong)})" if wrong else ""))


def _write(args, prof, text: str) -> int:
    """Append the profile to the config file; put the file back if the result
    does not load."""
    import tomllib

    path, _ = resolve_config_path(args.config)
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if prof.tenders and "tenders" in tomllib.loads(old).get("receipt", {}):
            print(f"error: {path} has a [receipt.tenders] table already: add these lines "
                  f"to it by hand:", file=sys.stderr)
            print(text, file=sys.stderr)
            return 1
        path.write_text(old + text, encoding="utf-8")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return 1
    try:
        load_config(str(path), args.state_dir)
    except ConfigError as exc:
        path.write_text(old, encoding="utf-8")
        print(f"error: the profile would make the config invalid; {path} left as it was:\n"
              f"{exc.render()}", file=sys.stderr)
        return 1
    print(f"written to {path}")
    return 0
