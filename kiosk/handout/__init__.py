"""The home-program handout: the exercises the patient takes home, as a printed page.

- `choice`: what goes on it (a program's `home:` section, else the direction that
  centralized, then core and posture) and each dose and times a day in words
- `words`: every word of the page, through the gettext catalogues
- `document`: the PDF itself (fpdf2, the DejaVu Sans font shipped in `fonts/`)
- `make`: a session's handout put together
- `printing`: handing the PDF to CUPS (`lp`) in the background, and the job's state

No Kivy here: the pictures are drawn above (`kiosk.exercise_session.handout_pictures`).
"""
