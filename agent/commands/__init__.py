"""One module per ``agent`` sub-command.

Each module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. ``agent/cli.py`` lists them; logic lives in the other
modules of ``agent/`` so the commands stay thin. Argument types more than
one command takes live here.
"""

from __future__ import annotations

import argparse


def day_argument(text: str) -> str:
    """A day given on the command line (day first, as UK staff write it), as
    ``YYYY-MM-DD``; anything else is argparse's clear error."""
    # Imported here: every command loads this package, few take a day.
    from agent.reports.registers import DATE_FORMATS, check_day

    try:
        return check_day(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date ({DATE_FORMATS})") from None

