#!/usr/bin/env bash
# Runs the pattern miners on the ICCO public post-mortems corpus (github.com/icco/postmortems:
# data/*.md with uuid, url, title, categories, keywords, company, product, summary and a body) through
# the site's field mapping, and prints the similar-incident groups with the members' titles, for
# judging the miners on real text.
#
#   bench/lessons-icco.sh /path/to/icco-postmortems [threshold...]
#
# The corpus is copied into a temporary site under ${TMPDIR:-/tmp}; nothing is written to the project.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIREBREAK=${FIREBREAK:-$ROOT/build/firebreak}
CORPUS=${1:?usage: bench/lessons-icco.sh /path/to/icco-postmortems [threshold...]}
shift
THRESHOLDS=("${@:-0.3}")
SITE=$(mktemp -d "${TMPDIR:-/tmp}/fb-icco.XXXXXX")
trap 'rm -rf "$SITE"' EXIT

mkdir -p "$SITE/content/postmortems"
cp "$CORPUS"/data/*.md "$SITE/content/postmortems/"
for t in "${THRESHOLDS[@]}"; do
  cat >"$SITE/site.yaml" <<EOF
title: ICCO public post-mortems
fields:
  uuid: incident_id
  summary: root_cause.summary
  categories: tags
  keywords: triggers
  company: services
patterns:
  min_occurrences: 2
  similarity_threshold: $t
EOF
  echo "== similarity_threshold $t"
  "$FIREBREAK" patterns --site "$SITE" --now 2026-08-01T00:00:00Z --format json --kind similar-incidents -q |
    python3 -c '
import glob, json, re, sys
titles = {}
for f in glob.glob(sys.argv[1] + "/content/postmortems/*.md"):
    text = open(f, encoding="utf-8").read()
    get = lambda k: (re.search(r"^" + k + r": (.*)$", text, re.M) or [None, "?"])[1]
    titles[get("uuid")] = get("company") + ": " + get("title")
groups = json.load(sys.stdin)["patterns"]
print(len(groups), "groups")
for p in groups:
    print(" *", p["strength_note"], "|", ", ".join(p["terms"]))
    for m in p["members"]:
        print("     -", titles.get(m, m)[:110])
' "$SITE"
done
