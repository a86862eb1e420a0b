"""Host e-mail through a real local SMTP server; the evacuation copy written to a folder."""

import email
import email.policy
import subprocess

import pytest

from frontdesk.domain.errors import DeliveryFailed, StorageProblem
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.evacuation import COPY_NAME, write_evacuation_copy
from frontdesk.services.reception.notify import host_notice, send_host_notice
from frontdesk.services.reception.visits import check_in, on_site
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor


def _visit(db, admin, email="giulia@point.example"):
    host = create_host(db, name="Giulia Rota", email=email, actor=admin)
    visitor = create_visitor(db, data=VisitorInput(first_name="Nicolò", last_name="D'Alessandro"), actor=admin,
                             privacy_notice_version="2026-01")
    return check_in(db, visitor_id=visitor.id, service_code="materials_testing", host_id=host.id, actor=admin)


def test_host_is_emailed_through_the_configured_server(db, admin, smtp):
    controller, handler = smtp
    update_settings(db, changes={"smtp_host": "127.0.0.1", "smtp_port": controller.port,
                                 "smtp_sender": "reception@point.example"}, actor=admin)
    result = _visit(db, admin)
    notice = host_notice(db, visit_id=result.visit.id)
    send_host_notice(notice)
    assert len(handler.messages) == 1
    envelope = handler.messages[0]
    assert envelope.rcpt_tos == ["giulia@point.example"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "Nicolò D'Alessandro" in str(message["Subject"])
    assert "Nicolò D'Alessandro" in message.get_content()


def test_no_smtp_server_means_no_notice(db, admin):
    assert host_notice(db, visit_id=_visit(db, admin).visit.id) is None


def test_smtp_server_down_is_a_clear_error_and_the_check_in_stays(db, admin, free_port):
    update_settings(db, changes={"smtp_host": "127.0.0.1", "smtp_port": free_port}, actor=admin)
    result = _visit(db, admin)
    with pytest.raises(DeliveryFailed, match="check-in is saved"):
        send_host_notice(host_notice(db, visit_id=result.visit.id), timeout=2)
    assert [v.id for v in on_site(db)] == [result.visit.id]


def test_evacuation_copy_is_rewritten_in_the_folder(db, admin, tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    assert write_evacuation_copy(db) is None  # no folder set: nothing to do
    update_settings(db, changes={"evacuation_folder": str(folder)}, actor=admin)
    _visit(db, admin)
    path = write_evacuation_copy(db)
    assert path == folder / COPY_NAME and [p.name for p in folder.iterdir()] == [COPY_NAME]
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "D'Alessandro" in text or "D’Alessandro" in text


def test_unreachable_evacuation_folder_is_a_clear_error(db, admin, tmp_path):
    update_settings(db, changes={"evacuation_folder": str(tmp_path / "missing")}, actor=admin)
    with pytest.raises(StorageProblem, match="not reachable"):
        write_evacuation_copy(db)
