"""Options and steps shared by several verbs."""
from __future__ import annotations

import os

import click

from . import LANG_ENV, LANGS, chosen_lang, keep_lang

lang_option = click.option(
    "--lang", type=click.Choice(LANGS), default=lambda: chosen_lang(), callback=keep_lang,
    show_default=f"planbook --lang，或环境变量 {LANG_ENV}，或 zh", help="消息语言 (language of messages)。")


def find_root_here() -> str:
    """The root of the repository around the current directory (NotARepository when there is none)."""
    from ..load.repo import find_root
    return find_root(os.getcwd())


def load_here():
    """(root, Loaded) for the repository around the current directory."""
    from ..load.repo import load_repository
    root = find_root_here()
    return root, load_repository(root)
