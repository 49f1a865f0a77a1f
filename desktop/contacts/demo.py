"""Demo partners: Indonesian outlets, universities, NGOs, agencies and their people (``warta demo``).

Written with bulk Core inserts so 50,000 contacts take seconds; the search
indexes are filled once at the end.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, insert, select

from database.base import utcnow
from database.models.contacts import Collaboration, CollaborationOrg, CollaborationPerson, Coverage
from desktop import demo
from desktop.contacts import store
from desktop.jobs import Progress

PROVINCES = {
    "Jember": "Jawa Timur", "Banyuwangi": "Jawa Timur", "Bondowoso": "Jawa Timur", "Situbondo": "Jawa Timur",
    "Lumajang": "Jawa Timur", "Probolinggo": "Jawa Timur", "Malang": "Jawa Timur", "Kediri": "Jawa Timur",
    "Blitar": "Jawa Timur", "Madiun": "Jawa Timur", "Makassar": "Sulawesi Selatan", "Gowa": "Sulawesi Selatan",
    "Maros": "Sulawesi Selatan", "Palu": "Sulawesi Tengah", "Kupang": "Nusa Tenggara Timur",
    "Mataram": "Nusa Tenggara Barat", "Pontianak": "Kalimantan Barat", "Samarinda": "Kalimantan Timur",
    "Jayapura": "Papua", "Ambon": "Maluku",
}
# (type name, name patterns, positions, e-mail domain stem)
KINDS = [
    ("Media cetak", ["Radar {city}", "Harian {city} Pos", "Tribun {city}", "Suara {city}"],
     ["Wartawan", "Redaktur", "Pemimpin Redaksi", "Redaktur Pelaksana", "Fotografer"], "redaksi"),
    ("Media online", ["{city}Terkini.id", "Kabar{city}.com", "{city}News.co.id", "Detik{city}", "Warta{city}.id"],
     ["Jurnalis", "Reporter", "Editor", "Kontributor", "Pemimpin Redaksi"], "news"),
    ("Televisi", ["{city} TV", "TVRI Stasiun {province}", "Kompas TV {city}"],
     ["Reporter", "Kamerawan", "Produser", "Koordinator Liputan"], "tv"),
    ("Radio", ["Radio Suara {city} FM", "RRI {city}", "Prosalina FM {city}"],
     ["Penyiar", "Reporter", "Kepala Stasiun"], "radio"),
    ("Perguruan Tinggi", ["Universitas {city}", "Universitas Muhammadiyah {city}", "UIN {city}",
                          "Politeknik Negeri {city}", "STIE {city}"],
     ["Dosen Fakultas Hukum", "Rektor", "Dekan FISIP", "Kepala Humas", "Ketua LPPM", "Dosen Ilmu Komunikasi"], "ac"),
    ("Organisasi Kemasyarakatan", ["PC Nahdlatul Ulama {city}", "PD Muhammadiyah {city}", "KNPI {city}",
                                   "Pemuda Pancasila {city}"],
     ["Ketua", "Sekretaris", "Bendahara", "Wakil Ketua"], "ormas"),
    ("LSM", ["JPPR {city}", "Perludem Wilayah {province}", "KIPP {city}", "LBH {city}", "Forum Warga {city}"],
     ["Direktur Eksekutif", "Koordinator", "Peneliti", "Relawan"], "org"),
    ("Instansi Pemerintah", ["Dinas Kominfo Kabupaten {city}", "KPU Kabupaten {city}", "Polres {city}",
                             "Kejaksaan Negeri {city}", "Bakesbangpol {city}", "Pemerintah Kabupaten {city}"],
     ["Kepala Dinas", "Sekretaris", "Kepala Bidang", "Kasubbag Humas", "Kapolres", "Komisioner"], "go.id"),
    ("Komunitas", ["Komunitas Blogger {city}", "Pegiat Literasi {city}", "Komunitas Fotografi {city}"],
     ["Koordinator", "Anggota", "Admin Media Sosial"], "komunitas"),
]
MIDDLE = ["", "", "", "Nur", "Dwi", "Tri", "Eka", "Rahmat", "Kusuma", "Puspita", "Sari", "Adi", "Wahyu"]
MORE_LAST = ["Prasetyo", "Wibowo", "Maharani", "Firmansyah", "Anggraini", "Siregar", "Nasution", "Pohan",
             "Daeng", "Pattiasina", "Tanjung", "Manurung", "Harahap", "Sulistyo", "Rosyidah", "Fauzi"]
OPERATORS = ["811", "812", "813", "821", "822", "852", "853", "855", "856", "857", "858", "877", "878",
             "895", "896", "897", "898", "899", "881", "882", "838", "831", "859"]
BEATS = ["Politik", "Pemerintahan", "Hukum dan Kriminal", "Daerah", "Pemilu", "Ekonomi", ""]
TAGS = ["mitra", "media", "pemilu2024", "pilkada", "narasumber", "undangan", "sosialisasi"]
ACTIVITY_TITLES = {
    "meeting": "Rapat koordinasi pengawasan tahapan",
    "mou": "Penandatanganan nota kesepahaman",
    "visit": "Kunjungan redaksi",
    "invitation": "Undangan peliputan sosialisasi",
    "interview": "Wawancara khusus netralitas ASN",
    "joint_event": "Diskusi publik pengawasan partisipatif",
    "training": "Pelatihan jurnalistik kepemiluan",
}
KIND_KEYS = list(ACTIVITY_TITLES)
HEADLINES = [
    "Bawaslu Ajak Warga Awasi Tahapan Pemilihan",
    "Sosialisasi Pengawasan Partisipatif Digelar di {city}",
    "Rakor Pengawasan Netralitas ASN Libatkan Media",
    "Bawaslu {city} Buka Posko Pengaduan Masyarakat",
    "Patroli Pengawasan Masa Tenang Diperketat",
]


def _phone(rng: random.Random) -> str:
    return "+62" + rng.choice(OPERATORS) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def _name(rng: random.Random) -> tuple[str, str, str]:
    first = rng.choice(demo.FIRST_NAMES)
    middle = rng.choice(MIDDLE)
    last = rng.choice(demo.LAST_NAMES + MORE_LAST)
    core = " ".join(x for x in (first, middle, last) if x)
    return rng.choice(demo.TITLES_BEFORE) + core + rng.choice(demo.TITLES_AFTER), core, last


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001
    total = int(counts.get("contacts", 0))
    if total <= 0:
        return
    now = utcnow()
    today = dt.date.today()
    with library.store.write() as tx:
        s = tx.session
        conn = s.connection()
        types = dict(s.execute(select(store.T.c.name, store.T.c.id)).all())
        first_org = (s.scalar(select(func.max(store.O.c.id))) or 0) + 1
        orgs: list[dict] = []
        org_meta: list[tuple[list[str], str]] = []
        # Every pattern × city once at most: numbered copies ("Radar Jember 2") would look fake.
        wanted_orgs = max(10, min(total // 8, 600))
        seen: set[str] = set()
        for n in range(wanted_orgs * 6):
            if len(orgs) >= wanted_orgs:
                break
            kind, patterns, positions, domain = KINDS[n % len(KINDS)] if n < len(KINDS) else rng.choice(KINDS)
            city = rng.choice(demo.CITIES)
            province = PROVINCES.get(city, "")
            name = rng.choice(patterns).format(city=city, province=province)
            if name in seen:
                continue
            seen.add(name)
            slug = "".join(c for c in name.lower() if c.isalnum())[:20]
            mou = rng.random() < 0.15
            signed = today - dt.timedelta(days=rng.randint(200, 900)) if mou else None
            expires = today + dt.timedelta(days=rng.randint(-60, 400)) if mou else None
            orgs.append({
                "name": name, "type_id": types.get(kind), "regency": city, "province": province,
                "address": f"Jl. {rng.choice(['Sudirman', 'Gajah Mada', 'Diponegoro', 'Ahmad Yani', 'Kartini'])} "
                           f"No. {rng.randint(1, 200)}, {city}",
                "phone": "", "email": f"humas@{slug}.{'go.id' if domain == 'go.id' else 'example'}",
                "website": f"https://{slug}.example", "social": "", "notes": "",
                "tags": ",".join(rng.sample(TAGS, rng.randint(0, 2))),
                "mou_number": f"{rng.randint(1, 300)}/HM.02/K.JI-{rng.randint(1, 40):02d}/{signed.year}" if mou else "",
                "mou_signed": signed, "mou_expires": expires,
                "mou_scope": "Kerja sama sosialisasi pengawasan pemilu dan publikasi" if mou else "",
                "created_at": now, "updated_at": now,
            })
            org_meta.append((positions, domain))
        org_ids = store.bulk_insert(s, store.O, orgs)

        first_person = (s.scalar(select(func.max(store.P.c.id))) or 0) + 1
        batch = 5000
        for start in range(0, total, batch):
            progress.check()
            progress.report(start, total, "contacts")
            people, picks = [], []
            for _n in range(start, min(total, start + batch)):
                k = rng.randrange(len(org_ids))
                full, core, _last = _name(rng)
                positions, _domain = org_meta[k]
                position = rng.choice(positions)
                picks.append((k, core, position))
                people.append({
                    "full_name": full, "sort_name": store.name_key(full), "position": position,
                    "organization_id": org_ids[k], "organization_sort": orgs[k]["name"].lower(), "beat": rng.choice(BEATS) if org_meta[k][1] in
                    ("redaksi", "news", "tv", "radio") else "", "preferred_channel": rng.choice(["whatsapp", "email", ""]),
                    "address": "", "notes": "", "tags": ",".join(rng.sample(TAGS, rng.randint(0, 2))),
                    "source": "demo", "consent": rng.random() < 0.8, "created_at": now, "updated_at": now,
                })
            ids = store.bulk_insert(s, store.P, people)
            phones, emails, affs = [], [], []
            for pid, (k, core, position) in zip(ids, picks):
                phones.append({"person_id": pid, "label": "HP", "number": _phone(rng), "whatsapp": True,
                               "public": rng.random() < 0.3})
                if rng.random() < 0.3:
                    phones.append({"person_id": pid, "label": "Kantor", "number": _phone(rng), "whatsapp": False,
                                   "public": True})
                local = ".".join(core.lower().replace("'", "").split()) + str(pid)
                address = f"{local}@{rng.choice(['gmail.com', 'yahoo.co.id', 'mail.example'])}"
                emails.append({"person_id": pid, "label": "", "address": address, "address_key": address,
                               "public": rng.random() < 0.3})
                affs.append({"person_id": pid, "organization_id": org_ids[k], "role": position,
                             "date_from": None, "date_to": None})
            s.execute(insert(store.PH), phones)
            s.execute(insert(store.EM), emails)
            s.execute(insert(store.AF), affs)
        last_person = first_person + total - 1

        # History: a few activities and coverage entries so pages are not empty.
        C, CP, CO = Collaboration.__table__, CollaborationPerson.__table__, CollaborationOrg.__table__
        n_act = min(2000, max(5, total // 25))
        acts = []
        for _ in range(n_act):
            kind = rng.choice(KIND_KEYS)
            acts.append({"kind": kind, "date": today - dt.timedelta(days=rng.randint(0, 700)),
                         "title": ACTIVITY_TITLES[kind], "notes": "", "created_at": now})
        act_ids = store.bulk_insert(s, C, acts)
        cp, co = set(), set()
        for aid in act_ids:
            for _ in range(rng.randint(1, 3)):
                cp.add((aid, rng.randint(first_person, last_person)))
            co.add((aid, rng.choice(org_ids)))
        s.execute(insert(CP), [{"collaboration_id": a, "person_id": p} for a, p in cp])
        s.execute(insert(CO), [{"collaboration_id": a, "organization_id": o} for a, o in co])
        media = [oid for oid, (_p, d) in zip(org_ids, org_meta) if d in ("redaksi", "news", "tv", "radio")] or org_ids
        cov = []
        for _ in range(min(3000, max(5, total // 15))):
            city = rng.choice(demo.CITIES)
            cov.append({"organization_id": rng.choice(media), "person_id": rng.randint(first_person, last_person),
                        "article_id": None, "headline": rng.choice(HEADLINES).format(city=city),
                        "date": today - dt.timedelta(days=rng.randint(0, 700)),
                        "url": f"https://berita.example/{rng.randint(10000, 99999)}", "notes": ""})
        s.execute(insert(Coverage.__table__), cov)

        lists = [{"name": "Media online Jawa Timur", "description": "",
                  "filter_json": store.PeopleFilter(type_id=types.get("Media online"), region="Jawa Timur").to_json(),
                  "created_at": now},
                 {"name": "Undangan Rakor Pengawasan", "description": "", "filter_json": None, "created_at": now}]
        existing = set(s.scalars(select(store.DL.c.name)))
        lists = [x for x in lists if x["name"] not in existing]
        if lists:
            list_ids = store.bulk_insert(s, store.DL, lists)
            static = [i for i, x in zip(list_ids, lists) if x["filter_json"] is None]
            if static:
                members = rng.sample(range(first_person, last_person + 1), min(40, total))
                s.execute(insert(store.LM), [{"list_id": static[0], "person_id": p} for p in members])

        store.refresh_orgs_fts(conn, min_id=first_org)
        store.refresh_people_fts(conn, min_id=first_person)
        tx.audit("demo", "people", "", f"{total} demo contacts, {len(org_ids)} organisations")
        tx.audit("demo", "organizations", "", "")
    progress.report(total, total, "contacts")
