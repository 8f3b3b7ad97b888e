"""Planbook as an office gets it: the wheel built from this checkout, installed (not editable) into fresh
virtual environments outside the source tree, inits an office, checks and builds it; two installs in two
folders build byte-identical unsigned PDFs from the same repository (a desk and CI).

The wheel's dependencies come from pip's usual sources (its cache and configured indexes); this is the
online install.  The offline one, from the bundle with no network at all, is tests/test_bundle.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, git

FANDOL = ROOT / ".fonts" / "fandol"

pytestmark = pytest.mark.skipif(not (FANDOL / "FandolFang-Regular.otf").is_file() or shutil.which("git") is None,
                                reason="needs the Fandol fonts in .fonts/fandol (./dev.sh setup) and git")


def clean_env(home: Path, **extra: str) -> dict:
    """The environment of a user of the installed package: no PYTHONPATH into this checkout, no font folder
    from the developer's settings, an empty home of its own."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PLANBOOK_FONT_DIR", "XDG_DATA_HOME", "VIRTUAL_ENV")}
    env.update(HOME=str(home), NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull, **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    (whl,) = out.glob("planbook-*.whl")
    return whl


def install(wheel: Path, prefix: Path) -> Path:
    """A fresh virtual environment at ``prefix`` with ``planbook[all]`` from the wheel; its bin folder."""
    r = subprocess.run([sys.executable, "-m", "venv", str(prefix)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(prefix / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[all]"],
                       capture_output=True, text=True, timeout=900, env=clean_env(prefix))
    assert r.returncode == 0, r.stderr
    return prefix / "bin"


def run(bin_dir: Path, *args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "planbook"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def desk(wheel: Path, tmp_path_factory) -> tuple[Path, dict]:
    """An installed Planbook and its user's environment (fonts installed with planbook fonts install)."""
    base = tmp_path_factory.mktemp("desk")
    bin_dir = install(wheel, base / "venv")
    env = clean_env(base / "home")
    (base / "home").mkdir()
    r = run(bin_dir, "fonts", cwd=base, env=env)
    assert r.returncode == 0 and r.stdout.count("来源：开源字体 Noto") == 5, r.stdout + r.stderr  # nothing installed yet
    assert "planbook fonts install" in r.stdout
    assert run(bin_dir, "fonts", "--strict", cwd=base, env=env).returncode == 1  # CI stops here: not the desks' fonts
    r = run(bin_dir, "fonts", "install", "--from", str(FANDOL), cwd=base, env=env)
    assert r.returncode == 0, r.stderr
    assert (base / "home/.local/share/planbook/fonts/fandol/FandolFang-Regular.otf").is_file()
    return bin_dir, env


def test_the_wheel_carries_templates_and_runs_outside_the_source_tree(desk, wheel, tmp_path: Path):
    bin_dir, env = desk
    r = subprocess.run([str(bin_dir / "python"), "-c", "import generator, generator.resources as r; "
                        "print(generator.__file__); print(r.TEMPLATES); print(r.SOURCE_TREE)"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    module, templates, source = r.stdout.split()
    assert module.startswith(str(bin_dir.parent)) and templates.startswith(str(bin_dir.parent)), r.stdout
    assert source == "None" and (Path(templates) / "init/types/township.yml").is_file()

    office = tmp_path / "office"
    r = run(bin_dir, "init", str(office), "--type", "school", "--office", "西园小学", cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    r = run(bin_dir, "check", cwd=office, env=env)
    assert r.returncode == 0 and "：0 个错误" in r.stdout, r.stdout + r.stderr  # the new office's placeholders: warnings
    r = run(bin_dir, "fonts", "--strict", cwd=office, env=env)
    assert r.returncode == 0 and r.stdout.count("Fandol（用户数据目录") == 5, r.stdout
    r = run(bin_dir, "build", cwd=office, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    pdfs = sorted((office / "output/pdf").rglob("*.pdf"))
    assert len(pdfs) >= 2 and (office / "output/site/index.html").is_file()
    assert (office / "output/site/assets/planbook.css").is_file()  # a site asset from the wheel's templates
    fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True).stdout
    assert "PB-Fang" in fonts and "Noto" not in fonts  # the roles' fonts, embedded: no fallback needed


def test_two_installs_in_two_folders_build_identical_pdfs(desk, wheel, tmp_path_factory):
    """A desk and CI: the same repository (cloned), the same fonts (Fandol, from two folders), Planbook
    installed twice at two paths: the unsigned PDFs are the same bytes."""
    bin_a, env_a = desk
    base = tmp_path_factory.mktemp("ci")
    bin_b = install(wheel, base / "opt" / "planbook")
    fonts_b = base / "share" / "fandol"
    shutil.copytree(FANDOL, fonts_b)
    (base / "home").mkdir()
    env_b = clean_env(base / "home", PLANBOOK_FONT_DIR=str(fonts_b))

    office = base / "desk" / "安平镇预案"
    r = run(bin_a, "init", str(office), "--office", "安平镇人民政府", cwd=base, env=env_a)
    assert r.returncode == 0, r.stderr
    git(office, "add", ".")
    git(office, "commit", "-qm", "新建")
    clone = base / "runner" / "builds" / "office"
    clone.parent.mkdir(parents=True)
    assert subprocess.run(["git", "clone", "-q", str(office), str(clone)]).returncode == 0

    r = run(bin_a, "build", "--no-site", cwd=office, env=env_a)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(bin_b, "fonts", "--format", "json", cwd=clone, env=env_b)
    assert {x["source"] for x in json.loads(r.stdout)["roles"]} == {"fandol-env"}
    r = run(bin_b, "build", "--no-site", cwd=clone, env=env_b)
    assert r.returncode == 0, r.stdout + r.stderr

    a = {p.relative_to(office / "output/pdf"): p.read_bytes() for p in (office / "output/pdf").rglob("*.pdf")}
    b = {p.relative_to(clone / "output/pdf"): p.read_bytes() for p in (clone / "output/pdf").rglob("*.pdf")}
    assert a.keys() == b.keys() and len(a) >= 2
    assert [k for k in a if a[k] != b[k]] == []


def test_a_core_install_checks_and_says_which_extra_a_build_needs(wheel, tmp_path: Path):
    """`pip install planbook` without extras (what the pre-commit hook installs) checks an office; its build said
    '内部错误：ModuleNotFoundError: No module named markdown' (the PDF renderer imports it while rendering):
    now it names the extra to install, and leaves no output behind."""
    r = subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([str(tmp_path / "venv/bin/python"), "-m", "pip", "install", "-q", str(wheel)],
                       capture_output=True, text=True, timeout=600, env=clean_env(tmp_path))
    assert r.returncode == 0, r.stderr
    bin_dir, env = tmp_path / "venv/bin", clean_env(tmp_path / "home")
    (tmp_path / "home").mkdir()
    office = tmp_path / "office"
    assert run(bin_dir, "init", str(office), "--type", "township", cwd=tmp_path, env=env).returncode == 0
    r = run(bin_dir, "check", cwd=office, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(bin_dir, "build", cwd=office, env=env)
    assert r.returncode == 2 and "需要安装 planbook[pdf]" in r.stderr, r.stdout + r.stderr
    assert "内部错误" not in r.stderr and "Traceback" not in r.stderr
    assert not (office / "output" / "pdf").exists()
