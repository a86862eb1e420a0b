"""Badge tokens: the opaque, signed text a visitor badge's QR carries.

A token names what a badge admits (a visit or a multi-day registration, by UUID), its number,
its validity and the key that signed it; never personal data. Layout (fields joined by '.'):

    FDB1 . V . <uuid: base32, 26> . R1-000123 . <valid_from: YYYYMMDD> . <days> . <key id> . <sig: base32, 52>

`days` is valid_to - valid_from (0 for a one-day badge). The signature is HMAC-SHA256 over the
text of every preceding field including the trailing '.', in full (32 bytes), base32 without
padding. A typical token is about 115 characters, all in QR "alphanumeric" mode (a version 5 QR
at level M).

The alphabet is A-Z, 2-7, 0-9, '.' and '-' only, because a USB barcode scanner *types* the text:
letters, digits and '.' sit on the same keys on the US and Italian layouts. The token is
case-insensitive by design (Caps Lock), so input is upper-cased before anything else. What
`normalise` tolerates, because it is unambiguous (none of these characters appears in a token):

- surrounding whitespace and control characters (a trailing CR, LF or TAB from the scanner);
- lower case (Caps Lock on, or the scanner's shift inverted);
- the '-' of the badge number typed as "'" (scanner set to US on an Italian PC: the US '-' key is
  the Italian "'") or as '/' (scanner set to Italian on a US PC: the Italian '-' key is the US '/').

- an AIM symbology identifier that some scanners send before the data: ']' + a letter for the
  symbology + one modifier character ("]Q1" for a QR code, "]d2" for Data Matrix), also with the
  ']' typed as '+' (a scanner set to US on an Italian PC: the US ']' key is the Italian '+');
- a scanner that ends with LF or Tab instead of Enter (both are edge control characters).

It does not handle other layouts (a German QWERTZ PC swaps Y and Z; a French AZERTY one needs
Shift for digits).

Pure: imports only the standard library, frontdesk.domain.errors and frontdesk.i18n.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from frontdesk.domain.errors import Conflict, ValidationError
from frontdesk.i18n import TEXT, _, format_date

BADGE_PREFIX = "FDB1"
"""Kind marker of a visitor badge token, format version 1."""
SAMPLE_LABEL_PREFIX = "FDS1"
"""Kind marker of a lab sample label: scanning one at the badge prompt is a common slip."""

VISIT = "V"
REGISTRATION = "R"
SUBJECT_KINDS = (VISIT, REGISTRATION)

MAX_DAYS = 9999
"""Longest validity a token can express, in days after valid_from."""

_SEP = "."
_FIELDS = 8
_UUID_CHARS = 26
_SIG_CHARS = 52
_NUMBER = re.compile(r"[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){0,3}")
_KEY_ID = re.compile(r"[A-Z0-9]{1,16}")
_BASE32 = re.compile(r"[A-Z2-7]+")
_DAYS = re.compile(r"[0-9]{1,4}")
_DATE = re.compile(r"[0-9]{8}")
_EDGE_JUNK = re.compile(r"^[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\ufeff]+|[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\ufeff]+$")
_LAYOUT_DASHES = str.maketrans({"'": "-", "/": "-"})
_AIM_PREFIX = re.compile(r"^[\]+][A-Za-z][0-9A-Za-z]")
"""An AIM symbology identifier (ISO/IEC 15424) at the start of a scan; never part of a token."""


class NotABadge(ValidationError):
    """The scanned text is not a visitor badge at all."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("This code is not a visitor badge."))


class SampleLabelScanned(NotABadge):
    """A lab sample label was scanned where a badge was expected."""

    def __init__(self) -> None:
        super().__init__(_("This is a sample label, not a visitor badge."))


class DamagedBadge(ValidationError):
    """The text starts like a badge but is cut short or malformed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("The badge could not be read completely. Scan it again; "
                                      "if it still fails, print a new badge."))


class ForgedBadge(ValidationError):
    """The signature does not match: the badge was altered or not made by the Point."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("This badge was not issued by the Point, or it has been altered."))


class UnknownBadgeKey(ForgedBadge):
    """Signed with a key this desk does not hold (forged, or the desk's key ring is behind)."""

    def __init__(self, key_id: str) -> None:
        super().__init__(_("This badge was signed with a key this desk does not know ({key}). "
                           "Sync this desk with the hub and scan again; if it still fails, "
                           "the badge is not valid.").format(key=key_id))
        self.key_id = key_id


class BadgeNotYetValid(Conflict):
    """A genuine badge scanned before its first valid day."""

    def __init__(self, claim: BadgeClaim) -> None:
        super().__init__(_("This badge is valid from {date}.").format(date=format_date(claim.valid_from, TEXT)))
        self.claim = claim


class BadgeExpired(Conflict):
    """A genuine badge scanned after its last valid day."""

    def __init__(self, claim: BadgeClaim) -> None:
        super().__init__(_("This badge expired on {date}.").format(date=format_date(claim.valid_to, TEXT)))
        self.claim = claim


@dataclass(frozen=True)
class BadgeClaim:
    """What a badge admits. `number` is upper case: letters, digits and inner '-' ("R1-000123")."""

    subject_kind: str
    subject_id: uuid.UUID
    number: str
    valid_from: dt.date
    valid_to: dt.date
    key_id: str


class ParsedBadge(NamedTuple):
    """A well-formed token split into its claim and signature (not yet verified)."""

    claim: BadgeClaim
    signature: bytes


def new_key() -> tuple[str, bytes]:
    """A fresh signing key: a short random base32 id (8 characters) and 32 random bytes."""
    key_id = base64.b32encode(secrets.token_bytes(5)).decode("ascii")
    return key_id, secrets.token_bytes(32)


def issue(claim: BadgeClaim, key: bytes) -> str:
    """The token for `claim`, signed with `key` (which must be the key named by claim.key_id).

    Raises ValueError for a claim the format cannot carry: that is a bug in the caller, since
    numbers and key ids are made by the app, not typed by people.
    """
    _check_claim(claim)
    body = _body(claim)
    return body + b32(sign(body, key))


def normalise(text: str) -> str:
    """The scanned text as the token alphabet expects it; see the module docstring."""
    return strip_scanner_framing(text).upper().translate(_LAYOUT_DASHES)


def strip_scanner_framing(text: str) -> str:
    """The scanned data without what the scanner adds around it: blanks and control characters at
    the ends (CR, LF, Tab) and an AIM symbology identifier in front ("]Q1")."""
    return _AIM_PREFIX.sub("", _EDGE_JUNK.sub("", text))


def parse(text: str) -> ParsedBadge:
    """Split a scanned token into claim and signature without checking the signature.

    Raises SampleLabelScanned, NotABadge or DamagedBadge.
    """
    token = normalise(text)
    if token.startswith(SAMPLE_LABEL_PREFIX):
        raise SampleLabelScanned()
    if not token.startswith(BADGE_PREFIX[:3]):
        raise NotABadge()
    if not token.startswith(BADGE_PREFIX):
        if len(token) > 3 and token[3].isdigit() and token[3].isascii():
            raise DamagedBadge(_("This badge was made by a newer version of the app. "
                                 "Update this desk and scan again."))
        raise NotABadge()
    fields = token.split(_SEP)
    if len(fields) != _FIELDS:
        raise DamagedBadge()
    marker, kind, subject, number, start, days, key_id, signature = fields
    if marker != BADGE_PREFIX or kind not in SUBJECT_KINDS:
        raise DamagedBadge()
    if not (_NUMBER.fullmatch(number) and _KEY_ID.fullmatch(key_id) and _DAYS.fullmatch(days)):
        raise DamagedBadge()
    subject_bytes = unb32(subject, _UUID_CHARS, 16)
    sig = unb32(signature, _SIG_CHARS, 32)
    valid_from = _date(start)
    try:
        valid_to = valid_from + dt.timedelta(days=int(days))
    except OverflowError:
        raise DamagedBadge() from None
    claim = BadgeClaim(kind, uuid.UUID(bytes=subject_bytes), number, valid_from, valid_to, key_id)
    if _body(claim) + signature != token:  # only canonical spellings (no leading zeros...)
        raise DamagedBadge()
    return ParsedBadge(claim, sig)


def verify(text: str, keys: Mapping[str, bytes], *, today: dt.date) -> BadgeClaim:
    """The claim of a genuine badge valid on `today` (the Rome calendar day).

    Raises SampleLabelScanned, NotABadge, DamagedBadge, UnknownBadgeKey, ForgedBadge,
    BadgeNotYetValid or BadgeExpired, in that order of checking.
    """
    claim, signature = parse(text)
    key = keys.get(claim.key_id)
    if key is None:
        raise UnknownBadgeKey(claim.key_id)
    if not hmac.compare_digest(sign(_body(claim), key), signature):
        raise ForgedBadge()
    if today < claim.valid_from:
        raise BadgeNotYetValid(claim)
    if today > claim.valid_to:
        raise BadgeExpired(claim)
    return claim


def _check_claim(claim: BadgeClaim) -> None:
    if claim.subject_kind not in SUBJECT_KINDS:
        raise ValueError(f"subject_kind must be one of {SUBJECT_KINDS}, not {claim.subject_kind!r}")
    if not isinstance(claim.subject_id, uuid.UUID):
        raise ValueError("subject_id must be a uuid.UUID")
    if not _NUMBER.fullmatch(claim.number):
        raise ValueError(f"badge number {claim.number!r} must be upper-case letters, digits and inner '-'")
    if not _KEY_ID.fullmatch(claim.key_id):
        raise ValueError(f"key id {claim.key_id!r} must be 1-16 upper-case letters or digits")
    days = (claim.valid_to - claim.valid_from).days
    if not 0 <= days <= MAX_DAYS:
        raise ValueError(f"validity must run forwards and last at most {MAX_DAYS} days")
    if not dt.date(1000, 1, 1) <= claim.valid_from:
        raise ValueError("valid_from must have a four-digit year")


def _body(claim: BadgeClaim) -> str:
    days = (claim.valid_to - claim.valid_from).days
    fields = (BADGE_PREFIX, claim.subject_kind, b32(claim.subject_id.bytes), claim.number,
              claim.valid_from.strftime("%Y%m%d"), str(days), claim.key_id)
    return _SEP.join(fields) + _SEP


def sign(body: str, key: bytes) -> bytes:
    """The HMAC-SHA256 of a token's body (shared with domain.lab.sample_tokens)."""
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()


def b32(data: bytes) -> str:
    """Base32 without padding, as tokens spell ids and signatures."""
    return base64.b32encode(data).decode("ascii").rstrip("=")


def unb32(text: str, chars: int, size: int, damaged: type[Exception] = DamagedBadge) -> bytes:
    """The bytes `b32` spelled as `text` (`chars` long, `size` bytes), canonical spellings only;
    raises `damaged` for anything else."""
    if len(text) != chars or not _BASE32.fullmatch(text):
        raise damaged()
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise damaged() from None
    if len(data) != size or b32(data) != text:  # unused low bits of the last character must be 0
        raise damaged()
    return data


def _date(text: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise DamagedBadge()
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise DamagedBadge() from None
