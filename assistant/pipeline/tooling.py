"""Tools in a turn: the fast router before the LLM, and the tools handed to remote backends.

Per process, :class:`Toolbox` holds the tool registry (and the database connection the reminders
and per-user settings use). Per session, :class:`SessionTools` decides for each transcript:

* the router (:func:`assistant.tools.router.route`) recognises a tool request → the tool runs at
  once and its own sentence is spoken (``tools.answer = "direct"``, the fast path: no LLM), or the
  LLM phrases the result given as context (``"llm"``). Either way the reply plan names the fact
  categories the tool grounded (``ReplyPlan.grounded``), for the honesty guard.
* otherwise, when the first chat backend is remote, the request carries the tools and a handler
  (the standard tool-call loop, :mod:`assistant.llm.openai`); the categories grounded there are
  collected in :attr:`SessionTools.live_grounded` while the answer streams.

A reminder whose time was unclear is asked back ("您是说明天早上8点吗？"); a "是的" in the very
next turn stores it. Nothing is stored before that.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from assistant.asr.base import Transcript
from assistant.care.emergency import EmergencyAdvice
from assistant.config import Settings
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.llm.prompt import format_now_zh
from assistant.pipeline import (
    compound,
    false_premise,
    feelings,
    recitals,
    safe_answers,
    said_before,
    selfhelp,
    unheard_of,
    unknowable,
)
from assistant.pipeline.care_answer import care_answer_plan
from assistant.pipeline.hearing import review
from assistant.pipeline.hearing import warm as warm_hearing
from assistant.pipeline.honesty_request import told_of
from assistant.pipeline.own_life import own_life
from assistant.pipeline.reply import ReplyPlan
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.profile import UserSettings, resolve_user_id
from assistant.tools.base import ToolContext, ToolResult
from assistant.tools.registry import ToolRegistry, build_registry, local_zone
from assistant.tools.router import ToolCall, route

log = logging.getLogger(__name__)

_YES = re.compile(
    r"^(?:是|是的|是啊|对|对的|对啊|对呀|嗯|嗯嗯|好|好的|行|可以|没错|就是|就这样|yes|yeah|yep|right|correct)"
    r"[，。！!,.\s]*(?:是的|对|没错|谢谢)?[，。！!,.\s]*$",
    re.IGNORECASE,
)


class Toolbox:
    """The tools of one server process (shared by every session)."""

    def __init__(self, settings: Settings, registry: ToolRegistry, database: DatabaseThread | None) -> None:
        self.settings = settings.tools
        self.registry = registry
        self.database = database
        self.zone = local_zone(settings.tools.timezone)
        self.care = settings.care

    @classmethod
    def open(cls, settings: Settings) -> Toolbox:
        """The registry, with its own connection to the server's database (reminders, user settings)."""
        database = DatabaseThread(Database(settings.storage.url or settings.db_path))
        threading.Thread(target=warm_hearing, name="homophones", daemon=True).start()  # ~1 s, once
        return cls(settings, build_registry(settings.tools, database), database)

    def session(self, user_key: str) -> SessionTools:
        return SessionTools(self, user_key)

    def close(self) -> None:
        if self.database is not None:
            self.database.close()


class SessionTools:
    """One session's use of the tools (see the module docstring)."""

    def __init__(self, toolbox: Toolbox, user_key: str) -> None:
        self.toolbox = toolbox
        self.user_key = user_key
        self._zone: ZoneInfo | None = None
        self._confirm: dict[str, Any] | None = None  # a reminder waiting for "是的"
        self.live_grounded: set[str] = set()  # grounded by remote tool calls in the current reply

    async def zone(self) -> ZoneInfo:
        """The user's time zone setting, else ``tools.timezone``, else the server's."""
        if self._zone is None:
            self._zone = self.toolbox.zone
            dbt = self.toolbox.database
            if dbt is not None:
                try:
                    user_id = await dbt.run(resolve_user_id, dbt.db, self.user_key)
                    name = await dbt.run(UserSettings(dbt.db).get, user_id, "timezone", "")
                    if name:
                        self._zone = ZoneInfo(str(name))
                except Exception as exc:  # a bad stored zone falls back to the server's
                    log.warning("user time zone unavailable: %s", exc)
        return self._zone

    async def context(self, language: str) -> ToolContext:
        zone = await self.zone()
        return ToolContext(user_key=self.user_key, now=datetime.now(zone), language=language)

    async def answer(
        self, text: str, *, language: str, committed: asyncio.Event | None = None
    ) -> tuple[ToolCall, ToolResult] | None:
        """Run the tool the words ask for (router, or a pending confirmation); None: not a tool turn.

        A speculative turn (``committed`` not yet set) may be dropped when the user goes on talking:
        a call that changes something (setting or cancelling a reminder, a "是的") waits until the
        turn is committed, so that a dropped turn saves nothing.
        """
        settings = self.toolbox.settings
        if not settings.enabled:
            return None
        if self._confirm is not None and _YES.match(text.strip()):
            if committed is not None:
                await committed.wait()
            call = ToolCall(name="reminders", args=self._confirm)
            self._confirm = None
        else:
            self._confirm = None
            routed = route(text) if settings.router else None
            if routed is None or self.toolbox.registry.get(routed.name) is None:
                return None
            call = routed
            if committed is not None and call.name == "reminders" and call.args.get("action") != "list":
                await committed.wait()
        ctx = await self.context(language)
        started = time.monotonic()
        result = await self.toolbox.registry.call(call.name, call.args, ctx)
        log.info(
            "tool %s %s -> ok=%s in %.0f ms",
            call.name,
            json.dumps(call.args, ensure_ascii=False)[:120],
            result.ok,
            (time.monotonic() - started) * 1000,
        )
        pending = result.data.get("confirm") if call.name == "reminders" else None
        if isinstance(pending, Mapping):
            self._confirm = dict(pending)
        return call, result

    @property
    def pending(self) -> Mapping[str, Any] | None:
        """The reminder waiting for "是的", if any."""
        return self._confirm

    def hold(self, confirm: Mapping[str, Any] | None) -> None:
        """Keep ``confirm`` waiting for "是的" (a compound turn's asked-back reminder, :mod:`.compound`)."""
        self._confirm = dict(confirm) if confirm is not None else None

    def llm_request(
        self, base: ChatRequest, call: ToolCall, result: ToolResult, *, language: str
    ) -> ChatRequest:
        """``base`` (ending with the user's message) with the tool result as context before it."""
        note = (
            f"Tool result ({call.name}): {result.for_llm()}. Answer from this result only, briefly."
            if language == "en"
            else f"工具（{call.name}）的结果：{result.for_llm()}。请只根据这个结果，用一两句话回答。"
        )
        messages = [*base.messages[:-1], ChatMessage(role="system", content=note), base.messages[-1]]
        return ChatRequest(
            messages=messages, max_tokens=base.max_tokens, temperature=base.temperature, stop=base.stop,
            conversation=base.conversation,
        )

    def with_tools(self, request: ChatRequest, *, language: str, remote: bool) -> ChatRequest:
        """A remote backend's request gets the tools and a handler (the standard tool-call loop)."""
        self.live_grounded = set()
        if not (remote and self.toolbox.settings.enabled and self.toolbox.settings.remote_tools):
            return request

        async def handle(name: str, arguments: str) -> str:
            try:
                args = json.loads(arguments or "{}")
            except ValueError:
                args = None
            ctx = await self.context(language)
            if not isinstance(args, dict):
                result = ToolResult(text="bad arguments: not a JSON object", ok=False)
            else:
                result = await self.toolbox.registry.call(name, args, ctx)
            self.live_grounded |= result.grounded
            return result.for_llm()

        return ChatRequest(
            messages=request.messages,
            max_tokens=request.max_tokens,
            temperature=request.temperature,
            stop=request.stop,
            tools=self.toolbox.registry.openai_tools(),
            tool_handler=handle,
            conversation=request.conversation,
        )


async def user_now(tools: SessionTools | None) -> datetime:
    """Now in the user's time zone, the clock tool's (else the server's): the LLM's clock line says it."""
    return datetime.now(await tools.zone()) if tools is not None else datetime.now().astimezone()


def reads_only(text: str) -> bool:
    """Words that ask the clock or the weather, which answer from real data and take at most a day or
    a city from the words: answered even when the words were unsure ("今天是即月即号星期几")."""
    call = route(text)
    return call is not None and call.name in ("clock", "weather")


async def plan_tool_turn(
    tools: SessionTools,
    text: str,
    *,
    language: str,
    committed: asyncio.Event | None = None,
    reply_id: int,
    speed: float,
    extra: dict[str, Any],
    request: Callable[[str, str], Awaitable[ChatRequest]],
) -> ReplyPlan | None:
    """The reply plan of a tool turn, or None when the words ask for no tool.

    A failed or "cannot" result (``ok=False``) is always spoken as it is: it states no value.
    ``request(text, language)`` builds the LLM request when the LLM is to phrase the result.
    """
    found = await tools.answer(text, language=language, committed=committed)
    if found is None:
        return None
    call, result = found
    extra["tool"] = call.name
    extra["tool_ok"] = result.ok
    if result.ok and tools.toolbox.settings.answer == "llm":
        base = await request(text, language)
        return ReplyPlan(
            reply_id=reply_id,
            speed=speed,
            grounded=result.grounded,
            question=text,
            request=tools.llm_request(base, call, result, language=language),
        )
    return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=result.text, grounded=result.grounded)


def honest_in_code(text: str, language: str, extra: dict[str, Any]) -> str | None:
    """The honest answer, never the LLM's guess, to a question about a made-up thing ("西南瓜是什么东西",
    :mod:`.unheard_of`), an impossible one ("秦始皇的手机", :mod:`.false_premise`) or live news, prices, draws
    (:mod:`.unknowable`); None for others."""
    if unheard := unheard_of.honest_reply(text, language):
        extra["unheard_of"] = unheard[0]
        return unheard[1]
    if impossible := false_premise.honest_reply(text, language):
        extra["false_premise"] = impossible[0]
        return impossible[1]
    if honest := unknowable.honest_reply(text, language):
        extra["unknowable"] = True
        return honest
    return None


async def code_answer(tools: SessionTools, text: str, *, language: str, committed: asyncio.Event | None,
                      advice: EmergencyAdvice | None) -> compound.Said | None:
    """What the code says to one request of a compound turn (:mod:`.compound`), the order of
    :func:`plan_text_turn`: a safe answer, one about the assistant, a tool's own sentence, the honest
    "cannot know", comfort; None: the LLM's."""
    if safe := safe_answers.answer(text, language, reminders=True, number=advice.number if advice else "120"):
        return compound.Said(safe[2], what=safe[0])
    if helped := selfhelp.reply(text, language, selfhelp.Setup.of(tools=True, advice=advice)):
        return compound.Said(helped[1], what="selfhelp")
    if found := await tools.answer(text, language=language, committed=committed):
        call, result = found
        return compound.Said(result.text, result.grounded, tools.pending, what=call.name)
    if honest := honest_in_code(text, language, {}):
        return compound.Said(honest, what="honest")
    if told := comfort_or_recital(text, language):
        return compound.Said(told[2], what=told[0])
    return None


def comfort_or_recital(text: str, language: str) -> tuple[str, str, str] | None:
    """``(what, kind, reply)``: comfort for a feeling she states ("我今天有点孤单": not the 1.5B's guess),
    or a poem, story, 歇后语 or song told whole (the 1.5B said a title); None: neither."""
    if felt := feelings.comfort(text, language):
        return ("feeling", *felt)
    if recited := recitals.recital(text, language):
        return ("recital", *recited)
    return None


async def compound_plan(tools: SessionTools, text: str, language: str, reply_id: int, speed: float,
                        extra: dict[str, Any], committed: asyncio.Event | None,
                        request: Callable[[str, str], Awaitable[ChatRequest]],
                        advice: EmergencyAdvice | None) -> ReplyPlan | None:
    """The reply to a turn holding two or three requests (:mod:`.compound`), or None: not such a turn, or
    no request of it answered in code (then the whole turn goes on as one)."""
    texts = compound.parts(text)
    if len(texts) < 2:
        return None
    pieces, held = await compound.answer_pieces(
        texts, lambda piece: code_answer(tools, piece, language=language, committed=committed, advice=advice),
        language)
    tools.hold(held)  # every tool call forgets the one before's ask-back: the turn's own is kept
    made = await compound.plan(pieces, language=language, reply_id=reply_id, speed=speed, request=request)
    if made is not None:
        extra["compound"] = [said.what if said else "llm" for said in pieces.said]
    return made


def _not_told(text: str, language: str, base: ChatRequest, extra: dict[str, Any]) -> str | None:
    """Her own life nobody told ("我孙子几岁了" with nothing said of him), or what the assistant said when it
    has said nothing yet ("刚才你说的那个药叫什么"): never the LLM's guess."""
    if mine := own_life(text, language, told_of(base, but_last=True)):
        extra["own_life"] = mine[0]
        return mine[1]
    if said := said_before.nothing_said_yet(text, language, base.messages):
        extra["said_before"] = "nothing yet"
        return said
    return None


async def plan_text_turn(
    tools: SessionTools | None,
    text: str,
    *,
    language: str,
    reply_id: int,
    speed: float,
    extra: dict[str, Any],
    committed: asyncio.Event | None,
    remote: bool,
    request: Callable[[str, str], Awaitable[ChatRequest]],
    heard: Transcript | None = None,
    advice: EmergencyAdvice | None = None,
) -> ReplyPlan:
    """In order: an ask-back for misheard words (:mod:`.hearing`); two or three requests (:mod:`.compound`);
    answers in code (:mod:`.safe_answers`: fraud, money, home hazards, remedies, doses, readings, medicine
    on a journey; :mod:`.selfhelp`: the assistant, things done by hand); a tool; the honest "not heard of"
    or "can't know"; comfort; "I don't know" on her own life or on what it said before; else the LLM."""
    if tools is not None and (answered := await care_answer_plan(
            tools.toolbox.database, tools.toolbox.care, tools.user_key, text, language=language,
            reply_id=reply_id, speed=speed, extra=extra, committed=committed)):
        return answered  # "吃了" after a reminder (pipeline/care_answer.py)
    hearing = await asyncio.to_thread(review, text, language=language, transcript=heard,
                                      clock_line=format_now_zh(datetime.now()))
    if hearing.ask and not (hearing.reason == "asr unsure" and tools is not None and reads_only(text)):
        log.info("asking back (%s) instead of answering %r", hearing.reason, text)
        extra["ask_back"] = hearing.reason
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=hearing.text)
    if hearing.heard:
        log.info("read %r as %r", hearing.heard, hearing.text)
        extra["heard_as"], text = hearing.heard, hearing.text
    if tools is not None and (several := await compound_plan(tools, text, language, reply_id, speed, extra,
                                                             committed, request, advice)):
        return several  # "先提醒我吃药，再告诉我明天天气": each request answered
    if safe := safe_answers.answer(text, language, reminders=tools is not None,
                                   number=advice.number if advice else "120"):  # never the 1.5B's advice
        what, extra[what], said = safe
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=said)
    if helped := selfhelp.reply(text, language, selfhelp.Setup.of(tools=tools is not None, advice=advice)):
        extra["selfhelp"] = helped[0]  # what it can do, what the family sees: never the LLM's guess
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=helped[1])
    if tools is not None:
        plan = await plan_tool_turn(tools, text, language=language, committed=committed, reply_id=reply_id,
                                    speed=speed, extra=extra, request=request)
        if plan is not None:
            return plan
    if honest := honest_in_code(text, language, extra):
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=honest)
    if told := comfort_or_recital(text, language):
        what, extra[what], said = told
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=said)
    base = await request(text, language)
    if unknown := _not_told(text, language, base, extra):
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=unknown)
    if tools is None:
        return ReplyPlan(reply_id=reply_id, speed=speed, request=base, question=text, garbled=hearing.garbled)
    with_tools = tools.with_tools(base, language=language, remote=remote)  # starts a new live set
    return ReplyPlan(reply_id=reply_id, speed=speed, request=with_tools, grounded=tools.live_grounded,
                     question=text, garbled=hearing.garbled)
