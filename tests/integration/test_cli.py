"""The `frontdesk` command in a real subprocess: where the database is (one rule, `--demo` for the
demo's own folder), what a command says when there is none, and the sentence each command prints."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args, home, timeout=120, language="en", **extra):
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_DB"}
    env.update({"FRONTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "FRONTDESK_LANGUAGE": language,
                **extra})
    return subprocess.run([sys.executable, "-m", "frontdesk", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def _tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content's digest (folders too, as '')."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""
            for p in sorted(folder.rglob("*"))}


def test_init_creates_the_database_and_is_idempotent(tmp_path):
    db = tmp_path / "d.sqlite"
    first = _run("--db", str(db), "init", "--desk", "r2", home=tmp_path / "home")
    assert first.returncode == 0, first.stderr
    assert f"Created the database of desk R2 at {db}." in first.stdout
    assert "'admin' account was created" in first.stdout
    assert f"Start the app with: frontdesk --db {db}" in first.stdout
    again = _run("--db", str(db), "init", "--desk", "R2", home=tmp_path / "home")
    assert again.returncode == 0
    assert f"The database of desk R2 at {db} is checked and up to date." in again.stdout
    assert "admin" not in again.stdout


@pytest.mark.parametrize("command", [
    [], ["gui"], ["backup"], ["close-visits"], ["backup", "--folder", "elsewhere"],
    ["--demo"], ["--demo", "gui"], ["--demo", "backup"], ["--demo", "close-visits"],
])
def test_a_command_without_a_database_says_how_to_make_one_and_leaves_nothing_behind(tmp_path, command):
    home = tmp_path / "home"
    result = _run(*command, home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    if "--demo" in command:
        db = tmp_path / "home-demo" / "frontdesk.sqlite"
        assert result.stderr.strip() == f"There is no demo database yet ({db}). Make it with: frontdesk --demo demo"
    else:
        assert f"There is no database at {home / 'frontdesk.sqlite'}." in result.stderr
        assert "run: frontdesk init --desk CODE" in result.stderr and "frontdesk --demo demo" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no data folder, no demo folder, no file


def test_a_named_database_that_is_missing_is_named_in_the_advice(tmp_path):
    missing = tmp_path / "desk.sqlite"
    result = _run("--db", str(missing), "close-visits", home=tmp_path / "home")
    assert result.returncode == 2
    assert f"run: frontdesk --db {missing} init --desk CODE" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [
    ["init", "--desk", "not a code"], ["demo", "--desk", "not a code"], ["restore", "no-such-backup.sqlite"],
    ["--demo", "--db", "x.sqlite", "backup"], ["no-such-command"],
])
def test_a_refused_command_leaves_nothing_behind(tmp_path, command):
    result = _run(*command, home=tmp_path / "home")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip()
    assert list(tmp_path.iterdir()) == []


def test_self_test_without_a_database_passes_says_how_to_make_one_and_leaves_nothing(tmp_path):
    result = _run("self-test", home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout and "QR decoded" in result.stdout
    assert "not checked (to make one: frontdesk init --desk CODE)" in result.stdout
    assert list(tmp_path.iterdir()) == []  # the desk's own data is untouched


def test_not_a_database_gets_a_message_in_italian_and_no_traceback(tmp_path):
    bad = tmp_path / "lista.sqlite"
    bad.write_text("nome,cognome\n")
    result = _run("--db", str(bad), "close-visits", home=tmp_path, language="it")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "non è un database" in result.stderr
    assert bad.read_text() == "nome,cognome\n"


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """A real desk (init) and, beside it, the demo made with `--demo demo`."""
    root = tmp_path_factory.mktemp("places")
    home = root / "home"
    real = _run("init", "--desk", "R1", home=home)
    assert real.returncode == 0, real.stderr
    made = _run("--demo", "demo", home=home, timeout=300)
    assert made.returncode == 0, made.stderr
    return root, home, made


def test_demo_lives_in_its_own_folder_and_prints_how_to_start_and_its_accounts(places):
    from frontdesk.services.desk.setup import is_demo, open_desk
    from frontdesk.services.staff.accounts import sign_in

    root, home, made = places
    demo_db = root / "home-demo" / "frontdesk.sqlite"
    assert demo_db.is_file()
    lines = made.stdout.splitlines()
    assert lines[0].startswith("Demo data ready: 2,000 companies, 6,000 visitors") and lines[0].endswith(" s.")
    assert "Start the app on it with: frontdesk --demo" in lines
    start = lines.index("Demo accounts (username: password):")
    accounts = dict(line.strip().split(": ", 1) for line in lines[start + 1:])
    assert {"admin", "reception"} <= set(accounts)
    db = open_desk(demo_db)
    try:
        assert is_demo(db)
        assert sign_in(db, username="reception", password=accounts["reception"]).actor.role.value == "reception"
        _the_demo_has_reports_signed_by_its_lab_manager(db)
        _the_demo_has_receipts_of_its_last_working_days(db)
    finally:
        db.dispose()
    real = open_desk(home / "frontdesk.sqlite")
    try:
        assert not is_demo(real)
    finally:
        real.dispose()


def _the_demo_has_reports_signed_by_its_lab_manager(db):
    """`frontdesk demo` issues the newest verified requests' reports, through the reports service."""
    from frontdesk.services.lab.reports import issued_reports, report_pdf

    reports = issued_reports(db)
    assert len(reports) == 8
    assert {(report.revision, report.authorised_by) for report in reports} == {(0, "Elena Pesenti")}
    assert report_pdf(db, report_id=reports[0].id).matches_issued


def _the_demo_has_receipts_of_its_last_working_days(db):
    """`frontdesk demo` issues the last ten working days' receipts as its receptionist, in one gapless
    series, so the daily closing of each of those days has something to sum."""
    from sqlalchemy import select

    from frontdesk.db.receipt_models import Receipt

    with db.read() as session:
        rows = session.execute(select(Receipt.counter, Receipt.issued_by_name, Receipt.issued_at)
                               .order_by(Receipt.counter)).all()
    assert len(rows) >= 20 and [r.counter for r in rows] == list(range(1, len(rows) + 1))
    assert {r.issued_by_name for r in rows} == {"Giulia Bonfanti"}
    assert len({r.issued_at.date() for r in rows}) >= 9  # about ten days (a day's Rome and UTC dates agree)


def test_demo_commands_use_the_demo_place_and_never_the_real_one(places):
    root, home, _made = places
    real_before = _tree(home)
    # FRONTDESK_DB names a real desk's file: --demo still works on the demo.
    backup = _run("--demo", "backup", home=home, FRONTDESK_DB=str(home / "frontdesk.sqlite"))
    assert backup.returncode == 0, backup.stderr
    copies = list((root / "home-demo" / "backups").glob("frontdesk-R1-*.sqlite"))
    assert len(copies) == 1
    assert backup.stdout.startswith(f"Backup made: {copies[0]} (") and backup.stdout.rstrip().endswith(" MB).")
    assert "BackupResult" not in backup.stdout
    closed = _run("--demo", "close-visits", home=home)
    assert closed.returncode == 0, closed.stderr
    assert "visit" in closed.stdout and "(s)" not in closed.stdout
    assert _tree(home) == real_before  # the real desk's folder: not one file added or changed


def test_demo_without_demo_or_db_still_goes_to_the_demo_place(tmp_path):
    result = _run("demo", home=tmp_path / "home", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Start the app on it with: frontdesk --demo" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home-demo"]  # nothing in the real data folder
    again = _run("--demo", "init", "--desk", "R1", home=tmp_path / "home")
    assert again.returncode == 0 and "checked and up to date" in again.stdout


def test_init_in_the_demo_place_makes_a_demo_database(tmp_path):
    from frontdesk.services.desk.setup import is_demo, open_desk

    result = _run("--demo", "init", "--desk", "R1", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    db = open_desk(tmp_path / "home-demo" / "frontdesk.sqlite")
    try:
        assert is_demo(db)
    finally:
        db.dispose()


def test_the_app_with_demo_opens_the_demo_database(places):
    root, home, _made = places
    real_before = _tree(home)
    # The benchmark option signs in by itself and quits once the first screen shows its data.
    result = _run("--demo", "gui", "--bench-startup", home=home, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["PAINTED", "READY"]
    assert (root / "home-demo" / "ui.ini").is_file()  # the window's preferences: the demo's own too
    assert _tree(home) == real_before


def test_backup_into_a_missing_folder_speaks_of_that_folder_and_makes_nothing(places, tmp_path):
    _root, home, _made = places
    missing = tmp_path / "usb-stick"
    result = _run("--demo", "backup", "--folder", str(missing), home=home, language="it")
    assert result.returncode == 2
    assert f"La cartella {missing} indicata per questo backup non esiste" in result.stderr
    assert "Impostazioni" not in result.stderr
    assert not missing.exists()


def test_close_visits_says_how_many_with_plural_forms(places):
    from frontdesk.i18n import ngettext, set_language

    _root, home, _made = places
    result = _run("--demo", "close-visits", home=home, language="it")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nessuna visita") or " chius" in result.stdout
    set_language("it")
    one = "{count} visit still open after the check-out hour was closed."
    many = "{count} visits still open after the check-out hour were closed."
    assert ngettext(one, many, 1).format(count=1) == "1 visita ancora aperta dopo l'ora di uscita è stata chiusa."
    assert ngettext(one, many, 3).format(count=3).startswith("3 visite ancora aperte")


def test_help_in_italian_has_no_english_words_from_argparse(tmp_path):
    result = _run("--help", home=tmp_path / "home", language="it")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("uso: frontdesk") and "opzioni:" in text and "mostra questo aiuto ed esce" in text
    for english in ("usage", "positional arguments", "options:", "show this help", "start the desktop app"):
        assert english not in text
    wrong = _run("backup", "--bogus", home=tmp_path / "home", language="it")
    assert wrong.returncode == 2
    assert "frontdesk: errore: argomenti non riconosciuti: --bogus" in wrong.stderr
    missing = _run("init", home=tmp_path / "home", language="it")
    assert "servono questi argomenti: --desk" in missing.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_piped_into_a_program_that_stops_reading_ends_without_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_DB"}
    env.update({"FRONTDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"})
    child = subprocess.Popen([sys.executable, "-m", "frontdesk", "self-test"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout.readline()  # like `frontdesk self-test | head -1`
    child.stdout.close()
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 1 and "Traceback" not in err, err
