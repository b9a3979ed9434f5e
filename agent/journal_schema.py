"""The journal's schema, as numbered migrations (``PRAGMA user_version``).

A migration is never edited once released: add a new one.
"""

from __future__ import annotations

_APPEND_ONLY = """
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be changed'); END
""", """
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be deleted'); END
"""


def _append_only(table: str) -> list[str]:
    return [t.format(table=table) for t in _APPEND_ONLY]


MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        """
        CREATE TABLE entries (
            seq          INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            kind         TEXT NOT NULL CHECK (kind IN ('sale','refund','void','manual')),
            payload      TEXT NOT NULL,
            wall_time    TEXT NOT NULL,
            clock_synced INTEGER NOT NULL,
            boot_id      TEXT NOT NULL,
            mono_ns      INTEGER NOT NULL,
            prev_hash    TEXT NOT NULL,
            hash         TEXT NOT NULL
        )
        """,
        *_append_only("entries"),
        # seq is strictly the next number: no gaps, no reuse, whoever inserts.
        """
        CREATE TRIGGER entries_next_seq BEFORE INSERT ON entries
        WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM entries)
        BEGIN SELECT RAISE(ABORT, 'entries: seq must be the next number'); END
        """,
        # The chain's head, kept beside the rows so a truncation shows.
        "CREATE TABLE chain_head (one INTEGER PRIMARY KEY CHECK (one = 1), seq INTEGER, hash TEXT)",
        "INSERT INTO chain_head (one, seq, hash) VALUES (1, 0, NULL)",
        """
        CREATE TRIGGER entries_head AFTER INSERT ON entries
        BEGIN UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE one = 1; END
        """,
        """
        CREATE TABLE captures (
            seq    INTEGER PRIMARY KEY REFERENCES entries(seq),
            source TEXT NOT NULL,
            data   BLOB NOT NULL,
            text   TEXT NOT NULL DEFAULT '[]'
        )
        """,
        *_append_only("captures"),
        """
        CREATE TABLE sync_state (
            seq    INTEGER PRIMARY KEY REFERENCES entries(seq),
            id     TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted','duplicate','rejected')),
            reason TEXT NOT NULL DEFAULT '',
            at     TEXT NOT NULL
        )
        """,
        "CREATE INDEX sync_state_status ON sync_state(status)",
        """
        CREATE TABLE sync_attempts (
            seq        INTEGER PRIMARY KEY REFERENCES entries(seq),
            attempts   INTEGER NOT NULL,
            first_at   TEXT NOT NULL,
            last_at    TEXT NOT NULL,
            last_error TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ]),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
