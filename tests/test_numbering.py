"""One numbering of a plan's sections (numbering.numbered_sections): the site, the official PDF and the
change table print the same numbers, also for a plan numbered by articles without chapters."""
from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT

from generator.diff.compare import compare
from generator.load.repo import load_repository
from generator.numbering import numbered_sections, walk
from generator.pdf.documents import _section_views
from generator.site.pages import plan_blocks


@pytest.fixture(scope="module")
def measures():
    return next(p for p in load_repository(str(ROOT)).repo.plans if p.id == "qingshi-measures")


def articles_only(plan):
    """The measures with their chapters taken out: articles from 第一条 on, no 第X章."""
    articles = tuple(a for chapter in plan.sections for a in (chapter.sections or (chapter,)))
    return dataclasses.replace(plan, sections=articles)


def pdf_numbers(plan) -> list[str]:
    def flat(views):
        for v in views:
            yield v["label"]
            yield from flat(v["children"])
    return list(flat(_section_views(numbered_sections(plan))))


def change_numbers(plan) -> list[str]:
    """The number each section carries in a change table (every section's text edited, so each one is a row)."""
    edited = dataclasses.replace(plan, sections=tuple(_edit(s) for s in plan.sections))
    rows = [c for c in compare(plan, edited).changes if c.what.value == "section"]
    return [c.new_path.split(" › ")[-1][: len(n)] for c, n in zip(rows, _numbers(plan), strict=True)]


def _edit(s):
    return dataclasses.replace(s, text=s.text + "（改）", sections=tuple(_edit(c) for c in s.sections))


def _numbers(plan) -> list[str]:
    return [n.number for n in walk(numbered_sections(plan))]


def test_articles_without_chapters_are_articles_everywhere(measures):
    plan = articles_only(measures)
    expected = _numbers(plan)
    assert expected[:3] == ["第一条", "第二条", "第三条"] and not any(n.endswith("章") for n in expected)
    assert [b.number for b in plan_blocks(plan)] == expected
    assert pdf_numbers(plan) == expected
    assert change_numbers(plan) == expected


def test_chapters_and_articles_agree_in_all_three(measures):
    expected = _numbers(measures)
    assert expected[:3] == ["第一章", "第一条", "第二条"]
    assert [b.number for b in plan_blocks(measures)] == expected
    assert pdf_numbers(measures) == expected
    assert change_numbers(measures) == expected


def test_items_under_an_article_are_items_not_articles(measures):
    chapter = measures.sections[0]
    article = dataclasses.replace(chapter.sections[0], sections=(
        dataclasses.replace(chapter.sections[1], id="i1", title=None, sections=()),
        dataclasses.replace(chapter.sections[2], id="i2", title=None, sections=())))
    plan = dataclasses.replace(measures, sections=(
        dataclasses.replace(chapter, sections=(article, *chapter.sections[1:])), *measures.sections[1:]))
    numbers = _numbers(plan)
    assert numbers[:5] == ["第一章", "第一条", "（一）", "（二）", "第二条"]
    assert [b.number for b in plan_blocks(plan)] == numbers == pdf_numbers(plan) == change_numbers(plan)
