"""Print jobs: the document drawn and the printer set for its kind, chosen in one place."""

from __future__ import annotations

from frontdesk import i18n
from frontdesk.services.desk.printers import printer_for
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.print_jobs import badge_print_job, evacuation_print_job
from frontdesk.services.reception.visits import check_in_new_visitor
from frontdesk.services.registry.visitors import VisitorInput
from frontdesk.ui import pdf_render


def _checked_in(db, actor):
    return check_in_new_visitor(db, visitor=VisitorInput("Giulia", "Bonfanti"), service_code="meeting", host_id=None,
                                actor=actor, privacy_notice_shown=True)


def test_each_kind_of_document_goes_to_the_printer_set_for_it(db, admin):
    assert printer_for(db, kind="badge") == "" and printer_for(db, kind="evacuation") == ""
    update_settings(db, changes={"printers": {"badge": "Zebra ZD421", "evacuation": "Ufficio A4"}}, actor=admin)
    result = _checked_in(db, admin)
    badge = badge_print_job(db, badge=result.badge)
    evacuation = evacuation_print_job(db)
    assert (badge.kind, badge.printer) == ("badge", "Zebra ZD421")
    assert (evacuation.kind, evacuation.printer) == ("evacuation", "Ufficio A4")


def test_a_badge_job_holds_the_drawn_badge_and_no_personal_data_in_its_title(db, admin, qapp):
    i18n.set_language("it")
    result = _checked_in(db, admin)
    job = badge_print_job(db, badge=result.badge)
    number = result.badge.data.number
    assert job.title == f"Badge {number}" and "Bonfanti" not in job.title
    page = pdf_render.render_page(job.pdf, 0, 200)
    assert pdf_render.decode_qr(page)  # the badge's QR reads back from the job's PDF


def test_the_evacuation_job_lists_who_is_on_site(db, admin):
    i18n.set_language("it")
    _checked_in(db, admin)
    job = evacuation_print_job(db)
    assert job.title == "Lista di evacuazione" and job.pdf.startswith(b"%PDF")
