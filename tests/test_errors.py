"""One error root (PlanbookError) and one place that shows it: the CLI, in the language of --lang."""
from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

import generator
from generator.errors import PlanbookError

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _only_english(text: str) -> None:
    assert text.strip() and not CJK.search(text), text
    assert "Traceback" not in text, text


def _only_chinese(text: str, *english: str) -> None:
    assert CJK.search(text), text
    assert "Traceback" not in text and "hint:" not in text, text
    for words in english:
        assert words not in text, text


# --- the root ------------------------------------------------------------------------------------------

def test_message_and_hint_in_each_language_and_both_in_str():
    e = PlanbookError("拒绝写入 x。", "refusing to write into x", "换一个目录。", "Use another folder.", path="x")
    assert (e.message("zh"), e.hint("zh")) == ("拒绝写入 x。", "换一个目录。")
    assert (e.message("en"), e.hint("en")) == ("refusing to write into x", "Use another folder.")
    assert str(e) == "拒绝写入 x。换一个目录。 (refusing to write into x. Use another folder.)"
    assert e.path == "x" and e.exit_code == 2
    bare = PlanbookError("只有中文")
    assert bare.message("en") == "只有中文" and bare.hint("en") == "" and str(bare) == "只有中文"


def test_errors_survive_pickling_across_worker_processes():
    """RenderFailed is raised in a PDF worker process and pickled back; subclasses with their own
    __init__ (MissingExtra) must come back whole too."""
    from generator.build import MissingExtra
    from generator.cli import UsageProblem
    from generator.pdf.errors import RenderFailed
    for e in (RenderFailed("生成 PDF 失败。", "rendering failed", "查看。", "Look.", path="a.pdf"),
              MissingExtra("pdf", "weasyprint"), UsageProblem("用法不对。", "bad usage")):
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is type(e) and str(back) == str(e) and back.message("en") == e.message("en")
        assert back.hint("zh") == e.hint("zh") and back.path == e.path


def _modules() -> list[str]:
    names = ["generator"]
    for m in pkgutil.walk_packages(generator.__path__, "generator."):
        if not m.name.endswith("__main__"):
            names.append(m.name)
    return names


def test_every_exception_class_in_generator_derives_from_planbook_error():
    """A new root cannot appear unnoticed: every exception class defined in generator/ is a PlanbookError,
    so the CLI shows it in the user's language instead of 内部错误."""
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and hasattr(module, node.name):
                cls = getattr(module, node.name)
                if isinstance(cls, type) and issubclass(cls, BaseException) and cls.__module__ == name:
                    found.append(cls)
    assert len(found) >= 20  # the walk saw the library (sign, pdf, load, output, scaffold, cli …)
    roots = [f"{c.__module__}.{c.__qualname__}" for c in found if not issubclass(c, PlanbookError)]
    assert roots == [], "exception classes that are not PlanbookError: " + ", ".join(roots)


def test_every_raise_gives_both_languages():
    """No raise of a PlanbookError passes one "中文 (english)" string: the English comes separately."""
    classes = {c.__name__ for c in _all_subclasses(PlanbookError)} | {"PlanbookError"}
    one = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                f = node.exc.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", "")
                if name in classes and name not in ("MissingExtra", "BrokenVersion") and len(node.exc.args) < 2:
                    one.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert one == []


def _all_subclasses(cls: type) -> set[type]:
    for name in _modules():
        importlib.import_module(name)
    out, todo = set(), [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in out:
                out.add(sub)
                todo.append(sub)
    return out


# --- the real command, in each language ------------------------------------------------------------------

def test_not_a_repository_in_english_and_in_chinese(tmp_path: Path):
    for args, env in [(("--lang", "en", "check"), {}), (("check", "--lang", "en"), {}),
                      (("report", "--training"), {"PLANBOOK_LANG": "en"})]:
        r = run_cli(*args, cwd=tmp_path, env=env)
        assert r.returncode == 2, (args, r.stderr)
        _only_english(r.stderr)
    r = run_cli("--lang", "en", "check", cwd=tmp_path)
    assert "not a Planbook repository" in r.stderr and "hint: Create one with planbook init" in r.stderr
    r = run_cli("--lang", "zh", "check", cwd=tmp_path, env={"PLANBOOK_LANG": "en"})
    assert r.returncode == 2 and "这里不是 Planbook 库" in r.stderr and "提示：" in r.stderr
    _only_chinese(r.stderr, "not a Planbook repository", "Create one")
    r = run_cli("--lang", "en", "check", "--lang", "zh", cwd=tmp_path)  # the verb's own --lang wins
    assert r.returncode == 2 and "这里不是 Planbook 库" in r.stderr


def test_output_folder_refused_in_each_language(repo: Path):
    r = run_cli("--lang", "en", "build", "-o", ".", "--no-site", "--no-pdf", cwd=repo)
    assert r.returncode == 2 and "refusing to write into" in r.stderr and "the repository" in r.stderr
    _only_english(r.stderr)
    r = run_cli("build", "-o", ".", "--no-site", "--no-pdf", "--lang", "zh", cwd=repo)
    assert r.returncode == 2 and "拒绝写入" in r.stderr
    _only_chinese(r.stderr, "refusing", "repository or a folder")
    assert (repo / "plans" / "demo" / "plan.yml").exists()


@pytest.fixture(scope="module")
def pki(tmp_path_factory) -> dict[str, Path]:
    from test_sign_pki import make_pki
    return make_pki(tmp_path_factory.mktemp("pki"), b"right")


def test_wrong_passphrase_and_missing_certificate_in_each_language(pki, tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n")
    wrong = {"PLANBOOK_SIGN_PASSPHRASE": "wrong"}
    r = run_cli("--lang", "en", "sign", "--certificate", str(pki["p12"]), "a.pdf", cwd=tmp_path, env=wrong)
    assert r.returncode == 2 and "wrong passphrase" in r.stderr and "PLANBOOK_SIGN_PASSPHRASE" in r.stderr
    _only_english(r.stderr)
    r = run_cli("sign", "--certificate", str(pki["p12"]), "a.pdf", cwd=tmp_path, env={**wrong, "PLANBOOK_LANG": "zh"})
    assert r.returncode == 2 and "证书口令不对" in r.stderr and "内部错误" not in r.stderr
    _only_chinese(r.stderr, "wrong passphrase", "Check the passphrase")

    missing = tmp_path / "none.p12"
    r = run_cli("sign", "--certificate", str(missing), "a.pdf", cwd=tmp_path, env={"PLANBOOK_LANG": "en", **wrong})
    assert r.returncode == 2 and f"no such certificate: {missing}" in r.stderr
    _only_english(r.stderr)
    r = run_cli("--lang", "zh", "sign", "--certificate", str(missing), "a.pdf", cwd=tmp_path, env=wrong)
    assert r.returncode == 2 and "找不到证书文件" in r.stderr
    _only_chinese(r.stderr, "no such certificate")


def test_a_file_that_is_not_a_pdf_is_told_in_the_language_and_exits_1(pki, tmp_path: Path):
    """sign reports each file it cannot sign and goes on; the message is in the chosen language too."""
    (tmp_path / "notes.pdf").write_text("hello", encoding="utf-8")
    right = {"PLANBOOK_SIGN_PASSPHRASE": "right"}
    r = run_cli("--lang", "en", "sign", "--certificate", str(pki["p12"]), "notes.pdf", cwd=tmp_path, env=right)
    assert r.returncode == 1 and "notes.pdf is not a PDF" in r.stderr
    _only_english(r.stderr)
    r = run_cli("sign", "--certificate", str(pki["p12"]), "notes.pdf", cwd=tmp_path, env=right)
    assert r.returncode == 1 and "notes.pdf 不是 PDF 文件" in r.stderr
    _only_chinese(r.stderr, "is not a PDF")


def test_missing_font_in_each_language(pki, repo: Path):
    config = repo / "planbook.yml"
    config.write_text(config.read_text(encoding="utf-8") + "fonts:\n  hei: [fonts/none.ttf]\n", encoding="utf-8")
    (repo / "a.pdf").write_bytes(b"%PDF-1.7\n")
    right = {"PLANBOOK_SIGN_PASSPHRASE": "right"}
    r = run_cli("--lang", "en", "sign", "--certificate", str(pki["p12"]), "a.pdf", cwd=repo, env=right)
    assert r.returncode == 2 and "no hei font" in r.stderr and "fonts/none.ttf" in r.stderr
    _only_english(r.stderr)
    r = run_cli("--lang", "zh", "sign", "--certificate", str(pki["p12"]), "a.pdf", cwd=repo, env=right)
    assert r.returncode == 2 and "找不到黑体字体" in r.stderr and "fonts.hei" in r.stderr
    _only_chinese(r.stderr, "no hei font", "Check the paths")
