#!/usr/bin/env python3
"""Write templates/static/favicon.ico from the shape of templates/static/favicon.svg: the site's
mark (an ochre map pin on dark teal), at 16, 32 and 48 pixels, each a PNG inside the ICO file.
Standard library only; deterministic (the same bytes on every run).

    python3 tools/make-favicon.py            # from the repository root
"""

import math
import os
import struct
import zlib

TEAL_DARK = (0x12, 0x3F, 0x3B)
OCHRE = (0xF3, 0xD9, 0xA4)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates", "static", "favicon.ico")


def colour_at(x, y):
    """The colour of a point of the 32 × 32 drawing, or None outside it (the SVG's shapes)."""
    radius = 6
    cx, cy = min(max(x, radius), 32 - radius), min(max(y, radius), 32 - radius)
    if (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2:
        return None
    pin_x, pin_y, pin_r, tip_y = 16, 12.5, 9, 28
    distance = math.hypot(x - pin_x, y - pin_y)
    if distance <= 3.6:
        return TEAL_DARK
    in_circle = distance <= pin_r
    # The cone from the tip to the tangent points of the circle (8.9, 18.1) and (23.1, 18.1).
    in_cone = 18.1 <= y <= tip_y and abs(x - pin_x) <= (tip_y - y) * (7.1 / (tip_y - 18.1))
    return OCHRE if in_circle or in_cone else TEAL_DARK


def png(size):
    samples = 4
    rows = []
    for row in range(size):
        line = bytearray([0])
        for column in range(size):
            totals, covered = [0, 0, 0], 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (column + (sx + 0.5) / samples) * 32 / size
                    y = (row + (sy + 0.5) / samples) * 32 / size
                    colour = colour_at(x, y)
                    if colour is not None:
                        covered += 1
                        totals = [t + c for t, c in zip(totals, colour)]
            alpha = round(255 * covered / samples ** 2)
            rgb = [round(t / covered) if covered else 0 for t in totals]
            line += bytes(rgb + [alpha])
        rows.append(bytes(line))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


def main():
    images = [(size, png(size)) for size in (16, 32, 48)]
    data = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, image in images:
        data += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    data += b"".join(image for _, image in images)
    with open(OUT, "wb") as out:
        out.write(data)


if __name__ == "__main__":
    main()
