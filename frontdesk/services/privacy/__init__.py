"""Privacy (GDPR): the notice, data-subject requests, retention."""
