"""One migrations runner for the agent's SQLite stores (the journal and the
roster cache): sqlite-utils' ``Migrations``, run the same way for both.

A store lists its steps in order, numbered from 1; a step is SQL statements
or a function of a sqlite-utils ``Database``. A released step is never
edited: add a new one. The runner

- applies the pending steps inside one ``BEGIN IMMEDIATE``, so two processes
  opening the same file at once migrate it once, and a step that fails leaves
  the file as it was (each step is also a savepoint of its own);
- records each step by name in ``_sqlite_migrations`` (sqlite-utils' table)
  and keeps ``PRAGMA user_version`` equal to the last step applied: files
  written before this runner kept only the number, and read-only openers
  (``agent status``, another user) compare that number without writing;
- refuses a file a newer agent migrated further (``SchemaTooNew``).

Lives in sync/ because the roster cache (sync/) and the journal (agent/) both
use it, and sync/ never imports agent/.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database, Migrations

from sync.sqlite_db import atomic

TABLE = Migrations.migrations_table  # "_sqlite_migrations"


class SchemaTooNew(Exception):
    """The file was migrated by a newer agent than this one."""


@dataclass(frozen=True)
class Step:
    """One numbered migration: SQL statements run in order, or a function."""

    version: int
    name: str
    run: Sequence[str] | Callable[[Database], None]

    @property
    def key(self) -> str:
        """The name recorded in ``_sqlite_migrations`` (sorted like the steps)."""
        return f"{self.version:04d}_{self.name}"


def database(conn: sqlite3.Connection) -> Database:
    """A sqlite-utils view of ``conn`` that leaves its settings alone (no
    pragma set, no plugin run)."""
    return Database(conn, recursive_triggers=False, execute_plugins=False)


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


class MigrationSet:
    """The numbered steps of one store (``name`` tells the stores apart in
    the shared ``_sqlite_migrations`` table)."""

    def __init__(self, name: str, steps: Sequence[Step]):
        if [s.version for s in steps] != list(range(1, len(steps) + 1)):
            raise ValueError(f"{name}: steps must be numbered 1, 2, 3, ... in order")
        self.name = name
        self.steps = tuple(steps)
        self._migrations = Migrations(name)
        for step in self.steps:
            self._migrations(name=step.key)(_runner(step))

    @property
    def version(self) -> int:
        """The schema version of a file with every step applied."""
        return len(self.steps)

    def check(self, conn: sqlite3.Connection) -> int:
        """The file's schema version, read only; ``SchemaTooNew`` if a newer
        agent migrated it further than this one knows."""
        v = user_version(conn)
        if v > self.version:
            raise SchemaTooNew(f"schema version {v} is newer than this agent knows "
                               f"({self.version})")
        return v

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        """The names of the steps this file still needs (read only)."""
        v = self.check(conn)
        return [s.key for s in self.steps if s.version > v]

    def migrate(self, conn: sqlite3.Connection) -> list[str]:
        """Apply the pending steps in one transaction; returns their names.
        ``conn`` must be in autocommit mode (``isolation_level=None``)."""
        if not self.pending(conn):
            return []  # the common case: no write, no lock
        with atomic(conn):
            db = database(conn)
            v = self.check(conn)  # re-read: another process may have migrated
            self._migrations.ensure_migrations_table(db)
            known = {s.key for s in self.steps}
            recorded = {m.name for m in self._migrations.applied(db)}
            newer = sorted(recorded - known)
            if newer:
                raise SchemaTooNew(f"migrations {', '.join(newer)} are newer than this agent "
                                   "knows")
            # A file from before the runner: its number says which steps it has.
            db[TABLE].insert_all(
                {"migration_set": self.name, "name": s.key,
                 "applied_at": f"unknown (user_version {v} before the runner)"}
                for s in self.steps if s.version <= v and s.key not in recorded)
            todo = [m.name for m in self._migrations.pending(db)]
            self._migrations.apply(db)
            conn.execute(f"PRAGMA user_version = {self.version}")
        return todo


def _runner(step: Step) -> Callable[[Database], None]:
    if callable(step.run):
        return step.run
    statements = list(step.run)

    def run(db: Database) -> None:
        for stmt in statements:
            db.execute(stmt)

    return run
