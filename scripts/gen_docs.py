"""Regenerate what the docs and editors take from the code: the JSON Schemas in
schemas/, the field reference docs/reference.md and the rule list docs/rules.md.

    python scripts/gen_docs.py          write them
    python scripts/gen_docs.py --check  exit 1 if any is out of date (the tests run this)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.load.repo  # noqa: E402,F401  (registers the loader's codes)
from generator.findings import CODES  # noqa: E402
from generator.rules import RULES  # noqa: E402
from generator.schema import DOCUMENTS, field_reference, json_schema  # noqa: E402

FOUND_BY = [("file", "文件与编码"), ("schema", "格式（键、类型、取值）"), ("rule", "内容规则")]


def rules_doc() -> str:
    docs = {r.code: r.doc for r in RULES}
    out = ["<!-- 由 scripts/gen_docs.py 从规则注册表生成，请勿手改。 -->", "", "# 检查规则一览", "",
           "`planbook check` 报告的每个问题都有一个稳定的代码。严重程度可在 planbook.yml 中按代码调整：",
           "", "```yaml", "rules:", "  P503: error    # 超期未评估按错误处理", "  P103: off      # 不提示建议章节",
           "```", ""]
    for found_by, title in FOUND_BY:
        out += [f"## {title}", ""]
        for code in sorted(c for c, v in CODES.items() if v.found_by == found_by):
            c = CODES[code]
            out += [f"### {code} {c.summary}", "", f"- 默认级别：`{c.severity.value}`",
                    f"- 消息：{c.zh}", f"- Message: {c.en}"]
            if c.hint_zh and not c.hint_zh.startswith("{"):
                out.append(f"- 提示：{c.hint_zh}")
            if docs.get(code):
                out += ["", docs[code]]
            out.append("")
    return "\n".join(out)


def outputs() -> dict[Path, str]:
    files = {ROOT / "docs" / "reference.md": "# 文件格式字段参考\n\n" + field_reference() + "\n",
             ROOT / "docs" / "rules.md": rules_doc()}
    for kind, (_, filename, _) in DOCUMENTS.items():
        files[ROOT / "schemas" / filename] = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    return files


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for path, text in outputs().items():
        current = path.read_text("utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT))
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
    if check and stale:
        print("out of date (run python scripts/gen_docs.py):", *stale, sep="\n  ")
        return 1
    for p in stale:
        print("wrote", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
