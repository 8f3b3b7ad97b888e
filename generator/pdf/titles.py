"""Breaking a 公文 title into lines (GB/T 9704-2012 7.2.3: "回行时要做到词意完整，排列对称"): between words,
never inside one (jieba finds the word boundaries), into lines as even as possible with the upper line not
longer than the lower (a trapezoid), every line within the text block."""
from __future__ import annotations

import functools

#: never at the start of a line (closing punctuation); never at the end of one (opening)
_NO_START = set("，。、；：？！”’》）〕】」』…—")
_NO_END = set("“‘《（〔【「『")


#: the field's compounds, kept whole (in a tokenizer of its own: the masking's jieba is not touched)
WORDS = ("网络舆情", "舆情突发事件", "突发事件", "应急预案", "应急处置", "处置预案", "实施方案", "管理办法",
         "工作制度", "工作方案", "实施意见", "应对处置", "人民政府", "供电公司")


@functools.cache
def _tokenizer():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for w in WORDS:
        tok.add_word(w, freq=100000)
    return tok


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into words (the field's compounds kept whole)."""
    return tuple(w for w in _tokenizer().cut(text, HMM=False) if w)


def _width(text: str) -> float:
    """Width in characters: ASCII letters and digits are half-width."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def break_title(title: str, width: int) -> tuple[str, ...]:
    """``title`` as lines of at most ``width`` characters, broken between words only."""
    title = title.strip()
    if _width(title) <= width:
        return (title,)
    words_ = list(words(title))
    # a break is allowed after word i unless punctuation forbids it
    cuts = [i for i in range(1, len(words_))
            if words_[i][0] not in _NO_START and words_[i - 1][-1] not in _NO_END]
    offsets = [0]
    for w in words_:
        offsets.append(offsets[-1] + len(w))
    lines = max(2, int(-(-_width(title) // width)))
    while True:
        best = _best(title, [offsets[i] for i in cuts], lines, width)
        if best is not None:
            return best
        if lines >= len(words_):  # a single word wider than the block: let the renderer wrap it
            return (title,)
        lines += 1


def _best(title: str, cuts: list[int], n: int, width: int) -> tuple[str, ...] | None:
    """The most even split of ``title`` into ``n`` lines at ``cuts`` (None when none fits)."""
    best, best_key = None, None

    def go(start: int, left: int, acc: list[str]):
        nonlocal best, best_key
        if left == 1:
            last = title[start:]
            if _width(last) > width:
                return
            parts = acc + [last]
            ws = [_width(p) for p in parts]
            # even lines first; then the shape: each line no longer than the next (upper short, lower long)
            key = (max(ws) - min(ws), sum(1 for a, b in zip(ws, ws[1:], strict=False) if a > b), ws)
            if best_key is None or key < best_key:
                best, best_key = tuple(parts), key
            return
        for c in cuts:
            if c <= start:
                continue
            piece = title[start:c]
            if _width(piece) > width:
                break
            go(c, left - 1, acc + [piece])

    go(0, n, [])
    return best
