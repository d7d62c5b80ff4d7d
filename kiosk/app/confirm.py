"""Asking once before a touch that loses work or cannot be taken back.

`ask(question, detail, keep=..., go=..., on_go=...)` lays a question over the
whole window: the safe choice (`keep`, which leaves everything as it was) is the
big button, the destructive one (`go`) smaller and red beside it. Nothing happens
until one of them is touched; `on_go()` runs only after `go`. Used across the
staff side: leaving the editor with unsaved changes, removing an exercise or a
block, an undo, ending a session, exiting kiosk mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import StringProperty
from kivy.uix.modalview import ModalView


class Confirm(ModalView):
    """One question with two answers; `answer` is "keep" or "go" once touched."""

    question = StringProperty("")
    """What is about to happen, as a question ("Leave without saving?")."""
    detail = StringProperty("")
    """What it loses or changes, in a sentence or two."""
    keep = StringProperty("")
    """The safe answer's words (the big button): nothing changes."""
    go = StringProperty("")
    """The destructive answer's words."""
    answer = StringProperty("")

    def __init__(self, act: Callable[[], object], **kwargs) -> None:
        self.act = act  # (not "on_go": Kivy calls on_<property> whenever that property changes)
        super().__init__(**kwargs)

    def choose(self, answer: str) -> None:
        self.answer = answer
        self.dismiss(animation=False)
        if answer == "go":
            self.act()


def ask(question: str, detail: str, keep: str, go: str, on_go: Callable[[], object]) -> Confirm:
    """Ask `question` over the window; `on_go()` runs only if the destructive answer is touched."""
    view = Confirm(on_go, question=question, detail=detail, keep=keep, go=go)
    view.open(animation=False)
    return view


def showing() -> Confirm | None:
    """The question on the window now, if any (for tests and the autopilot)."""
    return next((child for child in Window.children if isinstance(child, Confirm)), None)


Builder.load_file(str(Path(__file__).with_suffix(".kv")))
