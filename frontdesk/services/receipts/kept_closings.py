"""Kept daily closings: a desk closes a day, the closing is printed and a copy of it is kept (issue 16, point 5).

`keep_closing` computes the closing of this desk and a Rome day (services.receipts.closing), draws
its PDF and stores a `ReceiptClosing` row in one write transaction (taken first, so that no receipt
is issued or voided in between): `content` is a JSON copy of every
figure printed (Decimals as text, dates and moments ISO) with the moment printed on the page and the
language it was drawn in, `pdf_sha256` the hash of the bytes. The row is append-only and synced:
closing the same day again adds a row, and the other desks receive it.

`kept_closing_pdf` draws the PDF again from `content` and refuses it when its hash is not the one
kept (the content was altered, or this version of the program draws it differently): a copy that
does not match is never shown as the one kept. `closing_changes` says, in the user's language, what
differs between a kept closing and the closing computed now (a receipt that arrived later by sync,
a void after the closing was printed).

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.receipt_models import ReceiptClosing
from frontdesk.documents.receipts.closing_pdf import (
    Closing,
    MethodTotal,
    SeriesRange,
    TaxTotal,
    VoidedReceipt,
    render_closing,
    tax_label,
)
from frontdesk.documents.receipts.receipt_document import PointData, payment_label
from frontdesk.domain.clock import as_utc, today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, format_date, format_money, format_time, language
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.receipts.closing import daily_closing
from frontdesk.services.staff import audit

FORMAT = 1  # the version of `content`'s layout
PRINT_KIND = "report"  # an A4 page: the A4 printer of Settings, as test reports and intake receipts


@dataclass(frozen=True)
class KeptClosing:
    """A closing as it was kept. `pdf` is filled only by keep_closing (kept_closing_pdf draws it again).
    `problem` says why the kept copy is not valid (altered, or kept in another language); then
    `closing` is None: its figures are never shown as the ones kept."""

    id: uuid.UUID
    desk: str
    day: dt.date
    made_at: dt.datetime  # aware (UTC): the moment printed on the page
    made_by_name: str
    closing: Closing | None
    pdf_sha256: str
    pdf: bytes = b""
    problem: str = ""


# --- content: the Closing as JSON, and back ----------------------------------------------------------

def _moment(text: str) -> dt.datetime:
    return as_utc(dt.datetime.fromisoformat(text))


def content_json(closing: Closing, *, printed_at: dt.datetime, lang: str) -> str:
    """The closing as the JSON kept in `content`; `closing_from_json` gives back an equal Closing."""
    data = {
        "format": FORMAT, "language": lang, "printed_at": as_utc(printed_at).isoformat(),
        "desk": closing.desk, "day": closing.day.isoformat(),
        "point": {"name": closing.point.name, "address": closing.point.address,
                  "vat_number": closing.point.vat_number, "fiscal_code": closing.point.fiscal_code,
                  "rea": closing.point.rea, "tax_regime": closing.point.tax_regime},
        "issued": closing.issued, "valid": closing.valid,
        "series": [[s.series, s.count, s.first, s.last] for s in closing.series],
        "by_payment": [[m.payment, m.count, str(m.total)] for m in closing.by_payment],
        "by_tax": [[t.vat_rate, t.nature, str(t.base), str(t.vat)] for t in closing.by_tax],
        "voided": [[v.number, as_utc(v.issued_at).isoformat(), as_utc(v.voided_at).isoformat(), str(v.total),
                    v.reason] for v in closing.voided],
        "gaps": list(closing.gaps), "switches": list(closing.switches),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def closing_from_json(text: str) -> tuple[Closing, dt.datetime, str]:
    """The Closing kept in `content`, the moment printed on its page and its language.
    Raises Conflict when the content cannot be read."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        closing = Closing(
            desk=data["desk"], day=dt.date.fromisoformat(data["day"]), point=PointData(**data["point"]),
            issued=int(data["issued"]), valid=int(data["valid"]),
            series=tuple(SeriesRange(s, int(n), first, last) for s, n, first, last in data["series"]),
            by_payment=tuple(MethodTotal(p, int(n), Decimal(total)) for p, n, total in data["by_payment"]),
            by_tax=tuple(TaxTotal(rate, nature, Decimal(base), Decimal(vat))
                         for rate, nature, base, vat in data["by_tax"]),
            voided=tuple(VoidedReceipt(number, _moment(issued), _moment(voided), Decimal(total), reason)
                         for number, issued, voided, total, reason in data["voided"]),
            gaps=tuple(data["gaps"]), switches=tuple(data["switches"]))
        return closing, _moment(data["printed_at"]), str(data["language"])
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise Conflict(_("The kept copy of this closing cannot be read: it was altered. "
                         "Close the day again to print a valid one.")) from exc


def _sha(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def _redraw(row: ReceiptClosing) -> tuple[Closing, bytes]:
    """The kept closing and its PDF drawn again; Conflict when the PDF is not the one kept."""
    closing, printed_at, lang = closing_from_json(row.content)
    if lang != language():
        raise Conflict(_("This closing was kept in another language ({language}): its copy can be printed "
                         "by a desk set to that language.").format(language=lang))
    pdf = render_closing(closing, printed_at=printed_at)
    if _sha(pdf) != row.pdf_sha256:
        raise Conflict(_("The copy of the closing of {day} kept at {time} does not match the one printed then: "
                         "its content was altered, or this version of the program draws it differently. "
                         "It is not shown; close the day again to print the figures as they are now.").format(
            day=format_date(row.day), time=format_time(as_utc(row.made_at))))
    return closing, pdf


def _value(row: ReceiptClosing, pdf: bytes = b"") -> KeptClosing:
    """The row as a value, checked: its PDF drawn again (~10 ms) must be the one kept."""
    try:
        closing, _pdf = _redraw(row)
        problem = ""
    except Conflict as exc:
        closing, problem = None, exc.message
    return KeptClosing(row.id, row.desk, row.day, as_utc(row.made_at), row.made_by_name, closing, row.pdf_sha256,
                       pdf, problem)


# --- the verbs -------------------------------------------------------------------------------------

def keep_closing(db, *, day: dt.date, actor: Actor, now: dt.datetime | None = None) -> KeptClosing:
    """Close `day` (Rome) for this desk: compute, draw and keep it (see the module docstring).
    Raises ValidationError (a day still to come), PermissionDenied."""
    require(actor, Permission.ISSUE_RECEIPTS)
    with db.begin() as session:
        # BEGIN IMMEDIATE now: no receipt is issued or voided between the figures read and the row kept
        session.connection()
        now = now or utcnow()
        if day > today_in_rome(now):
            raise ValidationError(_("{day} has not come yet: only a day already begun can be closed.").format(
                day=format_date(day)), field="day")
        content = content_json(daily_closing(db, day=day, actor=actor), printed_at=now, lang=language())
        # drawn from the content as kept (moments in UTC, amounts as their text), as kept_closing_pdf redraws it
        closing, printed_at, _lang = closing_from_json(content)
        pdf = render_closing(closing, printed_at=printed_at)
        row = ReceiptClosing(
            id=new_id(), desk=closing.desk, day=day, made_at=now, made_by=actor.staff_id, made_by_name=actor.label,
            issued=closing.issued, valid=closing.valid, total=str(closing.total),
            content=content, pdf_sha256=_sha(pdf))
        session.add(row)
        audit.record_change(session, actor, "receipt_closing.keep", row, new=True)
        session.flush()
        return KeptClosing(row.id, row.desk, day, as_utc(now), row.made_by_name, closing, row.pdf_sha256, pdf)


def kept_closings(db, *, day: dt.date, desk: str | None = None) -> list[KeptClosing]:
    """The closings kept for `day` by `desk` (default: this desk), the newest first, each checked
    (`problem`, see KeptClosing)."""
    desk = desk or db.desk
    with db.read() as session:
        rows = session.scalars(select(ReceiptClosing).where(ReceiptClosing.day == day, ReceiptClosing.desk == desk)
                               .order_by(ReceiptClosing.made_at.desc(), ReceiptClosing.id))
        return [_value(row) for row in rows]


def _kept_row(session, closing_id: uuid.UUID) -> ReceiptClosing:
    row = session.get(ReceiptClosing, closing_id)
    if row is None:
        raise NotFound(_("The kept closing no longer exists."))
    return row


def kept_closing_pdf(db, *, closing_id: uuid.UUID) -> bytes:
    """The kept closing's PDF drawn again from its content, identical to the one printed.
    Raises NotFound, Conflict (the redrawn PDF is not the one kept: never shown as valid)."""
    with db.read() as session:
        return _redraw(_kept_row(session, closing_id))[1]


# --- print jobs --------------------------------------------------------------------------------------

def _job(db, closing: Closing, pdf: bytes) -> PrintJob:
    title = _("Daily closing {desk} {day}").format(desk=closing.desk, day=format_date(closing.day))
    return print_job(db, kind=PRINT_KIND, title=title, pdf=pdf)


def keep_closing_job(db, *, day: dt.date, actor: Actor, now: dt.datetime | None = None) -> tuple[KeptClosing, PrintJob]:
    """Keep the closing of `day` (keep_closing) and its print job for the A4 printer."""
    kept = keep_closing(db, day=day, actor=actor, now=now)
    return kept, _job(db, kept.closing, kept.pdf)


def kept_closing_job(db, *, closing_id: uuid.UUID) -> PrintJob:
    """The kept closing drawn again (as kept_closing_pdf: checked), for the A4 printer."""
    with db.read() as session:
        closing, pdf = _redraw(_kept_row(session, closing_id))
    return _job(db, closing, pdf)


def preview_closing_job(db, *, day: dt.date, actor: Actor, now: dt.datetime | None = None) -> PrintJob:
    """The closing of `day` as it would print now, not kept (a look before closing the day)."""
    closing = daily_closing(db, day=day, actor=actor)
    return _job(db, closing, render_closing(closing, printed_at=now or utcnow()))


# --- what changed since a closing was kept -----------------------------------------------------------

def _was_now(kept, now) -> str:
    return _("{kept} when it was kept, {now} now").format(kept=kept, now=now)


def closing_changes(kept: Closing | KeptClosing, current: Closing) -> tuple[str, ...]:
    """What differs between the kept closing and the one computed now, one sentence each, in the user's
    language; empty when they agree."""
    if isinstance(kept, KeptClosing):
        if kept.closing is None:
            return (kept.problem,)
        kept = kept.closing
    changes: list[str] = []
    if kept.issued != current.issued:
        changes.append(_("Receipts issued: {change}.").format(change=_was_now(kept.issued, current.issued)))
    if kept.valid != current.valid:
        changes.append(_("Valid receipts: {change}.").format(change=_was_now(kept.valid, current.valid)))
    if kept.total != current.total:
        changes.append(_("Total: {change}.").format(
            change=_was_now(format_money(kept.total), format_money(current.total))))
    old_series = {s.series: s for s in kept.series}
    for series in current.series:
        before = old_series.pop(series.series, None)
        if before is None:
            changes.append(_("Series {series} ({first} to {last}) is not in the kept closing.").format(
                series=series.series, first=series.first, last=series.last))
        elif (before.first, before.last) != (series.first, series.last):
            changes.append(_("Series {series}: numbers {change}.").format(series=series.series, change=_was_now(
                f"{before.first} – {before.last}", f"{series.first} – {series.last}")))
    for series in old_series.values():
        changes.append(_("Series {series} is in the kept closing but has no receipt now.").format(
            series=series.series))
    kept_voided = {v.number for v in kept.voided}
    changes += [_("Receipt {number} was voided after the closing was kept ({reason}).").format(
        number=v.number, reason=v.reason) for v in current.voided if v.number not in kept_voided]
    now_voided = {v.number for v in current.voided}
    changes += [_("Receipt {number} is voided in the kept closing, not now.").format(number=number)
                for number in sorted(kept_voided - now_voided)]
    changes += [_("Number {number} is missing now.").format(number=n) for n in current.gaps if n not in kept.gaps]
    changes += [_("Number {number}, missing when the closing was kept, is there now.").format(number=n)
                for n in kept.gaps if n not in current.gaps]
    methods = {m.payment: m.total for m in kept.by_payment}
    for method in current.by_payment:
        before = methods.pop(method.payment, Decimal("0.00"))
        if before != method.total:
            changes.append(_("Payment {method}: {change}.").format(
                method=payment_label(method.payment), change=_was_now(format_money(before),
                                                                      format_money(method.total))))
    for payment, total in methods.items():
        changes.append(_("Payment {method}: {change}.").format(
            method=payment_label(payment), change=_was_now(format_money(total), format_money(Decimal("0.00")))))
    taxes = {(t.vat_rate, t.nature): t for t in kept.by_tax}
    for tax in current.by_tax:
        before = taxes.pop((tax.vat_rate, tax.nature), None)
        if before is None or (before.base, before.vat) != (tax.base, tax.vat):
            changes.append(_("{tax}, taxable: {change}.").format(tax=tax_label(tax), change=_was_now(
                format_money(before.base if before else Decimal("0.00")), format_money(tax.base))))
    for before in taxes.values():
        changes.append(_("{tax}, taxable: {change}.").format(
            tax=tax_label(before), change=_was_now(format_money(before.base), format_money(Decimal("0.00")))))
    return tuple(changes)

