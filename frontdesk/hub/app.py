"""The hub's HTTP API (FastAPI; its OpenAPI description is served at /openapi.json).

Every endpoint but /health needs `Authorization: Bearer <desk token>`; the desk is whoever holds
the token, whatever a payload says. Errors carry a code in `detail` (the desk turns it into a
message in its user's language): 401 `bad_token`, 409 `schema_not_accepted`,
403 `demo_not_accepted` (a demo database at a hub not started with --demo), 409
`series_already_used` (the desk's number series was used by another of its databases: hub.epochs;
`next` names the next free one), 422 `not_this_desks_series` (asking for a series with another
desk's among those used).
Endpoints are plain functions: FastAPI runs them on its thread pool over a SQLAlchemy engine.
The token is checked first, by a middleware, before FastAPI reads the body: a request without a
valid token is answered 401 whatever it carries, even a body that is not JSON
(tests/integration/sync/test_sync_fuzz.py fuzzes the API). Only /health and the API's description
(/openapi.json, /docs, /redoc) are open. Strings that PostgreSQL receives as text never hold a NUL
character (PostgreSQL refuses it): 422, whose detail says where and why but never echoes the input.
"""


import base64
import binascii
import datetime as dt
import json
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from frontdesk.db.migrate import HEAD as DESK_SCHEMA
from frontdesk.hub import epochs
from frontdesk.hub import keys as keyring
from frontdesk.hub import pull as change_log
from frontdesk.hub.checksums import checksums as table_checksums
from frontdesk.hub.desks import Desk, desk_for_token
from frontdesk.hub.push import Op, push

# The hub accepts desks on the current schema and the one before; older ones are asked to update.
ACCEPTED_SCHEMAS = (DESK_SCHEMA, f"{int(DESK_SCHEMA) - 1:04d}")
Value = str | int | float | bool | None
RowId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL
OPEN_PATHS = frozenset({"/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
# A desk's number series (domain.series): R1, R1-B, R1-BA..., or the old spelling R1b.
Series = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]{0,3}(-[B-Z][A-Z]{0,7}|[b-z])?$")]
EpochId = Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class HandshakeIn(BaseModel):
    schema_version: str = Field(max_length=20)
    desk_time: dt.datetime
    is_demo: bool = False
    epoch: Series | None = None  # the series the desk pushes under, with the id of the database using it
    epoch_id: EpochId | None = None
    used: list[Series] = Field(default_factory=list, max_length=200)  # every series the desk has used


class SeriesIn(BaseModel):
    epoch_id: EpochId
    used: list[Series] = Field(default_factory=list, max_length=200)


class SeriesOut(BaseModel):
    series: str


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
    epoch: str = Field(min_length=1, max_length=20, pattern=NO_NUL)
    ops: list[OpIn] = Field(max_length=2500)  # a day at a busy desk in one batch (bench.sync_day)


class ResultOut(BaseModel):
    seq: int
    outcome: Literal["applied", "superseded", "rejected"]
    reason: str = ""


class PushOut(BaseModel):
    results: list[ResultOut]


class CursorIO(BaseModel):
    txid: int = Field(default=0, ge=0, le=2**62)
    tbl: str = Field(default="", max_length=40, pattern=NO_NUL)
    row_id: str = Field(default="", max_length=40, pattern=NO_NUL)


class PullIn(BaseModel):
    cursor: CursorIO = CursorIO()
    limit: int = Field(default=500, ge=1, le=2000)
    table: str | None = Field(default=None, max_length=40, pattern=NO_NUL)  # only this table's rows


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


def _bad_token() -> JSONResponse:
    return JSONResponse({"detail": {"code": "bad_token"}}, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _database_down() -> JSONResponse:
    return JSONResponse({"detail": {"code": "hub_database_unavailable"}}, status_code=503)


class TokenFirst:
    """ASGI middleware: finds the desk of the request's bearer token before anything else reads
    the request, answers 401 without one, and leaves the desk in the request's state."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app, self.engine = app, engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in OPEN_PATHS:
            scheme, token = get_authorization_scheme_param(Headers(scope=scope).get("authorization"))
            try:
                desk = await run_in_threadpool(desk_for_token, self.engine, token) if scheme.lower() == "bearer" \
                    else None
            except OperationalError:  # outside the app's own exception handlers
                await _database_down()(scope, receive, send)
                return
            if desk is None:
                await _bad_token()(scope, receive, send)
                return
            scope.setdefault("state", {})["desk"] = desk
        await self.app(scope, receive, send)


def create_app(engine: Engine, *, accept_demo: bool = False) -> FastAPI:
    """The API over `engine`. A production hub (the default) refuses desks whose database is a demo
    (403 `demo_not_accepted` at the handshake); `accept_demo` is for trials and benchmarks."""
    app = FastAPI(title="frontdesk hub", version="1", description="The Point's sync hub: desks push and pull.")
    bearer = HTTPBearer(auto_error=False)

    app.add_middleware(TokenFirst, engine=engine)

    def the_desk(request: Request, _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                 ) -> Desk:
        """The desk TokenFirst found (the bearer dependency puts the scheme in /openapi.json)."""
        desk = getattr(request.state, "desk", None)
        if desk is None:  # pragma: no cover - TokenFirst answered already
            raise HTTPException(401, detail={"code": "bad_token"}, headers={"WWW-Authenticate": "Bearer"})
        return desk

    AuthDesk = Annotated[Desk, Depends(the_desk)]

    def check_schema(version: str) -> None:
        if version not in ACCEPTED_SCHEMAS:
            raise HTTPException(409, detail={"code": "schema_not_accepted", "accepted": list(ACCEPTED_SCHEMAS)})

    @app.exception_handler(RequestValidationError)
    def _invalid_request(_request, exc: RequestValidationError):
        """422 with where and why, without echoing the input (FastAPI's own handler fails with a 500
        on a body that is not UTF-8, and would send personal values back)."""
        errors = [{"type": e.get("type"), "loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg")}
                  for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(OperationalError)
    def _database_unavailable(_request, _exc):
        return _database_down()

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
        if body.epoch and body.epoch_id:
            try:
                epochs.register(engine, desk=desk, epoch=body.epoch, epoch_id=body.epoch_id, used=body.used)
            except epochs.SeriesTaken as taken:
                raise HTTPException(409, detail={"code": "series_already_used", "series": taken.epoch,
                                                 "next": taken.next_free}) from None
            except epochs.NotDesksSeries:
                pass  # another desk's series: registered nowhere; the desk sees the code below and stops
        return HandshakeOut(desk=desk.code, hub_time=dt.datetime.now(dt.UTC), accepted_schemas=list(ACCEPTED_SCHEMAS))

    @app.post("/v1/series")
    def next_series(body: SeriesIn, desk: AuthDesk) -> SeriesOut:
        """A new number series for a desk being restored: above every series the hub and the desk
        know, registered to `epoch_id` (the same id asking again gets the same series)."""
        try:
            return SeriesOut(series=epochs.new_series(engine, desk=desk, epoch_id=body.epoch_id, used=body.used))
        except epochs.NotDesksSeries:
            raise HTTPException(422, detail={"code": "not_this_desks_series"}) from None

    @app.post("/v1/push", response_model=PushOut)
    def push_ops(body: PushIn, desk: AuthDesk) -> Response:
        """The answer per operation (PushOut), written as JSON at once: a model per answer would cost
        more than applying the operation."""
        check_schema(body.schema_version)
        ops = [Op(o.seq, o.table, o.row_id, o.hlc, dict(o.data), o.actor.model_dump()) for o in body.ops]
        results = push(engine, desk=desk, epoch=body.epoch, ops=ops)
        return Response(json.dumps({"results": [{"seq": r.seq, "outcome": r.outcome, "reason": r.reason}
                                                for r in results]}), media_type="application/json")

    @app.post("/v1/pull", response_model=PullOut)
    def pull_page(body: PullIn, desk: AuthDesk) -> Response:
        """A page of the change log (PullOut), sent as PostgreSQL wrote its rows' JSON."""
        page = change_log.pull_raw(engine, after=change_log.Cursor(**body.cursor.model_dump()), limit=body.limit,
                                     table=body.table)
        return Response(page.body(), media_type="application/json")

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
