"""Photo fixtures made on the spot with Pillow and raw bytes (good and hostile)."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw


def scene(seed: int = 1, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A picture with structure (so perceptual hashes mean something)."""
    r = random.Random(seed)
    img = Image.new("RGB", size, tuple(r.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    w, h = size
    for _ in range(12):
        x, y = r.randrange(w), r.randrange(h)
        d.rectangle([x, y, x + r.randrange(20, w // 2), y + r.randrange(20, h // 2)],
                    fill=tuple(r.randrange(256) for _ in range(3)))
    return img


def jpeg(
    path: Path,
    *,
    seed: int = 1,
    size: tuple[int, int] = (640, 480),
    orientation: int | None = None,
    taken: dt.datetime | None = None,
    camera: tuple[str, str] | None = None,
    gps: tuple[float, float] | None = None,
    artist: str = "",
    quality: int = 90,
    mode: str = "RGB",
) -> Path:
    img = scene(seed, size)
    if mode != "RGB":
        img = img.convert(mode)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if taken:
        stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
        exif.get_ifd(0x8769)[0x9003] = stamp
    if camera:
        exif[0x010F], exif[0x0110] = camera
    if artist:
        exif[0x013B] = artist
    if gps:
        lat, lon = gps

        def dms(value: float) -> tuple:
            value = abs(value)
            d = int(value)
            m = int((value - d) * 60)
            s = round(((value - d) * 60 - m) * 60, 2)
            return (d, m, s)

        exif[0x8825] = {1: "S" if lat < 0 else "N", 2: dms(lat), 3: "W" if lon < 0 else "E", 4: dms(lon)}
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=quality, exif=exif.tobytes())
    return path


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x00" * 3)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def png_text_bomb() -> bytes:
    """A valid 8×8 PNG with a zTXt chunk that inflates to 8 MB."""
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    data = buf.getvalue()
    ztxt = png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * (8 << 20), 9))
    return data[:33] + ztxt + data[33:]  # right after IHDR


def png_16bit(path: Path) -> Path:
    """A 64×64 16-bit greyscale PNG: a left-to-right ramp over the full 0–65535 range."""
    row = b"".join(struct.pack("<H", x * 65535 // 63) for x in range(64))
    Image.frombytes("I;16", (64, 64), row * 64).save(path, "PNG")
    return path


def png_palette_transparent(path: Path) -> Path:
    img = Image.new("P", (40, 40), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    ImageDraw.Draw(img).rectangle([10, 10, 29, 29], fill=1)
    img.save(path, "PNG", transparency=0)  # index 0 (black) is transparent
    return path


def cmyk_jpeg(path: Path) -> Path:
    scene(5).convert("CMYK").save(path, "JPEG", quality=90)
    return path


def truncated_jpeg(path: Path) -> Path:
    full = io.BytesIO()
    scene(7, (800, 600)).save(full, "JPEG", quality=92)
    data = full.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


def png_broken_stream(path: Path, *, exif: bool = True) -> Path:
    """A valid PNG whose compressed IDAT stream is then damaged mid-way.

    Only bytes inside the IDAT data change (not even the CRC is fixed), the
    shape of real-world damage. With ``exif`` the file also carries an eXIf
    chunk, so reading EXIF is what first touches the pixel data.
    """
    r = random.Random(5)
    img = Image.frombytes("RGB", (200, 150), bytes(r.randrange(256) for _ in range(200 * 150 * 3)))
    buf = io.BytesIO()
    extra = {}
    if exif:
        meta = Image.Exif()
        meta[0x013B] = "Dewi"
        extra["exif"] = meta.tobytes()
    img.save(buf, "PNG", **extra)
    data = bytearray(buf.getvalue())
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    middle = start + length // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def write_slowly_in_worker(target: str, started: str, seconds: float) -> str:
    """A worker task that writes into the library the way the importer does, slowly.

    It holds the importer's write lock and an open temporary file for
    ``seconds`` after creating ``started``: a parent killed meanwhile must
    not leave the temporary file behind.
    """
    import time

    from desktop.fsutil import atomic_write
    from desktop.photos import importer

    with importer._writing, atomic_write(Path(target)) as fh:
        fh.write(b"half")
        Path(started).write_text("x")
        time.sleep(seconds)
        fh.write(b" and the rest")
    return target
