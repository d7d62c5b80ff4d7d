"""The clinical core: regions, exercise files, the response engine and the session.

Standard library and PyYAML only. Never imports Kivy: a test proves it.
"""
