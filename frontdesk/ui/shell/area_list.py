"""The registry of the main window's areas: one list of (key, title, factory).

A later capability adds its screen by adding one `Area` here. Titles are translated where they
are shown (context "Areas"); factories import their view module when first called, so that the
window paints before any service (and SQLAlchemy) is imported. Imports Qt only at module level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from frontdesk.ui.shell.area_view import DeskContext


@dataclass(frozen=True)
class Area:
    key: str
    title_source: str  # English source text, translated in context "Areas"
    factory: Callable[[DeskContext], QWidget]
    permission: str = ""  # a frontdesk.domain.roles.Permission value the role needs to see it

    def allowed_for(self, actor) -> bool:
        """Hidden from roles that cannot use it (the services refuse them anyway)."""
        return not self.permission or actor.can(self.permission)

    @property
    def title(self) -> str:
        return QCoreApplication.translate("Areas", self.title_source)


def _reception(context: DeskContext) -> QWidget:
    from frontdesk.ui.reception.reception_view import ReceptionView

    return ReceptionView(context)


def _on_site(context: DeskContext) -> QWidget:
    from frontdesk.ui.reception.on_site_view import OnSiteView

    return OnSiteView(context)


def _visit_log(context: DeskContext) -> QWidget:
    from frontdesk.ui.reception.visit_log_view import VisitLogView

    return VisitLogView(context)


def _companies(context: DeskContext) -> QWidget:
    from frontdesk.ui.registry.companies_view import CompaniesView

    return CompaniesView(context)


def _lab_catalogue(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.catalogue_view import CatalogueView

    return CatalogueView(context)


def _samples(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.samples_view import SamplesView

    return SamplesView(context)


def _lab_queue(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.queue_view import QueueView

    return QueueView(context)


def _lab_week(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.week_view import WeekView

    return WeekView(context)


def _lab_intake(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.intake_view import IntakeView

    return IntakeView(context)


def _audit(context: DeskContext) -> QWidget:
    from frontdesk.ui.staff.audit_view import AuditView

    return AuditView(context.db, context.actor)


def _staff(context: DeskContext) -> QWidget:
    from frontdesk.ui.staff.staff_view import StaffView

    return StaffView(context.db, context.actor)


def _equipment(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.equipment_view import EquipmentView

    return EquipmentView(context)


def _lab_reports(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.reports_view import ReportsView

    return ReportsView(context)


def _receipts(context: DeskContext) -> QWidget:
    from frontdesk.ui.receipts.receipts_view import ReceiptsView

    return ReceiptsView(context)


def _receipt_closing(context: DeskContext) -> QWidget:
    from frontdesk.ui.receipts.closing_view import ClosingView

    return ClosingView(context)


def _price_list(context: DeskContext) -> QWidget:
    from frontdesk.ui.receipts.price_list_view import PriceListView

    return PriceListView(context)


def _lab_planning(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.planning_view import PlanningView

    return PlanningView(context)


def _lab_timeline(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.timeline_view import TimelineView

    return TimelineView(context)


def _lab_review(context: DeskContext) -> QWidget:
    from frontdesk.ui.lab.review_view import ReviewView

    return ReviewView(context)


def _settings(context: DeskContext) -> QWidget:
    from frontdesk.ui.desk.settings_view import SettingsView

    return SettingsView(context)


AREAS: list[Area] = [
    Area("reception", QT_TRANSLATE_NOOP("Areas", "Reception"), _reception),
    Area("on_site", QT_TRANSLATE_NOOP("Areas", "On site"), _on_site),
    Area("visit_log", QT_TRANSLATE_NOOP("Areas", "Visit log"), _visit_log),
    Area("companies", QT_TRANSLATE_NOOP("Areas", "Companies and visitors"), _companies),
    Area("settings", QT_TRANSLATE_NOOP("Areas", "Settings"), _settings),
    Area("lab_intake", QT_TRANSLATE_NOOP("Areas", "Sample intake"), _lab_intake, permission="lab_intake"),
    Area("samples", QT_TRANSLATE_NOOP("Areas", "Samples"), _samples, permission="record_custody"),
    Area("lab_queue", QT_TRANSLATE_NOOP("Areas", "Test queue"), _lab_queue, permission="run_tests"),
    Area("lab_week", QT_TRANSLATE_NOOP("Areas", "Technician's week"), _lab_week, permission="run_tests"),
    Area("lab_planning", QT_TRANSLATE_NOOP("Areas", "Test planning"), _lab_planning, permission="plan_tests"),
    Area("lab_timeline", QT_TRANSLATE_NOOP("Areas", "Lab timeline"), _lab_timeline, permission="plan_tests"),
    Area("lab_review", QT_TRANSLATE_NOOP("Areas", "Results review"), _lab_review, permission="verify_tests"),
    Area("lab_reports", QT_TRANSLATE_NOOP("Areas", "Test reports"), _lab_reports, permission="issue_reports"),
    Area("receipts", QT_TRANSLATE_NOOP("Areas", "Receipts"), _receipts, permission="issue_receipts"),
    Area("receipt_closing", QT_TRANSLATE_NOOP("Areas", "Daily closing"), _receipt_closing,
         permission="issue_receipts"),
    Area("price_list", QT_TRANSLATE_NOOP("Areas", "Price list"), _price_list, permission="edit_price_list"),
    Area("equipment", QT_TRANSLATE_NOOP("Areas", "Equipment and calendar"), _equipment, permission="plan_tests"),
    Area("lab_catalogue", QT_TRANSLATE_NOOP("Areas", "Test catalogue"), _lab_catalogue),
    Area("audit", QT_TRANSLATE_NOOP("Areas", "Audit trail"), _audit, permission="view_audit"),
    Area("staff", QT_TRANSLATE_NOOP("Areas", "Staff accounts"), _staff, permission="manage_staff"),
]
