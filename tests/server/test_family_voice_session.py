"""A recorded voice message and a photo thumbnail with a live session, on the real server with real
models: the family's recording (WebM Opus, as a browser records it) is played after the spoken
preface at the elder's next turn, at the session's output rate, and marked delivered; a photo
question leaves a thumbnail that only the elder's household can fetch."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, overlap, pcm_to_float, speak
from tests.server.test_family_session import _family, _redeem
from tests.server.test_photo import image_message, transcribe

RECORDED = "周末我回家吃饭，给您带桂花糕"
DATA = Path(__file__).parent.parent / "vision" / "data"


def webm_opus(pcm16: bytes, rate: int) -> bytes:
    """Mono PCM16 as WebM Opus at 48 kHz, what Chrome's MediaRecorder uploads."""
    from assistant.audio.resample import resample

    audio = resample(pcm_to_float(pcm16), rate, 48000).reshape(1, -1)
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="webm") as container:
        stream = container.add_stream("libopus", rate=48000)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(audio.astype(np.float32), format="flt", layout="mono")
        frame.rate = 48000
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return buf.getvalue()


async def _ask(url: str, token: str, message: dict[str, Any]) -> Conversation:
    conv = await Conversation.open(url, language="zh", token=token)
    await conv.send_json(message)
    await conv.wait_for("metrics", timeout=180)
    # the server counts a message heard only as far as real-time playback got
    await asyncio.sleep(len(conv.replies[-2].audio) / 2 / conv.out_rate + 0.5)  # (-1: the next, empty)
    await conv.close()
    return conv


def test_a_recorded_message_is_played_to_the_elder_and_a_photo_leaves_a_thumbnail(
    server: ServerInfo, voices: Any, transcriber: Any
) -> None:
    owner, daughter = _family(server)
    try:
        elder = owner.post("/api/elders", json={"name": "王秀英", "address": "王奶奶"}).json()
        link = owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).json()
        token = _redeem(server, link["link"])
        recording = webm_opus(speak(voices, RECORDED, before_s=0.3, after_s=0.3), 16000)
        posted = daughter.post("/api/messages/voice", params={"elder_id": elder["id"]}, content=recording,
                               headers={"Content-Type": "audio/webm;codecs=opus"})
        assert posted.status_code == 201, posted.text
        seconds = posted.json()["duration_s"]

        url = f"ws://127.0.0.1:{server.port}/ws"
        conv = asyncio.run(_ask(url, token, {"type": "text", "text": "一加一等于几？"}))
        reply = conv.replies[-2]
        assert reply.text.startswith("您女儿小红给您留了言：（语音留言）"), reply.text
        assert len(reply.audio) / 2 / conv.out_rate > seconds + 1.0  # preface + recording + answer
        heard = transcribe(transcriber, reply.audio, conv.out_rate)
        print(f"the elder heard: {heard!r}")
        assert overlap(RECORDED, heard) >= 0.6, heard  # the family's own words, which no text carried
        delivered = daughter.get("/api/messages").json()["messages"][0]
        assert delivered["kind"] == "voice" and delivered["delivered_at"] is not None

        photo = (DATA / "coffee.jpg").read_bytes()
        asyncio.run(_ask(url, token, image_message(photo, "image/jpeg", "这是什么？")))
        turns = daughter.get("/api/conversations", params={"elder_id": elder["id"]}).json()["turns"]
        asked = [t for t in turns if t["photo"]]
        assert len(asked) == 1 and asked[0]["thumbnail"], turns
        thumb = daughter.get(asked[0]["thumbnail"])
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
        assert max(Image.open(io.BytesIO(thumb.content)).size) <= 240
    finally:
        owner.close()
        daughter.close()
