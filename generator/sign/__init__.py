"""Signing and verifying the PDFs: PAdES with pyHanko (sign.py, verify.py).

``sign_pdfs(ctx, manifest, request, progress)`` is the build's signing stage: it signs the official PDF and
the response cards of every approved plan with the office's PKCS#12 certificate.  A plan that is not
approved carries a 草稿 watermark and is never signed: it is skipped with a note (logger ``planbook.sign``).
"""
from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from pathlib import Path

from .errors import CertificateError, NotAPdf, NotApproved, SignError, TimestampFailed, WrongPassphrase
from .sign import SignSpec, SignStatus, load_credentials, local_time, sign_file
from .verify import SignatureStatus, VerifySpec, VerifyStatus, verify_file

__all__ = ["sign_pdfs", "sign_file", "local_time", "verify_file", "load_credentials", "SignSpec", "SignStatus", "VerifySpec",
           "VerifyStatus", "SignatureStatus", "SignError", "CertificateError", "WrongPassphrase", "NotApproved",
           "NotAPdf", "TimestampFailed"]

log = logging.getLogger("planbook.sign")

SIGNED_KINDS = ("plan", "cards")


def sign_pdfs(ctx, manifest, request, progress: Callable[[str, int, int, str], None] | None = None):
    """Sign the PDFs of approved plans in ctx.out/"pdf"; returns the manifest with ``signed`` set."""
    from ..model.plan import Status
    from ..pdf.fonts import resolve_fonts

    repo = ctx.repo
    folder = Path(ctx.out) / "pdf"
    creds = load_credentials(request.certificate, request.passphrase)  # a wrong passphrase stops here, once
    font = resolve_fonts(repo.config.fonts, repo.root).stamp_font()
    cfg = repo.config.signing
    files = list(manifest.files)
    todo = [i for i, f in enumerate(files) if f.kind in SIGNED_KINDS]
    signed: list[str] = []
    for n, i in enumerate(todo, 1):
        f = files[i]
        plan = repo.plan_by_id.get(f.subject)
        if plan is None or plan.status is not Status.approved:
            status = plan.status.label if plan else "未知"
            log.warning("未签名 %s：预案状态为“%s”，不是已批准；带水印，不签名。(skipped: plan not approved)",
                        f.relpath, status)
        else:
            sign_file(SignSpec(folder / f.relpath, request.certificate, request.passphrase, font,
                               timestamp_url=request.timestamp_url or cfg.timestamp_url, reason=cfg.reason,
                               location=cfg.location, timezone=repo.config.timezone), creds)
            files[i] = dataclasses.replace(f, signed=True)
            signed.append(f.relpath)
        if progress:
            progress("sign", n, len(todo), f.relpath)
    _record_signed(folder, signed)
    return dataclasses.replace(manifest, files=tuple(files))


def _record_signed(folder: Path, signed: list[str]) -> None:
    """Note the signed files in .inputs.json: the next build renders them again instead of reusing them."""
    from ..pdf import INPUTS
    path = folder / INPUTS
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict):
        return
    before = data.get("signed")
    kept = {x for x in before if isinstance(x, str)} if isinstance(before, list) else set()
    data["signed"] = sorted(kept | set(signed))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
