"""The model store's one error. ``models/`` sits below ``assistant/`` and imports nothing of it; the
assistant's entry points handle this error beside ``assistant.errors.AssistantError``."""

from __future__ import annotations


class ModelStoreError(Exception):
    """A model file is missing, corrupt or cannot be assembled, or the catalogue is bad.

    ``message`` says which file and how to fix it."""

    code = "model_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
