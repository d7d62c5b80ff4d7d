"""UI test setup: the real Kivy window, headless, stepped frame by frame.

Kivy's config must be set before the window exists: no frame-rate cap (tests
step frames as fast as they can), 1280x800 like a clinic touchscreen.
"""

from kiosk.app.kivy_setup import Display, prepare

prepare(Display(windowed=True, size=(1280, 800), max_fps=0))

import pytest  # noqa: E402
from kivy.clock import Clock  # noqa: E402

# A test module collected before this one that imports Kivy makes its clock with the 60 fps cap, and a
# stepped frame then waits for real time that the virtual clock never gives: say so here, not as a hang.
assert Clock._max_fps == 0, "Kivy's clock was made before tests/ui/conftest.py: a core test imports Kivy at the top"

from pilot import Pilot, virtual_time  # noqa: E402
from uptimes import DEFAULT  # noqa: E402


@pytest.fixture
def clock_origin(request):
    """The reading of Kivy's clock as the test begins, in seconds: the machine's uptime, as the kiosk sees it.
    `uptimes.DEFAULT` unless the test asks for another with
    `@pytest.mark.parametrize("clock_origin", UPTIMES, indirect=True)`."""
    origin = getattr(request, "param", DEFAULT)
    virtual_time.restart_at(origin)
    return origin


@pytest.fixture
def pilot(clock_origin):
    """Start apps with `pilot.start(app)`; whatever was started is stopped afterwards. The clock starts at
    `clock_origin`."""
    driver = Pilot()
    yield driver
    driver.stop()
