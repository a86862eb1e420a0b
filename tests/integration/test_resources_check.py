"""The resource check of `frontdesk self-test` (services.desk.resources, ui.desk.self_test_resources): every
file the app needs is found from source; in a bundle-like folder missing some, each missing one is
named and the self-test fails; the app's window carries its icon.

A bundle-like folder is made the way PyInstaller's bundle is seen by the app: `sys._MEIPASS`
pointing at a folder that holds `resources/` (frontdesk.config.resources_dir)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.services.desk import resources as checked

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"font", "translation", "locale data", "migrations", "privacy notice", "seed catalogue", "icon"}


@pytest.fixture
def bundle_like(tmp_path, monkeypatch):
    """A copy of resources/ under a fake PyInstaller bundle folder, used by this process."""
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources", bundle / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    return bundle


def test_every_resource_is_found_from_source():
    found = checked.check_resources()
    assert {r.kind for r in found} == KINDS
    assert [r for r in found if not r.found] == []
    names = {r.name for r in found}
    assert {"fonts/DejaVuSans.ttf", "locale/it/LC_MESSAGES/frontdesk.mo", "privacy/informativa-2026-01.md",
            "seed/services.csv", "lab/catalogue.json", "icons/frontdesk.png", "Babel it_IT"} <= names


def test_every_font_file_shipped_is_one_the_check_requires():
    """A font added to resources/fonts must be one the documents load (services.desk.resources.font_files),
    so that a bundle without it fails its self-test instead of failing when a document first needs it."""
    shipped = {p.name for p in (ROOT / "resources" / "fonts").iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf")}
    assert shipped == set(checked.font_files())


def test_missing_and_damaged_files_are_named_and_the_others_still_checked(bundle_like):
    resources = bundle_like / "resources"
    (resources / "locale" / "it" / "LC_MESSAGES" / "frontdesk.mo").unlink()
    (resources / "privacy" / "informativa-2026-01.md").unlink()
    (resources / "seed" / "associations.csv").unlink()
    (resources / "fonts" / "DejaVuSans-Bold.ttf").write_bytes(b"<html>not a font</html>")
    (resources / "lab" / "catalogue.json").write_text('{"test_types": [{"code": "X"}]}', encoding="utf-8")
    by_name = {r.name: r for r in checked.check_resources()}
    missing = {name for name, r in by_name.items() if not r.found}
    assert missing == {"locale/it/LC_MESSAGES/frontdesk.mo", "privacy/informativa-2026-01.md",
                       "seed/associations.csv", "fonts/DejaVuSans-Bold.ttf", "lab/catalogue.json"}
    assert "not found" in by_name["locale/it/LC_MESSAGES/frontdesk.mo"].detail
    assert str(resources) in by_name["seed/associations.csv"].detail  # says where it looked
    assert "not a TrueType" in by_name["fonts/DejaVuSans-Bold.ttf"].detail
    assert "2026-01" in by_name["privacy/informativa-2026-01.md"].detail
    assert by_name["fonts/DejaVuSans.ttf"].found and by_name["icons/frontdesk.png"].found


def test_babel_locale_data_missing_is_reported(monkeypatch):
    monkeypatch.setattr(checked, "BABEL_LOCALES", ("it_IT", "xx_YY"))
    by_name = {r.name: r for r in checked.check_resources()}
    assert by_name["Babel it_IT"].found
    assert not by_name["Babel xx_YY"].found and by_name["Babel xx_YY"].detail


def test_qt_catalogues_are_found_and_a_missing_one_is_named(qapp, bundle_like):
    from frontdesk.ui.desk.self_test_resources import qt_catalogues

    assert [(r.name, r.found) for r in qt_catalogues()] == [("i18n/frontdesk_it.qm", True),
                                                            ("qtbase_it.qm (Qt)", True)]
    (bundle_like / "resources" / "i18n" / "frontdesk_it.qm").unlink()
    assert [(r.name, r.found) for r in qt_catalogues()] == [("i18n/frontdesk_it.qm", False),
                                                            ("qtbase_it.qm (Qt)", True)]


SELF_TEST_IN = """
import sys
if len(sys.argv) > 1:
    sys._MEIPASS = sys.argv[1]  # as in the PyInstaller bundle
from frontdesk.cli import main
raise SystemExit(main(["self-test"]))
"""


def _self_test(home: Path, *bundle: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "FRONTDESK_LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-c", SELF_TEST_IN, *map(str, bundle)], capture_output=True, text=True,
                          env=env, timeout=180, cwd=ROOT)


def test_self_test_lists_every_resource_it_found(tmp_path):
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for expected in ("found   font: fonts/DejaVuSans.ttf", "found   translation: locale/it/LC_MESSAGES/frontdesk.mo",
                     "found   translation: i18n/frontdesk_it.qm", "found   translation: qtbase_it.qm (Qt)",
                     "found   migrations: frontdesk/db/migrations", "found   privacy notice: privacy/informativa-",
                     "found   icon: icons/frontdesk.png"):
        assert any(line.strip().startswith(expected) for line in lines), f"{expected!r} not in:\n{result.stdout}"
    assert any(line.startswith("ok   resources: all ") for line in lines)
    assert lines[-1] == "self-test passed"


def test_self_test_fails_naming_the_missing_resources(tmp_path):
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources", bundle / "resources")
    (bundle / "resources" / "icons" / "frontdesk.png").unlink()
    (bundle / "resources" / "i18n" / "frontdesk_it.qm").unlink()
    result = _self_test(tmp_path / "home", bundle)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MISSING icon: icons/frontdesk.png" in result.stdout
    assert "MISSING translation: i18n/frontdesk_it.qm" in result.stdout
    assert "FAIL resources: 2 of " in result.stdout
    assert "resources missing: icons/frontdesk.png, i18n/frontdesk_it.qm" in result.stdout
    assert result.stdout.splitlines()[-1] == "self-test FAILED"
    assert "Traceback" not in result.stdout + result.stderr


ICON_PROBE = """
from frontdesk.ui.shell.app import make_application
icon = make_application().windowIcon()
image = icon.pixmap(64, 64).toImage()
print(icon.isNull(), image.width(), image.pixelColor(8, 32).name())
"""


def test_the_app_window_carries_the_icon(tmp_path):
    env = {**os.environ, "FRONTDESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", ICON_PROBE], capture_output=True, text=True, env=env, timeout=60,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    null, width, colour = result.stdout.split()
    assert (null, width) == ("False", "64")
    assert colour == "#2f6690"  # the app's blue (ui.style.ACCENT), left of the card
