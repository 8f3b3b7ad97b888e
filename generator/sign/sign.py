"""PAdES signatures with pyHanko: a ``SignSpec`` in, a ``SignStatus`` out.

The visible signature block is placed where the document asks for it (the named destination ``seal`` that
the plan template puts at the seal position under the issuer name); otherwise at the bottom right of the
last page.  Its text is Chinese, so it is drawn with an .otf/.ttf font (pyHanko refuses .ttc collections).
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import CertificateError, NotAPdf, NotApproved, SignError, TimestampFailed, WrongPassphrase

FIELD_NAME = "PlanbookSignature"
MM = 72 / 25.4


@dataclass(frozen=True)
class SignSpec:
    source: Path
    certificate: Path
    passphrase: bytes
    stamp_font: str  # an .otf/.ttf file for the visible block's Chinese text
    target: Path | None = None  # None: replace the source
    timestamp_url: str = ""
    reason: str = "预案正式文本"
    location: str = ""
    require_approved: bool = True  # refuse a PDF whose planbook-status says it is not approved
    timezone: str = "Asia/Shanghai"  # the office's (planbook.yml timezone): the visible block shows local time


@dataclass(frozen=True)
class SignStatus:
    path: Path
    signer: str
    signed_at: dt.datetime
    timestamped: bool
    page: int  # 1-based page of the visible block


@dataclass(frozen=True)
class Credentials:
    signer: object  # pyhanko SimpleSigner
    subject: str
    not_after: dt.datetime


def load_credentials(certificate: Path, passphrase: bytes) -> Credentials:
    """Open the PKCS#12 file; a wrong passphrase, a file that is not PKCS#12 and an expired certificate
    are told apart."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers
    try:
        data = Path(certificate).read_bytes()
    except OSError as e:
        raise CertificateError(f"无法读取证书文件 {certificate}：{e.strerror or e}。",
                               f"cannot read the certificate {certificate}: {e.strerror or e}", path=certificate) from None
    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, passphrase or None)
    except Exception:
        if _looks_like_pkcs12(data):
            raise WrongPassphrase(
                f"证书口令不对，打不开 {certificate}。", f"wrong passphrase: it does not open {certificate}",
                "请核对口令（环境变量 PLANBOOK_SIGN_PASSPHRASE 或提示输入的口令）。",
                "Check the passphrase (the environment variable PLANBOOK_SIGN_PASSPHRASE, or the one typed at the prompt).",
                path=certificate) from None
        raise CertificateError(
            f"{certificate} 不是 PKCS#12 证书文件（.p12/.pfx）。", f"{certificate} is not a PKCS#12 file (.p12/.pfx)",
            "请向发证机构索取含私钥的 PKCS#12 文件。", "Ask the issuer for a PKCS#12 file with the private key.",
            path=certificate) from None
    if key is None or cert is None:
        raise CertificateError(f"{certificate} 中没有私钥或证书，不能签名。",
                               f"{certificate} holds no private key or no certificate: it cannot sign",
                               "请导出含私钥的 PKCS#12 文件。", "Export a PKCS#12 file with the private key.", path=certificate)
    now = dt.datetime.now(dt.UTC)
    if cert.not_valid_after_utc < now:
        raise CertificateError(f"签名证书已于 {cert.not_valid_after_utc:%Y-%m-%d} 过期。",
                               f"the signing certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}",
                               "请更换证书。", "Use a new certificate.", path=certificate)
    if cert.not_valid_before_utc > now:
        raise CertificateError(f"签名证书 {cert.not_valid_before_utc:%Y-%m-%d} 才生效。",
                               f"the signing certificate is valid only from {cert.not_valid_before_utc:%Y-%m-%d}",
                               "请检查系统时间或证书。", "Check the system clock or the certificate.", path=certificate)
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase or None)
    return Credentials(signer, _common_name(cert.subject), cert.not_valid_after_utc)


def local_time(when: dt.datetime, timezone: str) -> str:
    """``when`` in the office's timezone, as the signature block and the CLI show it: 2026-11-26 11:38:41 (UTC+08:00)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        local = when.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        local = when.astimezone(dt.UTC)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def _looks_like_pkcs12(data: bytes) -> bool:
    try:
        from asn1crypto import pkcs12 as a12
        pfx = a12.Pfx.load(data)
        pfx["auth_safe"]["content_type"].native  # noqa: B018  (parses the structure)
        return True
    except Exception:
        return False


def _common_name(name) -> str:
    from cryptography.x509.oid import NameOID
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    if attrs:
        return str(attrs[0].value)
    return name.rfc4514_string()


def _info(reader) -> dict[str, str]:
    try:
        info = reader.trailer["/Info"]
        return {str(k)[1:]: str(v) for k, v in info.items()}
    except Exception:
        return {}


def _seal_box(reader) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the visible block: at the ``seal`` destination, else bottom right of the last page."""
    from pyhanko.pdf_utils.generic import ArrayObject
    n = int(reader.root["/Pages"]["/Count"])
    try:
        names = reader.root["/Names"]["/Dests"]
        stack = [names]
        while stack:
            node = stack.pop()
            pairs = node.get("/Names")
            if pairs is not None:
                for i in range(0, len(pairs) - 1, 2):
                    if str(pairs[i]) == "seal":
                        dest = pairs[i + 1]
                        if not isinstance(dest, ArrayObject):
                            dest = dest["/D"]
                        page_ref = dest.raw_get(0)
                        index = _page_index(reader, page_ref)
                        x, y = float(dest[2]), float(dest[3])
                        # the dashed seal circle is 42 mm wide; the 64 × 20 mm block goes right under it
                        # (over it, its text would cover the issuer name and date)
                        cx, top = x + 21 * MM, y - 43 * MM
                        bottom = max(top - 20 * MM, 37 * MM)
                        return index, (cx - 32 * MM, bottom, cx + 32 * MM, bottom + 20 * MM)
            stack.extend(node.get("/Kids", []))
    except (KeyError, TypeError, ValueError, IndexError):
        pass
    last = n - 1
    box = _page_size(reader, last)
    return last, (box[0] - 90 * MM, 40 * MM, box[0] - 20 * MM, 66 * MM)


def _page_index(reader, ref) -> int:
    for i in range(int(reader.root["/Pages"]["/Count"])):
        page_ref, _inherited = reader.find_page_for_modification(i)
        if page_ref.idnum == ref.idnum:
            return i
    raise ValueError("destination page not found")


def _page_size(reader, index: int) -> tuple[float, float]:
    page_ref, inherited = reader.find_page_for_modification(index)
    page = page_ref.get_object()
    mb = page.get("/MediaBox") or inherited.get("/MediaBox")
    return float(mb[2]), float(mb[3])


def sign_file(spec: SignSpec, credentials: Credentials | None = None) -> SignStatus:
    """Sign one PDF (PAdES B-B, or B-T with a time-stamp server) with a visible block."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers, timestamps
    from pyhanko.sign.fields import SigFieldSpec
    from pyhanko.stamp import TextStampStyle

    creds = credentials or load_credentials(spec.certificate, spec.passphrase)
    if not str(spec.stamp_font).lower().endswith((".otf", ".ttf")):
        raise SignError(f"签名外观的字体必须是 .otf 或 .ttf（不能是 .ttc 字体集）：{spec.stamp_font}。",
                        f"the signature stamp's font must be .otf or .ttf (not a .ttc collection): {spec.stamp_font}",
                        "请在 planbook.yml 的 fonts.song 中写一个 .otf/.ttf 文件。",
                        "Name an .otf/.ttf file in fonts.song of planbook.yml.", path=spec.stamp_font)
    try:
        data = Path(spec.source).read_bytes()
    except OSError as e:
        raise NotAPdf(f"无法读取 {spec.source}：{e.strerror or e}。", f"cannot read {spec.source}: {e.strerror or e}",
                      path=spec.source) from None
    if not data.startswith(b"%PDF-"):
        raise NotAPdf(f"{spec.source} 不是 PDF 文件。", f"{spec.source} is not a PDF", path=spec.source)
    import io
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        reader = writer.prev
        info = _info(reader)
        if spec.require_approved and "planbookstatus" not in info:
            raise NotApproved(
                f"{spec.source} 不是 Planbook 生成的预案文本（没有预案状态），不签名：只为已批准预案及其应急处置卡的 PDF 签名。",
                f"{spec.source} is not a plan made by Planbook (it has no plan status): refusing to sign; only the PDFs "
                "of approved plans and their response cards are signed", path=spec.source)
        if spec.require_approved and info.get("planbookstatus") != "approved":
            raise NotApproved(
                f"{spec.source} 是未批准的文本（状态：{info.get('planbookstatus')}），带“草稿”水印，不能签名。",
                f"{spec.source} is not approved (status: {info.get('planbookstatus')}) and carries a draft watermark: "
                "it cannot be signed",
                "请在预案中把 status 改为 approved 并重新生成后再签名。",
                "Set the plan's status to approved, build again, then sign.", path=spec.source)
        if reader.embedded_signatures:
            raise SignError(f"{spec.source} 已经有签名；Planbook 不重复签名。", f"{spec.source} is already signed; "
                            "Planbook does not sign twice", "请对重新生成的未签名 PDF 签名。",
                            "Sign an unsigned PDF built again.", path=spec.source)
        page, box = _seal_box(reader)
        fields.append_signature_field(writer, SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box))
    except (PdfReadError, ValueError, KeyError) as e:
        raise NotAPdf(f"读不懂 {spec.source} 的 PDF 结构：{e}。", f"cannot read the PDF structure of {spec.source}: {e}",
                      "请用 planbook build 重新生成。", "Build it again with planbook build.", path=spec.source) from None
    signed_at = dt.datetime.now(dt.UTC)
    style = TextStampStyle(
        stamp_text="电子签名：%(signer)s\n时间：%(local)s\n" + (f"原因：{spec.reason}" if spec.reason else ""),
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(spec.stamp_font), font_size=9)),
        border_width=1, timestamp_format="%Y-%m-%d %H:%M:%S %Z", background=None)
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=spec.reason or None,
                                        location=spec.location or None, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    stamper = timestamps.HTTPTimeStamper(spec.timestamp_url) if spec.timestamp_url else None
    pdf_signer = signers.PdfSigner(meta, signer=creds.signer, timestamper=stamper, stamp_style=style)
    target = Path(spec.target or spec.source)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".signing-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                pdf_signer.sign_pdf(writer, output=out, appearance_text_params={
                    "signer": creds.subject, "local": local_time(signed_at, spec.timezone)})
            except Exception as e:
                if stamper is not None and "timestamp" in type(e).__name__.lower() + str(e).lower():
                    raise TimestampFailed(f"时间戳服务器 {spec.timestamp_url} 没有给出时间戳：{e}。",
                                          f"the time-stamp server {spec.timestamp_url} gave no time-stamp: {e}",
                                          "请检查地址和网络，或去掉 signing.timestamp_url 不加时间戳。",
                                          "Check the address and the network, or drop signing.timestamp_url "
                                          "to sign without a time-stamp.", path=spec.source) from None
                raise SignError(f"签名失败：{spec.source}：{type(e).__name__}: {e}。",
                                f"signing failed: {spec.source}: {type(e).__name__}: {e}", path=spec.source) from None
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return SignStatus(target, creds.subject, signed_at, stamper is not None, page + 1)
