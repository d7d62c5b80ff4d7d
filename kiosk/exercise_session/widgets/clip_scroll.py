"""A ScrollView that clips only while it scrolls.

Kivy's ScrollView is a StencilView: every frame it draws, it draws a full-size
stencil before its content and another after it, and every pixel between is
stencil-tested. With Mesa's llvmpipe that makes each frame of the screen dearer
(see kiosk.app.common.KioskScreenManager). The start screen's list of programs
needs the clip only when it is taller than its area and scrolls; with the usual
one to three programs it fits, and then the stencil is taken out of the canvas.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.graphics import BindTexture, InstructionGroup, StencilPop, StencilPush, StencilUnUse, StencilUse
from kivy.uix.scrollview import ScrollView


class ClipWhenScrolling(ScrollView):
    """Clips its content (the stencil of StencilView) only while the content is taller than it."""

    def __init__(self, **kwargs) -> None:
        self._clips = True
        self._stencil: tuple[InstructionGroup, InstructionGroup] | None = None
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget) -> None:
        """Kivy's rules have drawn the stencil into the canvas by now (a widget of a kv file gets them
        after its __init__): it is moved into two groups of its own, put in and taken out whole."""
        super().on_kv_post(base_widget)
        self._stencil = (_take(self.canvas.before, StencilPush, StencilUse),
                         _take(self.canvas.after, StencilUnUse, StencilPop))
        self.canvas.before.insert(0, self._stencil[0])
        self.canvas.after.insert(0, self._stencil[1])
        self.bind(viewport_size=self._clip, height=self._clip)
        self._clip()

    @property
    def clips(self) -> bool:
        return self._clips

    def _clip(self, *_args) -> None:
        clips = self.viewport_size[1] > self.height
        if clips == self._clips or self._stencil is None:
            return
        self._clips = clips
        for canvas, group in zip((self.canvas.before, self.canvas.after), self._stencil):
            if clips:
                canvas.insert(0, group)
            else:
                canvas.remove(group)


def _take(canvas, first: type, last: type) -> InstructionGroup:
    """The instructions from the `first` that begins `canvas` to the first `last`, moved into a group
    (each Rectangle's texture binding goes with it)."""
    children = list(canvas.children)
    if not children or not isinstance(children[0], first):
        raise RuntimeError(f"the canvas does not begin with {first.__name__}: {children[:4]}")
    end = next(index for index, instruction in enumerate(children) if isinstance(instruction, last))
    group = InstructionGroup()
    for instruction in children[:end + 1]:
        if not isinstance(instruction, BindTexture):
            canvas.remove(instruction)
            group.add(instruction)
    return group


Factory.register("ClipWhenScrolling", cls=ClipWhenScrolling)
