"""Websocket close codes, the one table (docs/protocol.md, "Close codes")."""

from __future__ import annotations

from enum import IntEnum


class CloseCode(IntEnum):
    NORMAL = 1000  # bye, idle timeout, the call ended
    GOING_AWAY = 1001  # the server is shutting down
    POLICY = 1008  # a protocol violation that ends the connection, or a client that stopped reading
    BUSY = 1013  # starting up, or too many sessions: try again later
    UNAUTHORIZED = 4401  # no valid token (or it was revoked), or a bad or used Twilio ticket
    FORBIDDEN = 4403  # the caller is not on the allowlist
