"""PCM conversion, resampling, mu-law and VAD: plain synchronous functions."""
