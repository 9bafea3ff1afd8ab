#!/bin/sh
# The page image the OFD tests place on an image-only page: the top of the 公文-style PDF fixture, rendered at
# 150 dpi in black and white (poppler-utils). OFD packages themselves are written by Tests/TestSupport/OFDWriter.swift.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pdftoppm -r 150 -mono -png -f 1 -l 1 -x 0 -y 0 -W 1240 -H 900 "$here/pdf/gongwen.pdf" "$work/scan"
mkdir -p "$here/ofd"
cp "$work"/scan*.png "$here/ofd/scan.png"
