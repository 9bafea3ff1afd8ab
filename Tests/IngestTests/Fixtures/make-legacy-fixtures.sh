#!/usr/bin/env bash
# Regenerates the legacy word-processor fixtures in Fixtures/legacy:
#   numbered.docx   written by corpus-gen (the project's DOCXWriter) from legacy/numbered.yaml
#   numbered.doc    LibreOffice headless, filter "MS Word 97", legal numbering flag set (see README.md)
#   numbered.rtf    LibreOffice headless, filter "Rich Text Format", list level text and legal flag repaired
#   numbered.wps    numbered.doc under the .wps name, as WPS Office saves 文字 files (see README.md)
#   encrypted.doc   numbered.docx saved by LibreOffice as "MS Word 97" with the password "gapcheck" (Basic macro)
#   encrypted.docx  numbered.docx encrypted with the password "gapcheck" by msoffcrypto-tool (OLE2 EncryptedPackage)
#   truncated.doc   the first half of numbered.doc
# Needs: swift, python3, LibreOffice (libreoffice-writer-nogui) and msoffcrypto-tool (pip install msoffcrypto-tool).
# The results are committed because test machines need not have LibreOffice's exporters or msoffcrypto-tool.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="$here/legacy"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 1; }
command -v msoffcrypto-tool >/dev/null || { echo "msoffcrypto-tool not found: pip install msoffcrypto-tool" >&2; exit 1; }

(cd "$root" && swift build --product corpus-gen >/dev/null)
mkdir -p "$work/projects/legacy"
cp "$out/numbered.yaml" "$work/projects/legacy/project.yaml"
"$root/.build/debug/corpus-gen" "$work/projects" --out "$work/inbox" --pdf-sources "$work/pdf-src" >/dev/null
cp "$work/inbox/legacy/numbered.docx" "$out/numbered.docx"

profile="$work/lo-profile"
lo() { timeout -s KILL 120 soffice -env:UserInstallation="file://$profile" --headless --norestore "$@" >/dev/null 2>&1; }
cp "$out/numbered.docx" "$work/numbered.docx"
lo --convert-to 'doc:MS Word 97' --outdir "$work" "$work/numbered.docx"
lo --convert-to 'rtf:Rich Text Format' --outdir "$work" "$work/numbered.docx"
test -s "$work/numbered.doc" && test -s "$work/numbered.rtf" || { echo "LibreOffice wrote no .doc/.rtf" >&2; exit 1; }
python3 "$here/set-legal-numbering.py" "$work/numbered.doc"
cp "$work/numbered.doc" "$out/numbered.doc"
cp "$work/numbered.doc" "$out/numbered.wps"

# LibreOffice 7.4 writes the CJK characters of a list level's text as '?' (\'3f) in RTF. Word writes them as
# \uN escapes; put 第 (U+7B2C) and 章 (U+7AE0) back that way so the fixture is the RTF Word would write.
sed 's/{\\leveltext \\'"'"'03\\'"'"'3f\\'"'"'00\\'"'"'3f;}/{\\leveltext \\'"'"'03\\u31532 ?\\'"'"'00\\u31456 ?;}/g' \
  "$work/numbered.rtf" > "$out/numbered.rtf"
grep -q 'leveltext \\'"'"'03\\u31532 ?' "$out/numbered.rtf" || { echo "RTF level text not found to repair" >&2; exit 1; }
python3 "$here/set-legal-numbering.py" "$out/numbered.rtf"

# A password to open: --convert-to cannot set one, a Basic macro in the private profile can.
cat > "$profile/user/basic/Standard/Module1.xba" <<'XBA'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveWithPassword(source As String, target As String)
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = &quot;Hidden&quot;
  loadArgs(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, loadArgs())
  Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
  storeArgs(0).Name = &quot;FilterName&quot;
  storeArgs(0).Value = &quot;MS Word 97&quot;
  storeArgs(1).Name = &quot;Password&quot;
  storeArgs(1).Value = &quot;gapcheck&quot;
  document.storeToURL(ConvertToURL(target), storeArgs())
  document.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
XBA
lo "macro:///Standard.Module1.SaveWithPassword(\"$work/numbered.docx\",\"$work/encrypted.doc\")" || true
test -s "$work/encrypted.doc" || { echo "LibreOffice wrote no encrypted.doc" >&2; exit 1; }
cp "$work/encrypted.doc" "$out/encrypted.doc"

msoffcrypto-tool -e -p gapcheck "$out/numbered.docx" "$out/encrypted.docx"

size=$(stat -c %s "$out/numbered.doc")
head -c $((size / 2)) "$out/numbered.doc" > "$out/truncated.doc"

ls -l "$out"
