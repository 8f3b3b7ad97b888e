"""Plain text for the site's Markdown pages: what a value shows as, and what it must never become."""
from __future__ import annotations

import markdown
import pytest

from generator.site.text import markdown as md_filter, plain


@pytest.mark.parametrize("value, shown", [(0, "0"), (0.0, "0.0"), (None, ""), ("", ""), (12, "12")])
def test_numbers_and_empty_values(value, shown):
    assert str(plain(value)) == shown


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**粗体** [链接](javascript:alert(1))", "1. 不是列表",
                                  "# 不是标题", "| 不是 | 表格 |", "- 不是列表"])
def test_plain_text_stays_text(text):
    html = markdown.markdown(str(plain(text)), extensions=["tables"])
    assert "<script" not in html and "<strong>" not in html and "<a " not in html
    assert "<ol>" not in html and "<ul>" not in html and "<h1>" not in html and "<table>" not in html


def test_markdown_field_keeps_its_markup_but_not_raw_html():
    html = markdown.markdown(str(md_filter("**重点**\n\n<img src=x onerror=alert(1)>")))
    assert "<strong>重点</strong>" in html and "<img" not in html
