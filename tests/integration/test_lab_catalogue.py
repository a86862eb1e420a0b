"""The lab's catalogue and authorisations on a real desk file (services.lab.catalogue): the seed
loaded at set-up and again without overwriting edits, the lab manager's audited edits, refusals
for the other roles, bad input that changes nothing, and who is authorised for which method."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import func, select

from frontdesk.db.lab_models import Authorisation, TestType
from frontdesk.db.models import AuditEvent
from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import init_desk
from frontdesk.services.lab import catalogue as lab
from frontdesk.services.staff import accounts


@pytest.fixture
def manager(add_staff):
    return add_staff("elena", Role.LAB_MANAGER, display_name="Elena Pesenti").actor


@pytest.fixture
def technician(add_staff):
    return add_staff("marco", Role.LAB_TECHNICIAN, display_name="Marco Locatelli").actor


@pytest.fixture
def reception(add_staff):
    return add_staff("giulia", Role.RECEPTION, display_name="Giulia Bonfanti").actor


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def by_code(db, code: str) -> lab.TestTypeSummary:
    return next(t for t in lab.list_test_types(db) if t.code == code)


def audit_events(db, action_prefix: str = "lab_") -> list[AuditEvent]:
    with db.read() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.action.startswith(action_prefix))
                               .order_by(AuditEvent.at))
        return [(e.action, e.record_id, json.loads(e.changes), e.actor_label) for e in rows]


def table_state(db) -> list[tuple]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(TestType.__table__)).all()] + \
            [tuple(r) for r in session.execute(select(Authorisation.__table__)).all()]


# --- the seed -----------------------------------------------------------------------------------

def test_setting_up_a_desk_loads_the_seed_catalogue(db):
    types = lab.list_test_types(db)
    assert [t.code for t in types] == [s.code for s in lab.seed_catalogue()]
    assert len(types) == 15
    for t in types:
        assert t.id == reference_id("lab_test_type", t.code)  # the same row at every desk
        assert t.active
    nss = by_code(db, "NSS")
    assert (nss.spec.hours_min, nss.spec.hours_max, nss.spec.price_cents) == (2, 1008, 120)
    tensile = lab.get_test_type(db, test_type_id=by_code(db, "TENSILE-RT").id)
    assert [f.name for f in tensile.spec.result_fields] == ["reh", "rel", "rp02", "rm", "a", "z"]
    assert tensile.spec == next(s for s in lab.seed_catalogue() if s.code == "TENSILE-RT")


def test_loading_again_keeps_the_lab_managers_edits_and_adds_only_new_codes(db, db_path, manager):
    tensile = by_code(db, "TENSILE-RT")
    lab.update_test_type(db, test_type_id=tensile.id, spec=dataclasses.replace(tensile.spec, price_cents=9900),
                         actor=manager)
    lab.set_test_type_active(db, test_type_id=by_code(db, "ROUGH").id, active=False, actor=manager)
    init_desk(db_path, desk="R1")  # set-up again: the seed is loaded again
    assert by_code(db, "TENSILE-RT").spec.price_cents == 9900
    assert not by_code(db, "ROUGH").active
    assert len(lab.list_test_types(db)) == 15
    extra = dataclasses.replace(lab.seed_catalogue()[1], code="HB-5-750", name_en="Brinell HBW 5/750")
    with db.begin() as session:
        assert lab.load_lab_catalogue(session, (*lab.seed_catalogue(), extra)) == 1
    with db.begin() as session:
        assert lab.load_lab_catalogue(session, (*lab.seed_catalogue(), extra)) == 0
    added = by_code(db, "HB-5-750")
    assert added.id == reference_id("lab_test_type", "HB-5-750")
    assert added.sort == 160  # after the seed's last (CHD, 150)
    assert by_code(db, "TENSILE-RT").spec.price_cents == 9900


# --- the lab manager's edits --------------------------------------------------------------------

def test_an_edit_is_saved_and_audited_field_by_field(db, manager):
    hv = by_code(db, "HV")
    saved = lab.update_test_type(db, test_type_id=hv.id, actor=manager,
                                 spec=dataclasses.replace(hv.spec, price_cents=4200, accredited=False))
    assert saved.spec.price_cents == 4200 and not saved.spec.accredited
    assert lab.get_test_type(db, test_type_id=hv.id).spec.price_cents == 4200
    events = audit_events(db)
    assert events == [("lab_test_type.update", str(hv.id), {"price_cents": [4000, 4200], "accredited": [True, False]},
                       "Elena Pesenti")]


def test_an_edit_of_the_result_fields_is_audited_with_before_and_after(db, manager):
    hb = by_code(db, "HB")
    field = dataclasses.replace(hb.spec.result_fields[1], unit="HBW 10/3000")
    spec = dataclasses.replace(hb.spec, result_fields=(hb.spec.result_fields[0], field))
    lab.update_test_type(db, test_type_id=hb.id, spec=spec, actor=manager)
    ((action, _id, changes, _who),) = audit_events(db)
    assert action == "lab_test_type.update"
    before, after = changes["result_fields"]
    assert json.loads(before)[1]["unit"] == "HBW" and json.loads(after)[1]["unit"] == "HBW 10/3000"
    assert lab.get_test_type(db, test_type_id=hb.id).spec.result_fields[1].unit == "HBW 10/3000"


def test_an_edit_that_changes_nothing_writes_nothing(db, manager):
    hr = by_code(db, "HR")
    lab.update_test_type(db, test_type_id=hr.id, spec=hr.spec, actor=manager)
    assert audit_events(db) == []


def test_creating_and_withdrawing_a_test_type(db, manager):
    hb = by_code(db, "HB")
    new = lab.create_test_type(db, spec=dataclasses.replace(hb.spec, code="HBW-5", name_en="Brinell 5/750"),
                               actor=manager)
    assert new.id == reference_id("lab_test_type", "HBW-5")
    assert lab.list_test_types(db)[-1].code == "HBW-5"
    withdrawn = lab.set_test_type_active(db, test_type_id=new.id, active=False, actor=manager)
    assert not withdrawn.active
    assert "HBW-5" not in {t.code for t in lab.list_test_types(db, include_inactive=False)}
    assert [e[0] for e in audit_events(db)] == ["lab_test_type.create", "lab_test_type.withdraw"]
    assert audit_events(db)[1][2] == {"active": [True, False]}


def test_a_code_already_in_the_catalogue_cannot_be_created_again(db, manager, italian):
    hb = by_code(db, "HB")
    before = table_state(db)
    with pytest.raises(Conflict) as caught:
        lab.create_test_type(db, spec=dataclasses.replace(hb.spec, code=" hb "), actor=manager)
    assert caught.value.message == "Esiste già una prova con codice HB."
    assert table_state(db) == before


def test_the_code_of_a_test_type_cannot_be_changed(db, manager, italian):
    hb = by_code(db, "HB")
    before = table_state(db)
    with pytest.raises(ValidationError) as caught:
        lab.update_test_type(db, test_type_id=hb.id, spec=dataclasses.replace(hb.spec, code="HB2"), actor=manager)
    assert caught.value.message.startswith("Il codice di una prova non si può cambiare")
    assert table_state(db) == before and audit_events(db) == []


@pytest.mark.parametrize(("change", "message"), [
    ({"member_price_cents": 99_999}, "Il prezzo soci è superiore al prezzo."),
    ({"price_cents": -1}, "Prezzo non può essere negativo."),
    ({"standard": ""}, "Norma: campo obbligatorio."),
    ({"vat_rate": "23"}, "L'aliquota IVA 23 non è un'aliquota italiana (percentuali: 22, 10, 5, 4, 0)."),
    ({"hours_min": 0, "hours_max": 5000}, "Ore minime: un numero intero da 1 a 5000."),
])
def test_bad_input_changes_nothing(db, manager, italian, change, message):
    nss = by_code(db, "NSS")
    before = table_state(db)
    with pytest.raises(ValidationError) as caught:
        lab.update_test_type(db, test_type_id=nss.id, spec=dataclasses.replace(nss.spec, **change), actor=manager)
    assert caught.value.message == message
    assert table_state(db) == before
    assert audit_events(db) == []


@pytest.mark.parametrize("who", ["reception", "technician"])
def test_only_the_lab_manager_edits_the_catalogue(db, request, who, italian):
    actor = request.getfixturevalue(who)
    hb = by_code(db, "HB")
    before = table_state(db)
    edits = [
        lambda: lab.update_test_type(db, test_type_id=hb.id, spec=dataclasses.replace(hb.spec, price_cents=3600),
                                     actor=actor),
        lambda: lab.create_test_type(db, spec=dataclasses.replace(hb.spec, code="NEW"), actor=actor),
        lambda: lab.set_test_type_active(db, test_type_id=hb.id, active=False, actor=actor),
        lambda: lab.grant_authorisation(db, staff_id=actor.staff_id, test_type_id=hb.id, actor=actor),
    ]
    for edit in edits:
        with pytest.raises(PermissionDenied) as caught:
            edit()
        assert caught.value.message == "Il tuo ruolo non consente questa operazione."
    assert table_state(db) == before and audit_events(db) == []


def test_a_disabled_manager_is_refused(db, manager, admin_session):
    accounts.set_active(db, staff_id=manager.staff_id, active=False, actor=admin_session.actor)
    hb = by_code(db, "HB")
    with pytest.raises(PermissionDenied):
        lab.update_test_type(db, test_type_id=hb.id, spec=dataclasses.replace(hb.spec, price_cents=3600),
                             actor=manager)
    assert by_code(db, "HB").spec.price_cents == 3500


# --- authorisations -----------------------------------------------------------------------------

def test_granting_and_revoking_an_authorisation(db, manager, technician):
    tensile = by_code(db, "TENSILE-RT")
    assert not lab.is_authorised(db, staff_id=technician.staff_id, test_type_id=tensile.id)
    granted = lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=tensile.id, actor=manager)
    assert granted.active
    assert lab.is_authorised(db, staff_id=technician.staff_id, test_type_id=tensile.id)
    assert [t.name for t in lab.authorised_technicians(db, test_type_id=tensile.id)] == ["Marco Locatelli"]
    lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=tensile.id, actor=manager)  # again
    with db.read() as session:
        row = session.get(Authorisation, reference_id("lab_authorisation", f"{technician.staff_id}:{tensile.id}"))
        assert row is not None and row.active
        assert session.scalar(select(func.count()).select_from(Authorisation)) == 1
    revoked = lab.revoke_authorisation(db, staff_id=technician.staff_id, test_type_id=tensile.id, actor=manager)
    assert not revoked.active
    assert not lab.is_authorised(db, staff_id=technician.staff_id, test_type_id=tensile.id)
    assert lab.authorised_technicians(db, test_type_id=tensile.id) == []
    lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=tensile.id, actor=manager)
    assert [(action, changes) for action, _i, changes, _w in audit_events(db)] == [
        ("lab_authorisation.grant", {"staff_id": [None, str(technician.staff_id)],
                                     "test_type_id": [None, str(tensile.id)], "active": [None, True]}),
        ("lab_authorisation.revoke", {"active": [True, False]}),
        ("lab_authorisation.grant", {"active": [False, True]}),
    ]


def test_the_grid_shows_the_lab_staff_by_the_active_methods(db, manager, technician, reception):
    hb, ch = by_code(db, "HB"), by_code(db, "CHARPY-V")
    lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=hb.id, actor=manager)
    lab.grant_authorisation(db, staff_id=manager.staff_id, test_type_id=ch.id, actor=manager)
    lab.set_test_type_active(db, test_type_id=by_code(db, "ROUGH").id, active=False, actor=manager)
    grid = lab.authorisations(db)
    assert [(t.name, t.role) for t in grid.technicians] == [("Elena Pesenti", Role.LAB_MANAGER),
                                                            ("Marco Locatelli", Role.LAB_TECHNICIAN)]
    assert "ROUGH" not in {t.code for t in grid.test_types} and len(grid.test_types) == 14
    assert grid.granted == {(technician.staff_id, hb.id), (manager.staff_id, ch.id)}
    assert grid.is_granted(technician.staff_id, hb.id) and not grid.is_granted(technician.staff_id, ch.id)


def test_only_lab_staff_can_be_authorised(db, manager, reception, admin, italian):
    hb = by_code(db, "HB")
    before = table_state(db)
    with pytest.raises(ValidationError) as caught:
        lab.grant_authorisation(db, staff_id=reception.staff_id, test_type_id=hb.id, actor=manager)
    assert caught.value.message == ("Giulia Bonfanti non fa parte del personale di laboratorio (Accoglienza): "
                                    "solo i tecnici e i responsabili di laboratorio possono essere abilitati a un "
                                    "metodo.")
    with pytest.raises(ValidationError):
        lab.grant_authorisation(db, staff_id=admin.staff_id, test_type_id=hb.id, actor=manager)
    assert table_state(db) == before and audit_events(db) == []


def test_a_disabled_technician_is_neither_authorised_nor_listed(db, manager, technician, admin_session, italian):
    hb = by_code(db, "HB")
    lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=hb.id, actor=manager)
    accounts.set_active(db, staff_id=technician.staff_id, active=False, actor=admin_session.actor)
    assert not lab.is_authorised(db, staff_id=technician.staff_id, test_type_id=hb.id)
    assert lab.authorised_technicians(db, test_type_id=hb.id) == []
    assert technician.staff_id not in {t.id for t in lab.authorisations(db).technicians}
    with pytest.raises(ValidationError) as caught:
        lab.grant_authorisation(db, staff_id=technician.staff_id, test_type_id=by_code(db, "HV").id, actor=manager)
    assert caught.value.message == ("L'account di Marco Locatelli è disattivato: riattivalo prima di "
                                    "abilitarlo.")


def test_setting_up_a_desk_loads_the_price_list_once_and_keeps_its_edits(db, db_path):
    """The price list is seeded like the catalogue: by code, under ids derived from the code; a second
    set-up adds nothing and leaves an edited price as it is."""
    from frontdesk.db.receipt_models import PriceItem
    from frontdesk.services.desk.setup import init_desk
    from frontdesk.services.receipts.price_list import seed_price_list

    with db.read() as session:
        rows = {r.code: (r.id, r.price_cents, r.service_id) for r in session.scalars(select(PriceItem))}
    assert list(rows) == [s.code for s in seed_price_list()]
    assert all(row_id == reference_id("price_item", code) for code, (row_id, _p, _s) in rows.items())
    assert rows["ROOM-MEETING-HALF"][2] == reference_id("service", "meeting")
    with db.begin() as session:
        session.get(PriceItem, rows["ROOM-MEETING-HALF"][0]).price_cents = 13000
    db.dispose()
    init_desk(db_path, desk="R1")
    with db.read() as session:
        assert session.scalar(select(PriceItem.price_cents).where(PriceItem.code == "ROOM-MEETING-HALF")) == 13000
        assert len(session.scalars(select(PriceItem)).all()) == len(rows)
