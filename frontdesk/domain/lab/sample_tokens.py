"""Sample label tokens: the signed text a sample label's QR carries.

A token names the sample (by UUID) and its lab ID, and the key of the site's key ring that signed
it; never the customer. Layout (fields joined by '.'):

    FDS1 . <uuid: base32, 26> . L1-000042 . <key id> . <sig: base32, 52>

The signature is HMAC-SHA256 over every preceding field including the trailing '.', as for badge
tokens (domain.badge_tokens), whose alphabet, scanner tolerances and key ring it shares: a label
made by this site verifies at every desk of the site, and a label of another lab (another site's
key, or no FDS1 marker at all) is told apart from a damaged one.

Pure: imports only the standard library, frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

import hmac
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from frontdesk.domain.badge_tokens import BADGE_PREFIX, SAMPLE_LABEL_PREFIX, b32, normalise, sign, unb32
from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

_SEP = "."
_FIELDS = 5
_UUID_CHARS = 26
_SIG_CHARS = 52
LAB_ID = re.compile(r"[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){1,4}")
"""A lab ID: the desk series' number ("L1-000042", "L1-B-000042"), a specimen's adds "-1"."""
_KEY_ID = re.compile(r"[A-Z0-9]{1,16}")


class NotASampleLabel(ValidationError):
    """The scanned text is not a sample label of this lab."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("This code is not a sample label of this lab."))


class BadgeScannedAsSample(NotASampleLabel):
    """A visitor badge was scanned where a sample label was expected."""

    def __init__(self) -> None:
        super().__init__(_("This is a visitor badge, not a sample label."))


class DamagedLabel(ValidationError):
    """The text starts like a sample label but is cut short or malformed."""

    def __init__(self) -> None:
        super().__init__(_("The sample label could not be read completely. Scan it again; "
                           "if it still fails, print the label again from the sample's page."))


class ForeignLabel(NotASampleLabel):
    """Signed with a key this site does not hold: another lab's label, or an altered one."""

    def __init__(self) -> None:
        super().__init__(_("This sample label was not printed by this lab (or it has been altered). "
                           "If the sample is ours, sync this desk with the hub and scan again."))


@dataclass(frozen=True)
class SampleClaim:
    """What a sample label names. `lab_id` is upper case ("L1-000042")."""

    sample_id: uuid.UUID
    lab_id: str
    key_id: str


def issue(claim: SampleClaim, key: bytes) -> str:
    """The token for `claim`, signed with `key` (the key named by claim.key_id).

    Raises ValueError for a claim the format cannot carry (a bug: IDs are made by the app)."""
    if not isinstance(claim.sample_id, uuid.UUID):
        raise ValueError("sample_id must be a uuid.UUID")
    if not LAB_ID.fullmatch(claim.lab_id):
        raise ValueError(f"lab ID {claim.lab_id!r} must be upper-case letters, digits and inner '-'")
    if not _KEY_ID.fullmatch(claim.key_id):
        raise ValueError(f"key id {claim.key_id!r} must be 1-16 upper-case letters or digits")
    body = _body(claim)
    return body + b32(sign(body, key))


def parse(text: str) -> tuple[SampleClaim, bytes]:
    """Split a scanned token into its claim and signature, not yet verified.

    Raises BadgeScannedAsSample, NotASampleLabel or DamagedLabel."""
    token = normalise(text)
    if token.startswith(BADGE_PREFIX):
        raise BadgeScannedAsSample()
    if not token.startswith(SAMPLE_LABEL_PREFIX + _SEP):
        if token.startswith(SAMPLE_LABEL_PREFIX[:3]):
            raise DamagedLabel()
        raise NotASampleLabel()
    fields = token.split(_SEP)
    if len(fields) != _FIELDS:
        raise DamagedLabel()
    _marker, subject, lab_id, key_id, signature = fields
    if not (LAB_ID.fullmatch(lab_id) and _KEY_ID.fullmatch(key_id)):
        raise DamagedLabel()
    claim = SampleClaim(uuid.UUID(bytes=unb32(subject, _UUID_CHARS, 16, DamagedLabel)), lab_id, key_id)
    sig = unb32(signature, _SIG_CHARS, 32, DamagedLabel)
    if _body(claim) + signature != token:
        raise DamagedLabel()
    return claim, sig


def verify(text: str, keys: Mapping[str, bytes]) -> SampleClaim:
    """The claim of a genuine label of this site (`keys`: the site's key ring).

    Raises BadgeScannedAsSample, NotASampleLabel, DamagedLabel or ForeignLabel."""
    claim, signature = parse(text)
    key = keys.get(claim.key_id)
    if key is None or not hmac.compare_digest(sign(_body(claim), key), signature):
        raise ForeignLabel()
    return claim


def _body(claim: SampleClaim) -> str:
    return _SEP.join((SAMPLE_LABEL_PREFIX, b32(claim.sample_id.bytes), claim.lab_id, claim.key_id)) + _SEP
