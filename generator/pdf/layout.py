"""The GB/T 9704-2012 numbers, in one place (mm and pt); the CSS templates receive them from here."""
from __future__ import annotations

MM = 72 / 25.4  # points per millimetre

PAGE_W, PAGE_H = 210.0, 297.0  # A4
TOP = 37.0  # 天头
BINDING = 28.0  # 订口: left on odd pages, right on even pages
BLOCK_W, BLOCK_H = 156.0, 225.0  # 版心
OUTER = PAGE_W - BINDING - BLOCK_W  # 26 mm
BOTTOM = PAGE_H - TOP - BLOCK_H  # 35 mm
LINES, CHARS = 22, 28
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
PAGE_NUMBER_GAP = 7.0  # mm from the bottom of the text block to the page number
ISSUER_MARK_TOP = 35.0  # mm from the top of the text block to the top of the issuer mark

LINE_PT = BLOCK_H * MM / LINES  # 28.99 pt
PITCH_PT = BLOCK_W * MM / CHARS  # 15.79 pt
LETTER_SPACING_PT = round(PITCH_PT - BODY_PT - 0.005, 3)  # about -0.21 pt: 28 characters fill a line

#: one A5 response card, and the margins of cards and case reports
CARD_MARGIN = 12.0
REPORT_MARGINS = (25.0, 25.0, 25.0, 25.0)


def css_vars() -> dict[str, str]:
    """The numbers as CSS lengths for the templates."""
    return {
        "top": f"{TOP}mm", "binding": f"{BINDING}mm", "outer": f"{OUTER}mm", "bottom": f"{BOTTOM}mm",
        "block_w": f"{BLOCK_W}mm", "block_h": f"{BLOCK_H}mm",
        "body_pt": f"{BODY_PT}pt", "title_pt": f"{TITLE_PT}pt", "line": f"{int(LINE_PT * 1000) / 1000:.3f}pt",  # rounded down: 22 lines must fit
        "pitch": f"{PITCH_PT:.4f}pt", "letter_spacing": f"{LETTER_SPACING_PT}pt",
        "page_number_pt": f"{PAGE_NUMBER_PT}pt", "page_number_gap": f"{PAGE_NUMBER_GAP}mm",
        "mark_top": f"{ISSUER_MARK_TOP}mm", "card_margin": f"{CARD_MARGIN}mm",
    }
