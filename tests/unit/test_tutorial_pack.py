"""The built-in tutorial: short, and it teaches what it says it teaches."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from quiz.model.article import Article
from quiz.store.packs import load_pack, read_source_text, source_text_path

TUTORIAL = Path(__file__).resolve().parents[2] / "questions" / "tutorial.toml"


def test_the_tutorial_is_short_and_teaches_each_verdict_and_who_says_so() -> None:
    pack = load_pack(TUTORIAL)
    assert pack.id == "tutorial"
    assert 6 <= len(pack.questions) <= 8
    verdicts = Counter(q.answer for q in pack.questions if q.kind == "verdict")
    # One clear example of each verdict, then a second "not stated": not stated is not false.
    assert verdicts == {"supported": 1, "contradicted": 1, "not-stated": 2}
    sourcing = [q for q in pack.questions if "sourcing" in q.tags]
    answers = " ".join(q.answer for q in sourcing)
    assert "Dana Ortiz" in answers and "not named" in answers and "appear to be" in answers
    assert {q.kind for q in pack.questions} == {"verdict", "choice", "number"}


def test_the_explanations_name_the_keys() -> None:
    explanations = " ".join(q.explanation for q in load_pack(TUTORIAL).questions)
    for key in ("key 1", "key 2", "key 3", "arrow keys", "Enter", "r reads", "s checks", "?"):
        assert key in explanations


def test_every_quote_is_in_the_tutorials_own_invented_story() -> None:
    pack = load_pack(TUTORIAL)
    path = source_text_path(pack)
    assert path is not None and path.name == "tutorial.txt"
    text = read_source_text(path)
    assert "invented" in text  # the story says it is made up
    article = Article.parse(text)
    for question in pack.questions:
        assert len(article.locate_all(question.evidence)) == len(question.evidence), question.id
