"""Use cases of the desk: verbs with keyword arguments, plain values in, frozen dataclasses out.

One transaction per call. Every writing service takes an `actor` and records it in the audit
trail. No Qt here.
"""
