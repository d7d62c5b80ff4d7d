"""The editor's blocks: role, name and order of each block; its exercises, their order and dose.

Every change of structure (a block or an exercise added, removed or moved, a role
chosen) changes the draft, then the whole list is built again from it, so what
shows is always exactly the draft. Steppers and names write into the draft as
they change. Widgets are kept in `editor.widgets` under stable keys for tests:
`block:<b>:up`, `item:<b>:<i>:remove`, `dose:<b>:<i>:sets` ...
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.stacklayout import StackLayout
from kivy.uix.textinput import TextInput

from kiosk.app import theme
from kiosk.app.confirm import ask
from kiosk.clinical.program import Role
from kiosk.content.fields import DOSE_FIELDS

from .draft import BlockDraft, dose_bounds, dose_step, item_for, move
from .stepper import DoseStepper
from .wording import DOSE_UNITS, ROLE_LABELS, dose_label, staff_name

ROW = dp(64)
DOSE_GAP = dp(32)
"""Between one dose number's + and the next one's − (each button is 64 dp wide, 8 dp from its value)."""


def _row(**kwargs) -> BoxLayout:
    return BoxLayout(size_hint_y=None, height=ROW, spacing=dp(8), **kwargs)


class BlocksView(BoxLayout):
    """Every block of `editor.draft`, editable by touch."""

    def __init__(self, **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(12), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.editor = None
        self.boxes: list[BoxLayout] = []
        """One box per block of the draft, in order."""

    def attach(self, editor) -> None:
        self.editor = editor
        self.rebuild()

    @property
    def blocks(self) -> list[BlockDraft]:
        return self.editor.draft.blocks

    def rebuild(self) -> None:
        """Every block built again: after a block was added, removed or moved."""
        self._forget("block:", "item:", "dose:")
        self.clear_widgets()
        if not self.blocks:
            self.add_widget(Factory.StaffText(text="No block yet: add one below.", color=theme.MUTED_INK))
        self.boxes = [self._block(index, block) for index, block in enumerate(self.blocks)]
        for box in self.boxes:
            self.add_widget(box)
        self.editor.changed()

    def rebuild_block(self, index: int) -> None:
        """One block built again, in its place: after an exercise of it was added, removed or moved (the
        others stay as they are, which keeps a touch quick in a long program)."""
        self._forget(f"block:{index}:", f"item:{index}:", f"dose:{index}:")
        old, new = self.boxes[index], self._block(index, self.blocks[index])
        place = self.children.index(old)
        self.remove_widget(old)
        self.add_widget(new, index=place)
        self.boxes[index] = new
        self.editor.changed()  # a touch in the picker or a question, not on the editor: it follows all the same

    def _forget(self, *prefixes: str) -> None:
        widgets = self.editor.widgets
        for key in [key for key in widgets if key.startswith(prefixes)]:
            del widgets[key]

    # Building ---------------------------------------------------------------------------

    def _button(self, key: str, text: str, action, **kwargs):
        button = Factory.StaffButton(text=text, size_hint_x=None, width=dp(kwargs.pop("width", 120)),
                                     font_size=sp(20), **kwargs)
        button.bind(on_release=lambda *_: action())
        self.editor.widgets[key] = button
        return button

    def _block(self, index: int, block: BlockDraft) -> BoxLayout:
        key = f"block:{index}"
        box = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(12))
        box.bind(minimum_height=box.setter("height"))
        head = _row()
        head.add_widget(Factory.EditorRowText(text=f"Block {index + 1}", bold=True))
        head.add_widget(self._button(f"{key}:up", "Up", lambda: self.move_block(index, -1)))
        head.add_widget(self._button(f"{key}:down", "Down", lambda: self.move_block(index, +1)))
        head.add_widget(self._button(f"{key}:remove", "Remove block", lambda: self.ask_remove_block(index),
                                     width=180, background_color=theme.STOP))
        box.add_widget(head)
        roles = _row()
        for role in Role:
            toggle = Factory.ToggleButton(text=ROLE_LABELS[role.value], font_size=sp(20), group=f"{id(self)}:{index}",
                                          state="down" if block.role is role else "normal", allow_no_selection=False)
            toggle.bind(on_release=lambda *_, r=role: self.set_role(index, r))
            self.editor.widgets[f"{key}:role:{role.value}"] = toggle
            roles.add_widget(toggle)
        box.add_widget(roles)
        box.add_widget(self._block_name(key, block))
        for position, item in enumerate(block.items):
            self._item(box, index, position, item)
        box.add_widget(self._button(f"{key}:add", "Add an exercise to this block", lambda: self.pick(index),
                                    width=420))
        return box

    def _block_name(self, key: str, block: BlockDraft) -> BoxLayout:
        row = _row()
        row.add_widget(Factory.EditorRowText(text="Block name (optional)", size_hint_x=0.3))
        field = TextInput(text=block.name, multiline=False, font_size=sp(22), write_tab=False)
        field.bind(text=lambda _, text: setattr(block, "name", text))
        self.editor.keyboard.watch(field)
        self.editor.widgets[f"{key}:name"] = field
        row.add_widget(field)
        return row

    def _item(self, box: BoxLayout, index: int, position: int, item) -> None:
        key = f"item:{index}:{position}"
        exercise = self.editor.library.exercises[item.exercise_id]
        head = _row()
        head.add_widget(Factory.EditorRowText(text=f"{position + 1}. {exercise.name}  ({exercise.id}, "
                                              f"{exercise.kind.value})"))
        head.add_widget(self._button(f"{key}:up", "Up", lambda: self.move_item(index, position, -1)))
        head.add_widget(self._button(f"{key}:down", "Down", lambda: self.move_item(index, position, +1)))
        head.add_widget(self._button(f"{key}:remove", "Remove", lambda: self.ask_remove_item(index, position),
                                     background_color=theme.STOP))
        box.add_widget(head)
        # each number as wide as its buttons and value, a wide gap between: the plus of one number must not
        # read as the minus of the next; where four do not fit across (an upright screen) they wrap
        doses = StackLayout(size_hint_y=None, spacing=(DOSE_GAP, dp(12)), padding=(dp(24), 0, 0, dp(12)))
        doses.bind(minimum_height=doses.setter("height"))

        for name in DOSE_FIELDS:
            bounds = dose_bounds(name, exercise.kind)
            stepper = DoseStepper(label=dose_label(name, exercise.kind), low=bounds.low, high=bounds.high, step=bounds.step,
                                  unit=DOSE_UNITS[name])
            stepper.value = item.dose[name]
            stepper.step = dose_step(name, item.dose[name])
            stepper.bind(value=lambda s, value, n=name: self._dose_changed(s, item, n, int(value)))
            stepper.size_hint_x, stepper.width = None, stepper.ids.row.width
            stepper.where = f"blocks[{index}].exercises[{position}].{name}"
            stepper.bind(on_refused=self.editor.dose_refused)
            self.editor.widgets[f"dose:{index}:{position}:{name}"] = stepper
            doses.add_widget(stepper)
        box.add_widget(doses)

    # Changes ----------------------------------------------------------------------------

    @staticmethod
    def _dose_changed(stepper, item, name: str, value: int) -> None:
        item.dose[name] = value
        stepper.step = dose_step(name, value)

    def add_block(self) -> None:
        self.blocks.append(BlockDraft())
        self.rebuild()

    def ask_remove_block(self, index: int):
        count = len(self.blocks[index].items)
        held = f"Its {count} exercise{'s' if count != 1 else ''} and their doses go with it." if count else \
            "It has no exercises yet."
        return ask(f"Remove Block {index + 1}?", f"{held} Nothing is written until you touch Save.",
                   keep="Keep the block", go="Remove the block", on_go=lambda: self.remove_block(index))

    def remove_block(self, index: int) -> None:
        del self.blocks[index]
        self.rebuild()

    def move_block(self, index: int, offset: int) -> None:
        if move(self.blocks, index, offset):
            self.rebuild()

    def set_role(self, index: int, role: Role) -> None:
        self.blocks[index].role = role  # the buttons are a group: the one touched shows chosen already

    def pick(self, index: int):
        """The library's exercises, to add one to block `index`."""
        from .picker import ExercisePicker

        picker = ExercisePicker(self.editor.library, lambda exercise_id: self.add_exercise(index, exercise_id),
                                data_dir=self.editor.data_dir, block=(index + 1, self.blocks[index].role))
        self.editor.picker = picker
        picker.open()
        return picker

    def add_exercise(self, index: int, exercise_id: str) -> None:
        self.blocks[index].items.append(item_for(self.editor.library.exercises[exercise_id]))
        self.rebuild_block(index)

    def ask_remove_item(self, index: int, position: int):
        exercise = self.editor.library.exercises[self.blocks[index].items[position].exercise_id]
        return ask(f"Remove {staff_name(exercise)} from Block {index + 1}?",
                   "Its doses in this program go with it. Nothing is written until you touch Save.",
                   keep="Keep it", go="Remove it", on_go=lambda: self.remove_item(index, position))

    def remove_item(self, index: int, position: int) -> None:
        del self.blocks[index].items[position]
        self.rebuild_block(index)

    def move_item(self, index: int, position: int, offset: int) -> None:
        if move(self.blocks[index].items, position, offset):
            self.rebuild_block(index)
