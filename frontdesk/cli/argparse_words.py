"""argparse's own words (usage:, options, its error messages) in the user's language.

argparse looks its words up through `argparse._` and `argparse.ngettext` (the standard library's
gettext, global domain) when it builds a parser and when it reports an error. `translated()`
points those two names at frontdesk.i18n for as long as the command line is being parsed, so its
words come from our own catalogue; they are listed below so that extraction puts them in it.
Messages argparse only gives to programmers (a badly built parser) are not listed.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

from frontdesk.i18n import _, ngettext


def _words() -> list[str]:  # never called: marks argparse's messages for extraction
    return [
        _("usage: "),
        _("positional arguments"),
        _("options"),
        _("show this help message and exit"),
        _("%(prog)s: error: %(message)s\n"),
        _("argument %(argument_name)s: %(message)s"),
        _("unrecognized arguments: %s"),
        _("the following arguments are required: %s"),
        _("one of the arguments %s is required"),
        _("not allowed with argument %s"),
        _("ignored explicit argument %r"),
        _("expected one argument"),
        _("expected at most one argument"),
        _("expected at least one argument"),
        ngettext("expected %s argument", "expected %s arguments", 2),
        _("ambiguous option: %(option)s could match %(matches)s"),
        _("unexpected option string: %s"),
        _("invalid %(type)s value: %(value)r"),
        _("invalid choice: %(value)r (choose from %(choices)s)"),
        _("unknown parser %(parser_name)r (choices: %(choices)s)"),
        _("can't open '%(filename)s': %(error)s"),
        # Python 3.13
        _("%(heading)s:"),
        _("subcommands"),
    ]


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """argparse speaks the user's language inside the block (and its own afterwards)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
