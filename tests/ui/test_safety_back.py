"""Back on every safety question after the first, to the last one; a Yes on the last still stops at once."""

from test_journeys import plugin_of, start_kiosk

from kiosk.clinical.engine import Outcome


def test_every_question_after_the_first_has_back_to_the_one_before_and_the_last_yes_stops(pilot):
    app = start_kiosk(pilot, programs=["knee_from_spine"])
    controller = plugin_of(app).controller
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    safety = controller.screens["safety"]
    asked = [safety.flag_id]
    total = safety.total
    assert total >= 3
    while safety.number < total:
        pilot.tap(safety.ids.no)
        number = safety.number
        asked.append(safety.flag_id)
        assert safety.ids.previous.opacity == 1 and not safety.ids.previous.disabled, number
        pilot.tap(safety.ids.previous)  # the No before touched by mistake: back to it
        assert (safety.number, safety.flag_id) == (number - 1, asked[-2])
        pilot.tap(safety.ids.no)  # answered again, on to the same question
        assert (safety.number, safety.flag_id) == (number, asked[-1])
    assert len(set(asked)) == total and controller.current_screen_name == "safety"
    pilot.tap(safety.ids.yes)  # the last question: a Yes stops at once
    assert controller.session.outcome is Outcome.RED_FLAG_STOP and controller.session.red_flag == asked[-1]
    assert controller.current_screen_name == "staff_alert"
