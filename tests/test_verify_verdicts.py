"""verify says what poppler's pdfsig says, with the real reason (issue 13 item 12): a signer certificate for
server authentication only, a key usage that does not allow signing, an expired signer, a flipped byte.  The
PDFs are signed with pyHanko directly (planbook sign refuses these certificates: that is tested too)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from cryptography.x509.oid import ExtendedKeyUsageOID
from test_sign_pki import make_pki

PASS = b"pw-13"
KINDS = {
    "good": {},
    "server-auth-only": {"eku": [ExtendedKeyUsageOID.SERVER_AUTH]},
    "key-encipherment-only": {"usage": {"digital_signature": False, "content_commitment": False,
                                        "key_encipherment": True}},
    "expired": {"days": (-30, -1)},
}


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """One small PDF (real WeasyPrint) signed with each kind of certificate; an NSS database trusting each
    root for pdfsig."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from generator.pdf import render_one
    d = tmp_path_factory.mktemp("verdicts")
    plain = d / "plain.pdf"
    render_one("<html><body><p>示范镇网络舆情应急预案</p></body></html>", str(ROOT / "site_templates" / "pdf"),
               str(plain))
    out = {}
    for kind, options in KINDS.items():
        pki = make_pki(d / kind, PASS, **options)
        signer = signers.SimpleSigner.load_pkcs12(str(pki["p12"]), passphrase=PASS)
        pdf = d / f"{kind}.pdf"
        with plain.open("rb") as fh, pdf.open("wb") as o:
            signers.sign_pdf(IncrementalPdfFileWriter(fh), signers.PdfSignatureMetadata(field_name="Sig"),
                             signer=signer, output=o)
        nss = d / kind / "nss"
        nss.mkdir()
        subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
        subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(pki["root"])],
                       check=True)
        out[kind] = {"pdf": pdf, "nss": nss, **pki}
    return out


def pdfsig(pdf: Path, nss: Path) -> str:
    return subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True).stdout


def verify(pdf: Path, root: Path) -> subprocess.CompletedProcess:
    return run_cli("verify", "--trust", str(root), str(pdf), cwd=pdf.parent)


def test_a_good_signer_passes_both(signed):
    s = signed["good"]
    assert "Certificate is Trusted" in pdfsig(s["pdf"], s["nss"])
    r = verify(s["pdf"], s["root"])
    assert r.returncode == 0 and "可信 (trusted): 是" in r.stdout, r.stdout


@pytest.mark.parametrize("kind,pdfsig_says,reason", [
    ("server-auth-only", "Unknown issue with Certificate", "扩展用途只有“服务器身份验证”"),
    ("key-encipherment-only", "Unknown issue with Certificate", "密钥用途（key usage: key_encipherment）不允许签名"),
    ("expired", "Certificate has Expired", "签名证书已于"),
])
def test_a_certificate_pdfsig_refuses_is_refused_for_its_reason(signed, kind, pdfsig_says, reason):
    s = signed[kind]
    said = pdfsig(s["pdf"], s["nss"])
    assert "Signature is Valid" in said and pdfsig_says in said, said
    r = verify(s["pdf"], s["root"])
    assert r.returncode == 1, r.stdout
    assert "签名有效 (valid): 是" in r.stdout and "可信 (trusted): 否" in r.stdout, r.stdout
    assert reason in r.stdout, r.stdout
    assert "不是由所给根证书签发的" not in r.stdout, r.stdout


def test_a_flipped_byte_is_no_valid_signature(signed, tmp_path):
    s = signed["good"]
    data = bytearray(s["pdf"].read_bytes())
    data[len(data) // 3] ^= 1
    bad = tmp_path / "flipped.pdf"
    bad.write_bytes(bytes(data))
    assert "Digest Mismatch" in pdfsig(bad, s["nss"])
    r = verify(bad, s["root"])
    assert r.returncode == 1
    assert "完整 (integrity): 否" in r.stdout and "签名有效 (valid): 否" in r.stdout, r.stdout
    assert "签名后被改动" in r.stdout and "不是由所给根证书签发的" not in r.stdout, r.stdout


@pytest.mark.parametrize("kind,reason", [("server-auth-only", "服务器身份验证"),
                                         ("key-encipherment-only", "不允许签名"), ("expired", "过期")])
def test_sign_refuses_a_certificate_that_cannot_sign(signed, kind, reason, tmp_path):
    s = signed[kind]
    r = run_cli("sign", "--certificate", str(s["p12"]), "-o", str(tmp_path), str(signed["good"]["pdf"].parent
                                                                                 / "plain.pdf"),
                cwd=tmp_path, env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode != 0 and reason in r.stderr, r.stdout + r.stderr
    assert not list(tmp_path.glob("*.pdf"))
