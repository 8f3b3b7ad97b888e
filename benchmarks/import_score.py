"""Score `planbook import` against the answer keys of tests/fixtures/import_corpus.

    python benchmarks/import_score.py [--part tuned|heldout|all] [--json] [-v] [NAME …]

For every file of the corpus the importer drafts its plans (nothing is written); the drafts are
compared with the file's answer key field by field, and precision (found and right / found) and recall
(found and right / in the key) are printed per field:

  sections   section titles (any depth; untitled sections are not counted as found)
  levels     a level is right when its name holds the key's word and its criteria the key's words
  bodies     body names (equal, or the one ends with the other)
  leaders    leader and deputy posts of each body: (body, leader|deputy, post)
  posts      named posts (新闻发言人, 联络员 …) with their holder when the key gives one
  deadlines  limits found (each key limit matched once)
  events     of the deadlines found, those with the right event
  cover      issuer and document number of a covering notice
  roster     people of the roster draft: the key's name, with the key's phone when it gives one (keys with a
             ``roster`` list only)
  flagged    phones of the key marked ``placeholder`` that the review list flags as placeholders
  plans      files whose plans were all found once, with the right titles

-v lists what was missed (-) and what was extra (+). NAME … scores only the files of the part so named (the stem:
``linjiang hexi``), e.g. the files of one round of the held-out part.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "import_corpus"
FIELDS = ("sections", "levels", "bodies", "leaders", "posts", "deadlines", "events", "cover", "roster", "flagged",
          "plans")
sys.path.insert(0, str(ROOT))


def norm(s: str) -> str:
    return re.sub(r"[\s，,。：:、（）()“”《》]", "", str(s))


def same_name(found: str, key: str) -> bool:
    f, k = norm(found), norm(key)
    return f == k or (len(k) >= 2 and f.endswith(k)) or (len(f) >= 4 and k.endswith(f))


def match(found: list, key: list, ok) -> tuple[int, list, list]:
    """Greedy one-to-one matching: (matched, missed key items, extra found items)."""
    left = list(found)
    missed = []
    n = 0
    for k in key:
        hit = next((i for i, f in enumerate(left) if ok(f, k)), None)
        if hit is None:
            missed.append(k)
        else:
            left.pop(hit)
            n += 1
    return n, missed, left


def titles(sections) -> list[str]:
    out = []
    for s in sections or []:
        if s.get("title"):
            out.append(s["title"])
        out.extend(titles(s.get("sections")))
    return out


def level_ok(f: dict, k: dict) -> bool:
    return k["name"] in f.get("name", "") and norm(k["criteria"]) in norm("".join(f.get("criteria", [])))


def body_of(pairs_body: str, key_body: str) -> bool:
    return same_name(pairs_body, key_body)


def score_plan(data: dict, key: dict, tally: dict, notes: list[str], drafted=None) -> None:
    def add(field: str, n: int, found: int, want: int, missed, extra) -> None:
        t = tally.setdefault(field, [0, 0, 0])
        t[0] += n
        t[1] += found
        t[2] += want
        for m in missed:
            notes.append(f"  - {field}: {m}")
        for e in extra:
            notes.append(f"  + {field}: {e}")

    found = titles(data.get("sections"))
    n, missed, extra = match(found, key.get("sections", []), lambda f, k: norm(f) == norm(k))
    add("sections", n, len(found), len(key.get("sections", [])), missed, extra)

    levels = data.get("levels") or []
    n, missed, extra = match(levels, key.get("levels", []), level_ok)
    add("levels", n, len(levels), len(key.get("levels", [])), missed,
        [(e.get("name"), e.get("criteria")) for e in extra])

    org = data.get("organization") or {}
    bodies = org.get("bodies") or []
    names = [b["name"] for b in bodies]
    n, missed, extra = match(names, key.get("bodies", []), same_name)
    add("bodies", n, len(names), len(key.get("bodies", [])), missed, extra)

    pairs = [(b["name"], "leader", r) for b in bodies for r in b.get("leader", [])]
    pairs += [(b["name"], "deputy", r) for b in bodies for r in b.get("deputies", [])]
    n, missed, extra = match(pairs, key.get("leaders", []),
                             lambda f, k: f[1] == k[1] and body_of(f[0], k[0]) and norm(f[2]) == norm(k[2]))
    add("leaders", n, len(pairs), len(key.get("leaders", [])), missed, extra)

    posts = org.get("posts") or []
    n, missed, extra = match(posts, key.get("posts", []),
                             lambda f, k: k["name"] in f["name"] and
                             ("holder" not in k or norm(k["holder"]) in [norm(h) for h in f.get("holder", [])]))
    add("posts", n, len(posts), len(key.get("posts", [])), missed,
        [(p["name"], p.get("holder")) for p in extra])

    dls = [(str(d["limit"]), d["event"]) for d in data.get("deadlines") or []]
    key_dl = [tuple(d) for d in key.get("deadlines", [])]
    n, missed, extra = match(dls, key_dl, lambda f, k: f[0] == k[0])
    add("deadlines", n, len(dls), len(key_dl), missed, extra)
    # events: among the limits found, is the event right?
    left = list(dls)
    right = 0
    wrong = []
    for k in key_dl:
        hit = next((i for i, f in enumerate(left) if f == k), None)
        if hit is None:
            hit = next((i for i, f in enumerate(left) if f[0] == k[0]), None)
            if hit is not None:
                wrong.append(f"{k} → {left[hit][1]}")
                left.pop(hit)
            continue
        left.pop(hit)
        right += 1
    add("events", right, right + len(wrong), right + len(wrong), wrong, [])

    if "roster" in key:
        people = (yaml.safe_load(drafted.roster)["people"] if drafted is not None and drafted.roster else [])
        n, missed, extra = match(people, key["roster"],
                                 lambda f, k: f["name"] == k["name"] and ("phone" not in k or k["phone"] in f.get("phones", [])))
        add("roster", n, len(people), len(key["roster"]), missed, [p["name"] for p in extra])
        want = [k["phone"] for k in key["roster"] if k.get("placeholder")]
        reasons = [r.reason for r in drafted.review] if drafted is not None else []
        flagged = [ph for ph in re.findall(r"电话“([^”]+)”像是占位", "\n".join(reasons))]
        n, missed, extra = match(flagged, want, lambda f, k: f == k)
        add("flagged", n, len(flagged), len(want), missed, extra)

    cover_keys = [k for k in ("issuer", "document_number") if k in key]
    got = [k for k in cover_keys if norm(data.get(k, "")) == norm(key[k])]
    found_cover = [k for k in ("issuer", "document_number") if data.get(k)]
    add("cover", len(got), len(found_cover), len(cover_keys), [k for k in cover_keys if k not in got],
        [k for k in found_cover if k not in got])


#: the corpus's plan files (anything else in a part's folder, such as the empty held-out part's .gitkeep, is not one)
PLAN_SUFFIXES = (".txt", ".md", ".docx")


def plan_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.suffix in PLAN_SUFFIXES] if folder.is_dir() else []


def score(part: str, verbose: bool = False, names: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    from generator.importer import import_file

    tally: dict[str, list[int]] = {}
    notes: list[str] = []
    files = sorted(p for q in (("tuned", "heldout") if part == "all" else (part,)) for p in plan_files(CORPUS / q))
    if names:
        files = [p for p in files if p.name.rsplit(".", 1)[0] in names]
    plans_ok = 0
    for path in files:
        key = yaml.safe_load(path.with_name(path.name.rsplit(".", 1)[0] + ".key.yml").read_text("utf-8"))["plans"]
        notes.append(f"{path.parent.name}/{path.name}")
        r = import_file(str(path), today=dt.date(2026, 1, 1))
        drafts = [yaml.safe_load(p.text) for p in r.plans]
        by_title = {norm(p.title): p for p in r.plans}
        got_titles = [d.get("title") for d in drafts]
        want_titles = [k["title"] for k in key]
        if [norm(t) for t in got_titles] == [norm(t) for t in want_titles]:
            plans_ok += 1
        else:
            notes.append(f"  ! plans: {got_titles} ≠ {want_titles}")
        for k in key:
            d = next((x for x in drafts if norm(x.get("title", "")) == norm(k["title"])), None)
            score_plan(d or {}, k, tally, notes, by_title.get(norm(k["title"])))
    tally["plans"] = [plans_ok, len(files), len(files)]
    if verbose:
        print("\n".join(notes))
    return {f: {"precision": (t[0] / t[1]) if t[1] else 1.0, "recall": (t[0] / t[2]) if t[2] else 1.0,
                "right": t[0], "found": t[1], "key": t[2]}
            for f in FIELDS for t in [tally.get(f, [0, 0, 0])]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("tuned", "heldout", "all"), default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("names", nargs="*", help="only these files (stems)")
    a = ap.parse_args()
    parts = [a.part] if a.part else ["tuned", "heldout"]
    result = {p: score(p, a.verbose, tuple(a.names)) for p in parts}
    if a.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for p, res in result.items():
        if res["plans"]["key"] == 0:
            print(f"{p:10s} (no files)")
            continue
        print(f"{p:10s} {'precision':>9s} {'recall':>7s}   right/found/key")
        for f in FIELDS:
            r = res[f]
            print(f"  {f:10s} {r['precision']:8.0%} {r['recall']:7.0%}   {r['right']}/{r['found']}/{r['key']}")


if __name__ == "__main__":
    main()
