"""Masking, field by field with planted data (issue 13, item 3): every free-text field of the minimal repository's
plan, roster and case gets a self-introduced name, a mobile and an ID number (each field its own, in one of the
written forms a person uses); a public build (site and PDFs) and a training compendium must show none of them in
any file: pages, search index, SVG, PDFs' text and metadata, the cache of masked texts."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, run_cli

from generator.privacy import Masker, mask_mobile, mask_numbers, protect_masks

#: Keys whose values are structure (ids, references, choices, dates, limits, phone fields): not planted
STRUCTURE = {"id", "kind", "status", "version", "approved", "effective", "roster", "plan", "level", "category",
             "event", "by", "time", "posted", "discovered", "closed", "date", "colour", "limit", "trigger", "levels",
             "deadlines", "owner", "recipient", "lead", "report_to", "holder", "backup", "leader", "deputies",
             "members", "phones", "weekday", "staff", "roles", "stage", "numbering", "successor", "url", "email",
             "type", "role", "next", "name", "post", "office", "document_number", "issuer", "signatory", "title",
             "platform", "drafted", "reviewed", "workdays", "max", "seat", "addressees", "copied_to", "printed_by"}
FORMS = ["{a}{b}{c}", "{a} {b} {c}", "{a}.{b}.{c}", "+86{a}{b}{c}", "86{a}{b}{c}", "{a}-{b}-{c}", "FULL"]
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def planted(i: int) -> str:
    a, b, c = "139", "8765", f"{i:04d}"
    form = FORMS[i % len(FORMS)]
    mobile = f"{a}{b}{c}".translate(_FULL) if form == "FULL" else form.format(a=a, b=b, c=c)
    ident = ["110101199001018765", "110101 19900101 8765", "110101900101876"][i % 3]
    return f"我叫杨建华，电话{mobile}，身份证{ident}"


def plant(node, path: str, fields: list[str]):
    if isinstance(node, dict):
        return {k: plant(v, f"{path}.{k}", fields) if k not in STRUCTURE or _records(v) else v
                for k, v in node.items()}
    if isinstance(node, list):
        return [plant(v, f"{path}[{i}]", fields) for i, v in enumerate(node)]
    if isinstance(node, str):
        fields.append(path)
        return node + planted(len(fields))
    return node


def _records(v) -> bool:
    return isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict) for x in v))


def leaks(text: str) -> list[str]:
    """The planted data in ``text``, however it is written."""
    half = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    joined = re.sub(r"(?<=\d)[ .\-\u00a0](?=\d)", "", half)
    found = re.findall(r"13987650\d{3}", joined) + re.findall(r"(?:19)?900101", joined)
    return found + (["杨建华"] if "杨建华" in text else [])


@pytest.fixture(scope="module")
def planted_repo(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("planted") / "repo"
    shutil.copytree(MINIMAL, root)
    fields: list[str] = []
    for rel in ("plans/demo/plan.yml", "plans/rosters/demo.yml"):
        f = root / rel
        f.write_text(yaml.safe_dump(plant(yaml.safe_load(f.read_text("utf-8")), rel, fields), allow_unicode=True,
                                    sort_keys=False), "utf-8")
    case = root / "cases" / "2025" / "2025-001.md"
    _, front, body = case.read_text("utf-8").split("---\n", 2)
    data = plant(yaml.safe_load(front), "case", fields)
    data["tags"] = ["测试" + planted(900)]
    data["unit"] = "党政办" + planted(901)
    data["questions"] = ["怎样回应？" + planted(902)]
    case.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
                    + "---\n\n" + body + planted(903) + "\n\n另一位网友说：我叫杨建华。\n", "utf-8")
    roster = root / "plans" / "rosters" / "demo.yml"
    r = yaml.safe_load(roster.read_text("utf-8"))
    r["people"][0]["phones"] = ["+8613987650801", "0123-5550101"]
    r["people"][1]["phones"] = ["8613987650802"]
    r["units"][0]["note"] = "联系人：杨建华，手机 139 8765 0803，身份证 110101199001018765"
    roster.write_text(yaml.safe_dump(r, allow_unicode=True, sort_keys=False), "utf-8")
    check = run_cli("check", "--today", "2026-01-01", cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    return root, fields


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True).stdout
    return text + info


def all_leaks(out: Path) -> list[str]:
    found = []
    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        text = pdf_text(f) if f.suffix == ".pdf" else f.read_text("utf-8", errors="replace")
        if f.suffix in (".html", ".json", ".svg", ".js", ".xml", ".md", ".txt", ".yml") or f.suffix == ".pdf":
            found += [f"{f.relative_to(out)}: {x}" for x in leaks(text)]
    return found


def test_plants_reach_the_internal_build(planted_repo, tmp_path):
    """The planted data is there to be found: an internal build shows it (the test can fail)."""
    root, fields = planted_repo
    assert len(fields) >= 15, fields
    r = run_cli("build", "--no-pdf", "--today", "2026-01-01", "-o", str(tmp_path / "out"), cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(all_leaks(tmp_path / "out" / "site")) > 20


def test_public_build_shows_no_planted_number_or_name_in_any_file(planted_repo, tmp_path):
    root, fields = planted_repo
    out = tmp_path / "out"
    r = run_cli("build", "--public", "--today", "2026-01-01", "-o", str(out), cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert list((out / "pdf").rglob("*.pdf")) and (out / "site" / "search" / "search_index.json").is_file()
    leaked = all_leaks(out)
    assert not leaked, leaked[:30]
    page = (out / "site" / "cases" / "2025-001.html").read_text("utf-8")
    assert "139****0" in html.unescape(page) and "<em>" not in page  # a masked number is not emphasis
    assert "杨某某" in page


def test_training_compendium_shows_none(planted_repo, tmp_path):
    root, _ = planted_repo
    pdf = tmp_path / "compendium.pdf"
    r = run_cli("report", "--training", "--from", "2025-01-01", "--to", "2025-12-31", "-o", str(pdf), cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not leaks(pdf_text(pdf))


@pytest.mark.parametrize("written, shown", [
    ("+8613800000301", "+86138****0301"), ("8613800000302", "86138****0302"), ("139 1234 0005", "139****0005"),
    ("139.1234.0015", "139****0015"), ("１３９１２３４００１６", "139****0016"), ("0086-139-1234-0017", "0086-139****0017"),
    ("110101199001011234", "110101********1234"), ("110101 19900101 1234", "110101********1234"),
    ("110101900101123", "110101******123"), ("0123-5550101", "0123-5550101"), ("订单 20250301123456789", None),
])
def test_numbers_in_every_written_form(written, shown):
    assert mask_numbers(written) == (written if shown is None else shown)
    if shown and "-555" not in written and len(re.sub(r"\D", "", written)) <= 13:
        assert mask_mobile(written) == shown


@pytest.mark.parametrize("text, name", [("我叫杨建华，家住示范镇", "杨建华"), ("村民扎西顿珠反映水质", "扎西顿珠"),
                                        ("居民阿依古丽称", "阿依古丽"), ("买买提·艾力在现场", "艾力"),
                                        ("网友杨建华说", "杨建华")])
def test_names_without_a_listed_surname_or_in_a_quote(text, name):
    assert name not in Masker(frozenset(), ()).text(text)


def test_a_masked_number_is_not_emphasis_in_markdown():
    from generator.site.text import markdown
    html = __import__("markdown").markdown(str(markdown("联系 139****0013 或 110101********1234")))
    assert "<em>" not in html and "<strong>" not in html and "139****0013" in html.replace("&#42;", "*")
    assert protect_masks("**粗体**") == "**粗体**"
