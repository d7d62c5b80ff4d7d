"""The figure follows the set's countdown, and media problems are warnings, never stops.

Pure Python: the timeline, the animation and the media probe need no window.
"""

from __future__ import annotations

import pytest
from media import write_not_a_video, write_truncated, write_video
from yaml_files import write

from kiosk.__main__ import main
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Role
from kiosk.content import loader, media
from kiosk.exercise_session.demo_sync import pose_at
from kiosk.exercise_session.timing import GET_READY_SECONDS, set_timeline


@pytest.fixture(scope="module")
def exercises():
    return loader.load().exercises


def planned(exercise, set_number=1) -> PlannedSet:
    return PlannedSet(0, Role.SPINAL, exercise, set_number)


def test_a_press_up_moves_in_each_movement_and_holds_while_the_countdown_runs(exercises):
    press_up = exercises["press_up"]  # reps 10, hold 2: get ready 5, then (move 3, hold 2) x 10
    timeline = set_timeline(planned(press_up))
    down, up = press_up.animation.poses["down"], press_up.animation.poses["up"]
    kind = press_up.kind
    assert pose_at(press_up.animation, timeline, 2.0, kind) == down  # getting ready: lying down
    assert pose_at(press_up.animation, timeline, GET_READY_SECONDS + 1.5, kind) not in (down, up)  # pushing up
    for rep in range(10):
        hold_start = GET_READY_SECONDS + rep * 5 + 3
        assert pose_at(press_up.animation, timeline, hold_start + 0.1, kind) == up
        assert pose_at(press_up.animation, timeline, hold_start + 1.9, kind) == up
    second_move = GET_READY_SECONDS + 5
    spines = [pose_at(press_up.animation, timeline, second_move + t / 10, kind)["spine"] for t in range(31)]
    assert min(spines) == pytest.approx(up["spine"]) and max(spines) == pytest.approx(down["spine"], abs=0.5)


def test_bird_dog_changes_sides_hold_by_hold(exercises):
    bird_dog = exercises["bird_dog"]  # hold kind, 10 holds of 5 s with 3 s relax between
    animation = bird_dog.animation
    timeline = set_timeline(planned(bird_dog))
    holds = [phase for phase in timeline.phases if phase.kind.value == "hold"]
    assert len(holds) == bird_dog.reps
    seen = []
    for index, phase in enumerate(timeline.phases):
        if phase.kind.value == "hold":
            middle = timeline.start_of(index) + phase.seconds / 2
            seen.append(pose_at(animation, timeline, middle, bird_dog.kind))
    sides = [animation.poses["near_arm_far_leg"], animation.poses["far_arm_near_leg"]]
    assert seen == sides * 5
    # the count-in ends in the first hold's position
    assert pose_at(animation, timeline, GET_READY_SECONDS - 0.01, bird_dog.kind)["near_shoulder"] == \
        pytest.approx(sides[0]["near_shoulder"], abs=1)
    assert pose_at(animation, timeline, 0.0, bird_dog.kind) == animation.poses["table"]


def test_rest_shows_the_start_pose_and_a_cycle_without_holds_keeps_breathing(exercises):
    press_up = exercises["press_up"]
    timeline = set_timeline(planned(press_up, set_number=2))  # 30 s rest first
    assert pose_at(press_up.animation, timeline, 10, press_up.kind) == press_up.animation.poses["down"]
    lying = exercises["prone_lying"]  # one 180 s hold; the animation is a breathing cycle
    timeline = set_timeline(planned(lying))
    poses = {round(pose_at(lying.animation, timeline, GET_READY_SECONDS + t / 2, lying.kind)["spine"], 3)
             for t in range(20)}
    assert len(poses) > 3  # it moves all through the hold


def test_after_the_set_the_figure_stays_where_the_last_hold_was(exercises):
    bridge = exercises["bridge"]
    timeline = set_timeline(planned(bridge))
    assert pose_at(bridge.animation, timeline, timeline.total + 5, bridge.kind) == bridge.animation.poses["up"]


def test_a_video_that_decodes_has_no_problem_and_garbage_does(tmp_path):
    assert media.video_problem(write_video(tmp_path / "good.mp4", seconds=0.5)) == ""
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(bytes(range(256)) * 40)
    assert media.video_problem(garbage) == "will not decode as a video"
    assert media.video_problem(write_not_a_video(tmp_path / "notes.mp4")) == "will not decode as a video"


def test_rendered_videos_are_recognised(root, tmp_path):
    assert media.rendered_for(root / "assets" / "videos" / "bridge.mp4") == "bridge"
    assert media.rendered_for(write_video(tmp_path / "clinic.mp4", seconds=0.5)) is None
    assert media.rendered_for(tmp_path / "missing.mp4") is None


def test_validate_warns_about_a_video_that_will_not_decode(tmp_path, capsys):
    exercises, assets = tmp_path / "exercises", tmp_path / "assets"
    (assets / "videos").mkdir(parents=True)
    (assets / "videos" / "bridge.mp4").write_bytes(b"\x00\x01garbage" * 500)
    write_video(assets / "videos" / "good.mp4", seconds=0.5)
    write(exercises, "a.yaml", """\
        exercises:
          - id: bridge
            name: Bridge
            instructions: Lift your hips.
            kind: reps
            reps: 5
            video: videos/bridge.mp4
            position: lying_back
          - id: good
            name: Good
            instructions: Lift your hips.
            kind: reps
            reps: 5
            video: videos/good.mp4
            position: lying_back
          - id: gone
            name: Gone
            instructions: Lift your hips.
            kind: reps
            reps: 5
            video: videos/gone.mp4
            position: lying_back
        """)
    assert main(["validate", str(exercises)]) == 0  # warnings only
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        f"{exercises / 'a.yaml'}:7: exercises[0].video: warning: will not decode as a video: "
        f"{assets}/videos/bridge.mp4",
        f"{exercises / 'a.yaml'}:21: exercises[2].video: warning: file not found: {assets}/videos/gone.mp4",
        f"{exercises}: special_tests: warning: no special-test catalogue in this folder: a summary that recommends "
        "knee tests will list no knee, hip or nerve tests; expected a special_tests: section in one file, or "
        "`use_bundled: true` to use the bundled catalogue",
    ]
    assert "0 errors, 3 warnings" in out.err
    assert set(loader.load([exercises]).exercises) == {"bridge", "good", "gone"}  # a plain load never probes


def test_validate_keeps_ffmpegs_own_log_lines_out_of_its_output(tmp_path, capfd):
    """FFmpeg writes straight to file descriptor 2 ("[mov,mp4,...] moov atom not found"): validate
    must still print one line per problem, and nothing else."""
    exercises, assets = tmp_path / "exercises", tmp_path / "assets"
    (assets / "videos").mkdir(parents=True)
    write_truncated(assets / "videos" / "cut.mp4", write_video(tmp_path / "whole.mp4", seconds=1))
    write(exercises, "a.yaml", """\
        exercises:
          - id: bridge
            name: Bridge
            instructions: Lift your hips.
            kind: reps
            reps: 5
            video: videos/cut.mp4
            position: lying_back
        """)
    assert main(["validate", str(exercises / "a.yaml")]) == 0
    out, err = capfd.readouterr()
    assert out.splitlines() == [f"{exercises / 'a.yaml'}:7: exercises[0].video: warning: will not decode as a "
                                f"video: {assets}/videos/cut.mp4"]
    assert err.splitlines() == ["kiosk validate: 1 file, 1 exercise, 0 programs, 0 special tests; 0 errors, "
                                "1 warning"]
