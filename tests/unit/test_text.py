"""The search normaliser and input cleaning."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.text import clean, fold, name_key, query_terms, search_key, search_words


def test_accents_and_apostrophes():
    assert search_words("Nicolò") == ["nicolo"]
    assert search_words("D'Alessandro") == ["dalessandro", "d", "alessandro"]
    assert "nicolo" in search_key("Nicolò", "D'Alessandro")
    assert query_terms("  DAlessandro nicolò ") == ["dalessandro", "nicolo"]
    assert query_terms("d'ales") == ["dales"]
    assert search_words("Müller-Lüdenscheidt") == ["mullerludenscheidt", "muller", "ludenscheidt"]
    assert fold("ŁUKASZ Straße") == "lukasz strasse"


def test_name_key_ignores_legal_form_and_punctuation():
    assert name_key("Rossi S.r.l.") == name_key("ROSSI SRL") == "rossi"
    assert name_key("Officine Meccaniche Bergamasche S.p.A.") == "officine meccaniche bergamasche"


@given(st.text())
def test_normaliser_output_is_plain_ascii_words(text):
    allowed = set(string.ascii_lowercase + string.digits)
    for word in search_words(text):
        assert word and set(word) <= allowed
    for term in query_terms(text):
        assert term and set(term) <= allowed


@given(st.text())
def test_normaliser_is_idempotent_and_case_blind(text):
    words = search_words(text)
    assert search_words(" ".join(words)) == words
    assert search_words(text.upper()) == search_words(text.lower()) or text.upper().lower() != text.lower()


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=12))
def test_a_typed_name_is_found_by_its_own_prefixes(name):
    words = search_words(name)
    for term in query_terms(name):
        for cut in range(1, len(term) + 1):
            assert any(w.startswith(term[:cut]) for w in words)


def test_clean_rejects_empty_and_long_and_strips_control_characters():
    with pytest.raises(ValidationError, match="required"):
        clean("   ", label="Name", required=True)
    with pytest.raises(ValidationError, match="too long"):
        clean("x" * 10_000, label="Name")
    assert clean("Ro\x00ssi\x1b  Srl\u200b", label="Name") == "Rossi Srl"
    assert clean("a\r\nb", label="Notes", multiline=True) == "a\nb"
