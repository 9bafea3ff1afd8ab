#!/usr/bin/env python3
"""Wraps JPEG page images, one per page, into a PDF with no text layer, as a scanner writes it.

usage: images-to-pdf.py OUT.pdf DPI PAGE.jpg [PAGE.jpg ...]

The JPEG data is embedded as is (DCTDecode); the colour space follows the JPEG's component count, since
pdftoppm -gray -jpeg still writes three components.
"""
import struct
import sys


def jpeg_geometry(data):
    """Width, height and component count from the first start-of-frame marker."""
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError("not at a JPEG marker")
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height, data[i + 9]
        i += 2 + length
    raise ValueError("no SOF marker")


def main():
    out, dpi, images = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    spaces = {1: b"/DeviceGray", 3: b"/DeviceRGB", 4: b"/DeviceCMYK"}
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]

    def add(body):
        objects.append(body)
        return len(objects)

    kids = []
    for path in images:
        data = open(path, "rb").read()
        w, h, components = jpeg_geometry(data)
        pw, ph = w * 72 / dpi, h * 72 / dpi
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
                  b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, spaces[components], len(data))
                  + data + b"\nendstream")
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                        b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pw, ph, img, cid)))
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
    with open(out, "wb") as f:
        f.write(pdf)


if __name__ == "__main__":
    main()
