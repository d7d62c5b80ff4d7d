"""A kiosk process for the kill -9 test: plays the knee patient, opens the summary, records results by touch.

Run as `python findings_child.py DATA`: after each result is saved it prints `saved TEST_ID`, then
after the second it waits for a line on standard input, which never comes: the test kills it first.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests (uptimes)

from kiosk.app.kivy_setup import Display, prepare  # noqa: E402

prepare(Display(windowed=True, size=(1280, 800), max_fps=0))

from findings_touch import KNEE, open_end_summary, tap_in_summary  # noqa: E402
from pilot import Pilot  # noqa: E402
from test_journeys import play, plugin_of  # noqa: E402

from kiosk.app.shell import KioskApp, ShellOptions  # noqa: E402


def main(data: str) -> None:
    pilot = Pilot()
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=Path(data),
                                            extra={"programs": ["knee_from_spine"]})))
    play(pilot, app, KNEE)
    summary = open_end_summary(pilot, plugin_of(app).controller)
    for test_id, result in (("lachman", "positive"), ("mcmurray", "negative")):
        tap_in_summary(pilot, summary, summary.tests.rows[test_id]["results"][result])
        print(f"saved {test_id}", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main(sys.argv[1])
