#!/usr/bin/env bash
# Installs dependencies, builds firebreak and runs the whole test suite under CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
npm ci --prefix tests/browser --no-audit --no-fund  # playwright-core for tests/browser (uses Debian's chromium)
ctest --test-dir build --output-on-failure -j2
