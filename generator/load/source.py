"""Reading a file as text: size, binary content, encoding and byte-order mark, from any tree.

Users' files are untrusted: a 50 MB log pasted into plans/, a Word file saved
as GBK, a picture renamed .yml.  Each becomes a finding; none raises.
"""
from __future__ import annotations

from ..findings import Finding, Loc, define, finding
from .tree import TooLarge, Tree

MAX_BYTES = 5 * 1024 * 1024

define("F001", "error", "无法读取文件：{error}", "cannot read the file: {error}",
       "检查文件权限，或文件是否被其他程序占用。", "Check the file's permissions.",
       found_by="file", summary="文件无法读取")
define("F002", "error", "文件不是 UTF-8 编码，看起来是 GBK/GB18030（第 {line} 行起）",
       "the file is not UTF-8; it looks like GBK/GB18030 (from line {line})",
       "请另存为 UTF-8：在记事本或 WPS 中“另存为”选择 UTF-8 编码，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件。",
       "Save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8 old > new.",
       found_by="file", summary="文件编码为 GBK/GB18030")
define("F003", "warning", "文件开头有 UTF-8 BOM 标记，已忽略", "the file starts with a UTF-8 byte-order mark (ignored)",
       "保存时选择“UTF-8（无 BOM）”。", "Save as UTF-8 without BOM.", found_by="file", summary="文件带 BOM")
define("F004", "error", "文件过大（{size}，上限 {limit}），未读取", "the file is too large ({size}; limit {limit}); not read",
       "预案、通讯录和案例文件一般不超过几百 KB；检查是否误放了日志、数据库或附件。",
       "Plans, rosters and cases are a few hundred KB at most; is this a log or an attachment?",
       found_by="file", summary="文件过大")
define("F005", "error", "这不是文本文件（含二进制内容）", "this is not a text file (binary content)",
       "Word、PDF、图片等文件请勿以 .yml 或 .md 结尾放在 plans/ 或 cases/ 中。",
       "Keep Word files, PDFs and pictures out of plans/ and cases/.", found_by="file", summary="二进制文件")
define("F006", "error", "文件编码无法识别（第 {line} 行）", "the file's encoding is not UTF-8 (line {line})",
       "请以 UTF-8 编码保存该文件。", "Save the file as UTF-8.", found_by="file", summary="编码无法识别")

define("F007", "error", "文件是 UTF-16 编码（{variant}，{bom_zh}），Planbook 只读 UTF-8",
       "the file is UTF-16 ({variant}, {bom_en}); Planbook reads UTF-8 only",
       "请另存为 UTF-8：在记事本或 WPS 中“另存为”选择“UTF-8”（不要选“Unicode”），"
       "或运行 iconv -f UTF-16 -t UTF-8 原文件 > 新文件。",
       "Save it as UTF-8 (not \"Unicode\"), e.g. iconv -f UTF-16 -t UTF-8 old > new.",
       found_by="file", summary="文件编码为 UTF-16")

#: how much of a file is looked at to tell text from binary content
SNIFF = 8192


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16(head: bytes) -> dict[str, str] | None:
    """The UTF-16 form ``head`` (the start of a file) is written in, as the arguments of F007, or None.  With a byte-order
    mark (what Windows Notepad's "Unicode" writes) it says so; without one, a text file's ASCII letters, digits,
    colons and newlines leave a zero byte at every other place, nearly all on one side, and the whole
    decodes to text with no control character."""
    if head.startswith(b"\xff\xfe"):
        return {"variant": "UTF-16LE", "bom_zh": "带 BOM", "bom_en": "with a byte-order mark"}
    if head.startswith(b"\xfe\xff"):
        return {"variant": "UTF-16BE", "bom_zh": "带 BOM", "bom_en": "with a byte-order mark"}
    head = head[:len(head) - len(head) % 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) < 8 * min(even, odd) + 4:  # a zero byte is also the low half of 一 (U+4E00) and the like
        return None
    little = odd > even  # the zero is the high byte of an ASCII character, second in little-endian
    text = head.decode("utf-16-le" if little else "utf-16-be", "replace")
    if "\ufffd" in text[:-1] or any(ch < " " and ch not in "\t\r\n" for ch in text):
        return None
    return {"variant": "UTF-16LE" if little else "UTF-16BE", "bom_zh": "无 BOM", "bom_en": "no byte-order mark"}


def read_text(tree: Tree, relpath: str, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Finding]]:
    """Read a file of ``tree`` (the working tree or a commit) as UTF-8 text, or say why not."""
    loc = Loc(relpath)
    try:
        data = tree.read(relpath, max_bytes)
    except TooLarge as e:
        return None, [finding("F004", loc, size=_human(e.size), limit=_human(max_bytes))]
    except OSError as e:
        return None, [finding("F001", loc, error=e.strerror or str(e))]
    return decode(data, relpath)


def decode(data: bytes, relpath: str) -> tuple[str | None, list[Finding]]:
    """The bytes of a file as UTF-8 text (a byte-order mark dropped), or why they are not."""
    found: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        found.append(finding("F003", Loc(relpath, 1, 1)))
    head = data[:SNIFF]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        utf16 = _utf16(head)
        if utf16:
            return None, [finding("F007", Loc(relpath), **utf16)]
    if b"\x00" in head:
        return None, [finding("F005", Loc(relpath))]
    try:
        return data.decode("utf-8"), found
    except UnicodeDecodeError as e:
        line = _line_of(data, e.start)
        try:
            decoded = data.decode("gb18030")
        except UnicodeDecodeError:
            return None, found + [finding("F006", Loc(relpath, line, 1), line=line)]
        if any("\u4e00" <= ch <= "\u9fff" for ch in decoded):
            return None, found + [finding("F002", Loc(relpath, line, 1), line=line)]
        return None, found + [finding("F006", Loc(relpath, line, 1), line=line)]
