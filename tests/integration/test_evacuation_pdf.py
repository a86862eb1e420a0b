"""The evacuation list: pages, repeated headings, names and the printing time as text."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from frontdesk import i18n
from frontdesk.documents import fonts
from frontdesk.documents.reception.evacuation_list import (
    FOOTER_Y,
    MARGIN,
    EvacuationEntry,
    EvacuationList,
    footer_lines,
    paginate,
    render_evacuation_list,
    since_text,
)
from frontdesk.ui import pdf_render

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")

PRINTED = dt.datetime(2025, 3, 12, 13, 32, tzinfo=dt.UTC)  # 14:32 in Rome (CET)
POINT = "Point — Parco Scientifico Tecnologico di Dalmine"


def _entries(count: int) -> tuple[EvacuationEntry, ...]:
    return tuple(
        EvacuationEntry(name=f"Visitatore{index:03d} Nicolò", company=f"Azienda{index:03d} S.r.l.",
                        host="Ing. Giulia Rota", since=PRINTED - dt.timedelta(minutes=5 + index))
        for index in range(count)
    )


def _text(pdf: bytes, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_nobody_on_site(qapp):
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, ()))
    assert pdf_render.page_count(pdf) == 1
    text = _text(pdf)
    assert "Nobody is on site." in text
    assert "Evacuation list — people on site" in text
    assert "14:32" in text
    assert "Page 1 of 1" in text


def test_three_people_in_the_given_order(qapp):
    entries = (
        EvacuationEntry("Nicolò D'Alessandro", "Officine Meccaniche Bergamasche S.r.l.", "Ing. Giulia Rota",
                        dt.datetime(2025, 3, 12, 8, 5, tzinfo=dt.UTC)),
        EvacuationEntry("Anna Bonetti", "Tenaris Dalmine S.p.A.", "Dott. Paolo Bianchi",
                        dt.datetime(2025, 3, 12, 12, 40, tzinfo=dt.UTC)),
        EvacuationEntry("Zeno Gritti", "Acme", "Laboratorio prove", dt.datetime(2025, 3, 10, 15, 0, tzinfo=dt.UTC)),
    )
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, entries))
    assert pdf_render.page_count(pdf) == 1
    text = _text(pdf)
    positions = [text.index(entry.name) for entry in entries]
    assert positions == sorted(positions)  # kept as given, not re-sorted
    assert "3 people on site" in text
    assert "14:32" in text
    assert "09:05" in text and "13:40" in text  # since, in Rome time
    assert "10/03 16:00" in text  # arrived on an earlier day: the day is shown too
    for heading in ("Name", "Company", "Host", "Since"):
        assert heading in text
    assert "Nobody is on site" not in text


def test_one_person_is_singular():
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, _entries(1)))
    assert "1 person on site" in _text(pdf)


def test_eighty_people_span_pages_with_headings_on_each(qapp):
    entries = _entries(80)
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, entries))
    pages = pdf_render.page_count(pdf)
    assert pages > 1
    assert pages == len(paginate(80))
    seen: list[str] = []
    for page in range(1, pages + 1):
        text = _text(pdf, page)
        assert f"Page {page} of {pages}" in text
        assert "Name" in text and "Company" in text and "Since" in text
        assert "14:32" in text  # every page says which list it belongs to
        seen += [entry.name for entry in entries if entry.name in text]
    assert seen == [entry.name for entry in entries]  # each exactly once, in order
    assert "80 people on site" in _text(pdf, 1)


def test_long_texts_are_cut_to_their_column(qapp):
    long = "Officine Meccaniche Bergamasche di Precisione e Trattamenti Termici S.r.l. " * 3
    entries = (EvacuationEntry("Maria Francesca Bonaventura Castelli di Sant'Agata dei Goti " * 3, long, long,
                               PRINTED - dt.timedelta(hours=1)),)
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, entries))
    text = _text(pdf)
    assert "…" in text
    assert long.strip() not in " ".join(text.split())
    image = pdf_render.render_page(pdf, dpi=72)
    assert image.width() == 595


def test_page_renders_on_white(qapp):
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, _entries(3)))
    image = pdf_render.render_page(pdf, dpi=50)
    corner = image.pixelColor(2, image.height() - 2)
    assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)


def test_since_text():
    assert since_text(dt.datetime(2025, 3, 12, 7, 0, tzinfo=dt.UTC), PRINTED) == "08:00"
    assert since_text(dt.datetime(2025, 3, 11, 22, 30, tzinfo=dt.UTC), PRINTED) == "11/03 23:30"


def test_paginate():
    assert paginate(0) == [range(0, 0)]
    pages = paginate(200)
    assert [i for page in pages for i in page] == list(range(200))


LONG_DAY = dt.datetime(2026, 9, 30, 12, 32, tzinfo=dt.UTC)  # mercoledì 30 settembre 2026, 14:32 in Rome
FOOTER_BAND = 16 * 72 / 25.4  # the bottom 16 mm of the page, below the table


def _footer_text(pdf: bytes, page: int) -> str:
    """The text in the footer band of `page` (from 1), whitespace collapsed."""
    args = ["pdftotext", "-r", "72", "-x", "0", "-y", str(int(842 - FOOTER_BAND)), "-W", "595",
            "-H", str(int(FOOTER_BAND) + 1), "-f", str(page), "-l", str(page), "-", "-"]
    return " ".join(subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode().split())


@pytest.mark.parametrize("point", [POINT, "Point — Parco Scientifico e Tecnologico della Camera di Commercio di "
                                          "Bergamo, sede di Dalmine"])
def test_the_footer_is_whole_in_italian_on_every_page_of_a_long_list(qapp, point):
    i18n.set_language("it")
    pdf = render_evacuation_list(EvacuationList(point, LONG_DAY, _entries(1000)))
    pages = pdf_render.page_count(pdf)
    assert pages >= 30  # "Pagina 30 di 32": the widest page label
    for page in (1, 2, pages):
        footer = _footer_text(pdf, page)
        assert point in footer
        assert "Lista di evacuazione · mercoledì 30 settembre 2026, 14:32" in footer
        assert f"Pagina {page} di {pages}" in footer
        assert "…" not in footer


def test_a_point_name_too_long_for_a_line_is_cut_but_the_time_stays_whole(qapp):
    i18n.set_language("it")
    point = "Point — Parco Scientifico e Tecnologico " * 6
    pdf = render_evacuation_list(EvacuationList(point, LONG_DAY, _entries(3)))
    footer = _footer_text(pdf, 1)
    assert "…" in footer and point.strip() not in footer
    assert "Lista di evacuazione · mercoledì 30 settembre 2026, 14:32" in footer
    assert "Pagina 1 di 1" in footer


def test_the_footer_stays_on_its_page_and_below_the_table():
    page_w = 595.27
    for point in (POINT, "Point " * 40):
        lines = footer_lines(point, "Lista di evacuazione · mercoledì 30 settembre 2026, 14:32", "Pagina 300 di 300",
                             page_w - 2 * MARGIN)
        assert 1 <= len(lines) <= 2
        bottom = FOOTER_Y - sum(size * 1.25 for size, _line in lines[1:])
        assert bottom >= 5 * 72 / 25.4  # above a printer's unprintable edge
        for size, line in lines:
            assert fonts.width(line, fonts.REGULAR, size) <= page_w - 2 * MARGIN


def test_who_is_at_a_lab_machine_has_a_section_of_its_own(qapp):
    """Issue 14, point 5: the roll call also lists who works at a lab machine now, by machine and room."""
    from frontdesk.documents.reception.evacuation_list import LabWorker

    workers = (LabWorker("Anna Bonfanti", "NS-01 Nebbia salina", "Sala prove B",
                         dt.datetime(2025, 3, 12, 7, 0, tzinfo=dt.UTC), paused=True),
               LabWorker("Marco Rota", "TR-01 Zwick Z250", "Sala prove A",
                         dt.datetime(2025, 3, 12, 13, 10, tzinfo=dt.UTC)))
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, _entries(2), workers))
    assert pdf_render.page_count(pdf) == 1  # under the visitors, on their page
    text = _text(pdf)
    assert "2 people on site" in text and "And 2 people at lab machines" in text
    heading = text.index("2 people working at lab machines")  # the section's own line, under its title
    assert text.index("Visitatore001") < text.index("In the lab now\n") < heading < text.index("Anna Bonfanti")
    for value in ("NS-01 Nebbia salina", "Sala prove B", "08:00, paused", "Marco Rota",
                  "TR-01 Zwick Z250", "14:10", "Page 1 of 1"):
        assert value in text


def test_the_lab_section_goes_on_when_the_page_is_full(qapp):
    from frontdesk.documents.reception.evacuation_list import LabWorker, rows_per_page

    first, others = rows_per_page()
    workers = tuple(LabWorker(f"Tecnico{i:03d} Rota", "TR-01 Zwick Z250", "Sala prove A",
                              PRINTED - dt.timedelta(hours=1)) for i in range(others + 5))
    pdf = render_evacuation_list(EvacuationList(POINT, PRINTED, _entries(first), workers))
    pages = pdf_render.page_count(pdf)
    assert pages == 3  # the visitors fill page 1; the lab section starts on page 2 and goes on
    section = f"{len(workers)} people working at lab machines"
    assert section not in _text(pdf, 1) and section in _text(pdf, 2)
    everything = _text(pdf)
    for worker in workers:
        assert worker.name in everything
    assert "Page 3 of 3" in _text(pdf, 3)


def test_nobody_visiting_but_someone_at_a_lab_machine(qapp):
    from frontdesk.documents.reception.evacuation_list import LabWorker

    worker = LabWorker("Anna Bonfanti", "TR-01 Zwick Z250", "", None)
    text = _text(render_evacuation_list(EvacuationList(POINT, PRINTED, (), (worker,))))
    assert "No visitor is on site." in text and "Nobody is on site" not in text
    assert "And 1 person at a lab machine" in text and "1 person working at a lab machine" in text


def test_the_lab_section_in_italian(qapp):
    from frontdesk.documents.reception.evacuation_list import LabWorker

    i18n.set_language("it")
    try:
        worker = LabWorker("Anna Bonfanti", "TR-01 Zwick Z250", "Sala prove A",
                           dt.datetime(2025, 3, 12, 7, 0, tzinfo=dt.UTC), paused=True)
        text = _text(render_evacuation_list(EvacuationList(POINT, PRINTED, _entries(1), (worker,))))
    finally:
        i18n.set_language("en")
    assert "In laboratorio ora" in text and "08:00, in pausa" in text
    assert "E 1 persona a una macchina del laboratorio" in text
