"""Results kept from one build to the next in the same process: `planbook serve` builds again after every edit,
and most of what it computes is what the last build computed from the same records.

``kept(kind, ident, inputs, make)`` returns what ``make()`` returned in an earlier build for the same ``kind`` and
``ident`` (a case id) when ``inputs`` (the records the result is made from) are the same as then (:func:`same`:
the same objects, or exactly equal by ``repr``, which shows every field, a datetime's time zone included); otherwise it calls ``make()`` and keeps that.
Only one result per (kind, ident) is kept, so memory grows with the repository, not with the number of builds.
Off outside :func:`keeping` (only serve uses it: a one-off build gains nothing and keeps no copies).
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_enabled = False
_KEPT: dict[tuple[str, str], tuple[tuple, Any]] = {}
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


def fingerprint(*inputs: object) -> tuple:
    """The inputs of a result: the records it is made from (compared with :func:`same`)."""
    return inputs


def same(a: object, b: object) -> bool:
    """Whether two inputs are the same: the very same object (records are frozen; a file whose text did not
    change gives the record of the last build itself), equal texts, tuples of the same inputs, or else the same
    ``repr`` (every field of a record, a datetime's time zone included) of objects of one type."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if type(a) is str:
        return a == b
    if type(a) is tuple:
        return len(a) == len(b) and all(map(same, a, b))  # type: ignore[arg-type]
    return repr(a) == repr(b)


def kept(kind: str, ident: str, inputs: tuple, make: Callable[[], T]) -> T:
    if not _enabled:
        return make()
    hit = _KEPT.get((kind, ident))
    if hit is not None and same(hit[0], inputs):
        stats["kept"] += 1
        return hit[1]
    out = make()
    _KEPT[(kind, ident)] = (inputs, out)
    stats["made"] += 1
    return out
