"""Dropping what is clearly not plan text: web-page navigation, download prompts, advertising,
page counters, ICP lines; and re-joining sentences that a page break cut in two."""
from __future__ import annotations

import re
from dataclasses import replace

from .read import Para, row_cells

#: A short line matching one of these is page furniture, not plan text.
_NOISE_SHORT = re.compile(
    r"ICP|备案号|©|copyright|版权所有|客服|QQ[:：]?\s*\d|微信[:：]|下载|VIP|折扣价|原价|免费阅读|阅读已结束|"
    r"点击|扫码|如遇卡顿|相关推荐|网站首页|当前位置|保存成功|赏杯茶|资源描述|【Word文档】|仅限参考|版权问题|"
    r"在线客服|擅长领域|微笑上岗|消气降火|格式[:：]\s*DOC|分类[:：]|索引号|主题词|发布机构|公开目录|"
    r"浏览次数|字体[:：]|打印本页|关闭窗口|分享到|上一篇|下一篇|返回顶部|来源[:：].{0,20}$|^[×x✕]$|"
    r"欢迎大家阅读|为大家整理|为您整理|仅供参考|喜欢就下载|文档离线",
    re.I)
#: a web copy's footer or byline, whatever its words: a line made only of counts ('阅读 2316　赞 18　在看 6'), of two or
#: more credits ('编辑：宣传组｜审核：队办公室'), or an author and a posting time ('作者　某某　2026-03-02 08:40 发表于浙江')
_WEB_FOOTER = re.compile(
    r"^(?:(?:阅读|浏览|点赞|赞|在看|分享|转发|收藏|评论|留言|喜欢)(?:量|数)?\s*[:：]?\s*[\d.]+\s*[万wW+]?\s*){2,}$|"
    r"^(?:(?:编辑|责编|责任编辑|审核|审校|校对|排版|美编|作者|撰稿|文字|摄影|图片|初审|复审|终审|监制)\s*[:：]\s*"
    r"[^:：｜|丨/／]{1,20}?\s*(?:[｜|丨/／]\s*|$)){2,}$|"
    r"^(?:原创|作者)?[\s\S]{0,30}?\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*\d{1,2}:\d{2}(?:\s*发表于\S{0,6})?$")
#: Matching anywhere, whatever the length of the line.
_NOISE_ANY = re.compile(r"^摘要[:：]|全文共[:：]?\s*\d+\s*字")
#: a sentence of the plan stating who does what ('游客服务队：游客中心主任任队长，负责接待投诉游客…'): never furniture,
#: whatever word of a page's furniture it holds; nor is one giving a time limit ('乘客服务队于2个工作日内回复。')
_DUTY_SENTENCE = re.compile(r"[，,](?:[^。]*?)(?:负责|担任|牵头|\d+\s*(?:分钟|小时|个?工作日|天)(?:以|之)?内)[^。]*。$")
#: a row of a table with three columns or more is the plan's, whatever word it holds ('| 客户沟通组 | 客户服务中心 |')
def _TABLE_ROW(t: str) -> bool:
    return len(row_cells(t) or ()) >= 3


_PAGE_COUNTER = re.compile(r"^(?:第?\s*\d{1,4}\s*(?:/|页,?\s*共)\s*\d{1,4}\s*页?|-\s*\d{1,4}\s*-|\d{1,4}|第\s*\d{1,4}\s*页)$")
_PAGE_MARK = re.compile(r"^(\d{1,3})、\s*")
_END = "。！？；;!?：:”\"」）)"


def clean(paras: tuple[Para, ...]) -> tuple[list[Para], list[Para]]:
    """(kept paragraphs, dropped paragraphs)."""
    kept: list[Para] = []
    dropped: list[Para] = []
    for p in paras:
        t = p.text
        if _PAGE_COUNTER.match(t) or _NOISE_ANY.search(t) or _WEB_FOOTER.match(t) or (len(t) <= 80 and _NOISE_SHORT.search(t)
                                                                       and not _DUTY_SENTENCE.search(t)
                                                                       and not _TABLE_ROW(t)):
            dropped.append(p)
            continue
        kept.append(p)
    return _join_page_breaks(kept), dropped


def _join_page_breaks(paras: list[Para]) -> list[Para]:
    """Some sharing sites number their pages '1、', '2、' … at the start of each page, cutting sentences:
    when every such line forms the series 1, 2, 3 … and each follows a line that ends mid-sentence,
    the marks are removed and the pieces joined."""
    marks = [(i, int(m.group(1))) for i, p in enumerate(paras) if (m := _PAGE_MARK.match(p.text))]
    if len(marks) < 2 or [n for _, n in marks] != list(range(1, len(marks) + 1)):
        return paras
    if any(i == 0 or paras[i - 1].text[-1] in _END for i, _ in marks[1:]):
        return paras
    out: list[Para] = []
    mark_at = {i for i, _ in marks}
    for i, p in enumerate(paras):
        text = _PAGE_MARK.sub("", p.text, count=1) if i in mark_at else p.text
        if i in mark_at and out and i != marks[0][0]:
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(p, text=text))
    return out
