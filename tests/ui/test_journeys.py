"""Whole patient journeys through the real kiosk, by touch.

Every example patient script is played by the autopilot through the real
screens (touch events on the widgets a patient would touch), and the result
must equal what `kiosk simulate` gives for the same script: the screens drive
the engine faithfully. Between them the examples reach every outcome.
"""

import json
from pathlib import Path

import pytest
from staff_touch import tap_control

from kiosk.app import confirm
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.clinical.engine import Outcome
from kiosk.clinical.simulate import result_json, run_answers
from kiosk.content import loader
from kiosk.content.script import load_script

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "patients").glob("*.yaml"))
SPEED = 400


def outcome_of(path: Path) -> str:
    return path.stem.split("-")[0]


def simulate(script_path: Path) -> dict:
    library = loader.load()
    script, problems = load_script(script_path)
    assert script is not None, problems
    session, _unused = run_answers(library.programs[script.program], script.red_flags, script.baseline,
                                   script.check_ins)
    return result_json(session)


def start_kiosk(pilot, script=None, speed=SPEED, programs=None, **options):
    extra = {"programs": programs or ([script.program] if script else None)}
    if script is not None:
        extra.update(autopilot=script, screenshots=None)
    app = KioskApp(ShellOptions(speed=speed, plugins=["exercise_session"], extra=extra, **options))
    pilot.start(app)
    return app


def test_the_examples_reach_every_outcome():
    assert {outcome_of(path) for path in EXAMPLES} == {outcome.value for outcome in Outcome}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_autopilot_agrees_with_simulate(example, pilot, capsys):
    script, problems = load_script(example)
    assert script is not None, problems
    app = start_kiosk(pilot, script)
    pilot.wait_until(lambda: "autopilot_result" in app.options.extra, "the autopilot to finish", 20000)
    touched = app.options.extra["autopilot_result"]
    assert touched == simulate(example)
    assert touched["outcome"] == outcome_of(example)
    printed = capsys.readouterr().out
    assert json.loads(printed) == touched


# Driving the kiosk by hand (the autopilot as a patient, without quitting at the end) --------------


def plugin_of(app):
    return next(p for p in app.plugins if p.id == "exercise_session")


def play(pilot, app, script_path: Path) -> dict:
    """Play a script through the running kiosk's screens by touch; return the result."""
    from kiosk.exercise_session.autopilot import Autopilot

    script, problems = load_script(script_path)
    assert script is not None, problems
    results = []
    autopilot = Autopilot(plugin_of(app).controller, script, on_done=results.append)
    autopilot.start()
    pilot.wait_until(lambda: results, f"{script_path.name} to be played", 20000)
    autopilot.stop()
    return results[0]


def hold(pilot, widget, seconds: float) -> None:
    from kiosk.app import touch

    finger = touch.touch_down(*touch.window_center(widget))
    pilot.seconds(seconds)
    touch.touch_up(finger)
    pilot.frames(2)


def labels_text(widget) -> str:
    return "\n".join(child.text for child in widget.walk() if hasattr(child, "text"))


def test_staff_read_the_summary_with_the_tests_to_run(pilot):
    example = ROOT / "examples" / "patients" / "knee_tests_recommended.yaml"
    app = start_kiosk(pilot, programs=["knee_from_spine"])
    result = play(pilot, app, example)
    controller = plugin_of(app).controller
    assert result["outcome"] == "knee_tests_recommended" and controller.current_screen_name == "end"
    end = controller.screens["end"]
    assert "knee and hip" in end.message and "diagnos" not in end.message.lower()
    pilot.tap(end.ids.staff)  # a quick touch is not enough
    assert controller.current_screen_name == "end"
    hold(pilot, end.ids.staff, 2.2)
    assert controller.current_screen_name == "summary"
    summary = controller.screens["summary"]
    text = labels_text(summary)
    steps = result["steps"]
    assert "Outcome: knee_tests_recommended" in text
    for step in steps:
        assert step["response"] in text
    assert len(summary.ids.maps.children) == len(steps) + 1  # the baseline and every check-in
    assert len(summary.ids.plot.points) == len(steps) + 1
    tests = loader.load().special_tests.values()
    for test in tests:  # the knee tests first (knee pain at baseline), the hip and nerve tests a touch away
        assert (test.name in text) == (test.group.value == "knee"), f"{test.name} on the summary: {test.group}"
    summary.ids.scroll.scroll_to(summary.tests.more, padding=40, animate=False)
    pilot.frames(2)
    pilot.tap(summary.tests.more)
    text = labels_text(summary)
    for test in tests:
        assert test.name in text, f"{test.name} missing from the summary"
    pilot.tap(summary.ids.close)
    assert controller.current_screen_name == "end"
    pilot.tap(end.ids.finish)
    assert controller.current_screen_name == "attract" and controller.session is None


def test_a_patient_who_walks_away_is_asked_then_the_session_ends_incomplete(pilot):
    app = start_kiosk(pilot, programs=["knee_from_spine"], idle_ask_after=90, idle_give_up_after=30)
    controller = plugin_of(app).controller
    ended = []
    controller.bind(on_session_ended=lambda _, session: ended.append(session))
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    for _ in range(9):
        pilot.tap(controller.screens["safety"].ids.no)
    check_in = controller.screens["check_in"]
    assert controller.current_screen_name == "check_in"
    pilot.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))
    pilot.wait_until(lambda: app.still_there.parent is not None, "Are you still there?")
    assert not ended
    pilot.wait_until(lambda: ended, "the session to end")
    assert ended[0].outcome is Outcome.INCOMPLETE
    assert controller.current_screen_name == "attract" and app.still_there.parent is None
    # Nothing of the patient is left: the screens were built anew (ahead of the next patient).
    pilot.wait_until(lambda: not controller.preparer.busy, "the next patient's screens", 300)
    assert controller.screens["check_in"] is not check_in
    assert controller.screens["check_in"].ids.body_map.pain == []


def test_a_red_flag_alert_stays_until_staff_clear_it(pilot):
    app = start_kiosk(pilot, programs=["knee_from_spine"])
    result = play(pilot, app, ROOT / "examples" / "patients" / "red_flag_stop-before.yaml")
    controller = plugin_of(app).controller
    assert result["outcome"] == "red_flag_stop" and controller.current_screen_name == "staff_alert"
    pilot.seconds(3)  # many idle timeouts' worth of kiosk time at this speed
    assert controller.current_screen_name == "staff_alert"
    app.open_staff()
    pilot.frames(2)
    tap_control(pilot, app, "restart")
    pilot.tap(confirm.showing().ids.go)  # "End this session and go to the start?" (both answers: test_confirm)
    assert controller.current_screen_name == "attract" and controller.session is None


def test_back_on_every_safety_question_after_the_first_and_a_yes_still_stops_at_once(pilot):
    """A "No" touched by mistake can be changed: Back to the question before; a Yes there still stops."""
    app = start_kiosk(pilot, programs=["knee_from_spine"])
    controller = plugin_of(app).controller
    answers = []
    controller.bind(on_screening_answer=lambda _, session, flag, yes, during: answers.append((flag, yes)))
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    safety = controller.screens["safety"]
    assert safety.number == 1 and safety.ids.previous.opacity == 0 and safety.ids.previous.height == 0
    first = safety.flag_id
    pilot.tap(safety.ids.previous)  # none on the first question: the touch does nothing
    assert (safety.number, safety.flag_id, controller.current_screen_name) == (1, first, "safety")
    pilot.tap(safety.ids.no)
    pilot.tap(safety.ids.no)
    assert safety.number == 3 and safety.ids.previous.opacity == 1 and safety.ids.previous.text == "Back"
    pilot.tap(safety.ids.previous)
    pilot.tap(safety.ids.previous)
    assert (safety.number, safety.flag_id, controller.current_screen_name) == (1, first, "safety")
    pilot.tap(safety.ids.yes)  # the first question answered again: yes stops at once
    session = controller.session
    assert session.outcome is Outcome.RED_FLAG_STOP and session.red_flag == first
    assert controller.current_screen_name == "staff_alert"
    assert [yes for _, yes in answers] == [False, False, True] and answers[-1][0] == first
