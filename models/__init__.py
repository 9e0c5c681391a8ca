"""The model catalogue (``catalog.toml``: what each role uses, where it comes from, its sha256) and the
local store that assembles, verifies and hands out model files (``ModelStore``)."""

from __future__ import annotations

from models.catalog import Catalog, ModelFile, ModelSpec, RoleSpec, load_catalog
from models.store import ModelStore, PrepareReport, RoleStatus

__all__ = ["Catalog", "ModelFile", "ModelSpec", "ModelStore", "PrepareReport", "RoleSpec", "RoleStatus",
           "load_catalog"]
