"""Benchmarks of the kiosk, each against a bare-Kivy baseline measured in the same run.

`python -m bench [--quick]` runs them all and prints one JSON object; the figures
are information, never pass/fail. See bench/__main__.py and the README's
"Performance" section.
"""
