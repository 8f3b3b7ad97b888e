"""The site's own Markdown extension: what untrusted Markdown may make the reader's browser do.

- An image written into a plan or case as ``![截图](https://…)`` would make every reader's browser fetch it
  from another host: that tells the host who reads the plan, and it fails on an intranet without internet.
  Each ``<img>`` whose address has a scheme (other than ``data:``) or starts with ``//`` becomes a link
  "图片：alt" to it (plain text inside a link).
- A link whose scheme is not http(s), mailto or tel (``javascript:``, ``vbscript:``, ``data:``) goes nowhere.

It works on the tree Markdown has parsed, after the inline patterns, so it sees every way Markdown has of
writing an image or a link (references, titles, line breaks) — what text.markdown cannot see in the text.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown import Extension, Markdown, util
from markdown.treeprocessors import Treeprocessor

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


_SAFE_LINKS = ("http", "https", "mailto", "tel")


_ESCAPED = re.compile(f"{util.STX}([0-9]+){util.ETX}")


def _as_browser_reads(url: str) -> str:
    """The address as the page will hold it (Markdown's backslash escapes are still placeholders while the
    tree is processed), then as a browser reads it: control characters and whitespace dropped, a backslash
    read as a slash."""
    url = _ESCAPED.sub(lambda m: chr(int(m.group(1))), url)
    return "".join(ch for ch in url if ch > " " and ch != "\x7f").replace("\\", "/")


def is_remote(src: str) -> bool:
    """Whether a browser would fetch the image ``src`` from somewhere other than the site
    (``https:host/a``, ``\\\\host/a`` and ``//host`` all leave; ``data:`` stays)."""
    s = _as_browser_reads(src)
    return s.startswith("//") or (bool(_SCHEME.match(s)) and not s.lower().startswith("data:"))


def is_script(href: str) -> bool:
    """Whether a link's scheme is one that runs or embeds something (anything but http(s), mailto, tel)."""
    m = _SCHEME.match(_as_browser_reads(href))
    return bool(m) and m.group(0)[:-1].lower() not in _SAFE_LINKS


def _unwrapped(url: str) -> str:
    """An address written in angle brackets (``[x](<https://…>)``) reaches the tree with its brackets as
    text (the markdown filter escaped them): without them it is the address meant."""
    s = url.strip()
    for left, right in (("&lt;", "&gt;"), ("<", ">")):
        if s.startswith(left) and s.endswith(right):
            return s[len(left):-len(right)].strip()
    return url


def _parses(url: str) -> bool:
    """Whether MkDocs can read the address at all (``http://[evil`` makes urlsplit raise)."""
    try:
        urlsplit(url)
        return True
    except ValueError:
        return False


class LocalImages(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in list(root.iter("img")):
            src = _unwrapped(img.get("src", ""))
            img.set("src", src)
            if _parses(src) and not is_remote(src):
                continue
            parent, up = parents[img], parents.get(img)
            in_link = False
            while up is not None:
                in_link = in_link or up.tag == "a"
                up = parents.get(up)
            shown = etree.Element("span" if in_link else "a", {"class": "remote-image"})
            if not in_link:
                shown.set("href", "".join(src.split()))
            shown.text = f"图片：{img.get('alt') or img.get('title') or ''}".rstrip("：")
            shown.tail = img.tail
            parent[list(parent).index(img)] = shown
        # every link, those just made of images included
        for a in root.iter("a"):
            if "href" in a.attrib:
                href = _unwrapped(a.get("href", ""))
                a.set("href", "#" if is_script(href) or not _parses(href) else href)


class LocalImagesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the inline patterns (20) have made the <img> elements
        md.treeprocessors.register(LocalImages(md), "planbook_local_images", 15)


def makeExtension(**kwargs) -> LocalImagesExtension:
    return LocalImagesExtension(**kwargs)
