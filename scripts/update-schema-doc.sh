#!/usr/bin/env bash
# Rewrites the JSON Schema block of docs/report-schema.md from `gapcheck schema`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product gapcheck >/dev/null
schema=$(.build/debug/gapcheck schema)
python3 - "$schema" <<'PY'
import re, sys
path = "docs/report-schema.md"
text = open(path, encoding="utf-8").read()
block = "<!-- schema:begin -->\n```json\n" + sys.argv[1].rstrip("\n") + "\n```\n<!-- schema:end -->"
text = re.sub(r"<!-- schema:begin -->.*?<!-- schema:end -->", lambda _: block, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
