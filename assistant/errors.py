"""The assistant's exception tree.

::

    AssistantError
    ├── ConfigError          a bad setting: names the key and the reason
    ├── ModelError           a model file is missing, corrupt or cannot be assembled
    ├── ProtocolError        a client (or Twilio, or Asterisk) broke the wire protocol; ``code`` says how
    ├── AuthError            a connection without a valid token
    ├── SlowClient           the client stopped reading its events; the connection is closed
    ├── StorageError         the database cannot be opened, is too new, locked too long, or the disk is full
    ├── DeliveryError        one attempt to send an alert to the family failed (network, HTTP, robot errcode)
    ├── RecordingError       an uploaded voice message is not audio, too long or silent
    └── BackendError         a model backend failed for one turn; the session survives
        ├── AsrError
        ├── LlmError
        ├── TtsError
        └── VisionError
            └── ImageError   the photo itself is bad (corrupt, too big, wrong type)

``models/`` sits below ``assistant/`` and imports nothing of it, so the model store raises its own
``models.errors.ModelStoreError`` (a missing or corrupt model file); the entry points catch it beside
``AssistantError``.

Every error has a ``code`` (the ``error`` message's ``code`` on the wire, see docs/protocol.md) and a
``message``. Adapters translate third-party exceptions at the boundary: ``raise LlmError("...") from exc``.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Root of every error the assistant raises on purpose."""

    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class ConfigError(AssistantError):
    code = "config_error"


class ModelError(AssistantError):
    code = "model_error"


class ProtocolError(AssistantError):
    code = "protocol_error"


class AuthError(AssistantError):
    code = "unauthorized"


class SlowClient(AssistantError):
    code = "slow_client"


class StorageError(AssistantError):
    code = "storage_error"


class DeliveryError(AssistantError):
    code = "delivery_failed"


class RecordingError(AssistantError):
    code = "not_audio"


class BackendError(AssistantError):
    code = "backend_error"


class AsrError(BackendError):
    code = "asr_error"


class LlmError(BackendError):
    code = "llm_error"


class TtsError(BackendError):
    code = "tts_error"


class VisionError(BackendError):
    code = "vision_error"


class ImageError(VisionError):
    code = "bad_image"
