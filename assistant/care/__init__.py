"""Looking after the elder on the family's behalf: daily summaries (later: reminders, check-ins)."""
