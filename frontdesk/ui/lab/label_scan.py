"""A sample label scanned in a lab screen: the reusable piece that turns it into "open this sample".

A lab screen gives `LabelScan` its scan field (ui.reception.scan_input.ScanField, which tells a
scanner's burst from typing) and the widgets a scan may be typed onto (a table, buttons: their
keys are handed to the field, ui.reception.scan_input.KeyForwarder). A scan is checked in the
background (services.lab.scans.sample_for_scan); a label of ours emits `sample_scanned(sample)`
and `open_requested(area, argument)`: the Test queue at the sample's test when one is planned
today (services.lab.queue.planned_test_of_sample) and whoever scans may run tests, else the
sample's history. Anything else (a
visitor badge, another lab's label, a damaged one, a sample not synced here) shows the service's
own message on the red banner, and nothing opens.

Imports Qt, ui.tasks, ui.reception.scan_input and services.lab (scans, queue); never the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from frontdesk.domain.roles import Actor, Permission
from frontdesk.services.lab.queue import planned_test_of_sample
from frontdesk.services.lab.scans import ScannedSample, sample_for_scan
from frontdesk.ui.reception.scan_input import ERROR, KeyForwarder, ScanBanner, ScanField
from frontdesk.ui.tasks import run_in_background


class LabelScan(QObject):
    """Listens to `field`'s scans (and to keys typed on `watched`) and opens the sample they name."""

    sample_scanned = Signal(object)  # services.lab.scans.ScannedSample
    open_requested = Signal(str, object)  # ("lab_queue", test id) or ("samples", sample id)
    scan_refused = Signal(str)  # the message shown

    def __init__(self, db, field: ScanField, banner: ScanBanner, watched: list[QWidget] | None = None,
                 parent: QObject | None = None, actor_source: Callable[[], Actor | None] | None = None) -> None:
        super().__init__(parent or field)
        self._db = db
        self._actor_source = actor_source  # who scans: the queue opens only for who may run tests
        self.field = field
        self.banner = banner
        self._forwarders: list[KeyForwarder] = []
        field.scanned.connect(self.submit)
        self.watch(watched or [])

    def watch(self, widgets: list[QWidget]) -> None:
        """Hand the keys typed on `widgets` to the scan field (a scan lands there wherever the focus is)."""
        if widgets:
            self._forwarders.append(KeyForwarder(self.field, widgets))

    def submit(self, text: str) -> bool:
        """Check a scanned text in the background; False when empty or the same scan is still running."""
        token = text.strip()
        if not token:
            return False
        db = self._db
        actor = self._actor_source() if self._actor_source is not None else None
        runs_tests = actor is not None and actor.can(Permission.RUN_TESTS)

        def find():
            sample = sample_for_scan(db, text=text)
            return sample, planned_test_of_sample(db, sample_id=sample.sample_id) if runs_tests else None

        task = run_in_background(self, find, on_success=self._on_found,
                                 on_error=self._on_refused, key="label-scan:" + token.upper())
        return task is not None

    def _on_found(self, found: tuple[ScannedSample, object]) -> None:
        sample, planned = found
        self.banner.hide()
        self.sample_scanned.emit(sample)
        if planned is not None:
            self.open_requested.emit("lab_queue", planned.test_id)
        else:
            self.open_requested.emit("samples", sample.sample_id)

    def _on_refused(self, error) -> None:
        self.banner.show_result(ERROR, error.message)
        self.scan_refused.emit(error.message)


class ScanStrip(QWidget):
    """A lab screen's place for a scanned sample label: a small scan field and the red banner under
    it. A label of ours emits `sample_scanned(sample)` and `open_requested(area, argument)` (the
    screen hands it to the main window: the Test queue at the sample's test planned today, else
    the Samples area at the sample's history); keys typed on `watched` widgets reach the field,
    so a scan works wherever the focus is on the screen's lists and buttons."""

    sample_scanned = Signal(object)  # services.lab.scans.ScannedSample
    open_requested = Signal(str, object)  # as LabelScan.open_requested

    def __init__(self, db, watched: list[QWidget] | None = None, parent: QWidget | None = None,
                 actor_source: Callable[[], Actor | None] | None = None) -> None:
        super().__init__(parent)
        self.field = ScanField(everything_is_scan=True)
        self.field.setObjectName("labelScan")
        self.field.setPlaceholderText(self.tr("Scan a sample label to open its test or its history"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(340)
        self.field.setMaximumWidth(420)
        self.banner = ScanBanner(self)
        self.banner.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.field)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        self.scan = LabelScan(db, self.field, self.banner, watched, parent=self, actor_source=actor_source)
        self.scan.sample_scanned.connect(self.sample_scanned)
        self.scan.open_requested.connect(self.open_requested)
