"""Every word fits: every label of every screen of a whole journey, in each offered language, at the three sizes.

The autopilot plays a whole journey (safety questions, check-ins, every set, a
recheck's rest, the end) by touch, in English and in Spanish, at 1280x800,
1920x1080 and portrait 1080x1920; at every new view each label's laid-out words
and drawn texture are compared with the label and the screen (tests/ui/whole_text.py).
The autopilot saves its pictures of the same views as it goes (`--screenshots`):
each picture is of a view checked here. The end screen's staff button leads to the PIN pad, the PIN to the summary,
which is read page by page, and the staff screen after it, section by section. The start screen is
checked with 1 to 8 programs offered.
"""

import pytest
from kivy.core.window import Window
from staff_touch import open_section, staff_screen
from test_journeys import ROOT, plugin_of, start_kiosk
from test_steady_text import instructions_drawn
from whole_text import whole_text_problems
from yaml_files import write

from kiosk.app import touch
from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot, summary_pages
from kiosk.records.pin import PinLock
from kiosk.records.store import Records

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
LANGUAGES = ["en", "es"]
JOURNEY = ROOT / "examples" / "patients" / "spinal_source_likely-after_recheck.yaml"
PIN = "4821"


def size_id(size) -> str:
    return f"{size[0]}x{size[1]}"


def kiosk_at(pilot, tmp_path, size, **options):
    records = Records.open(tmp_path).records
    PinLock(records).set_pin(PIN)
    records.close()
    app = start_kiosk(pilot, data=tmp_path, **options)
    Window.size = size
    pilot.frames(3)
    return app


def type_pin(pilot, pad) -> None:
    keys = {key.text: key for key in pad.ids.pad.children}
    for digit in PIN:
        pilot.tap(keys[digit], frames=1)
    pilot.tap(pad.ids.ok)


def hold(pilot, widget, seconds: float) -> None:
    finger = touch.touch_down(*touch.window_center(widget))
    pilot.seconds(seconds)
    touch.touch_up(finger)
    pilot.frames(2)


def play_and_check(pilot, controller, script, language: str, where: str, shots):
    """The autopilot's journey, its pictures saved in `shots`; the problems of every view it shows, and the
    views seen."""
    results, seen, problems = [], set(), []
    autopilot = Autopilot(controller, script, on_done=results.append, language=language, screenshots=shots)
    autopilot.start()
    last = None
    for _ in range(20000):
        if results:
            break
        pilot.frames(1)
        name = controller.current_screen_name
        screen = controller.screens[name]
        view = (name, getattr(screen, "page", ""), getattr(screen, "number", ""))
        if view != last:
            last = view
            pilot.frames(1)  # let the layout settle before measuring
            seen.add(view)
            staff_only = [screen.ids.staff.__self__] if name == "end" else []  # "For staff: hold", small
            problems += whole_text_problems(screen, f"{view} {where}", exempt=staff_only)
    autopilot.stop()
    pilot.frames(2)
    assert results and results[0]["outcome"] == "spinal_source_likely"
    return seen, problems


def staff_screens_problems(pilot, app, controller, where: str) -> list[str]:
    """From the end screen: the PIN pad, the summary page by page, and the staff screen."""
    end = controller.screens["end"]
    problems = whole_text_problems(end, f"end {where}", exempt=[end.ids.staff.__self__])
    hold(pilot, end.ids.staff, 2.2)
    pad = app.manager.get_screen("staff_pin")
    assert app.manager.current == "staff_pin"
    problems += whole_text_problems(pad, f"PIN pad {where}", patient=False)
    type_pin(pilot, pad)
    assert controller.current_screen_name == "summary"
    summary = controller.screens["summary"]
    scroll = summary.ids.scroll
    for page, place in enumerate(summary_pages(scroll)):
        scroll.scroll_y = place
        pilot.frames(2)
        problems += whole_text_problems(summary, f"summary page {page + 1} {where}", patient=False)
    pilot.tap(summary.ids.close)
    app.open_staff()
    pilot.frames(2)
    type_pin(pilot, pad)
    assert app.manager.current == "staff"
    assert len(staff_screen(app).tabs) >= 5  # Programs, This session, Sessions, Speech and sound, ... Kiosk
    for title in staff_screen(app).tabs:  # every section, a touch on its tab apart
        open_section(pilot, app, title)
        problems += whole_text_problems(staff_screen(app), f"staff section {title!r} {where}", patient=False)
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_every_word_of_every_screen_of_a_whole_journey_is_drawn(pilot, tmp_path, size, language):
    script, _ = load_script(JOURNEY)
    app = kiosk_at(pilot, tmp_path, size, programs=[script.program, "core_only"])
    controller = plugin_of(app).controller
    where = f"in {language} at {size_id(size)}"
    shots = tmp_path / "shots"
    seen, problems = play_and_check(pilot, controller, script, language, where, shots)
    assert controller.language == language
    problems += staff_screens_problems(pilot, app, controller, where)
    Window.size = (1280, 800)
    assert {view[0] for view in seen} >= {"attract", "safety", "check_in", "exercise", "recheck_rest"}
    assert {view[1] for view in seen if view[0] == "check_in"} == {"where", "how_strong", "weakness"}
    # The autopilot's pictures are of the views checked here: each screen pictured was checked word by word.
    pictured = {path.stem.split("-")[1] for path in shots.glob("*.png")}
    assert pictured - {"summary"} <= {view[0] for view in seen} | {"end"} and len(list(shots.glob("*.png"))) > 20
    assert not problems, "\n".join(sorted(set(problems)))


PROGRAM_NAMES = [  # (English, Spanish): names of the lengths clinics give their programs
    ("Is my knee pain coming from my back?", "¿Mi dolor de rodilla viene de la espalda?"),
    ("Bending forward exercises", "Ejercicios para inclinarse hacia delante"),
    ("Core strength and posture", "Fuerza del tronco y postura"),
    ("Low back pain after lifting at work", "Dolor lumbar después de levantar peso en el trabajo"),
    ("Sciatica: the first week", "Ciática: la primera semana"),
    ("Sitting posture for office workers", "Postura sentada para el trabajo de oficina"),
    ("After back surgery: gentle start", "Después de la operación de espalda: comienzo suave"),
    ("Neck and upper back", "Cuello y parte alta de la espalda"),
]


def clinic_with_programs(folder, count: int):
    programs = "".join(f"""
  - id: program_{n}
    name: "{english}"
    translations:
      es:
        name: "{spanish}"
    blocks:
      - role: spinal
        exercises: [prone_lying]
""" for n, (english, spanish) in enumerate(PROGRAM_NAMES[:count]))
    write(folder, "clinic.yaml", "use_bundled: true\nprograms:" + programs)
    return [f"program_{n}" for n in range(count)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_start_screen_shows_1_to_8_programs_whole_and_each_one_can_be_chosen(pilot, tmp_path, size, language):
    """Title, prompt, language buttons and every program: none over another, none under the speaker bar;
    a program out of sight only in a list with a visible scroll bar, and each can be touched to start."""
    problems = []
    for count in range(1, 9):
        folder = tmp_path / str(count)
        ids = clinic_with_programs(folder / "exercises", count)
        app = kiosk_at(pilot, folder, size, programs=ids, exercises=folder / "exercises")
        controller = plugin_of(app).controller
        attract = controller.screens["attract"]
        if language != controller.language:
            pilot.tap(next(b for b in attract.ids.languages.children if b.language == language))
            attract = controller.screens["attract"]  # built anew in the language
        assert controller.language == language
        problems += whole_text_problems(attract, f"{count} programs in {language} at {size_id(size)}")
        listing = attract.ids.list  # clipped (a stencil, dear to draw) only while its programs scroll
        assert stencil_drawn(listing) == (listing.viewport_size[1] > listing.height) == listing.clips, count
        assert count > 1 or not stencil_drawn(listing)
        last = attract.ids.choices.children[0]  # the last program offered: the one furthest down
        if count > 1:
            scroll_into_view(pilot, last)
            pilot.tap(last)
            assert controller.current_screen_name == "safety" and controller.session.program.id == ids[-1]
        pilot.stop()
    Window.size = (1280, 800)
    assert not problems, "\n".join(problems)


def stencil_drawn(widget) -> bool:
    """Whether the widget's canvas clips what it holds (Kivy's StencilPush, in a group or not)."""
    return "StencilPush" in instructions_drawn(widget.canvas.before)


def scroll_into_view(pilot, widget) -> None:
    """Scroll the list holding `widget` (if any) until it is in sight, as a finger would."""
    from whole_text import scroller_of

    scroller = scroller_of(widget)
    if scroller is not None:
        scroller.scroll_to(widget, padding=0, animate=False)
        pilot.frames(2)
