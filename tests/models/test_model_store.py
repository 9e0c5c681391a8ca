"""ModelStore on a small catalogue in a temporary store: idempotence, corruption, interrupted writes, hub."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.model_store import open_model_store
from models.catalog import Catalog, load_catalog
from models.cli import cmd_prepare, cmd_status
from models.errors import ModelStoreError
from models.integrity import write_atomic
from models.store import ModelStore

VAD_FILE = "silero_vad.onnx"
LLM_FILE = "tiny.gguf"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def parts(tmp_path: Path) -> tuple[bytes, bytes]:
    a, b = os.urandom(300_000), os.urandom(200_000)
    src = tmp_path / "catalog"
    src.mkdir()
    (src / "a.bin").write_bytes(a)
    (src / "b.bin").write_bytes(b)
    return a, b


def _catalog(tmp_path: Path, parts: tuple[bytes, bytes], *, hub_same_bytes: bool = True) -> Catalog:
    """A small catalogue: a real package file (faster-whisper's VAD) and an LLM concatenated from 2 parts."""
    from importlib.util import find_spec

    spec = find_spec("faster_whisper")
    assert spec is not None and spec.submodule_search_locations
    vad = (Path(spec.submodule_search_locations[0]) / "assets" / "silero_vad_v6.onnx").read_bytes()
    whole = parts[0] + parts[1]
    text = f"""version = 1
[roles.vad]
default = "tiny-vad"
[roles.llm]
default = "tiny-llm"
[models.tiny-vad]
role = "vad"
layout = "file"
licence = "MIT"
[[models.tiny-vad.files]]
name = "{VAD_FILE}"
size = {len(vad)}
sha256 = "{_sha(vad)}"
parts = [{{ package = "faster-whisper", module = "faster_whisper", path = "assets/silero_vad_v6.onnx" }}]
[models.tiny-llm]
role = "llm"
layout = "file"
licence = "Apache-2.0"
hub = "test/tiny-llm"
hub_same_bytes = {str(hub_same_bytes).lower()}
[[models.tiny-llm.files]]
name = "{LLM_FILE}"
size = {len(whole)}
sha256 = "{_sha(whole)}"
hub_path = "q4/{LLM_FILE}"
parts = [{{ local = "a.bin" }}, {{ local = "b.bin" }}]
"""
    path = tmp_path / "catalog" / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return load_catalog(path)


@pytest.fixture
def store(tmp_path: Path, parts: tuple[bytes, bytes]) -> ModelStore:
    return ModelStore(tmp_path / "store", _catalog(tmp_path, parts))


def test_prepare_assembles_and_second_run_does_nothing(store: ModelStore, parts: tuple[bytes, bytes]) -> None:
    first = store.prepare(progress=False)
    assert len(first.written) == 2 and not first.nothing_to_do
    llm = store.path("llm")
    assert llm.read_bytes() == parts[0] + parts[1]
    assert store.path("vad").name == VAD_FILE
    second = store.prepare(progress=False)
    assert second.nothing_to_do and second.written == ()
    assert "nothing to do" in second.summary()
    assert all(r.verified and r.present and not r.problem for r in store.status())


def test_unprepared_store_names_the_file_and_the_fix(store: ModelStore) -> None:
    with pytest.raises(ModelStoreError) as info:
        store.path("llm")
    assert LLM_FILE in info.value.message and "assistant models prepare" in info.value.message
    row = next(r for r in store.status() if r.role == "llm")
    assert not row.present and LLM_FILE in row.problem


@pytest.mark.parametrize("damage", ["truncate", "flip-bit"])
def test_corrupt_file_is_reported_never_returned_and_repaired(store: ModelStore, damage: str) -> None:
    store.prepare(progress=False)
    target = store.path("llm")
    data = bytearray(target.read_bytes())
    if damage == "truncate":
        target.write_bytes(data[: len(data) // 2])
    else:
        data[len(data) // 3] ^= 0x10
        target.write_bytes(data)

    row = next(r for r in store.status() if r.role == "llm")
    assert row.present and not row.verified
    assert str(target) in row.problem and "corrupt" in row.problem
    assert ("truncated" if damage == "truncate" else "sha256") in row.problem
    assert "run `assistant models prepare`" in row.problem
    with pytest.raises(ModelStoreError, match="corrupt"):
        store.path("llm")

    report = store.prepare(progress=False)
    assert len(report.repaired) == 1 and str(target) in report.repaired[0]
    assert "repaired" in report.summary()
    assert store.path("llm") == target
    assert store.prepare(progress=False).nothing_to_do


def test_deep_status_catches_damage_that_kept_size_and_mtime(store: ModelStore) -> None:
    store.prepare(progress=False)
    target = store.path("vad")
    before = target.stat()
    data = bytearray(target.read_bytes())
    data[1000] ^= 0x01
    target.write_bytes(data)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # a write that hides its traces
    row = next(r for r in store.status(deep=True) if r.role == "vad")
    assert not row.verified and "sha256" in row.problem
    with pytest.raises(ModelStoreError):  # the deep check dropped the stamp's trust for this file
        store.path("vad")


def test_interrupted_write_leaves_nothing_that_counts(store: ModelStore, tmp_path: Path) -> None:
    final = store.store_dir / "tiny-llm" / LLM_FILE

    def chunks() -> Iterator[bytes]:
        yield b"x" * 1000
        raise KeyboardInterrupt  # killed half way

    with pytest.raises(KeyboardInterrupt):
        write_atomic(final, chunks(), sha256=None, size=None, source="test")
    assert list(final.parent.iterdir()) == []

    # A run killed with SIGKILL leaves its temporary file behind: it is never taken for the model.
    stale = final.parent / f".{LLM_FILE}.dead0000.partial"
    stale.write_bytes(b"x" * 500_000)
    assert not next(r for r in store.status() if r.role == "llm").present
    with pytest.raises(ModelStoreError, match="missing"):
        store.path("llm")
    report = store.prepare(progress=False)
    assert report.removed_temp == (str(stale),)
    assert not stale.exists() and store.path("llm") == final


def test_missing_package_fails_with_the_install_command(tmp_path: Path, parts: tuple[bytes, bytes],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    catalog = _catalog(tmp_path, parts)
    text = catalog.path.read_text().replace('module = "faster_whisper"', 'module = "no_such_model_pkg"')
    catalog.path.write_text(text)
    store = ModelStore(tmp_path / "store", load_catalog(catalog.path))
    assert cmd_prepare(store, progress=False) == 1
    err = capsys.readouterr().err
    assert "pip install --no-deps 'faster-whisper'" in err and "vad model tiny-vad" in err
    assert store.path("llm").is_file()  # the other model was still prepared


def test_cli_status_json_and_table(store: ModelStore, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert cmd_status(store, True) == 1  # nothing prepared yet
    rows = json.loads(capsys.readouterr().out)
    assert {r["role"] for r in rows} == {"vad", "llm"}
    assert set(rows[0]) >= {"role", "model", "source", "size_bytes", "present", "verified", "licence",
                            "problem"}
    assert cmd_prepare(store, progress=False) == 0
    capsys.readouterr()
    assert cmd_status(store, False) == 0
    out = capsys.readouterr().out
    assert "tiny-llm" in out and "pip: faster-whisper" in out and "repo: models/a.bin" in out


def test_local_override_is_used_as_is(tmp_path: Path, store: ModelStore) -> None:
    gguf = tmp_path / "my.gguf"
    gguf.write_bytes(b"GGUF")
    local = ModelStore(store.store_dir, store.catalog, sources={"llm": str(gguf)})
    assert local.path("llm") == gguf
    row = next(r for r in local.status() if r.role == "llm")
    assert row.verified is None and row.present
    missing = ModelStore(store.store_dir, store.catalog, sources={"llm": str(tmp_path / "gone.gguf")})
    with pytest.raises(ModelStoreError, match=r"gone\.gguf.*models\.llm_source"):
        missing.path("llm")


def test_the_settings_pick_store_dir_catalogue_sources_and_hub(tmp_path: Path, store: ModelStore) -> None:
    settings = load_settings(environ={"ASSISTANT_MODELS__HUB_URL": "http://127.0.0.1:9/mirror/"}, overrides={
        "models": {"store_dir": str(tmp_path / "s"), "catalog": str(store.catalog.path),
                   "llm_source": "hub:someone/else"}})
    from_settings = open_model_store(settings)
    assert from_settings.store_dir == tmp_path / "s"
    assert from_settings.hub_url == "http://127.0.0.1:9/mirror"
    row = next(r for r in from_settings.status() if r.role == "llm")
    assert row.model == "hub:someone/else" and row.source.startswith("hub someone/else")


# ---------------------------------------------------------------------------- hub downloads


class _HubHandler(SimpleHTTPRequestHandler):
    """Serves <root>/<owner>/<name>/resolve/main/<path>; /cdn/... answers with a redirect, like the hub."""

    def do_GET(self) -> None:
        if "/resolve/" in self.path and not self.path.startswith("/cdn/"):
            self.send_response(302)
            self.send_header("Location", "/cdn" + self.path)
            self.end_headers()
            return
        self.path = self.path.removeprefix("/cdn")
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_HubHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _publish(root: Path, repo: str, path: str, data: bytes) -> None:
    file = root / repo / "resolve" / "main" / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(data)


def test_hub_download_is_checked_and_idempotent(hub: tuple[str, Path], store: ModelStore,
                                                parts: tuple[bytes, bytes]) -> None:
    url, root = hub
    _publish(root, "test/tiny-llm", f"q4/{LLM_FILE}", parts[0] + parts[1])
    online = ModelStore(store.store_dir, store.catalog, sources={"llm": "hub:test/tiny-llm"}, hub_url=url)
    report = online.prepare(progress=False)
    path = online.path("llm")
    assert path == store.store_dir / "hub" / "test--tiny-llm" / LLM_FILE
    assert path.read_bytes() == parts[0] + parts[1] and str(path) in report.written
    assert online.prepare(progress=False).nothing_to_do
    row = next(r for r in online.status(deep=True) if r.role == "llm")
    assert row.verified and row.source.startswith("hub test/tiny-llm")


def test_hub_download_with_the_wrong_hash_is_rejected(hub: tuple[str, Path], store: ModelStore,
                                                      parts: tuple[bytes, bytes]) -> None:
    url, root = hub
    _publish(root, "test/tiny-llm", f"q4/{LLM_FILE}", parts[1] + parts[0])  # right size, wrong bytes
    online = ModelStore(store.store_dir, store.catalog, sources={"llm": "hub:test/tiny-llm"}, hub_url=url)
    with pytest.raises(ModelStoreError) as info:
        online.prepare(progress=False)
    assert "sha256" in info.value.message and f"q4/{LLM_FILE}" in info.value.message
    folder = store.store_dir / "hub" / "test--tiny-llm"
    assert list(folder.iterdir()) == []  # neither the file nor a temporary file
    with pytest.raises(ModelStoreError, match="missing"):
        online.path("llm")


def test_hub_errors_and_pinned_hash_for_other_repositories(hub: tuple[str, Path], store: ModelStore) -> None:
    url, root = hub
    absent = ModelStore(store.store_dir, store.catalog, sources={"llm": "hub:nobody/nothing"}, hub_url=url)
    with pytest.raises(ModelStoreError, match="HTTP 404"):
        absent.prepare(progress=False)

    # Another repository: its hash is unknown, so the first download's hash is pinned and checked later.
    data = os.urandom(50_000)
    _publish(root, "someone/custom-gguf", "files/custom.gguf", data)
    other = ModelStore(store.store_dir, store.catalog,
                       sources={"llm": "hub:someone/custom-gguf/files/custom.gguf"},
                       hub_url=url)
    other.prepare(progress=False)
    path = other.path("llm")
    assert path.name == "custom.gguf" and path.read_bytes() == data
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(ModelStoreError, match="corrupt"):
        other.path("llm")
    assert other.prepare(progress=False).repaired
    assert other.path("llm").read_bytes() == data
