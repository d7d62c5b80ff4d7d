"""What a still shows and is named after: the video file's bytes, or the animation as written.

A still's file name carries one of these sha256 sums, so a changed video or
animation gets a new still and an unchanged one is found again in the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DRAWING = "figure-1"
"""Changes whenever the figure's drawing changes, so the cached drawings are made again."""
_HASHES: dict[tuple[str, int, int], str] = {}
"""Video path, size, mtime -> sha256: a video is read whole once per run, not at every opening."""


def representative_pose(animation) -> dict[str, float]:
    """The figure in its first hold (the exercise's position), else halfway through a cycle."""
    if animation.holds:
        return animation.hold_pose(1)
    track = animation.loop(0.0)
    return track.pose_at(track.total / 2)


def animation_key(animation, size: tuple[int, int]) -> str:
    """sha256 of the animation as written, the drawing and the size: equal animations share a still."""
    poses = sorted((name, sorted(pose.items())) for name, pose in animation.poses.items())
    written = (poses, animation.start, animation.moves, animation.ground, animation.props, animation.anchor,
               animation.view, DRAWING, size)
    return hashlib.sha256(repr(written).encode()).hexdigest()


def video_sha256(path: Path) -> str:
    """sha256 of a video file's bytes, read once per run for each path, size and modification time."""
    status = path.stat()
    known = (str(path), status.st_size, status.st_mtime_ns)
    if known not in _HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        _HASHES[known] = digest.hexdigest()
    return _HASHES[known]
