"""A live preview: build the site into a temporary folder, serve it on 127.0.0.1, and rebuild
when the repository's plans/, cases/, planbook.yml or the site templates change (polling).

Bad input does not stop the preview: the findings are reported and the last good site stays.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import http.server
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import kept
from ..output import MARKER
from ..render import TEMPLATES

WATCHED = ("plans", "cases", "planbook.yml")


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for f in filenames:
                yield Path(dirpath) / f


def snapshot(paths: list[Path]) -> frozenset:
    """What changes when a watched file is written, added or removed."""
    out = set()
    for root in paths:
        for f in _files(root):
            try:
                st = f.stat()
            except OSError:
                continue
            out.add((str(f), st.st_mtime_ns, st.st_size))
    return frozenset(out)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@dataclass
class Outcome:
    ok: bool
    message: str


class Preview:
    """Serve ``out/site`` while rebuilding it from ``root``; ``report`` receives messages for people."""

    def __init__(self, root: str, *, port: int = 8000, public: bool = False, today: dt.date | None = None,
                 report: Callable[[str], None] = print, findings_text: Callable | None = None):
        self.root = Path(root).resolve()
        self.public = public
        self.today = today
        self.report = report
        self.findings_text = findings_text
        self._builds = 0  # settle() counts them
        self.tmp = Path(tempfile.mkdtemp(prefix="planbook-serve-"))
        try:  # a port in use (or Ctrl+C) leaves no temporary folder behind
            self.out = self.tmp / "out"
            (self.out / "site").mkdir(parents=True)
            (self.out / MARKER).touch()  # a folder Planbook made: the build may write over it
            (self.out / "site" / "index.html").write_text(
                "<!doctype html><meta charset=utf-8><title>Planbook</title><p>正在生成站点……</p>", encoding="utf-8")
            handler = functools.partial(_Quiet, directory=str(self.out / "site"))
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.templates = TEMPLATES
        self._thread: threading.Thread | None = None

    def watched(self) -> list[Path]:
        return [self.root / p for p in WATCHED] + [self.templates / "site"]

    def build_once(self) -> Outcome:
        from ..build import BuildOptions, build
        from ..errors import PlanbookError
        options = BuildOptions(out=self.out, today=self.today or dt.date.today(), site=True, pdf=False,
                               public=self.public)
        started = time.monotonic()
        try:
            with kept.keeping():  # what the last build made from the same records is taken as it is (kept.py)
                result = build(self.root, options)
        except PlanbookError as e:  # both languages: the preview's log is read by whoever started it
            return Outcome(False, str(e))
        except Exception as e:  # the preview keeps running on anything a build can throw
            return Outcome(False, f"生成失败 (build failed): {type(e).__name__}: {e}")
        text = self.findings_text(result.repo, result.checked) if self.findings_text and result.checked.findings else ""
        if not result.built:
            return Outcome(False, (text + "\n" if text else "") + "有错误，站点未更新，仍显示上一次的结果。(errors; the preview keeps the last good site)")
        took = time.monotonic() - started
        return Outcome(True, (text + "\n" if text else "") + f"已更新 (rebuilt) {time.strftime('%H:%M:%S')}，用时 {took:.1f} 秒")

    def start(self) -> None:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def run(self, interval: float = 1.0, stop: threading.Event | None = None) -> None:
        """Build, serve, and rebuild on changes until ``stop`` is set (or KeyboardInterrupt, also during the
        first build): the temporary folder is removed whenever it ends."""
        try:
            self.start()
            self.report(f"预览地址 (preview): {self.url}")
            seen = snapshot(self.watched())
            self.report(self.build_once().message)
            self.settle()
            stop = stop or threading.Event()
            while not stop.wait(interval):
                now = snapshot(self.watched())
                if now != seen:
                    seen = now
                    self.report(self.build_once().message)
                    self.settle()
        finally:
            self.close()

    #: every this many builds, settle() collects all of the kept memory's garbage, not only the last build's
    FULL_COLLECT = 10

    def settle(self) -> None:
        """After a build, while serve waits for the next edit: collect the build's garbage and freeze what is left
        (gc.freeze), so that Python's collector does not go through everything kept from earlier builds (kept.py,
        millions of objects at 1,000 cases) in the middle of the next build (0.9 s pauses measured).  A cycle that
        becomes garbage only after it was frozen waits for the full collection every FULL_COLLECT builds."""
        self._builds += 1
        if self._builds % self.FULL_COLLECT == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        try:
            if self._thread is not None:  # shutdown() waits for serve_forever, which may never have started
                self.server.shutdown()
            self.server.server_close()
        finally:
            kept.clear()
            gc.unfreeze()  # what settle() froze is ordinary memory again
            shutil.rmtree(self.tmp, ignore_errors=True)
