"""Staff screens: sign-in, the lock screen, staff accounts, the audit trail."""
