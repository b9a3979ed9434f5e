"""The agent's configuration: one TOML file, validated at start.

The schema is the dataclasses below; ``load_config`` walks the TOML against
them, so a key that is not a field is an error with a "did you mean" hint and
every problem is reported at once, each with its dotted key. Defaults let
commands such as ``agent status --state-dir DIR`` work with no file at all.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from datetime import time, tzinfo
from pathlib import Path
from typing import Any, Literal

DEFAULT_CONFIG_PATH = Path("/etc/till-agent/agent.toml")
DEFAULT_STATE_DIR = Path("/var/lib/till-agent")
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


def secret(default: Any = "", **kw: Any) -> Any:
    """A field whose value is masked when the config is printed."""
    return field(default=default, metadata={"secret": True}, **kw)


@dataclass
class SyncConfig:
    """How to reach the hub (contract: sync/protocol.md)."""

    enabled: bool = True
    base_url: str = ""
    token_file: str = "/etc/till-agent/token"
    ca_file: str = ""
    client_cert: str = ""
    client_key: str = ""
    batch_size: int = 200
    push_debounce_s: float = 1.0
    push_interval_s: float = 30.0
    roster_interval_s: float = 300.0
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0
    write_timeout_s: float = 30.0
    pool_timeout_s: float = 5.0
    backoff_initial_s: float = 1.0
    backoff_max_s: float = 300.0
    auth_pause_s: float = 3600.0
    proxy: str = ""
    # A whole request (headers and body), whatever the per-read timeouts.
    request_deadline_s: float = 120.0
    # One roster pull, however many pages: more is refused, the old roster kept.
    roster_max_pupils: int = 20_000
    roster_max_mb: float = 50.0
    # A small health report (no pupil data) with the push rounds, to the
    # contract's optional POST /v1/tills/{till_id}/health; at most this often.
    health_report: bool = True
    health_interval_s: float = 60.0


@dataclass
class PrinterConfig:
    """The receipt printer tap. ``mode = "none"`` runs without one."""

    mode: Literal["none", "tcp", "serial", "serial-tap", "usb"] = "none"
    # tcp: the till prints to ``listen``; the agent forwards to ``forward``.
    listen: str = "0.0.0.0:9100"
    forward: str = ""
    # serial: ``till_port`` faces the till, ``printer_port`` the printer.
    # serial-tap: ``tap_port`` listens (read-only) on the till's TX line.
    till_port: str = ""
    printer_port: str = ""
    tap_port: str = ""
    baudrate: int = 9600
    rtscts: bool = False
    xonxoff: bool = False
    # usb: the printer's vendor:product in hex, e.g. "04b8:0202".
    usb_id: str = ""
    # ESC/POS decoding.
    profile: str = "epson"
    codepage: str = "cp437"
    # The model's Kanji/double-byte code system ("" none; "gb18030", "big5",
    # "ks_c_5601", "shift_jis", "jis") and whether it powers up in that mode
    # (many cheap Chinese 58/80 mm models do): see README "The printer tap".
    double_byte: str = ""
    double_byte_at_power_on: bool = False
    idle_gap_s: float = 3.0
    # Keep a durable copy of the till's bytes before forwarding them, so a
    # receipt printed as the agent dies is journaled at the next start.
    write_ahead: bool = True
    # tcp/usb: who may print through ``listen`` (the till's addresses or
    # networks; required unless ``listen`` is a loopback address) and the
    # bounds of each connection (see README "Who can make a sale").
    allow_from: list[str] = field(default_factory=list)
    max_connections: int = 8
    max_job_bytes: int = 1 << 20  # kept and journaled; the rest is printed only
    max_job_s: float = 60.0
    min_job_rate_bytes_s: float = 64.0  # while another connection waits


@dataclass
class ReaderConfig:
    """One identification device."""

    name: str = ""
    kind: Literal["keyboard", "rdm6300", "ascii", "fingerprint"] = "keyboard"
    # keyboard: /dev/input/by-id/... (resolved with realpath) or vendor_product.
    # serial kinds: the serial port.
    path: str = ""
    vendor_product: str = ""
    grab: bool = True
    max_key_gap_ms: float = 60.0
    baudrate: int = 9600
    format: Literal["hex", "decimal"] = "hex"
    debounce_s: float = 2.0
    # fingerprint: the module's address and the minimum score that counts.
    address: int = 0xFFFFFFFF
    min_score: int = 50
    poll_interval_s: float = 0.3
    response_timeout_s: float = 1.0
    # The module's 32-bit password, when one is set (VfyPwd at open).
    password: int | None = None


@dataclass
class ReceiptTemplate:
    """Per-till layout rules: regular expressions with named groups, tried
    before the default rules. Empty means "use the default"."""

    name: str = ""
    # groups: amount, optional quantity and description (none: the name alone on the row above)
    line: str = ""
    total: str = ""  # group: amount (matched empty: the amount alone on the row under the label)
    tender: str = ""  # group: tender, optional amount
    receipt_no: str = ""  # group: receipt_no
    account: str = ""  # group: account
    when: str = ""  # groups: date and/or time
    refund: str = ""  # matched anywhere: the receipt is a refund
    void: str = ""  # matched anywhere: the receipt is a void
    ignore: str = ""  # matched anywhere: the line is not read at all (e.g. a savings line)
    name_below: str = ""  # group: description; an item's whole name on the line below it
    # group: amount; another label every sample printed the total under too
    # (learnt: the samples could not tell them apart): where it prints
    # another amount, the total is flagged `total_unsure`.
    total_rival: str = ""
    date_format: str = ""  # how `when`'s date group is printed, strptime's way: "%b/%d/%Y %H:%M"
    # A complete profile (learnt): the lines printed above the items, among
    # them, below the total, and the item lines' shapes; a line none knows,
    # or a missing `expect`ed field, flags the receipt `template_miss`.
    header: str = ""
    body: str = ""
    footer: str = ""
    items: str = ""
    # lines the samples' arithmetic set aside (read as an item, none): known
    # only when a receipt's arithmetic sets them aside too
    aside: str = ""
    expect: str = ""  # fields every receipt prints: date time receipt_no tender account
    # "whole": a technician confirmed (learnt from samples with their truth)
    # that the till prints amounts in whole units of its currency ("290",
    # "26.5"): such a receipt is not flagged `whole_amounts`.
    amounts: str = ""


@dataclass
class ReceiptConfig:
    reprint_markers: list[str] = field(
        default_factory=lambda: ["REPRINT", "COPY", "DUPLICATE"]
    )
    templates: list[ReceiptTemplate] = field(default_factory=list)
    # The site's time zone (IANA name): receipt times printed without an
    # offset are read in it, and it says what "today" is (register export).
    timezone: str = "Europe/London"
    # The site's own printed tender words -> the contract's word (cash, card,
    # account, fsm), on top of the built-in table (drivers.receipt.TENDERS).
    tenders: dict[str, str] = field(default_factory=dict)


@dataclass
class PolicyConfig:
    """Offline policy (shared/reference/school-continuity-guidance.txt)."""

    school: Literal["primary", "secondary"] = "primary"
    meal_price_pence: int = 240
    fsm_value_pence: int = 240
    correlation_window_s: float = 90.0
    default_debt_limit_pence: int = 1000
    roster_stale_after_h: float = 36.0


@dataclass
class ConsoleConfig:
    """The operator display and staff console (agent/console), served by
    ``agent run`` on its own thread."""

    enabled: bool = False
    # A LAN address (or 0.0.0.0) only with lan_pairing (agent/console/pairing.py).
    listen: str = "127.0.0.1:8080"
    lan_pairing: bool = False
    # The till's own screen, which needs no pairing: loopback addresses only;
    # empty means any loopback address.
    kiosk_from: list[str] = field(default_factory=list)


@dataclass
class MetricsConfig:
    """For sites that run Prometheus: the node exporter's textfile collector
    reads ``textfile`` (a ``.prom`` file in its --collector.textfile.directory;
    "" writes none). See systemd/README.md for the unit's write allowance."""

    textfile: str = ""
    interval_s: float = 15.0


@dataclass
class JournalConfig:
    """Retention (agent/journal/retention.py): entries the hub acknowledged leave the
    till once older than the current school year and the ones before it
    (``retention_school_years``, school years starting 1 September; 0 keeps
    everything forever), dropped by ``agent run`` at most once a day inside
    ``retention_window`` (local time, HH:MM-HH:MM) with no sale for 30 min."""

    retention_school_years: int = 2
    retention_window: str = "01:00-05:00"


@dataclass
class LoggingConfig:
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


@dataclass
class Config:
    till_id: str = "till-1"
    state_dir: str = str(DEFAULT_STATE_DIR)
    sync: SyncConfig = field(default_factory=SyncConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    readers: list[ReaderConfig] = field(default_factory=list)
    receipt: ReceiptConfig = field(default_factory=ReceiptConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    console: ConsoleConfig = field(default_factory=ConsoleConfig)
    metrics: MetricsConfig = field(default_factory=MetricsConfig)
    journal: JournalConfig = field(default_factory=JournalConfig)
    # The CPU `agent run` keeps to: "auto", "off" or a number (agent/runtime/affinity.py).
    cpu: str = "auto"

    # Where this config came from (None: built-in defaults). Not a TOML key.
    source: Path | None = field(default=None, compare=False, metadata={"internal": True})

    @property
    def state_path(self) -> Path:
        return Path(self.state_dir)

    def masked(self) -> dict[str, Any]:
        """The config as a plain dict, secrets replaced by ``"***"``."""
        return _to_dict(self)


def _to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(obj):
            if f.metadata.get("internal"):
                continue
            v = getattr(obj, f.name)
            out[f.name] = "***" if (f.metadata.get("secret") and v) else _to_dict(v)
        return out
    if isinstance(obj, list):
        return [_to_dict(v) for v in obj]
    return obj


# --- the generic loader -------------------------------------------------------


def _hint(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _check_value(tp: Any, value: Any, key: str, problems: list[str]) -> Any:
    origin = typing.get_origin(tp)
    if origin is Literal:
        choices = typing.get_args(tp)
        if value not in choices:
            hint = _hint(str(value), [str(c) for c in choices])
            problems.append(
                f"{key}: {value!r} is not one of {', '.join(map(repr, choices))}{hint}"
            )
            return None
        return value
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _check_value(args[0], value, key, problems)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if not isinstance(value, list):
            problems.append(f"{key}: expected a list, got {type(value).__name__}")
            return None
        return [_check_value(item_tp, v, f"{key}[{i}]", problems) for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            problems.append(f"{key}: expected a table, got {type(value).__name__}")
            return None
        return _build(tp, value, key + ".", problems)
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


def _build(cls: type, data: dict[str, Any], prefix: str, problems: list[str]) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in fields:
            problems.append(f"{prefix}{key}: unknown key{_hint(key, list(fields))}")
            continue
        checked = _check_value(hints[key], value, prefix + key, problems)
        if checked is not None:
            kwargs[key] = checked
    try:
        return cls(**kwargs)
    except TypeError as exc:  # only reachable with bad kwargs already reported
        problems.append(f"{prefix.rstrip('.') or 'config'}: {exc}")
        return cls()


def _semantic_checks(cfg: Config, problems: list[str]) -> None:
    import re

    if not re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", cfg.till_id or ""):
        problems.append("till_id: must be 1-64 characters of A-Za-z0-9._:-")
    if cfg.sync.batch_size < 1 or cfg.sync.batch_size > 500:
        problems.append("sync.batch_size: must be between 1 and 500 (the contract's limit)")
    sc = cfg.sync
    if sc.request_deadline_s <= 0 or sc.roster_max_pupils < 1 or sc.roster_max_mb <= 0:
        problems.append("sync.request_deadline_s, sync.roster_max_pupils, sync.roster_max_mb: "
                        "must be greater than 0")
    if cfg.sync.health_interval_s < 60:
        problems.append("sync.health_interval_s: at least 60 (a report a minute is plenty for "
                        "a fleet's hub)")
    m = cfg.metrics
    if m.textfile and not (m.textfile.startswith("/") and m.textfile.endswith(".prom")):
        problems.append(f"metrics.textfile: {m.textfile!r} must be an absolute path ending in "
                        ".prom (the node exporter reads only *.prom)")
    if m.interval_s < 1:
        problems.append("metrics.interval_s: at least 1")
    if cfg.sync.base_url and not re.match(r"https?://", cfg.sync.base_url):
        problems.append(f"sync.base_url: {cfg.sync.base_url!r} must start with https:// or http://")
    p = cfg.printer
    need = {
        "tcp": ["listen", "forward"],
        "serial": ["till_port", "printer_port"],
        "serial-tap": ["tap_port"],
        "usb": ["usb_id"],
    }.get(p.mode, [])
    for k in need:
        if not getattr(p, k):
            problems.append(f"printer.{k}: required when printer.mode = {p.mode!r}")
    from drivers.escpos_text import PROFILES, codec_for, double_byte_for  # the decoder's tables

    if p.profile not in PROFILES:
        problems.append(f"printer.profile: {p.profile!r} is not one of "
                        f"{', '.join(sorted(PROFILES))}")
    try:
        codec_for(p.codepage)
    except ValueError:
        problems.append(f"printer.codepage: {p.codepage!r} is not a code page this agent "
                        "knows (e.g. cp437, cp850, cp858, cp1252)")
    if p.double_byte:
        try:
            double_byte_for(p.double_byte)
        except ValueError as exc:
            problems.append(f"printer.double_byte: {exc}")
    elif p.double_byte_at_power_on:
        problems.append("printer.double_byte_at_power_on: set printer.double_byte to the "
                        "model's code system (gb18030, big5, ks_c_5601, shift_jis, jis)")
    if p.usb_id and not re.fullmatch(r"[0-9a-fA-F]{4}:[0-9a-fA-F]{4}", p.usb_id):
        problems.append(f"printer.usb_id: {p.usb_id!r} must look like 04b8:0202")
    _listener_checks(p, problems)
    names: set[str] = set()
    for i, r in enumerate(cfg.readers):
        key = f"readers[{i}]"
        if not r.name:
            problems.append(f"{key}.name: every reader needs a name")
        elif r.name in names:
            problems.append(f"{key}.name: {r.name!r} is used twice")
        names.add(r.name)
        if not r.path and not (r.kind == "keyboard" and r.vendor_product):
            problems.append(f"{key}.path: required for a {r.kind} reader")
    from agent.sale.receipt_templates import template_problems

    problems += template_problems(cfg.receipt.templates)
    _check_tenders(cfg.receipt.tenders, problems)
    try:
        site_zone(cfg)
    except ValueError:
        problems.append(f"receipt.timezone: {cfg.receipt.timezone!r} is not a time zone this "
                        "system knows (an IANA name such as \"Europe/London\")")
    c = cfg.cpu.strip().lower()
    if c not in ("auto", "off") and not c.isdigit():
        problems.append(f"cpu: {cfg.cpu!r} must be \"auto\", \"off\" or a CPU number "
                        "such as \"3\"")
    from agent.console.listen import kiosk_problem, listen_problem

    if problem := listen_problem(cfg.console.listen, cfg.console.lan_pairing):
        problems.append(f"console.listen: {problem}")
    if problem := kiosk_problem(cfg.console.kiosk_from):
        problems.append(f"console.kiosk_from: {problem}")
    if cfg.policy.meal_price_pence < 0 or cfg.policy.fsm_value_pence < 0:
        problems.append("policy: prices must not be negative")
    _journal_checks(cfg.journal, problems)


_WINDOW = r"(\d\d):(\d\d)-(\d\d):(\d\d)"


def parse_window(text: str) -> tuple[time, time]:
    """``"01:00-05:00"`` -> (01:00, 05:00); a window may run past midnight
    (``"23:00-02:00"``). ValueError saying what is wrong."""
    import re

    m = re.fullmatch(_WINDOW, text.strip())
    if not m:
        raise ValueError(f"{text!r} must look like \"01:00-05:00\" (local time, 24-hour)")
    h1, m1, h2, m2 = map(int, m.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"{text!r}: hours 00-23, minutes 00-59")
    if (h1, m1) == (h2, m2):
        raise ValueError(f"{text!r}: the window is empty (start = end)")
    return time(h1, m1), time(h2, m2)


def _journal_checks(j: JournalConfig, problems: list[str]) -> None:
    if not 0 <= j.retention_school_years <= 50:
        problems.append("journal.retention_school_years: 0 (keep forever) to 50; 2 keeps the "
                        "current and the previous school year")
    try:
        parse_window(j.retention_window)
    except ValueError as exc:
        problems.append(f"journal.retention_window: {exc}")


def site_zone(cfg: Config) -> tzinfo:
    """The site's time zone (``receipt.timezone``); ValueError if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(cfg.receipt.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {cfg.receipt.timezone!r}") from exc


def _listener_checks(p: PrinterConfig, problems: list[str]) -> None:
    """The TCP listener (tcp/usb modes): who may connect, and its bounds."""
    from drivers.tap_guards import AllowList, listen_problem

    try:
        AllowList.parse(p.allow_from)
    except ValueError as exc:
        problems.append(f"printer.allow_from: {exc}")
        return
    if p.mode in ("tcp", "usb"):
        try:
            problem = listen_problem(p.listen, p.allow_from)
        except ValueError:
            problem = f"{p.listen!r} is not host:port"
        if problem:
            problems.append(f"printer.listen: {problem}")
    if p.max_connections < 1:
        problems.append("printer.max_connections: must be at least 1")
    if p.max_job_bytes < 1024:
        problems.append("printer.max_job_bytes: must be at least 1024")
    if p.max_job_s <= 0:
        problems.append("printer.max_job_s: must be more than 0")
    if p.min_job_rate_bytes_s < 0:
        problems.append("printer.min_job_rate_bytes_s: must not be negative")
def _check_tenders(tenders: Any, problems: list[str]) -> None:
    """``[receipt.tenders]``: printed word = one of the contract's tenders."""
    from drivers.receipt import CONTRACT_TENDERS

    if not isinstance(tenders, dict):
        problems.append(f"receipt.tenders: expected a table, got {type(tenders).__name__}")
        return
    for word, tender in tenders.items():
        if not str(word).strip():
            problems.append("receipt.tenders: a printed word must not be empty")
        elif tender not in CONTRACT_TENDERS:
            problems.append(f"receipt.tenders.{word}: {tender!r} is not one of "
                            f"{', '.join(map(repr, CONTRACT_TENDERS))}")


def parse_config(text: str, path: Path | None = None) -> Config:
    """Parse and validate TOML text; raise ConfigError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [f"not valid TOML: {exc}"]) from None
    problems: list[str] = []
    cfg = _build(Config, data, "", problems)
    if not problems:
        _semantic_checks(cfg, problems)
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
