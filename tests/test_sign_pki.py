"""Test certificates made with cryptography: a root CA, a signer certificate under it, PKCS#12 with a passphrase."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def _name(cn: str, org: str = "青石镇人民政府") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_pki(folder: Path, passphrase: bytes, prefix: str = "", cn: str = "青石镇人民政府",
             org: str = "青石镇人民政府", *, eku: list | None = None, usage: dict | None = None,
             days: tuple[int, int] = (-1, 365)) -> dict[str, Path]:
    """root.pem, signer.p12 (key + cert + root) in ``folder``; returns their paths.  ``org``: the signer's
    organisation, ``eku``: its extended key usages (x509 OIDs; none by default), ``usage``: key usage flags to
    change, ``days``: its validity from and to, in days from now (an expired signer: (-30, -1))."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name(f"{prefix}测试根证书")
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(root_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now + dt.timedelta(days=days[0])).not_valid_after(now + dt.timedelta(days=days[1]))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**{**dict(digital_signature=True, content_commitment=True,
                                                   key_encipherment=False, data_encipherment=False,
                                                   key_agreement=False, key_cert_sign=False, crl_sign=False,
                                                   encipher_only=False, decipher_only=False), **(usage or {})}),
                           critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False))
    if eku:
        cert = cert.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    cert = cert.sign(root_key, hashes.SHA256())
    p12 = pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, [root], serialization.BestAvailableEncryption(passphrase))
    paths = {"root": folder / f"{prefix}root.pem", "p12": folder / f"{prefix}signer.p12"}
    paths["root"].write_bytes(root.public_bytes(serialization.Encoding.PEM))
    paths["p12"].write_bytes(p12)
    return paths
