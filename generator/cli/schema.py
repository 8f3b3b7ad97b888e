"""``planbook schema``: write the JSON Schema files that editors use to validate as you type."""
from __future__ import annotations

import json
import os

import click

from . import main


@main.command()
@click.option("-o", "--output", type=click.Path(file_okay=False), default="schemas", show_default=True,
              help="写入的目录。")
def schema(output: str) -> None:
    """生成预案、通讯录、案例和 planbook.yml 的 JSON Schema 文件。

    \b
    在 YAML 文件第一行写上
      # yaml-language-server: $schema=../../schemas/plan.schema.json
    VS Code（YAML 插件）等编辑器即可边写边检查。
    """
    from ..schema import DOCUMENTS, json_schema
    os.makedirs(output, exist_ok=True)
    for kind, (_, filename, _) in DOCUMENTS.items():
        path = os.path.join(output, filename)
        text = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        click.echo(path)
