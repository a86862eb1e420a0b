"""Fixtures of the sync tests: a real PostgreSQL database per test (127.0.0.1:5432, user postgres)
and the hub started for real (uvicorn in a subprocess on a free loopback port), plus desks made
with the services on real SQLite files.

Without PostgreSQL these tests skip locally, and fail loudly under CI=true: there they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sync_hub import HubProcess, make_desk, postgres_problem, scratch_database

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test in this folder is marked `postgres` (deselect them with -m "not postgres")."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def pg_url():
    problem = postgres_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is needed by the sync tests and is not reachable: {problem}", pytrace=False)
        pytest.skip(f"PostgreSQL not reachable: {problem}")
    with scratch_database() as url:
        yield url


@pytest.fixture
def hub(pg_url, tmp_path):
    process = HubProcess(pg_url, log=tmp_path / "hub.log")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def desks(tmp_path, hub):
    """Two desks, R1 and R2, registered at the hub (all roles allowed), each with its admin signed in."""
    made = [make_desk(tmp_path / f"{code}.sqlite", code, hub) for code in ("R1", "R2")]
    yield made
    for desk in made:
        desk.db.dispose()
