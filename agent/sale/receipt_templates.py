"""A till's ``[[receipt.templates]]`` compiled and checked: every pattern
compiled, and each checked for the named groups the interpreter reads. The
config's checks at load (``agent.config``) and the rules (``receipt_rules``)
both use it; it imports neither, so the two do not import each other.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from drivers.receipt import Template
from drivers.receipt.profile import AMOUNTS, EXPECTABLE, UNNAMED_TENDERS, date_format_problem

# field -> groups it must have (any one of a tuple of alternatives).
REQUIRED_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "line": (("amount",),),  # (no description: the item's name is alone on the row above)
    "total": (("amount",),),
    "tender": (("tender",),),
    "receipt_no": (("receipt_no",),),
    "account": (("account",),),
    "when": (("date", "time"),),
    "refund": (),
    "void": (),
    "ignore": (),
    "name_below": (("description",),),
    "total_rival": (("amount",),),
    "header": (),
    "body": (),
    "footer": (),
    "items": (),
    "aside": (),
}


def compile_template(t: Any, i: int, problems: list[str]) -> Template:
    """``[[receipt.templates]]`` entry ``i`` (an ``agent.config.ReceiptTemplate``)
    compiled for the interpreter; each problem (a bad pattern, a missing named
    group) is added to ``problems``, naming the template and the field."""
    label = f"receipt.templates[{i}]" + (f" ({t.name!r})" if t.name else "")
    compiled: dict[str, Any] = {}
    fmt = str(t.date_format or "")
    if fmt and (why := date_format_problem(fmt)):
        problems.append(f"{label}.date_format: {fmt!r} {why}")
        fmt = ""
    if fmt and not t.when:
        problems.append(f"{label}.date_format: needs a `when` pattern whose date group it reads")
    expect = tuple(str(t.expect or "").split())
    if unknown := [f for f in expect if f not in EXPECTABLE]:
        problems.append(f"{label}.expect: {' '.join(unknown)}: use {', '.join(EXPECTABLE)}")
        expect = tuple(f for f in expect if f in EXPECTABLE)
    amounts = str(t.amounts or "")
    if amounts not in AMOUNTS:
        problems.append(f"{label}.amounts: {amounts!r}: use {AMOUNTS[1]!r} (the till prints "
                        "whole units of its currency) or leave it out")
        amounts = ""
    unnamed = str(t.unnamed_tender or "")
    if unnamed and unnamed not in UNNAMED_TENDERS:
        problems.append(f"{label}.unnamed_tender: {unnamed!r}: use one of "
                        f"{', '.join(UNNAMED_TENDERS)} or leave it out")
        unnamed = ""
    for f in dataclasses.fields(t):
        if f.name in ("name", "date_format", "expect", "amounts", "unnamed_tender"):
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
    return Template(name=t.name or f"template{i}", date_format=fmt, expect=expect,
                    amounts=amounts, unnamed_tender=unnamed, **compiled)


def template_problems(templates: list[Any]) -> list[str]:
    """Every problem of ``[[receipt.templates]]`` (bad pattern, missing named
    group), for the config's checks at load: ``agent doctor`` reports them
    with the rest, not ``agent run`` later."""
    problems: list[str] = []
    for i, t in enumerate(templates or []):
        compile_template(t, i, problems)
    return problems
