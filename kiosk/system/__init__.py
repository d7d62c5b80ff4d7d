"""The kiosk as a clinic's appliance: systemd's notify protocol, the installer, the units it writes.

Nothing here imports Kivy; `kiosk.app.watchdog` drives `notify` from the Kivy clock, and
`kiosk.cli.appliance` offers `kiosk install`, `uninstall` and `doctor`.
"""
