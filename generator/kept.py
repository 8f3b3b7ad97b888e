"""Results kept from one build to the next in the same process: `planbook serve` builds again after every edit,
and most of what it computes is what the last build computed from the same records.

``kept(kind, ident, inputs, make)`` returns what ``make()`` returned in an earlier build for the same ``kind`` and
``ident`` (a case id) when ``inputs`` (the records the result is made from, each exactly: by ``repr``, which shows
every field, a datetime's time zone included) are the same as then; otherwise it calls ``make()`` and keeps that.
Only one result per (kind, ident) is kept, so memory grows with the repository, not with the number of builds.
Off outside :func:`keeping` (only serve uses it: a one-off build gains nothing and keeps no copies).
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_enabled = False
_KEPT: dict[tuple[str, str], tuple[str, Any]] = {}
#: how many results were taken from an earlier build and how many made (for tests and benchmarks)
stats = {"kept": 0, "made": 0}


@contextlib.contextmanager
def keeping() -> Iterator[None]:
    """Keep and reuse results while the block runs (one build of serve); what was kept stays for the next."""
    global _enabled
    _enabled = True
    try:
        yield
    finally:
        _enabled = False


def clear() -> None:
    _KEPT.clear()


def enabled() -> bool:
    return _enabled


def fingerprint(*inputs: object) -> str:
    """The inputs of a result, exactly (every field of every record)."""
    return repr(inputs)


def kept(kind: str, ident: str, inputs: str, make: Callable[[], T]) -> T:
    if not _enabled:
        return make()
    hit = _KEPT.get((kind, ident))
    if hit is not None and hit[0] == inputs:
        stats["kept"] += 1
        return hit[1]
    out = make()
    _KEPT[(kind, ident)] = (inputs, out)
    stats["made"] += 1
    return out
