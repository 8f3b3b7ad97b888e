"""``planbook fonts``: which font file serves each role, where it came from, whether it covers the
repository's text; ``planbook fonts install``: fetch the open Fandol fonts."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from . import main
from .common import lang_option


def _strings(value, out: set[str]) -> None:
    """Every character of the text in a loaded model (plans, rosters, cases, settings)."""
    if isinstance(value, str):
        out.update(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _strings(getattr(value, f.name), out)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _strings(v, out)


def _repository_text() -> tuple[str | None, set[str]]:
    """(root, characters) of the repository around here, or (None, empty) outside one."""
    from ..load.repo import NotARepository, find_root, load_repository
    try:
        root = find_root(".")
    except NotARepository:
        return None, set()
    chars: set[str] = set()
    repo = load_repository(root).repo
    _strings((repo.config, repo.plans, repo.rosters, repo.cases), chars)
    return root, {c for c in chars if ord(c) > 0x7F}  # ASCII is in every font


@main.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@click.option("--strict", is_flag=True,
              help="有用途用了最后的后备字体 Noto / AR PL，或有字哪个字体都没有时，退出码为 1（给 CI 用）。")
@lang_option
@click.pass_context
def fonts(ctx: click.Context, fmt: str, strict: bool, lang: str) -> None:
    """公文 PDF 的字体：每个用途（仿宋、小标宋、宋体、黑体、楷体）用哪个字体文件、从哪里来、是否覆盖本库的全部文字。

    \b
    选用顺序：planbook.yml 的 fonts 中写明的文件或字体名 → 本机安装的公文字体（仿宋_GB2312、
    方正小标宋简体、黑体、楷体_GB2312、宋体）→ Fandol（PLANBOOK_FONT_DIR、用户数据目录、
    安装目录、源代码目录）→ Noto CJK / AR PL。见 docs/output.md。
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..pdf.fonts import FALLBACKS, ROLES, _fc_match, choose_all, cmap
    from ..pdf.fontsource import SOURCES
    from .build import read_config
    root, chars = _repository_text()
    config = read_config(root).fonts if root else None
    from ..model.config import Fonts
    choices = choose_all(config or Fonts(), root or ".")
    rows = []
    for role, choice in choices.items():
        field, _css, cn, _ = ROLES[role]
        covered = cmap(choice.file, choice.index)
        lacking = sorted(c for c in chars if ord(c) not in covered)
        fallback = []
        for fam in FALLBACKS[role]:
            m = _fc_match(fam)
            if m:
                fallback.append(cmap(m[0], m[1]))
        nowhere = [c for c in lacking if not any(ord(c) in f for f in fallback)]
        rows.append({"role": field, "name": cn, "file": choice.file, "index": choice.index, "source": choice.source,
                     "asked": choice.name, "characters": len(chars), "lacking": "".join(lacking),
                     "nowhere": "".join(nowhere)})
    failed = strict and any(r["source"] == "open" or r["nowhere"] for r in rows)
    if fmt == "json":
        click.echo(json.dumps({"root": root, "roles": rows}, ensure_ascii=False, indent=2))
        ctx.exit(1 if failed else 0)
    zh = lang == "zh"
    for row in rows:
        source = SOURCES[row["source"]][0 if zh else 1]
        face = f" #{row['index']}" if row["index"] else ""
        click.echo(f"{row['name']}（{row['role']}）：{row['file']}{face}" if zh else f"{row['role']}: {row['file']}{face}")
        click.echo(f"    来源：{source}" if zh else f"    source: {source}")
        if root is None:
            continue
        if not row["lacking"]:
            click.echo(f"    覆盖本库全部 {row['characters']} 个汉字和符号" if zh
                       else f"    covers all {row['characters']} non-ASCII characters of the repository")
        elif not row["nowhere"]:
            click.echo(f"    缺 {len(row['lacking'])} 个字，由后备字体补上：{row['lacking'][:40]}" if zh
                       else f"    lacks {len(row['lacking'])} characters, drawn by fallback fonts: {row['lacking'][:40]}")
        else:
            click.echo(f"    缺字（后备字体也没有，印出来会是空框）：{row['nowhere'][:40]}" if zh
                       else f"    missing (no fallback has them; they would print as empty boxes): {row['nowhere'][:40]}")
    if root is None:
        click.echo("（不在 Planbook 库中：没有核对文字覆盖）" if zh else "(not in a Planbook repository: coverage not checked)")
    if any(r["source"] == "open" for r in rows):
        click.echo("提示：有的用途用的是最后的后备字体 Noto / AR PL，PDF 与装有 Fandol 或公文字体的机器上生成的不同；"
                   "运行 planbook fonts install 取得 Fandol 字体。" if zh else
                   "hint: some roles use the last-resort Noto / AR PL fonts, so the PDFs differ from those made where "
                   "Fandol or the official fonts are installed; run planbook fonts install to get Fandol.")
    ctx.exit(1 if failed else 0)


@fonts.command("install")
@click.option("--from", "source", type=click.Path(exists=True, path_type=Path), default=None,
              help="从本机的文件取得：texlive-lang-chinese 的 .deb、CTAN 的 fandol.zip，或放着 Fandol*.otf 的目录"
                   "（不能访问软件源时用）。")
@click.option("--to", "target", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="放到哪个目录（默认用户数据目录 ~/.local/share/planbook/fonts/fandol）。")
def install(source: Path | None, target: Path | None) -> None:
    """取得开源的 Fandol 字体（仿宋、宋、黑、楷）放到用户数据目录。

    \b
    不写 --from 时用 apt-get download 从 Debian 软件源（内网中为单位的 Debian 镜像）下载
    texlive-lang-chinese 并只取出其中的 Fandol 字体，不安装 TeX Live。
    """
    from ..pdf.fontsource import install_fandol
    folder, names = install_fandol(source, target)
    click.echo(f"已安装 Fandol 字体 (installed) 到 {folder}：{'、'.join(names)}")
