"""A stateful property test (hypothesis): three desks make random changes (companies created and
edited field by field, hosts, visitors checked in and out, registrations of several days, site
settings changed by their admins, staff accounts made, wrong passwords typed, the lab's sample
intakes, custody steps appended anywhere, tests' statuses moved forward at one desk while another
edits their price, tests reopened into a new round, result versions entered, receipts issued and
voided, daily closings kept, the price list edited and items withdrawn) and sync in random
orders with one hub (in-process, its real API through Starlette's test client, on the real
PostgreSQL, emptied between examples), while PCs' clocks run
ahead within the warned range, desks take backups and are restored from them (with the hub
answering or not, and on a "new PC" where a person types a series that the desk already left),
and a push's answer is lost on the way (the hub applied it; the desk sends it again). After every
desk syncs twice: every desk equals the hub, nothing was lost or applied twice, each edited field
and each site setting holds the change with the newest stamp (clocks ahead included), every
account is at every desk under a username unique across the site (each desk's own first admin
included) and signs in there, failed sign-ins stayed where they were typed, no visit's status
went backwards, badge numbers are unique, every test's status is the furthest any desk set (with
the newest price; a reopen's new round outranks any status of the old one), every result version
made at any desk is at every desk, each sample's custody events are the union of every desk's, lab IDs are unique
(restores included), every receipt issued at any desk is everywhere with the union of its lines, a void made at
any desk wins (with one reason everywhere), receipt numbers are unique (restores included), every desk's series
is registered at the hub to its database, outboxes are empty, and one more sync transfers nothing. Every
synced table is compared row by row with the hub.

A restore is taken after the desk synced (its work is at the hub, so none is lost: the restore
must bring it back, push the backup's queue again changing nothing, and keep numbers unique).
Not here: faults through a proxy (cuts mid-page, 500s): tests/integration/sync/test_sync_failures.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import time
import uuid
import warnings
from decimal import Decimal
from pathlib import Path

import pytest
import sync_lab_rows as lab_rows
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import text

from frontdesk.db.lab_models import PLAN_FLAGS, TEST_STATUS_RANK
from frontdesk.db.models import synced_models
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.errors import Conflict, PermissionDenied, SyncError
from frontdesk.domain.lab.test_status import stage_of
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Actor, Role
from frontdesk.hub import database as hub_database
from frontdesk.hub.app import create_app
from frontdesk.hub.desks import add_desk
from frontdesk.services.desk import series_ledger
from frontdesk.services.desk.numbering import series_prefix
from frontdesk.services.desk.settings import get_settings, update_settings
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.lab.auto_plan import replan
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.receipts.kept_closings import keep_closing, kept_closing_pdf
from frontdesk.services.receipts.price_list import list_price_items, set_price_item_active, update_price_item
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.visits import check_in_new_visitor, check_out
from frontdesk.services.registry.companies import CompanyInput, create_company, get_company, update_company
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff import accounts as staff
from frontdesk.services.sync import run_sync
from frontdesk.services.sync.epochs import EPOCH_ID_KEY
from frontdesk.services.upkeep import backups
from frontdesk.sync import outbox
from frontdesk.sync.client import HubClient

with warnings.catch_warnings():  # Starlette would rather have httpx2; httpx is what the desk uses
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CODES = ("R1", "R2", "L1")
_LAB_DAY = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)
PASSWORD = "a-long-password-1"
SITE_VALUES = {"retention_visitor_months": (12, 24, 36), "point_name": ("Point", "Point Dalmine", "Polo"),
               "checkout_hour": ("19:00", "20:00", "21:30")}
SITE_CHANGES = tuple(SITE_VALUES)
STATUS_RANK = {"expected": 0, "on_site": 1, "out": 2, "cancelled": 2}
LAB_CODES = lab_rows.TEST_TYPE_CODES[:2]  # the catalogue every template desk loads (the same rows)


class InProcessClient(HubClient):
    """The real client over Starlette's test client. `ahead`: this PC's clock runs ahead of the
    hub's by that much (the hub's time it reads is behind); `lose_answer`: the next push reaches
    the hub, which applies it, and its answer is lost on the way back."""

    def __init__(self, app, token: str) -> None:
        super().__init__("http://hub.test", token)
        self._http.close()
        self._http = TestClient(app, base_url="http://hub.test", headers={"Authorization": f"Bearer {token}"})
        self.ahead = dt.timedelta(0)
        self.lose_answer = False

    def handshake(self, **kwargs) -> dict:
        answer = super().handshake(**kwargs)
        hub_time = dt.datetime.fromisoformat(answer["hub_time"]) - self.ahead
        return {**answer, "hub_time": hub_time.isoformat()}

    def push(self, **kwargs) -> list[dict]:
        results = super().push(**kwargs)
        if self.lose_answer:
            self.lose_answer = False
            raise SyncError("the connection broke after the hub committed")
        return results


def _query(path: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _newest_stamp(path: Path, table: str, row_id: str, field: str, after_seq: int) -> str | None:
    """The stamp of the change to `field` of a row queued after `after_seq` (None: nothing changed)."""
    rows = _query(path, "SELECT hlc FROM sync_outbox WHERE table_name = ? AND row_id = ? AND seq > ? AND "
                        "EXISTS (SELECT 1 FROM json_each(fields) WHERE value = ?) ORDER BY seq DESC LIMIT 1",
                  table, row_id, after_seq, field)
    return rows[0][0] if rows else None


def _last_seq(path: Path) -> int:
    return _query(path, "SELECT coalesce(max(seq), 0) FROM sync_outbox")[0][0]


def _run_clock_ahead(path: Path, ahead: dt.timedelta) -> None:
    """Stamps made from now on read a clock `ahead` of the real one (the outbox's hybrid clock
    keeps counting from there, as on a PC whose clock is wrong)."""
    moment = int((time.time() + ahead.total_seconds()) * 1000) * 65536
    conn = sqlite3.connect(path)
    conn.execute("UPDATE sync_state SET number = max(number, ?) WHERE key = 'clock'", (moment,))
    conn.commit()
    conn.close()


def _log_readable(engine) -> None:
    """Wait until the hub's change log can be read to its end: a pull reads only rows below the
    oldest transaction running on the server (hub.pull), and this PostgreSQL is shared with other
    tests, whose transactions would otherwise leave a pull short for a moment (the next run gets
    the rest; the convergence checks want it now)."""
    deadline = time.monotonic() + 60
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            newest, horizon = conn.execute(text(
                "SELECT coalesce(max(txid), 0), pg_snapshot_xmin(pg_current_snapshot())::text::bigint "
                "FROM hub_record")).one()
            conn.rollback()
            if newest < horizon:
                return
            time.sleep(0.05)


def _desk_rows(path: Path) -> dict[tuple[str, str], dict]:
    conn = sqlite3.connect(path)
    try:
        rows = {}
        for model in synced_models():
            fields = synced_fields(model)
            for row in conn.execute(f"SELECT id, {', '.join(fields)} FROM {model.__tablename__}"):
                rows[(model.__tablename__, row[0])] = dict(zip(fields, row[1:], strict=True))
        return rows
    finally:
        conn.close()


def _outbox_size(path: Path) -> int:
    return _query(path, "SELECT count(*) FROM sync_outbox")[0][0]


@pytest.fixture
def templates(pg_url, tmp_path):
    """Desk files made once (then copied for each example), their tokens, and the hub's app."""
    engine = hub_database.engine_for(pg_url)
    hub_database.upgrade(engine)
    made, customers = {}, {}
    for code in CODES:
        path = tmp_path / f"template-{code}.sqlite"
        init_desk(path, desk=code)
        db = open_desk(path)
        admin = staff.set_first_admin_password(db, password=f"admin-password-{code}").actor
        for type_code in LAB_CODES:
            lab_rows.catalogue_entry(db, admin, type_code)
        customers[code] = create_company(db, data=CompanyInput(name=f"Cliente Lab {code}", kind="foreign",
                                                               address="Hauptstraße 1", city="München",
                                                               country="DE"), actor=admin).id
        db.dispose()
        made[code] = (path, admin, add_desk(engine, code=code, roles=frozenset(Role)))
    yield engine, create_app(engine), made, customers, tmp_path
    engine.dispose()


def test_desks_and_hub_converge_whatever_the_changes_and_the_sync_order(templates):
    engine, app, made, customers, folder = templates
    seen: dict[str, int] = {}  # what the examples did, printed at the end (pytest -s)

    def event(what: str) -> None:
        seen[what] = seen.get(what, 0) + 1

    class Desks(RuleBasedStateMachine):
        companies = Bundle("companies")
        visits = Bundle("visits")
        hosts = Bundle("hosts")
        saved = Bundle("backups")
        samples = Bundle("samples")
        receipts = Bundle("receipts")

        @initialize(target=saved, first_backup=st.sampled_from(CODES))
        def fresh(self, first_backup):
            """New desks and an empty hub; one desk takes a backup at once (more are taken later)."""
            with engine.begin() as conn:
                conn.execute(text("TRUNCATE hub_record, hub_applied_op, hub_epoch, hub_table_sum, hub_table_sum_delta"))
            self.dbs, self.paths, self.admins, self.clients = {}, {}, {}, {}
            data = folder / uuid.uuid4().hex[:8]  # this example's data folder: its backups and series ledgers
            data.mkdir()
            for code, (template, admin, token) in made.items():
                path = data / f"{code}.sqlite"
                shutil.copyfile(template, path)
                self.paths[code], self.admins[code] = path, admin
                self.dbs[code] = open_desk(path)
                self.clients[code] = InProcessClient(app, token)
            self.names: set[str] = set()
            self.last_site: dict[str, tuple[str, object]] = {}  # key: (stamp, value) of the newest change
            self.accounts: set[str] = set()
            self.failures: dict[tuple[str, str], int] = {}
            self.best_status: dict[uuid.UUID, int] = {}
            self.last_edit: dict[tuple[str, str], tuple[str, str]] = {}  # (company, field): (stamp, value)
            self.host_ids: set[str] = set()
            self.registrations: set[str] = set()
            self.custody: dict[str, set[str]] = {}  # sample: its custody events, made at any desk
            self.best_test: dict[str, int] = {}  # test: the furthest stage (round and status) any desk set
            self.results: set[str] = set()  # result versions made at any desk
            self.files: set[str] = set()  # raw files attached at any desk
            self.reports: set[str] = set()  # reports issued at any desk
            self.last_price: dict[str, tuple[str, int]] = {}  # test: (stamp, value) of the newest price
            self.lab_ids: list[str] = []
            self.plan_runs: set[str] = set()  # automatic plan runs made at any desk (append-only)
            self.last_mark: dict[tuple[str, str], tuple[str, object]] = {}  # (test, pinned|plan_flag): newest
            self.receipt_ids: set[str] = set()  # receipts issued at any desk
            self.receipt_lines: set[str] = set()  # their lines
            self.voided: set[str] = set()  # receipts voided at any desk
            return self.backup(first_backup)

        def teardown(self) -> None:
            for db in getattr(self, "dbs", {}).values():
                db.dispose()
            for client in getattr(self, "clients", {}).values():
                client.close()

        def sync(self, code: str):
            event("sync")
            _log_readable(engine)
            report = run_sync(self.dbs[code], hub_url="http://hub.test", token="-", actor=Actor.desk_itself(code),
                              client=self.clients[code], batch=7, page=5)  # small: many batches and pages
            if self.clients[code].ahead > dt.timedelta(minutes=2):
                assert any("clock is" in w for w in report.warnings), report.warnings  # warned, not refused
            if any("already seen the number series" in w for w in report.warnings):
                event("a series used before was refused at the handshake")
            return report

        @rule(target=companies, desk=st.sampled_from(CODES), n=st.integers(0, 10**6))
        def create(self, desk, n):
            name = f"Company {desk} {n}"
            self.names.add(name)
            made_company = create_company(self.dbs[desk], data=CompanyInput(name=name, kind="foreign"),
                                          actor=self.admins[desk], allow_duplicate=True)
            return (desk, made_company.id)

        @rule(company=companies, desk=st.sampled_from(CODES), field=st.sampled_from(["city", "phone", "notes"]),
              value=st.text("abcxyz", min_size=1, max_size=6))
        def edit(self, company, desk, field, value):
            if not _query(self.paths[desk], "SELECT 1 FROM company WHERE id = ?", company[1].hex):
                return  # not synced to this desk yet
            current = get_company(self.dbs[desk], company_id=company[1])
            data = CompanyInput(name=current.name, kind=current.kind, city=current.city, phone=current.phone,
                                notes=current.notes)
            before = _last_seq(self.paths[desk])
            update_company(self.dbs[desk], company_id=company[1],
                           data=CompanyInput(**{**data.__dict__, field: value}), actor=self.admins[desk])
            stamp = _newest_stamp(self.paths[desk], "company", company[1].hex, field, before)
            key = (company[1].hex, field)
            if stamp is not None and stamp > self.last_edit.get(key, ("", ""))[0]:
                self.last_edit[key] = (stamp, value)  # the newest stamp wins, whichever step came last

        @rule(target=hosts, desk=st.sampled_from(CODES), n=st.integers(0, 10**6))
        def host(self, desk, n):
            made_host = create_host(self.dbs[desk], name=f"Ing. Host {desk} {n}", organisation="Point",
                                    actor=self.admins[desk])
            self.host_ids.add(made_host.id.hex)
            return made_host.id

        @rule(target=visits, desk=st.sampled_from(CODES), n=st.integers(0, 10**6))
        def visit(self, desk, n):
            result = check_in_new_visitor(self.dbs[desk], visitor=VisitorInput("Anna", f"Test{n}"),
                                          service_code="meeting", host_id=None, privacy_notice_shown=True,
                                          actor=self.admins[desk])
            self.best_status[result.visit.id] = STATUS_RANK["on_site"]
            return result.visit.id

        @rule(desk=st.sampled_from(CODES), host_id=hosts, days=st.integers(1, 4), n=st.integers(0, 10**6))
        def registration(self, desk, host_id, days, n):
            here = _query(self.paths[desk], "SELECT 1 FROM host WHERE id = ?", host_id.hex)
            visitor = create_visitor(self.dbs[desk], data=VisitorInput("Marco", f"Corso{n}"),
                                     actor=self.admins[desk], privacy_notice_version="2026-01")
            today = dt.date.today()
            made_id = register_visit(self.dbs[desk], visitor_id=visitor.id, service_code="training",
                                     host_id=host_id if here else None, day_from=today,
                                     day_to=today + dt.timedelta(days=days), title=f"Corso {n}",
                                     actor=self.admins[desk])
            self.registrations.add(made_id.hex)

        @rule(visit_id=visits, desk=st.sampled_from(CODES))
        def leave(self, visit_id, desk):
            row = _query(self.paths[desk], "SELECT status FROM visit WHERE id = ?", visit_id.hex)
            if not row or row[0][0] != "on_site":
                return  # not here yet, or already out
            check_out(self.dbs[desk], visit_id=visit_id, actor=self.admins[desk])
            self.best_status[visit_id] = STATUS_RANK["out"]

        @rule(target=samples, desk=st.sampled_from(CODES), minutes=st.integers(0, 600))
        def sample_intake(self, desk, minutes):
            """A request with one sample, its test and its "received" custody step, at a desk."""
            made_intake = lab_rows.intake(self.dbs[desk], self.admins[desk], company_id=customers[desk],
                                          codes=LAB_CODES[:1], at=_LAB_DAY + dt.timedelta(minutes=minutes))
            sample, job = made_intake.samples[0].hex, made_intake.tests[0].hex
            self.custody[sample] = {made_intake.events[0].hex}
            self.best_test[job] = stage_of(1, "requested")
            self.lab_ids += made_intake.lab_ids
            return (sample, job)

        @rule(sample=samples, desk=st.sampled_from(CODES), kind=st.sampled_from(("stored", "to_test", "returned")),
              minutes=st.integers(0, 600))
        def custody_step(self, sample, desk, kind, minutes):
            """A step appended to a sample's chain at a desk that has the sample (offline or not)."""
            if not _query(self.paths[desk], "SELECT 1 FROM lab_sample WHERE id = ?", sample[0]):
                return
            made_event = lab_rows.custody(self.dbs[desk], self.admins[desk], uuid.UUID(hex=sample[0]), kind,
                                          at=_LAB_DAY + dt.timedelta(minutes=minutes))
            self.custody[sample[0]].add(made_event.hex)

        @rule(sample=samples, desk=st.sampled_from(CODES), other=st.sampled_from(CODES),
              status=st.sampled_from(tuple(TEST_STATUS_RANK)), euros=st.integers(1, 999))
        def test_moves(self, sample, desk, other, status, euros):
            """A test's status moved forward at one desk while another (offline or not) edits its price."""
            job = sample[1]
            here = _query(self.paths[desk], "SELECT status, round FROM lab_test WHERE id = ?", job)
            if here and TEST_STATUS_RANK[status] > TEST_STATUS_RANK[here[0][0]]:
                lab_rows.change_test(self.dbs[desk], self.admins[desk], uuid.UUID(hex=job), status=status)
                self.best_test[job] = max(self.best_test[job], stage_of(here[0][1], status))
            if _query(self.paths[other], "SELECT 1 FROM lab_test WHERE id = ?", job):
                before = _last_seq(self.paths[other])
                lab_rows.change_test(self.dbs[other], self.admins[other], uuid.UUID(hex=job), price_cents=euros * 100)
                stamp = _newest_stamp(self.paths[other], "lab_test", job, "price_cents", before)
                if stamp is not None and stamp > self.last_price.get(job, ("", 0))[0]:
                    self.last_price[job] = (stamp, euros * 100)

        @rule(sample=samples, desk=st.sampled_from(CODES))
        def reopen(self, sample, desk):
            """The lab manager reopens a test at a desk (offline or not): a new round. Whatever its
            status here (the domain's rule of which status may be reopened is tested apart): what
            sync must keep is the new round above any status of the old one."""
            job = sample[1]
            if _query(self.paths[desk], "SELECT 1 FROM lab_test WHERE id = ?", job):
                new_round = lab_rows.reopen(self.dbs[desk], self.admins[desk], uuid.UUID(hex=job))
                self.best_test[job] = max(self.best_test[job], stage_of(new_round, "scheduled"))
                event("reopen")

        @rule(sample=samples, desk=st.sampled_from(CODES), version=st.integers(1, 3))
        def result_version(self, sample, desk, version):
            """A version of a test's results entered at a desk that has the test (offline or not)."""
            job = sample[1]
            if _query(self.paths[desk], "SELECT 1 FROM lab_test WHERE id = ?", job):
                made = lab_rows.result_version(self.dbs[desk], self.admins[desk], uuid.UUID(hex=job), version=version)
                self.results.add(made.hex)
                event("result version")

        @rule(sample=samples, desk=st.sampled_from(CODES), size=st.integers(1, 4000))
        def raw_file(self, sample, desk, size):
            """A raw file attached to a test at a desk that has the test (offline or not)."""
            job = sample[1]
            if _query(self.paths[desk], "SELECT 1 FROM lab_test WHERE id = ?", job):
                content = (f"{size};" * size).encode()[:size]
                self.files.add(lab_rows.attachment(self.dbs[desk], self.admins[desk], uuid.UUID(hex=job),
                                                   content=content).hex)
                event("raw file")

        @rule(sample=samples, desk=st.sampled_from(CODES))
        def report(self, sample, desk):
            """A report of a sample issued at a desk that has the sample (offline or not)."""
            if _query(self.paths[desk], "SELECT 1 FROM lab_sample WHERE id = ?", sample[0]):
                made, _number = lab_rows.report(self.dbs[desk], self.admins[desk], uuid.UUID(hex=sample[0]))
                self.reports.add(made.hex)
                event("report")

        @rule(desk=st.sampled_from(CODES), by_desk=st.booleans(), minutes=st.integers(0, 600))
        def plan_run(self, desk, by_desk, minutes):
            """The desk becomes the planning desk (a site setting) and makes the lab's plan there, as its
            lab manager or by itself: one run row, appended (the tests have no machine: all unplaced)."""
            self.set_site(desk, "lab_planning_desk", desk)
            actor = Actor.desk_itself(desk) if by_desk else self.admins[desk]
            before = {r[0] for r in _query(self.paths[desk], "SELECT id FROM lab_plan_run")}
            replan(self.dbs[desk], actor=actor, cause="manual", now=_LAB_DAY + dt.timedelta(minutes=minutes))
            self.plan_runs |= {r[0] for r in _query(self.paths[desk], "SELECT id FROM lab_plan_run")} - before
            event("plan run")

        @rule(sample=samples, desk=st.sampled_from(CODES), pinned=st.booleans(),
              flag=st.sampled_from(PLAN_FLAGS))
        def plan_marks(self, sample, desk, pinned, flag):
            """A test pinned or unpinned and flagged for the lab manager at a desk (offline or not)."""
            job = sample[1]
            if not _query(self.paths[desk], "SELECT 1 FROM lab_test WHERE id = ?", job):
                return
            before = _last_seq(self.paths[desk])
            lab_rows.change_test(self.dbs[desk], self.admins[desk], uuid.UUID(hex=job), pinned=pinned,
                                 plan_flag=flag, plan_flag_reason=f"TR-01: guasto {flag}" if flag else "")
            for field, value in (("pinned", pinned), ("plan_flag", flag)):
                stamp = _newest_stamp(self.paths[desk], "lab_test", job, field, before)
                if stamp is not None and stamp > self.last_mark.get((job, field), ("", None))[0]:
                    self.last_mark[(job, field)] = (stamp, value)

        @rule(target=receipts, desk=st.sampled_from(CODES), lines=st.integers(1, 3), voided=st.booleans())
        def receipt(self, desk, lines, voided):
            """A receipt issued at a desk (offline or not), for the desk's own customer; voided there at
            once or not (voids at other desks: `void`)."""
            items = tuple(LineInput(f"Prova {n}", Decimal(n), Decimal("12.50"), vat_rate="22")
                          for n in range(1, 1 + lines))
            made = issue_receipt(self.dbs[desk], company_id=customers[desk], lines=items, payment="card",
                                 actor=self.admins[desk])
            self.receipt_ids.add(made.id.hex)
            self.receipt_lines |= {r[0] for r in _query(self.paths[desk], "SELECT id FROM receipt_line WHERE "
                                                                          "receipt_id = ?", made.id.hex)}
            event("receipt")
            if voided:
                self.void(made.id, desk, 0)
            return made.id

        @rule(receipt_id=receipts, desk=st.sampled_from(CODES), n=st.integers(0, 9))
        def void(self, receipt_id, desk, n):
            """A receipt voided at a desk where it is (as voided there already: refused); two desks may
            void it offline with different reasons: the void wins, one reason everywhere."""
            here = _query(self.paths[desk], "SELECT status FROM receipt WHERE id = ?", receipt_id.hex)
            if not here:
                return
            if here[0][0] == "voided":
                with pytest.raises(Conflict):
                    void_receipt(self.dbs[desk], receipt_id=receipt_id, reason="Di nuovo", actor=self.admins[desk])
                return
            void_receipt(self.dbs[desk], receipt_id=receipt_id, reason=f"Errore {desk} {n}", actor=self.admins[desk])
            self.voided.add(receipt_id.hex)
            event("receipt voided")

        @rule(desk=st.sampled_from(CODES))
        def close_the_day(self, desk):
            """A desk keeps its daily closing (again, when it already did: a new row); the copy kept
            reaches every desk and draws the same PDF there (checked when they have converged)."""
            kept = keep_closing(self.dbs[desk], day=dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1),
                                actor=self.admins[desk])
            assert kept_closing_pdf(self.dbs[desk], closing_id=kept.id)
            event("daily closing kept")

        @rule(desk=st.sampled_from(CODES), code=st.sampled_from(("ROOM-MEETING-HALF", "SRV-TM-SEARCH")),
              cents=st.integers(1_000, 50_000), withdraw=st.booleans())
        def price_edit(self, desk, code, cents, withdraw):
            """The price list changed at a desk (offline or not): a seeded item's price, and it withdrawn
            or offered again; edits at two desks merge per field."""
            item = next(i for i in list_price_items(self.dbs[desk]) if i.spec.code == code)
            spec = dataclasses.replace(item.spec, price_cents=cents, member_price_cents=cents * 4 // 5)
            update_price_item(self.dbs[desk], item_id=item.id, spec=spec, actor=self.admins[desk])
            set_price_item_active(self.dbs[desk], item_id=item.id, active=not withdraw, actor=self.admins[desk])
            event("price list edited")

        @rule(desk=st.sampled_from(CODES), key=st.sampled_from(SITE_CHANGES), pick=st.integers(0, 2))
        def site_setting(self, desk, key, pick):
            self.set_site(desk, key, SITE_VALUES[key][pick])

        def set_site(self, desk, key, value):
            before = _last_seq(self.paths[desk])
            update_settings(self.dbs[desk], changes={key: value}, actor=self.admins[desk])
            rows = _query(self.paths[desk], "SELECT hlc FROM sync_outbox WHERE table_name = 'site_setting' AND "
                                            "json_extract(data, '$.key') = ? AND seq > ? ORDER BY seq DESC LIMIT 1",
                          key, before)
            if rows and rows[0][0] > self.last_site.get(key, ("", None))[0]:
                self.last_site[key] = (rows[0][0], value)

        @rule(desk=st.sampled_from(CODES), n=st.integers(0, 3))
        def account(self, desk, n):
            username = f"staff.{desk.lower()}.{n}"
            if username in self.accounts:
                return
            staff.create_staff(self.dbs[desk], username=username, display_name=f"Persona {desk} {n}",
                               role=Role.RECEPTION, password=PASSWORD, actor=self.admins[desk])
            self.accounts.add(username)

        @rule(desk=st.sampled_from(CODES))
        def wrong_password(self, desk):
            here = {u for (u,) in _query(self.paths[desk], "SELECT username FROM staff_member")}
            for username in sorted(self.accounts):
                if username in here:
                    with pytest.raises(PermissionDenied):
                        staff.sign_in(self.dbs[desk], username=username, password="not-the-password")
                    self.failures[(desk, username)] = self.failures.get((desk, username), 0) + 1
                    return

        @rule(desk=st.sampled_from(CODES), minutes=st.integers(3, 50))
        def clock_ahead(self, desk, minutes):
            """This PC's clock runs ahead, within the range the handshake warns about but accepts."""
            self.clients[desk].ahead = dt.timedelta(minutes=minutes)
            _run_clock_ahead(self.paths[desk], self.clients[desk].ahead)

        @rule(desk=st.sampled_from(CODES))
        def answer_lost(self, desk):
            """A run whose push the hub applies but whose answer never reaches the desk (connection cut
            after the commit): the run fails, the operations stay queued and the next run sends them
            again, and the hub answers them from its record without applying them twice."""
            if not outbox.waiting(self.dbs[desk]):
                return
            waiting = outbox.waiting(self.dbs[desk])
            self.clients[desk].lose_answer = True
            with pytest.raises(SyncError):
                self.sync(desk)
            event("a push's answer was lost")
            assert outbox.waiting(self.dbs[desk]) >= waiting  # nothing settled without its answer

        @rule(target=saved, desk=st.sampled_from(CODES))
        def backup(self, desk):
            place = self.paths[desk].parent / f"backups-{uuid.uuid4().hex[:8]}"  # one each: no rotation
            place.mkdir()
            taken = backups.backup_now(self.dbs[desk], folder=place, actor=self.admins[desk], kind="manual").path
            failures = {u: n for (d, u), n in self.failures.items() if d == desk}
            with self.dbs[desk].read() as session:
                prefix = series_prefix(session)
            return (desk, taken, failures, prefix)

        @rule(saved=saved, hub_answers=st.booleans())
        def restore(self, saved, hub_answers):
            self.restore_from(saved, hub_answers=hub_answers, new_pc=False)

        @rule(saved=saved, hub_answers=st.booleans())
        def restore_on_a_new_pc(self, saved, hub_answers):
            self.restore_from(saved, hub_answers=hub_answers, new_pc=True)

        def restore_from(self, saved, *, hub_answers: bool, new_pc: bool) -> None:
            """Restore a backup taken earlier in the run, once the desk's work is at the hub. With the
            hub answering it gives the series; without, the desk picks it. On a "new PC" (no database,
            no ledger) a person types the series the backup was in: the desk may have left it since,
            and only the hub can tell (the next handshake refuses it and the desk moves on)."""
            desk, taken, failures, prefix = saved
            self.sync(desk)
            self.dbs[desk].dispose()
            path = self.paths[desk]
            if new_pc:
                for leftover in (path, *path.parent.glob(f"{path.name}-*"),
                                 *(path.parent / backups.PRE_RESTORE).glob(f"frontdesk-{desk}-*"),
                                 path.parent / series_ledger.file_name(desk),
                                 taken.parent / series_ledger.file_name(desk)):
                    leftover.unlink(missing_ok=True)
            try:
                result = backups.restore(path, taken, after_series=prefix if new_pc else None,
                                         hub=self.clients[desk] if hub_answers else None)
            finally:
                self.dbs[desk] = open_desk(path)
            assert result.series_from_hub == hub_answers
            for username in list(self.accounts):  # wrong passwords are this desk's own: as in the backup
                if (desk, username) in self.failures:
                    self.failures[(desk, username)] = failures.get(username, 0)
            _run_clock_ahead(path, self.clients[desk].ahead)  # the PC's clock is still what it was
            event(f"restore (hub answers: {hub_answers}, new PC: {new_pc})")

        @rule(desk=st.sampled_from(CODES))
        def sync_one(self, desk):
            report = self.sync(desk)
            assert report.rejected == 0 and report.waiting == 0, _query(
                self.paths[desk], "SELECT seq, epoch, table_name, reason FROM sync_rejected")

        def converged(self) -> None:
            for _round in range(2):
                for code in CODES:
                    self.sync(code)
            with engine.connect() as conn:
                hub = {(r.tbl, r.row_id): r.data for r in conn.execute(
                    text("SELECT tbl, row_id, data FROM hub_record WHERE data <> '{}'::jsonb"))}
                epochs = {(r.code, r.epoch): r.epoch_id for r in conn.execute(text(
                    "SELECT d.code, e.epoch, e.epoch_id FROM hub_epoch e JOIN hub_desk d ON d.id = e.desk_id"))}
            numbers = [d["number"] for (t, _), d in hub.items() if t == "badge"]
            assert len(numbers) == len(set(numbers))  # no number issued twice, restores included
            assert self.host_ids <= {i for t, i in hub if t == "host"}
            assert self.registrations <= {i for t, i in hub if t == "registration"}
            for code in CODES:
                assert _outbox_size(self.paths[code]) == 0
                rows = _desk_rows(self.paths[code])
                assert set(rows) == set(hub), code
                for key, data in hub.items():
                    assert {k: rows[key][k] for k in data} == data, (code, key)
                for (company_hex, field), (_stamp, value) in self.last_edit.items():
                    assert rows[("company", company_hex)][field] == value, (code, field)  # the newest stamp won
                names = {d["name"] for (t, _), d in rows.items() if t == "company"}
                assert self.names <= names
                statuses = {uuid.UUID(hex=i): d["status"] for (t, i), d in rows.items() if t == "visit"}
                for visit_id, best in self.best_status.items():
                    assert STATUS_RANK[statuses[visit_id]] >= best, (code, visit_id)
                self.lab_converged(code, rows)
                for closing_hex in (i for (t, i) in rows if t == "receipt_closing"):  # each desk's copies draw
                    kept_closing_pdf(self.dbs[code], closing_id=uuid.UUID(hex=closing_hex))  # the same PDF here
                settings_here = get_settings(self.dbs[code])
                for key, (_stamp, value) in self.last_site.items():
                    assert getattr(settings_here, key) == value, (code, key)
                usernames = [d["username"] for (t, _), d in rows.items() if t == "staff_member"]
                assert len(usernames) == len(set(usernames)) and self.accounts <= set(usernames), code
                admins = [(d["username"], d["created_desk"]) for (t, _), d in rows.items()
                          if t == "staff_member" and d["role"] == "admin"]
                assert len(admins) == len(CODES) and [u for u, _d in admins].count("admin") == 1, code
                assert all(u in ("admin", f"admin.{d.lower()}") for u, d in admins), code  # each desk's own
                assert settings_here.desk_code == code
                with self.dbs[code].read() as session:
                    prefix = series_prefix(session)
                epoch_id = _query(self.paths[code], "SELECT value FROM setting WHERE key = ?", EPOCH_ID_KEY)
                assert epochs[(code, prefix)] == epoch_id[0][0].strip('"'), code  # registered to this database
            for code in CODES:
                for username in self.accounts:
                    failed = _query(self.paths[code], "SELECT failed_attempts FROM staff_member WHERE username = ?",
                                    username)[0][0]
                    typed = self.failures.get((code, username), 0)  # typed here, counted here only
                    assert (failed > 0) == (typed > 0) and failed <= typed, (code, username)
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM hub_record WHERE tbl = 'staff_member' AND "
                                         "(data ? 'failed_attempts' OR data ? 'locked_until')")).scalar_one() == 0
                site_keys = {k for (k,) in conn.execute(text(
                    "SELECT data->>'key' FROM hub_record WHERE tbl = 'site_setting'"))}
                assert site_keys <= set(self.last_site)  # a value equal to the default is never written
            for code in CODES:
                again = self.sync(code)
                assert (again.pushed, again.pulled, again.changed) == (0, 0, 0)
            for code in CODES:  # every account signs in at every desk (after the checks: a sign-in is audited)
                for username in self.accounts:
                    if not any(c == code and u == username for c, u in self.failures):
                        assert staff.sign_in(self.dbs[code], username=username, password=PASSWORD).username == username

        def lab_converged(self, code: str, rows: dict[tuple[str, str], dict]) -> None:
            """Each test's round and status are the furthest any desk set (a reopen's round above any
            status of the old one), with the newest price; every result version, raw file and report
            is everywhere, no report number twice; each
            sample's custody events are the union of every desk's; no lab ID twice (restores included)."""
            tests = {i: d for (t, i), d in rows.items() if t == "lab_test"}
            for job, best in self.best_test.items():
                assert stage_of(tests[job]["round"], tests[job]["status"]) == tests[job]["stage"] == best, (code, job)
            assert {i for (t, i) in rows if t == "lab_result"} == self.results, code
            assert {i for (t, i) in rows if t == "lab_attachment"} == self.files, code
            assert {i for (t, i) in rows if t == "lab_report"} == self.reports, code
            numbers = [d["number"] for (t, _), d in rows.items() if t == "lab_report"]
            assert len(numbers) == len(set(numbers)), code  # no report number issued twice, restores included
            for job, (_stamp, value) in self.last_price.items():
                assert tests[job]["price_cents"] == value, (code, job)
            for (job, field), (_stamp, value) in self.last_mark.items():
                assert tests[job][field] == value, (code, job, field)  # the newest pin or flag won
            assert {i for (t, i) in rows if t == "lab_plan_run"} == self.plan_runs, code  # the union
            events: dict[str, set[str]] = {}
            for (table, row_id), data in rows.items():
                if table == "lab_custody_event":
                    events.setdefault(data["sample_id"], set()).add(row_id)
            assert events == self.custody, code
            lab_ids = [d["lab_id"] for (t, _), d in rows.items() if t == "lab_sample"]
            # every sample, no lab ID twice; a sample numbered offline under a series the hub then refused
            # (a restore) was given a new lab ID, so the IDs are not those given at intake (test_sync_lab)
            assert len(lab_ids) == len(set(lab_ids)) == len(self.lab_ids), code
            receipts = {i: d for (t, i), d in rows.items() if t == "receipt"}
            assert set(receipts) == self.receipt_ids, code
            assert {i for i, d in receipts.items() if d["status"] == "voided"} == self.voided, code  # voids win
            assert all(bool(d["void_reason"]) == (d["status"] == "voided") for d in receipts.values()), code
            assert {i for (t, i) in rows if t == "receipt_line"} == self.receipt_lines, code  # the union
            numbers = [d["number"] for d in receipts.values()]
            assert len(numbers) == len(set(numbers)), code  # no receipt number twice, restores included

    class Checked(Desks):
        def teardown(self) -> None:
            try:
                if hasattr(self, "dbs"):
                    self.converged()
            finally:
                super().teardown()

    started = time.monotonic()
    run_state_machine_as_test(Checked, settings=settings(
        max_examples=10, stateful_step_count=16, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    print(f"stateful sync test: {time.monotonic() - started:.1f} s; {seen}")
