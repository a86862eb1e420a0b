"""Sample label tokens (domain.lab.sample_tokens): made, read back, and every wrong scan told apart."""

import datetime as dt
import uuid

import pytest

from frontdesk.domain import badge_tokens
from frontdesk.domain.lab import sample_tokens as st
from frontdesk.i18n import set_language

KEY_ID, KEY = "K1", b"k" * 32
RING = {KEY_ID: KEY}


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")


def _token(lab_id: str = "L1-000042", sample_id: uuid.UUID | None = None) -> tuple[st.SampleClaim, str]:
    claim = st.SampleClaim(sample_id or uuid.uuid4(), lab_id, KEY_ID)
    return claim, st.issue(claim, KEY)


@pytest.mark.parametrize("lab_id", ["L1-000042", "L1-B-000042", "L1-000042-3", "R12-BA-1234567"])
def test_a_label_reads_back_as_its_sample(lab_id):
    claim, token = _token(lab_id)
    assert token.startswith("FDS1.")
    assert st.verify(token, RING) == claim


def test_what_a_scanner_adds_is_tolerated():
    claim, token = _token()
    assert st.verify("]Q1" + token.lower() + "\r\n", RING) == claim


def test_a_badge_scanned_in_the_lab_is_named_as_a_badge():
    badge = badge_tokens.issue(badge_tokens.BadgeClaim("V", uuid.uuid4(), "R1-000001", dt.date(2026, 12, 1),
                                                       dt.date(2026, 12, 1), KEY_ID), KEY)
    with pytest.raises(st.BadgeScannedAsSample, match="visitor badge"):
        st.verify(badge, RING)


@pytest.mark.parametrize("text", ["", "hello", "4006381333931", "https://example.com/x", "LAB-2026-0042"])
def test_garbage_is_not_a_sample_label(text):
    with pytest.raises(st.NotASampleLabel, match="not a sample label") as caught:
        st.verify(text, RING)
    assert type(caught.value) is st.NotASampleLabel


def test_a_label_cut_short_is_damaged():
    _claim, token = _token()
    for cut in (token[:-1], token[:20], token + "A", token.replace(".", "", 1)):
        with pytest.raises(st.DamagedLabel):
            st.verify(cut, RING)


def test_another_labs_label_or_an_altered_one_is_refused():
    _claim, token = _token()
    with pytest.raises(st.ForeignLabel, match="not printed by this lab"):
        st.verify(token, {"OTHER": b"o" * 32})
    with pytest.raises(st.ForeignLabel):
        st.verify(token, {KEY_ID: b"x" * 32})
    altered = token.replace("L1-000042", "L1-000043")
    with pytest.raises(st.ForeignLabel):
        st.verify(altered, RING)


def test_the_badge_prompt_still_names_a_sample_label():
    _claim, token = _token()
    with pytest.raises(badge_tokens.SampleLabelScanned):
        badge_tokens.parse(token)


def test_the_message_is_italian_when_the_desk_is():
    set_language("it")
    with pytest.raises(st.NotASampleLabel) as caught:
        st.verify("hello", RING)
    assert "etichetta" in str(caught.value).lower()


@pytest.mark.parametrize("lab_id", ["l1-000042", "L1", "L1_000042", "L1-000042-" + "9" * 13])
def test_the_format_refuses_what_it_cannot_carry(lab_id):
    with pytest.raises(ValueError):
        st.issue(st.SampleClaim(uuid.uuid4(), lab_id, KEY_ID), KEY)
