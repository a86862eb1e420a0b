"""The desk: the Settings screen and the self-test."""
