"""``planbook serve``: a live preview of the intranet site that rebuilds when a file changes."""
from __future__ import annotations

import datetime as dt
import os
import sys

import click

from . import UsageProblem, main
from .common import find_root_here, lang_option


@main.command()
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="端口（0 表示任选一个空闲端口）。只在 127.0.0.1 上提供。")
@click.option("--public", is_flag=True, help="预览对外公开的版本：手机号打码，不显示个人信息。")
@click.option("--interval", type=click.FloatRange(0.2, 60), default=1.0, show_default=True,
              help="检查文件变化的间隔（秒）。")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="按这一天显示值班和到期（默认今天）。")
@lang_option
def serve(port: int, public: bool, interval: float, today: dt.datetime | None, lang: str) -> None:
    """生成站点并在本机预览；plans/、cases/、planbook.yml 或站点模板改变时自动重新生成。

    \b
    有错误时报告问题，继续显示上一次生成成功的站点。按 Ctrl+C 结束。
    """
    from ..build import MissingExtra
    from .formats import text

    root = find_root_here()
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    try:
        from ..site.preview import Preview
    except ModuleNotFoundError as e:
        raise MissingExtra("site", e.name or "mkdocs") from None
    try:
        preview = Preview(root, port=port, public=public, today=today.date() if today else None,
                          report=lambda m: click.echo(m, nl=True) or sys.stdout.flush(),
                          findings_text=lambda repo, report: text(repo, report, lang, colour))
    except OSError as e:
        raise UsageProblem(f"无法在 127.0.0.1:{port} 上提供预览：{e.strerror or e}",
                           f"cannot serve the preview on 127.0.0.1:{port}: {e.strerror or e}") from None
    _stop_on_signals()
    try:
        preview.run(interval)
    except KeyboardInterrupt:
        click.echo("\n已停止预览 (stopped)", err=True)


def _stop_on_signals() -> None:
    """A kill (SIGTERM, as a service manager stops it) or a closed terminal (SIGHUP) ends the preview as Ctrl+C
    does: the temporary folder is removed (Preview.run's finally)."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
