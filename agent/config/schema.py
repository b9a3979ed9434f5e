"""The agent's configuration schema: the dataclasses one TOML file is read
into (``agent.config.load_config``), with their defaults, and how two of
their string fields are read (``parse_window``, ``site_zone``, ``site_currency``).

Importers use ``agent.config``, which re-exports these names.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import time, tzinfo
from pathlib import Path
from typing import Any, Literal

from agent.config.currency import Currency, currency

DEFAULT_STATE_DIR = Path("/var/lib/till-agent")


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
    # What a sale is that hands over exactly its total and prints no word for
    # how it was paid ("Tendered 4.20" / "Change 0.00"), as a technician
    # confirmed (learnt from samples with their truth): cash, card, account,
    # fsm, or "unsaid" (the till never says; the journal's default). Empty:
    # such a receipt is flagged `unread_tender`.
    unnamed_tender: str = ""


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
    # How long a receipt cut off mid-job (the tap reset, the agent died) is
    # held for the till to re-send it in full before it is journaled as it
    # is, flagged cut_off_receipt (agent/sale/correlation.py); counted from
    # the next start when the agent died.
    resend_window_s: float = 15.0
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
    # Who the school office calls, said at the top of the Till checks page
    # (e.g. "Acme Tills, 0161 496 0000"; "" names them without a number).
    supplier_contact: str = ""
    provider_contact: str = ""


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
    # The site's currency, as every page, the paper register and the reports
    # say amounts: "GBP" (£) or "EUR" (€, an Irish school) (agent/config/currency.py).
    currency: str = "GBP"

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


def site_currency(cfg: Config) -> Currency:
    """The site's currency (``currency``); ValueError if not one a till knows."""
    try:
        return currency(cfg.currency)
    except KeyError:
        raise ValueError(f"unknown currency {cfg.currency!r}") from None


def site_zone(cfg: Config) -> tzinfo:
    """The site's time zone (``receipt.timezone``); ValueError if unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(cfg.receipt.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {cfg.receipt.timezone!r}") from exc
