"""One module per ``agent`` sub-command.

Each module defines ``HELP`` (one line), ``add_arguments(parser)`` and
``run(args) -> int``. ``agent/cli.py`` lists them; logic lives in the other
modules of ``agent/`` so the commands stay thin.
"""
