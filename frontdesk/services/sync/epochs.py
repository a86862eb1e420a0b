"""The desk's number series as the hub sees them: epochs (issue 12, point 3).

A desk pushes under its current series prefix (its epoch: R1, then R1-B after a restore...), and
the database that uses a series holds a random `epoch_id` for it (a per-desk flag, never sent as
data), drawn when a restore starts the series (or, for a desk set up before epochs, at its first
sync). The hub registers both at every handshake (hub.epochs).

- A restore asks the hub for the new series when the hub answers (`series_from_hub`): the hub has
  seen every series the desk used, including those a lost ledger forgot. When it does not answer
  (or no hub is set), the restore picks on this PC as before and says so in a note.
- The next handshake then settles it: a series the hub saw under another database is refused
  before anything is pushed, and `take_new_series` moves the desk to the series the hub gives.
  Badges this database numbered in the refused series since the restore (offline, before the hub
  could say) were never pushed (no push passes a refused handshake): they take numbers of the new
  series as if issued so, their queued operations with them, and the person is told which to
  reprint. Their old numbers may have been printed at this desk before the restore too. The lab's
  samples and requests numbered so take new lab IDs and numbers the same way (their lab IDs would
  otherwise collide with those the desk issued before the restore: UNIQUE at every desk).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from frontdesk.db.engine import Database
from frontdesk.domain import series
from frontdesk.domain.errors import StorageProblem, SyncError
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.receipts.receipt import receipt_number
from frontdesk.i18n import _, format_number, ngettext
from frontdesk.services.desk import series_ledger
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import continue_under, next_counter, next_number, series_prefix, used_prefixes
from frontdesk.services.desk.settings import read_flag, write_setting
from frontdesk.sync.client import HubClient

logger = logging.getLogger(__name__)

EPOCH_ID_KEY = "epoch_id"
MAX_LISTED = 10  # renumbered badges named in a note
RESTORE_TIMEOUT = 10.0  # seconds: a restore does not wait long for a hub that is down


@dataclass(frozen=True)
class Epoch:
    prefix: str  # the series numbers are issued under, pushed as the epoch
    epoch_id: str  # the random id of this database's use of it
    used: frozenset[str]  # every series this database has used


@dataclass(frozen=True)
class HubSeries:
    prefix: str | None  # the series the hub gave; None when it could not be asked
    note: str = ""  # why not, for the person restoring


def new_epoch_id() -> str:
    return uuid.uuid4().hex


def start_series(session: Session, *, prefix: str, epoch_id: str) -> None:
    """Issue every number under `prefix` from now on, as the database `epoch_id`."""
    continue_under(session, prefix)
    write_setting(session, EPOCH_ID_KEY, epoch_id)


def current_epoch(db: Database) -> Epoch:
    """The desk's series, its id (drawn now for a desk that has none yet) and the series it used."""
    with db.read() as session:
        epoch_id = read_flag(session, EPOCH_ID_KEY)
    if not epoch_id:
        with db.begin() as session:
            epoch_id = read_flag(session, EPOCH_ID_KEY) or new_epoch_id()
            write_setting(session, EPOCH_ID_KEY, epoch_id)
    with db.read() as session:
        return Epoch(series_prefix(session), str(epoch_id), frozenset(_own(db.desk, used_prefixes(session))))


def series_from_hub(*, desk: str, hub_url: str, token_file: str, ca_file: str, used: set[str], epoch_id: str,
                    client: HubClient | None = None) -> HubSeries:
    """The new series for a desk being restored, from its hub; never raises (a restore goes on
    without the hub, picking on this PC)."""
    if not hub_url and client is None:
        return HubSeries(None)  # a desk that does not sync: nothing to ask, nothing to say
    try:
        hub = client or HubClient(hub_url, _token(token_file), ca_file=ca_file or None, timeout=RESTORE_TIMEOUT)
    except SyncError as exc:
        return _could_not_ask(exc.message)
    try:
        prefix = hub.new_series(epoch_id=epoch_id, used=sorted(_own(desk, used)))
    except SyncError as exc:
        return _could_not_ask(exc.message)
    finally:
        if client is None:
            hub.close()
    if not _above(desk, prefix, used):
        return _could_not_ask(f"unexpected series {prefix!r}")
    return HubSeries(prefix)


def take_new_series(db: Database, *, hub: HubClient, refused: str) -> list[str]:
    """After the hub refused the desk's series `refused`: take a new one from the hub, renumber the
    badges issued under the refused one, and say what happened (notes for the person). Raises
    SyncError when the hub cannot give one."""
    with db.read() as session:
        used = _own(db.desk, used_prefixes(session))
    epoch_id = new_epoch_id()
    prefix = hub.new_series(epoch_id=epoch_id, used=sorted(used | {refused}))
    if not _above(db.desk, prefix, used | {refused}):
        raise SyncError(_("The sync hub's answer could not be read. Check the hub's address."))
    with db.begin() as session:
        start_series(session, prefix=prefix, epoch_id=epoch_id)
        renumbered = _renumber_badges(session, refused)
        relabelled, requests = _renumber_lab(session, refused)
        reports = _renumber_reports(session, refused)
        receipts = _renumber_receipts(session, refused)
    _remember_in_ledger(db.path, db.desk, used | {refused, prefix})
    notes = [_("The hub had already seen the number series {old} of this desk, used before this desk was restored "
               "from a backup: new numbers continue in the series {new}.").format(old=refused, new=prefix)]
    if renumbered:
        notes.append(ngettext(
            "{count} badge printed here since the restore had a number already used before it, so it was given "
            "a new number: reprint it ({numbers}).",
            "{count} badges printed here since the restore had numbers already used before it, so they were given "
            "new numbers: reprint them ({numbers}).",
            len(renumbered)).format(count=format_number(len(renumbered)), numbers=_listed(renumbered)))
    if relabelled:
        notes.append(ngettext(
            "{count} sample received here since the restore had a lab ID already used before it, so it was given "
            "a new lab ID: print its label again ({ids}).",
            "{count} samples received here since the restore had lab IDs already used before it, so they were given "
            "new lab IDs: print their labels again ({ids}).",
            len(relabelled)).format(count=format_number(len(relabelled)), ids=_listed(relabelled)))
    if requests:
        notes.append(ngettext(
            "{count} lab request made here since the restore had a number already used before it, so it was given "
            "a new number ({numbers}).",
            "{count} lab requests made here since the restore had numbers already used before it, so they were "
            "given new numbers ({numbers}).",
            len(requests)).format(count=format_number(len(requests)), numbers=_listed(requests)))
    if reports:
        notes.append(ngettext(
            "{count} test report issued here since the restore had a number already used before it, so it was "
            "given a new number: print it and send it again ({numbers}).",
            "{count} test reports issued here since the restore had numbers already used before it, so they were "
            "given new numbers: print them and send them again ({numbers}).",
            len(reports)).format(count=format_number(len(reports)), numbers=_listed(reports)))
    if receipts:
        notes.append(ngettext(
            "{count} receipt issued here since the restore had a number already used before it, so it was given "
            "a new number: print it again ({numbers}).",
            "{count} receipts issued here since the restore had numbers already used before it, so they were given "
            "new numbers: print them again ({numbers}).",
            len(receipts)).format(count=format_number(len(receipts)), numbers=_listed(receipts)))
    return notes


def _renumber_receipts(session: Session, refused: str) -> list[tuple[str, str]]:
    """As `_renumber_badges`, for the receipts numbered in the refused series: each takes the next
    number of its year's series under the current prefix, in the row and in its queued operations."""
    rows = session.execute(text("SELECT id, number, year FROM receipt WHERE prefix = :p ORDER BY year, counter"),
                           {"p": refused}).all()
    if not rows:
        return []
    changed = []
    session.execute(text("INSERT INTO sync_apply (id) VALUES (1)"))
    for row_id, old, year in rows:
        prefix, counter = next_counter(session, f"receipt-{year}")
        values = {"new": receipt_number(prefix, year, counter), "prefix": prefix, "counter": counter, "id": row_id}
        session.execute(text("UPDATE receipt SET number = :new, prefix = :prefix, counter = :counter WHERE id = :id"),
                        values)
        session.execute(text("UPDATE sync_outbox SET data = json_replace(data, '$.number', :new, '$.prefix', "
                             ":prefix, '$.counter', :counter) WHERE table_name = 'receipt' AND row_id = :id"), values)
        changed.append((old, values["new"]))
    session.execute(text("DELETE FROM sync_apply"))
    return changed


def _renumber_reports(session: Session, refused: str) -> list[tuple[str, str]]:
    """As `_renumber_lab`, for the test reports numbered in the refused series (never pushed: the
    hub refused the series before any push under it): each number, with every revision of it, takes
    a number of the current series, in the row, in what the report says (its stored content, so it
    is drawn again with its new number and fingerprint) and in its queued operations. Returns (old,
    new) per number."""
    from frontdesk.documents.lab.test_report import render_test_report
    from frontdesk.domain.lab.report_content import ReportContent, report_id

    rows = session.execute(text("SELECT id, number, content FROM lab_report WHERE number GLOB :p "
                                "ORDER BY number, revision"), {"p": f"{refused}-[0-9]*"}).all()
    if not rows:
        return []
    session.execute(text("INSERT INTO sync_apply (id) VALUES (1)"))
    renumbered: dict[str, str] = {}
    for row_id, old, stored in rows:
        new = renumbered.get(old) or renumbered.setdefault(old, next_number(session, "lab_report"))
        content = ReportContent.from_json(stored)
        replaced = content.revision_of
        if replaced is not None and replaced.replaces.startswith(old):
            replaced = dataclasses.replace(replaced, replaces=report_id(new, content.revision - 1))
        content = dataclasses.replace(content, number=new, revision_of=replaced)
        text_, sha = content.to_json(), hashlib.sha256(render_test_report(content)).hexdigest()
        values = {"new": new, "content": text_, "sha": sha, "id": row_id}
        session.execute(text("UPDATE lab_report SET number = :new, content = :content, pdf_sha256 = :sha "
                             "WHERE id = :id"), values)
        session.execute(text("UPDATE sync_outbox SET data = json_replace(data, '$.number', :new, '$.content', "
                             ":content, '$.pdf_sha256', :sha) WHERE table_name = 'lab_report' AND row_id = :id"),
                        values)
    session.execute(text("DELETE FROM sync_apply"))
    return list(renumbered.items())


def _renumber_lab(session: Session, refused: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """As `_renumber_badges`, for the lab: samples whose lab ID is in the refused series take IDs of
    the current one (their specimens, "<parent's ID>-<n>", follow their parent) and labels signed
    again for the new ID; lab requests take new numbers. The triggers are held. Returns (old, new)
    of the samples (not the specimens) and of the requests."""
    in_refused = {"p": f"{refused}-[0-9]*"}  # GLOB: the series' own numbers, not a later series' ("R1-B-...")
    samples = session.execute(text("SELECT id, lab_id FROM lab_sample WHERE parent_id IS NULL AND lab_id GLOB :p "
                                   "ORDER BY lab_id"), in_refused).all()
    requests = session.execute(text("SELECT id, number FROM lab_request WHERE number GLOB :p ORDER BY number"),
                               in_refused).all()
    if not samples and not requests:
        return [], []
    session.execute(text("INSERT INTO sync_apply (id) VALUES (1)"))
    relabelled, numbered = [], []
    for row_id, old in samples:
        new = next_number(session, "sample")
        _set_lab_id(session, row_id, new)
        for child_id, child in session.execute(text("SELECT id, lab_id FROM lab_sample WHERE parent_id = :id"),
                                               {"id": row_id}).all():
            _set_lab_id(session, child_id, new + child[len(old):])
        relabelled.append((old, new))
    for row_id, old in requests:
        new = next_number(session, "lab_request")
        session.execute(text("UPDATE lab_request SET number = :new WHERE id = :id"), {"new": new, "id": row_id})
        session.execute(text("UPDATE sync_outbox SET data = json_replace(data, '$.number', :new) "
                             "WHERE table_name = 'lab_request' AND row_id = :id"), {"new": new, "id": row_id})
        numbered.append((old, new))
    session.execute(text("DELETE FROM sync_apply"))
    return relabelled, numbered


def _set_lab_id(session: Session, row_id: str, lab_id: str) -> None:
    """A sample's new lab ID, in the row and its queued operations; a label it had is signed again for it."""
    token = session.execute(text("SELECT label_token FROM lab_sample WHERE id = :id"), {"id": row_id}).scalar_one()
    if token:
        token = _label(row_id, lab_id)
    session.execute(text("UPDATE lab_sample SET lab_id = :new, label_token = :token WHERE id = :id"),
                    {"new": lab_id, "token": token, "id": row_id})
    session.execute(text("UPDATE sync_outbox SET data = json_replace(data, '$.lab_id', :new, '$.label_token', :token) "
                         "WHERE table_name = 'lab_sample' AND row_id = :id"),
                    {"new": lab_id, "token": token, "id": row_id})


def _label(row_id: str, lab_id: str) -> str:
    """The label token for the sample's new lab ID, signed with the site's current key ('' without a
    key ring here: the label is printed again once the keys are back)."""
    try:
        key_id, key = load_keyring().current()
    except StorageProblem:
        return ""
    return sample_tokens.issue(sample_tokens.SampleClaim(uuid.UUID(hex=row_id), lab_id, key_id), key)


def _renumber_badges(session: Session, refused: str) -> list[tuple[str, str]]:
    """Give the badges numbered in `refused` numbers of the current series, and their operations
    still queued the same numbers (the triggers are held: nothing new is queued). Returns (old, new)."""
    rows = session.execute(text("SELECT id, number FROM badge WHERE number LIKE :p ORDER BY number"),
                           {"p": f"{refused}-%"}).all()
    if not rows:
        return []
    changed = []
    session.execute(text("INSERT INTO sync_apply (id) VALUES (1)"))
    for row_id, old in rows:
        new = next_number(session, "badge")
        session.execute(text("UPDATE badge SET number = :new WHERE id = :id"), {"new": new, "id": row_id})
        session.execute(text("UPDATE sync_outbox SET data = json_replace(data, '$.number', :new) "
                             "WHERE table_name = 'badge' AND row_id = :id"), {"new": new, "id": row_id})
        changed.append((old, new))
    session.execute(text("DELETE FROM sync_apply"))
    return changed


def _own(desk: str, prefixes: set[str]) -> set[str]:
    """The desk's own series among `prefixes` (a data folder may hold other desks' copies too)."""
    return {p for p in prefixes if series.generation_of(desk, p) is not None}


def _above(desk: str, prefix: str, used: set[str]) -> bool:
    """True when `prefix` is one of `desk`'s series, above every series in `used`."""
    generation = series.generation_of(desk, prefix)
    known = [g for g in (series.generation_of(desk, p) for p in used) if g is not None]
    return generation is not None and series.is_current_form(desk, prefix) and generation > max(known, default=0)


def _token(path: str) -> str:
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise SyncError(_("The hub token file {path} cannot be read.").format(path=path)) from None


def _could_not_ask(reason: str) -> HubSeries:
    logger.warning("The hub could not be asked for a new number series: %s", reason)
    return HubSeries(None, _("The sync hub could not be reached (it may be down, or this desk's hub settings may be "
                             "wrong), so the new number series was chosen on this PC. The next sync checks it with "
                             "the hub and, if the hub has seen it before, moves to a new one."))


def _remember_in_ledger(db_path: Path, desk: str, prefixes: set[str]) -> None:
    """Add the series to the ledger beside the database (services.desk.series_ledger), so a later
    restore on this PC knows it even without the hub."""
    try:
        series_ledger.record(Path(db_path).parent, desk, prefixes)
    except OSError as exc:
        logger.warning("The series ledger beside %s could not be written: %s", db_path, exc)


def _listed(pairs: list[tuple[str, str]]) -> str:
    """"old -> new" for the first MAX_LISTED renumberings, and how many more there are."""
    shown = ", ".join(f"{old} -> {new}" for old, new in pairs[:MAX_LISTED])
    more = len(pairs) - MAX_LISTED
    return shown + (" " + _("and {count} more").format(count=format_number(more)) if more > 0 else "")
