"""The staff screen's sections: a row of tabs under the top bar, one section shown at a time.

A plugin's staff panel gives its parts as `Section(title, widget, messages)` from
`sections()`; a panel that is only a widget is one section titled after its plugin.
Parts of the same title are shown together, in one section (the shell's own "This
session" and "Kiosk" parts come first in theirs). A section taller than its area
scrolls inside it, with a bar. A part's `messages` (labels such as "Written: ...")
are shown in the section's status line, fixed under the tabs: a confirmation is seen
at once, wherever the control that made it is.
"""

from __future__ import annotations

from typing import NamedTuple

from kivy.factory import Factory
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

THIS_SESSION, KIOSK = "This session", "Kiosk"


class Section(NamedTuple):
    """One part of a section: its tab's title, what it shows, and the labels of its status line."""

    title: str
    widget: Widget
    messages: tuple = ()


class StaffSection(BoxLayout):
    """What one tab shows: the status line (its messages, fixed) over the parts (scrolling)."""

    def __init__(self, title: str, **kwargs) -> None:
        super().__init__(orientation="vertical", spacing=dp(8), **kwargs)
        self.title = title
        self.status = BoxLayout(orientation="vertical", size_hint_y=None, height=0, spacing=dp(4))
        self.status.bind(minimum_height=self.status.setter("height"))
        self.scroll = ScrollView(do_scroll_x=False, bar_width=dp(12), scroll_type=["bars", "content"],
                                 bar_inactive_color=(0.30, 0.33, 0.38, 0.6))
        self.content = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(24),
                                 padding=(0, 0, dp(20), 0))
        self.content.bind(minimum_height=self.content.setter("height"))
        self.scroll.add_widget(self.content)
        self.add_widget(self.status)
        self.add_widget(self.scroll)

    def add_part(self, part: Section) -> None:
        self.content.add_widget(part.widget)
        for message in part.messages:  # StaffMessage labels (staff.kv): no room taken while they say nothing
            self.status.add_widget(message)

    def said(self) -> list[tuple[str, tuple]]:
        """What the status line says, line by line (text and colour)."""
        return [(message.text, tuple(message.color)) for message in reversed(self.status.children)]

    def say_again(self, lines: list[tuple[str, tuple]]) -> None:
        """After the screen is rebuilt (the program editor saved): the same lines where the new ones are empty."""
        messages = list(reversed(self.status.children))
        if len(messages) == len(lines):
            for message, (text, colour) in zip(messages, lines):
                if text and not message.text:
                    message.text, message.color = text, colour


def parts_of(plugin, panel) -> list[Section]:
    """The sections a plugin's panel gives (a bare widget: one section titled after the plugin)."""
    if panel is None:
        return []
    if hasattr(panel, "sections"):
        return [Section(*part) for part in panel.sections()]
    return [Section(plugin.title, panel)]


def build_sections(shell_parts: list[Section], plugin_parts: list[Section]) -> dict[str, StaffSection]:
    """The sections in the plugins' order, then the shell's own (Kiosk last); the shell's part heads its section."""
    titles = [part.title for part in (*plugin_parts, *shell_parts) if part.title != KIOSK] + [KIOSK]
    sections: dict[str, StaffSection] = {}
    for title in dict.fromkeys(titles):
        sections[title] = StaffSection(title)
    for part in (*shell_parts, *plugin_parts):
        sections[part.title].add_part(part)
    return sections


def make_tab(title: str, on_choose) -> Widget:
    """A section's button (a StaffTab, in staff.kv): touching it shows the section."""
    tab = Factory.StaffTab(text=title)
    tab.bind(on_release=lambda *_: on_choose(title))
    return tab


def bring_into_view(widget) -> None:
    """Scroll the scrolling area that holds `widget` (if any) so that it shows: a confirmation below the fold."""
    parent = widget.parent
    while parent is not None and parent is not parent.parent and not isinstance(parent, ScrollView):
        parent = parent.parent  # the window is its own parent: the climb ends there
    if isinstance(parent, ScrollView):
        parent.scroll_to(widget, padding=dp(16), animate=False)
