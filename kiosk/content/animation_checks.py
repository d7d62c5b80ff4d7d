"""From a checked `animation:` mapping to an `Animation`, with what the field checks can't see.

`kiosk.content.checks` has already checked every field's kind and range against
`kiosk.content.fields.ANIMATION`; this adds the checks that span fields, each at
its own line: a pose name that no pose has (`start`, `moves[i].to`, `like`),
poses that are `like` each other in a circle, and a cycle that does not end
where it started (it would jump when it repeats).
"""

from __future__ import annotations

from kiosk.demos import body
from kiosk.demos.animation import Animation, Move

from .checks import INVALID, Checker
from .wording import did_you_mean, join
from .yamlsafe import Node


def build_animation(values: dict, node: Node, where: str, checker: Checker):
    """The Animation the checked `values` describe, or INVALID (problems reported on `checker`)."""
    fields = node.value
    names = list(values["poses"])
    ok = _known(values["start"], names, fields["start"], join(where, "start"), checker)
    for index, (move, move_node) in enumerate(zip(values["moves"], fields["moves"].value)):
        ok = _known(move["to"], names, move_node.value["to"], f"{where}.moves[{index}].to", checker) and ok
    poses_node = fields["poses"].value
    for name, pose in values["poses"].items():
        if "like" in pose:
            ok = _known(pose["like"], names, poses_node[name].value["like"], f"{where}.poses.{name}.like",
                        checker) and ok
    if not ok:
        return INVALID
    poses = _complete_poses(values["poses"], poses_node, f"{where}.poses", checker)
    last = values["moves"][-1]["to"]
    if last != values["start"]:
        checker.error(fields["moves"].value[-1].value["to"].line, f"{where}.moves[{len(values['moves']) - 1}].to",
                      f"the cycle ends in '{last}' but starts in '{values['start']}'; expected the last move to go "
                      f"back to '{values['start']}', so that the repetition loops smoothly")
        return INVALID
    if poses is INVALID:
        return INVALID
    moves = tuple(Move(m["to"], float(m["seconds"]), m["ease"], m["hold"]) for m in values["moves"])
    return Animation(poses, values["start"], moves, values["ground"], tuple(values.get("props", ())),
                     values["anchor"], values["view"])


def _known(name: str, names: list[str], node: Node, where: str, checker: Checker) -> bool:
    if name in names:
        return True
    hint = did_you_mean(name, names)
    checker.error(node.line, where, f"unknown pose '{name}'{hint}; expected one of the poses: {', '.join(names)}")
    return False


def _complete_poses(written: dict[str, dict], nodes: dict[str, Node], where: str, checker: Checker):
    """Every pose with all its angles, following `like`; INVALID when poses are like each other in a circle."""
    done: dict[str, dict[str, float]] = {}

    def resolve(name: str, chain: tuple[str, ...]):
        if name in done:
            return done[name]
        if name in chain:
            circle = " -> ".join(chain[chain.index(name):] + (name,))
            checker.error(nodes[chain[-1]].value["like"].line, f"{where}.{chain[-1]}.like",
                          f"poses are like each other in a circle ({circle}); expected `like` to lead back to "
                          "a pose written out without `like`")
            return INVALID
        pose = written[name]
        base = resolve(pose["like"], chain + (name,)) if "like" in pose else None
        if base is INVALID:
            return INVALID
        angles = {key: float(value) for key, value in pose.items() if key != "like"}
        done[name] = body.complete(angles, base)
        return done[name]

    results = [resolve(name, ()) for name in written]
    return INVALID if any(result is INVALID for result in results) else done
