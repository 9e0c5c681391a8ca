"""uvicorn's h11 HTTP protocol with a deadline for request headers.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but that timer stops at
the first byte of the next request, and a fresh connection has no timer at all: a client that
sends half a request line and then nothing (a "slowloris") keeps its socket forever. Here every
request's headers, on a new or a kept-alive connection, must be complete within
``header_timeout_s`` of the first chance to send them, or the connection is closed.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class DeadlineH11Protocol(H11Protocol):
    header_timeout_s = 10.0

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()  # between requests, or still inside a request's headers
        else:
            self._disarm()  # headers complete (or upgraded to a websocket): the app takes over

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE:
            self._disarm()  # the keep-alive timer runs until the next byte, then ours again

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout_s, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.logger.info("closing a connection whose request headers did not arrive in %.0f s",
                             self.header_timeout_s)
            self.transport.close()


def protocol_with(header_timeout_s: float) -> type[DeadlineH11Protocol]:
    """The protocol class for uvicorn's ``http=`` option, with this header deadline."""
    return type("DeadlineH11Protocol", (DeadlineH11Protocol,), {"header_timeout_s": header_timeout_s})
