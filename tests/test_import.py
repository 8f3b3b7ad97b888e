"""``planbook import``: heading schemes, section kinds, noise, splitting, cover letters, extraction,
the written plan loading cleanly, and the command's messages and exit codes.

Every document here is fictional and written for the tests; the real seed texts are read from
../shared/seeds beside the clone when present (they are never copied into the repository)."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, check_repo, run_cli

from generator.importer import ImportProblem, import_file, write_plan

TODAY = dt.date(2026, 1, 1)
SEEDS = ROOT.parent / "shared" / "seeds"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


def one(path: Path, **kw):
    r = import_file(str(path), today=TODAY, **kw)
    assert len(r.plans) == 1, (r.plans, r.skipped)
    return r, r.plans[0], yaml.safe_load(r.plans[0].text)


def tree(sections, depth=0):
    """[(depth, kind, title)] of a loaded sections list."""
    out = []
    for s in sections or []:
        out.append((depth, s["kind"], s.get("title")))
        out.extend(tree(s.get("sections"), depth + 1))
    return out


def reasons(plan) -> list[str]:
    return [r.reason for r in plan.review]


SECTIONS_PLAN = """柳溪镇网络舆情应急预案

一、总则
（一）编制目的
及时发现、稳妥处置涉及本镇的网络舆情。
（二）适用范围
本预案适用于涉及本镇的各类网络舆情。
二、组织机构及职责
成立柳溪镇网络舆情应对领导小组，组长由党委书记担任，副组长由镇长、宣传委员担任，党政办主任、派出所所长为成员。
领导小组办公室设在党政办，负责日常监测和信息汇总。
党委副书记为新闻发言人，宣传干事为联络员。
三、监测与报告
1. 日常监测
信息员每日浏览本地论坛和短视频平台。
2. 报告时限
（1）发现重要舆情后30分钟内口头报告领导小组办公室。
（2）2小时内书面报告领导小组。
四、分级响应
Ⅰ级（红色）：特别重大舆情。在全国性平台广泛传播、转发量超过一万次。由领导小组组长指挥处置。
Ⅱ级（橙色）：重大舆情。在省内平台传播、转发量超过一千次。由领导小组副组长负责处置。
五、后期处置
舆情平息后总结经验。
六、附则
本预案自印发之日起施行。
"""


# --------------------------------------------------------------------------- heading schemes

def test_chinese_section_numbering_nests_and_maps_kinds(tmp_path: Path):
    _, plan, data = one(write(tmp_path, "liuxi.txt", SECTIONS_PLAN))
    assert data["kind"] == "emergency_plan" and data["numbering"] == "sections" and data["status"] == "draft"
    assert data["title"] == "柳溪镇网络舆情应急预案"
    assert tree(data["sections"]) == [
        (0, "general", "总则"), (1, "purpose", "编制目的"), (1, "scope", "适用范围"),
        (0, "organization", "组织机构及职责"),
        (0, "monitoring", "监测与报告"), (1, "monitoring", "日常监测"), (1, "procedure", "报告时限"),
        (0, "grading", "分级响应"), (0, "aftermath", "后期处置"), (0, "supplementary", "附则")]
    # (1) (2) are sentences, not headings: they stay in their section's text, in order
    limits = data["sections"][2]["sections"][1]["text"]
    assert limits.index("（1）发现重要舆情") < limits.index("（2）2小时内")


def test_articles_and_chapters(tmp_path: Path):
    text = """桃源乡网络舆情管理办法
第一章 总 则
第一条 为做好本乡网络舆情工作，制定本办法。
第二条 本办法适用于本乡各单位。
第二章 组织机构
第三条 成立桃源乡网络舆情工作领导小组，组长由乡长担任。
第三章 监测与处置
第四条 值班人员应当：（一）每日巡查网络；（二）发现舆情后1小时内书面报告乡办公室。
第六条 乡办公室负责研判。
第四章 保障
第七条 乡财政保障工作经费。
第五章 附 则
第八条 本办法自发布之日起施行。
"""
    _, plan, data = one(write(tmp_path, "taoyuan.txt", text))
    assert data["kind"] == "measures" and data["numbering"] == "articles"
    chapters = [(s["kind"], s["title"], len(s["sections"])) for s in data["sections"]]
    assert chapters == [("general", "总则", 2), ("organization", "组织机构", 1), ("monitoring", "监测与处置", 2),
                        ("support", "保障", 1), ("supplementary", "附则", 1)]
    article = data["sections"][2]["sections"][0]
    assert "title" not in article
    assert article["text"] == "值班人员应当：\n\n（一）每日巡查网络；\n\n（二）发现舆情后1小时内书面报告乡办公室。"
    assert any(x.startswith("导入认出的条在第四条之后是第六条，中间的条没有找到：可能是导入没有认出") for x in reasons(plan))
    assert [(d["event"], d["limit"]) for d in data["deadlines"]] == [("written_report", "1小时")]


def test_decimal_numbering(tmp_path: Path):
    text = """石桥街道网络舆情处置实施方案
1 总则
1.1 目的
规范处置流程。
1.2 适用范围
适用于本街道。
2 组织机构
2.1 领导小组
统一指挥。
2.1.1 组长
由街道党工委书记担任。
3 附则
本方案由街道办负责解释。
"""
    _, _, data = one(write(tmp_path, "shiqiao.txt", text))
    assert data["kind"] == "implementation_plan"
    assert tree(data["sections"]) == [
        (0, "general", "总则"), (1, "purpose", "目的"), (1, "scope", "适用范围"),
        (0, "organization", "组织机构"), (1, "organization", "领导小组"), (0, "supplementary", "附则")]
    # '2.1.1 组长' is an entry of the group, not a section: it stays in the group's text and gives its leader
    group = data["sections"][1]["sections"][0]
    assert group["text"] == "统一指挥。\n\n2.1.1 组长：由街道党工委书记担任。"
    assert data["organization"]["bodies"][0]["leader"] == ["街道党工委书记"]


def test_markdown_headings(tmp_path: Path):
    text = """# 云水社区网络舆情应对工作制度

## 一、工作职责

社区居委会负责本社区网络舆情的发现和报告。

## 二、办理流程

### （一）受理

网格员发现后报告社区书记。

### （二）答复

对居民的网上留言，3个工作日内答复。

## 三、附则

本制度自公布之日起执行。
"""
    _, _, data = one(write(tmp_path, "yunshui.md", text))
    assert data["kind"] == "rules" and data["title"] == "云水社区网络舆情应对工作制度"
    assert tree(data["sections"]) == [
        (0, "organization", "工作职责"), (0, "procedure", "办理流程"), (1, "monitoring", "受理"),
        (1, "other", "答复"), (0, "supplementary", "附则")]
    assert [(d["event"], d["limit"]) for d in data["deadlines"]] == [("replied", "3个工作日")]


def _docx(path: Path, build) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    build(d)
    d.save(str(path))
    return path


def test_docx_heading_styles_english_and_chinese_names(tmp_path: Path):
    from docx.enum.style import WD_STYLE_TYPE

    def build(d):
        d.add_paragraph("梅岭镇网络舆情应急预案", style="Title")
        d.add_paragraph("为做好本镇网络舆情应对工作，制定本预案。")
        d.add_heading("一、组织机构", level=1)
        d.add_paragraph("成立梅岭镇网络舆情工作领导小组，组长由党委书记担任。")
        d.add_heading("（一）领导小组办公室", level=2)
        d.add_paragraph("办公室设在党政办。")
        zh = d.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
        d.add_paragraph("监测预警", style=zh)
        d.add_paragraph("发现舆情后20分钟内口头报告。")
        d.add_heading("附则", level=1)
        d.add_paragraph("本预案自印发之日起施行。")
    _, plan, data = one(_docx(tmp_path / "meiling.docx", build))
    assert data["title"] == "梅岭镇网络舆情应急预案"
    assert tree(data["sections"]) == [
        (0, "purpose", None), (0, "organization", "组织机构"), (1, "organization", "领导小组办公室"),
        (0, "monitoring", "监测预警"), (0, "supplementary", "附则")]
    assert "# 原文第3段：" not in plan.text and "# 原文第3段" in plan.text
    assert [(d["event"], d["limit"]) for d in data["deadlines"]] == [("oral_report", "20分钟")]


def _numbered(d, text: str, level: int = 0):
    """A paragraph with Word automatic numbering (numPr), the number not in the text."""
    p = d.add_paragraph(text)
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = 1
    return p


def test_docx_automatic_numbering_where_the_text_lost_the_number(tmp_path: Path):
    def build(d):
        d.add_paragraph("竹林村网络舆情应对实施方案")
        _numbered(d, "组织领导")
        d.add_paragraph("成立竹林村网络舆情工作小组，组长由村党支部书记担任。")
        _numbered(d, "信息报告")
        _numbered(d, "口头报告", level=1)
        d.add_paragraph("发现舆情后15分钟内口头报告村党支部书记。")
        _numbered(d, "书面报告", level=1)
        d.add_paragraph("1小时内书面报告镇党政办。")
        _numbered(d, "附则")
        d.add_paragraph("本方案自印发之日起施行。")
    _, _, data = one(_docx(tmp_path / "zhulin.docx", build))
    assert tree(data["sections"]) == [
        (0, "organization", "组织领导"), (0, "procedure", "信息报告"), (1, "procedure", "口头报告"),
        (1, "procedure", "书面报告"), (0, "supplementary", "附则")]
    assert [(d["event"], d["limit"]) for d in data["deadlines"]] == [("oral_report", "15分钟"),
                                                                     ("written_report", "1小时")]


def test_run_together_text_headings_found_by_sequence(tmp_path: Path):
    text = ("青山镇网络舆情处置工作方案\n"
            "为做好舆情处置工作，特制定本方案。一、指导思想坚持正面引导，依法处置。二、工作原则（一）快速反应。"
            "发现即报告。（二）统一口径。对外说法一致，不得出现第3、4种说法。三、组织机构成立青山镇舆情工作领导小组，"
            "组长由镇长担任。四、附则本方案自印发之日起施行。\n")
    _, _, data = one(write(tmp_path, "qingshan.txt", text))
    # the numbered principles are entries of the 工作原则 section's list, not sections (round 8: the outside writer's
    # keys treat '1.统一领导、分级负责。…' so; before, this test asked for 快速反应 and 统一口径 as subsections)
    assert tree(data["sections"]) == [
        (0, "purpose", None), (0, "purpose", "指导思想"), (0, "principles", "工作原则"),
        (0, "organization", "组织机构"), (0, "supplementary", "附则")]
    assert "统一口径" in str(data["sections"][2]) and "第3、4种说法" in str(data["sections"][2])


# --------------------------------------------------------------------------- noise, splitting, cover letter

NOISE = """网站首页 > 文档中心
{plan}
1 / 12
免费阅读已结束，点击下载阅读编辑剩下 ...
备案号：浙ICP备00000000号-1
VIP免费下载
"""


def test_web_page_noise_is_dropped(tmp_path: Path):
    r, plan, data = one(write(tmp_path, "noisy.txt", NOISE.format(plan=SECTIONS_PLAN)))
    assert r.dropped == 5
    assert not re.search(r"ICP|免费阅读|VIP|1 / 12|网站首页", plan.text)


def test_several_plans_and_a_work_summary_are_split(tmp_path: Path):
    second = SECTIONS_PLAN.replace("柳溪镇", "枫林镇").replace("应急预案", "实施方案").replace("本预案", "本方案")
    summary = ("枫林镇2025年网络舆情工作总结\n一、主要工作\n全年处置舆情十二起。\n二、存在不足\n"
               "队伍力量还比较薄弱。\n")
    r = import_file(str(write(tmp_path, "bundle.txt", SECTIONS_PLAN + second + summary)), today=TODAY)
    assert [(p.id, p.title, p.kind.value) for p in r.plans] == [
        ("bundle-1", "柳溪镇网络舆情应急预案", "emergency_plan"), ("bundle-2", "枫林镇网络舆情实施方案", "implementation_plan")]
    assert [(s.title, s.reason) for s in r.skipped] == [
        ("枫林镇2025年网络舆情工作总结", "这一部分是工作总结、汇报或报告，不是预案，没有导入")]
    assert "全年处置舆情" not in r.plans[1].text


COVERED = """关于印发《白沙镇网络舆情应对处置实施方案》的通知
各村（社区）、镇直各单位：
现将《白沙镇网络舆情应对处置实施方案》印发给你们，请认真贯彻执行。
特此通知
白沙镇人民政府
2025年3月8日
抄送：县委宣传部，县委网信办
白沙镇网络舆情应对处置实施方案
一、组织机构
成立白沙镇网络舆情工作领导小组，组长由镇长担任。
二、处置流程
发现舆情后30分钟内口头报告镇党政办。
三、附则
本方案自印发之日起施行。
"""


def test_cover_letter_becomes_metadata(tmp_path: Path):
    text = COVERED.replace("白沙镇人民政府\n", "白沙镇人民政府\n白政发〔2025〕6号\n")
    _, plan, data = one(write(tmp_path, "baisha.txt", text))
    assert data["title"] == "白沙镇网络舆情应对处置实施方案"
    assert (data["issuer"], data["document_number"], data["printed"]) == ("白沙镇人民政府", "白政发〔2025〕6号",
                                                                        dt.date(2025, 3, 8))
    assert data["addressees"] == ["各村（社区）", "镇直各单位"]
    assert data["copied_to"] == ["县委宣传部", "县委网信办"]
    assert "特此通知" not in plan.text.split("\nsections:")[1] and "印发给你们" not in plan.text
    assert "# 来源：印发通知，第1行" in plan.text


# --------------------------------------------------------------------------- extraction

def test_bodies_posts_levels_and_deadlines_with_provenance(tmp_path: Path):
    _, plan, data = one(write(tmp_path, "liuxi.txt", SECTIONS_PLAN))
    bodies = data["organization"]["bodies"]
    assert bodies[0] == {"id": "leading-group", "name": "柳溪镇网络舆情应对领导小组", "type": "leading_group",
                         "leader": ["党委书记"], "deputies": ["镇长", "宣传委员"], "members": ["党政办主任", "派出所所长"]}
    assert bodies[1] == {"id": "office", "name": "领导小组办公室", "type": "office", "seat": "党政办",
                         "duties": ["负责日常监测和信息汇总。"]}
    assert data["organization"]["posts"] == [
        {"id": "spokesperson", "name": "新闻发言人", "role": "spokesperson", "holder": ["党委副书记"]},
        {"id": "liaison", "name": "联络员", "role": "liaison", "holder": ["宣传干事"]},
        # named only as the one who acts ('信息员每日浏览…'): the post, its holder left for review
        {"id": "monitor", "name": "信息员", "role": "monitor"}]
    assert "导入找到了信息员，没有找到由谁担任（holder 未填）" in reasons(plan)
    assert [(lv["id"], lv["name"], lv["colour"], lv["criteria"], lv["lead"]) for lv in data["levels"]] == [
        ("I", "Ⅰ级（特别重大舆情）", "red", ["在全国性平台广泛传播、转发量超过一万次。"], ["领导小组组长"]),
        ("II", "Ⅱ级（重大舆情）", "orange", ["在省内平台传播、转发量超过一千次。"], ["领导小组副组长"])]
    assert [(d["id"], d["event"], d["limit"], d["text"]) for d in data["deadlines"]] == [
        ("oral-report", "oral_report", "30分钟", "发现重要舆情后30分钟内口头报告领导小组办公室。"),
        ("written-report", "written_report", "2小时", "2小时内书面报告领导小组。")]
    # provenance: a comment above each extracted value names its line and quotes the sentence
    assert "  # 来源：第17行 “（2）2小时内书面报告领导小组。”\n  - id: written-report" in plan.text
    assert "    # 来源：第11行 “党委副书记为新闻发言人，宣传干事为联络员。”\n    - id: spokesperson" in plan.text


def test_names_are_never_kept_only_posts(tmp_path: Path):
    text = """春江街道网络舆情应急预案
一、组织机构
成立春江街道网络舆情领导小组，由街道党工委书记林晓舟同志任组长，主任宋一帆、副主任任小雨任副组长，各科室负责人为成员。
二、附则
本预案自印发之日起施行。
"""
    _, plan, data = one(write(tmp_path, "chunjiang.txt", text))
    body = data["organization"]["bodies"][0]
    assert (body["leader"], body["deputies"], body["members"]) == (["街道党工委书记"], ["主任", "副主任"], ["各科室负责人"])
    # the structured blocks hold posts only (the section text is the document's own words)
    assert not re.search(r"林晓舟|宋一帆|任小雨", yaml.safe_dump(data["organization"], allow_unicode=True))
    assert reasons(plan).count("原文在职务后写了姓名，只保留了职务“主任”；人员请在通讯录中按职务对应") == 1
    assert len([r for r in reasons(plan) if r.startswith("原文在职务后写了姓名")]) == 3


def test_deadline_events_triggers_max_and_daily_time(tmp_path: Path):
    text = """溪口镇网络舆情工作制度
一、办理
（一）接到《网络舆情交办单》后，承办单位2个工作日内核实情况。
（二）对网民留言一般3日内答复，情况复杂的经批准可以延长，但最长不超过7日。
（三）需紧急处理的留言，承办单位在接到交办单后，1日内予以答复。
（四）信息员每天下午5时汇总报送当天舆情。
（五）遇重大舆情，以特报形式在2小时内报送县委网信办。
（六）其他情况在48小时内报送。
二、附则
本制度自公布之日起施行。
"""
    _, plan, data = one(write(tmp_path, "xikou.txt", text))
    got = [(d["id"], d["event"], d.get("trigger"), d["limit"], d.get("max"), d.get("when")) for d in data["deadlines"]]
    assert got == [
        ("verified", "verified", "dispatched", "2个工作日", None, None),
        ("replied", "replied", None, "3日", "7日", None),
        ("replied-2", "replied", "dispatched", "1日", None, "需紧急处理的留言"),
        ("daily-report", "daily_report", None, "17:00", None, None),
        ("special-report", "special_report", None, "2小时", None, "遇重大舆情"),
        ("deadline", "other", None, "48小时", None, None)]
    r = reasons(plan)
    assert "导入没有认出时限 48小时 是口头报告、书面报告还是别的事件，event 暂写 other" in r
    assert "导入没有找到时限 48小时 从什么时候起算，暂按“发现”" in r
    assert "每日 17:00 的时限由导入按原文写入，起算暂按“发现”，请核对" in r


# --------------------------------------------------------------------------- the written plan loads

def test_written_plan_loads_without_file_yaml_or_schema_findings(repo: Path):
    r = import_file(str(write(repo, "liuxi.txt", SECTIONS_PLAN)), plan_id="liuxi", today=TODAY)
    path = write_plan(r.plans[0], str(repo / "plans" / "liuxi"))
    assert path.endswith("plans/liuxi/plan.yml") and r.plans[0].load_problems == ()
    found = [f for f in check_repo(repo) if f.loc.path == "plans/liuxi/plan.yml"]
    assert not [f for f in found if f.code[0] in "FYS"], found
    assert {"P102", "P401"} <= {f.code for f in found}   # no procedure yet; posts not in the roster
    assert r.plans[0].text.startswith("# 由 planbook import 从 liuxi.txt 导入，2026-01-01。\n")


def test_not_a_plan_is_reported(tmp_path: Path):
    summary = write(tmp_path, "summary.txt", "青湾镇2025年网络舆情工作总结\n一、基本情况\n今年共处置舆情九起。\n"
                                              "二、下一步打算\n加强队伍建设。\n")
    r = import_file(str(summary), today=TODAY)
    assert r.plans == () and [s.reason for s in r.skipped] == ["这一部分是工作总结、汇报或报告，不是预案，没有导入"]
    article = write(tmp_path, "article.txt", "春天来了，山上的杜鹃花开得正好。\n我们沿着小路慢慢往上走，"
                                              "一路上说说笑笑。\n到了山顶，远处的村子看得清清楚楚。\n")
    assert import_file(str(article), today=TODAY).plans == ()
    notes = write(tmp_path, "notes.md", "# 读书笔记\n\n## 一、第一周\n\n读完了本预案的前两章，又翻了翻旧报纸上的几篇评论。\n\n## 二、第二周\n\n"
                                         "读了几篇写江南小镇的散文，记下了喜欢的句子。\n\n## 三、心得\n\n多读多想，每周写一页笔记。\n")
    r = import_file(str(notes), today=TODAY)
    assert r.plans == () and r.skipped[0].reason.startswith("各节的标题看不出预案的结构")


# --------------------------------------------------------------------------- the command

def test_cli_writes_summarises_refuses_to_overwrite(repo: Path):
    src = write(repo, "liuxi.txt", NOISE.format(plan=SECTIONS_PLAN))
    r = run_cli("import", "liuxi.txt", "--id", "liuxi", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    out = r.stdout
    assert "plans/liuxi/plan.yml：柳溪镇网络舆情应急预案（应急预案，原文第2行起）" in out
    assert "  时限：口头报告 30分钟、书面报告 2小时" in out
    assert "  分级：Ⅰ级（特别重大舆情）、Ⅱ级（重大舆情）" in out
    assert "去掉了 5 行网页导航" in out and "仍需人工处理" in out and "error[P102]" in out
    assert "Traceback" not in r.stderr
    loaded = yaml.safe_load((repo / "plans/liuxi/plan.yml").read_text("utf-8"))
    assert loaded["id"] == "liuxi"
    again = run_cli("import", str(src), "--id", "liuxi", cwd=repo)
    assert again.returncode == 2 and "已存在" in again.stderr and "--force" in again.stderr
    assert run_cli("import", str(src), "--id", "liuxi", "--force", cwd=repo).returncode == 0
    other = run_cli("import", str(src), "-o", "plans/elsewhere", cwd=repo)
    assert other.returncode == 0 and (repo / "plans/elsewhere/plan.yml").exists()


def test_cli_not_a_plan_exits_1(repo: Path):
    write(repo, "summary.md", "# 青湾镇2025年网络舆情工作总结\n\n## 一、基本情况\n\n今年共处置舆情九起。\n\n"
                              "## 二、下一步打算\n\n加强队伍建设。\n")
    r = run_cli("import", "summary.md", cwd=repo)
    assert r.returncode == 1 and "没有找到预案" in r.stderr and "工作总结" in r.stderr
    assert not (repo / "plans" / "summary").exists()


def test_cli_bad_inputs_exit_2_without_traceback(repo: Path):
    write(repo, "empty.txt", "")
    (repo / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    write(repo, "plan.pdf", "x")
    (repo / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    cases = [("empty.txt", "空文件"), ("broken.docx", "无法读取 Word 文件"), ("plan.pdf", "只支持 .docx、.txt 和 .md"),
             ("old.doc", "另存为”.docx"), ("missing.txt", "文件不存在")]
    for name, words in cases:
        r = run_cli("import", name, cwd=repo)
        assert r.returncode == 2 and words in r.stderr and "Traceback" not in r.stderr, (name, r.stderr)
    r = run_cli("import", "empty.txt", "--id", "Bad ID", cwd=repo)
    assert r.returncode == 2 and "不能用作预案标识" in r.stderr


def test_gbk_text_is_decoded_with_a_note(tmp_path: Path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(SECTIONS_PLAN.encode("gbk"))
    r = import_file(str(p), today=TODAY)
    assert len(r.plans) == 1 and r.plans[0].title == "柳溪镇网络舆情应急预案"
    assert r.notes and r.notes[0].startswith("文件是 GBK/GB18030 编码，已按 GB18030 读取")


def test_unknown_extension_is_a_problem(tmp_path: Path):
    with pytest.raises(ImportProblem, match="只支持"):
        import_file(str(write(tmp_path, "plan.rtf", "x")))


# --------------------------------------------------------------------------- the real seed texts

SEED_PLANS = {"000": 3, "001": 1, "002": 1, "003": 1}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the clone")
@pytest.mark.parametrize("prefix", sorted(SEED_PLANS))
def test_seed_imports_into_plans_that_load(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    r = import_file(str(path), today=TODAY)
    assert len(r.plans) == SEED_PLANS[prefix]
    for plan in r.plans:
        assert plan.load_problems == (), plan.load_problems
        assert plan.sections >= 2 and plan.review
    if prefix == "001":
        assert len(r.skipped) == 3 and all("工作总结" in s.reason for s in r.skipped)
    if prefix == "002":
        assert [lv.split("（")[0] for lv in r.plans[0].levels] == ["Ⅰ类", "Ⅱ类", "Ⅲ", "Ⅳ"]
    if prefix == "003":
        data = yaml.safe_load(r.plans[0].text)
        assert data["numbering"] == "articles" and data["copied_to"] == ["市委宣传部"]
        assert r.plans[0].deadlines == (("special_report", "4小时"),)


# --------------------------------------------------------------------------- issue 17: the corpus and its phrasings

def _scorer():
    import importlib.util
    spec = importlib.util.spec_from_file_location("import_score", ROOT / "benchmarks" / "import_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


#: the issue's targets (recall; levels also precision)
TARGETS = {"sections": 0.97, "levels": 0.90, "bodies": 0.90, "leaders": 0.85, "posts": 0.80, "deadlines": 0.95,
           "events": 0.90, "plans": 1.0, "roster": 1.0, "flagged": 1.0}


def test_corpus_scores_on_the_tuned_part():
    res = _scorer().score("tuned")
    low = {f: round(res[f]["recall"], 3) for f, t in TARGETS.items() if res[f]["recall"] < t}
    assert not low, low
    assert res["levels"]["precision"] >= 0.90 and res["deadlines"]["precision"] >= 0.90
    # the tuned part is read in full: every field, precision and recall (issue 17, third round)
    short = {f: (r["precision"], r["recall"]) for f, r in res.items() if r["precision"] < 1 or r["recall"] < 1}
    assert not short, short


def test_corpus_held_out_part_is_scored_even_when_empty():
    """The held-out part is empty between rounds (its files move to tuned once studied): the scorer says so, and
    any files put there are scored (their figures are the unseen ones, so no floor is asserted)."""
    res = _scorer().score("heldout")
    for f, r in res.items():
        assert 0 <= r["right"] <= min(r["found"], r["key"]), (f, r)
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "import_score.py"), "--part", "heldout"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    if res["plans"]["key"] == 0:
        assert "(no files)" in out.stdout


def test_headings_run_into_their_text_are_split(tmp_path: Path):
    text = ("试点镇网络舆情应急预案\n"
            "一、总则1.1 编制目的为快速处置涉及本镇的网络舆情，制定本预案。1.2 适用范围本预案适用于本镇。\n"
            "二、工作要求1. 及时回应对于网民关切的问题，要及时回应。2. 依法处置对违法信息依法处置。\n"
            "三、监测预警（一）研判预警。对收集到的信息及时研判。（二）信息报告。发现后30分钟内口头报告。\n"
            "四、附则\n本预案自印发之日起施行，单条信息转发超过1.5万次的另行处理。\n")
    _, _, data = one(write(tmp_path, "runin.txt", text))
    assert [(d, t) for d, _, t in tree(data["sections"])] == [
        (0, "总则"), (1, "编制目的"), (1, "适用范围"), (0, "工作要求"), (1, "及时回应"), (1, "依法处置"),
        (0, "监测预警"), (1, "研判预警"), (1, "信息报告"), (0, "附则")]
    first = data["sections"][0]["sections"]
    assert first[0]["text"] == "为快速处置涉及本镇的网络舆情，制定本预案。" and first[1]["text"] == "本预案适用于本镇。"
    assert data["sections"][1]["sections"][0]["text"] == "对于网民关切的问题，要及时回应。"
    assert "1.5万次" in data["sections"][3]["text"]     # a decimal amount is not a heading


ROSTER_PLAN = """试点镇网络舆情应急预案
一、组织机构
镇成立网络舆情应急处置领导小组。
组  长：赵德明  镇党委书记
副组长：钱文静（镇长）
（一）综合协调组
组长：党政办主任
职责：负责综合协调。
二、附则
本预案自印发之日起施行。
附件：应急联系人
| 姓名 | 职务 | 手机 |
|---|---|---|
| 赵德明 | 镇党委书记 | 13800000501 |
| 李娟 | 党政办主任 | 138xxxxxxxx |
| 孙浩 | 宣传委员 | 13800000000 |
"""


def test_names_and_phones_go_to_a_roster_draft_never_into_posts(repo: Path):
    from generator.load.build import Builder
    from generator.load.yamlnodes import compose
    from generator.model import Roster

    r, plan, data = one(write(repo, "roster.md", ROSTER_PLAN))
    bodies = {b["name"]: b for b in data["organization"]["bodies"]}
    assert (bodies["网络舆情应急处置领导小组"]["leader"], bodies["网络舆情应急处置领导小组"]["deputies"]) == (["镇党委书记"], ["镇长"])
    assert bodies["综合协调组"]["leader"] == ["党政办主任"] and bodies["综合协调组"]["duties"] == ["负责综合协调。"]
    assert not re.search("赵德明|钱文静|李娟|孙浩|1380", yaml.safe_dump(data["organization"], allow_unicode=True))
    # the draft is in the roster format the loader reads, every entry marked for review
    node, problems = compose(plan.roster, "plans/rosters/draft.yml")
    assert not problems
    b = Builder("plans/rosters/draft.yml", None)
    roster = b.build(Roster, node)
    assert not [f for f in b.findings if f.code[0] in "FYS"], b.findings
    assert [(p.name, p.post, p.phones) for p in roster.people] == [
        ("赵德明", "镇党委书记", ("13800000501",)), ("钱文静", "镇长", ()), ("李娟", "党政办主任", ("138xxxxxxxx",)),
        ("孙浩", "宣传委员", ("13800000000",))]
    assert plan.roster.count("# 待核对：来源") == 4 and "原文没有写电话" in plan.roster
    flagged = [x for x in reasons(plan) if "像是占位" in x]
    assert flagged == ["通讯录草稿：李娟的电话“138xxxxxxxx”像是占位（含 x、* 等占位符）",
                       "通讯录草稿：孙浩的电话“13800000000”像是占位（一串相同的数字）"]
    # written beside the plan, where the loader does not read it (no second roster, no F010)
    write_plan(plan, str(repo / "plans" / "roster"))
    assert (repo / "plans/roster/roster.yml.draft").read_text("utf-8") == plan.roster
    found = check_repo(repo)
    assert not [f for f in found if f.code == "F010" or "roster.yml.draft" in str(f.loc)]


def test_review_list_says_what_the_importer_was_unsure_about(tmp_path: Path):
    text = ("试点镇网络舆情应急预案\n为妥善处置网络舆情，制定本预案。\n一、组织机构\n镇成立网络舆情工作领导小组。\n"
            "1、舆情研判组：负责研判。\n二、分级\n舆情分为一般、较大、重大三个等级。\nⅠ级：\nⅠ级、Ⅱ级舆情须在2小时内书面报告县委。\n"
            "三、报告\n发现舆情后立即电话报告党政办，在20分钟内。\n四、附则\n本预案自印发之日起施行。\n")
    r = import_file(str(write(tmp_path, "p.txt", text)), today=TODAY)
    got = [(x.where, x.reason) for x in r.plans[0].review]
    for want in [(2, "开头一段不在任何编号之下，导入把它单独作为一节（没有 title）：请补写标题（如“编制目的”）或并入下一节"),
                 (4, "导入没有找到网络舆情工作领导小组的组长（leader 未填）"),
                 (5, "导入没有找到舆情研判组的负责人（leader 未填）"),
                 (7, "这句话列出了级别，导入没有找到其中每一级的判定标准，没有写成 levels，请核对"),
                 (8, "导入找到了级别“Ⅰ级”，但没有找到它的判定标准（criteria 未填）"),
                 (9, "这句话提到了级别，导入认为它不是级别的定义，没有写入 levels，请核对"),
                 (11, "时限 20分钟 之后没有写做什么，导入取了它前面的“口头报告”作为事件，请核对")]:
        assert want in got, (want, got)
    # the list speaks of what the importer did, not of the source's faults
    assert not [x for _, x in got if x.startswith("原文没有") or "原文如此" in x or x.startswith("编号不连续")]


def body_plan(tmp_path: Path, body: str, name: str = "p.txt") -> dict:
    text = (f"试点镇网络舆情应急预案\n一、组织机构\n{body}\n二、监测预警\n党政办负责日常监测本镇各类网络舆情，及时研判。\n"
            "三、附则\n本预案由镇党政办负责解释，自印发之日起施行。\n")
    return one(write(tmp_path, name, text))[2]


@pytest.mark.parametrize("line, names", [
    ("（1）一般舆情：在个别平台出现。\n（2）较大舆情：在多个平台传播。", [("I", "较大舆情"), ("II", "一般舆情")]),
    ("一般舆情：在个别平台出现。\n重大舆情：被省级媒体转载。", [("I", "重大舆情"), ("II", "一般舆情")]),
    ("舆情分为一般、重大两级。\n重大舆情（Ⅰ级）：被省级媒体转载。\n一般舆情（Ⅱ级）：在个别平台出现。",
     [("I", "Ⅰ级（重大舆情）"), ("II", "Ⅱ级（一般舆情）")]),
    ("| 级别 | 判定标准 |\n|---|---|\n| Ⅰ级 | 被省级媒体转载 |\n| Ⅱ级 | 在个别平台出现 |", [("I", "Ⅰ级"), ("II", "Ⅱ级")]),
])
def test_level_phrasings(tmp_path: Path, line: str, names):
    data = body_plan(tmp_path, line, "p.md")
    assert [(lv["id"], lv["name"]) for lv in data["levels"]] == names
    assert all(lv["criteria"] for lv in data["levels"])


def test_levels_spoken_about_are_not_levels_and_criteria_stay_out_of_names(tmp_path: Path):
    # (round 14: a level alone outside a section about levels is no level, so the block has two)
    data = body_plan(tmp_path, "Ⅰ级：在全国性平台广泛传播。\nⅡ级：在本省平台传播。\nⅠ级、Ⅱ级舆情须在2小时内书面报告县委宣传部。")
    assert [(lv["name"], lv["criteria"]) for lv in data["levels"]] == [("Ⅰ级", ["在全国性平台广泛传播。"]),
                                                                       ("Ⅱ级", ["在本省平台传播。"])]


def test_level_table_in_word(tmp_path: Path):
    import docx
    d = docx.Document()
    d.add_paragraph("试点镇网络舆情应急预案")
    d.add_paragraph("一、分级标准")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["级别", "判定标准", "牵头处置"], ["Ⅰ级（重大）", "被省级媒体报道", "领导小组组长"],
                             ["Ⅱ级（一般）", "在本地论坛传播", "领导小组办公室"]]):
        for c, cell in enumerate(row):
            t.cell(r, c).text = cell
    d.add_paragraph("二、附则")
    d.add_paragraph("本预案自印发之日起施行。")
    d.save(str(tmp_path / "t.docx"))
    _, _, data = one(tmp_path / "t.docx")
    assert [(lv["id"], lv["name"], lv["criteria"], lv["lead"]) for lv in data["levels"]] == [
        ("I", "Ⅰ级（重大）", ["被省级媒体报道"], ["领导小组组长"]), ("II", "Ⅱ级（一般）", ["在本地论坛传播"], ["领导小组办公室"])]


def test_working_groups_leaders_and_named_posts(tmp_path: Path):
    data = body_plan(tmp_path, "成立舆情应急领导小组。组长：由镇党委书记担任；副组长：由镇长担任。\n"
                               "领导小组下设办公室，设在党政办，党委副书记兼任办公室主任。\n"
                               "1、舆情监测组：由党政办牵头，负责全天候监测。\n"
                               "2、调查核实组：由综治办牵头，负责核实问题。\n"
                               "设新闻发言人一名，由分管副镇长兼任。党政办副主任担任舆情联络员。")
    bodies = {b["name"]: b for b in data["organization"]["bodies"]}
    assert (bodies["舆情应急领导小组"]["leader"], bodies["舆情应急领导小组"]["deputies"]) == (["镇党委书记"], ["镇长"])
    assert bodies["领导小组办公室"]["leader"] == ["党委副书记"] and bodies["领导小组办公室"]["seat"] == "党政办"
    assert (bodies["舆情监测组"]["type"], bodies["舆情监测组"]["leader"]) == ("working_group", ["党政办"])
    assert bodies["调查核实组"]["leader"] == ["综治办"]
    assert [(p["name"], p["holder"]) for p in data["organization"]["posts"]] == [
        ("新闻发言人", ["分管副镇长"]), ("舆情联络员", ["党政办副主任"])]
    assert "舆情监测组" not in [s.get("title") for s in data["sections"][0].get("sections", [])]


@pytest.mark.parametrize("line, want", [
    ("发现后须在30分钟内口头汇报和90分钟内书面汇报领导小组。", [("30分钟", "oral_report"), ("90分钟", "written_report")]),
    ("发现后30分钟内电话报告办公室，1小时内书面报告。", [("30分钟", "oral_report"), ("1小时", "written_report")]),
    ("办公室在2小时内形成专报报党委。", [("2小时", "special_report")]),
    ("监测组每日9时、15时各巡查一次本地论坛。", []),
    ("单条信息24小时内转发超过1万次的，视为重大舆情。", []),
])
def test_deadline_phrasings(tmp_path: Path, line: str, want):
    data = body_plan(tmp_path, line)
    assert [(d["limit"], d["event"]) for d in data.get("deadlines", [])] == want


def test_pieces_of_a_collection_and_a_masthead(tmp_path: Path):
    text = ("【篇1】甲社区网络舆情应急预案\n一、组织机构\n社区成立网络舆情工作小组，社区书记任组长，社区主任任副组长。\n二、附则\n本预案由社区负责解释，自印发之日起施行。\n"
            "【篇2】乙社区网络舆情应对工作机制\n一、工作目标\n及时掌握辖区网络舆情动态，妥善处置各类负面舆情。\n二、工作流程\n网格员发现舆情后1小时内书面报告街道。\n")
    r = import_file(str(write(tmp_path, "two.txt", text)), today=TODAY)
    assert [p.title for p in r.plans] == ["甲社区网络舆情应急预案", "乙社区网络舆情应对工作机制"]
    notice = ("甲街道办事处文件\n甲街发〔2024〕3号\n关于印发《甲街道网络舆情应急预案》的通知\n各社区：\n现印发给你们。\n特此通知\n"
              "甲街道办事处\n2024年3月8日\n甲街道网络舆情应急预案\n一、组织机构\n成立网络舆情领导小组，街道党工委书记任组长，街道办事处主任任副组长。\n二、附则\n本预案由街道党政办负责解释。\n")
    _, _, data = one(write(tmp_path, "notice.txt", notice))
    assert (data["issuer"], data["document_number"]) == ("甲街道办事处", "甲街发〔2024〕3号")


# --------------------------------------------------------------------------- issue 17, third round: structure over phrases

ENUMERATED = """试点局网络舆情应急预案
一、总则
为妥善处置网络舆情，制定本预案。
二、舆情分级
依据传播范围，舆情由高到低分为三级：重大（Ⅰ级）、较大（Ⅱ级）、一般（Ⅲ级）。
重大舆情，指具有下列情形之一的：
- 被省级以上媒体转载的；
- 单条信息阅读量超过20万次的。
较大舆情：在本市平台传播，评论较多。
一般舆情系指仅在个别群组出现、影响轻微的舆情。
三、预警
网络舆情分为橙色、黄色两个等级：橙色为较大舆情，已在多个平台传播；黄色为一般舆情，尚在个别平台。
"""


def test_levels_listed_in_a_sentence_are_read_from_what_follows(tmp_path: Path):
    _, plan, data = one(write(tmp_path, "enum.txt", ENUMERATED))
    levels = [(lv["id"], lv["name"], lv.get("colour"), lv["criteria"]) for lv in data["levels"]]
    assert levels == [
        ("I", "Ⅰ级（重大舆情）", None, ["被省级以上媒体转载的", "单条信息阅读量超过20万次的。"]),
        ("II", "Ⅱ级（较大舆情）", "orange", ["在本市平台传播，评论较多。"]),
        ("III", "Ⅲ级（一般舆情）", "yellow", ["仅在个别群组出现、影响轻微的舆情。"])]
    # the second list (colours, '橙色为较大舆情') names levels found already: they take its colours, nothing is added twice
    assert not [x for x in reasons(plan) if "两次" in x or "列出了级别" in x]


def test_colour_first_levels_after_a_list(tmp_path: Path):
    text = ("试点镇网络舆情处置制度\n一、机构\n镇成立网络舆情工作领导小组，镇长任组长。\n二、分级\n"
            "舆情分为黄色、红色两个等级：红色为重大舆情，被市级媒体报道；黄色为一般舆情，在个别群组出现。\n"
            "三、处置\n发现舆情后30分钟内口头报告党政办。\n")
    _, _, data = one(write(tmp_path, "colour.txt", text))
    assert [(lv["id"], lv["name"], lv["colour"], lv["criteria"]) for lv in data["levels"]] == [
        ("I", "重大舆情", "red", ["被市级媒体报道"]), ("II", "一般舆情", "yellow", ["在个别群组出现。"])]


def test_run_in_headings_chapters_in_markdown_headings_and_posts_named_first(tmp_path: Path):
    text = ("# 试点街道网络舆情管理办法\n\n### 第一章 总则\n\n第一条 为规范舆情工作，制定本办法。\n\n### 第二章 机构\n\n"
            "第二条 街道成立网络舆情工作领导小组，区卫健委党组书记、主任任组长，办事处主任和宣传委员任副组长。\n\n"
            "第三条 街道新闻发言人原则上由党工委副书记担任；各社区要明确一名同志作为本社区信息员。\n\n"
            "### 第三章 附则\n\n第四条 本办法自印发之日起施行。\n")
    _, _, data = one(write(tmp_path, "chap.md", text))
    assert [t for _, _, t in tree(data["sections"])] == ["总则", None, "机构", None, None, "附则", None]
    body = data["organization"]["bodies"][0]
    assert body["leader"] == ["区卫健委党组书记、主任"] and body["deputies"] == ["办事处主任", "宣传委员"]
    posts = data["organization"]["posts"]
    assert [(p["name"], p.get("holder")) for p in posts] == [("新闻发言人", ["党工委副书记"]), ("信息员", None)]

    run = ("试点村网络舆情工作方案\n一、组织领导成立试点村网络舆情工作领导小组：组  长：村党支部书记 副组长：村委会主任 成  员：各组长。"
           "二、舆情分级舆情分为一般、重大两个等级。一般舆情指在村民群中出现的信息；重大舆情指被县级以上媒体报道的信息。"
           "三、信息发布建立发言人制度，村党支部副书记为新闻发言人。\n")
    _, _, data = one(write(tmp_path, "run.txt", run))
    assert [t for _, _, t in tree(data["sections"])] == ["组织领导", "舆情分级", "信息发布"]
    body = data["organization"]["bodies"][0]
    assert (body["name"], body["leader"], body["deputies"]) == ("试点村网络舆情工作领导小组", ["村党支部书记"], ["村委会主任"])
    assert [(lv["id"], lv["criteria"]) for lv in data["levels"]] == [
        ("I", ["被县级以上媒体报道的信息。"]), ("II", ["在村民群中出现的信息"])]


TABLES = """# 试点中学网络舆情应急预案

**一、组织机构**

学校成立网络舆情工作领导小组，校长任组长。

| 组别 | 牵头部门 | 副组长 | 主要任务 |
|---|---|---|---|
| 信息收集组 | 政教处 | 团委书记 | 收集师生和家长反映的网上信息 |
| 对外联络组 | 校长办公室 |  | 联系主管部门和媒体 |

| 序号 | 角色 | 承担职责 |
|---|---|---|
| 1 | 新闻发言人（分管德育的副校长） | 对外发布 |
| 2 | 班级信息员 | 由各班班主任担任，发现后立即报告 |
| 3 | 网评员 | 正面发声 |

**二、附则**

本预案自印发之日起施行。

| 姓名 | 岗位 | 手机 |
|---|---|---|
| 贺明 | 舆情联络员 | 13800000991 |
"""


def test_groups_and_posts_read_from_tables(tmp_path: Path):
    _, plan, data = one(write(tmp_path, "tables.md", TABLES))
    assert [t for _, _, t in tree(data["sections"])] == ["组织机构", "附则"]
    bodies = {b["name"]: b for b in data["organization"]["bodies"]}
    assert bodies["信息收集组"]["leader"] == ["政教处"] and bodies["信息收集组"]["deputies"] == ["团委书记"]
    assert bodies["信息收集组"]["duties"] == ["收集师生和家长反映的网上信息。"]
    assert bodies["对外联络组"]["leader"] == ["校长办公室"] and "deputies" not in bodies["对外联络组"]
    posts = [(p["name"], p["role"], p.get("holder")) for p in data["organization"]["posts"]]
    # a post's title word anywhere in its cell; the holder from the brackets or '由…担任' in the row; the contact
    # list below is the roster draft's, not a post
    assert posts == [("新闻发言人", "spokesperson", ["分管德育的副校长"]), ("信息员", "monitor", ["各班班主任"]),
                     ("网评员", "commentator", None)]
    assert any("网评员" in x and "holder 未填" in x for x in reasons(plan))
    assert "贺明" in plan.people


def test_a_numbered_heading_ending_in_a_document_word_is_no_new_document():
    """'4 监测与报告' (a Heading-1 numbered 4) split a university's plan in two: a line that starts with a heading
    number is never a document's title."""
    from generator.importer.split import is_title
    assert not is_title("4 监测与报告") and not is_title("4.2 信息报告")
    assert is_title("某某大学网络舆情应急预案")


def test_bodies_leaders_and_posts_read_by_structure(tmp_path: Path):
    """Issue 17, fifth round: a group named first and its lead after any separator, 主任委员, the head of an office
    said in other words, a deputy secretary who heads the office, posts after 为本所 / 落实一名 / a colon."""
    text = ("试点县文旅局网络舆情应急预案\n"
            "一、组织机构\n"
            "局设立网络舆情管理委员会，局党组副书记、副局长为主任委员，局办公室主任为副主任委员。\n"
            "委员会下设舆情值班办公室，由宣传科科长负责办公室日常工作。\n"
            "分设两个专班：景区巡查专班由资源开发科负责；网络引导专班——牵头单位：宣传科；职责：发布权威信息。\n"
            "- 安全督查组：市场管理科任牵头单位，负责现场核查。\n"
            "二、岗位\n"
            "各景区经理为本景区舆情联络员。各乡镇文化站落实一名干事担任信息员。局新闻发言人：分管宣传的副局长。\n")
    _, _, data = one(write(tmp_path, "structure.txt", text))
    bodies = {b["name"]: b for b in data["organization"]["bodies"]}
    assert bodies["网络舆情管理委员会"]["leader"] == ["局党组副书记、副局长"]
    assert bodies["网络舆情管理委员会"]["deputies"] == ["局办公室主任"]
    assert bodies["舆情值班办公室"]["leader"] == ["宣传科科长"]
    assert bodies["景区巡查专班"]["leader"] == ["资源开发科"]
    assert bodies["网络引导专班"]["leader"] == ["宣传科"]
    assert bodies["网络引导专班"]["duties"] == ["发布权威信息。"]
    assert bodies["安全督查组"]["leader"] == ["市场管理科"]
    posts = {p["name"]: p.get("holder") for p in data["organization"]["posts"]}
    assert posts == {"舆情联络员": ["景区经理"], "信息员": ["干事"], "新闻发言人": ["分管宣传的副局长"]}
