"""Device pairing and bearer tokens. Nobody types a password.

Flow: the admin runs ``assistant pair --user 奶奶 --name 奶奶的手机``, which prints a 12-digit code and a
QR code of ``https://HOST/#pair=123456789012``. The phone's camera opens that link; the web client reads
the code from the fragment (never sent in a URL, so never in access logs), posts it to the server,
which calls :meth:`DeviceAuth.redeem` and hands back a long random token. The client keeps the token
and connects with ``Authorization: Bearer`` (or a websocket subprotocol); the server calls
:meth:`DeviceAuth.verify`.

Refusals raise :class:`AuthError` whose ``code`` names the reason: ``unknown_code``, ``used_code``,
``expired_code``, ``too_many_attempts`` (pairing); ``missing_token``, ``unknown_token``, ``revoked``
(connecting).
"""

from __future__ import annotations

import hashlib
import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from assistant.errors import AuthError
from assistant.storage.db import Database, User
from assistant.storage.shared import RateLog
from assistant.storage.sql import Connection

CODE_DIGITS = 12  # 10^12 codes: guessing one of the few live codes is hopeless even from many addresses
MAX_TOKEN_CHARS = 256
MAX_NAME_CHARS = 64
LAST_SEEN_EVERY_S = 60.0  # write last_seen_at at most this often per device
KEEP_OLD_CODES_S = 86400.0  # dead codes are kept a day so that a late scan hears "expired", not "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Device:
    id: int
    name: str
    user: User
    created_at: float
    last_seen_at: float | None
    revoked_at: float | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class PairingCode:
    code: str  # CODE_DIGITS digits; shown once, only its hash is stored
    name: str  # the name the new device will get ("" lets the device name itself)
    user: User
    expires_at: float

    @property
    def spoken(self) -> str:
        """The code in groups of four, easy to read aloud: ``"1234 5678 9012"``."""
        return " ".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    def link(self, public_url: str) -> str:
        """The QR link: ``https://HOST/#pair=…`` (a fragment, so it never reaches server logs)."""
        return f"{public_url.rstrip('/')}/#pair={self.code}"


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedToken:
    token: str  # give it to the device once; only its hash is stored
    device: Device


def hash_secret(secret: str) -> str:
    """SHA-256 hex digest of a token or pairing code.

    Tokens carry 256 random bits, so a preimage search is hopeless and a fast hash is enough; slow
    KDFs (bcrypt, argon2) protect low-entropy passwords and would only add latency to each connect.
    Pairing codes are low-entropy and their hashes could be reversed offline by someone who can read
    the file; what protects them is their short life, single use and the failed-attempt limit.
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    """Keep the digits of a typed or scanned code: spaces, dashes and full-width digits are fine."""
    digits = (unicodedata.decimal(ch, None) for ch in code)
    return "".join(str(d) for d in digits if d is not None)


class DeviceAuth:
    """Pairing codes, device tokens and revocation, over a :class:`Database`.

    Thread-safe. ``clock`` is injectable for tests. Failed redemptions are counted per client address
    and per submitted code: after ``max_failures`` of either within ``failure_window_s``, that address
    (or that code) is refused (``too_many_attempts``) until the window slides. Nobody else is: a
    guesser cannot block another phone's pairing. With 10^12 codes, 20 tries per address per 10
    minutes and codes that live 10 minutes, even 10,000 addresses guess a live code with odds of
    about one in five million.
    """

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], float] = time.time,
        max_failures: int = 20,
        failure_window_s: float = 600.0,
    ) -> None:
        self.db = db
        self._clock = clock
        self._max_failures = max_failures
        self._window_s = failure_window_s
        # in the database, so that every gateway (and a restarted one) counts the same failures
        self._failures = RateLog(db, "pair_fail", limit=max_failures, window_s=failure_window_s, clock=clock)

    # ---- pairing ---------------------------------------------------------------------------------
    def create_pairing_code(self, name: str, user: str, ttl_s: float = 600.0, *,
                            language: str = "zh") -> PairingCode:
        """A one-time code that pairs a device for ``user`` (created with ``language`` if new)."""
        name = _clean_name(name)
        if not 10.0 <= ttl_s <= 7 * 86400.0:
            raise ValueError("ttl_s must be between 10 seconds and 7 days")
        owner = self.db.ensure_user(user, language=language)
        now = self._clock()
        with self.db.write() as conn:
            conn.execute("DELETE FROM pairing_codes WHERE expires_at < ?", (now - KEEP_OLD_CODES_S,))
            while True:  # never hand out a code that is live twice
                code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
                live = conn.execute(
                    "SELECT 1 FROM pairing_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                    (hash_secret(code), now),
                ).fetchone()
                if live is None:
                    break
            conn.execute(
                "INSERT INTO pairing_codes (code_hash, user_id, name, created_at, expires_at) VALUES (?, ?, "
                "?, ?, ?)",
                (hash_secret(code), owner.id, name, now, now + ttl_s),
            )
        return PairingCode(code=code, name=name, user=owner, expires_at=now + ttl_s)

    def redeem(self, code: str, device_name: str = "", *, client: str = "") -> IssuedToken:
        """Spend a pairing code; returns the new device and its token (shown only this once).

        ``client`` is the caller's address (failed attempts are counted per address). The device is
        named after the code's name when the admin gave one, else ``device_name``. Raises AuthError
        ``too_many_attempts``, ``unknown_code``, ``used_code`` or ``expired_code``.
        """
        now = self._clock()
        digits = normalise_code(code)
        keys = (f"client:{client}", f"code:{hash_secret(digits)}")
        if any(self._failures.blocked(key, now) for key in keys):
            raise AuthError("too many wrong pairing codes; wait a few minutes and scan a new code",
                            code="too_many_attempts")
        try:
            # device_name comes from the client: shorten it rather than refuse it
            return self._redeem(digits, " ".join(device_name.split())[:MAX_NAME_CHARS], now)
        except AuthError:
            self._failures.add(*keys, now=now)
            raise

    def _redeem(self, code: str, device_name: str, now: float) -> IssuedToken:
        if len(code) != CODE_DIGITS:
            raise AuthError("unknown pairing code", code="unknown_code")
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            row = conn.execute(
                "SELECT id, user_id, name, expires_at, used_at FROM pairing_codes WHERE code_hash = ?"
                " ORDER BY id DESC LIMIT 1",
                (hash_secret(code),),
            ).fetchone()
            if row is None:
                raise AuthError("unknown pairing code", code="unknown_code")
            if row["used_at"] is not None:
                raise AuthError("this pairing code was already used; make a new one", code="used_code")
            if now >= row["expires_at"]:
                raise AuthError("expired pairing code; make a new one", code="expired_code")
            name = row["name"] or device_name or "device"
            device_id = conn.execute(
                "INSERT INTO devices (user_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, "
                "?, ?)",
                (row["user_id"], name, hash_secret(token), now, now),
            ).lastrowid
            conn.execute("UPDATE pairing_codes SET used_at = ?, device_id = ? WHERE id = ?",
                         (now, device_id, row["id"]))
            device = _device(conn, "devices.id = ?", (device_id,))
        assert device is not None
        return IssuedToken(token=token, device=device)

    # ---- tokens ----------------------------------------------------------------------------------
    def verify(self, token: str | None) -> Device:
        """The device holding ``token``; raises AuthError ``missing_token``, ``unknown_token`` or ``revoked``.

        The lookup is by SHA-256 of the token: timing can only reveal bits of a hash, not the token.
        """
        if not token:
            raise AuthError("no token: pair this device first", code="missing_token")
        if len(token) > MAX_TOKEN_CHARS:
            raise AuthError("unknown token", code="unknown_token")
        digest = hash_secret(token)
        with self.db.read() as conn:
            device = _device(conn, "devices.token_hash = ?", (digest,))
        if device is None:
            raise AuthError("unknown token", code="unknown_token")
        if device.revoked:
            raise AuthError("this device was revoked; pair it again", code="revoked")
        now = self._clock()
        if device.last_seen_at is None or now - device.last_seen_at >= LAST_SEEN_EVERY_S:
            with self.db.write() as conn:
                conn.execute("UPDATE devices SET last_seen_at = ? WHERE id = ?", (now, device.id))
        return device

    def authenticate(self, token: str | None) -> Device | None:
        """Like :meth:`verify`, but ``None`` instead of an AuthError."""
        try:
            return self.verify(token)
        except AuthError:
            return None

    def revoke(self, device_id: int) -> Device | None:
        """Revoke a device at once (idempotent: the first revocation time is kept); None if unknown.

        Live connections of the device are closed by the server within a few seconds (it checks
        their token again every ``RECHECK_TOKEN_S``, see assistant/server/ws.py).
        """
        with self.db.write() as conn:
            conn.execute("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                         (self._clock(), device_id))
            return _device(conn, "devices.id = ?", (device_id,))

    def list_devices(self, *, include_revoked: bool = True) -> list[Device]:
        where = "1 = 1" if include_revoked else "devices.revoked_at IS NULL"
        with self.db.read() as conn:
            return _devices(conn, where, ())


_DEVICE_SELECT = (
    "SELECT devices.id, devices.name, devices.created_at, devices.last_seen_at, devices.revoked_at,"
    " users.id AS u_id, users.name AS u_name, users.language AS u_language, users.created_at AS u_created_at"
    " FROM devices JOIN users ON users.id = devices.user_id WHERE "
)


def _devices(conn: Connection, where: str, params: tuple[object, ...]) -> list[Device]:
    rows = conn.execute(_DEVICE_SELECT + where + " ORDER BY devices.id", params).fetchall()
    return [
        Device(
            id=r["id"], name=r["name"], created_at=r["created_at"], last_seen_at=r["last_seen_at"],
            revoked_at=r["revoked_at"],
            user=User(id=r["u_id"], name=r["u_name"], language=r["u_language"], created_at=r["u_created_at"]),
        )
        for r in rows
    ]


def _device(conn: Connection, where: str, params: tuple[object, ...]) -> Device | None:
    found = _devices(conn, where, params)
    return found[0] if found else None


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"a device name has at most {MAX_NAME_CHARS} characters")
    return name
