"""Per-user settings (city, time zone), the session user key → user id, and ``assistant user-settings``."""

from __future__ import annotations

import io

import pytest

from assistant.storage.cli import cmd_user_settings
from assistant.storage.db import Database
from assistant.storage.profile import UserSettings, resolve_user_id


def test_user_settings_round_trip_and_user_keys(db_url: str) -> None:
    with Database(db_url) as db:
        tester = db.ensure_user("tester")
        assert resolve_user_id(db, str(tester.id)) == tester.id
        assert resolve_user_id(db, "") == db.ensure_user("default").id
        caller = resolve_user_id(db, "phone:+8613800000000")
        assert db.get_user(caller) is not None and resolve_user_id(db, "phone:+8613800000000") == caller
        settings = UserSettings(db)
        settings.set(tester.id, "city", "北京")
        assert settings.get(tester.id, "city") == "北京" and settings.get(caller, "city", "") == ""
        with pytest.raises(ValueError):
            settings.set(tester.id, "password", "x")


def test_user_settings_command(db_url: str) -> None:
    with Database(db_url) as db:
        out, err = io.StringIO(), io.StringIO()
        assert cmd_user_settings(db, "奶奶", "city", "上海", out=out, err=err) == 0
        assert out.getvalue() == "city = 上海\n"
        assert cmd_user_settings(db, "奶奶", "timezone", "Mars/Olympus", out=out, err=err) == 2
        assert "IANA" in err.getvalue()
        assert cmd_user_settings(db, "奶奶", "colour", "red", out=out, err=err) == 2
        assert cmd_user_settings(db, "奶奶", "city", "", out=io.StringIO(), err=err) == 0
        user = db.find_user("奶奶")
        assert user is not None and UserSettings(db).get(user.id, "city") is None
