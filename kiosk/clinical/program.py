"""What therapists write: exercises, programs and the special-test catalogue.

Frozen dataclasses built by `kiosk.content.loader` from the YAML files; nothing
here reads files. Field meanings and ranges are documented in the README and
published as JSON Schema by `kiosk schema`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ExerciseKind(enum.Enum):
    """How a set is counted: repetitions, or holds of a position."""

    REPS = "reps"
    HOLD = "hold"


class Role(enum.Enum):
    """What a block of a program is for (docs/clinical-model.md: spinal, then core, then posture)."""

    SPINAL = "spinal"
    STRENGTHENING = "strengthening"
    POSTURAL = "postural"


class AfterNoEffect(enum.Enum):
    """What happens when the spinal progression leaves the knee unchanged."""

    END = "end"
    CONTINUE = "continue"


class Position(enum.Enum):
    """Where the patient does an exercise; the count-in gives time to get there."""

    STANDING = "standing"
    SITTING = "sitting"
    LYING_FRONT = "lying_front"
    LYING_BACK = "lying_back"
    KNEELING = "kneeling"
    SIDE_LYING = "side_lying"

    @property
    def on_the_floor(self) -> bool:
        """Getting down to (and up from) the floor takes an older patient much longer."""
        return self not in (Position.STANDING, Position.SITTING)


@dataclass(frozen=True)
class Text:
    """Patient-facing words of an exercise in one language."""

    name: str
    instructions: str
    safety: str = ""
    audio: str | None = None
    """A clinic's own recording of the name and instructions, under assets/ (None: synthesized speech)."""


@dataclass(frozen=True)
class Exercise:
    """One exercise and its dose, as a therapist wrote it."""

    id: str
    name: str
    instructions: str
    kind: ExerciseKind
    reps: int
    hold: int
    sets: int
    rest: int = 0
    safety: str = ""
    video: str | None = None
    image: str | None = None
    translations: dict[str, Text] = field(default_factory=dict, compare=False)
    source: str = ""
    """Where it was defined, as PATH:LINE, for messages."""
    animation: object | None = field(default=None, compare=False)
    """A live drawn demonstration (a `kiosk.demos.animation.Animation`), or None.

    Typed loosely on purpose: the clinical model knows an exercise may carry a
    demonstration, not how one is drawn (`kiosk.demos` stands apart from it)."""
    position: Position | None = Position.STANDING
    """The starting position (written, or inferred from the animation); None: nothing says or shows it."""
    get_ready: int | None = None
    """Seconds of count-in before the first movement; None: the default for the position."""
    audio: str | None = None
    """A clinic's own recording of the name and instructions, under assets/."""

    def text(self, language: str | None = None) -> Text:
        """The patient-facing words in `language`, falling back to the default."""
        if language and language in self.translations:
            return self.translations[language]
        return Text(self.name, self.instructions, self.safety, self.audio)


@dataclass(frozen=True)
class Policy:
    """A program's clinical settings; each has a default from docs/clinical-model.md."""

    mcid: int = 2
    recheck_after: int = 300
    after_no_effect: AfterNoEffect = AfterNoEffect.END


@dataclass(frozen=True)
class Block:
    """A run of exercises with one role, done in order."""

    role: Role
    exercises: tuple[Exercise, ...]
    name: str = ""


@dataclass(frozen=True)
class HomeExercise:
    """One exercise of a home program: its dose for home, and how many times a day."""

    exercise: Exercise
    times_a_day: int


@dataclass(frozen=True)
class Program:
    """A whole session plan: blocks of exercises and the policy that steers them."""

    id: str
    name: str
    blocks: tuple[Block, ...]
    policy: Policy = Policy()
    description: str = ""
    source: str = ""
    source_sha256: str = ""
    """Hash of the file the program was read from, as it was when loaded."""
    names: dict[str, str] = field(default_factory=dict, compare=False)
    """The name shown to patients in other languages, by language code (`translations:`)."""
    home: tuple[HomeExercise, ...] = ()
    """What the patient does at home (`home:`); empty: the handout chooses from the session."""
    offered: bool = True
    """False: a draft (`offered: false`), never on the patients' start screen."""

    def name_in(self, language: str | None = None) -> str:
        """The name a patient sees in `language`, falling back to the default."""
        return self.names.get(language or "", self.name)

    @property
    def has_spinal_blocks(self) -> bool:
        return any(block.role is Role.SPINAL for block in self.blocks)


class TestGroup(enum.Enum):
    """Which part of the therapist's examination a special test belongs to."""

    KNEE = "knee"
    HIP = "hip"
    NERVE = "nerve"


@dataclass(frozen=True)
class SpecialTest:
    """A clinical test the kiosk recommends to the therapist (never to the patient)."""

    id: str
    name: str
    group: TestGroup
    target: str
    how: str
    positive: str
    source: str = ""
    regions: tuple[str, ...] = ()
    """The body areas (knee, thigh_front, groin ...) whose symptoms make this test one of the first to do."""
    snomed: tuple[str, str] | None = None
    """A SNOMED CT code and display for the test, given only where the clinic has verified it."""
