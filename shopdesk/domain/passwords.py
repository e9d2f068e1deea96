"""Password hashing with scrypt (memory-hard). Passwords are never stored or logged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from shopdesk.i18n import _

_N, _R, _P = 2**14, 8, 1
MIN_LENGTH = 6


def hash_password(password: str) -> str:
    """A self-describing scrypt hash of ``password`` with a fresh random salt."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=int(n), r=int(r), p=int(p),
                            dklen=len(expected))
    return hmac.compare_digest(digest, expected)


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable as a new password, or ``None``."""
    if len(password) < MIN_LENGTH:
        return _("A password needs at least {count} characters.").format(count=MIN_LENGTH)
    return None
