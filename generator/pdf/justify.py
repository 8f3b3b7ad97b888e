"""Justified Chinese lines.  WeasyPrint's ``text-align: justify`` stretches spaces only (a Chinese line has
none), so a line holding half-width digits, Latin letters or proportional quotation marks stops short of the
right edge (up to 12.4 mm in the example plans).  ``install()`` teaches the renderer to spread the missing
width over every character gap of a line that holds Chinese text, as Word and WPS do: the extra space is
letter spacing (a Pango attribute), so no character is inserted and text extraction stays clean.

It replaces two functions of WeasyPrint's inline layout and wraps one method of its text layout, checked
against WeasyPrint 70 (``SUPPORTED``); with another version the module leaves WeasyPrint alone and lines
stay unjustified (tests/test_gongwen.py measures the right edge, so a change shows up there).
"""
from __future__ import annotations

import re

SUPPORTED = ("70.",)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
_installed = False


def _chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def install() -> bool:
    """Patch WeasyPrint (once per process); False when its version is not one this was checked against."""
    global _installed
    if _installed:
        return True
    import weasyprint
    if not weasyprint.__version__.startswith(SUPPORTED):
        return False
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    def count_expandable_spaces(box):
        """Spaces, and in a text box holding Chinese every character (each takes a share of the extra width)."""
        if isinstance(box, boxes.TextBox):
            if _chinese(box.text):
                return len(box.text)
            return box.text.count(" ") + box.text.count("\u00a0")
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return sum(count_expandable_spaces(child) for child in box.children)
        return 0

    original_set_text = line_break.Layout.set_text

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        if not (justify and self.justification_spacing and _chinese(self.text)):
            return
        ffi, pango = line_break.ffi, line_break.pango
        letter_spacing = self.style["letter_spacing"]
        letter_spacing = 0 if letter_spacing == "normal" else letter_spacing
        _text, bytestring = line_break.unicode_to_char_p(self.text)
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        attr = pango.pango_attr_letter_spacing_new(
            int((letter_spacing + self.justification_spacing) * line_break.TO_UNITS))
        attr.start_index, attr.end_index = 0, len(bytestring)
        pango.pango_attr_list_change(attrs, attr)
        pango.pango_layout_set_attributes(self.layout, attrs)

    inline.count_expandable_spaces = count_expandable_spaces
    line_break.Layout.set_text = set_text
    _installed = True
    return True
