"""Fonts by role (pdf/fontsource.py): planbook.yml's files or family names, then the office's installed
公文 fonts found through the real fontconfig by family name, then Fandol, then Noto / AR PL; ``planbook
fonts`` shows the choice and ``planbook fonts install`` puts Fandol into the user's data folder.

An "installed 公文 font" is a copy of FandolFang renamed 仿宋_GB2312 (fontTools), in a folder that a
fontconfig configuration of the test's own (FONTCONFIG_FILE) adds to the system's."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from generator import resources
from generator.model.config import Fonts
from generator.pdf import fontsource
from generator.pdf.errors import FontMissing
from generator.pdf.fonts import choose_all, resolve_fonts

FANDOL = ROOT / ".fonts" / "fandol"
pytestmark = pytest.mark.skipif(not (FANDOL / "FandolFang-Regular.otf").is_file() or shutil.which("fc-match") is None,
                                reason="needs the Fandol fonts (./dev.sh setup) and fontconfig's fc-match")


def renamed(src: Path, dst: Path, family: str) -> Path:
    """A copy of a font whose family name (in English and Chinese records) is ``family``."""
    from fontTools.ttLib import TTFont
    font = TTFont(str(src))
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 4, 16):
            names.removeNames(nameID=rec.nameID)
    for lang in (0x409, 0x804):
        for nid in (1, 4):
            names.setName(family, nid, 3, 1, lang)
    font.save(str(dst))
    return dst


@pytest.fixture
def office_fonts(tmp_path: Path, monkeypatch) -> Path:
    """This machine, plus 仿宋_GB2312 installed (for fontconfig) in a folder of the test's own."""
    folder = tmp_path / "installed-fonts"
    folder.mkdir()
    renamed(FANDOL / "FandolFang-Regular.otf", folder / "fs_gb2312.otf", "仿宋_GB2312")
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f"  <dir>{folder}</dir>\n  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n",
                    "utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    fontsource.fc_match.cache_clear()
    yield folder
    fontsource.fc_match.cache_clear()


@pytest.fixture
def no_fandol(tmp_path: Path, monkeypatch):
    """A machine where Planbook runs from a wheel and nobody fetched Fandol."""
    monkeypatch.delenv(fontsource.FONT_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "empty-data"))
    monkeypatch.setattr(resources, "SOURCE_TREE", None)
    fontsource.fc_match.cache_clear()
    yield
    fontsource.fc_match.cache_clear()


def test_the_office_font_installed_on_this_machine_comes_first(office_fonts: Path, tmp_path: Path):
    chosen = choose_all(Fonts(), tmp_path)
    assert (chosen["fang"].source, chosen["fang"].name) == ("office", "仿宋_GB2312")
    assert chosen["fang"].file == str(office_fonts / "fs_gb2312.otf")
    assert {chosen[r].source for r in ("xbs", "song", "hei", "kai")} <= {"fandol-source", "fandol-env", "fandol-user"}
    assert resolve_fonts(Fonts(), tmp_path).file("fang") == str(office_fonts / "fs_gb2312.otf")


def test_planbook_yml_names_families_or_files(office_fonts: Path, tmp_path: Path):
    (tmp_path / "fonts").mkdir()
    shutil.copy(FANDOL / "FandolKai-Regular.otf", tmp_path / "fonts" / "kai.otf")
    chosen = choose_all(Fonts(kai=("楷体_GB2312", "fonts/kai.otf"), hei=("仿宋_GB2312",)), tmp_path)
    assert (chosen["kai"].source, chosen["kai"].file) == ("config-file", str(tmp_path / "fonts" / "kai.otf"))
    assert (chosen["hei"].source, chosen["hei"].name) == ("config-family", "仿宋_GB2312")
    with pytest.raises(FontMissing, match="fonts.kai") as e:
        choose_all(Fonts(kai=("楷体_GB2312", "KaiTi")), tmp_path)  # named, not installed: said, not replaced
    assert "fc-list" in e.value.hint("zh")
    outside = tmp_path.parent / "elsewhere.otf"
    shutil.copy(FANDOL / "FandolKai-Regular.otf", outside)
    with pytest.raises(FontMissing, match="库以外"):
        choose_all(Fonts(kai=("../elsewhere.otf",)), tmp_path)


def test_without_fandol_the_open_fonts_serve_and_without_any_it_says_what_to_do(no_fandol, tmp_path: Path,
                                                                                monkeypatch, caplog):
    chosen = choose_all(Fonts(), tmp_path)
    assert {c.source for c in chosen.values()} == {"open"}
    assert "NotoSerifCJK-Bold" in chosen["xbs"].file and "ukai" in chosen["kai"].file
    # a build says so once, in the log every command prints: its PDFs will not look like the 公文
    import logging

    from generator.pdf import fonts as pdf_fonts
    pdf_fonts._say_last_resort.cache_clear()
    with caplog.at_level(logging.WARNING, logger="planbook.pdf"):
        resolve_fonts(Fonts(), tmp_path)
        resolve_fonts(Fonts(), tmp_path)
    said = [r.getMessage() for r in caplog.records if "最后的后备字体" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("仿宋、小标宋、宋体、黑体、楷体") and "planbook fonts install" in said[0]
    monkeypatch.setenv(fontsource.FONT_DIR_ENV, str(FANDOL))
    assert {c.source for c in choose_all(Fonts(), tmp_path).values()} == {"fandol-env"}
    monkeypatch.delenv(fontsource.FONT_DIR_ENV)
    empty = tmp_path / "empty.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', "utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))  # a machine with no fonts at all
    fontsource.fc_match.cache_clear()
    with pytest.raises(FontMissing) as e:
        choose_all(Fonts(), tmp_path)
    assert "planbook fonts install" in e.value.hint("zh") and "planbook fonts install" in e.value.hint("en")


def test_fonts_install_from_a_zip_or_folder_into_the_user_data_folder(no_fandol, tmp_path: Path):
    archive = tmp_path / "fandol.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in FANDOL.glob("Fandol*.otf"):
            z.write(p, f"fandol/{p.name}")
        z.writestr("fandol/README", "not a font")
    folder, names = fontsource.install_fandol(archive)
    assert folder == tmp_path / "empty-data" / "planbook" / "fonts" / "fandol"
    assert "FandolFang-Regular.otf" in names and "README" not in names
    assert {c.source for c in choose_all(Fonts(), tmp_path).values()} == {"fandol-user"}
    assert (folder.stat().st_mode & 0o777) == 0o755
    partial = tmp_path / "partial"
    partial.mkdir()
    shutil.copy(FANDOL / "FandolFang-Regular.otf", partial)
    with pytest.raises(fontsource.FontInstallFailed, match="FandolKai-Regular.otf"):
        fontsource.install_fandol(partial)
    assert (folder / "FandolKai-Regular.otf").is_file()  # the earlier install is left whole
    assert [p.name for p in folder.parent.iterdir()] == ["fandol"]  # nothing half-written beside it


def test_planbook_fonts_shows_role_file_source_and_coverage(office_fonts: Path, tmp_path: Path):
    env = {"FONTCONFIG_FILE": str(office_fonts.parent / "fonts.conf")}
    r = run_cli("fonts", cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    print(r.stdout)
    lines = r.stdout.splitlines()
    assert lines[0] == f"仿宋（fangsong）：{office_fonts / 'fs_gb2312.otf'}"
    assert lines[1].strip() == "来源：本机安装的公文字体" and "覆盖本库全部" in lines[2]
    assert "来源：Fandol" in r.stdout
    r = run_cli("fonts", "--format", "json", cwd=ROOT, env=env)
    roles = {x["role"]: x for x in json.loads(r.stdout)["roles"]}
    assert roles["fangsong"]["source"] == "office" and roles["fangsong"]["nowhere"] == ""
    r = run_cli("--lang", "en", "fonts", cwd=tmp_path, env=env)
    assert "source: a licensed official-document font" in r.stdout and "coverage not checked" in r.stdout


def test_fonts_named_in_planbook_yml_are_the_offices_choice_even_when_open(tmp_path: Path):
    """--strict (what CI runs before building) fails only on the unasked-for last resort; its failure on a
    machine without Fandol is in tests/test_install.py (an installed Planbook has no source tree)."""
    r = run_cli("init", str(tmp_path / "office"), "--no-git", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    settings = tmp_path / "office" / "planbook.yml"
    settings.write_text(settings.read_text("utf-8") + "fonts:\n  kai: [AR PL UKai CN]\n", "utf-8")
    r = run_cli("fonts", "--strict", "--format", "json", cwd=tmp_path / "office")
    assert r.returncode == 0, r.stdout + r.stderr
    kai = next(x for x in json.loads(r.stdout)["roles"] if x["role"] == "kai")
    assert (kai["source"], kai["asked"]) == ("config-family", "AR PL UKai CN") and kai["file"].endswith("ukai.ttc")


@pytest.mark.skipif(shutil.which("apt-get") is None, reason="needs apt-get (a Debian machine)")
def test_fonts_install_fetches_texlive_lang_chinese_and_reads_the_deb_without_dpkg(tmp_path: Path):
    r = run_cli("fonts", "install", cwd=tmp_path, env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert r.returncode == 0, r.stdout + r.stderr
    folder = tmp_path / "data/planbook/fonts/fandol"
    assert "已安装 Fandol 字体" in r.stdout and str(folder) in r.stdout
    assert (folder / "FandolFang-Regular.otf").read_bytes() == (FANDOL / "FandolFang-Regular.otf").read_bytes()
