"""The staff PIN: salted scrypt hashes, and five wrong tries lock the pad for five minutes."""

import pytest

from kiosk.records.pin import LOCK_SECONDS, MAX_TRIES, InvalidPin, PinLock, hash_pin, matches
from kiosk.records.store import DB_NAME, Records


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def records(tmp_path):
    opened = Records.open(tmp_path)
    yield opened.records
    opened.records.close()


def test_the_hash_is_salted_scrypt_and_never_the_pin():
    first, second = hash_pin("4821"), hash_pin("4821")
    assert first != second  # a new salt each time
    assert first.startswith("scrypt$16384$8$1$") and "4821" not in first
    assert matches("4821", first) and matches("4821", second)
    assert not matches("4822", first) and not matches("4821", "garbage")


def database_files(folder) -> dict[str, bytes]:
    """Every file SQLite keeps for the records: the database, its WAL and the WAL's index."""
    return {path.name: path.read_bytes() for path in sorted(folder.glob(f"{DB_NAME}*"))}


def test_the_database_and_its_wal_hold_only_the_hash(records, tmp_path):
    PinLock(records).set_pin("90210")
    stored = records.setting("pin_hash")
    assert stored.startswith("scrypt$") and "90210" not in stored
    running = database_files(tmp_path)  # as the disk is while the kiosk runs: the new pages are in the WAL
    assert set(running) == {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"}
    assert stored.encode() in running[f"{DB_NAME}-wal"]
    assert all(b"90210" not in data for data in running.values()), [n for n, d in running.items() if b"90210" in d]
    records.close()
    closed = database_files(tmp_path)  # WAL checkpointed into the database
    assert stored.encode() in closed[DB_NAME]
    assert all(b"90210" not in data for data in closed.values())


def test_a_pin_is_4_to_8_digits(records):
    for bad in ("123", "123456789", "12a4", ""):
        with pytest.raises(InvalidPin):
            PinLock(records).set_pin(bad)


def test_the_right_pin_opens_and_wrong_ones_count_down(records):
    lock = PinLock(records, Clock())
    lock.set_pin("4821")
    assert lock.try_pin("1111").tries_left == MAX_TRIES - 1
    attempt = lock.try_pin("2222")
    assert not attempt.ok and attempt.tries_left == MAX_TRIES - 2
    assert lock.try_pin("4821").ok
    assert lock.try_pin("3333").tries_left == MAX_TRIES - 1  # a success starts the count again


def test_five_wrong_tries_lock_the_pad_for_five_minutes_even_for_the_right_pin(records):
    clock = Clock()
    lock = PinLock(records, clock)
    lock.set_pin("4821")
    for _ in range(MAX_TRIES - 1):
        assert lock.try_pin("0000").locked_for == 0
    attempt = lock.try_pin("0000")
    assert attempt.locked_for == LOCK_SECONDS and attempt.tries_left == 0
    clock.now += LOCK_SECONDS - 1
    assert not lock.try_pin("4821").ok  # still locked, right PIN or not
    clock.now += 1
    assert lock.try_pin("4821").ok


def test_a_restart_does_not_lift_the_lockout(tmp_path):
    clock = Clock()
    records = Records.open(tmp_path).records
    lock = PinLock(records, clock)
    lock.set_pin("4821")
    for _ in range(MAX_TRIES):
        lock.try_pin("0000")
    records.close()
    again = PinLock(Records.open(tmp_path).records, clock)
    assert again.locked_for() == LOCK_SECONDS and not again.try_pin("4821").ok
