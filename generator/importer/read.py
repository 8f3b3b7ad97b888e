"""Reading a source file into paragraphs: .docx (with heading styles and list numbering), .txt, .md.

Every paragraph keeps where it came from (line of a text file, paragraph of a Word file), so that
everything extracted later can point back at its source sentence.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import PlanbookError

MAX_BYTES = 20 * 1024 * 1024
#: A .docx is a zip: what its parts may unpack to (all of them, and the document's text part), and how many
#: paragraphs a plan may have.  A 1 MB file can unpack to gigabytes (8 million empty paragraphs, one 1.5 GB run
#: of text); the sizes in the zip's directory are checked before anything is unpacked (Python's zipfile never
#: unpacks a part beyond the size the directory gives it).
MAX_UNPACKED = 200 * 1024 * 1024
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_PARTS = 5000
MAX_PARAGRAPHS = 10_000
SUFFIXES = (".docx", ".txt", ".md", ".markdown")


class ImportProblem(PlanbookError):
    """The file cannot be imported at all (unreadable, wrong type, empty): a usage or I/O problem."""


@dataclass(frozen=True)
class Para:
    """One paragraph of the source."""

    text: str
    where: int                      # line (text files) or paragraph number (Word), from 1
    heading: int | None = None      # heading level from a Word style or a Markdown '#'
    numbered: int | None = None     # Word automatic numbering: list level (ilvl), when the number is not in the text
    title_style: bool = False       # Word "Title" style
    bold: bool = False              # every run of a Word paragraph is bold (a heading without a heading style)
    centred: bool = False           # a Word paragraph aligned to the centre


def table_row(cells: list[str]) -> str:
    """A table row as one paragraph, written as a Markdown table row: '| Ⅰ级 | 判定标准 |'."""
    return "| " + " | ".join(c.replace("|", "／").replace("\n", " ").strip() for c in cells) + " |"


def row_cells(text: str) -> list[str] | None:
    """The cells of a paragraph written as a table row, else None."""
    t = text.strip()
    if not (t.startswith("|") and t.endswith("|") and t.count("|") >= 3):
        return None
    return [c.strip() for c in t[1:-1].split("|")]


@dataclass(frozen=True)
class Source:
    path: str
    unit: str                       # "行" for text files, "段" for Word
    paras: tuple[Para, ...]
    notes: tuple[str, ...] = ()     # file-level remarks (encoding …)


def read_source(path: str) -> Source:
    if not os.path.exists(path):
        raise ImportProblem(f"文件不存在：{path}", f"no such file: {path}", path=path)
    if os.path.isdir(path):
        raise ImportProblem(f"{path} 是目录。", f"{path} is a folder", "请给出一个 .docx、.txt 或 .md 文件。",
                            "Name a .docx, .txt or .md file.", path=path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".doc":
        raise ImportProblem(f"{path} 是旧版 Word（.doc）文件。", f"{path} is an old Word (.doc) file",
                            "请在 Word 或 WPS 中“另存为”.docx 后再导入。", "Save it as .docx in Word or WPS, then import that.",
                            path=path)
    if suffix not in SUFFIXES:
        raise ImportProblem(f"无法导入 {path}：只支持 .docx、.txt 和 .md 文件（扩展名为“{suffix or '无'}”）",
                            f"cannot import {path}: only .docx, .txt and .md files can be imported "
                            f"(the file ends in '{suffix or 'nothing'}')", path=path)
    size = os.path.getsize(path)
    if size == 0:
        raise ImportProblem(f"{path} 是空文件，没有可导入的内容", f"{path} is empty: nothing to import", path=path)
    if size > MAX_BYTES:
        raise ImportProblem(f"{path} 过大（{size // 1024 // 1024} MB），预案文件一般不超过几 MB",
                            f"{path} is too large ({size // 1024 // 1024} MB); a plan is a few MB at most", path=path)
    if suffix == ".docx":
        src = _read_docx(path)
    else:
        src = _read_text(path, markdown=suffix in (".md", ".markdown"))
    if not any(p.text.strip() for p in src.paras):
        raise ImportProblem(f"{path} 中没有文字，没有可导入的内容", f"{path} has no text: nothing to import", path=path)
    return src


def _decode(data: bytes, path: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["文件是 UTF-16 编码，已按 UTF-16 读取"]
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ImportProblem(f"{path} 不是文本文件（含二进制内容）。", f"{path} is not a text file (it holds binary data)",
                            "Word 文件请用 .docx 扩展名。", "A Word file must end in .docx.", path=path)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportProblem(f"{path} 的编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。",
                            f"the encoding of {path} is unknown (neither UTF-8 nor GBK/GB18030)",
                            "请另存为 UTF-8 后再导入。", "Save it as UTF-8, then import that.", path=path) from None
    notes.append("文件是 GBK/GB18030 编码，已按 GB18030 读取；建议另存为 UTF-8"
                 "（iconv -f GB18030 -t UTF-8 原文件 > 新文件）")
    return text, notes


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def unemphasise(line: str) -> str:
    """A Markdown line without its emphasis marks ('- **医疗核查组**　组长：…' is '- 医疗核查组　组长：…')."""
    return re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line).strip()


def _read_text(path: str, markdown: bool) -> Source:
    with open(path, "rb") as f:
        data = f.read()
    text, notes = _decode(data, path)
    paras = []
    bold = False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _check_paragraphs(path, sum(1 for line in lines if line.strip()))
    for n, line in enumerate(lines, start=1):
        line = line.replace("\u3000", " ").replace("\xa0", " ").strip()
        if not line:
            continue
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                paras.append(Para(m.group(2).strip(), n, heading=len(m.group(1))))
                continue
            line = re.sub(r"^>\s*", "", line)
            bold = re.fullmatch(r"(\*\*|__)[^*_]+\1", line) is not None      # '**编制目的**': the whole line bold
            # emphasis: '**一、总则**' is a heading set in bold, '**特别重大（Ⅰ级）**：…' a level; the words are what count
            line = unemphasise(line)
            if not line:
                continue
            if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?", line):
                continue  # the rule under a table's header row
            if line.startswith("|") and line.endswith("|") and line.count("|") >= 3:
                line = table_row(line[1:-1].split("|"))
        paras.append(Para(line, n, bold=markdown and bold))
    return Source(path, "行", tuple(paras), tuple(notes))


_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def _read_docx(path: str) -> Source:
    try:
        import docx  # python-docx
    except ImportError:
        raise ImportProblem("导入 Word 文件需要 python-docx。", "importing Word files needs python-docx",
                            "pip install 'planbook[import]'", "pip install 'planbook[import]'") from None
    _check_zip(path)
    try:
        document = docx.Document(path)
    except Exception as e:  # a corrupt or fake .docx raises zip, XML or key errors
        raise ImportProblem(f"无法读取 Word 文件 {path}：文件可能已损坏，或不是 .docx（{type(e).__name__}）。",
                            f"cannot read the Word file {path}: it may be damaged, or not a .docx ({type(e).__name__})",
                            "请在 Word 或 WPS 中打开后重新“另存为”.docx。", "Open it in Word or WPS and save it as .docx again.",
                            path=path) from None
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    paras: list[Para] = []
    notes: list[str] = []
    n = 0
    tables = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            # rows are read in place, as '| a | b |' paragraphs positioned at the paragraph before them
            tables += 1
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\u3000", " ").replace("\xa0", " ").strip()
                    if not cells or text != cells[-1]:   # a merged cell repeats its text
                        cells.append(text)
                if any(cells):
                    paras.append(Para(table_row(cells), max(n, 1)))
            continue
        if tag != "p":
            continue
        n += 1
        p = Paragraph(child, document)
        text = p.text.replace("\u3000", " ").replace("\xa0", " ").strip()
        if not text:
            continue
        style = p.style.name if p.style is not None else ""
        heading = None
        m = _HEADING_STYLE.match(style or "")
        if m:
            heading = int(m.group(1))
        level = _numbering_level(p)
        runs = [r for r in p.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold for r in runs)
        paras.append(Para(text, n, heading=heading, numbered=None if heading else level,
                          title_style=(style or "").lower() in ("title", "标题"), bold=bold,
                          centred=p.alignment == WD_ALIGN_PARAGRAPH.CENTER))
    if tables:
        notes.append(f"文档中有 {tables} 个表格，按行读入（每行写成“| 单元格 | 单元格 |”）：分级表读作级别，"
                     "其余表格留在所在节的正文中，请核对")
    return Source(path, "段", tuple(paras), tuple(notes))


def _too_big(path: str, what_zh: str, what_en: str) -> ImportProblem:
    return ImportProblem(f"{path} 展开后{what_zh}，不像是一个预案（可能是“压缩炸弹”），未导入。",
                         f"{path} unpacks to {what_en}: not a plan (perhaps a zip bomb); nothing was imported",
                         "请确认文件来源；正常的预案在 Word 中另存为 .docx 后再导入。",
                         "Check where the file came from; save a genuine plan as .docx in Word and import that.",
                         path=path)


def _check_paragraphs(path: str, count: int) -> None:
    if count > MAX_PARAGRAPHS:
        raise _too_big(path, f"有 {count:,} 段（上限 {MAX_PARAGRAPHS:,} 段）",
                       f"{count:,} paragraphs (at most {MAX_PARAGRAPHS:,})")


def _check_zip(path: str) -> None:
    """Refuse a .docx whose parts would unpack to more than a plan can be, before python-docx unpacks any:
    by the sizes in the zip's directory, then by counting the paragraphs of the text part as it streams."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise _too_big(path, f"有 {len(infos):,} 个部件", f"{len(infos):,} parts")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED:
                raise _too_big(path, f"有 {total // 1024 // 1024:,} MB", f"{total // 1024 // 1024:,} MB")
            doc = next((i for i in infos if i.filename == "word/document.xml"), None)
            if doc is None:
                return  # python-docx says what is wrong with it
            if doc.file_size > MAX_DOCUMENT_XML:
                raise _too_big(path, f"正文部分有 {doc.file_size // 1024 // 1024:,} MB",
                               f"a text part of {doc.file_size // 1024 // 1024:,} MB")
            count, tail = 0, b""
            with z.open(doc) as fh:  # paragraphs are <w:p> or <w:p .../> elements
                while chunk := fh.read(1 << 20):
                    data = tail + chunk
                    count += len(re.findall(rb"<w:p[ >/]", data))
                    tail = data[-4:]
                    if count > MAX_PARAGRAPHS:
                        _check_paragraphs(path, count)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        return  # not a readable zip: python-docx gives the message for a damaged file


def _numbering_level(p) -> int | None:
    """The list level of Word's automatic numbering on a paragraph (its own or its style's), else None."""
    for ppr in (p._p.pPr, getattr(getattr(p.style, "element", None), "pPr", None)):
        numpr = getattr(ppr, "numPr", None) if ppr is not None else None
        if numpr is None:
            continue
        num_id = numpr.numId
        if num_id is not None and num_id.val == 0:  # numbering switched off
            return None
        ilvl = numpr.ilvl
        return int(ilvl.val) if ilvl is not None else 0
    return None
