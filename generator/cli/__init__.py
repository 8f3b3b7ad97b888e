"""The ``planbook`` command.  One module per verb; each parses options and calls the library.

This is the only place that turns exceptions into messages: a :class:`~generator.errors.PlanbookError` is
shown as it is, in the language of ``--lang`` (or ``PLANBOOK_LANG``), an OSError as 读写文件失败, anything
else as 内部错误; a user sees a traceback only with ``--verbose``.  The verbs let the library's errors
through: they never catch one only to raise it again as another.
"""
from __future__ import annotations

import os
import re
import sys
import traceback

import click

from .. import __version__
from ..errors import PlanbookError

LANGS = ("zh", "en")
LANG_ENV = "PLANBOOK_LANG"


class UsageProblem(PlanbookError):
    """A problem with how planbook was called, found by the CLI itself (exit code 2).  Not a
    click.ClickException: that has a ``message`` attribute where a PlanbookError has ``message(lang)``, and
    every verb runs inside the boundary below anyway."""

    exit_code = 2


def keep_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Remember the chosen language where the boundary finds it (the context object all verbs share)."""
    if value is not None:
        ctx.ensure_object(dict)["lang"] = value
    return value


def chosen_lang(ctx: click.Context | None = None) -> str:
    """The language of messages: the verb's --lang, else planbook's --lang, else PLANBOOK_LANG, else zh."""
    ctx = ctx or click.get_current_context(silent=True)
    obj = ctx.find_object(dict) if ctx else None
    lang = (obj or {}).get("lang") or os.environ.get(LANG_ENV, "zh")
    return lang if lang in LANGS else "zh"


#: Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts OSC 52, which writes the
#: clipboard; CR rewrites the line), DEL, and the bidirectional overrides that reorder what is shown.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text from the files as a terminal may print it: every control character shown as its code (``\\x1b``),
    never acted on.  Line breaks stay (messages are built with them)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)


def show(error: PlanbookError, lang: str) -> None:
    """The one place a PlanbookError becomes text: its message and hint in ``lang``, on stderr."""
    click.echo(f"planbook: {terminal_safe(error.message(lang))}", err=True)
    hint = error.hint(lang)
    if hint:
        hint = terminal_safe(hint)
        click.echo(f"    提示：{hint}" if lang == "zh" else f"    hint: {hint}", err=True)


class Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (planbook verify … | head -1): nothing more to say
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit does not complain either
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("\n已中断" if chosen_lang(ctx) == "zh" else "\ninterrupted", err=True)
            ctx.exit(130)
        except Exception as e:  # the one boundary: no traceback reaches a user
            verbose = bool(ctx.obj and ctx.obj.get("verbose"))
            if not isinstance(e, PlanbookError):
                if verbose:
                    raise
                e = _problem(e)
            elif verbose and not isinstance(e, UsageProblem):  # where it came from, then the message as always
                traceback.print_exc()
            show(e, chosen_lang(ctx))
            ctx.exit(e.exit_code)


def _problem(e: Exception) -> PlanbookError:
    """What to tell a user about an exception that is not a PlanbookError."""
    if isinstance(e, ModuleNotFoundError):  # an optional package a renderer imports while it renders
        from ..build import MissingExtra
        missing = MissingExtra.of(e)
        if missing is not None:
            return missing
    if isinstance(e, OSError):
        where = f"{e.filename} " if e.filename else ""
        return PlanbookError(f"读写文件失败：{where}{e.strerror or e}", f"I/O error: {where}{e.strerror or e}",
                             path=e.filename)
    return PlanbookError(f"内部错误：{type(e).__name__}: {e}", f"internal error: {type(e).__name__}: {e}",
                         "请加 --verbose 重试并把输出报告给维护者。",
                         "Run again with --verbose and report the output to the maintainers.")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="planbook")
@click.option("--lang", type=click.Choice(LANGS), envvar=LANG_ENV, default="zh", show_default=True, show_envvar=True,
              callback=keep_lang, expose_value=False,
              help="消息语言，用于所有命令的出错消息；check、build、diff、serve 也可在命令后写 --lang。"
                   " (language of messages)")
@click.option("-C", "--directory", "directory", type=click.Path(file_okay=False), default=None,
              help="在此目录中运行（默认当前目录；向上查找 planbook.yml）。")
@click.option("-v", "--verbose", is_flag=True, help="出错时显示完整的 Python 调用栈（给开发者看）。")
@click.pass_context
def main(ctx: click.Context, directory: str | None, verbose: bool) -> None:
    """Planbook：把网络舆情应急预案、通讯录和案例保存在 git 中，检查并生成站点和公文 PDF。

    Planbook keeps public-opinion emergency plans, rosters and closed cases as
    YAML/Markdown and checks, renders and signs them.
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    if directory:
        try:
            os.chdir(directory)
        except OSError as e:
            raise UsageProblem(f"无法进入目录 {directory}：{e.strerror}", f"cannot enter {directory}: {e.strerror}",
                               path=directory) from None


def run() -> None:
    """Console entry point."""
    main(prog_name="planbook")


from . import build as _build  # noqa: E402,F401
from . import cert as _cert  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401  (registers the verbs)
from . import diff as _diff  # noqa: E402,F401
from . import fonts as _fonts  # noqa: E402,F401
from . import import_ as _import  # noqa: E402,F401
from . import init as _init  # noqa: E402,F401
from . import new as _new  # noqa: E402,F401
from . import report as _report  # noqa: E402,F401
from . import schema as _schema  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import sign as _sign  # noqa: E402,F401
from . import verify as _verify  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(run())
