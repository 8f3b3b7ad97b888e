"""The offline bundle (``./dev.sh bundle``): built here with the network, then installed and used inside a
network namespace that has no network at all (``unshare -n``): install.sh, planbook init, check, fonts,
build; and the CI's installer that ``planbook init`` writes (ci/install-planbook.sh) from the bundle.

Needs root (unshare -n, and install.sh may install Debian packages), as CI runs; skipped otherwise.
Building the bundle downloads the wheels and .deb files (about 45 s here); the whole test takes about 2 min.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from conftest import ROOT

from generator import __version__

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="the offline test needs root: unshare -n makes a network "
                                                  "namespace without network, install.sh installs Debian packages"),
    pytest.mark.skipif(shutil.which("unshare") is None or shutil.which("apt-get") is None,
                       reason="needs unshare (util-linux) and apt-get (a Debian machine)"),
]


def offline(*cmd: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    """A command in a new network namespace: only a loopback interface, which is down."""
    return subprocess.run(["unshare", "-n", *cmd], env=env, cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run(["bash", str(ROOT / "dev.sh"), "bundle"], env={**env, "DIST": str(dist)}, cwd=ROOT,
                       capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-3000:]
    path = dist / f"planbook-offline-{__version__}.tar.gz"
    assert path.is_file() and [p.name for p in dist.iterdir()] == [path.name]  # nothing half-written left
    return path


def test_bundle_installs_and_builds_with_no_network(bundle: Path, tmp_path: Path):
    with tarfile.open(bundle) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path, filter="data")
    top = f"planbook-offline-{__version__}"
    assert f"{top}/install.sh" in names and f"{top}/fonts/FandolFang-Regular.otf" in names
    assert any(n.startswith(f"{top}/wheels/planbook-{__version__}-") for n in names)
    assert any(n.startswith(f"{top}/wheels/weasyprint-") for n in names)
    debs = {n.split("/")[-1].split("_")[0] for n in names if n.endswith(".deb")}
    assert {"libpango-1.0-0", "libharfbuzz-subset0", "fontconfig", "git", "python3-venv", "libc6"} <= debs

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PLANBOOK_FONT_DIR", "XDG_DATA_HOME", "VIRTUAL_ENV")}
    env.update(HOME=str(home), NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull)
    r = offline("python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:9', timeout=5)",
                env=env, cwd=tmp_path)
    assert r.returncode != 0 and "unreachable" in r.stderr.lower(), r.stderr  # no network in there, not even lo

    prefix = tmp_path / "opt" / "planbook"
    r = offline("sh", str(tmp_path / top / "install.sh"), str(prefix), env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    planbook = str(prefix / "bin" / "planbook")
    assert (prefix / "bin" / "pre-commit").is_file()

    r = offline(planbook, "init", "安平镇预案", "--office", "安平镇人民政府", env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    office = tmp_path / "安平镇预案"
    r = offline(planbook, "check", env=env, cwd=office)
    assert r.returncode == 0 and "：0 个错误" in r.stdout, r.stdout + r.stderr  # the new office's placeholders: warnings
    r = offline(planbook, "fonts", "--strict", env=env, cwd=office)
    assert r.returncode == 0 and r.stdout.count("Fandol（安装目录，离线安装包）") == 5, r.stdout
    r = offline(planbook, "build", env=env, cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(list((office / "output/pdf").rglob("*.pdf"))) >= 2 and (office / "output/site/index.html").is_file()

    # the office's CI installs from the same bundle, given as PLANBOOK_BUNDLE, with no network either
    ci_prefix = tmp_path / "runner" / "planbook"
    r = offline("sh", "ci/install-planbook.sh", env={**env, "PLANBOOK_BUNDLE": str(bundle),
                                                     "PLANBOOK_PREFIX": str(ci_prefix)}, cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    r = offline(str(ci_prefix / "bin" / "planbook"), "fonts", "--strict", env=env, cwd=office)
    assert r.returncode == 0, r.stdout + r.stderr
    told_nothing = {**{k: v for k, v in env.items() if k != "PIP_INDEX_URL"},
                    "PLANBOOK_PREFIX": str(tmp_path / "nothing")}
    r = offline("sh", "ci/install-planbook.sh", env=told_nothing, cwd=office)  # says what to set
    assert r.returncode == 1 and "PLANBOOK_BUNDLE" in r.stderr, r.stderr
