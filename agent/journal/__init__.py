"""The journal: the append-only, hash-chained SQLite store (``store``; its
chain check ``verify``, its sync progress ``sync_ledger``, its retention
``pruning``), its schema, the WAL checkpointer off the sale path, and the
sync summary (what waits for the hub) that status, doctor and the demo share.
"""
