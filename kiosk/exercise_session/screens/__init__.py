"""The screens of the exercise session: one .py and a same-named .kv each.

Screens show what the controller gives them and dispatch what the patient
answered; they never switch screens themselves (the session state decides).
"""
