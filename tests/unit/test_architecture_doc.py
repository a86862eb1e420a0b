"""docs/architecture.md is kept true to the code: every path and every `file::name` it cites exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
CITED = re.compile(r"`((?:frontdesk|tests|bench|tools|build|docs|resources)/[^`<>*\s]*?)(?:::(\w+))?`")


def cited() -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in CITED.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_doc_cites_the_code_it_walks_through():
    names = [name for _path, name in cited() if name]
    assert len(cited()) > 40 and {"check_in", "reception_search", "run_in_background"} <= set(names)


def test_every_cited_file_and_folder_exists():
    missing = [path for path, _name in cited() if not (ROOT / path).exists()]
    assert not missing, f"docs/architecture.md cites what does not exist: {missing}"


def test_every_cited_name_is_defined_in_its_file():
    missing = []
    for path, name in cited():
        if name is None:
            continue
        source = (ROOT / path).read_text(encoding="utf-8")
        if not re.search(rf"^\s*(?:def|class)\s+{name}\b|^{name}\s*[:=]", source, re.M):
            missing.append(f"{path}::{name}")
    assert not missing, f"docs/architecture.md names what its file does not define: {missing}"


def test_every_area_package_is_on_the_map():
    text = DOC.read_text(encoding="utf-8")
    for layer in ("services", "ui", "documents"):
        for package in (ROOT / "frontdesk" / layer).iterdir():
            if (package / "__init__.py").exists():
                folder = f"frontdesk/{layer}/{package.name}/"
                assert folder in text, f"{folder} is not on the map"
