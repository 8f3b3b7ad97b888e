"""``planbook build``: check, then render the PDFs and the intranet site into the output folder."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import UsageProblem, main
from .common import find_root_here, lang_option

PASSPHRASE_ENV = "PLANBOOK_SIGN_PASSPHRASE"


def read_config(root: str):
    """The repository's settings from planbook.yml alone: signing and verifying read no plan or case (its
    problems are `planbook check`'s to report)."""
    from ..findings import Severity
    from ..load.repo import load_config
    found: list = []
    config = load_config(root, found)
    errors = [f for f in found if f.severity is Severity.error]
    if errors:  # signing with settings that fell back to defaults would sign a wrong document
        where = f"{errors[0].loc.path}:{errors[0].loc.line}"
        raise UsageProblem(f"planbook.yml 有错误（{where}），请先运行 planbook check 改正。",
                           f"planbook.yml has errors ({where}): run planbook check and correct them first")
    return config


def sign_request(root: str | None, certificate: str | None):
    """Certificate from the option or planbook.yml (``root`` None: outside a repository, the option only);
    passphrase from the environment or a prompt."""
    from ..build import SignRequest
    from ..model.config import Signing
    cfg = read_config(root).signing if root else Signing()
    cert = certificate or cfg.certificate
    if not cert:
        raise UsageProblem("要签名，请用 --certificate 指定 PKCS#12 证书，或在 planbook.yml 的 signing.certificate 中写明。",
                           "to sign, name the PKCS#12 certificate with --certificate or in signing.certificate "
                           "of planbook.yml")
    path = Path(cert) if os.path.isabs(cert) or certificate or not root else Path(root) / cert
    if not path.is_file():
        raise UsageProblem(f"找不到证书文件：{path}", f"no such certificate: {path}", path=path)
    secret = os.environ.get(PASSPHRASE_ENV)
    if secret is None:
        if not sys.stdin.isatty():
            raise UsageProblem(f"请在环境变量 {PASSPHRASE_ENV} 中提供证书口令（非交互运行时不能提示输入）。",
                               f"give the certificate's passphrase in the environment variable {PASSPHRASE_ENV} "
                               "(not running in a terminal: no prompt)")
        secret = click.prompt("证书口令 (certificate passphrase)", hide_input=True, default="", show_default=False)
    return SignRequest(path, secret.encode("utf-8"), cfg.timestamp_url)


@main.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="输出目录（默认库中的 output/）；只接受空目录或以前由 Planbook 生成的目录。")
@click.option("--public", is_flag=True, help="对外公开的版本：手机号打码（138****0001），不显示个人信息。")
@click.option("--site/--no-site", default=True, show_default=True, help="生成内网站点 output/site。")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="生成公文 PDF output/pdf。")
@click.option("--sign", is_flag=True, help="用单位证书为已批准预案的 PDF 加 PAdES 签名。")
@click.option("--certificate", type=click.Path(dir_okay=False), default=None,
              help=f"PKCS#12 证书（默认 planbook.yml 的 signing.certificate）；口令取自环境变量 {PASSPHRASE_ENV} 或提示输入。")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, help="并行渲染的进程数（默认每核一个）。")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="按这一天判断超期等（默认今天）。")
@lang_option
def build(output: str | None, public: bool, site: bool, pdf: bool, sign: bool, certificate: str | None,
          jobs: int, today: dt.datetime | None, lang: str) -> None:
    """检查后生成公文 PDF 和内网站点。有错误时不生成，并像 check 一样列出问题。

    \b
    输出先写入临时目录，完成后整体替换，失败或中断时保留上一次的结果。
    库在 git 中时，还从历史中读出各预案的已批准版本，生成修订对照表（站点页和两栏 PDF），
    包括工作区与最近一个已批准版本不同时的修订草案；首页提醒 planbook.yml 的 site.review_warning
    （默认 60天）内到期评估修订的预案。
    """
    from ..build import BuildOptions
    from ..build import build as run_build
    from .formats import text

    root = find_root_here()
    out = Path(output) if output else Path(root) / "output"
    if sign and not pdf:
        raise UsageProblem("--sign 要签名的是本次生成的 PDF，不能与 --no-pdf 同用。",
                           "--sign signs the PDFs of this build: it does not go with --no-pdf")
    request = sign_request(root, certificate) if sign else None
    options = BuildOptions(out=out, today=today.date() if today else dt.date.today(), site=site, pdf=pdf,
                           public=public, sign=request, jobs=jobs)
    bars: dict[str, object] = {}

    def progress(part: str, done: int, total: int, label: str) -> None:
        if not sys.stderr.isatty() or total <= 1:
            return
        bar = bars.get(part)
        if bar is None:
            names = {"pdf": "生成 PDF", "sign": "签名", "site": "生成站点"}
            bar = bars[part] = click.progressbar(length=total, label=names.get(part, part), file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)  # type: ignore[attr-defined]
        if done >= total:
            bar.__exit__(None, None, None)  # type: ignore[attr-defined]

    result = run_build(root, options, progress)
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    if not result.built:
        click.echo(text(result.repo, result.checked, lang, colour))
        click.echo("有错误，未生成。(errors found; nothing was built)", err=True)
        sys.exit(1)
    if result.checked.findings:
        click.echo(text(result.repo, result.checked, lang, colour))
    parts = [p for p, on in (("site", site), ("pdf", pdf), ("word", pdf)) if on]
    click.echo(f"已生成 (built): {', '.join(str(out / p) for p in parts)}；PDF {len(result.pdfs.files)} 个。")
