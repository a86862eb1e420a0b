"""Names in every script on every document: badge (both sizes), evacuation list, privacy export.

Each name is drawn into a real PDF, read back with `pdftotext -bbox-layout` (which gives each
line's words left to right, as they lie on the page), turned from that visual order back into
logical order by the Unicode bidirectional algorithm (python-bidi) and compared after NFKC with
what was written: Arabic drawn unjoined or left to right, or a name drawn out of order, reads
back differently. Every character must also have a glyph in the face that draws it (the font's
cmap), and the fallback faces must be loaded only when a text needs them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from xml.etree import ElementTree

import pytest
from bidi import get_base_level, get_display
from reportlab.lib.units import mm

from frontdesk.documents.privacy.privacy_export import DossierTable, PersonDossier, person_export_pdf
from frontdesk.documents.reception.badge import SIZES, render_badge
from frontdesk.documents.reception.badge_data import BadgeData
from frontdesk.documents.reception.evacuation_list import EvacuationEntry, EvacuationList, render_evacuation_list

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")

# (script, a person's name, a company's name)
PEOPLE = [
    ("latin", "Nicolò D'Alessandro-Åström", "Caffè Ñandú Søn S.r.l."),
    ("greek", "Γιώργος Παπαδόπουλος", "Τεχνική Ελλάδος Α.Ε."),
    ("cyrillic", "Дмитрий Иванов", "ООО «Северсталь»"),
    ("arabic", "محمد علاء الدين", "شركة النور للتجارة"),
    ("hebrew", "דוד כהן", "חברת אור בע״מ"),
    ("chinese", "王小明", "北京科技有限公司"),
    ("japanese", "山田 さくら", "株式会社トヨタ"),
    ("korean", "김민준", "삼성전자 주식회사"),
    ("mixed", "Ahmed محمد علي", "مطبعة النور S.r.l."),
]
SCRIPTS = [script for script, _name, _company in PEOPLE]
PRINTED = dt.datetime(2025, 3, 12, 13, 32, tzinfo=dt.UTC)
XHTML = "{http://www.w3.org/1999/xhtml}"


def _person(script: str) -> tuple[str, str]:
    return next((name, company) for s, name, company in PEOPLE if s == script)


def _badge(name: str, company: str, size: str) -> bytes:
    return render_badge(BadgeData(
        visitor_name=name, company=company, purpose="Prove sui materiali", host="Ing. Giulia Rota",
        valid_from=PRINTED.date(), valid_to=PRINTED.date(), number="R1-000123",
        point_name="Point — Parco Scientifico Tecnologico di Dalmine", token="R1.TOKEN.FOR.THE.QR", size=size))


def _visual_lines(pdf: bytes) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text line as it lies on the page (words left to right, glyphs left to right), with its
    box (x0, y0, x1, y1) in points from the top-left corner."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode()
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    lines = []
    for line in root.iter(f"{XHTML}line"):
        words = [word.text or "" for word in line.iter(f"{XHTML}word")]
        box = tuple(float(line.get(key)) for key in ("xMin", "yMin", "xMax", "yMax"))
        lines.append((" ".join(words), box))
    return lines


def _as_written(visual: str, like: str) -> str:
    """A line read off the page put back in logical order (by the bidi algorithm, in the paragraph
    direction of the text it should be), then NFKC: contextual forms and ligatures of Arabic
    become the letters they join."""
    direction = "R" if get_base_level(like) == 1 else "L"
    return unicodedata.normalize("NFKC", get_display(visual, base_dir=direction))


def _find(pdf: bytes, text: str) -> str:
    """The line of `pdf` that reads back as `text` (or the two lines it was wrapped into), as it
    lies on the page; fails if none does."""
    want = unicodedata.normalize("NFKC", text)
    lines = [visual for visual, _box in _visual_lines(pdf)]
    read = [_as_written(visual, text) for visual in lines]
    for index, visual in enumerate(lines):
        if read[index] == want:
            return visual
        if index + 1 < len(lines) and f"{read[index]} {read[index + 1]}" == want:
            return f"{visual} {lines[index + 1]}"
    pytest.fail(f"{text!r} is not printed as written; lines read back: {read}")


def _assert_joined_if_arabic(visual: str, text: str) -> None:
    """Arabic letters are drawn in their joining forms (shaped), not as isolated letters."""
    arabic_letters = [char for char in text if "\u0620" <= char <= "\u064a"]
    if arabic_letters:
        forms = [char for char in visual if "\ufb50" <= char <= "\ufeff"]
        assert len(forms) >= len(arabic_letters) // 2, f"{text!r} is not joined: {visual!r}"


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("script", SCRIPTS)
def test_badge_prints_the_name_and_company_as_written(script, size):
    name, company = _person(script)
    pdf = _badge(name, company, size)
    for text in (name, company):
        _assert_joined_if_arabic(_find(pdf, text), text)


def test_evacuation_list_prints_every_name_as_written():
    entries = tuple(EvacuationEntry(name=name, company=company, host=name, since=PRINTED)
                    for _script, name, company in PEOPLE)
    pdf = render_evacuation_list(EvacuationList("Point — Dalmine", PRINTED, entries))
    for _script, name, company in PEOPLE:
        for text in (name, company):
            _assert_joined_if_arabic(_find(pdf, text), text)


def test_privacy_export_prints_every_name_as_written():
    for _script, name, company in PEOPLE:
        dossier = PersonDossier(
            subject=name, controller="Point — Dalmine", generated_at=PRINTED,
            fields=(("Name", name), ("Company", company)),
            tables=(DossierTable("Visits", ("Company", "Host"), ((company, name),)),))
        pdf = person_export_pdf(dossier)
        _find(pdf, f"Personal data held about: {name}")
        for text in (name, company):
            _assert_joined_if_arabic(_find(pdf, text), text)


def test_privacy_export_wraps_breaks_lines_and_pages_in_any_script():
    long_name = "محمد علاء الدين عبد الرحمن بن عبد العزيز الهاشمي القرشي الأنصاري الخزرجي البغدادي الدمشقي"
    rows = tuple((company, name) for _index in range(12) for _script, name, company in PEOPLE)
    dossier = PersonDossier(
        subject="王小明", controller="Point — Dalmine", generated_at=PRINTED,
        fields=(("Name", long_name), ("Changes", "company: 北京科技有限公司 → שרה כהן\nemail: changed")),
        tables=(DossierTable("Visits", ("Company", "Host"), rows, widths=(0.5, 0.5)),))
    pdf = person_export_pdf(dossier)
    pages = int(re.search(rb"/Count (\d+)", pdf).group(1))
    assert pages >= 2
    lines = [visual for visual, _box in _visual_lines(pdf)]
    # The long name is wrapped into lines that read, one after the other, as the name.
    read = [_as_written(visual, long_name) for visual in lines]
    start = next(index for index, line in enumerate(read) if long_name.startswith(line) and line)
    joined = read[start]
    for line in read[start + 1:]:
        if not long_name.startswith(f"{joined} {line}"):
            break
        joined = f"{joined} {line}"
    assert joined == long_name
    _find(pdf, "company: 北京科技有限公司 → שרה כהן")
    _find(pdf, "email: changed")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert text.count("王小明") >= 12 + 1  # every row of the table, on whichever page, and the title


def test_a_right_to_left_name_reads_from_the_right():
    """The first word of an Arabic or Hebrew name is the rightmost on the page."""
    for text in ("محمد علاء الدين", "דוד כהן"):
        pdf = _badge(text, "Officine Bergamasche S.r.l.", "label62")
        visual = _find(pdf, text)
        first_word = unicodedata.normalize("NFKC", text.split()[0])
        words = [unicodedata.normalize("NFKC", get_display(word, base_dir="R")) for word in visual.split()]
        assert words[-1] == first_word, visual


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("name", [
    "王小明李雪梅张伟刘洋陈静杨帆黄磊赵敏周杰吴刚徐丽孙强马超朱婷胡军郭涛林峰何平高亮罗琳",
    "محمد علاء الدين عبد الرحمن بن عبد العزيز آل سعود الهاشمي القرشي الأنصاري الخزرجي",
])
def test_a_long_name_in_another_script_stays_on_the_badge(size, name):
    """Fitting measures what is drawn: a long CJK or Arabic name is wrapped, shrunk and cut
    inside the page and the text column, as a Latin one is."""
    pdf = _badge(name, "Officine Bergamasche S.r.l.", size)
    page_w, page_h = SIZES[size]
    qr_left = page_w - (3.5 + 25) * mm  # the ID-1 card's QR, below the 10 mm band, down to 38.5 mm
    lines = _visual_lines(pdf)
    for visual, (x0, y0, x1, y1) in lines:
        assert x0 >= 0 and y0 >= 0 and x1 <= page_w and y1 <= page_h, visual
        if size == "id1" and 10 * mm < y0 < 38.5 * mm:
            assert x1 <= qr_left, f"{visual!r} runs into the QR"
    assert any("…" in visual for visual, _box in lines)  # shortened, not printed off the badge


def test_width_is_the_width_drawn():
    """What `fonts.width` measures (and so ellipsize, wrap and fit_lines) is what lies on the page."""
    from reportlab.pdfgen.canvas import Canvas

    from frontdesk.documents import fonts

    fonts.register()
    texts = [text for _script, name, company in PEOPLE for text in (name, company)]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(600, 40 + 30 * len(texts)))
    for index, text in enumerate(texts):
        fonts.draw(canvas, text, 20, 20 + 30 * index, fonts.BOLD, 14)
    canvas.save()
    widths = {}
    for visual, (x0, _y0, x1, _y1) in _visual_lines(buffer.getvalue()):
        widths[visual] = x1 - x0
    for text in texts:
        visual = _find(buffer.getvalue(), text)
        assert widths[visual] == pytest.approx(fonts.width(text, fonts.BOLD, 14), abs=0.6), text


def test_every_character_has_a_glyph_in_the_face_that_draws_it():
    from reportlab.pdfbase import pdfmetrics

    from frontdesk.documents import fonts
    from frontdesk.documents.script_runs import layout

    fonts.register()
    for _script, name, company in PEOPLE:
        for text in (name, company):
            for font in (fonts.REGULAR, fonts.BOLD):
                runs = layout(text, font, 10).runs
                drawn_chars = "".join(run.logical for run in runs)
                assert sorted(drawn_chars) == sorted(unicodedata.normalize("NFC", text))
                for run in runs:
                    face = pdfmetrics.getFont(run.font).face
                    missing = [char for char in run.logical if ord(char) not in face.charToGlyph]
                    assert not missing, f"{run.font} has no glyph for {missing} in {text!r}"
                    drawn = [face.charToGlyph.get(ord(char), 0) for char in run.text]
                    assert 0 not in drawn, f"{run.font} draws .notdef in {text!r}"


def test_fonts_are_embedded_as_subsets():
    entries = tuple(EvacuationEntry(name=name, company=company, host="Ing. Giulia Rota", since=PRINTED)
                    for _script, name, company in PEOPLE)
    pdf = render_evacuation_list(EvacuationList("Point — Dalmine", PRINTED, entries))
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = listing.splitlines()[2:]
    names = {row.split()[0].split("+", 1)[1] for row in rows}
    assert {"DejaVuSans", "DejaVuSans-Bold", "NotoSansArabic-Regular", "NotoSansArabic-Bold",
            "NotoSansHebrew-Regular", "NotoSansHebrew-Bold"} <= names
    assert any(name.startswith("WenQuanYiMicroHei") for name in names)
    for row in rows:
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, with ToUnicode
    assert len(pdf) < 250_000  # the 5 MB CJK font is not embedded whole


def _fonts_loaded_after(script: str) -> list[str]:
    """The fallback fonts a fresh process has registered after drawing one badge with `script`."""
    code = textwrap.dedent(f"""
        import datetime as dt, json, sys
        from frontdesk.documents import faces
        from frontdesk.documents.reception.badge import render_badge
        from frontdesk.documents.reception.badge_data import BadgeData
        day = dt.date(2025, 3, 12)
        render_badge(BadgeData({script!r}, "Officine Meccaniche Bergamasche S.r.l.", "Prove sui materiali",
                               "Ing. Giulia Rota", day, day, "R1-000123", "Point — Dalmine", "TOKEN", "id1"))
        print(json.dumps(faces.loaded_fallbacks() + (["python-bidi"] if "bidi.algorithm" in sys.modules else [])))
    """)
    return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                     check=True).stdout)


def test_fallback_fonts_are_loaded_only_when_a_text_needs_them():
    assert _fonts_loaded_after("Nicolò D'Alessandro Γιώργος Дмитрий") == []
    assert _fonts_loaded_after("王小明") == ["WenQuanYiMicroHei"]
    assert _fonts_loaded_after("דוד כהן") == ["NotoSansHebrew-Bold", "python-bidi"]
