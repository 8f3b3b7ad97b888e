"""planbook.yml: settings of one office's repository."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..findings import Severity
from .common import Limit, LimitUnit, Period, Record, fld


@dataclass(frozen=True, kw_only=True, slots=True)
class Office(Record):
    name: str = fld("单位全称", example="安平镇人民政府")
    short_name: str = fld("简称", "")


@dataclass(frozen=True, kw_only=True, slots=True)
class Site(Record):
    name: str = fld("站点名称（默认“<单位简称>网络舆情应急预案”）", "")
    url: str = fld("内网站点的地址（只能是 http:// 或 https://）：应急响应卡上的二维码据此打开该级别的响应页，"
                   "也作为 MkDocs 的 site_url；不写则不印二维码", "", example="http://yuqing.example.gov.cn/")
    logo: str = fld("标志图片（相对于库根目录的路径，如 assets/logo.png）", "")
    favicon: str = fld("浏览器标签图标（路径）", "")
    primary: str = fld("主色：Material 的配色名（如 red、indigo）", "red")
    accent: str = fld("强调色：Material 的配色名", "red")
    extra_css: tuple[str, ...] = fld("额外的样式表（路径，相对于库根目录）", factory=tuple)
    mkdocs: Mapping[str, Any] = fld("并入生成的 mkdocs.yml 的 MkDocs 选项：只接受 copyright、site_description、"
                                    "site_author、theme.features、extra 下单位自己的文字项和几个 Markdown 扩展"
                                    "（见 docs/output.md）；其余由 Planbook 决定，不能写", factory=dict)
    review_warning: Limit = fld("首页提前多久提醒预案到期评估修订（天数，如 60天、90d）；已超期的总会列出",
                                Limit("60天", LimitUnit.days, 60.0), example="60天")


@dataclass(frozen=True, kw_only=True, slots=True)
class Fonts(Record):
    fangsong: tuple[str, ...] = fld("仿宋（正文）：字体文件（相对于库根目录，.ttf/.otf/.ttc）或本机已安装的字体名"
                                    "（如 仿宋_GB2312），按顺序取第一个找到的；不写时依次找本机的公文字体、Fandol、Noto",
                                    factory=tuple, example=["fonts/仿宋_GB2312.ttf", "仿宋_GB2312"])
    xiaobiaosong: tuple[str, ...] = fld("小标宋（标题、发文机关标志）：字体文件或字体名（如 方正小标宋简体）", factory=tuple)
    song: tuple[str, ...] = fld("宋体（页码、表格）：字体文件或字体名", factory=tuple)
    hei: tuple[str, ...] = fld("黑体（一级标题）：字体文件或字体名", factory=tuple)
    kai: tuple[str, ...] = fld("楷体（二级标题、签发人姓名）：字体文件或字体名（如 楷体_GB2312）", factory=tuple)


@dataclass(frozen=True, kw_only=True, slots=True)
class Signing(Record):
    certificate: str = fld("单位的 PKCS#12 证书文件（.p12/.pfx）路径；口令从环境变量 PLANBOOK_SIGN_PASSPHRASE "
                           "读取或运行时输入，不要写在库中", "")
    timestamp_url: str = fld("时间戳服务器地址（RFC 3161）；不写则不加时间戳", "")
    reason: str = fld("签名原因", "预案正式文本")
    location: str = fld("签名地点", "")
    seal: str = fld("单位印章图片（PNG 或 SVG，透明背景，相对于库根目录，须在库中）：签名时盖在预案的发文机关署名和成文日期上；"
                    "不写则在印章位置下方印一个文字签名块", "", example="assets/seal.png")
    trust: tuple[str, ...] = fld("验证签名时信任的根证书（PEM 文件，相对于库根目录）；planbook verify 的 --trust 可再追加",
                                 factory=tuple, example=["certs/root.pem"])


@dataclass(frozen=True, kw_only=True, slots=True)
class Config(Record):
    office: Office = fld("本单位")
    timezone: str = fld("时区：案例中不带时区的时间按此理解", "Asia/Shanghai")
    review_cycle: Period = fld("预案评估修订周期：3年、18个月", Period("3年", 36), example="3年")
    drill_cycle: Period = fld("预案演练周期：每个现行预案在此期间内至少演练一次（默认 3年，单位可设得更短，如 1年）",
                              Period("3年", 36), example="1年")
    holidays: tuple[dt.date, ...] = fld("法定节假日（工作日时限跳过这些日子和周末）", factory=tuple,
                                        example=["2025-10-01", "2025-10-02"])
    workdays: tuple[dt.date, ...] = fld("调休上班的周末日期（工作日时限计入）", factory=tuple, example=["2025-09-28"])
    rules: Mapping[str, Severity] = fld("按规则代码调整严重程度：error / warning / off", factory=dict,
                                        example={"P503": "warning"})
    site: Site = fld("内网站点的名称、标志、配色和额外的 MkDocs 选项", factory=Site)
    fonts: Fonts = fld("公文 PDF 使用的字体（文件或本机已安装的字体名，如 仿宋_GB2312）；不写则依次用本机的公文字体、Fandol、Noto",
                       factory=Fonts)
    signing: Signing = fld("PDF 签名设置", factory=Signing)
