"""Privacy widgets: the privacy-notice tick."""
