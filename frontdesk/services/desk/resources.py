"""The files this installation needs, and whether each one is there and readable: the fonts the
documents embed, the gettext catalogues, Babel's locale data, the database migrations, the privacy
notice, the seed catalogues and the window icon. `frontdesk self-test` prints the result
(ui.desk.self_test_resources adds Qt's catalogues), so that a PyInstaller bundle missing a file names it,
exactly as a source install does.

A capability that adds a file the app reads names it here (tests/integration/test_resources_check.py
fails on a font file not listed). Reads files only: opens no database, imports no Qt.
"""

from __future__ import annotations

import csv
import datetime as dt
import gettext
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from frontdesk.config import resources_dir
from frontdesk.i18n import DOMAIN, SUPPORTED, _, format_number, locale_dir, ngettext

BASE_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")  # documents.faces


def font_files() -> tuple[str, ...]:
    """Every font file the documents may load: the base faces and each script's fallback."""
    from frontdesk.documents.faces import FALLBACKS  # reportlab: imported only when checking

    fallbacks = (name for fb in FALLBACKS for name in (fb.regular_file, fb.bold_file) if name)
    return (*BASE_FONT_FILES, *fallbacks)
SEED_FILES = ("associations.csv", "services.csv")  # services.registry.reference
LAB_CATALOGUE = "lab/catalogue.json"  # services.lab.catalogue, loaded at set-up
ICON = "icons/frontdesk.png"  # the window icon (ui.shell.app); the .ico and .icns are for the build only
BABEL_LOCALES = ("it_IT", "en_GB")  # what frontdesk.i18n formats with; build/pyinstaller.spec keeps these
_FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"true", b"ttcf", b"OTTO")  # TrueType, collection, OpenType
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Resource:
    """One resource: `name` is its path under resources/ (or what it is); `detail` says what was
    found, or what is wrong when `found` is False."""

    kind: str
    name: str
    found: bool
    detail: str = ""


def check_resources() -> list[Resource]:
    """Every resource the app needs, checked; never raises."""
    checks: list[tuple[str, str, Callable[[], str]]] = []
    checks += [("font", f"fonts/{name}", _font(name)) for name in font_files()]
    checks += [("translation", _relative(_catalogue_path(lang)), _catalogue(lang))
               for lang in SUPPORTED if lang != "en"]
    checks += [("locale data", f"Babel {name}", _locale_data(name)) for name in BABEL_LOCALES]
    checks.append(("migrations", "frontdesk/db/migrations", _migrations))
    checks.append(("privacy notice", _notice_name(), _privacy_notice))
    checks += [("seed catalogue", f"seed/{name}", _seed(name)) for name in SEED_FILES]
    checks.append(("seed catalogue", LAB_CATALOGUE, _lab_catalogue))
    checks.append(("icon", ICON, _icon))
    return [_probe(kind, name, check) for kind, name, check in checks]


def _probe(kind: str, name: str, check: Callable[[], str]) -> Resource:
    try:
        return Resource(kind, name, True, check())
    except FileNotFoundError as exc:
        return Resource(kind, name, False, _("not found: {path}").format(path=exc.filename))
    except Exception as exc:  # whatever is wrong is reported, and the other checks go on
        return Resource(kind, name, False, getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")


def _relative(path: Path) -> str:
    try:
        return path.relative_to(resources_dir()).as_posix()
    except ValueError:
        return str(path)


def _read_start(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _font(name: str) -> Callable[[], str]:
    def check() -> str:
        path = resources_dir() / "fonts" / name
        if _read_start(path, 4) not in _FONT_SIGNATURES:
            raise ValueError(_("not a TrueType or OpenType font"))
        return ""
    return check


def _catalogue_path(lang: str) -> Path:
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _catalogue(lang: str) -> Callable[[], str]:
    def check() -> str:
        with _catalogue_path(lang).open("rb") as handle:
            gettext.GNUTranslations(handle)  # raises on a file that is not a catalogue
        return ""
    return check


def _locale_data(name: str) -> Callable[[], str]:
    def check() -> str:
        from babel import dates, numbers

        day = dates.format_date(dt.date(2026, 1, 31), "short", locale=name)
        return f"{numbers.format_decimal(1234.5, locale=name)}, {day}"
    return check


def _migrations() -> str:
    from frontdesk.db.migrate import HEAD, MIGRATIONS, head_revision, known_revisions

    _read_start(MIGRATIONS / "env.py", 1)  # Alembic runs it for every upgrade
    head = head_revision()
    if head != HEAD:
        raise RuntimeError(_("head revision {head}, the app expects {expected}").format(head=head or "—",
                                                                                     expected=HEAD))
    count = len(known_revisions())
    return ngettext("{count} revision, head {head}", "{count} revisions, head {head}", count).format(
        count=format_number(count), head=head)


def _notice_version() -> str:
    from frontdesk.domain.settings import Settings

    return Settings().privacy_notice_version  # the version a new desk shows


def _notice_name() -> str:
    from frontdesk.services.privacy.notice import notice_path

    try:
        return _relative(notice_path(_notice_version()))
    except Exception:  # an unusable version is reported by the check itself
        return _("privacy notice {version}").format(version=_notice_version())


def _privacy_notice() -> str:
    from frontdesk.services.privacy.notice import notice_text

    return _("version {version}").format(version=notice_text(_notice_version()).version)


def _seed(name: str) -> Callable[[], str]:
    def check() -> str:
        with (resources_dir() / "seed" / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            raise ValueError(_("no rows"))
        return ngettext("{count} row", "{count} rows", len(rows)).format(count=format_number(len(rows)))
    return check


def _lab_catalogue() -> str:
    from frontdesk.domain.lab.catalogue import parse_catalogue

    specs = parse_catalogue((resources_dir() / LAB_CATALOGUE).read_text(encoding="utf-8"))  # checked as loaded
    return ngettext("{count} test type", "{count} test types", len(specs)).format(count=format_number(len(specs)))


def _icon() -> str:
    if _read_start(resources_dir() / ICON, 8) != _PNG_SIGNATURE:
        raise ValueError(_("not a PNG image"))
    return ""
