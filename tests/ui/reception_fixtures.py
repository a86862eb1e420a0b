"""A desk for the Reception and On-site screen tests: a real SQLite file with companies, hosts,
returning visitors (each with an earlier visit), an expected visitor, and helpers to drive the
screens. Imported by the tests in this folder (pytest puts the folder on sys.path)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from frontdesk.config import data_dir
from frontdesk.db.models import Visit
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.visits import check_in, check_out, on_site
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import error_display, wait_for_idle


@dataclass
class Desk:
    db: object
    actor: object
    context: DeskContext
    companies: dict
    hosts: dict
    visitors: dict


@pytest.fixture
def desk(tmp_path, qapp, process_policies):
    """Acciaierie Bergamasche with Mario Rossi and Paolo Rossetti (returning), Forno Bianchi with
    Anna Rossini (expected today), two hosts."""
    set_language("en")
    path = tmp_path / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    set_language("en")  # open_desk chose the desk's language; the tests read English messages
    actor = first_admin_actor(db)
    acme = create_company(db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157",
                                                city="Dalmine"), actor=actor)
    forno = create_company(db, data=CompanyInput(name="Forno Bianchi", kind="foreign"), actor=actor)
    rota = create_host(db, name="Dott.ssa Rota", organisation="Point", actor=actor)
    villa = create_host(db, name="Ing. Villa", organisation="Laboratorio prove", actor=actor)
    mario = create_visitor(db, data=VisitorInput("Mario", "Rossi", acme.id), actor=actor,
                           privacy_notice_version="2026-01")
    paolo = create_visitor(db, data=VisitorInput("Paolo", "Rossetti", acme.id), actor=actor,
                           privacy_notice_version="2026-01")
    anna = create_visitor(db, data=VisitorInput("Anna", "Rossini", forno.id), actor=actor,
                          privacy_notice_version="2026-01")
    for person, code, host in ((mario, "materials_testing", villa), (paolo, "trademarks_patents", rota)):
        visit = check_in(db, visitor_id=person.id, service_code=code, host_id=host.id, actor=actor).visit
        check_out(db, visit_id=visit.id, actor=actor)
    # Their earlier visits were yesterday: nothing of today's double-scan window applies to them.
    backdate(db, lambda v: v.status == "out", dt.timedelta(days=1))
    register_visit(db, visitor_id=anna.id, service_code="training", host_id=rota.id, day_from=today_in_rome(),
                   actor=actor)
    context = DeskContext(db=db, actor=actor, desk="R1", is_demo=False, language="en",
                          duties=process_policies.open_desk(db))
    yield Desk(db, actor, context, {"acme": acme, "forno": forno}, {"rota": rota, "villa": villa},
               {"mario": mario, "paolo": paolo, "anna": anna})
    process_policies.close_desk(db)
    wait_for_idle(5000)
    db.dispose()
    set_language("it")


def backdate(db, which, by: dt.timedelta) -> None:
    """Move the check-in/out times of the visits `which(visit)` selects back by `by` (tests only)."""
    with db.begin() as session:
        for visit in session.scalars(select(Visit)):
            if which(visit):
                values = {}
                if visit.checked_in_at is not None:
                    values["checked_in_at"] = visit.checked_in_at - by
                if visit.checked_out_at is not None:
                    values["checked_out_at"] = visit.checked_out_at - by
                session.execute(update(Visit).where(Visit.id == visit.id).values(**values))


def names_on_site(db) -> list[str]:
    return [v.visitor_name for v in on_site(db)]


def badge_pdfs() -> list[Path]:
    folder = data_dir() / "documents" / "badge"
    return sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime) if folder.exists() else []


def wait_for_badge_pdfs(qtbot, count: int) -> list[Path]:
    """The saved badge PDFs once there are `count` of them, completely written (their task is done)."""
    qtbot.waitUntil(lambda: len(badge_pdfs()) >= count, timeout=10000)
    assert wait_for_idle(10000)
    return badge_pdfs()


class ShownErrors(list):
    """Messages that reached the one error display."""


@pytest.fixture
def shown_errors():
    messages = ShownErrors()
    error_display().error_shown.connect(messages.append)
    yield messages
    error_display().error_shown.disconnect(messages.append)


class Keyboard:
    """Presses keys where the focus is, as a person would, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for ch in text:
            self.qtbot.keyClick(self.focus(), ch)
            self.count += 1

    def press(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.focus(), key)
        self.count += 1

    def type_fast(self, text: str) -> None:
        """A scanner: the whole text then Enter, at once (not counted: the reader types it)."""
        self.qtbot.keyClicks(self.focus(), text)
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)


def type_unicode(widget, text: str) -> None:
    """Type text that may be non-ASCII (keyClicks aborts on it)."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch))


def now_minus(seconds: float) -> dt.datetime:
    return utcnow() - dt.timedelta(seconds=seconds)
