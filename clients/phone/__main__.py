"""Simulate a phone call: ``python -m clients.phone twilio|audiosocket --wav question.wav --out reply.wav``.

Twilio: ``--server http://127.0.0.1:8765`` (and ``--auth-token`` if the server checks Twilio
signatures: the same token it has). AudioSocket: ``--host``/``--port`` of the listener.
The caller waits for the greeting to play, says the WAV file, listens to the answer, saves what it
received (8 kHz) and prints the timings.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

import numpy as np

from assistant.client.twilio_call import TwilioCall
from clients.phone.audiosocket_call import AudioSocketCall
from clients.phone.wav import read_wav_8k, write_wav


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m clients.phone", description=__doc__)
    parser.add_argument("kind", choices=["twilio", "audiosocket"])
    parser.add_argument("--wav", required=True, type=Path, help="what the caller says (mono 16-bit WAV)")
    parser.add_argument("--out", type=Path, default=Path("reply.wav"), help="where to save the answer")
    parser.add_argument("--server", default="http://127.0.0.1:8765", help="(twilio) the server's base URL")
    parser.add_argument("--auth-token", default=os.environ.get("TWILIO_AUTH_TOKEN", ""),
                        help="(twilio) sign the webhook request with this token")
    parser.add_argument("--from", dest="caller", default="+8613800000000",
                        help="(twilio) the caller's number")
    parser.add_argument("--host", default="127.0.0.1", help="(audiosocket) listener host")
    parser.add_argument("--port", type=int, default=9092, help="(audiosocket) listener port")
    parser.add_argument("--timeout", type=float, default=60.0)
    return parser


async def _twilio(args: argparse.Namespace, question: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
    call = await TwilioCall.dial(args.server, caller=args.caller, auth_token=args.auth_token)
    await call.listen(max_s=args.timeout)  # the greeting
    _, spoken_end = await call.send_audio(question)
    await call.listen(after=spoken_end, max_s=args.timeout)
    await call.stop()
    first = call.log.first_media_after(spoken_end)
    figures = {"voice_to_voice_ms": (first - spoken_end) * 1000 if first else float("nan"),
               "clears": float(len(call.log.clears))}
    return call.log.audio_between(spoken_end), figures


async def _audiosocket(args: argparse.Namespace, question: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
    call = await AudioSocketCall.connect(args.host, args.port)
    await call.listen(max_s=args.timeout)
    _, spoken_end = await call.send_audio(question)
    await call.listen(after=spoken_end, max_s=args.timeout)
    await call.hangup()
    first = next((at for at, _ in call.log.audio if at >= spoken_end), None)
    return call.log.audio_between(spoken_end), {
        "voice_to_voice_ms": (first - spoken_end) * 1000 if first else float("nan")}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    question = read_wav_8k(args.wav)
    started = time.monotonic()
    run = _twilio if args.kind == "twilio" else _audiosocket
    try:
        audio, figures = asyncio.run(run(args, question))
    except (OSError, RuntimeError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    write_wav(args.out, audio)
    print(f"answer: {audio.size / 8000:.1f} s saved to {args.out}; call took "
          f"{time.monotonic() - started:.1f} s")
    for key, value in figures.items():
        print(f"{key}: {value:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
