"""What planbook.yml may set beyond its typed fields: the one allow-list of MkDocs options an office may add
(site.mkdocs), Material's colour names, and paths that stay inside the repository.  The check rules (rules/site.py)
report what is refused with its line; the site's renderer (site/mkdocs_config.py) refuses it again as its last
guard and makes the allowed text safe in HTML attributes."""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

#: What an office may set through site.mkdocs, and nothing else (an allow-list, not a list of refusals: MkDocs
#: and Material read templates, Python and remote files from many other keys).  Text goes through ``title_text``
#: (Material prints these keys into HTML and attributes unescaped).
TEXT_KEYS = ("copyright", "site_description", "site_author")
#: Material features an office may switch on (anything else may load or run more than Planbook's pages need)
FEATURES = frozenset({"navigation.sections", "navigation.top", "navigation.tabs", "navigation.tabs.sticky",
                      "navigation.expand", "navigation.indexes", "navigation.path", "navigation.footer",
                      "navigation.tracking", "search.highlight", "search.suggest", "search.share", "toc.follow",
                      "toc.integrate", "header.autohide", "content.tabs.link", "content.code.copy"})
#: Markdown extensions an office may add (with options that are plain values): none reads files or runs code
EXTENSIONS = frozenset({"abbr", "def_list", "footnotes", "sane_lists", "nl2br", "smarty", "md_in_html",
                        "pymdownx.betterem", "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "pymdownx.details",
                        "pymdownx.tasklist", "pymdownx.smartsymbols", "pymdownx.saneheaders", "pymdownx.magiclink"})
#: Keys under extra that Material reads itself (analytics and consent load scripts from outside; social and
#: alternate write links): the office's own extra keys are kept, these are not
MATERIAL_EXTRA = frozenset({"analytics", "consent", "social", "alternate", "version", "homepage", "generator",
                            "status", "tags", "annotate", "scope", "planbook"})
#: Material's colour names (site.primary, site.accent): they are written into the pages' attributes
COLOURS = frozenset({"red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
                     "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
                     "black", "white"})
_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,40}$")
#: Keys that load something from outside the site (a finding of their own: K202)
OUTSIDE = frozenset({"theme.font", "extra.analytics", "extra.consent", "extra_css", "extra_javascript", "repo_url",
                     "google_analytics", "site_url", "theme.palette", "theme.icon"})


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, (bool, int, float, str))


def refused_options(options: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The keys of site.mkdocs that Planbook does not take, each with its value (shortened): ``[(key, value)]``.
    Empty when every key is one an office may set (TEXT_KEYS, theme.features, extra, markdown_extensions)."""
    bad: list[tuple[str, str]] = []

    def no(key: str, value: Any) -> None:
        text = value if isinstance(value, str) else repr(value)
        bad.append((key, text if len(text) <= 60 else text[:57] + "…"))
    for key, value in options.items():
        key = str(key)
        if key in TEXT_KEYS:
            if not _scalar(value):
                no(key, value)
        elif key == "theme":
            if not isinstance(value, Mapping):
                no(key, value)
                continue
            for k, v in value.items():
                if k != "features":
                    no(f"theme.{k}", v)
                elif not isinstance(v, list) or any(f not in FEATURES for f in v):
                    no("theme.features", [f for f in v if f not in FEATURES] if isinstance(v, list) else v)
        elif key == "extra":
            if not isinstance(value, Mapping):
                no(key, value)
                continue
            for k, v in value.items():
                ok = isinstance(k, str) and _WORD.match(k) and k not in MATERIAL_EXTRA and (
                    _scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v)))
                if not ok:
                    no(f"extra.{k}", v)
        elif key == "markdown_extensions":
            entries = [{k: v} for k, v in value.items()] if isinstance(value, Mapping) else value
            if not isinstance(entries, list):
                no(key, value)
                continue
            for e in entries:
                name = name_of(e)
                opts = e[name] if isinstance(e, Mapping) else None
                if name in EXTENSIONS | {"tables", "toc", "admonition"} and (
                        opts is None or (isinstance(opts, Mapping) and all(_scalar(v) for v in opts.values()))):
                    continue
                no(f"markdown_extensions.{name}", opts if opts is not None else name)
        else:
            no(key, value)
    return bad


def outside(key: str) -> bool:
    """Whether a refused key of site.mkdocs would make the site load something from outside itself."""
    return key in OUTSIDE or key.split(".")[0] in OUTSIDE


def name_of(entry: Any) -> str:
    """The name of a markdown_extensions entry (a name, or {name: options})."""
    return next(iter(entry)) if isinstance(entry, Mapping) and entry else str(entry)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def inside(path: str) -> bool:
    """Whether a path written in planbook.yml stays inside the repository as written (no absolute path, no '..',
    no address); links out of it are refused where the file is read."""
    p = PurePosixPath(path.replace("\\", "/"))
    return bool(path) and not p.is_absolute() and ".." not in p.parts and not path.startswith("~") \
        and not _SCHEME.match(path) and "\x00" not in path


#: What in an office's style sheet loads from outside the site: @import, and url() of an address with a scheme
#: (https:, data: is kept: it loads nothing) or a network path (//host/…)
_CSS_OUTSIDE = re.compile(r"@import\b|url\(\s*['\"]?\s*(?!data:)(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)", re.I)


def css_outside(text: str) -> list[tuple[int, str]]:
    """The places in a style sheet that would load something from outside the site: ``[(line, excerpt)]``.
    Comments are read as well (a browser ignores them, but refusing them costs nothing)."""
    found = []
    for m in _CSS_OUTSIDE.finditer(text.replace("\\\n", "")):
        line = text.count("\n", 0, m.start()) + 1
        found.append((line, text[m.start():m.start() + 60].split("\n")[0]))
    return found
