#!/usr/bin/env bash
# Incremental-build benchmark: a cold build against cached rebuilds after one edit, on the bench corpus.
#
#   bash bench/incremental.sh [--sizes "1000 10000"] [--runs 5] [--seed 1] [--out-root /dev/shm/fb-incr]
#                             [--firebreak PATH]
#
# For each size it copies the generated corpus (bench/gen_corpus.py, cached in bench/work/) to the
# out-root, then times, each under /usr/bin/time -f '%e %M', alternating the kinds of run:
#   cold      firebreak build --no-cache                       (the full pipeline, nothing reused)
#   body      a cached build after appending a line to one runbook's body (a different runbook each run)
#   severity  a cached build after moving one PIR to another severity (it changes lists and metrics)
#   noop      a cached build with nothing changed
# and prints the medians (wall, peak RSS) with the ratios to the cold build. With --hugo it also times
# `hugo` (full build) on the same corpus for reference. Outputs go to the out-root (a tmpfs by default),
# so the disk is not measured. See bench/README.md and docs/performance.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
SIZES="1000 10000"
RUNS=5
SEED=1
OUT_ROOT=/dev/shm/fb-incr
FIREBREAK="${FIREBREAK:-$ROOT/build/firebreak}"
NOW="2026-11-23T00:00:00Z"
HUGO=0

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out-root) OUT_ROOT="$2"; shift 2 ;;
    --firebreak) FIREBREAK="$2"; shift 2 ;;
    --hugo) HUGO=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "incremental.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -x "$FIREBREAK" ] || { echo "incremental.sh: $FIREBREAK is not executable (cmake --build build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "incremental.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

# Times one firebreak build; appends "wall rss_kb" to the file $1.
timed() {
  local into="$1"; shift
  /usr/bin/time -o "$OUT_ROOT/.time" -f '%e %M' "$FIREBREAK" build -q --now "$NOW" "$@" >/dev/null 2>"$OUT_ROOT/.log" || {
    echo "incremental.sh: a build failed:" >&2; tail -20 "$OUT_ROOT/.log" >&2; exit 1; }
  cat "$OUT_ROOT/.time" >> "$into"
}

mkdir -p "$OUT_ROOT"
echo "| documents | run | median wall (s) | ratio to cold | median peak RSS (MiB) | RSS ratio |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for DOCS in $SIZES; do
  RUNBOOKS=$(( DOCS * 2 / 5 )); POSTMORTEMS=$(( DOCS - RUNBOOKS ))
  CORPUS="$BENCH/work/corpus-$DOCS-s$SEED/firebreak"
  if [ ! -f "$CORPUS/site.yaml" ]; then
    echo "== generating corpus: $RUNBOOKS runbooks + $POSTMORTEMS PIRs (seed $SEED)" >&2
    python3 "$BENCH/gen_corpus.py" --out "$CORPUS" --runbooks "$RUNBOOKS" --postmortems "$POSTMORTEMS" --seed "$SEED" >/dev/null
  fi
  SITE="$OUT_ROOT/site-$DOCS"
  rm -rf "$SITE" "$OUT_ROOT/out-$DOCS" "$OUT_ROOT/cold-$DOCS"
  cp -r "$CORPUS" "$SITE"
  rm -rf "$SITE/.firebreak-cache"
  mapfile -t RBS < <(cd "$SITE" && ls content/runbooks/*/*.md | head -n $(( RUNS * 2 + 2 )))
  mapfile -t PMS < <(cd "$SITE" && grep -l '^severity: SEV[23]' -r content/postmortems | sort | head -n $(( RUNS * 2 + 2 )))
  for kind in cold body severity noop; do : > "$OUT_ROOT/$kind.times"; done
  # Prime the cache (and the page cache) once.
  timed "$OUT_ROOT/prime.times" --site "$SITE" --out "$OUT_ROOT/out-$DOCS"
  for ((i = 0; i < RUNS; i++)); do
    timed "$OUT_ROOT/cold.times" --site "$SITE" --out "$OUT_ROOT/cold-$DOCS" --no-cache
    echo "Appended by the incremental benchmark, run $i." >> "$SITE/${RBS[$i]}"
    timed "$OUT_ROOT/body.times" --site "$SITE" --out "$OUT_ROOT/out-$DOCS"
    sed -i -e 's/^severity: SEV2$/severity: SEVX/' -e 's/^severity: SEV3$/severity: SEV2/' -e 's/^severity: SEVX$/severity: SEV3/' "$SITE/${PMS[$i]}"
    timed "$OUT_ROOT/severity.times" --site "$SITE" --out "$OUT_ROOT/out-$DOCS"
    timed "$OUT_ROOT/noop.times" --site "$SITE" --out "$OUT_ROOT/out-$DOCS"
  done
  cold_wall=$(cut -d' ' -f1 "$OUT_ROOT/cold.times" | median)
  cold_rss=$(cut -d' ' -f2 "$OUT_ROOT/cold.times" | median)
  for kind in cold body severity noop; do
    wall=$(cut -d' ' -f1 "$OUT_ROOT/$kind.times" | median)
    rss=$(cut -d' ' -f2 "$OUT_ROOT/$kind.times" | median)
    awk -v d="$DOCS" -v k="$kind" -v w="$wall" -v cw="$cold_wall" -v r="$rss" -v cr="$cold_rss" \
      'BEGIN {printf "| %d | %s | %.3f | %.2fx | %.0f | %.2fx |\n", d, k, w, w / cw, r / 1024, r / cr}'
  done
  # The cached output must equal the cold one (lessons.db compared by its SQL dump).
  "$FIREBREAK" build -q --now "$NOW" --site "$SITE" --out "$OUT_ROOT/cold-$DOCS" --no-cache 2>/dev/null
  if ! diff -rq -x lessons.db "$OUT_ROOT/out-$DOCS" "$OUT_ROOT/cold-$DOCS" >/dev/null ||
     ! cmp -s <(sqlite3 "$OUT_ROOT/out-$DOCS/lessons.db" .dump) <(sqlite3 "$OUT_ROOT/cold-$DOCS/lessons.db" .dump); then
    echo "incremental.sh: the cached output differs from a cold build at $DOCS documents" >&2; exit 1
  fi
  if [ "$HUGO" = 1 ] && command -v hugo >/dev/null && [ -d "$BENCH/work/corpus-$DOCS-s$SEED/hugo" ]; then
    : > "$OUT_ROOT/hugo.times"
    for ((i = 0; i < RUNS; i++)); do
      rm -rf "$OUT_ROOT/hugo-$DOCS"
      /usr/bin/time -o "$OUT_ROOT/.time" -f '%e %M' hugo --quiet --source "$BENCH/work/corpus-$DOCS-s$SEED/hugo" \
        --destination "$OUT_ROOT/hugo-$DOCS" >/dev/null 2>&1 && cat "$OUT_ROOT/.time" >> "$OUT_ROOT/hugo.times"
    done
    wall=$(cut -d' ' -f1 "$OUT_ROOT/hugo.times" | median); rss=$(cut -d' ' -f2 "$OUT_ROOT/hugo.times" | median)
    awk -v d="$DOCS" -v w="$wall" -v cw="$cold_wall" -v r="$rss" -v cr="$cold_rss" \
      'BEGIN {printf "| %d | hugo (full build) | %.3f | %.2fx | %.0f | %.2fx |\n", d, w, w / cw, r / 1024, r / cr}'
  fi
  rm -rf "$SITE" "$OUT_ROOT/out-$DOCS" "$OUT_ROOT/cold-$DOCS"
done
