"""Contact files: parsing a 10,000-card vCard file and matching it against 50,000 people.

Baselines in the same run: vobject's own ``readComponents`` over the same file
(what a naive importer would do), and a plain dictionary look-up of every
incoming e-mail for the matching.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from bench.runner import Table, measure

# Names built from syllables give the thousands of distinct names a real address book
# has; a fifth start with the very common "Muhammad", "Siti", "Nur" … (the hard case
# for name blocking).
SYLLABLES = ["a", "ri", "di", "sa", "nu", "wa", "ti", "ka", "ra", "ma", "ya", "lin", "dra", "to", "no",
             "wan", "sih", "yu", "ni", "har", "sur", "jo", "bu", "de", "wi", "la", "gus", "pur", "hen", "in"]
COMMON = ["Muhammad", "Siti", "Nur", "Ahmad", "Sri", "Dwi", "Agus", "Dewi"]
ENDINGS = ["", "", "ono", "anto", "wati", "yah", "di", "man", "sari", "jaya"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


PREFIX = ["", "", "", "Dr. ", "Ir. ", "H. ", "Hj. ", "Prof. Dr. "]
SUFFIX = ["", "", "", ", S.Pd.", ", M.Si.", ", S.H., M.H.", ", S.E.", ", S.Sos."]
ORGS = ["Bawaslu Kab. Jember", "KPU Kab. Banyuwangi", "Radar Jember", "Jawa Pos", "Kompas", "Universitas Jember",
        "Detik", "TVRI Jawa Timur", "RRI Jember", "LSM Pemilu Bersih", "Pemkab Jember", "Tribun Jatim"]


def people(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        given = _word(rng, rng.randint(2, 3))
        if rng.random() < 0.2:
            given = rng.choice(COMMON) + " " + given
        family = _word(rng, rng.randint(1, 2)) + rng.choice(ENDINGS)
        out.append({
            "given": given, "family": family,
            "full": rng.choice(PREFIX) + given + " " + family + rng.choice(SUFFIX),
            "org": rng.choice(ORGS),
            "phone": "08{:02d}-{:04d}-{:04d}".format(11 + (i % 9), (i * 7919 + seed) % 10000, i % 10000),
            "email": "{}.{}{}@example.go.id".format(given.split()[0].lower(), family.lower(), i + seed),
        })
    return out


def vcard_file(rows: list[dict]) -> bytes:
    cards = []
    for p in rows:
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{p['family']};{p['given']};;;\r\nFN:{p['full'].replace(',', chr(92) + ',')}\r\n"
            f"ORG:{p['org']}\r\nTITLE:Kepala Subbagian Humas\r\n"
            f"TEL;TYPE=CELL:{p['phone']}\r\nEMAIL;TYPE=INTERNET:{p['email']}\r\n"
            "ADR;TYPE=WORK:;;Jl. Kalimantan No. 37;Jember;Jawa Timur;68121;Indonesia\r\n"
            "NOTE:Narahubung kegiatan sosialisasi\r\nEND:VCARD\r\n")
    return "".join(cards).encode("utf-8")


def run(table: Table, scale: str, workdir: Path) -> None:
    import vobject

    from desktop.contacts.io import export_csv, parse_csv, parse_vcard
    from desktop.contacts.matching import MatchIndex, find_duplicates
    from desktop.contacts.normalize import normalize_phone

    n_in, n_existing = (10_000, 50_000) if scale == "full" else (1_000, 5_000)
    repeat = 3 if scale == "full" else 3
    incoming_rows = people(n_in, seed=1)
    data = vcard_file(incoming_rows)
    text = data.decode("utf-8")

    parse_samples = measure(lambda: parse_vcard(data, "bench.vcf"), repeat=repeat, warmup=0)
    base_samples = measure(lambda: list(vobject.readComponents(text)), repeat=repeat, warmup=0)
    table.add(f"contacts: parse {n_in:,}-card vCard file", parse_samples,
              baseline="vobject.readComponents, no mapping", baseline_samples=base_samples,
              target="part of 10 s import (full)")

    records = parse_vcard(data, "bench.vcf").records
    csv_data = export_csv(records)
    csv_text = csv_data.decode("utf-8-sig")
    table.add(f"contacts: parse {n_in:,}-row CSV file (Warta's export)",
              measure(lambda: parse_csv(csv_data, "bench.csv"), repeat=repeat, warmup=0),
              baseline="csv.reader rows only",
              baseline_samples=measure(lambda: list(csv.reader(io.StringIO(csv_text))), repeat=repeat))
    # Half the incoming people already exist (same phone), some under a variant of their name.
    existing_rows = people(n_existing, seed=2) + incoming_rows[: n_in // 2]

    # The library stores phones in E.164 already; normalise once, outside the timing.
    stored_phones = [normalize_phone(p["phone"])[0] or p["phone"] for p in existing_rows]

    def build() -> MatchIndex:
        index = MatchIndex()
        for key, p in enumerate(existing_rows):
            index.add(key, name=p["full"], organization=p["org"], phones=[stored_phones[key]], emails=[p["email"]])
        return index

    index = build()
    match_samples = measure(lambda: find_duplicates(records, index), repeat=repeat, warmup=0)

    def dict_lookup() -> int:
        emails = {p["email"]: k for k, p in enumerate(existing_rows)}
        return sum(1 for r in records for e in r.emails if e.address in emails)

    table.add(f"contacts: match {n_in:,} against {len(existing_rows):,} people", match_samples,
              baseline="dict look-up of e-mails only", baseline_samples=measure(dict_lookup, repeat=repeat),
              target="part of 10 s import (full)")
    table.add(f"contacts: index {len(existing_rows):,} existing people", measure(build, repeat=repeat, warmup=0))
