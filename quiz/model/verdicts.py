"""The three verdicts a claim can have, as a pack writes them and as a player reads them.

Apart from the pack model (:mod:`quiz.model.pack`) because counting verdict
answers (:mod:`quiz.model.discernment`) needs their names and nothing else
of a pack: ``quiz scores`` reports them without reading any pack.
"""

from __future__ import annotations

VERDICTS = ("supported", "contradicted", "not-stated")
VERDICT_LABELS = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "not-stated": "Not stated",
}
