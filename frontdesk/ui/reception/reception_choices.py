"""What the reception forms offer to choose: the Point's services (purpose of a visit), the hosts
directory and the privacy-notice version; and the purpose + host pair of combo boxes they share.

`load_choices(db)` runs in the background (it reads the database); the widgets only show the
value it returns. Imports Qt and the reference/hosts/settings services; never the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

ORGANISATION_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ReceptionChoices:
    services: tuple = ()  # services.registry.reference.Choice
    hosts: tuple = ()  # services.registry.hosts.HostSummary
    privacy_notice_version: str = ""
    _service_names: dict = field(default_factory=dict, compare=False, repr=False)
    _host_names: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._service_names.update({s.code: s.name for s in self.services})
        self._host_names.update({h.id: h.name for h in self.hosts})

    def service_name(self, code: str) -> str:
        return self._service_names.get(code, "")

    def host_name(self, host_id: uuid.UUID | None) -> str:
        return self._host_names.get(host_id, "") if host_id else ""


def load_choices(db) -> ReceptionChoices:
    """Services, active hosts and the privacy-notice version (a background task's work)."""
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.services.registry.hosts import list_hosts
    from frontdesk.services.registry.reference import services

    return ReceptionChoices(tuple(services(db)), tuple(list_hosts(db)), get_settings(db).privacy_notice_version)


class PurposeHostFields:
    """The purpose and host combo boxes, filled from the choices and pre-set from a hit or a default.

    The host combo shows the person's name (a narrow card has no room for "Matteo Previtali (Point
    Dalmine – Laboratorio prove)"); their organisation is on `host_organisation`, a line a form may
    show beneath it, and in the item's tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.purpose = QComboBox(parent)
        self.purpose.setObjectName("purpose")
        self.host = QComboBox(parent)
        self.host.setObjectName("host")
        for combo in (self.purpose, self.host):
            combo.setMinimumContentsLength(18)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.host_organisation = QLabel()  # no parent: only a form that places it shows it
        self.host_organisation.setObjectName("hostOrganisation")
        self.host_organisation.setProperty("role", "muted")
        self.host_organisation.setWordWrap(True)
        self.host.currentIndexChanged.connect(self._on_host_current_index_changed)
        self._no_host_text = ""

    def _on_host_current_index_changed(self, index: int) -> None:
        self.host_organisation.setText(self.host.itemData(index, ORGANISATION_ROLE) or "")

    def set_choices(self, choices: ReceptionChoices, no_host_text: str) -> None:
        code, host_id = self.service_code(), self.host_id()
        self.purpose.clear()
        self.purpose.addItem("", "")
        for service in choices.services:
            self.purpose.addItem(service.name, service.code)
        self.host.clear()
        self.host.addItem(no_host_text, "")
        for host in choices.hosts:
            self.host.addItem(host.name, str(host.id))  # a string: QVariant compares it in findData
            self.host.setItemData(self.host.count() - 1, host.label, Qt.ItemDataRole.ToolTipRole)
            self.host.setItemData(self.host.count() - 1, host.organisation, ORGANISATION_ROLE)
        self.set_values(code, host_id)

    def set_values(self, service_code: str, host_id: uuid.UUID | None) -> None:
        index = self.purpose.findData(service_code or "")
        self.purpose.setCurrentIndex(max(0, index))
        index = self.host.findData(str(host_id)) if host_id else 0
        self.host.setCurrentIndex(max(0, index))

    def service_code(self) -> str:
        return self.purpose.currentData() or ""

    def host_id(self) -> uuid.UUID | None:
        data = self.host.currentData()
        return uuid.UUID(data) if data else None
