"""``/api/messages/voice``: a short message the family records in the browser, played to the elder
after "您女儿小红给您留了言：" the next time she talks to the assistant.

The upload is the recording itself (MediaRecorder's WebM/Ogg Opus or MP4 AAC, or WAV/MP3), at most
``family.voice_max_s`` seconds and :func:`max_upload_bytes` (32 KiB a second of that, plus 64 KiB).
It is decoded at once (so a bad upload is refused before anything is saved) and stored as PCM.
"""

from __future__ import annotations

import asyncio
import io
import wave

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant.audio.recording import decode_recording, pcm16
from assistant.config import Settings
from assistant.errors import RecordingError
from assistant.server.api.common import ApiError, caller_of, family_of, int_param, path_id
from assistant.server.api.history import message_json, message_target, sender
from assistant.storage.voice_messages import STORE_RATE, Recording, VoiceMessages

VOICE_PATH = "/api/messages/voice"


def max_upload_bytes(settings: Settings) -> int:
    """The largest recording accepted: 256 kbit/s for ``family.voice_max_s`` (browsers record
    Opus or AAC at 32..128 kbit/s), plus 64 KiB of container."""
    return int(settings.family.voice_max_s * 32 * 1024) + 64 * 1024


async def _recording_body(request: Request, max_bytes: int) -> bytes:
    too_large = ApiError(413, "too_large", f"audio: a voice message is at most {max_bytes} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > max_bytes:
            raise too_large
    if not data:
        raise ApiError(400, "missing_field", "audio: the recording is empty")
    return bytes(data)


async def post_voice_message(request: Request) -> JSONResponse:
    """``?elder_id=`` and optionally ``deliver_at=`` (as for a typed message: checked before the
    upload is read); the body is the recording (any audio ``Content-Type``)."""
    caller = await caller_of(request)
    elder_id = int_param(request.query_params.get("elder_id"), "elder_id")
    deliver_at = await message_target(request, caller, elder_id, request.query_params.get("deliver_at"))
    fam = family_of(request)
    settings: Settings = request.app.state.assistant.settings
    data = await _recording_body(request, max_upload_bytes(settings))
    max_s = settings.family.voice_max_s
    try:
        audio = await asyncio.to_thread(decode_recording, data, rate=STORE_RATE, max_s=max_s)
    except RecordingError as exc:  # not_audio, too_long, silent
        raise ApiError(400, exc.code, f"audio: {exc.message}") from exc
    recording = Recording(pcm=pcm16(audio), rate=STORE_RATE, duration_s=round(audio.size / STORE_RATE, 2))
    message = await fam.storage.thread.run(
        lambda: VoiceMessages(fam.storage.db).post(**sender(caller, elder_id), recording=recording,
                                                   deliver_at=deliver_at)
    )
    return JSONResponse(message_json(message, recording.duration_s), status_code=201)


async def voice_audio(request: Request) -> Response:
    """The recording of one of the household's voice messages, as WAV (for the family to listen to)."""
    caller = await caller_of(request)
    message_id = path_id(request, "message_id")
    fam = family_of(request)
    recording = await fam.storage.thread.run(
        VoiceMessages(fam.storage.db).recording_of, caller.household_id, message_id
    )
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(recording.rate)
        out.writeframes(recording.pcm)
    return Response(buf.getvalue(), media_type="audio/wav")
