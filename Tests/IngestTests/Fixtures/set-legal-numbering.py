#!/usr/bin/env python3
"""Sets Word's legal-numbering flag on every level below the first of each list whose first level reads 第N章, as
Word writes a level that has <w:isLgl/> in DOCX: LVLF.fLegal ([MS-DOC] 2.9.150) in a Word 97 binary, \levellegal1
in RTF. LibreOffice 7.4 writes neither when saving, so without this its .doc or .rtf of a 第一章 / 1.1 document
would show 一.1 in Word.

Usage: set-legal-numbering.py FILE.doc|FILE.rtf   (patched in place; a .doc keeps its compound-file layout)"""
import struct
import sys

END = 0xFFFFFFFA


def patch_rtf(path):
    text = open(path, encoding="latin-1").read()
    anchor = text.index("\\leveltext \\'03\\u31532 ?")  # 第%1章, as make-legacy-fixtures.sh repairs it
    start = text.rindex("{\\list\\", 0, anchor)
    end = text.index("\\listid", anchor)
    levels = text[start:end].split("{\\listlevel")
    patched = levels[0] + "{\\listlevel" + levels[1] + "".join("{\\listlevel\\levellegal1" + rest for rest in levels[2:])
    open(path, "w", encoding="latin-1").write(text[:start] + patched + text[end:])


def main(path):
    if path.endswith(".rtf"):
        return patch_rtf(path)
    data = bytearray(open(path, "rb").read())
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    fat_count, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, minifat_start = struct.unpack_from("<II", data, 0x38)
    difat = list(struct.unpack_from("<109I", data, 0x4C))[:fat_count]
    if fat_count > 109:
        sys.exit("files with DIFAT sectors are not handled")
    fat = []
    for s in difat:
        fat += struct.unpack_from("<%dI" % (sector // 4), data, (s + 1) * sector)

    def chain(start, table):
        out = []
        while start < END and len(out) < len(table):
            out.append(start)
            start = table[start]
        return out

    def offsets(chain_sectors):
        """File offset of every byte of a regular stream, in order."""
        return [(s + 1) * sector + i for s in chain_sectors for i in range(sector)]

    directory = bytes(b"".join(data[(s + 1) * sector:(s + 2) * sector] for s in chain(dir_start, fat)))
    entries = {}
    for i in range(len(directory) // 128):
        e = directory[i * 128:(i + 1) * 128]
        name = e[:max(struct.unpack_from("<H", e, 64)[0] - 2, 0)].decode("utf-16le")
        entries[name] = struct.unpack_from("<IQ", e, 0x74)
    minifat = []
    for s in chain(minifat_start, fat):
        minifat += struct.unpack_from("<%dI" % (sector // 4), data, (s + 1) * sector)
    root_offsets = offsets(chain(entries["Root Entry"][0], fat))

    def stream_offsets(name):
        start, size = entries[name]
        if size < cutoff:
            return [root_offsets[s * mini + i] for s in chain(start, minifat) for i in range(mini)][:size]
        return offsets(chain(start, fat))[:size]

    word = stream_offsets("WordDocument")
    read = lambda where, at, n: bytes(data[where[at + k]] for k in range(n))
    flags = struct.unpack("<H", read(word, 0x0A, 2))[0]
    table = stream_offsets("1Table" if flags & 0x0200 else "0Table")
    fc_plflst = struct.unpack("<I", read(word, 0x2E2, 4))[0]
    count = struct.unpack("<h", read(table, fc_plflst, 2))[0]
    position = fc_plflst + 2 + 28 * count  # the LVLs follow the LSTF array
    patched = 0
    for index in range(count):
        simple = read(table, fc_plflst + 2 + 28 * index + 26, 1)[0] & 1
        first_text = None
        for level in range(1 if simple else 9):
            cb_chpx, cb_papx = read(table, position + 24, 2)
            text_at = position + 28 + cb_papx + cb_chpx
            cch = struct.unpack("<H", read(table, text_at, 2))[0]
            text = read(table, text_at + 2, 2 * cch).decode("utf-16le")
            if level == 0:
                first_text = text
            elif first_text is not None and first_text.startswith("第") and first_text.endswith("章"):
                data[table[position + 5]] |= 0x04  # fLegal, in the byte after iStartAt and nfc
                patched += 1
            position = text_at + 2 + 2 * cch
    if patched == 0:
        sys.exit("no 第N章 list found")
    open(path, "wb").write(data)


if __name__ == "__main__":
    main(sys.argv[1])
