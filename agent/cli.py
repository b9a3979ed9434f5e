"""``agent``: the till agent's command line.

Every sub-command takes ``--config PATH`` (or ``$TILL_AGENT_CONFIG``) and
``--state-dir DIR``. Commands live one per module in ``agent/commands``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from agent import __version__
from agent.config import ConfigError

# name -> module in agent.commands; a module not present yet is not listed.
COMMANDS = {
    "run": "run",
    "demo": "demo",
    "status": "status",
    "doctor": "doctor",
    "sync": "sync",
    "journal": "journal",
    "receipt": "receipt",
    "register": "register",
    "report": "report",
    "install-service": "install_service",
}


def common_options() -> argparse.ArgumentParser:
    """The options every command takes."""
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("common options")
    g.add_argument("--config", metavar="PATH", help="config file (default: $TILL_AGENT_CONFIG "
                   "or /etc/till-agent/agent.toml)")
    g.add_argument("--state-dir", metavar="DIR", help="state directory (overrides the config)")
    g.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                   help="log level (overrides the config)")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent",
        description="Till-side agent for school cashless catering.",
        parents=[common_options()],
    )
    parser.add_argument("--version", action="version", version=f"till-agent {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, modname in COMMANDS.items():
        full = f"agent.commands.{modname}"
        try:
            mod = importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                continue
            raise
        p = sub.add_parser(name, help=mod.HELP, description=mod.__doc__,
                           parents=[common_options()],
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``agent`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except ConfigError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
