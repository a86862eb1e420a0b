"""Reception screens: search and check-in, expected visitors, scans, on site, badges, the visit log."""
