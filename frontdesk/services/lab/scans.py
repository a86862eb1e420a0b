"""A sample label scanned in a lab screen: which sample it names, on this desk.

The label's token is checked with the site's key ring (domain.lab.sample_tokens): a visitor
badge, text that is no label, a damaged label and another lab's (or an altered) label are each
refused with the token module's own message. A genuine label whose sample has not reached this
desk yet (it was taken in at another desk, not synced here) is told apart. Reads only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.lab_models import Sample
from frontdesk.domain.errors import NotFound
from frontdesk.domain.lab import sample_tokens
from frontdesk.i18n import _
from frontdesk.services.desk.keyring import KeyRingMissing, load_keyring
from frontdesk.services.desk.numbering import has_numbers


@dataclass(frozen=True)
class ScannedSample:
    sample_id: uuid.UUID
    lab_id: str


def _verifying_keys(db) -> Mapping[str, bytes]:
    """The ring's keys; none on a desk without a ring that never issued a badge or a label (then
    every label is another lab's), and KeyRingMissing on one that did (its labels need the lost keys)."""
    try:
        return load_keyring().keys
    except KeyRingMissing:
        with db.read() as session:
            if has_numbers(session, "badge") or has_numbers(session, "sample"):
                raise
        return {}


def sample_for_scan(db, *, text: str) -> ScannedSample:
    """The sample a scanned label names. Raises BadgeScannedAsSample, NotASampleLabel, DamagedLabel,
    ForeignLabel (domain.lab.sample_tokens), or NotFound for a genuine label whose sample is not here."""
    claim = sample_tokens.verify(text, _verifying_keys(db))
    with db.read() as session:
        found = session.execute(select(Sample.id, Sample.lab_id).where(Sample.id == claim.sample_id)).first()
    if found is None:
        raise NotFound(_("Sample {lab_id} was taken in at another desk and has not reached this one yet: "
                         "sync this desk with the hub and scan again.").format(lab_id=claim.lab_id))
    return ScannedSample(found.id, found.lab_id)
