"""The privacy notice: Italian text in `resources/privacy/informativa-<version>.md`; the version in
use is the setting `privacy_notice_version`. A new text is a new file, so what a visitor was shown
can always be read again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontdesk.config import resources_dir
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings

_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$")


@dataclass(frozen=True)
class Notice:
    version: str
    text: str


def notice_path(version: str):
    if not _VERSION.match(version or ""):
        raise ValidationError(_("Unknown privacy notice version: {v}").format(v=version))
    return resources_dir() / "privacy" / f"informativa-{version}.md"


def notice_text(version: str) -> Notice:
    path = notice_path(version)
    if not path.is_file():
        raise NotFound(_("The privacy notice version {v} is missing from the app's files.").format(v=version))
    return Notice(version, path.read_text(encoding="utf-8"))


def notice_versions() -> list[str]:
    """Versions available in resources, oldest first."""
    folder = resources_dir() / "privacy"
    return sorted(p.stem.removeprefix("informativa-") for p in folder.glob("informativa-*.md"))


def current_notice(db) -> Notice:
    """The notice visitors are shown now (setting `privacy_notice_version`)."""
    with db.read() as session:
        version = read_settings(session).privacy_notice_version
    return notice_text(version)
