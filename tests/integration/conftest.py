"""Fixtures of the integration tests: a desk database in a data folder of its own, as the
app keeps it (backups, series ledgers and the copies kept before a restore go beside it)."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
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


class Recorder(Sink):
    """A mail server's handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on a free loopback port: (its controller, the handler keeping the messages)."""
    handler = Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture
def free_port():
    """A loopback port nothing listens on (a mail server that is down)."""
    return _free_port()
