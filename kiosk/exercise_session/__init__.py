"""The exercise-session plugin: screening, exercises, check-ins and the summary.

Registered under the `kiosk.plugins` entry points as `exercise_session`.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from kiosk.app.plugins import Plugin
from kiosk.content.folders import bundled_exercises_dir, default_assets_dir
from kiosk.content.library_paths import load_with_clinic
from kiosk.records import private
from kiosk.records.programs_folder import programs_dir
from kiosk.records.store import cache_dir, default_data_dir

log = logging.getLogger("kiosk.exercise_session")


def _print_recorded(kind: str, session_id: int | None, args: tuple) -> None:
    """The autopilot's progress on stderr: each answer once it is safely on disk."""
    detail = ""
    if kind == "check_in":
        answer_kind, check_in, _step = args
        detail = f" {answer_kind} intensity={check_in.intensity}"
    elif kind == "screening":
        detail = f" {args[0]}={'yes' if args[1] else 'no'}"
    elif kind == "end":
        detail = f" {args[0]}"
    print(f"recorded: {kind} session={session_id}{detail}", file=sys.stderr, flush=True)


def library_cache(data: Path | None) -> Path | None:
    """`cache/` in the data folder, private like the records: the library as last read (a faster start);
    None when it can't be made (the files are then read at every start)."""
    folder = cache_dir(data)
    try:
        private.make_private_folder(folder.parent)
        private.make_private_folder(folder)
    except OSError as error:
        log.warning("no library cache (%s): the exercise files are read at every start", error)
        return None
    return folder


class ExerciseSessionPlugin(Plugin):
    """Runs exercise programs from the exercise folder, one patient at a time."""

    id = "exercise_session"
    title = "Exercises for your back and knee"
    order = 10

    def build(self):
        from .controller import SessionController

        options = self.shell.options
        folder = options.exercises
        cache = library_cache(options.data)
        self.library = load_with_clinic(folder, programs_dir(options.data), cache_folder=cache)
        for problem in self.library.problems:
            log.warning("%s", problem)
        self.exercises_folder = folder or bundled_exercises_dir()
        assets = default_assets_dir(self.exercises_folder)
        from .offered import active_programs, offerable

        programs = options.extra.get("programs") or active_programs(getattr(self.shell, "records", None),
                                                                    offerable(self.library.programs))
        programs = [p for p in programs if p in offerable(self.library.programs)]
        self.controller = SessionController(self.library, assets, speed=options.speed, programs=programs)
        self.controller.bind(on_finished=lambda *_: self.shell.plugin_finished(self))
        from .handouts import Handouts

        records = getattr(self.shell, "records", None)
        data = records.path.parent if records is not None else (options.data or default_data_dir())
        self.handouts = self.controller.handouts = Handouts(lambda: self.library, assets, data, records)
        self.controller.staff_gate = lambda then: self.shell.open_staff(then=then)  # the summary: PIN first
        from .speaking import SpeakingRoot, make_voice
        from .widgets import speaker

        speaker.keep_pictures_in(cache)  # the speaker button's pictures, as last drawn

        self.voice = self.controller.voice = make_voice(self.shell, assets)
        self.root = root = SpeakingRoot(self.controller, self.voice,
                                        wait_for_phrases=options.extra.get("autopilot") is not None)
        from .recording import Recorder

        trace = _print_recorded if options.extra.get("autopilot") is not None else None
        # With no records (they could not be opened), every answer is counted as unwritten.
        self.recorder = Recorder(getattr(self.shell, "records", None), self.controller, on_recorded=trace)
        from .staff_findings import StaffFindings

        self.controller.staff_findings = StaffFindings.of_shell(self.shell)
        if options.extra.get("autopilot") is not None:
            self._start_autopilot(options.extra)
        return root

    def _start_autopilot(self, extra: dict) -> None:
        from .autopilot import Autopilot

        def done(result: dict) -> None:
            extra["autopilot_result"] = result
            print(json.dumps(result, indent=2), flush=True)
            self.shell.exit_kiosk()

        self.autopilot = Autopilot(self.controller, extra["autopilot"], on_done=done, screenshots=extra.get("screenshots"),
                                   language=extra.get("language"))
        self.autopilot.start()

    def reset(self, reason: str) -> None:
        log.info("exercise session reset (%s)", reason)
        self.controller.reset(reason)
        if reason == "stop":
            self.controller.preparer.cancel()  # nothing built for a kiosk that is closing
            self.voice.close()  # the kiosk is closing: no synthesis left queued, sounds and the speech log let go
            self.handouts.records = None  # the records close with the kiosk: a late answer from CUPS finds none

    @property
    def language(self) -> str:
        """The patient's language (the shell asks "Are you still there?" in it)."""
        return self.controller.language

    @property
    def awaiting_patient(self) -> bool:
        return self.controller.awaiting_patient

    def set_programs(self, program_ids: list[str]) -> None:
        """Offer these programs from the next start screen on (a draft among them is left out)."""
        from .offered import offerable

        self.controller.program_ids = [p for p in program_ids if p in offerable(self.library.programs)]
        if self.controller.session is None:
            self.controller.reset()  # the start screen shows the new choice at once

    def programs_changed(self) -> bool:
        """The clinic server sent programs: read the folders again for the sessions that start from now on.

        False while a patient is mid-session (that session keeps its program; the shell asks again)."""
        if self.controller.session is not None:
            return False
        options = self.shell.options
        self.library = self.controller.library = load_with_clinic(options.exercises, programs_dir(options.data),
                                                                  cache_folder=library_cache(options.data))
        from .offered import active_programs, offerable

        self.set_programs(options.extra.get("programs") or active_programs(getattr(self.shell, "records", None),
                                                                           offerable(self.library.programs)))
        return True

    def staff_panel(self):
        from .staff_panel import ExerciseStaffPanel

        return ExerciseStaffPanel(self)

    def unwritten(self) -> int:
        if self.recorder is None:
            return 0
        self.recorder.flush()  # a last try: the disk may have room again
        return self.recorder.unwritten

    def staff_notices(self) -> list[str]:
        notices = []
        if self.recorder is not None and self.recorder.last_error:
            notices.append(f"Records: {self.recorder.last_error}")
        if self.library.errors:
            notices.append(f"The exercise folder has {len(self.library.errors)} problem(s): see Exercise files under Kiosk.")
        return notices
