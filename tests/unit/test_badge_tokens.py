"""Badge tokens: round trip, tampering, truncation, garbage, scanner quirks, validity window."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.domain import badge_tokens as bt
from frontdesk.domain.errors import Conflict, FrontdeskError, ValidationError

KEY_ID, KEY = "KEYA2345", bytes(range(32))
KEYS = {KEY_ID: KEY}
DAY = dt.date(2025, 3, 12)
TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"
NUMBERS = st.from_regex(r"[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){0,3}", fullmatch=True)


def _claim(**changes) -> bt.BadgeClaim:
    values = {"subject_kind": bt.VISIT, "subject_id": uuid.UUID("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
              "number": "R1-000123", "valid_from": DAY, "valid_to": DAY, "key_id": KEY_ID}
    values.update(changes)
    return bt.BadgeClaim(**values)


TOKEN = bt.issue(_claim(), KEY)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(bt.SUBJECT_KINDS), subject=st.uuids(), number=NUMBERS,
       start=st.dates(dt.date(2000, 1, 1), dt.date(2200, 1, 1)), days=st.integers(0, bt.MAX_DAYS),
       offset=st.floats(0, 1))
def test_round_trip(kind, subject, number, start, days, offset):
    claim = _claim(subject_kind=kind, subject_id=subject, number=number, valid_from=start,
                   valid_to=start + dt.timedelta(days=days))
    token = bt.issue(claim, KEY)
    assert set(token) <= set(TOKEN_ALPHABET)
    assert bt.parse(token).claim == claim
    today = start + dt.timedelta(days=round(days * offset))
    assert bt.verify(token, KEYS, today=today) == claim


def test_token_is_compact_and_fits_a_small_qr():
    assert re.fullmatch(r"FDB1\.V\.[A-Z2-7]{26}\.R1-000123\.20250312\.0\.KEYA2345\.[A-Z2-7]{52}", TOKEN)
    assert len(TOKEN) <= 122  # QR version 5 at level M, alphanumeric mode


def test_parse_returns_claim_and_full_signature():
    claim, signature = bt.parse(TOKEN)
    assert claim == _claim()
    assert len(signature) == 32


def test_forged_signature():
    forged = TOKEN[:-52] + ("A" * 52 if not TOKEN.endswith("A" * 52) else "B" * 52)
    with pytest.raises(bt.ForgedBadge):
        bt.verify(forged, KEYS, today=DAY)


def test_signed_with_another_key_under_a_known_id():
    token = bt.issue(_claim(), b"\x01" * 32)
    with pytest.raises(bt.ForgedBadge):
        bt.verify(token, KEYS, today=DAY)


def test_altered_field_is_forged():
    token = bt.issue(_claim(), KEY).replace("R1-000123", "R1-000124")
    with pytest.raises(bt.ForgedBadge) as caught:
        bt.verify(token, KEYS, today=DAY)
    assert type(caught.value) is bt.ForgedBadge


def test_every_single_character_change_is_refused():
    for index, original in enumerate(TOKEN):
        for replacement in TOKEN_ALPHABET:
            if replacement == original:
                continue
            changed = TOKEN[:index] + replacement + TOKEN[index + 1:]
            with pytest.raises((bt.DamagedBadge, bt.ForgedBadge, bt.NotABadge)):
                bt.verify(changed, KEYS, today=DAY)


def test_unknown_key_id():
    token = bt.issue(_claim(key_id="OTHERKEY"), KEY)
    with pytest.raises(bt.UnknownBadgeKey) as caught:
        bt.verify(token, KEYS, today=DAY)
    assert isinstance(caught.value, bt.ForgedBadge)
    assert caught.value.key_id == "OTHERKEY"
    assert "OTHERKEY" in str(caught.value)


def test_truncated_at_every_length():
    for length in range(len(TOKEN)):
        cut = TOKEN[:length]
        expected = bt.DamagedBadge if length >= len(bt.BADGE_PREFIX) else bt.NotABadge
        with pytest.raises(expected):
            bt.verify(cut, KEYS, today=DAY)


def test_extra_characters_after_the_signature():
    with pytest.raises(bt.DamagedBadge):
        bt.verify(TOKEN + "A", KEYS, today=DAY)
    with pytest.raises(bt.DamagedBadge):
        bt.verify(TOKEN + TOKEN, KEYS, today=DAY)


def test_non_canonical_spellings_are_damaged():
    zero_padded = TOKEN.replace(".20250312.0.", ".20250312.00.")
    with pytest.raises(bt.DamagedBadge):
        bt.parse(zero_padded)
    bad_date = TOKEN.replace(".20250312.", ".20250230.")
    with pytest.raises(bt.DamagedBadge):
        bt.parse(bad_date)


def test_newer_format_version_says_so():
    with pytest.raises(bt.DamagedBadge, match="newer version"):
        bt.verify("FDB2" + TOKEN[4:], KEYS, today=DAY)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text())
def test_garbage_raises_only_project_errors(text):
    with pytest.raises(FrontdeskError) as caught:
        bt.verify(text, KEYS, today=DAY)
    assert isinstance(caught.value, bt.NotABadge | bt.DamagedBadge | bt.ForgedBadge)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=TOKEN_ALPHABET + "./-'_ :é\x00\r\n", max_size=160))
def test_badge_shaped_garbage_raises_only_project_errors(text):
    with pytest.raises((bt.DamagedBadge, bt.ForgedBadge)):
        bt.verify("FDB1." + text, KEYS, today=DAY)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_mutated_tokens_never_verify_and_never_crash(data):
    index = data.draw(st.integers(0, len(TOKEN)))
    deleted = data.draw(st.integers(0, 5))
    inserted = data.draw(st.text(max_size=5))
    mutated = TOKEN[:index] + inserted + TOKEN[index + deleted:]
    try:
        claim = bt.verify(mutated, KEYS, today=DAY)
    except FrontdeskError:
        return
    # Only harmless changes may verify: whitespace at the ends, case, or an exact re-insertion.
    assert claim == _claim()
    assert bt.normalise(mutated) == TOKEN


def test_sample_label():
    with pytest.raises(bt.SampleLabelScanned) as caught:
        bt.verify("FDS1.L1-2025-000042.ABCDEFGH", KEYS, today=DAY)
    assert isinstance(caught.value, bt.NotABadge)
    assert isinstance(caught.value, ValidationError)
    assert str(caught.value) == "This is a sample label, not a visitor badge."
    with pytest.raises(bt.SampleLabelScanned):
        bt.verify(" fds1.l1-2025-000042\r\n", KEYS, today=DAY)


def test_not_a_badge():
    for text in ("", "   ", "hello", "https://example.com/", "8001234567895", "\r\n"):
        with pytest.raises(bt.NotABadge) as caught:
            bt.verify(text, KEYS, today=DAY)
        assert type(caught.value) is bt.NotABadge
        assert str(caught.value) == "This code is not a visitor badge."


def test_caps_lock_still_verifies():
    assert bt.verify(TOKEN.lower(), KEYS, today=DAY) == _claim()
    assert bt.verify(TOKEN.swapcase(), KEYS, today=DAY) == _claim()


@pytest.mark.parametrize("dash", ["'", "/"])
def test_keyboard_layout_mix_up_of_the_dash(dash):
    assert bt.verify(TOKEN.replace("-", dash), KEYS, today=DAY) == _claim()


@pytest.mark.parametrize("wrap", [("", "\r"), ("", "\n"), ("", "\r\n"), ("", "\t"), ("  ", "  \r\n"),
                                  ("\ufeff", "\x00"), ("\t", "\n\n")])
def test_whitespace_and_control_characters_around(wrap):
    before, after = wrap
    assert bt.verify(before + TOKEN + after, KEYS, today=DAY) == _claim()


def test_whitespace_inside_is_damage():
    with pytest.raises(bt.DamagedBadge):
        bt.verify(TOKEN[:20] + " " + TOKEN[20:], KEYS, today=DAY)


def test_validity_window():
    claim = _claim(valid_from=DAY, valid_to=DAY + dt.timedelta(days=4))
    token = bt.issue(claim, KEY)
    assert bt.verify(token, KEYS, today=DAY) == claim
    assert bt.verify(token, KEYS, today=DAY + dt.timedelta(days=4)) == claim
    with pytest.raises(bt.BadgeNotYetValid) as early:
        bt.verify(token, KEYS, today=DAY - dt.timedelta(days=1))
    assert isinstance(early.value, Conflict)
    assert early.value.claim == claim
    assert "12 Mar 2025" in str(early.value)
    with pytest.raises(bt.BadgeExpired) as late:
        bt.verify(token, KEYS, today=DAY + dt.timedelta(days=5))
    assert isinstance(late.value, Conflict)
    assert late.value.claim == claim
    assert "16 Mar 2025" in str(late.value)


def test_signature_is_checked_before_dates():
    forged = bt.issue(_claim(valid_to=DAY), b"\x02" * 32)
    with pytest.raises(bt.ForgedBadge):
        bt.verify(forged, KEYS, today=DAY + dt.timedelta(days=30))


@pytest.mark.parametrize("changes", [
    {"number": "r1-000123"}, {"number": "R1_000123"}, {"number": "R1/1"}, {"number": ""},
    {"number": "-R1"}, {"key_id": "key"}, {"key_id": "K.EY"}, {"subject_kind": "X"},
    {"valid_to": DAY - dt.timedelta(days=1)}, {"valid_to": DAY + dt.timedelta(days=bt.MAX_DAYS + 1)},
])
def test_issue_refuses_claims_the_format_cannot_carry(changes):
    with pytest.raises(ValueError):
        bt.issue(_claim(**changes), KEY)


def test_new_key():
    key_id, key = bt.new_key()
    other_id, other = bt.new_key()
    assert re.fullmatch(r"[A-Z2-7]{8}", key_id)
    assert len(key) == 32
    assert (key_id, key) != (other_id, other)
    token = bt.issue(_claim(key_id=key_id), key)
    assert bt.verify(token, {key_id: key}, today=DAY).key_id == key_id
