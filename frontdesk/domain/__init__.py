"""Pure rules and values: no SQLAlchemy, no Qt, no I/O beyond reading the clock."""
