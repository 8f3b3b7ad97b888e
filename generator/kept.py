"""Results kept from one build to the next in the same process: `planbook serve` builds again after every edit,
and most of what it computes is what the last build computed from the same records.

``kept(kind, ident, inputs, make)`` returns what ``make()`` returned in an earlier build for the same ``kind`` and
``ident`` (a case id) when ``inputs`` (the records the result is made from) are the same as then (:func:`same`:
the same objects, or exactly equal by ``repr``, which shows every field, a datetime's time zone included); otherwise it calls ``make()`` and keeps that.
Only one result per (kind, ident) is kept, so memory grows with the repository, not with the number of builds.
Off outside :func:`keeping` (only serve uses it: a one-off build gains nothing and keeps no copies).

Files too: :func:`write` hard-links the file the last build wrote at the same place when the text is the same
and that file is still the one written (same inode, size and time); :func:`file_digest` hashes a file again only
when it is not a file already hashed (a linked one is).  The last build's files are never written to.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
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


_PLAIN = (str, int, bool, type(None))


def same_values(a: object, b: object) -> bool:
    """Whether a template's values are the same as an earlier build's: dicts, lists and tuples compared item by
    item (the same keys in the same order); the very same record (a frozen dataclass: a file whose text did not
    change gives the last build's record itself) or equal text and numbers; anything else by ``repr``.  Much
    quicker than :func:`same` on a whole page's values, where most leaves are the same records as last time."""
    if type(a) is not type(b):
        return False
    if type(a) in _PLAIN:
        return a == b
    if type(a) is dict:
        return len(a) == len(b) and list(a) == list(b) and all(same_values(v, b[k]) for k, v in a.items())  # type: ignore[index]
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(map(same_values, a, b))  # type: ignore[arg-type]
    if a is b and getattr(getattr(a, "__dataclass_params__", None), "frozen", False):
        return True
    return repr(a) == repr(b)


def kept(kind: str, ident: str, inputs: tuple, make: Callable[[], T], equal: Callable[[object, object], bool] = same) -> T:
    """``make()``, or in serve what it made for (``kind``, ``ident``) in an earlier build when ``inputs`` are
    ``equal`` (:func:`same`) to the inputs then."""
    if not _enabled:
        return make()
    hit = _KEPT.get((kind, ident))
    if hit is not None and equal(hit[0], inputs):
        stats["kept"] += 1
        return hit[1]
    out = make()
    _KEPT[(kind, ident)] = (inputs, out)
    stats["made"] += 1
    return out


def stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def write(kind: str, rel: str, folder: Path, previous: Path | None, text: str) -> int:
    """Write ``text`` (UTF-8) into ``folder/rel``, a new file of this build; its size in bytes.  In serve, when the
    last build wrote the same text for (``kind``, ``rel``) and ``previous/rel`` is still that file, that file is
    hard-linked instead (nothing is written into it then or later)."""
    target = folder / rel
    if not _enabled:
        data = text.encode("utf-8")
        target.write_bytes(data)
        return len(data)
    written = kept("written", kind, (), dict)
    last = written.get(rel)
    if last is not None and previous is not None and (last[0] is text or last[0] == text):
        try:
            if stamp(previous / rel) == last[1]:
                os.link(previous / rel, target)
                return last[1][1]
        except OSError:
            pass
    data = text.encode("utf-8")
    target.write_bytes(data)
    written[rel] = (text, stamp(target))
    return len(data)


def file_digest(ident: str, path: Path, digest: Callable[[Path], str]) -> str:
    """``digest(path)``; in serve, the digest taken in the last build when ``path`` is the very file it was taken of
    then (inode, size, time; one per ``ident``, so memory does not grow with the builds)."""
    if not _enabled:
        return digest(path)
    return kept("digest", ident, (stamp(path),), lambda: digest(path))
