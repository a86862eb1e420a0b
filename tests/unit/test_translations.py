"""Italian is complete and compiled, for both catalogs (gettext below the UI, Qt in the UI)."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as tool  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\d|%n")


def _po():
    with tool.PO.open("rb") as handle:
        return read_po(handle)


def test_every_message_below_the_ui_has_an_italian_translation(tmp_path):
    pot = tmp_path / "now.pot"
    tool.extract_pot(pot)
    with pot.open("rb") as handle:
        extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    catalog = _po()
    translated = {}
    for m in catalog:
        if m.id and not m.fuzzy:
            key = m.id if isinstance(m.id, str) else m.id[0]
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            if all(strings):
                translated[key] = (m.id, m.string)
    missing = sorted(extracted - set(translated))
    assert not missing, f"run `python tools/i18n.py update`, translate, compile: {missing[:10]}"


def test_placeholders_survive_translation():
    for m in _po():
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        assert sorted(set(PLACEHOLDER.findall(ids[0]))) == sorted(set(PLACEHOLDER.findall(strings[0]))), m.id


def test_compiled_catalog_matches_the_po():
    def plain(catalog):
        def key(value):
            return value if isinstance(value, str) else tuple(value)

        return {str(key(m.id)): key(m.string) for m in catalog if m.id and not m.fuzzy}

    with tool.PO.with_suffix(".mo").open("rb") as handle:
        compiled = plain(read_mo(handle))
    source = plain(_po())
    assert compiled == source, "run `python tools/i18n.py compile`"


def test_messages_are_italian_at_run_time():
    from frontdesk.i18n import _, language, set_language

    set_language("it")
    assert language() == "it"
    assert _("Your role does not allow this action.") == "Il tuo ruolo non consente questa operazione."
    set_language("en")
    assert _("Your role does not allow this action.") == "Your role does not allow this action."


def _ts_messages(path):
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name"), msg


def test_every_ui_string_has_a_finished_italian_translation(tmp_path):
    current = tmp_path / "frontdesk_it.ts"
    shutil.copy(tool.TS, current)
    tool.lupdate(current)  # merges today's strings from the code into a copy of the catalog
    unfinished = []
    for context, msg in _ts_messages(current):
        tr = msg.find("translation")
        forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
        text_ok = all(forms) if forms else bool(tr is not None and (tr.text or "").strip())
        if tr is None or tr.get("type") == "unfinished" or not text_ok:
            unfinished.append(f"{context}|{msg.findtext('source')}")
    assert not unfinished, f"translate in resources/i18n/frontdesk_it.ts: {unfinished[:10]}"


def test_ui_placeholders_survive_translation():
    for context, msg in _ts_messages(tool.TS):
        tr = msg.find("translation")
        if tr is None or tr.get("type") in ("vanished", "obsolete"):
            continue
        texts = [f.text for f in tr.iter("numerusform")] or [tr.text]
        source = set(PLACEHOLDER.findall(msg.findtext("source")))
        for text in texts:
            assert set(PLACEHOLDER.findall(text or "")) == source, f"{context}|{msg.findtext('source')}"


@pytest.mark.skipif(not (Path(sys.executable).parent / "pyside6-lrelease").exists(), reason="needs PySide6 tools")
def test_qm_is_compiled_from_the_ts(tmp_path):
    out = tmp_path / "x.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), "-silent", str(tool.TS), "-qm", str(out)],
                   check=True)
    assert out.read_bytes() == tool.QM.read_bytes(), "run `python tools/i18n.py compile`"


# Italian agrees adjectives and participles with the person's gender: a message about a person
# whose gender the app does not know ("{name} è uscito", "Era collegato %1", "Benvenuto") must be
# worded so that it fits everyone ("L'uscita di {name} è registrata", "La sessione era di %1").
GENDERED = re.compile(
    r"\b(?:benvenut[oa]|(?:è|era|sei|sono)\s+(?:già\s+)?(?:uscit|entrat|arrivat|collegat|andat|rimast)[oa])\b",
    re.IGNORECASE)


def test_italian_messages_about_people_fit_everyone():
    below_ui = [m.string for m in _po() if m.id and m.string]
    texts = [t if isinstance(t, str) else " ".join(t) for t in below_ui]
    texts += [msg.findtext("translation") or "" for _context, msg in _ts_messages(tool.TS)]
    texts += [n.text or "" for _context, msg in _ts_messages(tool.TS) for n in msg.iter("numerusform")]
    assert [t for t in texts if GENDERED.search(t)] == []
