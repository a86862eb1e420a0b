"""Privacy documents: the readable export of a data-subject access request."""
