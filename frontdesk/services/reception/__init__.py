"""Reception: check-in and check-out, expected visits, badges, scans, the evacuation list,
host notices, the visit log."""
