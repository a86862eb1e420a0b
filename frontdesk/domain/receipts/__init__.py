"""The desk's non-fiscal receipts: lines, VAT and nature codes, stamp duty, numbering (pure)."""
