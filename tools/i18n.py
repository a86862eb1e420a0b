"""Translation catalogs: extract, merge and compile both kinds (DESIGN rule 7).

- Below the UI: gettext via Babel. `frontdesk/**` except `frontdesk/ui` -> resources/locale/frontdesk.pot,
  merged into resources/locale/it/LC_MESSAGES/frontdesk.po, compiled to frontdesk.mo.
- The UI: Qt's lupdate over `frontdesk/ui/**/*.py` -> resources/i18n/frontdesk_it.ts, lrelease -> .qm.

Usage: python tools/i18n.py update   (extract and merge; then translate the .po/.ts)
       python tools/i18n.py compile  (write the .mo and .qm the app loads)
tests/unit/test_translations.py checks both are complete and compiled.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
PO = LOCALE / "it" / "LC_MESSAGES" / "frontdesk.po"
POT = LOCALE / "frontdesk.pot"
TS = ROOT / "resources" / "i18n" / "frontdesk_it.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "frontdesk" / "ui").rglob("*.py"))


def extract_pot(target: Path) -> None:
    subprocess.run([str(BIN / "pybabel"), "--quiet", "extract", "--no-location", "--sort-output",
                    "-k", "_", "-k", "ngettext:1,2", "--ignore-dirs=ui", "-o", str(target), "frontdesk"],
                   cwd=ROOT, check=True)


def lupdate(target: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    *ui_sources(), "-ts", str(target)], cwd=ROOT, check=True)


def update() -> None:
    extract_pot(POT)
    if PO.exists():
        subprocess.run([str(BIN / "pybabel"), "--quiet", "update", "--no-fuzzy-matching", "-i", str(POT),
                        "-d", str(LOCALE), "-D", "frontdesk", "-l", "it"], check=True)
    else:
        subprocess.run([str(BIN / "pybabel"), "--quiet", "init", "-i", str(POT), "-d", str(LOCALE),
                        "-D", "frontdesk", "-l", "it"], check=True)
    TS.parent.mkdir(parents=True, exist_ok=True)
    lupdate(TS)


def compile_all() -> None:
    subprocess.run([str(BIN / "pybabel"), "--quiet", "compile", "-d", str(LOCALE), "-D", "frontdesk", "-l", "it"],
                   check=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(QM)], check=True)


if __name__ == "__main__":
    {"update": update, "compile": compile_all}[sys.argv[1]]()
