"""``python -m hwsim <device> ...``: start one simulated device or the hub by hand.

Each simulator module defines ``HELP``, ``add_arguments(parser)`` and
``main(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

SIMULATORS = {
    "hub": "hwsim.hub_cli",
    "printer": "hwsim.printer",
    "till": "hwsim.till",
    "rfid": "hwsim.rdm6300",
    "ascii-reader": "hwsim.ascii_reader",
    "fingerprint": "hwsim.fingerprint",
    "keywedge": "hwsim.keywedge",
}


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    """The command line, and the simulator module behind each device name."""
    parser = argparse.ArgumentParser(prog="python -m hwsim", description=__doc__)
    sub = parser.add_subparsers(dest="device", required=True, metavar="DEVICE")
    modules = {}
    for name, modname in SIMULATORS.items():
        mod = importlib.import_module(modname)
        p = sub.add_parser(name, help=getattr(mod, "HELP", ""), description=mod.__doc__)
        mod.add_arguments(p)
        modules[name] = mod
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    return int(modules[args.device].main(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
