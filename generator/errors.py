"""The one root of Planbook's own errors.

A :class:`PlanbookError` is a problem a person can act on: a folder refused, a wrong passphrase, a missing
font.  Like a finding (see ``findings.py``) it carries its message and hint in Chinese and in English,
separately; the CLI boundary (``cli/__init__.py``) is the only place that turns one into text, in the
language of ``--lang`` / ``PLANBOOK_LANG``.  Library code raises these and never re-wraps them.

``str(e)`` is both languages, Chinese first ("中文。提示 (English. Hint)"), for logs and tests.
"""
from __future__ import annotations

from typing import Any


class PlanbookError(Exception):
    """An error whose message is written for people, in Chinese (``zh``) and English (``en``), with an
    optional hint (what to do) in each; ``path`` names the file or folder it concerns, when there is one."""

    #: the exit code of ``planbook`` when this error stops a command (2: usage, files, environment)
    exit_code = 2

    def __init__(self, zh: str, en: str = "", hint_zh: str = "", hint_en: str = "", *, path: Any = None):
        self.zh = zh
        self.en = en
        self.hint_zh = hint_zh
        self.hint_en = hint_en
        self.path = None if path is None else str(path)
        super().__init__(self._both())

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" or not self.en else self.en

    def hint(self, lang: str = "zh") -> str:
        return self.hint_zh if lang == "zh" or not self.hint_en else self.hint_en

    def _both(self) -> str:
        zh = _sentence(self.zh, self.hint_zh, "")
        en = _sentence(self.en, self.hint_en, " ")
        return f"{zh} ({en})" if en else zh

    def __str__(self) -> str:
        return self._both()

    def __reduce__(self):
        # pickled across the PDF worker processes: rebuilt from its fields, whatever a subclass's __init__ takes
        return _restore, (type(self), self.args, self.__dict__)


def _restore(cls: type[PlanbookError], args: tuple, state: dict) -> PlanbookError:
    e = cls.__new__(cls)
    e.args = args
    e.__dict__.update(state)
    return e


def _sentence(message: str, hint: str, space: str) -> str:
    """``message`` then ``hint``, with a full stop between when the message has none."""
    if not (message and hint):
        return message or hint
    stop = "" if message[-1] in "。！？：；.!?:;" else ("。" if not space else ".")
    return f"{message}{stop}{space}{hint}"
