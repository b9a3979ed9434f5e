"""The journal's schema, as numbered migrations run by ``sync.migrations``
(the runner the roster cache uses too).

A migration is never edited once released: add a new one.
"""

from __future__ import annotations

from sync.migrations import MigrationSet, Step

_APPEND_ONLY = """
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be changed'); END
""", """
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be deleted'); END
"""


def _append_only(table: str) -> list[str]:
    return [t.format(table=table) for t in _APPEND_ONLY]


STEPS = [
    Step(1, "entries_captures_sync", [
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
    # One statement per append: an entry and its capture go in through this
    # view, so an append is one implicit transaction (no BEGIN, second INSERT
    # and COMMIT round trips, each of which let other threads in between).
    Step(2, "entries_with_capture_view", [
        """
        CREATE VIEW entries_with_capture AS
        SELECT e.seq, e.id, e.kind, e.payload, e.wall_time, e.clock_synced, e.boot_id,
               e.mono_ns, e.prev_hash, e.hash,
               c.source AS capture_source, c.data AS capture_data, c.text AS capture_text
        FROM entries e LEFT JOIN captures c ON c.seq = e.seq
        """,
        """
        CREATE TRIGGER entries_with_capture_insert INSTEAD OF INSERT ON entries_with_capture
        BEGIN
            INSERT INTO entries (seq, id, kind, payload, wall_time, clock_synced, boot_id,
                                 mono_ns, prev_hash, hash)
            VALUES (NEW.seq, NEW.id, NEW.kind, NEW.payload, NEW.wall_time, NEW.clock_synced,
                    NEW.boot_id, NEW.mono_ns, NEW.prev_hash, NEW.hash);
            INSERT INTO captures (seq, source, data, text)
            SELECT NEW.seq, NEW.capture_source, NEW.capture_data, NEW.capture_text
            WHERE NEW.capture_data IS NOT NULL;
        END
        """,
    ]),
    # Things staff confirmed at the till that are not sales (an allergen
    # banner acknowledged): append-only beside the entries, never sent to the
    # hub as a transaction nor counted by the ledger. ``ack_id`` is unique,
    # so a double click or a second screen records it once.
    Step(3, "acknowledgements", [
        """
        CREATE TABLE acknowledgements (
            n            INTEGER PRIMARY KEY,
            ack_id       TEXT NOT NULL UNIQUE,
            kind         TEXT NOT NULL CHECK (kind IN ('allergen')),
            pupil_id     TEXT NOT NULL,
            detail       TEXT NOT NULL,
            by           TEXT NOT NULL,
            wall_time    TEXT NOT NULL,
            clock_synced INTEGER NOT NULL
        )
        """,
        *_append_only("acknowledgements"),
    ]),
    # Pupils staff chose by name on the operator display (a pupil without a
    # card or biometric consent): who chose whom, when. The sale that follows
    # says identified_by "name"; this says which person vouched for it. Not a
    # sale, never sent to the hub.
    Step(4, "name_choices", [
        """
        CREATE TABLE name_choices (
            n            INTEGER PRIMARY KEY,
            choice_id    TEXT NOT NULL UNIQUE,
            pupil_id     TEXT NOT NULL,
            by           TEXT NOT NULL,
            wall_time    TEXT NOT NULL,
            clock_synced INTEGER NOT NULL
        )
        """,
        *_append_only("name_choices"),
    ]),
    # Retention (agent/journal/retention.py): acknowledged entries older than the
    # retention leave the file. ``anchor`` (one row) is the seq and chain hash of
    # the last entry dropped, so what remains still verifies from it; seq 0 with
    # the genesis hash means nothing was ever dropped. The database itself keeps
    # the rules: the anchor only moves forward, and only onto an entry that is
    # there with that hash; an entry (and its capture and sync result) can be
    # deleted only at or below the anchor and only once the hub acknowledged it
    # (accepted or duplicate: never pending, rejected or anything else) and
    # it is not held for review (sync.contract.REVIEW_FLAGS as of this step: a
    # new review flag needs a new step);
    # acknowledgements and name choices only before the anchor's cutoff. Every
    # other delete is refused as before. The next seq counts on from the anchor when every entry
    # has gone.
    Step(5, "retention_anchor", [
        """
        CREATE TABLE anchor (
            one        INTEGER PRIMARY KEY CHECK (one = 1),
            seq        INTEGER NOT NULL,
            hash       TEXT NOT NULL,
            dropped_at TEXT NOT NULL DEFAULT '',
            dropped    INTEGER NOT NULL DEFAULT 0,
            cutoff     TEXT NOT NULL DEFAULT ''
        )
        """,
        f"INSERT INTO anchor (one, seq, hash) VALUES (1, 0, '{'0' * 64}')",
        """
        CREATE TRIGGER anchor_forward BEFORE UPDATE ON anchor
        WHEN NEW.seq < OLD.seq OR (NEW.seq > OLD.seq AND
             NEW.hash IS NOT (SELECT hash FROM entries WHERE seq = NEW.seq))
        BEGIN SELECT RAISE(ABORT, 'anchor: moves only forward, onto an entry with its hash');
        END
        """,
        """
        CREATE TRIGGER anchor_no_delete BEFORE DELETE ON anchor
        BEGIN SELECT RAISE(ABORT, 'anchor: the row cannot be deleted'); END
        """,
        "DROP TRIGGER entries_no_delete",
        """
        CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        WHEN OLD.seq > (SELECT seq FROM anchor)
          OR COALESCE((SELECT status FROM sync_state WHERE seq = OLD.seq), 'pending')
             NOT IN ('accepted', 'duplicate')
          OR EXISTS (SELECT 1 FROM json_each(OLD.payload, '$.flags')
                     WHERE value IN ('review_refund_by_account', 'account_mismatch'))
        BEGIN SELECT RAISE(ABORT,
            'entries is append-only: only acknowledged entries at or below the anchor can go');
        END
        """,
        "DROP TRIGGER captures_no_delete",
        """
        CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures
        WHEN OLD.seq > (SELECT seq FROM anchor)
        BEGIN SELECT RAISE(ABORT,
            'captures is append-only: rows above the retention anchor cannot be deleted');
        END
        """,
        """
        CREATE TRIGGER sync_state_no_delete BEFORE DELETE ON sync_state
        WHEN OLD.seq > (SELECT seq FROM anchor)
        BEGIN SELECT RAISE(ABORT,
            'sync_state: rows above the retention anchor cannot be deleted');
        END
        """,
        """
        CREATE TRIGGER sync_state_no_update BEFORE UPDATE ON sync_state
        BEGIN SELECT RAISE(ABORT,
            'sync_state: the hub''s answer is final');
        END
        """,
        "DROP TRIGGER acknowledgements_no_delete",
        """
        CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
        WHEN OLD.wall_time >= (SELECT cutoff FROM anchor)
        BEGIN SELECT RAISE(ABORT,
            'acknowledgements is append-only: only rows older than the cutoff can go');
        END
        """,
        # Who chose a pupil by name (step 4) names pupils too: the same rule.
        "DROP TRIGGER name_choices_no_delete",
        """
        CREATE TRIGGER name_choices_no_delete BEFORE DELETE ON name_choices
        WHEN OLD.wall_time >= (SELECT cutoff FROM anchor)
        BEGIN SELECT RAISE(ABORT,
            'name_choices is append-only: only rows older than the cutoff can go');
        END
        """,
        "DROP TRIGGER entries_next_seq",
        """
        CREATE TRIGGER entries_next_seq BEFORE INSERT ON entries
        WHEN NEW.seq IS NOT (SELECT COALESCE(MAX(seq), (SELECT seq FROM anchor)) + 1
                             FROM entries)
        BEGIN SELECT RAISE(ABORT, 'entries: seq must be the next number'); END
        """,
    ]),
    # A sale held for review (step 5's review flags) never leaves, but it no
    # longer holds back the drop of the acknowledged sales around it: a drop
    # passes over it and records it in ``kept`` with its chain hash as the
    # chain had it (its neighbours linked to it), so once those neighbours are
    # gone ``verify`` still checks it against the hash it had. ``kept`` rows
    # never change or go. The next seq counts on from the anchor even when
    # only kept entries (all below it) are left.
    Step(6, "held_past_retention", [
        """
        CREATE TABLE kept (
            seq        INTEGER PRIMARY KEY REFERENCES entries(seq),
            hash       TEXT NOT NULL,
            kept_at    TEXT NOT NULL,
            anchor_seq INTEGER NOT NULL
        )
        """,
        *_append_only("kept"),
        "DROP TRIGGER entries_next_seq",
        """
        CREATE TRIGGER entries_next_seq BEFORE INSERT ON entries
        WHEN NEW.seq IS NOT MAX(COALESCE((SELECT MAX(seq) FROM entries), 0),
                                (SELECT seq FROM anchor)) + 1
        BEGIN SELECT RAISE(ABORT, 'entries: seq must be the next number'); END
        """,
    ]),
    # Who decided a kept sale stays with it: an acknowledgement or a name
    # choice naming one of a kept sale's pupils (the printed account's, or
    # the one identified at the till) within the hour either side of its
    # journaling is the record of who chose that pupil and when, so it is
    # never deleted while the sale is kept (that is, never). Step 5's cutoff
    # rule stands for every other row. Frozen like every step: the drop's own
    # copy of the rule is agent/journal/pruning.py's (SALE_PUPILS,
    # DECIDED_WITHIN), tied to this text by tests/test_retention.py.
    Step(7, "kept_sales_keep_who_decided", [
        stmt
        for table in ("acknowledgements", "name_choices")
        for stmt in (f"DROP TRIGGER {table}_no_delete", f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        WHEN OLD.wall_time >= (SELECT cutoff FROM anchor) OR EXISTS (
            SELECT 1 FROM kept k JOIN entries e ON e.seq = k.seq
            WHERE OLD.pupil_id IN (json_extract(e.payload, '$.pupil_id'),
                                   json_extract(e.payload, '$.identified_at_till.pupil_id'))
              AND OLD.wall_time
                  BETWEEN strftime('%Y-%m-%dT%H:%M:%fZ', e.wall_time, '-1 hours')
                      AND strftime('%Y-%m-%dT%H:%M:%fZ', e.wall_time, '+1 hours'))
        BEGIN SELECT RAISE(ABORT,
            '{table} is append-only: only rows older than the cutoff, not a kept sale''s, can go');
        END
        """)
    ]),
    # The office's check of a receipt held for review (its flags say a person
    # must look at it): which sale, what the person found (``as_read``: the
    # paper matches what the till read; ``differs``: it does not, and they put
    # it right with the payment provider), who (the screen's address) and
    # when. One decision per sale (``seq`` unique: a double click or a second
    # screen records the first); append-only; not a sale, never sent to the
    # hub, no pupil data.
    Step(8, "receipt_reviews", [
        """
        CREATE TABLE receipt_reviews (
            n            INTEGER PRIMARY KEY,
            seq          INTEGER NOT NULL UNIQUE,
            txn_id       TEXT NOT NULL,
            outcome      TEXT NOT NULL CHECK (outcome IN ('as_read', 'differs')),
            by           TEXT NOT NULL,
            wall_time    TEXT NOT NULL,
            clock_synced INTEGER NOT NULL
        )
        """,
        *_append_only("receipt_reviews"),
    ]),
    # What the office entered when the paper was different (the total on the
    # paper, who paid and how) and the adjustment the page then told them to
    # make at the payment provider, as JSON with the review it belongs to
    # ('' for a check recorded before this step, or the paper matching). Same
    # row, same rules: append-only, never sent to the hub (the till never
    # corrects a sale itself: the provider's adjustment does, once).
    Step(9, "receipt_review_corrections", [
        "ALTER TABLE receipt_reviews ADD COLUMN correction TEXT NOT NULL DEFAULT ''",
    ]),
    # A third review flag (hold26: ``several_accounts``, two pupils' accounts
    # on one slip): step 5's delete rule with the review flags as they are
    # now, the rest of it unchanged. tests/test_retention.py ties this list
    # to sync.contract.REVIEW_FLAGS.
    Step(10, "several_accounts_held", [
        "DROP TRIGGER entries_no_delete",
        """
        CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        WHEN OLD.seq > (SELECT seq FROM anchor)
          OR COALESCE((SELECT status FROM sync_state WHERE seq = OLD.seq), 'pending')
             NOT IN ('accepted', 'duplicate')
          OR EXISTS (SELECT 1 FROM json_each(OLD.payload, '$.flags')
                     WHERE value IN ('review_refund_by_account', 'account_mismatch',
                                     'several_accounts'))
        BEGIN SELECT RAISE(ABORT,
            'entries is append-only: only acknowledged entries at or below the anchor can go');
        END
        """,
    ]),
]

JOURNAL_MIGRATIONS = MigrationSet("journal", STEPS)
SCHEMA_VERSION = JOURNAL_MIGRATIONS.version
