"""The key-ring hand-over (DESIGN rule 10), with a real hub process on a real PostgreSQL: each
desk keeps its own 0600 key file (its own FRONTDESK_HOME here), hands its keys to the hub and takes
the site's ring, so a badge printed at one desk checks out at the other, old badges included, and a
forged badge is still refused."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import secrets
import stat

import httpx
import pytest
from sync_hub import hub_rows

from frontdesk.domain import badge_tokens
from frontdesk.domain.badge_tokens import ForgedBadge, UnknownBadgeKey
from frontdesk.domain.clock import utcnow
from frontdesk.services.desk.keyring import keyring_path, load_keyring, rotate
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visits import check_in_new_visitor
from frontdesk.services.registry.visitors import VisitorInput


@contextlib.contextmanager
def at(desk, tmp_path):
    """Work as the PC of `desk`: its own data folder, so its own key file."""
    before = os.environ.get("FRONTDESK_HOME")
    os.environ["FRONTDESK_HOME"] = str(tmp_path / f"home-{desk.code}")
    try:
        yield
    finally:
        if before is None:
            del os.environ["FRONTDESK_HOME"]
        else:
            os.environ["FRONTDESK_HOME"] = before


def _badge(desk, tmp_path, last_name: str) -> str:
    with at(desk, tmp_path):
        result = check_in_new_visitor(desk.db, visitor=VisitorInput("Anna", last_name), service_code="meeting",
                                      host_id=None, privacy_notice_shown=True, actor=desk.admin)
    return result.badge.data.token


def _later() -> dt.datetime:
    return utcnow() + dt.timedelta(minutes=1)  # a scan, not the check-in's double scan


def _forged(token: str) -> str:
    """The same claim, under the same (genuine) key id, signed with a key that is not the site's."""
    return badge_tokens.issue(badge_tokens.parse(token).claim, secrets.token_bytes(32))


def test_a_badge_printed_at_a_checks_out_at_b_and_a_forged_one_is_still_refused(desks, hub, tmp_path):
    a, b = desks
    old_token = _badge(a, tmp_path, "Prima")  # printed before desk A ever synced
    with at(a, tmp_path):
        a.sync()
        a_key = load_keyring().current()
    with at(b, tmp_path), pytest.raises(UnknownBadgeKey):  # before the hand-over B cannot check it
        scan_badge(b.db, text=old_token, actor=b.admin, now=_later())
    with at(b, tmp_path):
        b.sync()
        ring_b = load_keyring()
        assert ring_b.keys[a_key[0]] == a_key[1] and ring_b.current_id != a_key[0]  # B still signs with its own
        assert stat.S_IMODE(keyring_path().stat().st_mode) == 0o600
        result = scan_badge(b.db, text=old_token, actor=b.admin, now=_later())
        assert result.action == "checked_out" and result.visitor_name == "Anna Prima"
        with pytest.raises(ForgedBadge):
            scan_badge(b.db, text=_forged(_badge(a, tmp_path, "Seconda")), actor=b.admin)
    stored = dict(hub_rows(hub.db_url, "SELECT key_id, key FROM hub_badge_key"))
    assert set(stored) == {a_key[0], ring_b.current_id}


def test_a_key_rotated_at_b_verifies_at_a_after_both_sync(desks, tmp_path):
    a, b = desks
    with at(b, tmp_path):
        b.sync()
        rotate(b.db, actor=b.admin)
    token = _badge(b, tmp_path, "Ruotata")
    with at(b, tmp_path):
        b.sync()
    with at(a, tmp_path):
        a.sync()
        assert scan_badge(a.db, text=token, actor=a.admin, now=_later()).action == "checked_out"


def test_keys_travel_only_with_a_valid_token_and_a_key_id_cannot_be_taken_over(desks, hub, tmp_path):
    a, b = desks
    with at(a, tmp_path):
        a.sync()
        key_id, key = load_keyring().current()
    assert httpx.post(f"{hub.url}/v1/keys", json={"keys": {}}).status_code == 401
    assert httpx.post(f"{hub.url}/v1/keys", json={"keys": {}}, headers={"Authorization": "Bearer forged"}
                      ).status_code == 401
    other = base64.b64encode(b"x" * 32).decode("ascii")
    answer = httpx.post(f"{hub.url}/v1/keys", json={"keys": {key_id: other}},
                        headers={"Authorization": f"Bearer {b.token}"}).json()
    assert answer["refused"] == [key_id] and base64.b64decode(answer["keys"][key_id]) == key
    bad = httpx.post(f"{hub.url}/v1/keys", json={"keys": {"AB": base64.b64encode(b"short").decode()}},
                     headers={"Authorization": f"Bearer {b.token}"})
    assert bad.status_code == 422
    assert hub_rows(hub.db_url, "SELECT key FROM hub_badge_key WHERE key_id = %s", key_id) == [(key,)]
