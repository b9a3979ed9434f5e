"""The receipt interpretation rules of this till, from the config.

``rules_from_config(cfg.receipt)`` turns ``[receipt]`` (reprint markers,
``[receipt.tenders]`` and ``[[receipt.templates]]``) into ``drivers.receipt.ReceiptRules``: every
pattern compiled, and each checked for the named groups the interpreter
reads, so a mistake is reported once at start-up, naming the template and
the field, rather than silently never matching at the till.
"""

from __future__ import annotations

import dataclasses
import re

from agent.config import ConfigError, ReceiptConfig, ReceiptTemplate
from drivers.receipt import ReceiptRules, Template

# field -> groups it must have (any one of a tuple of alternatives).
REQUIRED_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "line": (("description",), ("amount",)),
    "total": (("amount",),),
    "tender": (("tender",),),
    "receipt_no": (("receipt_no",),),
    "account": (("account",),),
    "when": (("date", "time"),),
    "refund": (),
    "void": (),
    "ignore": (),
}


def _compile(t: ReceiptTemplate, i: int, problems: list[str]) -> Template:
    label = f"receipt.templates[{i}]" + (f" ({t.name!r})" if t.name else "")
    compiled: dict[str, re.Pattern[str] | None] = {}
    for f in dataclasses.fields(t):
        if f.name == "name":
            continue
        pattern = getattr(t, f.name)
        if not pattern:
            compiled[f.name] = None
            continue
        try:
            rx = re.compile(pattern)
        except re.error as exc:
            problems.append(f"{label}.{f.name}: bad regular expression {pattern!r}: {exc}")
            compiled[f.name] = None
            continue
        for alternatives in REQUIRED_GROUPS.get(f.name, ()):
            if not any(g in rx.groupindex for g in alternatives):
                need = " or ".join(f"(?P<{g}>...)" for g in alternatives)
                problems.append(f"{label}.{f.name}: the pattern needs the named group {need}")
        compiled[f.name] = rx
    return Template(name=t.name or f"template{i}", **compiled)


def template_problems(templates: list[ReceiptTemplate]) -> list[str]:
    """Every problem of ``[[receipt.templates]]`` (bad pattern, missing named
    group), for the config's checks at load: ``agent doctor`` reports them
    with the rest, not ``agent run`` later."""
    problems: list[str] = []
    for i, t in enumerate(templates or []):
        _compile(t, i, problems)
    return problems


def rules_from_config(rc: ReceiptConfig) -> ReceiptRules:
    """The interpreter's rules for ``[receipt]``; raises ``ConfigError``
    listing every bad template field."""
    problems: list[str] = []
    markers = tuple(str(m).strip() for m in (rc.reprint_markers or []) if str(m).strip())
    templates = tuple(_compile(t, i, problems) for i, t in enumerate(rc.templates or []))
    if problems:
        raise ConfigError(None, problems)
    tenders = tuple((str(k), str(v)) for k, v in (rc.tenders or {}).items())
    return ReceiptRules(reprint_markers=markers, templates=templates, tenders=tenders,
                        timezone=rc.timezone)
