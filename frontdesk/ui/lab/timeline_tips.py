"""What the lab timeline's tooltips say: a test (sample, test, company, times, status, technician,
due date, how late, why the plan flagged it), a machine, a chamber's load at a moment, an
out-of-service period. Imports Qt's translation and the timeline's values only.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from frontdesk.i18n import format_date, format_datetime
from frontdesk.services.lab.timeline import LoadStep, OutagePeriod, TimelineBar, TimelineLane
from frontdesk.ui.lab.lab_texts import word

STATUSES = {
    "scheduled": QT_TRANSLATE_NOOP("TimelineTips", "Planned"),
    "in_progress": QT_TRANSLATE_NOOP("TimelineTips", "In progress"),
    "completed": QT_TRANSLATE_NOOP("TimelineTips", "Completed"),
    "verified": QT_TRANSLATE_NOOP("TimelineTips", "Verified"),
    "reported": QT_TRANSLATE_NOOP("TimelineTips", "Reported"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineTips", text)


def when(moment: dt.datetime) -> str:
    return format_datetime(moment, "EEE d MMM, HH:mm")


def duration(span: dt.timedelta) -> str:
    """A lateness in days and hours, or hours and minutes."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return QCoreApplication.translate("TimelineTips", "{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return QCoreApplication.translate("TimelineTips", "{hours} h {minutes} min").format(hours=hours,
                                                                                           minutes=minutes)
    return QCoreApplication.translate("TimelineTips", "{minutes} min").format(minutes=minutes)


def bar_tip(bar: TimelineBar) -> str:
    status = QCoreApplication.translate("TimelineTips", "Status: {status}").format(
        status=_tr(STATUSES[bar.status]) if bar.status in STATUSES else bar.status)
    if bar.pinned:
        status += QCoreApplication.translate("TimelineTips", ", pinned: the automatic plan leaves it")
    lines = [f"{bar.sample_lab_id} · {bar.test_name}", bar.company,
             QCoreApplication.translate("TimelineTips", "{start} to {end}").format(start=when(bar.start),
                                                                                 end=when(bar.end)), status]
    if bar.technician_name:
        lines.append(QCoreApplication.translate("TimelineTips", "Technician: {name}").format(name=bar.technician_name))
    if bar.due_on is not None:
        lines.append(QCoreApplication.translate("TimelineTips", "Needed by: {day}").format(
            day=format_date(bar.due_on, "EEE d MMM yyyy")))
    if bar.priority == "urgent":
        lines.append(word("urgent"))
    if bar.late_by is not None:
        lines.append(QCoreApplication.translate("TimelineTips", "Late by {duration}").format(
            duration=duration(bar.late_by)))
    if bar.plan_flag == "moved":
        lines.append(QCoreApplication.translate("TimelineTips", "Moved by the plan: {reason}").format(
            reason=bar.plan_flag_reason))
    elif bar.plan_flag == "interrupted":
        lines.append(QCoreApplication.translate("TimelineTips", "Interrupted: {reason}").format(
            reason=bar.plan_flag_reason))
    return "\n".join(line for line in lines if line)


def machine_tip(lane: TimelineLane) -> str:
    lines = [lane.label, QCoreApplication.translate("TimelineTips", "Works from {start} to {end}").format(
        start=lane.hours_from.strftime("%H:%M"), end=lane.hours_to.strftime("%H:%M"))]
    if lane.is_chamber:
        lines.append(QCoreApplication.translate("TimelineTips", "Holds {capacity} tests at once").format(
            capacity=lane.capacity))
    if lane.valid_until is not None:
        lines.append(QCoreApplication.translate("TimelineTips", "Calibration valid until {day}").format(
            day=format_date(lane.valid_until)))
    else:
        lines.append(QCoreApplication.translate("TimelineTips", "Never calibrated"))
    return "\n".join(lines)


def load_tip(step: LoadStep, capacity: int) -> str:
    text = QCoreApplication.translate("TimelineTips", "{count} of {capacity} places taken from {start} to {end}")
    return text.format(count=step.count, capacity=capacity, start=when(step.start), end=when(step.end))


def outage_tip(outage: OutagePeriod) -> str:
    until = when(outage.end) if outage.end else QCoreApplication.translate("TimelineTips", "until further notice")
    return QCoreApplication.translate("TimelineTips", "Out of service from {start} to {end}: {reason}").format(
        start=when(outage.start), end=until, reason=outage.reason)
