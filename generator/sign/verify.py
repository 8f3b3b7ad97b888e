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
    trusted: bool  # the certificate chains up to a given trust root and may sign (not judged when not intact)
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


#: Extended key usages that allow signing documents (when a certificate lists any, one of these must be there,
#: as NSS, and so poppler's pdfsig, asks): e-mail protection, any, document signing (RFC 9336), Microsoft's and
#: Adobe's document signing.
SIGNING_EKUS = {"email_protection": "电子邮件保护", "any_extended_key_usage": "任意用途",
                "1.3.6.1.5.5.7.3.36": "文档签名", "1.3.6.1.4.1.311.10.3.12": "文档签名（Microsoft）",
                "1.2.840.113583.1.1.5": "文档签名（Adobe）"}
_EKU_ZH = {"server_auth": "服务器身份验证", "client_auth": "客户端身份验证", "code_signing": "代码签名",
           "time_stamping": "时间戳", "ocsp_signing": "OCSP 签名"}


def usage_problem(cert) -> tuple[str, str] | None:
    """Why the certificate ``cert`` (asn1crypto) may not sign documents, (Chinese, English), or None: its key
    usage allows neither digital signature nor non-repudiation, or its extended key usages name none of
    :data:`SIGNING_EKUS` (a server-authentication-only certificate)."""
    ku = cert.key_usage_value
    if ku is not None and not {"digital_signature", "non_repudiation"} & set(ku.native):
        named = "、".join(sorted(ku.native)) or "无"
        return (f"签名证书的密钥用途（key usage: {named}）不允许签名",
                f"the certificate's key usage ({', '.join(sorted(ku.native))}) does not allow signing")
    eku = cert.extended_key_usage_value
    if eku is not None and not set(eku.native) & set(SIGNING_EKUS):
        named = "、".join(_EKU_ZH.get(u, u) for u in eku.native)
        return (f"签名证书的扩展用途只有“{named}”，不能用于签署文档",
                f"the certificate's extended key usage ({', '.join(eku.native)}) does not allow signing documents")
    return None


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
    from pyhanko.sign.validation.settings import KeyUsageConstraints
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
            cert = None
            try:
                cert = sig.signer_cert
                signer = cert.subject.native.get("common_name", "") or cert.subject.human_friendly
            except Exception:
                pass
            vc = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
            indic = horizon = None
            try:
                # key usage and extended key usage are judged below (usage_problem), with the reason
                st = validate_pdf_signature(sig, vc, key_usage_settings=KeyUsageConstraints())
                # a signature over changed bytes is no valid signature, whatever its value (pdfsig: Digest Mismatch)
                intact, valid, trusted = bool(st.intact), bool(st.intact and st.valid), bool(st.trusted)
                covers = st.coverage == SignatureCoverageLevel.ENTIRE_FILE
                when = st.signer_reported_dt
                stamped = st.timestamp_validity is not None
                indic, horizon = st.trust_problem_indic, st.error_time_horizon
            except (SignatureValidationError, ValueError, KeyError) as e:
                intact = valid = trusted = covers = stamped = False
                when = None
                problems.append(f"无法验证：{e} (cannot validate)")
            if not intact:
                problems.append("文件在签名后被改动：签名所覆盖的内容与签名时不一致，签名无效 (modified: digest mismatch)")
            elif not valid:
                problems.append("签名值与签名证书不符 (signature value does not match the certificate)")
            if intact and not covers:
                problems.append("签名之后文件又被追加或改动（签名未覆盖整个文件）(content added after signing)")
            unfit = usage_problem(cert) if cert is not None else None
            if unfit:
                trusted = False
                problems.append(f"{unfit[0]} ({unfit[1]})")
            if intact and not trusted and not unfit:  # over changed bytes the certificate is not judged (pdfsig)
                problems.append(_trust_problem(roots, cert, indic, horizon, when))
            attested = read_attestation(sig.sig_object) if intact and valid and covers else None
            out.append(SignatureStatus(sig.field_name, signer, when, intact, valid, covers, trusted, stamped,
                                       tuple(problems), attested))
    return VerifyStatus(path, tuple(out))


def _trust_problem(roots, cert, indic, horizon, when) -> str:
    """Why a signer's certificate is not trusted, as pdfsig would say it: no roots given, expired (or not yet
    valid) when checked, or not issued by the given roots."""
    if not roots:
        return ("没有给出信任的根证书，无法判断是否可信：请用 --trust ROOT.pem 或 planbook.yml 的 "
                "signing.trust 指定单位根证书 (no trust roots given)")
    name = str(getattr(indic, "name", indic) or "")
    if cert is not None:
        now = dt.datetime.now(dt.UTC)
        after, before = cert.not_valid_after, cert.not_valid_before
        if after < now:  # pyHanko: OUT_OF_BOUNDS_NO_POE, with the expiry as its error time horizon
            return f"签名证书已于 {after:%Y-%m-%d} 过期 (certificate expired on {after:%Y-%m-%d})"
        if before > now or name == "NOT_YET_VALID":
            return f"签名证书 {before:%Y-%m-%d} 才生效 (certificate not valid before {before:%Y-%m-%d})"
    if name == "REVOKED_NO_POE" or name == "REVOKED":
        return "签名证书已被吊销 (certificate revoked)"
    return "签名证书不受信任：它不是由所给根证书签发的 (certificate not trusted by the given roots)"
