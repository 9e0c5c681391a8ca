"""The OpenAI Realtime API's server events, sans I/O: a small state machine of items and responses.

:class:`RealtimeEncoder` turns what the session did (speech started, a transcript, reply text and
audio, the reply's end, a barge-in) into the official events, in order, with the ids that tie them
together (``item_…``, ``resp_…``, ``event_…``). GA names by default; with ``beta=True`` the beta
names (``response.audio.delta``, ``conversation.item.created`` …). Audio arrives already encoded
in the session's output format (the codecs live in assistant/audio).
"""

from __future__ import annotations

import base64
import itertools
import json
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from assistant.protocol.realtime_config import SessionConfig
from assistant.protocol.realtime_session import session_object

MAX_ITEMS = 256  # items remembered for truncate / delete / retrieve
BETA_NAMES = {
    "response.output_audio.delta": "response.audio.delta",
    "response.output_audio.done": "response.audio.done",
    "response.output_audio_transcript.delta": "response.audio_transcript.delta",
    "response.output_audio_transcript.done": "response.audio_transcript.done",
    "response.output_text.delta": "response.text.delta",
    "response.output_text.done": "response.text.done",
    "conversation.item.added": "conversation.item.created",
}
GA_ONLY = {"conversation.item.done"}

Event = dict[str, Any]


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


@dataclass(slots=True)
class Item:
    id: str
    type: str  # message | function_call | function_call_output
    role: str = "assistant"
    parts: list[dict[str, Any]] = field(default_factory=list)
    status: str = "completed"
    reply_id: int = 0
    audio_ms: float = 0.0
    call: dict[str, str] = field(default_factory=dict)  # function_call: call_id, name, arguments


@dataclass(slots=True)
class _Response:
    id: str
    reply_id: int
    item: Item | None = None
    output: list[Item] = field(default_factory=list)
    transcript: str = ""
    ended: bool = False  # all audio sent; response.done waits for the turn's figures


class RealtimeEncoder:
    def __init__(self, *, beta: bool = False, model: str = "") -> None:
        self.beta = beta
        self.model = model
        self.items: OrderedDict[str, Item] = OrderedDict()
        self._counter = itertools.count(1)
        self._pending_user: str | None = None  # the audio item whose transcript is due
        self._speech_item: str | None = None  # the item of the speech being heard
        self._speech_ms = 0
        self._audio_s = 0.0  # the pending item's audio length
        self._response: _Response | None = None
        self._cancelled: set[int] = set()  # replies whose response was cancelled: stragglers are dropped
        self.config = SessionConfig()
        self.vad_defaults: dict[str, Any] = {}  # the server's turn-detection values for unset fields

    # ---- framing ------------------------------------------------------------------------------
    def event(self, kind: str, **fields: Any) -> Event:
        if self.beta:
            kind = BETA_NAMES.get(kind, kind)
        return {"type": kind, "event_id": f"event_{next(self._counter):06d}", **fields}

    def frames(self, events: list[Event]) -> list[str]:
        return [json.dumps(e, ensure_ascii=False) for e in events
                if not (self.beta and e["type"] in GA_ONLY)]

    def error(self, message: str, *, code: str, param: str | None = None, event_id: str | None = None,
              kind: str = "invalid_request_error") -> Event:
        return self.event("error", error={"type": kind, "code": code, "message": message, "param": param,
                                          "event_id": event_id})

    def session(self, kind: str, session_id: str) -> Event:
        return self.event(kind, session=session_object(self.config, session_id=session_id, model=self.model,
                                                       beta=self.beta, defaults=self.vad_defaults))

    # ---- items --------------------------------------------------------------------------------
    def _remember(self, item: Item) -> Item:
        self.items[item.id] = item
        while len(self.items) > MAX_ITEMS:
            self.items.popitem(last=False)
        return item

    def item_object(self, item: Item) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": item.id, "object": "realtime.item", "type": item.type,
                               "status": item.status}
        if item.type == "message":
            obj["role"] = item.role
            obj["content"] = [self._part(p) for p in item.parts]
        else:
            obj.update(item.call)
        return obj

    def _part(self, part: dict[str, Any]) -> dict[str, Any]:
        if self.beta and part.get("type") in ("output_audio", "output_text"):
            return {**part, "type": part["type"].removeprefix("output_")}
        return dict(part)

    def _previous(self, item_id: str) -> str | None:
        ids = list(self.items)
        i = ids.index(item_id) if item_id in ids else len(ids)
        return ids[i - 1] if i > 0 else None

    def _added(self, item: Item) -> list[Event]:
        self._remember(item)
        return [self.event("conversation.item.added", previous_item_id=self._previous(item.id),
                           item=self.item_object(item))]

    def user_item(self, item_id: str, parts: list[dict[str, Any]], *, role: str = "user") -> list[Event]:
        item = Item(id=item_id or new_id("item"), type="message", role=role, parts=parts)
        return [*self._added(item), self.event("conversation.item.done", item=self.item_object(item))]

    def function_output(self, item_id: str, call_id: str, output: str) -> list[Event]:
        item = Item(id=item_id or new_id("item"), type="function_call_output",
                    call={"call_id": call_id, "output": output})
        return [*self._added(item), self.event("conversation.item.done", item=self.item_object(item))]

    # ---- input audio --------------------------------------------------------------------------
    def speech_started(self, at_ms: int) -> list[Event]:
        self._speech_item = new_id("item")
        self._speech_ms = at_ms
        return [self.event("input_audio_buffer.speech_started", audio_start_ms=at_ms,
                           item_id=self._speech_item)]

    def speech_stopped(self, at_ms: int) -> list[Event]:
        item_id = self._speech_item or new_id("item")
        self._speech_item = None
        return [self.event("input_audio_buffer.speech_stopped", audio_end_ms=at_ms, item_id=item_id),
                *self.committed(item_id, audio_s=max(0.0, (at_ms - self._speech_ms) / 1000.0))]

    def committed(self, item_id: str | None = None, *, audio_s: float = 0.0) -> list[Event]:
        """The input buffer became a user audio item; its transcript follows (``transcript``)."""
        item = Item(id=item_id or new_id("item"), type="message", role="user",
                    parts=[{"type": "input_audio", "transcript": None}])
        self._pending_user, self._audio_s = item.id, audio_s
        self._remember(item)
        return [self.event("input_audio_buffer.committed", previous_item_id=self._previous(item.id),
                           item_id=item.id),
                self.event("conversation.item.added", previous_item_id=self._previous(item.id),
                           item=self.item_object(item))]

    @property
    def transcribing(self) -> str | None:
        """The audio item whose transcript comes next."""
        return self._pending_user

    def transcript(self, text: str) -> list[Event]:
        """The transcript of the pending audio item (typed questions have none: nothing is sent)."""
        item = self.items.get(self._pending_user or "")
        self._pending_user = None
        if item is None:
            return []
        item.parts = [{"type": "input_audio", "transcript": text}]
        out = [] if not self.config.transcription_model else [
            self.event("conversation.item.input_audio_transcription.delta", item_id=item.id, content_index=0,
                       delta=text),
            self.event("conversation.item.input_audio_transcription.completed", item_id=item.id,
                       content_index=0, transcript=text,
                       usage={"type": "duration", "seconds": round(self._audio_s, 3)})]
        return [*out, self.event("conversation.item.done", item=self.item_object(item))]

    # ---- the response -------------------------------------------------------------------------
    @property
    def response_id(self) -> str | None:
        return self._response.id if self._response is not None else None

    def _response_object(self, r: _Response, status: str, **extra: Any) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": r.id, "object": "realtime.response", "status": status,
                               "status_details": None, "output": [self.item_object(i) for i in r.output],
                               "conversation_id": "conv_default", "usage": None, **extra}
        if self.beta:
            obj.update(modalities=list(self.config.modalities), voice=self.config.voice,
                       output_audio_format=self.config.output_format)
        else:
            obj.update(output_modalities=list(self.config.modalities),
                       audio={"output": {"voice": self.config.voice}})
        return obj

    def begin_empty(self) -> list[Event]:
        """A response with no reply behind it (``response.create`` with nothing new to answer)."""
        out = self.finish_response()
        r = self._response = _Response(id=new_id("resp"), reply_id=0)
        return [*out, self.event("response.created", response=self._response_object(r, "in_progress"))]

    def _open(self, reply_id: int) -> list[Event]:
        """Start the response of ``reply_id`` with its assistant message item, unless it is open."""
        out: list[Event] = []
        r = self._response
        if r is not None and r.reply_id == reply_id and r.item is not None:
            return out
        if r is not None:
            out += self.finish_response()
        r = self._response = _Response(id=new_id("resp"), reply_id=reply_id)
        out.append(self.event("response.created", response=self._response_object(r, "in_progress")))
        kind = "output_audio" if "audio" in self.config.modalities else "output_text"
        item = r.item = self._remember(Item(id=new_id("item"), type="message", status="in_progress",
                                            reply_id=reply_id, parts=[{"type": kind, "transcript": ""}]))
        r.output.append(item)
        where = {"response_id": r.id, "output_index": len(r.output) - 1}
        out += [self.event("response.output_item.added", **where, item=self.item_object(item)),
                *self._added_again(item),
                self.event("response.content_part.added", **where, item_id=item.id, content_index=0,
                           part={"type": kind.removeprefix("output_"), "transcript": ""})]
        return out

    def _added_again(self, item: Item) -> list[Event]:
        return [self.event("conversation.item.added", previous_item_id=self._previous(item.id),
                           item=self.item_object(item))]

    def _where(self, r: _Response, item: Item) -> dict[str, Any]:
        return {"response_id": r.id, "item_id": item.id, "output_index": r.output.index(item),
                "content_index": 0}

    def reply_text(self, reply_id: int, delta: str) -> list[Event]:
        if not delta or reply_id in self._cancelled:
            return []
        out = self._open(reply_id)
        r = self._response
        assert r is not None and r.item is not None
        r.transcript += delta
        kind = ("response.output_audio_transcript.delta" if "audio" in self.config.modalities
                else "response.output_text.delta")
        return [*out, self.event(kind, **self._where(r, r.item), delta=delta)]

    def reply_audio(self, reply_id: int, payload: bytes, ms: float) -> list[Event]:
        if reply_id in self._cancelled:
            return []
        out = self._open(reply_id)
        r = self._response
        assert r is not None and r.item is not None
        r.item.audio_ms += ms
        return [*out, self.event("response.output_audio.delta", **self._where(r, r.item),
                                 delta=base64.b64encode(payload).decode("ascii"))]

    def _close_item(self, status: str) -> list[Event]:
        r = self._response
        if r is None or r.item is None:
            return []
        item, where = r.item, self._where(r, r.item)
        r.item = None
        item.status = status
        audio = "audio" in self.config.modalities
        part = {"type": "output_audio" if audio else "output_text",
                "transcript" if audio else "text": r.transcript}
        item.parts = [part]
        done = [self.event("response.output_audio.done", **where)] if audio else []
        text_done = ("response.output_audio_transcript.done" if audio else "response.output_text.done")
        return [*done, self.event(text_done, **where, **{"transcript" if audio else "text": r.transcript}),
                self.event("response.content_part.done", **where,
                           part={**part, "type": part["type"].removeprefix("output_")}),
                self.event("response.output_item.done", response_id=r.id, output_index=where["output_index"],
                           item=self.item_object(item)),
                self.event("conversation.item.done", item=self.item_object(item))]

    def reply_end(self, reply_id: int) -> list[Event]:
        """All of the reply was sent; ``response.done`` follows with the figures (``finish_response``)."""
        if reply_id in self._cancelled:
            return []
        out = self._open(reply_id)  # an answer with no words still gets its (empty) response
        r = self._response
        assert r is not None
        r.ended = True
        return [*out, *self._close_item("completed")]

    def reply_figures(self, figures: dict[str, Any]) -> list[Event]:
        """The turn's figures came: ``response.done`` (with usage) for a response whose audio ended."""
        r = self._response
        return self.finish_response(figures) if r is not None and r.ended else []

    def finish_response(self, figures: dict[str, Any] | None = None, *, status: str = "completed",
                        reason: str | None = None) -> list[Event]:
        r = self._response
        if r is None:
            return []
        out = self._close_item("incomplete" if status == "cancelled" else "completed")
        self._response = None
        details = {"type": status, "reason": reason} if reason else None
        usage = _usage(figures) if figures else None
        return [*out, self.event("response.done", response=self._response_object(
            r, status, status_details=details) | {"usage": usage})]

    def interrupted(self, reply_id: int, reason: str) -> list[Event]:
        r = self._response
        if r is None or r.reply_id != reply_id:
            return []
        self._cancelled = {*list(self._cancelled)[-15:], reply_id}
        return self.finish_response(status="cancelled", reason=reason)

    def function_call(self, reply_id: int, call_id: str, name: str, arguments: str) -> list[Event]:
        """The LLM called a client tool: a function_call item, then ``response.done`` (the client
        answers with a function_call_output item and ``response.create``)."""
        out: list[Event] = []
        r = self._response
        if r is None or r.reply_id != reply_id:
            out += self.finish_response()
            r = self._response = _Response(id=new_id("resp"), reply_id=reply_id)
            out.append(self.event("response.created", response=self._response_object(r, "in_progress")))
        out += self._close_item("completed")
        item = self._remember(Item(id=new_id("item"), type="function_call", status="in_progress",
                                   reply_id=reply_id,
                                   call={"call_id": call_id, "name": name, "arguments": ""}))
        r.output.append(item)
        where = {"response_id": r.id, "output_index": len(r.output) - 1}
        out += [self.event("response.output_item.added", **where, item=self.item_object(item)),
                *self._added_again(item),
                self.event("response.function_call_arguments.delta", **where, item_id=item.id,
                           call_id=call_id,
                           delta=arguments)]
        item.status, item.call["arguments"] = "completed", arguments
        out += [self.event("response.function_call_arguments.done", **where, item_id=item.id, call_id=call_id,
                           name=name, arguments=arguments),
                self.event("response.output_item.done", **where, item=self.item_object(item)),
                self.event("conversation.item.done", item=self.item_object(item))]
        return out + self.finish_response()

    def truncated(self, item: Item, audio_end_ms: int, heard: str) -> list[Event]:
        item.audio_ms = float(audio_end_ms)
        item.parts = [{"type": "output_audio", "transcript": heard}]
        return [self.event("conversation.item.truncated", item_id=item.id, content_index=0,
                           audio_end_ms=audio_end_ms)]

    def deleted(self, item_id: str) -> list[Event]:
        self.items.pop(item_id, None)
        return [self.event("conversation.item.deleted", item_id=item_id)]


def _usage(figures: dict[str, Any]) -> dict[str, Any]:
    prompt = int(figures.get("prompt_tokens") or 0)
    completion = int(figures.get("completion_tokens") or 0)
    return {"total_tokens": prompt + completion, "input_tokens": prompt, "output_tokens": completion,
            "input_token_details": {"text_tokens": prompt, "audio_tokens": 0, "cached_tokens": 0},
            "output_token_details": {"text_tokens": completion, "audio_tokens": 0}}
