"""Shared test set-up: Qt offscreen, a fresh data folder per test, no leaked thread pools, and the
app's process-wide policies (ui.process) made for, and closed after, each test that runs Qt.

Imports nothing of Qt itself: the pool check only looks at Qt when a test already loaded it.
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import settings

# This machine is shared and its speed changes by the minute: Hypothesis's per-example deadline
# (200 ms) fails tests for a slow moment, not a slow function. Speed is measured in bench/.
settings.register_profile("frontdesk", deadline=None)
settings.load_profile("frontdesk")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FRONTDESK_NO_OPEN"] = "1"  # saved PDFs are never opened in a viewer during tests
# Tests read the English source messages; tests of the Italian catalogs switch explicitly.
os.environ["FRONTDESK_LANGUAGE"] = "en"

POOL_GRACE_S = 2.0


@pytest.fixture(autouse=True)
def _frontdesk_home(tmp_path, monkeypatch):
    """Every test gets its own FRONTDESK_HOME, so no test sees another's files."""
    home = tmp_path / "frontdesk-home"
    monkeypatch.setenv("FRONTDESK_HOME", str(home))
    return home


def leaked_thread_pools(grace_s: float = POOL_GRACE_S) -> list[str]:
    """Thread pools still running a task after `grace_s`: the background-task pools and Qt's global one.

    Looks only at what is already imported, so a test without Qt never loads it.
    """
    qtcore = sys.modules.get("PySide6.QtCore")
    tasks = sys.modules.get("frontdesk.ui.tasks")
    if qtcore is None:
        return []
    extra = {"QThreadPool.globalInstance()": qtcore.QThreadPool.globalInstance()}
    if tasks is not None:
        return tasks.busy_pools(grace_ms=int(grace_s * 1000), extra=extra)
    pool = extra["QThreadPool.globalInstance()"]
    pool.waitForDone(int(grace_s * 1000))
    return [f"QThreadPool.globalInstance() ({pool.activeThreadCount()} running)"] * (
        pool.activeThreadCount() > 0
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English, the source messages the tests read (the app's own default is
    Italian); a test that switches language (to check Italian text) never leaks it into the next."""
    from frontdesk import i18n

    i18n.set_language("en")
    yield
    if i18n.language() != "en":
        i18n.set_language("en")


@pytest.fixture(autouse=True)
def process_policies(request):
    """Each test with a QApplication (qtbot, qapp) gets its own process policies, as the app makes
    them at start (collection not held: no start-up here), closed after the test's tasks ended."""
    if "qapp" not in request.fixturenames:
        yield None
        return
    request.getfixturevalue("qapp")
    from frontdesk.ui import tasks
    from frontdesk.ui.process import ProcessPolicies

    policies = ProcessPolicies().install(hold_collection=False)
    policies.start()
    yield policies
    tasks.busy_pools(grace_ms=60_000)  # leaks were reported already; no collection may start on a worker
    policies.close()


@pytest.fixture(autouse=True)
def _no_leaked_thread_pools(process_policies):
    """Fail a test that leaves a thread pool running (its work would leak into the next test).
    Checked before the test's process policies are closed (they are set up first)."""
    yield
    leaks = leaked_thread_pools()
    tasks = sys.modules.get("frontdesk.ui.tasks")
    if leaks:
        # Let the leaked work end before the next test starts, then report.
        if tasks is not None:
            tasks.busy_pools(grace_ms=60_000)
        pytest.fail(
            f"The test left thread pools running after {POOL_GRACE_S:g} s: {', '.join(leaks)}. "
            "Wait for background tasks (frontdesk.ui.tasks.wait_for_idle) before the test ends.",
            pytrace=False,
        )
    if tasks is not None and sys.modules.get("PySide6.QtCore").QCoreApplication.instance() is not None:
        tasks.wait_for_idle(1000)  # deliver outcomes now, not inside the next test


# Argon2id as the app hashes passwords (64 MiB, 3 passes) costs about 0.4 s a hash here, and the tests
# make and check hundreds of accounts. They hash with the same algorithm at its lowest cost instead;
# a test marked `real_password_hashing` keeps the app's own cost (test_staff checks it).
_CHEAP_HASHER = None


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request, monkeypatch):
    global _CHEAP_HASHER
    if request.node.get_closest_marker("real_password_hashing"):
        return
    from argon2 import PasswordHasher

    from frontdesk.services.staff import accounts

    if _CHEAP_HASHER is None:
        _CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", _CHEAP_HASHER)


@pytest.fixture(scope="session")
def screenshots_folder(tmp_path_factory):
    """The folder this test run saves its screenshots in: under pytest's own temporary folder
    (pytest keeps the last three runs' folders), never in the repository."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def db_path(tmp_path):
    """A freshly initialised desk database file (desk R1), copied from one made per test process."""
    from desk_template import fresh_desk

    return fresh_desk(tmp_path / "desk.sqlite")


@pytest.fixture
def db(db_path):
    """The desk database opened as the app opens it."""
    from frontdesk.services.desk.setup import open_desk

    database = open_desk(db_path)
    yield database
    database.dispose()


@pytest.fixture
def admin(db):
    """The acting admin (until sign-in exists the app acts as the first admin)."""
    from frontdesk.services.desk.setup import first_admin_actor

    return first_admin_actor(db)


@pytest.fixture
def admin_session(db):
    """The first admin with the password "admin-password" set, signed in (a StaffSession; its
    `.actor` acts as a signed-in admin). Use `admin` when a password is not needed: Argon2 is slow."""
    from frontdesk.services.staff import accounts

    return accounts.set_first_admin_password(db, password="admin-password")


@pytest.fixture
def add_staff(db, admin_session):
    """add_staff(username, role, password=..., display_name=...) -> the new member, signed in (a
    StaffSession), created by the signed-in first admin."""
    from frontdesk.services.staff import accounts

    def add(username: str, role, *, password: str | None = None, display_name: str | None = None):
        password = password or f"{username}-password"
        accounts.create_staff(db, username=username, display_name=display_name or username.title(), role=role,
                              password=password, actor=admin_session.actor)
        return accounts.sign_in(db, username=username, password=password)

    return add
