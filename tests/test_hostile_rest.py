"""The rest of issue 13 item 13, each against the real component: a control character after the first 8 KB
(check names its line and column), a UTF-16 file (named as such, not "binary"), a full disk while PDFs are
written (the real build, in a subprocess with a file size limit, and on a small tmpfs when it can be mounted),
the refusal to sign a draft revision's change table (says the watermark it carries), and Ctrl+C during
``planbook serve``'s first build (a real process and signal: no temporary folder left)."""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL, git, run_cli

PLAN = "plans/demo/plan.yml"
CASE = "cases/2025/2025-001.md"


def _copy(tmp: Path) -> Path:
    root = tmp / "repo"
    shutil.copytree(MINIMAL, root)
    return root


def _command() -> list[str]:
    exe = Path(sys.executable).parent / "planbook"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "generator"]


# --------------------------------------------------------------------------- control characters, UTF-16

@pytest.mark.parametrize("file,anchor,char", [
    (PLAN, "title: 示范镇网络舆情应急预案\n", "\x01"),
    (PLAN, "title: 示范镇网络舆情应急预案\n", "\x00"),  # a NUL after the first 8 KB: not "binary" either
    (CASE, "title: ", "\x1b"),  # in a case's front matter, below its first line
])
def test_a_control_character_after_8_kb_is_reported_at_its_line_and_column(tmp_path, file, anchor, char):
    root = _copy(tmp_path)
    path = root / file
    text = path.read_text("utf-8")
    filler = "".join(f"# 说明第 {i} 行：" + "填充文字" * 20 + "\n" for i in range(120))  # about 30 KB of comments
    assert len(filler.encode()) > 3 * 8192
    at = text.index(anchor) + len(anchor)
    head = text[:at] if file == PLAN else text[:text.index("\n") + 1]  # a case keeps its --- line first
    rest = text[len(head):]
    bad = "tags: [乙" + char + "丙]\n" if file == CASE else "copied_to: [县委宣传部, 县" + char + "网信办]\n"
    if file == PLAN:
        rest = rest.replace("copied_to: [县委宣传部]\n", "", 1)
    new = head + filler + bad + rest
    path.write_text(new, "utf-8")
    line = new[:new.index(char)].count("\n") + 1
    col = new.index(char) - new.rindex("\n", 0, new.index(char))
    r = run_cli("check", cwd=root)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert f"{file}:{line}:{col}: error[Y001]" in out, out
    assert f"U+{ord(char):04X}" in out, out
    assert f"{file}:1:1:" not in out and "[F005]" not in out, out


@pytest.mark.parametrize("codec,bom,variant,says", [
    ("utf-16-le", "\ufeff", "UTF-16LE", "带 BOM"),  # Notepad's "Unicode"
    ("utf-16-be", "\ufeff", "UTF-16BE", "带 BOM"),
    ("utf-16-le", "", "UTF-16LE", "无 BOM"),
    ("utf-16-be", "", "UTF-16BE", "无 BOM"),
])
def test_a_utf16_file_is_named_utf16_not_binary(tmp_path, codec, bom, variant, says):
    root = _copy(tmp_path)
    for rel in (PLAN, CASE):
        path = root / rel
        path.write_bytes((bom + path.read_text("utf-8")).encode(codec))
    r = run_cli("check", cwd=root)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    for rel in (PLAN, CASE):
        line = next((x for x in out.splitlines() if x.startswith(f"{rel}: error[F007]")), "")
        assert variant in line and says in line and "UTF-8" in line, out
    assert "[F005]" not in out and "二进制" not in out, out
    assert "iconv -f UTF-16 -t UTF-8" in out


def test_binary_content_is_still_called_binary(tmp_path):
    root = _copy(tmp_path)
    (root / PLAN).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    r = run_cli("check", cwd=root)
    assert "[F005]" in r.stdout and "[F007]" not in r.stdout, r.stdout


# --------------------------------------------------------------------------- a full disk during PDF rendering

def _build(root: Path, out: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def no_bigger_files():  # in the child: writing past ``limit`` bytes fails with EFBIG (SIGXFSZ ignored)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run(_command() + ["build", "--no-site", "--today", "2026-01-01", "-o", str(out), *args],
                          cwd=root, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"},
                          preexec_fn=no_bigger_files if limit else None)


def test_a_file_size_limit_while_rendering_pdfs_names_the_folder_not_the_content(tmp_path):
    """The PDF stage writes the first PDF (each is over 100 KB) past the process's file size limit: the
    build says the output folder could not be written and why, not "check the document's content"."""
    root = _copy(tmp_path)
    out = tmp_path / "out"
    r = _build(root, out, "-j", "1", limit=40_000)
    text = r.stdout + r.stderr
    assert r.returncode == 2, text
    assert f"写入输出目录 {out} 失败" in text and "文件超出了允许的大小" in text and "ulimit -f" in text, text
    assert "检查该文档的内容" not in text and "Traceback" not in text, text
    assert not list(out.glob(".staging-*")) and not (out / "pdf").exists(), list(out.iterdir())


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs (needs root, as on the build machine and in CI here); skipped where it cannot be mounted."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_while_rendering_pdfs_says_so_and_keeps_the_last_build(tmp_path, small_disk):
    root = _copy(tmp_path)
    out = small_disk / "out"
    first = _build(root, out, "-j", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    kept = {p.relative_to(out / "pdf"): p.read_bytes() for p in (out / "pdf").rglob("*.pdf")}
    assert kept
    # the plan changes (its PDFs are made again), and the disk is full but for 32 KB
    path = root / PLAN
    path.write_text(path.read_text("utf-8").replace("示范镇网络舆情应急预案", "示范镇网络舆情应急预案（修订）", 1), "utf-8")
    with open(small_disk / "filler", "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    os.truncate(small_disk / "filler", max(0, (small_disk / "filler").stat().st_size - 32 * 1024))
    r = _build(root, out, "-j", "2")
    text = r.stdout + r.stderr
    assert r.returncode == 2, text
    assert f"写入输出目录 {out} 失败：磁盘已满" in text and "df -h" in text, text
    assert "检查该文档的内容" not in text and "Traceback" not in text, text
    assert not list(out.glob(".staging-*")), list(out.iterdir())
    assert {p.relative_to(out / "pdf"): p.read_bytes() for p in (out / "pdf").rglob("*.pdf")} == kept


# --------------------------------------------------------------------------- refusing to sign: the real reason

def test_signing_a_draft_revisions_change_table_names_its_watermark(tmp_path):
    """A change table whose newer side is a draft revision carries 修订草案 (not 草稿): the refusal says so
    and what makes it signable."""
    root = _copy(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "批准 1.0 版")
    path = root / PLAN
    text = path.read_text("utf-8").replace("status: approved", "status: draft", 1).replace('version: "1.0"',
                                                                                         'version: "1.1"', 1)
    path.write_text(text.replace("每年演练一次。", "每半年演练一次。", 1), "utf-8")
    out = root / "output"
    r = _build(root, out, "-j", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    tables = sorted((out / "pdf" / "changes" / "demo").glob("*.pdf"))
    assert tables, list((out / "pdf").iterdir())
    words = subprocess.run(["pdftotext", str(tables[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "修订草案" in words
    env = {"PLANBOOK_ROOT_PASSPHRASE": "root-pass", "PLANBOOK_SIGN_PASSPHRASE": "sign-pass"}
    certs = tmp_path / "certs"
    assert run_cli("cert", "root", "--office", "示范镇人民政府", "-o", str(certs), cwd=tmp_path, env=env).returncode == 0
    assert run_cli("cert", "signing", "--office", "示范镇人民政府", "--root", str(certs / "root.pem"), "--root-key",
                   str(certs / "root-key.pem"), "-o", str(certs / "office.p12"), cwd=tmp_path, env=env).returncode == 0
    r = run_cli("sign", "--certificate", str(certs / "office.p12"), "-o", str(tmp_path / "signed"), str(tables[0]),
                cwd=root, env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "修订草案" in r.stderr and "“修订草案”水印" in r.stderr and "草稿" not in r.stderr, r.stderr
    assert not (tmp_path / "signed").exists() or not any((tmp_path / "signed").iterdir())


# --------------------------------------------------------------------------- Ctrl+C during serve's first build

@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "term", "hangup"])
def test_ctrl_c_during_serves_first_build_leaves_no_temporary_folder(tmp_path, signum):
    """Ctrl+C, a kill (SIGTERM: a service manager stopping it) or a closed terminal (SIGHUP) during serve's first
    build: no planbook-serve-* folder is left."""
    root = _copy(tmp_path)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen(_command() + ["serve", "--port", "0", "--today", "2026-01-01"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp)})
    try:
        first = proc.stdout.readline()
        assert "预览地址" in first, first
        assert [p.name for p in tmp.iterdir()] and all(p.name.startswith("planbook-serve-") for p in tmp.iterdir())
        deadline = time.monotonic() + 60  # until the build is under way: its staging folder exists
        while not list(tmp.glob("planbook-serve-*/out/.staging-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(tmp.glob("planbook-serve-*/out/.staging-*")), "the first build did not start"
        proc.send_signal(signum)
        rest, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "已更新" not in rest, "the signal came after the first build"
    assert "Traceback" not in rest, rest
    assert list(tmp.iterdir()) == [], [str(p) for p in tmp.rglob("*")][:10]
    assert re.search(r"已停止预览", rest), rest
