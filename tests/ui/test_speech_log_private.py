"""`kiosk run --speech-log FILE`: the log of cues tells what a patient answered, so it is private (0600)."""

import os
import stat

from kiosk.exercise_session.voice import _open_speech_log


def test_the_speech_log_is_0600_whatever_the_umask_and_never_written_through_a_link(tmp_path):
    path = tmp_path / "speech.log"
    before = os.umask(0)
    try:
        with _open_speech_log(path) as log:
            log.write("cue\n")
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_text() == "cue\n"
    path.chmod(0o644)  # an older kiosk's log: made private again, and appended to
    with _open_speech_log(path) as log:
        log.write("more\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_text() == "cue\nmore\n"
    link = tmp_path / "link.log"
    link.symlink_to(tmp_path / "elsewhere")
    try:
        _open_speech_log(link)
    except OSError:
        pass
    assert not (tmp_path / "elsewhere").exists()
