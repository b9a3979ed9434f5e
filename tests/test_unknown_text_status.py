"""Receipt text the agent could not read reaches the technician: the
decoder's U+FFFD count (an Epson code page with no codec here) goes into
the runtime's counters, and from there to the doctor's printer checks, to
``agent status`` and to the metrics textfile, in words that say what to
check. Real parts: the simulated till's bytes and python-escpos's over
loopback through the real TCP tap of a running agent, a real journal and
runtime.json in tmp_path."""

from __future__ import annotations

import re

import pytest
from escpos.printer import Dummy

from agent.cli import main
from agent.config import load_config
from agent.doctor import devices
from agent.doctor.base import OK, WARN, Context
from agent.runtime import runtime_json
from agent.runtime.service import RuntimeOptions
from hwsim.till import SaleSpec, compose, send_tcp
from tests.support import free_port, running_runtime, wait_for

FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02)


@pytest.fixture(autouse=True)
def no_site_config(tmp_path, monkeypatch):
    monkeypatch.delenv("TILL_AGENT_CONFIG", raising=False)
    monkeypatch.setattr("agent.config.DEFAULT_CONFIG_PATH", tmp_path / "absent.toml")


def thai_page_receipt() -> bytes:
    """A receipt in Epson's Thai page 42 (``ESC t 20``), which no Python
    codec holds: its two high bytes read as U+FFFD."""
    p = Dummy()
    p.hw("INIT")
    p._raw(b"\x1bt\x14")
    p._raw(b"Khao man gai \xa1\xa2  45.00\n")
    p.text("TOTAL  45.00\n")
    p.cut()
    return p.output


def counters(state_dir: str) -> dict:
    return (runtime_json.read(state_dir) or {}).get("counters") or {}


def text_finding(cfg):
    (found,) = [f for f in devices.printer(Context(cfg)) if f.name == "devices.printer.text"]
    return found


def test_unreadable_receipt_text_is_counted_and_told_with_what_to_check(tmp_path, printer,
                                                                        capsys):
    state = tmp_path / "state"
    prom = tmp_path / "metrics" / "till.prom"
    prom.parent.mkdir()
    listen = f"127.0.0.1:{free_port()}"
    config = tmp_path / "agent.toml"
    config.write_text(f'till_id = "till-1"\nstate_dir = "{state}"\n'
                      f'[printer]\nmode = "tcp"\nlisten = "{listen}"\n'
                      'forward = "{}:{}"\n'.format(*printer.address)
                      + f'[metrics]\ntextfile = "{prom}"\ninterval_s = 1\n')
    cfg = load_config(str(config))
    host, port = listen.rsplit(":", 1)
    with running_runtime(cfg, FAST):
        sale = SaleSpec([("Pasta bake", 1, 230)], tender="Cash", receipt_no="000001")
        assert send_tcp(host, int(port), compose(sale)).printed
        assert wait_for(lambda: counters(cfg.state_dir).get("receipts") == 1)
        clean = text_finding(cfg)
        assert clean.status == OK
        assert clean.summary == "every character of 1 receipt(s) read since the agent started"

        assert send_tcp(host, int(port), thai_page_receipt()).printed
        assert wait_for(lambda: counters(cfg.state_dir).get("receipts") == 2)
        seen = counters(cfg.state_dir)
        assert (seen["unknown_text_receipts"], seen["escpos_unknown_text_chars"]) == (1, 2)

        found = text_finding(cfg)
        assert found.status == WARN
        assert found.summary.startswith("1 of 2 receipt(s) since the agent started had text "
                                        "this agent cannot read (2 character(s)")
        assert "printer.codepage (cp437)" in found.fix
        assert "printer.double_byte (empty)" in found.fix

        assert main(["status", "--config", str(config)]) == 0
        shown = capsys.readouterr().out
        assert "printer text      : WARNING: 1 of 2 receipt(s)" in shown

        assert wait_for(lambda: prom.exists() and re.search(
            r'event="escpos_unknown_text_chars"\} 2\.0', prom.read_text()), timeout=10)
        assert re.search(r'event="unknown_text_receipts"\} 1\.0', prom.read_text())
