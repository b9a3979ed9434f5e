"""till-agent: runtime, correlation, journal, config and command line."""

__version__ = "0.1.0"
