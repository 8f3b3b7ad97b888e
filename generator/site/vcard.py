"""The roster as a vCard 3.0 file (.vcf) that a phone imports into its contacts: internal builds only.

The text comes from the Jinja2 template site_templates/site/roster.vcf.j2; every value it writes is escaped
here as RFC 6350 says (backslash, comma, semicolon, line break), and the lines are folded at 75 octets
(never inside a character) and ended with CRLF.
"""
from __future__ import annotations

import functools
from pathlib import Path

from ..model.common import phone_kind


def escape(value: object) -> str:
    """A vCard property value: backslash, comma and semicolon escaped, line breaks as \\n."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> list[str]:
    """One content line as physical lines of at most ``limit`` octets (UTF-8), continuations starting with
    a space; a character is never split."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return out


@functools.lru_cache(maxsize=4)
def _environment(templates: str):
    import jinja2
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(templates) / "site")), autoescape=False,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                              finalize=escape)  # every value written is escaped: a template cannot forget


def tel_type(number: str) -> str:
    """The vCard TYPE of a phone number: CELL for a mobile, WORK for a landline."""
    return "CELL" if phone_kind(number) == "mobile" else "WORK"


def vcard_text(templates: Path, **values) -> str:
    """The .vcf file: the template's lines, empty ones dropped, folded, CRLF."""
    text = _environment(str(templates)).get_template("roster.vcf.j2").render(tel_type=tel_type, **values)
    lines = [physical for line in text.splitlines() if line.strip() for physical in fold(line)]
    return "\r\n".join(lines) + "\r\n"
