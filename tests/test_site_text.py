"""Plain text for the site's Markdown pages: what a value shows as, and what it must never become."""
from __future__ import annotations

import markdown
import pytest

from generator.site.text import markdown as md_filter
from generator.site.text import plain


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


@pytest.mark.parametrize("text", ["[点此][a]\n\n[a]: javascript:alert(1)", "[x](javascript:alert(1))",
                                  "[a]: VBScript:msgbox(1)\n\n[x][a]", "![p](javascript:alert(1))"])
def test_no_script_link_survives(text):
    html = site_html(text)
    assert "script:" not in html.lower()


def site_html(text: str) -> str:
    """``text`` as a site page shows it: the markdown filter, then Markdown with the site's extensions."""
    from generator.site.mdext import makeExtension
    return markdown.markdown(str(md_filter(text)), extensions=["tables", "toc", "admonition", makeExtension()])


REMOTE_IMAGES = [
    "![截图](https://img.example.com/a.png)", "![截图](//img.example.com/a.png)",
    "![截图][s]\n\n[s]: https://img.example.com/a.png", "![截图][]\n\n[截图]: http://img.example.com/a.png",
    "![S]\n\n[s]: //img.example.com/a", "![a [b] c](https://img.example.com/a.png)",
    "![a [b] c][s]\n\n[s]: https://img.example.com/a.png", "![a\nb](https://img.example.com/a.png)",
    "![x] [s]\n\n[s]: https://img.example.com/a.png", "![x]\n[s]\n\n[s]: https://img.example.com/a.png",
    "![x][s]\n\n[s]:\n    https://img.example.com/a.png", "![][]\n\n[]: https://img.example.com/a.png",
    "- 项\n\n    ![x][s]\n\n    [s]: https://img.example.com/a.png", "!!! note\n    ![x](https://img.example.com/a.png)",
    "![x](\nhttps://img.example.com/a.png)", "![x](https:img.example.com/a.png)", "![x](HTTPS://img.example.com/a.png)",
    "![x](/\\img.example.com/a.png)", "![x](\\\\\\\\img.example.com/a.png)", "![x](https://img.example.com/a.png \"题\")",
    "[![x](https://img.example.com/a.png)](https://example.com/)"]


@pytest.mark.parametrize("text", REMOTE_IMAGES)
def test_an_image_from_another_host_is_not_loaded(text):
    """The intranet site never makes the reader's browser fetch from another host: the image becomes a link
    (inside a link, text)."""
    import re
    html = site_html(text)
    assert "<img" not in html and "图片" in html, html
    from generator.site.mdext import is_script
    assert not any(is_script(h) for h in re.findall(r'href="([^"]*)"', html)), html


@pytest.mark.parametrize("text", ["![x](`javascript:alert(1)`)", "![x][r]\n\n[r]:\njavascript:alert(4)",
                                  "![x](vbscript:msgbox(1))", "![x](http://[evil)", "[x](http://[evil)"])
def test_an_image_or_link_that_would_run_or_break_goes_nowhere(text):
    import re
    html = site_html(text)
    assert "<img" not in html and "script:" not in html.lower(), html
    assert all(h == "#" or h.startswith("`") for h in re.findall(r'href="([^"]*)"', html)), html


def test_autolinks_and_angle_bracket_addresses_stay_links():
    html = site_html("见 <https://www.example.gov.cn/a?b=1> 与 [通报](<https://www.example.gov.cn/通报 1.html>)。"
                     "\n\n<b>粗</b> <https://x.example.com/\" onmouseover=alert(1)>")
    assert '<a href="https://www.example.gov.cn/a?b=1">' in html and 'href="https://www.example.gov.cn/通报 1.html"' in html
    assert "<b>" not in html and "onmouseover=alert" not in html.replace("onmouseover=alert(1)&gt;", ""), html


def test_an_image_of_the_site_stays_an_image():
    html = site_html("![流程图](flow.png)\n\n![b][f]\n\n[f]: img/b.png")
    assert html.count("<img") == 2


@pytest.mark.parametrize("text", ["[x](\njavascript:alert(1))", "[x](java\tscript:alert(1))", "[x][a]\n\n[a]:\n javascript:alert(1)",
                                  "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,<b>)"])
def test_no_script_link_survives_the_site_either(text):
    import re
    html = site_html(text)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") for h in hrefs), html


def test_hostile_plan_title_and_office_name_stay_text_in_every_page(tmp_path):
    """Material prints navigation titles and the site name as HTML: they are escaped before."""
    import shutil

    from conftest import MINIMAL, run_cli
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    plan = repo / "plans" / "demo" / "plan.yml"
    plan.write_text(plan.read_text("utf-8").replace("title: 示范镇网络舆情应急预案",
                                                    "title: '示范镇<img src=x onerror=alert(1)>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;预案'", 1),
                    "utf-8")
    cfg = repo / "planbook.yml"
    cfg.write_text(cfg.read_text("utf-8") + "site:\n  name: '<script>alert(2)</script>站点'\n", "utf-8")
    case = repo / "cases" / "2025" / "2025-001.md"  # a narrative with a remote image and a script link
    case.write_text(case.read_text("utf-8") + "\n![网帖截图][s]\n\n[点此](\njavascript:alert(4))\n\n"
                    "[s]:\n    https://img.example.com/shot.png\n", "utf-8")
    r = run_cli("build", "--no-pdf", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    pages = list((repo / "output" / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text("utf-8")
        assert "<img src=x" not in text and "<script>alert(2)" not in text and "<script>alert(3)" not in text, page
    assert "示范镇＜img src=x" in (repo / "output" / "site" / "index.html").read_text("utf-8")
    shown = (repo / "output" / "site" / "cases" / "2025-001.html").read_text("utf-8")
    assert "图片：网帖截图" in shown and 'src="https://img.example.com' not in shown and "alert(4)" not in shown


def test_public_build_masks_names_in_case_lists_and_mobiles_of_units(tmp_path):
    import shutil

    from conftest import MINIMAL, run_cli
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    case = next((repo / "cases").rglob("*.md"))
    text = case.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    case.write_text(text.replace(title, "title: 网传卫生院院长李红梅收受红包", 1), "utf-8")
    roster = repo / "plans" / "rosters" / "demo.yml"
    roster.write_text(roster.read_text("utf-8").replace('phones: ["0123-5550199"]',
                                                        'phones: ["0123-5550199", "13900001234"]', 1), "utf-8")
    r = run_cli("build", "--no-pdf", "--public", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    site = repo / "output" / "site"
    for page in [site / "cases" / "index.html", site / "index.html", *site.glob("plans/*.html")]:
        assert "李红梅" not in page.read_text("utf-8"), page
    assert "李某某" in (site / "cases" / "index.html").read_text("utf-8")
    import html
    roster_page = html.unescape((site / "rosters" / "demo.html").read_text("utf-8"))
    assert "13900001234" not in roster_page and "139****1234" in roster_page and "0123-5550199" in roster_page
