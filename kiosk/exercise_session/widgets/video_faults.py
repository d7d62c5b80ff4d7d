"""What can be told about a demonstration video that will not play: before opening it (`unplayable`),
and from the decoder's own words while it loads (`DECODER_ERRORS`, for kiosk.exercise_session.widgets.demo_video).
"""

from __future__ import annotations

import logging
import os
import weakref
from functools import partial
from pathlib import Path

from kivy.clock import Clock
from kivy.core.video import Video as CoreVideo

from kiosk.files import NotRegularFile, open_regular

DECODER_PREFIX = "ffpyplayer: "
"""How Kivy's ffpyplayer provider prefixes the player's log lines."""


def unplayable(path: Path) -> str:
    """Why `path` can't be played, as far as can be told without opening it; "" if it may be."""
    if CoreVideo is None:
        return "no video player is available on this computer"
    try:
        with open_regular(path) as file:  # a named pipe or a device is never read (it would hang or never end)
            if os.fstat(file.fileno()).st_size == 0:
                return "the file is empty"
            file.read(1)
    except FileNotFoundError:
        return "file not found"
    except NotRegularFile as error:
        return f"not a regular file ({error.kind})"
    except OSError as error:
        return f"the file cannot be read: {error.strerror or error}"
    return ""


class _DecoderErrors(logging.Handler):
    """Hands the player's "<file>: <reason>" errors, logged from decoder threads, to the DemoVideos."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.players: weakref.WeakSet = weakref.WeakSet()  # the DemoVideos there are

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if message.startswith(DECODER_PREFIX):
                Clock.schedule_once(partial(self._route, message[len(DECODER_PREFIX):]))
        except Exception:  # a log handler must never raise into the decoder's thread
            self.handleError(record)

    def _route(self, message: str, dt: float) -> None:
        for player in list(self.players):
            player.decoder_error(message)


DECODER_ERRORS = _DecoderErrors()
"""Installed once, on Kivy's logger, where the ffpyplayer provider sends the player's errors."""
logging.getLogger("kivy").addHandler(DECODER_ERRORS)
