"""``planbook cert …``: the certificates an office needs to sign (generator/sign/cert.py).

``root`` makes the office's own root, ``signing`` a signing certificate under it (a .p12 for ``planbook
sign``), ``request`` a key and a certificate request for an official CA, ``p12`` puts the CA's answer and
the key together.  Passphrases come from the environment or a prompt, never from the command line; private
keys are never written inside the repository (they would be committed).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import UsageProblem, main
from .build import PASSPHRASE_ENV

ROOT_PASSPHRASE_ENV = "PLANBOOK_ROOT_PASSPHRASE"


def _passphrase(env: str, what: str, confirm: bool) -> bytes:
    secret = os.environ.get(env)
    if secret is None:
        if not sys.stdin.isatty():
            raise UsageProblem(f"请在环境变量 {env} 中提供{what}口令（非交互运行时不能提示输入）。",
                               f"give the {what} passphrase in the environment variable {env} (no terminal: no prompt)")
        secret = click.prompt(f"{what}口令", hide_input=True, confirmation_prompt=confirm)
    return secret.encode("utf-8")


def _repo_root() -> Path | None:
    from ..load.repo import NotARepository, find_root
    try:
        root = find_root(os.getcwd())
    except NotARepository:
        return None
    return Path(root).resolve() if root else None


def _office(office: str | None) -> str:
    if office:
        return office
    root = _repo_root()
    if root is not None:
        from .build import read_config
        name = read_config(str(root)).office.name
        if name:
            return name
    raise UsageProblem("请用 --office 写明单位全称（如 堃珺镇人民政府）。", "name the office with --office")


def _outside_repo(*paths: Path) -> None:
    root = _repo_root()
    for p in paths:
        full = p.resolve()
        if root is not None and (full == root or root in full.parents):
            raise UsageProblem(f"私钥文件不能写在库中：{p}（会被提交到 git）。",
                               f"a private key must not be written inside the repository: {p} (git would keep it)",
                               "请写到库外只有负责签名的人能读的目录，如 ~/planbook-certs/。",
                               "Write it outside the repository, to a folder only the signers can read.")


@main.group()
def cert() -> None:
    """单位的签名证书：自建根证书和签名证书（内部使用），或向正式 CA 申请。见 docs/output.md。"""


@cert.command("root")
@click.option("--office", default=None, help="单位全称（默认 planbook.yml 的 office.name）。")
@click.option("--unit", default="", help="部门，如 党政办公室。")
@click.option("-o", "--output", type=click.Path(file_okay=False), required=True,
              help="写到这个目录（库外）：root.pem（根证书，可公开）和 root-key.pem（根证书私钥，口令保护）。")
@click.option("--years", type=click.IntRange(1, 30), default=10, show_default=True, help="有效年数。")
def root_cmd(office: str | None, unit: str, output: str, years: int) -> None:
    """新建单位的根证书：读者信任它，就信任单位签发的签名证书。

    \b
    私钥的口令取自环境变量 PLANBOOK_ROOT_PASSPHRASE 或提示输入。根证书私钥只在签发签名证书时用，请离线保存。
    """
    from ..sign.cert import Subject, make_root
    out = Path(output)
    _outside_repo(out / "root-key.pem")
    secret = _passphrase(ROOT_PASSPHRASE_ENV, "根证书私钥", confirm=True)
    make_root(Subject(_office(office), unit=unit), out / "root.pem", out / "root-key.pem", secret, years)
    click.echo(f"已生成 (made): {out / 'root.pem'}（根证书，发给读者、复制到库中的 certs/ 并写入 signing.trust）")
    click.echo(f"已生成 (made): {out / 'root-key.pem'}（根证书私钥：离线保存，不要放进库中）")


@cert.command("signing")
@click.option("--name", default="", help="签名人：单位（默认）或经办人姓名，如 王喆。")
@click.option("--office", default=None, help="单位全称（默认 planbook.yml 的 office.name）。")
@click.option("--unit", default="", help="部门，如 党政办公室。")
@click.option("--root", "root_cert", type=click.Path(dir_okay=False, exists=True), required=True, help="根证书 root.pem。")
@click.option("--root-key", type=click.Path(dir_okay=False, exists=True), required=True, help="根证书私钥 root-key.pem。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="写出的 PKCS#12 文件（.p12，库外）。")
@click.option("--years", type=click.IntRange(1, 10), default=2, show_default=True, help="有效年数（不超过根证书）。")
def signing_cmd(name: str, office: str | None, unit: str, root_cert: str, root_key: str, output: str,
                years: int) -> None:
    """用单位根证书签发签名证书，写成 planbook sign 用的 .p12 文件。

    \b
    根证书私钥的口令取自 PLANBOOK_ROOT_PASSPHRASE，新 .p12 的口令取自 PLANBOOK_SIGN_PASSPHRASE（或提示输入）。
    """
    from ..sign.cert import Subject, make_signing
    out = Path(output)
    _outside_repo(out)
    root_secret = _passphrase(ROOT_PASSPHRASE_ENV, "根证书私钥", confirm=False)
    secret = _passphrase(PASSPHRASE_ENV, "签名证书", confirm=True)
    make_signing(Subject(_office(office), name=name, unit=unit), Path(root_cert), Path(root_key), root_secret, out,
                 secret, years)
    click.echo(f"已生成 (made): {out}（签名证书和私钥；planbook sign --certificate {out}，口令另行保管）")


@cert.command("request")
@click.option("--name", default="", help="签名人：单位（默认）或经办人姓名。")
@click.option("--office", default=None, help="单位全称（默认 planbook.yml 的 office.name）。")
@click.option("--unit", default="", help="部门。")
@click.option("-o", "--output", type=click.Path(file_okay=False), required=True,
              help="写到这个目录（库外）：request.csr（交给 CA）和 request-key.pem（私钥，口令保护）。")
def request_cmd(name: str, office: str | None, unit: str, output: str) -> None:
    """生成私钥和证书申请（PKCS#10 .csr），交给正式的电子认证服务机构（CA）签发签名证书。"""
    from ..sign.cert import Subject, make_request
    out = Path(output)
    _outside_repo(out / "request-key.pem")
    secret = _passphrase(PASSPHRASE_ENV, "私钥", confirm=True)
    make_request(Subject(_office(office), name=name, unit=unit), out / "request.csr", out / "request-key.pem", secret)
    click.echo(f"已生成 (made): {out / 'request.csr'}（交给 CA）")
    click.echo(f"已生成 (made): {out / 'request-key.pem'}（私钥：留在本机，不要交出）")


@cert.command("p12")
@click.argument("certificate", type=click.Path(dir_okay=False, exists=True))
@click.argument("key", type=click.Path(dir_okay=False, exists=True))
@click.option("--chain", multiple=True, type=click.Path(dir_okay=False, exists=True), help="CA 的中间证书和根证书（PEM），可写多次。")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="写出的 PKCS#12 文件（.p12，库外）。")
def p12_cmd(certificate: str, key: str, chain: tuple[str, ...], output: str) -> None:
    """把 CA 签发的证书（PEM）和 request 生成的私钥合成 planbook sign 用的 .p12 文件（口令与私钥相同）。"""
    from ..sign.cert import make_p12
    out = Path(output)
    _outside_repo(out)
    secret = _passphrase(PASSPHRASE_ENV, "私钥", confirm=False)
    make_p12(Path(certificate), Path(key), secret, out, tuple(Path(c) for c in chain))
    click.echo(f"已生成 (made): {out}")
