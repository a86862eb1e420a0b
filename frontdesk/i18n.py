"""Translations below the UI (gettext catalogs compiled by Babel) and locale formatting.

One language choice drives both this and Qt's translators (ui/i18n_qt.py). English is the
source language; Italian is complete. Imports nothing of the app and nothing of Qt.

Messages use the standard library's gettext (the .mo files Babel compiles); Babel's formatting
modules are imported on the first date or number formatted, not at start-up (~10 ms), and
services.desk.setup.warm_up imports them in the background once the first screen shows.
"""

from __future__ import annotations

import datetime as dt
import gettext
from decimal import Decimal
from zoneinfo import ZoneInfo

from frontdesk.config import language_override, resources_dir

ROME = ZoneInfo("Europe/Rome")
SUPPORTED = ("it", "en")
DOMAIN = "frontdesk"

_state: dict[str, object] = {"lang": "it", "tr": None, "misses": None}


def locale_dir():
    return resources_dir() / "locale"


def desk_language(configured: str) -> str:
    """The language a desk runs in: the `language` setting, unless FRONTDESK_LANGUAGE overrides it
    (support sessions, and the test suite, which reads the English source messages)."""
    return language_override() or configured


def set_language(lang: str) -> None:
    """Choose the language for messages and formatting ('it' or 'en')."""
    if lang not in SUPPORTED:
        lang = "it"
    _state["lang"] = lang
    if lang == "en":
        _state["tr"] = gettext.NullTranslations()
    else:
        _state["tr"] = gettext.translation(DOMAIN, str(locale_dir()), languages=[lang], fallback=True)


def language() -> str:
    return str(_state["lang"])


def _translations() -> gettext.NullTranslations:
    if _state["tr"] is None:
        set_language(str(_state["lang"]))
    return _state["tr"]  # type: ignore[return-value]


def _(message: str) -> str:
    """Translate a message of the layers under the UI."""
    translations = _translations()
    if _state["misses"] is not None:
        _note_miss(translations, message, message)
    return translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    translations = _translations()
    if _state["misses"] is not None:
        _note_miss(translations, (singular, 0), singular)
    return translations.ngettext(singular, plural, n)


def record_misses(sink: set[str] | None) -> None:
    """Collect into `sink` every message looked up that the current language lacks (None: stop).
    For tests that run every command and screen in Italian; costs nothing when off."""
    _state["misses"] = sink


def _note_miss(translations: gettext.NullTranslations, key: object, message: str) -> None:
    if _state["lang"] != "en" and key not in getattr(translations, "_catalog", {}):
        _state["misses"].add(message)  # type: ignore[union-attr]


def _locale() -> str:
    return "it_IT" if language() == "it" else "en_GB"


def format_money(amount: Decimal) -> str:
    """'1.234,56 €' in Italian."""
    from babel import numbers as babel_numbers

    return babel_numbers.format_currency(amount, "EUR", locale=_locale())


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """'1.234' in Italian; with `decimals`, exactly that many digits after the comma ('2,5')."""
    from babel import numbers as babel_numbers

    if decimals is None:
        return babel_numbers.format_decimal(value, locale=_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(value, format=pattern, locale=_locale(), decimal_quantization=True)


def format_size(size_bytes: int) -> str:
    """A file size for people: '1,2 MB', '640 kB' (decimal units, as file managers show them)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size_bytes >= scale:
            return f"{format_number(size_bytes / scale, 1)} {unit}"
    return f"{format_number(size_bytes)} B"


def local_time(moment: dt.datetime) -> dt.datetime:
    """A stored UTC moment shown in Europe/Rome."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ROME)


# One date style per kind of place: tables and lists (compact, aligned, full year) and sentences or
# cards (words). Documents may still pass a Babel format of their own ("full", "dd/MM").
TABLE = "table"
TEXT = "text"
_DATE_STYLES = {TABLE: "dd/MM/yyyy", TEXT: "d MMM yyyy"}
_DATETIME_STYLES = {TABLE: "dd/MM/yyyy HH:mm", TEXT: "d MMM yyyy, HH:mm"}
# The table styles are digits only, the same in every language: strftime writes them ~20x faster
# than Babel (a visit log page formats 400 of them; tests/unit/test_formats.py checks they agree).
_NUMERIC = {"dd/MM/yyyy HH:mm": "%d/%m/%Y %H:%M", "HH:mm": "%H:%M"}


def format_datetime(moment: dt.datetime, style: str = TABLE) -> str:
    pattern = _DATETIME_STYLES.get(style, style)
    if pattern in _NUMERIC:
        return local_time(moment).strftime(_NUMERIC[pattern])
    from babel import dates as babel_dates

    return babel_dates.format_datetime(local_time(moment), pattern, tzinfo=ROME, locale=_locale())


def format_time(moment: dt.datetime) -> str:
    return local_time(moment).strftime(_NUMERIC["HH:mm"])


def format_date(day: dt.date, style: str = TABLE) -> str:
    from babel import dates as babel_dates

    return babel_dates.format_date(day, _DATE_STYLES.get(style, style), locale=_locale())
