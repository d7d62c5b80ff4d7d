"""Every word of the home-program handout, marked for the gettext catalogues, and in a language.

Plain, kind, short sentences for a patient reading at home; never a diagnosis.
The stop rules and the emergency signs follow docs/clinical-model.md: pain that
spreads further down the leg, new numbness or tingling, new weakness; and the
signs of a possible cauda equina, in everyday words.
"""

from __future__ import annotations

from kiosk.language import N_, translation

TITLE = N_("Your exercises at home")
FOR_PATIENT = N_("For: {reference}")
DATE = N_("Date: {date}")
INTRO = N_("Do these exercises at home, as your therapist showed you. Go gently. Tick a box each time you "
           "do them.")
START = N_("Start position")
END = N_("End position")
HOW_MUCH = N_("How much:")
HOW_OFTEN = N_("How often:")

TIMES_ONE = N_("1 time")
TIMES = N_("{count} times")
HOLD_FOR = N_("Hold for {duration}")
HOLD_EACH = N_("{count} times, hold for {duration} each time")
HOLD_TIMES = N_("Hold for {duration}, {count} times")
SETS = N_("{sets} sets, with a short rest between")
SECOND = N_("1 second")
SECONDS = N_("{count} seconds")
MINUTE = N_("1 minute")
MINUTES = N_("{count} minutes")
ONCE_A_DAY = N_("once a day")
TWICE_A_DAY = N_("twice a day")
TIMES_A_DAY = N_("{count} times a day")
EVERY_HOURS = N_("{count} times a day, about every {hours} hours")

STOP_TITLE = N_("Stop the exercises and call us if:")
STOP_RULES = (
    N_("the pain spreads further down your leg"),
    N_("you get new numbness or tingling"),
    N_("your leg feels weaker"),
)
EMERGENCY_TITLE = N_("Get help straight away (call an emergency number) if:")
EMERGENCY_SIGNS = (
    N_("you feel numb between your legs or around your bottom"),
    N_("you have new trouble passing or holding urine or stool"),
    N_("both legs feel numb or weak, or one leg gets weak quickly"),
)
GOOD_TITLE = N_("What good looks like")
GOOD = N_("The pain moves up out of your leg toward your back, or it gets less. Some ache in the middle "
          "of your back while the leg pain goes is fine.")
WEEK_TITLE = N_("Your week: tick a box each time")
EXERCISE = N_("Exercise")
DAY = N_("Day {number}")
PAGE = N_("Page {page} of {pages}")


class HandoutWords:
    """The sentences above in one language: `words.TITLE`, `words.STOP_RULES`."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __getattr__(self, name: str):
        if not name.isupper() or name not in globals():
            raise AttributeError(f"no handout sentence {name!r} in kiosk.handout.words")
        english = globals()[name]
        gettext = translation(self.language).gettext
        if isinstance(english, tuple):
            return tuple(gettext(line) for line in english)
        return gettext(english)
