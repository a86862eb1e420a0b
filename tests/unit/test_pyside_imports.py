"""ui.pyside_imports: PySide6's per-import source scan replaced by a cheap look at the module,
with the same answers and `__feature__` still working (in a fresh interpreter)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import types

from frontdesk.ui.pyside_imports import uses_pyside


def test_modules_holding_pyside_objects_are_pyside_users():
    import PySide6.QtWidgets

    import frontdesk.ui.shell.area_view
    import frontdesk.ui.tasks

    assert uses_pyside(PySide6.QtWidgets)
    assert uses_pyside(frontdesk.ui.tasks) and uses_pyside(frontdesk.ui.shell.area_view)
    plain = types.ModuleType("plain")
    plain.QWidget = PySide6.QtWidgets.QWidget
    assert uses_pyside(plain)


def test_modules_without_pyside_are_not():
    import json

    import sqlalchemy

    import frontdesk.domain.text

    assert not uses_pyside(json) and not uses_pyside(sqlalchemy) and not uses_pyside(frontdesk.domain.text)

    class Odd:
        def __getattr__(self, name):
            raise RuntimeError("a proxy that raises")

    odd = types.ModuleType("odd")
    odd.proxy = Odd()
    assert not uses_pyside(odd)


def test_a_module_selecting_a_feature_still_gets_it(tmp_path):
    (tmp_path / "snake.py").write_text(textwrap.dedent("""
        from PySide6.QtWidgets import QApplication, QWidget
        from __feature__ import snake_case  # noqa: F401

        def has_snake_case_names():
            app = QApplication.instance() or QApplication([])
            return app is not None and hasattr(QWidget(), "set_window_title")
    """))
    code = textwrap.dedent("""
        import frontdesk.ui
        import shibokensupport.feature as feature
        import snake
        assert feature._mod_uses_pyside.__module__ == "frontdesk.ui.pyside_imports"
        print(snake.has_snake_case_names())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
