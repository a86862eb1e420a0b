"""The evacuation list: who is on site now, as a PDF to print and as a copy kept in a folder
(a network share, a synced folder) that is rewritten every time the list changes, because the
PC or the printer may be down when the alarm rings. The copy's file name holds no personal data.

Unlike the desk's own files (private, see frontdesk.private_files), the copy is meant to be read
by the emergency team: it gets the permissions its folder gives any new file (the umask, an
inherited ACL), never the private 0600 of a temp file.

The list also names who is working at a lab machine now (services.lab.queue.at_machines_now:
tests in progress, paused ones marked), so the roll call counts the technicians too."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from frontdesk.documents.reception.evacuation_list import (
    EvacuationEntry,
    EvacuationList,
    LabWorker,
    render_evacuation_list,
)
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import StorageProblem
from frontdesk.i18n import _
from frontdesk.services.desk.settings import get_settings
from frontdesk.services.lab.queue import at_machines_now
from frontdesk.services.reception.visits import on_site

COPY_NAME = "evacuazione-presenti.pdf"


def evacuation_pdf(db) -> bytes:
    people = on_site(db)
    data = EvacuationList(
        point_name=get_settings(db).point_name,
        printed_at=utcnow(),
        entries=tuple(EvacuationEntry(p.surname_first, p.company_name, p.host_name, p.checked_in_at)
                      for p in people),
        at_machines=tuple(LabWorker(w.technician_name, f"{w.machine_code} {w.machine_name}".strip(), w.room,
                                    w.started_at, w.paused) for w in at_machines_now(db)),
    )
    return render_evacuation_list(data)


def write_evacuation_copy(db) -> Path | None:
    """Rewrite the copy in the folder set in Settings (atomically). None when no folder is set."""
    folder = get_settings(db).evacuation_folder
    if not folder:
        return None
    target_dir = Path(folder)
    if not target_dir.is_dir():
        raise StorageProblem(_("The evacuation-list folder {folder} is not reachable.").format(folder=folder))
    pdf = evacuation_pdf(db)
    target = target_dir / COPY_NAME
    try:
        fd, tmp = _new_file_like(target)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StorageProblem(_("The evacuation list could not be written to {folder}: {reason}").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    return target


def _new_file_like(target: Path) -> tuple[int, Path]:
    """A new temp file beside `target` created as any file in that folder is (0666 through the
    umask and the folder's default ACL; `tempfile.mkstemp` would make it 0600)."""
    while True:
        tmp = target.with_name(f".evac-{secrets.token_hex(6)}.pdf")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue
