"""Running MkDocs in this process, its warnings caught and turned into one clear error."""
from __future__ import annotations

import logging
from pathlib import Path

from ..errors import PlanbookError


class SiteError(PlanbookError):
    """The site could not be built."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(f"{record.levelname}: {record.getMessage()}")
        except Exception:  # a broken log call must not hide the build's own outcome
            self.messages.append(record.levelname)


def mkdocs_build(config_file: Path, incremental=None) -> list[str]:
    """Build the site of ``config_file`` (strict); the warnings it logged (none when it succeeds).
    With ``incremental`` (an incremental.Incremental plugin), only the pages that changed are rendered."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    log = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (log.level, log.propagate, list(log.handlers))
    log.handlers = [handler]
    log.propagate = False
    log.setLevel(logging.WARNING)
    try:
        try:
            cfg = load_config(config_file=str(config_file))
        except exceptions.Abort as e:  # MkDocs logged what is wrong, then aborted (a click exception)
            detail = "\n  ".join(handler.messages) or str(e)
            raise SiteError(f"站点配置有误（planbook.yml 的 site 设置？）：\n  {detail}",
                            f"bad MkDocs configuration (planbook.yml's site settings?):\n  {detail}") from None
        except exceptions.ConfigurationError as e:
            raise SiteError(f"站点配置有误（planbook.yml 的 site 设置？）：{e}",
                            f"bad MkDocs configuration (planbook.yml's site settings?): {e}") from None
        quiet = None
        if incremental is not None:
            cfg.plugins["planbook/incremental"] = incremental
            quiet = incremental.quiet_dirty_warning()
            logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            build(cfg, dirty=incremental is not None and incremental.dirty)
        except exceptions.Abort as e:
            detail = "\n  ".join(handler.messages) or str(e)
            raise SiteError(f"MkDocs 在严格模式下发现问题，站点未生成：\n  {detail}",
                            f"MkDocs found problems in strict mode; the site was not built:\n  {detail}") from None
        except exceptions.MkDocsException as e:
            raise SiteError(f"MkDocs 生成站点失败：{e}", f"MkDocs failed: {e}") from None
        finally:
            if quiet is not None:
                logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
        return handler.messages
    finally:
        log.setLevel(saved[0])
        log.propagate = saved[1]
        log.handlers = saved[2]
