"""TOML tables checked against dataclasses, generically: a key that is not a
field is reported with a "did you mean" hint, a value of the wrong type with
its dotted key, and every problem is collected, none raised. The config
(``agent.config``) and the doctor's check of its values use it.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any, Literal


def hint(key: str, known: list[str]) -> str:
    """A did-you-mean for ``key`` among ``known`` ("" when none is close)."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_value(tp: Any, value: Any, key: str, problems: list[str]) -> Any:
    """``value`` checked against type ``tp`` (a Literal, an optional, a list,
    a dataclass table, bool, int, float or str); each problem is added to
    ``problems`` under ``key``. Returns the value to keep (None: dropped)."""
    origin = typing.get_origin(tp)
    if origin is Literal:
        choices = typing.get_args(tp)
        if value not in choices:
            close = hint(str(value), [str(c) for c in choices])
            problems.append(
                f"{key}: {value!r} is not one of {', '.join(map(repr, choices))}{close}"
            )
            return None
        return value
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return check_value(args[0], value, key, problems)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            problems.append(f"{key}: expected a list, got {type(value).__name__}")
            return None
        return [check_value(item_tp, v, f"{key}[{i}]", problems) for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            problems.append(f"{key}: expected a table, got {type(value).__name__}")
            return None
        return build(tp, value, key + ".", problems)
    if tp is bool:
        if not isinstance(value, bool):
            problems.append(f"{key}: expected true or false, got {value!r}")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{key}: expected a whole number, got {value!r}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{key}: expected a number, got {value!r}")
            return value
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            problems.append(f"{key}: expected a string, got {value!r}")
        return value
    return value


def build(cls: type, data: dict[str, Any], prefix: str, problems: list[str]) -> Any:
    """An instance of dataclass ``cls`` from TOML table ``data``: unknown keys
    and wrong types go to ``problems`` (dotted from ``prefix``), never raise."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in fields:
            problems.append(f"{prefix}{key}: unknown key{hint(key, list(fields))}")
            continue
        checked = check_value(hints[key], value, prefix + key, problems)
        if checked is not None:
            kwargs[key] = checked
    try:
        return cls(**kwargs)
    except TypeError as exc:  # only reachable with bad kwargs already reported
        problems.append(f"{prefix.rstrip('.') or 'config'}: {exc}")
        return cls()
