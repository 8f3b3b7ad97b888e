"""Where Planbook's own files are, in a source checkout and in an installed wheel.

In the source tree the templates are ``site_templates/`` beside the ``generator`` package; a wheel
carries them inside the package as ``generator/site_templates`` (setup.py maps the folder).  Everything
that reads a template asks ``TEMPLATES`` here.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _templates() -> Path:
    installed = PACKAGE / "site_templates"
    return installed if installed.is_dir() else PACKAGE.parent / "site_templates"


#: Planbook's Jinja2 templates and site assets: site/, pdf/, init/, new/, charts/
TEMPLATES = _templates()

#: the source checkout this package runs from (its .fonts/fandol is one place the Fandol fonts are looked for),
#: or None for an installed package
SOURCE_TREE: Path | None = None if TEMPLATES.parent == PACKAGE else PACKAGE.parent


#: packages whose version changes the HTML or the search index of a site page (site/incremental.py's page key;
#: site/reuse.py's whole-site key adds what reads the office's files)
PAGE_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "markupsafe", "jieba")


def package_version(name: str) -> str:
    """The installed version of a package ("?" when it cannot be told): part of what the renderers key reuse on."""
    from importlib.metadata import version
    try:
        return version(name)
    except Exception:
        return "?"


def code_digest(templates: Path, packages) -> str:
    """sha256 of Planbook's Python code, every file under ``templates`` (a folder of them), Python's version and the
    versions of ``packages`` (the names of those whose versions change an output): what the PDF and site renderers
    key their reuse on."""
    import hashlib
    import sys
    versions = " ".join(f"{n}={package_version(n)}" for n in sorted(set(packages)))
    h = hashlib.sha256(f"{sys.version}\0{versions}".encode())
    for base, pattern in ((PACKAGE, "*.py"), (templates, "*")):
        for path in sorted(base.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"\0{path.relative_to(base).as_posix()}\0".encode())
                h.update(path.read_bytes())
    return h.hexdigest()
