"""The exercise picker: the library as a scrolling list, one touch adds an exercise to a block.

Staff see every exercise of the library sorted by name, each row with its
demonstration as a still picture (`stills`), its name and its own dose in short
words ("3 sets x 10, hold 2 s, rest 30 s"). Touching a row closes the picker and
calls `on_pick(exercise_id)`; "Cancel" closes it and calls nothing. Stills are
made in the background: until one is ready its row shows the exercise's initials.

The list is a RecycleView: only the rows on screen exist as widgets, so a
library of hundreds of exercises opens as fast as one of ten. `rows[exercise_id]`
scrolls that exercise's row into view and gives its widget, for a test to touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from kivy.lang import Builder
from kivy.properties import ObjectProperty, StringProperty
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
    """One exercise of the picker: its still (or initials), name and dose; touching it picks it.

    The RecycleView reuses a row for other exercises as the list scrolls: all it shows comes from
    the properties below, which the list sets from its data."""

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
    pick = ObjectProperty(None, allownone=True)
    """Called with the exercise id when the row is touched."""

    def on_release(self) -> None:
        if self.pick is not None:
            self.pick(self.exercise_id)


class ShownRows(Mapping):
    """`rows[exercise_id]`: the exercise's row widget, scrolled into view first; ids in the order shown.

    For a pilot: the list hands a tap to the row 0.2 s after the finger lifts (a ScrollView first
    waits to see whether the finger scrolls), so step about 15 frames after tapping a row."""

    def __init__(self, picker: "ExercisePicker") -> None:
        self._picker = picker

    def __getitem__(self, exercise_id: str) -> PickerRow:
        if exercise_id not in self:
            raise KeyError(exercise_id)
        return self._picker.scroll_to_row(exercise_id)

    def __contains__(self, exercise_id) -> bool:
        return exercise_id in self._picker.exercise_ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._picker.order)

    def __len__(self) -> int:
        return len(self._picker.order)


class ExercisePicker(ModalView):
    """A modal list of the library's exercises; `on_pick(exercise_id)` is called with the one touched."""

    def __init__(self, library: Library, on_pick: Callable[[str], None], data_dir: Path | None = None,
                 assets: Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.on_pick = on_pick
        self.assets = assets if assets is not None else default_assets_dir(bundled_exercises_dir())
        """Where media paths of exercises the library has no folder for are relative to."""
        self.stills = Stills(data_dir)
        ordered = sorted(library.exercises.values(), key=lambda exercise: (exercise.name.casefold(), exercise.id))
        self.order = [exercise.id for exercise in ordered]
        """The exercise ids in the order shown (by name)."""
        self.exercise_ids = frozenset(self.order)
        """The same ids, to look one up quickly."""
        self.rows = ShownRows(self)
        """Exercise id -> its row widget, scrolled into view (for a pilot to touch)."""
        self.ids.listing.data = [{"exercise_id": exercise.id, "name": exercise.name, "dose": dose_in_words(exercise),
                                  "initials": initials(exercise.name), "still": "", "pick": self._picked}
                                 for exercise in ordered]
        self.ids.heading.text = (f"Add an exercise: {len(ordered)} in the library, by name" if ordered
                                 else "The library has no exercises.")

    def on_open(self) -> None:
        """Start making the stills only once the list is up: it is never held back by them."""
        for index, exercise_id in enumerate(self.order):
            exercise = self.library.exercises[exercise_id]
            video = (self.library.media_file(exercise_id, exercise.video, self.assets) if exercise.video
                     else None)
            self.stills.request(video, exercise.animation, partial(self._still_ready, index))

    def on_dismiss(self) -> None:
        self.stills.close()

    def still_of(self, exercise_id: str) -> str:
        """The still shown for an exercise ("" while its initials are shown)."""
        return self.ids.listing.data[self.order.index(exercise_id)]["still"]

    def scroll_to_row(self, exercise_id: str) -> PickerRow:
        """Scroll the list so that the exercise's row is on screen, and give that row's widget."""
        listing, index = self.ids.listing, self.order.index(exercise_id)
        listing.refresh_views()  # lays the rows out now if the list is new
        layout = listing.layout_manager
        bottom, height = layout.view_opts[index]["pos"][1], layout.view_opts[index]["size"][1]
        room = layout.height - listing.height
        if room > 0:  # put the row at the top of the view, or as near as the list's ends allow
            listing.scroll_y = min(1.0, max(0.0, (bottom + height - listing.height) / room))
        listing.update_from_scroll()
        listing.refresh_views()
        return listing.view_adapter.get_visible_view(index)

    def cancel(self) -> None:
        """Close without picking."""
        self.dismiss(animation=False)  # at once: the editor underneath is what staff want to see

    def _picked(self, exercise_id: str) -> None:
        self.dismiss(animation=False)
        self.on_pick(exercise_id)

    def _still_ready(self, index: int, path: Path | None) -> None:
        if path is None:
            return
        listing = self.ids.listing
        listing.data[index]["still"] = str(path)  # read when the row next scrolls into view
        shown = listing.view_adapter.get_visible_view(index)
        if shown is not None:  # on screen now: show it at once, without laying out the whole list again
            shown.still = str(path)
