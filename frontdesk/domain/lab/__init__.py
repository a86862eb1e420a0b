"""The lab's rules, pure: catalogue values, the lab's calendar, planning checks, sample IDs and label tokens.

Imports only the standard library, frontdesk.domain and frontdesk.i18n (no SQLAlchemy, no Qt)."""
