"""The command-line client: live microphone via sounddevice, or a WAV file."""
