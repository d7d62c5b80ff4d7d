"""Bad exercise files: every problem is `PATH:LINE: where: message`, never a traceback.

Each case is a whole file; the test asserts the exact PATH:LINE: where: prefix and
the words of the message. YAML-level cases run under libyaml and pure PyYAML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from yaml_files import GOOD_PROGRAM, one_exercise, one_program, write

from kiosk.content import assembly, loader, yamlsafe

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

DEEP_MAPPINGS = "\n".join("  " * depth + f"k{depth}:" for depth in range(60)) + " 1\n"

YAML_CASES = [
    pytest.param("exercises:\n  - id: x\n   name: y\n", 3, "yaml", "'name:' is indented 3 spaces, less than 'id:' "
                 "on line 2 (4), so YAML can't tell what it belongs to; expected 'name:' lined up with line 2: "
                 "indent it by 4 spaces", id="syntax-bad-indent"),
    pytest.param("exercises:\n  - id: x\n\tname: y\n", 3, "yaml", "a tab is used for indenting here; YAML allows "
                 "only spaces: replace the tab with spaces", id="syntax-tab"),
    pytest.param('exercises:\n  - id: x\n    name: "Press-up\n    kind: reps\n', 3, "yaml",
                 "the quote opened on this line is never closed", id="syntax-unclosed-quote"),
    pytest.param("exercises:\n  - name: b\x01\n", 2, "yaml", "characters are not allowed (character 0x1)",
                 id="control-character"),
    pytest.param('exercises:\n  - !!python/object/apply:os.system ["touch pwned"]\n', 2, "yaml",
                 "the tag !!python/object/apply:os.system is not allowed", id="python-tag"),
    pytest.param(one_exercise(name="!custom Press-up"), 3, "yaml", "the tag !custom is not allowed; expected plain",
                 id="custom-tag"),
    pytest.param(one_exercise(instructions="!!binary aGVsbG8="), 4, "yaml", "the tag !!binary is not allowed",
                 id="binary-tag"),
    pytest.param("exercises: !!set {a, b}\n", 1, "yaml", "the tag !!set is not allowed", id="set-tag"),
    pytest.param(one_exercise(reps='!!int "ten"'), 6, "yaml", "'ten' can't be read as !!int", id="int-tag-on-text"),
    pytest.param("exercises:\n  - &base\n    id: x\n", 2, "yaml", "anchors (&base) are not allowed", id="anchor"),
    pytest.param(BILLION_LAUGHS, 2, "yaml", "aliases (*a) are not allowed, expected each value written out",
                 id="billion-laughs"),
    pytest.param("exercises:\n  - <<: {kind: reps}\n    id: x\n", 2, "yaml", "merge keys (<<) are not allowed",
                 id="merge-key"),
    pytest.param("exercises: []\n---\nprograms: []\n", 2, "yaml", "a second YAML document starts here",
                 id="two-documents"),
    pytest.param("? [a, b]\n: 1\n", 1, "yaml", "a list is used as a key; expected a plain name", id="list-as-key"),
    pytest.param("exercises: " + "[" * 100_000, 1, "yaml", "nested more than 50 levels deep", id="deep-flow"),
    pytest.param(DEEP_MAPPINGS, 51, "yaml", "nested more than 50 levels deep", id="deep-block"),
    pytest.param(b"exercises:\n  - id: x\n    name: caf\xe9\n", 3, "file",
                 "is not UTF-8 text: byte 0xe9 on this line can't be read; expected UTF-8", id="latin-1"),
    pytest.param("exercises: []\n".encode("utf-16"), 1, "file", "is not UTF-8 text: byte 0xff", id="utf-16"),
    pytest.param("# " + "x" * 1_000_001 + "\n", 1, "file", "is larger than 1 MB", id="too-large"),
]


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """An empty `exercises` folder, with the working folder set so paths print as exercises/a.yaml."""
    monkeypatch.chdir(tmp_path)
    return Path("exercises")


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    # PyPI's PyYAML wheels carry libyaml and the kiosk uses it when present: test both, never skip one.
    assert request.param != "libyaml" or hasattr(yaml, "CSafeLoader"), "PyYAML was built without libyaml"
    monkeypatch.setattr(yamlsafe, "_PARSER", yaml.CSafeLoader if request.param == "libyaml" else yaml.SafeLoader)


def assert_reported(library: loader.Library, prefix: str, words: str) -> None:
    shown = [str(problem) for problem in library.problems]
    assert any(line.startswith(prefix) and words in line for line in shown), "\n".join(shown)
    assert all(re.match(r"^exercises/[ab]\.yaml:\d+: [\w.\[\]]+: \S", line) for line in shown), "\n".join(shown)
    assert library.errors


@pytest.mark.parametrize("text, line, where, words", YAML_CASES)
def test_yaml_level_problem_drops_the_file(folder, parser, text, line, where, words):
    write(folder, "a.yaml", text)
    library = loader.load([folder])
    assert_reported(library, f"exercises/a.yaml:{line}: {where}: ", words)
    assert not library.exercises and not library.programs
    assert not Path("pwned").exists()


FIELD_CASES = [
    # the file's shape
    pytest.param("- id: press_up\n", "1: file", "must be a mapping with exercises:, programs: and/or special_tests:, "
                 "got a list", id="top-level-list"),
    pytest.param("hello\n", "1: file", 'got "hello"', id="top-level-text"),
    pytest.param("exercise: []\n", "1: exercise", "unknown field, did you mean 'exercises'?", id="section-typo"),
    pytest.param("exercises:\n  id: press_up\n", "2: exercises", "must be a list of exercises, got a mapping; "
                 "start each item with '- '", id="section-mapping"),
    pytest.param("exercises: press_up\n", "1: exercises", "must be a list of exercises, got \"press_up\"; "
                 "start each item with '- '", id="section-text"),
    pytest.param("exercises:\n", "1: exercises", "must be a list of exercises, got nothing", id="section-empty"),
    pytest.param("exercises:\n  - press_up\n", "2: exercises[0]", "must be a mapping of the exercise's fields (id, "
                 "name, instructions", id="item-not-mapping"),
    pytest.param("exercises: []\nexercises: []\n", "2: exercises", "is set twice in one mapping (first on line 1)",
                 id="duplicate-section"),
    # unknown and missing fields
    pytest.param(one_exercise(instructoins="x"), "7: exercises[0].instructoins",
                 "unknown field, did you mean 'instructions'?", id="unknown-field-typo"),
    pytest.param(one_exercise(colour="red"), "7: exercises[0].colour", "unknown field; expected one of: id, name, "
                 "instructions, kind", id="unknown-field"),
    pytest.param(one_exercise(name=None), "2: exercises[0].name", "missing; expected text on one line of at most "
                 "80 characters", id="missing-name"),
    pytest.param(one_exercise(kind=None), "2: exercises[0].kind", "missing; expected one of reps, hold",
                 id="missing-kind"),
    pytest.param(one_exercise(reps=None), "2: exercises[0].reps", "missing (required when kind is reps); expected "
                 "a whole number from 1 to 50", id="missing-reps-for-reps"),
    pytest.param(one_exercise(kind="hold", reps=None), "2: exercises[0].hold", "missing (required when kind is "
                 "hold); expected a whole number from 1 to 600", id="missing-hold-for-hold"),
    # wrong types
    pytest.param(one_exercise(reps="ten"), "6: exercises[0].reps", 'must be a whole number from 1 to 50, got "ten"',
                 id="reps-text"),
    pytest.param(one_exercise(reps="true"), "6: exercises[0].reps", "must be a whole number from 1 to 50, got true",
                 id="reps-bool"),
    pytest.param(one_exercise(reps="yes"), "6: exercises[0].reps", "got yes (YAML reads yes/no/on/off/true/false "
                 "as true or false)", id="reps-yes"),
    pytest.param(one_exercise(reps="2.5"), "6: exercises[0].reps", "must be a whole number from 1 to 50, got 2.5",
                 id="reps-float"),
    pytest.param(one_exercise(reps="2.0"), "6: exercises[0].reps", "got 2.0", id="reps-float-whole"),
    pytest.param(one_exercise(reps='"10"'), "6: exercises[0].reps", 'got "10"; remove the quotes', id="reps-quoted"),
    pytest.param(one_exercise(name="123"), "3: exercises[0].name", 'must be text on one line of at most 80 '
                 'characters, got 123; put it in quotes ("123") if you mean it as text', id="name-number"),
    pytest.param(one_exercise(name="no"), "3: exercises[0].name", 'got no (YAML reads yes/no/on/off/true/false as '
                 'true or false); put it in quotes ("no")', id="name-no"),
    pytest.param(one_exercise(name="2024-01-02"), "3: exercises[0].name", "YAML reads it as a date", id="name-date"),
    pytest.param(one_exercise(name="[Press, up]"), "3: exercises[0].name", "got a list", id="name-list"),
    pytest.param(one_exercise(kind="rep"), "5: exercises[0].kind", "must be one of reps, hold, got \"rep\" (did you "
                 "mean 'reps'?)", id="kind-typo"),
    pytest.param(one_exercise(id="Press-Up"), "2: exercises[0].id", "must be a lower_snake_case id (a-z, 0-9 and _, "
                 "starting with a letter, at most 64 characters), got \"Press-Up\" (did you mean 'press_up'?)",
                 id="id-not-snake-case"),
    pytest.param(one_exercise(id="12"), "2: exercises[0].id", "got 12; put it in quotes", id="id-number"),
    pytest.param(one_exercise(id="a" * 65), "2: exercises[0].id", "at most 64 characters", id="id-too-long"),
    # empty text
    pytest.param(one_exercise(name='""'), "3: exercises[0].name", "must not be empty; expected text", id="name-empty"),
    pytest.param(one_exercise(name=""), "3: exercises[0].name", "must not be empty", id="name-nothing"),
    pytest.param(one_exercise(name='"   "'), "3: exercises[0].name", "must not be empty", id="name-blank"),
    pytest.param(one_exercise(name='"Press\\nup"'), "3: exercises[0].name", "must be one line", id="name-two-lines"),
    # out of range
    pytest.param(one_exercise(reps="0"), "6: exercises[0].reps", "from 1 to 50, got 0", id="reps-0"),
    pytest.param(one_exercise(reps="51"), "6: exercises[0].reps", "from 1 to 50, got 51", id="reps-51"),
    pytest.param(one_exercise(sets="11"), "7: exercises[0].sets", "from 1 to 10, got 11", id="sets-11"),
    pytest.param(one_exercise(rest="-1"), "7: exercises[0].rest", "from 0 to 600, got -1", id="rest-negative"),
    pytest.param(one_exercise(hold="601"), "7: exercises[0].hold", "from 0 to 600, got 601", id="hold-601"),
    pytest.param(one_exercise(kind="hold", hold="0"), "7: exercises[0].hold", "must be a whole number from 1 to 600 "
                 "when kind is hold, got 0", id="hold-0-for-hold"),
    pytest.param(one_exercise(name="x" * 81), "3: exercises[0].name", "is 81 characters long; expected text on one "
                 "line of at most 80 characters", id="name-too-long"),
    pytest.param(one_exercise(instructions="y" * 2001), "4: exercises[0].instructions", "is 2001 characters long",
                 id="instructions-too-long"),
    pytest.param(one_exercise(safety="z" * 301), "7: exercises[0].safety", "is 301 characters long; expected text of "
                 "at most 300 characters", id="safety-too-long"),
    # media paths
    pytest.param(one_exercise(video="../secret.mp4"), "7: exercises[0].video", 'must stay inside assets/, got '
                 '"../secret.mp4"; expected a path relative to assets/ such as videos/press_up.mp4', id="video-parent"),
    pytest.param(one_exercise(video="videos/../../secret.mp4"), "7: exercises[0].video", "must stay inside assets/",
                 id="video-sneaks-out"),
    pytest.param(one_exercise(video="/etc/passwd.mp4"), "7: exercises[0].video", "must be a path relative to the "
                 "assets folder, not an absolute path", id="video-absolute"),
    pytest.param(one_exercise(video="C:/videos/x.mp4"), "7: exercises[0].video", "not an absolute path",
                 id="video-drive-letter"),
    pytest.param(one_exercise(video="https://example.com/x.mp4"), "7: exercises[0].video", "not an absolute path or "
                 "address", id="video-web-address"),
    pytest.param(one_exercise(video="videos\\x.mp4"), "7: exercises[0].video", "must use / between folders, not \\",
                 id="video-backslash"),
    pytest.param(one_exercise(video="videos/x.gif"), "7: exercises[0].video",
                 'must be a video file ending in .mp4, .m4v, .mov, .mkv, .webm, .avi, got "videos/x.gif"',
                 id="video-extension"),
    pytest.param(one_exercise(image="images/x.mp4"), "7: exercises[0].image", "must be an image file ending in .png, "
                 ".jpg, .jpeg", id="image-extension"),
    # translations
    pytest.param(one_exercise(translations="{Spanish: {name: x, instructions: y}}"),
                 "7: exercises[0].translations.Spanish", 'must be a language code like es, fr or pt_BR, got "Spanish"',
                 id="translation-language"),
    pytest.param(one_exercise(translations="{es: {name: x}}"), "7: exercises[0].translations.es.instructions",
                 "missing; expected text", id="translation-missing-instructions"),
    pytest.param(one_exercise(translations="{es: {name: x, instructions: y, saftey: z}}"),
                 "7: exercises[0].translations.es.saftey", "did you mean 'safety'?", id="translation-typo"),
    pytest.param(one_exercise(translations="[es]"), "7: exercises[0].translations", "must be a mapping of a language "
                 "code", id="translations-list"),
    # duplicates
    pytest.param(one_exercise() + "    reps: 12\n", "7: exercises[0].reps", "is set twice in one mapping (first on "
                 "line 6); YAML would silently keep only the last one", id="duplicate-key"),
    pytest.param(one_exercise() + one_exercise()[len("exercises:\n"):], "7: exercises[1].id",
                 "duplicate id 'press_up', first defined at exercises/a.yaml:2", id="duplicate-exercise-id"),
    pytest.param(one_program(*GOOD_PROGRAM, "  - id: knee_from_spine", *GOOD_PROGRAM), "13: programs[1].id",
                 "duplicate id 'knee_from_spine', first defined at exercises/a.yaml:8", id="duplicate-program-id"),
]

PROGRAM_CASES = [
    pytest.param(one_program("    name: Knee", "    blocks:", "      - role: spinal",
                             "        exercises: [press_up, pres_up]"),
                 "12: programs[0].blocks[0].exercises[1]", "unknown exercise 'pres_up' (did you mean 'press_up'?); "
                 "expected the id of an exercise defined in the folder", id="unknown-exercise-typo"),
    pytest.param(one_program("    name: Knee", "    blocks:", "      - role: spinal", "        exercises: [zzz]"),
                 "12: programs[0].blocks[0].exercises[0]", "unknown exercise 'zzz'; expected", id="unknown-exercise"),
    pytest.param(one_program(*GOOD_PROGRAM, exercise=one_exercise(reps="ten")),
                 "12: programs[0].blocks[0].exercises[0]", "exercise 'press_up' has errors (see exercises/a.yaml:2), "
                 "so this program can't use it", id="rejected-exercise"),
    pytest.param(one_program("    name: Knee", "    blocks: []"), "10: programs[0].blocks",
                 "must not be empty; expected at least 1 block", id="no-blocks"),
    pytest.param(one_program("    name: Knee"), "8: programs[0].blocks", "missing; expected a list of blocks",
                 id="missing-blocks"),
    pytest.param(one_program("    name: Knee", "    blocks:", "      - role: spinal", "        exercises: []"),
                 "12: programs[0].blocks[0].exercises", "must not be empty; expected at least 1 exercise id",
                 id="block-without-exercises"),
    pytest.param(one_program("    name: Knee", "    blocks:", "      - role: spinal", "        exercises: press_up"),
                 "12: programs[0].blocks[0].exercises", 'must be a list of exercise ids, got "press_up"; write it as '
                 "[press_up]", id="block-exercises-text"),
    pytest.param(one_program("    name: Knee", "    blocks:", "      - role: spinel", "        exercises: [press_up]"),
                 "11: programs[0].blocks[0].role", "did you mean 'spinal'?", id="role-typo"),
    pytest.param(one_program("    policy: {mcid: 6}", *GOOD_PROGRAM), "9: programs[0].policy.mcid",
                 "must be a whole number from 1 to 5, got 6", id="policy-mcid"),
    pytest.param(one_program("    policy: {recheck_after: 5}", *GOOD_PROGRAM), "9: programs[0].policy.recheck_after",
                 "from 10 to 900, got 5", id="policy-recheck"),
    pytest.param(one_program("    policy: {after_no_effect: off}", *GOOD_PROGRAM),
                 "9: programs[0].policy.after_no_effect", 'got off (YAML reads yes/no/on/off/true/false as true or '
                 'false); put it in quotes ("off")', id="policy-off"),
    pytest.param(one_program("    policy: {mcdi: 3}", *GOOD_PROGRAM), "9: programs[0].policy.mcdi",
                 "unknown field, did you mean 'mcid'?", id="policy-typo"),
    pytest.param("special_tests:\n  - id: lachman\n    name: Lachman\n    group: ankle\n    target: ACL\n"
                 "    how: Pull.\n    positive: Tear.\n", "4: special_tests[0].group",
                 'must be one of knee, hip, nerve, got "ankle"', id="special-test-group"),
    pytest.param("special_tests:\n  - id: lachman\n    name: Lachman\n    group: knee\n    target: ACL\n"
                 "    how: Pull.\n", "2: special_tests[0].positive", "missing; expected text",
                 id="special-test-missing"),
]


@pytest.mark.parametrize("text, spot, words", FIELD_CASES + PROGRAM_CASES)
def test_field_problem(folder, text, spot, words):
    write(folder, "a.yaml", text)
    assert_reported(loader.load([folder]), f"exercises/a.yaml:{spot}: ", words)


def test_python_tag_constructs_nothing(folder, tmp_path):
    write(folder, "a.yaml", 'exercises:\n  - !!python/object/apply:os.system ["touch pwned"]\n'
                            'programs: !!python/object/new:pathlib.Path ["made"]\n')
    library = loader.load([folder])
    assert not (tmp_path / "pwned").exists()
    assert [str(problem) for problem in library.problems] == [
        "exercises/a.yaml:2: yaml: the tag !!python/object/apply:os.system is not allowed; expected plain text, "
        "numbers, lists and mappings (tags are never obeyed): remove the tag"]


def test_billion_laughs_reports_anchor_and_alias_once_each(folder):
    write(folder, "a.yaml", BILLION_LAUGHS)
    shown = [str(problem) for problem in loader.load([folder]).problems]
    assert [line.split(" are not")[0] for line in shown] == [
        "exercises/a.yaml:1: yaml: anchors (&a)", "exercises/a.yaml:2: yaml: aliases (*a)"]


def test_duplicate_id_across_files_reports_the_later_one(folder):
    write(folder, "a.yaml", one_exercise(position="standing"))
    write(folder, "b.yaml", one_exercise(name="Another press-up", position="standing"))
    library = loader.load([folder])
    assert [str(problem) for problem in library.problems] == [
        "exercises/b.yaml:2: exercises[0].id: duplicate id 'press_up', first defined at exercises/a.yaml:2; "
        "expected ids unique across the folder's files"]
    assert library.exercises["press_up"].name == "Press-up"


def test_missing_path_is_a_problem_not_an_exception(folder):
    library = loader.load([folder / "nope.yaml"])
    assert [str(problem) for problem in library.problems] == [
        "exercises/nope.yaml: file: no such file or folder; expected an exercise file or a folder of them"]


def test_unexpected_exception_becomes_a_problem_for_that_file_only(folder, monkeypatch):
    write(folder, "a.yaml", one_exercise())
    write(folder, "b.yaml", one_exercise(id="bridge", position="lying_back"))
    real = assembly.read_yaml

    def breaks_on_a(path, shown):
        if path.name == "a.yaml":
            raise RuntimeError("disk on fire")
        return real(path, shown)

    monkeypatch.setattr(assembly, "read_yaml", breaks_on_a)
    library = loader.load([folder])
    assert [str(problem) for problem in library.problems] == [
        "exercises/a.yaml:1: file: could not be loaded (RuntimeError: disk on fire); expected a valid exercise "
        "file: please report this"]
    assert list(library.exercises) == ["bridge"]
