"""Certificates an office needs to sign its documents (``planbook cert``), made with cryptography:

- ``make_root``: the office's own root (a CA certificate, key usage keyCertSign + cRLSign, 10 years), its key
  in a file encrypted with a passphrase; readers trust the office's documents by trusting this root;
- ``make_signing``: a signing certificate under that root (digitalSignature + nonRepudiation, not a CA,
  2 years), with its key and the root in one PKCS#12 file (.p12), which ``planbook sign`` reads;
- ``make_request``: a key (PKCS#8, encrypted) and a certificate request (PKCS#10 .csr) to send to an
  official CA; its answer and the key go together into a .p12 with ``make_p12``.

Files are written whole or not at all and never overwrite an existing file.  Names may hold any character
(王喆, 堃珺镇人民政府): they are UTF-8 strings in the certificates.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import CertificateError

ROOT_YEARS = 10
SIGNING_YEARS = 2


@dataclass(frozen=True)
class Subject:
    office: str  # O: 堃珺镇人民政府
    name: str = ""  # CN: a person (王喆) or the office itself; empty: the office
    unit: str = ""  # OU: 党政办公室
    country: str = "CN"

    def x509(self, common_name: str | None = None):
        from cryptography import x509
        from cryptography.x509.oid import NameOID
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, self.country),
                 x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.office)]
        if self.unit:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, self.unit))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name or self.name or self.office))
        return x509.Name(attrs)


def _check_free(*paths: Path) -> None:
    for p in paths:
        if p.exists():
            raise CertificateError(f"{p} 已存在；Planbook 不覆盖证书和私钥文件。",
                                   f"{p} exists; Planbook never overwrites certificate and key files",
                                   "请换一个文件名或目录，或先把旧文件移走（旧私钥请妥善保存或销毁）。",
                                   "Choose another name or folder, or move the old file away first.", path=p)


def _write(path: Path, data: bytes, private: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _key():
    from cryptography.hazmat.primitives.asymmetric import rsa
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def _key_usage(**on):
    from cryptography import x509
    names = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
             "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{n: on.get(n, False) for n in names})


def _need(passphrase: bytes) -> None:
    if not passphrase:
        raise CertificateError("私钥必须用口令保护，口令不能为空。", "a private key must be protected by a passphrase",
                               "请设置口令（环境变量或提示输入）。", "Give a passphrase (environment or prompt).")


def _encrypted(key, passphrase: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    _need(passphrase)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(passphrase))


def make_root(subject: Subject, cert_path: Path, key_path: Path, passphrase: bytes,
              years: int = ROOT_YEARS) -> Path:
    """The office's root certificate (PEM) and its encrypted key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    _check_free(cert_path, key_path)
    now = dt.datetime.now(dt.UTC)
    key = _key()
    name = subject.x509(f"{subject.office}根证书")
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    _write(key_path, _encrypted(key, passphrase), private=True)
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return cert_path


def _load_root(cert_path: Path, key_path: Path, passphrase: bytes):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    try:
        root = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
    except (OSError, ValueError) as e:
        raise CertificateError(f"读不出根证书 {cert_path}：{e}。", f"cannot read the root certificate {cert_path}: {e}",
                               path=cert_path) from None
    try:
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), passphrase or None)
    except (TypeError, ValueError):
        raise CertificateError(f"根证书私钥 {key_path} 打不开：口令不对，或不是 PEM 私钥。",
                               f"the root key {key_path} does not open: wrong passphrase, or not a PEM key",
                               "请核对根证书私钥的口令（PLANBOOK_ROOT_PASSPHRASE）。",
                               "Check the root key's passphrase (PLANBOOK_ROOT_PASSPHRASE).", path=key_path) from None
    except OSError as e:
        raise CertificateError(f"读不出根证书私钥 {key_path}：{e.strerror or e}。",
                               f"cannot read the root key {key_path}: {e.strerror or e}", path=key_path) from None
    if root.public_key().public_numbers() != key.public_key().public_numbers():
        raise CertificateError(f"私钥 {key_path} 不是根证书 {cert_path} 的私钥。",
                               f"{key_path} is not the key of the root certificate {cert_path}", path=key_path)
    return root, key


def make_signing(subject: Subject, root_cert: Path, root_key: Path, root_passphrase: bytes, p12_path: Path,
                 passphrase: bytes, years: int = SIGNING_YEARS) -> Path:
    """A signing certificate under the office's root, with its key and the root, as one PKCS#12 file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    _check_free(p12_path)
    _need(passphrase)
    root, ca_key = _load_root(root_cert, root_key, root_passphrase)
    now = dt.datetime.now(dt.UTC)
    key = _key()
    not_after = min(now + dt.timedelta(days=365 * years), root.not_valid_after_utc)
    cert = (x509.CertificateBuilder().subject_name(subject.x509()).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates((subject.name or subject.office).encode("utf-8"), key, cert, [root],
                                                 serialization.BestAvailableEncryption(passphrase))
    _write(p12_path, data, private=True)
    return p12_path


def make_request(subject: Subject, csr_path: Path, key_path: Path, passphrase: bytes) -> Path:
    """A key and a certificate request (PKCS#10) asking for a signing certificate from an official CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    _check_free(csr_path, key_path)
    key = _key()
    csr = (x509.CertificateSigningRequestBuilder().subject_name(subject.x509())
           .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
           .sign(key, hashes.SHA256()))
    _write(key_path, _encrypted(key, passphrase), private=True)
    _write(csr_path, csr.public_bytes(serialization.Encoding.PEM))
    return csr_path


def make_p12(cert_path: Path, key_path: Path, passphrase: bytes, p12_path: Path, chain: tuple[Path, ...] = ()) -> Path:
    """The CA's answer (a PEM certificate) and the request's key, with the CA's chain, as one PKCS#12 file."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    _check_free(p12_path)
    _need(passphrase)
    try:
        certs = x509.load_pem_x509_certificates(Path(cert_path).read_bytes())
        others = [c for p in chain for c in x509.load_pem_x509_certificates(Path(p).read_bytes())]
    except (OSError, ValueError) as e:
        raise CertificateError(f"读不出证书：{e}。", f"cannot read the certificate: {e}", path=cert_path) from None
    try:
        key = serialization.load_pem_private_key(Path(key_path).read_bytes(), passphrase or None)
    except (TypeError, ValueError, OSError):
        raise CertificateError(f"私钥 {key_path} 打不开：口令不对，或不是 PEM 私钥。",
                               f"the key {key_path} does not open: wrong passphrase, or not a PEM key",
                               path=key_path) from None
    cert = next((c for c in certs if c.public_key().public_numbers() == key.public_key().public_numbers()), None)
    if cert is None:
        raise CertificateError(f"{cert_path} 中没有与私钥 {key_path} 配对的证书。",
                               f"no certificate in {cert_path} matches the key {key_path}", path=cert_path)
    rest = [c for c in certs if c is not cert] + others
    data = pkcs12.serialize_key_and_certificates(b"signer", key, cert, rest or None,
                                                 serialization.BestAvailableEncryption(passphrase))
    _write(p12_path, data, private=True)
    return p12_path
