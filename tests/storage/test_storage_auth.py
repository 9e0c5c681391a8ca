"""Pairing codes, device tokens and revocation, with the reasons a refusal gives."""

from __future__ import annotations

import hashlib
import re

import pytest

from assistant.errors import AuthError
from assistant.storage.auth import CODE_DIGITS, DeviceAuth, normalise_code
from assistant.storage.db import Database


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def auth(db: Database, clock: Clock) -> DeviceAuth:
    return DeviceAuth(db, clock=clock)


def test_pair_redeem_authenticate(auth: DeviceAuth, clock: Clock) -> None:
    code = auth.create_pairing_code("奶奶的手机", "奶奶")
    assert re.fullmatch(rf"\d{{{CODE_DIGITS}}}", code.code)
    assert code.spoken == f"{code.code[:4]} {code.code[4:8]} {code.code[8:]}"
    assert code.link("https://192.168.1.5:8765/") == f"https://192.168.1.5:8765/#pair={code.code}"
    assert code.expires_at == clock.now + 600

    clock.now += 30
    issued = auth.redeem(code.spoken, "Android Chrome")  # spaces as read aloud are fine
    assert len(issued.token) >= 43  # token_urlsafe(32)
    assert issued.device.name == "奶奶的手机" and issued.device.user.name == "奶奶"

    clock.now += 3600
    device = auth.authenticate(issued.token)
    assert device is not None and device.id == issued.device.id
    assert [d.last_seen_at for d in auth.list_devices()] == [clock.now]

    # a second device for the same user; an unnamed code takes the device's own name
    other = auth.redeem(auth.create_pairing_code("", "奶奶").code, "  Pixel   7 ")
    assert other.device.name == "Pixel 7" and other.device.user.id == device.user.id
    assert other.token != issued.token
    assert [d.name for d in auth.list_devices()] == ["奶奶的手机", "Pixel 7"]


def test_expired_code_is_refused(auth: DeviceAuth, clock: Clock) -> None:
    code = auth.create_pairing_code("爷爷的平板", "爷爷", ttl_s=60)
    clock.now += 61
    with pytest.raises(AuthError, match="expired") as info:
        auth.redeem(code.code)
    assert info.value.code == "expired_code"
    assert auth.list_devices() == []


def test_used_code_is_refused(auth: DeviceAuth) -> None:
    code = auth.create_pairing_code("手机", "奶奶")
    auth.redeem(code.code)
    with pytest.raises(AuthError, match="already used") as info:
        auth.redeem(code.code)
    assert info.value.code == "used_code"
    assert len(auth.list_devices()) == 1


def test_unknown_code_is_refused(auth: DeviceAuth) -> None:
    code = auth.create_pairing_code("手机", "奶奶")
    wrong = f"{(int(code.code) + 1) % 10**CODE_DIGITS:0{CODE_DIGITS}d}"
    for bad in (wrong, "123", "", "abcd-efgh"):
        with pytest.raises(AuthError, match="unknown pairing code") as info:
            auth.redeem(bad)
        assert info.value.code == "unknown_code"
    auth.redeem(code.code)  # the right code still works after a few misses


def test_guessing_is_rate_limited(db: Database, clock: Clock) -> None:
    auth = DeviceAuth(db, clock=clock, max_failures=5, failure_window_s=600)
    code = auth.create_pairing_code("手机", "奶奶", ttl_s=3600)
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.redeem("00000000" if code.code != "00000000" else "11111111")
    with pytest.raises(AuthError, match="too many") as info:
        auth.redeem(code.code)  # even the right code, while locked: the guesser learns nothing
    assert info.value.code == "too_many_attempts"
    clock.now += 601
    assert auth.redeem(code.code).device.name == "手机"


def test_a_guesser_does_not_block_other_clients(db: Database, clock: Clock) -> None:
    """Failures count per client address and per code: another phone still pairs at once."""
    auth = DeviceAuth(db, clock=clock, max_failures=5, failure_window_s=600)
    code = auth.create_pairing_code("手机", "奶奶", ttl_s=3600)
    for n in range(50):
        with pytest.raises(AuthError):
            auth.redeem(f"{n:0{CODE_DIGITS}d}", client="203.0.113.9")
    with pytest.raises(AuthError) as info:
        auth.redeem(code.code, client="203.0.113.9")  # the guesser stays locked, even with a right code
    assert info.value.code == "too_many_attempts"
    assert auth.redeem(code.code, client="198.51.100.7").device.name == "手机"


def test_one_code_retried_from_many_addresses_is_locked(db: Database, clock: Clock) -> None:
    auth = DeviceAuth(db, clock=clock, max_failures=5, failure_window_s=600)
    wrong = "0" * CODE_DIGITS
    for n in range(5):
        with pytest.raises(AuthError, match="unknown"):
            auth.redeem(wrong, client=f"10.0.0.{n}")
    with pytest.raises(AuthError) as info:
        auth.redeem(wrong, client="10.0.0.99")
    assert info.value.code == "too_many_attempts"


def test_failures_are_kept_in_the_database_and_pruned(db: Database, clock: Clock) -> None:
    """Counted in the database: a restarted server (or another gateway) sees them; old ones go."""
    auth = DeviceAuth(db, clock=clock, max_failures=3, failure_window_s=100)
    for n in range(300):
        with pytest.raises(AuthError):
            auth.redeem(f"{n:0{CODE_DIGITS}d}", client=f"10.0.{n // 250}.{n % 250}")
        clock.now += 1
    with db.read() as conn:
        rows = conn.execute("SELECT COUNT(*) FROM rate_events").fetchone()[0]
        stored = " ".join(str(r[0]) for r in conn.execute("SELECT key FROM rate_events"))
    assert rows <= 2 * 101  # two keys per failure, only the last window's
    assert f"{299:0{CODE_DIGITS}d}" not in stored  # codes are hashed
    again = DeviceAuth(db, clock=clock, max_failures=3, failure_window_s=600)
    for _ in range(3):
        with pytest.raises(AuthError):
            again.redeem("1" * CODE_DIGITS, client="203.0.113.1")
    with pytest.raises(AuthError) as info:
        DeviceAuth(db, clock=clock, max_failures=3, failure_window_s=600).redeem("2" * CODE_DIGITS,
                                                                                client="203.0.113.1")
    assert info.value.code == "too_many_attempts"


def test_wrong_missing_and_revoked_tokens(auth: DeviceAuth, clock: Clock) -> None:
    issued = auth.redeem(auth.create_pairing_code("手机", "奶奶").code)
    for bad, reason in ((issued.token + "x", "unknown_token"), ("", "missing_token"), (None, "missing_token"),
                        ("a" * 10_000, "unknown_token")):
        with pytest.raises(AuthError) as info:
            auth.verify(bad)
        assert info.value.code == reason
        assert auth.authenticate(bad) is None

    clock.now += 10
    revoked = auth.revoke(issued.device.id)
    assert revoked is not None and revoked.revoked and revoked.revoked_at == clock.now
    with pytest.raises(AuthError, match="revoked") as info:
        auth.verify(issued.token)
    assert info.value.code == "revoked"
    assert auth.authenticate(issued.token) is None
    clock.now += 10
    assert auth.revoke(issued.device.id).revoked_at == revoked.revoked_at  # type: ignore[union-attr]
    assert auth.revoke(9999) is None
    assert auth.list_devices(include_revoked=False) == []


def test_secrets_are_not_stored_in_plain_text(auth: DeviceAuth, db: Database) -> None:
    code = auth.create_pairing_code("手机", "奶奶")
    issued = auth.redeem(code.code)
    tokens = [issued.token, auth.redeem(auth.create_pairing_code("平板", "奶奶").code).token]
    with db.read() as conn:
        stored = [row[0] for row in conn.execute("SELECT token_hash FROM devices ORDER BY id")]
        code_hashes = [row[0] for row in conn.execute("SELECT code_hash FROM pairing_codes ORDER BY id")]
    assert stored == [hashlib.sha256(t.encode()).hexdigest() for t in tokens]
    assert code_hashes[0] == hashlib.sha256(code.code.encode()).hexdigest()
    if db.dialect.name != "sqlite":
        return  # the rest reads the SQLite files
    raw = b"".join(p.read_bytes() for p in db.path.parent.glob(db.path.name + "*"))
    assert len(raw) > 4096
    for token in tokens:
        assert token.encode() not in raw
    db.close()  # the last close checkpoints the WAL into the main file
    raw = db.path.read_bytes()
    assert all(token.encode() not in raw for token in tokens)


def test_pairing_works_across_connections(db_url: str) -> None:
    """`assistant pair` (its own process and connection) makes a code the running server redeems."""
    with Database(db_url) as server_db, Database(db_url) as cli_db:
        code = DeviceAuth(cli_db).create_pairing_code("手机", "奶奶")
        issued = DeviceAuth(server_db).redeem(code.code)
        assert DeviceAuth(cli_db).revoke(issued.device.id) is not None
        assert DeviceAuth(server_db).authenticate(issued.token) is None


def test_normalise_code() -> None:
    assert normalise_code(" 1234-5678 ") == "12345678"
    assert normalise_code("１２３４ ５６７８") == "12345678"  # full-width digits from a Chinese IME
    assert normalise_code("code=12") == "12"


def test_bad_pairing_arguments(auth: DeviceAuth) -> None:
    with pytest.raises(ValueError, match="ttl_s"):
        auth.create_pairing_code("手机", "奶奶", ttl_s=1)
    with pytest.raises(ValueError, match="name"):
        auth.create_pairing_code("x" * 65, "奶奶")
    with pytest.raises(ValueError, match="user needs a name"):
        auth.create_pairing_code("手机", "  ")
    long_name = auth.redeem(auth.create_pairing_code("", "奶奶").code, "y" * 500)
    assert long_name.device.name == "y" * 64
