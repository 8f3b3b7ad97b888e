"""Options and steps shared by several verbs."""
from __future__ import annotations

import os

import click

from . import UsageProblem

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default=lambda: os.environ.get("PLANBOOK_LANG", "zh"),
    show_default="zh，或环境变量 PLANBOOK_LANG", help="消息语言 (language of messages)。")


def find_root_here() -> str:
    from ..load.repo import NotARepository, find_root
    try:
        return find_root(os.getcwd())
    except NotARepository:
        raise UsageProblem("这里不是 Planbook 库：当前目录及其上级都没有 planbook.yml。"
                           "可用 planbook init 新建，或用 -C 指定库目录。"
                           " (not a Planbook repository: no planbook.yml here or above)") from None


def load_here():
    """(root, Loaded) for the repository around the current directory."""
    from ..load.repo import load_repository
    root = find_root_here()
    return root, load_repository(root)
