"""The kiosk shell: the Kivy app that hosts plugins, resets when idle, and hides the desktop."""
