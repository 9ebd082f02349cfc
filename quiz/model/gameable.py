"""What makes a valid pack gameable: answers given away, labels told by their wording, imbalance.

A pack can be right about every answer and still be played without reading
the source. ``quiz check`` prints what this module finds as warnings
(``--strict`` makes them errors). There are three families:

* **Give-aways.** Rounds are shuffled, so one question's prompt or choices
  may hand over another's answer: the right choice's text or a distinctive
  phrase of it, a number answer (``1600``, ``1,600`` or ``three``), or a
  figure that a verdict claim's evidence gives and the claim does not.
  A phrase only counts where the other text also shares a distinctive word
  with the question's own prompt: "Javad Zarif" in a claim about foreign
  forces in Iraq answers "who said foreign forces in Iraq cause
  resentment?"; "Javad Zarif" as a distractor of an unrelated question
  does not.
* **Surface cues.** A supported claim that copies its evidence, a
  contradicted claim that is its evidence with a negation added or taken
  away, a not-stated claim that is the source's words plus one word the
  source never uses: a player who matches words instead of reading tells
  the label from the wording. Each is reported per question and as a share
  of its label.
* **Balance.** Verdict labels outside 25-45 % each (widened to the nearest
  whole counts), one difficulty level for every question, tags used on
  fewer than 3 questions, and ``sourcing`` tags on questions whose prompt
  already names the source. Judged on packs of :data:`MIN_FOR_BALANCE`
  questions or more: in a smaller one a share is one question's whim.

"Distinctive" means not a common English word, not one of the words that
frame a claim ("according to the article"), not a verdict label, and not a
word used by more than a quarter of the pack's questions.

This module is pure: no files, no terminal, no Textual or Rich.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from typing import NamedTuple

from quiz.model.pack import Pack, Question, format_number
from quiz.model.text import normalise_quote
from quiz.model.verdicts import VERDICTS
from quiz.model.words import (
    NEGATION_STEMS,
    Token,
    content_keys,
    find_run,
    is_content,
    is_figure,
    original_words,
    stems,
    tokenise,
    word_set,
)

MIN_FOR_BALANCE = 10
"""Packs with fewer questions get no balance warnings."""
LABEL_SHARE = (0.25, 0.45)
"""The share of verdict claims each label should have."""
MAX_GIVEAWAYS = 100
"""Past this many give-aways the pack needs rewriting, not a longer list."""
MIN_TAG_USES = 3
"""A tag on fewer questions tells the player nothing in the scores by tag."""
COPY_SHARE = 0.8
"""A claim holding this share of its evidence's distinctive words copies it."""
COPY_RUN = 6
"""A claim sharing this many words in a row with its evidence copies it."""
NEGATION_SHARE = 0.7
"""How much of its evidence a contradicted claim must repeat to be a bare negation."""

_ATTRIBUTION = word_set(
    "said says say told tells tell claimed claims claim described describes cautioned warned "
    "warns acknowledged acknowledges accused accuses stated states added adds dubbed reported "
    "announced confirmed denied argued insisted"
)
_NOT_A_SOURCE = word_set("article report story text reporter it")
_SPEAKERS = word_set(
    "official officials spokesman spokeswoman spokesperson minister ministry officer officers "
    "department pentagon military government agency analyst analysts expert experts sources "
    "source president director"
)
"""Role nouns that name a source without a name."""
_FRAMING = re.compile(
    r"^(?:according to the (?:article|report|story)|the (?:article|report|story) "
    r"(?:says|reports|states)(?: that)?)[,:]?\s*",
    re.IGNORECASE,
)
_ASKS_FOR_SOURCE = re.compile(r"\b(?:who|whom|which)\b", re.IGNORECASE)


class Finding(NamedTuple):
    """One thing that makes a pack gameable, or (:mod:`quiz.model.spacing`) a tab in its text.

    Attributes:
        message: What is wrong, in words, starting with its family
            (``give-away``, ``surface cue``, ``balance``, ``tab``).
        question: The question it is about, or None for the whole pack.
        field: The field to change, such as ``prompt`` or ``choices[2]``.
    """

    message: str
    question: str | None = None
    field: str | None = None


class _Field(NamedTuple):
    """One prompt or choice of a pack, read into tokens."""

    question: int
    name: str
    text: str
    tokens: list[Token]


def review(pack: Pack, source: str | None = None) -> list[Finding]:
    """Everything that makes a pack gameable.

    Args:
        pack: A validated pack.
        source: The source text the pack quotes, when known; the not-stated
            rule then knows which words the source never uses (without it,
            the evidence stands for the source).

    Returns:
        The give-aways, then the surface cues, then the balance findings.
    """
    return [*giveaways(pack), *surface_cues(pack, source), *balance(pack)]


def giveaways(pack: Pack) -> list[Finding]:
    """Prompts and choices that hand over another question's answer.

    Each finding is on the question that gives the answer away (its
    ``prompt`` or ``choices[N]``) and names the question whose answer it is.
    Every text is read once and indexed by word, so a cue is looked for only
    in the texts holding all its words: a pack of thousands of questions is
    not compared pair by pair. Past :data:`MAX_GIVEAWAYS`, the search stops.
    """
    fields = [
        _Field(index, name, text, tokenise(text))
        for index, question in enumerate(pack.questions)
        for name, text in _fields(question)
    ]
    common = _common_words(fields, len(pack.questions))
    prompts = {field.question: field for field in fields if field.name == "prompt"}
    postings: dict[str, set[int]] = defaultdict(set)
    for position, field in enumerate(fields):
        for token in field.tokens:
            for key in _postings(token):
                postings[key].add(position)
    findings: list[Finding] = []
    for index, receiver in enumerate(pack.questions):
        if len(findings) >= MAX_GIVEAWAYS:
            findings.append(Finding(f"give-away: more than {MAX_GIVEAWAYS}; fix these first"))
            break
        own = prompts[index].tokens
        cues = list(_answer_cues(receiver, own, common))
        if not cues:
            continue
        subject = _distinctive(own, common)
        candidates: set[int] = set()
        for cue in cues:
            # Only the texts holding every word of the cue can hold the cue.
            holding = sorted((postings.get(_cue_key(cue, t), set()) for t in cue), key=len)
            candidates.update(holding[0].intersection(*holding[1:]))
        given: set[int] = set()
        for position in sorted(candidates):
            field = fields[position]
            if field.question == index or field.question in given:
                continue
            found = _longest_cue(field.tokens, cues, field.text)
            if found is None:
                continue
            shown, keys = found
            context = _distinctive(field.tokens, common)
            if field.name != "prompt":
                context |= _distinctive(prompts[field.question].tokens, common)
            # The cue alone is not enough: the text must be about the same thing.
            if not (context & subject) - keys:
                continue
            given.add(field.question)
            giver = pack.questions[field.question]
            message = f"give-away: \"{shown}\" answers question '{receiver.id}'"
            findings.append(Finding(message, giver.id, field.name))
    return findings


def surface_cues(pack: Pack, source: str | None = None) -> list[Finding]:
    """Verdict claims whose wording tells their label, each and as a share of the label.

    Args:
        pack: A validated pack.
        source: The source text, for the words it uses; None to use the evidence.

    Returns:
        One finding per claim, then one per label with any, such as
        ``supported: 8 of 8 copy their evidence``.
    """
    claims = [q for q in pack.questions if q.kind == "verdict"]
    vocabulary = stems(source) if source else None
    findings: list[Finding] = []
    counts: Counter[str] = Counter()
    for claim in claims:
        if claim.answer == "supported":
            problem = _copies(claim)
        elif claim.answer == "contradicted":
            problem = _negates(claim)
        else:
            problem = _one_new_word(claim, vocabulary)
        if problem is not None:
            counts[claim.answer] += 1
            findings.append(Finding(f"surface cue: {problem}", claim.id, "prompt"))
    totals = Counter(claim.answer for claim in claims)
    what = {
        "supported": "copy their evidence",
        "contradicted": "negate their evidence",
        "not-stated": "add one word to the source",
    }
    for label in VERDICTS:
        if counts[label]:
            findings.append(
                Finding(f"surface cue: {label}: {counts[label]} of {totals[label]} {what[label]}")
            )
    return findings


def balance(pack: Pack) -> list[Finding]:
    """Shares of labels, difficulties and tags a player can exploit or that say nothing.

    Returns:
        Nothing for a pack of fewer than :data:`MIN_FOR_BALANCE` questions.
    """
    questions = pack.questions
    if len(questions) < MIN_FOR_BALANCE:
        return []
    findings: list[Finding] = []
    labels = Counter(q.answer for q in questions if q.kind == "verdict")
    claims = sum(labels.values())
    if claims:
        low, high = math.floor(LABEL_SHARE[0] * claims), math.ceil(LABEL_SHARE[1] * claims)
        for label in VERDICTS:
            count = labels[label]
            if not low <= count <= high:
                findings.append(
                    Finding(
                        f"balance: {label}: {count} of {claims} claims ({count / claims:.0%}); "
                        f"keep each verdict between {LABEL_SHARE[0]:.0%} and {LABEL_SHARE[1]:.0%}"
                        f" ({low} to {high} of {claims})"
                    )
                )
    levels = {q.difficulty for q in questions}
    if len(levels) == 1:
        findings.append(
            Finding(
                f"balance: every question has difficulty {levels.pop()}; "
                "set it by how hard each question is"
            )
        )
    uses = Counter(tag for q in questions for tag in q.tags)
    for tag, count in sorted(uses.items()):
        if count < MIN_TAG_USES:
            findings.append(
                Finding(
                    f"balance: tag '{tag}' is on {count} question{'s' if count > 1 else ''}; "
                    f"a tag needs {MIN_TAG_USES} or more to mean something in the scores"
                )
            )
    for question in questions:
        if "sourcing" in question.tags and names_its_source(question.prompt):
            findings.append(
                Finding(
                    "balance: tagged 'sourcing', but the prompt already names the source; "
                    "a sourcing question asks who says so",
                    question.id,
                    "tags",
                )
            )
    return findings


def names_its_source(prompt: str) -> bool:
    """Whether a prompt says who makes its claim, so it tests nothing about sourcing.

    It does when it attributes words to someone it names: "according to X"
    (X not the article itself), or "X said", "X cautioned", "the Pentagon
    acknowledges", where X is a name (a capitalised word) or a role such as
    "official". A prompt that asks "who" or "which" asks for the source,
    and does not name it.

    Args:
        prompt: A question's prompt.
    """
    if prompt.rstrip().endswith("?") and _ASKS_FOR_SOURCE.search(prompt):
        return False
    text = _FRAMING.sub("", prompt.replace("\u2019", "'").strip())
    words = re.findall(r"[\w.'-]+", text)
    lower = [word.lower().strip(".'") for word in words]
    for index, word in enumerate(lower):
        if word == "according" and lower[index + 1 : index + 2] == ["to"]:
            if lower[index + 2 :] and not _NOT_A_SOURCE & set(lower[index + 2 : index + 4]):
                return True
        elif word in _ATTRIBUTION:
            start = max(index - 6, 0)
            before = set(lower[start:index])
            # A capital at the start of the prompt marks the sentence, not a name.
            named = any(w[:1].isupper() for w in words[max(start, 1) : index])
            if not before & _NOT_A_SOURCE and (named or before & _SPEAKERS):
                return True
    return False


def _fields(question: Question) -> Iterator[tuple[str, str]]:
    yield "prompt", question.prompt
    for position, choice in enumerate(question.choices, start=1):
        yield f"choices[{position}]", choice


def _distinctive(tokens: Iterable[Token], common: frozenset[str]) -> set[str]:
    return {t.key for t in tokens if is_content(t) and t.key not in common}


def _common_words(fields: list[_Field], questions: int) -> frozenset[str]:
    """Words in more than a quarter of the questions (at least 3): they identify nothing."""
    words: dict[int, set[str]] = defaultdict(set)
    for field in fields:
        words[field.question].update(token.key for token in field.tokens)
    counts = Counter(word for keys in words.values() for word in keys)
    most = max(3, questions // 4)
    return frozenset(word for word, count in counts.items() if count > most)


def _postings(token: Token) -> tuple[str, ...]:
    """The index entries of a token: its key, and its value when it is a number."""
    if token.number is None:
        return (token.key,)
    return (token.key, f"#{format_number(token.number)}")


def _cue_key(cue: tuple[Token, ...], token: Token) -> str:
    """The index entry a cue's token is looked up by: a lone number by its value."""
    if len(cue) == 1 and token.number is not None:
        return f"#{format_number(token.number)}"
    return token.key


def _answer_cues(
    question: Question, prompt: list[Token], common: frozenset[str]
) -> Iterator[tuple[Token, ...]]:
    """The runs of tokens that would give a question's answer away if another text held them."""
    if question.kind == "number" and question.number is not None:
        yield (Token(format_number(question.number), 0, 0, question.number),)
        return
    if question.kind == "verdict":
        # A claim that states a figure asks about it: the source's own figure answers it.
        claim = {t.key for t in prompt}
        if not any(is_figure(token) for token in prompt):
            return
        for quote in question.evidence:
            for token in tokenise(quote):
                if is_figure(token) and token.key not in claim:
                    yield (token,)
        return
    own = {t.key for t in prompt}
    others = [tokenise(choice) for choice in question.choices if choice != question.answer]
    answer = tokenise(question.answer)
    seen: set[tuple[str, ...]] = set()
    for start in range(len(answer)):
        for end in range(len(answer), start, -1):
            run = tuple(answer[start:end])
            keys = tuple(t.key for t in run)
            distinct = [t for t in run if is_content(t) and t.key not in common]
            whole = start == 0 and end == len(answer)
            if not distinct or (not whole and len(distinct) < 2):
                continue
            if not (is_content(run[0]) and is_content(run[-1])) and not whole:
                continue
            if keys in seen or set(keys) <= own:
                continue
            if any(find_run(keys, other) >= 0 for other in others):
                continue
            seen.add(keys)
            yield run


def _longest_cue(
    tokens: list[Token], cues: list[tuple[Token, ...]], text: str
) -> tuple[str, set[str]] | None:
    """The longest cue found in a text, as the text writes it, and its keys."""
    best: tuple[int, int, int, tuple[Token, ...]] | None = None
    for cue in cues:
        if len(cue) == 1 and cue[0].number is not None:
            # A number matches by value: "1,600", "1600" and, up to twenty, "three".
            found = [t for t in tokens if t.number is not None and t.number == cue[0].number]
            if not found:
                continue
            start = end = tokens.index(found[0])
            end += 1
        else:
            keys = tuple(t.key for t in cue)
            start = find_run(keys, tokens)
            if start < 0:
                continue
            end = start + len(keys)
        if best is None or end - start > best[0]:
            best = (end - start, start, end, cue)
    if best is None:
        return None
    folded = normalise_quote(text)
    first, last = tokens[best[1]], tokens[best[2] - 1]
    return original_words(text, folded, first.start, last.end), {t.key for t in best[3]}


def _copies(claim: Question) -> str | None:
    """How a supported claim copies its evidence, or None when it does not."""
    words = [t.key for t in tokenise(claim.prompt)]
    present = set(words)
    for quote in claim.evidence:
        wanted = set(content_keys(quote))
        if wanted:
            kept = len(wanted & present)
            if kept / len(wanted) >= COPY_SHARE:
                return (
                    f"supported claim repeats {kept} of its evidence's {len(wanted)} distinctive "
                    "words; paraphrase it"
                )
        run = _longest_run(words, [t.key for t in tokenise(quote)])
        if run >= COPY_RUN:
            return f"supported claim copies {run} words in a row from its evidence; paraphrase it"
    return None


def _longest_run(first: list[str], second: list[str]) -> int:
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    return matcher.find_longest_match(0, len(first), 0, len(second)).size


def _negates(claim: Question) -> str | None:
    """Whether a contradicted claim is its evidence with a negation added or removed."""
    claim_tokens = [t.key for t in tokenise(claim.prompt)]
    claim_negations = sum(key in NEGATION_STEMS for key in claim_tokens)
    present = set(claim_tokens)
    for quote in claim.evidence:
        keys = [t.key for t in tokenise(quote)]
        quote_negations = sum(key in NEGATION_STEMS for key in keys)
        if (claim_negations == 0) == (quote_negations == 0):
            continue
        wanted = set(content_keys(quote)) - NEGATION_STEMS
        if wanted and len(wanted & present) / len(wanted) >= NEGATION_SHARE:
            change = "adds a negation to" if claim_negations else "drops the negation of"
            return (
                f"contradicted claim only {change} its evidence; "
                "change a detail instead (a date, an actor, a number, some for all)"
            )
    return None


def _one_new_word(claim: Question, vocabulary: set[str] | None) -> str | None:
    """Whether a not-stated claim is the source's words plus one the source never uses."""
    if vocabulary is None:
        vocabulary = {key for quote in claim.evidence for key in stems(quote)}
    new = []
    for token in tokenise(claim.prompt):
        if is_content(token) and token.key not in vocabulary:
            new.append(token)
    if len(new) != 1:
        return None
    word = original_words(claim.prompt, normalise_quote(claim.prompt), new[0].start, new[0].end)
    return (
        f"not-stated claim is the source's words plus one it never uses ('{word}'); "
        "make it an inference the source stops short of"
    )
