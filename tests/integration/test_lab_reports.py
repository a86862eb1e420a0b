"""Test reports: each item ISO/IEC 17025 7.8.2.1 asks, read back from the PDF (pdftotext) in Italian
and English; readiness refusals that write nothing; revisions; the PDF drawn again byte for byte;
e-mail through a real local SMTP server; anonymisation and the visitor retention leave reports whole."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import json
import subprocess

import pytest
from lab_report_rows import job_ids, report_request, set_status, statuses, verify
from sqlalchemy import func, select

from frontdesk.db.lab_models import LAB_MODELS, LabReport, LabRequest, TestJob
from frontdesk.db.models import AuditEvent, Visit, Visitor
from frontdesk.domain.errors import Conflict, DeliveryFailed, PermissionDenied, ValidationError
from frontdesk.domain.lab.report_content import ReportContent
from frontdesk.domain.roles import Role
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab import reports
from frontdesk.services.privacy import retention
from frontdesk.services.privacy.rights import erase_person


def _pages(pdf: bytes, tmp_path) -> list[str]:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(source), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture
def verified(db, admin):
    """A request of one sample whose 5 tests are verified (Charpy with two result versions, the
    metallography done by an external lab): (intake summary, sample id, tests by code)."""
    intake = report_request(db, admin)
    sample_id = intake.samples[0].sample_id
    tests = job_ids(db, sample_id)
    verify(db, [tests[c] for c in ("TENSILE-RT", "HB", "HV")])
    verify(db, [tests["CHARPY-V"]], versions=2)
    verify(db, [tests["MICRO"]], external="Laboratorio Metallurgico Lombardo S.r.l.")
    return intake, sample_id, tests


# 7.8.2.1 (and 7.8.2.2, 7.8.3.1, 7.8.6, scope marks, the notes), item by item: what the PDF must say.
def _clauses(lang: str, report, intake) -> list[tuple[str, list[str]]]:
    it = lang == "it"
    return [
        ("7.8.2.1 a) title", ["Rapporto di prova" if it else "Test report"]),
        ("7.8.2.1 b) lab's name and address", ["Point - Polo per l'innovazione tecnologica",
                                               "Via Pasubio 5, 24044 Dalmine (BG)"]),
        ("7.8.2.1 b) where the tests were done", ["Luogo delle prove" if it else "Where the tests were performed",
                                                  "Laboratorio prove materiali, edificio B"]),
        ("7.8.2.1 c) unique ID", [report.report_id]),
        ("7.8.2.1 c) clear end", ["Fine del rapporto di prova" if it else "End of test report"]),
        ("7.8.2.1 d) customer's name and contact", ["Officine Meccaniche Bergamasche S.r.l.", "Nicolò Bergamelli",
                                                    "n.bergamelli@omb.example"]),
        ("7.8.2.1 e) method", ["UNI EN ISO 6892-1:2020", "UNI EN ISO 148-1:2017", "Metodo B"]),
        ("7.8.2.1 f) item: ID, description, condition", [intake.samples[0].lab_id, "Piatto 20 x 200 x 300 mm",
                                                         "Integro, leggera ossidazione superficiale"]),
        ("7.8.2.1 g) date of receipt", ["Ricevimento dei campioni" if it else "Receipt of the items",
                                        dt.date.today().strftime("%d/%m/%Y")]),
        ("7.8.2.1 h) dates of testing", ["Esecuzione delle prove" if it else "Testing"]),
        ("7.8.2.1 i) date of issue", ["Emissione del rapporto" if it else "Issue of the report"]),
        ("7.8.2.1 m) results with units", ["512,5" if it else "512.5", "MPa", "HBW", "J"]),
        ("7.8.2.1 n) deviations from the method", ["Provetta ridotta (sezione 10 x 10 mm)"]),
        ("7.8.2.1 o) who authorised it", ["Autorizzato da" if it else "Authorised by", report.authorised_by]),
        ("7.8.2.1 p) external provider identified", ["Laboratorio Metallurgico Lombardo S.r.l.",
                                                     "laboratorio esterno" if it else "external laboratory"]),
        ("7.8.2.1 relate only to the items tested", ["esclusivamente agli oggetti provati" if it
                                                     else "relate only to the items tested"]),
        ("7.8.2.2 supplied by the customer", ["Colata 4471 dichiarata dal cliente",
                                              "fornita dal cliente" if it else "supplied by the customer"]),
        ("7.8.3.1 test conditions", ["Condizioni di prova" if it else "Test conditions", "°C"]),
        ("7.8.3.1 measurement uncertainty", ["Incertezza U (k = 2)" if it else "Uncertainty U (k = 2)", "± 10"]),
        ("7.8.6 specification, results covered, decision rule", [
            "EN 10025-2 S355JR", "Regola decisionale concordata" if it else "Decision rule agreed",
            "Accettazione semplice" if it else "Simple acceptance",
            f"{intake.samples[0].lab_id} · " + ("Prova di trazione" if it else "Tensile test")]),
        ("outside the accreditation scope marked", ["non accreditata" if it else "Not accredited"]),
        ("not reproduced except in full", ["non può essere riprodotto parzialmente" if it
                                           else "shall not be reproduced except in full"]),
    ]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_report_says_every_item_iso_17025_asks(db, admin, verified, lang, tmp_path):
    intake, sample_id, _tests = verified
    update_settings(db, changes={"lab_test_site": "Laboratorio prove materiali, edificio B"}, actor=admin)
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language=lang, actor=admin,
                                   verdict="conforms")
    printed = reports.report_pdf(db, report_id=summary.id)
    pages = _pages(printed.pdf, tmp_path)
    whole = " ".join(pages)
    missing = [(clause, word) for clause, words in _clauses(lang, summary, intake) for word in words
               if word not in whole]
    assert missing == []
    # 7.8.2.1 c): the report ID and "page X of Y" on every page; the end marker on the last one only
    assert len(pages) >= 2
    page_word = "Pagina {n} di {total}" if lang == "it" else "Page {n} of {total}"
    for n, page in enumerate(pages, start=1):
        assert summary.report_id in page and page_word.format(n=n, total=len(pages)) in page
    end = "Fine del rapporto di prova" if lang == "it" else "End of test report"
    assert end in pages[-1] and all(end not in page for page in pages[:-1])
    # the latest result version of Charpy is printed, not the first one
    assert "999" not in whole


def test_issue_marks_tests_reported_keeps_the_contact_and_the_pdf_fingerprint(db, admin, verified):
    intake, sample_id, _tests = verified
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                   verdict="conforms")
    assert summary.report_id == summary.number and summary.number.endswith("-000001")
    assert set(statuses(db, sample_id).values()) == {"reported"}
    printed = reports.report_pdf(db, report_id=summary.id)
    assert printed.matches_issued and hashlib.sha256(printed.pdf).hexdigest() == summary.pdf_sha256
    assert reports.report_pdf(db, report_id=summary.id).pdf == printed.pdf  # same content, same bytes
    with db.read() as session:
        row = session.get(LabReport, summary.id)
        assert (row.contact_name, row.contact_email) == ("Nicolò Bergamelli", "n.bergamelli@omb.example")
        assert row.customer_name == "Officine Meccaniche Bergamasche S.r.l."
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "lab_report.issue")).one()
        assert json.loads(event.changes)["number"] == [None, summary.number]
    # every test already reported: a second report is refused (a correction is a revision)
    with pytest.raises(ValidationError, match="revision"):
        reports.issue_report(db, request_id=intake.request_id, sample_id=None, language="it", actor=admin,
                             verdict="conforms")


def _written(db) -> tuple[int, int, str]:
    with db.read() as session:
        count = session.scalar(select(func.count()).select_from(LabReport))
        events = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.like("lab_report.%")))
        series = session.execute(select(func.count()).select_from(LabReport)).scalar()
    return count, events, str(series)


def test_a_report_with_tests_not_verified_is_refused_naming_them_and_nothing_is_written(db, admin):
    from frontdesk.i18n import set_language

    intake = report_request(db, admin)
    sample_id = intake.samples[0].sample_id
    tests = job_ids(db, sample_id)
    verify(db, [tests[c] for c in ("TENSILE-RT", "HB", "HV")])
    set_status(db, tests["CHARPY-V"], "completed")
    before = statuses(db, sample_id)
    readiness = reports.report_readiness(db, request_id=intake.request_id, sample_id=sample_id)
    assert not readiness.ready and {p.name for p in readiness.pending} == {
        "Charpy V-notch impact test", "Micrographic examination"}
    set_language("it")
    with pytest.raises(ValidationError) as refused:
        reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                             verdict="conforms")
    message = str(refused.value)
    assert "non sono ancora verificate" in message and "completata" in message and "richiesta" in message
    assert all(p.lab_id in message for p in readiness.pending)
    assert _written(db)[:2] == (0, 0) and statuses(db, sample_id) == before
    set_language("en")
    # the refused attempt consumed no number: the first report issued is number 1
    verify(db, [tests["CHARPY-V"], tests["MICRO"]])
    assert reports.report_readiness(db, request_id=intake.request_id, sample_id=sample_id).ready
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="en", actor=admin,
                                   verdict="conforms")
    assert summary.number.endswith("-000001")


def test_cancelled_tests_are_listed_as_not_performed_and_do_not_hold_the_report(db, admin, tmp_path):
    intake = report_request(db, admin, tests=("TENSILE-RT", "HB"))
    sample_id = intake.samples[0].sample_id
    tests = job_ids(db, sample_id)
    verify(db, [tests["TENSILE-RT"]])
    set_status(db, tests["HB"], "cancelled", cancel_reason="Provino troppo sottile per HBW")
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=None, language="it", actor=admin,
                                   verdict="conforms")
    whole = " ".join(_pages(reports.report_pdf(db, report_id=summary.id).pdf, tmp_path))
    assert "Non eseguita: Provino troppo sottile per HBW" in whole
    assert statuses(db, sample_id) == {"TENSILE-RT": "reported", "HB": "cancelled"}


def test_only_the_lab_manager_issues_reports(db, admin, add_staff, verified):
    intake, sample_id, _tests = verified
    technician = add_staff("tecnico", Role.LAB_TECHNICIAN).actor
    with pytest.raises(PermissionDenied):
        reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=technician,
                             verdict="conforms")
    assert _written(db)[0] == 0


def test_a_revision_names_and_replaces_the_original_which_is_kept(db, admin, verified, tmp_path):
    intake, sample_id, tests = verified
    original = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="en", actor=admin,
                                    verdict="conforms")
    # a correction: the test is reopened (round 2), measured again, verified again
    set_status(db, tests["TENSILE-RT"], "scheduled", round=2, reopen_reason="Rm trascritto male")
    verify(db, [tests["TENSILE-RT"]], readings={"TENSILE-RT": (
        [{"code": "rm", "value": "521.5", "unit": "MPa", "uncertainty": "10"}], {"temperature": "23"})})
    with pytest.raises(ValidationError):
        reports.revise_report(db, report_id=original.id, reason="", changes="Rm", actor=admin)
    revision = reports.revise_report(db, report_id=original.id, reason="Transcription error in Rm",
                                     changes="Tensile strength Rm: 521.5 MPa (was 512.5 MPa)", actor=admin)
    assert (revision.number, revision.revision, revision.report_id) == (
        original.number, 1, f"{original.number} rev. 1")
    whole = " ".join(_pages(reports.report_pdf(db, report_id=revision.id).pdf, tmp_path))
    assert f"This report replaces report {original.report_id}." in whole
    assert "Transcription error in Rm" in whole and "521.5" in whole and "512.5" not in whole.split("was")[0][-200:]
    # the original is kept, unchanged, and still draws its own bytes
    old = reports.report_pdf(db, report_id=original.id)
    assert old.matches_issued and "512.5" in " ".join(_pages(old.pdf, tmp_path))
    listed = {r.report_id: r for r in reports.issued_reports(db)}
    assert listed[original.report_id].replaced_by == revision.report_id
    assert statuses(db, sample_id)["TENSILE-RT"] == "reported"
    # a revision of the replaced original is refused, naming the latest; the latest can be revised
    with pytest.raises(Conflict, match=r"rev\. 1"):
        reports.revise_report(db, report_id=original.id, reason="again", changes="again", actor=admin)
    second = reports.revise_report(db, report_id=revision.id, reason="Customer's address", changes="Address",
                                   actor=admin)
    assert second.report_id == f"{original.number} rev. 2"
    with pytest.raises(Conflict, match=r"rev\. 2"):
        reports.revise_report(db, report_id=original.id, reason="again", changes="again", actor=admin)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(LabReport)) == 3


def _sends(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "lab_report.send"))


def test_the_report_is_emailed_to_the_contact_with_its_pdf(db, admin, verified, smtp):
    controller, handler = smtp
    intake, sample_id, _tests = verified
    update_settings(db, changes={"smtp_host": "127.0.0.1", "smtp_port": controller.port,
                                 "smtp_sender": "lab@point.example"}, actor=admin)
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                   verdict="conforms")
    sent = reports.send_report(db, report_id=summary.id, actor=admin)
    assert sent.to == "n.bergamelli@omb.example" and len(handler.messages) == 1
    message = email.message_from_bytes(handler.messages[0].content, policy=email.policy.default)
    assert message["To"] == "n.bergamelli@omb.example" and summary.report_id in message["Subject"]
    assert message["Subject"].startswith("Rapporto di prova")
    attachment = next(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert hashlib.sha256(attachment.get_content()).hexdigest() == summary.pdf_sha256
    assert _sends(db) == 1


def test_a_mail_server_down_or_missing_is_a_clear_message_and_nothing_is_recorded_as_sent(db, admin, verified,
                                                                                          free_port):
    from frontdesk.i18n import set_language

    intake, sample_id, _tests = verified
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                   verdict="conforms")
    set_language("it")
    with pytest.raises(ValidationError, match="server di posta"):
        reports.send_report(db, report_id=summary.id, actor=admin)
    update_settings(db, changes={"smtp_host": "127.0.0.1", "smtp_port": free_port}, actor=admin)
    with pytest.raises(DeliveryFailed, match="non è stato inviato"):
        reports.send_report(db, report_id=summary.id, actor=admin, timeout=2)
    assert _sends(db) == 0


def _lab_rows(db) -> dict[str, int]:
    with db.read() as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in LAB_MODELS}


def test_erasing_the_contact_leaves_the_report_and_its_contact_copy_whole(db, admin, verified):
    intake, sample_id, _tests = verified
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                   verdict="conforms")
    with db.read() as session:
        contact_id = session.get(LabRequest, intake.request_id).contact_id
        before = session.get(LabReport, summary.id).content
    erase_person(db, visitor_id=contact_id, reason="Richiesta via e-mail, pratica 45", actor=admin)
    with db.read() as session:
        assert session.get(Visitor, contact_id).anonymised_at is not None
        row = session.get(LabReport, summary.id)
        assert row.content == before and row.contact_name == "Nicolò Bergamelli"
        assert row.contact_email == "n.bergamelli@omb.example"
    content = reports.report_content(db, report_id=summary.id)
    assert isinstance(content, ReportContent) and content.contact_name == "Nicolò Bergamelli"
    assert reports.report_pdf(db, report_id=summary.id).matches_issued


def test_the_visitor_retention_never_removes_or_empties_lab_records(db, admin, verified):
    intake, sample_id, _tests = verified
    summary = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                   verdict="conforms")
    long_ago = dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.UTC)
    with db.begin() as session:  # the contact came once, long ago: the retention is due for them
        for visitor in session.scalars(select(Visitor)):
            visitor.last_visit_at = long_ago
            visitor.created_at = long_ago
        for visit in session.scalars(select(Visit)):
            visit.status = "out"
        before_content = session.get(LabReport, summary.id).content
    rows = _lab_rows(db)
    done = retention.apply_retention(db, actor=admin)
    assert done.anonymised >= 1
    assert _lab_rows(db) == rows
    with db.read() as session:
        row = session.get(LabReport, summary.id)
        assert row.content == before_content and row.contact_email == "n.bergamelli@omb.example"
        assert session.scalar(select(func.count()).select_from(TestJob)) == 5


def test_report_pages_render_as_images_in_both_languages_and_as_a_revision(db, admin, verified, screenshots_folder):
    """The pages as a reader sees them (pdftoppm -r 100), kept with the run's screenshots to look at."""
    intake, sample_id, tests = verified
    first = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                 verdict="conforms")
    set_status(db, tests["TENSILE-RT"], "scheduled", round=2, reopen_reason="Rm trascritto male")
    verify(db, [tests["TENSILE-RT"]])
    revision = reports.revise_report(db, report_id=first.id, reason="Errore di trascrizione del valore di Rm",
                                     changes="Resistenza a trazione Rm: 512,5 MPa (era 521,5 MPa)", actor=admin)
    other = report_request(db, admin)
    verify(db, job_ids(db, other.samples[0].sample_id).values())
    english = reports.issue_report(db, request_id=other.request_id, sample_id=None, language="en", actor=admin,
                                   verdict="conforms")
    for name, pdf in (("lab_report_it", reports.report_pdf(db, report_id=first.id).pdf),
                      ("lab_report_en", reports.report_pdf(db, report_id=english.id).pdf),
                      ("lab_report_revision", reports.report_pdf(db, report_id=revision.id).pdf)):
        path = screenshots_folder / f"{name}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(screenshots_folder / name)], check=True)
        pngs = sorted(screenshots_folder.glob(f"{name}-*.png"))
        assert len(pngs) == len(_pages(pdf, screenshots_folder)) >= 2


def test_two_windows_revising_the_same_report_at_once_make_one_revision(db, admin, verified):
    from concurrent.futures import ThreadPoolExecutor

    intake, sample_id, _tests = verified
    original = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                    verdict="conforms")

    def revise(n):
        try:
            return reports.revise_report(db, report_id=original.id, reason=f"motivo {n}", changes=f"modifica {n}",
                                         actor=admin)
        except Conflict as refused:
            return refused

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(revise, (1, 2)))
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "ReportSummary"]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(LabReport).where(
            LabReport.replaces_id == original.id)) == 1


def test_a_statement_of_conformity_states_its_outcome_and_a_revision_keeps_or_changes_it(db, admin, verified,
                                                                                         tmp_path):
    """7.8.6: which specification is met or not. Asked when the request wanted a statement of
    conformity: without it the report is refused and nothing is written."""
    from frontdesk.i18n import set_language

    intake, sample_id, _tests = verified
    set_language("it")
    before = statuses(db, sample_id)
    with pytest.raises(ValidationError, match="dichiarazione di conformità a EN 10025-2 S355JR"):
        reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin)
    assert reports.issued_reports(db) == () and statuses(db, sample_id) == before
    with pytest.raises(ValidationError):
        reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                             verdict="perhaps")
    issued = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="it", actor=admin,
                                  verdict="conforms")
    text = " ".join(" ".join(_pages(reports.report_pdf(db, report_id=issued.id).pdf, tmp_path)).split())
    assert "Esito Conforme alla specifica" in text and "EN 10025-2 S355JR" in text
    kept = reports.revise_report(db, report_id=issued.id, reason="Indirizzo del cliente", changes="Indirizzo",
                                 actor=admin)
    assert reports.report_content(db, report_id=kept.id).conformity.verdict == "conforms"
    changed = reports.revise_report(db, report_id=kept.id, reason="Rm fuori specifica dopo la ripetizione",
                                    changes="Esito", verdict="does_not_conform", actor=admin)
    text = " ".join(" ".join(_pages(reports.report_pdf(db, report_id=changed.id).pdf, tmp_path)).split())
    assert "Esito Non conforme alla specifica" in text


def test_a_request_without_a_statement_of_conformity_prints_none(db, admin, tmp_path):
    intake = report_request(db, admin, conformity=False)
    sample_id = intake.samples[0].sample_id
    verify(db, job_ids(db, sample_id).values())
    issued = reports.issue_report(db, request_id=intake.request_id, sample_id=sample_id, language="en", actor=admin)
    assert reports.report_content(db, report_id=issued.id).conformity is None
    assert "Statement of conformity" not in " ".join(_pages(reports.report_pdf(db, report_id=issued.id).pdf, tmp_path))
