"""The site offline: the web app manifest and the service worker, written into the built site.

Written after MkDocs has built the site, because the service worker lists the files it keeps (the pages the
person on duty needs and every asset, Material's included, whose names carry content hashes).  Its cache name
is a digest of those files, so a new build replaces a phone's copy and an unchanged one keeps it.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

#: the pages a phone keeps from its first visit: the home page, plans, response pages, rosters
PAGES = ("index.html", "plans/*.html", "respond/*/*.html", "rosters/*.html")
#: kept as well: what those pages need to show and search.  search/c/ is the part of the sharded search index
#: (generator/site/search.py) that covers PAGES: its size grows with the plans, not with the cases, so a phone
#: searches the plans, rosters and response pages offline at any size of the case library.
ASSETS = ("assets/**/*", "search/search_index.json", "search/c/*.js", "manifest.webmanifest")


def precache(site: Path) -> list[str]:
    files: set[str] = set()
    for pattern in PAGES + ASSETS:
        for f in site.glob(pattern):
            if not f.is_file() or f.name.endswith(".map"):
                continue
            files.add(f.relative_to(site).as_posix())
    return sorted(files)


def manifest(name: str, short_name: str) -> dict:
    return {"name": name, "short_name": short_name or name, "lang": "zh-CN", "start_url": "./index.html",
            "scope": "./", "display": "standalone", "background_color": "#ffffff", "theme_color": "#d32f2f",
            "icons": [{"src": "assets/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}]}


def write_offline(site: Path, env, name: str, short_name: str) -> None:
    """Write manifest.webmanifest and sw.js into the built ``site`` (``env``: the site's Jinja environment)."""
    (site / "manifest.webmanifest").write_text(json.dumps(manifest(name, short_name), ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    files = precache(site)
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + (site / rel).read_bytes())
    sw = env.get_template("sw.js.j2").render(cache="planbook-" + digest.hexdigest()[:16], files=files)
    (site / "sw.js").write_text(sw, encoding="utf-8")
