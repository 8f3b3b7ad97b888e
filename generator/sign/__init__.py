"""Signing and verifying the PDFs: PAdES with pyHanko (sign.py, verify.py).

``sign_pdfs(ctx, manifest, request, progress)`` is the build's signing step: it signs the official PDF and
the response cards (role cards) and level cards of every approved plan with the office's PKCS#12 certificate.  What is approved comes from
the PDF renderer's record of this build (generator/pdf/record.py), the one every signature is decided by; a plan
that is not approved (a draft, or superseded) carries its watermark (pdf.record.watermark) and is never signed:
it is skipped with a note naming the status and the watermark (logger ``planbook.sign``).
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from .errors import CertificateError, NotAPdf, NotApproved, SignError, TimestampFailed, WrongPassphrase
from .sign import Attestation, SignSpec, SignStatus, load_credentials, local_time, seal_file, sign_file
from .verify import SignatureStatus, VerifySpec, VerifyStatus, verify_file

__all__ = ["sign_pdfs", "sign_file", "local_time", "verify_file", "load_credentials", "seal_file", "SignSpec", "SignStatus", "VerifySpec",
           "VerifyStatus", "SignatureStatus", "Attestation", "SignError", "CertificateError", "WrongPassphrase",
           "NotApproved", "NotAPdf", "TimestampFailed"]

log = logging.getLogger("planbook.sign")

SIGNED_KINDS = ("plan", "cards", "response")


def sign_pdfs(ctx, manifest, request, progress: Callable[[str, int, int, str], None] | None = None):
    """Sign the PDFs of approved plans in ctx.out/"pdf"; returns the manifest with ``signed`` set."""
    from ..model.plan import Status
    from ..pdf.fonts import resolve_fonts
    from ..pdf.record import PdfRecord, watermark

    repo = ctx.repo
    folder = Path(ctx.out) / "pdf"
    creds = load_credentials(request.certificate, request.passphrase)  # a wrong passphrase stops here, once
    fonts = resolve_fonts(repo.config.fonts, repo.root)
    font = fonts.stamp_font()
    cfg = repo.config.signing
    seal = seal_file(repo.root, cfg.seal) if cfg.seal else None
    record = PdfRecord.load(folder)
    files = list(manifest.files)
    todo = [i for i, f in enumerate(files) if f.kind in SIGNED_KINDS]
    for n, i in enumerate(todo, 1):
        f = files[i]
        entry = record.entry_for(f.relpath)
        if entry is None:
            raise SignError(f"构建记录中没有 {f.relpath}，不签名。", f"{f.relpath} is not in the build record: "
                            "not signed", "请重新运行 planbook build --sign。", "Run planbook build --sign again.")
        if entry.status != Status.approved.value:
            status = Status(entry.status).label if entry.status in {s.value for s in Status} else "未知"
            log.warning("未签名 %s：预案状态为“%s”，不是已批准；带“%s”水印，不签名。(skipped: plan not approved)",
                        f.relpath, status, watermark(f.kind, entry.status) or "无")
        else:
            st = sign_file(SignSpec(folder / f.relpath, request.certificate, request.passphrase, font,
                                    timestamp_url=request.timestamp_url or cfg.timestamp_url, reason=cfg.reason,
                                    location=cfg.location, timezone=repo.config.timezone, records=(record,),
                                    fallback_fonts=fonts.stamp_fallbacks(), seal=seal,
                                    repository=repo.root), creds)
            record = record.with_signed(f.relpath, st.sha256)
            files[i] = dataclasses.replace(f, signed=True)
        if progress:
            progress("sign", n, len(todo), f.relpath)
    record.save(folder)
    return dataclasses.replace(manifest, files=tuple(files))
