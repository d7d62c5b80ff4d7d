"""The exercise picker: the library as a scrolling list, one touch adds an exercise to a block.

Staff see every exercise of the library grouped by role (the role of the blocks
the library's programs use it in; the role of the block being added to first,
those in no program last), by clinical name within a group, each row with its
demonstration as a still picture (`stills`), its clinical name beside the
patient's ("Dead bug (Lying arm and leg lower)") and its own dose in short words
("3 sets x 10, hold 2 s, rest 30 s"). The title says where the exercise goes. Touching a row closes the picker and
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
from kivy.metrics import dp
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.modalview import ModalView

from kiosk.clinical.program import Exercise, Role
from kiosk.content.folders import bundled_exercises_dir, default_assets_dir
from kiosk.content.loader import Library

from .stills import Stills
from .wording import ROLE_LABELS, clinical_name, staff_name

NO_ROLE = "In no program yet"

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


def roles_of(library: Library) -> dict[str, Role]:
    """Each exercise's role: the one of the blocks the library's programs use it in most (ties: spinal first)."""
    counts: dict[str, dict[Role, int]] = {}
    for program in library.programs.values():
        for block in program.blocks:
            for exercise in block.exercises:
                by_role = counts.setdefault(exercise.id, {})
                by_role[block.role] = by_role.get(block.role, 0) + 1
    order = list(Role)
    return {exercise_id: max(by_role, key=lambda role: (by_role[role], -order.index(role)))
            for exercise_id, by_role in counts.items()}


def grouped(library: Library, first: Role | None) -> list[tuple[str, list[Exercise]]]:
    """The exercises in groups by role, `first`'s group first and those in no program last, each group by
    clinical name; groups with no exercise are left out."""
    roles = roles_of(library)
    order = ([first] if first else []) + [role for role in Role if role is not first]
    groups = [(ROLE_LABELS[role.value], [e for e in library.exercises.values() if roles.get(e.id) is role])
              for role in order]
    groups.append((NO_ROLE, [e for e in library.exercises.values() if e.id not in roles]))
    return [(label, sorted(exercises, key=lambda e: (clinical_name(e.id).casefold(), e.id)))
            for label, exercises in groups if exercises]


class PickerGroup(BoxLayout):
    """A group's heading in the list ("Spinal: repeated movements"); not a touch target."""

    text = StringProperty("")


class PickerRow(ButtonBehavior, BoxLayout):
    """One exercise of the picker: its still (or initials), name and dose; touching it picks it.

    The RecycleView reuses a row for other exercises as the list scrolls: all it shows comes from
    the properties below, which the list sets from its data."""

    exercise_id = StringProperty("")
    """The id of the exercise this row picks."""
    name = StringProperty("")
    """The exercise's clinical name with the patient's beside it."""
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
                 assets: Path | None = None, block: tuple[int, Role] | None = None, **kwargs) -> None:
        """`block`: the number and role of the block the exercise goes to (its group first, in the title)."""
        super().__init__(**kwargs)
        self.library = library
        self.on_pick = on_pick
        self.assets = assets if assets is not None else default_assets_dir(bundled_exercises_dir())
        """Where media paths of exercises the library has no folder for are relative to."""
        self.stills = Stills(data_dir)
        groups = grouped(library, block[1] if block else None)
        self.order = [exercise.id for _, exercises in groups for exercise in exercises]
        """The exercise ids in the order shown (by group, then clinical name)."""
        self.exercise_ids = frozenset(self.order)
        """The same ids, to look one up quickly."""
        self.rows = ShownRows(self)
        """Exercise id -> its row widget, scrolled into view (for a pilot to touch)."""
        data = []
        self.data_index: dict[str, int] = {}
        """Exercise id -> its place in the list's data (group headings come between)."""
        for label, exercises in groups:
            data.append({"viewclass": "PickerGroup", "text": f"{label} ({len(exercises)})", "size": (None, dp(56))})
            for exercise in exercises:
                self.data_index[exercise.id] = len(data)
                data.append({"viewclass": "PickerRow", "exercise_id": exercise.id, "name": staff_name(exercise),
                             "dose": dose_in_words(exercise), "initials": initials(clinical_name(exercise.id)),
                             "still": "", "pick": self._picked})
        self.ids.listing.data = data
        where = f"Add to Block {block[0]} ({block[1].value})" if block else "Add an exercise"
        self.ids.heading.text = (f"{where}: {len(self.order)} in the library, by role" if self.order
                                 else "The library has no exercises.")

    def on_open(self) -> None:
        """Start making the stills only once the list is up: it is never held back by them."""
        for exercise_id in self.order:
            index = self.data_index[exercise_id]
            exercise = self.library.exercises[exercise_id]
            video = (self.library.media_file(exercise_id, exercise.video, self.assets) if exercise.video
                     else None)
            self.stills.request(video, exercise.animation, partial(self._still_ready, index))

    def on_dismiss(self) -> None:
        self.stills.close()

    def still_of(self, exercise_id: str) -> str:
        """The still shown for an exercise ("" while its initials are shown)."""
        return self.ids.listing.data[self.data_index[exercise_id]]["still"]

    def scroll_to_row(self, exercise_id: str) -> PickerRow:
        """Scroll the list so that the exercise's row is on screen, and give that row's widget."""
        listing, index = self.ids.listing, self.data_index[exercise_id]
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
