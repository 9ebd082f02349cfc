"""The first ten minutes: the tutorial, short rounds, the keys, the points explained."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.content import Content
from textual.widgets import Footer, OptionList, RadioButton, Static
from ui_helpers import answer, highlight_pack, play_through

from quiz.model import scoring
from quiz.model.calibration import BANDS
from quiz.model.scoring import EXPLANATION
from quiz.screens.help import HelpScreen
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.start import StartScreen
from quiz.store.packs import load_pack
from quiz.widgets.answer_pad import AnswerPad
from quiz.widgets.confidence_pad import ConfidencePad
from quiz.widgets.feedback import Feedback
from quiz.widgets.round_status import RoundStatus

SIZE = (100, 30)
ROOT_PACKS = Path(__file__).resolve().parents[2] / "questions"


def footer_keys(app) -> dict[str, str]:
    """What the footer shows: key as displayed, and its description."""
    shown = {}
    for active in app.screen.active_bindings.values():
        binding = active.binding
        if binding.show and active.enabled:
            shown[app.get_key_display(binding)] = binding.description
    return shown


def highlighted_label(app) -> str:
    options = app.screen.query_one(OptionList)
    assert options.highlighted is not None
    return str(options.get_option_at_index(options.highlighted).prompt)


async def test_a_newcomer_is_pointed_to_the_tutorial_and_enter_plays_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        label = highlighted_label(app)
        assert "New here? Start with the tutorial" in label and "8 questions" in label
        assert footer_keys(app)["\u23ce"] == "Play"
        app.screen.query_one(Footer)  # the footer is there to show it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert not app.screen.query(RadioButton)  # 8 questions: no round length to choose
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.pack.id == "tutorial" and app.screen.play.total == 8


async def test_the_tutorial_teaches_its_lessons_in_the_order_they_are_written(make_app):
    lessons = load_pack(ROOT_PACKS / "tutorial.toml").questions
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the newcomer's way in, with a fresh seed
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.play.questions == list(lessons)
        # The first lesson is on screen: the first verdict, and the keys that answer it.
        assert screen.query_one(".prompt", Static).content.plain == lessons[0].prompt
        assert lessons[0].answer == "supported" and "key 1" in lessons[0].explanation
        await answer(pilot, right=True)
        explanation = screen.query_one(Feedback).query_one(".explanation", Static)
        assert "Supported (key 1)" in explanation.content.plain
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(".prompt", Static).content.plain == lessons[1].prompt
        # The key that costs half the points is taught before the harder questions.
        assert "s checks" in lessons[1].explanation
        assert "whole game" in lessons[-1].explanation


async def test_after_a_round_the_tutorial_is_no_longer_pushed(make_app):
    app = make_app(seed=4, count=1)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("New here?" in label for label in labels)


async def test_round_length_is_chosen_in_the_start_dialog_and_remembered(make_app, make_session):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight_pack(pilot, "iran-quds-force-iraq")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one("#length-10", RadioButton).value  # the default
        await pilot.press("l")  # 10 -> 20
        await pilot.pause()
        assert app.screen.query_one("#length-20", RadioButton).value
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.play.total == 20
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.session.close()
    saved = tomllib.loads((app.session.data_dir / "settings.toml").read_text("utf-8"))
    assert saved["players"]["ana"]["round_length"] == 20

    again = make_session()
    assert again.round_length == 20
    again.close()


async def test_a_click_chooses_all_the_questions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await highlight_pack(pilot, "iran-quds-force-iraq")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#length-0")
        await pilot.pause()
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.play.total == 46


async def test_the_progress_bar_follows_the_round(make_app):
    app = make_app(seed=7, count=4)
    async with app.run_test(size=SIZE) as pilot:
        status = app.screen.query_one(RoundStatus)
        assert (status.number, status.total, status.answered) == (1, 4, 0)
        line = str(status.render())
        assert "Question 1 of 4" in line and "\u2501" not in line and "\u2500" in line
        await play_through(pilot, [True, True])
        assert (status.number, status.answered, status.streak) == (3, 2, 2)
        line = str(status.render())
        assert "\u2501" in line and "Score" in line and "Streak 2" in line
        filled, empty = line.count("\u2501"), line.count("\u2500")
        assert filled == empty  # two of four answered: half the bar


async def test_arrows_move_a_highlight_over_the_answers_and_enter_picks(make_app):
    app = make_app(seed=3, count=3)  # a claim first
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        question = screen.play.current
        assert question.kind == "verdict"
        assert footer_keys(app)["1\u20133"] == "Answer"
        pad = screen.query_one(AnswerPad)
        assert pad.highlighted is None
        await pilot.press("down", "down", "down", "up")
        await pilot.pause()
        assert pad.highlighted == 2
        assert pad.query_one("#option-2").has_class("-highlight")
        assert not pad.query_one("#option-1").has_class("-highlight")
        await pilot.press("up", "up")  # wraps round to the last
        await pilot.pause()
        assert pad.highlighted == 3
        await pilot.press("enter")
        await pilot.pause()
        feedback = screen.query_one(Feedback)
        assert feedback.outcome.response == screen.play.options(question)[2].value


async def test_the_footer_names_as_many_answers_as_the_question_has(make_app):
    app = make_app(seed=0, count=36)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while screen.play.current.kind != "choice":
            await play_through(pilot, [True])
        count = len(screen.play.options(screen.play.current))
        assert count > 3
        keys = footer_keys(app)
        assert keys[f"1\u2013{count}"] == "Answer" and "1\u20133" not in keys
        await pilot.press(str(count))  # the last digit still answers
        await pilot.pause()
        assert screen.outcome is not None


async def test_points_are_explained_with_the_streak(make_app):
    app = make_app(seed=7, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, right=True)
        first = app.screen.query_one(Feedback).outcome
        base = scoring.base_points(first.question.difficulty)
        verdict = str(app.screen.query_one(".verdict").render())
        assert f"+{base} points" in verdict and "streak" not in verdict
        await pilot.press("enter")
        await answer(pilot, right=True)
        second = app.screen.query_one(Feedback).outcome
        base = scoring.base_points(second.question.difficulty)
        verdict = str(app.screen.query_one(".verdict").render())
        assert f"+{base + 2} points ({base} + 2 streak)" in verdict


async def test_the_right_answer_is_lit_briefly(make_app):
    app = make_app(seed=3, count=2)
    app.animation_level = "full"
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, right=False)
        line = app.screen.query_one(".verdict", Static)
        outcome = app.screen.query_one(Feedback).outcome
        content = line.content
        assert isinstance(content, Content)
        lit = [
            content.plain[span.start : span.end]
            for span in content.spans
            if "success-muted" in str(span.style)
        ]
        assert line.has_class("-reveal")
        assert lit == [f"The answer: {outcome.question.answer_label}"]  # only the right one
        await pilot.pause(1.5)
        assert not line.has_class("-reveal")
        settled = line.content
        assert isinstance(settled, Content)
        assert not any("success-muted" in str(span.style) for span in settled.spans)


async def test_confidence_mode_is_explained_once_and_shows_the_stakes(make_session):
    from quiz.app import QuizApp

    session = make_session()
    session.set_confidence(True)
    pack = session.library.find_pack("iran-quds-force-iraq")
    play = session.start_round(pack, seed=0, count=3)
    app = QuizApp(session, start=play)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        question = play.current
        await pilot.press("1")
        await pilot.pause()
        pad = app.screen.query_one(ConfidencePad)
        assert pad.query(".explain") and "Confidence mode" in str(
            pad.query_one(".explain").render()
        )
        assert footer_keys(app)["5\u20139 0"] == "How sure"
        for band in BANDS:
            gain, loss = scoring.stakes(question.difficulty, band)
            label = str(pad.query_one(f"#confidence-{band}").label)
            assert f"{band} %" in label and f"+{gain} / " in label
            assert (f"\u2212{-loss}" if loss else "0") in label
        await pilot.press("8", "enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert not app.screen.query_one(ConfidencePad).query(".explain")  # once is enough
    assert session.confidence_explained


async def test_confidence_mode_is_explained_when_first_switched_on_at_home(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.session.confidence_explained
        await pilot.press("c")
        await pilot.pause()
        notes = [(n.title, n.message) for n in app._notifications]
        assert ("Confidence mode on", EXPLANATION) in notes
        assert app.session.confidence_explained
        await pilot.press("c", "c")  # off, then on again: explained once is enough
        await pilot.pause()
        assert len([n for n in app._notifications if n.message == EXPLANATION]) == 1
        # The first confidence question of a round does not explain it again.
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, StartScreen):
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await answer(pilot)
        assert app.screen.query_one(ConfidencePad)
        assert not app.screen.query_one(ConfidencePad).query(".explain")


async def test_confidence_mode_switched_off_explains_nothing(make_session):
    from quiz.app import QuizApp

    session = make_session()
    session.set_confidence(True)
    app = QuizApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # off
        await pilot.pause()
        assert not app.session.confidence
        assert not [n for n in app._notifications if n.message == EXPLANATION]
        assert not app.session.confidence_explained


async def test_help_explains_the_dots_and_the_tags(make_app):
    app = make_app(seed=4, count=2)  # a number first
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "difficulty in dots" in text and "\u25cf\u25cb\u25cb" in text
        assert "tags" in text and "sourcing" in text and "Not stated is not false" in text


async def test_a_pack_without_a_source_text_is_asked_only_its_length(make_app, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    text = (ROOT_PACKS / "iran-quds-force-iraq.toml").read_text("utf-8")
    (folder / "no-text.toml").write_text(
        text.replace('text = "iran-quds-force-iraq.txt"\n', ""), "utf-8"
    )
    app = make_app(builtin_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert not app.screen.query("#read") and not app.screen.query("#closed-book")
        assert "r" not in {key for key, b in app.screen.active_bindings.items() if b.enabled}
        await pilot.press("r", "l", "l", "enter")  # r reads nothing; 10 -> 20 -> all
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.total == 46 and not app.screen.play.mode.closed_book


async def test_a_number_question_shows_enter_as_the_way_to_answer(make_app):
    app = make_app(seed=4, count=2)  # a number first
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.play.current.kind == "number"
        await pilot.pause()
        assert footer_keys(app)["\u23ce"] == "Answer"
        await pilot.press(*app.screen.play.current.answer, "enter")
        await pilot.pause()
        assert app.screen.outcome is not None and app.screen.outcome.correct
        assert footer_keys(app)["\u23ce"] == "Go on"
