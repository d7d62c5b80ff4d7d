"""Widgets the exercise-session screens share: one .py and a same-named .kv each."""
