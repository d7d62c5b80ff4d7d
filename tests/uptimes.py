"""The clock readings ("uptimes", in seconds) that the timing tests run at.

A machine's monotonic clock starts near 0 at boot, and a float's spacing grows
with its size: 1/60 s added to 300 s, to 1,693 s or to 31 days loses a different
few bits each time. The kiosk must count every second once at any of them.
"""

DEFAULT = 1_693.0
"""Where every UI test's clock starts unless it asks for another: an uptime at which the pilot's old
float-adding clock lost a second of a countdown."""

UPTIMES = (300.0, DEFAULT, 5_000.0, 100_000.0, 2_700_000.0)
"""Five minutes, 28 minutes, 83 minutes, 28 hours and 31 days after boot."""
