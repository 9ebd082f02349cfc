"""A game that answers forever until it is killed, for ``test_kill.py``.

Usage: ``python kill_child.py DATA_DIR``. It opens the real
:class:`~quiz.session.Session` on the folder (holding its lock, as the game
does), resumes the interrupted round or starts one of the built-in pack, and
answers right and wrong in turn. Around every answer it reports on stdout,
each line flushed at once:

``start N``      N answers were already recorded when it started;
``resumed K``    it resumed the interrupted round, K of whose questions were answered;
``answering N``  the N-th answer is about to be counted and saved;
``answered N``   it was counted and handed to the background saver;
``durable N``    the saver has put it on disk.

N counts every answer recorded in the folder, across restarts, so the parent
can compare it with the ``seen`` totals in the player's file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quiz.model.pack import Question
from quiz.model.round import Round
from quiz.model.verdicts import VERDICTS
from quiz.session import Session

PACK_ID = "iran-quds-force-iraq"


def recorded(session: Session) -> int:
    """Answers counted in the player's file so far."""
    stats = session.progress.packs.get(PACK_ID)
    return 0 if stats is None else sum(q.seen for q in stats.questions.values())


def response(question: Question, right: bool) -> str:
    """The right answer, or a wrong one of the question's kind."""
    if right:
        return question.answer
    if question.kind == "number":
        assert question.number is not None
        return str(question.number + question.tolerance + 1000)
    options = question.choices if question.kind == "choice" else VERDICTS
    return next(option for option in options if option != question.answer)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(folder: Path) -> None:
    session = Session(folder, exclusive=True, player="killer")
    if session.notices:
        # The parent reads this as a failure: a start must never need a notice.
        say("notice " + " | ".join(session.notices).replace("\n", " "))
    pack = session.library.find_pack(PACK_ID)
    count = recorded(session)
    say(f"start {count}")
    play: Round | None = session.resume()
    if play is not None:
        say(f"resumed {play.index}")
    while True:
        if play is None or play.finished:
            play = session.start_round(pack, seed=len(session.progress.rounds))
        question = play.current
        assert question is not None
        count += 1
        say(f"answering {count}")
        session.answer(play, response(question, right=count % 2 == 0))
        say(f"answered {count}")
        if not session.flush(timeout=30):
            say("stuck")
            return
        if session.save_error is not None:
            say(f"error {session.save_error}")
            return
        say(f"durable {count}")
        if play.finished:
            session.finish(play)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
