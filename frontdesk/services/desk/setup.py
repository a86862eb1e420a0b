"""Creating and opening a desk: `init`, the desk code, reference data, the first admin.

`init_desk` creates or upgrades the file (a consistent copy is taken before any migration),
records the desk's code, loads reference data and creates the first admin account; an existing
file must pass its integrity check first. Only `init_desk` creates a database: `open_desk`
refuses a missing or empty file and one that is not a front-desk database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import configure_mappers

from frontdesk.db.engine import Database
from frontdesk.db.migrate import open_database
from frontdesk.db.models import NumberSeries, StaffMember
from frontdesk.domain.errors import DatabaseProblem, ValidationError
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import _, desk_language, set_language
from frontdesk.services.desk.settings import read_flag, read_settings, write_setting
from frontdesk.services.lab.catalogue import load_lab_catalogue
from frontdesk.services.receipts.price_list import load_price_list
from frontdesk.services.registry.reference import load_reference_data
from frontdesk.services.staff import audit

DESK_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")
DEMO_FLAG = "is_demo"


@dataclass(frozen=True)
class DeskInfo:
    path: Path
    desk: str
    is_demo: bool
    admin_username: str
    created_admin: bool


def validate_desk_code(code: str) -> str:
    text = (code or "").strip().upper()
    if not DESK_CODE.match(text):
        raise ValidationError(_("The desk code is a letter followed by up to 3 letters or digits, e.g. R1."))
    return text


def init_desk(path: Path, *, desk: str, demo: bool = False) -> DeskInfo:
    """Create or upgrade the database at `path` for desk `desk`."""
    code = validate_desk_code(desk)
    db = open_database(path, desk=code)
    try:
        with db.begin() as session:
            current = read_settings(session).desk_code
            series_used = session.scalar(select(func.count()).select_from(NumberSeries))
            if current and current != code and series_used:
                raise ValidationError(
                    _("This database belongs to desk {old}; its numbers were issued under that code, "
                      "so it cannot become desk {new}.").format(old=current, new=code))
            write_setting(session, "desk_code", code)
            if demo:
                write_setting(session, DEMO_FLAG, True)
            load_reference_data(session)
            load_lab_catalogue(session)  # adds the codes not yet there; never overwrites the lab's edits
            load_price_list(session)  # the same for the price list and the administrator's edits
            admin = session.scalars(select(StaffMember).where(StaffMember.role == Role.ADMIN.value)).first()
            created = admin is None
            if created:
                admin = StaffMember(username="admin", display_name="Amministratore", role=Role.ADMIN.value)
                session.add(admin)
                session.flush()
                audit.record(session, Actor.desk_itself(code), "staff.create", record_type="staff_member",
                             record_id=admin.id, changes={"username": [None, "admin"], "role": [None, "admin"]})
            is_demo = bool(read_flag(session, DEMO_FLAG, False))
            return DeskInfo(Path(path), code, is_demo, admin.username, created)
    finally:
        db.dispose()


def open_desk(path: Path, *, check: bool = True) -> Database:
    """Open an initialised desk database (migrating it if needed) with its desk code set.

    With `check` the integrity check runs now and a damaged file is refused (the command line);
    without it writes are held until the caller's background check passes (the app's start-up).
    Never creates a database: a missing or empty file, or another program's SQLite file, is refused
    before anything is written."""
    path = Path(path)
    if not path.exists():
        raise DatabaseProblem(_("No database at {path}. Run 'frontdesk init --desk CODE' first.").format(path=path))
    if path.is_file() and path.stat().st_size == 0:
        raise DatabaseProblem(_("The file {path} is empty, so it is not a front-desk database. Nothing was "
                                "changed. To create a new database, run 'frontdesk init --desk CODE'.").format(
            path=path))
    db = open_database(path, check=check, create=False)
    try:
        with db.read() as session:
            settings = read_settings(session)
    except BaseException:
        db.dispose()
        raise
    if not settings.desk_code:
        db.dispose()
        raise DatabaseProblem(_("This database has no desk code. Run 'frontdesk init --desk CODE' first."))
    db.desk = settings.desk_code
    set_language(desk_language(settings.language))
    return db


def warm_up() -> None:
    """Work kept out of start-up, done in the background once the first screen shows its data:
    configuring the ORM mappers (the first ORM statement would do it) and importing the PDF
    libraries (the first badge would) and Babel's formatting (the first date shown would), so the
    first search and badge are as quick as the next."""
    import babel.dates
    import babel.numbers  # noqa: F401

    import frontdesk.documents.reception.badge  # noqa: F401  (reportlab, qrcode)

    configure_mappers()


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return bool(read_flag(session, DEMO_FLAG, False))


def first_admin_actor(db: Database) -> Actor:
    """The first active administrator (the desk's actor before sign-in, and in benchmarks).

    A Core statement, like the other reads made before the first screen shows (services.desk.settings).
    """
    staff = StaffMember.__table__
    with db.read() as session:
        admin = session.execute(select(staff.c.id, staff.c.display_name)
                                .where(staff.c.role == Role.ADMIN.value, staff.c.active)
                                .order_by(staff.c.id).limit(1)).first()
        if admin is None:
            raise DatabaseProblem(_("No active administrator account."))
        return Actor(desk=db.desk, role=Role.ADMIN, staff_id=admin.id, name=admin.display_name)
