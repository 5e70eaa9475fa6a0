"""The audit log: every read and write of a child's record, append-only and hash-chained.

Every layer above core writes to it, so it sits just above core: it knows its actors and
children only by reference. Use it as `from everychild import audit` and call
`audit.record(actor=..., verb=..., obj=..., child=...)`; see log.py and
docs/decisions/0003-audit-chain.md.
"""

_LOG_NAMES = {"record", "record_many", "verify", "compute_hash", "ChainReport", "GENESIS"}


def __getattr__(name):
    # Imported lazily: the log needs its model, and this package is imported before Django's
    # app registry is ready.
    if name in _LOG_NAMES:
        from everychild.audit import log

        return getattr(log, name)
    raise AttributeError(name)
