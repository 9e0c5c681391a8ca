"""``assistant eval``: answer quality and ASR accuracy, measured through the real server."""
