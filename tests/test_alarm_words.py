"""Every alarm the agent can raise has plain words for the kitchen and the
office (agent/runtime/alarms.py), found by reading the code that raises them."""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agent.cli import main
from agent.journal.sync_summary import TillQueue, read_till_queue
from agent.runtime import alarms, runtime_json

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p for d in ("agent", "sync", "drivers") for p in (ROOT / d).rglob("*.py"))


def raised_codes() -> dict[str, list[str]]:
    """code constant -> where ``alarms.make(alarms.CODE, ...)`` is called."""
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "make" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "alarms"):
                arg = node.args[0]
                assert isinstance(arg, ast.Attribute) and arg.attr.isupper(), (
                    f"{path}:{node.lineno}: alarms.make needs a declared code constant")
                code = getattr(alarms, arg.attr)
                found.setdefault(code, []).append(f"{path.name}:{node.lineno}")
    return found


def test_every_alarm_the_agent_raises_is_declared_and_has_words():
    raised = raised_codes()
    assert set(raised) == alarms.CODES, (
        f"declared but never raised: {sorted(alarms.CODES - set(raised))}")
    without_words = sorted(c for c in raised if c not in alarms.WORDS)
    assert not without_words, f"alarm codes without words: {without_words}"
    assert set(alarms.WORDS) == alarms.CODES


def test_no_alarm_is_raised_as_a_bare_string():
    # "code: detail" written out by hand would bypass the declared set.
    # (A code alone is also the name of a sale's flag, e.g. "clock_unsynced".)
    codes = "|".join(sorted(alarms.CODES))
    bare = re.compile(rf"^({codes}):")
    for path in SOURCES:
        if path.name == "alarms.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                assert not bare.match(first.value), (
                    f"{path}:{node.lineno}: alarm made by hand: {first.value!r}")


def test_undeclared_codes_are_refused_when_made_and_explained_honestly():
    with pytest.raises(ValueError, match="undeclared alarm code"):
        alarms.make("coffee_cold", "detail")
    said = alarms.explain("coffee_cold: the tea urn is empty")
    assert said.code == "coffee_cold"
    assert said.sentence == "The till reported a problem it has no plain words for."


def test_the_hub_outage_says_how_many_sales_wait_and_since_when():
    now = datetime(2026, 12, 4, 12, 41, tzinfo=UTC).timestamp()
    q = TillQueue(pending=23, oldest_pending_age_s=59 * 60,
                  alarms=[alarms.make(alarms.HUB_OFFLINE, "connect timeout")])
    [said] = q.explained_alarms(UTC, now)
    assert said.sentence == ("The till cannot reach the payment provider. Sales are being kept "
                             "on the till and will be sent when it is back (23 waiting, "
                             "oldest 11:42).")
    assert "Do not adjust balances by hand" in said.action and said.severity == "act"
    # From an earlier day, the day is said too.
    q.oldest_pending_age_s = 26 * 3600
    assert "oldest 10:41 on Thursday 3 December 2026)" in q.explained_alarms(UTC, now)[0].sentence


def test_a_device_alarm_names_the_device_from_its_detail():
    said = alarms.explain(alarms.make(alarms.DEVICE_DISCONNECTED, "door: /dev/ttyUSB7 gone"))
    # Nothing published of it: both kinds, and no time rather than a wrong one.
    assert said.sentence == 'The card reader or fingerprint scanner "door" is not connected.'


def test_a_device_alarm_says_which_kind_of_device_and_since_when(tmp_path):
    """The till queue's figures carry the devices runtime.json publishes: the
    alarm names a card reader or a fingerprint scanner, and when it went."""
    now = datetime(2026, 12, 4, 12, 41, tzinfo=UTC).timestamp()
    runtime_json.publish(tmp_path, {"pid": os.getpid(), "alarms": [
        alarms.make(alarms.DEVICE_DISCONNECTED, "door: serial port not present"),
        alarms.make(alarms.DEVICE_NOT_STARTED, "finger: ValueError: no driver")], "devices": [
        {"name": "door", "kind": "rdm6300", "connected": False,
         "disconnected_since": now - 19 * 60},
        {"name": "finger", "kind": "fingerprint", "connected": False,
         "disconnected_since": now - 3600}]})
    q = read_till_queue(tmp_path, now)
    assert [a.sentence for a in q.explained_alarms(UTC, now)] == [
        'The card reader "door" is not connected (since 12:22).',
        'The fingerprint scanner "finger" could not be started (since 11:41).']
    # Plugged back in: the time it went is no longer said (the alarm clears too).
    q.device_states[0] = {**q.device_states[0], "connected": True}
    assert q.explained_alarms(UTC, now)[0].sentence == 'The card reader "door" is not connected.'


def test_agent_status_prints_what_the_staff_are_told_under_each_alarm(tmp_path):
    tmp_path.chmod(0o700)
    runtime_json.publish(tmp_path, {"pid": os.getpid(), "ready": True,
                                     "alarms": [alarms.make(alarms.PRINTER_PAPER_OUT)]})
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["status", "--state-dir", str(tmp_path)])
    assert ("  ALARM             : printer_paper_out\n"
            "      staff are told: The receipt printer is out of paper. Put in a new paper "
            "roll.\n") in out.getvalue()
