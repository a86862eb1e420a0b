"""The hub's HTTP API (FastAPI; its OpenAPI description is served at /openapi.json).

Every endpoint but /health needs `Authorization: Bearer <desk token>`; the desk is whoever holds
the token, whatever a payload says. Errors carry a code in `detail` (the desk turns it into a
message in its user's language): 401 `bad_token`, 409 `schema_not_accepted`,
403 `demo_not_accepted` (a demo database at a hub not started with --demo).
Endpoints are plain functions: FastAPI runs them on its thread pool over a SQLAlchemy engine.
"""


import base64
import binascii
import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from frontdesk.db.migrate import HEAD as DESK_SCHEMA
from frontdesk.hub import keys as keyring
from frontdesk.hub import pull as change_log
from frontdesk.hub.checksums import checksums as table_checksums
from frontdesk.hub.desks import Desk, desk_for_token
from frontdesk.hub.push import Op, push

# The hub accepts desks on the current schema and the one before; older ones are asked to update.
ACCEPTED_SCHEMAS = (DESK_SCHEMA, f"{int(DESK_SCHEMA) - 1:04d}")
Value = str | int | float | bool | None
RowId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class HandshakeIn(BaseModel):
    schema_version: str = Field(max_length=20)
    desk_time: dt.datetime
    is_demo: bool = False


class HandshakeOut(BaseModel):
    desk: str
    hub_time: dt.datetime
    accepted_schemas: list[str]


class ActorIn(BaseModel):
    staff_id: str | None = Field(default=None, max_length=40)
    role: str | None = Field(default=None, max_length=20)


class OpIn(BaseModel):
    seq: int = Field(ge=1, le=2**62)
    table: str = Field(max_length=40)
    row_id: RowId
    hlc: str = Field(max_length=60)
    data: dict[Annotated[str, Field(max_length=60)], Value] = Field(max_length=80)
    actor: ActorIn = ActorIn()


class PushIn(BaseModel):
    schema_version: str = Field(max_length=20)
    epoch: str = Field(min_length=1, max_length=20)
    ops: list[OpIn] = Field(max_length=1000)


class ResultOut(BaseModel):
    seq: int
    outcome: Literal["applied", "superseded", "rejected"]
    reason: str = ""


class PushOut(BaseModel):
    results: list[ResultOut]


class CursorIO(BaseModel):
    txid: int = Field(default=0, ge=0, le=2**62)
    tbl: str = Field(default="", max_length=40)
    row_id: str = Field(default="", max_length=40)


class PullIn(BaseModel):
    cursor: CursorIO = CursorIO()
    limit: int = Field(default=500, ge=1, le=2000)
    table: str | None = Field(default=None, max_length=40)  # only this table's rows


class RowOut(BaseModel):
    table: str
    row_id: str
    data: dict[str, Value]
    stamps: dict[str, str]


class PullOut(BaseModel):
    rows: list[RowOut]
    cursor: CursorIO
    more: bool


KeyId = Annotated[str, Field(pattern=r"^[A-Z0-9]{1,16}$")]
Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{20,88}={0,2}$")]  # base64 of 16 to 64 bytes


class KeysIn(BaseModel):
    keys: dict[KeyId, Key] = Field(default_factory=dict, max_length=200)


class KeysOut(BaseModel):
    keys: dict[str, str]
    refused: list[str]


class CountsOut(BaseModel):
    counts: dict[str, int]
    checksums: dict[str, str]  # table: "rows:sum of the rows' hashes, 16 hex digits" (domain.checksum)
    pending: list[str] = []  # tables with changes not pullable yet (hub.checksums): no verdict on them now


def create_app(engine: Engine, *, accept_demo: bool = False) -> FastAPI:
    """The API over `engine`. A production hub (the default) refuses desks whose database is a demo
    (403 `demo_not_accepted` at the handshake); `accept_demo` is for trials and benchmarks."""
    app = FastAPI(title="frontdesk hub", version="1", description="The Point's sync hub: desks push and pull.")
    bearer = HTTPBearer(auto_error=False)

    def the_desk(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Desk:
        desk = desk_for_token(engine, credentials.credentials if credentials else "")
        if desk is None:
            raise HTTPException(401, detail={"code": "bad_token"}, headers={"WWW-Authenticate": "Bearer"})
        return desk

    AuthDesk = Annotated[Desk, Depends(the_desk)]

    def check_schema(version: str) -> None:
        if version not in ACCEPTED_SCHEMAS:
            raise HTTPException(409, detail={"code": "schema_not_accepted", "accepted": list(ACCEPTED_SCHEMAS)})

    @app.exception_handler(OperationalError)
    def _database_down(_request, _exc):
        return JSONResponse({"detail": {"code": "hub_database_unavailable"}}, status_code=503)

    @app.get("/health")
    def health() -> dict[str, str]:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok"}

    @app.post("/v1/handshake")
    def handshake(body: HandshakeIn, desk: AuthDesk) -> HandshakeOut:
        check_schema(body.schema_version)
        if body.is_demo and not accept_demo:
            raise HTTPException(403, detail={"code": "demo_not_accepted"})
        return HandshakeOut(desk=desk.code, hub_time=dt.datetime.now(dt.UTC), accepted_schemas=list(ACCEPTED_SCHEMAS))

    @app.post("/v1/push")
    def push_ops(body: PushIn, desk: AuthDesk) -> PushOut:
        check_schema(body.schema_version)
        ops = [Op(o.seq, o.table, o.row_id, o.hlc, dict(o.data), o.actor.model_dump()) for o in body.ops]
        results = push(engine, desk=desk, epoch=body.epoch, ops=ops)
        return PushOut(results=[ResultOut(seq=r.seq, outcome=r.outcome, reason=r.reason) for r in results])

    @app.post("/v1/pull")
    def pull_page(body: PullIn, desk: AuthDesk) -> PullOut:
        page = change_log.pull(engine, after=change_log.Cursor(**body.cursor.model_dump()), limit=body.limit,
                               table=body.table)
        return PullOut(rows=page.rows, cursor=CursorIO(**page.cursor.__dict__), more=page.more)

    @app.post("/v1/keys")
    def badge_keys(body: KeysIn, desk: AuthDesk) -> KeysOut:
        """Hand over this desk's badge keys; the answer is the site's whole ring (base64)."""
        given = {}
        for key_id, encoded in body.keys.items():
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                raise HTTPException(422, detail={"code": "bad_key"}) from None
            if not keyring.valid_key(key_id, key):
                raise HTTPException(422, detail={"code": "bad_key"})
            given[key_id] = key
        done = keyring.exchange(engine, desk=desk, keys=given)
        return KeysOut(keys={k: base64.b64encode(v).decode("ascii") for k, v in done.ring.items()},
                       refused=done.refused)

    @app.get("/v1/counts")
    def counts(desk: AuthDesk) -> CountsOut:
        """Rows and checksum of each synced table (what a desk's verify compares)."""
        found = table_checksums(engine)
        return CountsOut(counts={t: c.rows for t, c in found.sums.items()},
                         checksums={t: c.as_text() for t, c in found.sums.items()}, pending=sorted(found.pending))

    return app
