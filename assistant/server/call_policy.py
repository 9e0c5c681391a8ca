"""Who may call and how a call is greeted and ended: caller numbers, profiles, the allowlist,
admission, and the silence policy. Pure apart from reading the profiles file."""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.server.state import Admission, AppState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class CallerProfile:
    name: str = ""
    language: str = "zh"
    words: tuple[str, ...] = ()  # the elder's own words for the ASR (server/family.py asr_words_for)


def normalise_number(number: str) -> str:
    """"+86 138-0000-0000" → "+8613800000000" (spaces, dashes, dots and brackets removed)."""
    return "".join(ch for ch in number.strip() if ch not in " -.()\t")


def load_profiles(path: Path) -> dict[str, CallerProfile]:
    """The caller profiles TOML: ``["+8613800000000"] name = "王阿姨"  language = "zh"``.

    A missing or broken file gives no profiles (logged): a call is never refused over it.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("cannot read the caller profiles %s: %s", path, exc)
        return {}
    profiles: dict[str, CallerProfile] = {}
    for number, entry in data.items():
        if not isinstance(entry, dict):
            continue
        language = str(entry.get("language", "zh"))
        profiles[normalise_number(number)] = CallerProfile(
            name=str(entry.get("name", ""))[:20],
            language=language if language in ("zh", "en", "auto") else "zh")
    return profiles


def greeting_for(greeting: str, profile: CallerProfile) -> str:
    """The greeting, addressing a known caller by name: "王阿姨您好，我是您的助手，请说。"."""
    if not profile.name or not greeting:
        return greeting
    if profile.language == "en":
        return f"Hello {profile.name}! " + greeting
    return f"{profile.name}{greeting}" if greeting.startswith("您好") else f"{profile.name}您好，{greeting}"


def caller_allowed(settings: Settings, caller: str) -> bool:
    """``phone.allowed_callers`` empty: anyone; otherwise only the listed numbers."""
    allowed = {normalise_number(n) for n in settings.phone.allowed_callers}
    return not allowed or normalise_number(caller) in allowed


def admit_call(state: AppState, *, device_id: str, user_id: str) -> Admission | str:
    """Take a connection slot for a call (the caller was authenticated by its transport), or say why not."""
    if state.engines is None:
        return "starting up, models are loading; try again shortly"
    if sum(state.connections.values()) >= state.settings.limits.max_sessions:
        return "busy: too many sessions, try again later"
    state.connections[device_id] += 1
    return Admission(user_id=user_id, device_id=device_id, state=state)


class SilencePolicy:
    """When to ask "are you still there?" and when to say goodbye. Pure: feed it the clock.

    ``tick(now, idle)`` returns "prompt" once the call has been idle ``prompt_s``, then "goodbye"
    once it has been idle another ``hangup_s`` after the prompt has played; ``activity()`` (the caller
    spoke or pressed a key) starts over.
    """

    def __init__(self, *, prompt_s: float, hangup_s: float) -> None:
        self.prompt_s = prompt_s
        self.hangup_s = hangup_s
        self._idle_since: float | None = None
        self._prompted = False
        self._done = False

    def activity(self) -> None:
        self._prompted = False
        self._done = False
        self._idle_since = None

    def tick(self, now: float, idle: bool) -> str | None:
        if not idle or self._done:
            self._idle_since = None
            return None
        if self._idle_since is None:
            self._idle_since = now
        waited = now - self._idle_since
        if not self._prompted and waited >= self.prompt_s:
            self._prompted = True
            self._idle_since = None
            return "prompt"
        if self._prompted and waited >= self.hangup_s:
            self._done = True
            return "goodbye"
        return None
