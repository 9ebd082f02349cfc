"""Whole flows through the app, driven by keys as a player would."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ui_helpers import answer, highlight_pack, play_through

from quiz.screens.confirm import ConfirmScreen
from quiz.screens.help import HelpScreen
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.reader import ReaderScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.start import StartScreen
from quiz.widgets.evidence import EvidencePanel
from quiz.widgets.feedback import Feedback

SIZE = (100, 30)
ROOT_PACKS = Path(__file__).resolve().parents[2] / "questions"


async def test_a_whole_round_is_scored_recorded_and_saved(make_app, clock):
    app = make_app(seed=7, count=4)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, PlayScreen)
        for right in (True, True, False, True):
            clock.advance(10)
            await answer(pilot, right=right)
            feedback = app.screen.query_one(Feedback)
            assert feedback.outcome.correct is right
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        record = app.screen.record
        assert (record.correct, record.answered, record.best_streak) == (3, 4, 2)
        assert record.seconds == 40
        summary = str(app.screen.query_one("#summary").render())
        assert "3 of 4 right (75 %)" in summary
        assert "40 s" in summary
        missed = str(app.screen.query_one("#missed").render())
        assert "Missed (1)" in missed and "retry it now" in missed
        [item] = app.screen.query(".missed-question")
        why = str(item.query_one(".why").render())
        assert why.startswith("Why: ") and record.correct == 3
        assert item.query_one(EvidencePanel).text.startswith("Evidence")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert app.session.close()
    saved = tomllib.loads(app.session.progress_path.read_text("utf-8"))
    assert (saved["format"], saved["player"]) == (4, "ana")
    assert "current" not in saved
    assert [(r[5], r[6]) for r in saved["rounds"]] == [(3, 4)]  # correct, answered
    questions = saved["packs"]["iran-quds-force-iraq"]["questions"]
    assert sum(q[0] for q in questions.values()) == 4  # seen


async def test_every_answer_is_saved_before_the_round_ends(make_app):
    app = make_app(seed=1, count=5)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, False])
        assert app.session.flush()
        saved = tomllib.loads(app.session.progress_path.read_text("utf-8"))
        assert len(saved["current"]["answers"]) == 2
        assert saved.get("rounds", []) == []


async def test_wrong_answer_shows_the_right_answer_and_the_evidence(make_app):
    app = make_app(seed=3, count=3)
    async with app.run_test(size=SIZE) as pilot:
        question = app.screen.play.current
        await answer(pilot, right=False)
        feedback = app.screen.query_one(Feedback)
        text = " ".join(str(widget.render()) for widget in feedback.query("Static"))
        assert "\u2718 Wrong" in text
        assert question.answer_label in text
        assert question.evidence[0][:40] in text.replace("\n", " ")
        assert question.explanation[:40] in text.replace("\n", " ")
        assert not app.screen.query("#pad, #entry")


async def test_checking_the_source_marks_the_passage_and_halves_the_points(make_app):
    app = make_app(seed=5, count=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        question = screen.play.current
        await pilot.press("s")
        await pilot.pause()
        # Narrow: the source opens on its own screen at the marked paragraph.
        assert isinstance(app.screen, ReaderScreen)
        where = screen.article.locate(question.evidence[0]).paragraph
        assert where in app.screen.marked
        assert app.screen.passages == []  # the deciding words are not highlighted
        await pilot.press("escape")
        await pilot.pause()
        note = str(screen.query_one(".checked-note").render())
        assert screen.article.label(where) in note
        assert question.evidence[0][:30] not in note
        await answer(pilot, right=True)
        outcome = app.screen.outcome
        assert outcome.checked and outcome.points == question.difficulty * 10 // 2


async def test_quit_mid_round_asks_keeps_progress_and_next_start_resumes(make_app, make_session):
    app = make_app(seed=11, count=5)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True])
        score = app.screen.play.score
        order = [q.id for q in app.screen.play.questions]
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert app.session.close()

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PlayScreen)
        assert screen.play.index == 2
        assert screen.play.score == score
        assert [q.id for q in screen.play.questions] == order
        await play_through(pilot, [True, True, True])
        assert isinstance(again.screen, ResultsScreen)
        assert again.screen.record.correct == 5
    assert again.session.close()
    saved = tomllib.loads(again.session.progress_path.read_text("utf-8"))
    assert len(saved["rounds"]) == 1 and "current" not in saved


async def test_escape_leaves_to_home_which_offers_the_round_to_resume(make_app):
    app = make_app(seed=2, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("OptionList")
        assert options.get_option_at_index(0).id == "resume"
        assert "1 of 4 answered" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.index == 1


async def test_declining_to_resume_keeps_the_round_for_later(make_app):
    app = make_app(seed=2, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [False])
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
    app.session.close()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
        assert again.session.progress.current is not None


async def test_home_lists_packs_with_count_and_best_and_enter_starts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        option = app.screen.query_one("OptionList").get_option_at_index(0)
        label = str(option.prompt)
        assert "46 questions" in label and "best \u2014" in label
        await highlight_pack(pilot, "iran-quds-force-iraq")  # a newcomer starts on the tutorial
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # how long, read first, or start
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.total == 10  # a short round unless the player asks for more


async def test_question_mark_lists_the_keys_of_the_screen(make_app):
    app = make_app(seed=1, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert "Check the source" in keys.values()
        assert "Leave round" in keys.values()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_number_answers_accept_thousands_separators(make_app):
    app = make_app(seed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while screen.play.current.kind != "number":
            await play_through(pilot, [True])
        question = screen.play.current
        typed = f"{int(float(question.answer)):,}"
        await pilot.press(*[{",": "comma"}.get(c, c) for c in typed], "enter")
        await pilot.pause()
        assert screen.outcome is not None and screen.outcome.correct


async def test_results_play_again_starts_a_new_round(make_app):
    app = make_app(seed=4, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True])
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.index == 0


async def test_question_mark_also_closes_the_help(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("Enter", "Play it") in app.screen.keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_starting_another_round_asks_before_giving_up_the_unfinished_one(make_app):
    app = make_app(seed=2, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("down", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.progress.current is not None
        assert len(app.session.progress.current.answers) == 1
        await pilot.press("enter", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.play.index == 0


async def test_a_round_is_recorded_with_its_last_answer_and_only_once(make_app):
    app = make_app(seed=4, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        await answer(pilot, right=True)
        assert len(app.session.progress.rounds) == 1, "recorded before Enter is pressed"
        # Keys pressed faster than the screens change go on to the next screens
        # (results, then home, then a new round), but the round is recorded once.
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()
        assert len(app.session.progress.rounds) == 1


async def test_quitting_on_the_last_feedback_keeps_the_finished_round(make_app):
    app = make_app(seed=4, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        await answer(pilot, right=False)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.session.close()
    saved = tomllib.loads(app.session.progress_path.read_text("utf-8"))
    assert len(saved["rounds"]) == 1 and "current" not in saved


async def test_enter_pressed_twice_on_home_starts_one_round(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "PlayScreen"]


def _copies_of_the_pack(tmp_path: Path, count: int) -> Path:
    """A folder of ``count`` copies of the built-in pack, ids ``copy-00`` and on."""
    folder = tmp_path / "copies"
    folder.mkdir()
    text = (ROOT_PACKS / "iran-quds-force-iraq.toml").read_text("utf-8")
    for number in range(count):
        pack = text.replace('id = "iran-quds-force-iraq"', f'id = "copy-{number:02d}"', 1)
        (folder / f"copy-{number:02d}.toml").write_text(pack, "utf-8")
    return folder


async def test_a_long_pack_list_is_all_there_and_kept_when_nothing_changed(make_app, tmp_path):
    """The first frame lays out a screenful of packs; the rest follow, and a visit to
    another screen that changed nothing leaves the list (and its scroll) alone."""
    from textual.widgets import OptionList

    app = make_app(builtin_dir=_copies_of_the_pack(tmp_path, 40))
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 40
        assert options.get_option_at_index(39).id.endswith("copy-39.toml")
        await pilot.press("end")
        await pilot.pause()
        before = (options.highlighted, options.scroll_y, options.get_option_at_index(0))
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (options.highlighted, options.scroll_y, options.get_option_at_index(0)) == before
        assert before[0] == 39 and before[1] > 0


async def test_a_list_that_fit_the_first_frame_is_rebuilt_whole_later(make_app, tmp_path):
    """All packs fit at start; after the terminal shrinks, a rebuild keeps every pack
    and the highlight (it once kept only a screenful and moved the cursor)."""
    from textual.widgets import OptionList

    app = make_app(builtin_dir=_copies_of_the_pack(tmp_path, 20))
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(80, 12)
        await pilot.pause()
        screen = app.screen
        options = screen.query_one(OptionList)
        options.highlighted = 17
        screen._shown = None  # as if a score had changed
        screen.refresh_packs()
        await pilot.pause()
        assert options.option_count == 20
        assert options.highlighted == 17
