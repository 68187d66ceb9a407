#!/usr/bin/env bash
# Installs dependencies, builds firebreak and builds the bundled example site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target firebreak
./build/firebreak build --site .
echo "Open public/index.html in a browser."
