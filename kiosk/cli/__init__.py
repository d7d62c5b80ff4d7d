"""The `kiosk` command's sub-commands, one module per group.

- `content`: new, validate, programs, schema, simulate (the exercise folder)
- `touchscreen`: run, render-videos (these import Kivy, and only when they run)
- `records`: history, export, set-pin, set-retention, set-name (the records folder)
- `patients`: history --patient (a patient's visits), set-clinic (the clinic's FHIR addresses, reference format)
- `backup`: backup, restore (a copy of the records kept elsewhere, and putting it back)
- `common`: what the groups share (options, counts, the exercise library)

Each group has `add_commands(commands)`, called by `kiosk.__main__.build_parser`.
Exit codes: 0 success, 1 invalid content or a failed action, 2 bad usage or input.
"""
