#!/usr/bin/env bash
# Installs the default theme's browser libraries from npm, as pinned by themes/default/package.json and
# package-lock.json (npm ci), and copies the files pages load into themes/default/assets/vendor/
# (gitignored: nothing third-party is committed). Today that is mermaid's browser bundle, published
# only by sites whose pages have a ```mermaid block (docs/themes.md, "Diagrams").
# node_modules is made in a temporary folder, so the theme folder holds just the files it publishes.
# Idempotent: does nothing when the installed files came from the same package-lock.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
theme="$root/themes/default"
vendor="$theme/assets/vendor"
stamp="$theme/.vendor-installed"  # sha256 of the package-lock.json the files came from
want="$(sha256sum "$theme/package-lock.json" | cut -d' ' -f1)"
if [ -f "$vendor/mermaid.min.js" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$theme/package.json" "$theme/package-lock.json" "$work/"
npm ci --prefix "$work" --ignore-scripts --no-audit --no-fund --loglevel=error
mkdir -p "$vendor"
install -m 644 "$work/node_modules/mermaid/dist/mermaid.min.js" "$vendor/mermaid.min.js"
install -m 644 "$work/node_modules/mermaid/LICENSE" "$vendor/mermaid.LICENSE.txt"
echo "$want" > "$stamp"
echo "themes/default/assets/vendor: mermaid $(node -p "require('$work/node_modules/mermaid/package.json').version")"
