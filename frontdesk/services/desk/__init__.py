"""The desk itself: set-up, settings, number series, the badge key ring, its files and self-check."""
