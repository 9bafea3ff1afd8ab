#!/usr/bin/env bash
# Benchmarks gapcheck against the usual peer tools on this machine and writes bench/RESULTS.md.
#   bench/run.sh            full run (release build, extraction, archive runs, sweeps at scale, memory)
#   bench/run.sh --peers    peer tools only (pdftotext, pandoc): needs no gapcheck build
#   bench/run.sh --sweep    archive sweeps at scale only (bench/sweep.sh)
# Each run's figures go on top of bench/RESULTS.md; earlier runs' figures stay below them for comparison.
# Needs what `scripts/setup.sh --bench` installs: hyperfine, poppler-utils, pandoc, qpdf, python3-docx, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
peers_only=false
sweep_only=false
[ "${1:-}" = "--peers" ] && peers_only=true
[ "${1:-}" = "--sweep" ] && sweep_only=true
copies=${BENCH_COPIES:-40}
work=$(mktemp -d /tmp/gapcheck-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
final=bench/RESULTS.md
results="$work/RESULTS.md"
json="$work/json"
mkdir -p "$json"

# This run's figures first, then every earlier run's as they were.
publish() {
  { cat "$results"; if [ -s "$final" ]; then echo; cat "$final"; fi; } > "$work/combined.md"
  mv "$work/combined.md" "$final"
  cat "$results"
}

header() {
  echo "# Benchmark results, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
}

if $sweep_only; then
  swift build -c release --product gapcheck >/dev/null
  { header; echo; bench/sweep.sh "$root/.build/release/gapcheck" "$work"; } > "$results"
  publish
  exit 0
fi

mapfile -t pdfs < <(find Corpus/inbox -name '*.pdf' | sort)
mapfile -t all_docxs < <(find Corpus/inbox -name '*.docx' | sort)
# Likewise only DOCX that open (the corpus has a truncated one on purpose).
docxs=()
for f in "${all_docxs[@]}"; do pandoc -t plain "$f" >/dev/null 2>&1 && docxs+=("$f"); done
# Only PDFs that open without a password and have text are fair for a text-extraction race.
readable_pdfs=()
pages=0
for f in "${pdfs[@]}"; do
  if n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}') && [ -n "$n" ] && [ "$(pdftotext "$f" - 2>/dev/null | wc -c)" -gt 100 ]; then
    readable_pdfs+=("$f"); pages=$((pages + n))
  fi
done
largest_pdf=$(ls -S "${readable_pdfs[@]}" | head -1)

# Runs hyperfine and prints the mean in seconds.
mean() {
  local name=$1; shift
  hyperfine --warmup 1 --runs "${BENCH_RUNS:-5}" --export-json "$json/$name.json" "$@" >/dev/null
  python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['results'][0]['mean'])" "$json/$name.json"
}
rate() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
maxrss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.1f MB", $2 / 1024}'; }
quote() { printf '%q ' "$@"; }

t_pdftotext=$(mean pdftotext "for f in $(quote "${readable_pdfs[@]}"); do pdftotext -layout \"\$f\" - >/dev/null; done")
t_pandoc=$(mean pandoc "for f in $(quote "${docxs[@]}"); do pandoc -t plain \"\$f\" >/dev/null; done")
rss_pdftotext=$(maxrss pdftotext -layout "$largest_pdf" -)

{
  header
  echo "- Corpus: ${#readable_pdfs[@]} readable PDFs ($pages pages), ${#docxs[@]} DOCX (ZIP members not counted)"
  echo
  echo "## Extraction"
  echo
  echo "| Input | Tool | Mean (s) | Docs/s | Pages/s |"
  echo "|---|---|---|---|---|"
  echo "| PDF | pdftotext -layout | $t_pdftotext | $(rate ${#readable_pdfs[@]} $t_pdftotext) | $(rate $pages $t_pdftotext) |"
  echo "| DOCX | pandoc -t plain | $t_pandoc | $(rate ${#docxs[@]} $t_pandoc) | - |"
} > "$results"

if $peers_only; then
  {
    echo
    echo "gapcheck was not measured (run without --peers once the pipeline is built)."
    echo
    echo "Peak memory, pdftotext -layout on $(basename "$largest_pdf"): $rss_pdftotext"
  } >> "$results"
  publish
  exit 0
fi

swift build -c release --product gapcheck >/dev/null
gapcheck="$root/.build/release/gapcheck"

t_extract_pdf=$(mean gapcheck-pdf "$gapcheck extract --ocr off $(quote "${readable_pdfs[@]}") >/dev/null")
t_extract_docx=$(mean gapcheck-docx "$gapcheck extract $(quote "${docxs[@]}") >/dev/null")

# Real public documents beside the checkout (shared/corpus-real), one by one against the peer tool of their format.
real_rows=()
real=../shared/corpus-real
if [ -d "$real" ]; then
  while IFS= read -r -d '' f; do
    name=$(basename "$f")
    case "$f" in
      *.pdf)
        n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
        tp=$(mean "real-peer-$name" "pdftotext -layout $(quote "$f") - >/dev/null")
        tg=$(mean "real-gap-$name" "$gapcheck extract --ocr off $(quote "$f") >/dev/null")
        real_rows+=("| $name | $n pages | pdftotext -layout | $tp | $tg | $(ratio "$tg" "$tp")× |") ;;
      *.docx)
        tp=$(mean "real-peer-$name" "pandoc -t plain $(quote "$f") >/dev/null")
        tg=$(mean "real-gap-$name" "$gapcheck extract $(quote "$f") >/dev/null")
        real_rows+=("| $name | $(stat -c %s "$f" | awk '{printf "%.0f KB", $1 / 1024}') | pandoc -t plain | $tp | $tg | $(ratio "$tg" "$tp")× |") ;;
    esac
  done < <(find "$real" -type f \( -name '*.pdf' -o -name '*.docx' \) -size +100k -print0 | sort -z)
fi

# python-docx's parse alone (Debian's python3-docx, run by the system interpreter) on the same DOCX.
if /usr/bin/python3 -c 'import docx' 2>/dev/null; then
  printf 'import sys, docx\nfor f in sys.argv[1:]: docx.Document(f)\n' > "$work/parse_docx.py"
  t_pydocx=$(mean python-docx "/usr/bin/python3 $work/parse_docx.py $(quote "${docxs[@]}")")
fi

# A PDF of at least 500 pages (the real PDFs, or the corpus's, joined by qpdf) for peak memory.
big_sources=()
[ -d "$real" ] && mapfile -t big_sources < <(find "$real" -name '*.pdf' -size +100k | sort)
((${#big_sources[@]})) || big_sources=("${readable_pdfs[@]}")
big_pages=0
qpdf_args=()
while [ "$big_pages" -lt 500 ]; do
  for f in "${big_sources[@]}"; do
    qpdf_args+=("$f"); big_pages=$((big_pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
  done
done
qpdf --empty --pages "${qpdf_args[@]}" -- "$work/big.pdf"
rss_big=$(maxrss "$gapcheck" extract --ocr off "$work/big.pdf")
rss_big_peer=$(maxrss pdftotext -layout "$work/big.pdf" -)
t_big=$(mean big "$gapcheck extract --ocr off $work/big.pdf >/dev/null")
t_big_peer=$(mean big-peer "pdftotext -layout $work/big.pdf - >/dev/null")

# OCR: copies of the corpus's scanned PDF, recognised with 1 and 2 workers.
scanned=$(find Corpus/inbox -name '验收报告.pdf' -path '*scanned*' | head -1)
ocr_pages=0
if [ -n "$scanned" ] && command -v tesseract >/dev/null; then
  mkdir -p "$work/ocr/p"
  for i in 1 2 3 4; do cp "$scanned" "$work/ocr/p/scan$i.pdf"; done
  ocr_pages=$(( 4 * $(pdfinfo "$scanned" | awk '/^Pages:/ {print $2}') ))
  t_ocr1=$(BENCH_RUNS=2 mean ocr-w1 --prepare "rm -rf $work/ocr-out" "$gapcheck run $work/ocr --out $work/ocr-out --workers 1 --settle-seconds 0 >/dev/null")
  t_ocr2=$(BENCH_RUNS=2 mean ocr-w2 --prepare "rm -rf $work/ocr-out" "$gapcheck run $work/ocr --out $work/ocr-out --workers 2 --settle-seconds 0 >/dev/null")
fi

# Legacy .doc through LibreOffice: one conversion and read, per document.
doc_file=$(find "$real" -name '*.doc' 2>/dev/null | head -1 || true)
if [ -n "$doc_file" ] && command -v soffice >/dev/null; then
  t_doc=$(BENCH_RUNS=3 mean doc "$gapcheck extract $(quote "$doc_file") >/dev/null")
fi

# The scaled archive: the corpus projects copied under new names until it holds at least 1,000 documents.
archive="$work/archive"
mkdir -p "$archive"
for i in $(seq -w 1 "$copies"); do
  for project in Corpus/inbox/*/; do
    cp -r "$project" "$archive/$(basename "$project")-copy$i"
  done
done
documents=$(find "$archive" -type f ! -name project.yaml | wc -l)
[ "$documents" -ge 1000 ] || { echo "archive has only $documents files; raise BENCH_COPIES" >&2; exit 1; }

# Cold runs start from an empty output folder each time; the incremental run reuses a warm one.
# OCR is measured on its own above: here the scanned PDF copies would dominate every figure.
run="$gapcheck run $archive --ocr off --settle-seconds 0"
t_run1=$(mean run-w1 --prepare "rm -rf $work/out1" "$run --out $work/out1 --workers 1 >/dev/null")
t_run2=$(mean run-w2 --prepare "rm -rf $work/out2" "$run --out $work/out2 --workers 2 >/dev/null")
$run --out "$work/out3" --workers 2 >/dev/null
t_rerun=$(mean rerun "$run --out $work/out3 --workers 2 >/dev/null")

rss_pdf=$(maxrss "$gapcheck" extract "$largest_pdf")
rm -rf "$work/out4"
rss_run=$(maxrss $run --out "$work/out4" --workers 2)

{
  echo "| PDF | gapcheck extract | $t_extract_pdf | $(rate ${#readable_pdfs[@]} $t_extract_pdf) | $(rate $pages $t_extract_pdf) |"
  echo "| DOCX | gapcheck extract | $t_extract_docx | $(rate ${#docxs[@]} $t_extract_docx) | - |"
  echo
  echo "- gapcheck extract / pdftotext -layout: $(ratio $t_extract_pdf $t_pdftotext)×"
  echo "- gapcheck extract / pandoc -t plain: $(ratio $t_extract_docx $t_pandoc)× (pandoc / gapcheck: $(ratio $t_pandoc $t_extract_docx)× faster)"
  if [ -n "${t_pydocx:-}" ]; then
    echo "- python-docx parse alone (Document() per file, no text walk): $t_pydocx s; python-docx / gapcheck: $(ratio $t_pydocx $t_extract_docx)×"
  fi
  echo "- $big_pages-page PDF (PDFs joined by qpdf): gapcheck extract $t_big s, pdftotext -layout $t_big_peer s, ratio $(ratio $t_big $t_big_peer)×"
  echo
  echo "## Archive runs ($documents files in $(ls "$archive" | wc -l) projects)"
  echo
  echo "| Run | Mean (s) | Files/s |"
  echo "|---|---|---|"
  echo "| cold, --workers 1 | $t_run1 | $(rate $documents $t_run1) |"
  echo "| cold, --workers 2 | $t_run2 | $(rate $documents $t_run2) |"
  echo "| unchanged re-run, --workers 2 | $t_rerun | $(rate $documents $t_rerun) |"
  echo
  echo "- Speed-up from 1 to 2 workers: $(ratio $t_run1 $t_run2)×"
  echo "- Re-run / cold run: $(ratio $t_rerun $t_run2)"
  echo
  if ((${#real_rows[@]})); then
    echo "## Real documents (shared/corpus-real, files over 100 KB)"
    echo
    echo "| File | Size | Peer | Peer (s) | gapcheck extract (s) | Ratio |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${real_rows[@]}"
    echo
    echo "gapcheck's figures include its process start (loading checklist-free ingest only) and structure recovery."
    echo
  fi
  if [ "$ocr_pages" -gt 0 ]; then
    echo "## OCR ($ocr_pages scanned pages in 4 PDFs, tesseract chi_sim+eng, 300 dpi)"
    echo
    echo "| Workers | Mean (s) | Pages/s |"
    echo "|---|---|---|"
    echo "| 1 | $t_ocr1 | $(rate $ocr_pages $t_ocr1) |"
    echo "| 2 | $t_ocr2 | $(rate $ocr_pages $t_ocr2) |"
    echo
  fi
  if [ -n "${t_doc:-}" ]; then
    echo "## Legacy .doc through LibreOffice"
    echo
    echo "- $(basename "$doc_file"): $t_doc s per document (conversion with a fresh private profile, then the DOCX reader)"
    echo
  fi
  echo "## Peak memory (max RSS)"
  echo
  echo "- pdftotext -layout, $(basename "$largest_pdf"): $rss_pdftotext"
  echo "- gapcheck extract, $(basename "$largest_pdf"): $rss_pdf"
  echo "- pdftotext -layout, the $big_pages-page PDF: $rss_big_peer"
  echo "- gapcheck extract, the $big_pages-page PDF: $rss_big"
  echo "- gapcheck run on the archive, --workers 2 (the run and its workers, the largest of them): $rss_run"
  echo
  bench/sweep.sh "$gapcheck" "$work"
} >> "$results"
publish
