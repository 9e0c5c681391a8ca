"""Talk to the assistant from a terminal.

    python -m clients.cli --url ws://127.0.0.1:8765/ws                 # live microphone + speaker
    python -m clients.cli --wav question.wav --out answer.wav          # a WAV file instead
    python -m clients.cli --text "今天星期几？"                          # a typed question
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import websockets

from assistant.client.conversation import Conversation, read_wav, silence, write_wav
from clients.cli.devices import NO_DEVICES, missing_audio_devices


async def ask_wav(args: argparse.Namespace) -> int:
    pcm, rate = read_wav(Path(args.wav))
    conv = await Conversation.open(args.url, rate=rate, language=args.language, token=args.token)
    await conv.stream_audio(pcm + silence(1.5, rate), realtime=not args.fast)
    try:
        await conv.wait_for("metrics", timeout=args.timeout)
    finally:
        await conv.close()
    return report(conv, args)


async def ask_text(args: argparse.Namespace) -> int:
    conv = await Conversation.open(args.url, language=args.language, token=args.token)
    await conv.send_json({"type": "text", "text": args.text})
    try:
        await conv.wait_for("metrics", timeout=args.timeout)
    finally:
        await conv.close()
    return report(conv, args)


def report(conv: Conversation, args: argparse.Namespace) -> int:
    for text in conv.transcripts:
        print(f"你/you: {text}")
    answered = [r for r in conv.replies if r.text or r.audio]
    for reply in answered:
        print(f"助手/assistant: {reply.text}")
    for err in conv.errors:
        print(f"error: {err.get('code')}: {err.get('message')}", file=sys.stderr)
    if args.out and answered:
        audio = b"".join(bytes(r.audio) for r in answered)
        write_wav(Path(args.out), audio, conv.out_rate)
        print(f"reply audio saved to {args.out} ({len(audio) / 2 / conv.out_rate:.1f} s)")
    return 0 if answered else 1


def live(args: argparse.Namespace) -> int:
    """The microphone conversation; without audio devices, one line that says what to use instead."""
    problem = missing_audio_devices()
    if problem is None:
        from clients.cli.mic import AudioDeviceError, talk

        try:
            return asyncio.run(talk(args.url, token=args.token, language=args.language))
        except AudioDeviceError as exc:
            problem = NO_DEVICES.format(detail=f" ({exc})")
    print(problem, file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clients.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="ws://127.0.0.1:8765/ws")
    parser.add_argument("--token", default="", help="a device token from pairing")
    parser.add_argument("--language", default="auto", choices=["zh", "en", "auto"])
    parser.add_argument("--wav", help="send this WAV file instead of the microphone")
    parser.add_argument("--text", help="send a typed question")
    parser.add_argument("--out", help="save the reply audio to this WAV file")
    parser.add_argument("--fast", action="store_true", help="stream the WAV faster than real time")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    try:
        if args.wav:
            return asyncio.run(ask_wav(args))
        if args.text:
            return asyncio.run(ask_text(args))
        return live(args)
    except websockets.ConnectionClosed as exc:
        reason = exc.rcvd.reason if exc.rcvd else "no reason given"
        print(f"the server closed the connection: {reason}", file=sys.stderr)
    except (OSError, TimeoutError) as exc:
        print(f"cannot talk to {args.url}: {exc}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
