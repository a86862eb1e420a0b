"""The `frontdesk` command in a real subprocess: init, self-test, clear messages for bad files."""

import os
import subprocess
import sys


def _run(*args, home, timeout=120, language="en"):
    env = {**os.environ, "FRONTDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "FRONTDESK_LANGUAGE": language}
    return subprocess.run([sys.executable, "-m", "frontdesk", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_init_creates_the_database_and_is_idempotent(tmp_path):
    db = tmp_path / "d.sqlite"
    first = _run("--db", str(db), "init", "--desk", "r2", home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Desk R2" in first.stdout and "admin" in first.stdout
    again = _run("--db", str(db), "init", "--desk", "R2", home=tmp_path)
    assert again.returncode == 0 and "admin" not in again.stdout


def test_not_a_database_gets_a_message_in_italian_and_no_traceback(tmp_path):
    bad = tmp_path / "lista.sqlite"
    bad.write_text("nome,cognome\n")
    result = _run("--db", str(bad), "close-visits", home=tmp_path, language="it")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "non è un database" in result.stderr
    assert bad.read_text() == "nome,cognome\n"


def test_self_test_passes(tmp_path):
    result = _run("self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout and "QR decoded" in result.stdout
    assert not (tmp_path / "frontdesk.sqlite").exists()  # the desk's own data is untouched


def test_demo_prints_the_demo_accounts_and_they_sign_in(tmp_path):
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.staff.accounts import sign_in

    db_file = tmp_path / "demo.sqlite"
    result = _run("--db", str(db_file), "demo", home=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Demo accounts (username: password):")
    accounts = dict(line.strip().split(": ", 1) for line in lines[start + 1:])
    assert {"admin", "reception"} <= set(accounts)
    db = open_desk(db_file)
    try:
        assert sign_in(db, username="reception", password=accounts["reception"]).actor.role.value == "reception"
    finally:
        db.dispose()
