"""Exercise demonstrations as data: the figure, its poses and moves, the room around it.

Holds the figure's body and joints (`body`), keyframed animations (`animation`)
and the props placed around the figure (`scenery`). Pure geometry and timing:
the screens and `kiosk render-videos` draw it, tests check it without a screen.

May import: nothing of the kiosk (the standard library only). Never Kivy.
"""
