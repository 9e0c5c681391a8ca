#!/usr/bin/env bash
# The project's test command: lint, type checks, then the whole suite with the real models.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
set -e
"$PY" -m ruff check assistant models clients tests
"$PY" -m mypy
set +e
"$PY" -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$rc"
