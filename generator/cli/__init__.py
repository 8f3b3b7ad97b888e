"""The ``planbook`` command.  One module per verb; each parses options and calls the library.

This is the only place that turns exceptions into messages: a user sees a
traceback only with ``--verbose``.
"""
from __future__ import annotations

import os
import sys

import click

from .. import __version__


class UsageProblem(click.ClickException):
    """A problem with how planbook was called or with the files around it (exit code 2)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"planbook: {self.format_message()}", err=True)


class Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("\n已中断 (interrupted)", err=True)
            ctx.exit(130)
        except OSError as e:
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            raise UsageProblem(f"读写文件失败 (I/O error): {e.filename or ''} {e.strerror or e}") from None
        except Exception as e:  # the one boundary: no traceback reaches a user
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            if isinstance(e, _user_problems()):  # the library's own errors carry a message for people
                raise UsageProblem(str(e)) from None
            raise UsageProblem(f"内部错误 (internal error): {type(e).__name__}: {e}\n"
                               "请加 --verbose 重试并把输出报告给维护者。") from None


def _user_problems() -> tuple[type[Exception], ...]:
    """The library's errors whose message is written for the user (a missing font or glyph, a wrong
    passphrase, a folder refused, a site MkDocs rejects …): shown as they are, never as 内部错误."""
    from ..build import MissingExtra
    from ..output import OutputRefused
    from ..pdf.errors import PdfError
    from ..sign.errors import SignError
    from ..site.run import SiteError
    return (PdfError, SignError, SiteError, OutputRefused, MissingExtra)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="planbook")
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
            raise UsageProblem(f"无法进入目录 {directory}: {e.strerror}") from None


def run() -> None:
    """Console entry point."""
    main(prog_name="planbook")


from . import build as _build  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401  (registers the verbs)
from . import diff as _diff  # noqa: E402,F401
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
