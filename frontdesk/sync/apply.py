"""Applying a pulled page: one SQLite transaction per page, with its new watermark.

Each pulled row meets the desk's row through the shared merge rule (domain.merge): the desk's
own changes still waiting in the outbox keep their stamps and win where they are newer; for
everything else the hub's merged value stands. While the transaction runs, `sync_apply` holds a
row, so the outbox triggers do not queue what is applied. Pulled visitors get their search-index
rows at once (domain.search_terms). The hybrid clock moves past every stamp received.
A row of an append-only table the desk holds takes the hub's values: the hub never changes one,
so a difference is a change made here behind sync's back (hub.push hands such a row out again).
Rows the desk does not hold yet (all of them in a first sync) skip the merge: the page looks up
which rows exist with one query per table and inserts the others with executemany per table
(insert_new_rows), which makes a new desk's first sync of a million rows a bulk load.

Foreign keys are checked by the page's end, not per row, and not at all across pages: the log
is in commit order, so a visit may arrive a page before the visitor it names (the visitor was
changed later). A run applies every page, after which the references hold again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from frontdesk.db.engine import Database
from frontdesk.db.models import synced_models
from frontdesk.db.outbox import CLOCK_KEY, not_queued, synced_fields
from frontdesk.domain import hlc
from frontdesk.domain.errors import DatabaseProblem
from frontdesk.domain.merge import RowState, merge
from frontdesk.domain.search_terms import index_terms
from frontdesk.domain.staff_names import desk_username

MODELS = {model.__tablename__: model for model in synced_models()}
FIELDS = {name: synced_fields(model) for name, model in MODELS.items()}
HAS_HLC = frozenset(name for name, model in MODELS.items() if "hlc" in model.__table__.columns)
CURSOR_KEY = "pull_cursor"
# Columns that never travel (db.models, Policy.local) get their model's default on a pulled new row.
LOCAL_DEFAULTS = {name: {c.name: (c.default.arg if c.default is not None and not callable(c.default.arg) else None)
                         for c in model.__table__.columns if c.name in model.__sync__.local}
                  for name, model in MODELS.items()}
_NAME_FIELDS = frozenset({"first_name", "last_name", "last_visit_at", "anonymised_at"})


def read_cursor(db: Database) -> dict[str, object]:
    conn = db.raw()
    try:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CURSOR_KEY,)).fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row and row[0] else {"txid": 0, "tbl": "", "row_id": ""}


def apply_page(db: Database, *, rows: Iterable[dict], cursor: dict[str, object] | None) -> int:
    """Apply pulled rows and store `cursor` in one transaction; returns how many rows changed here.
    Without a cursor (one table fetched again by the verify) the watermark stays as it is."""
    if db.writes_held:
        raise DatabaseProblem(db.writes_held)
    conn = db.raw()
    conn.isolation_level = None
    try:
        conn.execute("PRAGMA foreign_keys=OFF")  # see the module's docstring
        conn.execute("BEGIN IMMEDIATE")
        try:
            known = [row for row in rows if row["table"] in MODELS]  # not a newer desk's table
            changed, new_rows = 0, []
            with not_queued(conn):
                found = existing_rows(conn, known)
                for row in known:
                    changed += _apply_row(conn, row, found.get((row["table"], row["row_id"])), new_rows)
                insert_new_rows(conn, new_rows)
            # Stamps compare as text (fixed-width hex first): the newest is found without parsing each.
            newest = hlc.value_of(max((s for row in known for s in row["stamps"].values()), default=""))
            conn.execute("UPDATE sync_state SET number = max(number, ?) WHERE key = ?", (newest, CLOCK_KEY))
            if cursor is not None:
                conn.execute("INSERT OR REPLACE INTO sync_state (key, value, number) VALUES (?, ?, 0)",
                             (CURSOR_KEY, json.dumps(cursor, sort_keys=True)))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        from frontdesk.db.file_access import explain

        problem = explain(exc, db.path)
        if problem is None:
            raise
        raise problem from exc
    finally:
        conn.close()
    return changed


def _pending_stamps(conn: sqlite3.Connection, table: str, row_id: str) -> dict[str, str]:
    """The stamps of this desk's changes to the row still waiting to be pushed, per field (fields
    that move together carry the stamp of the change of any of them, as the push sends them)."""
    stamps: dict[str, str] = {}
    policy = MODELS[table].__sync__
    for fields, stamp in conn.execute("SELECT fields, hlc FROM sync_outbox WHERE table_name = ? AND row_id = ?",
                                      (table, row_id)):
        for name in policy.with_groups(json.loads(fields)):
            stamps[name] = max(stamps.get(name, ""), stamp)
    return stamps


_LOOK_UP = object()


def _columns(table: str) -> str:
    return ", ".join(FIELDS[table]) + (", hlc" if table in HAS_HLC else "")


def existing_rows(conn: sqlite3.Connection, rows: list[dict]) -> dict[tuple[str, str], tuple]:
    """The synced fields (and `hlc`) of the rows of a page this desk already holds, one query per table
    (a new desk's first sync finds none: every row goes to insert_new_rows)."""
    ids: dict[str, list[str]] = {}
    for row in rows:
        ids.setdefault(row["table"], []).append(row["row_id"])
    found = {}
    for table, wanted in ids.items():
        for hit in conn.execute(f"SELECT id, {_columns(table)} FROM {table} "
                                "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),)):
            found[(table, hit[0])] = hit[1:]
    return found


def insert_new_rows(conn: sqlite3.Connection, rows: list[dict]) -> None:
    """Insert pulled rows this desk does not hold yet, with executemany per table (and their
    visitors' search-index rows): the bulk of a first sync. Each row's newest stamp goes to its
    `hlc` column, as in _apply_row; a row of a table without one is noted as received (its
    checksum counts it); an erased visitor gets no search words."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
    terms, received = [], []
    for row in rows:
        table, data = row["table"], row["data"]
        fields = FIELDS[table]
        values = {**LOCAL_DEFAULTS[table], **{k: v for k, v in data.items() if k in fields}}
        names = tuple(values)
        stamp = [max((v for k, v in row["stamps"].items() if k in fields), default="")] if table in HAS_HLC else []
        groups.setdefault((table, names), []).append((row["row_id"], *values.values(), *stamp))
        if table not in HAS_HLC:
            received.append((table, row["row_id"]))
        if table == "visitor" and _NAME_FIELDS & data.keys() and not values.get("anonymised_at"):
            terms += [(term, values.get("last_visit_at") or "", row["row_id"])
                      for term in index_terms(values.get("first_name") or "", values.get("last_name") or "")]
    for (table, names), batch in groups.items():
        extra = ", hlc" if table in HAS_HLC else ""
        conn.executemany(f"INSERT INTO {table} (id, {', '.join(names)}{extra}) "
                         f"VALUES (?{', ?' * (len(names) + (table in HAS_HLC))})", batch)
    conn.executemany("INSERT INTO visitor_search_term (term, last_visit_at, visitor_id) VALUES (?, ?, ?)", terms)
    conn.executemany("INSERT OR IGNORE INTO sync_received (table_name, row_id) VALUES (?, ?)", received)


def _apply_row(conn: sqlite3.Connection, row: dict, found: tuple | object | None = _LOOK_UP,
               new_rows: list[dict] | None = None) -> int:
    """Merge one pulled row into this desk. `found`: the row's synced fields here (and its `hlc`
    last, where the table has one), None when it is not here (looked up when not given); a row
    not here is left in `new_rows` for insert_new_rows when a list is given (accounts excepted:
    their usernames need room first)."""
    table, row_id = row["table"], row["row_id"]
    fields = FIELDS[table]
    keeps_hlc = table in HAS_HLC  # the hub's newest stamp of the row: its checksum (sync.checksums)
    if found is _LOOK_UP:
        found = conn.execute(f"SELECT {_columns(table)} FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if found is None and new_rows is not None and table != "staff_member":
        new_rows.append(row)
        return 1
    incoming = RowState({k: v for k, v in row["data"].items() if k in fields},
                        {k: v for k, v in row["stamps"].items() if k in fields})
    newest = max(incoming.stamps.values(), default="")
    if table == "staff_member" and "username" in incoming.data:
        make_room_for_username(conn, str(incoming.data["username"]), row_id)
    if found is None:
        values = {**LOCAL_DEFAULTS[table], **incoming.data}
        names = list(values)
        extra = ", hlc" if keeps_hlc else ""
        conn.execute(f"INSERT INTO {table} (id, {', '.join(names)}{extra}) "
                     f"VALUES (?{', ?' * (len(names) + keeps_hlc)})",
                     (row_id, *(values[n] for n in names), *([newest] if keeps_hlc else [])))
        written = set(incoming.data)
        if not keeps_hlc:
            _received(conn, table, row_id)
    else:
        local = dict(zip(fields, found[:len(fields)], strict=True))
        if MODELS[table].__sync__.append_only:
            # The hub's copy is the row as it was made (it never changes there): a copy changed here
            # behind sync's back takes it back (the hub handed it out again: hub.push).
            state = incoming
            written = {n for n in incoming.data if incoming.data[n] != local[n]}
        else:
            merged = merge(MODELS[table].__sync__, RowState(local, _pending_stamps(conn, table, row_id)), incoming)
            state = merged.state
            written = {n for n in merged.changed if merged.state.data[n] != local[n]}
        if not keeps_hlc:
            _received(conn, table, row_id)
        if not written:
            if keeps_hlc and found[-1] != newest:  # the same values, as the hub stamped them (own rows back)
                conn.execute(f"UPDATE {table} SET hlc = ? WHERE id = ?", (newest, row_id))
            return 0
        names = sorted(written)
        values = [state.data[n] for n in names]
        if keeps_hlc:
            names.append("hlc")
            values.append(newest)
        conn.execute(f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?", (*values, row_id))
    if table == "visitor" and written & _NAME_FIELDS:
        _index_visitor(conn, row_id)
    return 1


def _received(conn: sqlite3.Connection, table: str, row_id: str) -> None:
    """A row of a table without `hlc` (the audit trail) came from the hub: it counts in its
    table's checksum (db.checksums)."""
    conn.execute("INSERT OR IGNORE INTO sync_received (table_name, row_id) VALUES (?, ?)", (table, row_id))


def make_room_for_username(conn: sqlite3.Connection, username: str, row_id: str) -> None:
    """A pulled account takes a username another account holds here: the hub keeps usernames
    unique across the site (hub.staff), so the one here is an account the hub renames or has
    renamed already (a second desk's own `admin`, not yet sent or its new name in a later row).
    It takes that name now, without queueing it: the hub's value arrives by pull and wins."""
    holder = conn.execute("SELECT id, created_desk FROM staff_member WHERE username = ? AND id <> ?",
                          (username, row_id)).fetchone()
    if holder is not None:
        taken = {name for (name,) in conn.execute("SELECT username FROM staff_member")}
        conn.execute("UPDATE staff_member SET username = ? WHERE id = ?",
                     (desk_username(username, holder[1], taken), holder[0]))


def _index_visitor(conn: sqlite3.Connection, visitor_id: str) -> None:
    """The visitor's search words, made again; an erased visitor has none (as at the desk that
    erased them: services.privacy.rights)."""
    first, last, last_visit, erased = conn.execute(
        "SELECT first_name, last_name, last_visit_at, anonymised_at FROM visitor WHERE id = ?",
        (visitor_id,)).fetchone()
    conn.execute("DELETE FROM visitor_search_term WHERE visitor_id = ?", (visitor_id,))
    if erased:
        return
    conn.executemany("INSERT INTO visitor_search_term (term, last_visit_at, visitor_id) VALUES (?, ?, ?)",
                     [(term, last_visit or "", visitor_id) for term in index_terms(first or "", last or "")])
