#!/usr/bin/python3
"""png-colour.py FILE.png RRGGBB [ROWS] — how many pixels of the first ROWS
rows (all by default) of a PNG (8-bit RGB or RGBA, as Chromium's screenshots
are) are within 12 of the colour RRGGBB in each channel.  Python's standard
library only: the headless-Chromium tests count a chart's bars or a light's
cells with it."""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            bpp = {2: 3, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        yield y, line, bpp


def main():
    path, colour = sys.argv[1], int(sys.argv[2], 16)
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    want = (colour >> 16, (colour >> 8) & 255, colour & 255)
    count = 0
    for y, line, bpp in rows(path):
        if limit is not None and y >= limit:
            break
        for x in range(0, len(line), bpp):
            if all(abs(line[x + k] - want[k]) < 12 for k in range(3)):
                count += 1
    print(count)


main()
