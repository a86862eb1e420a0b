"""E-mail to a host when their visitor checks in, through the SMTP server set in Settings.

Runs after the check-in committed (the UI calls it in the background); a failure never undoes
a check-in, it is reported as a calm notice."""

from __future__ import annotations

import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage

from frontdesk.db.models import Visit
from frontdesk.domain.errors import DeliveryFailed
from frontdesk.i18n import _, format_time
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.registry.reference import service_name


@dataclass(frozen=True)
class HostNotice:
    to: str
    subject: str
    body: str
    smtp_host: str
    smtp_port: int
    sender: str


def host_notice(db, *, visit_id: uuid.UUID) -> HostNotice | None:
    """The e-mail to send, or None when no SMTP server is set or the host has no address."""
    with db.read() as session:
        settings = read_settings(session)
        visit = session.get(Visit, visit_id)
        if not settings.smtp_host or visit is None or visit.host is None or not visit.host.email:
            return None
        visitor = visit.visitor
        name = f"{visitor.first_name} {visitor.last_name}"
        company = visitor.company.name if visitor.company else ""
        subject = _("{name} has arrived at reception").format(name=name)
        body = _("{name}{company} checked in at {time} for: {purpose}.\n\n{point}").format(
            name=name, company=f" ({company})" if company else "", time=format_time(visit.checked_in_at),
            purpose=service_name(visit.service), point=settings.point_name)
        sender = settings.smtp_sender or f"reception@{settings.smtp_host}"
        return HostNotice(visit.host.email, subject, body, settings.smtp_host, settings.smtp_port, sender)


def send_host_notice(notice: HostNotice, *, timeout: float = 5.0) -> None:
    """Hand the e-mail to the SMTP server. Raises DeliveryFailed (server down, refused, timed out)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = notice.sender, notice.to, notice.subject
    message.set_content(notice.body)
    try:
        with smtplib.SMTP(notice.smtp_host, notice.smtp_port, timeout=timeout) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryFailed(_("The e-mail to the host could not be sent ({reason}). The check-in is saved.")
                        .format(reason=exc.__class__.__name__)) from exc
