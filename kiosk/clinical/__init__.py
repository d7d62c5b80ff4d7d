"""The clinical model: what a McKenzie-style session decides, with no screen and no files.

Holds the body regions and their ranks (`regions`), a check-in (`checkin`), the
response engine (`engine`) and the spinal judgement (`spinal`), the plan of sets
(`plan`), the table-driven session machine (`session`), the red flags
(`red_flags`), the therapist's account (`report`), the recorded view of a session
(`record`), the scripted run behind `kiosk simulate` (`simulate`), and the
dataclasses of what therapists write (`program`: Program, Block, Exercise, Policy).

May import: nothing of the kiosk (the standard library only). Everything else
builds on it; `pyproject.toml`'s import contracts hold it to that.
"""
