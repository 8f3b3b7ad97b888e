"""The printed cards: level cards (应急响应卡, one A4 page per level of a plan in force, with a QR code to the
level's response page) and role cards (应急处置卡: 联系谁 names whom the role reports to and its backup).

Rendered with the real WeasyPrint and read back with poppler (pdfinfo, pdffonts, pdftotext, pdftoppm) and
zbar's zbarimg.  The roster's vCard file is tested with the site (test_site.py)."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import check_repo, codes
from test_pdf_kit import ROOT, flat, load_examples

URL = "http://yuqing.example.gov.cn/intranet/"
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def with_url(repo, url: str):
    config = repo.config
    return dataclasses.replace(repo, config=dataclasses.replace(config, site=dataclasses.replace(config.site, url=url)))


@pytest.fixture(scope="module")
def examples():
    return load_examples()


@pytest.fixture(scope="module")
def rendered(examples, tmp_path_factory):
    """Level cards of the township (with site.url, internal and public) and of the bureau (no site.url), and
    the township's role cards."""
    from generator.load.history import GitInfo
    from generator.pdf import render_jobs
    from generator.pdf.documents import build_info, cards_job, level_cards_job
    from generator.pdf.fonts import resolve_fonts
    from generator.views import Audience, Views
    out = tmp_path_factory.mktemp("cards")
    fonts = resolve_fonts(examples.config.fonts, examples.root)
    build = build_info(GitInfo("0123456789abcdef0123456789abcdef01234567", False, False, {}), None)
    t = ROOT / "site_templates"
    linked = with_url(examples, URL)
    township = linked.plan_by_id["qingshi-township"]
    internal, public = Views(linked), Views(linked, Audience.public)
    jobs = {"internal": level_cards_job(internal, township, fonts, build, t),
            "bureau": level_cards_job(Views(examples), examples.plan_by_id["yunlan-bureau"], fonts, build, t),
            "roles": cards_job(internal, township, fonts, build, t)}
    public_job = level_cards_job(public, township, fonts, build, t)
    render_jobs([jobs["internal"], jobs["bureau"], jobs["roles"]], out / "internal", None, 0, None, fonts)
    render_jobs([public_job], out / "public", None, 0, None, fonts)
    paths = {k: out / "internal" / j.relpath for k, j in jobs.items()}
    paths["public"] = out / "public" / public_job.relpath
    return paths, jobs, internal


def page_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


# --- level cards -----------------------------------------------------------------------------------------

def test_a_plan_in_force_has_one_a4_page_per_level_and_a_superseded_plan_none(examples, rendered):
    from generator.pdf.documents import level_cards_job
    from generator.views import Views
    paths, jobs, _ = rendered
    assert jobs["internal"].relpath == "respond/qingshi-township.pdf" and jobs["internal"].kind == "response"
    assert jobs["internal"].subject == "qingshi-township"  # the response page links PDFs of kind response by plan
    for key, plan in (("internal", "qingshi-township"), ("bureau", "yunlan-bureau")):
        info = pdfinfo(paths[key])
        assert f"Pages:           {len(examples.plan_by_id[plan].levels)}\n" in info, info
        assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info), info
    old = examples.plan_by_id["qingshi-measures-2019"]
    assert old.status.value == "superseded"
    assert level_cards_job(Views(examples), old, None, None, ROOT / "site_templates") is None


def test_each_page_shows_the_level_as_its_response_page_does(rendered):
    paths, _, views = rendered
    plan = views.repo.plan_by_id["qingshi-township"]
    responses = views.plan(plan).responses
    for page, r in enumerate(responses, 1):
        text = flat(page_text(paths["internal"], page))
        assert flat(r.level.level.name + "响应") in text
        assert flat(r.level.level.criteria[0]) in text
        for n in r.level.lead:  # who leads, with phones
            assert flat(n.name) in text
            for ph in n.callable:
                assert ph.shown in text, (r.level.level.name, ph.shown)
        pos = 0
        for d in r.deadlines:  # the deadlines soonest first, each with its recipients' phones
            found = text.find(flat(d.deadline.name), pos)
            assert found >= 0, (r.level.level.name, d.deadline.name)
            pos = found
            for n in d.recipient:
                assert all(ph.shown in text for ph in n.callable), n
        for s in r.steps:
            assert flat(s.label) in text
        for p in r.spokespeople:
            assert all(flat(c.name) in text for n in p.holder for c in n.people)
    # the Ⅱ级 page, as written in the example: 林晓燕 leads; the oral report comes before the written one
    ii = flat(page_text(paths["internal"], 2))
    assert "二级（较大）响应" in ii and "林晓燕" in ii and "13800000103" in ii
    assert ii.index("口头报告") < ii.index("书面专报") and "0123-5550011" in ii  # 县委宣传部
    assert "一级（重大）响应" not in ii and "三级（一般）响应" not in ii


def test_every_font_is_embedded_and_the_text_extracts(rendered):
    paths, _, _ = rendered
    for path in paths.values():
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows, path
        for row in rows:
            assert row.split()[-5] == "yes", row  # emb
        assert "联系" in flat(page_text(path)) or "时限" in flat(page_text(path))


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbar-tools (dev.sh installs it)")
def test_the_qr_code_opens_that_levels_response_page(rendered, tmp_path):
    from generator.site.pages import response_path
    paths, _, views = rendered
    plan = views.repo.plan_by_id["qingshi-township"]
    for page, lv in enumerate(plan.levels, 1):
        png = tmp_path / f"p{page}"
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(page), "-l", str(page), str(paths["internal"]),
                        str(png)], check=True)
        image = next(tmp_path.glob(f"p{page}*.png"))
        got = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout.strip()
        assert got == URL + response_path(plan.id, lv.id).removesuffix(".md") + ".html", got
        assert got.endswith(f"respond/qingshi-township/{lv.id}.html")


def test_without_site_url_there_is_no_qr_code(rendered):
    paths, jobs, _ = rendered
    assert "<svg" not in jobs["bureau"].html and "扫码" not in flat(page_text(paths["bureau"]))
    assert "<svg" in jobs["internal"].html and "扫码打开响应页" in flat(page_text(paths["internal"]))


def test_public_level_cards_mask_mobiles(rendered):
    paths, _, _ = rendered
    public = page_text(paths["public"])
    assert not MOBILE.findall(public), MOBILE.findall(public)[:5]
    assert "138****0103" in public  # 林晓燕, who leads Ⅱ级
    assert "0123-5550011" in public  # an office landline stays
    assert MOBILE.findall(page_text(paths["internal"]))  # the office's own copy has them


# --- site.url --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, ok", [
    ("http://yuqing.example.gov.cn/", True), ("https://10.1.2.3:8443/yuqing", True),
    ("ftp://yuqing.example.gov.cn/", False), ("javascript:alert(1)", False), ("yuqing.example.gov.cn", False),
    ("http://", False), ("file:///etc/passwd", False), ("http://a b.cn/", False)])
def test_site_url_is_an_http_address_or_refused(repo, url, ok):
    import json
    with (repo / "planbook.yml").open("a", encoding="utf-8") as fh:
        fh.write(f"site:\n  url: {json.dumps(url)}\n")
    found = check_repo(repo)
    assert ("S010" not in codes(found)) is ok, codes(found)
    if not ok:
        f = next(f for f in found if f.code == "S010")
        assert f.loc.path == "planbook.yml" and f.loc.line == 6 and f.hint("zh")
        from generator.load.repo import load_repository
        assert load_repository(str(repo)).repo.config.site.url == ""  # never printed into a QR code


# --- role cards ------------------------------------------------------------------------------------------

def test_role_cards_name_whom_the_role_reports_to_and_its_backup(rendered):
    from generator.pdf.documents import card_views
    paths, _, views = rendered
    cards = {c["name"]: c for c in card_views(views, views.repo.plan_by_id["qingshi-township"])}
    monitor = cards["信息员"]
    assert monitor["holders"]["names"] == ["宋佳怡", "马岚"]
    names = [p["name"] for p in monitor["contacts"]]
    assert "宋佳怡" not in names and "马岚" not in names  # never the post holders themselves
    by_name = {p["name"]: p for p in monitor["contacts"]}
    assert "报送（口头报告）" in by_name["唐文杰"]["role"] and by_name["唐文杰"]["phones"] == ["13800000104"]
    assert by_name["陈宇航"]["role"] == "AB 岗替补" and "13900000107" in by_name["陈宇航"]["phones"]
    speaker = {p["name"]: p for p in cards["网络新闻发言人"]["contacts"]}
    assert "林晓燕" not in speaker and "AB 岗替补" in speaker["唐文杰"]["role"]  # the backup, though also above
    office = {p["name"]: p for p in cards["领导小组办公室"]["contacts"]}
    assert "唐文杰" not in office  # its 主任
    assert "上级：青石镇网络舆情应对工作领导小组（组长）" in office["周明远"]["role"]
    assert office["许丽华"]["role"] == "替补（副主任）"
    assert {"县委宣传部", "县委网信办"} <= set(office)  # 书面专报 goes there
    group = {p["name"]: p for p in cards["青石镇网络舆情应对工作领导小组"]["contacts"]}
    assert "周明远" not in group and "报告（一级（重大））" in group["县委县政府总值班室"]["role"]
    # on paper: the 信息员 page's 联系谁 names 唐文杰 with his phone, and no 信息员
    page = list(cards).index("信息员") + 1
    text = page_text(paths["roles"], page)
    contacts = flat(text.split("联系谁", 1)[1])
    assert "唐文杰" in contacts and "13800000104" in contacts and "陈宇航" in contacts
    assert "宋佳怡" not in contacts and "马岚" not in contacts
    assert f"Pages:           {len(cards)}\n" in pdfinfo(paths["roles"])
