"""The exercise picker: the library as a scrolling list, one touch adds an exercise to a block.

Staff see every exercise of the library sorted by name, each row with its
demonstration as a still picture (`stills`), its name and its own dose in short
words ("3 sets x 10, hold 2 s, rest 30 s"). Touching a row closes the picker and
calls `on_pick(exercise_id)`; "Cancel" closes it and calls nothing. Stills are
made in the background: until one is ready its row shows the exercise's initials.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.lang import Builder
from kivy.properties import StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.modalview import ModalView

from kiosk.clinical.program import Exercise
from kiosk.content.folders import bundled_exercises_dir, default_assets_dir
from kiosk.content.loader import Library

from .stills import Stills

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


def dose_in_words(exercise: Exercise) -> str:
    """The exercise's own dose, short: "3 sets x 10, hold 2 s, rest 30 s"; what is zero is left out."""
    words = [f"{exercise.sets} {'set' if exercise.sets == 1 else 'sets'} x {exercise.reps}"]
    if exercise.hold:
        words.append(f"hold {exercise.hold} s")
    if exercise.rest:
        words.append(f"rest {exercise.rest} s")
    return ", ".join(words)


def initials(name: str) -> str:
    """Up to two capital letters for a tile: "Press-up in lying" -> "PI", "Bridge" -> "B"."""
    words = [word for word in name.split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


class PickerRow(ButtonBehavior, BoxLayout):
    """One exercise of the picker: its still (or initials), name and dose; touching it picks it."""

    exercise_id = StringProperty("")
    """The id of the exercise this row picks."""
    name = StringProperty("")
    """The exercise's name."""
    dose = StringProperty("")
    """The exercise's own dose in short words."""
    initials = StringProperty("")
    """Shown on a plain tile until (or when never) a still is ready."""
    still = StringProperty("")
    """The still picture's file, "" while there is none."""

    def show_still(self, path: Path | None) -> None:
        """Called when the still is made: show it (None: keep the initials)."""
        self.still = str(path) if path is not None else ""


class ExercisePicker(ModalView):
    """A modal list of the library's exercises; `on_pick(exercise_id)` is called with the one touched."""

    def __init__(self, library: Library, on_pick: Callable[[str], None], data_dir: Path | None = None,
                 assets: Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.on_pick = on_pick
        self.assets = assets if assets is not None else default_assets_dir(bundled_exercises_dir())
        self.stills = Stills(data_dir)
        self.rows: dict[str, PickerRow] = {}
        """Exercise id -> its row (touchable), in the order shown."""
        self._fill()

    def _fill(self) -> None:
        listing = self.ids.listing
        ordered = sorted(self.library.exercises.values(), key=lambda exercise: (exercise.name.casefold(),
                                                                                exercise.id))
        for exercise in ordered:
            row = PickerRow(exercise_id=exercise.id, name=exercise.name, dose=dose_in_words(exercise),
                            initials=initials(exercise.name))
            row.bind(on_release=self._row_touched)
            listing.add_widget(row)
            self.rows[exercise.id] = row
        self.ids.heading.text = (f"Add an exercise: {len(ordered)} in the library, by name" if ordered
                                 else "The library has no exercises.")

    def on_open(self) -> None:
        """Start making the stills only once the list is up: it is never held back by them."""
        for exercise_id, row in self.rows.items():
            exercise = self.library.exercises[exercise_id]
            video = (self.library.media_file(exercise_id, exercise.video, self.assets) if exercise.video
                     else None)
            self.stills.request(video, exercise.animation, row.show_still)

    def on_dismiss(self) -> None:
        self.stills.close()

    def scroll_to_row(self, exercise_id: str) -> None:
        """Scroll the list so that the exercise's row is on screen (for a pilot about to touch it)."""
        self.ids.scroll.scroll_to(self.rows[exercise_id], padding=0, animate=False)

    def cancel(self) -> None:
        """Close without picking."""
        self.dismiss(animation=False)  # at once: the editor underneath is what staff want to see

    def _row_touched(self, row: PickerRow) -> None:
        self.dismiss(animation=False)  # at once: the editor underneath is what staff want to see
        self.on_pick(row.exercise_id)
