"""ui.pyside_imports: PySide6's per-import source scan replaced by a cheap look at the module,
with the same answers and `__feature__` still working (in a fresh interpreter); PySide's private
hook is still there, and PySide6 is pinned below the first release nobody checked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import tomllib
import types
from pathlib import Path

import pytest

from frontdesk.ui.pyside_imports import pyside_hook_owner, uses_pyside

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_pysides_private_hook_is_still_there():
    import PySide6
    import PySide6.QtCore  # (loads shiboken's import hook)

    if pyside_hook_owner() is None:
        pytest.fail(
            f"PySide6 {PySide6.__version__} has no shibokensupport.feature._mod_uses_pyside any more: "
            "frontdesk.ui.pyside_imports cannot lift the per-import source scan, and start-up is ~150 ms "
            "slower. Find what replaced the hook (shibokensupport/feature.py) and adapt the shim, or keep "
            "PySide6 below this release in pyproject.toml.", pytrace=False)


def test_pyside6_is_pinned_below_the_first_release_not_checked():
    import PySide6

    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    for package in ("PySide6-Essentials", "PySide6-Pdf"):
        (spec,) = [d for d in dependencies if re.match(rf"{package}\b", d)]
        upper = re.search(r"<\s*([\d.]+)", spec)
        assert upper, f"{package} needs an upper bound: ui.pyside_imports relies on a private PySide hook"
        installed = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
        assert installed < tuple(int(p) for p in upper.group(1).split(".")[:2])


def test_a_missing_hook_changes_nothing_and_says_so(monkeypatch, caplog):
    import PySide6.QtCore  # noqa: F401

    from frontdesk.ui.process import ImportShim

    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.delattr(feature, "_mod_uses_pyside")
    shim = ImportShim()
    assert shim.install() is False and not shim.installed
    assert not hasattr(feature, "_mod_uses_pyside")
    assert "imports stay slow" in caplog.text


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
        from frontdesk.ui.process import ProcessPolicies
        ProcessPolicies().install()
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
