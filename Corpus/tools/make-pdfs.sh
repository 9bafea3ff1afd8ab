#!/usr/bin/env bash
# Makes the corpus PDFs from the DOCX that corpus-gen leaves in Corpus/pdf-src (listed in manifest.tsv), with
# LibreOffice headless and the Noto CJK fonts. Variants: bookmarks, no-bookmarks, scanned (pages rendered to images
# and put back into a PDF: no text layer), encrypted (AES-256 with a user password), truncated (first half of the
# bytes). The results are committed so that tests need no LibreOffice.
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

while IFS=$'\t' read -r project stem variant; do
  [ -n "$project" ] || continue
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
      python3 - "$out" "$work"/pages/p-*.jpg <<'PY'
import sys, struct
out, images = sys.argv[1], sys.argv[2:]
def jpeg_size(data):
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    raise ValueError("no SOF marker")
objects = []
def add(body):
    objects.append(body)
    return len(objects)
pages_id = 2
add(b"<< /Type /Catalog /Pages 2 0 R >>")
add(b"")
kids = []
for path in images:
    data = open(path, "rb").read()
    w, h = jpeg_size(data)
    pw, ph = w * 72 / 100, h * 72 / 100
    img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
              b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, len(data)) + data + b"\nendstream")
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
    cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (pw, ph, img, cid)))
objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids))
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for n, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % n + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for off in offsets:
    pdf += b"%010d 00000 n \n" % off
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(out, "wb").write(pdf)
PY
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
