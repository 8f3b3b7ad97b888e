"""Signing and verifying with real certificates (made here with cryptography), real pyHanko and poppler's pdfsig."""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from test_pdf_kit import ROOT, load_examples, subset_jobs
from test_sign_pki import make_pki

PASS = b"Pass-word 123"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """An approved plan (the school's: short) and a draft, rendered once, with the build's record (the
    examples' repository, outside which these tests sign)."""
    from generator.pdf import origin_of, render_jobs
    repo = load_examples()
    jobs, fonts = subset_jobs(repo)
    jobs = [j for j in jobs if j.relpath in ("plans/xiyuan-draft.pdf", "cases/2025-001.pdf")]
    from generator.load.history import GitInfo
    from generator.pdf.documents import build_info, plan_job
    from generator.views import Views
    git = GitInfo("f" * 40, False, False, {})
    build = build_info(git, None)
    jobs.append(plan_job(Views(repo), repo.plan_by_id["xiyuan-school"], fonts, build, ROOT / "site_templates"))
    out = tmp_path_factory.mktemp("signing")
    origin = origin_of(repo, git, jobs)  # the draft is the school's plan made a draft here: so says its record
    origin = dataclasses.replace(origin, documents={**origin.documents, "plans/xiyuan-draft.pdf": ("draft", "1.0")})
    render_jobs(jobs, out / "pdf", None, 0, None, fonts, origin=origin)
    return {"plan": out / "pdf" / "plans" / "xiyuan-school.pdf", "draft": out / "pdf" / "plans" / "xiyuan-draft.pdf",
            "case": out / "pdf" / "cases" / "2025-001.pdf", "dir": out}


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    d = tmp_path_factory.mktemp("pki")
    return {"good": make_pki(d, PASS), "other": make_pki(d, PASS, prefix="other-", cn="冒名单位")}


@pytest.fixture(scope="module")
def signed(pdfs, pki):
    out = pdfs["dir"] / "signed"
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(out), str(pdfs["plan"]),
                cwd=pdfs["dir"], env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode == 0, r.stderr
    assert "已签名" in r.stdout and "青石镇人民政府" in r.stdout
    return out / "xiyuan-school.pdf"


def pdfsig(path: Path) -> str:
    r = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return r.stdout + r.stderr


def test_signature_is_valid_for_pdfsig_and_verify(signed, pki, tmp_path):
    out = pdfsig(signed)
    assert "Signature is Valid" in out and "Total document signed" in out
    # pdfsig trusts the roots of an NSS database: none of ours in an empty one, ours once certutil adds it
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    other = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(signed)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in other and "Certificate issuer isn't Trusted" in other
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "office-root", "-t", "CT,C,C",
                    "-i", str(pki["good"]["root"])], check=True, capture_output=True)
    trusted = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(signed)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in trusted and "Certificate is Trusted" in trusted, trusted
    r = run_cli("verify", "--trust", str(pki["good"]["root"]), str(signed), cwd=signed.parent)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "通过" in r.stdout and "签名人 青石镇人民政府" in r.stdout and "可信 (trusted): 是" in r.stdout
    assert "(UTC+08:00)" in r.stdout, "signing time in the office's timezone (planbook.yml timezone)"


def test_visible_block_shows_signer_and_local_time(signed):
    import re
    text = subprocess.run(["pdftotext", str(signed), "-"], capture_output=True, text=True).stdout
    assert "电子签名：青石镇人民政府" in text
    assert re.search(r"时间：20\d\d-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+08:00\)", text), text[-400:]


def test_visible_block_sits_under_the_seal_position(signed):
    import pymupdf
    doc = pymupdf.open(signed)
    widgets = [(p.number, w) for p in doc for w in p.widgets() if w.field_type == pymupdf.PDF_WIDGET_TYPE_SIGNATURE]
    assert len(widgets) == 1
    number, widget = widgets[0]
    page = doc[number]
    date = [b for b in page.get_text("blocks") if "西园小学" in b[4]]
    assert date, "the signature block is on the page of the issuer name and date"
    assert widget.rect.width > 100 and widget.rect.y0 >= date[-1][1]


def test_tampered_copy_is_caught(signed, pki, tmp_path):
    data = bytearray(signed.read_bytes())
    i = len(data) // 3
    data[i] = (data[i] + 1) % 256
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    assert "Digest Mismatch" in pdfsig(bad) or "Signature is Invalid" in pdfsig(bad)
    r = run_cli("verify", "--trust", str(pki["good"]["root"]), str(bad), cwd=tmp_path)
    assert r.returncode == 1
    assert "未通过" in r.stdout and "签名后被改动" in r.stdout


def test_content_appended_after_signing_is_caught(signed, pki, tmp_path):
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    out = tmp_path / "appended.pdf"
    with signed.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        info = w.trailer["/Info"]
        info[NameObject("/Title")] = TextStringObject("改过的标题")
        w.update_container(info)
        with out.open("wb") as o:
            w.write(o)
    r = run_cli("verify", "--trust", str(pki["good"]["root"]), str(out), cwd=tmp_path)
    assert r.returncode == 1, r.stdout
    assert "签名之后文件又被追加或改动" in r.stdout


def test_untrusted_signer_is_refused(pdfs, pki, tmp_path):
    r = run_cli("sign", "--certificate", str(pki["other"]["p12"]), "-o", str(tmp_path), str(pdfs["plan"]),
                cwd=tmp_path, env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode == 0, r.stderr
    r = run_cli("verify", "--trust", str(pki["good"]["root"]), str(tmp_path / "xiyuan-school.pdf"), cwd=tmp_path)
    assert r.returncode == 1
    assert "不受信任" in r.stdout and "冒名单位" in r.stdout
    r = run_cli("verify", str(tmp_path / "xiyuan-school.pdf"), cwd=tmp_path)
    assert r.returncode == 1 and "--trust" in r.stdout


def test_wrong_passphrase_is_a_clear_message(pdfs, pki, tmp_path):
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path), str(pdfs["plan"]),
                cwd=tmp_path, env={"PLANBOOK_SIGN_PASSPHRASE": "wrong"})
    assert r.returncode == 2
    assert "证书口令不对" in r.stderr and "Traceback" not in r.stderr and "内部错误" not in r.stderr
    assert not (tmp_path / "xiyuan-school.pdf").exists()


def test_not_a_certificate_and_not_a_pdf(pdfs, tmp_path):
    from generator.sign import CertificateError, load_credentials
    junk = tmp_path / "junk.p12"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(CertificateError, match="不是 PKCS#12"):
        load_credentials(junk, b"x")
    r = run_cli("verify", str(junk), cwd=tmp_path)
    assert r.returncode == 1 and "不是 PDF" in r.stdout


def test_draft_is_never_signed(pdfs, pki, tmp_path):
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path), str(pdfs["draft"]),
                cwd=tmp_path, env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode == 1
    assert "未批准" in r.stderr and "草稿" in r.stderr
    assert not (tmp_path / "xiyuan-draft.pdf").exists()


def test_signing_twice_is_refused(signed, pki, tmp_path):
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path), str(signed),
                cwd=tmp_path, env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode == 1 and "已经有签名" in r.stderr


def test_sign_refuses_two_files_that_would_overwrite_each_other(pdfs, pki, tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.pdf").write_bytes(pdfs["plan"].read_bytes())
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path / "out"),
                str(tmp_path / "a" / "x.pdf"), str(tmp_path / "b" / "x.pdf"), cwd=tmp_path,
                env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})
    assert r.returncode == 2 and "x.pdf" in r.stderr and not (tmp_path / "out").exists(), r.stderr


def _tsa(folder: Path):
    """An RFC 3161 time-stamp server on 127.0.0.1 over real HTTP (pyHanko's DummyTimeStamper answers), with
    its own root: returns (url, root.pem, server)."""
    import datetime as dt
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from asn1crypto import keys, tsp
    from asn1crypto import x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    now = dt.datetime.now(dt.UTC)
    name = lambda cn: x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])  # noqa: E731
    root_key, key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    root = (x509.CertificateBuilder().subject_name(name("测试时间戳根证书")).issuer_name(name("测试时间戳根证书"))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(root_key, hashes.SHA256()))
    cert = (x509.CertificateBuilder().subject_name(name("测试时间戳服务")).issuer_name(root.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(root_key, hashes.SHA256()))
    der = serialization.Encoding.DER
    stamper = DummyTimeStamper(
        ax509.Certificate.load(cert.public_bytes(der)),
        keys.PrivateKeyInfo.load(key.private_bytes(der, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption())),
        certs_to_embed=[ax509.Certificate.load(root.public_bytes(der))])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(req).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pem = folder / "tsa-root.pem"
    pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return f"http://127.0.0.1:{server.server_port}/tsa", pem, server


def test_a_configured_timestamp_server_stamps_the_signature(pki, tmp_path):
    """signing.timestamp_url in planbook.yml: sign asks that server over HTTP; verify sees the time-stamp.
    A server that does not answer stops signing with a message that names it."""
    from conftest import MINIMAL
    url, tsa_root, server = _tsa(tmp_path)
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    config = repo / "planbook.yml"
    base = config.read_text("utf-8")
    env = {"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()}
    # inside a repository, what its own build wrote is signed (the examples' plan of `pdfs` is another's)
    b = run_cli("build", "--no-site", "--today", "2026-01-01", cwd=repo)
    assert b.returncode == 0, b.stdout + b.stderr
    plan = repo / "output" / "pdf" / "plans" / "demo.pdf"
    try:
        config.write_text(base + f"signing:\n  timestamp_url: {url}\n", "utf-8")
        r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path / "stamped"),
                    str(plan), cwd=repo, env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "含时间戳" in r.stdout
        signed = tmp_path / "stamped" / "demo.pdf"
        v = run_cli("verify", "--trust", str(pki["good"]["root"]), "--trust", str(tsa_root), str(signed), cwd=repo)
        assert v.returncode == 0 and "含时间戳" in v.stdout, v.stdout + v.stderr
        assert "Signature is Valid" in pdfsig(signed)
    finally:
        server.shutdown()
        server.server_close()
    config.write_text(base + f"signing:\n  timestamp_url: {url}\n", "utf-8")  # the server is gone now
    r = run_cli("sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path / "nostamp"),
                str(plan), cwd=repo, env=env)
    assert r.returncode != 0 and "时间戳服务器" in r.stderr and url in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "nostamp" / "demo.pdf").exists()


# --- what may be signed: the build's record, not the PDF's own metadata --------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The minimal repository in git, built with its plan approved (into output/) and as a draft (uncommitted,
    into draft-out/: the plan, its cards and the change table of the draft revision)."""
    from conftest import MINIMAL, git
    repo = tmp_path_factory.mktemp("built") / "repo"
    shutil.copytree(MINIMAL, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "批准 1.0")
    r = run_cli("build", "--no-site", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    plan = repo / "plans" / "demo" / "plan.yml"
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("status: approved", "status: draft", 1), "utf-8")
    draft = repo.parent / "draft-out"
    r = run_cli("build", "--no-site", "-o", str(draft), "--today", "2026-01-01", cwd=repo)
    plan.write_text(text, "utf-8")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (draft / "pdf" / "changes" / "demo" / "draft.pdf").is_file()
    return {"repo": repo, "pdf": repo / "output" / "pdf", "draft": draft / "pdf", "commit": git(repo, "rev-parse", "HEAD")}


def _sign(pki, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("sign", "--certificate", str(pki["good"]["p12"]), *args, cwd=cwd,
                   env={"PLANBOOK_SIGN_PASSPHRASE": PASS.decode()})


def _info_status(path: Path) -> str:
    import pymupdf
    with pymupdf.open(path) as doc:
        return doc.xref_get_key(int(doc.xref_get_key(-1, "Info")[1].split()[0]), "planbookstatus")[1]


def test_a_draft_whose_pdf_was_edited_to_say_approved_is_not_signed(built, pki, tmp_path):
    """The PDF's Info says what anyone wrote into it; the build's record says what the plan was."""
    import pymupdf
    pdf = tmp_path / "pdf"
    shutil.copytree(built["draft"], pdf)  # the record goes with it: still this repository's build
    forged = pdf / "plans" / "demo.pdf"
    assert _info_status(forged) == "draft"
    with pymupdf.open(forged) as doc:
        info = int(doc.xref_get_key(-1, "Info")[1].split()[0])
        doc.xref_set_key(info, "planbookstatus", "(approved)")
        doc.saveIncr()
    assert _info_status(forged) == "approved"
    before = forged.read_bytes()
    for args in (("-o", str(tmp_path / "signed"), str(forged)), (str(forged),)):
        r = _sign(pki, built["repo"], *args)
        assert r.returncode == 1, r.stdout + r.stderr
        assert "与构建记录不符" in r.stderr and "planbook build --sign" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "signed").exists() and forged.read_bytes() == before
    # unedited, the draft's documents are refused by what the record says of them
    for rel, mark in (("plans/demo.pdf", "“草稿”"), ("cards/demo.pdf", "“草稿”"), ("changes/demo/draft.pdf", "“修订草案”")):
        r = _sign(pki, built["repo"], "-o", str(tmp_path / "signed"), str(built["draft"] / rel))
        assert r.returncode == 1 and "未批准" in r.stderr and f"带{mark}水印" in r.stderr, rel + r.stderr
    assert not (tmp_path / "signed").exists()


def test_a_pdf_that_does_not_match_the_build_record_is_not_signed(built, pki, tmp_path):
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    approved = built["pdf"] / "plans" / "demo.pdf"
    assert _info_status(approved) == "approved"
    # an approved plan's PDF changed after the build (its Info still says approved)
    changed = tmp_path / "changed" / "demo.pdf"
    changed.parent.mkdir()
    with approved.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        info = w.trailer["/Info"]
        info[NameObject("/Title")] = TextStringObject("改过的标题")
        w.update_container(info)
        with changed.open("wb") as o:
            w.write(o)
    r = _sign(pki, built["repo"], "-o", str(tmp_path / "out"), str(changed))
    assert r.returncode == 1 and "与构建记录不符" in r.stderr and "planbook build" in r.stderr, r.stderr
    # the same file outside any build's folder and outside a repository: no record, no signature
    alone = tmp_path / "alone" / "demo.pdf"
    alone.parent.mkdir()
    shutil.copy(approved, alone)
    r = _sign(pki, tmp_path, "-o", str(tmp_path / "out"), str(alone))
    assert r.returncode == 1 and "没有构建记录" in r.stderr and "planbook build --sign" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()
    # another repository's build is not this repository's
    other = tmp_path / "other"
    shutil.copytree(built["pdf"], other / "pdf")
    r = _sign(pki, tmp_path, "-o", str(tmp_path / "out"), str(other / "pdf" / "plans" / "demo.pdf"))
    assert r.returncode == 0, r.stderr  # outside a repository: the record beside the file decides
    repo2 = tmp_path / "repo2"
    shutil.copytree(built["repo"], repo2, ignore=shutil.ignore_patterns("output"))
    r = _sign(pki, repo2, "-o", str(tmp_path / "out2"), str(other / "pdf" / "plans" / "demo.pdf"))
    assert r.returncode == 1 and "另一个库" in r.stderr, r.stderr
    # inside the repository, an unchanged copy anywhere is known by its bytes (the record of output/pdf)
    r = _sign(pki, built["repo"], "-o", str(tmp_path / "out3"), str(alone))
    assert r.returncode == 0, r.stderr


def test_verify_shows_the_status_that_was_signed_and_it_is_covered_by_the_signature(built, pki, tmp_path):
    import json
    pdf = tmp_path / "pdf"
    shutil.copytree(built["pdf"], pdf)
    r = _sign(pki, built["repo"], str(pdf / "plans" / "demo.pdf"))  # in place: the record notes it
    assert r.returncode == 0, r.stderr
    signed = pdf / "plans" / "demo.pdf"
    entries = {e["relpath"]: e for e in json.loads((pdf / ".inputs.json").read_text("utf-8"))["files"]}
    import hashlib
    assert entries["plans/demo.pdf"]["signed"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert entries["cards/demo.pdf"]["signed"] == ""
    v = run_cli("verify", "--trust", str(pki["good"]["root"]), str(signed), cwd=built["repo"])
    assert v.returncode == 0, v.stdout + v.stderr
    assert (f"签名时的状态 (signed as): 已批准 (approved)；预案正式文本 demo，版本 1.0，构建自提交 {built['commit']}"
            in v.stdout), v.stdout
    assert "Signature is Valid" in pdfsig(signed)
    # the status sits in the signature dictionary, inside the signed bytes: changed there, the signature breaks
    data = signed.read_bytes()
    at = data.index(b"/Prop_Build")
    i = data.index(b"approved", at)
    assert i - at < 600
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(data[:i] + b"abolishd" + data[i + 8:])
    v = run_cli("verify", "--trust", str(pki["good"]["root"]), str(tampered), cwd=tmp_path)
    assert v.returncode == 1 and "签名后被改动" in v.stdout and "签名时的状态" not in v.stdout, v.stdout


def test_sign_and_build_sign_read_planbook_yml_not_every_plan_and_case(pki, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from conftest import MINIMAL

    import generator.build
    import generator.load.repo as loader
    from generator.cli import main
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    r = run_cli("build", "--no-site", "--today", "2026-01-01", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    loads: list[str] = []
    real = loader.load_repository

    def counted(root):
        loads.append(root)
        return real(root)
    monkeypatch.setattr(loader, "load_repository", counted)
    monkeypatch.setattr(generator.build, "load_repository", counted)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PLANBOOK_SIGN_PASSPHRASE", PASS.decode())
    broken = repo / "plans" / "broken.yml"
    broken.write_text("id: [未闭合\n", "utf-8")  # written after the build: signing never reads it
    r = CliRunner().invoke(main, ["sign", "--certificate", str(pki["good"]["p12"]), "-o", str(tmp_path / "signed"),
                                  "output/pdf/plans/demo.pdf"])
    assert r.exit_code == 0, r.output
    assert loads == [] and "broken" not in r.output and (tmp_path / "signed" / "demo.pdf").is_file()
    broken.unlink()
    r = CliRunner().invoke(main, ["build", "--no-site", "--sign", "--certificate", str(pki["good"]["p12"]),
                                  "--today", "2026-01-01", "-j", "1"])
    assert r.exit_code == 0, r.output
    assert len(loads) == 1, "the build loads the repository once; asking it to sign loads nothing more"
    assert "Signature is Valid" in pdfsig(repo / "output" / "pdf" / "plans" / "demo.pdf")


def test_a_superseded_plan_is_refused_with_advice_that_fits_it(built, pki, tmp_path):
    """A superseded plan is not to be made approved again: the refusal points to the plan that replaced it."""
    import json
    pdf = tmp_path / "pdf"
    shutil.copytree(built["draft"], pdf)
    record = json.loads((pdf / ".inputs.json").read_text("utf-8"))
    for entry in record["files"]:
        if entry["relpath"] == "plans/demo.pdf":
            entry["status"] = "superseded"
    (pdf / ".inputs.json").write_text(json.dumps(record), "utf-8")
    r = _sign(pki, built["repo"], "-o", str(tmp_path / "signed"), str(pdf / "plans" / "demo.pdf"))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "已废止" in r.stderr and "接替它的现行预案" in r.stderr and "草稿" not in r.stderr, r.stderr
    assert "approved" not in r.stderr.split("提示：")[-1]
