"""The model store the settings describe (``models/`` is below ``assistant/``: only this way round)."""

from __future__ import annotations

import logging

from assistant.config import Settings
from models.catalog import load_catalog
from models.store import ModelStore

log = logging.getLogger(__name__)


def open_model_store(settings: Settings) -> ModelStore:
    """The store of ``models.store_dir`` with ``models.catalog``, ``models.llm``, the per-role sources
    and ``models.hub_url``. Raises ``models.errors.ModelStoreError`` for a bad catalogue."""
    m = settings.models
    catalog = load_catalog(settings.path(m.catalog) if m.catalog else None)
    sources = {}
    for role, value in (("asr", m.asr_source), ("llm", m.llm_source)):
        if value:
            sources[role] = value if value.startswith("hub:") else str(settings.path(value))
    # A custom catalogue may not carry the stock LLM names; then its own default stands.
    defaults = {"llm": m.llm} if m.llm in catalog.models else {}
    if not defaults:
        log.info("models.llm = %r is not in %s; using its default", m.llm, catalog.path)
    return ModelStore(settings.path(m.store_dir), catalog, defaults=defaults, sources=sources,
                      hub_url=m.hub_url or None)
