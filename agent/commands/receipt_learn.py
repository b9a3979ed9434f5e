"""``agent receipt learn``: a profile for this till from receipts captured
at it (files or journal seqs), with what the technician confirms for each
sample (``--truth`` or asked at the terminal), shown sample by sample as
read with the config and with the profile, and appended to the config only
with ``--write`` (put back if the result does not load). The learning
itself is ``agent.sale.receipt_learn``; the command's options are in
``agent.commands.receipt``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from agent.config import ConfigError, load_config, resolve_config_path, site_currency
from agent.config.currency import GBP, Currency
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.sale.receipt_reading import receipts_in
from agent.sale.receipt_rules import rules_from_config
from drivers.escpos import EscposError
from drivers.receipt import CONTRACT_TENDERS, ParsedReceipt, ReceiptRules, interpret


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
            found = receipts_in(data, cfg.printer, profile=profile, codepage=codepage)
            out += [(f"{source} #{i}" if len(found) > 1 else source, r)
                    for i, r in enumerate(found, 1)]
    finally:
        if journal is not None:
            journal.close()
    return out


def _reviewed(args, cfg, profile: str, codepage: str | None
              ) -> tuple[list[tuple[str, Any]], list[Any]]:
    """The newest ``--last`` receipts the office checked whose printed bytes
    the journal kept, each with what the check confirms
    (``agent.sale.receipt_learn_office``; the number and date asked at a
    terminal, else left unconfirmed), and the newest ``CLEAN_SAMPLES`` read
    cleanly, confirming nothing (their lines: a layout learnt from held
    receipts alone flags every line only clean ones print)."""
    from agent.sale import flag_words
    from agent.sale.receipt_learn_fields import Truth
    from agent.sale.receipt_learn_office import office_check, office_samples, office_truth
    from agent.sale.receipt_reading import (
        CLEAN_SAMPLES,
        RECEIPT_KINDS,
        RECENT_RECEIPTS,
        SCAN_ENTRIES,
    )

    rules = rules_from_config(cfg.receipt)
    samples: list[tuple[str, Any]] = []
    truths: list[Any] = []
    with Journal(cfg.state_path / JOURNAL_FILE, readonly=True) as journal:
        checked: set[int] = set()
        for seq, review in sorted(journal.reviews().items(), reverse=True):
            entry, cap = journal.get_seq(seq), journal.capture(seq)
            check = (office_check(seq, entry.transaction, review)
                     if entry and office_samples(entry.transaction, review) else None)
            if check is None or cap is None:
                continue
            try:
                found = receipts_in(cap.data, cfg.printer, profile=profile, codepage=codepage)
            except EscposError:
                continue
            if len(found) != 1 or found[0].raster_only:
                continue  # (a picture's reading is OCR's; a job of two is no one sale)
            samples.append((f"seq {seq} ({check.words})", found[0]))
            checked.add(seq)
            truths.append(office_truth(check, interpret(found[0], rules)))
            if len(samples) >= args.last:
                break
        if samples:
            # A profile only knows the lines its samples printed: the newest
            # few receipts read cleanly too, confirming nothing.
            clean = 0
            for e, cap in reversed(journal.recent_with_captures(
                    RECEIPT_KINDS, SCAN_ENTRIES, RECENT_RECEIPTS)):
                if clean == CLEAN_SAMPLES:
                    break
                if cap is None or e.seq in checked or any(
                        flag_words.words(f).review for f in e.transaction.get("flags") or []):
                    continue  # (a spot check found different is a checked sample already)
                try:
                    found = receipts_in(cap.data, cfg.printer, profile=profile,
                                        codepage=codepage)
                except EscposError:
                    continue
                if len(found) == 1 and not found[0].raster_only:
                    samples.append((f"seq {e.seq} (read cleanly; nothing confirmed)",
                                    found[0]))
                    truths.append(Truth())
                    clean += 1
    samples.reverse()
    truths.reverse()
    if samples and not args.json and sys.stdin.isatty():
        truths = _ask_unconfirmed(samples, truths, rules)
    return samples, truths


def _ask_unconfirmed(samples: list[tuple[str, Any]], truths: list[Any],
                     rules: ReceiptRules) -> list[Any]:
    """Ask the technician, with the paper at hand, for what the office never
    confirms (the number and the date): Enter leaves it unconfirmed."""
    import dataclasses

    from agent.sale.receipt_learn import contract_word
    from agent.sale.receipt_learn_truth import ask

    print("The office confirmed each sample's total and how it was paid. With the paper at "
          "hand, confirm its number and date: Enter keeps what the rules read (nothing read: "
          "left unconfirmed), a value corrects it, '-' says the receipt prints none.")
    out = []
    for (source, r), t in zip(samples, truths, strict=True):
        print(f"{source}:")
        for line in r.text:
            print(f"  | {line}")
        said = ask(interpret(r, rules), input, contract_word, fields=("receipt_no", "when"))
        out.append(dataclasses.replace(t, **{f: getattr(said, f) for f in said.confirmed}))
    return out


def _reading(p: ParsedReceipt, cur: Currency = GBP) -> str:
    parts = "".join(f" + {t.tender} {cur.money(t.amount_pence)}" for t in p.tenders)[3:]
    return (f"total {cur.money(p.total_pence)}, {len(p.lines)} line(s), tender {p.tender or '-'}"
            + (f" (split: {parts})" if parts else "")
            + f", flags {', '.join(p.flags) or 'none'}")


def learn(args, cfg, profile: str, codepage: str | None) -> int:
    """``agent receipt learn``: the profile learnt from the samples, each
    sample shown as printed and as read with and without it; written with
    ``--write``. Returns the exit status."""
    from agent.sale.receipt_learn import learn as learn_profile
    from agent.sale.receipt_learn import toml_text

    given: dict[str, str] = {}
    for t in args.tender:
        word, _, tender = t.rpartition("=")
        if not word.strip() or tender not in CONTRACT_TENDERS:
            print(f"error: --tender {t!r}: give WORD=TENDER with TENDER one of "
                  f"{', '.join(CONTRACT_TENDERS)}", file=sys.stderr)
            return 2
        given[word.strip()] = tender
    if args.from_reviews and (args.samples or args.truth):
        print("error: --from-reviews learns from the office's checks: give no SAMPLE or "
              "--truth with it", file=sys.stderr)
        return 2
    if not args.from_reviews and not args.samples:
        print("error: give the samples (files or journal seqs), or --from-reviews",
              file=sys.stderr)
        return 2
    truths: list[Any] | None
    try:
        if args.from_reviews:
            samples, truths = _reviewed(args, cfg, profile, codepage)
        else:
            samples = _samples(args, cfg, profile, codepage)
    except (OSError, ValueError, EscposError, JournalError) as exc:
        print(f"error: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 1
    if not samples:
        print("error: no receipts in the samples" if not args.from_reviews else
              "error: the office has checked no receipt the journal kept the printed bytes "
              "of: check some on the console's Receipts to check page first", file=sys.stderr)
        return 1
    if not args.from_reviews:
        try:
            truths = _truths(args, [r for _, r in samples], rules_from_config(cfg.receipt))
        except (OSError, ValueError) as exc:
            print(f"error: --truth {args.truth}: {exc}", file=sys.stderr)
            return 1
    prof = learn_profile([r for _, r in samples], cfg.receipt, given, truths)
    learnt = rules_from_config(prof.config(cfg.receipt))
    # (the lines the profile sets aside: its ignore patterns, and its templates')
    aside = [*prof.ignore, *(t.ignore for t in prof.templates if t.ignore)]
    ignored = re.compile("|".join(aside)) if aside else None
    before_ok = after_ok = 0
    cur = site_currency(cfg)
    for source, r in samples:
        before, after = interpret(r, rules_from_config(cfg.receipt)), interpret(r, learnt)
        before_ok += "unparsed_receipt" not in before.flags
        after_ok += "unparsed_receipt" not in after.flags
        print(f"{source}:")
        for t in r.text:
            mark = "  <- ignored (learnt)" if ignored and ignored.search(" ".join(t.split())) \
                else ""
            print(f"  | {t:<48}{mark}")
        print(f"  as the config reads it: {_reading(before, cur)}")
        print(f"  with the profile:       {_reading(after, cur)}")
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
    if prof.unproven:
        print("  the till's layout is not learnt: the samples do not prove it (each, held out, "
              "must be known line for line by the layout the others teach); the defaults' "
              "rules judge its receipts' lines, as without a profile. Add samples (a sale paid "
              "each way, each kind of line the till prints) to learn it. Held out:")
        for why in prof.unproven[:5]:
            print(f"    {why}")
    if prof.layout is not None and not prof.unproven:
        parts = [f for f in ("header", "body", "footer", "items") if getattr(prof.layout, f)]
        print(f"  the till's layout: the lines its samples printed ({', '.join(parts) or 'none'}"
              f"); every receipt prints {prof.layout.expect or 'nothing in particular'}. A "
              "receipt with a line or without a field the samples did not teach is flagged "
              "template_miss")
    if prof.layout is not None:
        if prof.layout.unnamed_tender:
            said = ("the receipt does not say (the journal's default)"
                    if prof.layout.unnamed_tender == "unsaid" else prof.layout.unnamed_tender)
            print("  no tender word: the samples confirm a sale handing over exactly its total "
                  f"with no word for how it was paid is {said}: such a receipt is not flagged "
                  "unread_tender (one printing a tender word is read as before)")
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
    if prof.unread:
        print("  still cannot read (its receipts like these stay flagged for a person; add or "
              "correct samples to teach it):")
        for why in prof.unread:
            print(f"    {why}")
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
