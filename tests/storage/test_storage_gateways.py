"""Two gateways on one database (two connections, used from threads at once) agree on everything
they must: pairing codes, revocations, rate limits, Twilio stream claims, timed jobs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from assistant.errors import AuthError
from assistant.storage.auth import CODE_DIGITS, DeviceAuth, IssuedToken
from assistant.storage.calls import UsedCalls
from assistant.storage.db import Database
from assistant.storage.shared import JobClaims, RateLog

T = TypeVar("T")


@pytest.fixture
def gateways(db_url: str) -> Iterator[tuple[Database, Database]]:
    with Database(db_url) as a, Database(db_url) as b:
        yield a, b


def _at_once(*calls: Callable[[], T]) -> list[T | Exception]:
    """Run the calls in threads released together; each one's result, or the exception it raised."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T | Exception:
        barrier.wait()
        try:
            return call()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_a_code_pairs_once_whichever_gateway_gets_it(gateways: tuple[Database, Database]) -> None:
    a, b = gateways
    for n in range(8):
        code = DeviceAuth(a).create_pairing_code(f"手机{n}", "奶奶").code
        results = _at_once(*(lambda db=db, c=code: DeviceAuth(db).redeem(c) for db in (a, b)))
        won = [r for r in results if isinstance(r, IssuedToken)]
        lost = [r for r in results if isinstance(r, AuthError)]
        assert len(won) == 1 and len(lost) == 1, results
        assert lost[0].code == "used_code"
    assert len(DeviceAuth(b).list_devices()) == 8


def test_a_revocation_on_one_gateway_refuses_the_token_on_the_other(
        gateways: tuple[Database, Database]) -> None:
    a, b = gateways
    issued = DeviceAuth(a).redeem(DeviceAuth(a).create_pairing_code("手机", "奶奶").code)
    assert DeviceAuth(b).verify(issued.token).id == issued.device.id
    DeviceAuth(a).revoke(issued.device.id)
    with pytest.raises(AuthError) as info:
        DeviceAuth(b).verify(issued.token)  # what gateway B's periodic re-check of a live session calls
    assert info.value.code == "revoked"


def test_pairing_failures_add_up_across_gateways(gateways: tuple[Database, Database]) -> None:
    on_a, on_b = (DeviceAuth(db, max_failures=4, failure_window_s=600) for db in gateways)
    code = on_a.create_pairing_code("手机", "奶奶").code
    for n, auth in enumerate((on_a, on_b, on_a, on_b)):  # a guesser spread over two gateways
        with pytest.raises(AuthError, match="unknown"):
            auth.redeem(f"{n:0{CODE_DIGITS}d}", client="203.0.113.9")
    for auth in (on_a, on_b):
        with pytest.raises(AuthError) as info:
            auth.redeem(code, client="203.0.113.9")
        assert info.value.code == "too_many_attempts"
    assert on_b.redeem(code, client="198.51.100.7").device.name == "手机"  # others are not blocked


def test_a_rate_limit_is_exact_across_gateways(gateways: tuple[Database, Database]) -> None:
    limits = [RateLog(db, "pair_link", limit=10, window_s=600) for db in gateways]
    results = _at_once(*(lambda n=n: limits[n % 2].hit("198.51.100.7") for n in range(24)))
    assert results.count(True) == 10 and results.count(False) == 14
    assert limits[0].count("198.51.100.7") == 10 and limits[1].hit("192.0.2.1")


def test_a_call_and_a_job_are_claimed_once(gateways: tuple[Database, Database]) -> None:
    a, b = gateways
    calls = _at_once(*(lambda db=db: UsedCalls(db).claim("CA42") for db in (a, b, a, b)))
    assert sorted(calls, key=str) == [False, False, False, True]
    day = "2026-11-30"
    jobs = _at_once(*(lambda db=db, n=n: JobClaims(db, owner=f"gw{n}").claim("evening_summaries", day)
                      for n, db in enumerate((a, b, a, b))))
    assert jobs.count(True) == 1 and jobs.count(False) == 3
    assert JobClaims(a).holder("evening_summaries", day) == f"gw{jobs.index(True)}"
    assert JobClaims(b).claim("evening_summaries", "2026-12-01")  # the next day is a new slot
