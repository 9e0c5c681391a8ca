"""Photo questions through the real server: read aloud, name an object, bad images, follow-ups."""

from __future__ import annotations

import asyncio
import base64
import io
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, overlap, pcm_to_float

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
DATA = Path(__file__).parent.parent / "vision" / "data"
LETTER = "明天上午九点社区医院体检"


def letter_png() -> bytes:
    image = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(image).text((40, 100), LETTER, font=ImageFont.truetype(str(FONT), 60), fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def image_message(data: bytes, mime: str, text: str = "") -> dict[str, Any]:
    msg: dict[str, Any] = {"type": "image", "mime": mime, "data": base64.b64encode(data).decode()}
    if text:
        msg["text"] = text
    return msg


def transcribe(transcriber: Any, pcm: bytes | bytearray, rate: int) -> str:
    from assistant.audio.resample import resample

    audio = resample(pcm_to_float(pcm), rate, 16000)
    return str(asyncio.run(transcriber.transcribe(audio, language="zh")).text)


def test_read_aloud_speaks_the_printed_text(server: ServerInfo, transcriber: Any) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json(image_message(letter_png(), "image/png", "帮我念一下"))
        await conv.wait_for("metrics", timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    reply = next(r for r in conv.replies if r.text)
    assert overlap(LETTER, reply.text) >= 0.9, reply.text
    heard = transcribe(transcriber, reply.audio, conv.out_rate)
    assert overlap(LETTER, heard) >= 0.7, heard


def test_everyday_object_is_named_and_follow_up_refers_to_it(server: ServerInfo) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json(image_message((DATA / "coffee.jpg").read_bytes(), "image/jpeg", "这是什么？"))
        await conv.wait_for("metrics", timeout=120)
        await conv.send_json({"type": "text", "text": "照片里的东西是什么？再告诉我一次它的名字。"})
        await conv.wait_for("metrics", count=2, timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    first, second = [r for r in conv.replies if r.text][:2]
    assert "咖啡" in first.text, first.text
    assert len(first.audio) > 0
    assert "咖啡" in second.text, second.text  # the photo is part of the conversation


def test_photo_without_question_gets_the_default_question(server: ServerInfo) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json(image_message((DATA / "coffee.jpg").read_bytes(), "image/jpeg"))
        await conv.wait_for("metrics", timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    assert conv.transcripts and conv.transcripts[0] == "这是什么？"
    assert any("咖啡" in r.text for r in conv.replies)


def test_bad_images_get_clear_errors_and_the_session_goes_on(server: ServerInfo) -> None:
    png = letter_png()
    big = io.BytesIO()
    Image.new("1", (20000, 20000)).save(big, format="PNG")
    jpeg = (DATA / "coffee.jpg").read_bytes()
    bad = [
        image_message(jpeg[: len(jpeg) // 2], "image/jpeg", "这是什么？"),  # truncated
        image_message(big.getvalue(), "image/png", "这是什么？"),  # decompression bomb
        image_message("我不是图片".encode(), "image/png", "这是什么？"),  # text labelled image/png
        image_message(b"", "image/png", "这是什么？"),  # 0 bytes
        image_message(png, "image/jpeg", "这是什么？"),  # mislabelled
    ]

    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        for msg in bad:
            await conv.send_json(msg)
        await conv.wait_for("error", count=len(bad), timeout=60)
        await conv.send_json({"type": "text", "text": "一加一等于几？"})
        await conv.wait_for("metrics", timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    assert [e["code"] for e in conv.errors] == ["bad_image"] * len(bad)
    assert all(e["message"] for e in conv.errors)
    assert any(r.text for r in conv.replies)
