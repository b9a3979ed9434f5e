"""Doctor checks for the clock and the till's peripherals ("is it plugged
in?"): each configured reader, scanner and printer present and openable by
this user, and, when the daemon runs, what it last saw (data, errors, paper,
cover) from ``runtime.json``. Device nodes are never opened here: the daemon
may hold them, and a reader must not lose a card to the doctor."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path
from typing import Any

from agent.console.error_words import error_words
from agent.doctor.base import Context, Finding, check, clip, fail, ok, skip, warn
from agent.journal.sync_summary import human_age

PLUG_FIX = ("is it plugged in? check the USB cable and `ls -l /dev/till/`; the udev rules "
            "(systemd/udev/99-till-agent.rules) give readers their /dev/till/ names")


# --- clock -----------------------------------------------------------------------


@check("clock.sync", timeout_s=2.0, timeout_status="warn")
def clock_sync(ctx: Context) -> Finding:
    if ctx.clock_synced():
        return ok("clock.sync", "the clock is synchronised (NTP) since boot")
    return warn("clock.sync", "the clock is not known to be synchronised since boot: sales are "
                "journaled with clock_synced=false", "`timedatectl status`; let NTP (UDP 123) "
                "out through the school's firewall or point systemd-timesyncd at the school's "
                "NTP server (/etc/systemd/timesyncd.conf)")


@check("clock.rtc", timeout_s=1.0)
def clock_rtc(ctx: Context) -> Finding:
    rtcs = ctx.rtc_paths()
    if rtcs:
        return ok("clock.rtc", f"hardware clock present ({', '.join(rtcs)})")
    if ctx.clock_synced():
        return ok("clock.rtc", "no hardware clock (fine while NTP is reachable at boot)")
    return warn("clock.rtc", "no hardware clock and not synchronised: after a power cut the "
                "time is wrong until NTP answers", "fit an RTC module (e.g. a DS3231 HAT on a "
                "Raspberry Pi) or make sure NTP is reachable at boot")


# --- readers and scanners -----------------------------------------------------------


def _runtime_device(ctx: Context, name: str) -> dict[str, Any] | None:
    for d in (ctx.runtime or {}).get("devices") or []:
        if isinstance(d, dict) and d.get("name") == name:
            return d
    return None


def _ago(ctx: Context, t: Any) -> str:
    try:
        return human_age(max(0.0, ctx.now - float(t))) + " ago"
    except (TypeError, ValueError):
        return "never"


def _not_running(ctx: Context) -> str:
    if ctx.state_closed:
        return "whether the agent runs is unknown: its state directory is not readable here"
    return "the agent is not running"


def _node(ctx: Context, path: str, need: int) -> tuple[str, str]:
    """('ok'|'missing'|'not_char'|'denied', resolved path) without opening it."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return "missing", real
    except OSError:
        return "denied", real
    # A FIFO stands in for an evdev node under the simulator (hwsim keywedge --path).
    if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        return "not_char", real
    if not ctx.can_open(real, need):
        return "denied", real
    return "ok", real


def _find_input_by_ids(vendor_product: str) -> bool | None:
    """Whether a USB input device with ``vvvv:pppp`` is attached (None: cannot tell)."""
    try:
        text = Path("/proc/bus/input/devices").read_text()
    except OSError:
        return None
    v, _, p = vendor_product.lower().partition(":")
    return any(f"vendor={v} product={p}" in block.lower() for block in text.split("\n\n"))


@check("devices.readers", timeout_s=2.0)
def readers(ctx: Context) -> list[Finding]:
    readers = list(getattr(ctx.cfg, "readers", []) or [])
    if not readers:
        return [skip("devices.readers", "no [[readers]] configured (identification by receipt "
                     "account only)")]
    return [_reader(ctx, rc) for rc in readers]


def _reader(ctx: Context, rc: Any) -> Finding:
    name = f"devices.reader.{rc.name or rc.kind}"
    what = "fingerprint scanner" if rc.kind == "fingerprint" else f"{rc.kind} reader"
    need = os.R_OK if rc.kind == "keyboard" else os.R_OK | os.W_OK
    group = "till-readers" if rc.kind == "keyboard" else "dialout"
    detail: list[str] = []
    if rc.path:
        state, real = _node(ctx, rc.path, need)
        detail.append(f"path {rc.path} -> {real}")
        if state == "missing":
            return fail(name, f"{what} {rc.path} not found", PLUG_FIX, detail=detail)
        if state == "not_char":
            return fail(name, f"{what} {rc.path} is not a device node",
                        "fix the reader's path in the config", detail=detail)
        if state == "denied":
            return fail(name, f"{what} {rc.path} is not openable by {ctx.who}",
                        f"the agent's user must be in group {group} "
                        f"(`usermod -a -G {group} till-agent`); the udev rules set the node's "
                        "group and mode 0660", detail=detail)
    elif rc.kind == "keyboard" and rc.vendor_product:
        present = _find_input_by_ids(rc.vendor_product)
        detail.append(f"vendor_product {rc.vendor_product}")
        if present is False:
            return fail(name, f"{what} {rc.vendor_product} is not attached", PLUG_FIX,
                        detail=detail)
    else:
        return fail(name, f"{what} has no path configured", "set path (or vendor_product for "
                    "a keyboard reader) in its [[readers]] entry")
    return _with_runtime(ctx, name, what, rc.path or rc.vendor_product, detail)


def _with_runtime(ctx: Context, name: str, what: str, where: str, detail: list[str]) -> Finding:
    dev = _runtime_device(ctx, name.rsplit(".", 1)[1])
    if dev is None or not ctx.daemon_running:
        note = "" if ctx.daemon_running else f" ({_not_running(ctx)}: not seen in use)"
        if dev is not None:
            detail.append(f"last run: connected={dev.get('connected')} "
                          f"last data {_ago(ctx, dev.get('last_data_at'))}")
        return ok(name, f"{what} {where} present and openable{note}", detail=detail)
    errors = int(dev.get("errors") or 0)
    reopen = int(dev.get("reopen_count") or 0)
    rejected = int(dev.get("frames_rejected") or 0)
    detail += [f"reads {dev.get('reads', 0)}, errors {errors}, reopened {reopen}, "
               f"frames rejected {rejected}"]
    said = error_words(str(dev.get("last_error") or ""))
    if said is not None:
        # In words first, then as the error said it without a Python repr
        # or a temporary path (the console shows the summary to the office).
        detail.append(f"last error {_ago(ctx, dev.get('last_error_at'))}: "
                      f"{clip(said.detail, 120)}")
    if not dev.get("connected"):
        return fail(name, f"{what} {where} is present but the agent cannot use it: "
                    + (f"{said.said[:1].lower()}{said.said[1:]} ({clip(said.detail, 100)})"
                       if said else "not connected"),
                    "unplug and replug it; if it persists, `journalctl -u till-agent -n 50`",
                    detail=detail)
    last = _ago(ctx, dev.get("last_data_at"))
    if reopen >= 3 or rejected >= 10:
        return warn(name, f"{what} connected, last data {last}, but reconnected {reopen} time(s)"
                    f" and {rejected} garbled frame(s)", "a loose cable or a wrong baud rate: "
                    "reseat the cable, check baudrate in the config", detail=detail)
    return ok(name, f"{what} connected, last data {last}", detail=detail)


# --- the printer ------------------------------------------------------------------


def _tcp_reachable(addr: str, timeout: float = 1.5) -> str:
    host, _, port = addr.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return ""
    except (OSError, ValueError) as exc:
        return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _usb_present(usb_id: str) -> bool | None:
    v, _, p = usb_id.lower().partition(":")
    root = Path("/sys/bus/usb/devices")
    if not root.is_dir():
        return None
    for d in root.iterdir():
        try:
            if ((d / "idVendor").read_text().strip() == v
                    and (d / "idProduct").read_text().strip() == p):
                return True
        except OSError:
            continue
    return False


@check("devices.printer", timeout_s=3.0)
def printer(ctx: Context) -> list[Finding]:
    pc = ctx.cfg.printer
    if pc.mode == "none":
        return [skip("devices.printer", "no printer tap configured (printer.mode = \"none\")")]
    out = [_printer_link(ctx, pc)]
    for finding in (_printer_paper(ctx), _printer_text(ctx, pc)):
        if finding is not None:
            out.append(finding)
    return out


def _printer_text(ctx: Context, pc: Any) -> Finding | None:
    """Receipt text the code page in force could not name (U+FFFD), as the
    decoder counted it since the agent started (None: no run published)."""
    name = "devices.printer.text"
    counters = (ctx.runtime or {}).get("counters") or {}
    if "receipts" not in counters:
        return None
    receipts = int(counters.get("receipts") or 0)
    bad = int(counters.get("unknown_text_receipts") or 0)
    chars = int(counters.get("escpos_unknown_text_chars") or 0)
    since = "since the agent started" if ctx.daemon_running else "in the agent's last run"
    if not bad and not chars:
        return ok(name, f"every character of {receipts} receipt(s) read {since}")
    return warn(name, f"{bad} of {receipts} receipt(s) {since} had text this agent cannot "
                f"read ({chars} character(s) shown as the mark U+FFFD): the printer's code "
                f"page and the config disagree",
                f"check printer.codepage ({pc.codepage}) is the code page the till prints "
                f"in (the printer's self-test page and the till's printer setup name it) "
                f"and printer.double_byte ({pc.double_byte or 'empty'}) is the model's "
                f"double-byte system (gb18030, big5, ks_c_5601, shift_jis, jis: Chinese, "
                f"Taiwanese, Korean and Japanese models) or empty for a model without one; "
                f"then `agent receipt reparse SEQ` shows a journaled sale read with the "
                f"new setting", detail=[_text_setting(pc)])


def _text_setting(pc: Any) -> str:
    """How the tap reads the printer's text (README "The printer tap")."""
    if not pc.double_byte:
        kanji = "no double-byte mode"
    else:
        kanji = (f"double-byte {pc.double_byte}, "
                 + ("on at power-on (FS . turns it off)" if pc.double_byte_at_power_on
                    else "off at power-on (FS & turns it on)"))
    return f"text: profile {pc.profile}, code page {pc.codepage}, {kanji}"


def _printer_link(ctx: Context, pc: Any) -> Finding:
    name = "devices.printer"
    rt = ((ctx.runtime or {}).get("printer") or {}) if ctx.daemon_running else {}
    detail = [f"mode {pc.mode}", _text_setting(pc)]
    if pc.mode in ("serial", "serial-tap"):
        ports = ([("till_port", pc.till_port), ("printer_port", pc.printer_port)]
                 if pc.mode == "serial" else [("tap_port", pc.tap_port)])
        for key, path in ports:
            if not path:
                return fail(name, f"printer.{key} is not set", f"set printer.{key} in the config")
            state, real = _node(ctx, path, os.R_OK | os.W_OK)
            detail.append(f"{key} {path} -> {real}")
            if state == "missing":
                return fail(name, f"printer {key} {path} not found", PLUG_FIX, detail=detail)
            if state in ("denied", "not_char"):
                return fail(name, f"printer {key} {path} is not openable by {ctx.who}",
                            "the agent's user must be in group dialout", detail=detail)
    elif pc.mode == "usb":
        present = _usb_present(pc.usb_id) if pc.usb_id else False
        detail.append(f"usb_id {pc.usb_id or '(not set)'}")
        if not pc.usb_id:
            return fail(name, "printer.usb_id is not set", "set it to the printer's "
                        "vendor:product from `lsusb`")
        if present is False:
            return fail(name, f"USB printer {pc.usb_id} is not attached", PLUG_FIX, detail=detail)
    elif pc.mode == "tcp":
        detail.append(f"till prints to {pc.listen}, forwarded to {pc.forward or '(not set)'}")
        if not pc.forward:
            return fail(name, "printer.forward is not set: the till's receipts go nowhere",
                        "set printer.forward to the printer's address (host:9100)")
        if not ctx.daemon_running and not ctx.state_closed:
            # Only when the agent is stopped: a probe must not steal the printer mid-job.
            err = _tcp_reachable(pc.forward)
            if err:
                return fail(name, f"printer {pc.forward} does not answer ({err})",
                            "is the printer on and on the network? check its IP (self-test "
                            "page) against printer.forward", detail=detail)
    if rt:
        tap_error = error_words(str(rt.get("error") or ""))
        if tap_error is not None:
            return fail(name, f"the printer tap is down: {clip(tap_error.detail, 100)}",
                        "see `journalctl -u till-agent -n 50`; the till may not be able to "
                        "print", detail=detail)
        detail.append(f"jobs {rt.get('jobs', 0)}, forward errors {rt.get('forward_errors', 0)}, "
                      f"printer unreachable {rt.get('printer_unreachable', 0)}, last data "
                      f"{_ago(ctx, rt.get('last_data_at'))}")
        guard = listener_guard(rt)
        if guard:
            detail.append(guard)
        if rt.get("listening") is False:
            return fail(name, "the printer does not answer: the till's connections are refused "
                        "until it does", "is the printer on and on the network? check its IP "
                        "(self-test page) against printer.forward", detail=detail)
        if rt.get("refused_not_allowed"):
            return warn(name, f"{rt['refused_not_allowed']} connection(s) from outside "
                        f"printer.allow_from refused (last from {rt.get('last_refused_from')})",
                        "if that address is a till, add it to printer.allow_from; if not, "
                        "someone else on the network tried to print", detail=detail)
        if rt.get("forward_errors") or rt.get("dropped_bytes"):
            return warn(name, f"printer tap up, but {rt.get('forward_errors', 0)} forward "
                        f"error(s) and {rt.get('dropped_bytes', 0)} byte(s) dropped",
                        "check the printer's cable/network; reprint the last receipt if one "
                        "came out incomplete", detail=detail)
        return ok(name, f"printer tap ({pc.mode}) up, {rt.get('jobs', 0)} job(s), last data "
                  f"{_ago(ctx, rt.get('last_data_at'))}", detail=detail)
    note = "" if ctx.daemon_running else f" ({_not_running(ctx)}: tap not in use)"
    return ok(name, f"printer ({pc.mode}) present{note}", detail=detail)


def listener_guard(rt: dict[str, Any]) -> str:
    """The TCP/USB listener's refusals and ended jobs, in one line ("" if none)."""
    parts = [f"{n} {label}" for key, label in (
        ("refused_not_allowed", "refused (not in allow_from)"),
        ("refused_busy", "refused (over max_connections)"),
        ("jobs_truncated", "job(s) truncated"), ("jobs_too_slow", "job(s) too slow"),
        ("jobs_too_long", "job(s) too long"), ("jobs_not_printed", "job(s) not printed"))
        if (n := int(rt.get(key) or 0))]
    return "listener: " + ", ".join(parts) if parts else ""


# What a printer's last status can say is wrong, worst first: (its flag, the
# verdict, what the technician reads, what to do).
_PRINTER_TROUBLE = (
    ("paper_out", fail, "paper out", "load a new paper roll and close the cover"),
    ("cover_open", fail, "printer cover open", "close the printer cover"),
    ("error", fail, "printer reports an error",
     "check for a paper jam or cutter error; switch the printer off and on"),
    ("paper_near_end", warn, "paper near end", "have a spare roll ready"),
)


def _printer_paper(ctx: Context) -> Finding | None:
    name = "devices.printer.paper"
    st = ((ctx.runtime or {}).get("printer") or {}).get("status")
    if not isinstance(st, dict):
        return None
    when = _ago(ctx, st.get("at"))
    stale = "" if ctx.daemon_running else " (from the agent's last run)"
    for key, verdict, problem, hint in _PRINTER_TROUBLE:
        if st.get(key):
            return verdict(name, f"{problem}, as last observed {when}{stale}", hint)
    if st.get("online") is False:  # None: the printer has not said
        return warn(name, f"printer offline, as last observed {when}{stale}",
                    "check the printer's power and cable")
    return ok(name, f"paper and cover fine, as last observed {when}{stale}")
