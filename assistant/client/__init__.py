"""The client side of our own protocols: a native websocket client (``conversation``) and a Twilio
call simulator (``twilio_call``). Used by the CLI and phone clients in ``clients/``, the benchmark and
the tests; nothing in the server imports it."""
