"""Every service reads like the others: `verb(db, *, keyword=..., actor=...)`. A public function of
`frontdesk.services` that takes the database takes everything else by keyword."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import frontdesk.services


def _services():
    for info in pkgutil.walk_packages(frontdesk.services.__path__, "frontdesk.services."):
        module = importlib.import_module(info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", inspect.signature(function)


def test_services_that_take_the_database_take_the_rest_by_keyword():
    taking_db = {name: sig for name, sig in _services() if next(iter(sig.parameters), None) == "db"}
    assert len(taking_db) > 40, "the walk over frontdesk.services found too few services"
    positional = sorted(
        name for name, sig in taking_db.items()
        if any(p.kind is not inspect.Parameter.KEYWORD_ONLY
                                       for p in list(sig.parameters.values())[1:])
    )
    assert positional == []


def test_an_actor_is_always_passed_by_keyword():
    by_position = sorted(name for name, sig in _services()
                         if "actor" in sig.parameters
                         and sig.parameters["actor"].kind is not inspect.Parameter.KEYWORD_ONLY)
    # The audit trail's own primitives take (session, actor, ...) first, inside a service's transaction.
    audit = "frontdesk.services.staff.audit."
    assert by_position == [audit + "ensure_active", audit + "record", audit + "record_change"]
