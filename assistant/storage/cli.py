"""Command functions for ``assistant pair``, ``assistant devices …`` and ``assistant export``.

Each returns a process exit status (0 ok, 1 refused / not found, 2 bad arguments) and writes to
``out`` (stdout by default), error messages to ``err`` (stderr by default).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import qrcode

from assistant.storage.auth import Device, DeviceAuth
from assistant.storage.db import Database, User
from assistant.storage.history import History
from assistant.storage.household import Households

OWNER_LINK_TTL_S = 86400.0


def cmd_pair(
    db: Database,
    name: str,
    user: str,
    public_url: str,
    *,
    ttl_s: float = 600.0,
    language: str = "zh",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print a one-time pairing code, its link ``<public_url>/#pair=…`` and the link as a QR code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        print(f"error: the public URL must look like https://HOST:PORT, not {public_url!r}", file=err)
        return 2
    if not user.strip():
        print("error: say whose device this is (--user)", file=err)
        return 2
    try:
        code = DeviceAuth(db).create_pairing_code(name, user, ttl_s, language=language)
    except ValueError as exc:
        print(f"error: {exc}", file=err)
        return 2
    link = code.link(public_url)
    minutes = max(1, round(ttl_s / 60))
    print(f"Pairing code for {code.user.name}: {code.spoken}   (valid {minutes} min, once)", file=out)
    print(f"配对码：{code.spoken}（{minutes} 分钟内有效，只能用一次）", file=out)
    print(f"Scan with the phone's camera, or open: {link}", file=out)
    if parts.scheme == "http" and parts.hostname not in ("localhost", "127.0.0.1", "::1"):
        print("warning: phones only allow the microphone and camera on https pages", file=err)
    print(_qr_text(link, tty=out.isatty()), file=out)
    return 0


def cmd_pair_owner(db: Database, public_url: str, *, ttl_s: float = OWNER_LINK_TTL_S,
                   out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print a one-time link (and QR code) that makes a phone the household owner's device.

    The owner is created on first use. Earlier owner links stay valid until used or expired.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parts = urlsplit(public_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        print(f"error: the public URL must look like https://HOST:PORT, not {public_url!r}", file=err)
        return 2
    homes = Households(db)
    owner = homes.ensure_owner()
    code = DeviceAuth(db).create_pairing_code("", homes.user_name(owner.user_id), ttl_s)
    link = code.link(public_url)
    hours = max(1, round(ttl_s / 3600))
    print(f"Owner link (valid {hours} h, once): open it on the family owner's phone: {link}", file=out)
    print(f"管理员链接（{hours} 小时内有效，只能用一次）：用家人的手机扫码或打开，"
          "这部手机就成为管理员的设备。", file=out)
    print(_qr_text(link, tty=out.isatty()), file=out)
    return 0


def cmd_devices_list(db: Database, *, out: TextIO | None = None) -> int:
    """Print every paired device (revoked ones too) as a table."""
    out = out or sys.stdout
    devices = DeviceAuth(db).list_devices()
    if not devices:
        print("No paired devices. Pair one with: assistant pair --user NAME", file=out)
        return 0
    print(f"{'id':>4}  {'name':<20} {'user':<12} {'paired':<16} {'last seen':<16} status", file=out)
    for d in devices:
        print(f"{d.id:>4}  {d.name:<20} {d.user.name:<12} {_when(d.created_at):<16} "
              f"{_when(d.last_seen_at):<16} {_status(d)}", file=out)
    return 0


def cmd_devices_revoke(db: Database, device_id: int, *, out: TextIO | None = None,
                       err: TextIO | None = None) -> int:
    """Revoke one device; its token stops working at once; live connections close within seconds."""
    out = out or sys.stdout
    err = err or sys.stderr
    device = DeviceAuth(db).revoke(device_id)
    if device is None:
        print(f"error: no device with id {device_id} (see: assistant devices list)", file=err)
        return 1
    print(f"Revoked device {device.id} ({device.name}, {device.user.name}) at {_when(device.revoked_at)}",
          file=out)
    return 0


def cmd_export(db: Database, user: str, out_path: str | Path | None, *, out: TextIO | None = None,
               err: TextIO | None = None) -> int:
    """Write everything stored about ``user`` (a name, or a numeric id) as JSON; None or ``-``: stdout.

    The file is written owner-only (0600) and atomically (a temporary file renamed into place).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    found = _find_user(db, user)
    if found is None:
        print(f"error: no user {user!r}; users: {', '.join(u.name for u in db.list_users()) or 'none'}",
              file=err)
        return 1
    text = json.dumps(History(db).export_user(found.id), ensure_ascii=False, indent=2) + "\n"
    if out_path is None or str(out_path) == "-":
        out.write(text)
        return 0
    path = Path(out_path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        print(f"error: cannot write {path}: {exc}", file=err)
        return 1
    print(f"Exported {found.name}'s history to {path}", file=out)
    return 0


def _find_user(db: Database, user: str) -> User | None:
    found = db.find_user(user)
    if found is None and user.strip().isdigit():
        found = db.get_user(int(user))
    return found


def _qr_text(data: str, *, tty: bool) -> str:
    """The QR code drawn with block characters.

    On a terminal, ANSI colours force black-on-white whatever the theme; in a file or pipe the
    modules are inverted, which suits the usual light-text-on-dark terminal.
    """
    qr = qrcode.QRCode(border=2)
    qr.add_data(data)
    qr.make(fit=True)
    buf = _TtyBuffer() if tty else io.StringIO()
    qr.print_ascii(out=buf, tty=tty, invert=True)
    return buf.getvalue()


class _TtyBuffer(io.StringIO):
    """Collects print_ascii's coloured output (it insists on a terminal when tty=True)."""

    def isatty(self) -> bool:
        return True


def _when(t: float | None) -> str:
    return "-" if t is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def _status(device: Device) -> str:
    return f"revoked {_when(device.revoked_at)}" if device.revoked else "active"


def cmd_user_settings(db: Database, user: str, key: str = "", value: str | None = None, *,
                      out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Show a user's settings, or set one (``city``, ``timezone``); an empty value removes it."""
    from assistant.storage.profile import USER_KEYS, UserSettings

    out = out or sys.stdout
    err = err or sys.stderr
    if not user.strip():
        print("error: say whose settings (--user)", file=err)
        return 2
    found = db.ensure_user(user)  # the server creates users the same way on first use
    settings = UserSettings(db)
    if key and key not in USER_KEYS:
        print(f"error: unknown setting {key!r} (known: {', '.join(USER_KEYS)})", file=err)
        return 2
    if key and value is not None:
        if key == "timezone" and value:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(value)
            except (ValueError, KeyError, OSError):
                print(f"error: {value!r} is not an IANA time zone (e.g. Asia/Shanghai)", file=err)
                return 2
        if value:
            settings.set(found.id, key, value)
        else:
            settings.delete(found.id, key)
    for name in (key,) if key else USER_KEYS:
        print(f"{name} = {settings.get(found.id, name, '')}", file=out)
    return 0
