"""The simulated canteen of ``agent demo`` (``agent.demo.lunch``): ``SimWorld``
starts the simulators (``hwsim``): a hub with a generated school, a receipt
printer on TCP, an RDM6300 and an ASCII card reader and a fingerprint module
on pseudo-terminals, a keyboard-wedge reader writing ``input_event`` records
to a FIFO; and writes the agent's ``agent.toml`` wired to them (the file a
technician writes for a real till), so ``agent doctor`` and the console's
Till checks page read the simulated readers, printer and hub as they would
a real till's.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.config import Config, parse_config

TOKEN = "demo-token-not-secret"


@dataclass
class SimWorld:
    """The simulated canteen: devices and hub. ``start()`` writes the agent's
    config file wired to them (``config_path``) and returns it loaded."""

    pupils: int = 300
    seed: int = 1
    state_dir: str | None = None
    keep: bool = False
    root: Path = field(init=False)
    hub: Any = field(init=False, default=None)
    printer: Any = field(init=False, default=None)
    devices: dict[str, Any] = field(init=False, default_factory=dict)
    school: list[dict] = field(init=False, default_factory=list)
    till_address: tuple[str, int] = field(init=False, default=("127.0.0.1", 0))
    config_path: Path = field(init=False)
    _own_root: bool = field(init=False, default=False)

    def start(self) -> Config:
        from hwsim.hub import Hub
        from hwsim.printer import TcpPrinter
        from hwsim.school import add_photos, generate_school

        self.root = Path(tempfile.mkdtemp(prefix="till-agent-demo-"))
        self._own_root = True
        state = Path(self.state_dir) if self.state_dir else self.root / "state"
        self.school = _with_refusal_case(generate_school(seed=self.seed, pupils=self.pupils))
        # Generated avatars (no real faces) for most pupils, and today's spend
        # as the contract's optional fields carry them.
        photos = add_photos(self.school, seed=self.seed)
        self.hub = Hub(roster=self.school, token=TOKEN, photos=photos, spend_today=True)
        base_url = self.hub.start(host="127.0.0.1", port=0)
        token_file = self.root / "token"
        # 0600 from the start: the agent refuses a token others can read.
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(TOKEN)
        self.printer = TcpPrinter().start()
        self.devices = _start_devices(self.root, self.school)
        self.till_address = ("127.0.0.1", _free_port())
        self.config_path = self.root / "agent.toml"
        text = sim_config_text(state=state, hub_url=base_url, token_file=token_file,
                               till=self.till_address, printer=self.printer.address,
                               devices={k: d.path for k, d in self.devices.items()})
        self.config_path.write_text(text, encoding="utf-8")
        return parse_config(text, self.config_path)

    def stop(self) -> None:
        for dev in self.devices.values():
            with contextlib.suppress(Exception):
                call_device(dev, "close", "stop")
        for thing in (self.printer, self.hub):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.stop()
        if self._own_root and not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


def _q(text: object) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text))


# The simulated canteen's readers: (name, kind, simulator, settings beyond
# name, kind and path, as TOML lines).
SIM_READERS = (
    ("rfid-door", "rdm6300", "rfid", ("debounce_s = 0.3",)),
    ("ascii-counter", "ascii", "ascii", ("debounce_s = 0.3",)),
    ("wedge", "keyboard", "wedge", ("grab = false", "debounce_s = 0.3")),
    ("finger", "fingerprint", "finger", ("baudrate = 57600", "poll_interval_s = 0.02")),
)


def _readers(devices: dict[str, str]) -> str:
    """The ``[[readers]]`` tables of ``SIM_READERS``, each at its simulator's path."""
    return "".join(
        "\n".join(["[[readers]]", f"name = {_q(name)}", f"kind = {_q(kind)}",
                   f"path = {_q(devices[sim])}", *more]) + "\n\n"
        for name, kind, sim, more in SIM_READERS)


def sim_config_text(*, state: Path, hub_url: str, token_file: Path, till: tuple[str, int],
                    printer: tuple[str, int], devices: dict[str, str]) -> str:
    """The simulated canteen's ``agent.toml``: what a technician would write
    for a till with these readers, printer and hub (the timings shortened so
    the accelerated service keeps up)."""
    return f"""# Written by `agent demo` / `agent run --sim` for the simulated canteen:
# the same settings a technician writes for a real till, pointing at the
# simulators (hwsim) started beside it.
till_id = "demo-till-1"
state_dir = {_q(state)}

[sync]
base_url = {_q(hub_url)}
token_file = {_q(token_file)}
# Short timings: the simulated service runs in accelerated time.
push_debounce_s = 0.05
push_interval_s = 1.0
roster_interval_s = 5.0
connect_timeout_s = 0.5
read_timeout_s = 2.0
write_timeout_s = 2.0
pool_timeout_s = 1.0
backoff_initial_s = 0.1
backoff_max_s = 0.5
auth_pause_s = 5.0

[printer]
mode = "tcp"
listen = "{till[0]}:{till[1]}"     # the simulated till prints here
forward = "{printer[0]}:{printer[1]}"    # the simulated printer
idle_gap_s = 3.0

{_readers(devices)}[policy]
school = "primary"
correlation_window_s = 30.0

[console]
enabled = true
listen = "127.0.0.1:0"   # a port the kernel picks; its address is logged
"""


def _with_refusal_case(school: list[dict]) -> list[dict]:
    """Make sure the school has a pupil who is enrolled on the scanner but
    whose parents withdrew biometric consent (the scenario needs one)."""
    def enrolled(p: dict) -> bool:
        return any(str(b).isdigit() for b in p.get("biometric_ids") or [])

    if any(enrolled(p) and not p.get("biometric_consent", True) and p.get("card_uids")
           for p in school):
        return school
    for p in school:
        if enrolled(p) and p.get("card_uids"):
            p["biometric_consent"] = False
            break
    return school


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call_device(obj: Any, *names: str, args: tuple = ()) -> Any:
    """The first of ``names`` that the simulated device ``obj`` has, called
    (hwsim's device classes name the same act differently)."""
    for n in names:
        fn = getattr(obj, n, None)
        if fn is not None:
            return fn(*args)
    raise AttributeError(f"{type(obj).__name__} has none of {names}")


def _start_devices(root: Path, school: list[dict]) -> dict[str, Any]:
    """Start the simulated readers (adapters over hwsim's device classes)."""
    from hwsim.ascii_reader import AsciiReaderSim
    from hwsim.fingerprint import FingerprintSim
    from hwsim.keywedge import KeywedgeSim
    from hwsim.rdm6300 import Rdm6300Sim

    enrolled = sorted({int(b) for p in school for b in p.get("biometric_ids", [])
                       if str(b).isdigit()})
    devs = {
        "rfid": Rdm6300Sim(link=str(root / "rfid")),
        "ascii": AsciiReaderSim(link=str(root / "ascii")),
        "wedge": KeywedgeSim(path=str(root / "wedge.fifo")),
        "finger": FingerprintSim(enrolled=enrolled, link=str(root / "finger")),
    }
    for d in devs.values():
        d.start()
    return devs
