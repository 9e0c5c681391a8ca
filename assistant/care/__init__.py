"""The care loop: emergencies, alerts to the family, and (later) reminders and check-ins."""
