"""The sample label and the intake receipt as a scanner and a reader see them: PDF -> pdftoppm at
300 dpi -> zxing-cpp back to the token, which verifies to the right sample; page sizes; the
receipt's text (pdftotext) names the lab IDs and the totals."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import zxingcpp
from lab_helpers import add_test_types, customer, three_samples
from PIL import Image
from reportlab.lib.units import mm

from frontdesk.documents.lab.intake_receipt import render_intake_receipt
from frontdesk.documents.lab.label import render_labels
from frontdesk.domain.lab import sample_tokens
from frontdesk.i18n import format_money, set_language
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab import intake as svc
from frontdesk.services.lab.intake_documents import intake_receipt, labels_print_job, receipt_print_job

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")

LONG_COMPANY = "Officine Meccaniche di Precisione e Trattamenti Termici Bergamaschi Riuniti S.p.A."


@pytest.fixture
def intake(db, admin):
    add_test_types(db)
    company, person = customer(db, admin, name=LONG_COMPANY)
    return svc.take_in(db, intake=three_samples(company.id, contact_id=person.id), actor=admin)


def _pages(pdf: bytes, tmp_path, dpi: int = 300) -> list[Image.Image]:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")], check=True)
    return [Image.open(p) for p in sorted(tmp_path.glob("page-*.png"))]


def _text(pdf: bytes, tmp_path) -> str:
    source = tmp_path / "receipt.pdf"
    source.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_each_label_qr_decodes_to_its_token_which_verifies_to_its_sample(db, intake, tmp_path):
    labels = svc.labels_for(db, sample_ids=intake.sample_ids)
    pages = _pages(render_labels(labels), tmp_path)
    assert len(pages) == 3
    keys = load_keyring().keys
    for page, sample in zip(pages, intake.samples, strict=True):
        (found,) = zxingcpp.read_barcodes(page)
        assert found.text == sample.token
        claim = sample_tokens.verify(found.text, keys)
        assert (claim.sample_id, claim.lab_id) == (sample.sample_id, sample.lab_id)


def test_a_specimens_label_decodes_too(db, admin, intake, tmp_path):
    (specimen,) = svc.split_sample(db, sample_id=intake.samples[0].sample_id, count=1, actor=admin)
    (page,) = _pages(render_labels(svc.labels_for(db, sample_ids=[specimen.sample_id])), tmp_path)
    (found,) = zxingcpp.read_barcodes(page)
    assert sample_tokens.verify(found.text, load_keyring().keys).lab_id == "R1-000001-1"


def test_the_label_page_is_exactly_50_by_25_mm(db, intake, tmp_path):
    pdf = render_labels(svc.labels_for(db, sample_ids=intake.sample_ids))
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == 3
    for width, height in boxes:
        assert float(width) == pytest.approx(50 * mm, abs=0.01)
        assert float(height) == pytest.approx(25 * mm, abs=0.01)
    page = _pages(pdf, tmp_path)[0]
    assert page.size == (pytest.approx(50 / 25.4 * 300, abs=1), pytest.approx(25 / 25.4 * 300, abs=1))


def test_the_label_says_sample_and_shows_the_lab_id_and_the_company_cut_to_fit(db, intake, tmp_path):
    set_language("it")
    pdf = render_labels(svc.labels_for(db, sample_ids=intake.sample_ids[:1]))
    text = _text(pdf, tmp_path)
    assert "CAMPIONE" in text and "R1-000001" in text and "Acciaio S355JR" in text
    assert "Officine Meccaniche" in text and "S.p.A." not in text  # shortened with an ellipsis
    assert "Ricevuto il" in text


def test_the_receipt_lists_lab_ids_tests_totals_and_the_agreement(db, intake, tmp_path):
    set_language("it")
    pdf = render_intake_receipt(intake_receipt(db, request_id=intake.request_id))
    text = " ".join(_text(pdf, tmp_path).split())
    for lab_id in ("R1-000001", "R1-000002", "R1-000003"):
        assert lab_id in text
    assert "Ricevuta di accettazione campioni R1-000001" in text
    for amount in (intake.totals.net, intake.totals.vat, intake.totals.total):
        assert " ".join(format_money(amount).split()) in text
    assert "1.018,70" in text and "835,00" in text and "183,70" in text
    assert "Prova di trazione a temperatura ambiente" in text and "UNI EN ISO 6892-1:2020" in text
    assert "Nebbia salina neutra (NSS), 240 h" in text
    assert "Zincatura 85 µm dichiarata" in text and "informazione fornita dal cliente" in text
    assert "Marcatura del lotto illeggibile" in text and "Procedere comunque" in text
    assert "EN 10025-2 S355JR" in text and "Accettazione semplice (w = 0)" in text
    assert "Accettato da" in text and "Nicolò Bergamelli" in text
    assert "Urgente" in text
    assert "non è una ricevuta fiscale" in text
    assert "Via Pasubio 5" in text


def test_print_jobs_name_their_printers(db, admin, intake):
    update_settings(db, changes={"printers": {"sample_label": "Zebra ZD421", "report": "Ufficio A4"}}, actor=admin)
    labels = labels_print_job(db, sample_ids=intake.sample_ids)
    receipt = receipt_print_job(db, request_id=intake.request_id)
    assert (labels.kind, labels.printer) == ("sample_label", "Zebra ZD421")
    assert (receipt.kind, receipt.printer) == ("report", "Ufficio A4")
    assert labels.pdf.startswith(b"%PDF") and receipt.pdf.startswith(b"%PDF")
    assert "Bergamelli" not in labels.title + receipt.title  # no personal data in print queues


def test_the_receipt_in_english(db, intake, tmp_path):
    text = " ".join(_text(render_intake_receipt(intake_receipt(db, request_id=intake.request_id)), tmp_path).split())
    assert "Sample intake receipt R1-000001" in text and "Tensile test at room temperature" in text
    assert "Simple acceptance (w = 0)" in text and "This is not a fiscal receipt" in text
    assert "€1,018.70" in text and "(information supplied by the customer, not verified by the lab)" in text
