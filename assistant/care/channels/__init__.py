"""Outbound channels that tell the family: webhooks now (SMS and calls later)."""
