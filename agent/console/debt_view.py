"""The debt report page in the office's words: days as "Friday 4 December
2026", times as "12:41" in the site's time, and each sale held for review
with what happened and what to do (the CSV download stays ISO, for machines)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from agent.clock import parse_rfc3339
from agent.config.currency import GBP, Currency
from agent.console.views import ago, how_many, money, sale_words, year_words
from agent.reports.debt import DebtLine, DebtReport
from agent.sale import flag_words
from agent.uk_dates import uk_day, uk_day_iso, uk_time, uk_when


def owed_words(line: DebtLine, cur: Currency = GBP) -> str:
    """What a pupil still owes; nothing owed after meals that took from the
    account means the account was topped up since (a bare "£0.00" on a list
    of debts read as a mistake)."""
    if line.owed_pence == 0 and line.sales_pence > 0:
        return f"{money(0, cur)}: topped up since"
    return money(line.owed_pence, cur)


def balances_words(pulled_at: float | None, zone: tzinfo, now: float) -> str:
    """When the balances the figures are worked from came from the payment
    provider: what is owed is as of then (a parent's top-up since, e.g.
    during an outage, is not in it)."""
    if not pulled_at:
        return ("The payment provider has not sent this till any balances yet: what is owed "
                "cannot be worked out.")
    return (f"Worked out from the balances the payment provider sent at "
            f"{uk_when(pulled_at, zone, now)} ({ago(now - pulled_at)}): a top-up "
            "made since is not counted until the till hears from it again.")


def debt_page_context(report: DebtReport, zone: tzinfo, pulled_at: float | None = None,
                      now: float | None = None, cur: Currency = GBP) -> dict[str, Any]:
    """What debt.html shows; ``pulled_at``: when the roster's balances came
    (None: no pull yet); ``now``: the page's moment (None: say nothing of
    the balances' age); ``cur``: the site's currency."""
    lines = [{"name": x.display_name, "year": year_words(x.year_group), "owed": owed_words(x, cur),
              # A bare "1 (£0.85)" read as a meal costing 85p: say what the figure is.
              "sales": f"{how_many(x.count, 'meal')}, {money(x.sales_pence, cur)}",
              "dates": [uk_day_iso(d) for d in x.dates]} for x in report.lines]
    review = []
    for r in report.needs_review:
        day, time = uk_day_iso(r.day), ""
        if r.occurred_at:
            try:
                at = datetime.fromtimestamp(parse_rfc3339(r.occurred_at), zone)
                day, time = uk_day(at.date()), uk_time(at)
            except ValueError:
                pass
        why = [flag_words.words(f) for f in flag_words.shown(r.flags)]
        review.append({"day": day, "time": time, "name": r.display_name or "Nobody identified",
                       "year": year_words(r.year_group),
                       "what": sale_words(r.kind, r.total_pence, r.flags, cur),
                       "why": " ".join(w.stated for w in why),
                       "todo": " ".join(dict.fromkeys(w.action for w in why)),
                       "flags": " ".join(r.flags),
                       "at_till": r.identified_at_till})
    return {"lines": lines, "total_owed": money(report.total_owed_pence, cur),
            "review": review,
            "balances_from": "" if now is None else balances_words(pulled_at, zone, now)}

