"""Every search plan gives the answer of the rule itself: each typed term starts one of the
visitor's words (accents, case, apostrophes folded), most recent visit first. Checked against a
brute-force reference on the demo data, with the plan thresholds shrunk so that each plan (range,
recency walk, walk that runs dry, exact pair range, pair scan) is taken by some query."""

from __future__ import annotations

import sqlite3

import pytest

from frontdesk.demo.fill import run_demo
from frontdesk.domain.text import query_terms, search_words
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.registry import visitor_search
from frontdesk.services.registry.visitors import VisitorInput, create_visitor, search_visitors, update_visitor

QUERIES = [
    "r", "ro", "rota", "Rot", "m", "ma", "marco", "Nicolò", "nicolo", "niccolo", "d'a", "dalessandro", "dell",
    "lo pr", "Lo Presti", "De L", "kaur", "öz", "oz", "Mar Ro", "marco r", "Marco Rota", "rota marco", "el do",
    "Elena Don", "m r", "a z", "x", "qzx", "chiara p", "Giulia Car", "Anna Maria", "maria grazia", "ro ros",
    "rossi ro", "m a r", "luca rossi bergamo", "'", "  ", "D'Alessandro Nicolò",
]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRONTDESK_HOME", str(folder / "home"))
        run_demo(folder / "demo.sqlite", seed=11)
    return folder / "demo.sqlite"


def _reference(conn: sqlite3.Connection, query: str, limit: int) -> list[tuple[str, str]]:
    terms = query_terms(query)
    if not terms:
        return []
    found = []
    for vid, first, last, stamp in conn.execute("SELECT id, first_name, last_name, last_visit_at FROM visitor"):
        words = search_words(first, last)
        if all(any(w.startswith(t) for w in words) for t in terms):
            found.append((stamp or "", vid))
    return sorted(found, reverse=True)[:limit]


def _plans_used(monkeypatch) -> list[str]:
    used: list[str] = []
    for name in ("walk_sql", "range_sql", "pair_sql"):
        original = getattr(visitor_search, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            used.append(_name if _name != "pair_sql" else f"pair_sql(word={kwargs['head_is_word']})")
            return _original(*args, **kwargs)

        monkeypatch.setattr(visitor_search, name, spy)
    return used


@pytest.mark.parametrize(("common", "window"), [(300, 4000), (3, 10), (1, 50_000)])
def test_every_plan_matches_the_rule(demo_path, monkeypatch, common, window):
    monkeypatch.setattr(visitor_search, "COMMON", common)
    monkeypatch.setattr(visitor_search, "WALK_WINDOW", window)
    used = _plans_used(monkeypatch)
    conn = sqlite3.connect(demo_path)
    execute = lambda sql, params: conn.execute(sql, params).fetchall()  # noqa: E731
    try:
        for query in QUERIES:
            for limit in (1, 20):
                expected = _reference(conn, query, limit)
                got = visitor_search.find_ids(execute, query, limit)
                stamps = dict(conn.execute("SELECT id, coalesce(last_visit_at, '') FROM visitor").fetchall()) \
                    if got else {}
                assert [stamps[i] for i in got] == [s for s, _ in expected], (query, limit)
                tied = {v for s, v in expected if s == (expected[-1][0] if expected else None)}
                assert {i for i in got if i not in tied} == {v for _s, v in expected if v not in tied}, query
    finally:
        conn.close()
    if common == 3:
        assert {"walk_sql", "range_sql", "pair_sql(word=True)", "pair_sql(word=False)"} <= set(used)


def test_hand_entered_visitors_get_the_same_index_rows(demo_path, tmp_path):
    from frontdesk.services.desk.setup import first_admin_actor, init_desk

    path = tmp_path / "hand.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    try:
        actor = first_admin_actor(db)
        person = create_visitor(db, data=VisitorInput("Nicolò", "D'Alessandro"), actor=actor,
                                privacy_notice_version="2026-01")
        conn = sqlite3.connect(path)
        rows = {r[0] for r in conn.execute("SELECT term FROM visitor_search_term")}
        assert rows == set(visitor_search.index_terms("Nicolò", "D'Alessandro"))
        assert {"nicolo", "dalessandro", "d", "alessandro", "~nicolo dalessandro", "~alessandro nicolo",
                "~nicolo d"} <= rows
        assert [v.id for v in search_visitors(db, "Nicolò Dal")] == [person.id]
        assert [v.id for v in search_visitors(db, "alessandro nic")] == [person.id]
        update_visitor(db, visitor_id=person.id, data=VisitorInput("Niccolò", "Rota"), actor=actor)
        assert search_visitors(db, "Nicolò Dal") == []
        assert [v.id for v in search_visitors(db, "niccolo ro")] == [person.id]
        conn.close()
    finally:
        db.dispose()
