"""Badges as a scanner sees them: PDF -> QtPdf at 300 dpi -> zxing-cpp -> the exact token."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import uuid
from html.parser import HTMLParser

import pytest
import zxingcpp
from reportlab.lib.units import mm

from frontdesk.documents.reception.badge import SIZES, render_badge, validity_text
from frontdesk.documents.reception.badge_data import BadgeData
from frontdesk.domain import badge_tokens as bt
from frontdesk.ui import pdf_render

KEY_ID, KEY = bt.new_key()
DAY = dt.date(2025, 3, 12)
LONG_NAME = ("Maria Francesca Bonaventura Castelli di Sant'Agata dei Goti e Bergamelli "
             "Santinelli Vitali ") * 3
POPPLER = shutil.which("pdftotext") is not None


def _badge(size: str, *, name: str = "Nicolò D'Alessandro", days: int = 0,
           kind: str = bt.VISIT) -> tuple[BadgeData, bt.BadgeClaim]:
    claim = bt.BadgeClaim(kind, uuid.uuid4(), "R1-000123", DAY, DAY + dt.timedelta(days=days), KEY_ID)
    data = BadgeData(
        visitor_name=name, company="Officine Meccaniche Bergamasche S.r.l.", purpose="Prove sui materiali",
        host="Ing. Giulia Rota", valid_from=claim.valid_from, valid_to=claim.valid_to, number=claim.number,
        point_name="Point — Parco Scientifico Tecnologico di Dalmine", token=bt.issue(claim, KEY), size=size,
    )
    return data, claim


@pytest.mark.parametrize("size", ["id1", "label62"])
def test_qr_decodes_to_the_token_and_verifies(qapp, size):
    data, claim = _badge(size, days=2, kind=bt.REGISTRATION)
    pdf = render_badge(data)
    assert pdf_render.page_count(pdf) == 1
    image = pdf_render.render_page(pdf, dpi=300)
    assert pdf_render.decode_qr(image) == [data.token]
    verified = bt.verify(pdf_render.decode_qr(image)[0], {KEY_ID: KEY}, today=DAY + dt.timedelta(days=1))
    assert verified == claim
    assert verified.subject_kind == bt.REGISTRATION


@pytest.mark.parametrize(("size", "width_mm", "height_mm"), [("id1", 85.6, 54.0), ("label62", 62.0, 100.0)])
def test_page_size(qapp, size, width_mm, height_mm):
    pdf = render_badge(_badge(size)[0])
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    assert float(box.group(1)) == pytest.approx(width_mm * mm, abs=0.01)
    assert float(box.group(2)) == pytest.approx(height_mm * mm, abs=0.01)
    image = pdf_render.render_page(pdf, dpi=300)
    assert image.width() == pytest.approx(width_mm / 25.4 * 300, abs=1)
    assert image.height() == pytest.approx(height_mm / 25.4 * 300, abs=1)


@pytest.mark.parametrize("size", ["id1", "label62"])
def test_unicode_font_is_embedded(size):
    pdf = render_badge(_badge(size)[0])
    assert b"FontFile2" in pdf
    assert b"DejaVuSans" in pdf
    assert b"/Helvetica" not in pdf  # no unembedded base-14 font sneaks in


@pytest.mark.parametrize("size", ["id1", "label62"])
def test_qr_is_big_enough(qapp, size):
    image = pdf_render.render_page(render_badge(_badge(size)[0]), dpi=300)
    (found,) = zxingcpp.read_barcodes(image)
    xs = [found.position.top_left.x, found.position.top_right.x]
    side_mm = (max(xs) - min(xs)) / 300 * 25.4
    assert side_mm >= 22


@pytest.mark.parametrize("size", ["id1", "label62"])
def test_page_is_flattened_on_white(qapp, size):
    image = pdf_render.render_page(render_badge(_badge(size)[0]), dpi=100)
    assert image.format() == image.Format.Format_RGB32
    bottom_left = image.pixelColor(2, image.height() - 2)
    assert (bottom_left.red(), bottom_left.green(), bottom_left.blue()) == (255, 255, 255)


@pytest.mark.parametrize("size", ["id1", "label62"])
def test_a_200_character_name_does_not_break_the_badge(qapp, size):
    name = LONG_NAME[:200]
    assert len(name) == 200
    data, _claim = _badge(size, name=name)
    pdf = render_badge(data)
    image = pdf_render.render_page(pdf, dpi=300)
    assert pdf_render.decode_qr(image) == [data.token]
    if POPPLER:
        words = _words(pdf)
        page_w, page_h = SIZES[size]
        (found,) = zxingcpp.read_barcodes(image)
        qr = _qr_box_points(found)
        for word in words:
            x0, y0, x1, y1, text = word
            assert x0 >= 0 and y0 >= 0 and x1 <= page_w and y1 <= page_h, text
            assert not _overlaps((x0, y0, x1, y1), qr), f"{text!r} runs into the QR"
        text = " ".join(word[4] for word in words)
        assert "…" in text  # the name was shortened, not printed off the badge
        assert "Officine" in text and "Ing." in text and "R1-000123" in text


@pytest.mark.skipif(not POPPLER, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("size", ["id1", "label62"])
def test_texts_on_the_badge(size):
    data, _claim = _badge(size, days=2)
    text = subprocess.run(["pdftotext", "-", "-"], input=render_badge(data), capture_output=True,
                          check=True).stdout.decode()
    flat = " ".join(text.split())
    for expected in ("Nicolò", "D'Alessandro", "Officine Meccaniche", "Prove sui materiali", "Ing. Giulia Rota",
                     "Host", "R1-000123", "VISITOR", "12 Mar 2025 – 14 Mar 2025"):
        assert expected in flat


def test_validity_text():
    assert validity_text(DAY, DAY) == "12 Mar 2025"
    assert validity_text(DAY, DAY + dt.timedelta(days=2)) == "12 Mar 2025 – 14 Mar 2025"


@pytest.mark.skipif(not POPPLER, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("size", ["id1", "label62"])
def test_validity_is_never_cut_even_by_a_long_translation(monkeypatch, size):
    from frontdesk.documents.reception import badge

    long_range = "valid from {start} up to and including the whole day of {end}"
    monkeypatch.setattr(badge, "_", lambda message: long_range if message == "{start} – {end}" else message)
    data, _claim = _badge(size, days=20)
    flat = " ".join(subprocess.run(["pdftotext", "-", "-"], input=render_badge(data), capture_output=True,
                                   check=True).stdout.decode().split())
    assert "12/03/2025 – 01/04/2025" in flat  # whole, if not in the translator's words


def test_unknown_size_is_refused():
    data, _claim = _badge("id1")
    with pytest.raises(ValueError):
        render_badge(dataclasses.replace(data, size="a4"))


def test_render_page_errors(qapp):
    with pytest.raises(ValueError):
        pdf_render.page_count(b"not a pdf")
    with pytest.raises(IndexError):
        pdf_render.render_page(render_badge(_badge("id1")[0]), page=1)


def test_render_page_caps_the_resolution(qapp, monkeypatch):
    monkeypatch.setattr(pdf_render, "MAX_PIXELS", 1_000_000)
    image = pdf_render.render_page(render_badge(_badge("label62")[0]), dpi=2400)
    assert image.width() * image.height() <= 1_000_000
    assert image.width() * image.height() > 900_000


def test_decode_qr_finds_nothing_on_a_blank_page(qapp):
    from PySide6.QtGui import QImage

    blank = QImage(300, 200, QImage.Format.Format_RGB32)
    blank.fill(0xFFFFFFFF)
    assert pdf_render.decode_qr(blank) == []


class _BBoxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: list[tuple[float, float, float, float, str]] = []
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "word":
            self._current = dict(attrs)

    def handle_data(self, data):
        if self._current is not None:
            c = self._current
            self.words.append((float(c["xmin"]), float(c["ymin"]), float(c["xmax"]), float(c["ymax"]), data))
            self._current = None


def _words(pdf: bytes) -> list[tuple[float, float, float, float, str]]:
    """Word boxes in points, origin top-left (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    parser = _BBoxParser()
    parser.feed(html.decode())
    return parser.words


def _qr_box_points(found) -> tuple[float, float, float, float]:
    pos = found.position
    points = [pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right]
    scale = 72 / 300
    return (min(p.x for p in points) * scale, min(p.y for p in points) * scale,
            max(p.x for p in points) * scale, max(p.y for p in points) * scale)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
