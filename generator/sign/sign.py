"""PAdES signatures with pyHanko: a ``SignSpec`` in, a ``SignStatus`` out.

What may be signed is decided from the PDF renderer's record (generator/pdf/record.py), never from the PDF's
own metadata: the file's sha256 must be recorded by a build of this repository, with the plan's status
``approved``.  The recorded kind, subject, status, version and commit go into the signature dictionary
(``/Prop_Build /App /Planbook``), inside the signed bytes, where ``verify`` reads them back (``Attestation``).

The visible signature block is placed where the document asks for it (the named destination ``seal`` that
the plan template puts at the seal position under the issuer name); otherwise at the bottom right of the
last page.  Its text is Chinese, so it is drawn with an .otf/.ttf font (pyHanko refuses .ttc collections).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CertificateError, NotAPdf, NotApproved, SignError, TimestampFailed, WrongPassphrase

if TYPE_CHECKING:
    from ..pdf.record import Entry, PdfRecord

FIELD_NAME = "PlanbookSignature"
MM = 72 / 25.4
SEAL = 42.0  # mm: the seal's diameter (pdf/layout.SEAL)
SEAL_SUFFIXES = (".png", ".svg")
APPROVED = "approved"
#: the documents that carry a plan's status: signed when the plan is approved
PLAN_KINDS = ("plan", "cards", "response", "changes")
#: documents the office issues on its own authority (a case report, a period report): signed as "issued";
#: the training compendium (anonymised teaching material) and drill evaluation reports are not signed
ISSUED_KINDS = ("case", "report")
ISSUED = "issued"
KIND_LABELS = {"plan": "预案正式文本", "cards": "应急处置卡", "response": "应急响应卡", "changes": "修订对照表",
               "case": "案例处置报告", "drill": "演练评估报告",
               "report": "统计报告", "training": "案例汇编"}
ATTESTATION_KEY = "/Planbook"  # in the signature's /Prop_Build /App: the Attestation
REBUILD = ("请用 planbook build 重新生成后再签名，或用 planbook build --sign 生成并签名。",
           "Rebuild with `planbook build`, or build and sign with `planbook build --sign`.")


@dataclass(frozen=True)
class Attestation:
    """What the build record said of a signed document, written into its signature (covered by it)."""

    kind: str
    subject: str  # plan id (case id, report name)
    status: str  # the plan's status at build time: always "approved" in what Planbook signs
    version: str
    commit: str

    @classmethod
    def of(cls, entry: Entry) -> Attestation:
        status = entry.status or (ISSUED if entry.kind in ISSUED_KINDS else "")
        return cls(entry.kind, entry.subject, status, entry.version, entry.commit)


@dataclass(frozen=True)
class SignSpec:
    source: Path
    certificate: Path
    passphrase: bytes
    stamp_font: str  # an .otf/.ttf file for the visible block's Chinese text
    #: fonts for the characters ``stamp_font`` lacks ((file, face index): FontSet.stamp_fallbacks)
    fallback_fonts: tuple[tuple[str, int], ...] = ()
    seal: Path | None = None  # the office's seal (PNG or SVG, checked by seal_file): placed over name and date
    target: Path | None = None  # None: replace the source
    timestamp_url: str = ""
    reason: str = "预案正式文本"
    location: str = ""
    timezone: str = "Asia/Shanghai"  # the office's (planbook.yml timezone): the visible block shows local time
    #: the PDF renderer's records that may hold the file (pdf.record.records_for): it is signed only when one of
    #: them, written by a build of ``repository``, has its sha256 with the status approved
    records: tuple[PdfRecord, ...] = ()
    repository: str | None = None  # the repository signing; None outside one (then any build's record counts)


@dataclass(frozen=True)
class SignStatus:
    path: Path
    signer: str
    signed_at: dt.datetime
    timestamped: bool
    page: int  # 1-based page of the visible block
    entry: Entry | None = None  # the record's entry that allowed it
    sha256: str = ""  # of the signed file


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
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from .verify import usage_problem
    unfit = usage_problem(asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)))
    if unfit:  # verify (and pdfsig) would not accept what it signs
        raise CertificateError(f"{unfit[0]}：{certificate} 不能用于签名。", f"{unfit[1]}: {certificate} cannot sign",
                               "请向发证机构申请用于文档签名的证书（密钥用途含数字签名或不可否认）。",
                               "Ask the issuer for a document-signing certificate (key usage digital signature or "
                               "non-repudiation).", path=certificate)
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


def _seal_box(reader, seal: bool = False) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the visible block: at the ``seal`` destination (the top left corner of the seal's
    place in a plan): the seal's square with a seal image, a text block under it without; else bottom right
    of the last page."""
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
                        if seal:  # the seal's own square: over the issuer name and date
                            return index, (x, y - SEAL * MM, x + SEAL * MM, y)
                        # the text block goes right under the seal's place (over it, its text would
                        # cover the issuer name and date)
                        cx, top = x + SEAL / 2 * MM, y - (SEAL + 1) * MM
                        bottom = max(top - 20 * MM, 37 * MM)
                        return index, (cx - 32 * MM, bottom, cx + 32 * MM, bottom + 20 * MM)
            stack.extend(node.get("/Kids", []))
    except (KeyError, TypeError, ValueError, IndexError):
        pass
    last = n - 1
    box = _page_size(reader, last)
    if seal:
        return last, (box[0] - 30 * MM - SEAL * MM, 40 * MM, box[0] - 30 * MM, 40 * MM + SEAL * MM)
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
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields
    from pyhanko.sign.fields import SigFieldSpec
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

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
        writer = _writer()(io.BytesIO(data), strict=False)
        reader = writer.prev
        if reader.embedded_signatures:
            raise SignError(f"{spec.source} 已经有签名；Planbook 不重复签名。", f"{spec.source} is already signed; "
                            "Planbook does not sign twice", "请对重新生成的未签名 PDF 签名。",
                            "Sign an unsigned PDF built again.", path=spec.source)
        entry = approved_entry(spec.source, data, spec.records, spec.repository)
        page, box = _seal_box(reader, spec.seal is not None)
        fields.append_signature_field(writer, SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box))
    except (PdfReadError, ValueError, KeyError) as e:
        raise NotAPdf(f"读不懂 {spec.source} 的 PDF 结构：{e}。", f"cannot read the PDF structure of {spec.source}: {e}",
                      "请用 planbook build 重新生成。", "Build it again with planbook build.", path=spec.source) from None
    signed_at = dt.datetime.now(dt.UTC)
    params = {"signer": creds.subject, "local": local_time(signed_at, spec.timezone)}
    stamp_text = "电子签名：%(signer)s\n时间：%(local)s\n" + (f"原因：{spec.reason}" if spec.reason else "")
    work = tempfile.TemporaryDirectory(prefix="planbook-sign-")
    try:
        if spec.seal is not None:
            style = StaticStampStyle(background=_seal_content(spec.seal, Path(work.name)), background_opacity=1.0,
                                     border_width=0, background_layout=SimpleBoxLayoutRule(
                                         x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MID,
                                         margins=Margins.uniform(0)))
        else:
            font = stamp_face(spec, stamp_text % params, Path(work.name))
            style = TextStampStyle(
                stamp_text=stamp_text, text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(font, font_size=9)),
                border_width=1, timestamp_format="%Y-%m-%d %H:%M:%S %Z", background=None)
        return _sign(spec, creds, writer, entry, page, style, params, signed_at)
    finally:
        work.cleanup()


def _sign(spec: SignSpec, creds: Credentials, writer, entry: Entry, page: int, style, params: dict,
          signed_at: dt.datetime) -> SignStatus:
    from pyhanko.sign import fields, signers, timestamps

    from ..pdf.record import file_hash
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, reason=spec.reason or None,
                                        location=spec.location or None, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", app_build_props=_build_props(Attestation.of(entry)))
    stamper = timestamps.HTTPTimeStamper(spec.timestamp_url) if spec.timestamp_url else None
    pdf_signer = signers.PdfSigner(meta, signer=creds.signer, timestamper=stamper, stamp_style=style)
    target = Path(spec.target or spec.source)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".signing-", suffix=".pdf", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                pdf_signer.sign_pdf(writer, output=out, appearance_text_params=params)
            except Exception as e:
                if stamper is not None and "timestamp" in type(e).__name__.lower() + str(e).lower():
                    raise TimestampFailed(f"时间戳服务器 {spec.timestamp_url} 没有给出时间戳：{e}。",
                                          f"the time-stamp server {spec.timestamp_url} gave no time-stamp: {e}",
                                          "请检查地址和网络，或去掉 signing.timestamp_url 不加时间戳。",
                                          "Check the address and the network, or drop signing.timestamp_url "
                                          "to sign without a time-stamp.", path=spec.source) from None
                raise SignError(f"签名失败：{spec.source}：{type(e).__name__}: {e}。",
                                f"signing failed: {spec.source}: {type(e).__name__}: {e}", path=spec.source) from None
        digest = file_hash(Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return SignStatus(target, creds.subject, signed_at, stamper is not None, page + 1, entry, digest)


def _writer():
    """pyHanko's incremental writer, keeping PDF/A's rule that the XMP metadata and the document information
    agree: pyHanko appends itself to the Info /Producer ("WeasyPrint 70.0; pyHanko 0.38.0") but writes its own
    name alone as the XMP pdf:Producer; the XMP is given the Info's value."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata import model
    from pyhanko.pdf_utils.metadata.xmp_xml import MetadataStream

    class Writer(IncrementalPdfFileWriter):
        def _update_meta(self):
            super()._update_meta()
            info = self._info.get_object() if self._info is not None else None
            try:
                meta = self.root["/Metadata"]  # resolved (DictionaryObject.get gives the reference)
            except KeyError:
                return
            if info is None or not isinstance(meta, MetadataStream) or "/Producer" not in info:
                return
            fields = {k: v for part in meta.xmp for k, v in part}
            fields[model.PDF_PRODUCER] = model.XmpValue(str(info["/Producer"]))
            self.root["/Metadata"] = self.add_object(MetadataStream.from_xmp([model.XmpStructure(fields)]))
            self.update_root()
    return Writer


def seal_file(root: str | Path, rel: str) -> Path:
    """The seal image named in planbook.yml (signing.seal): a PNG or SVG file inside the repository."""
    from .errors import SealError
    base = Path(root).resolve()
    path = (base / rel).resolve()
    hint = ("请在 planbook.yml 的 signing.seal 中写库中的一个 PNG 或 SVG 文件（相对于库根目录），如 assets/seal.png。",
            "Name a PNG or SVG file inside the repository (relative to its root) in signing.seal of planbook.yml, "
            "e.g. assets/seal.png.")
    if base != path and base not in path.parents:
        raise SealError(f"印章图片不在库中：{rel}。", f"the seal image is outside the repository: {rel}", *hint, path=rel)
    if path.suffix.lower() not in SEAL_SUFFIXES:
        raise SealError(f"印章图片须是 PNG 或 SVG 文件：{rel}。", f"the seal image must be a PNG or SVG file: {rel}",
                        *hint, path=rel)
    if not path.is_file():
        raise SealError(f"找不到印章图片：{rel}。", f"the seal image was not found: {rel}", *hint, path=rel)
    return path


def _seal_content(seal: Path, work: Path):
    """The seal as the stamp's content: a PNG as an image; an SVG drawn into a one-page PDF by WeasyPrint
    (the template site_templates/pdf/seal.html.j2; nothing but the seal file is read)."""
    from .errors import SealError
    if seal.suffix.lower() == ".png":
        from PIL import Image, UnidentifiedImageError
        from pyhanko.pdf_utils.images import PdfImage
        try:
            image = Image.open(seal)
            image.load()
        except (OSError, UnidentifiedImageError) as e:
            raise SealError(f"印章图片读不出来：{seal.name}：{e}。", f"the seal image cannot be read: {seal.name}: {e}",
                            "请换一个 PNG 文件（透明背景，红色印章）。", "Use another PNG file (transparent background).",
                            path=seal) from None
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        return PdfImage(image)
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from ..pdf.documents import environment
    from ..render import TEMPLATES

    wanted = seal.as_uri()

    class SealOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url != wanted:
                raise ValueError(f"not loaded with the seal: {url[:80]}")
            return super().fetch(url, headers)
    html = environment(str(TEMPLATES)).get_template("seal.html.j2").render(url=wanted, size=f"{SEAL}mm")
    target = work / "seal.pdf"
    try:
        HTML(string=html, url_fetcher=SealOnly()).write_pdf(target)
    except Exception as e:
        raise SealError(f"印章图片画不出来：{seal.name}：{e}。", f"the seal image cannot be drawn: {seal.name}: {e}",
                        "请检查这个 SVG 文件，或改用 PNG。", "Check the SVG file, or use a PNG.", path=seal) from None
    return ImportedPdfPage(str(target))


def stamp_face(spec: SignSpec, text: str, work: Path) -> str:
    """An .otf/.ttf file that draws every character of ``text``: the stamp font, else the first font of the
    fallback chain that has them all (a face of a .ttc collection, or a font lacking nothing but a few of the
    stamp's characters, is cut down to ``text`` in ``work``: pyHanko takes single .otf/.ttf files only)."""
    from ..pdf.errors import FontMissing
    from ..pdf.fonts import cmap
    need = {ord(c) for c in text if not c.isspace()}
    missing = need
    for path, index in ((str(spec.stamp_font), 0), *spec.fallback_fonts):
        try:
            have = cmap(path, index)
        except FontMissing:
            continue
        missing = need - have if missing is need else missing & (need - have)
        if need <= have:
            if index == 0 and path.lower().endswith((".otf", ".ttf")):
                return path
            return _subset(path, index, text, work)
    c = chr(min(missing))
    raise SignError(f"签名块中的字符“{c}”（U+{ord(c):04X}）在签名字体和后备字体中都没有字形，签名块无法显示。",
                    f"the character '{c}' (U+{ord(c):04X}) of the signature block has no glyph in the stamp font or "
                    "its fallbacks", "请在 planbook.yml 的 fonts.song 中换用包含此字的 .otf/.ttf 字体文件。",
                    "Name an .otf/.ttf font file that has it in fonts.song of planbook.yml.")


def _subset(path: str, index: int, text: str, work: Path) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(path, fontNumber=index)
    options = subset.Options(name_IDs=["*"], notdef_outline=True, layout_features=["*"])
    sub = subset.Subsetter(options)
    sub.populate(text=text + "0123456789")
    sub.subset(font)
    target = work / ("stamp.otf" if "CFF " in font else "stamp.ttf")
    font.save(str(target))
    return str(target)


def approved_entry(source: Path, data: bytes, records, repository: str | None) -> Entry:
    """The record entry that allows signing ``data``: its sha256 recorded by a build (of ``repository``,
    inside one) with the status approved.  Raises NotApproved saying why not.  The PDF's own metadata
    (Info, XMP) is never asked: anyone can edit it."""
    from ..model.plan import Status
    from ..pdf.record import NAME
    sha = hashlib.sha256(data).hexdigest()
    mine = [r for r in records if repository is None or r.of(repository)]
    entry = next((e for r in mine if (e := r.matching(sha)) is not None), None)
    if entry is None:
        if not records:
            raise NotApproved(
                f"{source} 没有构建记录：找不到生成它的 planbook build 的记录（PDF 目录中的 {NAME}），无法确认它是"
                "已批准预案的文本。签名只依据构建记录判断，不看 PDF 自带的元数据。",
                f"{source} has no build record (no {NAME} of the planbook build that made it beside it): signing "
                "goes by the build record only, never by the PDF's own metadata", *REBUILD, path=source)
        if not mine:
            roots = "、".join(sorted({r.root or "未知" for r in records}))
            raise NotApproved(
                f"{source} 的构建记录来自另一个库（{roots}），不是本库 {repository} 的构建。",
                f"the build record of {source} is of another repository ({roots}), not of {repository}",
                *REBUILD, path=source)
        raise NotApproved(
            f"{source} 与构建记录不符（sha256 {sha[:16]}…）：它在 planbook build 生成后被改动过，或不是构建写出的文件。",
            f"{source} does not match the build record (sha256 {sha[:16]}…): it was changed after planbook build "
            "wrote it, or no build wrote it", *REBUILD, path=source)
    if not entry.status and entry.kind in PLAN_KINDS:
        raise NotApproved(
            f"{source} 的构建记录中没有预案状态，无法确认它已批准，不签名。",
            f"the build record of {source} has no plan status: it cannot be shown to be approved; not signed",
            *REBUILD, path=source)
    if not entry.status and entry.kind in ISSUED_KINDS:
        return entry  # a case report or period report: the office's own document, signed as issued
    if not entry.status:
        raise NotApproved(
            f"{source} 不签名（{KIND_LABELS.get(entry.kind, entry.kind)}）：只为已批准预案的正式文本、"
            "应急处置卡、应急响应卡和修订对照表，以及案例处置报告、统计报告签名。",
            f"{source} is not signed ({entry.kind}): only the text of an approved plan, its response cards, "
            "its level cards and its change tables, case reports and period reports are signed", path=source)
    if entry.status != APPROVED:
        try:
            label = Status(entry.status).label
        except ValueError:
            label = entry.status
        from ..pdf.record import watermark
        kind = KIND_LABELS.get(entry.kind, entry.kind)
        mark = watermark(entry.kind, entry.status)
        carries = f"，带“{mark}”水印" if mark else ""
        carries_en = f" and carries the watermark {mark}" if mark else ""
        if entry.kind == "changes":
            raise NotApproved(
                f"{source} 是修订草案的{kind}（修订后的一方未批准，不是已批准的版本）{carries}，不能签名。",
                f"{source} is the change table of a draft revision (its newer side is not an approved version)"
                f"{carries_en}: it cannot be signed",
                "修订草案批准（status 改为 approved 并提交）后重新生成，再签署新旧两个已批准版本之间的对照表。",
                "Once the revision is approved (status: approved, committed), build again and sign the table "
                "between the two approved versions.", path=source)
        if entry.status == Status.superseded.value:
            raise NotApproved(
                f"{source} 是已废止的预案的{kind}（构建时的状态：{label}）{carries}，不能签名。",
                f"{source} belongs to a superseded plan (status when built: {entry.status}){carries_en}: it "
                "cannot be signed", "请签署接替它的现行预案。", "Sign the plan that replaced it.", path=source)
        raise NotApproved(
            f"{source} 是未批准的预案的{kind}（构建时的状态：{label}）{carries}，不能签名。",
            f"{source} belongs to a plan that is not approved (status when built: {entry.status}){carries_en}: it "
            "cannot be signed", "请在预案中把 status 改为 approved 并重新生成后再签名。",
            "Set the plan's status to approved, build again, then sign.", path=source)
    return entry


def _build_props(attestation: Attestation):
    """The signature's build properties (/Prop_Build /App): Planbook, and the record's word on the document
    (/Planbook), inside the signed bytes."""
    from pyhanko.pdf_utils.generic import DictionaryObject, NameObject, pdf_string
    from pyhanko.sign.signers.pdf_byterange import BuildProps

    from .. import __version__

    class PlanbookBuild(BuildProps):
        def as_pdf_object(self) -> DictionaryObject:
            props = super().as_pdf_object()
            props[NameObject(ATTESTATION_KEY)] = DictionaryObject(
                {NameObject("/" + f.name.capitalize()): pdf_string(getattr(attestation, f.name))
                 for f in dataclasses.fields(Attestation)})
            return props

    return PlanbookBuild(name="Planbook", revision=__version__)


def read_attestation(sig_object) -> Attestation | None:
    """The Attestation in a signature dictionary (``_build_props``); None when there is none."""
    try:
        props = sig_object["/Prop_Build"].get_object()["/App"].get_object()[ATTESTATION_KEY].get_object()
        return Attestation(**{f.name: str(props["/" + f.name.capitalize()]) for f in dataclasses.fields(Attestation)})
    except (KeyError, TypeError, AttributeError):
        return None
