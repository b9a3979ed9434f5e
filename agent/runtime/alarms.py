"""The alarms the agent can raise, and what each means for the people at the till.

An alarm is published as ``"<code>: <detail>"`` (``runtime.json``, ``agent
status --json``, the health report; the metrics textfile labels it by its
code). The code is for machines and stays as it is; the detail is for the
technician. Every alarm is made by ``make`` with one of the codes declared
here, and ``WORDS`` says for each code, in the school continuity guidance's
terms, what is wrong and what the kitchen or office should do: the staff
console shows that, and ``agent status`` prints it under the alarm.

No alarm carries a pupil's name, card or id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

# The codes, as raised (grep for make(<CODE>, ...)).
JOURNAL_WRITE_FAILED = "journal_write_failed"
DISK_LOW = "disk_low"
PRINTER_TAP_DOWN = "printer_tap_down"
PRINTER_UNREACHABLE = "printer_unreachable"
PRINTER_PAPER_OUT = "printer_paper_out"
PRINTER_COVER_OPEN = "printer_cover_open"
ROSTER_MISSING = "roster_missing"
ROSTER_STALE = "roster_stale"
CLOCK_UNSYNCED = "clock_unsynced"
DEVICE_NOT_STARTED = "device_not_started"
DEVICE_DISCONNECTED = "device_disconnected"
TAP_SPOOL_UNAVAILABLE = "tap_spool_unavailable"
TAP_SPOOL_FAILING = "tap_spool_failing"
METRICS_TEXTFILE_FAILING = "metrics_textfile_failing"
HUB_OFFLINE = "hub_offline"
HUB_AUTH_FAILED = "hub_auth_failed"
SALES_REJECTED = "sales_rejected"

CODES = frozenset({
    JOURNAL_WRITE_FAILED, DISK_LOW, PRINTER_TAP_DOWN, PRINTER_UNREACHABLE, PRINTER_PAPER_OUT,
    PRINTER_COVER_OPEN, ROSTER_MISSING, ROSTER_STALE, CLOCK_UNSYNCED, DEVICE_NOT_STARTED,
    DEVICE_DISCONNECTED, TAP_SPOOL_UNAVAILABLE, TAP_SPOOL_FAILING, METRICS_TEXTFILE_FAILING,
    HUB_OFFLINE, HUB_AUTH_FAILED, SALES_REJECTED,
})

# "stop": sales are at risk now; "act": something to put right today;
# "note": nothing changes at the till.
Severity = Literal["stop", "act", "note"]
SEVERITIES = ("stop", "act", "note")  # the most urgent first
SEVERITY_WORDS = {"stop": "Act now", "act": "Needs attention", "note": "For information"}


@dataclass(frozen=True)
class AlarmWords:
    """``sentence`` may name the figures ``explain`` is given: {waiting},
    {oldest}, {rejected} (and {rejected_sales}: "1 sale", "2 sales"), {roster_age}, and
    {device} (from the alarm's detail), with {device_kind} ("card reader") and
    {device_since} (" (since 12:41)", or "") from ``figures["devices"]``.
    ``action_one``: the action when the alarm is about one sale ({rejected}
    is 1), where ``action`` says "them"."""

    sentence: str
    action: str
    severity: Severity
    action_one: str = ""


_KEEP_SERVING = ("Keep serving as normal: the till works without the internet and sends "
                 "the sales by itself when the connection is back. Do not adjust balances by "
                 "hand, or they would be counted twice.")

WORDS: dict[str, AlarmWords] = {
    HUB_OFFLINE: AlarmWords(
        "The till cannot reach the payment provider. Sales are being kept on the till and "
        "will be sent when it is back ({waiting} waiting, oldest {oldest}).",
        _KEEP_SERVING + " If it lasts, check the till's network cable, then call the till "
        "supplier.", "act"),
    HUB_AUTH_FAILED: AlarmWords(
        "The payment provider is refusing this till's key, so sales cannot be sent. They are "
        "kept on the till ({waiting} waiting, oldest {oldest}).",
        "Keep serving as normal. Call the till supplier today: the till's key needs "
        "renewing.", "act"),
    # In order, as the office reads it on a hard day (paper registers, the till
    # catching up): a refused sale is the one the till does not put right by itself.
    SALES_REJECTED: AlarmWords(
        "The payment provider refused {rejected_sales}: kept on the till, but not on the "
        "pupils' accounts.",
        "Keep serving: other sales are not affected. 1. Find the paper receipts by the "
        "numbers and times listed under \"Refused by the payment provider\". 2. Call the "
        "till supplier with them. 3. Put each one right at the payment provider only as the "
        "till supplier tells you: do not ring them up again at the till, nor enter them at "
        "the payment provider before then, or a pupil could be charged twice.", "act",
        action_one="Keep serving: other sales are not affected. 1. Find its paper receipt by "
        "the number and time listed under \"Refused by the payment provider\". 2. Call the "
        "till supplier with them. 3. Put it right at the payment provider only as the till "
        "supplier tells you: do not ring it up again at the till, nor enter it at the payment "
        "provider before then, or the pupil could be charged twice."),
    JOURNAL_WRITE_FAILED: AlarmWords(
        "The till cannot save sales to its own store (its disk may be full). The latest "
        "sales are held only in the till's memory.",
        "Do not switch the till off. Call the till supplier now; until it is fixed, also "
        "write each sale on the manual register.", "stop"),
    DISK_LOW: AlarmWords(
        "The till's disk is nearly full. Sales are still being saved, but will not be once "
        "it is full.",
        "Keep serving. Call the till supplier today.", "act"),
    PRINTER_TAP_DOWN: AlarmWords(
        "The till is not recording sales: the agent cannot listen for the till's receipts.",
        "Write each sale on the manual register and call the till supplier now.", "stop"),
    PRINTER_UNREACHABLE: AlarmWords(
        "The receipt printer does not answer, so the till cannot print receipts.",
        "Check the printer is switched on, its cable is in and no paper is jammed.", "stop"),
    PRINTER_PAPER_OUT: AlarmWords(
        "The receipt printer is out of paper.", "Put in a new paper roll.", "stop"),
    PRINTER_COVER_OPEN: AlarmWords(
        "The receipt printer's cover is open.", "Close the printer's cover.", "stop"),
    DEVICE_DISCONNECTED: AlarmWords(
        "The {device_kind} \"{device}\" is not connected{device_since}.",
        # (the display's label, "Find a pupil": one name for one thing)
        "Check its cable is plugged in. Meanwhile use \"Find a pupil\" on the operator "
        "display.", "act"),
    DEVICE_NOT_STARTED: AlarmWords(
        "The {device_kind} \"{device}\" could not be started{device_since}.",
        "Use \"Find a pupil\" on the operator display and call the till supplier.", "act"),
    ROSTER_MISSING: AlarmWords(
        "The till has no pupil list from the payment provider yet, so it knows no card.",
        "Print out the manual register and use it until the list arrives; check the till's "
        "network connection.", "stop"),
    ROSTER_STALE: AlarmWords(
        "The pupil list on the till is {roster_age} old: balances shown may be out of date.",
        "Keep serving. Check the till's network connection; if it lasts, call the till "
        "supplier.", "act"),
    CLOCK_UNSYNCED: AlarmWords(
        "The till's clock has not been checked since it started, so the times of sales may "
        "be wrong. Sales are marked so the office can check them.",
        "Keep serving. If it lasts, check the till's network connection.", "note"),
    TAP_SPOOL_UNAVAILABLE: AlarmWords(
        "The till cannot keep its safety copy of receipts: a receipt printed just as the "
        "agent stops could be lost.", "Keep serving and tell the till supplier.", "note"),
    TAP_SPOOL_FAILING: AlarmWords(
        "The till cannot write its safety copy of receipts (its disk may be full).",
        "Keep serving and tell the till supplier.", "note"),
    METRICS_TEXTFILE_FAILING: AlarmWords(
        "The till cannot write its monitoring file. Sales are not affected.",
        "Nothing to do at the till; tell the technician who set up the monitoring.",
        "note"),
}

_UNKNOWN = AlarmWords("The till reported a problem it has no plain words for.",
                      "Note the message shown and call the till supplier.", "act")


@dataclass(frozen=True)
class Explained:
    """One alarm in words, for a person."""

    code: str
    sentence: str
    action: str
    severity: Severity
    alarm: str  # as published, for the technician

    @property
    def severity_words(self) -> str:
        return SEVERITY_WORDS[self.severity]


def device_kind_words(kind: str) -> str:
    """A reader's kind as staff say it: "fingerprint scanner" or "card reader"
    (keyboard-wedge, RDM6300 and ASCII readers all read cards); a kind not
    known, both."""
    if kind == "fingerprint":
        return "fingerprint scanner"
    return "card reader" if kind else "card reader or fingerprint scanner"


@dataclass(frozen=True)
class DeviceFigures:
    """What an alarm about one device says of it: its kind (``kind``, the
    config's) and since when it has not worked, in the staff's words ("12:41")."""

    kind: str = ""
    since: str = ""


def make(code: str, detail: str = "") -> str:
    """The alarm as published: ``code`` (one of ``CODES``) and its detail."""
    if code not in CODES:
        raise ValueError(f"undeclared alarm code {code!r}: add it to agent/runtime/alarms.py")
    return f"{code}: {detail}" if detail else code


def code_of(alarm: str) -> str:
    """``roster_stale: the roster is 40 h old`` -> ``roster_stale``."""
    code = alarm.split(":", 1)[0].strip().split(" ", 1)[0]
    return "".join(c for c in code if c.isalnum() or c == "_")[:64] or "other"


def explain(alarm: str, figures: Mapping[str, object] | None = None) -> Explained:
    """``alarm`` in words. ``figures``: what the sentence may name (see
    ``AlarmWords``); one not given reads "unknown" rather than a wrong number."""
    code = code_of(alarm)
    words = WORDS.get(code, _UNKNOWN)
    detail = alarm.split(":", 1)[1].strip() if ":" in alarm else ""
    known = {"device": detail.split(":", 1)[0].strip() or "unknown", **(figures or {})}
    values = {k: known.get(k, "unknown")
              for k in ("waiting", "oldest", "rejected", "roster_age", "device")}
    # The device the alarm names, as published beside it (none: "card reader
    # or fingerprint scanner", and no time rather than a wrong one).
    devices = known.get("devices")
    dev = devices.get(values["device"]) if isinstance(devices, Mapping) else None
    dev = dev if isinstance(dev, DeviceFigures) else DeviceFigures()
    values["device_kind"] = device_kind_words(dev.kind)
    values["device_since"] = f" (since {dev.since})" if dev.since else ""
    # Staff read "1 sale", "2 sales", never "sale(s)".
    n = values["rejected"]
    values["rejected_sales"] = (f"{n} sale" if n == 1 else f"{n} sales") if isinstance(n, int) \
        else "an unknown number of sales"
    action = words.action_one if words.action_one and n == 1 else words.action
    return Explained(code, words.sentence.format(**values), action, words.severity, alarm)
