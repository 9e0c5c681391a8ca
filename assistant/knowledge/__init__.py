"""Common facts the LLM answers from (:mod:`assistant.knowledge.facts`)."""
