"""Inputs that passed check and then broke the output (issue 13 items 9 and 10): each attack runs the real
``planbook build`` and must stop at check with a finding naming the source file and line, never reach MkDocs,
WeasyPrint or the output folder; and a PDF made without check keeps no link into the program's folder."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, run_cli

PLAN = "plans/demo/plan.yml"
CASE = "cases/2025/2025-001.md"
BODY = "4 月 1 日上午"

# (file, text replaced, replacement, finding expected: "CODE file:line")
ATTACKS = {
    # item 10: ids that name pages and PDFs
    "plan-id-dot": (PLAN, "id: demo\n", "id: '.'\n", "S007 plans/demo/plan.yml:1:"),
    "plan-id-dotdot": (PLAN, "id: demo\n", "id: '..'\n", "S007 plans/demo/plan.yml:1:"),
    "case-id-index": (CASE, "id: 2025-001\n", "id: index\n", "O101 cases/2025/2025-001.md:2:"),
    "case-id-hash": (CASE, "id: 2025-001\n", "id: '#x'\n", "S007 cases/2025/2025-001.md:2:"),
    "case-id-300": (CASE, "id: 2025-001\n", "id: " + "案" * 300 + "\n", "S007 cases/2025/2025-001.md:2:"),
    "level-id-dotdot": (PLAN, "  - id: II\n", "  - id: '..'\n", "S007 plans/demo/plan.yml:92:"),
    "level-id-readme": (PLAN, "  - id: II\n", "  - id: readme\n", "O101 plans/demo/plan.yml:92:"),
    "link-missing-file": (CASE, BODY, "见[附件一](附件一.docx)。" + BODY, "O102 cases/2025/2025-001.md:34:8"),
    # item 9: what crashed or stalled the build
    "review-cycle-8000": ("planbook.yml", "review_cycle: 3年\n", "review_cycle: 8000年\n", "S008 planbook.yml:4:"),
    "review-cycle-overflow": ("planbook.yml", "review_cycle: 3年\n", "review_cycle: 99999999999年\n",
                              "S008 planbook.yml:4:"),
    "deadline-9999999": (PLAN, "    limit: 3日\n", "    limit: 9999999天\n", "P301 plans/demo/plan.yml:116:"),
    "nested-list-2000": (CASE, BODY, "".join(" " * i + "- x\n" for i in range(2000)) + "\n" + BODY,
                         "O103 cases/2025/2025-001.md:66:"),
    "stars-50000": (CASE, BODY, "*" * 50000 + "词" + "*" * 50000 + "\n\n" + BODY, "O103 cases/2025/2025-001.md:34:"),
    "brackets-20000": (CASE, BODY, "[" * 20000 + "x" + "]" * 20000 + "\n\n" + BODY, "O103 cases/2025/2025-001.md:34:"),
}


def attacked(tmp: Path, file: str, old: str, new: str) -> Path:
    root = tmp / "repo"
    shutil.copytree(MINIMAL, root)
    shutil.rmtree(root / "drills")  # its from_case and plan name the case and plan the attacks rename
    path = root / file
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return root


@pytest.mark.parametrize("name", ["stars-50000", "case-id-index", "link-missing-file", "plan-id-dot",
                                  "review-cycle-8000"])
def test_planbook_yml_cannot_switch_a_guard_off(tmp_path, name):
    """rules: {O103: off} in planbook.yml let 50,000 '*' through check into a RecursionError in the build: the
    loader's codes and the guards (findings.Code.fixed) can be raised but not lowered; K102 says so."""
    file, old, new, want = ATTACKS[name]
    code, where = want.split()
    root = attacked(tmp_path, file, old, new)
    with (root / "planbook.yml").open("a", encoding="utf-8") as fh:
        fh.write(f"rules:\n  {code}: off\n  P103: off\n")
    out = tmp_path / "out"
    r = run_cli("build", "--today", "2026-01-01", "-o", str(out), cwd=root)
    text = r.stdout + r.stderr
    assert r.returncode == 1, text
    assert any(line.startswith(where) and f"[{code}]" in line for line in text.splitlines()), text
    k102 = [line for line in text.splitlines() if "warning[K102]" in line]
    assert len(k102) == 1 and f"“{code}”" in k102[0], text  # and none for P103, which may be switched off
    assert "Traceback" not in text and not (out / "site").exists()


@pytest.mark.parametrize("name", list(ATTACKS))
def test_check_stops_the_build_with_file_and_line(tmp_path, name):
    file, old, new, want = ATTACKS[name]
    root = attacked(tmp_path, file, old, new)
    out = tmp_path / "out"
    r = run_cli("build", "--today", "2026-01-01", "-o", str(out), cwd=root)
    code, where = want.split()
    text = r.stdout + r.stderr
    assert r.returncode == 1, text
    assert any(line.startswith(where) and f"[{code}]" in line for line in text.splitlines()), text
    assert "Traceback" not in text and "内部错误" not in text and "MkDocs" not in text
    assert not (out / "site").exists() and not (out / "pdf").exists()


def test_pdf_link_to_a_file_is_plain_text(tmp_path):
    """A relative link in a PDF made without check (report, diff --pdf) is text, not a file:// link into
    site_templates/pdf (pdfinfo -url lists the PDF's link targets)."""
    from generator.pdf import render_one
    from generator.pdf.documents import _markdown
    text = "见[附件一](附件一.docx)、[乙](../../etc/x.md)、[丙](//host/x)、[丁](#top)、[戊](https://example.com/ok)。"
    html = f"<html><body>{_markdown(text)}</body></html>"
    pdf = tmp_path / "l.pdf"
    render_one(html, str(Path(__file__).parent.parent / "site_templates" / "pdf"), str(pdf))
    urls = subprocess.run(["pdfinfo", "-url", str(pdf)], capture_output=True, text=True, check=True).stdout
    targets = [line.split()[-1] for line in urls.splitlines()[1:]]
    assert targets == ["https://example.com/ok"], targets
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "附件一" in words and "乙" in words


# --------------------------------------------------------------------------- item 5: importer zip bombs

def _bomb(path: Path, body: bytes) -> Path:
    """A real .docx (python-docx) whose text part is replaced by ``body`` (streamed into the zip, compressed)."""
    import zipfile
    docx = pytest.importorskip("docx")
    plain = path.with_name("plain.docx")
    d = docx.Document()
    d.add_paragraph("一、总则")
    d.save(str(plain))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                head, _, _ = src.read(info).partition(b"<w:body>")
                with dst.open("word/document.xml", "w", force_zip64=True) as fh:
                    fh.write(head + b"<w:body>")
                    for i in range(0, len(body), 1 << 24):
                        fh.write(body[i:i + (1 << 24)])
                    fh.write(b"</w:body></w:document>")
            else:
                dst.writestr(info, src.read(info))
    return path


@pytest.mark.parametrize("kind,body,says", [
    ("8-million-paragraphs", b"<w:p/>" * 8_000_000, "MB"),
    ("many-paragraphs", b"<w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:p>" * 12_000, "段"),
    ("one-long-run", b"<w:p><w:r><w:t>" + "舆".encode() * 30_000_000 + b"</w:t></w:r></w:p>", "MB"),
])
def test_import_refuses_a_zip_bomb_in_seconds(tmp_path, kind, body, says):
    bomb = _bomb(tmp_path / f"{kind}.docx", body)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    r = run_cli("import", str(bomb), cwd=root)  # run_cli's timeout (120 s) is the guard; it answers in seconds
    assert r.returncode != 0 and "压缩炸弹" in r.stderr and says in r.stderr, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert not any((root / "plans").glob("*/plan.yml")) or {p.parent.name for p in (root / "plans").glob("*/plan.yml")} \
        == {"demo"}


# --------------------------------------------------------------------------- item 13: the terminal

def test_check_output_shows_control_characters_as_codes(tmp_path):
    """OSC 52 (ESC ] 52 … BEL writes the clipboard) and CR (rewrites the line) written as YAML escapes in a
    field reach check's message: the terminal gets their codes, never the characters."""
    root = attacked(tmp_path, PLAN, "    limit: 3日\n", '    limit: "3日\\e]52;c;cm0gLXJmIH4=\\a\\rok\\u202e"\n')
    r = run_cli("check", cwd=root)
    assert r.returncode == 1
    line = next(x for x in r.stdout.splitlines() if "[P301]" in x)
    assert "\\x1b]52;c;cm0gLXJmIH4=\\x07\\x0dok\\u202e" in line, line
    assert not any(ch in r.stdout + r.stderr for ch in "\x1b\x07\r\u202e")


def test_verify_into_a_closed_pipe_says_nothing(tmp_path):
    """``planbook verify … | head -1``: the reader leaves after one line; no Broken pipe error, no traceback."""
    import os
    import sys
    files = []
    for i in range(3000):  # more output than a pipe holds
        f = tmp_path / f"f{i}.pdf"
        f.write_text("不是 PDF")
        files.append(f.name)
    exe = Path(sys.executable).parent / "planbook"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]
    p = subprocess.Popen(cmd + ["verify", *files], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**os.environ, "NO_COLOR": "1"})
    first = p.stdout.readline()
    p.stdout.close()  # what head -1 does
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert "f0.pdf" in first.decode()
    assert "Broken pipe" not in err and "Traceback" not in err and "读写文件失败" not in err, err
