"""The agent's configuration: one TOML file, validated at start.

The schema is the dataclasses in ``agent.config.schema`` (re-exported here:
import them from ``agent.config``); ``load_config`` walks the TOML against
them (``agent.config.typed_toml``), so a key that is not a field is an error
with a "did you mean" hint, then checks what types cannot say
(``agent.config.checks``); every problem is reported at once, each with its
dotted key. Defaults let commands such as ``agent status --state-dir DIR``
work with no file at all.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from agent.config.checks import check_config
from agent.config.schema import (
    DEFAULT_STATE_DIR,
    Config,
    ConsoleConfig,
    JournalConfig,
    LoggingConfig,
    MetricsConfig,
    PolicyConfig,
    PrinterConfig,
    ReaderConfig,
    ReceiptConfig,
    ReceiptTemplate,
    SyncConfig,
    parse_window,
    secret,
    site_currency,
    site_zone,
)
from agent.config.typed_toml import build

__all__ = [
    "CONFIG_ENV", "DEFAULT_CONFIG_PATH", "DEFAULT_STATE_DIR", "Config", "ConfigError",
    "ConsoleConfig", "JournalConfig", "LoggingConfig", "MetricsConfig", "PolicyConfig",
    "PrinterConfig", "ReaderConfig", "ReceiptConfig", "ReceiptTemplate", "SyncConfig",
    "load_config", "parse_config", "parse_window", "resolve_config_path", "secret",
    "site_currency", "site_zone",
]

DEFAULT_CONFIG_PATH = Path("/etc/till-agent/agent.toml")
CONFIG_ENV = "TILL_AGENT_CONFIG"


class ConfigError(Exception):
    """The config file is missing, unreadable or invalid. ``problems`` lists every
    finding as ``key: message``."""

    def __init__(self, path: Path | None, problems: list[str]):
        self.path = path
        self.problems = problems
        where = str(path) if path else "configuration"
        super().__init__(f"{where}: " + "; ".join(problems))

    def render(self) -> str:
        where = str(self.path) if self.path else "the configuration"
        lines = [f"error: {where} is not valid ({len(self.problems)} problem(s)):"]
        lines += [f"  - {p}" for p in self.problems]
        lines.append(f"fix: edit {where} and run `agent doctor --check config` again.")
        return "\n".join(lines)


def parse_config(text: str, path: Path | None = None) -> Config:
    """Parse and validate TOML text; raise ConfigError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from None
    problems: list[str] = []
    cfg = build(Config, data, "", problems)
    if not problems:
        check_config(cfg, problems)
    if problems:
        raise ConfigError(path, problems)
    cfg.source = path
    return cfg


def resolve_config_path(explicit: str | None) -> tuple[Path, bool]:
    """The config file to read and whether it was asked for explicitly (an
    explicit file must exist; the default one may be absent)."""
    if explicit:
        return Path(explicit), True
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env), True
    return DEFAULT_CONFIG_PATH, False


def load_config(explicit: str | None = None, state_dir: str | None = None) -> Config:
    """Load the config named by ``--config``, ``$TILL_AGENT_CONFIG`` or the
    default path; with none present, the built-in defaults. ``state_dir``
    (from ``--state-dir``) overrides the file's."""
    path, required = resolve_config_path(explicit)
    if path.exists() or required:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(path, ["file not found"]) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(path, [f"cannot read: {exc}"]) from None
        cfg = parse_config(text, path)
    else:
        cfg = Config()
    if state_dir:
        cfg.state_dir = state_dir
    return cfg
