"""The demo lab's machines: a few machines of a small materials-testing lab with their calibrations
(one due soon, one lapsed), one out of service, and the summer closure, so the Equipment and
calendar screen shows every state; and its technicians (staff accounts with no password, that
cannot sign in, but for the demo account "tecnico"), authorised for every method, whose queues
demo.lab fills. Ids derive from the codes and names, so the same demo gives the same rows.
Imports no Qt."""

from __future__ import annotations

import datetime as dt

from frontdesk.db.lab_models import Authorisation, Calibration, Equipment, LabClosure, OutOfService
from frontdesk.db.models import StaffMember
from frontdesk.domain.ids import reference_id

D = dt.timedelta
# code, kind, name, room, manufacturer, model, serial, firmware, capacity, continuous
MACHINES = (
    ("TR-01", "tensile_machine", "Macchina di prova universale 250 kN", "Prove meccaniche", "ZwickRoell", "Z250",
     "731045", "testXpert III 1.6", 1, False),
    ("TR-02", "tensile_machine", "Macchina di prova universale 50 kN", "Prove meccaniche", "MTS", "Criterion C45",
     "C45-10922", "TW Elite 4.3", 1, False),
    ("HD-01", "hardness_tester", "Durometro universale", "Prove meccaniche", "Emco-Test", "DuraVision 30",
     "DV30-2291", "ecos 2.4", 1, False),
    ("CH-01", "pendulum_impact", "Pendolo Charpy 300 J", "Prove meccaniche", "Galdabini", "Impact 300",
     "IMP-0788", "", 1, False),
    ("NS-01", "salt_spray_chamber", "Camera a nebbia salina 1000 L", "Corrosione", "Ascott", "S1000iP", "AS-55120",
     "", 40, True),
    ("MG-01", "metallographic_microscope", "Microscopio metallografico", "Metallografia", "Zeiss", "Axio Imager 2",
     "3517001234", "ZEN core 3.5", 1, False),
)
# The technicians' names, and their usernames: the first is the demo account "tecnico"
# (services.staff.accounts.DEMO_ACCOUNTS), whose password the demo sets, so its "my queue" is full.
TECHNICIANS = ("Marco Locatelli", "Anna Bonfanti", "Giulia Brembilla", "Paolo Gritti")
USERNAMES = {"Marco Locatelli": "tecnico"}
# code: (kind, performed days ago, valid for days, certificate)
CALIBRATIONS = {
    "TR-01": ("calibration", 120, 365, "LAT 056 2291/26"),
    "TR-02": ("calibration", 340, 365, "LAT 056 1870/25"),  # due within 30 days
    "HD-01": ("verification", 60, 365, "VI-2026-014"),
    "CH-01": ("calibration", 200, 730, "LAT 104 0932/26"),
    "NS-01": ("verification", 30, 180, "VI-2026-022"),
    "MG-01": ("calibration", 400, 365, "LAT 211 0415/25"),  # lapsed
}


def demo_lab_rows(today: dt.date, now: dt.datetime) -> list[object]:
    """The rows to add before the tests that name them: machines, their calibrations, one
    out-of-service period, the technicians, the summer closure."""
    rows: list[object] = []
    for code, kind, name, room, maker, model, serial, firmware, capacity, continuous in MACHINES:
        machine_id = reference_id("lab_equipment", code)
        rows.append(Equipment(id=machine_id, code=code, kind=kind, name=name, room=room, manufacturer=maker,
                              model=model, serial=serial, firmware=firmware, capacity=capacity,
                              continuous=continuous))
        what, ago, valid, certificate = CALIBRATIONS[code]
        performed = today - D(days=ago)
        rows.append(Calibration(id=reference_id("lab_calibration", code), equipment_id=machine_id, kind=what,
                                performed_on=performed, result="pass", next_due=performed + D(days=valid),
                                certificate=certificate))
    rows.append(OutOfService(id=reference_id("lab_out_of_service", "CH-01"),
                             equipment_id=reference_id("lab_equipment", "CH-01"), starts_at=now - D(days=3),
                             reason="Coltello del pendolo da sostituire"))
    for name in TECHNICIANS:
        staff_id = reference_id("staff_member", name)
        username = USERNAMES.get(name, name.lower().replace(" ", "."))
        rows.append(StaffMember(id=staff_id, username=username, display_name=name, role="lab_technician",
                                active=True))
    year = today.year if today < dt.date(today.year, 8, 10) else today.year + 1
    rows.append(LabClosure(id=reference_id("lab_closure", f"summer-{year}"), starts_on=dt.date(year, 8, 10),
                           ends_on=dt.date(year, 8, 21), reason="Chiusura estiva"))
    return rows


def demo_authorisations(test_codes: tuple[str, ...]) -> list[Authorisation]:
    """The technicians authorised for each of the test types (added once the types are in)."""
    return [Authorisation(id=reference_id("lab_authorisation", f"{staff_id}:{code}"), staff_id=staff_id,
                          test_type_id=reference_id("lab_test_type", code), active=True)
            for staff_id in (reference_id("staff_member", name) for name in TECHNICIANS) for code in test_codes]
