"""Attacks by someone who may write one file of the repository (issue 13): each test reproduces one attack
against the real component (the real build, MkDocs, Chromium) and checks it no longer works.

Items: 1 script through the office's names; 2 code from planbook.yml's site.mkdocs (custom_dir); 7 requests to
the outside by configuration."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, codes, run_cli
from test_site import Watched, serve

ATTR = '" autofocus onfocus="window.__pwned=1;alert(document.domain)" data-pwned="'


def hostile_repo(tmp: Path, config: str) -> Path:
    root = tmp / "repo"
    shutil.copytree(MINIMAL, root)
    (root / "planbook.yml").write_text(config, encoding="utf-8")
    return root


def build(root: Path, out: Path, *args: str):
    return run_cli("build", "--no-pdf", "--today", "2026-01-01", "-o", str(out), *args, cwd=root)


NAMES = f"""office:
  name: '示范镇{ATTR}'
  short_name: '云岚{ATTR}<img src=x onerror=window.__pwned=2>'
timezone: Asia/Shanghai
site:
  mkdocs:
    copyright: '版权{ATTR}<img src=x onerror=window.__pwned=3>'
    site_description: '描述{ATTR}'
    site_author: '作者{ATTR}'
    extra:
      motto: '口号{ATTR}'
"""


@pytest.fixture(scope="module")
def names_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("names")
    root = hostile_repo(tmp, NAMES)
    plan = root / "plans" / "demo" / "plan.yml"
    plan.write_text(plan.read_text("utf-8").replace("title: 示范镇网络舆情应急预案", f"title: '预案{ATTR}'", 1), "utf-8")
    roster = root / "plans" / "rosters" / "demo.yml"
    roster.write_text(roster.read_text("utf-8").replace("office: 示范镇人民政府", f"office: '通讯录{ATTR}'"), "utf-8")
    r = build(root, tmp / "out")
    assert r.returncode == 0, r.stdout + r.stderr
    return tmp / "out" / "site"


def test_office_names_reach_no_attribute_and_run_nothing(names_site, browser):
    pages = sorted(names_site.rglob("*.html"))
    for p in pages:
        assert not injected_attributes(p.read_text("utf-8")), p
    with serve(names_site) as url:
        w = Watched(browser)
        dialogs = []
        w.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            for rel in ("index.html", "plans/demo.html", "rosters/demo.html", "cases/index.html"):
                w.page.goto(url + rel)
                w.page.wait_for_load_state("networkidle")
                w.page.keyboard.press("Tab")
                w.page.mouse.move(10, w.page.viewport_size["height"] - 10)
                w.page.wait_for_timeout(200)
                assert w.page.evaluate("typeof window.__pwned") == "undefined", rel
                assert w.page.evaluate("document.querySelectorAll('[onfocus],[autofocus],[onerror]').length") == 0
                assert "云岚" in w.page.inner_text("header")
            assert not dialogs
            w.assert_clean(url)
        finally:
            w.close()


def injected_attributes(html: str) -> list[str]:
    """Attributes of the page's elements that only the attack would put there."""
    from html.parser import HTMLParser
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(f"{tag} {k}" for k, _ in attrs if k in ("autofocus", "data-pwned") or k.startswith("on"))
            if tag == "img" and dict(attrs).get("src") == "x":
                found.append("img src=x")
    Parser().feed(html)
    return found


EVIL_TEMPLATE = '{{ "".__class__.__mro__[1].__subclasses__() }}{% set x = cycler.__init__.__globals__.os.system("touch PWNED") %}'


@pytest.mark.parametrize("mkdocs, code", [
    ("    theme:\n      custom_dir: {outside}\n", "K201"),
    ("    theme:\n      name: material\n      custom_dir: overrides\n", "K201"),
    ("    theme:\n      static_templates: [../../x.html]\n", "K201"),
    ("    markdown_extensions:\n      - pymdownx.snippets:\n          base_path: [/etc]\n", "K201"),
    ("    markdown_extensions: [pymdownx.emoji]\n", "K201"),
    ("    INHERIT: {outside}/mkdocs.yml\n", "K201"),
    ("    theme:\n      font: {{text: Roboto}}\n", "K202"),
    ("    extra:\n      analytics: {{provider: google, property: G-XXXX}}\n", "K202"),
    ("    extra_css: ['https://cdn.example.com/x.css']\n", "K202"),
    ("    repo_url: https://github.com/x/y\n", "K202"),
], ids=["custom_dir-outside", "custom_dir-inside", "static_templates", "snippets", "emoji", "inherit", "font",
        "analytics", "remote-css", "repo_url"])
def test_site_mkdocs_takes_only_allowed_keys(tmp_path, mkdocs, code):
    outside = tmp_path / "evil"
    outside.mkdir()
    (outside / "main.html").write_text(EVIL_TEMPLATE, encoding="utf-8")
    root = hostile_repo(tmp_path, "office:\n  name: 示范镇\nsite:\n  mkdocs:\n" + mkdocs.format(outside=outside))
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(EVIL_TEMPLATE, encoding="utf-8")
    r = run_cli("check", cwd=root)
    assert r.returncode == 1 and re.search(rf"planbook.yml:[45]:\d+: error\[{code}\]", r.stdout), r.stdout + r.stderr
    r = build(root, tmp_path / "out")
    assert r.returncode == 1 and f"error[{code}]" in r.stdout, r.stdout + r.stderr
    assert not (root / "PWNED").exists() and not (tmp_path / "out" / "PWNED").exists()
    assert not (tmp_path / "out" / "site").exists()
    # the site's renderer refuses it as well, should a build ever get past check
    from generator.load.repo import load_repository
    from generator.site.mkdocs_config import mkdocs_config
    from generator.site.run import SiteError
    with pytest.raises(SiteError, match="不接受"):
        mkdocs_config(load_repository(str(root)).repo, [], docs_dir="docs", site_dir="site", brand={},
                      extra_css=[], public=False)


@pytest.mark.parametrize("setting, code", [
    ("site:\n  logo: /etc/hostname\n", "K203"),
    ("site:\n  extra_css: [../outside.css]\n", "K203"),
    ("site:\n  favicon: https://example.com/x.ico\n", "K203"),
    ("fonts:\n  song: [/usr/share/fonts/x.ttf]\n", "K203"),
    ("site:\n  primary: 'red\" onclick=\"alert(1)'\n", "K204"),
], ids=["logo-absolute", "css-dotdot", "favicon-address", "font-absolute", "colour"])
def test_paths_and_colours_of_planbook_yml(tmp_path, setting, code):
    root = hostile_repo(tmp_path, "office:\n  name: 示范镇\n" + setting)
    from conftest import check_repo
    found = check_repo(root)
    assert code in codes(found), found
    assert next(f for f in found if f.code == code).loc.line >= 3


@pytest.mark.parametrize("css", [
    "@import url(https://fonts.googleapis.com/css?family=Roboto);\n",
    ".md-header {\n  background: url( 'https://tracker.example.com/p.png' );\n}\n",
    "@font-face { font-family: x; src: url(//cdn.example.com/x.woff2); }\n",
], ids=["import", "url-https", "url-network-path"])
def test_office_css_that_loads_from_outside_is_refused_with_its_line(tmp_path, css):
    root = hostile_repo(tmp_path, "office:\n  name: 示范镇\nsite:\n  extra_css: [brand/office.css]\n")
    (root / "brand").mkdir()
    (root / "brand" / "office.css").write_text(css, encoding="utf-8")
    r = build(root, tmp_path / "out")
    line = 1 + css[:css.index("url(") if "url(" in css else 0].count("\n") if "@import" not in css else 1
    assert r.returncode == 2 and f"brand/office.css:{line}:" in r.stderr, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out" / "site").exists()
    (root / "brand" / "office.css").write_text(".md-header { background: url(data:image/png;base64,AAAA); }\n"
                                               ".x { background: url(img/a.png); }\n", encoding="utf-8")
    assert build(root, tmp_path / "out").returncode == 0


def test_pdf_keeps_no_script_or_data_link(tmp_path):
    """Item 11: the plan PDF, like the site, keeps only http(s), mailto and tel link targets (pdfinfo -url)."""
    import subprocess
    root = hostile_repo(tmp_path, (MINIMAL / "planbook.yml").read_text("utf-8"))
    plan = root / "plans" / "demo" / "plan.yml"
    links = ("[甲](javascript:alert(1))、[乙](data:text/html;base64,PHNjcmlwdD4=)、[丙](vbscript:msgbox(1))、"
             "[丁](JaVaScRiPt:alert(2))、[戊](https://example.com/ok)")
    plan.write_text(plan.read_text("utf-8").replace("    text: 为及时处置网络舆情，制定本预案。",
                                                    f"    text: '为及时处置{links}。'"), "utf-8")
    r = run_cli("build", "--no-site", "--today", "2026-01-01", "-o", str(tmp_path / "out"), cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    urls = subprocess.run(["pdfinfo", "-url", str(tmp_path / "out" / "pdf" / "plans" / "demo.pdf")],
                          capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    targets = [line.split()[-1] for line in urls]
    assert targets == ["https://example.com/ok"], targets
