"""Confidence mode, review rounds, players and the scores screen, driven by keys."""

from __future__ import annotations

from datetime import timedelta

from ui_helpers import answer, play_through

from quiz.screens.ask import AskScreen
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.scores import ScoresScreen
from quiz.widgets.confidence_pad import ConfidencePad
from quiz.widgets.feedback import Feedback
from quiz.widgets.trend_chart import TrendChart

SIZE = (100, 30)


async def test_confidence_mode_asks_how_sure_and_scores_by_the_brier_rule(make_app):
    app = make_app(seed=3, count=2)
    app.session.set_confidence(True)
    app.start = app.session.start_round(app.start.pack, seed=3, count=2)
    async with app.run_test(size=SIZE) as pilot:
        question = app.screen.play.current
        await answer(pilot, right=False)
        assert app.screen.query_one(ConfidencePad)
        assert not app.screen.query(Feedback)
        await pilot.press("0")
        await pilot.pause()
        outcome = app.screen.query_one(Feedback).outcome
        assert outcome.confidence == 100
        assert outcome.points == -3 * 10 * question.difficulty
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, right=True)
        await pilot.press("7")
        await pilot.pause()
        outcome = app.screen.query_one(Feedback).outcome
        assert outcome.confidence == 70 and outcome.correct and outcome.points > 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.record.confidence


async def test_missed_questions_come_back_for_review_the_next_day(make_app, make_session):
    app = make_app(seed=6, count=4)
    async with app.run_test(size=SIZE) as pilot:
        missed = [app.screen.play.questions[i].id for i in (0, 2)]
        await play_through(pilot, [False, True, False, True])
        assert isinstance(app.screen, ResultsScreen)
    app.session.close()

    tomorrow = make_session()
    tomorrow.now = lambda: app.session.now() + timedelta(days=1)
    pack = tomorrow.library.find_pack("iran-quds-force-iraq")
    assert sorted(tomorrow.due(pack)) == sorted(missed)
    from quiz.app import QuizApp

    again = QuizApp(tomorrow)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        label = str(again.screen.query_one("OptionList").get_option_at_index(0).prompt)
        assert "2 due for review" in label
        await pilot.press("v", "enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, PlayScreen) and screen.play.mode.review
        assert sorted(q.id for q in screen.play.questions) == sorted(missed)
        await play_through(pilot, [True, True])
        assert isinstance(again.screen, ResultsScreen) and again.screen.record.review
    assert tomorrow.due(pack) == []


async def test_player_can_be_changed_and_is_recorded_with_the_round(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        await pilot.press("ctrl+u", *"[b]bo", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.player == "[b]bo"
        assert "[b]bo" in str(app.screen.query_one("#status").render())
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen.play.mode.player == "[b]bo"


async def test_scores_screen_shows_the_player_and_everyone(make_app):
    app = make_app(seed=2, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, False, True])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScoresScreen)
        text = " ".join(str(w.render()) for w in screen.query("Static"))
        assert "Scores of ana" in text
        [chart] = screen.query(TrendChart)
        assert "One round so far" in str(chart.render()) and not screen.query("Sparkline")
        await pilot.press("a")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in screen.query("Static"))
        assert "Scores of everyone" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_confidence_mode_can_be_switched_on_from_home_and_is_remembered(
    make_app, make_session
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "Confidence mode: on" in str(app.screen.query_one("#status").render())
    app.session.close()
    assert make_session().confidence


async def test_review_says_when_missed_questions_come_back(make_app):
    app = make_app(seed=6, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [False, False, True])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("2 questions you missed come back tomorrow" in m for m in messages)
