"""The bundled examples, the published JSON Schemas and the generated docs."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import MINIMAL, ROOT, check_repo

SCHEMAS = ROOT / "schemas"


def _plain(node: yaml.Node):
    """YAML as an editor's language server sees it (YAML 1.2: dates stay strings)."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "int":
        return int(node.value)
    if tag == "float":
        return float(node.value)
    if tag == "bool":
        return node.value.lower() in ("true", "yes", "on")
    if tag == "null":
        return None
    return node.value


def _documents(root: Path):
    from generator.load.repo import discover, split_front_matter
    plans, rosters, cases, _ = discover(str(root))
    for rel in plans:
        yield "plan.schema.json", rel, (root / rel).read_text("utf-8")
    for rel in rosters:
        yield "roster.schema.json", rel, (root / rel).read_text("utf-8")
    for rel in cases:
        yield "case.schema.json", rel, split_front_matter((root / rel).read_text("utf-8"))[0]
    yield "planbook.schema.json", "planbook.yml", (root / "planbook.yml").read_text("utf-8")


def test_examples_have_no_findings_but_the_late_cases():
    """The examples are clean, except the deadline warnings of the cases written as late
    (test_compliance.py asserts exactly which)."""
    findings = check_repo(ROOT, dt.date(2026, 11, 21))
    assert [f"{f.loc} {f.code} {f.message()}" for f in findings if f.code not in ("C301", "C302", "D206")] == []
    # the drill drawn from case 2025-003 found the first response late, as its findings say
    assert [(f.loc.path, f.args["name"]) for f in findings if f.code == "D206"] == [
        ("drills/2025/2025-D01.md", "发出权威声音")]


def test_examples_have_two_drills_one_from_a_case():
    from generator.load.repo import load_repository
    repo = load_repository(str(ROOT)).repo
    assert len(repo.drills) >= 2 and any(d.from_case for d in repo.drills)
    assert {d.form.value for d in repo.drills} >= {"tabletop", "live"}


def test_examples_are_what_the_issue_asks_for():
    from generator.load.repo import load_repository
    repo = load_repository(str(ROOT)).repo
    kinds = {p.kind.value for p in repo.plans}
    assert {"emergency_plan", "implementation_plan", "measures"} <= kinds
    assert len([p for p in repo.plans if p.status.value != "superseded"]) >= 5
    assert any(p.numbering.value == "articles" for p in repo.plans)
    assert any(len(p.levels) == 4 for p in repo.plans)
    assert repo.rosters
    assert len(repo.cases) >= 15
    assert len({c.discovered.year for c in repo.cases}) >= 2
    assert len({c.level for c in repo.cases}) >= 3 and len({c.category for c in repo.cases}) >= 4


@pytest.mark.parametrize("root", [ROOT, MINIMAL], ids=["examples", "fixture"])
def test_json_schemas_validate_the_files(root: Path):
    validators = {}
    for schema_name, rel, text in _documents(root):
        if schema_name not in validators:
            schema = json.loads((SCHEMAS / schema_name).read_text("utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            validators[schema_name] = jsonschema.Draft202012Validator(schema)
        data = _plain(yaml.compose(text, Loader=yaml.CSafeLoader))
        errors = [f"{rel}: {'/'.join(map(str, e.path))}: {e.message}" for e in validators[schema_name].iter_errors(data)]
        assert errors == []


def test_json_schema_rejects_what_check_rejects():
    schema = json.loads((SCHEMAS / "plan.schema.json").read_text("utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    good = _plain(yaml.compose((MINIMAL / "plans/demo/plan.yml").read_text("utf-8"), Loader=yaml.CSafeLoader))
    assert not list(v.iter_errors(good))
    for broken in ({**good, "titel": "x"}, {**good, "kind": "plan"}, {k: x for k, x in good.items() if k != "title"},
                   {**good, "deadlines": [{**good["deadlines"][0], "limit": "很快"}]}):
        assert list(v.iter_errors(broken))


def test_generated_schemas_and_docs_are_current():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_docs_describe_every_field():
    import dataclasses

    from generator.load.build import written_fields
    from generator.schema import DOCUMENTS, _records
    text = (ROOT / "docs" / "reference.md").read_text("utf-8")
    for cls, _, _ in DOCUMENTS.values():
        for rec in _records(cls, []):
            assert f"### {rec.__name__}" in text
            for f, _ in written_fields(rec):
                assert f"| `{f.name}` |" in text and f.metadata["doc"]
    assert dataclasses.is_dataclass(cls)
