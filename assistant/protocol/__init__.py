"""Sans-I/O wire formats: bytes/JSON in, typed messages out. Imports nothing else of ours."""
