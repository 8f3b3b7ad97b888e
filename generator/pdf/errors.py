"""Errors of the PDF renderer: each message says what is wrong (Chinese and English) and how to fix it."""
from __future__ import annotations

from ..errors import PlanbookError


class PdfError(PlanbookError):
    """A PDF could not be made; the message names the document and the remedy."""


class FontMissing(PdfError):
    """No file for a font role exists."""


class GlyphMissing(PdfError):
    """A character that no configured or fallback font can draw."""


class RenderFailed(PdfError):
    """WeasyPrint failed on a document."""
