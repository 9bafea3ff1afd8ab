#!/usr/bin/env bash
# Regenerates the PDF fixtures in Fixtures/pdf from flat ODT sources written here, through LibreOffice headless
# (fonts-noto-cjk), qpdf, poppler-utils and scripts/images-to-pdf.py. The PDFs are committed because test machines may lack these tools.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# $1 title, $2 header text (may be empty), $3 "footer" to print page numbers
head_fodt() {
  local header="" footer=""
  if [ -n "$2" ]; then header="<style:header><text:p text:style-name=\"Hdr\">$2</text:p></style:header>"; fi
  if [ "$3" = "footer" ]; then
    footer='<style:footer><text:p text:style-name="Ftr">第 <text:page-number text:select-page="current">1</text:page-number> 页</text:p></style:footer>'
  fi
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>$1</dc:title><meta:initial-creator>测试编制单位</meta:initial-creator><dc:creator>测试编制单位</dc:creator></office:meta>
<office:font-face-decls>
 <style:font-face style:name="Serif" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Sans" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:line-height="140%"/>
  <style:text-properties style:font-name="Serif" style:font-name-asian="Serif" fo:font-size="12pt" style:font-size-asian="12pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-indent="0.85cm"/></style:style>
 <style:style style:name="Plain" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="Ftr" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/><style:text-properties style:font-name="Sans" style:font-name-asian="Sans" fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.3cm"/><style:text-properties style:font-name="Sans" style:font-name-asian="Sans" fo:font-size="18pt" style:font-size-asian="18pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Sans" style:font-name-asian="Sans" fo:font-size="14pt" style:font-size-asian="14pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="HPlain" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="GwBody" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.1cm"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="GwH1" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.1cm"/><style:text-properties style:font-name="Sans" style:font-name-asian="Sans" fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="GwH2" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.1cm"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="GwSpaced" style:family="paragraph"><style:paragraph-properties fo:text-indent="1.1cm"/><style:text-properties style:font-name="Sans" style:font-name-asian="Sans" fo:font-size="16pt" style:font-size-asian="16pt" fo:letter-spacing="0.3cm"/></style:style>
 <style:style style:name="Toc" style:family="paragraph"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="H1"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="PBPlain" style:family="paragraph" style:parent-style-name="HPlain"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="PBGw" style:family="paragraph" style:parent-style-name="GwH1"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="PBImg" style:family="paragraph" style:parent-style-name="Plain"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">$header$footer</style:master-page></office:master-styles>
<office:body><office:text>
XML
}
tail_fodt() { echo '</office:text></office:body></office:document>'; }
p() { echo "<text:p text:style-name=\"$1\">$2</text:p>"; }
h() { echo "<text:h text:style-name=\"$1\" text:outline-level=\"$2\">$3</text:h>"; }

LONG1='本项目依据国家和省市关于政务信息化建设的有关要求，结合本市智慧城市建设的实际需要，对现有业务系统进行整合与升级改造，统一建设数据共享交换平台，提升政务服务的便利化水平和跨部门协同能力。'
LONG2='项目建设周期为十二个月，总投资估算为三百五十万元，其中软件开发费用二百万元，硬件设备购置费用一百万元，其他费用五十万元，资金来源为市级财政资金。'
LONG3='系统采用国产商用密码技术，对身份鉴别、数据传输和数据存储进行保护，按照商用密码应用安全性评估的要求开展密评工作，确保关键数据的机密性和完整性。'

# 1. Bookmarks from headings whose font equals the body's: the outline is the only heading signal.
{
  head_fodt "某市政务数据共享平台可行性研究报告" "" footer
  h HPlain 1 "第一章 总论"; p Body "$LONG1"; h HPlain 2 "1.1 项目背景"; p Body "$LONG2"
  h PBPlain 1 "第二章 建设方案"; p Body "$LONG1"; h HPlain 2 "2.1 总体架构"; p Body "$LONG2"
  h PBPlain 1 "第八章 密码应用方案"; p Body "$LONG3"; h HPlain 2 "8.1 密码应用需求"; p Body "$LONG3"
  tail_fodt
} > "$work/outline.fodt"

# 2. No bookmarks (plain paragraphs), headings larger and bold; a TOC page listing 数据资源目录, absent from the body.
{
  head_fodt "某县智慧城市建设项目建议书" "" footer
  p Title "某县智慧城市建设项目建议书"
  p Title "目录"
  p Toc "第一章 项目概况<text:tab/>2"
  p Toc "1.1 建设单位<text:tab/>2"
  p Toc "第二章 数据资源目录<text:tab/>3"
  p Plain "第三章 投资估算……………………3"
  p PB "第一章 项目概况"; p Body "$LONG1"; p H2 "1.1 建设单位"; p Body "2023年完成一期建设，2024年完成二期建设，累计投入3.5万元用于前期调研。"
  p Body "$LONG2"
  p PB "第三章 投资估算"; p Body "$LONG2"; p H2 "3.1 估算依据"; p Body "$LONG1"
  tail_fodt
} > "$work/fonts.fodt"

# 3. 公文 style: headings in the same size as the body, distinguished by family (sans) or weight only;
#    one heading letter-spaced.
{
  head_fodt "关于某区政务云平台建设的实施方案" "" ""
  p GwH1 "一、总体要求"; p GwBody "$LONG1"
  p GwH2 "（一）建设目标"; p GwBody "$LONG2"
  p GwH2 "（二）建设原则"; p GwBody "$LONG1"
  p GwSpaced "二、密码应用方案"; p GwBody "$LONG3"
  p GwH1 "三、保障措施"; p GwBody "$LONG2"
  tail_fodt
} > "$work/gongwen.fodt"

# 4. A running header naming 密码应用方案 on every page, page numbers in the footer; the body has no such section.
{
  head_fodt "某市智慧交通项目初步设计方案" "某市智慧交通项目 密码应用方案" footer
  p H1 "第一章 项目概述"; p Body "$LONG1"; p Body "$LONG2"
  p PB "第二章 建设内容"; p Body "$LONG2"; p Body "$LONG1"
  p PB "第三章 投资概算"; p Body "$LONG1"; p Body "$LONG2"
  p PB "第四章 效益分析"; p Body "$LONG2"; p Body "$LONG1"
  tail_fodt
} > "$work/running-header.fodt"

cd "$work"
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$work" \
  outline.fodt fonts.fodt gongwen.fodt running-header.fodt >/dev/null 2>&1

# 5. A tagged PDF (structure tree with H1/H2), no bookmarks, unnumbered headings in the body font: only the
#    structure tree tells headings apart.
{
  head_fodt "某区数据资源共享项目运维方案" "" ""
  h HPlain 1 "项目概况"; p Body "$LONG1"
  h HPlain 2 "运维目标"; p Body "$LONG2"
  h HPlain 1 "密码应用方案"; p Body "$LONG3"
  tail_fodt
} > "$work/tagged.fodt"
soffice -env:UserInstallation="file://$work/lo-profile" --headless \
  --convert-to 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"false"}}' \
  --outdir "$work" tagged.fodt >/dev/null 2>&1

# 6. Scanned pages: a page rendered to an image and placed back into a PDF, alone and after a text page.
pdftoppm -r 30 -gray -png -f 1 -l 1 gongwen.pdf scan
img="$(ls scan*.png | head -1)"
b64="$(base64 -w 0 "$img")"
frame="<draw:frame draw:name=\"scan\" text:anchor-type=\"as-char\" svg:width=\"16cm\" svg:height=\"22.6cm\"><draw:image><office:binary-data>$b64</office:binary-data></draw:image></draw:frame>"
{
  head_fodt "扫描件" "" ""
  echo "<text:p text:style-name=\"Plain\">$frame</text:p>"
  tail_fodt
} > "$work/scanned-only.fodt"
{
  head_fodt "部分扫描件" "" ""
  p H1 "第一章 项目概况"; p Body "$LONG1"
  echo "<text:p text:style-name=\"PBImg\">$frame</text:p>"
  tail_fodt
} > "$work/scanned-page.fodt"
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$work" \
  scanned-only.fodt scanned-page.fodt >/dev/null 2>&1

for f in outline fonts gongwen running-header tagged scanned-only scanned-page; do
  test -s "$f.pdf" || { echo "LibreOffice produced no $f.pdf" >&2; exit 1; }
  cp "$f.pdf" "$out/$f.pdf"
done

# 7. Encryption: a user password (unreadable) and an owner password only (readable, copying forbidden).
qpdf --encrypt user owner 256 -- outline.pdf "$out/encrypted.pdf"
qpdf --encrypt "" owner 256 --extract=n -- outline.pdf "$out/owner-only.pdf"

# 8. A PDF cut short: the first 3000 bytes of a real one.
head -c 3000 outline.pdf > "$out/truncated.pdf"

# 9. A stale bookmark: "8.1 密码应用需求" renamed in the outline to "8.1 数据资源目录", which no page shows.
hex() { printf '%s' "$1" | iconv -t UTF-16BE | xxd -p | tr -d '\n'; }
qpdf --qdf --object-streams=disable outline.pdf outline.qdf
old="feff$(hex '8.1 密码应用需求')"
new="feff$(hex '8.1 数据资源目录')"
grep -aq "$old" outline.qdf || { echo "bookmark title not found in outline.qdf" >&2; exit 1; }
sed "s/$old/$new/" outline.qdf > stale.qdf
fix-qdf stale.qdf > stale-fixed.qdf
qpdf stale-fixed.qdf "$out/stale-bookmark.pdf"

# 10. OCR. A short report in three chapters with 1.1-style sub-sections, its pages rasterised (100 dpi, grey JPEG)
#     into an image-only PDF as a scanner writes it; and the same PDF with the ToUnicode maps of its fonts removed,
#     so that its text layer decodes to glyph soup.
{
  head_fodt "某区政务服务平台升级改造项目验收报告" "" ""
  p H1 "第一章 项目概况"; p Body "$LONG1"; p H2 "1.1 建设背景"; p Body "$LONG2"
  p PB "第二章 建设内容"; p Body "$LONG2"; p H2 "2.1 总体架构"; p Body "$LONG1"
  p H1 "第三章 密码应用方案"; p Body "$LONG3"; p H2 "3.1 密码应用需求"; p Body "$LONG3"
  tail_fodt
} > "$work/ocr.fodt"
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$work" ocr.fodt \
  >/dev/null 2>&1
test -s ocr.pdf || { echo "LibreOffice produced no ocr.pdf" >&2; exit 1; }
mkdir -p "$work/ocr-pages"
pdftoppm -r 100 -gray -jpeg -jpegopt quality=75 ocr.pdf "$work/ocr-pages/p"
python3 "$here/../../../scripts/images-to-pdf.py" "$out/scanned-report.pdf" 100 "$work"/ocr-pages/p-*.jpg
qpdf --qdf --object-streams=disable ocr.pdf ocr.qdf
grep -aq "/ToUnicode" ocr.qdf || { echo "no ToUnicode in ocr.pdf" >&2; exit 1; }
sed 's|/ToUnicode [0-9]* 0 R||' ocr.qdf > no-tounicode.qdf
fix-qdf no-tounicode.qdf > no-tounicode-fixed.qdf
qpdf --object-streams=generate no-tounicode-fixed.qdf "$out/no-tounicode.pdf"
# A page number stamped as text on each scanned page, as some scanners and archiving tools add it: too little text
# to stand for the page.
{
  head_fodt "页码" "" footer
  p Plain ""
  p PBImg ""
  tail_fodt
} > "$work/stamp.fodt"
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$work" stamp.fodt \
  >/dev/null 2>&1
qpdf "$out/scanned-report.pdf" --overlay stamp.pdf -- "$out/scanned-stamped.pdf"

ls -l "$out"
