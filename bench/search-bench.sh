#!/usr/bin/env bash
# Search benchmark: Firebreak's built-in search index and client against Pagefind on the same built site.
#
#   bash bench/search-bench.sh [--docs 10000] [--runs 3] [--seed 1] [--firebreak PATH] [--build-dir DIR]
#
# 1. Corpus: bench/work/corpus-<docs>-s<seed>/firebreak when bench/run.sh generated it, else
#    gen_corpus.py into bench/work/search-corpus-<docs>-s<seed> (40 % runbooks, 60 % PIRs).
# 2. Builds the site once with firebreak into bench/work/search-site-<docs>-s<seed>.
# 3. Index build time, alternating the tools (ABBA), each run from scratch:
#    firebreak: search_index_bench (the index build, encode and write of `firebreak build`, on the
#    loaded documents); Pagefind: `pagefind --site SITE --glob "{runbooks,postmortems}/**/*.html"`
#    (the same 10,000 document pages) under /usr/bin/time. Wall and CPU (user+sys) medians.
# 4. Total index bytes and files on disk.
# 5. Headless Chromium (bench/search-bench.mjs): first-query bytes and time, keystroke-to-results
#    latency, bytes loaded while typing the query by hand; Pagefind through its default UI.
# Prints a Markdown table of medians and saves it to bench/work/search-results-<docs>-s<seed>.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
DOCS=10000
RUNS=3
SEED=1
FIREBREAK="${FIREBREAK:-$ROOT/build/firebreak}"
BUILD_DIR=""
NOW="2026-11-23T00:00:00Z"

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --firebreak) FIREBREAK="$2"; shift 2 ;;
    --build-dir) BUILD_DIR="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "search-bench.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$DOCS$RUNS$SEED" in *[!0-9]*) echo "search-bench.sh: --docs/--runs/--seed take integers" >&2; exit 2 ;; esac
[ -x "$FIREBREAK" ] || { echo "search-bench.sh: $FIREBREAK is not executable (build it, or --firebreak PATH)" >&2; exit 2; }
FIREBREAK="$(cd "$(dirname "$FIREBREAK")" && pwd)/$(basename "$FIREBREAK")"
BUILD_DIR="${BUILD_DIR:-$(dirname "$FIREBREAK")}"
RUNBOOKS=$(( DOCS * 2 / 5 ))
POSTMORTEMS=$(( DOCS - RUNBOOKS ))
WORK="$BENCH/work"
SITE="$WORK/search-site-$DOCS-s$SEED"
SCRATCH="$WORK/search-scratch"
RESULTS="$WORK/search-results-$DOCS-s$SEED.md"
mkdir -p "$WORK"

# ---- tools ---------------------------------------------------------------------------------------
apt_install() {
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@"
}
[ -x /usr/bin/time ] || apt_install time
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || apt_install chromium
PAGEFIND_BIN="$BENCH/node_modules/.bin/pagefind"
[ -x "$PAGEFIND_BIN" ] || npm install --prefix "$BENCH" --no-audit --no-fund --loglevel=error
if [ ! -f "$BENCH/node_modules/playwright-core/index.mjs" ]; then
  version="$(sed -n 's/.*"playwright-core": "\(.*\)".*/\1/p' "$ROOT/tests/browser/package.json")"
  npm install --prefix "$BENCH" --no-save --no-audit --no-fund --loglevel=error "playwright-core@$version"
fi
echo "== building search_index_bench in $BUILD_DIR"
cmake --build "$BUILD_DIR" --target search_index_bench >/dev/null
INDEX_BENCH="$BUILD_DIR/search_index_bench"

# ---- corpus and site -----------------------------------------------------------------------------
CORPUS="$WORK/corpus-$DOCS-s$SEED/firebreak"
if [ ! -f "$CORPUS/site.yaml" ]; then
  CORPUS="$WORK/search-corpus-$DOCS-s$SEED"
  if [ ! -f "$CORPUS/site.yaml" ]; then
    echo "== generating corpus: $RUNBOOKS runbooks + $POSTMORTEMS PIRs (seed $SEED)"
    python3 "$BENCH/gen_corpus.py" --out "$CORPUS" --runbooks "$RUNBOOKS" --postmortems "$POSTMORTEMS" --seed "$SEED"
  fi
fi
echo "== building the site: ${SITE#"$ROOT"/}"
rm -rf "$SITE"
"$FIREBREAK" build --site "$CORPUS" --out "$SITE" --now "$NOW" -q

# ---- index build time ----------------------------------------------------------------------------
TIMES="$(mktemp -d)"
trap 'rm -rf "$TIMES" "$SCRATCH"' EXIT
# `sync` first: the previous run's files must not be written back to disk during this one.
run_firebreak() {
  rm -rf "$SCRATCH"
  sync
  "$INDEX_BENCH" "$CORPUS" "$SCRATCH" > "$TIMES/fb.log"
  sed -n 's/.*(wall \([0-9.]*\) ms), \([0-9.]*\) ms CPU.*/\1 \2/p' "$TIMES/fb.log" >> "$TIMES/firebreak"
  echo "   firebreak index: $(tail -n 1 "$TIMES/firebreak" | awk '{printf "wall %7.0f ms  cpu %7.0f ms", $1, $2}')"
}
run_pagefind() {
  rm -rf "$SITE/pagefind"
  sync
  /usr/bin/time -f '%e %U %S' -o "$TIMES/pf.time" "$PAGEFIND_BIN" --site "$SITE" \
    --glob "{runbooks,postmortems}/**/*.html" > "$TIMES/pf.log" 2>&1
  awk '{printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000}' "$TIMES/pf.time" >> "$TIMES/pagefind"
  echo "   pagefind index:  $(tail -n 1 "$TIMES/pagefind" | awk '{printf "wall %7.0f ms  cpu %7.0f ms", $1, $2}')"
}
echo "== index build, $RUNS runs each (ABBA)"
for ((r = 0; r < RUNS; r++)); do
  if (( r % 2 == 0 )); then run_firebreak; run_pagefind; else run_pagefind; run_firebreak; fi
done

# ---- sizes ---------------------------------------------------------------------------------------
fb_bytes=$(find "$SITE/search" -type f ! -name index.html -printf '%s\n' | awk '{s += $1} END {print s}')
fb_files=$(find "$SITE/search" -type f ! -name index.html | wc -l)
pf_bytes=$(find "$SITE/pagefind" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
pf_files=$(find "$SITE/pagefind" -type f | wc -l)

# ---- browser -------------------------------------------------------------------------------------
# Queries from the corpus: an alert name, a service name, a symptom.
first_rb="$(find "$CORPUS/content/runbooks" -name '*.md' | LC_ALL=C sort | awk 'NR == 1')"
ALERT="$(sed -n 's/^alerts: \[\([A-Za-z0-9]*\).*/\1/p' "$first_rb" | awk 'NR == 1')"
SERVICE="$(basename "$(dirname "$first_rb")")"
QUERIES=("connection pool exhausted" "${ALERT:-KafkaConsumerLagHigh}" "$SERVICE")
echo "== headless Chromium, $RUNS runs: ${QUERIES[*]}"
node "$BENCH/search-bench.mjs" "$SITE" "$RUNS" "${QUERIES[@]}" | tee "$TIMES/browser.jsonl"

python3 - "$TIMES" "$DOCS" "$RUNS" "$fb_bytes" "$fb_files" "$pf_bytes" "$pf_files" > "$RESULTS" <<'EOF'
import json, statistics, sys
times, docs, runs, fb_bytes, fb_files, pf_bytes, pf_files = sys.argv[1:]
def med(xs): return statistics.median(xs) if xs else float("nan")
def col(name, i): return [float(l.split()[i]) for l in open(f"{times}/{name}")]
rows = [json.loads(l) for l in open(f"{times}/browser.jsonl") if l.startswith("{")]
def eng(e, key): return [r[key] for r in rows if r["engine"] == e]
def keys(e): return [k for r in rows if r["engine"] == e for k in r["keys_ms"]]
def p90(xs): xs = sorted(xs); return xs[int(0.9 * (len(xs) - 1))] if xs else float("nan")
kb = lambda b: f"{b / 1024:,.0f} KB"
fw, fc, pw, pc = med(col("firebreak", 0)), med(col("firebreak", 1)), med(col("pagefind", 0)), med(col("pagefind", 1))
print(f"## Search, {int(docs):,} documents ({runs} runs, medians; 2-core shared VM)\n")
print("| | firebreak | Pagefind | firebreak / Pagefind |\n| --- | ---: | ---: | ---: |")
print(f"| index build, wall | {fw:,.0f} ms | {pw:,.0f} ms | {fw / pw:.3f} ({pw / fw:.0f}× faster) |")
print(f"| index build, CPU user+sys | {fc:,.0f} ms | {pc:,.0f} ms | {fc / pc:.3f} ({pc / fc:.0f}× less) |")
print(f"| index on disk | {kb(int(fb_bytes))} in {fb_files} files | {kb(int(pf_bytes))} in {pf_files} files | {int(fb_bytes) / int(pf_bytes):.2f} |")
for label, key in [("first query: bytes loaded", "bytes")]:
    a, b = med(eng("firebreak", key)), med(eng("pagefind", key))
    print(f"| {label} | {kb(a)} | {kb(b)} | {a / b:.2f} |")
a, b = med(eng("firebreak", "first_ms")), med(eng("pagefind", "first_ms"))
print(f"| first query: time to results | {a:,.0f} ms | {b:,.0f} ms | {a / b:.2f} |")
a, b = med(keys("firebreak")), med(keys("pagefind"))
print(f"| keystroke to results, after the first query (median) | {a:.1f} ms | {b:.1f} ms | {a / b:.2f} |")
a, b = p90(keys("firebreak")), p90(keys("pagefind"))
print(f"| keystroke to results (p90) | {a:.1f} ms | {b:.1f} ms | {a / b:.2f} |")
a, b = med(eng("firebreak", "typing_bytes")), med(eng("pagefind", "typing_bytes"))
print(f"| bytes loaded typing the query by hand (100 ms/key) | {kb(a)} | {kb(b)} | {a / b:.2f} |")
print("\nQueries: " + ", ".join(sorted({f'`{r["query"]}` (first query `{r["first"]}`)' for r in rows})) + ".")
print("Pagefind: its default UI (pagefind-ui.js) with `debounceTimeoutMs: 0`, indexing the 10,000 document pages "
      "(`--glob \"{runbooks,postmortems}/**/*.html\"`); both served by the same loopback server, no compression.")
EOF
echo
cat "$RESULTS"
echo
echo "Saved to ${RESULTS#"$ROOT"/}"
