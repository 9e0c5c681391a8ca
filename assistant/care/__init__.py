"""The care loop: emergencies and alerts to the family, daily summaries (later: reminders, check-ins)."""
