"""The systemd units `kiosk install` writes: a display server, and the kiosk as its only client.

The display is X.Org on the console (vt7), not a Wayland compositor: Kivy draws through
SDL2 on X, which it does natively, where under cage it would run through Xwayland (an X
server inside a compositor: two servers, two places to blank the screen); and cage 0.1.4
(Debian 12) has been seen failing its output test. X is started with its screensaver and
DPMS off (`-s 0 -dpms`), the kiosk turns them off again with xset before each start.
`xvfb` is the same arrangement on a virtual screen, for test rigs and demonstrations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__

DISPLAY = ":0"
DISPLAYS = {
    "xorg": "/usr/lib/xorg/Xorg :0 vt7 -nolisten tcp -nocursor -s 0 -dpms -novtswitch -keeptty",
    "xvfb": "/usr/bin/Xvfb :0 -nolisten tcp -screen 0 1280x800x24 -s 0 -dpms -fbdir /run/kiosk-display",
}
KIOSK_UNIT = "kiosk.service"
DISPLAY_UNIT = "kiosk-display.service"
WATCHDOG_SECONDS = 30
WRITTEN_BY = f"# Written by kiosk {__version__} (kiosk install writes it again at each upgrade)."
# Not set, and why: MemoryDenyWriteExecute (Mesa's llvmpipe compiles shaders to memory it runs),
# PrivateDevices (the kiosk reads the touchscreen and draws through /dev/dri), PrivateNetwork (the
# clinic server); SupplementaryGroups (systemd refuses to start a unit naming a group that does not
# exist, such as `render` on a Debian without udev: the account is made a member of those of audio,
# video, input and render that exist, and User= gives it its groups). `systemd-analyze security kiosk.service` rates what is left 1.5 ("OK").


@dataclass(frozen=True)
class Layout:
    """Where an installed kiosk lives."""

    user: str = "kiosk"
    app: Path = Path("/opt/kiosk")
    data: Path = Path("/var/lib/kiosk")
    etc: Path = Path("/etc/kiosk")
    units: Path = Path("/etc/systemd/system")

    @property
    def venv(self) -> Path:
        return self.app / "venv"

    @property
    def settings(self) -> Path:
        return self.etc / "kiosk.conf"

    @property
    def server_settings(self) -> Path:
        return self.etc / "server.conf"


def display_unit(display: str) -> str:
    runtime = "RuntimeDirectory=kiosk-display\n" if display == "xvfb" else ""
    return f"""\
{WRITTEN_BY}
[Unit]
Description=Kiosk display server ({display}), the kiosk its only client
Documentation=man:Xserver(1)
After=systemd-user-sessions.service
Conflicts=getty@tty7.service
StartLimitIntervalSec=0

[Service]
ExecStart={DISPLAYS[display]}
{runtime}Restart=always
RestartSec=2
NoNewPrivileges=yes
PrivateTmp=no
ProtectHome=yes

[Install]
WantedBy=graphical.target
"""


def kiosk_unit(layout: Layout) -> str:
    kiosk = layout.venv / "bin" / "kiosk"
    return f"""\
{WRITTEN_BY}
[Unit]
Description=Exercise kiosk (touchscreen)
Documentation=file:{layout.venv}/lib/python3.11/site-packages/kiosk/__init__.py
Requires={DISPLAY_UNIT}
After={DISPLAY_UNIT} network-online.target
Wants=network-online.target
# Never give up on a clinic's screen: restart however often it fails.
StartLimitIntervalSec=0

[Service]
Type=notify
NotifyAccess=main
User={layout.user}
Group={layout.user}
Environment=DISPLAY={DISPLAY} HOME={layout.data} XDG_STATE_HOME={layout.data}/state PYTHONUNBUFFERED=1
EnvironmentFile={layout.settings}
EnvironmentFile=-{layout.server_settings}
ExecStartPre={kiosk} screen-on
ExecStart={kiosk} run
WatchdogSec={WATCHDOG_SECONDS}
TimeoutStartSec=120
Restart=always
RestartSec=3
StateDirectory={layout.data.name}
StateDirectoryMode=0700
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths={layout.data}
PrivateTmp=yes
ProtectHome=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
SystemCallErrorNumber=EPERM
RemoveIPC=yes
PrivateMounts=yes
CapabilityBoundingSet=
DevicePolicy=closed
DeviceAllow=char-drm rw
DeviceAllow=char-input r
DeviceAllow=char-alsa rw

[Install]
WantedBy=graphical.target
"""


def units(layout: Layout, display: str) -> dict[str, str]:
    """File name -> text of every unit the installer writes."""
    return {DISPLAY_UNIT: display_unit(display), KIOSK_UNIT: kiosk_unit(layout)}
