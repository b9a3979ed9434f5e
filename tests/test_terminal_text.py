"""Control and bidi characters from receipts and hub reasons never reach the
technician's terminal raw: U+009B (CSI, a terminal command introducer) and
U+202E (right-to-left override) show as \\u009b and \\u202e."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from agent.cli import main
from agent.clock import FakeClock
from agent.journal.store import Capture, Journal
from agent.terminal_text import escape
from sync.journal_port import PushOutcome

REPO = Path(__file__).resolve().parents[1]
CSI, RLO = "\u009b", "\u202e"
HOSTILE_REASON = f"invalid: pupil {RLO}0042P{CSI}2J"
# A receipt as a till (or anyone sending to the printer port) could print it.
RECEIPT = (b"\x1b@" + f"Pasta bake {RLO}04.2\u00a3  2.40\nNote {CSI}31m red\n"
           "TOTAL \u00a32.40\n".encode() + b"\x1dV\x00")
RAW = (CSI.encode(), RLO.encode(), b"\x1b[")


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")
    sale = {"till_id": "till-1", "occurred_at": "2026-11-30T12:00:00.000Z",
            "clock_synced": True, "pupil_id": "P1", "identified_by": "card",
            "receipt_no": "42", "lines": [{"description": f"Pasta bake {RLO}04.2",
                                           "quantity": 1, "amount_pence": 240}],
            "total_pence": 240, "tender": "account", "offline": False, "flags": []}
    state = tmp_path / "state"
    with Journal.in_state_dir(state, FakeClock()) as j:
        j.append("t1", "sale", sale, capture=Capture(0, "tcp", RECEIPT,
                                                     [f"Pasta bake {RLO}04.2"]))
        j.record_outcomes([PushOutcome(1, "t1", "rejected", HOSTILE_REASON)], 0.0)
    return state


def on_a_terminal(state: Path, *argv: str) -> bytes:
    """What ``agent ARGV`` shows on a real terminal (a pty)."""
    cfg = state.parent / "agent.toml"
    cfg.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n')
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TILL_AGENT_CONFIG": str(cfg)}
    proc = subprocess.Popen([sys.executable, "-m", "agent", *argv], stdout=slave,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env, cwd=REPO)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=30) in (0, 1), out
    return out


def test_a_hub_reason_in_status_on_a_real_terminal(state):
    out = on_a_terminal(state, "status")
    assert b"rejected by hub   : 1" in out
    assert b"invalid: pupil \\u202e0042P\\u009b2J" in out
    assert not any(raw in out for raw in RAW)


def test_a_receipt_parsed_on_a_real_terminal(state):
    f = state / "till.bin"
    f.write_bytes(RECEIPT)
    out = on_a_terminal(state, "receipt", "parse", str(f))
    assert b"Pasta bake \\u202e04.2" in out and b"Note \\u009b31m red" in out
    assert not any(raw in out for raw in RAW)


@pytest.mark.parametrize("argv", [
    ["journal", "show", "1"],
    ["receipt", "reparse", "1"],
    ["receipt", "reparse", "1", "--json"],
    ["status"],
    ["doctor", "--check", "queue", "-v"],
    ["journal", "export", "--format", "csv"],
])
def test_no_command_prints_them_raw(state, capsys, argv):
    main([*argv, "--state-dir", str(state)])
    got = capsys.readouterr()
    for text in (got.out, got.err):
        assert CSI not in text and RLO not in text and "\x1b" not in text


def test_json_output_still_parses_to_the_same_text(state, capsys):
    assert main(["receipt", "reparse", "1", "--json", "--state-dir", str(state)]) == 0
    out = capsys.readouterr().out
    assert RLO not in out
    assert json.loads(out)["receipts"][0]["text"][0] == f"Pasta bake {RLO}04.2\u00a3  2.40"


@pytest.mark.parametrize("text,shown", [
    ("plain £2.40, Zoë Ñúñez 学生", "plain £2.40, Zoë Ñúñez 学生"),
    ("two\nlines\tand a tab", "two\nlines\tand a tab"),
    ("\x1b]0;owned\x07", "\\u001b]0;owned\\u0007"),
    ("over\rwrite", "over\\u000dwrite"),
    ("\u2066isolate\u2069 zero\u200bwidth", "\\u2066isolate\\u2069 zero\\u200bwidth"),
    ("tag \U000e0041", "tag \\udb40\\udc41"),
])
def test_escape(text, shown):
    assert escape(text) == shown
