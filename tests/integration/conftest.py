"""Fixtures of the backup and restore tests: a desk database in a data folder of its own, as the
app keeps it (backups, series ledgers and the copies kept before a restore go beside it)."""

from __future__ import annotations

import pytest
from desk_template import fresh_desk

from frontdesk.services.desk.setup import open_desk
from frontdesk.services.staff import accounts


@pytest.fixture
def path(tmp_path):
    """The file of an initialised desk R1, `data/frontdesk.sqlite` under the test's folder."""
    p = tmp_path / "data" / "frontdesk.sqlite"
    p.parent.mkdir()
    return fresh_desk(p)


@pytest.fixture
def desk(path):
    """The signed-in first admin (password "admin-password") of the desk at `path`, which is
    closed again: the tests open it as the app does, and restore over it."""
    db = open_desk(path)
    try:
        return accounts.set_first_admin_password(db, password="admin-password").actor
    finally:
        db.dispose()
