"""How the lab screens word and colour their values: a machine's calibration state, its weekdays,
a calibration's kind and result, a priority. Imports Qt only."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import QColor

CONTEXT = "LabTexts"

STATES = {
    "valid": (QT_TRANSLATE_NOOP("LabTexts", "Calibrated"), "#1f7a3a"),
    "due_soon": (QT_TRANSLATE_NOOP("LabTexts", "Due within 30 days"), "#9a6400"),
    "lapsed": (QT_TRANSLATE_NOOP("LabTexts", "Calibration lapsed"), "#b3261e"),
    "never": (QT_TRANSLATE_NOOP("LabTexts", "Never calibrated"), "#b3261e"),
    "out_of_service": (QT_TRANSLATE_NOOP("LabTexts", "Out of service"), "#b3261e"),
}
KINDS = {  # the kinds of machine the catalogue's tests need (equipment_kind); another kind is shown as its code
    "tensile_machine": QT_TRANSLATE_NOOP("LabTexts", "Tensile testing machine"),
    "hardness_tester": QT_TRANSLATE_NOOP("LabTexts", "Hardness tester"),
    "microhardness_tester": QT_TRANSLATE_NOOP("LabTexts", "Microhardness tester"),
    "pendulum_impact": QT_TRANSLATE_NOOP("LabTexts", "Pendulum impact tester"),
    "salt_spray_chamber": QT_TRANSLATE_NOOP("LabTexts", "Salt spray chamber"),
    "metallographic_microscope": QT_TRANSLATE_NOOP("LabTexts", "Metallographic microscope"),
    "optical_emission_spectrometer": QT_TRANSLATE_NOOP("LabTexts", "Optical emission spectrometer"),
    "coating_thickness_gauge": QT_TRANSLATE_NOOP("LabTexts", "Coating thickness gauge"),
    "profilometer": QT_TRANSLATE_NOOP("LabTexts", "Roughness tester (profilometer)"),
    "bend_fixture": QT_TRANSLATE_NOOP("LabTexts", "Bend test fixture"),
}
WORDS = {
    "calibration": QT_TRANSLATE_NOOP("LabTexts", "Calibration"),
    "verification": QT_TRANSLATE_NOOP("LabTexts", "Verification"),
    "pass": QT_TRANSLATE_NOOP("LabTexts", "Passed"),
    "fail": QT_TRANSLATE_NOOP("LabTexts", "Failed"),
    "normal": QT_TRANSLATE_NOOP("LabTexts", "Normal"),
    "urgent": QT_TRANSLATE_NOOP("LabTexts", "Urgent"),
    "requested": QT_TRANSLATE_NOOP("LabTexts", "To plan"),
    "scheduled": QT_TRANSLATE_NOOP("LabTexts", "Planned"),
    "in_progress": QT_TRANSLATE_NOOP("LabTexts", "In progress"),
    "holiday": QT_TRANSLATE_NOOP("LabTexts", "Public holiday"),
    "patron": QT_TRANSLATE_NOOP("LabTexts", "Patron saint"),
    "closure": QT_TRANSLATE_NOOP("LabTexts", "Lab closure"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def state_text(state: str) -> str:
    return tr(STATES[state][0]) if state in STATES else state


def state_colour(state: str) -> QColor:
    return QColor(STATES.get(state, ("", "#1f2933"))[1])


def word(code: str) -> str:
    """A coded value in words ("pass" -> "Passed"); an unknown code is shown as it is."""
    return tr(WORDS[code]) if code in WORDS else code


def kind_text(kind: str) -> str:
    return tr(KINDS[kind]) if kind in KINDS else kind


def weekday_name(iso_day: int) -> str:
    return QLocale().dayName(iso_day, QLocale.FormatType.ShortFormat)


def weekdays_text(days: str) -> str:
    """ "12345" -> "Mon–Fri" (a run), "135" -> "Mon, Wed, Fri"."""
    numbers = sorted(int(d) for d in days if d.isdigit())
    if not numbers:
        return "—"
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{weekday_name(numbers[0])}–{weekday_name(numbers[-1])}"
    return ", ".join(weekday_name(n) for n in numbers)
