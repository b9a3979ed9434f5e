"""Hub client: push journaled transactions exactly once, pull the roster.

Implements sync/protocol.md. Never imports ``agent``: the
runtime hands it a journal through the small interface in ``sync.journal_port``.
"""
