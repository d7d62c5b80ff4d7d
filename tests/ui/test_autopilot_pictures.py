"""The autopilot's pictures: one per screen shown, and the whole staff summary.

Run in-process on the virtual clock. A one-rep set at 400x lasts fewer frames
than a screen needs to settle: every set must still get its picture (the
autopilot holds a countdown until its screen is taken). The summary is saved
screenful by screenful down to its end.
"""

from kivy.core.image import Image as CoreImage
from test_journeys import ROOT, plugin_of
from yaml_files import write

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import summary_pages

PATIENTS = ROOT / "examples" / "patients"
FAST = 1000


CLINIC = """
use_bundled: true
exercises:
  - id: quick_reach
    name: Quick reach
    instructions: Reach up once.
    kind: reps
    reps: 1
    sets: 2
programs:
  - id: quick_check
    name: Quick check
    blocks:
      - role: spinal
        exercises: [quick_reach, prone_lying]
"""
PATIENT = """
program: quick_check
baseline: {symptoms: [knee_right], intensity: 5}
check_ins:
  - {symptoms: [knee_right], intensity: 5}
  - {symptoms: [knee_right], intensity: 5}
  - {symptoms: [knee_right], intensity: 5}
"""


def play(pilot, tmp_path, script_path, speed: float, exercises=None):
    script, problems = load_script(script_path)
    assert script is not None, problems
    shots = tmp_path / "shots"
    extra = {"programs": [script.program], "autopilot": script, "screenshots": shots}
    app = KioskApp(ShellOptions(exercises=exercises, speed=speed, plugins=["exercise_session"], extra=extra))
    pilot.start(app)
    pilot.wait_until(lambda: "autopilot_result" in app.options.extra, "the autopilot to finish", 20000)
    names = [path.stem.split("-", 1)[1] for path in sorted(shots.glob("*.png"))]
    return app, app.options.extra["autopilot_result"], names, sorted(shots.glob("*summary*.png"))


def test_every_set_gets_its_picture_even_one_shorter_than_a_screen_takes_to_draw(pilot, tmp_path):
    """A one-rep set lasts about one frame at 400x: it is still pictured, each time it is shown.
    The program is a clinic's that uses a bundled exercise, played on the real screens."""
    clinic = tmp_path / "clinic" / "exercises"
    write(clinic, "clinic.yaml", CLINIC)
    script = write(tmp_path, "patient.yaml", PATIENT)
    _, result, names, _ = play(pilot, tmp_path, script, 400, exercises=clinic)
    assert result["outcome"] == "knee_tests_recommended"
    assert [step["exercise"] for step in result["steps"]] == ["quick_reach", "quick_reach", "prone_lying"]
    assert names.count("exercise") == 3
    assert names.count("check_in-where") == 1 + 3  # the baseline, then one per set


def test_the_whole_summary_is_pictured_screenful_by_screenful(pilot, tmp_path):
    app, result, names, pictures = play(pilot, tmp_path, PATIENTS / "knee_tests_recommended.yaml", FAST)
    assert names.count("exercise") == len(result["steps"])
    scrolls = plugin_of(app).autopilot.summary_scrolls
    assert len(scrolls) >= 2, "the summary of this session is taller than the screen"
    assert scrolls[0] == 1 and scrolls[-1] == 0  # from the top down to the very end
    assert [name for name in names if name.startswith("summary")] == [
        f"summary-{n}" for n in range(1, len(scrolls) + 1)]
    shown = [bytes(CoreImage(str(picture)).texture.pixels) for picture in pictures]
    assert len(set(shown)) == len(shown), "each summary picture shows another part"


def test_summary_pages_cover_a_scroll_view_without_gaps():
    class Content:
        height = 2500

    class Scroll:
        height = 1000
        children = [Content()]

    assert summary_pages(Scroll()) == [1.0, 1 - 1000 / 1500, 0.0]
    Content.height = 800
    assert summary_pages(Scroll()) == [1.0]
