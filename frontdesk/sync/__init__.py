"""The desk's side of sync: the outbox reader, the hub's HTTP client and the apply step.

Imports no services (the orchestration, services.sync, uses these) and no Qt.
"""
