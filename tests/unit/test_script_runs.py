"""documents.script_runs and the fitting helpers of documents.fonts on text in other scripts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import faces, fonts
from frontdesk.documents.script_runs import layout


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    fonts.register()


def _fonts_of(text: str, font: str = fonts.REGULAR) -> list[tuple[str, str]]:
    return [(run.font, run.logical) for run in layout(text, font, 10).runs]


def test_latin_text_is_one_dejavu_run_measured_like_before():
    for text in ("Mario Rossi", "Nicolò Åström", "Γιώργος Дмитрий"):
        (run,) = layout(text, fonts.BOLD, 12).runs
        assert (run.font, run.text) == (fonts.BOLD, text)
        assert fonts.width(text, fonts.BOLD, 12) == pdfmetrics.stringWidth(text, fonts.BOLD, 12)


def test_each_script_goes_to_its_face_and_punctuation_stays_with_its_run():
    assert _fonts_of("王小明 (Li)") == [("WenQuanYiMicroHei", "王小明 ("), (fonts.REGULAR, "Li)")]
    assert _fonts_of("Ahmed محمد", fonts.BOLD) == [(fonts.BOLD, "Ahmed "), ("NotoSansArabic-Bold", "محمد")]
    assert _fonts_of("דוד כהן") == [("NotoSansHebrew", "דוד כהן")]
    assert _fonts_of("김민준, 山田 さくら") == [("WenQuanYiMicroHei", "김민준, 山田 さくら")]


def test_a_right_to_left_run_is_shaped_from_its_logical_order():
    (run,) = layout("محمد", fonts.REGULAR, 10).runs
    # Joining forms, drawn left to right: final dal first, initial meem last.
    assert [hex(ord(char)) for char in run.text] == ["0xfeaa", "0xfee4", "0xfea4", "0xfee3"]
    assert "\ufdf4" not in run.text  # not the honorific ligature of the Prophet's name


def test_a_mixed_line_is_ordered_by_the_bidi_algorithm():
    # A right-to-left paragraph (its first strong letter is Hebrew): the Latin word shows on the left.
    runs = layout("שרה כהן Sara", fonts.REGULAR, 10).runs
    assert [run.logical for run in runs] == ["Sara", "שרה כהן "]
    # Brackets around right-to-left text are mirrored, so they still open towards the name.
    shown = [run.text for run in layout("(דוד)", fonts.REGULAR, 10).runs]
    assert (shown[0], shown[-1]) == ("(", ")")
    # The paragraph direction can be given for a line of a longer text: a full stop at the end of
    # a right-to-left paragraph shows on the left.
    assert [run.text for run in layout("Sara.", fonts.REGULAR, 10).runs] == ["Sara."]
    assert [run.text for run in layout("Sara.", fonts.REGULAR, 10, True).runs] == [".", "Sara"]


def test_the_width_of_a_line_is_the_sum_of_its_runs():
    line = layout("Ahmed محمد علي 王小明", fonts.BOLD, 11)
    assert line.width == pytest.approx(sum(run.width for run in line.runs))
    assert fonts.width("Ahmed محمد علي 王小明", fonts.BOLD, 11) == line.width


@pytest.mark.parametrize("text", ["محمد علاء الدين عبد الرحمن بن عبد العزيز", "王小明李雪梅张伟刘洋陈静杨帆黄磊赵敏"])
def test_ellipsize_and_wrap_fit_other_scripts(text):
    cut = fonts.ellipsize(text, fonts.BOLD, 12, 80)
    assert cut.endswith(fonts.ELLIPSIS) and fonts.width(cut, fonts.BOLD, 12) <= 80
    lines = fonts.wrap(text, fonts.REGULAR, 12, 60)
    assert len(lines) > 1 and all(fonts.width(line, fonts.REGULAR, 12) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_cjk_bold_is_drawn_stroked_and_others_use_their_bold_face():
    (run,) = layout("王小明", fonts.BOLD, 10).runs
    assert run.fake_bold and run.font == "WenQuanYiMicroHei"
    assert not layout("محمد", fonts.BOLD, 10).runs[0].fake_bold
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    fonts.draw(canvas, "王小明", 10, 10, fonts.BOLD, 10)
    canvas.save()
    assert b" 2 Tr" in buffer.getvalue()  # text render mode "fill, then stroke"


def test_draw_aligns_on_the_measured_width():
    width = fonts.width("王小明 Li", fonts.BOLD, 10)
    for align, start in (("left", 100), ("right", 100 - width), ("centre", 100 - width / 2)):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pageCompression=0)
        assert fonts.draw(canvas, "王小明 Li", 100, 10, fonts.BOLD, 10, align=align) == width
        canvas.save()
        first_x = re.search(rb"1 0 0 1 ([-\d.]+) 10 Tm", buffer.getvalue())
        assert first_x is not None and float(first_x.group(1)) == pytest.approx(start, abs=0.01), align
    with pytest.raises(ValueError):
        fonts.draw(Canvas(io.BytesIO()), "x", 0, 0, fonts.REGULAR, 10, align="middle")


def test_the_fallback_faces_cover_the_scripts_they_are_for():
    samples = {faces.ARABIC: "محمد علاء الدين شركة النور للتجارة ٠١٢٣٤٥٦٧٨٩،؛",
               faces.HEBREW: "דוד כהן חברת אור בע״מ",
               faces.CJK: "王小明北京科技有限公司山田さくら株式会社トヨタ김민준삼성전자주식회사、。「」"}
    for fallback, text in samples.items():
        for bold in (False, True):
            face = faces.face(fallback, bold=bold)
            assert all(faces.has_glyph(face.font, char) for char in text if not char.isspace()), face.font


def test_documents_draw_text_only_through_the_helpers():
    """A document that drew with reportlab's own string or Paragraph calls would print Arabic
    unjoined and CJK as boxes: every text goes through fonts.draw or TextBlock."""
    folder = Path(fonts.__file__).parent
    helpers = {"fonts.py", "text_block.py"}
    direct = re.compile(r"\.(drawString|drawRightString|drawCentredString|textLine|textOut)\(|"
                        r"\bParagraph\(")
    offenders = [f"{path.name}:{number}" for path in sorted(folder.rglob("*.py")) if path.name not in helpers
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if direct.search(line)]
    assert offenders == []
