"""The lab's catalogue as values (domain.lab.catalogue): the shipped file parses, each bad entry is
refused with its Italian message, and a test's machine time and price."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.catalogue import (
    Uncertainty,
    conditions_from_json,
    conditions_to_json,
    fields_from_json,
    fields_to_json,
    machine_minutes,
    parse_catalogue,
    parse_test_type,
    price_cents,
)
from frontdesk.i18n import set_language

SEED = Path(__file__).resolve().parents[2] / "resources" / "lab" / "catalogue.json"


@pytest.fixture(scope="module")
def seed_data():
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed():
    return {spec.code: spec for spec in parse_catalogue(SEED.read_text(encoding="utf-8"))}


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def entry(seed_data, code: str) -> dict:
    return copy.deepcopy(next(e for e in seed_data["test_types"] if e["code"] == code))


def refused(data) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_test_type(data)
    return caught.value


# --- the shipped catalogue ----------------------------------------------------------------------

def test_the_shipped_catalogue_has_the_tests_of_a_small_materials_lab(seed):
    assert 12 <= len(seed) <= 20
    assert {"TENSILE-RT", "HB", "HV", "HR", "CHARPY-V", "NSS", "MICRO", "GRAIN", "INCL", "OES-STEEL", "BEND",
            "COAT-MAG", "COAT-EDDY", "ROUGH", "CHD"} <= set(seed)
    standards = {code: spec.standard for code, spec in seed.items()}
    assert standards["TENSILE-RT"] == "UNI EN ISO 6892-1:2020"
    assert standards["HB"].startswith("UNI EN ISO 6506-1")
    assert standards["HV"].startswith("UNI EN ISO 6507-1")
    assert standards["HR"].startswith("UNI EN ISO 6508-1")
    assert standards["CHARPY-V"].startswith("UNI EN ISO 148-1")
    assert standards["NSS"].startswith("UNI EN ISO 9227")
    assert standards["GRAIN"].startswith("UNI EN ISO 643")
    assert standards["INCL"].startswith("ISO 4967")
    assert standards["BEND"].startswith("UNI EN ISO 7438")
    assert standards["COAT-MAG"].startswith("UNI EN ISO 2178") and standards["COAT-EDDY"].startswith("UNI EN ISO 2360")
    assert standards["ROUGH"].startswith("UNI EN ISO 21920-2") and standards["CHD"].startswith("UNI EN ISO 2639")
    accredited = {code for code, spec in seed.items() if spec.accredited}
    assert accredited and accredited != set(seed)  # a realistic mix, inside and outside the scope
    assert all(spec.vat_rate == "22" and spec.member_price_cents <= spec.price_cents for spec in seed.values())


def test_the_tensile_test_records_its_results_and_its_temperature(seed):
    tensile = seed["TENSILE-RT"]
    fields = {f.name: f for f in tensile.result_fields}
    assert list(fields) == ["reh", "rel", "rp02", "rm", "a", "z"]
    assert {fields[n].unit for n in ("reh", "rel", "rp02", "rm")} == {"MPa"}
    assert fields["a"].unit == fields["z"].unit == "%"
    assert fields["rm"].uncertainty == Uncertainty(Decimal("1.5"), relative=True)
    assert fields["a"].uncertainty == Uncertainty(Decimal("1.0"), relative=False)
    (temperature,) = tensile.conditions
    assert (temperature.unit, temperature.min, temperature.max) == ("°C", 10, 35)
    assert not tensile.is_exposure and tensile.duration_min > 0


def test_charpy_is_at_a_temperature_chosen_per_request(seed):
    charpy = seed["CHARPY-V"]
    assert {f.unit for f in charpy.result_fields} == {"J"}
    (temperature,) = charpy.conditions
    assert (temperature.min, temperature.max) == (-196, 300)


def test_salt_spray_is_an_exposure_in_whole_hours_priced_per_hour(seed):
    nss = seed["NSS"]
    assert nss.is_exposure and (nss.hours_min, nss.hours_max) == (2, 1008)
    assert machine_minutes(nss, 96) == 96 * 60
    assert price_cents(nss, 96) == 96 * nss.price_cents
    assert price_cents(nss, 96, member=True) == 96 * nss.member_price_cents


def test_a_fixed_test_takes_its_duration_and_its_price(seed):
    hardness = seed["HB"]
    assert machine_minutes(hardness) == hardness.duration_min
    assert price_cents(hardness) == hardness.price_cents == 3500
    assert price_cents(hardness, member=True) == hardness.member_price_cents == 2800


@pytest.mark.parametrize("hours", [0, 1, 1009, 5000, None, 2.5, True])
def test_an_exposure_outside_its_hours_is_refused(seed, italian, hours):
    with pytest.raises(ValidationError) as caught:
        machine_minutes(seed["NSS"], hours)
    assert caught.value.message == "L'esposizione dura un numero intero di ore da 2 a 1008."
    with pytest.raises(ValidationError):
        price_cents(seed["NSS"], hours)


def test_hours_for_a_fixed_test_are_refused(seed, italian):
    with pytest.raises(ValidationError) as caught:
        price_cents(seed["HV"], 24)
    assert caught.value.message == "Questa prova ha una durata fissa: non si scelgono ore."


def test_result_fields_and_conditions_survive_their_storage_form(seed):
    for spec in seed.values():
        assert fields_from_json(fields_to_json(spec.result_fields)) == spec.result_fields
        assert conditions_from_json(conditions_to_json(spec.conditions)) == spec.conditions


# --- bad entries, one message each ---------------------------------------------------------------

def test_a_negative_price_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["price_cents"] = -100
    error = refused(data)
    assert error.message == "Prezzo non può essere negativo."
    assert error.field == "price_cents"


def test_a_member_price_above_the_price_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["member_price_cents"] = data["price_cents"] + 1
    error = refused(data)
    assert error.message == "Il prezzo soci è superiore al prezzo."
    assert error.field == "member_price_cents"


def test_an_unknown_field_type_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["result_fields"][1]["type"] = "date"
    assert refused(data).message == ("Il campo di risultato hbw ha un tipo sconosciuto «date»: può essere un "
                                     "numero, un testo o una scelta.")


def test_a_minimum_above_the_maximum_is_refused(seed_data, italian):
    data = entry(seed_data, "TENSILE-RT")
    data["result_fields"][3]["min"], data["result_fields"][3]["max"] = 900, 100
    assert refused(data).message == "rm: il minimo è superiore al massimo."
    data = entry(seed_data, "TENSILE-RT")
    data["conditions"][0]["min"], data["conditions"][0]["max"] = 35, 10
    assert refused(data).message == "temperature: il minimo è superiore al massimo."


@pytest.mark.parametrize(("low", "high", "message"), [
    (0, 1008, "Ore minime: un numero intero da 1 a 5000."),
    (2, 5001, "Ore massime: un numero intero da 1 a 5000."),
    (500, 100, "Il numero minimo di ore è superiore al massimo."),
    (2, None, "Un'esposizione in ore ha sia un numero minimo sia un numero massimo di ore."),
])
def test_hours_bounds_outside_1_to_5000_or_crossed_are_refused(seed_data, italian, low, high, message):
    data = entry(seed_data, "NSS")
    data["hours_min"], data["hours_max"] = low, high
    assert refused(data).message == message


def test_an_unknown_vat_rate_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["vat_rate"] = "21"
    error = refused(data)
    assert error.message == "L'aliquota IVA 21 non è un'aliquota italiana (percentuali: 22, 10, 5, 4, 0)."
    assert error.field == "vat_rate"


def test_a_missing_standard_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["standard"] = "  "
    error = refused(data)
    assert error.message == "Norma: campo obbligatorio."
    assert error.field == "standard"


def test_a_fixed_test_without_a_duration_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["duration_min"] = 0
    assert refused(data).message == "Durata (minuti): un numero intero da 1 a 10080."


def test_a_choice_field_needs_two_different_choices(seed_data, italian):
    data = entry(seed_data, "BEND")
    data["result_fields"][2]["choices"] = data["result_fields"][2]["choices"][:1]
    assert refused(data).message == "Il campo di risultato outcome richiede almeno due scelte diverse."


def test_a_negative_uncertainty_is_refused(seed_data, italian):
    data = entry(seed_data, "TENSILE-RT")
    data["result_fields"][3]["uncertainty"] = {"value": -1, "relative": True}
    assert refused(data).message == "L'incertezza di rm è un numero maggiore o uguale a zero."


def test_a_name_used_twice_is_refused(seed_data, italian):
    data = entry(seed_data, "TENSILE-RT")
    data["result_fields"][1]["name"] = "reh"
    assert refused(data).message == "Il nome reh è usato due volte."


def test_a_test_without_result_fields_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["result_fields"] = []
    assert refused(data).message == "Una prova produce almeno un campo di risultato."


def test_a_bad_code_is_refused(seed_data, italian):
    data = entry(seed_data, "HB")
    data["code"] = "hb brinell"
    assert refused(data).field == "code"


def test_the_catalogue_names_the_entry_at_fault(seed_data, italian):
    data = copy.deepcopy(seed_data)
    data["test_types"][2]["price_cents"] = -1
    with pytest.raises(ValidationError) as caught:
        parse_catalogue(json.dumps(data))
    assert caught.value.message == "Catalogo, prova HV: Prezzo non può essere negativo."


def test_a_code_used_twice_in_the_catalogue_is_refused(seed_data, italian):
    data = copy.deepcopy(seed_data)
    data["test_types"].append(copy.deepcopy(data["test_types"][0]))
    with pytest.raises(ValidationError) as caught:
        parse_catalogue(json.dumps(data))
    assert caught.value.message == "Il codice TENSILE-RT compare due volte nel catalogo."


def test_a_catalogue_that_is_not_json_is_refused(italian):
    with pytest.raises(ValidationError) as caught:
        parse_catalogue("{ not json")
    assert caught.value.message == "Il catalogo non è un JSON valido (riga 1)."
