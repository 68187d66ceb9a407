#!/usr/bin/env bash
# The author's loop, timed: `firebreak serve` and `hugo server` on the same generated corpus, the same
# edit (one line appended to one runbook), 20 times each.
#
#   bash bench/serve-bench.sh [--docs 10000] [--edits 20] [--seed 1] [--out-root /dev/shm/fb-serve]
#                             [--firebreak PATH] [--no-hugo]
#
# firebreak: the time from the write of the edited file to the arrival of the reload event that
# names its page, at an event-stream client (what a browser tab sees), p50 and p90; the serve
# process's memory (VmHWM, VmRSS) after the edits; and, for reference, the cold `firebreak build`'s
# peak RSS on the same corpus.
# Hugo: the same edit under `hugo server` (rendering to memory, its default), and Hugo's own
# "Total in N ms" line for each rebuild, p50 and p90. Outputs and the edited copies of the corpus are
# on the out-root (a tmpfs by default). See bench/README.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
DOCS=10000
EDITS=20
SEED=1
OUT_ROOT=/dev/shm/fb-serve
FIREBREAK="${FIREBREAK:-$ROOT/build/firebreak}"
HUGO=1
NOW="2026-11-23T00:00:00Z"

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --docs) DOCS="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --out-root) OUT_ROOT="$2"; shift 2 ;;
    --firebreak) FIREBREAK="$2"; shift 2 ;;
    --no-hugo) HUGO=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "serve-bench.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ -x "$FIREBREAK" ] || { echo "serve-bench.sh: $FIREBREAK is not executable" >&2; exit 2; }
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
  echo "== installing hugo (apt)" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hugo
fi

RUNBOOKS=$(( DOCS * 2 / 5 )); POSTMORTEMS=$(( DOCS - RUNBOOKS ))
CORPUS="$BENCH/work/corpus-$DOCS-s$SEED"
if [ ! -f "$CORPUS/firebreak/site.yaml" ] || { [ "$HUGO" = 1 ] && [ ! -d "$CORPUS/hugo" ]; }; then
  echo "== generating corpus: $RUNBOOKS runbooks + $POSTMORTEMS PIRs (seed $SEED)" >&2
  rm -rf "$CORPUS"
  python3 "$BENCH/gen_corpus.py" --out "$CORPUS/firebreak" --hugo "$CORPUS/hugo" \
    --runbooks "$RUNBOOKS" --postmortems "$POSTMORTEMS" --seed "$SEED" >/dev/null
fi

mkdir -p "$OUT_ROOT"
SITE="$OUT_ROOT/firebreak-site"
rm -rf "$SITE" "$OUT_ROOT/firebreak-public" "$OUT_ROOT/cold-public"
cp -r "$CORPUS/firebreak" "$SITE"
rm -rf "$SITE/.firebreak-cache"
mapfile -t FILES < <(cd "$SITE" && ls content/runbooks/*/*.md | head -n "$EDITS")

cold_rss=$(/usr/bin/time -f '%M' "$FIREBREAK" build -q --no-cache --now "$NOW" --site "$SITE" \
  --out "$OUT_ROOT/cold-public" 2>&1 >/dev/null | tail -1)
rm -rf "$OUT_ROOT/cold-public"

"$FIREBREAK" serve --site "$SITE" --out "$OUT_ROOT/firebreak-public" --port 0 --now "$NOW" -q \
  2>"$OUT_ROOT/serve.log" &
SERVE_PID=$!
trap 'kill -INT $SERVE_PID 2>/dev/null || true; [ -n "${HUGO_PID:-}" ] && kill $HUGO_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "Ctrl-C" "$OUT_ROOT/serve.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o '127.0.0.1:[0-9]*' "$OUT_ROOT/serve.log" | head -1 | cut -d: -f2)
[ -n "$PORT" ] || { echo "serve-bench.sh: serve did not start" >&2; cat "$OUT_ROOT/serve.log" >&2; exit 1; }

python3 - "$PORT" "$SITE" "${FILES[@]}" > "$OUT_ROOT/firebreak.ms" <<'EOF'
import http.client, os, sys, threading, time
port, site, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
conn = http.client.HTTPConnection("127.0.0.1", port)
conn.request("GET", "/__firebreak/events")
resp = conn.getresponse()
events, lock = [], threading.Condition()
def read():
    buf = b""
    while True:
        line = resp.fp.readline()
        if not line:
            return
        buf += line
        if line == b"\n":
            with lock:
                events.append((time.monotonic(), buf.decode()))
                lock.notify_all()
            buf = b""
threading.Thread(target=read, daemon=True).start()
time.sleep(0.5)
for i, rel in enumerate(files):
    page = rel[len("content/"):-3] + "/index.html"
    with lock:
        start_at = len(events)
    t0 = time.monotonic()
    with open(os.path.join(site, rel), "a") as f:
        f.write(f"\nA line appended by the serve benchmark, edit {i}.\n")
    deadline = t0 + 30
    got = None
    with lock:
        while got is None and time.monotonic() < deadline:
            for t, e in events[start_at:]:
                if "event: reload" in e and page in e:
                    got = t
                    break
            if got is None:
                lock.wait(0.05)
    print(f"{(got - t0) * 1000:.1f}" if got else "nan", flush=True)
    time.sleep(0.3)
EOF
read -r hwm rss < <(awk '/VmHWM/ {h=$2} /VmRSS/ {r=$2} END {print h, r}' "/proc/$SERVE_PID/status")
kill -INT $SERVE_PID; wait $SERVE_PID || true

pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i=int((NR-1)*p/100+0.5)+1; print a[i]}'; }
echo "| loop | p50 (ms) | p90 (ms) | edits | memory |"
echo "| --- | ---: | ---: | ---: | --- |"
printf '| firebreak serve: write -> reload event | %s | %s | %s | serve VmHWM %d MiB, VmRSS %d MiB; cold build peak %d MiB |\n' \
  "$(pct 50 < "$OUT_ROOT/firebreak.ms")" "$(pct 90 < "$OUT_ROOT/firebreak.ms")" "$(grep -vc nan "$OUT_ROOT/firebreak.ms")" \
  $(( hwm / 1024 )) $(( rss / 1024 )) $(( cold_rss / 1024 ))

if [ "$HUGO" = 1 ]; then
  HSITE="$OUT_ROOT/hugo-site"
  rm -rf "$HSITE"; cp -r "$CORPUS/hugo" "$HSITE"
  HPORT=$(( PORT + 1 ))
  hugo server --source "$HSITE" --port "$HPORT" --bind 127.0.0.1 --disableLiveReload=false >"$OUT_ROOT/hugo.log" 2>&1 &
  HUGO_PID=$!
  for _ in $(seq 1 1200); do grep -q "Web Server is available" "$OUT_ROOT/hugo.log" 2>/dev/null && break; sleep 0.1; done
  for rel in "${FILES[@]}"; do
    before=$(grep -c "Total in" "$OUT_ROOT/hugo.log" || true)
    echo "A line appended by the serve benchmark." >> "$HSITE/$rel"
    for _ in $(seq 1 300); do [ "$(grep -c "Total in" "$OUT_ROOT/hugo.log" || true)" -gt "$before" ] && break; sleep 0.1; done
    sleep 0.3
  done
  kill $HUGO_PID; wait $HUGO_PID 2>/dev/null || true
  # The first "Total in" is the initial build; the rest are the rebuilds after each edit.
  grep -o "Total in [0-9]* ms" "$OUT_ROOT/hugo.log" | awk 'NR > 1 {print $3}' > "$OUT_ROOT/hugo.ms"
  printf '| hugo server: its own "Total in" per rebuild | %s | %s | %s | |\n' \
    "$(pct 50 < "$OUT_ROOT/hugo.ms")" "$(pct 90 < "$OUT_ROOT/hugo.ms")" "$(wc -l < "$OUT_ROOT/hugo.ms")"
fi
rm -rf "$SITE" "$OUT_ROOT/firebreak-public" "${HSITE:-}"
