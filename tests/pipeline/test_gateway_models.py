"""A gateway loads only the models its settings use: with a remote LLM (a shared inference server),
the embedded LLM is neither loaded nor mapped, and the process needs that much less memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.config import FAST_LLM, REPO_ROOT

pytestmark = pytest.mark.slow

PROBE = """
import json, sys
from assistant.config import load_settings
from assistant.model_store import open_model_store
from assistant.pipeline.engines import load_engines
settings = load_settings(environ={}, overrides=json.loads(sys.argv[1]))
store = open_model_store(settings)
engines = load_engines(settings, store)
llm_file = str(store.path("llm"))
mapped = any(llm_file in line for line in open("/proc/self/maps"))
rss_kib = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
chain = [getattr(m, "name", type(m).__name__) for m in getattr(engines.llm, "models", [engines.llm])]
print(json.dumps({"local_models": len(engines.local_models), "llm_mapped": mapped, "rss_mib": rss_kib / 1024,
                  "chain": chain, "xllamacpp": "xllamacpp" in sys.modules}))
engines.close()
"""


def _start_probe(overrides: dict[str, object]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", PROBE, json.dumps(overrides)], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def _probe_result(proc: subprocess.Popen[str]) -> dict[str, object]:
    try:
        stdout, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, stderr[-3000:]
    result: dict[str, object] = json.loads(stdout.strip().splitlines()[-1])
    return result


def test_a_remote_llm_gateway_does_not_load_the_embedded_llm(model_store: object) -> None:
    shared_llm = {"backends": ["openai"], "base_url": "http://127.0.0.1:9/v1", "model": "shared"}
    remote_settings = {"models": {"llm": FAST_LLM}, "tools": {"enabled": False}, "llm": shared_llm}
    # Both load at once, each process measuring only itself: one on each core, not one after the other.
    with (_start_probe(remote_settings) as remote_probe,
          _start_probe({"models": {"llm": FAST_LLM}, "tools": {"enabled": False}}) as embedded_probe):
        remote, embedded = _probe_result(remote_probe), _probe_result(embedded_probe)
    print(f"\nRSS after loading: remote LLM {remote['rss_mib']:.0f} MiB, embedded {FAST_LLM} "
          f"{embedded['rss_mib']:.0f} MiB")
    assert remote["local_models"] == 0 and not remote["llm_mapped"] and not remote["xllamacpp"]
    assert remote["chain"] == ["openai"]
    assert embedded["local_models"] == 1 and embedded["llm_mapped"]
    assert float(remote["rss_mib"]) < float(embedded["rss_mib"]) - 200  # the 0.5B model alone is ~400 MiB
