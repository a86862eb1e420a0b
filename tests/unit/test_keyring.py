"""The badge key ring file: created once, mode 0600, atomic writes, rotation keeps old keys."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
import sys
import threading
import uuid

import pytest

from frontdesk import config
from frontdesk.domain import badge_tokens as bt
from frontdesk.domain.errors import StorageProblem
from frontdesk.services.desk import keyring

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTDESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def rotate(db, admin):
    """keyring.rotate as the desk's administrator."""
    return lambda: keyring.rotate(db, actor=admin)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_first_load_creates_a_key(home):
    ring = keyring.load_keyring(create=True)
    key_id, key = ring.current()
    assert len(key) == 32
    assert dict(ring.keys) == {key_id: key}
    path = home / "secrets" / "badge-keys.json"
    assert keyring.keyring_path() == path
    raw = json.loads(path.read_text())
    assert raw == {"current": key_id, "keys": {key_id: base64.b64encode(key).decode()}}


@posix_only
def test_file_is_private(home, rotate):
    keyring.load_keyring(create=True)
    assert _mode(keyring.keyring_path()) == 0o600
    assert _mode(config.secrets_dir()) == 0o700
    rotate()
    assert _mode(keyring.keyring_path()) == 0o600


@posix_only
def test_loose_mode_is_tightened_on_load():
    keyring.load_keyring(create=True)
    os.chmod(keyring.keyring_path(), 0o644)
    keyring.load_keyring()
    assert _mode(keyring.keyring_path()) == 0o600


def test_reload_from_disk_gives_the_same_ring():
    first = keyring.load_keyring(create=True)
    again = keyring.load_keyring()
    assert again.current() == first.current()
    assert dict(again.keys) == dict(first.keys)


def test_rotate_keeps_old_keys_and_old_badges_verify(rotate):
    old_id, old_key = keyring.load_keyring(create=True).current()
    today = dt.date(2025, 3, 12)
    claim = bt.BadgeClaim("V", uuid.uuid4(), "R1-000001", today, today, old_id)
    old_token = bt.issue(claim, old_key)

    new_id = rotate()
    ring = keyring.load_keyring()
    assert new_id != old_id
    assert ring.current()[0] == new_id
    assert ring.keys[old_id] == old_key
    assert set(ring.keys) == {old_id, new_id}
    assert bt.verify(old_token, ring.keys, today=today) == claim

    third = rotate()
    assert set(keyring.load_keyring().keys) == {old_id, new_id, third}
    assert keyring.load_keyring().current()[0] == third


def test_keys_cannot_be_changed_through_the_ring():
    ring = keyring.load_keyring(create=True)
    with pytest.raises(TypeError):
        ring.keys["X"] = b"0" * 32  # type: ignore[index]


def test_no_temporary_files_are_left(rotate):
    keyring.load_keyring(create=True)
    rotate()
    assert [p.name for p in config.secrets_dir().iterdir()] == ["badge-keys.json"]


@pytest.mark.parametrize("content", [
    "", "not json", "[]", '{"current": "A"}', '{"current": "A", "keys": {"B": "AAAA"}}',
    '{"current": "A", "keys": {"A": "%%%"}}', '{"current": "A", "keys": {"A": "AAAA"}}',
    '{"current": "a b", "keys": {"a b": "' + base64.b64encode(b"k" * 32).decode() + '"}}',
])
def test_damaged_file_is_reported_not_replaced(content):
    path = keyring.keyring_path()
    path.write_text(content)
    with pytest.raises(StorageProblem, match="badge key file"):
        keyring.load_keyring()
    assert path.read_text() == content


def test_first_key_is_created_once_under_concurrency():
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def load() -> None:
        try:
            barrier.wait()
            results.append(keyring.load_keyring(create=True).current()[0])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(results)) == 1
    assert keyring.load_keyring().current()[0] == results[0]


def test_creating_when_another_process_won_keeps_theirs():
    theirs = keyring.KeyRing("THEIRS", {"THEIRS": b"t" * 32})
    keyring.save_keyring(theirs)
    mine = keyring.KeyRing("MINE", {"MINE": b"m" * 32})
    keyring._create_once(keyring.keyring_path(), mine)
    assert keyring.load_keyring().current() == ("THEIRS", b"t" * 32)


def test_ring_needs_its_current_key():
    with pytest.raises(ValueError):
        keyring.KeyRing("A", {"B": b"b" * 32})


def test_a_missing_ring_is_made_only_when_the_caller_says_so(rotate):
    with pytest.raises(keyring.KeyRingMissing, match=r"badge key file .* is missing"):
        keyring.load_keyring()
    assert not keyring.keyring_path().exists()
    with pytest.raises(StorageProblem, match="is missing"):
        rotate()  # rotating never makes a first key behind the desk's back
    assert not keyring.keyring_path().exists()


def test_merging_a_backups_keys_adds_and_never_drops():
    theirs = {"OLDKEY1": b"o" * 32, "OLDKEY2": b"p" * 32}
    assert keyring.merge_keys(theirs, current="OLDKEY2").current() == ("OLDKEY2", b"p" * 32)  # no ring yet
    keyring.save_keyring(keyring.KeyRing("NEWKEY", {"NEWKEY": b"n" * 32, "OLDKEY1": b"o" * 32}))
    merged = keyring.merge_keys({"OLDKEY1": b"x" * 32, "OLDKEY3": b"q" * 32}, current="OLDKEY3")
    assert merged.current_id == "NEWKEY"
    assert dict(merged.keys) == {"NEWKEY": b"n" * 32, "OLDKEY1": b"o" * 32, "OLDKEY3": b"q" * 32}
    assert dict(keyring.load_keyring().keys) == dict(merged.keys)


def test_merging_over_a_damaged_file_sets_it_aside():
    path = keyring.keyring_path()
    path.write_text("{broken")
    ring = keyring.merge_keys({"OLDKEY1": b"o" * 32}, current="OLDKEY1")
    assert keyring.load_keyring() == ring
    aside = [p for p in config.secrets_dir().iterdir() if p.name.startswith("badge-keys.json.damaged-")]
    assert len(aside) == 1 and aside[0].read_text() == "{broken"
