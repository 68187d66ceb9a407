#!/usr/bin/env bash
# Git history benchmark: builds (once, cached) a repository of 10,000 content files and 20,000
# commits with `git fast-import` from bench/gen_git_history.py, then times the history pass
# (fb::read_history, the single walk `firebreak build` runs) RUNS times and prints the median.
#
#   bash bench/git-history-bench.sh [--files 10000] [--commits 20000] [--seed 1] [--runs 5]
#                                   [--build-dir DIR] [--regen]
#
# Needs git and python3. The bench executable is built in --build-dir (default: build) with
# `ninja vcs_history_bench`. The repository lives in bench/work/git-<files>-<commits>-s<seed>/.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
FILES=10000 COMMITS=20000 SEED=1 RUNS=5 BUILD="$ROOT/build" REGEN=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES="$2"; shift 2 ;;
    --commits) COMMITS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --build-dir) BUILD="$2"; shift 2 ;;
    --regen) REGEN=1; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

REPO="$BENCH/work/git-$FILES-$COMMITS-s$SEED"
STAMP="$REPO/.git/fb-bench-stamp"
GEN_HASH="$(sha1sum "$BENCH/gen_git_history.py" | cut -d' ' -f1)"
if [ "$REGEN" = 1 ] || [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$GEN_HASH" ]; then
  rm -rf "$REPO"
  mkdir -p "$REPO"
  git -C "$REPO" init -q -b main
  start=$(date +%s)
  python3 "$BENCH/gen_git_history.py" --files "$FILES" --commits "$COMMITS" --seed "$SEED" \
    | git -C "$REPO" fast-import --quiet --done
  git -C "$REPO" reset -q --hard main
  echo "$GEN_HASH" > "$STAMP"
  echo "generated $REPO in $(( $(date +%s) - start )) s:" \
       "$(git -C "$REPO" rev-list --count HEAD) commits," \
       "$(git -C "$REPO" ls-files content | wc -l) content files"
fi

ninja -C "$BUILD" vcs_history_bench >/dev/null
"$BUILD/vcs_history_bench" "$REPO" "$RUNS"
