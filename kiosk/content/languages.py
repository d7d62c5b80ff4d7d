"""Which languages a program can be offered in, and what each other language still lacks.

A language is complete for a program when the kiosk's own words are all translated
(its gettext catalogue) and every exercise of the program has `translations:` in
it, with a safety cue wherever the exercise has one. The kiosk offers only complete
languages; `kiosk validate` lists the gaps of the others, language by language.
"""

from __future__ import annotations

from kiosk.clinical.program import Exercise, Program
from kiosk.language import DEFAULT_LANGUAGE, catalogue_file, missing_messages, own_name

from .problems import Problem, Severity


def program_exercises(program: Program) -> list[Exercise]:
    """Each exercise of the program once, in order."""
    seen: dict[str, Exercise] = {}
    for block in program.blocks:
        for exercise in block.exercises:
            seen.setdefault(exercise.id, exercise)
    return list(seen.values())


def languages_in_content(programs: list[Program]) -> list[str]:
    """Every language some exercise of `programs` is translated into, the default first.

    The exercises decide: a clinic folder written in one language gets no warnings about
    languages the kiosk's own words happen to ship in."""
    found: set[str] = set()
    for program in programs:
        for exercise in program_exercises(program):
            found.update(exercise.translations)
    return [DEFAULT_LANGUAGE, *sorted(found - {DEFAULT_LANGUAGE})]


def exercise_gaps(exercise: Exercise, language: str) -> list[str]:
    """What `exercise` lacks in `language`, in words (empty: nothing)."""
    text = exercise.translations.get(language)
    if text is None:
        return [f"no translations.{language} (name, instructions{', safety' if exercise.safety else ''})"]
    if exercise.safety and not text.safety:
        return [f"translations.{language} has no safety cue, and the exercise has one"]
    return []


def _place(source: str) -> tuple[str, int]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (source, 0)


def language_gaps(program: Program, language: str) -> list[Problem]:
    """Warnings, one per gap, for `program` in `language` (none for the default language)."""
    if language == DEFAULT_LANGUAGE:
        return []
    label = f"{own_name(language)} ({language})"
    problems = []
    missing = missing_messages(language)
    if missing and not catalogue_file(language).is_file():
        problems.append(Problem(str(catalogue_file(language)), 0, f"language {language}",
                                f"{label}: the kiosk's own sentences ({len(missing)}) have no catalogue in this "
                                f"language; expected one, started with ./scripts/catalogs.sh new {language}",
                                Severity.WARNING))
    elif missing:
        problems.append(Problem(str(catalogue_file(language)), 0, f"language {language}",
                                f"{label}: {len(missing)} of the kiosk's own sentences are not translated "
                                f"(first: {missing[0]!r}); expected every msgstr filled and none fuzzy",
                                Severity.WARNING))
    if language not in program.names:
        path, line = _place(program.source)
        problems.append(Problem(path, line, f"programs[{program.id}]", f"{label}: no translations.{language}.name; "
                                f"the program is not offered in {label} until it is translated", Severity.WARNING))
    for exercise in program_exercises(program):
        path, line = _place(exercise.source)
        problems += [Problem(path, line, f"exercises[{exercise.id}]",
                             f"{label}: {gap}; a program with this exercise is not offered in {label} until "
                             f"it is translated", Severity.WARNING) for gap in exercise_gaps(exercise, language)]
    return problems


def translation_problems(programs: list[Program]) -> list[Problem]:
    """`kiosk validate`'s warnings: every language's gaps, language by language, each gap once."""
    found: dict[str, Problem] = {}
    for language in languages_in_content(programs):
        for program in programs:
            for problem in language_gaps(program, language):
                found.setdefault(str(problem), problem)
    return list(found.values())


def offered_languages(programs: list[Program], first: str = DEFAULT_LANGUAGE) -> list[str]:
    """Each language at least one of `programs` is complete in, `first` (the clinic's) first."""
    candidates = languages_in_content(programs)
    complete = {language for program in programs for language in program_languages(program, candidates)}
    ordered = [first, *[language for language in candidates if language != first]]
    return [language for language in ordered if language in complete]


def program_languages(program: Program, candidates: list[str] | None = None) -> list[str]:
    """The languages `program` can be offered in: the default, then every complete one."""
    candidates = candidates if candidates is not None else languages_in_content([program])
    return [language for language in candidates
            if language == DEFAULT_LANGUAGE or not language_gaps(program, language)]
