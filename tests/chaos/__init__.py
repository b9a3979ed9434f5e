"""Proof under fire: the real agent process against simulated devices and
hub, killed, starved of network and disk, and soaked; checked one to one at
the end (printer <-> journal <-> hub). ``python -m tests.chaos --help``."""
