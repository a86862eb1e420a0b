"""The price list's rules (domain.receipts.price_list): the shipped seed, and every bad item refused
with an Italian message naming the field."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from frontdesk.config import resources_dir
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.price_list import PriceItemSpec, check_item, parse_price_list, unit_label
from frontdesk.i18n import set_language

SEED = resources_dir().joinpath("seed", "price_list.csv").read_text(encoding="utf-8")
ROOM = PriceItemSpec("ROOM-X", "room", "meeting", "Sala X", "Room X", "half_day", 12000, 9600, "22", "")


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def test_the_shipped_price_list_has_courses_rooms_and_services_with_vat_or_nature():
    items = parse_price_list(SEED)
    assert {i.kind for i in items} == {"training", "room", "service"}
    assert all(i.member_price_cents <= i.price_cents for i in items)
    exempt = [i for i in items if i.nature == "N4"]
    assert exempt and all(i.kind == "training" and not i.vat_rate for i in exempt)  # art. 10 n. 20 DPR 633/72
    fees = next(i for i in items if i.code == "SRV-FILING-FEES")
    assert (fees.nature, fees.vat_rate) == ("N1", "")  # paid in the customer's name: art. 15, outside VAT
    services = {row.split(",")[0] for row in resources_dir().joinpath("seed", "services.csv")
                .read_text(encoding="utf-8").splitlines()[1:]}
    assert {i.service_code for i in items} <= services


def test_the_member_price_is_in_euros_and_cents():
    assert ROOM.unit_price(member=False) == Decimal("120.00")
    assert ROOM.unit_price(member=True) == Decimal("96.00")
    assert str(ROOM.unit_price(member=True)) == "96.00"


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"code": "sala x!"}, "code", "lettere maiuscole"),
    ({"kind": "lunch"}, "kind", "formazione"),
    ({"unit": "week"}, "unit", "unità"),
    ({"price_cents": -1}, "price_cents", "negativo"),
    ({"price_cents": 12.5}, "price_cents", "centesimi"),
    ({"member_price_cents": 13000}, "member_price_cents", "superiore al prezzo"),
    ({"vat_rate": "21"}, "vat_rate", "21%"),
    ({"vat_rate": ""}, "nature", "codice natura"),
    ({"vat_rate": "", "nature": "N8"}, "nature", "N8"),
    ({"nature": "N4"}, "vat_rate", "non entrambi"),
    ({"name_it": "  "}, "name_it", "obbligatori"),
])
def test_a_bad_item_is_refused_in_italian_naming_its_field(italian, change, field, words):
    with pytest.raises(ValidationError) as refused:
        check_item(dataclasses.replace(ROOM, **change))
    assert refused.value.field == field and words in refused.value.message


def test_an_unknown_service_is_refused_when_the_services_are_given(italian):
    with pytest.raises(ValidationError, match="non esiste"):
        check_item(dataclasses.replace(ROOM, service_code="bar"), service_codes=frozenset({"meeting"}))
    assert check_item(ROOM, service_codes=frozenset({"meeting"})) == ROOM


def test_a_seed_line_at_fault_is_named(italian):
    header, first, *_rest = SEED.splitlines()
    with pytest.raises(ValidationError, match="Riga 2 del listino"):
        parse_price_list("\n".join([header, first.replace(",22,", ",23,").replace(",,N4", ",23,")]))
    with pytest.raises(ValidationError, match="codice ripetuto"):
        parse_price_list("\n".join([header, first, first]))
    with pytest.raises(ValidationError, match="non è leggibile"):
        parse_price_list("\n".join([header, first.replace("9000", "novanta")]))


def test_units_read_as_the_desk_reads_them(italian):
    assert unit_label("half_day") == "a mezza giornata" and unit_label("participant") == "a partecipante"
