#!/usr/bin/env bash
# Installs dependencies, builds firebreak and builds the bundled example site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target firebreak
# The example site is one team's knowledge base as it stood on 23 November 2026: its open action items
# and runbook review dates are relative to that day, so it is built as of that day (the tests use the
# same --now). `firebreak build --site .` alone uses today's date and reports, rightly, every action
# item and review that has become overdue since.
./build/firebreak build --site . --now 2026-11-23T00:00:00Z
echo "Open public/index.html in a browser."
