#!/usr/bin/env bash
# Installs everything Firebreak needs to build and test on Debian 12. Idempotent; run as root (or via sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libyaml-dev libsqlitecpp-dev libsqlite3-dev sqlite3
  libgit2-dev doctest-dev nlohmann-json3-dev libkainjow-mustache-dev libcli11-dev libfmt-dev
  libxxhash-dev libcpp-httplib-dev libmimalloc-dev json-schema-test-suite help2man
  chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm only when the machine has none: a Node.js from elsewhere (NodeSource's `nodejs` ships its own
# npm and conflicts with Debian's `npm` package) must be left alone.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# npm packages of the SARIF schema test (tests/check/sarif: ajv and the official SARIF 2.1.0 schema).
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/tests/check/sarif/node_modules/ajv-draft-04" ]; then
  npm ci --prefix "$root/tests/check/sarif" --no-audit --no-fund
fi

# The default theme's browser libraries (mermaid for ```mermaid diagrams), pinned by the theme's
# package-lock.json and copied into themes/default/assets/vendor/.
bash "$root/scripts/install-theme-vendor.sh"
