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


def _steps(work: Path) -> list[tuple[str, Callable[[dict], str]]]:
    def database(state: dict) -> str:
        from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk

        init_desk(work / "selftest.sqlite", desk="T1")
        state["db"] = open_desk(work / "selftest.sqlite")
        state["actor"] = first_admin_actor(state["db"])
        return "scratch database created and migrated"

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
        return f"check-in recorded, badge {result.badge.data.number}"

    def badge_pdf(state: dict) -> str:
        from frontdesk.documents.reception.badge import render_badge

        state["pdf"] = render_badge(state["badge"])
        return f"badge PDF drawn ({len(state['pdf'])} bytes)"

    def decode(state: dict) -> str:
        from frontdesk.ui.pdf_render import decode_qr, render_page

        texts = decode_qr(render_page(state["pdf"], dpi=300))
        if texts != [state["badge"].token]:
            raise RuntimeError(f"QR decoded as {texts!r}")
        return "badge rendered with QtPdf and its QR decoded"

    def scan(state: dict) -> str:
        from frontdesk.services.reception.scans import scan_badge

        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        result = scan_badge(state["db"], text=state["badge"].token, actor=state["actor"], now=later)
        if result.action != "checked_out":
            raise RuntimeError(result.action)
        return "badge scanned back: visit checked out"

    def resources(state: dict) -> str:  # every file the app needs (fonts, translations, migrations, ...)
        from frontdesk.ui.desk.self_test_resources import check_resources_step

        return check_resources_step()

    return [("database", database), ("check-in", check_in), ("badge", badge_pdf), ("qr", decode), ("scan", scan),
            ("resources", resources)]


def _check_desk(db_path: Path, named: bool) -> bool:
    """The desk's own database, read-only (before the scratch steps change FRONTDESK_HOME). True when sound."""
    from frontdesk.domain.errors import FrontdeskError
    from frontdesk.services.desk.desk_check import check_desk_database

    start = time.perf_counter()
    if not named and not db_path.exists():
        print(f"--   desk database: none at {db_path} yet, so not checked")
        return True
    try:
        found = check_desk_database(db_path)
    except FrontdeskError as exc:
        print(f"FAIL desk database {db_path}: {exc.message}")
        return False
    schema = "current" if found.current else "older, upgraded when the app next opens it"
    keys = f"{found.badge_keys} badge key(s)" if found.badge_keys else "no badge key yet"
    print(f"ok   desk database: {db_path} passes its integrity check; schema {found.revision} ({schema}), "
          f"desk {found.desk}, {keys} ({(time.perf_counter() - start) * 1000:.0f} ms)")
    return True


def run_self_test(db_path: Path | str | None = None, *, named: bool = False, policies=None) -> int:
    """Run the checks; `db_path` is the desk's database (checked read-only), `named` when the user
    chose it (--db or FRONTDESK_DB), so that a missing file is a failure rather than a fresh install.
    `policies` (ui.process.ProcessPolicies), installed by the caller, collect on this thread."""
    from PySide6.QtGui import QGuiApplication

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
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
                    print(f"FAIL {name}: {exc}")
                    break
                print(f"ok   {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)")
        finally:
            if "db" in state:
                state["db"].dispose()
            if saved_home is None:
                os.environ.pop("FRONTDESK_HOME", None)
            else:
                os.environ["FRONTDESK_HOME"] = saved_home
    del app
    print("self-test passed" if failures == 0 else "self-test FAILED")
    return 0 if failures == 0 else 1
