"""The receipt interpretation rules of this till, from the config.

``rules_from_config(cfg.receipt)`` turns ``[receipt]`` (reprint markers,
``[receipt.tenders]`` and ``[[receipt.templates]]``) into ``drivers.receipt.ReceiptRules``: every
pattern compiled, and each checked for the named groups the interpreter
reads, so a mistake is reported once at start-up, naming the template and
the field, rather than silently never matching at the till.
"""

from __future__ import annotations

from agent.config import ConfigError, ReceiptConfig
from agent.sale.receipt_templates import compile_template
from drivers.receipt import ReceiptRules
from drivers.receipt.memo import remembered


def rules_from_config(rc: ReceiptConfig) -> ReceiptRules:
    """The interpreter's rules for ``[receipt]``; raises ``ConfigError``
    listing every bad template field."""
    problems: list[str] = []
    markers = tuple(str(m).strip() for m in (rc.reprint_markers or []) if str(m).strip())
    templates = tuple(compile_template(t, i, problems) for i, t in enumerate(rc.templates or []))
    if problems:
        raise ConfigError(None, problems)
    tenders = tuple((str(k), str(v)) for k, v in (rc.tenders or {}).items())
    rules = ReceiptRules(reprint_markers=markers, templates=templates, tenders=tenders,
                         timezone=rc.timezone)
    # One object for equal rules, so what it remembers of the receipts it
    # read serves the next (``agent receipt learn`` makes the rules of each
    # profile it tries, most of them many times over).
    return remembered(_MADE, rules, _itself, rules, most=RULES_REMEMBERED)


# The rules made lately, each with its memos: a learner's profiles tried
# (a few dozen a layout); not every one a long test process ever made.
RULES_REMEMBERED = 256
_MADE: dict[ReceiptRules, ReceiptRules] = {}


def _itself(rules: ReceiptRules) -> ReceiptRules:
    return rules
