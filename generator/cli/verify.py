"""``planbook verify FILE… [--trust ROOT.pem]…``: check the signatures of PDFs; non-zero exit on any failure."""
from __future__ import annotations

import os
from pathlib import Path

import click

from . import main


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--trust", "trust", multiple=True, type=click.Path(dir_okay=False),
              help="信任的根证书（PEM/DER），可写多次；另加 planbook.yml 的 signing.trust。")
def verify(files: tuple[str, ...], trust: tuple[str, ...]) -> None:
    """验证 PDF 的签名：签名人、签名时间、文件是否完整、证书是否可信。任何一项不通过时退出码为 1。

    \b
    还显示签名时构建记录中的预案状态、预案和版本（写在签名之内，签名后改不了）。
    """
    from ..load.repo import NotARepository, find_root
    from ..sign import SignSpec, VerifySpec, local_time, verify_file
    from .build import read_config

    roots = [Path(t) for t in trust]
    try:
        root = find_root(os.getcwd())
    except NotARepository:
        root = None
    timezone = SignSpec.timezone
    if root:
        config = read_config(root)
        roots += [Path(root) / p for p in config.signing.trust]
        timezone = config.timezone
    bad = 0
    for f in files:
        st = verify_file(VerifySpec(Path(f), tuple(roots)))
        head = "通过 (OK)" if st.ok else "未通过 (FAILED)"
        click.echo(f"{f}: {head}")
        for p in st.problems:
            click.echo(f"  问题：{p}")
        for s in st.signatures:
            when = local_time(s.signing_time, timezone) if s.signing_time else "未知"
            click.echo(f"  签名 {s.field}：签名人 {s.signer or '未知'}，签名时间 {when}"
                       f"{'（含时间戳）' if s.timestamped else ''}")
            click.echo(f"    完整 (integrity): {'是' if s.intact and s.covers_file else '否'}；"
                       f"签名有效 (valid): {'是' if s.valid else '否'}；可信 (trusted): {_trusted(s)}")
            if s.attestation is not None:
                click.echo(f"    签名时的状态 (signed as): {_attested(s.attestation)}")
            elif s.intact and s.valid and s.covers_file:
                click.echo("    签名中没有 Planbook 构建记录的预案状态（不是 planbook sign 签的名）"
                           "(no plan status recorded in the signature)")
            for p in s.problems:
                click.echo(f"    问题：{p}")
        bad += not st.ok
    if bad:
        raise SystemExit(1)


def _attested(a) -> str:
    """The build record's word on a signed document, as verify prints it."""
    from ..model.plan import Status
    from ..sign.sign import ISSUED, KIND_LABELS
    label = "本单位发出" if a.status == ISSUED else next((s.label for s in Status if s.value == a.status),
                                                        a.status or "未知")
    return (f"{label} ({a.status or '?'})；{KIND_LABELS.get(a.kind, a.kind)} {a.subject}，版本 {a.version or '—'}，"
            f"构建自提交 {a.commit or '（不在 git 中）'}")


def _trusted(s) -> str:
    """是, 否, or 未判断 when the signed bytes were changed (pdfsig does not judge the certificate then)."""
    return "是" if s.trusted else "否" if s.intact else "未判断（文件已被改动）"
