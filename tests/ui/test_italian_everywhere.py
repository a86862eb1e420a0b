"""Italian from end to end (issue 10, point 7): every command of the command line and every screen
and dialog of the app, run in Italian on a demo desk while every lookup the catalogues lack is
recorded (tests/ui/italian_misses.py). The test fails listing the misses, and the English words in
what the commands print, that are not in the allow-lists below."""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import pytest
from italian_misses import english_words, recording_misses
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from frontdesk.cli import main
from frontdesk.ui import tasks

# Messages that may reach the user untranslated because they are not words: none so far.
ALLOWED_BELOW_UI: frozenset[str] = frozenset()
# Names: the language picker shows each language in its own name.
ALLOWED_UI: frozenset[tuple[str, str]] = frozenset({("SettingsView", "Italiano"), ("SettingsView", "English")})
# Words of the English list (italian_misses.py) that Italian output legitimately holds; commands,
# options and paths are not read as words.
ALLOWED_WORDS: frozenset[str] = frozenset()
# ... and that the screens hold: "record" is Italian too ("ID record").
ALLOWED_ON_SCREEN = frozenset({"record"})


@pytest.fixture
def italian(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTDESK_LANGUAGE", "it")
    monkeypatch.setenv("FRONTDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FRONTDESK_DB", raising=False)
    from frontdesk.i18n import set_language

    set_language("it")
    yield tmp_path
    set_language("en")
    if QApplication.instance() is not None:  # Qt's translators too: the next test reads English
        from frontdesk.ui.i18n_qt import install_translators

        install_translators("en")


def test_the_recorders_catch_what_the_catalogues_lack(italian, qapp):
    from PySide6.QtCore import QCoreApplication

    from frontdesk.i18n import _, ngettext
    from frontdesk.ui.i18n_qt import install_translators

    install_translators("it")
    with recording_misses() as (below, qt):
        _("Nothing was changed.")
        _("A message nobody translated")
        ngettext("{count} thing nobody translated", "{count} things", 2)
        assert QCoreApplication.translate("AuditView", "badge issued") == "badge emesso"
        assert QCoreApplication.translate("AuditView", "visit.new_code") == "visit.new_code"
        ScreenOfOurs().tr("A label nobody translated")
        QLabel().tr("Qt's own context")  # Qt's base classes' contexts are Qt's business
    assert below == {"A message nobody translated", "{count} thing nobody translated"}
    assert qt.misses == {("AuditView", "visit.new_code"), ("ScreenOfOurs", "A label nobody translated")}


class ScreenOfOurs(QWidget):
    pass


def _run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # --help and argparse's errors
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out + out.err


def test_every_command_speaks_italian(italian, capsys, qapp):
    from frontdesk.ui.i18n_qt import install_translators

    install_translators("it")
    home = italian / "home"
    outputs: dict[str, str] = {}
    with recording_misses() as (below, qt):
        steps = [
            ("help", ["--help"]), ("help backup", ["backup", "--help"]), ("help restore", ["restore", "-h"]),
            ("unknown option", ["backup", "--bogus"]), ("missing option", ["init"]),
            ("bad choice", ["no-such-command"]), ("--demo with --db", ["--demo", "--db", "x", "backup"]),
            ("no database", ["backup"]), ("no database gui", ["gui"]), ("no demo", ["--demo", "close-visits"]),
            ("self-test without a database", ["self-test"]),
            ("init", ["init", "--desk", "R1"]), ("init again", ["init", "--desk", "R1"]),
            ("bad desk code", ["init", "--desk", "not a code"]),
            ("demo", ["--demo", "demo"]), ("demo again", ["--demo", "demo"]),
            ("backup", ["--demo", "backup"]), ("backup missing folder", ["--demo", "backup", "--folder", "/nowhere"]),
            ("close-visits", ["--demo", "close-visits"]), ("self-test", ["--demo", "self-test"]),
            ("restore not a backup", ["restore", str(home / "nowhere.sqlite")]),
        ]
        for name, argv in steps:
            code, text = _run(capsys, *argv)
            outputs[name] = text
            assert text.strip(), name
            os.environ["FRONTDESK_HOME"] = str(home)  # --demo moved it to the demo's folder
        backups = sorted((italian / "home-demo" / "backups").glob("*.sqlite"))
        code, outputs["restore"] = _run(capsys, "--demo", "restore", str(backups[0]))
        assert code == 0, outputs["restore"]
        usb = italian / "usb"  # the backup alone, on a new PC that has no record of the desk's series
        usb.mkdir()
        copy = usb / backups[0].name
        shutil.copyfile(backups[0], copy)
        os.environ["FRONTDESK_HOME"] = str(italian / "new-pc")
        code, outputs["restore on a new PC"] = _run(capsys, "restore", str(copy))
        assert code == 2 and "--after-series" in outputs["restore on a new PC"]
        code, outputs["restore, another desk's series"] = _run(capsys, "restore", str(copy), "--after-series", "X9")
        assert code == 2
        code, outputs["restore on a new PC, series given"] = _run(capsys, "restore", str(copy),
                                                                   "--after-series", "R1-B-000009")
        assert code == 0, outputs["restore on a new PC, series given"]
    english = {name: english_words(text, ALLOWED_WORDS) for name, text in outputs.items()}
    assert {name: words for name, words in english.items() if words} == {}, outputs
    assert sorted(below - ALLOWED_BELOW_UI) == []
    assert sorted(qt.misses - ALLOWED_UI) == []
    assert outputs["help"].startswith("uso: frontdesk") and "opzioni:" in outputs["help"]
    assert re.search(r"^Dati dimostrativi pronti: 2\.000 aziende, 6\.000 visitatori, 24\.000 visite in \d+,\d s\.$",
                     outputs["demo"], re.M), outputs["demo"]
    assert "autodiagnosi superata" in outputs["self-test"]


def _texts(widget: QWidget) -> list[str]:
    """What a person reads in a window: labels, buttons, fields' hints, tabs, headers, cells, titles."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(min(child.count(), 30))]
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            columns = child.horizontalHeader().count()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        texts.append(child.toolTip())
    return [t for t in texts if t]


@pytest.fixture
def demo_desk(italian):
    from frontdesk.demo.fill import run_demo
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.staff.accounts import create_demo_accounts

    path = italian / "demo.sqlite"
    run_demo(path, desk="R1")
    db = open_desk(path)
    try:
        passwords = create_demo_accounts(db, seed=1)
    finally:
        db.dispose()
    return path, passwords


def _close_dialogs(qtbot) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.inherits("QDialog") and widget.objectName() != "lockScreen":
            widget.reject()
    qtbot.wait(50)


def test_every_screen_and_dialog_speaks_italian(qtbot, demo_desk, process_policies):
    from frontdesk.ui.i18n_qt import install_translators
    from frontdesk.ui.shell.app import DeskStarter
    from frontdesk.ui.shell.main_window import MainWindow

    path, passwords = demo_desk
    install_translators("it")
    seen: dict[str, list[str]] = {}
    with recording_misses() as (below, qt):
        win = MainWindow()
        qtbot.addWidget(win)
        starter = DeskStarter(win, path, policies=process_policies)
        win.show()
        qtbot.waitUntil(lambda: starter.sign_in_dialog is not None and starter.sign_in_dialog.isVisible(),
                        timeout=15000)
        dialog = starter.sign_in_dialog
        seen["sign-in"] = _texts(dialog)
        dialog.username.setText("admin")
        dialog.password.setText(passwords["admin"])
        qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=15000)
        with qtbot.waitSignal(win.first_data_loaded, timeout=15000):
            dialog.submit_button.click()
        try:
            _walk(qtbot, win, starter, seen)
        finally:
            tasks.wait_for_idle()
            _close_dialogs(qtbot)
            if starter.guard is not None:
                starter.guard.lock_screen.hide()
            if starter.context is not None:
                starter.context.db.dispose()
    assert sorted(below - ALLOWED_BELOW_UI) == []
    assert sorted(qt.misses - ALLOWED_UI) == []
    assert set(seen) >= {"reception", "on_site", "visit_log", "companies", "settings", "audit", "staff", "sign-in",
                         "check-in card", "new visitor", "group", "expected", "company dialog", "visitor dialog",
                         "history", "account dialog", "about", "lock screen", "visitors tab", "visitor history",
                         "export notice", "erase", "evacuation preview", "samples", "sample history",
                         "custody stored", "custody disposed"}
    assert all(seen.values()), [name for name, texts in seen.items() if not texts]
    english = {name: sorted({w for t in texts for w in english_words(t, ALLOWED_ON_SCREEN)})
               for name, texts in seen.items()}
    assert {name: words for name, words in english.items() if words} == {}


def _settle(qtbot, ms: int = 300) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


def _answer_modals(seen: dict[str, list[str]], name: str, text: str = "") -> QTimer:
    """Modal dialogs that block (QInputDialog.getText, QMessageBox.information): read, then answer."""
    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        seen.setdefault(name, []).extend(_texts(modal))
        if isinstance(modal, QInputDialog):
            modal.setTextValue(text)
        modal.accept()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(100)
    return timer


def _visitor_actions(qtbot, win, companies, seen: dict[str, list[str]]) -> None:
    """History, export and erasure of one visitor, from the visitors' tab."""
    win.show_area("companies")
    companies.tabs.setCurrentIndex(1)
    companies.search.setText("ros")
    companies.reload()
    qtbot.waitUntil(lambda: companies.visitor_model.rowCount() > 0, timeout=15000)
    companies.visitor_table.setCurrentIndex(companies.visitor_model.index(0, 0))
    _settle(qtbot)
    seen["visitors tab"] = _texts(win)
    actions = companies.visitor_actions
    actions.history_button.click()
    _settle(qtbot, 500)
    seen["visitor history"] = _texts(actions.dialog)
    _close_dialogs(qtbot)
    actions.export_button.click()
    qtbot.waitUntil(lambda: actions.last_export is not None, timeout=15000)
    _settle(qtbot)
    seen["export notice"] = _texts(win)
    timer = _answer_modals(seen, "erase", "richiesta 12/2026")
    try:
        actions.erase_button.click()
        _settle(qtbot, 800)
        qtbot.waitUntil(lambda: len(seen.get("erase", [])) > 2, timeout=15000)  # the question, then the answer
    finally:
        timer.stop()
    _settle(qtbot)


def _walk(qtbot, win, starter, seen: dict[str, list[str]]) -> None:
    from PySide6.QtTest import QTest

    for key in win.area_keys():
        win.show_area(key)
        _settle(qtbot)
        seen[key] = _texts(win)
    win.show_area("reception")
    reception = win.view("reception")
    reception.search.setFocus()
    QTest.keyClicks(reception.search, "ros")
    _settle(qtbot, 700)
    QTest.keyClick(reception.search, Qt.Key.Key_Return)
    _settle(qtbot)
    seen["check-in card"] = _texts(win)
    reception.panel.cancel()
    for name, opener in (("new visitor", reception.open_new_visitor), ("group", reception.open_group),
                         ("expected", reception.open_expected)):
        opener()
        _settle(qtbot)
        seen[name] = [t for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win
                      for t in _texts(w)]
        _close_dialogs(qtbot)
    win.show_area("on_site")
    on_site = win.view("on_site")
    _settle(qtbot)
    if on_site.people():
        on_site.table.selectRow(0)
        on_site.reprint_selected()
        _settle(qtbot, 500)
        seen["reprint"] = _texts(win)
    win.show_area("companies")
    companies = win.view("companies")
    _settle(qtbot)
    for name, opener in (("company dialog", companies._on_new_company_button_clicked),
                         ("visitor dialog", companies._on_new_visitor_button_clicked)):
        opener()
        _settle(qtbot)
        seen[name] = [t for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win
                      for t in _texts(w)]
        _close_dialogs(qtbot)
    _visitor_actions(qtbot, win, companies, seen)
    previews = []
    on_site.preview_opened.connect(previews.append)  # the view keeps no reference to its preview
    on_site.preview_evacuation_list()
    qtbot.waitUntil(lambda: bool(previews), timeout=15000)
    _settle(qtbot)
    seen["evacuation preview"] = _texts(previews[0])
    previews.pop().close()
    win.show_area("audit")
    audit = win.view("audit")
    audit.reload()
    _settle(qtbot, 500)
    seen["audit rows"] = [str(audit.model.index(r, c).data()) for r in range(min(audit.model.rowCount(), 200))
                          for c in range(7)]
    audit.table.selectRow(0)
    audit.history_button.click()
    _settle(qtbot, 500)
    seen["history"] = [t for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win
                       for t in _texts(w)]
    _close_dialogs(qtbot)
    win.show_area("samples")
    samples = win.view("samples")
    qtbot.waitUntil(lambda: samples.model.rowCount() > 0, timeout=15000)
    samples._open_row(0)
    qtbot.waitUntil(lambda: samples.history.history is not None, timeout=15000)
    _settle(qtbot)
    seen["sample history"] = _texts(win)
    for kind in ("stored", "to_test", "remnant", "disposed"):
        samples.history.open_step(kind)
        _settle(qtbot)
        seen[f"custody {kind}"] = [t for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win
                                   for t in _texts(w)]
        _close_dialogs(qtbot)
    win.show_area("staff")
    staff_view = win.view("staff")
    _settle(qtbot)
    staff_view._on_add_button_clicked()
    _settle(qtbot)
    seen["account dialog"] = [t for w in QApplication.topLevelWidgets() if w.isVisible() and w is not win
                              for t in _texts(w)]
    _close_dialogs(qtbot)
    win.show_about()
    _settle(qtbot)
    seen["about"] = _texts(win.about_box)
    win.about_box.close()
    starter.guard.lock_now()
    _settle(qtbot)
    seen["lock screen"] = _texts(starter.guard.lock_screen)
    starter.guard.lock_screen.hide()


def test_every_printing_message_is_in_the_catalogue():
    """ui/printing.py looks its messages up through `_tr(text, ...)`, which lupdate cannot see: each
    one is listed in `_TR_MESSAGES` for it."""
    from frontdesk.ui import printing

    source = Path(printing.__file__).read_text(encoding="utf-8")
    used = {node.args[0].value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_tr"
            and node.args and isinstance(node.args[0], ast.Constant)}
    assert used and used <= set(printing._TR_MESSAGES)


def test_first_start_and_a_database_that_cannot_open_speak_italian(qtbot, italian, process_policies):
    """A real desk's first start (the admin's password, chosen twice: a mismatch first) and the
    screen shown when the database cannot be opened (an empty file)."""
    from frontdesk.services.desk.setup import init_desk
    from frontdesk.ui.i18n_qt import install_translators
    from frontdesk.ui.shell.app import DeskStarter
    from frontdesk.ui.shell.main_window import MainWindow

    install_translators("it")
    real, empty = italian / "desk.sqlite", italian / "empty.sqlite"
    init_desk(real, desk="R2")
    empty.touch()
    seen: dict[str, list[str]] = {}
    with recording_misses() as (below, qt):
        win = MainWindow()
        qtbot.addWidget(win)
        starter = DeskStarter(win, real, policies=process_policies)
        win.show()
        qtbot.waitUntil(lambda: starter.sign_in_dialog is not None and starter.sign_in_dialog.isVisible(),
                        timeout=15000)
        dialog = starter.sign_in_dialog
        assert dialog.first_run
        seen["first start"] = _texts(dialog)
        dialog.password.setText("una-password-lunga")
        dialog.repeat.setText("un'altra-password")
        qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=15000)
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=15000)
        seen["passwords differ"] = [dialog.message.text()]
        dialog.password.setText("una-password-lunga")  # a mismatch clears both
        dialog.repeat.setText("una-password-lunga")
        with qtbot.waitSignal(win.first_data_loaded, timeout=15000):
            dialog.submit_button.click()
        seen["first screen"] = _texts(win)
        tasks.wait_for_idle()
        starter.guard.lock_screen.hide()
        starter.context.db.dispose()

        broken = MainWindow()
        qtbot.addWidget(broken)
        failing = DeskStarter(broken, empty, policies=process_policies)
        broken.show()
        qtbot.waitUntil(lambda: failing.failure is not None, timeout=15000)
        seen["cannot open"] = _texts(broken)
        tasks.wait_for_idle()
    assert sorted(below - ALLOWED_BELOW_UI) == []
    assert sorted(qt.misses - ALLOWED_UI) == []
    assert "Il file" in " ".join(seen["cannot open"]) and all(seen.values())
    english = {name: sorted({w for t in texts for w in english_words(t, ALLOWED_ON_SCREEN)})
               for name, texts in seen.items()}
    assert {name: words for name, words in english.items() if words} == {}
