"""UI test setup: the real Kivy window, headless, stepped frame by frame.

Kivy's config must be set before the window exists: no frame-rate cap (tests
step frames as fast as they can), 1280x800 like a clinic touchscreen.
"""

from kiosk.app.kivy_setup import Display, prepare

prepare(Display(windowed=True, size=(1280, 800), max_fps=0))

import pytest  # noqa: E402

from pilot import Pilot  # noqa: E402


@pytest.fixture
def pilot():
    """Start apps with `pilot.start(app)`; whatever was started is stopped afterwards."""
    driver = Pilot()
    yield driver
    driver.stop()
