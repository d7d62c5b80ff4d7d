"""Whole text: is every word of every label laid out, and drawn inside its widget and the screen?

What is compared is what Kivy draws, not what the widget holds: each label's
text is laid out again as its own core label lays it out (font, size, width to
wrap in, height to clip at, shortening) and the words of those lines must be all
of the text's words; the texture drawn (its size, where the label's rule puts it)
must lie inside the widget and inside the screen's area (the window less the
speaker bar above it), and no two labels' texts may be drawn over each other.
Text that hangs from the top and scrolls (`TextAtTop`) may show fewer lines than
it has only while it scrolls with its arrow showing; a scrolling list (a
ScrollView) may hold labels out of sight only with a scroll bar that stays
visible on patient screens.

Nothing here names a screen's ids: it walks the widgets it finds, so a screen
rearranged (the staff screen into sections, say) is checked the same way.
"""

from __future__ import annotations

import re

from kivy.core.text import Label as CoreLabel
from kivy.core.window import Window
from kivy.metrics import dp, sp
from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView
from kivy.uix.scrollview import ScrollView

from kiosk.exercise_session.widgets.steady_text import GlyphText
from kiosk.exercise_session.widgets.text_at_top import TextAtTop

MARKUP = re.compile(r"\[/?[a-z_]+(=[^\]]*)?\]")
SLACK = 1
"""Pixels of rounding allowed at every edge (Kivy places textures on whole pixels)."""


def shown(widget) -> bool:
    """Drawn for whoever looks: no ancestor hidden at opacity 0 or of no size."""
    node = widget
    while node is not None and node is not Window:
        if node.opacity == 0 or node.width <= 1 or node.height <= 1:
            return False
        node = node.parent
    return True


def words(text: str) -> str:
    return "".join(text.split())


def laid_out(label) -> str:
    """The words of the lines the label's core label lays out for its text, run together."""
    if label.markup:
        core = label._label  # markup is laid out by the label itself, never swapped from a kept texture
    else:
        core = CoreLabel(**{**label._label.options, "text": label.text})
        core.usersize = label._label.usersize
        core.resolve_font_name()
        core.render()
    return words("".join(word.text for line in core._cached_lines for word in line.words))


def drawn_box(label) -> tuple[float, float, float, float]:
    """(x, y, width, height) in window pixels of the text's texture as drawn."""
    if isinstance(label, TextAtTop):
        (x, y), (width, height) = label.drawn.pos, label.drawn.size
    else:
        width, height = label.texture_size
        x, y = int(label.center_x - width / 2), int(label.center_y - height / 2)
    wx, wy = label.to_window(x, y)
    return wx, wy, width, height


def scroller_of(widget):
    node = widget.parent
    while node is not None and node is not Window:
        if isinstance(node, ScrollView):
            return node
        node = node.parent
    return None


def window_box(widget) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, widget.width, widget.height


def inside(box, area) -> bool:
    x, y, w, h = box
    left, bottom, right, top = area
    return x >= left - SLACK and y >= bottom - SLACK and x + w <= right + SLACK and y + h <= top + SLACK


def overlap(a, b) -> bool:
    return not (a[0] + a[2] <= b[0] + SLACK or b[0] + b[2] <= a[0] + SLACK or
                a[1] + a[3] <= b[1] + SLACK or b[1] + b[3] <= a[1] + SLACK)


def label_problems(label, where: str, area, patient: bool) -> list[str]:
    """What is cut or spills of one label's text."""
    name = f"{where}: {label.text[:40]!r}"
    problems = []
    if not isinstance(label, GlyphText) and words(MARKUP.sub("", label.text) if label.markup else label.text) \
            != laid_out(label):
        problems.append(f"{name} is cut: not all of its words are laid out")
    box = drawn_box(label)
    if isinstance(label, TextAtTop) and label.texture is not None and box[3] < label.texture.height - SLACK:
        if not (label.scrolls and (label.more_below or label.offset > 0)):
            problems.append(f"{name} is cut: {box[3]:.0f} of its {label.texture.height} px drawn, no scroll cue")
    wx, wy = label.to_window(label.x, label.y)
    if not inside(box, (wx, wy, wx + label.width, wy + label.height)):
        problems.append(f"{name} spills out of its widget: text {box[2]:.0f}x{box[3]:.0f}, "
                        f"widget {label.width:.0f}x{label.height:.0f}")
    scroller = scroller_of(label)
    if scroller is not None:  # scrolled out of sight is fine; across, it must stay in the list
        sx, sy = scroller.to_window(scroller.x, scroller.y)
        area = (sx, float("-inf"), sx + scroller.width, float("inf"))
    if not inside(box, area) or (isinstance(label, Button) and not inside(window_box(label), area)):
        problems.append(f"{name} is drawn off the screen (or under the speaker bar)")
    if patient and label.font_size < sp(24) - 0.5:
        problems.append(f"{name} is {label.font_size / sp(1):.0f} sp")
    return problems


def scroll_problems(scroller, where: str) -> list[str]:
    """A list taller than its view on a patient screen shows that it scrolls."""
    content = scroller.children[0] if scroller.children else None
    if content is None or content.height <= scroller.height + SLACK:
        return []
    if scroller.bar_width >= dp(8) and scroller.bar_inactive_color[3] >= 0.5 and scroller.do_scroll_y:
        return []
    return [f"{where}: a list taller than its view ({content.height:.0f} in {scroller.height:.0f}) with no "
            "visible scroll bar"]


def whole_text_problems(screen, where: str, patient: bool = True, exempt=()) -> list[str]:
    """Every problem of `screen`'s labels (and of any dialog open over it). `exempt`: labels whose font size
    is allowed below 24 sp (staff-only buttons on patient screens)."""
    area_widget = screen.manager or screen
    left, bottom = area_widget.to_window(area_widget.x, area_widget.y)
    area = (left, bottom, min(left + area_widget.width, Window.width), min(bottom + area_widget.height,
                                                                          Window.height))
    roots = [screen] + [child for child in Window.children if isinstance(child, ModalView)]
    problems, boxes = [], []
    for root in roots:
        for widget in root.walk(restrict=True):
            if patient and isinstance(widget, ScrollView) and shown(widget):
                problems += scroll_problems(widget, where)
            if not (isinstance(widget, Label) and widget.text.strip() and shown(widget)):
                continue
            problems += label_problems(widget, where, area if root is screen else (0, 0, *Window.size),
                                       patient and not any(widget is other for other in exempt))
            if scroller_of(widget) is None:
                boxes.append((window_box(widget) if isinstance(widget, Button) else drawn_box(widget), widget))
    for i, (a, first) in enumerate(boxes):
        for b, second in boxes[i + 1:]:
            if overlap(a, b):
                problems.append(f"{where}: {first.text[:30]!r} and {second.text[:30]!r} are drawn over each other")
    return problems
