"""The command functions behind `assistant pair`, `assistant devices` and `assistant export`."""

from __future__ import annotations

import io
import json
import re
import stat
from pathlib import Path

from assistant.storage.auth import DeviceAuth
from assistant.storage.cli import cmd_devices_list, cmd_devices_revoke, cmd_export, cmd_pair
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord


def test_pair_prints_code_link_and_qr(db: Database) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cmd_pair(db, "奶奶的手机", "奶奶", "https://192.168.1.5:8765", out=out, err=err) == 0
    text = out.getvalue()
    match = re.search(r"https://192\.168\.1\.5:8765/#pair=(\d{12})", text)
    assert match is not None, text
    code = match.group(1)
    assert f"{code[:4]} {code[4:8]} {code[8:]}" in text and "配对码" in text
    qr_lines = [line for line in text.splitlines() if "█" in line or "▀" in line or "▄" in line]
    assert len(qr_lines) >= 12  # a drawn QR code (version >= 2 at two rows per line)
    assert err.getvalue() == ""
    issued = DeviceAuth(db).redeem(code)
    assert issued.device.name == "奶奶的手机" and issued.device.user.name == "奶奶"


def test_pair_refuses_bad_arguments(db: Database) -> None:
    err = io.StringIO()
    assert cmd_pair(db, "手机", "奶奶", "192.168.1.5:8765", out=io.StringIO(), err=err) == 2
    assert "public URL" in err.getvalue()
    assert cmd_pair(db, "手机", " ", "https://h", out=io.StringIO(), err=io.StringIO()) == 2
    err = io.StringIO()
    assert cmd_pair(db, "手机", "奶奶", "http://192.168.1.5:8765", out=io.StringIO(), err=err) == 0
    assert "https" in err.getvalue()  # a warning: phones need https for the microphone


def test_devices_list_and_revoke(db: Database) -> None:
    out = io.StringIO()
    assert cmd_devices_list(db, out=out) == 0 and "No paired devices" in out.getvalue()
    auth = DeviceAuth(db)
    issued = auth.redeem(auth.create_pairing_code("奶奶的手机", "奶奶").code)

    out = io.StringIO()
    assert cmd_devices_list(db, out=out) == 0
    row = rf"^\s+{issued.device.id}\s+奶奶的手机\s+奶奶\s.*active$"
    assert re.search(row, out.getvalue(), re.M), out.getvalue()

    out = io.StringIO()
    assert cmd_devices_revoke(db, issued.device.id, out=out) == 0
    assert "Revoked device" in out.getvalue()
    assert auth.authenticate(issued.token) is None
    out = io.StringIO()
    cmd_devices_list(db, out=out)
    assert "revoked" in out.getvalue()

    err = io.StringIO()
    assert cmd_devices_revoke(db, 4242, out=io.StringIO(), err=err) == 1
    assert "no device with id 4242" in err.getvalue()


def test_export_to_file_and_stdout(db: Database, tmp_path: Path) -> None:
    user = db.ensure_user("奶奶")
    History(db).record_turn(TurnRecord(user_id=user.id, session_id="s", source="text", started_at=1.0,
                                       finished_at=2.0, user_text="你好", assistant_text="您好！"))
    target = tmp_path / "out" / "奶奶.json"
    target.parent.mkdir()
    assert cmd_export(db, "奶奶", target, out=io.StringIO()) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["user"]["name"] == "奶奶" and data["turns"][0]["assistant_text"] == "您好！"
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind

    out = io.StringIO()
    assert cmd_export(db, str(user.id), "-", out=out) == 0  # by id, to stdout
    assert json.loads(out.getvalue())["turns"] == data["turns"]
    out = io.StringIO()
    assert cmd_export(db, "奶奶", None, out=out) == 0
    assert json.loads(out.getvalue())["user"] == data["user"]

    err = io.StringIO()
    assert cmd_export(db, "nobody", target, out=io.StringIO(), err=err) == 1
    assert "奶奶" in err.getvalue()  # lists the users there are
