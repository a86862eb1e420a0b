"""Staff and audit: accounts, sign-in, the audit trail."""
