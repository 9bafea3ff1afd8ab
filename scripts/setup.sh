#!/usr/bin/env bash
# Installs the system packages gapcheck needs on Debian 12. Idempotent: does nothing when all are present.
#   scripts/setup.sh            what building, running and testing need
#   scripts/setup.sh --bench    also the peer tools the benchmarks compare against
set -euo pipefail

packages=(
  pkg-config libpoppler-glib-dev libzip-dev libxml2-dev libsqlite3-dev
  poppler-data            # without it poppler silently drops Adobe-GB1 Chinese text
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(poppler-utils pandoc hyperfine time)
fi

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
