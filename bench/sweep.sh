#!/usr/bin/env bash
# Archive sweeps at scale: the coordinator's share of the CPU, 1 against 2 workers, the unchanged re-run, peak
# memory from about 1,000 to about 10,000 projects, and documents per second against pandoc and pdftotext over the
# same files. Prints one Markdown section; bench/run.sh adds it to bench/RESULTS.md.
#   bench/sweep.sh GAPCHECK WORK
# BENCH_COPIES (40) and BENCH_LARGE_COPIES (323) copies of the corpus projects make the two archives.
set -euo pipefail
gapcheck=$1
work=$2
cd "$(dirname "$0")/.."
copies=${BENCH_COPIES:-40}
large_copies=${BENCH_LARGE_COPIES:-323}
cores=$(nproc)

# The corpus projects copied N times under new names; hard links for the large archive, which only reads them.
archive() {
  local dest=$1 n=$2 link=${3:-}
  rm -rf "$dest" && mkdir -p "$dest"
  for i in $(seq -w 1 "$n"); do
    for project in Corpus/inbox/*/; do cp -r $link "$project" "$dest/$(basename "$project")-copy$i"; done
  done
}

# One file per project, copies until there are at least N: the batch a peer tool is raced on.
single_files() {
  local dest=$1 n=$2; shift 2
  rm -rf "$dest" && mkdir -p "$dest"
  local made=0
  while [ "$made" -lt "$n" ]; do
    for f in "$@"; do
      made=$((made + 1))
      mkdir -p "$dest/p$made" && cp "$f" "$dest/p$made/"
    done
  done
}

# Runs a command against an empty output folder; prints wall seconds, then the run's own figures from runs/*.json:
# coordinator CPU, worker CPU, coordinator peak MB, largest worker peak MB, projects.
timed() {
  local out=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" --out "$out" --ocr off >/dev/null 2>&1 || true  # exit 4: the corpus holds unreadable files on purpose
  end=$(date +%s.%N)
  python3 - "$out" "$start" "$end" <<'EOF'
import glob, json, os, sys
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
runs = sorted(glob.glob(os.path.join(out, "runs", "*.json")))
r = json.load(open(runs[-1]))
print(f"{end - start:.2f} {r['coordinatorCPUSeconds']:.2f} {r['workerCPUSeconds']:.2f} "
      f"{r['coordinatorPeakMB']:.0f} {r['workerPeakMB']:.0f} {r['projects']}")
EOF
}

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
share() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{100 * a / (a + b):.1f}')" "$1" "$2"; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e - $s:.2f}')"; }

archive "$work/sweep-a" "$copies"
files_a=$(find "$work/sweep-a" -type f ! -name project.yaml | wc -l)
read -r w1 c1 k1 p1 q1 n_a <<<"$(timed "$work/sweep-out1" "$gapcheck" sweep "$work/sweep-a" --workers 1)"
read -r w2 c2 k2 p2 q2 _ <<<"$(timed "$work/sweep-out2" "$gapcheck" sweep "$work/sweep-a" --workers 2)"

# The unchanged re-run: `run` once to fill the state, then again with nothing changed.
"$gapcheck" run "$work/sweep-a" --out "$work/rerun" --ocr off --settle-seconds 0 >/dev/null 2>&1 || true
hyperfine --warmup 1 --runs "${BENCH_RUNS:-5}" --export-json "$work/rerun.json" \
  "$gapcheck run $work/sweep-a --out $work/rerun --ocr off --settle-seconds 0 --workers 2 || true" >/dev/null
rerun=$(python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/rerun.json")
rm -rf "$work/sweep-out1" "$work/rerun"

archive "$work/sweep-l" "$large_copies" -l
read -r wl cl kl pl ql n_l <<<"$(timed "$work/sweep-outl" "$gapcheck" sweep "$work/sweep-l" --workers 2)"
rm -rf "$work/sweep-l" "$work/sweep-outl"

# Batches of one format: every readable corpus DOCX (PDF) as its own project, against the peer run over the same
# files, one process per file as a script would; and the peer on every core (xargs -P), for the same cores.
mapfile -t docx_sources < <(for f in $(find Corpus/inbox -name '*.docx' | sort); do pandoc -t plain "$f" >/dev/null 2>&1 && echo "$f"; done)
mapfile -t pdf_sources < <(for f in $(find Corpus/inbox -name '*.pdf' | sort); do [ "$(pdftotext "$f" - 2>/dev/null | wc -c)" -gt 100 ] && echo "$f"; done)
single_files "$work/docx" "${BENCH_DOCX:-1000}" "${docx_sources[@]}"
single_files "$work/pdf" "${BENCH_PDF:-300}" "${pdf_sources[@]}"
n_docx=$(find "$work/docx" -name '*.docx' | wc -l)
n_pdf=$(find "$work/pdf" -name '*.pdf' | wc -l)
read -r wd _ <<<"$(timed "$work/docx-out" "$gapcheck" sweep "$work/docx" --workers "$cores")"
read -r wp _ <<<"$(timed "$work/pdf-out" "$gapcheck" sweep "$work/pdf" --workers "$cores")"
td=$(seconds bash -c "find '$work/docx' -name '*.docx' -print0 | xargs -0 -n1 pandoc -t plain")
tdp=$(seconds bash -c "find '$work/docx' -name '*.docx' -print0 | xargs -0 -n1 -P $cores pandoc -t plain")
tp=$(seconds bash -c "find '$work/pdf' -name '*.pdf' -print0 | xargs -0 -I{} pdftotext -layout {} -")
tpp=$(seconds bash -c "find '$work/pdf' -name '*.pdf' -print0 | xargs -0 -P $cores -I{} pdftotext -layout {} -")
rm -rf "$work/docx-out" "$work/pdf-out"

rate() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
echo "## Archive sweeps"
echo
echo "Archive: $n_a projects, $files_a files (the corpus $copies times); large archive: $n_l projects. \`--ocr off\`."
echo
echo "| Measure | Figure | Target |"
echo "|---|---|---|"
echo "| cold sweep, 1 worker | $w1 s | |"
echo "| cold sweep, 2 workers | $w2 s | |"
echo "| speed-up, 1 → 2 workers | $(ratio "$w1" "$w2")× | ≥ 1.85× |"
echo "| coordinator CPU share, 2 workers | $(share "$c2" "$k2") % ($c2 s of $(python3 -c "print(f'{$c2 + $k2:.2f}')") s) | ≤ 5 % |"
echo "| coordinator CPU share, 1 worker | $(share "$c1" "$k1") % | |"
echo "| unchanged re-run (\`run\`, $n_a projects) | $rerun s | < 1 s |"
echo "| peak RSS at $n_a projects: coordinator / largest worker | $p2 MB / $q2 MB | < 150 MB |"
echo "| peak RSS at $n_l projects: coordinator / largest worker | $pl MB / $ql MB | < 150 MB, flat |"
echo "| coordinator peak, $n_a → $n_l projects | $(python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{b - a:+.0f} MB ({100 * (b - a) / a:+.1f} %)')" "$p2" "$pl") | flat |"
echo "| cold sweep of $n_l projects, 2 workers | $wl s ($(share "$cl" "$kl") % coordinator) | |"
echo "| DOCX batch ($n_docx files, sweep, $cores workers) | $wd s, $(rate "$n_docx" "$wd") docs/s | |"
echo "| pandoc -t plain, same files, one after another / on $cores cores | $td s / $tdp s | |"
echo "| DOCX: sweep against pandoc (one after another / same cores) | $(ratio "$td" "$wd")× / $(ratio "$tdp" "$wd")× | ≥ 20× |"
echo "| PDF batch ($n_pdf files, sweep, $cores workers) | $wp s, $(rate "$n_pdf" "$wp") docs/s | |"
echo "| pdftotext -layout, same files, one after another / on $cores cores | $tp s / $tpp s | |"
echo "| PDF: sweep against pdftotext (one after another / same cores) | $(ratio "$tp" "$wp")× / $(ratio "$tpp" "$wp")× | ≥ 1× |"
echo
echo "A sweep does more per document than its peer: structure, sections, the check against the checklist and five"
echo "report files per project. Shares and peaks come from the run's own record (runs/<id>.json: getrusage of the"
echo "run and of its waited-for workers; VmHWM of the run and of each worker). Timings on a shared machine vary by"
echo "about 15 % from run to run: compare ratios."
