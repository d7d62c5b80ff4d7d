"""Exercise files: their format, how they are read, and what is wrong with them.

Holds the format description (`spec`, `fields`), the checks that read a file
against it (`checks`, `animation_checks`) with their wording (`wording`), safe
YAML with line numbers (`yamlsafe`), the loader that builds the clinical
dataclasses (`loader`), problems as PATH:LINE lines (`problems`), the JSON
Schema (`schema`), media probing (`media`) and patient scripts (`script`).

May import: `kiosk.clinical` and `kiosk.demos`. Never Kivy.
"""
