"""The red-flag questions asked before any exercise (docs/clinical-model.md, AHCPR red flags).

Ids are a contract (CLI scripts, records). Emergency flags mean possible cauda
equina: staff must act now. The others mean: do not exercise, see the therapist.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedFlag:
    """One safety question: its id, plain question, and clinical meaning."""

    id: str
    question: str
    clinical: str
    emergency: bool


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("saddle_numbness",
            "Is the skin between your legs, or around your bottom, numb or tingling?",
            "Saddle anaesthesia (possible cauda equina syndrome)", True),
    RedFlag("bladder_bowel_change",
            "Is it new for you to have trouble passing or holding urine or stool?",
            "New bladder or bowel dysfunction (possible cauda equina syndrome)", True),
    RedFlag("progressive_weakness",
            "Is your leg getting weaker quickly, or does your foot drop or drag?",
            "Progressive motor weakness or foot drop", True),
    RedFlag("both_legs",
            "Do you have pain or numbness in both legs?",
            "Bilateral leg pain or numbness (possible cauda equina syndrome)", True),
    RedFlag("recent_trauma",
            "Have you had a fall, accident or other injury in the last few weeks?",
            "Recent significant trauma (possible fracture)", False),
    RedFlag("cancer_history",
            "Have you ever had cancer?",
            "History of malignancy", False),
    RedFlag("fever_weight_loss",
            "Have you had a fever, or lost weight without trying?",
            "Fever or unexplained weight loss (possible infection or malignancy)", False),
    RedFlag("night_pain",
            "Is the pain very bad at night, or when you lie still?",
            "Severe night or rest pain", False),
    RedFlag("steroids_or_osteoporosis",
            "Do you take steroid tablets, or have you been told your bones are weak?",
            "Systemic corticosteroids or osteoporosis (fracture risk)", False),
)

RED_FLAG_IDS: tuple[str, ...] = tuple(flag.id for flag in RED_FLAGS)
BY_ID: dict[str, RedFlag] = {flag.id: flag for flag in RED_FLAGS}
