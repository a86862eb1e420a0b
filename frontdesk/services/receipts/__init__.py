"""The desk's receipts: issuing, voiding and reading them back (issue 16)."""
