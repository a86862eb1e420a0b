"""The merge rule of sync: one pure function shared by the desk (applying a pulled row) and the
hub (applying a pushed change). Imports nothing but the standard library.

A row's state is its values and, per field, the hybrid-logical-clock stamp of the change that set
it (`RowState`). Merging an incoming state into the current one, field by field:
- ordinary fields: last writer wins by stamp (stamps compare as text: domain.hlc makes them so);
- forward-only fields (`Policy.forward`): the value further along wins whatever its stamp, and a
  stale value (further back) is superseded, not an error; equal ranks fall back to the stamps;
- append-only tables (`Policy.append_only`, the audit trail): a row is only ever inserted; any
  later change to it is superseded;
- fields that move together (`Policy.together`: a leader and its followers, e.g. how a visit
  was closed, with the check-out time and who checked out): the side whose leader wins by the
  rules above gives every field of the group; a change carries the whole group (sync.outbox);
- erasure (`Policy.erasure`): once the merged row carries the erasure marker (`anonymised_at`),
  every field the erasure clears holds its cleared value, stamped with the marker's stamp,
  whatever the stamps of other changes: an edit made offline after the erasure, or a replayed
  old change, never brings a personal value back.
Merging is commutative, associative and idempotent (the result is the erasure applied to the
field-by-field join of everything merged), so the order in which desks push, and a replayed
push, never change the result.

Each synced table declares its `Policy` next to its model (db.models, `__sync__`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

APPLIED: Literal["applied"] = "applied"
SUPERSEDED: Literal["superseded"] = "superseded"
REJECTED: Literal["rejected"] = "rejected"
Outcome = Literal["applied", "superseded", "rejected"]

SET_ONCE: Mapping[object, int] = {None: 0}  # a forward-only field that, once set, is never cleared


class _ByValue(Mapping):
    """The ranks of a forward-only counter: a whole number ranks as itself (a lab test's round,
    which a reopen raises), anything else lowest."""

    def __getitem__(self, key: object) -> int:
        if isinstance(key, int) and not isinstance(key, bool):
            return key
        raise KeyError(key)

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0


BY_VALUE: Mapping[object, int] = _ByValue()


@dataclass(frozen=True)
class Erasure:
    """The erasure of a row: `marker` set (not None, not '') means erased, and then each field of
    `cleared` holds its cleared value."""

    marker: str
    cleared: Mapping[str, object]

    def erased(self, data: Mapping[str, object]) -> bool:
        return data.get(self.marker) not in (None, "")


@dataclass(frozen=True)
class Policy:
    """How one synced table merges.

    `forward`: field -> rank of each value (a missing value ranks highest when the map is
    `SET_ONCE`, i.e. anything set beats None; otherwise unknown values rank lowest).
    `local`: fields that never leave the desk (failed sign-ins, locks, the desk's own bookkeeping).
    `permissions`: the desk permissions (domain.roles.Permission values) of which an actor must
    hold at least one to write this table; empty means any authenticated desk (reference data
    every desk loads, the audit trail every write appends to).
    `together`: leader field -> its followers, which take the values of the side whose leader wins.
    `erasure`: the marker that, once set, keeps the cleared fields cleared (see the module).
    `seeded`: the natural key of rows every desk loads from the app's own seed (the lab's test
    catalogue), whose id derives from that key (domain.ids.reference_id): the desk itself may send
    such a row whole, whatever `permissions` say, and the hub takes it only when it has no row with
    that id yet (a desk set up later never brings back the seed's values over a person's edits)."""

    append_only: bool = False
    forward: Mapping[str, Mapping[object, int]] = field(default_factory=dict)
    local: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset()
    together: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    erasure: Erasure | None = None
    seeded: str = ""

    def leader_of(self, name: str) -> str:
        """The field whose comparison decides `name` (itself unless it follows a leader)."""
        for leader, followers in self.together.items():
            if name in followers:
                return leader
        return name

    def with_groups(self, names) -> set[str]:
        """`names` and every field that moves together with one of them (what a change carries)."""
        out = set(names)
        for leader, followers in self.together.items():
            group = {leader, *followers}
            if out & group:
                out |= group
        return out


@dataclass(frozen=True)
class RowState:
    data: Mapping[str, object]
    stamps: Mapping[str, str]


@dataclass(frozen=True)
class Merged:
    state: RowState
    outcome: Outcome
    changed: frozenset[str]  # fields whose value or stamp the merge changed (an erasure may clear more)


def rank(ranks: Mapping[object, int], value: object) -> int:
    if ranks is SET_ONCE:
        return 0 if value is None or value == "" else 1
    return ranks.get(value, -1)


def _wins(policy: Policy, name: str, current: RowState, incoming: RowState) -> bool:
    leader = policy.leader_of(name)
    if leader != name and leader in incoming.data and leader in current.data \
            and not _same(leader, current, incoming):
        return _own_wins(policy, leader, current, incoming)  # a follower goes with its leader
    return _own_wins(policy, name, current, incoming)  # (one leader on both sides: the field's own rule)


def _same(name: str, one: RowState, other: RowState) -> bool:
    return one.data.get(name) == other.data.get(name) and one.stamps.get(name, "") == other.stamps.get(name, "")


def _own_wins(policy: Policy, name: str, current: RowState, incoming: RowState) -> bool:
    new_stamp = incoming.stamps.get(name, "")
    old_stamp = current.stamps.get(name, "")
    if name in policy.forward:
        ranks = policy.forward[name]
        new_rank = rank(ranks, incoming.data.get(name))
        old_rank = rank(ranks, current.data.get(name)) if name in current.data else -2
        if new_rank != old_rank:
            return new_rank > old_rank
    if new_stamp != old_stamp:
        return new_stamp > old_stamp
    # One stamp, two values: never from one desk (its stamps are unique); decided by the values
    # themselves so that every replica picks the same one.
    return _canonical(incoming.data.get(name)) > _canonical(current.data.get(name))


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def merge(policy: Policy, current: RowState | None, incoming: RowState) -> Merged:
    """The state after `incoming` meets `current` (None: the row does not exist yet).

    Outcome `applied` when the incoming state set at least one field (value or stamp),
    `superseded` when everything it carried was already outranked."""
    fields = {k: v for k, v in incoming.data.items() if k not in policy.local}
    incoming = RowState(fields, {k: incoming.stamps.get(k, "") for k in fields})
    if current is None or not current.data:
        state = _erase(policy, incoming)
        return Merged(state, APPLIED, frozenset(state.data))
    if policy.append_only:
        return Merged(current, SUPERSEDED, frozenset())
    data, stamps = dict(current.data), dict(current.stamps)
    for name in fields:
        if _wins(policy, name, current, incoming):
            data[name] = fields[name]
            stamps[name] = incoming.stamps[name]
    state = _erase(policy, RowState(data, stamps))
    changed = frozenset(name for name in state.data if name not in current.data
                        or state.data[name] != current.data[name]
                        or state.stamps.get(name, "") != current.stamps.get(name, ""))
    return Merged(state, APPLIED if changed else SUPERSEDED, changed)


def _erase(policy: Policy, state: RowState) -> RowState:
    """An erased row's cleared fields hold their cleared values, stamped with the marker's stamp
    (so the result does not depend on which later change met the erasure first)."""
    erasure = policy.erasure
    if erasure is None or not erasure.erased(state.data):
        return state
    data, stamps = dict(state.data), dict(state.stamps)
    stamp = stamps.get(erasure.marker, "")
    for name, value in erasure.cleared.items():
        if name in data:
            data[name], stamps[name] = value, stamp
    return RowState(data, stamps)


def uniform(data: Mapping[str, object], stamp: str) -> RowState:
    """A change whose fields all carry one stamp (one write at a desk)."""
    return RowState(dict(data), dict.fromkeys(data, stamp))
