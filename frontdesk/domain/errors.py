"""The project's errors: each carries a message a receptionist can read (already translated).

The UI shows these in one place; any other exception is a bug, logged with its traceback
and shown as a generic failure.
"""

from __future__ import annotations


class FrontdeskError(Exception):
    """Base of every error the user may see."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(FrontdeskError):
    """Input that breaks a rule; nothing was written."""


class NotFound(FrontdeskError):
    """The record asked for does not exist."""


class Conflict(FrontdeskError):
    """The action clashes with the record's state (already checked out, superseded...)."""


class PermissionDenied(FrontdeskError):
    """The signed-in role may not do this."""


class SyncError(FrontdeskError):
    """Talking to the hub failed."""


class DeliveryFailed(FrontdeskError):
    """A message to someone (an e-mail to a host) could not be handed to its server; what it
    reports on is already saved."""


class DatabaseProblem(FrontdeskError):
    """The database file cannot be used: not a database, damaged, or from a newer app."""


class StorageProblem(FrontdeskError):
    """A folder is missing, read-only or full."""
