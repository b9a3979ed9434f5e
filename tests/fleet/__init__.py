"""A fleet of tills coming back after a hub outage (issue 17.2):
``python -m tests.fleet`` (see ``tests/fleet/sim.py``)."""
