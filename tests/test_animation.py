"""Demonstration animations: every bundled one is valid and sane, and mistakes are reported at their line.

No Kivy here: the pose model, the kinematics and the checks are pure Python.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml_files import write

from kiosk.content import loader
from kiosk.content.fields import POSE
from kiosk.content.schema import json_schema
from kiosk.demos import body
from kiosk.demos.animation import EASES, LOOP_HOLD_MAX

BUNDLED = {"prone_lying", "prone_on_elbows", "press_up", "standing_extension", "flexion_lying", "flexion_sitting",
           "flexion_standing", "abdominal_bracing", "bridge", "bird_dog", "dead_bug", "side_plank", "curl_up",
           "slouch_overcorrect", "lumbar_roll"}
LYING = {"prone_lying", "prone_on_elbows", "press_up", "flexion_lying", "abdominal_bracing", "bridge", "bird_dog",
         "dead_bug", "side_plank", "curl_up"}
SITTING = {"flexion_sitting", "slouch_overcorrect", "lumbar_roll"}


@pytest.fixture(scope="module")
def library():
    return loader.load()


def sample_poses(exercise, steps: int = 40):
    track = exercise.animation.loop(exercise.hold)
    return [track.pose_at(track.total * i / steps) for i in range(steps + 1)]


def test_every_bundled_exercise_has_a_valid_animation(library):
    assert not library.errors
    assert set(library.exercises) == BUNDLED
    for exercise in library.exercises.values():
        animation = exercise.animation
        assert animation is not None, exercise.id
        assert animation.moves[-1].to == animation.start, exercise.id
        for pose in animation.poses.values():
            assert set(pose) == set(body.ANGLES), exercise.id
            for name, value in pose.items():
                assert joint_of(name).minimum <= value <= joint_of(name).maximum, (exercise.id, name, value)


def test_the_scene_fits_each_exercise(library):
    for exercise_id in LYING:
        assert library.exercises[exercise_id].animation.ground == "mat", exercise_id
    for exercise_id in SITTING:
        assert "chair" in library.exercises[exercise_id].animation.props, exercise_id
    assert "roll" in library.exercises["lumbar_roll"].animation.props
    assert library.exercises["side_plank"].animation.view == "front"


def test_holds_and_repetitions_follow_the_dose(library):
    exercises = library.exercises
    assert exercises["bird_dog"].animation.reps_per_cycle == 2  # one hold per side
    assert exercises["dead_bug"].animation.reps_per_cycle == 2
    assert exercises["press_up"].animation.reps_per_cycle == 1
    press_up = exercises["press_up"]
    assert press_up.animation.loop(press_up.hold).total == pytest.approx(1.5 + press_up.hold + 1.5)
    on_elbows = exercises["prone_on_elbows"]  # a 3-minute hold loops as a 10-second one
    assert on_elbows.animation.loop(on_elbows.hold).total == pytest.approx(2.5 + LOOP_HOLD_MAX + 2.5)


def test_the_figure_stays_in_its_frame_and_on_the_ground(library):
    for exercise in library.exercises.values():
        animation = exercise.animation
        left, bottom, right, top = animation.frame(exercise.hold)
        assert right - left < 2.0 and top - bottom < 1.5, exercise.id
        anchors = set()
        for pose in sample_poses(exercise):
            points = animation.place(pose)
            box = body.extent(points)
            slack = 0.01  # the frame is sampled 12 times a second; the drawing's margin is 0.08
            assert left - slack <= box[0] and box[2] <= right + slack and box[3] <= top + slack, exercise.id
            assert body.lowest(points) == pytest.approx(animation.ground_level), exercise.id
            anchors.add(round(points[{"foot": "near_ankle", "knee": "near_knee"}.get(animation.anchor,
                                                                                      animation.anchor)][0], 6))
        assert len(anchors) == 1, exercise.id  # the anchor never moves sideways


def test_standing_feet_are_on_the_floor_under_the_hips(library):
    for exercise_id in ("standing_extension", "flexion_standing"):
        animation = library.exercises[exercise_id].animation
        points = animation.place(animation.poses[animation.start])
        for side in body.SIDES:
            assert points[f"{side}_ankle"][1] == pytest.approx(body.RADII["foot"], abs=0.005)
            assert points[f"{side}_toe"][1] == pytest.approx(body.RADII["foot"], abs=0.005)
        assert abs(points["hip"][0] - points["near_ankle"][0]) < 0.02
        assert points["head"][1] > 0.9  # upright: the head at the top


def test_sitting_figures_sit_on_their_chair(library):
    for exercise_id in SITTING:
        animation = library.exercises[exercise_id].animation
        seat = next(shape for shape in animation.scene() if shape.kind == "chair")
        hip = animation.place(animation.poses[animation.start])["hip"]
        assert seat.x < hip[0] < seat.x + seat.width
        assert seat.y + seat.height == pytest.approx(hip[1] - 0.05)


def joint_of(angle: str) -> body.Joint:
    """The joint an angle of a complete pose belongs to: near_hip -> hip."""
    return body.BY_NAME[angle.split("_", 1)[1] if angle.startswith(body.SIDES) else angle]


angles = st.fixed_dictionaries({name: st.floats(joint_of(name).minimum, joint_of(name).maximum)
                                for name in body.ANGLES})


@settings(max_examples=200, deadline=None)
@given(angles)
def test_limb_lengths_never_change_whatever_the_pose(pose):
    points = body.joint_points(pose)
    for side in body.SIDES:
        pairs = {("hip", f"{side}_knee"): "thigh", (f"{side}_knee", f"{side}_ankle"): "shin",
                 (f"{side}_ankle", f"{side}_toe"): "foot", ("shoulder", f"{side}_elbow"): "upper_arm",
                 (f"{side}_elbow", f"{side}_hand"): "forearm", ("hip", "waist"): "pelvis",
                 ("waist", "shoulder"): "chest", ("shoulder", "head"): "neck"}
        for (start, end), segment in pairs.items():
            assert math.dist(points[start], points[end]) == pytest.approx(body.LENGTHS[segment])


@settings(max_examples=100, deadline=None)
@given(angles, st.sampled_from(body.ANCHORS))
def test_placing_puts_the_lowest_point_on_the_ground_and_the_anchor_at_zero(pose, anchor):
    points = body.place(pose, anchor, ground=0.025)
    assert body.lowest(points) == pytest.approx(0.025)
    assert points[ANCHOR_POINT[anchor]][0] == pytest.approx(0, abs=1e-9)


# The point each anchor keeps at x = 0, written out here rather than read from the code:
# the near-side limb for knee, foot (at the ankle) and hand.
ANCHOR_POINT = {"hip": "hip", "knee": "near_knee", "foot": "near_ankle", "hand": "near_hand",
                "shoulder": "shoulder", "head": "head"}


def test_standing_upright_is_the_neutral_pose():
    points = body.place(body.NEUTRAL)
    assert points["shoulder"][0] == pytest.approx(0) and points["head"][1] > points["shoulder"][1]
    assert points["near_toe"][0] > points["near_ankle"][0]  # facing right
    assert points["near_hand"][1] < points["waist"][1]  # arms by the sides
    assert points["near_hand"][0] == pytest.approx(0)


def test_joint_angles_mean_what_the_readme_says():
    seated = body.joint_points(body.complete({"hip": 90, "knee": 90}))
    assert seated["near_knee"][0] == pytest.approx(body.LENGTHS["thigh"])  # thigh forward
    assert seated["near_ankle"][1] == pytest.approx(-body.LENGTHS["shin"])  # shin straight down
    prone = body.joint_points(body.complete({"trunk": 0}))
    assert prone["head"][0] > 0 and prone["nose"][1] < prone["head"][1]  # head to the right, face down
    supine = body.joint_points(body.complete({"trunk": 180}))
    assert supine["head"][0] < 0 and supine["nose"][1] > supine["head"][1]  # head to the left, face up
    bent = body.joint_points(body.complete({"spine": 30}))
    assert bent["shoulder"][0] > 0  # flexion bends forward


def test_eases_start_at_zero_and_end_at_one():
    for ease in EASES.values():
        assert ease(0.0) == pytest.approx(0.0) and ease(1.0) == pytest.approx(1.0)
        assert 0 < ease(0.5) < 1


def test_a_track_moves_smoothly_from_pose_to_pose(library):
    press_up = library.exercises["press_up"]
    track = press_up.animation.loop(press_up.hold)
    down, up = press_up.animation.poses["down"], press_up.animation.poses["up"]
    assert track.pose_at(0) == down and track.pose_at(1.5) == up and track.pose_at(3.4) == up
    assert track.pose_at(track.total) == down and track.pose_at(-1) == down
    halfway = track.pose_at(0.75)
    assert halfway["spine"] == pytest.approx((down["spine"] + up["spine"]) / 2)
    spines = [track.pose_at(t / 10)["spine"] for t in range(16)]
    assert spines == sorted(spines, reverse=True)  # the back extends steadily all the way up


def test_the_schema_publishes_numbers_and_the_animation():
    schema = json_schema()
    assert schema["$defs"]["pose"]["properties"]["knee"]["type"] == "number"
    assert schema["$defs"]["move"]["properties"]["seconds"]["minimum"] == 0.1
    animation = schema["$defs"]["exercise"]["properties"]["animation"]
    assert animation == {"$ref": "#/$defs/animation", "description": animation["description"]}
    assert "near_hip" in POSE.by_name and "far_elbow" in POSE.by_name


GOOD = """\
exercises:
  - id: bridge
    name: Bridge
    instructions: Lift your hips.
    kind: hold
    hold: 5
    animation:
      ground: mat
      poses:
        down: {trunk: 180, hip: 45, knee: 90}
        up: {like: down, trunk: 199, knee: 79}
      start: down
      moves:
        - {to: up, seconds: 2, hold: true}
        - {to: down, seconds: 1.5}
"""


def problems_of(folder, text: str) -> list[str]:
    write(folder, "a.yaml", text)
    library = loader.load([folder])
    return [str(problem)[len(problem.path) + 1:] for problem in library.problems]


def test_a_hand_written_animation_loads(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    animation = loader.load([tmp_path]).exercises["bridge"].animation
    assert animation.poses["up"]["near_hip"] == 45 and animation.poses["up"]["trunk"] == 199  # like down
    assert [move.seconds for move in animation.moves] == [2.0, 1.5]


@pytest.mark.parametrize("old, new, expected", [
    ("knee: 90}", "kneee: 90}", "10: exercises[0].animation.poses.down.kneee: unknown field, did you mean 'knee'?"),
    ("knee: 90}", "knee: 170}", "10: exercises[0].animation.poses.down.knee: must be a number of degrees from 0 to "
                               "160, got 170"),
    ("knee: 90}", 'knee: "90"}', "10: exercises[0].animation.poses.down.knee: must be a number of degrees from 0 "
                                "to 160, got \"90\"; remove the quotes to make it a number"),
    ("seconds: 1.5}", 'seconds: "1,5"}', "15: exercises[0].animation.moves[1].seconds: must be a number of seconds "
                                        "from 0.1 to 60, got \"1,5\"; write decimals with a point (1.5), not a comma"),
    ("to: up, seconds: 2", "to: upp, seconds: 2", "14: exercises[0].animation.moves[0].to: unknown pose 'upp' (did "
                                                  "you mean 'up'?); expected one of the poses: down, up"),
    ("start: down", "start: lying", "12: exercises[0].animation.start: unknown pose 'lying'; expected one of the "
                                    "poses: down, up"),
    ("like: down", "like: dwn", "11: exercises[0].animation.poses.up.like: unknown pose 'dwn' (did you mean "
                                "'down'?); expected one of the poses: down, up"),
    ("hold: true}", "hold: true, ease: bouncy}", "14: exercises[0].animation.moves[0].ease: must be one of smooth, "
                                                "steady, speed_up, slow_down, got \"bouncy\""),
    ("to: down, seconds: 1.5", "to: up, seconds: 1.5", "15: exercises[0].animation.moves[1].to: the cycle ends in "
                                                       "'up' but starts in 'down'; expected the last move to go "
                                                       "back to 'down', so that the repetition loops smoothly"),
    ("{trunk: 180, hip: 45, knee: 90}", "{like: up, trunk: 180}", "11: exercises[0].animation.poses.up.like: poses "
                                                                  "are like each other in a circle (down -> up -> "
                                                                  "down); expected `like` to lead back to a pose "
                                                                  "written out without `like`"),
    ("ground: mat", "ground: bed", '8: exercises[0].animation.ground: must be one of floor, mat, got "bed"'),
    ("      moves:\n        - {to: up, seconds: 2, hold: true}\n        - {to: down, seconds: 1.5}\n", "",
     "8: exercises[0].animation.moves: missing; expected a list of moves"),
], ids=["unknown joint", "angle out of range", "quoted angle", "decimal comma", "unknown pose in a move",
        "unknown start pose", "unknown like", "bad easing", "cycle does not return", "like circle", "bad ground",
        "no moves"])
def test_mistakes_in_an_animation_are_reported_at_their_line(tmp_path, old, new, expected):
    assert old in GOOD
    problems = problems_of(tmp_path, GOOD.replace(old, new, 1))
    assert expected in problems
    assert "bridge" not in loader.load([tmp_path]).exercises  # like any error, it drops the exercise


def test_numbers_accept_whole_and_decimal_but_not_words(tmp_path):
    assert problems_of(tmp_path, GOOD.replace("knee: 90}", "knee: 90.5}")) == []
    assert problems_of(tmp_path, GOOD.replace("knee: 90}", "knee: yes}")) == [
        "10: exercises[0].animation.poses.down.knee: must be a number of degrees from 0 to 160, got yes (YAML reads "
        "yes/no/on/off/true/false as true or false)"]
    assert problems_of(tmp_path, GOOD.replace("knee: 90}", "knee: .nan}"))  # not a number at all
