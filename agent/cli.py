"""``agent``: the till agent's command line.

Every sub-command takes ``--config PATH`` (or ``$TILL_AGENT_CONFIG``) and
``--state-dir DIR``. Commands live one per module in ``agent/commands``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from agent import __version__
from agent.config import ConfigError
from agent.journal.store import JournalError
from agent.logs import setup_logging
from agent.runtime.state_dir import StateDirError
from agent.terminal_text import escaped_output

# name -> module in agent.commands
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


COMMON_DESTS = ("config", "state_dir", "log_level")


def _add_common(p: argparse.ArgumentParser) -> None:
    """The options every command takes, at every level (``agent --state-dir D
    journal verify`` and ``agent journal verify --state-dir D`` both work).
    SUPPRESS defaults keep a nested parser from clobbering a value given
    earlier on the line."""
    g = p.add_argument_group("common options")
    g.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                   help="config file (default: $TILL_AGENT_CONFIG or /etc/till-agent/agent.toml)")
    g.add_argument("--state-dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="state directory (overrides the config)")
    g.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                   default=argparse.SUPPRESS, help="log level (overrides the config)")


def _add_common_to_nested(p: argparse.ArgumentParser) -> None:
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for nested in set(action.choices.values()):
                _add_common(nested)
                _add_common_to_nested(nested)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. ``only``: build that command's sub-parser
    alone and leave the others empty (importing every command's module, the
    hub client's HTTP library among them, cost `agent status` a third of a
    second)."""
    parser = argparse.ArgumentParser(
        prog="agent",
        description="Till-side agent for school cashless catering.",
    )
    _add_common(parser)
    parser.add_argument("--version", action="version", version=f"till-agent {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, modname in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        mod = importlib.import_module(f"agent.commands.{modname}")
        p = sub.add_parser(name, help=mod.HELP, description=mod.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _add_common(p)
        mod.add_arguments(p)
        _add_common_to_nested(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``agent`` console script."""
    words = sys.argv[1:] if argv is None else argv
    named = next((w for w in words if w in COMMANDS), None)
    parser = build_parser(only=named)
    args = parser.parse_args(argv)
    if named is None or getattr(args, "command", None) != named:
        # No command, or the word was an option's value (--config status): all of them.
        parser = build_parser()
        args = parser.parse_args(argv)
    for dest in COMMON_DESTS:
        if not hasattr(args, dest):
            setattr(args, dest, None)
    if args.log_level:
        os.environ["TILL_AGENT_LOG_LEVEL"] = args.log_level
    setup_logging(os.environ.get("TILL_AGENT_LOG_LEVEL", "WARNING"))
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    # Receipts, names and hub reasons reach the terminal with their control
    # and bidi characters escaped (agent/terminal_text.py).
    with escaped_output():
        try:
            return int(args._run(args) or 0)
        except ConfigError as exc:
            print(exc.render(), file=sys.stderr)
            return 2
        except (JournalError, StateDirError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130


if __name__ == "__main__":
    sys.exit(main())
