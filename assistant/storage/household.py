"""Households and their members: elders (who talk to the assistant) and family (who look after them).

Every user belongs to exactly one household through a ``members`` row; a database trigger puts any
user created elsewhere (``assistant pair --user``, a phone caller) into the first household as an
elder, so the invariant holds whatever code created the user. One family member per household is
its owner. Devices, turns and messages belong to a household through their user.

Every method that takes a ``household_id`` only ever sees that household's rows: an ID from another
household behaves exactly like an ID that does not exist (``StorageError`` code ``unknown_member``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Literal

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.sql import Connection, Dialect, Row

Role = Literal["elder", "family"]
OWNER_NAME = "管理员"  # the owner's name until they change it


@dataclass(frozen=True, slots=True, kw_only=True)
class ElderProfile:
    """What the family sets for an elder (also the defaults for a new one)."""

    display_name: str
    address: str = ""  # how the assistant addresses them, e.g. "王奶奶"
    language: str = "zh"
    city: str = ""  # for the weather tool
    speed: float = 1.0  # speaking speed, 0.5..2.0 (1.0: the server's default)
    volume: float = 1.0  # playback gain on the elder's own phone, 0.2..2.0
    phones: tuple[str, ...] = ()  # a call from one of these numbers is this elder
    words: tuple[str, ...] = ()  # names, medicines, places the ASR should expect


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    user_id: int
    household_id: int
    role: Role
    owner: bool
    display_name: str
    relation: str  # for family: "女儿", "儿子" … (how the elder knows them)
    created_at: float
    profile: ElderProfile = field(default_factory=lambda: ElderProfile(display_name=""))

    @property
    def is_family(self) -> bool:
        return self.role == "family"

    @property
    def spoken_name(self) -> str:
        """How the assistant names this member aloud: the 称呼, else the name; "" for a user known only
        by an internal key ("local" with ``--open``, "default", "phone:+86…"), which is never said."""
        if self.profile.address:
            return self.profile.address
        internal = self.display_name in ("local", "default") or ":" in self.display_name
        return "" if internal else self.display_name

    @property
    def named(self) -> str:
        """How the family reads this member's name: the 称呼 or name, else the internal key."""
        return self.spoken_name or self.display_name


# The city is the one the weather tool uses (user_settings, also set by voice), else the member's.
def _select(dialect: Dialect) -> str:
    return (
        "SELECT m.*, u.language AS language,"
        f" COALESCE((SELECT {dialect.json_scalar('s.value')} FROM user_settings s"
        "           WHERE s.user_id = m.user_id AND s.key = 'city'), m.city) AS city_now,"
        f" (SELECT {dialect.json_array_agg('number')} FROM phone_numbers p WHERE p.user_id = m.user_id)"
        " AS phones FROM members m JOIN users u ON u.id = m.user_id WHERE "
    )


def _member(row: Row) -> Member:
    profile = ElderProfile(
        display_name=row["display_name"],
        address=row["address"],
        language=row["language"],
        city=row["city_now"],
        speed=row["speed"],
        volume=row["volume"],
        phones=tuple(sorted(json.loads(row["phones"] or "[]"))),
        words=tuple(json.loads(row["words"])),
    )
    return Member(
        user_id=row["user_id"],
        household_id=row["household_id"],
        role=row["role"],
        owner=bool(row["owner"]),
        display_name=row["display_name"],
        relation=row["relation"],
        created_at=row["created_at"],
        profile=profile,
    )


def unknown_member(member_id: int) -> StorageError:
    return StorageError(f"no such member: {member_id}", code="unknown_member")


class Households:
    """Members of households, over a :class:`Database`. Thread-safe (it only uses the Database)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._select = _select(db.dialect)

    # ---- lookups ---------------------------------------------------------------------------------
    def member(self, user_id: int, household_id: int | None = None) -> Member | None:
        """The member ``user_id`` (only within ``household_id`` when given)."""
        where, params = "m.user_id = ?", list[object]([user_id])
        if household_id is not None:
            where, params = where + " AND m.household_id = ?", [user_id, household_id]
        with self.db.read() as conn:
            row = conn.execute(self._select + where, params).fetchone()
        return None if row is None else _member(row)

    def members(self, household_id: int, role: Role | None = None) -> list[Member]:
        where, params = "m.household_id = ?", list[object]([household_id])
        if role is not None:
            where, params = where + " AND m.role = ?", [household_id, role]
        with self.db.read() as conn:
            return [_member(r) for r in conn.execute(self._select + where + " ORDER BY m.user_id", params)]

    def all_elders(self) -> list[Member]:
        """Every household's elders (for jobs that run for everyone, like the evening summaries)."""
        with self.db.read() as conn:
            return [_member(r) for r in conn.execute(self._select + "m.role = 'elder' ORDER BY m.user_id")]

    def elder(self, household_id: int, elder_id: int) -> Member:
        """The elder ``elder_id`` of this household; StorageError ``unknown_elder`` otherwise."""
        found = self.member(elder_id, household_id)
        if found is None or found.role != "elder":
            raise StorageError(f"no such elder: {elder_id}", code="unknown_elder")
        return found

    def by_phone(self, number: str) -> Member | None:
        """The elder whose phone number this is (numbers are stored normalised, e.g. ``+8613800000000``)."""
        with self.db.read() as conn:
            row = conn.execute(
                self._select + "m.user_id = (SELECT user_id FROM phone_numbers WHERE number = ?)", (number,)
            ).fetchone()
        return None if row is None else _member(row)

    def owner(self, household_id: int | None = None) -> Member | None:
        """The owner of ``household_id`` (default: the first household)."""
        with self.db.read() as conn:
            hid = household_id or _first_household(conn)
            row = conn.execute(self._select + "m.household_id = ? AND m.owner = 1", (hid,)).fetchone()
        return None if row is None else _member(row)

    def owner_paired(self) -> bool:
        """Whether the first household's owner has a device that is not revoked."""
        owner = self.owner()
        if owner is None:
            return False
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT 1 FROM devices WHERE user_id = ? AND revoked_at IS NULL", (owner.user_id,)
            ).fetchone()
        return row is not None

    def user_name(self, user_id: int) -> str:
        """The internal (unique) user name, which the pairing code functions take."""
        with self.db.read() as conn:
            row = conn.execute("SELECT name FROM users WHERE id = ?", (user_id,)).fetchone()
        if row is None:
            raise unknown_member(user_id)
        return str(row["name"])

    # ---- changes ---------------------------------------------------------------------------------
    def ensure_owner(self) -> Member:
        """The first household's owner, created (as a family member without devices) if missing."""
        with self.db.write() as conn:
            hid = _first_household(conn)
            row = conn.execute(
                "SELECT user_id FROM members WHERE household_id = ? AND owner = 1", (hid,)
            ).fetchone()
            if row is None:
                user_id = _new_user(conn, OWNER_NAME, hid, "zh")
                conn.execute("UPDATE members SET role = 'family', owner = 1 WHERE user_id = ?", (user_id,))
        owner = self.owner()
        assert owner is not None
        return owner

    def add_family(self, household_id: int, name: str, relation: str = "") -> Member:
        """A new family member (an invite: their device pairs later)."""
        with self.db.write() as conn:
            user_id = _new_user(conn, name, household_id, "zh")
            conn.execute(
                "UPDATE members SET role = 'family', relation = ? WHERE user_id = ?", (relation, user_id)
            )
        found = self.member(user_id)
        assert found is not None
        return found

    def add_elder(self, household_id: int, profile: ElderProfile) -> Member:
        """A new elder with ``profile``; all or nothing (a taken phone number saves nothing)."""
        with self.db.write() as conn:
            user_id = _new_user(conn, profile.display_name, household_id, profile.language)
            _write_profile(conn, user_id, profile)
        found = self.member(user_id)
        assert found is not None
        return found

    def update_elder(self, household_id: int, elder_id: int, profile: ElderProfile) -> Member:
        """Replace an elder's profile; all or nothing."""
        with self.db.write() as conn:
            require_elder(conn, household_id, elder_id)
            conn.execute("UPDATE users SET language = ? WHERE id = ?", (profile.language, elder_id))
            _write_profile(conn, elder_id, profile)
        return self.elder(household_id, elder_id)

    def rename(self, user_id: int, name: str, relation: str | None = None) -> None:
        with self.db.write() as conn:
            conn.execute(
                "UPDATE members SET display_name = ?, relation = COALESCE(?, relation) WHERE user_id = ?",
                (name, relation, user_id),
            )


def require_elder(conn: Connection, household_id: int, elder_id: int) -> None:
    """Inside a write: StorageError ``unknown_elder`` unless ``elder_id`` is an elder of the household."""
    row = conn.execute(
        "SELECT role FROM members WHERE user_id = ? AND household_id = ?", (elder_id, household_id)
    ).fetchone()
    if row is None or row["role"] != "elder":
        raise StorageError(f"no such elder: {elder_id}", code="unknown_elder")


def _first_household(conn: Connection) -> int:
    row = conn.execute("SELECT MIN(id) FROM households").fetchone()
    if row is None or row[0] is None:
        return int(
            conn.execute(
                "INSERT INTO households (name, created_at) VALUES ('我的家', ?)", (time.time(),)
            ).lastrowid
            or 0
        )
    return int(row[0])


def _new_user(conn: Connection, display_name: str, household_id: int, language: str) -> int:
    """A users row with a unique internal name, moved into ``household_id`` (inside a transaction)."""
    if conn.execute("SELECT 1 FROM households WHERE id = ?", (household_id,)).fetchone() is None:
        raise StorageError(f"no such household: {household_id}", code="unknown_household")
    base = f"{display_name}#{household_id}"
    name, n = base, 1
    while conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is not None:
        n += 1
        name = f"{base}-{n}"
    user_id = conn.execute(
        "INSERT INTO users (name, language, created_at) VALUES (?, ?, ?)", (name, language, time.time())
    ).lastrowid
    assert user_id is not None
    conn.execute(
        "UPDATE members SET household_id = ?, display_name = ? WHERE user_id = ?",
        (household_id, display_name, user_id),
    )
    return user_id


def _write_profile(conn: Connection, user_id: int, p: ElderProfile) -> None:
    conn.execute(
        "UPDATE members SET display_name = ?, address = ?, city = ?, speed = ?, volume = ?, words = ?"
        " WHERE user_id = ?",
        (
            p.display_name,
            p.address,
            p.city,
            p.speed,
            p.volume,
            json.dumps(list(p.words), ensure_ascii=False),
            user_id,
        ),
    )
    # the weather tool's city (the same setting the elder can change by voice)
    conn.execute("DELETE FROM user_settings WHERE user_id = ? AND key = 'city'", (user_id,))
    if p.city:
        conn.execute("INSERT INTO user_settings (user_id, key, value) VALUES (?, 'city', ?)",
                     (user_id, json.dumps(p.city, ensure_ascii=False)))
    conn.execute("DELETE FROM phone_numbers WHERE user_id = ?", (user_id,))
    for number in p.phones:
        taken = conn.execute("SELECT user_id FROM phone_numbers WHERE number = ?", (number,)).fetchone()
        if taken is not None:
            raise StorageError(f"the phone number {number} already belongs to someone", code="phone_taken")
        conn.execute("INSERT INTO phone_numbers (number, user_id) VALUES (?, ?)", (number, user_id))
