"""One sync run: handshake, push, pull, verify (DESIGN, "Sync, in one paragraph").

- Handshake: the hub names the desk its token belongs to (it must be this desk), accepts or
  refuses this database version, and gives its time: a clock more than 2 minutes off is reported,
  more than an hour off stops the run before anything is sent (stamps from a wrong clock would win
  or lose every merge). It also presents the desk's number series (its epoch) to the hub: one the
  hub saw used by another database of this desk (a restore) is refused, and the desk moves to a
  new series from the hub before anything is pushed (services.sync.epochs).
- Keys: this desk's badge keys handed over, the site's ring taken back (services.sync.keys).
- Push: the outbox in batches, oldest first, under the desk's epoch (its series prefix, new after
  each restore); each answer settles its operation, a rejected one is kept aside for a person.
- Pull: pages after the stored watermark, each applied with its new watermark in one transaction.
- Verify: each synced table's checksum (rows and a sum of hashes of ids and stamps, kept as rows
  change: domain.checksum, sync.checksums, hub.checksums) here and at the hub. A table that
  differs is fetched again from the start of the hub's log (that table only, the watermark
  untouched) and summed from scratch once; one that still differs is reported.
A broken connection at any step only means the next run sends and fetches again.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from sqlalchemy import text

from frontdesk.db.engine import Database
from frontdesk.db.migrate import HEAD
from frontdesk.db.models import synced_models
from frontdesk.domain.checksum import Checksum
from frontdesk.domain.errors import PermissionDenied, SyncError
from frontdesk.domain.roles import Actor
from frontdesk.i18n import _, format_number, ngettext
from frontdesk.services.desk.numbering import series_prefix
from frontdesk.services.desk.setup import is_demo
from frontdesk.services.registry.duplicates import duplicate_keys
from frontdesk.services.sync.epochs import current_epoch, take_new_series
from frontdesk.services.sync.keys import exchange_keys
from frontdesk.sync import outbox
from frontdesk.sync.apply import apply_page, read_cursor
from frontdesk.sync.checksums import recompute, table_sums
from frontdesk.sync.client import HubClient, SeriesAlreadyUsed

WARN_SKEW = dt.timedelta(minutes=2)
MAX_SKEW = dt.timedelta(hours=1)
CATCH_UP = 2  # pulls of what was committed meanwhile before a table is fetched again (_verify)


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    applied: int = 0  # of the pushed: applied at the hub
    superseded: int = 0  # of the pushed: already outranked there
    rejected: int = 0  # of the pushed: refused, kept aside at this desk
    pulled: int = 0  # rows received
    changed: int = 0  # rows they changed here
    waiting: int = 0  # still in the outbox after the run
    warnings: tuple[str, ...] = ()
    differences: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: rows (here, at the hub)
    refetched: tuple[str, ...] = ()  # tables that differed, were fetched again and now match
    new_duplicates: int = 0  # groups of likely duplicates that were not there before the run

    def summary(self) -> str:
        return _("Sync done. Changes sent: {pushed} (applied: {applied}, already outranked: {superseded}, "
                 "refused: {rejected}); received: {pulled} (changed here: {changed}).").format(
            pushed=format_number(self.pushed), applied=format_number(self.applied),
            superseded=format_number(self.superseded), rejected=format_number(self.rejected),
            pulled=format_number(self.pulled), changed=format_number(self.changed))

    def notes(self) -> list[str]:
        """What a person should look at: clock warnings, refused changes, tables that differ."""
        lines = list(self.warnings)
        if self.rejected:
            lines.append(ngettext("{count} change was refused by the hub and is kept at this desk for a person to "
                                  "review.",
                                  "{count} changes were refused by the hub and are kept at this desk for a person "
                                  "to review.", self.rejected).format(count=format_number(self.rejected)))
        if self.new_duplicates:
            lines.append(ngettext(
                "This sync brought {count} new group of likely duplicates (the same VAT number, or the same person, "
                "entered at two desks): see Companies and visitors, Likely duplicates.",
                "This sync brought {count} new groups of likely duplicates (the same VAT number, or the same person, "
                "entered at two desks): see Companies and visitors, Likely duplicates.",
                self.new_duplicates).format(count=format_number(self.new_duplicates)))
        for table in self.refetched:
            lines.append(_("The table {table} differed from the hub's: it was fetched again and now "
                           "matches.").format(table=table))
        for table, (here, there) in sorted(self.differences.items()):
            if here != there:
                lines.append(_("The table {table} has {here} rows here and {there} at the hub, even after fetching "
                               "it again. Sync again later; if it stays so, tell the hub's administrator.").format(
                    table=table, here=format_number(here), there=format_number(there)))
            else:
                lines.append(_("The rows of table {table} differ from the hub's, even after fetching them again. "
                               "Sync again later; if it stays so, tell the hub's administrator.").format(table=table))
        return lines


@dataclass(frozen=True)
class Verified:
    differences: dict[str, tuple[int, int]] = field(default_factory=dict)
    refetched: tuple[str, ...] = ()
    pulled: int = 0  # rows fetched again
    changed: int = 0  # rows that changed here


def run_sync(db: Database, *, hub_url: str, token: str, actor: Actor, ca_file: str | None = None,
             batch: int = 2500, page: int = 2000, client: HubClient | None = None) -> SyncReport:
    """One run against the hub at `hub_url`. Raises SyncError (nothing half-done: what was not
    settled is sent again next time)."""
    if not isinstance(actor, Actor):
        raise PermissionDenied(_("Your role does not allow this action."))
    hub = client or HubClient(hub_url, token, ca_file=ca_file)
    try:
        warnings = _handshake(db, hub)
        warnings += exchange_keys(db, hub=hub)
        with db.read() as session:
            epoch = series_prefix(session)
        duplicates = duplicate_keys(db)
        counts = _push(db, hub, epoch=epoch, batch=batch)
        pulled, changed = _pull(db, hub, page=page)
        verified = _verify(db, hub, page=page)
        new_duplicates = len(duplicate_keys(db) - duplicates)
    finally:
        if client is None:
            hub.close()
    _remember(db, "last_good_sync", dt.datetime.now(dt.UTC).isoformat())
    return SyncReport(pushed=sum(counts.values()), applied=counts["applied"], superseded=counts["superseded"],
                      rejected=counts["rejected"], pulled=pulled + verified.pulled, changed=changed + verified.changed,
                      waiting=outbox.waiting(db), warnings=tuple(warnings), differences=verified.differences,
                      refetched=verified.refetched, new_duplicates=new_duplicates)


def _handshake(db: Database, hub: HubClient) -> list[str]:
    try:
        return _greet(db, hub)
    except SeriesAlreadyUsed as refused:
        notes = take_new_series(db, hub=hub, refused=refused.series)
        return notes + _greet(db, hub)


def _greet(db: Database, hub: HubClient) -> list[str]:
    epoch = current_epoch(db)
    sent = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    answer = hub.handshake(schema_version=HEAD, desk_time=now.isoformat(), is_demo=is_demo(db),
                           epoch=epoch.prefix, epoch_id=epoch.epoch_id, used=sorted(epoch.used))
    half_trip = dt.timedelta(seconds=(time.monotonic() - sent) / 2)
    if answer.get("desk") != db.desk:
        raise SyncError(_("The hub knows this token as desk {hub_desk}, but this is desk {desk}. Use the token "
                          "made for this desk; nothing was changed.").format(hub_desk=answer.get("desk"),
                                                                              desk=db.desk))
    hub_time = dt.datetime.fromisoformat(answer["hub_time"])
    skew = abs(hub_time - (now + half_trip))
    minutes = round(skew.total_seconds() / 60)
    if skew > MAX_SKEW:
        raise SyncError(_("This PC's clock is {minutes} minutes away from the hub's. Fix the date and time of "
                          "this PC (Windows or system settings), then sync again; nothing was changed.").format(
            minutes=minutes))
    if skew > WARN_SKEW:
        return [_("This PC's clock is {minutes} minutes away from the hub's: set the date and time of this PC "
                  "right.").format(minutes=minutes)]
    return []


def _push(db: Database, hub: HubClient, *, epoch: str, batch: int) -> dict[str, int]:
    counts = {"applied": 0, "superseded": 0, "rejected": 0}
    while ops := outbox.pending(db, limit=batch):
        results = hub.push(schema_version=HEAD, epoch=epoch, ops=[op.as_json() for op in ops])
        answered = {int(r["seq"]) for r in results}
        if not answered >= {op.seq for op in ops}:
            raise SyncError(_("The sync hub's answer could not be read. Check the hub's address."))
        outbox.settle(db, epoch=epoch, ops=ops, results=results)
        for result in results:
            counts[str(result["outcome"])] += 1
    return counts


def _pull(db: Database, hub: HubClient, *, page: int, table: str | None = None) -> tuple[int, int]:
    """Pages after the watermark, each stored with its page; with `table`, that table's rows from
    the start of the log, the watermark left as it is."""
    cursor = read_cursor(db) if table is None else {"txid": 0, "tbl": "", "row_id": ""}
    pulled = changed = 0
    while True:
        answer = hub.pull(cursor=cursor, limit=page, table=table)
        rows = answer["rows"]
        if not rows:
            return pulled, changed
        cursor = answer["cursor"]
        changed += apply_page(db, rows=rows, cursor=cursor if table is None else None)
        pulled += len(rows)
        if not answer["more"]:
            return pulled, changed


def _verify(db: Database, hub: HubClient, *, page: int) -> Verified:
    """Compare each table's checksum with the hub's; fetch again the tables that still differ.

    The hub's checksums count what its pulls can deliver (hub.checksums), but a desk pushing
    between our pull and the reading of them makes a table differ for a moment: before fetching a
    whole table again, the pages committed meanwhile are pulled and the checksums read again. A
    table the hub names pending (changes committed but not pullable yet: a long transaction runs
    there) gets no verdict in this run; the next run verifies it."""
    pulled = changed = 0
    pending: frozenset[str] = frozenset()

    def differing(tables: list[str]) -> dict[str, tuple[int, int]]:
        nonlocal pulled, changed, pending
        for attempt in range(CATCH_UP + 1):
            if attempt:
                time.sleep(0.5 * attempt if pending else 0)
                rows, moved = _pull(db, hub, page=page)
                pulled, changed = pulled + rows, changed + moved
            (at_hub, pending), here = hub.checksums(), table_sums(db)
            found = {t: (here.get(t, Checksum()).rows, at_hub.get(t, Checksum()).rows) for t in tables
                     if t not in pending and here.get(t, Checksum()) != at_hub.get(t, Checksum())}
            if not found and not pending & set(tables):
                break
        return found

    before = differing([model.__tablename__ for model in synced_models()])
    for table in before:
        rows, moved = _pull(db, hub, page=page, table=table)
        recompute(db, table=table)
        pulled, changed = pulled + rows, changed + moved
    still = differing(list(before)) if before else {}
    return Verified(still, tuple(t for t in before if t not in still and t not in pending), pulled, changed)


def _remember(db: Database, key: str, value: str) -> None:
    with db.begin() as session:
        session.execute(text("INSERT OR REPLACE INTO sync_state (key, value, number) VALUES (:k, :v, 0)"),
                        {"k": key, "v": value})
