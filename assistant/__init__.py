"""A voice-first assistant for elderly Mandarin speakers (phone, Android web client, CLI)."""

__version__ = "0.1.0"
