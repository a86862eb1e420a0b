"""The receipt's two printed layouts (issue 16, point 4): the A5 page and the 80 mm roll, read back
with pdftotext in Italian and in English; what the document is and what follows it; COPY and
VOIDED only when set; the roll's width and its height growing with the lines; 20 lines on A5 and
more on a second numbered page; a line without VAT with its nature code and text; the stamp duty
as a line when charged, as a note when the Point pays it; nothing drawn past the paper's edge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from frontdesk.documents.receipts.receipt_document import VOIDED, PointData
from frontdesk.documents.receipts.receipt_pdf import ReceiptDocument, render_a5, render_roll
from frontdesk.domain.receipts.customer import CustomerCopy
from frontdesk.domain.receipts.receipt import LineInput, receipt_totals
from frontdesk.domain.settings import Settings
from frontdesk.i18n import set_language

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")

LAYOUTS = {"a5": render_a5, "roll": render_roll}
MM = 72 / 25.4
ISSUED_AT = dt.datetime(2026, 12, 2, 9, 42, tzinfo=dt.UTC)  # 10:42 in Rome
POINT = PointData.of(Settings(point_name="Point - Polo per l'innovazione tecnologica", point_address="Via Pasubio 5",
                              point_vat="03456780164", point_fiscal_code="95012340166", point_rea="BG-398765"))
BUSINESS = CustomerCopy(kind="it", name="Officine Meccaniche Bergamasche S.r.l.", vat_number="01114601006",
                        fiscal_code="01114601006", address="Via Provinciale 112", postcode="24044", city="Dalmine",
                        province="BG")
PERSON = CustomerCopy(kind="private", name="", first_name="Giulia", last_name="Rota", fiscal_code="RTOGLI85M41A794K",
                      address="Via Roma 3", postcode="24121", city="Bergamo", province="BG")
ITEMS = (
    LineInput("Prova di trazione a temperatura ambiente", Decimal(3), Decimal("95.00"), "22", kind="test"),
    LineInput("Durezza Brinell HBW 10/3000", Decimal(2), Decimal("40.00"), "22", kind="test"),
    LineInput("Corso sicurezza in laboratorio", Decimal(1), Decimal("180.00"), nature="N4", kind="training"),
    LineInput("Sala riunioni Brembo, mezza giornata", Decimal("1.5"), Decimal("60.00"), "22", kind="room"),
    LineInput("Pubblicazione atti convegno", Decimal(1), Decimal("15.00"), "4", kind="service"),
)


def receipt(items=ITEMS, *, charge_stamp_duty: bool = True, customer: CustomerCopy = BUSINESS,
            payment: str = "transfer", **changes) -> ReceiptDocument:
    doc = ReceiptDocument("R1-2026-000123", ISSUED_AT, POINT, customer,
                          receipt_totals(items, charge_stamp_duty=charge_stamp_duty), payment)
    return dataclasses.replace(doc, **changes)


def many(count: int) -> tuple[LineInput, ...]:
    return tuple(LineInput(f"Analisi chimica, colata {4400 + n}", Decimal(1), Decimal("55.00"), "22", kind="test")
                 for n in range(count))


def text_of(pdf: bytes, *, page: int | None = None) -> str:
    """The text read back in drawing order, its whitespace made single spaces (a wrapped line reads on)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    raw = subprocess.run(["pdftotext", "-raw", *pages, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return " ".join(raw.decode().split())


def info(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    width, height = re.match(r"\s*([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"]).groups()
    return float(width) / MM, float(height) / MM


def pages(pdf: bytes) -> int:
    return int(info(pdf)["Pages"])


@pytest.fixture
def italian():
    set_language("it")
    try:
        yield
    finally:
        set_language("en")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_says_in_italian_what_it_is_and_holds_every_item(italian, layout):
    text = text_of(LAYOUTS[layout](receipt()))
    lowered = text.lower()
    assert "ricevuta non fiscale" in lowered  # the roll's title is in capitals
    for expected in (
        "Attesta quanto concordato e pagato. Non è una fattura.", "La fattura elettronica seguirà.",
        # the Point's registered data
        "Point - Polo per l'innovazione tecnologica", "Via Pasubio 5, 24044 Dalmine (BG)", "P.IVA 03456780164",
        "C.F. 95012340166", "REA BG-398765",
        # the customer's copy
        "Officine Meccaniche Bergamasche S.r.l.", "Via Provinciale 112", "24044 Dalmine (BG)", "P.IVA 01114601006",
        "C.F. 01114601006", "Cliente",
        # number and time of issue in Rome
        "N. R1-2026-000123 del 02/12/2026 10:42",
        # the lines: description, quantity, unit price, rate or nature, amount
        "Prova di trazione a temperatura ambiente", "95,00 €", "285,00 €", "Durezza Brinell HBW 10/3000", "80,00 €",
        "Corso sicurezza in laboratorio", "180,00 €", "Sala riunioni Brembo, mezza giornata", "1,5", "60,00 €",
        "90,00 €", "Pubblicazione atti convegno", "15,00 €", "22%", "4%",
        # VAT per rate on the rate's sum (455,00 € at 22% = 100,10 €; 15,00 € at 4% = 0,60 €), natures with their text
        "Riepilogo IVA" if layout == "roll" else "Aliquota IVA o natura", "IVA 22%", "455,00 €", "100,10 €",
        "IVA 4%", "0,60 €", "N4 Esenti", "N1 Escluse ex art. 15 del D.P.R. 633/72",
        # the stamp duty charged as a line, the totals, the payment
        "Imposta di bollo", "2,00 €", "Totale imponibile", "652,00 €", "Totale IVA", "100,70 €", "752,70 €",
        "Pagamento: Bonifico bancario",
    ):
        assert expected in text, f"{expected!r} missing from the {layout}: {text}"
    assert "Non-fiscal" not in text and "VAT" not in text and "Payment" not in text  # nothing left in English


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_in_english(layout):
    text = text_of(LAYOUTS[layout](receipt()))
    assert "non-fiscal receipt" in text.lower()
    for expected in ("Proof of what was agreed and paid. This is not an invoice.",
                     "The electronic invoice will follow.", "VAT no. 03456780164", "Fiscal code 95012340166",
                     "REA BG-398765", "VAT no. 01114601006",
                     "No. R1-2026-000123 of 02/12/2026 10:42", "VAT 22%", "€100.10", "N4 Esenti", "Stamp duty",
                     "€752.70", "Payment: Bank transfer"):
        assert expected in text, f"{expected!r} missing from the {layout}: {text}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_copy_and_voided_are_marked_only_when_set(italian, layout):
    render = LAYOUTS[layout]
    original = text_of(render(receipt()))
    assert "COPIA" not in original and "ANNULLATA" not in original.upper()
    reprint = text_of(render(receipt(copy=True)))
    assert "COPIA" in reprint and "ANNULLATA" not in reprint.upper()
    voided = text_of(render(receipt(status=VOIDED, void_reason="Importo errato, riemessa con R1-2026-000124",
                                    voided_at=ISSUED_AT + dt.timedelta(minutes=23))))
    assert "ANNULLATA" in voided and "COPIA" not in voided
    assert "Annullata il 02/12/2026 11:05: Importo errato, riemessa con R1-2026-000124" in voided
    both = text_of(render(receipt(copy=True, status=VOIDED, void_reason="Cliente sbagliato")))
    assert "COPIA" in both and "ANNULLATA" in both and "Annullata: Cliente sbagliato" in both


def test_the_roll_is_80_mm_wide_one_page_and_grows_with_its_lines():
    short = render_roll(receipt(many(3)))
    long = render_roll(receipt(many(20)))
    (short_w, short_h), (long_w, long_h) = page_size_mm(short), page_size_mm(long)
    assert short_w == pytest.approx(80, abs=0.05) and long_w == pytest.approx(80, abs=0.05)
    assert pages(short) == pages(long) == 1
    assert long_h > short_h + 17 * 7  # each of 17 more lines takes a description and a detail line
    assert "Analisi chimica, colata 4419" in text_of(long)


def test_twenty_lines_fit_one_a5_page_and_more_continue_numbered(italian):
    twenty = render_a5(receipt(many(20)))
    assert page_size_mm(twenty) == (pytest.approx(148, abs=0.1), pytest.approx(210, abs=0.1))
    assert pages(twenty) == 1
    text = text_of(twenty)
    assert "Pagina 1 di 1" in text and "Analisi chimica, colata 4419" in text and "1.100,00 €" in text
    fifty = render_a5(receipt(many(50)))
    assert pages(fifty) == 2
    first, second = text_of(fifty, page=1), text_of(fifty, page=2)
    assert "Pagina 1 di 2" in first and "Pagina 2 di 2" in second
    assert "Descrizione" in second and "Importo" in second  # the lines' heading repeated
    assert "Totale" in second and "Totale imponibile" not in first
    assert "Analisi chimica, colata 4449" in second


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_line_without_vat_shows_its_nature_code_and_text(italian, layout):
    items = (LineInput("Fornitura provette a cliente UE", Decimal(1), Decimal("300.00"), nature="N3.2"),
             LineInput("Prova di piegamento", Decimal(1), Decimal("70.00"), "22"))
    text = text_of(LAYOUTS[layout](receipt(items)))
    assert "N3.2" in text and "N3.2 Non imponibili - cessioni intracomunitarie" in text and "300,00 €" in text
    # exports to the EU carry no stamp duty: neither the line nor the note
    assert "Imposta di bollo" not in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_stamp_duty_is_a_line_when_charged_and_a_note_when_the_point_pays_it(italian, layout):
    render = LAYOUTS[layout]
    charged = text_of(render(receipt(charge_stamp_duty=True)))
    assert "Imposta di bollo" in charged and "assolta dal Point" not in charged and "752,70 €" in charged
    paid_by_point = text_of(render(receipt(charge_stamp_duty=False)))
    assert "Imposta di bollo assolta dal Point" in paid_by_point
    assert "750,70 €" in paid_by_point and "752,70 €" not in paid_by_point  # not in the total
    assert paid_by_point.count("Imposta di bollo") == 1  # the note only, no line
    not_due = text_of(render(receipt(ITEMS[:2])))  # all with VAT
    assert "Imposta di bollo" not in not_due


@pytest.mark.parametrize("layout", LAYOUTS)
def test_what_follows_fits_the_payment_and_the_customer(italian, layout):
    render = LAYOUTS[layout]
    to_invoice = text_of(render(receipt(payment="invoice")))
    assert "Pagamento: Da fatturare" in to_invoice
    assert "Attesta quanto concordato. Non è una fattura." in to_invoice
    assert "La fattura elettronica seguirà; il pagamento è dovuto al suo ricevimento." in to_invoice
    person = text_of(render(receipt(customer=PERSON, payment="cash")))
    assert "Giulia Rota" in person and "C.F. RTOGLI85M41A794K" in person and "24121 Bergamo (BG)" in person
    assert "Pagamento: Contanti" in person and "P.IVA 0111" not in person
    assert "La fattura elettronica (o il documento commerciale) seguirà." in person
    card = text_of(render(receipt(payment="card")))
    assert "Pagamento: Carta" in card and "documento commerciale" not in card


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_foreign_company_and_a_public_body_as_their_copies_have_them(italian, layout):
    foreign = CustomerCopy(kind="foreign", name="Stahlwerk Thüringen GmbH", vat_number="DE123456789",
                           address="Kronacher Straße 6", postcode="07333", city="Unterwellenborn", country="Germania")
    text = text_of(LAYOUTS[layout](receipt(customer=foreign, payment="card")))
    assert all(part in text for part in ("Stahlwerk Thüringen GmbH", "Kronacher Straße 6", "07333 Unterwellenborn",
                                         "Germania", "P.IVA DE123456789", "La fattura elettronica seguirà."))
    assert "(o il documento commerciale)" not in text and "C.F." not in text.split("Cliente")[1]
    body = CustomerCopy(kind="public", name="Comune di Dalmine", fiscal_code="00232840167", address="Piazza Libertà 1",
                        postcode="24044", city="Dalmine", province="BG", country="IT")
    text = text_of(LAYOUTS[layout](receipt(customer=body)))
    assert all(part in text for part in ("Comune di Dalmine", "Piazza Libertà 1", "C.F. 00232840167"))
    assert "P.IVA" not in text.split("Cliente")[1] and " IT " not in text  # Italy is not written out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_point_under_another_tax_regime_says_so(italian, layout):
    flat_rate = dataclasses.replace(POINT, tax_regime="RF19")
    assert "Regime fiscale: Regime forfettario" in text_of(LAYOUTS[layout](receipt(point=flat_rate)))
    assert "Regime fiscale" not in text_of(LAYOUTS[layout](receipt()))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_is_drawn_past_the_paper(italian, layout):
    """Long names and descriptions wrap inside the margins (the roll: 72 mm printable of 80)."""
    long_customer = dataclasses.replace(BUSINESS, name="Consorzio per la Ricerca e lo Sviluppo delle Tecnologie "
                                                       "Metallurgiche Avanzate della Provincia di Bergamo S.c.a.r.l.")
    items = (LineInput("Prova di trazione a temperatura elevata secondo UNI EN ISO 6892-2, provette lavorate "
                       "dal laboratorio, compresa la preparazione e il rapporto", Decimal("12.5"),
                       Decimal("12345.67"), "22"), *ITEMS)
    pdf = LAYOUTS[layout](receipt(items, customer=long_customer, copy=True, status=VOIDED,
                                  void_reason="Emessa per errore al cliente sbagliato, sostituita da R1-2026-000124"))
    width_mm, _height = page_size_mm(pdf)
    margin = 4 if layout == "roll" else 10
    boxes = word_boxes(pdf)
    assert boxes
    for word, x_min, x_max in boxes:
        assert x_min >= margin - 0.5 and x_max <= width_mm - margin + 0.5, (word, x_min, x_max)
    assert "12,5 " in text_of(pdf) and "154.320,88 €" in text_of(pdf)  # 12,5 x 12.345,67


def word_boxes(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each word and its left and right edges in mm (pdftotext -bbox); the A5's diagonal COPY / VOIDED
    watermark (letters over 8 mm tall) left out."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    return [(word, float(x0) / MM, float(x1) / MM) for x0, y0, x1, y1, word in found
            if (float(y1) - float(y0)) / MM < 8]
