"""What the activity log shows for the codes it stores: kinds of record, event codes, field names
and the coded values of some fields, each with an English source marked for lupdate (context
"AuditView") and translated when shown.

Every event code the services record (`"visit.check_in"`, `"demo.fill"`, ...) and every field
name their changes carry has a label here (tests/ui/test_audit_labels.py reads the services'
code to check). A code without a label is still shown through `QCoreApplication.translate`, as
itself: a lookup that the catalogue lacks, which the Italian walk-through test reports.

Imports Qt core and frontdesk.i18n only.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from frontdesk.i18n import format_date, format_datetime, format_number

_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DESK = re.compile(r"^(?:Desk|Postazione) ([A-Z][A-Z0-9]{0,3})$")  # Actor.label of the desk, in either language

RECORDS = {
    "visitor": QT_TRANSLATE_NOOP("AuditView", "Visitor"),
    "visit": QT_TRANSLATE_NOOP("AuditView", "Visit"),
    "company": QT_TRANSLATE_NOOP("AuditView", "Company"),
    "host": QT_TRANSLATE_NOOP("AuditView", "Host"),
    "registration": QT_TRANSLATE_NOOP("AuditView", "Registration"),
    "badge": QT_TRANSLATE_NOOP("AuditView", "Badge"),
    "staff_member": QT_TRANSLATE_NOOP("AuditView", "Staff account"),
    "setting": QT_TRANSLATE_NOOP("AuditView", "Settings"),
    "backup": QT_TRANSLATE_NOOP("AuditView", "Backup"),
    "retention": QT_TRANSLATE_NOOP("AuditView", "Retention"),
    "visit_log": QT_TRANSLATE_NOOP("AuditView", "Visit log"),
    "keyring": QT_TRANSLATE_NOOP("AuditView", "Badge keys"),
    "database": QT_TRANSLATE_NOOP("AuditView", "Database"),
    # the other synced tables (a refused change dismissed or sent again names its record's kind)
    "association": QT_TRANSLATE_NOOP("AuditView", "Association"),
    "service": QT_TRANSLATE_NOOP("AuditView", "Purpose of visit"),
    "site_setting": QT_TRANSLATE_NOOP("AuditView", "Setting for the whole site"),
    "audit_event": QT_TRANSLATE_NOOP("AuditView", "Activity log"),
    # the lab's catalogue (services.lab.catalogue)
    "lab_test_type": QT_TRANSLATE_NOOP("AuditView", "Test type"),
    "lab_authorisation": QT_TRANSLATE_NOOP("AuditView", "Authorisation for a method"),
    # the lab: equipment, calendar, planning
    "lab_equipment": QT_TRANSLATE_NOOP("AuditView", "Machine"),
    "lab_calibration": QT_TRANSLATE_NOOP("AuditView", "Calibration"),
    "lab_out_of_service": QT_TRANSLATE_NOOP("AuditView", "Out of service"),
    "lab_closure": QT_TRANSLATE_NOOP("AuditView", "Lab closure"),
    "lab_technician_days": QT_TRANSLATE_NOOP("AuditView", "Technician's working days"),
    "lab_absence": QT_TRANSLATE_NOOP("AuditView", "Technician's absence"),
    "lab_sample": QT_TRANSLATE_NOOP("AuditView", "Sample"),
    "lab_test": QT_TRANSLATE_NOOP("AuditView", "Test"),
    "lab_report": QT_TRANSLATE_NOOP("AuditView", "Test report"),
    "lab_plan_run": QT_TRANSLATE_NOOP("AuditView", "Automatic lab plan"),
    "receipt": QT_TRANSLATE_NOOP("AuditView", "Receipt"),
    "receipt_line": QT_TRANSLATE_NOOP("AuditView", "Receipt line"),
    "receipt_closing": QT_TRANSLATE_NOOP("AuditView", "Daily closing"),
    "price_item": QT_TRANSLATE_NOOP("AuditView", "Price list item"),
}

ACTIONS = {  # by the whole event code
    "lab_request.create": QT_TRANSLATE_NOOP("AuditView", "samples taken in"),
    "lab_sample.receive": QT_TRANSLATE_NOOP("AuditView", "sample received"),
    "lab_sample.split": QT_TRANSLATE_NOOP("AuditView", "specimens cut"),
    "lab_report.issue": QT_TRANSLATE_NOOP("AuditView", "test report issued"),
    "lab_report.revise": QT_TRANSLATE_NOOP("AuditView", "test report revised"),
    "lab_report.send": QT_TRANSLATE_NOOP("AuditView", "test report sent by e-mail"),
    "backup.create": QT_TRANSLATE_NOOP("AuditView", "backup made"),
    "backup.restore": QT_TRANSLATE_NOOP("AuditView", "restored from a backup"),
    "badge.issue": QT_TRANSLATE_NOOP("AuditView", "badge issued"),
    "badge.supersede": QT_TRANSLATE_NOOP("AuditView", "badge superseded"),
    "company.create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "company.update": QT_TRANSLATE_NOOP("AuditView", "changed"),
    "demo.fill": QT_TRANSLATE_NOOP("AuditView", "filled with demo data"),
    "equipment.back_in_service": QT_TRANSLATE_NOOP("AuditView", "back in service"),
    "equipment.calibration": QT_TRANSLATE_NOOP("AuditView", "calibration recorded"),
    "equipment.create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "equipment.out_of_service": QT_TRANSLATE_NOOP("AuditView", "put out of service"),
    "equipment.update": QT_TRANSLATE_NOOP("AuditView", "changed"),
    "lab_calendar.absence": QT_TRANSLATE_NOOP("AuditView", "absence added"),
    "lab_calendar.absence_withdrawn": QT_TRANSLATE_NOOP("AuditView", "absence withdrawn"),
    "lab_calendar.closure": QT_TRANSLATE_NOOP("AuditView", "closure added"),
    "lab_calendar.closure_withdrawn": QT_TRANSLATE_NOOP("AuditView", "closure withdrawn"),
    "lab_calendar.technician_days": QT_TRANSLATE_NOOP("AuditView", "working days changed"),
    "lab_test.plan": QT_TRANSLATE_NOOP("AuditView", "planned"),
    "lab_test.pin": QT_TRANSLATE_NOOP("AuditView", "pinned to its slot"),
    "lab_test.unpin": QT_TRANSLATE_NOOP("AuditView", "unpinned"),
    "lab_plan.make": QT_TRANSLATE_NOOP("AuditView", "automatic plan made"),
    "receipt.issue": QT_TRANSLATE_NOOP("AuditView", "receipt issued"),
    "receipt.void": QT_TRANSLATE_NOOP("AuditView", "receipt voided"),
    "receipt_closing.keep": QT_TRANSLATE_NOOP("AuditView", "daily closing kept"),
    "price_item.create": QT_TRANSLATE_NOOP("AuditView", "price list item added"),
    "price_item.update": QT_TRANSLATE_NOOP("AuditView", "price list item changed"),
    "price_item.withdraw": QT_TRANSLATE_NOOP("AuditView", "price list item withdrawn"),
    "price_item.activate": QT_TRANSLATE_NOOP("AuditView", "price list item offered again"),
    "lab_test.result": QT_TRANSLATE_NOOP("AuditView", "result entered"),
    "lab_test.attachment": QT_TRANSLATE_NOOP("AuditView", "raw file attached"),
    "lab_test.verify": QT_TRANSLATE_NOOP("AuditView", "verified"),
    "lab_test.reject": QT_TRANSLATE_NOOP("AuditView", "rejected"),
    "lab_test.cancel": QT_TRANSLATE_NOOP("AuditView", "cancelled"),
    "lab_test.reopen": QT_TRANSLATE_NOOP("AuditView", "reopened (new round)"),
    "lab_test.subcontract": QT_TRANSLATE_NOOP("AuditView", "sent to an external lab"),
    "lab_test.start": QT_TRANSLATE_NOOP("AuditView", "test started"),
    "lab_test.pause": QT_TRANSLATE_NOOP("AuditView", "test paused"),
    "lab_test.resume": QT_TRANSLATE_NOOP("AuditView", "test resumed"),
    "lab_test.complete": QT_TRANSLATE_NOOP("AuditView", "test completed"),
    "host.create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "keyring.rotate": QT_TRANSLATE_NOOP("AuditView", "new signing key"),
    "privacy.erase": QT_TRANSLATE_NOOP("AuditView", "personal data erased"),
    "privacy.export": QT_TRANSLATE_NOOP("AuditView", "personal data exported"),
    "privacy.retention": QT_TRANSLATE_NOOP("AuditView", "anonymised after the retention period"),
    "privacy.retention_run": QT_TRANSLATE_NOOP("AuditView", "retention applied"),
    "privacy.retention_skipped": QT_TRANSLATE_NOOP("AuditView", "retention not applied: no recent sync with the hub"),
    "registration.create": QT_TRANSLATE_NOOP("AuditView", "registered ahead"),
    "sample.custody": QT_TRANSLATE_NOOP("AuditView", "custody step recorded"),
    "settings.update": QT_TRANSLATE_NOOP("AuditView", "changed"),
    "staff.change_password": QT_TRANSLATE_NOOP("AuditView", "password changed"),
    "sync.dismiss": QT_TRANSLATE_NOOP("AuditView", "change refused by the hub dismissed"),
    "sync.resend": QT_TRANSLATE_NOOP("AuditView", "change refused by the hub sent again"),
    "staff.create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "staff.disable": QT_TRANSLATE_NOOP("AuditView", "disabled"),
    "staff.enable": QT_TRANSLATE_NOOP("AuditView", "enabled"),
    "staff.list": QT_TRANSLATE_NOOP("AuditView", "list viewed"),
    "staff.locked": QT_TRANSLATE_NOOP("AuditView", "locked after wrong passwords"),
    "staff.reset_password": QT_TRANSLATE_NOOP("AuditView", "password reset"),
    "staff.set_first_password": QT_TRANSLATE_NOOP("AuditView", "first password set"),
    "staff.sign_in": QT_TRANSLATE_NOOP("AuditView", "signed in"),
    "staff.sign_in_failed": QT_TRANSLATE_NOOP("AuditView", "wrong password"),
    "visit.check_in": QT_TRANSLATE_NOOP("AuditView", "checked in"),
    "visit.check_in_scan": QT_TRANSLATE_NOOP("AuditView", "checked in with a badge scan"),
    "visit.check_out": QT_TRANSLATE_NOOP("AuditView", "checked out"),
    "visit.check_out_system": QT_TRANSLATE_NOOP("AuditView", "checked out by the evening close"),
    "visit.expect": QT_TRANSLATE_NOOP("AuditView", "expected visit added"),
    "visit_log.export": QT_TRANSLATE_NOOP("AuditView", "exported"),
    "visitor.create": QT_TRANSLATE_NOOP("AuditView", "created"),
    "visitor.privacy_notice": QT_TRANSLATE_NOOP("AuditView", "privacy notice shown"),
    "visitor.update": QT_TRANSLATE_NOOP("AuditView", "changed"),
    # the lab's catalogue (services.lab.catalogue)
    "lab_test_type.create": QT_TRANSLATE_NOOP("AuditView", "added to the catalogue"),
    "lab_test_type.update": QT_TRANSLATE_NOOP("AuditView", "changed"),
    "lab_test_type.withdraw": QT_TRANSLATE_NOOP("AuditView", "withdrawn from the catalogue"),
    "lab_test_type.activate": QT_TRANSLATE_NOOP("AuditView", "offered again"),
    "lab_authorisation.grant": QT_TRANSLATE_NOOP("AuditView", "authorised for the method"),
    "lab_authorisation.revoke": QT_TRANSLATE_NOOP("AuditView", "authorisation withdrawn"),
}

FIELDS = {
    "lab_id": QT_TRANSLATE_NOOP("AuditView", "lab ID"),
    "request": QT_TRANSLATE_NOOP("AuditView", "request"),
    "specimens": QT_TRANSLATE_NOOP("AuditView", "specimens"),
    "tests": QT_TRANSLATE_NOOP("AuditView", "tests"),
    "replaces": QT_TRANSLATE_NOOP("AuditView", "replaces"),
    "what_changed": QT_TRANSLATE_NOOP("AuditView", "what changed"),
    "report_language": QT_TRANSLATE_NOOP("AuditView", "language of test reports"),
    "pdf_sha256": QT_TRANSLATE_NOOP("AuditView", "fingerprint of the PDF"),
    # people and companies
    "first_name": QT_TRANSLATE_NOOP("AuditView", "first name"),
    "last_name": QT_TRANSLATE_NOOP("AuditView", "surname"),
    "email": QT_TRANSLATE_NOOP("AuditView", "e-mail"),
    "phone": QT_TRANSLATE_NOOP("AuditView", "phone"),
    "display_name": QT_TRANSLATE_NOOP("AuditView", "name"),
    "name": QT_TRANSLATE_NOOP("AuditView", "name"),
    "username": QT_TRANSLATE_NOOP("AuditView", "username"),
    "password_hash": QT_TRANSLATE_NOOP("AuditView", "password"),
    "role": QT_TRANSLATE_NOOP("AuditView", "role"),
    "active": QT_TRANSLATE_NOOP("AuditView", "active"),
    "failed_attempts": QT_TRANSLATE_NOOP("AuditView", "wrong passwords"),
    "locked_until": QT_TRANSLATE_NOOP("AuditView", "locked until"),
    "company_id": QT_TRANSLATE_NOOP("AuditView", "company"),
    "association_id": QT_TRANSLATE_NOOP("AuditView", "association"),
    "kind": QT_TRANSLATE_NOOP("AuditView", "kind"),
    "vat_number": QT_TRANSLATE_NOOP("AuditView", "VAT number"),
    "fiscal_code": QT_TRANSLATE_NOOP("AuditView", "fiscal code"),
    "sdi_code": QT_TRANSLATE_NOOP("AuditView", "SDI code"),
    "pec": QT_TRANSLATE_NOOP("AuditView", "PEC"),
    "address": QT_TRANSLATE_NOOP("AuditView", "address"),
    "city": QT_TRANSLATE_NOOP("AuditView", "city"),
    "postcode": QT_TRANSLATE_NOOP("AuditView", "postcode"),
    "province": QT_TRANSLATE_NOOP("AuditView", "province"),
    "country": QT_TRANSLATE_NOOP("AuditView", "country"),
    "organisation": QT_TRANSLATE_NOOP("AuditView", "organisation"),
    "newsletter_consent": QT_TRANSLATE_NOOP("AuditView", "newsletter consent"),
    "notes": QT_TRANSLATE_NOOP("AuditView", "notes"),
    "last_visit_at": QT_TRANSLATE_NOOP("AuditView", "last visit"),
    "privacy_notice_version": QT_TRANSLATE_NOOP("AuditView", "privacy notice version"),
    "privacy_ack_at": QT_TRANSLATE_NOOP("AuditView", "privacy notice shown at"),
    "anonymised_at": QT_TRANSLATE_NOOP("AuditView", "anonymised on"),
    # visits, registrations, badges
    "visitor_id": QT_TRANSLATE_NOOP("AuditView", "visitor"),
    "service_id": QT_TRANSLATE_NOOP("AuditView", "purpose"),
    "host_id": QT_TRANSLATE_NOOP("AuditView", "host"),
    "registration_id": QT_TRANSLATE_NOOP("AuditView", "registration"),
    "expected_on": QT_TRANSLATE_NOOP("AuditView", "expected on"),
    "status": QT_TRANSLATE_NOOP("AuditView", "status"),
    "checked_in_at": QT_TRANSLATE_NOOP("AuditView", "checked in at"),
    "checked_out_at": QT_TRANSLATE_NOOP("AuditView", "checked out at"),
    "closed_by_system": QT_TRANSLATE_NOOP("AuditView", "closed by the evening close"),
    "closed_by": QT_TRANSLATE_NOOP("AuditView", "closed by"),
    "checked_out_by": QT_TRANSLATE_NOOP("AuditView", "checked out by"),
    "checked_in_desk": QT_TRANSLATE_NOOP("AuditView", "desk of arrival"),
    "title": QT_TRANSLATE_NOOP("AuditView", "title"),
    "valid_from": QT_TRANSLATE_NOOP("AuditView", "valid from"),
    "valid_to": QT_TRANSLATE_NOOP("AuditView", "valid to"),
    "cancelled_at": QT_TRANSLATE_NOOP("AuditView", "cancelled at"),
    "cancel_reason": QT_TRANSLATE_NOOP("AuditView", "reason for cancelling"),
    "number": QT_TRANSLATE_NOOP("AuditView", "number"),
    "subject_kind": QT_TRANSLATE_NOOP("AuditView", "issued for"),
    "subject_id": QT_TRANSLATE_NOOP("AuditView", "issued for (ID)"),
    "key_id": QT_TRANSLATE_NOOP("AuditView", "key ID"),
    "superseded_at": QT_TRANSLATE_NOOP("AuditView", "replaced at"),
    # the lab's chain of custody
    "location": QT_TRANSLATE_NOOP("AuditView", "where"),
    "keep_until": QT_TRANSLATE_NOOP("AuditView", "kept until"),
    "test_id": QT_TRANSLATE_NOOP("AuditView", "test"),
    "samples": QT_TRANSLATE_NOOP("AuditView", "samples"),
    # what one event records about itself
    "reason": QT_TRANSLATE_NOOP("AuditView", "reason"),
    "rows": QT_TRANSLATE_NOOP("AuditView", "rows"),
    "deleted": QT_TRANSLATE_NOOP("AuditView", "older copies deleted"),
    "current": QT_TRANSLATE_NOOP("AuditView", "current key"),
    "keys": QT_TRANSLATE_NOOP("AuditView", "keys"),
    "series_prefix": QT_TRANSLATE_NOOP("AuditView", "number series"),
    "visits": QT_TRANSLATE_NOOP("AuditView", "visits"),
    "audit_events": QT_TRANSLATE_NOOP("AuditView", "activity log events"),
    "anonymised": QT_TRANSLATE_NOOP("AuditView", "anonymised"),
    "retention_months": QT_TRANSLATE_NOOP("AuditView", "retention (months)"),
    "last_good_sync": QT_TRANSLATE_NOOP("AuditView", "last complete sync"),
    "seed": QT_TRANSLATE_NOOP("AuditView", "random seed"),
    "companies": QT_TRANSLATE_NOOP("AuditView", "companies"),
    "visitors": QT_TRANSLATE_NOOP("AuditView", "visitors"),
    "hosts": QT_TRANSLATE_NOOP("AuditView", "hosts"),
    "search_terms": QT_TRANSLATE_NOOP("AuditView", "search words"),
    "date_from": QT_TRANSLATE_NOOP("AuditView", "from"),
    "date_to": QT_TRANSLATE_NOOP("AuditView", "to"),
    # settings
    "desk_code": QT_TRANSLATE_NOOP("AuditView", "desk code"),
    "language": QT_TRANSLATE_NOOP("AuditView", "language"),
    "point_name": QT_TRANSLATE_NOOP("AuditView", "name of the Point"),
    "point_address": QT_TRANSLATE_NOOP("AuditView", "address of the Point"),
    "point_vat": QT_TRANSLATE_NOOP("AuditView", "VAT number of the Point"),
    "point_fiscal_code": QT_TRANSLATE_NOOP("AuditView", "fiscal code of the Point"),
    "point_postcode": QT_TRANSLATE_NOOP("AuditView", "postcode of the Point"),
    "point_city": QT_TRANSLATE_NOOP("AuditView", "municipality of the Point"),
    "point_province": QT_TRANSLATE_NOOP("AuditView", "province of the Point"),
    "point_rea": QT_TRANSLATE_NOOP("AuditView", "REA number of the Point"),
    "point_tax_regime": QT_TRANSLATE_NOOP("AuditView", "tax regime of the Point"),
    "receipt_cash_limit": QT_TRANSLATE_NOOP("AuditView", "cash refused from (euros)"),
    "receipt_charge_stamp_duty": QT_TRANSLATE_NOOP("AuditView", "stamp duty charged to the customer"),
    "receipt_layout": QT_TRANSLATE_NOOP("AuditView", "receipt format"),
    "member_associations": QT_TRANSLATE_NOOP("AuditView", "associations with member prices"),
    "badge_size": QT_TRANSLATE_NOOP("AuditView", "badge size"),
    "printers": QT_TRANSLATE_NOOP("AuditView", "printers"),
    "checkout_hour": QT_TRANSLATE_NOOP("AuditView", "check-out hour"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("AuditView", "lock after (minutes)"),
    "evacuation_folder": QT_TRANSLATE_NOOP("AuditView", "evacuation copy folder"),
    "backup_folder": QT_TRANSLATE_NOOP("AuditView", "backup folder"),
    "retention_visitor_months": QT_TRANSLATE_NOOP("AuditView", "visitor retention (months)"),
    "retention_lab_years": QT_TRANSLATE_NOOP("AuditView", "lab records retention (years)"),
    "retention_fiscal_years": QT_TRANSLATE_NOOP("AuditView", "fiscal records retention (years)"),
    "smtp_host": QT_TRANSLATE_NOOP("AuditView", "mail server"),
    "smtp_port": QT_TRANSLATE_NOOP("AuditView", "mail server port"),
    "smtp_sender": QT_TRANSLATE_NOOP("AuditView", "mail sender"),
    "hub_url": QT_TRANSLATE_NOOP("AuditView", "hub address"),
    "hub_token_file": QT_TRANSLATE_NOOP("AuditView", "hub token file"),
    "hub_ca_file": QT_TRANSLATE_NOOP("AuditView", "hub certificate authority"),
    "sync_hour": QT_TRANSLATE_NOOP("AuditView", "sync hour"),
    # the lab's catalogue and authorisations
    "code": QT_TRANSLATE_NOOP("AuditView", "code"),
    "name_it": QT_TRANSLATE_NOOP("AuditView", "Italian name"),
    "name_en": QT_TRANSLATE_NOOP("AuditView", "English name"),
    "standard": QT_TRANSLATE_NOOP("AuditView", "standard"),
    "method": QT_TRANSLATE_NOOP("AuditView", "method"),
    "accredited": QT_TRANSLATE_NOOP("AuditView", "accredited"),
    "equipment_kind": QT_TRANSLATE_NOOP("AuditView", "equipment kind"),
    "duration_min": QT_TRANSLATE_NOOP("AuditView", "duration (minutes)"),
    "prep_min": QT_TRANSLATE_NOOP("AuditView", "preparation (minutes)"),
    "hours_min": QT_TRANSLATE_NOOP("AuditView", "minimum hours"),
    "hours_max": QT_TRANSLATE_NOOP("AuditView", "maximum hours"),
    "price_cents": QT_TRANSLATE_NOOP("AuditView", "price (cents)"),
    "member_price_cents": QT_TRANSLATE_NOOP("AuditView", "member price (cents)"),
    "vat_rate": QT_TRANSLATE_NOOP("AuditView", "VAT rate"),
    "result_fields": QT_TRANSLATE_NOOP("AuditView", "result fields"),
    "conditions": QT_TRANSLATE_NOOP("AuditView", "conditions to record"),
    "sort": QT_TRANSLATE_NOOP("AuditView", "order"),
    "staff_id": QT_TRANSLATE_NOOP("AuditView", "staff member"),
    "test_type_id": QT_TRANSLATE_NOOP("AuditView", "test type"),
    "lab_municipality": QT_TRANSLATE_NOOP("AuditView", "lab's municipality"),
    "lab_test_site": QT_TRANSLATE_NOOP("AuditView", "where the lab performs its tests"),
    "lab_patron_day": QT_TRANSLATE_NOOP("AuditView", "patron saint's day"),
    "lab_planning_desk": QT_TRANSLATE_NOOP("AuditView", "lab's planning desk"),
    "lab_stable_days": QT_TRANSLATE_NOOP("AuditView", "working days the plan keeps steady"),
    "lab_report_lead_days": QT_TRANSLATE_NOOP("AuditView", "working days to issue a report"),
    "round": QT_TRANSLATE_NOOP("AuditView", "Round"),
    "version": QT_TRANSLATE_NOOP("AuditView", "Version"),
    "provider": QT_TRANSLATE_NOOP("AuditView", "External lab"),
    "filename": QT_TRANSLATE_NOOP("AuditView", "File name"),
    "size": QT_TRANSLATE_NOOP("AuditView", "Size (bytes)"),
    "sha256": QT_TRANSLATE_NOOP("AuditView", "SHA-256"),
    "paused": QT_TRANSLATE_NOOP("AuditView", "Paused"),
    "started_at": QT_TRANSLATE_NOOP("AuditView", "Started at"),
    "started_by": QT_TRANSLATE_NOOP("AuditView", "Started by"),
    "completed_at": QT_TRANSLATE_NOOP("AuditView", "Completed at"),
    "completed_by": QT_TRANSLATE_NOOP("AuditView", "Completed by"),
    "verified_at": QT_TRANSLATE_NOOP("AuditView", "Verified at"),
    "verified_by": QT_TRANSLATE_NOOP("AuditView", "Verified by"),
    "reopen_reason": QT_TRANSLATE_NOOP("AuditView", "Reason for reopening"),
    "subcontracted": QT_TRANSLATE_NOOP("AuditView", "Sent to an external lab"),
    "subcontractor": QT_TRANSLATE_NOOP("AuditView", "External lab"),
    "cause": QT_TRANSLATE_NOOP("AuditView", "Why the plan was made"),
    "pinned": QT_TRANSLATE_NOOP("AuditView", "Pinned to its slot"),
    "plan_flag": QT_TRANSLATE_NOOP("AuditView", "For the lab manager"),
    "plan_flag_reason": QT_TRANSLATE_NOOP("AuditView", "Why, for the lab manager"),
    "moved": QT_TRANSLATE_NOOP("AuditView", "Tests in new slots"),
    "late": QT_TRANSLATE_NOOP("AuditView", "Tests late"),
    "unplaced": QT_TRANSLATE_NOOP("AuditView", "Tests that cannot be planned"),
    # receipts (services.receipts.issue)
    "prefix": QT_TRANSLATE_NOOP("AuditView", "Series"),
    "year": QT_TRANSLATE_NOOP("AuditView", "Year"),
    "counter": QT_TRANSLATE_NOOP("AuditView", "Progressive number"),
    "issued_at": QT_TRANSLATE_NOOP("AuditView", "Issued at"),
    "issued_by": QT_TRANSLATE_NOOP("AuditView", "Issued by"),
    "issued_by_name": QT_TRANSLATE_NOOP("AuditView", "Issued by (name)"),
    "customer": QT_TRANSLATE_NOOP("AuditView", "Customer's data"),
    "customer_name": QT_TRANSLATE_NOOP("AuditView", "Customer"),
    "request_id": QT_TRANSLATE_NOOP("AuditView", "Sample intake"),
    "payment": QT_TRANSLATE_NOOP("AuditView", "Payment"),
    "net": QT_TRANSLATE_NOOP("AuditView", "Taxable amount"),
    "vat": QT_TRANSLATE_NOOP("AuditView", "VAT"),
    "total": QT_TRANSLATE_NOOP("AuditView", "Total"),
    "stamp_duty_due": QT_TRANSLATE_NOOP("AuditView", "Stamp duty due"),
    "stamp_duty_charged": QT_TRANSLATE_NOOP("AuditView", "Stamp duty charged"),
    "void_reason": QT_TRANSLATE_NOOP("AuditView", "Reason for voiding"),
    "voided_at": QT_TRANSLATE_NOOP("AuditView", "Voided at"),
    "voided_by": QT_TRANSLATE_NOOP("AuditView", "Voided by"),
    "voided_by_name": QT_TRANSLATE_NOOP("AuditView", "Voided by (name)"),
}

VALUES = {  # (field, coded value) -> label; other values are data and are shown as they are
    ("role", "reception"): QT_TRANSLATE_NOOP("AuditView", "reception"),
    ("role", "lab_technician"): QT_TRANSLATE_NOOP("AuditView", "lab technician"),
    ("role", "lab_manager"): QT_TRANSLATE_NOOP("AuditView", "lab manager"),
    ("role", "admin"): QT_TRANSLATE_NOOP("AuditView", "administrator"),
    ("status", "expected"): QT_TRANSLATE_NOOP("AuditView", "expected"),
    ("status", "on_site"): QT_TRANSLATE_NOOP("AuditView", "on site"),
    ("status", "out"): QT_TRANSLATE_NOOP("AuditView", "gone out"),
    ("status", "cancelled"): QT_TRANSLATE_NOOP("AuditView", "cancelled"),
    ("status", "scheduled"): QT_TRANSLATE_NOOP("AuditView", "scheduled"),
    ("status", "in_progress"): QT_TRANSLATE_NOOP("AuditView", "in progress"),
    ("status", "completed"): QT_TRANSLATE_NOOP("AuditView", "completed"),
    ("status", "verified"): QT_TRANSLATE_NOOP("AuditView", "verified"),
    ("status", "rejected"): QT_TRANSLATE_NOOP("AuditView", "rejected"),
    ("status", "issued"): QT_TRANSLATE_NOOP("AuditView", "issued"),
    ("status", "voided"): QT_TRANSLATE_NOOP("AuditView", "voided"),
    ("payment", "cash"): QT_TRANSLATE_NOOP("AuditView", "cash"),
    ("payment", "card"): QT_TRANSLATE_NOOP("AuditView", "card"),
    ("payment", "transfer"): QT_TRANSLATE_NOOP("AuditView", "bank transfer"),
    ("payment", "invoice"): QT_TRANSLATE_NOOP("AuditView", "on the invoice"),
    ("kind", "daily"): QT_TRANSLATE_NOOP("AuditView", "daily"),
    ("kind", "manual"): QT_TRANSLATE_NOOP("AuditView", "by hand"),
    ("kind", "pre-sync"): QT_TRANSLATE_NOOP("AuditView", "before a sync"),
    ("kind", "received"): QT_TRANSLATE_NOOP("AuditView", "received"),
    ("kind", "stored"): QT_TRANSLATE_NOOP("AuditView", "stored"),
    ("kind", "to_test"): QT_TRANSLATE_NOOP("AuditView", "taken to test"),
    ("kind", "returned"): QT_TRANSLATE_NOOP("AuditView", "returned to the customer"),
    ("kind", "remnant"): QT_TRANSLATE_NOOP("AuditView", "kept as remnant"),
    ("kind", "disposed"): QT_TRANSLATE_NOOP("AuditView", "disposed of"),
    ("kind", "it"): QT_TRANSLATE_NOOP("AuditView", "Italian company"),
    ("kind", "public"): QT_TRANSLATE_NOOP("AuditView", "public body"),
    ("kind", "foreign"): QT_TRANSLATE_NOOP("AuditView", "foreign company"),
    ("kind", "private"): QT_TRANSLATE_NOOP("AuditView", "private person"),
    ("subject_kind", "visit"): QT_TRANSLATE_NOOP("AuditView", "a visit"),
    ("subject_kind", "registration"): QT_TRANSLATE_NOOP("AuditView", "a registration"),
    ("language", "it"): QT_TRANSLATE_NOOP("AuditView", "Italian"),
    ("language", "en"): QT_TRANSLATE_NOOP("AuditView", "English"),
    ("plan_flag", "moved"): QT_TRANSLATE_NOOP("AuditView", "moved by the plan"),
    ("plan_flag", "interrupted"): QT_TRANSLATE_NOOP("AuditView", "interrupted"),
    ("cause", "night"): QT_TRANSLATE_NOOP("AuditView", "the first run of the day"),
    ("cause", "change"): QT_TRANSLATE_NOOP("AuditView", "a change to the lab's data"),
    ("cause", "outage"): QT_TRANSLATE_NOOP("AuditView", "a machine out of service"),
    ("cause", "manual"): QT_TRANSLATE_NOOP("AuditView", "asked by hand"),
    # why the hub refused a change (services.sync.rejected)
    ("reason", "unknown_table"): QT_TRANSLATE_NOOP("AuditView", "kind of record unknown to the hub"),
    ("reason", "unknown_field"): QT_TRANSLATE_NOOP("AuditView", "fields unknown to the hub"),
    ("reason", "bad_stamp"): QT_TRANSLATE_NOOP("AuditView", "unreadable time stamp"),
    ("reason", "stamp_in_future"): QT_TRANSLATE_NOOP("AuditView", "PC clock ahead"),
    ("reason", "not_a_site_setting"): QT_TRANSLATE_NOOP("AuditView", "setting of this desk only"),
    ("reason", "permission_denied"): QT_TRANSLATE_NOOP("AuditView", "role not allowed to do it"),
    ("reason", "role_not_allowed_here"): QT_TRANSLATE_NOOP("AuditView", "role not allowed at this desk"),
    ("reason", "bad_actor"): QT_TRANSLATE_NOOP("AuditView", "author not stated properly"),
    ("reason", "unknown_actor"): QT_TRANSLATE_NOOP("AuditView", "account unknown to the hub or disabled"),
    ("reason", "incomplete_row"): QT_TRANSLATE_NOOP("AuditView", "record never received whole"),
    ("reason", "sequence_reused"): QT_TRANSLATE_NOOP("AuditView", "number already used"),
    ("reason", "bad_value"): QT_TRANSLATE_NOOP("AuditView", "value refused"),
}


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def _in_context(source: str) -> str:
    return QCoreApplication.translate("AuditView", source)


def record_label(record_type: str) -> str:
    return _in_context(RECORDS.get(record_type, record_type))


def action_label(action: str) -> str:
    return _in_context(ACTIONS.get(action, action))


def field_label(name: str) -> str:
    return _in_context(FIELDS.get(name, name))


def actor_label(label: str) -> str:
    """Who acted: a staff member's name as recorded, or the desk itself in today's language."""
    desk = _DESK.match(label)
    return translate("AuditView", "Desk %1").replace("%1", desk.group(1)) if desk else label


def value_text(field: str, value: object) -> str:
    """One recorded value for people: yes/no, numbers and moments by locale, coded values by label."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return translate("AuditView", "yes") if value else translate("AuditView", "no")
    if isinstance(value, int | float):
        return format_number(value)
    text = str(value)
    coded = VALUES.get((field, text))
    if coded:
        return _in_context(coded)
    if _MOMENT.match(text):  # stored moments are UTC: shown in Rome time like everything else
        try:
            return format_datetime(dt.datetime.fromisoformat(text))
        except ValueError:
            return text
    if _DAY.match(text):
        try:
            return format_date(dt.date.fromisoformat(text))
        except ValueError:
            return text
    return text


def changes_text(changes: dict[str, object], *, separator: str = "; ") -> str:
    """'surname: changed (value not recorded); role: reception → administrator'."""
    parts = []
    for key in sorted(changes):
        value = changes[key]
        if value == "changed":
            parts.append(translate("AuditView", "%1: changed (value not recorded)").replace("%1", field_label(key)))
        elif isinstance(value, list) and len(value) == 2:
            parts.append(f"{field_label(key)}: {value_text(key, value[0])} → {value_text(key, value[1])}")
        else:
            parts.append(f"{field_label(key)}: {value_text(key, value)}")
    return separator.join(parts)
