#!/usr/bin/env bash
# Measures the batch overview at 1,000 projects: generates 1,000 project reports from the sample corpus's own
# reports (ids, names and jurisdictions varied), joins them with `gapcheck merge`, then reports index.html's bytes
# and the time headless Chromium takes to lay it out at a 1366 px window, and the page's width there.
#   bench/index-1000.sh [GAPCHECK_BINARY]     (default .build/debug/gapcheck; run scripts/run-corpus.sh or
#                                               `gapcheck run Corpus/inbox --out Output` first)
set -euo pipefail
cd "$(dirname "$0")/.."
gapcheck=${1:-.build/debug/gapcheck}
count=${BENCH_PROJECTS:-1000}
[[ -d Output/projects ]] || "$gapcheck" run Corpus/inbox --out Output >/dev/null || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/in" "$count" <<'PY'
import json, os, sys, glob
out, count = sys.argv[1], int(sys.argv[2])
sources = [json.load(open(p)) for p in sorted(glob.glob("Output/projects/*/report.json"))]
places = [("yangcheng", "阳城县"), ("wendeng", "文登区"), ("shangrao", "上饶市"), ("laizhou", "莱州市"), ("dalateqi", "达拉特旗")]
for i in range(count):
    report = json.loads(json.dumps(sources[i % len(sources)]))
    pid = "p%04d" % i
    jid, jname = places[i % len(places)]
    report["project"].update(id=pid, name="%s第%d批%s" % (jname, i, report["project"]["name"]), jurisdiction=jid,
                             jurisdictionName=jname)
    os.makedirs(f"{out}/projects/{pid}", exist_ok=True)
    json.dump(report, open(f"{out}/projects/{pid}/report.json", "w"), ensure_ascii=False)
# merge joins finished sweeps only: this generated folder stands for a one-shard sweep.
json.dump({"index": 1, "count": 1, "checklists": {}}, open(f"{out}/shard.json", "w"))
PY

start=$(date +%s.%N)
"$gapcheck" merge "$work/in" --out "$work/out" >/dev/null
merged=$(date +%s.%N)
index="$work/out/index.html"
# Layout is forced (scrollWidth) before the clock is read at the load event, so the time includes parsing,
# the filter script and one full layout of every row.
sed 's#</body>#<script>addEventListener("load",function(){var w=document.documentElement.scrollWidth;document.title="measured "+Math.round(performance.now())+" "+w;});</script></body>#' \
  "$index" > "$work/timed.html"
measure=$(chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --window-size=1366,768 \
  --dump-dom "file://$work/timed.html" 2>/dev/null | grep -o 'measured [0-9]* [0-9]*' | head -1)
# CPU seconds Chromium spends (all its processes) to open and paint the page, against a one-line page: less
# sensitive to a busy machine than wall time.
echo '<!DOCTYPE html><html lang="zh-CN"><body><p>空白</p></body></html>' > "$work/blank.html"
cpu() { /usr/bin/time -f "%U %S" chromium --headless --no-sandbox --disable-gpu --user-data-dir="$work/p$RANDOM" \
  --window-size=1366,768 --screenshot="$work/shot.png" "file://$1" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
blank=$(cpu "$work/blank.html"); full=$(cpu "$index")
echo "projects:        $count"
echo "merge:           $(awk "BEGIN{printf \"%.2f\", $merged - $start}") s (index.html, summary.csv, findings.xlsx)"
echo "index.html:      $(stat -c %s "$index") bytes"
echo "findings.xlsx:   $(stat -c %s "$work/out/findings.xlsx") bytes"
echo "summary.csv:     $(stat -c %s "$work/out/summary.csv") bytes"
echo "render (load):   $(echo "$measure" | cut -d' ' -f2) ms in headless Chromium at 1366 px"
echo "page width:      $(echo "$measure" | cut -d' ' -f3) px at a 1366 px window"
echo "chromium CPU:    $full s to open and paint index.html, $blank s for a one-line page"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg)"
