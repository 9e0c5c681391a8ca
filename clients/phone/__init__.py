"""Telephone-call simulators: a Twilio Media Streams call and an Asterisk AudioSocket call."""
