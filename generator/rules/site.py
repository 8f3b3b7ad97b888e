"""planbook.yml's site, font and trust settings: only what Planbook allows, nothing loaded from outside the site,
no path out of the repository.  The site's renderer refuses the same things again (its last guard); this is where
``planbook check`` reports them with their line."""
from __future__ import annotations

from ..settings import COLOURS, inside, outside, refused_options
from .registry import Context, hit, rule


@rule("K201", "error", "planbook.yml 的 site.mkdocs 不能写 {key}（{value}）",
      "planbook.yml's site.mkdocs may not set {key} ({value})",
      "site.mkdocs 只接受 copyright、site_description、site_author、theme.features、extra 下单位自己的文字项和"
      "docs/output.md 列出的 Markdown 扩展；名称、配色、标志和样式表写在 site 的对应项中。",
      "site.mkdocs takes only copyright, site_description, site_author, theme.features, the office's own text items "
      "under extra and the Markdown extensions listed in docs/output.md; the name, colours, logo and style sheets "
      "have their own items under site.", summary="site.mkdocs 中不允许的项", guard=True)
def mkdocs_options(ctx: Context):
    """site.mkdocs 只接受允许的项：模板目录、插件、钩子等会在生成时运行单位库以外的代码。"""
    site = ctx.repo.config.site
    for key, value in refused_options(site.mkdocs):
        if not outside(key):
            yield hit(site.at("mkdocs"), key=key, value=value)


@rule("K202", "error", "planbook.yml 的 site.mkdocs 中的 {key}（{value}）会让站点从外部加载内容",
      "planbook.yml's site.mkdocs item {key} ({value}) would make the site load from outside itself",
      "内网站点不访问外部：字体用浏览器自带的中文字体，样式表写在 site.extra_css（库中的文件），不加统计代码。",
      "The intranet site requests nothing outside itself: the browser's own fonts, style sheets as files of the "
      "repository in site.extra_css, no analytics.", summary="站点从外部加载内容", guard=True)
def outside_requests(ctx: Context):
    """站点不能从外部加载字体、脚本、样式表或统计代码。"""
    site = ctx.repo.config.site
    for key, value in refused_options(site.mkdocs):
        if outside(key):
            yield hit(site.at("mkdocs"), key=key, value=value)


@rule("K203", "error", "planbook.yml 的 {key} 中的路径“{path}”不在库中",
      "the path '{path}' in planbook.yml's {key} is not inside the repository",
      "写相对于库根目录的路径（如 assets/logo.png），不用绝对路径、“..”或网址。",
      "Write a path relative to the repository's root (such as assets/logo.png): no absolute path, '..' or address.",
      summary="planbook.yml 中的路径不在库中", guard=True)
def paths_inside(ctx: Context):
    """标志、样式表、字体和根证书的路径都在库中（签名证书除外：私钥不应放在库中）。"""
    cfg = ctx.repo.config
    fields = [(cfg.site, "site", "logo"), (cfg.site, "site", "favicon"), (cfg.site, "site", "extra_css"),
              *((cfg.fonts, "fonts", f) for f in ("fangsong", "xiaobiaosong", "song", "hei", "kai")),
              (cfg.signing, "signing", "trust")]
    for record, section, name in fields:
        value = getattr(record, name)
        for i, path in enumerate(value if isinstance(value, tuple) else (value,) if value else ()):
            if not inside(path):
                yield hit(record.at(name, i if isinstance(value, tuple) else None), key=f"{section}.{name}",
                          path=path)


@rule("K204", "error", "planbook.yml 的 site.{key} 不是 Material 的配色名：“{value}”",
      "planbook.yml's site.{key} is not one of Material's colour names: '{value}'",
      "可写：" + "、".join(sorted(COLOURS)) + "。", "One of: " + ", ".join(sorted(COLOURS)) + ".",
      summary="未知的配色名", guard=True)
def colours(ctx: Context):
    """site.primary 和 site.accent 是 Material 的配色名（它们被写进每个页面的属性中）。"""
    site = ctx.repo.config.site
    for key in ("primary", "accent"):
        if getattr(site, key) not in COLOURS:
            yield hit(site.at(key), key=key, value=getattr(site, key))
