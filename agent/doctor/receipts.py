"""Doctor check on how well THIS till's receipts are read (issue 13): the
recent receipts read cleanly and flagged, the commonest flags, whether the
config has a learnt profile, and what to do (learn the till's profile from
the flagged receipts, with a command to paste; map a tender word). Reads
the journal ``mode=ro``, a bounded window of it."""

from __future__ import annotations

from agent.doctor.base import Context, Finding, check, clip, ok, skip, warn
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.sale.flag_words import words


@check("receipts.reading", timeout_s=5.0, timeout_status="warn", reads_state=True)
def reading(ctx: Context) -> Finding:
    # The receipt reader (the whole interpretation package: a quarter second
    # of CPU) is loaded when this check runs, not when the doctor starts, so
    # the first answers (the console's doctor page shows each) do not wait.
    from agent.sale.receipt_reading import UNKNOWN, WARN, read_receipt_reading

    name = "receipts.reading"
    path = ctx.state_dir / JOURNAL_FILE
    if not path.exists():
        return skip(name, "not known: no journal yet, no receipts read")
    try:
        with Journal(path, readonly=True) as j:
            r = read_receipt_reading(j, ctx.cfg, ctx.now)
    except JournalError as exc:
        return skip(name, f"not known: journal not readable ({clip(str(exc), 80)})")
    # Each flag seen, with its plain words, so the technician need not look them up.
    detail = [f"{code}: {k} receipt(s): {words(code).stated}" for code, k in
              r.flags.most_common()]
    if r.learn_seqs:
        seqs = ", ".join(map(str, r.learn_seqs))
        detail.append(f"receipts to learn from (the newest flagged, a few clean): seq {seqs}")
    config = ctx.config_path if ctx.config_path and ctx.config_path.exists() else None
    advice = r.advice(config, ctx.state_dir)
    if r.verdict == UNKNOWN:
        return skip(name, r.summary(), fix=advice, detail=detail)
    if r.verdict == WARN:
        return warn(name, r.summary(), advice, detail=detail, detail_always=True)
    if advice:  # no learnt profile: few flags do not prove the reading right
        return ok(name, r.summary(), detail=[f"note: {advice}", *detail], detail_always=True)
    return ok(name, r.summary(), detail=detail)


# The newest receipts a currency is judged by (their printed text, one query).
CURRENCY_RECEIPTS = 50


@check("receipts.currency", timeout_s=3.0, timeout_status="warn", reads_state=True)
def currency(ctx: Context) -> Finding:
    """Whether the till's receipts print the site's currency (``currency``):
    an Irish school's till left on pounds says "£" on every page."""
    from agent.config import site_currency
    from agent.config.currency import CURRENCIES
    from agent.console.paper_currency import printed_currencies

    name = "receipts.currency"
    try:
        site = site_currency(ctx.cfg)
    except ValueError:
        return skip(name, "not known: the config's currency is not valid (see host.config)")
    path = ctx.state_dir / JOURNAL_FILE
    if not path.exists():
        return skip(name, f"amounts said in {site.said}; no receipts yet to compare")
    try:
        with Journal(path, readonly=True) as j:
            recent = j.recent_with_captures(("sale", "refund", "void"), 10 * CURRENCY_RECEIPTS,
                                            CURRENCY_RECEIPTS)
    except JournalError as exc:
        return skip(name, f"not known: journal not readable ({clip(str(exc), 80)})")
    marked = [p for p in (printed_currencies(c.text) for _, c in recent if c) if p]
    if not marked:
        return ok(name, f"amounts said in {site.said}; the recent receipts print bare "
                        "figures, no currency to compare")
    other = [p for p in marked if site.code not in p]
    if not other:
        return ok(name, f"amounts said in {site.said}, as the last {len(marked)} receipt(s) "
                        "that print a currency print them")
    printed = sorted(set().union(*other))
    where = ctx.config_path or "the config"
    return warn(name, f"{len(other)} of the last {len(marked)} receipt(s) that print a currency "
                      f"print {' and '.join(printed)}, but this till says amounts in {site.said}",
                f"if the school's money is {printed[0]}, set currency = \"{printed[0]}\" in "
                f"{where} ({' or '.join(CURRENCIES)}) and restart the agent"
                if printed[0] in CURRENCIES else "check the till prints this school's receipts")
