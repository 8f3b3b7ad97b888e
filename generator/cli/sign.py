"""``planbook sign FILE…``: sign PDFs of approved plans with the office's PKCS#12 certificate."""
from __future__ import annotations

import os
from pathlib import Path

import click

from . import UsageProblem, main


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--certificate", type=click.Path(dir_okay=False), default=None,
              help="PKCS#12 证书（默认 planbook.yml 的 signing.certificate）；口令取自环境变量 "
                   "PLANBOOK_SIGN_PASSPHRASE 或提示输入。")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="把签名后的文件写到这个目录（默认原地替换）。")
def sign(files: tuple[str, ...], certificate: str | None, output: str | None) -> None:
    """为 PDF 加 PAdES 签名（带可见签名块）。未批准（草稿、已废止）的预案拒绝签名。"""
    from ..load.repo import NotARepository, find_root
    from ..model.config import Fonts, Signing
    from ..pdf.errors import PdfError
    from ..pdf.fonts import resolve_fonts
    from ..sign import SignError, SignSpec, load_credentials, local_time, sign_file
    from .build import read_config, sign_request

    try:
        root = find_root(os.getcwd())
    except NotARepository:
        root = None
    if root is None and not certificate:
        raise UsageProblem("不在 Planbook 库中时，请用 --certificate 指定 PKCS#12 证书。")
    if output:
        names = [Path(f).name for f in files]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise UsageProblem(f"用 -o 时这些文件同名，签名后会互相覆盖：{'、'.join(twice)}。请分几次签名，或各用一个输出目录。"
                               f" (files with the same name would overwrite each other in -o)")
    request = sign_request(root, certificate)
    config = read_config(root) if root else None
    fonts, signing = (config.fonts, config.signing) if config else (Fonts(), Signing())
    timezone = config.timezone if config else SignSpec.timezone
    try:
        creds = load_credentials(request.certificate, request.passphrase)
        font = resolve_fonts(fonts, root or os.getcwd()).stamp_font()
    except (SignError, PdfError) as e:
        raise UsageProblem(str(e)) from None
    failed = 0
    for f in files:
        target = Path(output) / Path(f).name if output else None
        try:
            st = sign_file(SignSpec(Path(f), request.certificate, request.passphrase, font, target=target,
                                    timestamp_url=request.timestamp_url, reason=signing.reason,
                                    location=signing.location, timezone=timezone), creds)
        except SignError as e:
            click.echo(f"planbook: {e}", err=True)
            failed += 1
            continue
        stamp = "，含时间戳" if st.timestamped else ""
        click.echo(f"已签名 (signed): {st.path}（签名人 {st.signer}，{local_time(st.signed_at, timezone)}，"
                   f"签名块在第 {st.page} 页{stamp}）")
    if failed:
        raise SystemExit(1)

