"""Telling a scan from typing, handing keys typed on a list to the scan field, and the banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from frontdesk.ui.reception.scan_input import (
    DOUBLE,
    ERROR,
    OK,
    KeyForwarder,
    ScanBanner,
    ScanField,
    looks_like_badge,
    split_scan,
)

TOKEN = "FDB1.V.AGRBDPA2J577NHEUYCW4ZN6Y5M.R1-000003.20261125.0.TG53IMQN.YBARKORTCLW3DKYHBIX"


@pytest.mark.parametrize(("text", "badge"), [
    ("FDB1.V.X", True), ("  fdb1.v.x\r", True), ("FDS1.S.R1-S1", True), ("fds", True),
    ("Rossi", False), ("hello123", False), ("", False), ("xFDB1", False),
    ("]Q1FDB1.V.X", True), ("+q1fdb1.v.x\t", True), ("]d2FDS1.S.R1-S1\n", True), ("]FDB1", False),
])
def test_looks_like_badge(text, badge):
    assert looks_like_badge(text) is badge


def test_split_scan_finds_a_scan_typed_after_a_search():
    assert split_scan("ro" + TOKEN) == ("ro", TOKEN)
    assert split_scan(TOKEN) == ("", TOKEN)
    assert split_scan("mario fdb") is None  # too short to be a scan
    assert split_scan("Rossi") is None
    assert split_scan("ro]Q1" + TOKEN) == ("ro", "]Q1" + TOKEN)  # the AIM identifier belongs to the scan
    assert split_scan("]Q1" + TOKEN) == ("", "]Q1" + TOKEN)


@pytest.fixture
def field(qtbot):
    widget = ScanField()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_enter_after_a_name_is_a_search(qtbot, field):
    with qtbot.waitSignal(field.submitted) as submitted:
        qtbot.keyClicks(field, "rossi")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert submitted.args == ["rossi"] and field.text() == "rossi"


def test_enter_after_a_badge_is_a_scan_and_clears_the_field(qtbot, field):
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(field, TOKEN.lower())
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scanned.args == [TOKEN.lower()] and field.text() == ""


def test_a_long_fast_burst_is_a_scan_but_the_same_text_typed_slowly_is_a_search(qtbot, field):
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(field, "4006381333931")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scanned.args == ["4006381333931"]
    with qtbot.waitSignal(field.submitted) as submitted:
        for ch in "4006381333931":
            qtbot.keyClick(field, ch)
            qtbot.wait(45)  # a person types more slowly than BURST_MAX_GAP_S
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert submitted.args == ["4006381333931"]


def test_arrows_and_escape_are_offered_to_the_screen(qtbot, field):
    moves = []
    field.moved.connect(moves.append)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown):
        qtbot.keyClick(field, key)
    assert moves == [1, -1, 10]
    qtbot.keyClicks(field, "abc")
    with qtbot.waitSignal(field.escaped):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""


def test_every_enter_is_a_scan_where_nothing_is_searched(qtbot):
    field = ScanField(everything_is_scan=True)
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(field, "hello123")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scanned.args == ["hello123"]


def test_keys_typed_on_a_list_go_to_the_field_but_enter_alone_stays(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    field, items, button = ScanField(), QListWidget(), QPushButton("Go")
    items.addItems(["a", "b"])
    layout = QVBoxLayout(window)
    for widget in (field, items, button):
        layout.addWidget(widget)
    KeyForwarder(field, [items], type_over=(button,))
    clicked = []
    button.setAutoDefault(True)
    button.clicked.connect(lambda: clicked.append(True))
    window.show()
    field.setText("ro")
    qtbot.keyClick(items, "s")
    assert field.text() == "ros"  # the list: a continuation
    qtbot.keyClick(items, Qt.Key.Key_Down)
    assert field.text() == "ros" and items.currentRow() >= 0  # arrows stay with the list
    button.setFocus()
    qtbot.wait(600)  # past the end of a burst: Enter on the button is the button's
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert clicked == [True] and field.text() == "ros"
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(button, TOKEN)  # a scan typed while the button had the focus
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert scanned.args == [TOKEN]  # typed over what was in the field
    assert clicked == [True]


@pytest.mark.parametrize("kind", [OK, DOUBLE, ERROR])
def test_the_banner_shows_large_coloured_text_then_hides(qtbot, kind):
    banner = ScanBanner(show_ms=200)
    qtbot.addWidget(banner)
    banner.show_result(kind, "Goodbye Mario Rossi")
    assert banner.kind() == kind and banner.message() == "Goodbye Mario Rossi"
    assert banner._text.font().pointSize() >= 18
    qtbot.waitUntil(lambda: banner.kind() == "", timeout=2000)
    assert banner.message() == ""


@pytest.mark.parametrize("prefix", ["", "]Q1", "+Q1"])
def test_a_scan_ended_by_tab_is_a_scan_and_leaves_nothing_behind(qtbot, prefix):
    window = QWidget()
    qtbot.addWidget(window)
    field, other = ScanField(), QPushButton("Next")
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(other)
    window.show()
    field.setFocus()
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(field, prefix + TOKEN)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert scanned.args == [prefix + TOKEN] and field.text() == ""
    assert window.focusWidget() is field  # Tab ended the scan, it did not move on


def test_tab_after_typing_a_name_still_moves_the_focus(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    field, other = ScanField(), QPushButton("Next")
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(other)
    window.show()
    window.activateWindow()
    field.setFocus()
    scans = []
    field.scanned.connect(scans.append)
    for ch in "rossi":
        qtbot.keyClick(field, ch)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.focusWidget() is other)
    assert scans == [] and field.text() == "rossi"


def test_a_scan_ended_by_line_feed_is_a_scan(qtbot, field):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(field, "]Q1" + TOKEN)
        # A scanner set to send LF types Ctrl+J, whose text is "\n".
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_J,
                                                Qt.KeyboardModifier.ControlModifier, "\n"))
    assert scanned.args == ["]Q1" + TOKEN] and field.text() == ""


@pytest.mark.parametrize("end", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_a_scan_typed_on_a_list_may_end_with_tab(qtbot, end):
    window = QWidget()
    qtbot.addWidget(window)
    field, items = ScanField(), QListWidget()
    items.addItems(["a", "b"])
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(items)
    KeyForwarder(field, [items])
    window.show()
    items.setFocus()
    with qtbot.waitSignal(field.scanned) as scanned:
        qtbot.keyClicks(items, "]Q1" + TOKEN)
        qtbot.keyClick(items, end)
    assert scanned.args == ["]Q1" + TOKEN] and field.text() == ""
