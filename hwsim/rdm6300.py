"""A simulated RDM6300 125 kHz card reader on a pseudo-terminal.

Speaks the real frames (``0x02``, 10 hex, 2 hex XOR checksum, ``0x03``) with
its own encoder. A roster uid of 8 hex digits (the card id) is sent behind a
version/customer byte (``version``, 0x1A by default, as EM4100 cards carry
one), so the agent must drop it to find the pupil; a 10-hex uid is sent as is.

    python -m hwsim rfid [--link /tmp/till-agent-sim/rfid]

then type card ids (one per line) or commands: ``hold UID N``,
``garbage N``, ``bad_checksum UID``, ``partial UID``, ``unplug``, ``replug``.
"""

from __future__ import annotations

import argparse
import time

from hwsim.pty_device import PtyReaderSim, serve_by_hand

HELP = "simulated RDM6300 125 kHz card reader on a pseudo-terminal"


def encode_frame(uid: str, version: int = 0x1A, corrupt_checksum: bool = False) -> bytes:
    """The 14-byte frame for a card. ``uid``: 8 hex (card id, sent behind
    ``version``) or 10 hex (sent as is)."""
    uid = uid.strip().upper()
    data = uid if len(uid) == 10 else f"{version:02X}{uid}"
    if len(data) != 10:
        raise ValueError("an RDM6300 card id is 8 or 10 hex digits")
    check = 0
    for i in range(0, 10, 2):
        check ^= int(data[i : i + 2], 16)
    if corrupt_checksum:
        check ^= 0x5A
    return b"\x02" + data.encode("ascii") + f"{check:02X}".encode("ascii") + b"\x03"


class Rdm6300Sim(PtyReaderSim):
    """The reader. ``present`` sends one frame per presentation (the agent's
    debounce is tested with ``hold``, which repeats it like a card left on the
    reader)."""

    def __init__(self, link: str | None = None, version: int = 0x1A, seed: int = 0) -> None:
        super().__init__(link, seed)
        self.version = version

    def present(self, uid: str) -> int:
        """A card tapped on the reader: one frame."""
        self.presented += 1
        return self.dev.write(encode_frame(uid, self.version))

    tap = card = present

    def hold(self, uid: str, times: int = 5, interval_s: float = 0.05) -> int:
        """A card left on the reader: the same frame ``times`` times."""
        sent = 0
        for i in range(int(times)):
            if i:
                time.sleep(float(interval_s))
            sent += self.dev.write(encode_frame(uid, self.version))
        self.presented += 1
        return sent

    def garbage(self, n: int = 16) -> int:
        """Line noise: ``n`` random bytes."""
        return self.dev.write(self.noise(n))

    def bad_checksum(self, uid: str) -> int:
        """A frame whose checksum is wrong (a misread)."""
        return self.dev.write(encode_frame(uid, self.version, corrupt_checksum=True))

    def partial(self, uid: str, n: int = 7) -> int:
        """The first ``n`` bytes of a frame only (the card pulled away, or the
        reader vanishing mid-frame)."""
        return self.dev.write(encode_frame(uid, self.version)[: int(n)])


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--link", help="a stable symlink to the pty (like /dev/serial/by-id)")
    p.add_argument("--version-byte", type=lambda s: int(s, 16), default=0x1A,
                   help="the card's version/customer byte, hex (default 1A)")


def main(args: argparse.Namespace) -> int:
    sim = Rdm6300Sim(link=args.link, version=args.version_byte).start()
    return serve_by_hand(sim, f"rdm6300 reader on {sim.path}: type a card id per line")
