#!/usr/bin/env bash
# Benchmark of the lessons stage: times `firebreak patterns` (load + metrics + all pattern miners) on a
# generated corpus and prints the median of several runs, split into loading and mining.
#
#   bench/lessons-bench.sh                      # 4000 runbooks + 6000 PIRs, 5 runs
#   POSTMORTEMS=10000 RUNBOOKS=2000 bench/lessons-bench.sh
#   BUILD=1 bench/lessons-bench.sh              # also `firebreak build -v`: lessons and lessons.db stages, db size
#   PLANT=12 bench/lessons-bench.sh             # corpus with one planted recurrence (gen_corpus.py --plant), and
#                                               # whether the miners find it
#
# Environment: FIREBREAK (binary; default build/firebreak), RUNBOOKS, POSTMORTEMS, RUNS, SEED, PLANT,
# WORK (corpus directory; default bench/work/lessons-<runbooks>-<postmortems>-s<seed>[-plant<n>]), BUILD (1: also time
# full builds into OUT, default /dev/shm/lessons-bench-out; tmpfs, as the disk is slow after deletions).
# The corpus is generated once by bench/gen_corpus.py (deterministic) and reused.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIREBREAK=${FIREBREAK:-$ROOT/build/firebreak}
RUNBOOKS=${RUNBOOKS:-4000}
POSTMORTEMS=${POSTMORTEMS:-6000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
PLANT=${PLANT:-0}
suffix=""
if ((PLANT > 0)); then suffix="-plant$PLANT"; fi
WORK=${WORK:-$ROOT/bench/work/lessons-$RUNBOOKS-$POSTMORTEMS-s$SEED$suffix}
NOW=2026-11-23T00:00:00Z   # the clock gen_corpus.py writes its dates against

if [[ ! -x $FIREBREAK ]]; then
  echo "error: $FIREBREAK not found; build it or set FIREBREAK=" >&2
  exit 2
fi
if [[ ! -f $WORK/.stamp ]]; then
  echo "generating $RUNBOOKS runbooks and $POSTMORTEMS PIRs into $WORK ..." >&2
  rm -rf "$WORK"
  python3 "$ROOT/bench/gen_corpus.py" --out "$WORK" --runbooks "$RUNBOOKS" --postmortems "$POSTMORTEMS" \
    --seed "$SEED" --plant "$PLANT" >&2
  touch "$WORK/.stamp"
fi

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

totals=() loads=() minings=() patterns=0
for ((i = 1; i <= RUNS; i++)); do
  log=$(mktemp)
  start=$(date +%s%N)
  "$FIREBREAK" patterns --site "$WORK" --now "$NOW" --format json -v >"$log.json" 2>"$log"
  end=$(date +%s%N)
  totals+=("$(( (end - start) / 1000000 ))")
  # -v prints "<ms> ms  <step>"; the first line is loading, the others are the lessons steps.
  loads+=("$(awk '/ms  load/ { print $1; exit }' "$log")")
  minings+=("$(awk '/ ms  / && !/ms  load/ { s += $1 } END { printf "%.1f", s }' "$log")")
  patterns=$(grep -c '"kind":' "$log.json" || true)
  steps=$(grep ' ms  ' "$log")
  rm -f "$log" "$log.json"
done

echo "firebreak patterns on $POSTMORTEMS PIRs + $RUNBOOKS runbooks, $RUNS runs ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)):"
echo "  total   median $(printf '%s\n' "${totals[@]}" | median) ms (wall, process start to exit)"
echo "  load    median $(printf '%s\n' "${loads[@]}" | median) ms (discover, read, parse, model)"
echo "  mining  median $(printf '%s\n' "${minings[@]}" | median) ms (metrics + similarity + every miner)"
echo "  patterns found: $patterns"
echo "  steps of the last run:"
echo "$steps" | sed 's/^/  /'
# The significance counts: candidates tested and kept per miner (docs/patterns.md#significance).
text=$("$FIREBREAK" patterns --site "$WORK" --now "$NOW" 2>/dev/null)
echo "  $(tail -n 1 <<<"$text")"
if ((PLANT > 0)); then
  planted=$(grep -c '^  Root cause certificate recurred on' <<<"$text" || true)
  echo "  planted recurrence ($PLANT certificate incidents of one service in ten days) found: $planted pattern(s)"
fi

if [[ ${BUILD:-0} == 1 ]]; then
  OUT=${OUT:-/dev/shm/lessons-bench-out}
  analyse=() db=() size=0
  for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$OUT"
    log=$("$FIREBREAK" build --site "$WORK" --out "$OUT" --now "$NOW" -v 2>&1 >/dev/null | grep ' ms  ' || true)
    analyse+=("$(awk '/ms  lessons \(/ { print $1; exit }' <<<"$log")")
    db+=("$(awk '/ms  lessons.db/ { print $1; exit }' <<<"$log")")
    size=$(stat -c %s "$OUT/lessons.db")
  done
  rm -rf "$OUT"
  echo "firebreak build, $RUNS runs:"
  echo "  lessons stage   median $(printf '%s\n' "${analyse[@]}" | median) ms (analyse_lessons, before render)"
  echo "  lessons.db      median $(printf '%s\n' "${db[@]}" | median) ms (beside render)"
  echo "  lessons.db size $size bytes"
fi
