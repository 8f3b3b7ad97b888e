"""What every benchmark here shares: whole-process timings in interleaved rounds, medians with min-max.

A benchmark names its commands (the baseline first) and :func:`interleave` runs them one after another,
round after round, each in a fresh process, so that a machine that is slow for a minute slows every
command alike.  :func:`run` measures a whole process: wall time from start to exit and its own peak
resident memory (``wait4``, not the maximum over all children).  Ratios are taken per round (the command
against the baseline of the same round) and summarised as median and min-max.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stdout: str


def run(cmd: Sequence[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``cmd`` to its end: wall seconds, the child's own peak resident memory in MB (``os.wait4``), its
    output.  Exit status 1 (the command found errors in the corpus) is still a full run; others fail loudly."""
    t = time.perf_counter()
    p = subprocess.Popen(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                         env=env or ENV)
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    def drain(stream, sink):
        sink.append(stream.read())
    threads = [threading.Thread(target=drain, args=(p.stdout, out_chunks)),
               threading.Thread(target=drain, args=(p.stderr, err_chunks))]
    for th in threads:
        th.start()
    _, status, usage = os.wait4(p.pid, 0)
    took = time.perf_counter() - t
    for th in threads:
        th.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    out, err = "".join(out_chunks), "".join(err_chunks)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, cmd[:5]))} … failed ({p.returncode}):\n{out[-2000:]}\n{err[-4000:]}")
    return Run(took, usage.ru_maxrss / 1024, out)


@dataclass
class Series:
    """One command's runs over the rounds."""

    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def peaks(self) -> list[float]:
        return [r.peak_mb for r in self.runs]


def spread(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    """"median (min–max)"."""
    med = statistics.median(values)
    return f"{med:.{digits}f}{unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def summary(values: Sequence[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3), "all": [round(v, 3) for v in values]}


def interleave(commands: dict[str, Callable[[], Run]], rounds: int, log=sys.stderr) -> dict[str, Series]:
    """Run every command once per round, in the given order, ``rounds`` times."""
    series = {name: Series(name) for name in commands}
    for i in range(rounds):
        for name, fn in commands.items():
            r = fn()
            series[name].runs.append(r)
            print(f"  round {i + 1}/{rounds} {name}: {r.seconds:.2f} s, {r.peak_mb:.0f} MB", file=log, flush=True)
    return series


def ratios(a: Series, base: Series) -> list[float]:
    """a / base, round by round."""
    return [x / y for x, y in zip(a.seconds, base.seconds, strict=True)]


def verdict(value: float, target: float) -> str:
    return "✓" if value <= target else "✗"
