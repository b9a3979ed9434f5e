"""What a valid configuration is beyond its types: ranges, required keys per
printer mode, code pages the decoder knows, the listener's allow list,
receipt templates and tenders, the console's addresses, the retention
window. ``check_config`` adds every finding, each with its dotted key.
"""

from __future__ import annotations

import re
from typing import Any

from agent.config.currency import CURRENCIES
from agent.config.schema import (
    Config,
    JournalConfig,
    PrinterConfig,
    parse_window,
    site_currency,
    site_zone,
)

# policy.resend_window_s's bounds, seconds.
RESEND_WINDOW_S = (1.0, 300.0)


def check_config(cfg: Config, problems: list[str]) -> None:
    """Add to ``problems`` what is wrong with ``cfg`` beyond its types (every
    finding as ``key: message``)."""
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
    try:
        site_currency(cfg)
    except ValueError:
        known = ", ".join(f"\"{c.code}\" ({c.symbol})" for c in CURRENCIES.values())
        problems.append(f"currency: {cfg.currency!r} is not a currency this till knows: {known}")
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
    if not RESEND_WINDOW_S[0] <= cfg.policy.resend_window_s <= RESEND_WINDOW_S[1]:
        problems.append("policy.resend_window_s: {:g} to {:g} seconds (a till re-sends a "
                        "cut-off job within seconds; longer only delays that sale)"
                        .format(*RESEND_WINDOW_S))
    _journal_checks(cfg.journal, problems)


def _journal_checks(j: JournalConfig, problems: list[str]) -> None:
    if not 0 <= j.retention_school_years <= 50:
        problems.append("journal.retention_school_years: 0 (keep forever) to 50; 2 keeps the "
                        "current and the previous school year")
    try:
        parse_window(j.retention_window)
    except ValueError as exc:
        problems.append(f"journal.retention_window: {exc}")


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
