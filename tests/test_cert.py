"""``planbook cert``: an office's root, a signing certificate under it, a certificate request; with names in
rare characters (王喆, 堃珺镇人民政府).  The certificates are read back with openssl and used for real: a period
report and a case report of a real build are signed and verified by ``planbook verify`` and poppler's pdfsig."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from test_pdf_kit import ROOT

ENV = {"PLANBOOK_ROOT_PASSPHRASE": "Root pass 1", "PLANBOOK_SIGN_PASSPHRASE": "Sign pass 2"}


def _openssl(*args: str) -> str:
    return subprocess.run(["openssl", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    d = tmp_path_factory.mktemp("certs")
    r = run_cli("cert", "root", "--office", "堃珺镇人民政府", "--unit", "党政办公室", "-o", str(d / "ca"), cwd=d, env=ENV)
    assert r.returncode == 0, r.stderr
    r = run_cli("cert", "signing", "--name", "王喆", "--office", "堃珺镇人民政府", "--root", str(d / "ca" / "root.pem"),
                "--root-key", str(d / "ca" / "root-key.pem"), "-o", str(d / "wz.p12"), cwd=d, env=ENV)
    assert r.returncode == 0, r.stderr
    return d


def test_the_root_is_a_ca_and_its_key_is_encrypted(certs):
    text = _openssl("x509", "-in", str(certs / "ca" / "root.pem"), "-noout", "-text", "-nameopt", "utf8")
    assert "CA:TRUE" in text and "Certificate Sign, CRL Sign" in text and "堃珺镇人民政府" in text
    key = (certs / "ca" / "root-key.pem").read_text()
    assert "ENCRYPTED PRIVATE KEY" in key
    assert oct((certs / "ca" / "root-key.pem").stat().st_mode & 0o777) == "0o600"


def test_the_signing_certificate_has_the_right_key_usage_under_the_root(certs):
    pem = certs / "signer.pem"
    subprocess.run(["openssl", "pkcs12", "-in", str(certs / "wz.p12"), "-clcerts", "-nokeys", "-out", str(pem),
                    "-passin", "pass:" + ENV["PLANBOOK_SIGN_PASSPHRASE"]], check=True, capture_output=True)
    text = _openssl("x509", "-in", str(pem), "-noout", "-text", "-nameopt", "utf8")
    assert "CN=王喆" in text.replace(" ", "") and "O=堃珺镇人民政府" in text.replace(" ", "")
    assert "Digital Signature, Non Repudiation" in text and "CA:FALSE" in text
    out = subprocess.run(["openssl", "verify", "-CAfile", str(certs / "ca" / "root.pem"), str(pem)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "OK" in out.stdout


def test_a_wrong_root_passphrase_and_an_existing_file_are_clear_messages(certs):
    r = run_cli("cert", "signing", "--name", "王喆", "--office", "堃珺镇人民政府", "--root", str(certs / "ca" / "root.pem"),
                "--root-key", str(certs / "ca" / "root-key.pem"), "-o", str(certs / "other.p12"), cwd=certs,
                env={**ENV, "PLANBOOK_ROOT_PASSPHRASE": "wrong"})
    assert r.returncode != 0 and "口令不对" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("cert", "root", "--office", "堃珺镇人民政府", "-o", str(certs / "ca"), cwd=certs, env=ENV)
    assert r.returncode != 0 and "已存在" in r.stderr
    assert not (certs / "other.p12").exists()


def test_a_request_for_an_official_ca_and_its_answer_make_a_p12(certs, tmp_path):
    r = run_cli("cert", "request", "--office", "堃珺镇人民政府", "-o", str(tmp_path / "req"), cwd=tmp_path, env=ENV)
    assert r.returncode == 0, r.stderr
    csr = tmp_path / "req" / "request.csr"
    assert "verify OK" in subprocess.run(["openssl", "req", "-in", str(csr), "-noout", "-verify"], capture_output=True,
                                         text=True).stderr + _openssl("req", "-in", str(csr), "-noout", "-verify")
    # the "CA" here is the office root made above, answering the request as an official CA would
    answer = tmp_path / "answer.pem"
    key = tmp_path / "ca-key.pem"
    subprocess.run(["openssl", "pkey", "-in", str(certs / "ca" / "root-key.pem"), "-out", str(key),
                    "-passin", "pass:" + ENV["PLANBOOK_ROOT_PASSPHRASE"]], check=True, capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(certs / "ca" / "root.pem"), "-CAkey", str(key),
                    "-days", "30", "-copy_extensions", "copy", "-out", str(answer)], check=True, capture_output=True)
    r = run_cli("cert", "p12", str(answer), str(tmp_path / "req" / "request-key.pem"), "--chain",
                str(certs / "ca" / "root.pem"), "-o", str(tmp_path / "office.p12"), cwd=tmp_path, env=ENV)
    assert r.returncode == 0, r.stderr
    from generator.sign import load_credentials
    creds = load_credentials(tmp_path / "office.p12", ENV["PLANBOOK_SIGN_PASSPHRASE"].encode())
    assert creds.subject == "堃珺镇人民政府"


def test_keys_are_never_written_inside_the_repository(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", repo)
    r = run_cli("cert", "root", "-o", str(repo / "certs"), cwd=repo, env=ENV)
    assert r.returncode != 0 and "不能写在库中" in r.stderr
    assert not (repo / "certs" / "root-key.pem").exists()


def test_reports_and_case_reports_are_signed_by_the_office_and_verified(certs, tmp_path):
    from test_pdf import _git_copy
    repo = _git_copy(tmp_path)
    out = tmp_path / "out"
    r = run_cli("build", "--no-site", "-o", str(out), "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stderr
    files = [out / "pdf" / "reports" / "2025.pdf", out / "pdf" / "cases" / "2025-001.pdf"]
    signed = tmp_path / "signed"
    r = run_cli("sign", "--certificate", str(certs / "wz.p12"), "-o", str(signed), *map(str, files), cwd=repo, env=ENV)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("已签名") == 2 and "王喆" in r.stdout
    v = run_cli("verify", "--trust", str(certs / "ca" / "root.pem"), *(str(signed / f.name) for f in files), cwd=repo)
    assert v.returncode == 0, v.stdout + v.stderr
    assert "本单位发出" in v.stdout and "统计报告" in v.stdout and "案例处置报告" in v.stdout
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "office-root", "-t", "CT,C,C", "-i",
                    str(certs / "ca" / "root.pem")], check=True, capture_output=True)
    for f in files:
        sig = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(signed / f.name)], capture_output=True, text=True,
                             env={**os.environ}).stdout
        assert "Signature is Valid" in sig and "Certificate is Trusted" in sig, sig
    # the training compendium (teaching material) is still not signed
    t = run_cli("sign", "--certificate", str(certs / "wz.p12"), "-o", str(signed),
                str(out / "pdf" / "training" / "compendium.pdf"), cwd=repo, env=ENV)
    assert t.returncode == 1 and "不签名" in t.stderr


def test_the_guide_explains_getting_storing_renewing_and_trusting(tmp_path):
    text = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    for words in ("planbook cert root", "planbook cert signing", "planbook cert request", "planbook cert p12",
                  "续期", "certutil", "signing.trust", "PLANBOOK_ROOT_PASSPHRASE"):
        assert words in text, words
    assert Path(ROOT / "tests" / "fixtures" / "minimal").is_dir()
