#!/usr/bin/env bash
# Side-by-side full-build benchmark: firebreak vs Hugo (and optionally Pagefind) on a generated corpus.
#
#   bash bench/run.sh [--docs 10000] [--runs 5] [--seed 1] [--warmup 1] [--pagefind]
#                     [--firebreak PATH] [--regen] [--out-root DIR] [--no-wait]
#
# --out-root DIR puts both outputs in DIR/{firebreak,hugo}-public (default: public/ inside each corpus
# site, on the same disk as the input). Use a tmpfs (--out-root /dev/shm/fb-bench) to time the tools
# without the file system: on some ext4 set-ups creating files right after deleting many is very slow.
# On ext4 without a journal the script waits until the outputs an earlier invocation deleted are out
# of the kernel's "recently deleted" window (6 minutes); --no-wait skips that.
#
# The corpus (40 % runbooks, 60 % post-incident reviews) is generated once by gen_corpus.py and
# cached under bench/work/corpus-<docs>-s<seed>/{firebreak,hugo}; it is regenerated when
# gen_corpus.py changes or with --regen. Every timed run starts from a deleted output directory
# (and deleted caches), so each one is a full build. Runs alternate between the tools (ABBA order).
# Each run is measured with /usr/bin/time -f '%e %U %S %M'; the script prints medians as Markdown
# and saves them to bench/work/results-<docs>-s<seed>.md. See bench/README.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
DOCS=10000
RUNS=5
SEED=1
WARMUP=1
PAGEFIND=0
REGEN=0
OUT_ROOT=""
WAIT=1
FIREBREAK="${FIREBREAK:-$ROOT/build/firebreak}"
NOW="2026-11-23T00:00:00Z"          # the clock gen_corpus.py writes its dates against
# Extra arguments for firebreak (e.g. FIREBREAK_ARGS="--jobs 2"), split on spaces.
read -r -a FB_EXTRA <<< "${FIREBREAK_ARGS:-}"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --pagefind) PAGEFIND=1; shift ;;
    --firebreak) FIREBREAK="$2"; shift 2 ;;
    --regen) REGEN=1; shift ;;
    --no-wait) WAIT=0; shift ;;
    --out-root) OUT_ROOT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$DOCS$RUNS$SEED$WARMUP" in *[!0-9]*) echo "run.sh: --docs/--runs/--seed/--warmup take integers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "run.sh: --runs must be >= 1" >&2; exit 2; }
[ "$DOCS" -ge 2 ] || { echo "run.sh: --docs must be >= 2" >&2; exit 2; }

RUNBOOKS=$(( DOCS * 2 / 5 ))
[ "$RUNBOOKS" -ge 1 ] || RUNBOOKS=1
POSTMORTEMS=$(( DOCS - RUNBOOKS ))

WORK="$BENCH/work"
CORPUS="$WORK/corpus-$DOCS-s$SEED"
FB_SITE="$CORPUS/firebreak"
HUGO_SITE="$CORPUS/hugo"
LOGS="$WORK/logs"
RESULTS="$WORK/results-$DOCS-s$SEED.md"
mkdir -p "$WORK" "$LOGS"

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
apt_install() {
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "$@"
}
if ! command -v hugo >/dev/null 2>&1; then
  echo "== installing hugo (apt)"
  apt_install hugo
fi
if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (apt)"
  apt_install time
fi
HUGO="$(command -v hugo)"

HAVE_FB=0
if [ -x "$FIREBREAK" ]; then HAVE_FB=1; else
  echo "!! $FIREBREAK not found or not executable: timing Hugo only (set --firebreak PATH or FIREBREAK=PATH)" >&2
fi

PAGEFIND_BIN="$BENCH/node_modules/.bin/pagefind"
if [ "$PAGEFIND" = 1 ] && [ ! -x "$PAGEFIND_BIN" ]; then
  echo "== installing pagefind into bench/node_modules (npm)"
  npm install --prefix "$BENCH" --no-audit --no-fund --loglevel=error
fi

# ---------------------------------------------------------------------------------------------
# Corpus (cached)
# ---------------------------------------------------------------------------------------------
GEN_HASH="$(sha256sum "$BENCH/gen_corpus.py" | cut -c1-16)"
STAMP="gen=$GEN_HASH runbooks=$RUNBOOKS postmortems=$POSTMORTEMS seed=$SEED"
if [ "$REGEN" = 1 ] || [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$STAMP" ]; then
  echo "== generating corpus: $RUNBOOKS runbooks + $POSTMORTEMS PIRs (seed $SEED) into ${CORPUS#"$ROOT"/}"
  rm -rf "$CORPUS"
  python3 "$BENCH/gen_corpus.py" --out "$FB_SITE" --hugo "$HUGO_SITE" \
    --runbooks "$RUNBOOKS" --postmortems "$POSTMORTEMS" --seed "$SEED"
  echo "$STAMP" > "$CORPUS/.stamp"
else
  echo "== using cached corpus ${CORPUS#"$ROOT"/} ($STAMP)"
fi
# Always use the current theme (cheap; lets theme edits take effect without regenerating).
rm -rf "$HUGO_SITE/themes/firebreak"
mkdir -p "$HUGO_SITE/themes"
cp -r "$BENCH/hugo-theme" "$HUGO_SITE/themes/firebreak"
CONTENT_MB=$(du -sb "$FB_SITE/content" | awk '{printf "%.1f", $1/1e6}')

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
TIMES="$WORK/times.$$"
mkdir -p "$TIMES"
trap 'rm -rf "$TIMES"' EXIT

FB_OUT="$FB_SITE/public"
HUGO_OUT="$HUGO_SITE/public"
if [ -n "$OUT_ROOT" ]; then
  mkdir -p "$OUT_ROOT"
  FB_OUT="$OUT_ROOT/firebreak-public"
  HUGO_OUT="$OUT_ROOT/hugo-public"
fi
OUT_FS="$(df -T "$(dirname "$FB_OUT")" | awk 'NR==2{print $2}')"
echo "== outputs: $FB_OUT and $HUGO_OUT ($OUT_FS)"
# Before each run the previous output is moved aside (a rename) and only deleted when the benchmark
# ends: on ext4 without a journal, creating files within ~30 s of deleting many is several times slower
# (the kernel skips recently freed inodes), which would time the file system's reuse policy rather than
# the tools. Each run thus writes into a fresh directory, as a CI build of a fresh clone does.
TRASH_FB="$(dirname "$FB_OUT")/.bench-trash.$$"
TRASH_HUGO="$(dirname "$HUGO_OUT")/.bench-trash.$$"
# The deletion at the end is noted (bench/work/.deleted-at), and a later invocation that writes to ext4
# without a journal waits until those inodes are past the kernel's window: recently_deleted() in
# fs/ext4/ialloc.c skips an inode freed less than 60 s ago, or less than 360 s ago while its inode
# table block is not yet written back; an allocation then scans past every such inode.
DELETED_AT="$WORK/.deleted-at"
no_journal_ext4() {  # no_journal_ext4 DIR: true when DIR is on ext4 mounted without a journal
  [ "$(df -T "$1" | awk 'NR==2{print $2}')" = ext4 ] || return 1
  local dev; dev="$(basename "$(df "$1" | awk 'NR==2{print $1}')")"
  [ "$(cat "/sys/fs/ext4/$dev/journal_task" 2>/dev/null)" = "<none>" ]
}
cleanup() {
  rm -rf "$TIMES"
  local t
  for t in "$TRASH_FB" "$TRASH_HUGO"; do
    [ -e "$t" ] || continue
    if no_journal_ext4 "$t"; then date +%s > "$DELETED_AT"; fi
    rm -rf "$t"
  done
}
trap cleanup EXIT
if [ "$WAIT" = 1 ] && [ -f "$DELETED_AT" ] && no_journal_ext4 "$(dirname "$FB_OUT")"; then
  left=$(( $(cat "$DELETED_AT") + 360 - $(date +%s) ))
  if [ "$left" -gt 0 ]; then
    echo "== waiting ${left}s: the previous benchmark deleted its outputs on ext4 without a journal, whose freed inodes slow every file creation for up to 6 minutes (--no-wait skips this)"
    sleep "$left"
  fi
fi
TRASHED=0
set_aside() {  # set_aside TRASH PATH...: moves each existing PATH into TRASH
  local trash="$1"; shift
  mkdir -p "$trash"
  local p
  for p in "$@"; do
    if [ -e "$p" ]; then TRASHED=$(( TRASHED + 1 )); mv "$p" "$trash/$TRASHED"; fi
  done
}
clean_fb()   { set_aside "$TRASH_FB" "$FB_OUT" "$FB_SITE/.firebreak-cache"; }
clean_hugo() { set_aside "$TRASH_HUGO" "$HUGO_OUT" "$HUGO_SITE/resources"; rm -f "$HUGO_SITE/.hugo_build.lock"; }

# measure NAME RECORD(0|1) CMD...: runs CMD under /usr/bin/time, appends "wall user sys maxrss_kb".
measure() {
  local name="$1" record="$2"; shift 2
  local tf="$TIMES/last" log="$LOGS/$name.log"
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$tf" -- "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "!! $name failed (exit $rc): $*" >&2
    echo "--- last lines of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  local t; t="$(tail -n 1 "$tf")"
  if [ "$record" = 1 ]; then echo "$t" >> "$TIMES/$name"; fi
  printf '   %-22s %s\n' "$name" "$(echo "$t" | awk '{printf "wall %6.2fs  cpu %6.2fs  rss %7.1f MiB", $1, $2+$3, $4/1024}')$([ "$record" = 1 ] || echo '  (warm-up)')"
}

run_fb() {
  clean_fb
  measure firebreak "$1" "$FIREBREAK" build --site "$FB_SITE" --out "$FB_OUT" --now "$NOW" "${FB_EXTRA[@]}"
}
run_hugo() {
  clean_hugo
  measure hugo "$1" "$HUGO" --source "$HUGO_SITE" --destination "$HUGO_OUT" --quiet
}

echo "== $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo); $("$HUGO" version | awk '{print $1, $2}')"
LOAD_NOTE=""
check_load() {
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  if awk -v l="$load" -v n="$(nproc)" 'BEGIN{exit !(l > n / 2)}'; then
    echo "!! load average $load on $(nproc) cores $1: other processes compete, timings will be noisy" >&2
    LOAD_NOTE="${LOAD_NOTE:+$LOAD_NOTE, }load average $load on $(nproc) cores $1"
  fi
}
check_load "before the runs"
if [ "$HAVE_FB" = 1 ]; then echo "   firebreak: $FIREBREAK"; fi
total=$(( WARMUP + RUNS ))
for (( i = 0; i < total; i++ )); do
  record=1; [ "$i" -ge "$WARMUP" ] || record=0
  echo "== run $(( i + 1 ))/$total$([ "$record" = 1 ] || echo ' (warm-up, not counted)')"
  if [ "$HAVE_FB" = 1 ] && [ $(( i % 2 )) -eq 0 ]; then run_fb "$record"; fi
  run_hugo "$record"
  if [ "$HAVE_FB" = 1 ] && [ $(( i % 2 )) -eq 1 ]; then run_fb "$record"; fi
done

check_load "after the runs"
# Sanity: both outputs must exist and be non-trivial.
HUGO_PAGES=$(find "$HUGO_OUT" -name '*.html' | wc -l)
FB_PAGES=""
if [ "$HAVE_FB" = 1 ]; then FB_PAGES=$(find "$FB_OUT" -name '*.html' | wc -l); fi

if [ "$PAGEFIND" = 1 ]; then
  # Pagefind indexes the last full output of each tool (left in place by the last run).
  for (( i = 0; i < total; i++ )); do
    record=1; [ "$i" -ge "$WARMUP" ] || record=0
    echo "== pagefind run $(( i + 1 ))/$total$([ "$record" = 1 ] || echo ' (warm-up, not counted)')"
    if [ "$HAVE_FB" = 1 ]; then
      set_aside "$TRASH_FB" "$FB_OUT/pagefind"
      measure pagefind-firebreak "$record" "$PAGEFIND_BIN" --site "$FB_OUT"
    fi
    set_aside "$TRASH_HUGO" "$HUGO_OUT/pagefind"
    measure pagefind-hugo "$record" "$PAGEFIND_BIN" --site "$HUGO_OUT"
  done
fi

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
python3 - "$TIMES" "$RESULTS" "$DOCS" "$RUNBOOKS" "$POSTMORTEMS" "$SEED" "$RUNS" "$CONTENT_MB" \
  "$HUGO_PAGES" "${FB_PAGES:-}" "$(nproc)" "$LOAD_NOTE" "$OUT_FS" <<'PY'
import os, statistics, sys
times, out, docs, rb, pm, seed, runs, mb, hugo_pages, fb_pages, cores, load_note, out_fs = sys.argv[1:14]
def load(name):
    p = os.path.join(times, name)
    if not os.path.exists(p):
        return None
    rows = [list(map(float, l.split())) for l in open(p) if l.strip()]
    return {"n": len(rows),
            "wall": statistics.median(r[0] for r in rows),
            "cpu": statistics.median(r[1] + r[2] for r in rows),
            "rss": statistics.median(r[3] for r in rows) / 1024.0}
res = {k: load(k) for k in ("firebreak", "hugo", "pagefind-firebreak", "pagefind-hugo")}
lines = ["## Full build, %s documents (%s runbooks + %s PIRs, seed %s, %s MB of Markdown), %s cores, output on %s"
         % (docs, rb, pm, seed, mb, cores, out_fs), "",
         "| tool | runs | median wall (s) | median CPU user+sys (s) | median peak RSS (MiB) | HTML files |",
         "| --- | ---: | ---: | ---: | ---: | ---: |"]
pages = {"firebreak": fb_pages, "hugo": hugo_pages}
for k, label in (("firebreak", "firebreak"), ("hugo", "hugo"),
                 ("pagefind-firebreak", "pagefind on firebreak output"),
                 ("pagefind-hugo", "pagefind on hugo output")):
    r = res[k]
    if r:
        lines.append("| %s | %d | %.2f | %.2f | %.1f | %s |" % (label, r["n"], r["wall"], r["cpu"],
                                                            r["rss"], pages.get(k, "")))
f, h = res["firebreak"], res["hugo"]
if f and h:
    lines.append("| **firebreak / hugo** | | **%.2f×** | **%.2f×** | **%.2f×** | |" % (
        f["wall"] / h["wall"], f["cpu"] / h["cpu"], f["rss"] / h["rss"]))
    pf, ph = res["pagefind-firebreak"], res["pagefind-hugo"]
    if pf and ph:
        lines.append("| firebreak / (hugo + pagefind) | | %.2f× | %.2f× | | |" % (
            f["wall"] / (h["wall"] + ph["wall"]), f["cpu"] / (h["cpu"] + ph["cpu"])))
elif not f:
    lines += ["", "_firebreak was not run (binary missing); Hugo only._"]
if load_note:
    lines += ["", "**Warning: %s; timings are noisy.**" % load_note]
lines += ["", "Ratios below 1 mean firebreak is faster / smaller. Logs of the last runs: bench/work/logs/."]
text = "\n".join(lines) + "\n"
print()
print(text, end="")
with open(out, "w") as fh:
    fh.write(text)
PY
echo "(saved to ${RESULTS#"$ROOT"/})"
