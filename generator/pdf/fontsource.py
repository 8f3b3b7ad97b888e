"""Which font file serves each role, and where it came from.

One order for every role, first found wins:

1. planbook.yml ``fonts.<role>``: each item a font file (relative to the repository, ``.ttf`` ``.otf``
   ``.ttc`` ``.otc``) or a fontconfig family name (``仿宋_GB2312``); when the office names fonts and none is
   found, that is an error, never a silent substitute;
2. the office's licensed 公文 fonts installed on this machine, found through fontconfig by family name
   (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 and their English names);
3. the open Fandol fonts: in ``PLANBOOK_FONT_DIR``, the user's data directory (where ``planbook fonts
   install`` puts them), the installation prefix (where the offline bundle's install.sh puts them), the
   source checkout's ``.fonts/fandol`` (``./dev.sh setup``), or installed under fontconfig;
4. Noto CJK / AR PL (Debian's fonts-noto-cjk, fonts-arphic-ukai) through fontconfig.

``planbook fonts`` shows the result; generator/pdf/fonts.py builds the FontSet from it.
"""
from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanbookError
from .errors import FontMissing

FONT_DIR_ENV = "PLANBOOK_FONT_DIR"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: role -> the family names of the licensed 公文 fonts offices have installed, most specific first
OFFICE_FAMILIES: dict[str, tuple[str, ...]] = {
    "fang": ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "华文仿宋", "STFangsong"),
    "xbs": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
    "song": ("宋体", "SimSun", "华文宋体", "STSong"),
    "hei": ("黑体", "SimHei", "华文黑体", "STHeiti"),
    "kai": ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "华文楷体", "STKaiti"),
}

#: role -> (Fandol file, its fontconfig family and style)
FANDOL: dict[str, tuple[str, str]] = {
    "fang": ("FandolFang-Regular.otf", "FandolFang:style=Regular"),
    "xbs": ("FandolSong-Bold.otf", "FandolSong:style=Bold"),
    "song": ("FandolSong-Regular.otf", "FandolSong:style=Regular"),
    "hei": ("FandolHei-Regular.otf", "FandolHei:style=Regular"),
    "kai": ("FandolKai-Regular.otf", "FandolKai:style=Regular"),
}

#: role -> the open fonts of the last resort (family, style)
OPEN_FAMILIES: dict[str, tuple[str, ...]] = {
    "fang": ("Noto Serif CJK SC", "AR PL UMing CN", "AR PL UKai CN"),
    "xbs": ("Noto Serif CJK SC:style=Bold", "Noto Serif CJK SC"),
    "song": ("Noto Serif CJK SC", "AR PL UMing CN"),
    "hei": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "kai": ("AR PL UKai CN", "Noto Serif CJK SC"),
}

#: where a role's font came from -> (Chinese, English); the keys are what `planbook fonts --format json` prints
SOURCES: dict[str, tuple[str, str]] = {
    "config-file": ("planbook.yml 中写明的字体文件", "a file named in planbook.yml"),
    "config-family": ("planbook.yml 中写明的字体名", "a family named in planbook.yml"),
    "office": ("本机安装的公文字体", "a licensed official-document font installed on this machine"),
    "fandol-env": (f"Fandol（环境变量 {FONT_DIR_ENV}）", f"Fandol ({FONT_DIR_ENV})"),
    "fandol-user": ("Fandol（用户数据目录，planbook fonts install）", "Fandol (user data folder, planbook fonts install)"),
    "fandol-prefix": ("Fandol（安装目录，离线安装包）", "Fandol (installation prefix, offline bundle)"),
    "fandol-source": ("Fandol（源代码目录 .fonts/fandol）", "Fandol (source checkout .fonts/fandol)"),
    "fandol-system": ("Fandol（系统字体）", "Fandol (installed system font)"),
    "open": ("开源字体 Noto CJK / AR PL（最后的后备）", "open fonts Noto CJK / AR PL (last resort)"),
}


@dataclass(frozen=True)
class Choice:
    """The font of one role: its file (and face index in a collection), and where it came from."""

    role: str
    file: str  # absolute path
    index: int
    source: str  # a key of SOURCES
    name: str  # the family or file name as asked for


def user_font_dir() -> Path:
    """Where ``planbook fonts install`` puts Fandol: $XDG_DATA_HOME/planbook/fonts/fandol
    (~/.local/share/planbook/fonts/fandol)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "planbook" / "fonts" / "fandol"


def fandol_dirs() -> tuple[tuple[str, Path], ...]:
    """The folders searched for the Fandol files, in order, each with its SOURCES key."""
    from .. import resources
    dirs = []
    env = os.environ.get(FONT_DIR_ENV)
    if env:
        dirs.append(("fandol-env", Path(env)))
    dirs.append(("fandol-user", user_font_dir()))
    dirs.append(("fandol-prefix", Path(sys.prefix) / "share" / "planbook" / "fonts" / "fandol"))
    if resources.SOURCE_TREE is not None:
        dirs.append(("fandol-source", resources.SOURCE_TREE / ".fonts" / "fandol"))
    return tuple(dirs)


def _pattern(name: str) -> str:
    """A fontconfig pattern for a family name (``-``, ``:``, ``,`` and ``\\`` escaped) with an optional
    ``:style=…`` kept as it is."""
    family, sep, rest = name.partition(":style=")
    escaped = "".join("\\" + c if c in "\\-:," else c for c in family)
    return escaped + (":style=" + rest if sep else "")


@functools.cache
def fc_match(name: str) -> tuple[str, int] | None:
    """The file and face index fontconfig has for the family ``name`` (``Family`` or ``Family:style=Bold``),
    or None when fontconfig has no font of that family (it would otherwise answer with its default font)."""
    family, _, style = name.partition(":style=")
    try:
        r = subprocess.run(["fc-match", "-f", "%{family}\t%{style}\t%{file}\t%{index}", _pattern(name)],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = r.stdout.split("\t")
    if r.returncode != 0 or len(parts) != 4:
        return None
    families = {f.strip().casefold() for f in parts[0].split(",")}
    if family.strip().casefold() not in families:
        return None
    if style and style.casefold() not in {s.strip().casefold() for s in parts[1].split(",")}:
        return None
    try:
        return parts[2], int(parts[3] or 0)
    except ValueError:
        return None


def is_file_name(item: str) -> bool:
    """A planbook.yml fonts item names a file (else a fontconfig family)."""
    return item.lower().endswith(FONT_SUFFIXES) or "/" in item


def _configured(role: str, field: str, cn: str, items: tuple[str, ...], root: Path) -> Choice:
    top = root.resolve()
    for item in items:
        if is_file_name(item):
            path = (root / item).resolve()
            if not path.is_relative_to(top):
                raise FontMissing(
                    f"planbook.yml 的 fonts.{field} 中的“{item}”在库以外。",
                    f"'{item}' in fonts.{field} of planbook.yml is outside the repository",
                    "字体文件请放进库中（如 fonts/），写相对于库根目录的路径；本机已安装的字体写字体名即可。",
                    "Put font files into the repository (such as fonts/) and give the path from its root; "
                    "for a font installed on this machine, give its family name.")
            if path.is_file():
                return Choice(role, str(path), 0, "config-file", item)
        else:
            found = fc_match(item)
            if found:
                return Choice(role, found[0], found[1], "config-family", item)
    raise FontMissing(
        f"找不到{cn}字体：planbook.yml 的 fonts.{field} 中的文件和字体名都找不到（{', '.join(items)}）。",
        f"no {field} font: none of the files or families in fonts.{field} of planbook.yml was found "
        f"({', '.join(items)})",
        "文件路径相对于库根目录；字体名须是本机已安装的（fc-list 列出的）。运行 planbook fonts 查看；"
        "或删去这一项，按默认顺序选用。",
        "File paths are relative to the repository's root; a family must be installed here (listed by fc-list). "
        "Run planbook fonts to see; or drop the item to use the default order.")


def choose(role: str, field: str, cn: str, configured: tuple[str, ...], root: str | Path) -> Choice:
    """The font of ``role`` (see the module's order)."""
    if configured:
        return _configured(role, field, cn, configured, Path(root))
    for family in OFFICE_FAMILIES[role]:
        found = fc_match(family)
        if found:
            return Choice(role, found[0], found[1], "office", family)
    filename, family = FANDOL[role]
    for source, folder in fandol_dirs():
        path = folder / filename
        if path.is_file():
            return Choice(role, str(path.resolve()), 0, source, filename)
    found = fc_match(family)
    if found:
        return Choice(role, found[0], found[1], "fandol-system", family)
    for family in OPEN_FAMILIES[role]:
        found = fc_match(family)
        if found:
            return Choice(role, found[0], found[1], "open", family)
    searched = "、".join(str(d) for _, d in fandol_dirs())
    raise FontMissing(
        f"找不到{cn}字体：本机没有公文字体（{'、'.join(OFFICE_FAMILIES[role][:2])}），"
        f"也没有 Fandol 字体（找过 {searched}）和 Noto CJK 字体。",
        f"no {field} font: no official-document font ({', '.join(OFFICE_FAMILIES[role][:2])}), no Fandol "
        f"(looked in {searched}) and no Noto CJK font on this machine",
        f"请运行 planbook fonts install 取得 Fandol 字体，或设环境变量 {FONT_DIR_ENV} 指向 Fandol 字体所在目录，"
        f"或在 planbook.yml 的 fonts.{field} 中写明字体文件或字体名。",
        f"Run planbook fonts install to get the Fandol fonts, set {FONT_DIR_ENV} to their folder, "
        f"or name a font file or family in fonts.{field} of planbook.yml.")


# --- planbook fonts install -----------------------------------------------------------------------------

#: the Debian package that carries the Fandol fonts (usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/)
FANDOL_PACKAGE = "texlive-lang-chinese"
_FANDOL_NAME = re.compile(r"^Fandol[A-Za-z]+-[A-Za-z]+\.otf$")


class FontInstallFailed(PlanbookError):
    """The Fandol fonts could not be fetched or unpacked."""

    exit_code = 2


def _from_tar(fileobj) -> dict[str, bytes]:
    found = {}
    with tarfile.open(fileobj=fileobj, mode="r:*") as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and _FANDOL_NAME.match(name):
                found[name] = tar.extractfile(member).read()
    return found


def _from_deb(path: Path) -> dict[str, bytes]:
    """The Fandol files in a .deb (an ar archive holding data.tar.xz/gz/bz2), read without dpkg."""
    with open(path, "rb") as fh:
        if fh.read(8) != b"!<arch>\n":
            raise ValueError("not a .deb (ar) archive")
        while header := fh.read(60):
            if len(header) < 60:
                break
            name, size = header[:16].decode("ascii", "replace").strip().rstrip("/"), int(header[48:58])
            if name.startswith("data.tar"):
                if name.endswith(".zst"):
                    raise ValueError("data.tar.zst needs dpkg-deb")
                return _from_tar(io.BytesIO(fh.read(size)))
            fh.seek(size + size % 2, os.SEEK_CUR)
    return {}


def _read_source(path: Path) -> dict[str, bytes]:
    """Fandol files from a .deb, a .tar.*/.zip (such as CTAN's fandol.zip) or a folder."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.rglob("*.otf")) if _FANDOL_NAME.match(p.name)}
    if path.suffix == ".deb":
        return _from_deb(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return {n.rsplit("/", 1)[-1]: z.read(n) for n in z.namelist() if _FANDOL_NAME.match(n.rsplit("/", 1)[-1])}
    with open(path, "rb") as fh:
        return _from_tar(fh)


def _apt_download(folder: Path) -> Path:
    """Download texlive-lang-chinese's .deb with apt-get (Debian's mirror, or the office's own) into ``folder``."""
    if shutil.which("apt-get") is None:
        raise FontInstallFailed(
            "这台机器没有 apt-get，不能从 Debian 软件源取得 Fandol 字体。",
            "this machine has no apt-get: the Fandol fonts cannot be fetched from a Debian mirror",
            f"在能上网（或能访问内部 Debian 镜像）的机器上下载 {FANDOL_PACKAGE} 的 .deb 文件（或 CTAN 的 fandol.zip），"
            "拷过来后运行 planbook fonts install --from 该文件；或把 Fandol*.otf 放进一个目录，"
            f"设环境变量 {FONT_DIR_ENV} 指向它。离线安装包（dev.sh bundle）已带 Fandol 字体。",
            f"On a machine that reaches a Debian mirror, download the {FANDOL_PACKAGE} .deb (or CTAN's fandol.zip), "
            "copy it here and run planbook fonts install --from FILE; or put the Fandol*.otf files into a folder "
            f"and set {FONT_DIR_ENV} to it. The offline bundle (dev.sh bundle) carries the Fandol fonts.")
    r = subprocess.run(["apt-get", "download", FANDOL_PACKAGE], cwd=folder, capture_output=True, text=True,
                       timeout=1800)
    debs = sorted(folder.glob(f"{FANDOL_PACKAGE}_*.deb"))
    if r.returncode != 0 or not debs:
        raise FontInstallFailed(
            f"apt-get download {FANDOL_PACKAGE} 失败：{(r.stderr or r.stdout).strip()[-300:]}",
            f"apt-get download {FANDOL_PACKAGE} failed: {(r.stderr or r.stdout).strip()[-300:]}",
            "请先运行 apt-get update（软件源须能访问，内网中为单位的 Debian 镜像）；不能访问软件源时，"
            "把 .deb 或 fandol.zip 拷到这台机器上，运行 planbook fonts install --from 该文件。",
            "Run apt-get update first (the sources must be reachable: on an intranet, the office's Debian mirror); "
            "without one, copy the .deb or fandol.zip here and run planbook fonts install --from FILE.")
    return debs[-1]


def install_fandol(source: Path | None = None, target: Path | None = None) -> tuple[Path, tuple[str, ...]]:
    """Put the Fandol fonts into ``target`` (the user's data folder by default), from ``source`` (a .deb, an
    archive or a folder) or, without one, from texlive-lang-chinese downloaded with apt-get.  The folder
    is replaced whole: never half-written.  Returns the folder and the file names."""
    target = Path(target) if target else user_font_dir()
    with tempfile.TemporaryDirectory(prefix="planbook-fonts-") as tmp:
        path = Path(source) if source else _apt_download(Path(tmp))
        try:
            files = _read_source(path)
        except (OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as e:
            why = "不是 .deb、.zip 或 .tar 文件" if isinstance(e, tarfile.ReadError) else str(e)
            why_en = "not a .deb, .zip or .tar file" if isinstance(e, tarfile.ReadError) else str(e)
            raise FontInstallFailed(f"读不出 {path} 中的字体：{why}", f"cannot read the fonts in {path}: {why_en}",
                                    f"请给 {FANDOL_PACKAGE} 的 .deb、CTAN 的 fandol.zip 或放着 Fandol*.otf 的目录。",
                                    f"Give the {FANDOL_PACKAGE} .deb, CTAN's fandol.zip or a folder of Fandol*.otf.",
                                    path=path) from None
        missing = sorted({f for f, _ in FANDOL.values()} - set(files))
        if missing:
            raise FontInstallFailed(f"{path} 中缺少 Fandol 字体文件：{'、'.join(missing)}",
                                    f"{path} lacks the Fandol files {', '.join(missing)}",
                                    f"请给 {FANDOL_PACKAGE} 的 .deb、CTAN 的 fandol.zip 或放着 Fandol*.otf 的目录。",
                                    f"Give the {FANDOL_PACKAGE} .deb, CTAN's fandol.zip or a folder of Fandol*.otf.",
                                    path=path)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".fandol-", dir=target.parent))
        staging.chmod(0o755)
        try:
            for name, data in sorted(files.items()):
                (staging / name).write_bytes(data)
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}-old-{os.getpid()}")
                os.replace(target, old)
            os.replace(staging, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    fc_match.cache_clear()
    return target, tuple(sorted(files))
