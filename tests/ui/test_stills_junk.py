"""A junk still in the stills cache is made again, never shown blank for ever, and a named pipe never hangs.

The real drawn figure and a real decoded video frame are kept, then each kept file is
replaced by zero bytes, half of itself, junk or a named pipe; the next request makes a
whole PNG again.
"""

from __future__ import annotations

import pytest
from damaged_files import damage
from test_stills import made, picture, stills, window  # noqa: F401  (fixtures)

from kiosk.content import loader
from kiosk.exercise_session.editor.still_files import PNG_SIGNATURE
from media import write_video


@pytest.mark.parametrize("how", ["zero bytes", "cut short", "junk", "a named pipe"])
def test_a_junk_still_is_made_again(pilot, stills, tmp_path, how):  # noqa: F811
    animation = loader.load().exercises["press_up"].animation
    video = write_video(tmp_path / "squares.mp4", seconds=1)
    for video_or_none, animation_or_none in ((None, animation), (video, None)):
        [path] = made(pilot, stills, video_or_none, animation_or_none)
        damage(path, how, junk=b"not a picture" * 100)
        [again] = made(pilot, stills, video_or_none, animation_or_none)
        assert again == path and path.read_bytes().startswith(PNG_SIGNATURE)
        assert picture(path)[0][0] > 0  # FFmpeg reads it back as a picture
