"""The Point's price list on a real desk file (services.receipts.price_list and .sellable, issue 16
points 1-2): the administrator's audited edits, withdrawing and bringing back, refusals that change
nothing (bad VAT, a member price above the price, a code taken, a service that does not exist, a
role without the permission), and what a receipt line can be taken from, priced for a member and
for anyone else, an exposure priced per hour."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from decimal import Decimal

import pytest
from receipt_rows import customer

from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.receipts.price_list import PriceItemSpec
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.receipts import price_list
from frontdesk.services.receipts.issue import issue_receipt
from frontdesk.services.receipts.sellable import sellable_items
from frontdesk.services.registry.companies import CompanyInput, create_company

CONFARTIGIANATO = reference_id("association", "confartigianato")
ASCOM = reference_id("association", "ascom")
COURSE = PriceItemSpec(code="course-welding", kind="training", service_code="training",
                       name_it="Corso di saldatura (8 ore)", name_en="Welding course (8 hours)", unit="participant",
                       price_cents=25000, member_price_cents=20000, vat_rate="", nature="N4")


@pytest.fixture
def reception(add_staff):
    return add_staff("giulia", Role.RECEPTION, display_name="Giulia Bonfanti").actor


def _state(db_path) -> tuple:
    """The price list's rows and the audit trail and outbox counts, to show a refusal changed nothing."""
    conn = sqlite3.connect(db_path)
    try:
        return (conn.execute("SELECT * FROM price_item ORDER BY code").fetchall(),
                conn.execute("SELECT count(*) FROM audit_event").fetchone(),
                conn.execute("SELECT count(*) FROM sync_outbox").fetchone())
    finally:
        conn.close()


def _audit(db_path, action: str) -> list[dict]:
    conn = sqlite3.connect(db_path)
    try:
        return [json.loads(c) for (c,) in conn.execute(
            "SELECT changes FROM audit_event WHERE action = ? ORDER BY at", (action,))]
    finally:
        conn.close()


def _by_code(db, code: str) -> price_list.PriceItemSummary:
    return next(item for item in price_list.list_price_items(db) if item.code == code)


def test_the_seed_is_listed_with_its_services_names(db):
    items = price_list.list_price_items(db)
    assert [i.code for i in items][:2] == ["COURSE-SAFETY-GEN", "COURSE-SAFETY-HIGH"]
    room = _by_code(db, "ROOM-MEETING-HALF")
    assert (room.spec.kind, room.spec.service_code, room.spec.unit, room.spec.price_cents) == (
        "room", "meeting", "half_day", 12000)
    assert room.active and room.name == "Meeting room (12 seats) - half day" and room.service_name
    set_language("it")
    try:
        assert _by_code(db, "ROOM-MEETING-HALF").name == "Sala riunioni (12 posti) - mezza giornata"
    finally:
        set_language("en")


def test_an_item_is_created_edited_withdrawn_and_brought_back_each_change_audited(db, db_path, admin):
    made = price_list.create_price_item(db, spec=COURSE, actor=admin)
    assert made.id == reference_id("price_item", "COURSE-WELDING") and made.code == "COURSE-WELDING"
    assert made.active and made.spec.nature == "N4" and made.spec.vat_rate == ""
    assert price_list.list_price_items(db)[-1] == made  # last in the order
    created = _audit(db_path, "price_item.create")
    assert created[0]["code"] == [None, "COURSE-WELDING"] and created[0]["price_cents"] == [None, 25000]

    edited = dataclasses.replace(made.spec, price_cents=27000, nature="", vat_rate="22", name_en="Welding course")
    after = price_list.update_price_item(db, item_id=made.id, spec=edited, actor=admin)
    assert (after.spec.price_cents, after.spec.vat_rate, after.spec.nature) == (27000, "22", "")
    (update,) = _audit(db_path, "price_item.update")
    assert update["price_cents"] == [25000, 27000] and update["vat_rate"] == ["", "22"]
    assert "name_it" not in update  # only what changed
    before = _state(db_path)
    assert price_list.update_price_item(db, item_id=made.id, spec=edited, actor=admin) == after
    assert _state(db_path) == before  # an edit that changes nothing writes nothing

    withdrawn = price_list.set_price_item_active(db, item_id=made.id, active=False, actor=admin)
    assert not withdrawn.active and _by_code(db, "COURSE-WELDING").active is False
    assert "COURSE-WELDING" not in {i.code for i in price_list.list_price_items(db, include_inactive=False)}
    assert "COURSE-WELDING" not in {i.code for i in sellable_items(db, company_id=None)}
    back = price_list.set_price_item_active(db, item_id=made.id, active=True, actor=admin)
    assert back.active and "COURSE-WELDING" in {i.code for i in sellable_items(db, company_id=None)}
    assert _audit(db_path, "price_item.withdraw") == [{"active": [True, False]}]
    assert _audit(db_path, "price_item.activate") == [{"active": [False, True]}]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"vat_rate": "21", "nature": ""}, "vat_rate", "There is no 21% VAT rate"),
    ({"vat_rate": "22", "nature": "N4"}, "vat_rate", "not both"),
    ({"vat_rate": "", "nature": ""}, "nature", "needs its nature code"),
    ({"member_price_cents": 30000}, "member_price_cents", "member price is above the price"),
    ({"service_code": "bakery"}, "service", "The service bakery does not exist"),
    ({"code": "ROOM-MEETING-DAY"}, "code", "already has an item with code ROOM-MEETING-DAY"),
    ({"name_it": "  "}, "name_it", "Italian name is required"),
])
def test_bad_items_are_refused_beside_their_field_and_change_nothing(db, db_path, admin, change, field, words):
    before = _state(db_path)
    with pytest.raises((ValidationError, Conflict)) as refused:
        price_list.create_price_item(db, spec=dataclasses.replace(COURSE, **change), actor=admin)
    assert refused.value.field == field and words in refused.value.message
    room = _by_code(db, "ROOM-MEETING-HALF")
    if field != "code":
        with pytest.raises((ValidationError, Conflict)) as again:
            price_list.update_price_item(db, item_id=room.id, spec=dataclasses.replace(
                room.spec, **{k: v for k, v in change.items()}), actor=admin)
        assert again.value.field == field
    assert _state(db_path) == before


def test_a_code_cannot_change_and_the_refusal_is_in_italian(db, db_path, admin):
    room = _by_code(db, "ROOM-MEETING-HALF")
    before = _state(db_path)
    set_language("it")
    try:
        with pytest.raises(ValidationError) as refused:
            price_list.update_price_item(db, item_id=room.id, spec=dataclasses.replace(room.spec, code="ROOM-X"),
                                         actor=admin)
        with pytest.raises(Conflict) as taken:
            price_list.create_price_item(db, spec=dataclasses.replace(COURSE, code="ROOM-MEETING-DAY"), actor=admin)
    finally:
        set_language("en")
    assert refused.value.field == "code" and "codice" in refused.value.message
    assert "ROOM-MEETING-DAY" in taken.value.message and "listino" in taken.value.message.lower()
    assert _state(db_path) == before


def test_reception_may_not_edit_the_price_list(db, db_path, reception):
    room = _by_code(db, "ROOM-MEETING-HALF")
    before = _state(db_path)
    with pytest.raises(PermissionDenied):
        price_list.create_price_item(db, spec=COURSE, actor=reception)
    with pytest.raises(PermissionDenied):
        price_list.update_price_item(db, item_id=room.id, spec=dataclasses.replace(room.spec, price_cents=1),
                                     actor=reception)
    with pytest.raises(PermissionDenied):
        price_list.set_price_item_active(db, item_id=room.id, active=False, actor=reception)
    assert _state(db_path) == before
    assert sellable_items(db, company_id=None)  # reading it needs no permission


def test_sellable_items_are_priced_for_a_member_and_for_anyone_else(db, admin):
    update_settings(db, changes={"member_associations": [str(CONFARTIGIANATO)]}, actor=admin)
    member = create_company(db, data=CompanyInput(name="Artigiani Riuniti", kind="foreign",
                                                  association_id=CONFARTIGIANATO), actor=admin)
    other = create_company(db, data=CompanyInput(name="Commercianti Srl", kind="foreign", association_id=ASCOM),
                           actor=admin)
    for_member = {i.code: i for i in sellable_items(db, company_id=member.id)}
    for_other = {i.code: i for i in sellable_items(db, company_id=other.id)}
    listed = {i.code: i for i in sellable_items(db, company_id=None)}
    codes = [i.code for i in sellable_items(db, company_id=None)]
    assert codes.index("TENSILE-RT") < codes.index("COURSE-SAFETY-GEN")  # the lab's tests first

    tensile = for_member["TENSILE-RT"]
    assert (tensile.kind, tensile.unit, tensile.unit_price, tensile.member, tensile.vat_rate) == (
        "test", "item", Decimal("75.00"), True, "22")
    assert tensile.description == "Tensile test at room temperature (UNI EN ISO 6892-1:2020)"
    assert (for_other["TENSILE-RT"].unit_price, for_other["TENSILE-RT"].member) == (Decimal("90.00"), False)
    assert listed["TENSILE-RT"].unit_price == Decimal("90.00")

    salt = for_member["NSS"]  # an exposure: priced per hour
    assert (salt.unit, salt.unit_label, salt.unit_price) == ("hour", "per hour", Decimal("1.00"))
    assert for_other["NSS"].unit_price == Decimal("1.20")

    room = for_member["ROOM-MEETING-HALF"]
    assert (room.kind, room.unit, room.unit_label, room.unit_price, room.member) == (
        "room", "half_day", "per half day", Decimal("96.00"), True)
    assert for_other["ROOM-MEETING-HALF"].unit_price == Decimal("120.00")
    course = for_other["COURSE-SAFETY-GEN"]
    assert (course.vat_rate, course.nature, course.unit_price) == ("", "N4", Decimal("90.00"))

    line = salt.line(48)
    assert (line.quantity, line.unit_price, line.kind, line.source_code, line.vat_rate) == (
        Decimal("48"), Decimal("1.00"), "test", "NSS", "22")
    made = issue_receipt(db, company_id=customer(db, admin).id, lines=(line, room.line(Decimal("2"))),
                         payment="card", actor=admin)
    assert [(x.kind, x.source_code) for x in made.lines] == [("test", "NSS"), ("room", "ROOM-MEETING-HALF")]
    assert made.net == Decimal("240.00")  # 48 x 1.00 + 2 x 96.00


def test_sellable_items_are_in_the_desks_language(db):
    set_language("it")
    try:
        items = {i.code: i for i in sellable_items(db, company_id=None)}
    finally:
        set_language("en")
    assert items["TENSILE-RT"].description.startswith("Prova di trazione")
    assert items["ROOM-MEETING-HALF"].description == "Sala riunioni (12 posti) - mezza giornata"
