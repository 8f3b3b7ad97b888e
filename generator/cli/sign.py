"""``planbook sign FILE…``: sign PDFs of approved plans with the office's PKCS#12 certificate.

What may be signed comes from the build's record (generator/pdf/record.py): a file is signed only when its
sha256 was written by a build of this repository with the plan's status ``approved``.  Only planbook.yml is
read, never the plans and cases.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click

from . import UsageProblem, chosen_lang, main, show


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--certificate", type=click.Path(dir_okay=False), default=None,
              help="PKCS#12 证书（默认 planbook.yml 的 signing.certificate）；口令取自环境变量 "
                   "PLANBOOK_SIGN_PASSPHRASE 或提示输入。")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="把签名后的文件写到这个目录（默认原地替换）。")
def sign(files: tuple[str, ...], certificate: str | None, output: str | None) -> None:
    """为 PDF 加 PAdES 签名（带可见签名块）。

    \b
    只签 planbook build 生成后没有改动过的文件，且构建时预案已批准：按构建记录（PDF 目录中的 .inputs.json）
    核对文件的 sha256 和预案状态，不看 PDF 自带的元数据。草稿、已废止的预案，修订草案的对照表，
    记录中没有或与记录不符的文件，都拒绝签名；请用 planbook build 重新生成，或用 planbook build --sign。
    """
    from ..load.repo import NotARepository, find_root
    from ..model.config import Fonts, Signing
    from ..pdf.fonts import resolve_fonts
    from ..sign import SignError, SignSpec, load_credentials, local_time, seal_file
    from .build import read_config, sign_request

    try:
        root = find_root(os.getcwd())
    except NotARepository:
        root = None
    if root is None and not certificate:
        raise UsageProblem("不在 Planbook 库中时，请用 --certificate 指定 PKCS#12 证书。",
                           "outside a Planbook repository, name the PKCS#12 certificate with --certificate")
    if output:
        names = [Path(f).name for f in files]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise UsageProblem(f"用 -o 时这些文件同名，签名后会互相覆盖：{'、'.join(twice)}。",
                               f"these files have the same name and would overwrite each other in -o: {', '.join(twice)}",
                               "请分几次签名，或各用一个输出目录。", "Sign them in turns, or each into its own folder.")
    request = sign_request(root, certificate)
    config = read_config(root) if root else None
    fonts, signing = (config.fonts, config.signing) if config else (Fonts(), Signing())
    timezone = config.timezone if config else SignSpec.timezone
    creds = load_credentials(request.certificate, request.passphrase)
    fontset = resolve_fonts(fonts, root or os.getcwd())
    font = fontset.stamp_font()
    seal = seal_file(root, signing.seal) if root and signing.seal else None
    failed = 0
    for f in files:
        source = Path(f)
        target = Path(output) / source.name if output else None
        spec = SignSpec(source, request.certificate, request.passphrase, font, target=target,
                        timestamp_url=request.timestamp_url, reason=signing.reason, location=signing.location,
                        timezone=timezone, repository=root, fallback_fonts=fontset.stamp_fallbacks(), seal=seal)
        try:
            st = _sign_one(spec, creds)
        except SignError as e:
            show(e, chosen_lang())
            failed += 1
            continue
        stamp = "，含时间戳" if st.timestamped else ""
        click.echo(f"已签名 (signed): {st.path}（签名人 {st.signer}，{local_time(st.signed_at, timezone)}，"
                   f"签名块在第 {st.page} 页{stamp}）")
    if failed:
        raise SystemExit(1)


def _sign_one(spec, creds):
    """Sign one file against the records that may hold it; a file signed in place is noted in its record
    (the next build makes it again), with the output folder locked against a build replacing it meanwhile."""
    import dataclasses

    from ..output import MARKER, locked
    from ..pdf.record import record_folder, records_for
    from ..sign import sign_file

    source = Path(os.path.realpath(spec.source))
    in_place = spec.target is None or Path(os.path.realpath(spec.target)) == source
    home = record_folder(source)
    guard = locked(home.parent) if in_place and home is not None and (home.parent / MARKER).is_file() \
        else contextlib.nullcontext()
    with guard:
        found = records_for(source, spec.repository)
        st = sign_file(dataclasses.replace(spec, records=tuple(record for _folder, record in found)), creds)
        if in_place and st.entry is not None:
            for folder, record in found:
                if folder / st.entry.relpath == source and record.entry_for(st.entry.relpath) == st.entry:
                    record.with_signed(st.entry.relpath, st.sha256).save(folder)
    return st
