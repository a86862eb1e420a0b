"""The Point's price list through the real hub (a process on a real PostgreSQL) between two desks:
the seed's rows, loaded by each desk itself at set-up, reach the hub once; the administrator's edit
and withdrawal reach the other desk; an item made or changed with no one signed in is refused, as
the lab's catalogue is (Policy(permissions={EDIT_PRICE_LIST}, seeded="code"))."""

from __future__ import annotations

import dataclasses

from sync_hub import hub_rows, sync_settled, sync_until
from sync_lab_rows import writing

from frontdesk.db.receipt_models import PriceItem
from frontdesk.domain.ids import reference_id
from frontdesk.domain.roles import Actor
from frontdesk.services.receipts.price_list import (
    list_price_items,
    seed_price_list,
    set_price_item_active,
    update_price_item,
)
from frontdesk.services.receipts.sellable import sellable_items

ROOM = reference_id("price_item", "ROOM-MEETING-HALF")


def _hub_items(hub) -> dict[str, dict]:
    return {row_id: data for row_id, data in hub_rows(hub.db_url, "SELECT row_id, data FROM hub_record "
                                                      "WHERE tbl = 'price_item' AND data <> '{}'::jsonb")}


def _item(db, item_id):
    return next(i for i in list_price_items(db) if i.id == item_id)


def test_an_edited_and_a_withdrawn_item_reach_the_other_desk(hub, desks):
    r1, r2 = desks
    sync_settled(hub, r1, r2)
    seed = seed_price_list()
    hub_items = _hub_items(hub)
    assert len(hub_items) == len(seed) and hub_items[ROOM.hex]["price_cents"] == 12000  # the seed, once

    room = _item(r1.db, ROOM)
    update_price_item(r1.db, item_id=ROOM, spec=dataclasses.replace(room.spec, price_cents=13500,
                                                                    member_price_cents=11000), actor=r1.admin)
    sync_settled(hub, r1, r2)
    there = _item(r2.db, ROOM)
    assert (there.spec.price_cents, there.spec.member_price_cents) == (13500, 11000)
    assert next(i for i in sellable_items(r2.db, company_id=None) if i.code == "ROOM-MEETING-HALF").unit_price \
        == 135
    assert _hub_items(hub)[ROOM.hex]["price_cents"] == 13500

    set_price_item_active(r2.db, item_id=ROOM, active=False, actor=r2.admin)
    sync_settled(hub, r2, r1)
    assert _item(r1.db, ROOM).active is False and _item(r1.db, ROOM).spec.price_cents == 13500
    assert "ROOM-MEETING-HALF" not in {i.code for i in sellable_items(r1.db, company_id=None)}


def test_the_desk_itself_may_send_only_the_seeds_own_rows(hub, desks):
    """An item made or changed with no one signed in (a script, a forged queue) is refused: only a
    whole row under the id its code derives (the seed) passes as the desk's own."""
    r1, r2 = desks
    sync_settled(hub, r1, r2)  # both desks' seed rows pass (sync_settled asserts nothing is rejected)
    desk_itself = Actor.desk_itself("R1")
    made = reference_id("price_item", "HOMEMADE")
    with writing(r1.db, desk_itself, "price_item.forged", made) as session:
        session.add(PriceItem(id=made, code="HOMEMADE", kind="service", name_it="Fatto in casa",
                              name_en="Homemade", unit="item", price_cents=100, member_price_cents=100,
                              vat_rate="22", nature="", active=True, sort=999))
    with writing(r1.db, desk_itself, "price_item.forged", ROOM) as session:
        session.get(PriceItem, ROOM).price_cents = 1
    reports = sync_until(r1, lambda: True)
    assert sum(r.rejected for r in reports) == 2
    items = _hub_items(hub)
    assert made.hex not in items and items[ROOM.hex]["price_cents"] == 12000
    sync_settled(hub, r2)
    assert "HOMEMADE" not in {i.code for i in list_price_items(r2.db)}
    assert _item(r2.db, ROOM).spec.price_cents == 12000
