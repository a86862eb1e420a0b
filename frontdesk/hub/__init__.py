"""The Point's hub: an HTTP service (FastAPI under uvicorn) in front of PostgreSQL.

It authenticates desks by their token, applies the changes they push with the shared merge rule
(domain.merge), and serves the change log in commit order. Stateless: PostgreSQL's constraints,
not process memory, make each operation apply once, so any number of hub processes may serve one
database. Imports no Qt and no services.
"""
