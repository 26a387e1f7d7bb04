#!/usr/bin/env python3
"""Writes the demo's pick images (src/main/resources/static/demo/*.png): flat art, standard library only,
so anyone can regenerate them byte for byte."""
import pathlib
import struct
import zlib

W, H = 560, 280
OUT = pathlib.Path(__file__).resolve().parent.parent / "main/resources/static/demo"

# name -> (background, accent): one per demo category
IMAGES = {
    "ai": ((32, 45, 90), (120, 200, 255)),
    "security": ((60, 20, 30), (255, 170, 60)),
    "open-source": ((20, 70, 40), (170, 240, 140)),
    "science": ((40, 25, 70), (240, 200, 255)),
}


def pixel(name, x, y, bg, fg):
    cx, cy = W * 0.68, H * 0.5
    d2 = (x - cx) ** 2 + (y - cy) ** 2
    if name == "ai":  # a grid of nodes
        hit = (x % 56 < 8 and y % 56 < 8)
    elif name == "security":  # a ring
        hit = 70 ** 2 < d2 < 90 ** 2
    elif name == "open-source":  # diagonal stripes
        hit = (x + y) % 48 < 10
    else:  # a planet with a band
        hit = d2 < 80 ** 2 or abs((y - cy) - 0.3 * (x - cx)) < 4
    return fg if hit else bg


def png(name, bg, fg):
    rows = bytearray()
    for y in range(H):
        rows.append(0)
        for x in range(W):
            rows.extend(pixel(name, x, y, bg, fg))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


for name, (bg, fg) in IMAGES.items():
    (OUT / f"{name}.png").write_bytes(png(name, bg, fg))
