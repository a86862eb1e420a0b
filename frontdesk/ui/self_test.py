"""`frontdesk self-test`: checks that this installation works end to end, without touching the
desk's own data: a scratch database is created and migrated, a visitor is checked in, the badge
PDF is drawn, rendered with QtPdf and its QR decoded with zxing-cpp, and the token is scanned
back to check the visit out. Prints one line per step; exit status 0 when all pass."""

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
        from frontdesk.services.setup import first_admin_actor, init_desk, open_desk

        init_desk(work / "selftest.sqlite", desk="T1")
        state["db"] = open_desk(work / "selftest.sqlite")
        state["actor"] = first_admin_actor(state["db"])
        return "scratch database created and migrated"

    def check_in(state: dict) -> str:
        from frontdesk.services.visitors import VisitorInput
        from frontdesk.services.visits import check_in_new_visitor

        result = check_in_new_visitor(state["db"], visitor=VisitorInput(first_name="Nicolò", last_name="Prova"),
                                      service_code="meeting", host_id=None, privacy_notice_shown=True,
                                      actor=state["actor"])
        state["badge"] = result.badge.data
        return f"check-in recorded, badge {result.badge.data.number}"

    def badge_pdf(state: dict) -> str:
        from frontdesk.documents.badge import render_badge

        state["pdf"] = render_badge(state["badge"])
        return f"badge PDF drawn ({len(state['pdf'])} bytes)"

    def decode(state: dict) -> str:
        from frontdesk.ui.pdf_render import decode_qr, render_page

        texts = decode_qr(render_page(state["pdf"], dpi=300))
        if texts != [state["badge"].token]:
            raise RuntimeError(f"QR decoded as {texts!r}")
        return "badge rendered with QtPdf and its QR decoded"

    def scan(state: dict) -> str:
        from frontdesk.services.scans import scan_badge

        later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
        result = scan_badge(state["db"], text=state["badge"].token, actor=state["actor"], now=later)
        if result.action != "checked_out":
            raise RuntimeError(result.action)
        return "badge scanned back: visit checked out"

    def resources(state: dict) -> str:  # every file the app needs (fonts, translations, migrations, ...)
        from frontdesk.ui.self_test_resources import check_resources_step

        return check_resources_step()

    return [("database", database), ("check-in", check_in), ("badge", badge_pdf), ("qr", decode), ("scan", scan),
            ("resources", resources)]


def run_self_test() -> int:
    from PySide6.QtGui import QGuiApplication

    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    failures = 0
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
