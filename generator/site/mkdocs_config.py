"""The generated mkdocs.yml: Material in Chinese, Chinese search, nothing loaded from outside,
the office's branding, then the office's own MkDocs options (planbook.yml ``site.mkdocs``) merged in."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import Repository
from ..settings import COLOURS, TEXT_KEYS, refused_options
from ..settings import name_of as _name
from .text import title_text

CSS = ["assets/planbook.css", "assets/print.css"]
#: Planbook's own Markdown extension (mdext: images from the site only)
MDEXT = "generator.site.mdext"
JS = ["assets/case-filter.js", "assets/duty-today.js", "assets/search-zh.js", "assets/incident-clock.js",
      "assets/offline.js"]
#: Material's offline plugin needs a Web Worker shim to search from disk (file://); bundled, never from a CDN
POLYFILLS = ["assets/vendor/iframe-worker/shim.js"]


def merge(base: dict, extra: Mapping[str, Any]) -> dict:
    """``extra`` over ``base``: mappings are merged key by key, anything else replaces."""
    out = dict(base)
    for k, v in extra.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


def site_name(repo: Repository) -> str:
    office = repo.config.office
    return repo.config.site.name or f"{office.short_name or office.name}网络舆情应急预案"


def mkdocs_config(repo: Repository, nav: list, *, docs_dir: str, site_dir: str, brand: Mapping[str, str],
                  extra_css: list[str], public: bool, overrides: str = "") -> dict:
    site = repo.config.site
    theme: dict[str, Any] = {
        "name": "material",
        "language": "zh",
        "font": False,  # no Google Fonts: the browser's own Chinese fonts
        "palette": {"primary": site.primary, "accent": site.accent},
        "features": ["navigation.sections", "navigation.top", "search.highlight", "toc.follow"],
        "icon": {"logo": "material/shield-alert-outline"},
    }
    if overrides:  # Planbook's own template additions (site_templates/site/overrides): the manifest link
        theme["custom_dir"] = overrides
    if brand.get("logo"):
        theme["logo"] = brand["logo"]
    if brand.get("favicon"):
        theme["favicon"] = brand["favicon"]
    config: dict[str, Any] = {
        "site_name": title_text(site_name(repo)),  # Material prints it as HTML
        **({"site_url": site.url} if site.url else {}),  # the intranet address (the response cards' QR codes)
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "use_directory_urls": False,  # the folder works when opened from disk as well
        "strict": True,
        "theme": theme,
        "nav": nav,
        "not_in_nav": "/cases/*.md\n/cases/years/*.md\n/training/*.md\n/drills/*.md\n/pdf/**\n/changes/**\n/respond/**\n",
        # Material's search plugin collects each page's sections; generator/site/search.py cuts them into
        # the sharded index that Planbook's search worker loads (Material's offline plugin: the search box and
        # the worker shim from disk)
        "plugins": [{"search": {"lang": "zh"}}, "offline"],
        "markdown_extensions": ["tables", {"toc": {"permalink": False}}, "admonition", MDEXT],
        "extra_css": CSS + extra_css,
        "extra_javascript": JS,
        "extra": {"generator": False, "planbook": {"public": public}, "polyfills": POLYFILLS},
        "validation": {"nav": {"omitted_files": "warn", "not_found": "warn"},
                       "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
    }
    refused = refused_options(site.mkdocs)
    bad_colours = [c for c in (site.primary, site.accent) if c not in COLOURS]
    if refused or bad_colours:  # check reports these as K201, K202, K204 first: this is the last guard
        from .run import SiteError
        named = ", ".join([f"{k}（{v}）" for k, v in refused] + bad_colours)
        raise SiteError(f"planbook.yml 的 site 设置中有 Planbook 不接受的项：{named}。",
                        f"planbook.yml's site settings hold items Planbook does not take: {named}",
                        "运行 planbook check 查看每一项；可写的项见 docs/output.md。",
                        "Run planbook check to see each item; docs/output.md lists what may be set.")
    own = {k: (title_text(v) if k in TEXT_KEYS and isinstance(v, str) else v)
           for k, v in site.mkdocs.items() if k != "markdown_extensions"}
    if isinstance(own.get("extra"), Mapping):
        own["extra"] = {k: title_text(v) if isinstance(v, str) else v for k, v in own["extra"].items()}
    merged = merge(config, own)
    merged["markdown_extensions"] = _extensions(config["markdown_extensions"], site.mkdocs.get("markdown_extensions"))
    return merged


def _extensions(ours: list, theirs: Any) -> list:
    """Planbook's Markdown extensions, then those an office adds in site.mkdocs (a list, or MkDocs's
    {name: options}) that are not among them; mdext always last (images from the site only)."""
    if isinstance(theirs, Mapping):
        theirs = [{k: v} for k, v in theirs.items()]
    elif not isinstance(theirs, list):
        theirs = []
    have = {_name(e) for e in ours}
    return [e for e in ours if e != MDEXT] + [e for e in theirs if _name(e) not in have | {MDEXT}] + [MDEXT]
