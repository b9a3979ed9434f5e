"""Fuzz: whatever a config file holds, loading it yields a Config or a
ConfigError, never anything else."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.config import Config, ConfigError, parse_config

KEYS = ["till_id", "state_dir", "sync", "printer", "readers", "policy", "receipt", "logging",
        "base_url", "batch_size", "mode", "listen", "forward", "name", "kind", "path", "grab",
        "school", "templates", "total", "line", "level", "token_file", "bogus"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1),
                    st.floats(allow_nan=True), st.text(max_size=20))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=20,
)


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return '""'
    if isinstance(v, int | float):
        return repr(v) if v == v and abs(v) != float("inf") else "nan"
    if isinstance(v, str):
        return '"' + v.encode("unicode_escape").decode().replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f'"{k}" = {_toml_value(x)}' for k, x in v.items()) + "}"


def _parse(text: str) -> None:
    try:
        cfg = parse_config(text)
    except ConfigError as exc:
        assert exc.problems and all(isinstance(p, str) for p in exc.problems)
        assert exc.render()
    else:
        assert isinstance(cfg, Config)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=6))
def test_any_structure_gives_a_config_or_a_config_error(doc):
    text = "\n".join(f'"{k}" = {_toml_value(v)}' for k, v in doc.items())
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    _parse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_config_or_a_config_error(text):
    _parse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_decoded_loosely_give_a_config_or_a_config_error(data):
    _parse(data.decode("utf-8", "replace"))
