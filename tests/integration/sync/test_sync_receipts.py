"""Receipts across two desks through the real hub: a receipt issued at R1 reaches R2 with its lines
and its own copy of the customer (a later edit of the company at R2 changes neither desk's copy);
each desk numbers in its own series; a receipt voided at both desks while offline ends voided at
both with one reason, and a void of a void is refused at either. A receipt issued offline on a new PC
in a series the hub refuses takes a number of the desk's new series, and the person is told."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from sync_hub import sync_settled
from test_sync_epochs import _restore, _sync, _use_hub_settings

from frontdesk.domain.errors import Conflict
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.receipts.issue import get_receipt, issue_receipt, void_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.upkeep import backups

MUNICH = dict(kind="foreign", address="Hauptstraße 1", city="München", country="DE")
LINES = (LineInput("Prova di trazione", Decimal("2"), Decimal("120.00"), vat_rate="22", kind="test",
                   source_code="TENSILE"),
         LineInput("Formazione", Decimal("1"), Decimal("80.00"), nature="N2.1", kind="training"))


def _rows(path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_receipt_and_its_void_reach_the_other_desk_and_the_void_wins(hub, desks):
    r1, r2 = desks
    company = create_company(r1.db, data=CompanyInput(name="Kunde GmbH", **MUNICH), actor=r1.admin)
    made = issue_receipt(r1.db, company_id=company.id, lines=LINES, payment="transfer", actor=r1.admin)
    assert made.stamp_duty_charged and len(made.lines) == 3  # 80.00 outside VAT (N2.1) carries the duty
    sync_settled(hub, r1, r2)
    there = get_receipt(r2.db, receipt_id=made.id)
    assert there == made

    update_company(r2.db, company_id=company.id, data=CompanyInput(name="Kunde Holding AG", **MUNICH),
                   actor=r2.admin)
    at_r2 = issue_receipt(r2.db, company_id=company.id, lines=LINES[:1], payment="card", actor=r2.admin)
    assert at_r2.customer.name == "Kunde Holding AG" and at_r2.number.startswith("R2-")
    # both desks void the first receipt while offline, with different reasons
    void_receipt(r1.db, receipt_id=made.id, reason="Cliente sbagliato", actor=r1.admin)
    void_receipt(r2.db, receipt_id=made.id, reason="Importo errato", actor=r2.admin)
    sync_settled(hub, r1, r2, r1)

    first, second = get_receipt(r1.db, receipt_id=made.id), get_receipt(r2.db, receipt_id=made.id)
    assert first == second and first.voided and first.void_reason in ("Cliente sbagliato", "Importo errato")
    assert first.customer.name == "Kunde GmbH" and first.number == made.number  # as issued, whatever came later
    assert get_receipt(r1.db, receipt_id=at_r2.id) == at_r2
    for desk in (r1, r2):
        with pytest.raises(Conflict):
            void_receipt(desk.db, receipt_id=made.id, reason="Di nuovo", actor=desk.admin)
        assert _rows(desk.path, "SELECT number FROM receipt ORDER BY number") == [(made.number,), (at_r2.number,)]
        assert _rows(desk.path, "SELECT count(*) FROM receipt_line") == [(4,)]


def test_receipts_issued_offline_in_a_series_the_hub_refuses_take_numbers_of_the_new_series(
        desks, hub, pg_url, tmp_path, monkeypatch):
    a, _b = desks
    _use_hub_settings(a, tmp_path)
    company = create_company(a.db, data=CompanyInput(name="Kunde GmbH", **MUNICH), actor=a.admin)
    first = issue_receipt(a.db, company_id=company.id, lines=LINES[:1], payment="card", actor=a.admin)
    assert _sync(a, pg_url).rejected == 0
    backup = backups.backup_now(a.db, actor=a.admin, kind="manual").path
    copied = tmp_path / "usb" / backup.name
    copied.parent.mkdir()
    copied.write_bytes(backup.read_bytes())
    assert _restore(a, backup).series_prefix == "R1-B"
    under_b = issue_receipt(a.db, company_id=company.id, lines=LINES[:1], payment="card", actor=a.admin)
    assert _sync(a, pg_url).rejected == 0

    # On a new PC, with the hub down and no ledger, a person types the series the backup was in.
    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    a.db.dispose()
    hub.stop()
    assert backups.restore(new_pc, copied, after_series="R1").series_prefix == "R1-B"
    a.path, a.db = new_pc, open_desk(new_pc)
    repeated = issue_receipt(a.db, company_id=company.id, lines=LINES[:1], payment="card", actor=a.admin)
    assert repeated.number == under_b.number  # offline, before the hub could say

    hub.start()
    report = _sync(a, pg_url)
    assert report.rejected == 0 and report.waiting == 0
    year = first.year
    assert any("1 receipt issued here since the restore" in w and f"R1-B-{year}-000001 -> R1-C-{year}-000001" in w
               for w in report.warnings), report.warnings
    renumbered = get_receipt(a.db, receipt_id=repeated.id)
    assert (renumbered.number, renumbered.prefix, renumbered.counter) == (f"R1-C-{year}-000001", "R1-C", 1)
    assert renumbered.lines == repeated.lines
    assert sorted(n for (n,) in _rows(a.path, "SELECT number FROM receipt")) == [
        f"R1-{year}-000001", f"R1-B-{year}-000001", f"R1-C-{year}-000001"]
    assert _rows(a.path, "SELECT count(*) FROM sync_outbox") == [(0,)]
