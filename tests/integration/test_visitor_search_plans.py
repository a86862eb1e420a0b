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
    "k j", "j q", "q z", "s z", "d r", "d a", "a d", "x d", "fr e", "davi ro", "mar ro lu", "e s", "n d'a",
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
            if _name == "pair_sql" and len(args[0]) == 1 and not kwargs["head_is_word"]:
                used.append("pair_sql(head=1 letter)")
            return _original(*args, **kwargs)

        monkeypatch.setattr(visitor_search, name, spy)
    return used


@pytest.mark.parametrize(("common", "window", "pair_cap", "long_walk"),
                         [(300, 4000, 4000, 32_000), (3, 10, 4000, 32_000), (1, 50_000, 4000, 32_000),
                          (3, 10, 5, 400), (3, 2, 1, 30)])
def test_every_plan_matches_the_rule(demo_path, monkeypatch, common, window, pair_cap, long_walk):
    monkeypatch.setattr(visitor_search, "COMMON", common)
    monkeypatch.setattr(visitor_search, "WALK_WINDOW", window)
    monkeypatch.setattr(visitor_search, "PAIR_CAP", pair_cap)
    monkeypatch.setattr(visitor_search, "LONG_WALK", long_walk)
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
        assert "pair_sql(head=1 letter)" in used  # "k j": one-letter words ("d" of D'Alessandro) read too


def _plan(conn: sqlite3.Connection, sql: str, params: dict) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


BOUNDED_SCANS = ("SCAN v USING COVERING INDEX ix_visitor_recency",  # the recency walk: LIMIT :window
                 "SCAN v", "SCAN p", "SCAN (subquery")  # walking a subquery's own (bounded) rows


def test_two_word_queries_use_the_indexes_and_never_read_a_table_whole(demo_path):
    """Every statement of every plan a two-word query can take (and a few three-word ones) SEARCHes
    an index; the only scans are the recency walk, bounded by its window, and the rows of its own
    subqueries. The pair plans drive from the term index and reach visitors by their primary key."""
    from bench.figures_search import workload

    conn = sqlite3.connect(demo_path)
    statements: list[tuple[str, dict, list[str]]] = []

    def execute(sql, params):
        statements.append((sql, params, _plan(conn, sql, params)))
        return conn.execute(sql, params).fetchall()

    try:
        _single, pairs = workload(conn)
        queries = [*pairs, "Davide Ro", "Francesco E", "davi ro", "fr e", "k j", "q z", "s z", "mar ro lu", "m a r"]
        for query in queries:
            statements.clear()
            visitor_search.find_ids(execute, query, 20)
            assert statements, query
            for sql, params, plan in statements:
                for step in plan:
                    if step.startswith("SCAN"):
                        assert step.startswith(BOUNDED_SCANS), (query, sql, plan)
                    if step.startswith("SCAN v USING COVERING INDEX ix_visitor_recency") or step == "SCAN v":
                        assert 0 < params["window"] <= visitor_search.LONG_WALK, (query, sql, params)
                if "FROM visitor_search_term" in sql and "term >= :lo" in sql:
                    assert any("USING COVERING INDEX sqlite_autoindex_visitor_search_term_1 (term>? AND term<?)"
                               in step for step in plan), (query, sql, plan)
                if "CROSS JOIN visitor" in sql:
                    assert any("SEARCH v USING INDEX sqlite_autoindex_visitor_1 (id=?)" in step
                               for step in plan), (query, sql, plan)
                    assert not any("ix_visitor_recency" in step for step in plan), (query, sql, plan)
    finally:
        conn.close()


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
        assert [v.id for v in search_visitors(db, query="Nicolò Dal")] == [person.id]
        assert [v.id for v in search_visitors(db, query="alessandro nic")] == [person.id]
        update_visitor(db, visitor_id=person.id, data=VisitorInput("Niccolò", "Rota"), actor=actor)
        assert search_visitors(db, query="Nicolò Dal") == []
        assert [v.id for v in search_visitors(db, query="niccolo ro")] == [person.id]
        conn.close()
    finally:
        db.dispose()
