"""The check-in: where is the pain now, how strong, and is a leg weaker?

Three pages, one question each: "where" (the body map, with "Same as before"
and "No pain or numbness" as one-touch answers), "how_strong" (0 to 10) and
"weakness" (yes or no). After a set the map starts from the last answer, so an
unchanged patient touches once.

Each page is built on its own (`build_next_page`), so the kiosk can build the
screen a page per frame while the patient is busy elsewhere; `show()` builds
whatever is still missing.
"""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.clinical.checkin import MAX_INTENSITY, CheckIn
from kiosk.clinical.regions import REGIONS

from ..words import region_name, say
from ..widgets.body_map import BodyMap  # noqa: F401  (registers BodyMap for the kv rule)
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

PAGES = ("where", "how_strong", "weakness")


def marked_in_words(pain, numbness) -> str:
    """'Pain: right knee, right front of thigh. Numbness or tingling: right foot.'"""
    parts = []
    for label, regions in ((say.MARK_PAIN, pain), (say.MARK_NUMB, numbness)):
        if regions:
            names = [region_name(r) for r in sorted(regions, key=lambda r: (REGIONS[r].rank, r))]
            parts.append(f"{label}: {', '.join(names)}.")
    return "\n".join(parts) if parts else say.NOTHING_MARKED


class CheckInPage(Screen):
    """One page of the check-in; its kv rule reaches the check-in screen as `root.screen`."""

    screen = ObjectProperty(None)


class CheckInWhere(CheckInPage):
    """Where is the pain now: the body map."""


class CheckInHowStrong(CheckInPage):
    """How strong: 0 to 10."""


class CheckInWeakness(CheckInPage):
    """Is a leg weaker?"""


PAGE_CLASSES = {"where": CheckInWhere, "how_strong": CheckInHowStrong, "weakness": CheckInWeakness}


class CheckInScreen(SessionScreen):
    """Asks the check-in questions and reports the answer as one CheckIn."""

    __events__ = ("on_check_in", "on_worry")
    mode = OptionProperty("baseline", options=("baseline", "after_set", "recheck"))
    page = OptionProperty("where", options=PAGES)
    previous = ObjectProperty(None, allownone=True)
    """The last answer (None at the baseline): the map starts from it."""
    previous_intensity = NumericProperty(-1)
    """The last answer's pain number, shown as "last time"; -1 when there is none."""
    has_previous = BooleanProperty(False)
    marked_text = StringProperty("")
    intensity = NumericProperty(0)

    def on_check_in(self, check_in: CheckIn) -> None:
        """The patient answered."""

    def on_worry(self) -> None:
        """The patient has a new or worrying symptom: ask the safety questions again."""

    def show(self, mode: str, previous: CheckIn | None) -> None:
        """Ask the check-in from its first page (`fill` may have put the words in already)."""
        self.fill(mode, previous)
        self.go("where")

    def fill(self, mode: str, previous: CheckIn | None) -> None:
        """Everything the check-in shows, without showing it: the kiosk fills it in ahead, off screen.
        Filling again with the same answer changes nothing, so nothing is drawn again."""
        self.build_pages()
        self.mode = mode
        self.previous = previous if mode != "baseline" else None
        self.has_previous = self.previous is not None
        self.previous_intensity = self.previous.intensity if self.previous is not None else -1
        body_map = self.ids.body_map
        body_map.mode = "pain"
        self.ids.mark_pain.state, self.ids.mark_numb.state = "down", "normal"
        if self.previous is not None:
            body_map.set_marks(self.previous.pain, self.previous.numbness)
        else:
            body_map.set_marks((), ())
        self.intensity = 0
        self._update_marked()
        self.ids.pages.current = "where"

    def go(self, page: str) -> None:
        self.page = page
        self.ids.pages.current = page
        self.mark_shown()

    def _update_marked(self, *_) -> None:
        self.marked_text = marked_in_words(self.ids.body_map.pain, self.ids.body_map.numbness)

    # Building, a page at a time ---------------------------------------------------------

    @property
    def built(self) -> bool:
        """Are all three pages built?"""
        return len(self.ids.pages.screens) == len(PAGES)

    def build_next_page(self) -> bool:
        """Build the next page not yet built (sized like the screen); False when all were built."""
        pages = self.ids.pages
        if self.built:
            return False
        name = PAGES[len(pages.screens)]
        page = PAGE_CLASSES[name](name=name, screen=self)
        page.size = self.size  # laid out at its size now, not when it first shows (set after: a size given
        # to the constructor does not lay the page's children out)
        self.ids.update(page.ids)  # one set of ids for the whole screen, as when it was one rule
        pages.add_widget(page)
        if name == "where":
            self.ids.body_map.bind(pain=self._update_marked, numbness=self._update_marked)
        elif name == "how_strong":
            self._scale = {}
            for value in range(MAX_INTENSITY + 1):
                button = Factory.IntensityButton(text=str(value))
                button.bind(on_release=lambda _, v=value: self.choose_intensity(v))
                self._scale[value] = button
                self.ids.scale.add_widget(button)
        return True

    def build_pages(self) -> None:
        """Build every page still missing."""
        while self.build_next_page():
            pass

    # Answers ----------------------------------------------------------------------------

    def set_mark(self, mode: str) -> None:
        """Choose which mark a touch on the map puts on."""
        self.ids.body_map.mode = mode
        self.ids.mark_pain.state = "down" if mode == "pain" else "normal"
        self.ids.mark_numb.state = "down" if mode == "numbness" else "normal"

    def same_as_before(self) -> None:
        if self.previous is not None and self.fresh(self.ids.same_as_before):
            self.dispatch("on_check_in", self.previous)

    def no_pain(self) -> None:
        if not self.fresh(self.ids.no_pain):
            return
        self.ids.body_map.set_marks((), ())
        self.intensity = 0
        self.go("weakness")

    def where_done(self) -> None:
        """On to how strong, once a place is marked: a rating above 0 always has a place (with nothing
        marked the patient is asked to mark one, or to touch "No pain or numbness", which means 0)."""
        if not self.fresh(self.ids.next):
            return
        if self.ids.body_map.pain or self.ids.body_map.numbness:
            self.go("how_strong")
        else:
            self.marked_text = say.MARK_FIRST

    def choose_intensity(self, value: int) -> None:
        if not self.fresh(self._scale[value]):
            return
        self.intensity = value
        self.go("weakness")

    def answer_weakness(self, weak: bool) -> None:
        if not self.fresh(self.ids.weak_yes if weak else self.ids.weak_no):
            return
        body_map = self.ids.body_map
        marked = body_map.pain or body_map.numbness
        check_in = CheckIn(pain=frozenset(body_map.pain), numbness=frozenset(body_map.numbness),
                           intensity=int(self.intensity) if marked else 0, weakness=weak)
        self.dispatch("on_check_in", check_in)

    def worry(self) -> None:
        if self.fresh(self.ids.something_new):
            self.dispatch("on_worry")

    def back(self) -> None:
        """One page back (from the weakness question after "no pain": back to the map)."""
        if self.page == "weakness" and (self.ids.body_map.pain or self.ids.body_map.numbness
                                        or self.intensity):
            self.go("how_strong")
        else:
            self.go("where")

    def intensity_button(self, value: int):
        """The button for pain number `value` (the autopilot and the tests touch it)."""
        return self._scale[value]

    @property
    def weakness_title(self) -> str:
        return say.WEAK_TITLE_BASELINE if self.mode == "baseline" else say.WEAK_TITLE
