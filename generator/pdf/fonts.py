"""Font roles of an official document, the files behind them, and glyph coverage.

Four roles (plus 宋 for page numbers and tables): 仿宋 fang (body), 小标宋 xbs (title, issuer mark),
黑体 hei, 楷体 kai.  Which file serves a role is fontsource.py's to decide (planbook.yml's files or
family names, the office's installed 公文 fonts, Fandol, Noto / AR PL).  Rare characters fall back
to Noto CJK / AR PL UKai / WenQuanYi (through fontconfig).  A character that no font of its role's chain can draw is an error, never an empty box.
"""
from __future__ import annotations

import functools
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..model.config import Fonts
from .errors import FontMissing, GlyphMissing
from .fontsource import FONT_DIR_ENV, Choice, choose

__all__ = ["FONT_DIR_ENV", "FontSet", "check_coverage", "choose_all", "resolve_fonts"]


#: role -> (config field, CSS family name, Chinese name, Fandol file: see fontsource.FANDOL)
ROLES: dict[str, tuple[str, str, str, str]] = {
    "fang": ("fangsong", "PB Fang", "仿宋", "FandolFang-Regular.otf"),
    "xbs": ("xiaobiaosong", "PB XBS", "小标宋", "FandolSong-Bold.otf"),
    "song": ("song", "PB Song", "宋体", "FandolSong-Regular.otf"),
    "hei": ("hei", "PB Hei", "黑体", "FandolHei-Regular.otf"),
    "kai": ("kai", "PB Kai", "楷体", "FandolKai-Regular.otf"),
}

#: fontconfig families used for characters the role's font lacks, per role (serif-like first)
FALLBACKS: dict[str, tuple[str, ...]] = {
    "fang": ("Noto Serif CJK SC", "AR PL UKai CN", "WenQuanYi Zen Hei"),
    "xbs": ("Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "song": ("Noto Serif CJK SC", "WenQuanYi Zen Hei"),
    "hei": ("Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "kai": ("AR PL UKai CN", "Noto Serif CJK SC", "WenQuanYi Zen Hei"),
}


def choose_all(config: Fonts, root: str | Path) -> dict[str, Choice]:
    """Each role's font and where it came from (``planbook fonts`` shows this)."""
    return {role: choose(role, field, cn, tuple(getattr(config, field)), root)
            for role, (field, _css, cn, _default) in ROLES.items()}


#: roles whose text is bold (the 小标宋 of titles and the issuer mark): their fallback is a bold face, asked
#: for by font-weight: bold in the templates (the role's own file is declared bold, so it is not thickened)
BOLD_ROLES = frozenset({"xbs"})

log = logging.getLogger("planbook.pdf")


@dataclass(frozen=True)
class FontSet:
    """The file chosen for each role, and the fallback families with their files."""

    files: tuple[tuple[str, str], ...]  # (role, absolute path)
    fallbacks: tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...]  # role -> ((family, file, index), ...)

    def file(self, role: str) -> str:
        return dict(self.files)[role]

    def fallback(self, role: str) -> tuple[tuple[str, str, int], ...]:
        return dict(self.fallbacks).get(role, ())

    def css_family(self, role: str) -> str:
        names = [ROLES[role][1]] + [f for f, _, _ in self.fallback(role)]
        return ", ".join(f'"{n}"' for n in names)

    def stamp_fallbacks(self) -> tuple[tuple[str, int], ...]:
        """The fonts the signature stamp falls back to, in order, for characters its font lacks (a rare
        character in the signer's name): the 宋 and 仿宋 fonts, then their fallback chains ((file, face index))."""
        out: list[tuple[str, int]] = []
        for role in ("song", "fang"):
            out.append((self.file(role), 0))
        for role in ("song", "fang", "hei", "kai"):
            out.extend((path, index) for _fam, path, index in self.fallback(role))
        return tuple(dict.fromkeys(out))

    def stamp_font(self) -> str:
        """A single-face font file (.otf/.ttf) for the signature stamp: 宋 if possible."""
        for role in ("song", "fang", "hei", "kai", "xbs"):
            f = self.file(role)
            if f.lower().endswith((".otf", ".ttf")):
                return f
        raise FontMissing("签名外观需要一个 .otf 或 .ttf 字体文件（.ttc 字体集不能用）。",
                          "the signature stamp needs an .otf or .ttf font file (a .ttc collection will not do)",
                          "请在 planbook.yml 的 fonts.song 中写一个 .otf/.ttf。",
                          "Name an .otf/.ttf file in fonts.song of planbook.yml.")


@functools.cache
def _fc_match(family: str, bold: bool = False) -> tuple[str, int] | None:
    try:
        r = subprocess.run(["fc-match", "-f", "%{family}\t%{file}\t%{index}", family + (":weight=bold" if bold else "")],
                           capture_output=True,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    parts = r.stdout.split("\t")
    if r.returncode != 0 or len(parts) != 3 or family.lower() not in parts[0].lower():
        return None
    try:
        return parts[1], int(parts[2] or 0)
    except ValueError:
        return None


@functools.cache
def _say_last_resort(roles: tuple[str, ...]) -> None:
    """Once per run: the PDFs use the last-resort open fonts for ``roles`` (they will not look like the office's
    公文, and differ from PDFs made where Fandol or the office's fonts are installed)."""
    names = "、".join(ROLES[r][2] for r in roles)
    log.warning(f"{names}没有找到公文字体或 Fandol，用的是最后的后备字体 Noto / AR PL：PDF 的字形与公文不同。"
                "运行 planbook fonts 查看，planbook fonts install 取得 Fandol。")


def resolve_fonts(config: Fonts, root: str | Path) -> FontSet:
    """The file of every role (the order is fontsource's: planbook.yml, the office's installed 公文 fonts,
    Fandol, Noto / AR PL)."""
    choices = choose_all(config, root)
    last_resort = tuple(role for role, c in choices.items() if c.source == "open")
    if last_resort:
        _say_last_resort(last_resort)
    files = [(role, choice.file) for role, choice in choices.items()]
    fallbacks = []
    for role, families in FALLBACKS.items():
        chain = []
        for fam in families:
            m = _fc_match(fam, role in BOLD_ROLES)
            if m:
                chain.append((fam, m[0], m[1]))
        fallbacks.append((role, tuple(chain)))
    return FontSet(tuple(files), tuple(fallbacks))


@functools.cache
def cmap(path: str, index: int = 0) -> frozenset[int]:
    """The code points a font file maps (fontTools; cached per process)."""
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(path, fontNumber=index, lazy=True)
        table = font.getBestCmap() or {}
    except Exception as e:  # a broken or unsupported file
        raise FontMissing(f"无法读取字体文件 {path}：{e}。", f"cannot read the font file {path}: {e}",
                          "请换一个 .otf/.ttf 文件。", "Use another .otf/.ttf file.", path=path) from None
    return frozenset(table)


@functools.cache
def _advances(path: str, index: int = 0) -> tuple[dict[int, int], int]:
    """(code point -> advance width, units per em) of a font file."""
    from fontTools.ttLib import TTFont
    font = TTFont(path, fontNumber=index, lazy=True)
    glyphs = font.getBestCmap() or {}
    hmtx = font["hmtx"]
    return {cp: hmtx[g][0] for cp, g in glyphs.items()}, font["head"].unitsPerEm


def text_width(fonts: FontSet, role: str, text: str, size: float, letter_spacing: float = 0.0) -> float:
    """The advance (pt) of ``text`` set in ``role`` at ``size`` pt with ``letter_spacing`` after each
    character; a character the role's font lacks counts one em (the CJK fallbacks' width)."""
    widths, upm = _advances(fonts.file(role))
    return sum(widths.get(ord(c), upm) * size / upm + letter_spacing for c in text)


_IGNORED = frozenset(range(0x20)) | {0x20, 0xA0, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x3000, 0x2028, 0x2029}


def check_coverage(fonts: FontSet, texts: dict[str, str], subject: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """Raise GlyphMissing for the first character of ``texts[role]`` that neither the role's font nor a
    fallback can draw.  ``subject`` names the document in the message.  Returns, per role, the characters a
    fallback font draws ((character, font family)), and says so on the ``planbook.pdf`` log: a 宋 shape in
    仿宋 text is a change an office should see."""
    served: dict[str, tuple[tuple[str, str], ...]] = {}
    for role, text in texts.items():
        chars = set(text) - {chr(c) for c in _IGNORED}
        if not chars:
            continue
        main = cmap(fonts.file(role))
        missing = {c for c in chars if ord(c) not in main}
        found: list[tuple[str, str]] = []
        for fam, path, index in fonts.fallback(role):
            if not missing:
                break
            cov = cmap(path, index)
            found += [(c, fam) for c in sorted(missing) if ord(c) in cov]
            missing = {c for c in missing if ord(c) not in cov}
        if found:
            served[role] = tuple(found)
            _field, _css, cn, _ = ROLES[role]
            by_font: dict[str, list[str]] = {}
            for c, fam in found:
                by_font.setdefault(fam, []).append(c)
            log.warning("%s：%s字体 %s 中没有%s，由后备字体补上（字形与%s不同，可在 planbook.yml 的 fonts.%s 中换用含这些字的字体）。"
                        "(characters served by a fallback font)", subject, cn, Path(fonts.file(role)).name,
                        "；".join(f"“{''.join(cs)}”（{fam}）" for fam, cs in by_font.items()), cn, ROLES[role][0])
        if missing:
            c = min(missing)
            field, _css, cn, _ = ROLES[role]
            raise GlyphMissing(
                f"{subject}：字符“{c}”（U+{ord(c):04X}）在{cn}字体 {Path(fonts.file(role)).name} 和后备字体中都没有字形，"
                f"印出来会是空框。",
                f"{subject}: the character '{c}' (U+{ord(c):04X}) has no glyph in the {field} font "
                f"{Path(fonts.file(role)).name} or its fallbacks; it would print as an empty box",
                f"请在 planbook.yml 的 fonts.{field} 中换用（或追加）包含此字的字体文件，或改写这个字。",
                f"Name (or add) a font file that has it in fonts.{field} of planbook.yml, or reword.")
    return served
