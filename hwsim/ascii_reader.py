"""A simulated ASCII line card reader (a Wiegand-to-serial converter) on a
pseudo-terminal: one card id per line, hex or decimal, CR LF by default.

    python -m hwsim ascii-reader [--link PATH] [--format hex|decimal]

then type card ids (8-hex roster form) one per line, or commands:
``garbage N``, ``overlong``, ``unplug``, ``replug``.
"""

from __future__ import annotations

import argparse

from hwsim.pty_device import PtyReaderSim, serve_by_hand

HELP = "simulated ASCII/Wiegand line card reader on a pseudo-terminal"


def encode_line(uid: str, fmt: str = "hex", line_end: bytes = b"\r\n") -> bytes:
    """What the converter prints for a card whose roster uid is ``uid`` (hex):
    the hex itself, or its value as a 10-digit decimal number."""
    uid = uid.strip().upper()
    if fmt == "decimal":
        return f"{int(uid, 16):010d}".encode("ascii") + line_end
    return uid.encode("ascii") + line_end


class AsciiReaderSim(PtyReaderSim):
    """The converter on a pty."""

    def __init__(self, link: str | None = None, fmt: str = "hex",
                 line_end: bytes = b"\r\n", seed: int = 0) -> None:
        if fmt not in ("hex", "decimal"):
            raise ValueError("fmt is 'hex' or 'decimal'")
        super().__init__(link, seed)
        self.fmt = fmt
        self.line_end = line_end

    def present(self, uid: str) -> int:
        """A card read: one line."""
        self.presented += 1
        return self.dev.write(encode_line(uid, self.fmt, self.line_end))

    tap = card = present

    def garbage(self, n: int = 16) -> int:
        """Line noise (random bytes, then a line end so the line is judged)."""
        return self.dev.write(self.noise(n) + self.line_end)

    def overlong(self, n: int = 200) -> int:
        """A line far longer than any card id (a stuck converter)."""
        return self.dev.write(b"7" * int(n) + self.line_end)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--link", help="a stable symlink to the pty (like /dev/serial/by-id)")
    p.add_argument("--format", choices=("hex", "decimal"), default="hex")
    p.add_argument("--lf-only", action="store_true", help="end lines with LF, not CR LF")


def main(args: argparse.Namespace) -> int:
    sim = AsciiReaderSim(link=args.link, fmt=args.format,
                         line_end=b"\n" if args.lf_only else b"\r\n").start()
    return serve_by_hand(sim, f"ascii reader ({args.format}) on {sim.path}: "
                              "type a card id per line")
