"""``planbook init``: scaffold a new office repository."""
from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--type", "office_type", type=click.Choice(["township", "school", "company", "bureau"]),
              default="township", show_default=True,
              help="单位类型：township 乡镇（街道）/ school 学校 / company 企业 / bureau 政府部门。")
@click.option("--office", default="", help="单位全称，如 安平镇人民政府（默认写占位名称，之后在 planbook.yml 中修改）。")
@click.option("--git/--no-git", "use_git", default=True, show_default=True, help="在新目录中 git init。")
def init(directory: str, office_type: str, office: str, use_git: bool) -> None:
    """新建一个单位的 Planbook 库：planbook.yml、起步预案和通讯录、.gitignore、
    本地的 pre-commit 钩子和 GitLab / GitHub 的 CI 配置（只用单位内网，见 docs/init.md）。

    \b
    DIRECTORY 须为空目录或尚不存在。预案和通讯录中的人员、电话都是占位（待填写），请换成本单位的。
    """
    from ..scaffold import OFFICE_TYPES, InitOptions, scaffold

    options = InitOptions(Path(directory), office_type, office, use_git)
    done = scaffold(options)
    for rel in done.files:
        click.echo(f"  {rel}")
    click.echo(f"已生成{OFFICE_TYPES[office_type]}的 Planbook 库 (created)：{done.root}"
               + ("（已 git init）" if done.git else ""))
    click.echo("下一步：\n"
               f"  1. 把 plans/rosters/roster.yml 中“待填写”的人员和电话换成本单位的，按实际修改 plans/{done.plan_id}/plan.yml；\n"
               f"  2. cd {directory} && planbook check；\n"
               "  3. pre-commit install（提交前自动检查）；然后 git add . && git commit；\n"
               "  4. CI：在 GitLab 的 CI/CD 变量中设置 PLANBOOK_BUNDLE（离线安装包）或 PIP_INDEX_URL，见 docs/init.md。")
