"""The staff PIN: stored only as a salted scrypt hash; five wrong tries lock the pad.

The hash, the count of wrong tries and the end of a lockout live in the
records' settings, so restarting the kiosk neither forgets the PIN nor lifts a
lockout. Times are wall-clock seconds (time.time), for the same reason.

The PIN holds whatever else fails: when the records cannot be opened (a newer
kiosk's database, a locked file, a full or read-only disk), `KeptSettings` reads
the hash from the file read-only and counts wrong tries in memory; a file whose
settings cannot be read at all is taken to have a PIN that no one can type, so
the staff screen stays shut and the log says why (IT repairs it from the terminal).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .store import Records, RecordsError, refuse_not_regular

log = logging.getLogger("kiosk.records")

PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
"""4 to 8 digits: what the pad can type."""
MAX_TRIES = 5
LOCK_SECONDS = 5 * 60
# scrypt cost: n=2**14, r=8, p=1 (16 MiB, ~50 ms): the interactive-login setting of the scrypt paper.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
SALT_BYTES = 16
HASH_KEY, FAILURES_KEY, LOCKED_UNTIL_KEY = "pin_hash", "pin_failures", "pin_locked_until"
UNREADABLE = "unreadable"
"""The hash of a PIN that exists but cannot be read: nothing matches it."""


class KeptSettings:
    """The PIN's settings of a database the kiosk could not open: read once, read-only; changes stay in memory."""

    def __init__(self, path) -> None:
        self.values: dict[str, str] = {}
        self.readable = True
        try:
            self.values = dict(_read_settings(path))
        except sqlite3.Error as error:
            self.readable = False
            self.values = {HASH_KEY: UNREADABLE}
            log.error("%s: the staff PIN cannot be read (%s); the staff screen stays locked", path, error)

    def setting(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self.values.pop(key, None)
        else:
            self.values[key] = value


def _read_settings(path) -> list:
    """The settings rows, read-only; `immutable` where the disk cannot take SQLite's lock files."""
    try:
        refuse_not_regular(Path(path))  # SQLite would wait on a named pipe for ever
    except RecordsError as error:
        raise sqlite3.DatabaseError(str(error)) from error
    last: sqlite3.Error | None = None
    for mode in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"file:{path}?{mode}", uri=True, timeout=2)
            try:
                return conn.execute("SELECT key, value FROM settings").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as error:
            last = error
    raise last


class InvalidPin(ValueError):
    """A PIN that is not 4 to 8 digits."""


def hash_pin(pin: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """'scrypt$n$r$p$salt$hash' (hex): everything needed to check the PIN later, and not the PIN."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def matches(pin: str, stored: str) -> bool:
    """Does `pin` hash to `stored`? (Compared in constant time.)"""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    again = hash_pin(pin, bytes.fromhex(salt), int(n), int(r), int(p)).split("$")[-1]
    return hmac.compare_digest(again, digest)


@dataclass(frozen=True)
class Attempt:
    """The result of typing a PIN."""

    ok: bool
    tries_left: int
    locked_for: float
    """Seconds until the pad opens again (0 when it is not locked)."""


class PinLock:
    """Checks PINs against the stored hash, counting wrong tries."""

    def __init__(self, records: Records | KeptSettings, clock: Callable[[], float] = time.time) -> None:
        self.records = records
        self.clock = clock
        self.unsaved: dict[str, str | None] = {}
        """Tries and lockouts that could not be written (a full disk): still counted, in memory."""

    @property
    def checkable(self) -> bool:
        """Can a typed PIN be checked at all? (False: the records' file could not be read.)"""
        return self._get(HASH_KEY) != UNREADABLE

    def _get(self, key: str, default: str | None = None) -> str | None:
        if key in self.unsaved:
            return self.unsaved[key] if self.unsaved[key] is not None else default
        return self.records.setting(key, default)

    def _set(self, key: str, value: str | None) -> None:
        try:
            self.records.set_setting(key, value)
        except sqlite3.Error as error:
            log.error("the PIN's count of wrong tries could not be written (%s); it is kept in memory", error)
            self.unsaved[key] = value
            return
        self.unsaved.pop(key, None)

    @property
    def is_set(self) -> bool:
        return self._get(HASH_KEY) is not None

    def set_pin(self, pin: str) -> None:
        if not PIN_PATTERN.match(pin):
            raise InvalidPin("a PIN is 4 to 8 digits")
        self.records.set_setting(HASH_KEY, hash_pin(pin))
        self.records.set_setting(FAILURES_KEY, None)
        self.records.set_setting(LOCKED_UNTIL_KEY, None)

    def locked_for(self) -> float:
        until = float(self._get(LOCKED_UNTIL_KEY, "0"))
        return max(0.0, until - self.clock())

    def try_pin(self, pin: str) -> Attempt:
        locked = self.locked_for()
        if locked > 0:
            return Attempt(False, 0, locked)
        stored = self._get(HASH_KEY)
        if stored is not None and matches(pin, stored):
            self._set(FAILURES_KEY, None)
            return Attempt(True, MAX_TRIES, 0)
        failures = int(self._get(FAILURES_KEY, "0")) + 1
        if failures >= MAX_TRIES:
            self._set(FAILURES_KEY, None)
            self._set(LOCKED_UNTIL_KEY, repr(self.clock() + LOCK_SECONDS))
            return Attempt(False, 0, LOCK_SECONDS)
        self._set(FAILURES_KEY, str(failures))
        return Attempt(False, MAX_TRIES - failures, 0)
