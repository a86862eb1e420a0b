"""What start-up loads before the first screen shows its data, each in a fresh interpreter.

The start-up figure (bench/figures_startup.py) depends on keeping work off that path: PySide6's
per-import source scan lifted (ui.pyside_imports), no ORM mapper configuration (the first
screen's reads are Core statements), no PDF libraries (reportlab, qrcode, PIL) and no Babel
formatting (messages use the standard library's gettext). These tests fail
if a change brings any of them back; `warm_up` then does the deferred work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from frontdesk.ui.process import ProcessPolicies
    policies = ProcessPolicies().install()  # as the app starts (cli.gui)
    from PySide6.QtWidgets import QApplication
    from frontdesk.ui.shell.app import open_desk_context
    from frontdesk.ui.reception.reception_choices import load_choices
    from frontdesk.ui.reception.reception_view import ReceptionView
    from frontdesk.db.models import Visit
    import shibokensupport.feature as feature

    app = QApplication([])
    context = open_desk_context(Path(sys.argv[1]))
    view = ReceptionView(context)
    choices = load_choices(context.db)
    state = {
        "scan_lifted": feature._mod_uses_pyside.__module__ == "frontdesk.ui.pyside_imports",
        "mapped": Visit.__mapper__.configured,
        "deferred_modules": sorted(m for m in ("reportlab", "qrcode", "PIL", "babel", "stdnum") if m in sys.modules),
        "services": len(choices.services),
        "admin": context.actor.name,
    }
    if sys.argv[2] == "warm":
        from frontdesk.services.desk.setup import warm_up
        warm_up()
        state["mapped_after"] = Visit.__mapper__.configured
        state["deferred_after"] = sorted(m for m in ("reportlab", "qrcode", "babel.dates") if m in sys.modules)
    view.close()
    context.db.dispose()
    print(json.dumps(state))
""")


def probe(db_path, mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(db_path), mode], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_screen_loads_without_the_orm_mappers_or_pdf_libraries(db_path):
    state = probe(db_path, "cold")
    assert state["services"] == 7 and state["admin"]  # the data really was read
    assert state["scan_lifted"]
    assert not state["mapped"]
    assert state["deferred_modules"] == []


def test_warm_up_does_the_deferred_work(db_path):
    state = probe(db_path, "warm")
    assert not state["mapped"]
    assert state["mapped_after"]
    assert state["deferred_after"] == ["babel.dates", "qrcode", "reportlab"]
