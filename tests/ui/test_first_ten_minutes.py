"""A newcomer's first screens: the home detail pane, the feedback at 80 by 24, the
command palette, themes remembered, and the footer's ? on a narrow terminal."""

from __future__ import annotations

import tomllib

import pytest
from conftest import BUILTIN, PACK_ID, fixed_now
from ui_helpers import answer, highlight_pack

from quiz.screens.help import HelpScreen
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.scores import ScoresScreen
from quiz.screens.start import StartScreen
from quiz.session import Session
from quiz.store import settings
from quiz.widgets.evidence import EvidencePanel
from quiz.widgets.feedback import Feedback
from quiz.widgets.trend_chart import TrendChart

SIZE = (100, 30)


def finish_round(session: Session, pattern: list[bool], seed: int = 1) -> None:
    pack = session.library.find_pack(PACK_ID)
    play = session.start_round(pack, seed=seed, count=len(pattern))
    for right in pattern:
        question = play.current
        session.answer(play, question.answer if right else "not a right answer")
    session.finish(play)


async def test_the_detail_pane_shows_the_players_own_best_accuracy_and_round(
    make_app, tmp_path, clock
):
    bob = Session(tmp_path / "data", clock=clock, now=fixed_now, builtin_dir=BUILTIN, player="bob")
    finish_round(bob, [True, True, True, True])
    assert bob.close()
    app = make_app()
    finish_round(app.session, [True, False, False, False])
    ana_best = app.session.progress.best(PACK_ID)
    pack = app.session.library.find_pack(PACK_ID)
    unfinished = app.session.start_round(pack, seed=4, count=6)
    app.session.answer(unfinished, unfinished.current.answer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # not now: the offer to resume
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.has_class("-wide")
        detail = str(home.query_one("#detail").render())
        assert f"Your best  {ana_best}" in detail
        assert "accuracy 40 % of 5 answers" in detail  # the unfinished round counts too
        assert "1 of 6 answered" in detail
        assert "The Daily Beast" in detail
        everyone_best = app.session.everyone().best(PACK_ID)
        assert everyone_best is not None and everyone_best > ana_best  # bob's, never shown
        assert f"best {everyone_best}" not in detail
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert not home.has_class("-wide")


BUILTIN_IDS = [
    question["id"]
    for question in tomllib.loads((BUILTIN / f"{PACK_ID}.toml").read_text("utf-8"))["questions"]
]


@pytest.mark.parametrize("question_id", BUILTIN_IDS)
async def test_every_question_fits_at_80_by_24_with_why_before_the_evidence(
    make_app, question_id: str
):
    app = make_app(seed=0, count=3)
    async with app.run_test(size=(80, 24)) as pilot:
        play = app.screen.play
        play.questions.insert(0, play.pack.question(question_id))
        await app.screen.show_question()
        await answer(pilot, right=False)
        body = app.screen.query_one("#body")
        assert body.max_scroll_y == 0
        feedback = app.screen.query_one(Feedback)
        why = feedback.query_one(".explanation")
        panel = feedback.query_one(EvidencePanel)
        assert why.region.y < panel.region.y
        assert feedback.query_one(".next").region.bottom <= body.region.bottom


async def test_a_quote_that_opens_with_a_quotation_is_marked_once(make_app):
    app = make_app(seed=0)
    async with app.run_test(size=SIZE) as pilot:
        play = app.screen.play
        play.questions.insert(0, play.pack.question("who-said-not-going-after-americans"))
        await app.screen.show_question()
        await answer(pilot, right=True)
        text = app.screen.query_one(EvidencePanel).text
        assert "\u201c\u2018They are not going after Americans,\u2019" in text
        assert '"' not in text and "\u201c\u201c" not in text


async def test_palette_switches_to_the_light_theme_and_the_next_start_keeps_it(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme: light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-light"
    assert app.session.close()
    saved, _ = settings.load(tmp_path / "data")
    assert saved.theme == "textual-light"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_palette_sets_the_round_length_the_start_dialog_then_offers(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.round_length == 10
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"round length: 20")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.round_length == 20
        await highlight_pack(pilot, PACK_ID)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.screen.length == 20


async def test_palette_plays_a_pack_from_the_home_screen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"play iran")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, StartScreen | PlayScreen)


async def test_palette_keys_shows_the_games_own_help(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)


async def test_mid_round_the_palette_offers_no_new_round(make_app):
    app = make_app(seed=0, count=3)
    async with app.run_test(size=SIZE) as pilot:
        play = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"play iran")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play and play.play.index == 0


async def test_an_unknown_saved_theme_leaves_the_default(make_app, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(parents=True, exist_ok=True)
    settings.settings_path(folder).write_text('theme = "no-such-theme"\n', "utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


@pytest.mark.parametrize("seed", [None, 3])
async def test_the_help_key_stays_in_the_footer_at_60_columns(make_app, seed):
    app = make_app(seed=seed, count=3 if seed is not None else None)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        if seed is not None:
            await answer(pilot, right=False)  # the most keys a round shows
        [key] = [w for w in app.screen.query("FooterKey") if w.key == "question_mark"]
        assert key.region.width > 0 and key.region.right <= 60
        assert app.screen.region.contains_region(key.region)


async def test_scores_name_packs_by_title_with_a_chart_per_pack(make_app):
    app = make_app()
    finish_round(app.session, [True, False, True, True], seed=1)
    finish_round(app.session, [True, True, True, True], seed=2)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScoresScreen)
        [chart] = screen.query(TrendChart)
        assert len(chart.values) == 2 and chart.values[1] == 100.0 > chart.values[0]
        shown = str(chart.render())
        assert "Iran's Quds Force" in shown and "round" in shown and "\u25cf" in shown
        packs = " ".join(str(w.render()) for w in screen.query(".section"))
        assert PACK_ID not in packs
