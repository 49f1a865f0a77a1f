"""Demo photos (``warta demo --photos N``): drawn scenes of office activities.

Each photo is a simple scene drawn with Pillow — a sky-to-floor gradient,
people as coloured silhouettes, a banner with the activity's name — saved
as a 1280×960 JPEG with an EXIF date and camera, then stored exactly as an
import would store it (original, thumbnail, hashes). Captions, events,
credits and tags are Indonesian. Every 40th photo is a smaller, more
compressed copy of the one before, so the near-duplicate finder has work.
Scenes are drawn in two worker processes.
"""

from __future__ import annotations

import datetime as dt
import random

from desktop import demo
from desktop.jobs import Progress

SIZE = (1280, 960)
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
EVENTS = [
    ("Rapat Koordinasi Pengawasan Tahapan Kampanye", "Aula Kantor Bawaslu {city}", ["rapat", "kampanye"]),
    ("Sosialisasi Pengawasan Partisipatif", "Pendopo Kecamatan {kec}", ["sosialisasi", "partisipatif"]),
    ("Apel Siaga Pengawasan Masa Tenang", "Alun-alun {city}", ["apel", "masa tenang"]),
    ("Bimbingan Teknis Penanganan Pelanggaran", "Hotel Aston {city}", ["bimtek", "pelanggaran"]),
    ("Patroli Pengawasan Masa Tenang", "Kecamatan {kec}", ["patroli", "masa tenang"]),
    ("Pelantikan Panwaslu Kecamatan", "Gedung Serbaguna {city}", ["pelantikan", "panwascam"]),
    ("Rapat Pleno Rekapitulasi Suara Tingkat Kabupaten", "Kantor KPU Kabupaten {city}", ["pleno", "rekapitulasi"]),
    ("Pengawasan Pemungutan Suara di TPS", "TPS 07 Desa {kec}", ["tps", "pemungutan suara"]),
    ("Deklarasi Kampanye Damai", "Lapangan Kecamatan {kec}", ["deklarasi", "kampanye"]),
    ("Kunjungan Media ke Kantor Bawaslu", "Ruang Media Bawaslu {city}", ["media", "kunjungan"]),
    ("Uji Publik Rancangan Peraturan Bawaslu", "Aula Universitas {city}", ["uji publik", "regulasi"]),
    ("Pengawasan Distribusi Logistik Pemilu", "Gudang Logistik KPU {city}", ["logistik", "distribusi"]),
    ("Sekolah Kader Pengawas Partisipatif", "Balai Desa {kec}", ["skpp", "pendidikan"]),
    ("Penertiban Alat Peraga Kampanye", "Jalan Raya {kec}", ["apk", "penertiban"]),
]
KECAMATAN = ["Sumbersari", "Kaliwates", "Patrang", "Ambulu", "Puger", "Kencong", "Tanggul", "Ledokombo", "Silo"]
ROLES = ["Ketua Bawaslu {city}", "Anggota Bawaslu {city}", "Koordinator Divisi Pencegahan", "Kepala Sekretariat"]
ACTIONS = [
    "{who}, {name}, memberikan arahan dalam {event} di {place}, {date}.",
    "Peserta mengikuti {event} di {place}, {date}.",
    "{who}, {name}, berbincang dengan peserta usai {event}, {date}.",
    "Suasana {event} di {place}, {date}.",
    "Petugas pengawas mencatat hasil {event} di {place}, {date}.",
]
CAMERAS = [("Canon", "Canon EOS 80D"), ("NIKON CORPORATION", "NIKON D7500"), ("samsung", "Galaxy A54 5G"), ("Apple", "iPhone 13")]
PALETTE = [(180, 30, 30), (20, 70, 150), (230, 170, 20), (30, 120, 60), (110, 40, 120), (200, 90, 20)]


def _scene(seed: int, banner: str, size: tuple[int, int]):  # noqa: ANN202 - PIL image
    from PIL import Image, ImageDraw, ImageFont

    r = random.Random(seed)
    width, height = SIZE
    img = Image.new("RGB", SIZE)
    d = ImageDraw.Draw(img)
    top = tuple(r.randrange(256) for _ in range(3))
    bottom = tuple(r.randrange(256) for _ in range(3))
    for y in range(0, height, 8):
        t = y / (height - 1)
        d.rectangle([0, y, width, y + 7], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    floor = r.randrange(height // 2, height - 150)
    d.rectangle([0, floor, width, height], fill=tuple(max(0, c - 60) for c in bottom))
    for _ in range(r.randrange(3, 11)):
        x, y = r.randrange(-40, width), r.randrange(floor - 120, height)
        scale = 0.6 + (y - floor + 120) / height
        colour = tuple(r.randrange(256) for _ in range(3))
        w = int(110 * scale)
        d.ellipse([x + w // 4, y - int(150 * scale), x + w - w // 4, y - int(70 * scale)], fill=(205, 160, 125))
        d.rectangle([x, y - int(70 * scale), x + w, y + int(200 * scale)], fill=colour)
    bx, by = r.randrange(40, 420), r.randrange(40, 160)
    d.rectangle([bx, by, bx + 820, by + 90], fill=r.choice(PALETTE))
    font = ImageFont.load_default(size=26)
    d.text((bx + 20, by + 14), banner[:48].upper(), fill="white", font=font)
    d.text((bx + 20, by + 50), "BAWASLU", fill=(255, 230, 120), font=font)
    return img if size == SIZE else img.resize(size)


def _make(task: dict) -> dict:
    """Draw, encode and store one demo photo (runs in a worker process)."""
    import hashlib
    import io
    from pathlib import Path

    from PIL import Image

    from desktop.fsutil import atomic_write_bytes
    from desktop.photos import files, imaging, importer

    img = _scene(task["seed"], task["banner"], tuple(task["size"]))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = task["camera"]
    exif[0x0132] = task["taken"].strftime("%Y:%m:%d %H:%M:%S")
    exif.get_ifd(0x8769)[0x9003] = exif[0x0132]
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=task["quality"], exif=exif.tobytes())
    data = buf.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    root = Path(task["root"])
    rel = files.original_rel(sha, "jpg")
    thumb = imaging.fit(img, imaging.THUMB_EDGE)
    thumb_data = imaging.jpeg_bytes(thumb, imaging.THUMB_QUALITY)
    with importer._writing:  # the pool's watchdog waits for it before ending the worker
        atomic_write_bytes(root / rel, data)
        atomic_write_bytes(files.thumbnail_path(root, sha), thumb_data)
    return {
        **task["meta"],
        "source": task["file_name"],
        "sha256": sha,
        "path": rel,
        "format": "JPEG",
        "size_bytes": len(data),
        "width": img.width,
        "height": img.height,
        "orientation": 1,
        "taken": task["taken"],
        "camera": task["camera"][1],
        "gps_lat": None,
        "gps_lon": None,
        "artist": "",
        "copyright": "",
        "phash": imaging.dhash(thumb),
        "ahash": imaging.ahash(thumb),
    }


def _tasks(library, count: int, rng: random.Random) -> list[dict]:  # noqa: ANN001
    from desktop import office

    profile = office.load(library)
    city = profile.city or "Jember"
    credit = profile.default_credit
    tasks: list[dict] = []
    today = dt.date.today()
    n_events = max(1, min(len(EVENTS) * 3, count // 25 + 1))
    events = []
    for i in range(n_events):
        name, place, tags = EVENTS[i % len(EVENTS)]
        kec = rng.choice(KECAMATAN)
        if i >= len(EVENTS):
            name = f"{name} {rng.choice(KECAMATAN)}" if "{kec}" not in place else f"{name} di {kec}"
        day = today - dt.timedelta(days=rng.randrange(3, 720))
        events.append((name, place.format(city=city, kec=kec), tags, day))
    for i in range(count):
        event, place, tags, day = events[rng.randrange(len(events))]
        taken = dt.datetime.combine(day, dt.time(rng.randrange(7, 17), rng.randrange(60), rng.randrange(60)))
        date_text = f"{HARI[day.weekday()]} ({day.day}/{day.month}/{day.year})"
        caption = rng.choice(ACTIONS).format(
            who=rng.choice(ROLES).format(city=city),
            name=demo.person_name(rng),
            event=event,
            place=place,
            date=date_text,
        )
        duplicate = i % 40 == 39 and tasks
        source = tasks[-1] if duplicate else None
        tasks.append(
            {
                "seed": source["seed"] if source else rng.randrange(1 << 30),
                "banner": source["banner"] if source else event,
                "size": (1024, 768) if duplicate else SIZE,
                "quality": 70 if duplicate else 85,
                "camera": source["camera"] if source else rng.choice(CAMERAS),
                "taken": source["taken"] if source else taken,
                "file_name": f"IMG_{20000 + i:05d}.JPG",
                "root": str(library.path),
                "meta": {
                    "caption": source["meta"]["caption"] if source else caption,
                    "credit": credit if rng.random() < 0.8 else f"Foto: {demo.person_name(rng)}/Humas",
                    "event": event,
                    "location": place,
                    "tags": ",".join(tags),
                    "pilihan": rng.random() < 0.08,
                },
            }
        )
    return tasks


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001
    from desktop.photos import importer, store

    count = int(counts.get("photos", 0) or 0)
    if count <= 0:
        return
    tasks = _tasks(library, count, rng)
    batch: list[dict] = []
    done = 0
    pool = importer._pool(2) if count > 8 else importer._Inline()
    try:
        for item in (pool.map(_make, tasks, chunksize=8) if count > 8 else map(_make, tasks)):
            batch.append(item)
            done += 1
            if len(batch) >= 200:
                store.insert_imported(library, batch, event=None, credit="")
                batch = []
            progress.report(done, count, "foto")
        if batch:
            store.insert_imported(library, batch, event=None, credit="")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
