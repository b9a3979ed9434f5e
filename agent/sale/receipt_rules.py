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


def rules_from_config(rc: ReceiptConfig) -> ReceiptRules:
    """The interpreter's rules for ``[receipt]``; raises ``ConfigError``
    listing every bad template field."""
    problems: list[str] = []
    markers = tuple(str(m).strip() for m in (rc.reprint_markers or []) if str(m).strip())
    templates = tuple(compile_template(t, i, problems) for i, t in enumerate(rc.templates or []))
    if problems:
        raise ConfigError(None, problems)
    tenders = tuple((str(k), str(v)) for k, v in (rc.tenders or {}).items())
    return ReceiptRules(reprint_markers=markers, templates=templates, tenders=tenders,
                        timezone=rc.timezone)
