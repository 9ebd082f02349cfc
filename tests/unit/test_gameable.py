"""What makes a pack gameable: each warning on a minimal pack that has it and one that does not."""

from __future__ import annotations

from typing import Any

import pytest
import tomli_w

from quiz.model.gameable import (
    MIN_FOR_BALANCE,
    balance,
    giveaways,
    names_its_source,
    review,
    surface_cues,
)
from quiz.model.pack import Pack
from quiz.model.validate import parse_pack


def question(qid: str, kind: str, prompt: str, answer: Any, **extra: Any) -> dict[str, Any]:
    """One question table; evidence and explanation default to something valid."""
    table = {"id": qid, "kind": kind, "prompt": prompt, "answer": answer}
    table["evidence"] = extra.pop("evidence", ["A quote."])
    table["explanation"] = "Because."
    table.update(extra)
    return table


def pack(*questions: dict[str, Any]) -> Pack:
    document = {"format": 1, "pack": {"id": "p", "title": "P"}, "questions": list(questions)}
    return parse_pack(tomli_w.dumps(document).encode("utf-8"))


def messages(findings: list) -> list[tuple[str | None, str | None, str]]:
    return [(f.question, f.field, f.message) for f in findings]


FORCES_COUNT = question(
    "forces-count",
    "number",
    "How many U.S. forces does the Pentagon count inside Iraq?",
    1600,
    evidence=["more than 1,600 U.S. forces inside Iraq"],
)


@pytest.mark.parametrize("written", ["1,600", "1600"])
def test_a_number_answer_in_another_prompt_is_a_give_away(written):
    combat = question(
        "forces-combat",
        "verdict",
        f"The {written} U.S. forces inside Iraq engage in combat.",
        "contradicted",
    )

    found = giveaways(pack(FORCES_COUNT, combat))

    assert messages(found) == [
        ("forces-combat", "prompt", f"give-away: \"{written}\" answers question 'forces-count'")
    ]


def test_a_small_number_answer_is_found_written_as_a_word():
    count = question("militia-count", "number", "How many of the largest militias warned Obama?", 3)
    warned = question(
        "militias-warned",
        "verdict",
        "The three largest militias warned Obama to send troops.",
        "contradicted",
    )

    found = giveaways(pack(count, warned))

    assert [(f.question, f.message) for f in found] == [
        ("militias-warned", "give-away: \"three\" answers question 'militia-count'")
    ]


def test_the_same_number_about_something_else_gives_nothing_away():
    books = question("books", "verdict", "The library lost 1,600 books.", "supported")

    assert giveaways(pack(FORCES_COUNT, books)) == []


KAGAN_ROLE = question(
    "kagan-role",
    "choice",
    "How does the article identify Kimberly Kagan?",
    "As president of the Institute for the Study of War",
    choices=[
        "As president of the Institute for the Study of War",
        "As a Pentagon spokeswoman",
        "As an intelligence official",
    ],
)


def test_a_distractor_that_pairs_the_subject_with_the_answer_is_a_give_away():
    who = question(
        "who-said",
        "choice",
        "Who said the talks would fail?",
        "An unnamed official",
        choices=["An unnamed official", "Kimberly Kagan of the Institute for the Study of War"],
    )

    found = giveaways(pack(KAGAN_ROLE, who))

    assert messages(found) == [
        (
            "who-said",
            "choices[2]",
            "give-away: \"Institute for the Study of War\" answers question 'kagan-role'",
        )
    ]


def test_a_choice_answer_in_an_unrelated_question_gives_nothing_away():
    unrelated = question(
        "war-study",
        "verdict",
        "The Institute for the Study of War published a map of the front.",
        "not-stated",
    )

    assert giveaways(pack(KAGAN_ROLE, unrelated)) == []


def test_a_name_in_a_claim_about_the_same_remark_answers_who_made_it():
    who = question(
        "who-resentment",
        "choice",
        "Who said foreign forces in Iraq create domestic resentment?",
        "Foreign minister Javad Zarif",
        choices=["Foreign minister Javad Zarif", "Kimberly Kagan", "An unnamed official"],
    )
    venue = question(
        "zarif-venue",
        "verdict",
        "Javad Zarif spoke about foreign forces in Iraq at the United Nations.",
        "not-stated",
    )

    found = giveaways(pack(who, venue))

    assert [(f.question, f.message) for f in found] == [
        ("zarif-venue", "give-away: \"Javad Zarif\" answers question 'who-resentment'")
    ]


def test_a_figure_of_a_claims_evidence_stated_elsewhere_is_a_give_away():
    five_hundred = question(
        "troops-500",
        "verdict",
        "The Quds Force has about 500 troops in Iraq.",
        "not-stated",
        evidence=["are believed to have hundreds of troops in Iraq"],
    )
    hedge = question(
        "hedge",
        "verdict",
        "The size of the force is a belief: it is believed to have hundreds of troops.",
        "supported",
    )

    found = giveaways(pack(five_hundred, hedge))

    assert [(f.question, f.message) for f in found] == [
        ("hedge", "give-away: \"hundreds\" answers question 'troops-500'")
    ]


def test_a_claim_without_a_figure_gives_its_evidence_figures_no_weight():
    insurance = question(
        "insurance",
        "verdict",
        "Insurance paid the whole cost of the repairs.",
        "contradicted",
        evidence=["Repairs cost $1.2 million, paid mostly by insurance"],
    )
    cost = question("cost", "number", "What did the repairs cost, in millions?", 1.2)

    assert giveaways(pack(insurance, cost)) == []


def test_a_supported_claim_that_copies_its_evidence_is_a_surface_cue():
    copied = question(
        "jerusalem",
        "verdict",
        "According to the article, the Quds Force is named for the Arabic word for Jerusalem.",
        "supported",
        evidence=["The Quds Force, named for the Arabic word for Jerusalem"],
    )

    found = surface_cues(pack(copied))

    assert [(f.question, f.message.split(";")[0]) for f in found] == [
        (
            "jerusalem",
            "surface cue: supported claim repeats 5 of its evidence's 5 distinctive words",
        ),
        (None, "surface cue: supported: 1 of 1 copy their evidence"),
    ]


def test_a_long_verbatim_run_is_a_copy_too():
    hedge = question(
        "hedge",
        "verdict",
        "The article treats the size of the force as a belief: it is believed to have "
        "hundreds of troops there.",
        "supported",
        evidence=[
            "The Quds Force, named for the Arabic word for Jerusalem, are believed to "
            "have hundreds of troops in Iraq."
        ],
    )

    (found, share) = surface_cues(pack(hedge))

    assert found.message.startswith("surface cue: supported claim copies 6 words in a row")
    assert share.message == "surface cue: supported: 1 of 1 copy their evidence"


def test_a_paraphrased_supported_claim_is_not_a_surface_cue():
    paraphrase = question(
        "jerusalem",
        "verdict",
        "The force takes its name from a holy city.",
        "supported",
        evidence=["The Quds Force, named for the Arabic word for Jerusalem"],
    )

    assert surface_cues(pack(paraphrase)) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "change"),
    [
        (
            "The elite forces have been ordered to attack the Americans.",
            "The elite forces have been ordered not to attack the Americans.",
            "drops the negation of",
        ),
        (
            "Kagan said the militias have never declared an intention to attack.",
            "the militias have declared their intention to attack",
            "adds a negation to",
        ),
    ],
)
def test_a_contradicted_claim_that_only_negates_its_evidence_is_a_surface_cue(
    claim, evidence, change
):
    negated = question("negated", "verdict", claim, "contradicted", evidence=[evidence])

    found, share = surface_cues(pack(negated))

    assert found.message.startswith(f"surface cue: contradicted claim only {change} its evidence")
    assert share.message == "surface cue: contradicted: 1 of 1 negate their evidence"


def test_a_contradicted_claim_that_changes_a_detail_is_not_a_surface_cue():
    detail = question(
        "december",
        "verdict",
        "The negotiations are set to expire at the end of December.",
        "contradicted",
        evidence=["Those negotiations are set to expire at the end of November."],
    )

    assert surface_cues(pack(detail)) == []


SOURCE = (
    "Kimberly Kagan, the president of the Institute for the Study of War, warned that the "
    "alliance could break down. The latest U.S. intelligence assessment found that Iran "
    "ordered its forces not to attack."
)


def test_a_not_stated_claim_that_adds_one_foreign_word_is_a_surface_cue():
    seen = question(
        "kagan-saw",
        "verdict",
        "According to the article, Kimberly Kagan had seen the latest U.S. intelligence "
        "assessment.",
        "not-stated",
    )

    found, share = surface_cues(pack(seen), SOURCE)

    assert found.message.startswith(
        "surface cue: not-stated claim is the source's words plus one it never uses ('seen')"
    )
    assert share.message == "surface cue: not-stated: 1 of 1 add one word to the source"


def test_a_not_stated_inference_is_not_a_surface_cue():
    inference = question(
        "alliance-lasts",
        "verdict",
        "Kagan expects the truce to hold through next year's elections.",
        "not-stated",
    )

    assert surface_cues(pack(inference), SOURCE) == []


def test_without_a_source_the_evidence_stands_for_it():
    seen = question(
        "kagan-saw",
        "verdict",
        "Kimberly Kagan had seen the assessment.",
        "not-stated",
        evidence=["Kimberly Kagan ... the assessment"],
    )

    (found, _share) = surface_cues(pack(seen))

    assert "('seen')" in found.message


def verdicts(labels: list[str], **extra: Any) -> list[dict[str, Any]]:
    """Claims with the given answers, each about something of its own."""
    return [
        question(f"q{n}", "verdict", f"Claim number {n} about topic{n}.", label, **extra)
        for n, label in enumerate(labels)
    ]


def balanced(**extra: Any) -> list[dict[str, Any]]:
    labels = ["supported"] * 4 + ["contradicted"] * 3 + ["not-stated"] * 3
    claims = verdicts(labels, **extra)
    for position, claim in enumerate(claims):
        claim.setdefault("difficulty", 1 + position % 3)
    return claims


def test_a_balanced_pack_has_no_balance_warnings():
    assert balance(pack(*balanced())) == []


def test_a_verdict_label_outside_its_share_is_a_balance_warning():
    claims = verdicts(["supported"] * 8 + ["contradicted", "not-stated"])
    for position, claim in enumerate(claims):
        claim["difficulty"] = 1 + position % 3

    found = [f.message for f in balance(pack(*claims))]

    assert found == [
        "balance: supported: 8 of 10 claims (80%); keep each verdict between 25% and 45% "
        "(2 to 5 of 10)",
        "balance: contradicted: 1 of 10 claims (10%); keep each verdict between 25% and 45% "
        "(2 to 5 of 10)",
        "balance: not-stated: 1 of 10 claims (10%); keep each verdict between 25% and 45% "
        "(2 to 5 of 10)",
    ]


def test_one_difficulty_for_every_question_is_a_balance_warning():
    claims = balanced()
    for claim in claims:
        claim["difficulty"] = 2

    assert [f.message for f in balance(pack(*claims))] == [
        "balance: every question has difficulty 2; set it by how hard each question is"
    ]


def test_a_tag_on_fewer_than_three_questions_is_a_balance_warning():
    claims = balanced()
    for claim in claims[:3]:
        claim["tags"] = ["dates"]
    claims[3]["tags"] = ["history"]

    assert [f.message for f in balance(pack(*claims))] == [
        "balance: tag 'history' is on 1 question; a tag needs 3 or more to mean something "
        "in the scores"
    ]


def test_a_sourcing_tag_on_a_prompt_that_names_the_source_is_a_balance_warning():
    claims = balanced()
    claims[0].update(prompt="Kimberly Kagan said the truce would last.", tags=["sourcing"])
    claims[1].update(prompt="Who said the truce would last?", kind="choice")
    claims[1].update(answer="Kagan", choices=["Kagan", "An official"], tags=["sourcing"])
    claims[2].update(prompt="The truce is described as apparent.", tags=["sourcing"])

    found = balance(pack(*claims))

    assert [(f.question, f.field) for f in found] == [("q0", "tags")]
    assert found[0].message.startswith("balance: tagged 'sourcing', but the prompt already names")


def test_a_small_pack_gets_no_balance_warnings():
    claims = verdicts(["supported"] * (MIN_FOR_BALANCE - 1), tags=["rare"])

    assert balance(pack(*claims)) == []


@pytest.mark.parametrize(
    ("prompt", "names"),
    [
        ("According to the Defense Department, the forces do not fight.", True),
        ("According to the article, the Pentagon acknowledges 1,600 troops.", True),
        ("A U.S. intelligence official described it as a confidence building measure.", True),
        ("Kimberly Kagan, a named source, cautioned that the alliance could break.", True),
        ("What did the New Yorker claim in 2013?", True),
        ("Who told The Daily Beast 'They are not going after Americans'?", False),
        ("According to the article, which magazine dubbed him the most dangerous man?", False),
        ("According to the article, the Quds Force is named for Jerusalem.", False),
        ("The article says Suleimani was photographed in Amerli.", False),
        ("When the article calls the warnings idle boasts, it states this as fact.", False),
        ("How does the article identify Kimberly Kagan?", False),
    ],
)
def test_names_its_source(prompt, names):
    assert names_its_source(prompt) is names


def test_review_gathers_every_family_in_order():
    claims = verdicts(["supported"] * 10)
    claims[0].update(prompt="The library reopened on Monday.", evidence=["reopened on Monday"])

    families = [f.message.split(":")[0] for f in review(pack(*claims))]

    assert families == sorted(families, key=["give-away", "surface cue", "balance"].index)
    assert {"surface cue", "balance"} <= set(families)
