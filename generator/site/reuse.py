"""Whole-site reuse: a build whose site would be the previous build's, byte for byte, takes it as it is.

``inputs_key`` is one hash of everything the site is made from: every loaded file's text (Repository.digest:
planbook.yml's settings, plans, rosters, cases, drills), the office's brand files (logo, favicon, style sheets),
git's commit, dirty state, history and tags (dates, versions, change tables), ``--today``, ``--public``, the PDFs
it links (each one's bytes), Planbook's code and every template (resources.code_digest), the versions of Python
and of the packages that render the site.  A build records the key beside its site (``.cache/site-inputs.json``);
the next build with the same key links the previous site (and its site-src and record) into its generation and
neither writes Markdown nor runs MkDocs.  Any difference, no record, or no previous site: the site is made as
before (incremental.py renders only the pages that changed).  The previous site is never written to.
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..resources import PAGE_PACKAGES, TEMPLATES, code_digest

FORMAT = 1
KEY_FILE = "site-inputs.json"
#: packages whose version may change anything in the site: what changes a page, and pyyaml, which reads the
#: office's files into the model the pages are made from
PACKAGES = (*PAGE_PACKAGES, "pyyaml")


@functools.lru_cache(maxsize=2)
def _code_key(templates: Path) -> str:
    """Planbook's code and every template (the site's Markdown templates, assets and theme overrides included)."""
    return code_digest(templates, PACKAGES)


def _brand(repo) -> list[str]:
    """The office files the site copies (site settings), each as path and sha256 ("-" when unreadable: the
    build then fails as before, and a missing file never matches a present one)."""
    site = repo.config.site
    out = []
    for rel in [site.logo, site.favicon, *site.extra_css]:
        if not rel:
            continue
        try:
            digest = hashlib.sha256((Path(repo.root) / rel).read_bytes()).hexdigest()
        except OSError:
            digest = "-"
        out.append(f"{rel}={digest}")
    return out


def inputs_key(repo, git, today, public: bool, pdfs: Iterable[tuple[object, str]],
               templates: Path = TEMPLATES) -> str:
    """The key of the site made from these inputs; ``pdfs``: (PdfFile, sha256 of its bytes) of every PDF the
    build made or took.  "" when the repository has no digest (nothing is reused then)."""
    if not repo.digest:
        return ""
    h = hashlib.sha256()
    parts = (str(FORMAT), _code_key(templates), repo.root, repo.digest, *_brand(repo), git.commit or "",
             str(git.dirty), repr(sorted(git.history.items())), repr(git.tags), today.isoformat(), str(public),
             repr(sorted((repr(f), sha) for f, sha in pdfs)))
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def recorded(cache: Path) -> str:
    """The key the build whose ``.cache`` folder this is recorded ("" when none)."""
    try:
        data = json.loads((cache / KEY_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return ""
    return data.get("key", "") if isinstance(data, dict) and data.get("format") == FORMAT else ""


def record(cache: Path, key: str) -> None:
    """Record ``key`` in the ``.cache`` folder of the generation being staged (published whole by output.publish,
    so no file of its own needs writing aside and renaming)."""
    if not key:
        return
    cache.mkdir(parents=True, exist_ok=True)
    (cache / KEY_FILE).write_text(json.dumps({"format": FORMAT, "key": key}), "utf-8")
