"""Lead PINs: stored only as salted argon2 hashes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Modest cost: a PIN check happens on the station while the lead waits at the line.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_pin(pin: str) -> str:
    return _HASHER.hash(pin)


class Argon2Pins:
    def verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return _HASHER.verify(pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False
