"""`frontdesk self-test`: checks that this installation works end to end, without touching the
desk's own data: a scratch database is created and migrated, a visitor is checked in, the badge
PDF is drawn, rendered with QtPdf and its QR decoded with zxing-cpp, and the token is scanned
back to check the visit out (the visitor's name is in Latin, Chinese and Arabic letters, so the
fallback fonts and the shaping library are needed too). Prints one line per step; exit status 0 when all pass.

Before that it checks the desk's own database (the one `--db` or FRONTDESK_DB names, else the
default one), read-only: integrity, schema version, desk code and badge key ring. A default
database that does not exist yet is reported as not checked; a named one that is missing fails."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def _ms(start: float) -> str:
    from frontdesk.i18n import format_number

    return translate("SelfTest", "%1 ms").replace("%1", format_number(round((time.perf_counter() - start) * 1000)))


def _status(word: str) -> str:
    """The status column ("ok", "FAIL", "--" in English), as wide as its longest word."""
    words = (translate("SelfTest", "ok"), translate("SelfTest", "FAIL"), "--")
    return word.ljust(max(len(w) for w in words) + 1)


def _ok() -> str:
    return _status(translate("SelfTest", "ok"))


def _fail() -> str:
    return _status(translate("SelfTest", "FAIL"))


def _steps(work: Path) -> list[tuple[str, Callable[[dict], str]]]:
    def database(state: dict) -> str:
        from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk

        init_desk(work / "selftest.sqlite", desk="T1")
        state["db"] = open_desk(work / "selftest.sqlite")
        state["actor"] = first_admin_actor(state["db"])
        return translate("SelfTest", "scratch database created and migrated")

    def check_in(state: dict) -> str:
        from frontdesk.services.reception.visits import check_in_new_visitor
        from frontdesk.services.registry.visitors import VisitorInput

        # A name in three scripts: the badge then needs the fallback fonts and HarfBuzz shaping,
        # so a bundle that lacks them fails here rather than at the first such visitor.
        visitor = VisitorInput(first_name="Nicolò", last_name="Prova 王小明 محمد")
        result = check_in_new_visitor(state["db"], visitor=visitor,
                                      service_code="meeting", host_id=None, privacy_notice_shown=True,
                                      actor=state["actor"])
        state["badge"] = result.badge.data
        return translate("SelfTest", "check-in recorded, badge %1").replace("%1", result.badge.data.number)

    def badge_pdf(state: dict) -> str:
        from frontdesk.documents.reception.badge import render_badge
        from frontdesk.i18n import format_size

        state["pdf"] = render_badge(state["badge"])
        return translate("SelfTest", "badge PDF drawn (%1)").replace("%1", format_size(len(state["pdf"])))

    def decode(state: dict) -> str:
        from frontdesk.ui.pdf_render import decode_qr, render_page

        texts = decode_qr(render_page(state["pdf"], dpi=300))
        if texts != [state["badge"].token]:
            raise RuntimeError(translate("SelfTest", "the QR was decoded as %1").replace("%1", repr(texts)))
        return translate("SelfTest", "badge rendered with QtPdf and its QR decoded")

    def scan(state: dict) -> str:
        from frontdesk.services.reception.scans import scan_badge

        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        result = scan_badge(state["db"], text=state["badge"].token, actor=state["actor"], now=later)
        if result.action != "checked_out":
            raise RuntimeError(translate("SelfTest", "the scan did not check the visit out (%1)").replace(
                "%1", result.action))
        return translate("SelfTest", "badge scanned back: visit checked out")

    def resources(state: dict) -> str:  # every file the app needs (fonts, translations, migrations, ...)
        from frontdesk.ui.desk.self_test_resources import check_resources_step

        return check_resources_step()

    return [(translate("SelfTest", "database"), database), (translate("SelfTest", "check-in"), check_in),
            (translate("SelfTest", "badge"), badge_pdf), (translate("SelfTest", "QR code"), decode),
            (translate("SelfTest", "scan"), scan), (translate("SelfTest", "resources"), resources)]


def _check_desk(db_path: Path, named: bool) -> bool:
    """The desk's own database, read-only (before the scratch steps change FRONTDESK_HOME). True when sound."""
    from frontdesk.domain.errors import FrontdeskError
    from frontdesk.services.desk.desk_check import check_desk_database

    start = time.perf_counter()
    if not named and not db_path.exists():
        line = translate("SelfTest",
                         "desk database: none at %1 yet, so not checked (to make one: frontdesk init --desk CODE)")
        print(_status("--") + line.replace("%1", str(db_path)))
        return True
    try:
        found = check_desk_database(db_path)
    except FrontdeskError as exc:
        print(_fail() + translate("SelfTest", "desk database %1: %2").replace("%1", str(db_path))
              .replace("%2", exc.message))
        return False
    schema = (translate("SelfTest", "current") if found.current
              else translate("SelfTest", "older, upgraded when the app next opens it"))
    keys = (QCoreApplication.translate("SelfTest", "%n badge key(s)", "", found.badge_keys) if found.badge_keys
            else translate("SelfTest", "no badge key yet"))
    print(_ok() + translate("SelfTest", "desk database: %1 passes its integrity check; schema %2 (%3), desk %4, %5")
          .replace("%1", str(db_path)).replace("%2", found.revision).replace("%3", schema)
          .replace("%4", found.desk).replace("%5", keys) + f" ({_ms(start)})")
    return True


def run_self_test(db_path: Path | str | None = None, *, named: bool = False, policies=None) -> int:
    """Run the checks; `db_path` is the desk's database (checked read-only), `named` when the user
    chose it (--db or FRONTDESK_DB), so that a missing file is a failure rather than a fresh install.
    `policies` (ui.process.ProcessPolicies), installed by the caller, collect on this thread."""
    from PySide6.QtGui import QGuiApplication

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from frontdesk.i18n import language
    from frontdesk.ui.i18n_qt import install_translators

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    install_translators(language())
    if policies is not None:
        policies.garbage.release(freeze=False)
        policies.start()
    failures = 0
    if db_path is not None and not _check_desk(Path(db_path), named):
        failures += 1
    with tempfile.TemporaryDirectory(prefix="frontdesk-selftest-") as tmp:
        saved_home = os.environ.get("FRONTDESK_HOME")
        os.environ["FRONTDESK_HOME"] = tmp  # scratch keys and files: the desk's own are untouched
        state: dict = {}
        try:
            for name, step in _steps(Path(tmp)):
                start = time.perf_counter()
                try:
                    detail = step(state)
                except Exception as exc:  # a self-test reports every failure and goes on
                    failures += 1
                    print(f"{_fail()}{name}: {getattr(exc, 'message', None) or exc}")
                    break
                print(f"{_ok()}{name}: {detail} ({_ms(start)})")
        finally:
            if "db" in state:
                state["db"].dispose()
            if saved_home is None:
                os.environ.pop("FRONTDESK_HOME", None)
            else:
                os.environ["FRONTDESK_HOME"] = saved_home
    del app
    print(translate("SelfTest", "self-test passed") if failures == 0 else translate("SelfTest", "self-test FAILED"))
    return 0 if failures == 0 else 1
