#!/usr/bin/env bash
# Makes the corpus PDFs from the DOCX that corpus-gen leaves in Corpus/pdf-src (listed in manifest.tsv), with
# LibreOffice headless and the Noto CJK fonts. Variants: bookmarks, no-bookmarks, scanned (pages rendered to images
# and put back into a PDF: no text layer), encrypted (AES-256 with a user password), truncated (first half of the
# bytes). The results are committed so that tests need no LibreOffice.
#   Corpus/tools/make-pdfs.sh [project/stem ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
src=Corpus/pdf-src
inbox=Corpus/inbox
work=$(mktemp -d /tmp/corpus-pdf.XXXXXX)
profile="file:///tmp/lo-$$"
trap 'rm -rf "$work" "/tmp/lo-$$"' EXIT

export_filter() {
  local bookmarks=$1
  printf 'pdf:writer_pdf_Export:{"ExportBookmarks":{"type":"boolean","value":"%s"}}' "$bookmarks"
}

# Arguments, if any, name the only files to remake, as project/stem (e.g. 19-laizhou-acceptance-scanned-encrypted/验收报告).
only=("$@")
while IFS=$'\t' read -r project stem variant; do
  [ -n "$project" ] || continue
  if ((${#only[@]})) && [[ ! " ${only[*]} " == *" $project/$stem "* ]]; then continue; fi
  docx="$src/$project/$stem.docx"
  out="$inbox/$project/$stem.pdf"
  bookmarks=true
  [ "$variant" = no-bookmarks ] && bookmarks=false
  soffice -env:UserInstallation="$profile" --headless --convert-to "$(export_filter $bookmarks)" \
    --outdir "$work" "$docx" >/dev/null 2>&1
  pdf="$work/$stem.pdf"
  case "$variant" in
    bookmarks|no-bookmarks)
      cp "$pdf" "$out" ;;
    scanned)
      # Page images (grey JPEG, 100 dpi) wrapped one per page into a PDF with no text layer, as a scanner writes.
      rm -rf "$work/pages" && mkdir -p "$work/pages"
      pdftoppm -r 100 -gray -jpeg "$pdf" "$work/pages/p"
      python3 scripts/images-to-pdf.py "$out" 100 "$work"/pages/p-*.jpg
      ;;
    encrypted)
      qpdf --encrypt user-secret owner-secret 256 -- "$pdf" "$out" ;;
    truncated)
      size=$(stat -c %s "$pdf")
      head -c $((size / 2)) "$pdf" > "$out" ;;
    *) echo "unknown variant $variant for $project/$stem" >&2; exit 1 ;;
  esac
  # Fixed dates keep reruns close to identical (LibreOffice still writes its own document id).
  echo "$out ($variant)"
done < "$src/manifest.tsv"
