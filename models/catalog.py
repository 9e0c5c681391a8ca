"""The model catalogue: which model each role uses, where its files come from, and their checksums.

The catalogue is data (``models/catalog.toml``); this module loads it into frozen dataclasses and
rejects anything malformed with a :class:`ModelStoreError` naming the catalogue file and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from models.errors import ModelStoreError

DEFAULT_CATALOG = Path(__file__).resolve().parent / "catalog.toml"

_SHA256 = re.compile(r"[0-9a-f]{64}")
_MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_HUB_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")

Layout = Literal["file", "dir"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PackagePart:
    """A file inside an installed Python distribution: ``<module folder>/<path>``."""

    package: str  # PyPI name, for messages ("pip install <package>==<version>")
    version: str  # "" when not pinned
    module: str  # top-level import name; located with find_spec, never imported
    path: str  # POSIX path inside the module folder

    def describe(self) -> str:
        pin = f"=={self.version}" if self.version else ""
        return f"pip: {self.package}{pin} ({self.module}/{self.path})"


@dataclass(frozen=True, slots=True, kw_only=True)
class LocalPart:
    """A file shipped in the repository, relative to the catalogue's folder."""

    local: str

    def describe(self) -> str:
        return f"repo: models/{self.local}"


Part = PackagePart | LocalPart


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelFile:
    name: str  # file name inside the model's store folder
    size: int
    sha256: str
    parts: tuple[Part, ...]  # concatenated in this order
    hub_path: str  # path inside the hub repository


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelSpec:
    name: str
    role: str
    layout: Layout  # "file": path() gives the single file; "dir": the folder
    licence: str
    description: str
    hub: str  # online equivalent ("" when none)
    hub_same_bytes: bool  # hub files equal the package files, so their sha256 is known
    files: tuple[ModelFile, ...]

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleSpec:
    name: str
    default: str
    description: str
    models: tuple[str, ...]  # every catalogue model of this role


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalog:
    path: Path
    roles: Mapping[str, RoleSpec]
    models: Mapping[str, ModelSpec]
    extra_models: tuple[str, ...]  # prepared besides the role defaults

    @property
    def base_dir(self) -> Path:
        """Where ``local`` parts are resolved from."""
        return self.path.parent

    def model(self, name: str) -> ModelSpec:
        try:
            return self.models[name]
        except KeyError:
            raise ModelStoreError(f"unknown model {name!r}; the catalogue {self.path} lists: "
                             f"{', '.join(sorted(self.models))}") from None

    def role(self, name: str) -> RoleSpec:
        try:
            return self.roles[name]
        except KeyError:
            raise ModelStoreError(f"unknown model role {name!r}; known roles: "
                                  f"{', '.join(self.roles)}") from None


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate a catalogue file (default: the one shipped in ``models/catalog.toml``)."""
    file = Path(path) if path else DEFAULT_CATALOG
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelStoreError(f"model catalogue {file} does not exist") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ModelStoreError(f"model catalogue {file} cannot be read: {exc}") from exc
    return _Parser(file).catalog(data)


class _Parser:
    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, key: str, reason: str) -> ModelStoreError:
        return ModelStoreError(f"model catalogue {self.file}: {key}: {reason}")

    def get(self, table: Mapping[str, Any], key: str, where: str, kind: type, default: Any = None) -> Any:
        value = table.get(key, default)
        if value is None:
            raise self.fail(f"{where}.{key}", "missing")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}.{key}", f"expected {kind.__name__}, got {value!r}")
        return value

    def catalog(self, data: Mapping[str, Any]) -> Catalog:
        if data.get("version") != 1:
            raise self.fail("version", "expected version = 1")
        raw_models = self.get(data, "models", "", dict)
        models = {name: self.model(name, spec) for name, spec in raw_models.items()}
        roles: dict[str, RoleSpec] = {}
        for name, spec in self.get(data, "roles", "", dict).items():
            where = f"roles.{name}"
            if not isinstance(spec, dict):
                raise self.fail(where, "expected a table")
            default = self.get(spec, "default", where, str)
            if default not in models or models[default].role != name:
                raise self.fail(f"{where}.default", f"{default!r} is not a model with role = {name!r}")
            members = tuple(m.name for m in models.values() if m.role == name)
            roles[name] = RoleSpec(name=name, default=default, models=members,
                                   description=self.get(spec, "description", where, str, ""))
        for model in models.values():
            if model.role not in roles:
                raise self.fail(f"models.{model.name}.role", f"unknown role {model.role!r}")
        prepare = self.get(data, "prepare", "", dict, {})
        extra = tuple(self.get(prepare, "extra_models", "prepare", list, []))
        for name in extra:
            if name not in models:
                raise self.fail("prepare.extra_models", f"unknown model {name!r}")
        return Catalog(path=self.file, roles=roles, models=models, extra_models=extra)

    def model(self, name: str, spec: Any) -> ModelSpec:
        where = f"models.{name}"
        if not isinstance(spec, dict):
            raise self.fail(where, "expected a table")
        if not _MODEL_NAME.fullmatch(name):
            raise self.fail(where, "model names use letters, digits, '.', '_' and '-'")
        layout = self.get(spec, "layout", where, str)
        if layout not in ("file", "dir"):
            raise self.fail(f"{where}.layout", "must be 'file' or 'dir'")
        hub = self.get(spec, "hub", where, str, "")
        if hub and not _HUB_REPO.fullmatch(hub):
            raise self.fail(f"{where}.hub", f"{hub!r} is not a hub repository id (owner/name)")
        files = tuple(self.model_file(f"{where}.files[{i}]", f)
                      for i, f in enumerate(self.get(spec, "files", where, list)))
        if not files:
            raise self.fail(f"{where}.files", "lists no files")
        if layout == "file" and len(files) != 1:
            raise self.fail(f"{where}.files", "a layout = 'file' model has exactly one file")
        if len({f.name for f in files}) != len(files):
            raise self.fail(f"{where}.files", "file names repeat")
        return ModelSpec(
            name=name, role=self.get(spec, "role", where, str), layout=layout,
            licence=self.get(spec, "licence", where, str),
            description=self.get(spec, "description", where, str, ""),
            hub=hub, hub_same_bytes=self.get(spec, "hub_same_bytes", where, bool, False), files=files,
        )

    def model_file(self, where: str, spec: Any) -> ModelFile:
        if not isinstance(spec, dict):
            raise self.fail(where, "expected a table")
        name = self.get(spec, "name", where, str)
        if not _MODEL_NAME.fullmatch(name):
            raise self.fail(f"{where}.name", f"{name!r} is not a plain file name")
        sha = self.get(spec, "sha256", where, str)
        if not _SHA256.fullmatch(sha):
            raise self.fail(f"{where}.sha256", "expected 64 lower-case hex digits")
        size = self.get(spec, "size", where, int)
        if size <= 0:
            raise self.fail(f"{where}.size", "must be positive")
        parts = tuple(self.part(f"{where}.parts[{i}]", p) for i, p in enumerate(self.get(spec, "parts", where,
                                                                                         list)))
        if not parts:
            raise self.fail(f"{where}.parts", "lists no parts")
        return ModelFile(name=name, size=size, sha256=sha, parts=parts,
                         hub_path=self.get(spec, "hub_path", where, str, name))

    def part(self, where: str, spec: Any) -> Part:
        if not isinstance(spec, dict):
            raise self.fail(where, "expected a table")
        if "local" in spec:
            local = self.get(spec, "local", where, str)
            self.relative(f"{where}.local", local)
            return LocalPart(local=local)
        path = self.get(spec, "path", where, str)
        self.relative(f"{where}.path", path)
        module = self.get(spec, "module", where, str)
        if not module.isidentifier():
            raise self.fail(f"{where}.module", f"{module!r} is not a top-level module name")
        return PackagePart(package=self.get(spec, "package", where, str),
                           version=self.get(spec, "version", where, str, ""),
                           module=module, path=path)

    def relative(self, key: str, value: str) -> None:
        p = PurePosixPath(value)
        if not value or p.is_absolute() or ".." in p.parts:
            raise self.fail(key, f"{value!r} must be a relative path without '..'")
