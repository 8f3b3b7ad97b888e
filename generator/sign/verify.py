"""Verify the signatures of a PDF: a ``VerifySpec`` in, a ``VerifyStatus`` out (the CLI only shows it).

Integrity (the signed bytes are unchanged and cover the whole file), validity (the signature matches the
signer's key) and trust (the signer's certificate chains up to one of the given roots) are reported apart, and
what the build record said of the document when it was signed (its status, plan and version: the
``Attestation`` inside the signature dictionary), read only from a signature whose bytes are intact.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NotAPdf, SignError
from .sign import Attestation, read_attestation


@dataclass(frozen=True)
class VerifySpec:
    path: Path
    trust_roots: tuple[Path, ...] = ()


@dataclass(frozen=True)
class SignatureStatus:
    field: str
    signer: str
    signing_time: dt.datetime | None
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value matches the signer's key
    covers_file: bool  # nothing was added or changed after signing
    trusted: bool  # the certificate chains up to a given trust root
    timestamped: bool
    problems: tuple[str, ...] = ()
    #: what the build record said of the document, signed with it; None when the signature has none (not
    #: made by Planbook) or its bytes were changed (then nothing in it can be believed)
    attestation: Attestation | None = None

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.covers_file and self.trusted


@dataclass(frozen=True)
class VerifyStatus:
    path: Path
    signatures: tuple[SignatureStatus, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return bool(self.signatures) and not self.problems and all(s.ok for s in self.signatures)


def load_roots(paths) -> list:
    """Trust roots from PEM or DER files."""
    from asn1crypto import pem, x509
    roots = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError as e:
            raise SignError(f"无法读取根证书 {p}：{e.strerror or e}。", f"cannot read the trust root {p}: {e.strerror or e}",
                            path=p) from None
        try:
            if pem.detect(data):
                found = [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
            else:
                found = [x509.Certificate.load(data)]
            for c in found:
                c.native  # noqa: B018  (parse now, fail here)
        except Exception:
            raise SignError(f"{p} 不是 PEM 或 DER 格式的证书。", f"{p} is not a certificate in PEM or DER form",
                            "请提供单位根证书（.pem/.crt）。", "Give the office's root certificate (.pem/.crt).", path=p) from None
        roots.extend(found)
    return roots


def verify_file(spec: VerifySpec) -> VerifyStatus:
    """Validate every signature of ``spec.path``; pyHanko's own log lines are kept quiet (the status says it)."""
    import logging
    loggers = [logging.getLogger(n) for n in ("pyhanko", "pyhanko_certvalidator")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        return _verify(spec)
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _verify(spec: VerifySpec) -> VerifyStatus:
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = load_roots(spec.trust_roots)
    path = Path(spec.path)
    try:
        fh = path.open("rb")
    except OSError as e:
        raise NotAPdf(f"无法读取 {path}：{e.strerror or e}。", f"cannot read {path}: {e.strerror or e}", path=path) from None
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if head != b"%PDF-":
            return VerifyStatus(path, (), ("不是 PDF 文件 (not a PDF)",))
        try:
            reader = PdfFileReader(fh, strict=False)
            sigs = list(reader.embedded_signatures)
        except (PdfReadError, ValueError, KeyError) as e:
            return VerifyStatus(path, (), (f"PDF 结构损坏，读不出签名：{e} (damaged PDF)",))
        if not sigs:
            return VerifyStatus(path, (), ("没有签名 (no signature)",))
        out = []
        for sig in sigs:
            problems: list[str] = []
            signer = ""
            try:
                cert = sig.signer_cert
                signer = cert.subject.native.get("common_name", "") or cert.subject.human_friendly
            except Exception:
                pass
            vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
            try:
                st = validate_pdf_signature(sig, vc)
                intact, valid, trusted = bool(st.intact), bool(st.valid), bool(st.trusted)
                covers = st.coverage == SignatureCoverageLevel.ENTIRE_FILE
                when = st.signer_reported_dt
                stamped = st.timestamp_validity is not None
            except (SignatureValidationError, ValueError, KeyError) as e:
                intact = valid = trusted = covers = stamped = False
                when = None
                problems.append(f"无法验证：{e} (cannot validate)")
            if not intact:
                problems.append("文件在签名后被改动：签名所覆盖的内容与签名时不一致 (modified: digest mismatch)")
            elif not valid:
                problems.append("签名值与签名证书不符 (signature value does not match the certificate)")
            if intact and not covers:
                problems.append("签名之后文件又被追加或改动（签名未覆盖整个文件）(content added after signing)")
            if not trusted:
                if roots:
                    problems.append("签名证书不受信任：它不是由所给根证书签发的 (certificate not trusted by the given roots)")
                else:
                    problems.append("没有给出信任的根证书，无法判断是否可信：请用 --trust ROOT.pem 或 planbook.yml 的 "
                                    "signing.trust 指定单位根证书 (no trust roots given)")
            attested = read_attestation(sig.sig_object) if intact and valid and covers else None
            out.append(SignatureStatus(sig.field_name, signer, when, intact, valid, covers, trusted, stamped,
                                       tuple(problems), attested))
    return VerifyStatus(path, tuple(out))
