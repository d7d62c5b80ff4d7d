"""The printed home program through the real kiosk and a real CUPS: the patient's touch on the end screen
reaches the cups-pdf printer and its PDF appears in cups-pdf's folder; a stopped printer holds up nothing
(the session ends as always) and the staff screen says the job is waiting, until the printer is started."""

import subprocess
from pathlib import Path

from cupsserver import GUARD, PRINTER, PrintedFiles, cups, pdf_pages  # noqa: F401  (cups: the fixture)
from test_journeys import ROOT, labels_text, play, plugin_of
from test_staff import panel_of, start, tap_in_staff

from kiosk.exercise_session.handouts import CLINIC
from kiosk.exercise_session.handouts import PRINTER as PRINTER_SETTING
from kiosk.exercise_session.words import PRINT_HOME, PRINTING_HOME
from kiosk.handout.choice import home_exercises
from kiosk.handout.make import file_name
from kiosk.records.store import Records

CENTRALIZED = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"


def kiosk_with_printer(pilot, data: Path, printer: str | None = PRINTER):
    records = Records.open(data).records
    records.set_setting(PRINTER_SETTING, printer)
    records.set_setting(CLINIC, "Riverside Physio")
    records.close()
    return start(pilot, data, programs=["knee_from_spine"])


def pictures_in(path: Path) -> int:
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return sum(1 for line in listed.splitlines()[2:] if " image " in line)


def end_of_session(pilot, app):
    result = play(pilot, app, CENTRALIZED)
    controller = plugin_of(app).controller
    assert result["outcome"] == "spinal_source_likely" and controller.current_screen_name == "end"
    return controller, controller.screens["end"]


def test_the_patients_touch_prints_the_home_program_on_the_clinic_printer(pilot, tmp_path, cups):
    app = kiosk_with_printer(pilot, tmp_path / "data")
    controller, end = end_of_session(pilot, app)
    assert end.printable and end.ids.print_home.opacity == 1 and end.ids.print_home.text == PRINT_HOME
    printed = PrintedFiles()
    try:
        pilot.tap(end.ids.print_home)
        assert end.printed and end.ids.print_home.disabled and end.ids.printing.text == PRINTING_HOME
        handouts = plugin_of(app).handouts
        handouts.queue.wait(GUARD)
        [job] = handouts.queue.jobs
        assert not job.failed and job.cups_id == f"{PRINTER}-1", job.state
        [record] = app.records.recent()
        title = file_name(app.records.session(record.id))[:-4]
        pdf = printed.next_pdf(title, cups.log)
        program = plugin_of(app).library.programs["knee_from_spine"]
        exercises = home_exercises(program, app.records.session(record.id))
        assert len(exercises) == 9  # 4 of the extension progression, 3 of core, 2 of posture
        assert pdf_pages(pdf) == 2 and pictures_in(pdf) == 2 * len(exercises)
    finally:
        printed.close()
    pilot.tap(end.ids.finish)
    assert controller.current_screen_name == "attract" and controller.session is None


def test_a_stopped_printer_holds_up_nothing_and_the_staff_screen_says_the_job_is_waiting(pilot, tmp_path, cups):
    cups.run("cupsdisable", PRINTER)
    app = kiosk_with_printer(pilot, tmp_path / "data")
    controller, end = end_of_session(pilot, app)
    pilot.tap(end.ids.print_home)
    assert end.ids.printing.text == PRINTING_HOME  # the patient is told the same as when it prints at once
    pilot.tap(end.ids.finish)
    assert controller.current_screen_name == "attract" and controller.session is None
    [record] = app.records.recent()
    assert record.outcome == "spinal_source_likely" and record.ended_at
    handouts = plugin_of(app).handouts
    handouts.queue.wait(GUARD)
    [job] = handouts.queue.jobs
    assert job.state == f"waiting at {PRINTER} (job {PRINTER}-1): the printer is stopped (Paused)"
    app.open_staff()
    pilot.frames(3)
    section = panel_of(app).handout_section
    pilot.wait_until(lambda: f"printer:{PRINTER}" in section.widgets, "the printers CUPS knows", 600)
    assert section.widgets[f"printer:{PRINTER}"].state == "down"
    text = labels_text(section)
    assert f"Session {record.id} (patient's touch): waiting at {PRINTER}" in text
    assert "the printer is stopped" in text and section.message.text == f"Handouts print on {PRINTER}."
    printed = PrintedFiles()
    try:
        cups.run("cupsenable", PRINTER)  # staff start the printer: the job waiting in CUPS prints
        printed.next_pdf(file_name(app.records.session(record.id))[:-4], cups.log)
        pilot.wait_until(lambda: job.done, "CUPS to say the job is done (asked every few seconds)", 6000)
        assert job.state == f"printed on {PRINTER} (job {PRINTER}-1)" and not job.failed
        pilot.frames(200)
        assert f"Session {record.id} (patient's touch): printed on {PRINTER}" in labels_text(section)
    finally:
        printed.close()
    tap_in_staff(pilot, app, section.widgets["printer:"])  # "No printer": the end screen offers none
    assert handouts.printer is None
