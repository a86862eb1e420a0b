"""Fuzzing the hub's API from its own OpenAPI description (schemathesis over hypothesis).

The hub runs in-process (its real ASGI app, called through Starlette's test client by
schemathesis) over the real PostgreSQL, with one desk registered. For every operation in
/openapi.json, schemathesis generates requests that fit the description (positive) and requests
that break it (negative: wrong types, missing fields, strings out of their patterns...):

- with the desk's valid token, no request gets a 5xx: bad input is a 4xx, never a crash;
- without a token, with a forged one, a revoked one, or another scheme, every operation but
  /health answers 401 `bad_token`, whatever the body, so nothing is read or written past the door.

Sized for CI (EXAMPLES per operation and mode): about 25 s for both tests on this machine kind.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import text

from frontdesk.domain.roles import Role
from frontdesk.hub.app import create_app
from frontdesk.hub.database import engine_for, upgrade
from frontdesk.hub.desks import add_desk, revoke_desk

with warnings.catch_warnings():  # schemathesis and Starlette warn about optional packages
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis import GenerationMode

EXAMPLES = 40  # per operation and generation mode, with the valid token
TOKEN_EXAMPLES = 25  # per operation and generation mode, each sent with every wrong authorization
OPEN = {"/health"}  # the only operation of the description a desk may call without its token
COUNTS = text("SELECT (SELECT count(*) FROM hub_record), (SELECT count(*) FROM hub_applied_op),"
              " (SELECT count(*) FROM hub_badge_key)")


@pytest.fixture
def hub(pg_url):
    engine = engine_for(pg_url, pool_size=2)
    upgrade(engine)
    token = add_desk(engine, code="R1", roles=frozenset(Role))
    revoked = add_desk(engine, code="R9", roles=frozenset({Role.RECEPTION}))
    revoke_desk(engine, code="R9")
    app = create_app(engine)
    yield engine, app, token, revoked
    engine.dispose()


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/health", "/v1/handshake", "/v1/push", "/v1/pull", "/v1/keys",
                                              "/v1/counts"}
    return operations


def _fuzz(operation, check, *, examples: int = EXAMPLES) -> None:
    """Run `check(case)` on positive and negative cases generated for `operation` (an operation
    without a body or parameters, a GET here, has nothing to break: positive only)."""
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if operation.method.upper() == "POST" else (
        GenerationMode.POSITIVE,)
    for mode in modes:
        strategy = operation.as_strategy(generation_mode=mode)

        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case) -> None:
            check(case)

        run()


def _send(case, authorization: str | None):
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    if authorization is not None:
        headers["Authorization"] = authorization
    case.headers = headers
    return case.call()


def test_no_generated_request_makes_the_hub_fail(hub):
    engine, app, token, _revoked = hub
    seen: dict[str, set[int]] = {}

    def check(case) -> None:
        response = _send(case, f"Bearer {token}")
        seen.setdefault(case.operation.path, set()).add(response.status_code)
        assert response.status_code < 500, (case.method, case.path, case.body, response.text[:500])

    for operation in _operations(app):
        _fuzz(operation, check)
    # The fuzzing reached the endpoints' own code (200, or 409 for a schema version the hub does not
    # accept) and their validation (422).
    for path in ("/v1/handshake", "/v1/push", "/v1/pull", "/v1/keys", "/v1/counts"):
        assert seen[path] & {200, 409}, (path, seen[path])
        assert path == "/v1/counts" or 422 in seen[path], (path, seen[path])
    with engine.connect() as conn:  # the hub's constraints held: every record is one whole row or none
        assert conn.execute(text("SELECT count(*) FROM hub_record WHERE data = '{}'::jsonb")).scalar_one() == 0


def test_no_way_past_the_token(hub):
    engine, app, token, revoked = hub
    # No header, an empty token, a forged one, a revoked one, another scheme, the token without its scheme.
    wrong = [None, "Bearer ", "Bearer forged-token-123", f"Bearer {revoked}", "Basic dXNlcjpwYXNz", token,
             f"Bearer {token}x"]
    with engine.connect() as conn:
        before = conn.execute(COUNTS).one()

    def check(case) -> None:
        for authorization in wrong:
            response = _send(case, authorization)
            if case.operation.path in OPEN:
                assert response.status_code == 200, response.text[:500]
                continue
            assert response.status_code == 401, (authorization, case.method, case.path, case.body,
                                                  response.status_code, response.text[:500])
            assert response.json() == {"detail": {"code": "bad_token"}}

    for operation in _operations(app):
        _fuzz(operation, check, examples=TOKEN_EXAMPLES)
    with engine.connect() as conn:  # nothing was written by anyone without a valid token
        assert tuple(conn.execute(COUNTS).one()) == tuple(before)


def _client(app, token: str | None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return TestClient(app, base_url="http://hub.test", headers=headers, raise_server_exceptions=False)


def test_what_the_fuzzing_found_is_answered_4xx_and_changes_nothing(hub):
    """Found by the fuzzing: a NUL character in the epoch, the pull cursor or the pull's table was a
    500 (PostgreSQL text cannot hold it), a body that is not JSON was answered 400/422 before the
    token was checked. Now: 422 with a valid token, 401 without, a NUL inside a value rejects that operation
    alone, and nothing is written."""
    from frontdesk.db.migrate import HEAD

    engine, app, token, _revoked = hub
    client, stranger = _client(app, token), _client(app, None)
    row = {"seq": 1, "table": "association", "row_id": "a" * 32, "hlc": "0000000000000001.R1", "data": {}}
    assert client.post("/v1/push", json={"schema_version": HEAD, "epoch": "A\x00", "ops": [row]}).status_code == 422
    assert client.post("/v1/pull", json={"cursor": {"txid": 1, "tbl": "visit\x00"}}).status_code == 422
    assert client.post("/v1/pull", json={"cursor": {"row_id": "\x00"}}).status_code == 422
    assert client.post("/v1/pull", json={"table": "\x00", "limit": 409}).status_code == 422  # found 2026-12-02
    assert client.post("/v1/handshake", content=b"\x80not json").status_code in (400, 422)
    for body in (b"\x80not json", b"{", b"[]"):
        answer = stranger.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
        assert (answer.status_code, answer.json()) == (401, {"detail": {"code": "bad_token"}})
    with_nul = {**row, "seq": 2, "data": {"code": "X\x00", "name": "Associazione"}}
    answer = client.post("/v1/push", json={"schema_version": HEAD, "epoch": "A", "ops": [with_nul]})
    assert answer.status_code == 200
    assert answer.json()["results"] == [{"seq": 2, "outcome": "rejected", "reason": "bad_value"}]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM hub_record")).scalar_one() == 0
    assert _client(app, None).get("/openapi.json").status_code == 200  # the description stays open
