"""Live conversation through the computer's microphone and speaker (sounddevice)."""

from __future__ import annotations

import asyncio
import json
import queue
import threading

import numpy as np
import websockets

RATE = 16000
BLOCK = 320  # 20 ms


class AudioDeviceError(Exception):
    """The microphone or the speaker could not be opened."""


class Speaker:
    """Plays PCM16 chunks back to back; ``clear()`` drops what is queued (barge-in)."""

    def __init__(self, rate: int) -> None:
        import sounddevice as sd

        self._buf = bytearray()
        self._lock = threading.Lock()
        self._stream = sd.RawOutputStream(samplerate=rate, channels=1, dtype="int16",
                                          callback=self._callback)
        self._stream.start()

    def _callback(self, outdata: memoryview, frames: int, _time: object, _status: object) -> None:
        need = frames * 2
        with self._lock:
            chunk = bytes(self._buf[:need])
            del self._buf[:need]
        outdata[:len(chunk)] = chunk
        outdata[len(chunk):] = b"\x00" * (need - len(chunk))

    def play(self, pcm: bytes) -> None:
        with self._lock:
            self._buf.extend(pcm)

    def clear(self) -> None:
        with self._lock:
            self._buf.clear()

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()


async def talk(url: str, *, token: str = "", language: str = "auto") -> int:
    import sounddevice as sd

    headers = {"Authorization": f"Bearer {token}"} if token else None
    async with websockets.connect(url, additional_headers=headers, max_size=2**24) as ws:
        await ws.send(json.dumps({"type": "hello", "language": language,
                                  "audio": {"format": "pcm16", "rate": RATE, "channels": 1}}))
        ready = json.loads(await ws.recv())
        try:
            speaker = Speaker(int(ready["audio"]["rate"]))
        except sd.PortAudioError as exc:
            raise AudioDeviceError(f"cannot open the speaker: {exc}") from exc
        mic: queue.Queue[bytes] = queue.Queue(maxsize=200)

        def on_audio(indata: np.ndarray, frames: int, _t: object, _s: object) -> None:
            try:
                mic.put_nowait(bytes(indata))
            except queue.Full:
                pass

        print("正在听…（按 Ctrl+C 结束） Listening… (Ctrl+C to stop)")

        async def send_mic() -> None:
            while True:
                chunk = await asyncio.to_thread(mic.get)
                await ws.send(chunk)

        try:
            microphone = sd.RawInputStream(samplerate=RATE, channels=1, dtype="int16", blocksize=BLOCK,
                                           callback=on_audio)
        except sd.PortAudioError as exc:
            speaker.close()
            raise AudioDeviceError(f"cannot open the microphone: {exc}") from exc
        with microphone:
            sender = asyncio.create_task(send_mic())
            try:
                async for frame in ws:
                    if isinstance(frame, bytes):
                        speaker.play(frame)
                        continue
                    msg = json.loads(frame)
                    kind = msg.get("type")
                    if kind == "transcript" and msg.get("final"):
                        print(f"\n你: {msg['text']}")
                    elif kind == "reply":
                        print(msg.get("text", ""), end="", flush=True)
                    elif kind == "interrupted":
                        speaker.clear()
                        print(" [打断]")
                    elif kind == "error":
                        print(f"\n[错误 {msg.get('code')}] {msg.get('message')}")
            except (KeyboardInterrupt, asyncio.CancelledError):
                pass
            finally:
                sender.cancel()
                speaker.close()
    return 0
