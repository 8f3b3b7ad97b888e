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
RED_RULE_GAP = 4.0  # mm from the 发文字号 to the red rule
RED_RULE = 0.5  # mm, the red rule's thickness
SEAL = 42.0  # mm, the diameter of an office seal
SEAL_TOP = 4.0  # mm from the last line of text to the top of the seal ("within a line")
SIGNATURE_GAP_LINES = 2  # blank lines between the text and the issuer's name
DATE_INDENT = 4  # characters between the date and the right edge of the text block (with a seal)
TITLE_LINE_PT = 36.0  # line pitch of the 2号 title
TITLE_CHARS = 20  # 2号 characters on a line of the text block (156 mm / 22 pt)

LINE_PT = BLOCK_H * MM / LINES  # 28.99 pt
PITCH_PT = BLOCK_W * MM / CHARS  # 15.79 pt
LETTER_SPACING_PT = round(PITCH_PT - BODY_PT - 0.005, 3)  # about -0.21 pt: 28 characters fill a line

#: one A5 response card, and the margins of cards and case reports
CARD_MARGIN = 12.0
REPORT_MARGINS = (25.0, 25.0, 25.0, 25.0)


def grid_pad(height_pt: float) -> float:
    """What to add under ``height_pt`` of page-1 material (版头 and title) so that the body below it starts on
    the 22-line grid of every other page."""
    line = int(LINE_PT * 1000) / 1000
    rest = height_pt % line
    return 0.0 if rest < 0.01 else round(line - rest, 3)


def head_height(mark_pt: float | None, title_lines: int) -> float:
    """The height (pt) of page 1 from the top of the text block to the bottom of the title: the issuer mark
    (None: no mark), two blank lines, the 发文字号, the red rule, two blank lines, the title's lines
    (the numbers of the template plan.html.j2)."""
    line = int(LINE_PT * 1000) / 1000
    h = 0.0
    if mark_pt is not None:
        h += ISSUER_MARK_TOP * MM + mark_pt + 2 * line + 4
    h += BODY_PT + RED_RULE_GAP * MM + RED_RULE * MM + 2 * line + title_lines * TITLE_LINE_PT
    return h


def css_vars() -> dict[str, str]:
    """The numbers as CSS lengths for the templates."""
    return {
        "top": f"{TOP}mm", "binding": f"{BINDING}mm", "outer": f"{OUTER}mm", "bottom": f"{BOTTOM}mm",
        "block_w": f"{BLOCK_W}mm", "block_h": f"{BLOCK_H}mm",
        "body_pt": f"{BODY_PT}pt", "title_pt": f"{TITLE_PT}pt", "line": f"{int(LINE_PT * 1000) / 1000:.3f}pt",  # rounded down: 22 lines must fit
        "pitch": f"{PITCH_PT:.4f}pt", "letter_spacing": f"{LETTER_SPACING_PT}pt",
        "page_number_pt": f"{PAGE_NUMBER_PT}pt", "page_number_gap": f"{PAGE_NUMBER_GAP}mm",
        "mark_top": f"{ISSUER_MARK_TOP}mm", "card_margin": f"{CARD_MARGIN}mm",
        "rule_gap": f"{RED_RULE_GAP}mm", "rule": f"{RED_RULE}mm", "seal": f"{SEAL}mm",
        "title_line": f"{TITLE_LINE_PT}pt",
    }
