"""Masking of each kind of personal data (training material and public builds)."""
from __future__ import annotations

from conftest import ROOT

from generator.load.repo import load_repository
from generator.privacy import Masker, anonymise_case, mask_mobile, names_in, pseudonym

M = Masker(frozenset({"周明远"}), ("青石老李", "桃溪小芳"))


def test_mobiles_are_masked_landlines_kept():
    assert mask_mobile("13800000123") == "138****0123"
    assert M.text("电话 139 0000 4567 或 138-0000-0001") == "电话 139****4567 或 138****0001"
    assert M.text("镇党政办电话 0123-5550101") == "镇党政办电话 0123-5550101"


def test_id_numbers_are_masked():
    assert M.text("身份证号110101199001011234，") == "身份证号110101********1234，"
    assert M.text("编号 2024000012345678") == "编号 2024000012345678"  # not an ID: not masked


def test_netizen_accounts_become_stable_pseudonyms():
    out = M.text("网友“青石老李”和“桃溪小芳”先后发帖，青石老李又跟帖。")
    assert out == "网友“网民A”和“网民B”先后发帖，网民A又跟帖。"


def test_known_and_detected_personal_names():
    out = M.text("副书记周明远接受采访。卫生院院长李红梅表示，村民王磊说没事。")
    assert "周明远" not in out and "李红梅" not in out and "王磊" not in out
    assert "周某某" in out and "李某某" in out and "王某" in out
    assert pseudonym("欧阳明") == "欧阳某"


def test_plain_words_are_not_taken_for_names():
    text = "经查明，高峰时段停电，安置费明显增加，向镇政府反映，周五前答复。青石镇石岭村由县委宣传部指导。"
    assert names_in(text) == set()
    assert M.text(text) == text


def test_anonymised_example_cases_hold_no_roster_name_author_or_mobile():
    repo = load_repository(str(ROOT)).repo
    names = [p.name for r in repo.rosters for p in r.people]
    for case in repo.cases:
        a = anonymise_case(case, names)
        blob = "\n".join([a.title, a.body, a.outcome, *a.lessons, *a.measures, *a.questions,
                          *(s.quote + s.author + s.title for s in a.sources), *(e.note for e in a.timeline)])
        for s in case.sources:
            if s.author:
                assert s.author not in blob, (case.id, s.author)
        assert not [n for n in names if n in blob], case.id
        assert not __import__("re").search(r"(?<!\d)1[3-9]\d{9}(?!\d)", blob), case.id


def test_anonymised_sources_keep_platform_and_title_but_drop_the_link():
    repo = load_repository(str(ROOT)).repo
    linked = [c for c in repo.cases if any(s.url for s in c.sources)]
    assert linked, "the examples have sources with links"
    for case in linked:
        a = anonymise_case(case)
        assert [s.platform for s in a.sources] == [s.platform for s in case.sources]
        assert all(s.url == "" for s in a.sources), case.id


def test_masked_texts_are_saved_and_reused_by_the_next_build(tmp_path):
    import json

    import generator.privacy as privacy
    first = tmp_path / "first.json"
    with privacy.remembered(None, first):
        assert M.text("村民王磊打电话 13800000123") == "村民王某打电话 138****0123"
    saved = json.loads(first.read_text("utf-8"))
    assert list(saved.values()) == ["村民王某打电话 138****0123"]  # masked texts only: no name, no number
    # the next build takes the saved text as it is (here: planted, to see that it is not masked again)
    (key,) = saved
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps({key: "来自上次构建"}, ensure_ascii=False), "utf-8")
    privacy._MEMO.clear()
    second = tmp_path / "second.json"
    with privacy.remembered(planted, second):
        assert M.text("村民王磊打电话 13800000123") == "来自上次构建"
        assert M.text("另一段") == "另一段"
    assert len(json.loads(second.read_text("utf-8"))) == 2  # only what this build used
    privacy._MEMO.clear()


def test_a_summary_masks_what_a_list_shows_and_leaves_out_the_rest():
    from generator.privacy import anonymise_summary
    repo = load_repository(str(ROOT)).repo
    names = [p.name for r in repo.rosters for p in r.people]
    for case in repo.cases:
        full, short = anonymise_case(case, names), anonymise_summary(case, names)
        assert (short.title, short.lessons, short.questions) == (full.title, full.lessons, full.questions)
        assert not (short.sources or short.timeline or short.measures or short.follow_up or short.body or short.outcome)
