"""The home-program handout as a PDF: A4, one or two pages, in the patient's language.

Made with fpdf2: pure Python (no system libraries, unlike WeasyPrint's Pango and
cairo), quick for a page of boxes, words and pictures, and it embeds only the
letters a handout uses from a Unicode TrueType font (ReportLab can too, but its
open edition's layout API is larger than one page needs, and its PNG support
leans on the same Pillow). The font, DejaVu Sans, ships in this package
(fonts/), so every kiosk prints the same page with no network and no system font,
and it has every letter of the offered languages (é, ñ, ¿, ...).

Layout: the clinic, the title, the date and the patient's reference (only when
staff gave one); a framed box of when to stop and when to get help at once;
each exercise with its start and end pictures, its steps, how much and how
often; what good looks like; a week of tick boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fpdf import FPDF

from .words import HandoutWords

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
MARGIN = 14
PICTURE = (36, 20.25)
"""Millimetres of each picture: 16:9, as the demonstrations and the picker's stills."""
LETTERS = [*range(0x20, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00), *range(0x2000, 0x20C0),
           0x2116, 0x2122, 0x25A1, 0x2610]
"""The characters a handout can print: the Latin, Greek and Cyrillic alphabets and punctuation.
Reading just these from the font (about 1,600 of its 6,000) keeps a handout quick."""
INK = (20, 20, 20)
STOP = (170, 20, 20)
MUTED = (90, 90, 90)


@dataclass(frozen=True)
class HandoutExercise:
    """One exercise as printed: its words in the patient's language and its two pictures (PNG bytes)."""

    name: str
    steps: tuple[str, ...]
    how_much: str
    how_often: str
    times_a_day: int
    start_picture: bytes | None = None
    end_picture: bytes | None = None


@dataclass(frozen=True)
class Handout:
    """Everything printed on one handout."""

    language: str
    clinic: str
    date: str
    exercises: tuple[HandoutExercise, ...]
    patient_ref: str | None = None


class _Page(FPDF):
    def __init__(self, words: HandoutWords) -> None:
        super().__init__(format="A4")
        self.words = words
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"), unicode_range=LETTERS)
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"), unicode_range=LETTERS)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, MARGIN + 3)

    def footer(self) -> None:
        self.set_y(-MARGIN - 2)
        self.set_font(FONT, "", 9)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.words.PAGE.format(page=self.page_no(), pages="{nb}"), align="C")


def handout_pdf(handout: Handout) -> bytes:
    """The PDF of `handout`."""
    words = HandoutWords(handout.language)
    pdf = _Page(words)
    # fpdf2 marks every page a transparency group while images may have alpha; a page so marked is
    # rasterised whole by the PostScript step of printing (poppler's pdftops, as CUPS runs it): 4 MB
    # of pixels per page instead of its words. The pictures are opaque, so nothing is lost.
    pdf.allow_images_transparency = False
    pdf.set_lang(handout.language)
    pdf.set_title(words.TITLE)
    pdf.add_page()
    _heading(pdf, handout, words)
    _stop_box(pdf, words)
    for exercise in handout.exercises:
        _exercise(pdf, exercise, words)
    _paragraph(pdf, words.GOOD_TITLE, words.GOOD)
    _week(pdf, handout.exercises, words)
    return bytes(pdf.output())


def _heading(pdf: FPDF, handout: Handout, words: HandoutWords) -> None:
    width = pdf.epw
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "B", 12)
    if handout.clinic:
        pdf.cell(width, 6, handout.clinic, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B", 20)
    pdf.cell(width, 10, words.TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    facts = [words.DATE.format(date=handout.date)]
    if handout.patient_ref:
        facts.append(words.FOR_PATIENT.format(reference=handout.patient_ref))
    pdf.cell(width, 6, "     ".join(facts), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 5.5, words.INTRO, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _stop_box(pdf: FPDF, words: HandoutWords) -> None:
    """A thick red frame: when to stop and call, then when to get help straight away."""
    top, width = pdf.get_y(), pdf.epw
    pdf.set_x(MARGIN + 3)
    inner = width - 6
    for title, lines in ((words.STOP_TITLE, words.STOP_RULES), (words.EMERGENCY_TITLE, words.EMERGENCY_SIGNS)):
        pdf.set_y(pdf.get_y() + 2)
        pdf.set_x(MARGIN + 3)
        pdf.set_text_color(*STOP)
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(inner, 6, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.set_font(FONT, "", 11)
        for line in lines:
            pdf.set_x(MARGIN + 6)
            pdf.multi_cell(inner - 3, 5, "\u2022 " + line, new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y() + 2
    pdf.set_draw_color(*STOP)
    pdf.set_line_width(1.0)
    pdf.rect(MARGIN, top, width, bottom - top)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(*INK)
    pdf.set_y(bottom + 4)


def _exercise(pdf: FPDF, exercise: HandoutExercise, words: HandoutWords) -> None:
    """The pictures on the left, the words on the right; never split over two pages."""
    text_x = MARGIN + 2 * PICTURE[0] + 6
    lines = _text_lines(pdf, exercise, words, pdf.epw - (text_x - MARGIN))
    height = max(PICTURE[1] + 6, sum(size for size, _, _ in lines)) + 2.5
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    for index, (picture, label) in enumerate(((exercise.start_picture, words.START),
                                              (exercise.end_picture, words.END))):
        x = MARGIN + index * (PICTURE[0] + 3)
        if picture is not None:
            pdf.image(BytesIO(picture), x, top, *PICTURE)
        pdf.rect(x, top, *PICTURE)
        pdf.set_xy(x, top + PICTURE[1])
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*MUTED)
        pdf.cell(PICTURE[0], 5, label, align="C")
    pdf.set_text_color(*INK)
    y = top
    for size, style, line in lines:
        pdf.set_font(FONT, style, _points(size))
        pdf.set_xy(text_x, y)
        pdf.cell(0, size, line)
        y += size
    pdf.set_y(top + height)
    pdf.set_draw_color(*MUTED)
    pdf.line(MARGIN, pdf.get_y() - 2, MARGIN + pdf.epw, pdf.get_y() - 2)
    pdf.set_draw_color(*INK)


def _text_lines(pdf: FPDF, exercise: HandoutExercise, words: HandoutWords, width: float):
    """(line height, style, words) of every printed line of the exercise's words, wrapped to `width`."""
    paragraphs = [(5.0, "B", exercise.name, "")]
    paragraphs += [(3.8, "", step, f"{number}. ") for number, step in enumerate(exercise.steps, 1)]
    paragraphs += [(4.2, "B", f"{words.HOW_MUCH} {exercise.how_much}", ""),
                   (4.2, "B", f"{words.HOW_OFTEN} {exercise.how_often}", "")]
    lines = []
    for size, style, text, lead in paragraphs:
        pdf.set_font(FONT, style, _points(size))
        lines += [(size, style, line) for line in wrap(pdf, lead + text, width)]
    return lines


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` mm in the current font.

    Measured from the font's own advance widths in one pass: fpdf2's general line breaker
    measures every character again for each line it tries, which is most of a handout's time."""
    widths = pdf.current_font.cw
    scale = pdf.font_size_pt * 0.001 / pdf.k
    space = widths[32] * scale
    lines, line, used = [], [], 0.0
    for word in text.split():
        size = sum(widths[ord(ch)] for ch in word) * scale
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + size
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _points(line_height: float) -> float:
    """The font size (points) that sits in a line `line_height` millimetres high."""
    return round(line_height / 0.45, 1)


def _paragraph(pdf: FPDF, title: str, text: str) -> None:
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*INK)
    if pdf.get_y() + 20 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.cell(pdf.epw, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(pdf.epw, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _week(pdf: FPDF, exercises: tuple[HandoutExercise, ...], words: HandoutWords) -> None:
    """A row per exercise, a column per day, in each cell a small box for every time of the day."""
    name_w, row_h = 52, 5.4
    day_w = (pdf.epw - name_w) / 7
    if pdf.get_y() + 11 + row_h * len(exercises) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FONT, "B", 12)
    pdf.cell(pdf.epw, 6, words.WEEK_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 9)
    pdf.cell(name_w, 5, words.EXERCISE, border=1)
    for day in range(1, 8):
        pdf.cell(day_w, 5, words.DAY.format(number=day), border=1, align="C")
    pdf.ln()
    pdf.set_font(FONT, "", 8.5)
    for exercise in exercises:
        top = pdf.get_y()
        pdf.cell(name_w, row_h, exercise.name, border=1)
        boxes = min(exercise.times_a_day, 8)
        for day in range(7):
            left = MARGIN + name_w + day * day_w
            pdf.rect(left, top, day_w, row_h)
            per_row = min(boxes, 4)
            for box in range(boxes):
                row, column = divmod(box, per_row)
                side = 1.9
                gap = (day_w - per_row * side) / (per_row + 1)
                rows = (boxes + per_row - 1) // per_row
                y_gap = (row_h - rows * side) / (rows + 1)
                pdf.rect(left + gap + column * (side + gap), top + y_gap + row * (side + y_gap), side, side)
        pdf.set_y(top + row_h)
