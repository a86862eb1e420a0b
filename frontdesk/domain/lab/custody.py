"""The chain of custody's rule: which step may follow which (ISO/IEC 17025 7.4).

A sample is in the lab's custody from its receipt until it is returned to the customer or
disposed of. While in custody any step may follow (stored somewhere, taken to a test, kept as a
remnant until a date, stored again elsewhere); it is received only once. Two steps end the chain:

- `disposed` is final: nothing may follow it (the part no longer exists);
- `returned` ends the custody, and the one step that may follow it is the correction: the sample
  `received` again, with a note saying why (the customer brought it back, or the return was
  recorded by mistake). The chain is append-only, so a wrong step is never changed or removed:
  the step that follows it says what really happened.

Pure: imports only the standard library, frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

import datetime as dt

from frontdesk.domain.errors import Conflict, ValidationError
from frontdesk.i18n import _

RECEIVED, STORED, TO_TEST, RETURNED, REMNANT, DISPOSED = "received", "stored", "to_test", "returned", "remnant", \
    "disposed"
KINDS = (RECEIVED, STORED, TO_TEST, RETURNED, REMNANT, DISPOSED)
"""The steps, as db.lab_models.CUSTODY_KINDS spells them (a test keeps the two lists equal)."""
IN_CUSTODY = frozenset({RECEIVED, STORED, TO_TEST, REMNANT})


def check_step(*, kind: str, last_kind: str | None, lab_id: str, last_at_text: str = "", location: str = "",
               keep_until: dt.date | None = None, today: dt.date, has_test: bool = False, notes: str = "") -> None:
    """Refuse a step that may not follow `last_kind` (None: no step recorded yet, the sample is in
    the lab since its intake), or that lacks what it needs. `last_at_text`: when the last step
    happened, as shown to people. Raises ValidationError or Conflict with a message in Italian."""
    if kind not in KINDS:
        raise ValidationError(_("Unknown custody step."))
    if last_kind == DISPOSED:
        raise Conflict(_("Sample {lab_id} was disposed of ({when}): nothing can be recorded after its disposal.")
                       .format(lab_id=lab_id, when=last_at_text))
    if last_kind == RETURNED and kind != RECEIVED:
        raise Conflict(_("Sample {lab_id} was returned to the customer ({when}). If it is back in the lab, "
                         "record it as received again and say why in the notes.")
                       .format(lab_id=lab_id, when=last_at_text))
    if kind == RECEIVED:
        if last_kind in IN_CUSTODY:
            raise Conflict(_("Sample {lab_id} is already in the lab's custody.").format(lab_id=lab_id))
        if last_kind == RETURNED and not notes:
            raise ValidationError(_("Say in the notes why the sample is received again after its return."),
                                  field="notes")
    if kind == STORED and not location:
        raise ValidationError(_("Say where the sample is stored."), field="location")
    if kind == REMNANT:
        if keep_until is None:
            raise ValidationError(_("Say until when the remnant is kept."), field="keep_until")
        if keep_until < today:
            raise ValidationError(_("The remnant cannot be kept until a day in the past."), field="keep_until")
    elif keep_until is not None:
        raise ValidationError(_("A keep-until date belongs only to a remnant."), field="keep_until")
    if has_test and kind != TO_TEST:
        raise ValidationError(_("A test belongs only to the step 'taken to test'."), field="test_id")


def may_follow(last_kind: str | None) -> tuple[str, ...]:
    """The steps that may be recorded after `last_kind` (the screen offers only these)."""
    if last_kind == DISPOSED:
        return ()
    if last_kind == RETURNED:
        return (RECEIVED,)
    rest = (STORED, TO_TEST, RETURNED, REMNANT, DISPOSED)
    return rest if last_kind in IN_CUSTODY else (RECEIVED, *rest)
