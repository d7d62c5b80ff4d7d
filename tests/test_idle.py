"""The idle watcher: asks once, then gives up; a stalled or sped-up clock cannot skip the question."""

from kiosk.app.idle import IdleWatcher


def watcher(waiting=True):
    calls = []
    w = IdleWatcher(90, 30, waiting=lambda: waiting, ask=lambda: calls.append("ask"),
                    give_up=lambda: calls.append("give_up"))
    return w, calls


def test_asks_after_the_wait_then_gives_up():
    w, calls = watcher()
    for _ in range(89):
        w.advance(1)
    assert calls == []
    w.advance(1)
    assert calls == ["ask"]
    for _ in range(30):
        w.advance(1)
    assert calls == ["ask", "give_up"]


def test_a_touch_starts_the_count_again():
    w, calls = watcher()
    for _ in range(80):
        w.advance(1)
    w.touched()
    for _ in range(80):
        w.advance(1)
    assert calls == []


def test_one_huge_step_cannot_skip_the_question():
    w, calls = watcher()
    w.advance(10_000)  # a frame that stalled, or the autopilot's clock at 400 times
    assert calls == []
    for _ in range(9):
        w.advance(10_000)
    assert calls == ["ask"]


def test_nothing_counts_while_the_patient_is_not_expected_to_touch():
    w, calls = watcher(waiting=False)
    for _ in range(500):
        w.advance(1)
    assert calls == [] and w.idle == 0
