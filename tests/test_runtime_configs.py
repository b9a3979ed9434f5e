"""The shipped configs load as they are: the hwsim one and the commented
real-site example."""

from __future__ import annotations

from pathlib import Path

from agent.config import load_config

REPO = Path(__file__).resolve().parents[1]


def test_the_simulation_config_wires_every_device_kind():
    cfg = load_config(str(REPO / "agent" / "sim.toml"))
    assert cfg.printer.mode == "tcp" and cfg.sync.base_url.startswith("http://127.0.0.1")
    assert {r.kind for r in cfg.readers} == {"rdm6300", "ascii", "keyboard", "fingerprint"}


def test_the_site_example_is_a_valid_config():
    cfg = load_config(str(REPO / "examples" / "agent.toml"))
    assert cfg.till_id == "oakfield-till-1"
    assert cfg.sync.base_url.startswith("https://")
    assert [r.name for r in cfg.readers] == ["door", "counter", "finger"]


def test_the_simulator_commands_the_sim_config_documents_are_real_command_lines():
    """A technician copies these lines from agent/sim.toml's header; each must
    parse with hwsim's own parser (an option renamed in a simulator and not
    in the comment is caught here)."""
    import shlex

    from hwsim.__main__ import build_parser

    parser, _ = build_parser()
    text = (REPO / "agent" / "sim.toml").read_text()
    lines = [line.split("python -m hwsim", 1)[1] for line in text.splitlines()
             if line.startswith("#") and "python -m hwsim " in line]
    assert len(lines) >= 7
    for line in lines:
        args = parser.parse_args(shlex.split(line))
        assert args.device
