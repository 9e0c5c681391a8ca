"""Clients of the assistant: web (Android PWA), cli (microphone / WAV), phone simulator."""
