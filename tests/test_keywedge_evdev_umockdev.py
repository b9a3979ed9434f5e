"""The keyboard-wedge shell on a real ``evdev.InputDevice``: a USB card reader
emulated by umockdev (LD_PRELOAD: a /dev/input node, its sysfs entry, the
evdev ioctls and a replayed key stream), found by vendor:product, grabbed
exclusively, and read through python-evdev. This machine has no
/dev/uinput; umockdev is the way to exercise that code path here.

Skipped when ``umockdev-run`` is not installed (Debian: ``apt-get install
umockdev``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("umockdev-run") is None,
                                reason="umockdev-run not installed (apt-get install umockdev)")

REPO = Path(__file__).resolve().parents[1]
VENDOR, PRODUCT = 0x08FF, 0x0009
NAME = b"Card Reader 08ff:0009"
KEYS = {"0": 11, "1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10,
        "A": 30, "B": 48, "C": 46, "D": 32, "E": 18, "F": 33}

def device(n: int = 7) -> str:
    """The device as udev would describe it (a USB HID input node, eventN)."""
    return f"""P: /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.{n - 7}/input/input{n}/event{n}
N: input/event{n}
E: DEVNAME=/dev/input/event{n}
E: ID_INPUT=1
E: ID_INPUT_KEYBOARD=1
E: ID_VENDOR_ID={VENDOR:04x}
E: ID_MODEL_ID={PRODUCT:04x}
E: MAJOR=13
E: MINOR={64 + n}
E: SUBSYSTEM=input
A: dev=13:{64 + n}
L: device=../../input{n}

P: /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.{n - 7}/input/input{n}
E: NAME="{NAME.decode()}"
E: PRODUCT=3/{VENDOR:x}/{PRODUCT:x}/100
E: SUBSYSTEM=input
A: name={NAME.decode()}
"""


def ioctls(codes: range | list[int] = range(1, 128)) -> str:
    """The evdev ioctl answers python-evdev asks for when opening a device
    whose keys are ``codes`` (default: a keyboard's main block)."""
    keybits = bytearray(96)
    for code in codes:
        keybits[code // 8] |= 1 << (code % 8)
    input_id = (3).to_bytes(2, "little") + VENDOR.to_bytes(2, "little") \
        + PRODUCT.to_bytes(2, "little") + (1).to_bytes(2, "little")
    return "\n".join([
        "EVIOCGVERSION 0 01000100",
        "EVIOCGID 0 " + input_id.hex().upper(),
        f"EVIOCGNAME(0) {len(NAME) + 1} " + (NAME + bytes(256 - len(NAME))).hex().upper(),
        "EVIOCGBIT(0) 4 13000000",  # EV_SYN, EV_KEY, EV_MSC
        "EVIOCGBIT(1) 96 " + bytes(keybits).hex().upper(),
        "EVIOCGBIT(4) 96 " + (b"\x10" + bytes(95)).hex().upper(),  # MSC_SCAN
        "EVIOCGPROP(0) 96 " + bytes(96).hex().upper(),
        "EVIOCGEFFECTS 0 00000000",
    ]) + "\n"


def events(lines: list[tuple[str, float]], t0: float = 0.1) -> str:
    """An evemu event stream: each (text, gap between keys) typed then Enter."""
    out, t = [], t0
    for text, gap in lines:
        for code in [KEYS[c] for c in text] + [28]:
            for value in (1, 0):
                out.append(f"E: {t:.6f} 0001 {code:04x} {value}")
                out.append(f"E: {t:.6f} 0000 0000 0")
                t += 0.001
            t += gap
        t += 0.05
    return "\n".join(out) + "\n"


CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from drivers.readers import make_reader
from types import SimpleNamespace

rc = SimpleNamespace(name="wedge", kind="keyboard", path="", vendor_product=sys.argv[2],
                     grab=True, max_key_gap_ms=60.0, format="hex", debounce_s=0.0)
shell = make_reader(rc)
detail = shell.open()
got = []
deadline = time.monotonic() + 5
while time.monotonic() < deadline and len([e for e in got if e[0] == "CardRead"]) < 2:
    for ev in shell.read(0.1, time.time()):
        got.append((type(ev).__name__, getattr(ev, "uid", getattr(ev, "reason", ""))))
stats = shell.stats()
shell.close()
print(json.dumps({"detail": detail, "events": got, "stats": stats}))
"""


def run_under_umockdev(tmp_path: Path, stream: str, vendor_product: str) -> dict:
    # Node 6: the same reader's consumer-control interface (media keys only),
    # which sorts first; node 7: its keyboard interface, which types the ids.
    (tmp_path / "cc.umockdev").write_text(device(6))
    (tmp_path / "cc.ioctl").write_text(ioctls([113, 114, 115, 163, 164, 165]))
    (tmp_path / "reader.umockdev").write_text(device(7))
    (tmp_path / "reader.ioctl").write_text(ioctls())
    (tmp_path / "reader.events").write_text(stream)
    (tmp_path / "child.py").write_text(CHILD)
    proc = subprocess.run(
        ["umockdev-run", "-d", str(tmp_path / "cc.umockdev"),
         "-i", f"/dev/input/event6={tmp_path / 'cc.ioctl'}",
         "-d", str(tmp_path / "reader.umockdev"),
         "-i", f"/dev/input/event7={tmp_path / 'reader.ioctl'}",
         "-e", f"/dev/input/event7={tmp_path / 'reader.events'}",
         "--", sys.executable, str(tmp_path / "child.py"), str(REPO), vendor_product],
        capture_output=True, text=True, timeout=25, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_usb_reader_found_by_vendor_product_grabbed_and_read(tmp_path):
    # Found among its own interfaces: the keyboard node, not the media keys.
    stream = events([("04A1B2C3", 0.004), ("12", 0.3), ("DEADBEEF", 0.004)])
    out = run_under_umockdev(tmp_path, stream, f"{VENDOR:04x}:{PRODUCT:04x}")
    assert out["detail"] == "08ff:0009 -> /dev/input/event7 (evdev, grabbed)"
    reads = [uid for kind, uid in out["events"] if kind == "CardRead"]
    assert reads == ["04A1B2C3", "DEADBEEF"]
    # The slow "12" + Enter typed in between was a person, not a card.
    assert ("FrameRejected", "typing") in [tuple(e) for e in out["events"]]
    assert out["stats"]["records"] > 0


def test_a_reader_with_other_ids_is_not_opened(tmp_path):
    (tmp_path / "child_absent.py").write_text(
        "import sys\nsys.path.insert(0, sys.argv[1])\n"
        "from drivers.evdev_reader import find_by_vendor_product\n"
        "try:\n    find_by_vendor_product('1234:5678')\n"
        "except FileNotFoundError as e:\n    print('absent', e.errno)\n")
    (tmp_path / "reader.umockdev").write_text(device(7))
    (tmp_path / "reader.ioctl").write_text(ioctls())
    proc = subprocess.run(
        ["umockdev-run", "-d", str(tmp_path / "reader.umockdev"),
         "-i", f"/dev/input/event7={tmp_path / 'reader.ioctl'}",
         "--", sys.executable, str(tmp_path / "child_absent.py"), str(REPO)],
        capture_output=True, text=True, timeout=25, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "absent 2"
