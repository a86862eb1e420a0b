"""The key-ring hand-over of a sync run (DESIGN rule 10): this desk hands the hub the keys of its
ring and takes the site's ring back into its 0600 key file (services.desk.keyring.merge_keys:
keys are added, never dropped; this desk keeps signing with its own current key). Every run does
it, so a key rotated at one desk verifies at the others after their next sync, and a desk that
joins verifies every badge printed before, at any desk.

A desk that never issued a badge may have no ring yet: its own signing key is made now (as its
first badge would), so that it keeps signing with a key of its own. A desk whose key file is lost
after it issued badges takes nothing: that loss is reported, never papered over (services.desk.keyring).
"""

from __future__ import annotations

import base64
import binascii

from frontdesk.db.engine import Database
from frontdesk.domain.errors import SyncError
from frontdesk.i18n import _, ngettext
from frontdesk.services.desk.keyring import KeyRingMissing, load_keyring, merge_keys, usable_keys
from frontdesk.services.desk.numbering import has_numbers
from frontdesk.sync.client import HubClient


def exchange_keys(db: Database, *, hub: HubClient) -> list[str]:
    """Send this desk's keys and merge the site's ring; returns warnings for a person."""
    with db.read() as session:
        first_badge_to_come = not has_numbers(session, "badge")
    try:
        ring = load_keyring(create=first_badge_to_come)
    except KeyRingMissing as missing:
        return [missing.message]
    answer = hub.keys(keys={k: base64.b64encode(v).decode("ascii") for k, v in ring.keys.items()})
    try:
        site = {str(k): base64.b64decode(str(v), validate=True) for k, v in answer["keys"].items()}
    except (KeyError, AttributeError, binascii.Error) as exc:
        raise SyncError(_("The sync hub's answer could not be read. Check the hub's address.")) from exc
    if not usable_keys(site):
        raise SyncError(_("The sync hub sent badge keys that are not valid; none was taken. Tell the hub's "
                          "administrator."))
    if not set(site) <= set(ring.keys):
        merge_keys(site, current=ring.current_id)
    refused = [str(k) for k in answer.get("refused", [])]
    if not refused:
        return []
    return [ngettext("The hub holds another badge key under the id {ids} of this desk: badges signed with it "
                     "are not verified at the other desks. Rotate this desk's key (Settings, administrators).",
                     "The hub holds other badge keys under the ids {ids} of this desk: badges signed with them "
                     "are not verified at the other desks. Rotate this desk's key (Settings, administrators).",
                     len(refused)).format(ids=", ".join(refused))]
