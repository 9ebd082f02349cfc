"""Discernment: telling supported, contradicted and not-stated claims apart.

A total score hides the trap misinformation games fall into: a player who
learns to doubt everything scores well on false claims and badly on true
ones. Here every verdict answer is counted in a 3 × 3 table of *what the
claim was* against *what the player called it*, and the reading puts the
most common confusion into plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist
from typing import NamedTuple

from quiz.model.verdicts import VERDICT_LABELS, VERDICTS

MIN_ANSWERS = 5
NOTABLE_SHARE = 0.25

_CONFUSIONS = {
    ("supported", "contradicted"): "You tend to call true claims false: supported claims "
    "get called contradicted. Look for the passage that really says otherwise.",
    ("supported", "not-stated"): "You tend to miss support that is there: supported claims "
    "get called not stated. The source may say it in other words.",
    ("contradicted", "supported"): "You tend to accept claims the source contradicts. "
    "Check the details: who, how many, when, and which way.",
    ("contradicted", "not-stated"): "You tend to miss contradictions: claims the source "
    "says otherwise get called not stated.",
    ("not-stated", "supported"): "You tend to read in what is not there: claims the source "
    "never makes get called supported.",
    ("not-stated", "contradicted"): "You tend to call unstated claims false. A source that "
    "is silent on a claim does not contradict it.",
}

# When a confusion goes both ways, its two notes would contradict each other
# ("too doubting" and "too trusting"): one note says so instead.
_BOTH_WAYS = {
    frozenset(("supported", "contradicted")): "You mix up supported and contradicted claims "
    "both ways. Find the passage and check which way it points: who, how many, when.",
    frozenset(("supported", "not-stated")): "You mix up supported and not-stated claims "
    "both ways. Look for a passage that says it; if none does, it is not stated.",
    frozenset(("contradicted", "not-stated")): "You mix up contradicted and not-stated claims "
    "both ways. A contradiction needs a passage that says otherwise; silence is not one.",
}


@dataclass
class Confusion:
    """Counts of verdict answers: ``counts[truth][answered]``."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, truth: str, answered: str, times: int = 1) -> None:
        """Count one answer (or several)."""
        row = self.counts.setdefault(truth, {})
        row[answered] = row.get(answered, 0) + times

    def merge(self, other: Confusion) -> None:
        """Add another table's counts to this one."""
        for truth, row in other.counts.items():
            for answered, times in row.items():
                self.add(truth, answered, times)

    def without(self, part: Confusion) -> Confusion:
        """A new table of these counts less a part of them; counts left at zero are dropped."""
        rest = Confusion()
        for truth, row in self.counts.items():
            for answered, times in row.items():
                left = times - part.counts.get(truth, {}).get(answered, 0)
                if left:
                    rest.add(truth, answered, left)
        return rest

    def is_part_of(self, whole: Confusion) -> bool:
        """Whether this table could count some of the answers ``whole`` counts."""
        return all(
            times <= whole.counts.get(truth, {}).get(answered, 0)
            for truth, row in self.counts.items()
            for answered, times in row.items()
        )

    def total(self, truth: str) -> int:
        """How many claims with this true verdict were answered."""
        return sum(self.counts.get(truth, {}).values())

    def accuracy(self, truth: str) -> float | None:
        """The share of claims with this true verdict answered right."""
        total = self.total(truth)
        return self.counts.get(truth, {}).get(truth, 0) / total if total else None

    def balanced_accuracy(self) -> float | None:
        """The mean of the per-verdict accuracies: 1/3 for a player who always says the same."""
        scores = [a for truth in VERDICTS if (a := self.accuracy(truth)) is not None]
        return sum(scores) / len(scores) if scores else None

    def readings(self) -> list[str]:
        """Plain-words notes on the confusions that stand out.

        A verdict is read only once at least ``MIN_ANSWERS`` claims of it were
        answered; "no confusion stands out" needs that many of every verdict. Two
        confusions that mirror each other make one note, never two that contradict.
        """
        notable: dict[str, str] = {}
        for truth in VERDICTS:
            total = self.total(truth)
            if total < MIN_ANSWERS:
                continue
            row = self.counts.get(truth, {})
            wrong = [(n, answered) for answered, n in row.items() if answered != truth]
            if not wrong:
                continue
            times, answered = max(wrong)
            if times / total >= NOTABLE_SHARE and (truth, answered) in _CONFUSIONS:
                notable[truth] = answered
        notes = []
        for truth, answered in notable.items():
            if notable.get(answered) == truth:
                note = _BOTH_WAYS[frozenset((truth, answered))]
                if note not in notes:
                    notes.append(note)
            else:
                notes.append(_CONFUSIONS[(truth, answered)])
        if not notes and all(self.total(t) >= MIN_ANSWERS for t in VERDICTS):
            notes.append("No confusion stands out: you tell the three kinds of claim apart.")
        if not notes:
            notes.append(
                f"Answer at least {MIN_ANSWERS} claims of each kind to see what you tend "
                "to confuse."
            )
        return notes

    def rows(self) -> list[tuple[str, int, float | None]]:
        """For each verdict: its label, how many were answered, the share right."""
        return [(VERDICT_LABELS[t], self.total(t), self.accuracy(t)) for t in VERDICTS]


# A named tuple, like the report's other records (see quiz.model.report).
class Detection(NamedTuple):
    """Discernment as signal-detection research reports it: supported claims are the signal.

    A *hit* is a supported claim called supported; a *false alarm* is a
    contradicted or not-stated claim called supported. d′ is how far apart the
    player keeps the two (0: no discernment); the criterion c is their lean
    (above 0: slow to call a claim supported, below 0: quick to).

    Attributes:
        signal: Supported claims answered.
        noise: Contradicted and not-stated claims answered.
        hit_rate: The share of supported claims called supported (as counted).
        false_alarm_rate: The share of the others called supported (as counted).
        d_prime: z(H) − z(F), with the log-linear correction; None without both kinds.
        criterion: −(z(H) + z(F)) / 2, likewise.
    """

    signal: int
    noise: int
    hit_rate: float | None
    false_alarm_rate: float | None
    d_prime: float | None
    criterion: float | None


def detection(confusion: Confusion) -> Detection:
    """Hit rate, false-alarm rate, d′ and c from a table of verdict answers.

    The rates used for d′ and c get the log-linear correction (Hautus, 1995):
    half a hit and half a false alarm are added and one answer to each kind,
    so 0 % and 100 % stay finite. It is applied whatever the counts, which
    keeps players comparable; the plain rates are reported beside.
    """
    supported = confusion.counts.get("supported", {})
    signal = sum(supported.values())
    hits = supported.get("supported", 0)
    others = [confusion.counts.get(truth, {}) for truth in VERDICTS if truth != "supported"]
    noise = sum(sum(row.values()) for row in others)
    alarms = sum(row.get("supported", 0) for row in others)
    hit_rate = hits / signal if signal else None
    alarm_rate = alarms / noise if noise else None
    if not (signal and noise):
        return Detection(signal, noise, hit_rate, alarm_rate, None, None)
    z = NormalDist().inv_cdf
    z_hit = z((hits + 0.5) / (signal + 1))
    z_alarm = z((alarms + 0.5) / (noise + 1))
    return Detection(signal, noise, hit_rate, alarm_rate, z_hit - z_alarm, -(z_hit + z_alarm) / 2)
