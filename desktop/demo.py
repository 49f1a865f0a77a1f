"""``warta demo``: realistic generated Indonesian sample data for exploring and benchmarks.

All text is generated here from word lists written for Warta. Each area adds
its generator to its ``demo`` entry in ``desktop.areas.AREAS`` as
``"module:function"``; a generator takes
``(library, counts, rng, progress)`` where ``counts`` holds the requested sizes
(``articles``, ``contacts``, ``photos``) and writes with bulk inserts.
"""

from __future__ import annotations

import random

from desktop import areas, office, staff
from desktop.jobs import Progress

CITIES = [
    "Jember", "Banyuwangi", "Bondowoso", "Situbondo", "Lumajang", "Probolinggo",
    "Malang", "Kediri", "Blitar", "Madiun", "Makassar", "Gowa", "Maros", "Palu",
    "Kupang", "Mataram", "Pontianak", "Samarinda", "Jayapura", "Ambon",
]
FIRST_NAMES = [
    "Siti", "Ahmad", "Dewi", "Budi", "Rina", "Agus", "Nur", "Fajar", "Wahyu", "Putri",
    "Rizky", "Ayu", "Hendra", "Indah", "Yusuf", "Lestari", "Bambang", "Sri", "Andi",
    "Maya", "Dedi", "Ratna", "Imam", "Fitri", "Arif", "Nurul", "Joko", "Wulan",
]
LAST_NAMES = [
    "Aminah", "Santoso", "Wijaya", "Rahmawati", "Hidayat", "Saputra", "Pratama",
    "Kurniawan", "Lestari", "Setiawan", "Handayani", "Nugroho", "Syahputra",
    "Permata", "Halim", "Ramadhan", "Utami", "Gunawan", "Susanti", "Tola'",
]
TITLES_BEFORE = ["", "", "", "Dr. ", "Drs. ", "Ir. ", "Prof. Dr. "]
TITLES_AFTER = ["", "", ", S.Pd.", ", S.H.", ", M.Si.", ", S.Sos., M.AP.", ", S.Kom."]


def person_name(rng: random.Random) -> str:
    return (
        rng.choice(TITLES_BEFORE)
        + rng.choice(FIRST_NAMES)
        + " "
        + rng.choice(LAST_NAMES)
        + rng.choice(TITLES_AFTER)
    )


def ensure_office(library) -> None:  # noqa: ANN001
    profile = office.load(library)
    if not profile.name:
        profile = office.OfficeProfile(
            name="Badan Pengawas Pemilihan Umum Kabupaten Jember",
            short_name="Bawaslu Jember",
            unit="Subbagian Humas dan Hubungan Masyarakat",
            address="Jl. Kalimantan No. 12, Sumbersari, Jember, Jawa Timur 68121",
            phone="(0331) 123456",
            email="humas@jember.bawaslu.example",
            website="https://jember.bawaslu.example",
            city="Jember",
            boilerplate=(
                "Bawaslu Kabupaten Jember adalah lembaga pengawas pemilihan umum di tingkat "
                "kabupaten yang bertugas mengawasi setiap tahapan pemilu dan pemilihan."
            ),
        )
        office.save(library, profile)
    if not staff.list_staff(library):
        staff.create(library, staff.StaffInput(name="Admin Humas", position="Kepala Subbagian", role="admin"))
        staff.create(library, staff.StaffInput(name="Dewi Lestari", position="Staf Humas", role="writer"))
        staff.create(library, staff.StaffInput(name="Agus Santoso", position="Redaktur", role="editor"))


def generate(library, counts: dict[str, int], *, seed: int = 2025, progress: Progress | None = None) -> dict:  # noqa: ANN001
    rng = random.Random(seed)
    progress = progress or Progress()
    ensure_office(library)
    for spec in areas.entries("demo"):
        areas.load(spec)(library, counts, rng, progress)
    from desktop import stats

    return stats.counts(library)
