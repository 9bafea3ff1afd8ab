#!/usr/bin/env bash
# Kills `gapcheck run` with SIGKILL at random moments, many times, and checks after each kill that every project's
# report set is whole (report.json, .md and .html of one generation, either the previous set or the new one), that
# the next run completes, and that its reports are identical to those of an uninterrupted run.
#
#   scripts/kill-drill.sh [KILLS] [PROJECTS]      (defaults: 30 kills over the first 10 projects of Corpus/inbox)
#   GAPCHECK=path/to/gapcheck scripts/kill-drill.sh
#
# Prints one line per kill and a summary: kills, report sets intact, next runs identical. Exits 1 on any failure.
# Needs python3 (for the checks) besides what scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-30}
projects=${2:-10}
bin=${GAPCHECK:-.build/debug/gapcheck}
[ -x "$bin" ] || swift build --product gapcheck >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/gapcheck-kill-drill.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Inbox A: the first projects of the sample inbox. Inbox B: the same with each project renamed in project.yaml,
# so every report changes and a set made of files from both generations would show.
mkdir -p "$work/A" "$work/B"
for dir in $(ls Corpus/inbox | grep -v '\.yaml$' | head -n "$projects"); do
    cp -a "Corpus/inbox/$dir" "$work/A/$dir"
    cp -a "Corpus/inbox/$dir" "$work/B/$dir"
    yaml="$work/B/$dir/project.yaml"
    if [ -f "$yaml" ] && grep -q '^name:' "$yaml"; then
        sed -i 's/^name: \(.*\)$/name: \1（演练）/' "$yaml"
    else
        printf '\nname: %s（演练）\n' "$dir" >> "$yaml"
    fi
done
run() { "$bin" run "$1" --out "$2" --checklists Checklists --workers 2 --settle-seconds 0 >/dev/null 2>&1 || [ $? -eq 1 ]; }

# The previous state every kill starts from: A's reports, and no cached extraction, so the killed run goes through
# extraction, checking and the swaps of report sets.
run "$work/A" "$work/base"
python3 - "$work/base/state.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("DELETE FROM extractions"); db.commit(); db.close()
PY
cp -a "$work/base" "$work/reference"
start=$(date +%s.%N)
run "$work/B" "$work/reference"
span=$(python3 -c "import time,sys; print(max(1.0, time.time() - float(sys.argv[1])))" "$start")
echo "uninterrupted run: ${span}s"

# Whole sets: the generation stamp of report.json is in report.md and report.html, and each file is complete.
check_sets() {
    python3 - "$1" <<'PY'
import json, os, sys
out = os.path.join(sys.argv[1], "projects")
bad = []
for p in sorted(os.listdir(out)):
    if p.startswith("."):
        continue
    folder = os.path.join(out, p)
    try:
        report = json.load(open(os.path.join(folder, "report.json"), encoding="utf-8"))
        md = open(os.path.join(folder, "report.md"), encoding="utf-8").read()
        html = open(os.path.join(folder, "report.html"), encoding="utf-8").read()
    except Exception as e:
        bad.append(f"{p}: {e}"); continue
    stamp = report.get("generated", "")
    if not html.endswith("</html>\n") or stamp not in md or stamp not in html:
        bad.append(f"{p}: mixed or truncated set")
for b in bad:
    print("  " + b)
sys.exit(1 if bad else 0)
PY
}

# Reports compared with generation times and run ids blanked.
normalised() {
    (cd "$1" && find projects -type f ! -path '*/.*' | sort | while read -r f; do echo "== $f"; cat "$f"; done; cat summary.csv) |
        sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/T/g; s/[0-9]{8}T[0-9]{6}\.[0-9]{3}Z/R/g'
}
normalised "$work/reference" > "$work/reference.txt"

intact=0; identical=0; killed=0
for i in $(seq 1 "$kills"); do
    rm -rf "$work/out"; cp -a "$work/base" "$work/out"
    delay=$(python3 -c "import random,sys; print(round(random.uniform(0.05, float(sys.argv[1])), 2))" "$span")
    "$bin" run "$work/B" --out "$work/out" --checklists Checklists --workers 2 --settle-seconds 0 >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null || true
    ok_sets=no; ok_next=no
    if check_sets "$work/out"; then ok_sets=yes; intact=$((intact + 1)); fi
    run "$work/B" "$work/out"
    normalised "$work/out" > "$work/out.txt"
    if check_sets "$work/out" && cmp -s "$work/reference.txt" "$work/out.txt" \
        && [ -z "$(find "$work/out" -name '.*.new-*' -o -name '.*.old-*' -o -name '*.tmp')" ]; then
        ok_next=yes; identical=$((identical + 1))
    fi
    echo "kill $i at ${delay}s: sets intact $ok_sets, next run identical $ok_next"
done
echo "kills: $kills ($killed while running), report sets intact: $intact/$kills, next runs identical: $identical/$kills"
[ "$intact" -eq "$kills" ] && [ "$identical" -eq "$kills" ]
