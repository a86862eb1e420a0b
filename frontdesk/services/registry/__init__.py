"""The registry: companies, visitors (and their search), hosts, reference data."""
