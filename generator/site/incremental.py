"""Incremental site builds: MkDocs renders again only the pages whose generated Markdown changed.

A page's HTML depends on its own Markdown and on what every page shares (the navigation and settings in
mkdocs.yml, Material's and Planbook's templates and code, the versions of MkDocs, Material,
Markdown and jieba): ``site_key``.  Planbook writes every page's Markdown again on each build, from the views,
so a page whose content depends on other files (the home page's 待办 and recent cases, the case library, a plan
page's cases, a response page's roster) changes its Markdown when they change.

The record of a built site (``.cache/site.json`` beside it) holds the site key, the sha256 of every source
file MkDocs read, and for each page what other pages need from it in a later build that does not render it:
its search index entries (exactly as Material's search plugin made them), its anchors and its links to anchors
(so that MkDocs checks links into and out of it as in a full build).  With the same site key and no page gone
since, :class:`Incremental` (a MkDocs plugin added by run.mkdocs_build) hard-links each unchanged page and file
from the previous site into the new, empty site folder and has MkDocs skip them (its ``dirty`` mode, with
``File.is_modified`` answered from the record instead of file times); the previous site is never written to:
MkDocs writes only files that are not linked.  Anything else (another key, a page removed, no or a broken
record): a full build.  The result is the same site, byte for byte, as a full build (tests/test_incremental.py).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .. import kept
from ..pdf.record import file_hash
from ..resources import PAGE_PACKAGES, TEMPLATES, code_digest

FORMAT = 1
#: MkDocs's warning for its dirty mode (meant for hand use, where stale pages may stay): here no page is stale
DIRTY_WARNING = "A 'dirty' build is being performed"


@functools.lru_cache(maxsize=2)
def _code_key(templates: Path) -> str:
    """Planbook's code and the site's template overrides, Material's templates by its version."""
    return code_digest(templates / "site" / "overrides", PAGE_PACKAGES)


def site_key(config_text: str, staged: Path, templates: Path = TEMPLATES) -> str:
    """What every page shares: mkdocs.yml (with this build's folder, which changes each time, taken out),
    Planbook's code and templates, the packages' versions."""
    h = hashlib.sha256(f"{FORMAT}\0{_code_key(templates)}\0".encode())
    h.update(config_text.replace(str(staged.resolve()), "<out>").encode())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _compiled():
    """Jinja's compiled templates kept in memory, by template name and a checksum of its source (Jinja's own
    key: a changed template is compiled again)."""
    from jinja2 import BytecodeCache

    class InMemory(BytecodeCache):
        def __init__(self) -> None:
            self.code: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            code = self.code.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket) -> None:
            self.code[bucket.key] = bucket.bytecode_to_string()

    return InMemory()


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def load_record(path: Path) -> dict | None:
    """The record at ``path``, None when there is none or it is not one.  In serve, the record the last build
    wrote, from memory, while ``path`` is still that very file (its identity: inode, size, time); its records
    are then the objects that file was written from (json.dumps writes them again as the same text)."""
    data = None
    if kept.enabled():
        held = kept.kept("site-record", "", (), dict)
        try:
            if held.get("stamp") == kept.stamp(path):  # the file may have moved: published by a rename
                data = held["data"]
        except OSError:
            pass
    try:
        if data is None:
            data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict) \
            or not isinstance(data.get("pages"), dict):
        return None
    return data


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class Incremental(BasePlugin):
    """Skip the pages and files that did not change since ``previous_site`` (built with ``previous``, its
    record); write this build's record to ``record`` when MkDocs has built every page."""

    def __init__(self, key: str, record: Path, previous_site: Path | None = None, previous: dict | None = None):
        super().__init__()
        self.key = key
        self.record = record
        self.previous_site = previous_site
        self.previous = previous if previous and previous.get("key") == key and previous_site else None
        self.hashes: dict[str, str] = {}
        self.pages: dict[str, dict[str, Any]] = {}  # src_uri -> what later builds need of the page
        self.kept: set[str] = set()  # src_uris linked from the previous site, not rendered
        self._entries_before = 0
        self._search = None
        self._order: list[str] = []

    @property
    def dirty(self) -> bool:
        """Whether MkDocs runs in its dirty mode (only when there is a previous site to take pages from)."""
        return self.previous is not None

    @staticmethod
    def quiet_dirty_warning() -> logging.Filter:
        return _DropDirtyWarning()

    # ------------------------------------------------------------------ which files are unchanged
    def on_files(self, files, *, config):
        for f in files:
            if f.abs_src_path and getattr(f, "generated_by", None) is None:
                self.hashes[f.src_uri] = kept.file_digest(f.src_uri, Path(f.abs_src_path), file_hash)
        old = self.previous
        if old is not None:
            pages = {f.src_uri for f in files.documentation_pages()}
            if set(old["pages"]) - pages:  # a page gone: links to it elsewhere must fail as in a full build
                old = self.previous = None
        site = Path(config.site_dir)
        for f in files:
            h = self.hashes.get(f.src_uri)
            keep = False
            if old is not None and h is not None and old["files"].get(f.src_uri) == h:
                src = self.previous_site / f.dest_uri
                keep = src.is_file() and (not f.is_documentation_page() or f.src_uri in old["pages"])
                if keep:
                    _link(src, site / f.dest_uri)
                    self.kept.add(f.src_uri)
            f.is_modified = (lambda: False) if keep else (lambda: True)
        return files

    def on_config(self, config):
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index"):  # Material's search plugin
                self._search = plugin

    # ------------------------------------------------------------------ what a page leaves for later builds
    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        links = {to.src_uri: dict(anchors) for to, anchors in (page.links_to_anchors or {}).items()}
        self.pages[page.file.src_uri] = {"anchors": sorted(page.present_anchor_ids or ()), "links": links}
        return html

    @event_priority(100)
    def _before_search(self, context, *, page, config, nav):
        if self._search is not None:
            self._entries_before = len(self._search.search_index.entries)
        return context

    @event_priority(-100)
    def _after_search(self, context, *, page, config, nav):
        if self._search is not None:
            entries = self._search.search_index.entries[self._entries_before:]
            self.pages[page.file.src_uri]["search"] = [dict(e) for e in entries]
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_env(self, env, *, config, files):
        """The pages not rendered: their anchors and links from the record, for MkDocs's link checks.  In serve
        (kept.py), the theme's templates compiled once: MkDocs makes a new Jinja environment for every build."""
        if kept.enabled():
            env.bytecode_cache = _compiled()
        for f in files.documentation_pages():
            if f.src_uri in self.kept and f.page is not None:
                saved = self.previous["pages"][f.src_uri]
                self.pages[f.src_uri] = saved
                f.page.present_anchor_ids = set(saved.get("anchors", ()))
                links = {}
                for uri, anchors in saved.get("links", {}).items():
                    target = files.get_file_from_path(uri)
                    if target is not None:
                        links[target] = dict(anchors)
                f.page.links_to_anchors = links or None
        return env

    @event_priority(100)
    def _before_index(self, *, config):
        """The search index in page order as a full build makes it, the record written."""
        from .search import hold_material_index
        if self._search is not None:
            entries: list = []
            for uri in self._order:
                entries.extend(self.pages.get(uri, {}).get("search", ()))
            self._search.search_index.entries = entries
            hold_material_index(self._search)  # serve: search.write_index takes it from memory
        self.record.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "key": self.key, "files": self.hashes,
                "pages": {uri: self.pages[uri] for uri in self._order if uri in self.pages}}
        tmp = self.record.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str), "utf-8")
        os.replace(tmp, self.record)
        if kept.enabled():  # serve: the next build reads this record from memory while the file is this one
            held = kept.kept("site-record", "", (), dict)
            held.clear()
            with contextlib.suppress(OSError):
                held.update(stamp=kept.stamp(self.record), data=data)

    @event_priority(-100)
    def _after_index(self, *, config):
        from .search import held_material_index
        if self._search is not None:
            held_material_index(Path(config.site_dir) / "search" / "search_index.json")

    on_post_build = CombinedEvent(_before_index, _after_index)

    @event_priority(-100)
    def on_nav(self, nav, *, config, files):
        self._order = [f.src_uri for f in files.documentation_pages()]
        return nav
