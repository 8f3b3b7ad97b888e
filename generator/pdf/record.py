"""The PDF renderer's record (``output/pdf/.inputs.json``): what the build wrote, for the next build and for signing.

For every PDF the build wrote, one ``Entry``: where it is, what it is (kind, subject, title), the sha256 of
the file as written, the hash of what it was rendered from, and what the repository said about it at build
time — the plan's status and version, and the git commit.  Two readers:

- the next build (``render_jobs``, ``unchanged``): a file is reused only while its inputs and its bytes are
  as recorded and it was not signed since;
- signing (``planbook sign``, ``build --sign``): a file is signed only when its sha256 is recorded by a build
  of this repository with the status ``approved``.  What may be signed is decided from the record, never
  from the PDF's own metadata, which anyone can edit.

This module is the only one that reads or writes the file.  The file is read, never trusted: a missing,
damaged or foreign one is the empty record (nothing reused, nothing signable).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..render import PdfFile, PdfManifest

NAME = ".inputs.json"
FORMAT = "planbook-pdf-record/3"


def file_hash(path: Path) -> str:
    """sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def watermark(kind: str, status: str) -> str:
    """The watermark a document of ``kind`` carries when its plan's status (as recorded) is ``status``; "" for
    none.  The one place that says it: the PDF templates print it, and signing names it when it refuses."""
    if not status or status == "approved":
        return ""
    if kind == "changes":
        return "修订草案"  # a change table whose newer side is not an approved version
    return "已废止" if status == "superseded" else "草稿"


@dataclass(frozen=True)
class Entry:
    """One PDF the build wrote."""

    relpath: str  # relative to the pdf folder, e.g. "plans/qingshi-township.pdf"
    kind: str  # "plan" | "cards" | "response" | "case" | "drill" | "report" | "training" | "changes"
    subject: str  # plan id, case id or report name
    title: str
    sha256: str  # the file as the build wrote it
    inputs: str  # hash of what it was rendered from (HTML, fonts, WeasyPrint version)
    status: str = ""  # the plan's status at build time (approved / draft / superseded); "" for cases, reports
    version: str = ""  # the plan's version at build time
    commit: str = ""  # the git commit built from ("+" after it: uncommitted changes); "" outside git
    signed: str = ""  # sha256 of the file after it was signed in place (by the build or planbook sign)

    def pdf_file(self) -> PdfFile:
        return PdfFile(self.relpath, self.kind, self.subject, self.title, signed=bool(self.signed))


@dataclass(frozen=True)
class Origin:
    """What a build knows of its documents beside their HTML: the repository, the commit, and the status and
    version of each plan document (relpath -> (status, version))."""

    root: str = ""
    commit: str = ""
    documents: Mapping[str, tuple[str, str]] = field(default_factory=dict)


_FIELDS = tuple(f.name for f in dataclasses.fields(Entry))


def _safe(relpath: str) -> bool:
    parts = relpath.split("/")
    return (bool(relpath) and not relpath.startswith(("/", "\\")) and "\\" not in relpath and ":" not in relpath
            and ".." not in parts and "" not in parts and "." not in parts)


@dataclass(frozen=True)
class PdfRecord:
    """The record of one pdf folder (``PdfRecord.load(folder)``); empty when there is none."""

    root: str = ""  # the repository the build read (absolute, resolved)
    inputs_key: str = ""  # the build's inputs_key ("" when it had none): everything the PDF renderer read
    entries: tuple[Entry, ...] = ()

    # --- reading -----------------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path | None) -> PdfRecord:
        """The record in ``folder``; the empty record when it is missing, damaged or of another format."""
        if folder is None:
            return cls()
        try:
            data = json.loads((Path(folder) / NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: object) -> PdfRecord:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls()
        root, inputs_key, files = data.get("root"), data.get("inputs_key"), data.get("files")
        if not isinstance(root, str) or not isinstance(inputs_key, str) or not isinstance(files, list):
            return cls()
        entries = []
        for row in files:
            if not isinstance(row, dict) or set(row) != set(_FIELDS) or not all(isinstance(v, str) for v in row.values()):
                return cls()
            entry = Entry(**row)
            if not _safe(entry.relpath):
                return cls()
            entries.append(entry)
        if len({e.relpath for e in entries}) != len(entries):
            return cls()
        return cls(root, inputs_key, tuple(entries))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def entry_for(self, relpath: str) -> Entry | None:
        """The entry of the file at ``relpath`` (relative to the pdf folder)."""
        return next((e for e in self.entries if e.relpath == relpath), None)

    def matching(self, sha256: str) -> Entry | None:
        """The entry of the file the build wrote with these bytes."""
        return next((e for e in self.entries if e.sha256 == sha256), None)

    def of(self, root: str | None) -> bool:
        """Written by a build of the repository at ``root``."""
        return bool(self.root) and root is not None and os.path.realpath(self.root) == os.path.realpath(root)

    @property
    def manifest(self) -> PdfManifest:
        return PdfManifest(tuple(e.pdf_file() for e in self.entries))

    # --- writing -----------------------------------------------------------------------------------

    @classmethod
    def written(cls, entries: Iterable[Entry], origin: Origin | None = None, inputs_key: str = "") -> PdfRecord:
        """The record of a build that wrote ``entries`` (their status and version from ``origin``)."""
        origin = origin or Origin()
        out = []
        for e in entries:
            status, version = origin.documents.get(e.relpath, ("", ""))
            out.append(dataclasses.replace(e, status=status, version=version, commit=origin.commit))
        return cls(os.path.realpath(origin.root) if origin.root else "", inputs_key, tuple(out))

    def with_signed(self, relpath: str, sha256: str) -> PdfRecord:
        """The record after the file at ``relpath`` was signed in place (now ``sha256``): the next build makes
        it again instead of passing it off as its own."""
        return dataclasses.replace(self, entries=tuple(
            dataclasses.replace(e, signed=sha256) if e.relpath == relpath else e for e in self.entries))

    def to_json(self) -> dict:
        return {"format": FORMAT, "root": self.root, "inputs_key": self.inputs_key,
                "files": [dataclasses.asdict(e) for e in self.entries]}

    def save(self, folder: Path) -> None:
        """Write the record into ``folder`` whole or not at all (a temporary file, then a rename)."""
        folder = Path(folder)
        fd, tmp = tempfile.mkstemp(prefix=".inputs-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.to_json(), fh, ensure_ascii=False, indent=1)
            os.replace(tmp, folder / NAME)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def record_folder(path: Path) -> Path | None:
    """The pdf folder the file at ``path`` lies in: the nearest folder above it holding a record."""
    for parent in Path(os.path.realpath(path)).parents:
        if (parent / NAME).is_file():
            return parent
    return None


def records_for(path: Path, root: str | None = None) -> tuple[tuple[Path, PdfRecord], ...]:
    """The records that may describe the file at ``path``: that of the pdf folder it lies in
    (``record_folder``) and, inside a repository, that of its default output (``<root>/output/pdf``).
    Each as (folder, record); empty records are left out."""
    folders = [f for f in (record_folder(path),) if f is not None]
    if root is not None:
        default = Path(os.path.realpath(root)) / "output" / "pdf"
        if default not in folders:
            folders.append(default)
    out = []
    for folder in folders:
        record = PdfRecord.load(folder)
        if record:
            out.append((folder, record))
    return tuple(out)
