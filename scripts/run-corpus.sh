#!/usr/bin/env bash
# Sets up the machine, builds gapcheck in release mode and runs it on the bundled sample inbox.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product gapcheck
.build/release/gapcheck run Corpus/inbox --out Output "$@"
