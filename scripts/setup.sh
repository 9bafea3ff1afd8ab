#!/usr/bin/env bash
# Installs the system packages gapcheck needs on Debian 12. Idempotent: does nothing when all are present.
#   scripts/setup.sh              everything gapcheck uses, optional engines included
#   scripts/setup.sh --minimal    only what building and reading PDF, DOCX, OFD and ZIP need
#   scripts/setup.sh --bench      everything, plus the peer tools the benchmarks compare against
set -euo pipefail

required=(
  pkg-config libpoppler-glib-dev libzip-dev libxml2-dev libsqlite3-dev libxlsxwriter-dev
  poppler-data            # without it poppler silently drops Adobe-GB1 Chinese text
)
# Optional: without tesseract, scanned pages end in error kind ocr-unavailable; without LibreOffice, .doc/.wps/.rtf
# files end in error kind unsupported. Fonts let LibreOffice lay out Chinese text when it converts. Without
# Chromium, report.pdf cannot be printed (chromium-unavailable); LibreOffice Calc reads findings.xlsx back in tests.
optional=(
  tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng libtesseract-dev
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk chromium
)
bench=(poppler-utils pandoc hyperfine time qpdf python3-docx)

packages=("${required[@]}")
case "${1:-}" in
  --minimal) ;;
  --bench) packages+=("${optional[@]}" "${bench[@]}") ;;
  "") packages+=("${optional[@]}") ;;
  *) echo "usage: scripts/setup.sh [--minimal|--bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y "${missing[@]}"
fi
