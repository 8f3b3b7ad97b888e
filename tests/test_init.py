"""``planbook init``: every office type gives a repository that passes check and builds,
without any of the bundled examples' people, and an existing folder is never overwritten."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli

TYPES = ["township", "school", "company", "bureau"]


def example_people() -> tuple[set[str], set[str]]:
    """Names and phone numbers of the people in the bundled example rosters."""
    names, phones = set(), set()
    for path in (ROOT / "plans" / "rosters").glob("*.yml"):
        for p in yaml.safe_load(path.read_text("utf-8")).get("people", []):
            names.add(p["name"])
            phones.update(str(x) for x in p.get("phones", []))
    return names, phones


@pytest.mark.parametrize("kind", TYPES)
def test_each_type_passes_check_and_builds(tmp_path: Path, kind: str):
    target = tmp_path / "office"
    r = run_cli("init", str(target), "--type", kind, "--office", "安平镇人民政府", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (target / ".git").is_dir()
    for rel in ("planbook.yml", f"plans/{kind}/plan.yml", "plans/rosters/roster.yml", ".gitignore",
                ".pre-commit-config.yaml", ".gitlab-ci.yml", ".github/workflows/planbook.yml",
                "schemas/plan.schema.json"):
        assert (target / rel).is_file(), rel
    r = run_cli("check", cwd=target)
    assert r.returncode == 0 and "0 个错误" in r.stdout, r.stdout
    # the only warnings are the placeholders (P602), one for each name and phone still to fill in
    assert set(re.findall(r"warning\[(\w+)\]", r.stdout)) == {"P602"}, r.stdout
    r = run_cli("build", "--no-site", "--no-pdf", cwd=target)
    assert r.returncode == 0, r.stdout + r.stderr

    plan = yaml.safe_load((target / f"plans/{kind}/plan.yml").read_text("utf-8"))
    assert plan["title"].startswith("安平镇人民政府") and plan["status"] == "draft"
    roster = (target / "plans/rosters/roster.yml").read_text("utf-8")
    people = yaml.safe_load(roster)["people"]
    assert people and all(p["name"].endswith("（待填写）") for p in people)
    assert roster.count("# 待填写：手机号") == len(people)
    assert all(p["phones"] == ["待填写"] for p in people)  # never a valid-looking number
    names, phones = example_people()
    text = "\n".join(p.read_text("utf-8") for p in target.rglob("*")
                     if p.is_file() and ".git" not in p.parts and "schemas" not in p.parts)  # schemas: generated docs
    assert not [n for n in names if n in text]
    assert not [x for x in phones if x in re.findall(r"[\d-]{11,}", text)]


def test_ci_and_hook_configuration(tmp_path: Path):
    target = tmp_path / "office"
    assert run_cli("init", str(target), "--no-git", cwd=tmp_path).returncode == 0
    assert not (target / ".git").exists()
    assert (target / ".gitignore").read_text("utf-8").splitlines()[-1] == "/output/"
    hook = yaml.safe_load((target / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [r["repo"] for r in hook["repos"]] == ["local"]  # runs the installed planbook, fetches nothing
    (h,) = hook["repos"][0]["hooks"]
    assert (h["id"], h["entry"], h["language"], h["pass_filenames"]) == ("planbook-check", "planbook check", "system",
                                                                       False)
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["default"]["image"] == "$PLANBOOK_IMAGE"
    assert "sh ci/install-planbook.sh" in gitlab["default"]["before_script"]
    assert gitlab["check"]["artifacts"]["reports"]["junit"] == "planbook-check.xml"
    assert gitlab["build"]["artifacts"]["paths"] == ["output/site", "output/pdf"]
    assert gitlab["build"]["script"][-2:] == ["planbook fonts --strict", "planbook build"]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"] and "cp -r output/site public" in gitlab["pages"]["script"][0]
    gh = yaml.safe_load((target / ".github/workflows/planbook.yml").read_text("utf-8"))
    steps = gh["jobs"]["build"]["steps"]
    assert gh["jobs"]["build"]["needs"] == "check" and gh["jobs"]["build"]["runs-on"] == "self-hosted"
    assert gh["env"]["PLANBOOK_BUNDLE"] == "${{ vars.PLANBOOK_BUNDLE }}"
    assert {"run": "planbook check --format github"} in gh["jobs"]["check"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") and "output/pdf" in s["with"]["path"]
               for s in steps)
    assert not [s for job in gh["jobs"].values() for s in job["steps"] if "setup-python" in s.get("uses", "")]
    script = (target / "ci/install-planbook.sh").read_text("utf-8")
    assert subprocess.run(["sh", "-n", str(target / "ci/install-planbook.sh")]).returncode == 0
    assert "PLANBOOK_BUNDLE" in script and "PIP_INDEX_URL" in script


#: a URL with a host, a host:port, or a bare domain name (letters.letters with a known top-level domain)
HOST = re.compile(r"[a-z][a-z0-9+.-]*://[\w\[][^/\s\"'$]*|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|cn|dev|gov|edu|cloud)\b",
                  re.IGNORECASE)


def _text(path: Path) -> str:
    """A file's text; of a JSON Schema without its ``$schema`` and ``$id``: identifiers that editors know and
    never fetch (https://json-schema.org/draft/…, https://planbook.invalid/…)."""
    if path.suffix != ".json":
        return path.read_text("utf-8")

    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k not in ("$schema", "$id")}
        return [strip(x) for x in v] if isinstance(v, list) else v
    return json.dumps(strip(json.loads(path.read_text("utf-8"))), ensure_ascii=False)


@pytest.mark.parametrize("kind", TYPES)
def test_no_scaffold_file_names_an_outside_host(tmp_path: Path, kind: str):
    """The scaffold works inside an intranet: no file names github.com, PyPI, Docker Hub or any other host;
    the CI installs Planbook from the office's own bundle or mirror, given as a variable."""
    target = tmp_path / "office"
    assert run_cli("init", str(target), "--type", kind, "--no-git", cwd=tmp_path).returncode == 0
    files = [p for p in target.rglob("*") if p.is_file()]
    assert len(files) > 8
    named = {str(p.relative_to(target)): HOST.findall(_text(p)) for p in files}
    assert not {k: v for k, v in named.items() if v}
    assert HOST.findall("pip install -i https://pypi.org/simple x; image: docker.io/python") == [
        "https://pypi.org", "docker.io"]  # the pattern does find hosts
    gitlab = (target / ".gitlab-ci.yml").read_text("utf-8")
    assert "python:3.11" not in gitlab and "image: $PLANBOOK_IMAGE" in gitlab


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    target = tmp_path / "office"
    target.mkdir()
    (target / "notes.txt").write_text("已有的文件", "utf-8")
    r = run_cli("init", str(target), cwd=tmp_path)
    assert r.returncode == 2 and "不是空目录" in r.stderr and "Traceback" not in r.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_empty_existing_folder_and_git(tmp_path: Path):
    target = tmp_path / "office"
    target.mkdir()
    r = run_cli("init", str(target), "--type", "school", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    branch = subprocess.run(["git", "-C", str(target), "symbolic-ref", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    assert branch == "main"


def test_untouched_roster_fails_check_once_the_plan_is_approved(tmp_path: Path):
    """The scaffold's placeholders are warnings in a draft and errors once the plan is approved."""
    target = tmp_path / "office"
    assert run_cli("init", str(target), "--no-git", "--office", "安平镇人民政府", cwd=tmp_path).returncode == 0
    plan = target / "plans/township/plan.yml"
    plan.write_text(plan.read_text("utf-8").replace("status: draft", "status: approved", 1), "utf-8")
    r = run_cli("check", cwd=target)
    assert r.returncode == 1, r.stdout
    roster_errors = re.findall(r"plans/rosters/roster.yml:(\d+):\d+: error\[P601\] “([^”]+)”", r.stdout)
    names = {text for _, text in roster_errors}
    assert "党委书记（待填写）" in names and "待填写" in names, r.stdout
    assert "warning[P602]" not in r.stdout
