#!/usr/bin/env bash
# Renders the pictures the README shows, from a run over the sample inbox: the batch overview, a project's
# report page, its 审查意见 (LibreOffice's rendering of page 1), the findings workbook, and the self-check page.
#   scripts/screenshots.sh [GAPCHECK_BINARY]      (default .build/debug/gapcheck) → docs/img/*.png
# Needs chromium, LibreOffice (writer and calc) and poppler-utils (scripts/setup.sh --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
gapcheck=${1:-.build/debug/gapcheck}
work=$(mktemp -d)
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p docs/img
"$gapcheck" run Corpus/inbox --out "$work/out" >/dev/null || true

shot() { # shot URL PNG [HEIGHT]
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile-$2" \
    --window-size=1366,"${3:-900}" --screenshot="docs/img/$2" "$1" 2>/dev/null
}
office() { # office FILE PNG: LibreOffice prints page 1 to PDF, pdftoppm (poppler-utils) draws it
  soffice -env:UserInstallation="file://$work/lo" --headless --convert-to pdf --outdir "$work/pdf" "$1" >/dev/null 2>&1
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/pdf/$(basename "${1%.*}").pdf" "docs/img/${2%.png}"
}

project=$(ls "$work/out/projects" | head -1)
shot "file://$work/out/index.html" index.png
shot "file://$work/out/projects/$project/report.html" report-html.png 1200
office "$work/out/projects/$project/report.docx" report-docx.png
office "$work/out/findings.xlsx" findings-xlsx.png

"$gapcheck" serve --port 18931 2>/dev/null &
server=$!
for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/18931) 2>/dev/null && break; sleep 0.2; done
shot "http://127.0.0.1:18931/" serve.png 500
curl -s -F "files=@Corpus/inbox/07-yangcheng-feasibility-synonyms/$(ls Corpus/inbox/07-yangcheng-feasibility-synonyms | grep -v yaml | head -1)" \
  -F jurisdiction=yangcheng http://127.0.0.1:18931/check > "$work/answer.html"
shot "file://$work/answer.html" serve-report.png
ls -l docs/img
