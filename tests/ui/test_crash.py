"""An unhandled error is kept for the crash log and never printed as a traceback.

The app overrides ``App._handle_exception``, a private method of Textual's with
no public equivalent; these tests fail if Textual renames it or stops calling it.
"""

from __future__ import annotations

import inspect

import pytest
from textual.app import App


def test_textual_still_has_the_private_method_the_app_overrides():
    method = vars(App).get("_handle_exception")

    assert callable(method)
    assert list(inspect.signature(method).parameters) == ["self", "error"]


async def test_an_unhandled_error_is_kept_for_the_crash_log_and_not_printed(make_app, capfd):
    app = make_app()

    def broken() -> None:
        raise ZeroDivisionError("deliberate fault for the test")

    # Under Pilot, Textual raises the app's first unhandled error again on the way out.
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(broken)
            await pilot.pause()

    assert isinstance(app.crash, ZeroDivisionError)
    assert "deliberate fault for the test" in app.crash_report
    assert "Traceback" in app.crash_report
    assert app.return_code == 1
    assert "Traceback" not in capfd.readouterr().err
