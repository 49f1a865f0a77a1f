"""Generated Indonesian press releases and news for ``warta demo`` and benchmarks.

Every sentence is assembled here from word lists and templates written for
Warta. Articles go in with bulk Core inserts in batches; the search index is
filled per batch from the same code that indexes single saves. Drafts and
articles in review carry no revision rows (their first save makes revision
1), which keeps a 100,000-article library at a sensible size; approved and
published ones get revision 1 and the approval record of that exact text
(hash, an Editor or Admin other than the author, a release number), as an
office that approves in Warta would have.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from sqlalchemy import bindparam, insert, select, update

from desktop.jobs import Progress

BATCH = 5000

ORGS = [
    "Bawaslu Kabupaten {city}", "KPU Kabupaten {city}", "Bawaslu {city}", "KPU {city}",
    "Pemerintah Kabupaten {city}", "Dinas Komunikasi dan Informatika {city}",
]
ACTIVITIES = [
    "Sosialisasi", "Rapat Koordinasi", "Bimbingan Teknis", "Diskusi Publik", "Workshop",
    "Forum Group Discussion", "Apel Siaga", "Rapat Evaluasi", "Pelatihan", "Penandatanganan Nota Kesepahaman",
    "Uji Publik", "Rapat Pleno Terbuka", "Cangkrukan Demokrasi", "Ngobrol Pintar Pemilu", "Kampanye Literasi Digital",
]
THEMES = [
    "Pengawasan Partisipatif", "Pemilih Pemula", "Netralitas ASN", "Pencegahan Politik Uang",
    "Penguatan Kapasitas Pengawas Ad Hoc", "Pemutakhiran Data Pemilih", "Keterbukaan Informasi Publik",
    "Kolaborasi dengan Mitra Strategis", "Penanganan Hoaks Pemilu", "Pengelolaan Media Sosial Kehumasan",
    "Pendidikan Pemilih bagi Penyandang Disabilitas", "Pemilihan Serentak", "Pengawasan Kampanye",
    "Penyelesaian Sengketa Proses", "Desa Anti Politik Uang", "Pelayanan Informasi Publik",
]
TITLE_VERBS = ["Gelar", "Perkuat", "Dorong", "Ajak", "Tingkatkan", "Libatkan", "Sosialisasikan", "Matangkan"]
AUDIENCES = [
    "pemilih pemula", "organisasi kemasyarakatan", "mahasiswa", "insan pers", "tokoh agama",
    "pengawas kelurahan/desa", "pengawas kecamatan", "pelajar SMA", "komunitas disabilitas",
    "perangkat desa", "pemuda Karang Taruna", "partai politik peserta pemilu",
]
VENUES = [
    "Aula {org}", "Hotel Aston {city}", "Pendopo Kabupaten {city}", "Gedung Serbaguna {city}",
    "Balai Desa Sukamaju", "Kampus Universitas Negeri {city}", "Ruang Rapat Kantor {org}",
]
POSITIONS = [
    "Ketua {org}", "Anggota {org}", "Koordinator Divisi Pencegahan, Partisipasi Masyarakat dan Humas {org}",
    "Koordinator Divisi Penanganan Pelanggaran {org}", "Kepala Sekretariat {org}",
    "Koordinator Divisi Hukum dan Penyelesaian Sengketa {org}", "Kepala Subbagian Humas {org}",
]
PURPOSES = [
    "meningkatkan partisipasi masyarakat dalam mengawasi setiap tahapan pemilu",
    "memperkuat koordinasi antarlembaga menjelang tahapan pemungutan suara",
    "memastikan informasi yang sampai kepada masyarakat tepat, cepat, dan mudah dimengerti",
    "mencegah pelanggaran sejak dini melalui pengawasan yang melibatkan warga",
    "membangun kepercayaan publik terhadap penyelenggara pemilu",
    "menyamakan persepsi tentang aturan kampanye yang berlaku",
    "memperluas jaringan komunikasi dengan media lokal",
]
BODY_SENTENCES = [
    "Kegiatan ini diikuti sekitar {n} peserta dari unsur {aud} dan {aud2}.",
    "Dalam kesempatan tersebut, peserta diajak memahami pentingnya {theme_l} bagi kualitas demokrasi di {city}.",
    "Materi disampaikan oleh narasumber dari {org2} serta akademisi dari perguruan tinggi setempat.",
    "Peserta juga berdiskusi tentang tantangan yang dihadapi di lapangan, mulai dari keterbatasan akses informasi hingga maraknya hoaks di media sosial.",
    "Sebagai tindak lanjut, {org} akan membentuk kelompok kerja yang melibatkan {aud}.",
    "Selama {n2} hari pelaksanaan, panitia mencatat antusiasme peserta yang tinggi dalam sesi tanya jawab.",
    "Hasil kegiatan akan dirumuskan menjadi rekomendasi yang disampaikan kepada pemangku kepentingan terkait.",
    "Pengawasan partisipatif dinilai efektif karena masyarakat menjadi mata dan telinga penyelenggara di tingkat desa.",
    "Data yang dihimpun menunjukkan peningkatan laporan masyarakat sebesar {pct} persen dibanding periode sebelumnya.",
    "Kolaborasi dengan media, perguruan tinggi, dan organisasi masyarakat akan membuat pengawasan lebih efektif.",
    "Panitia menyediakan juru bahasa isyarat agar seluruh peserta dapat mengikuti kegiatan dengan baik.",
    "Kegiatan ditutup dengan penandatanganan komitmen bersama untuk menjaga pemilu yang jujur dan adil.",
]
QUOTES = [
    "Kami ingin masyarakat tidak hanya menjadi penonton, tetapi ikut mengawasi setiap tahapan.",
    "Informasi resmi yang cepat dan terverifikasi adalah cara paling ampuh untuk mematahkan hoaks.",
    "Kolaborasi dengan mitra strategis adalah kebutuhan mendasar untuk menjaga demokrasi.",
    "Setiap laporan masyarakat akan kami tindak lanjuti sesuai ketentuan yang berlaku.",
    "Netralitas aparatur sipil negara adalah harga mati dalam setiap pemilihan.",
    "Kami berharap semangat ini terus terjaga hingga tahapan pemungutan dan penghitungan suara.",
    "Pemilih pemula adalah kunci; mereka harus paham hak dan kewajibannya sejak awal.",
]
TAGS = [
    "pengawasan", "sosialisasi", "pemilih pemula", "kehumasan", "netralitas ASN", "politik uang",
    "hoaks", "kerja sama", "pilkada", "pemilu", "data pemilih", "disabilitas", "media", "pelatihan",
]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
KIND_WEIGHTS = [("siaran_pers", 45), ("berita_kegiatan", 35), ("klarifikasi", 6), ("pengumuman", 9), ("artikel", 5)]
STATUS_WEIGHTS = [("published", 62), ("archived", 8), ("approved", 6), ("review", 8), ("draft", 16)]


def _title_case(words: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words.split(" "))


@functools.lru_cache(maxsize=4096)
def _lead_date(day: dt.date) -> str:
    # Cached: 100,000 articles fall on a few thousand days, and Babel is slow per call.
    from desktop import dates

    return dates.lead_date(day, language="id")


def make_article(rng: random.Random, city: str, day: dt.date, kind: str, person_name) -> dict:  # noqa: ANN001
    """One generated article as column values, plus ``quotes`` and ``tags``."""
    org = rng.choice(ORGS).format(city=city)
    org2 = rng.choice(ORGS).format(city=rng.choice([city, "Jawa Timur", "Sulawesi Selatan"]))
    activity = rng.choice(ACTIVITIES)
    theme = rng.choice(THEMES)
    aud, aud2 = rng.sample(AUDIENCES, 2)
    short = org.replace("Kabupaten ", "")
    if kind == "klarifikasi":
        title = f"Klarifikasi {short} atas Informasi Keliru tentang {theme}"
    elif kind == "pengumuman":
        title = f"Pengumuman: Pendaftaran {activity} {theme} Tahun {day.year}"
    else:
        title = f"{short} {rng.choice(TITLE_VERBS)} {theme} melalui {activity}"
        if aud not in theme.lower():
            title += f" bersama {_title_case(aud)}"
    venue = rng.choice(VENUES).format(org=org, city=city)
    lead = (
        f"{org} menggelar {activity.lower()} bertema {theme.lower()} pada {_lead_date(day)} di {venue}. "
        f"Kegiatan ini bertujuan {rng.choice(PURPOSES)}."
    )
    fill = {
        "n": rng.randint(40, 250), "n2": rng.randint(1, 3), "pct": rng.randint(5, 60), "aud": aud, "aud2": aud2,
        "theme_l": theme.lower(), "city": city, "org": org, "org2": org2,
    }
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        sentences = rng.sample(BODY_SENTENCES, rng.randint(2, 3))
        paragraphs.append(" ".join(s.format(**fill) for s in sentences))
    speaker = person_name(rng)
    position = rng.choice(POSITIONS).format(org=org)
    quote = rng.choice(QUOTES)
    paragraphs.insert(1, f"“{quote}” ujar {speaker}, {position}.")
    if kind == "klarifikasi":
        paragraphs = ["## Klaim", f"Beredar informasi bahwa {theme.lower()} ditiadakan tahun ini.",
                      "## Fakta", *paragraphs, "## Sumber",
                      f"- Keputusan {org} Nomor {rng.randint(1, 300)} Tahun {day.year}"]
    return {
        "title": title,
        "kind": kind,
        "dateline_city": city,
        "event_date": day,
        "lead": lead,
        "body": "\n\n".join(paragraphs),
        "quotes": [(speaker, position, quote)],
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
    }


def _approvals(session, ids: list[int], articles: list[dict], quotes: list[list[dict]], approvers: list[tuple],
               rng: random.Random, now: dt.datetime) -> None:  # noqa: ANN001
    """Revision 1, its approval and its release number for each approved or published article of a batch."""
    from database.models.articles import ArticleApproval, ArticleRevision, ReleaseNumber
    from desktop.articles import approval, snapshot
    from desktop.articles.document import ArticleDoc, Quote

    chosen = [(art_id, row, qs) for art_id, row, qs in zip(ids, articles, quotes)
              if row["status"] in approval.APPROVED_STATUSES]
    if not chosen:
        return
    revisions, hashes, stamps = [], [], []
    for art_id, row, qs in chosen:
        doc = ArticleDoc(**{k: row[k] for k in _DOC_COLUMNS}, status=row["status"],
                         quotes=[Quote(speaker=q["speaker"], position=q["position"], text=q["text"]) for q in qs])
        # Approved an hour or two after writing, published within the next hour or two (never in the future).
        approved_at = min(row["created_at"] + dt.timedelta(minutes=rng.randint(30, 150)), now)
        published_at = min(approved_at + dt.timedelta(minutes=rng.randint(10, 120)), now) \
            if row["status"] == "published" else None
        row["revision"] = 1
        revisions.append({"article_id": art_id, "number": 1, "staff_id": row["author_id"],
                          "created_at": row["created_at"], "status": "review", "note": "",
                          "content": snapshot.dumps(doc)})
        hashes.append(approval.content_hash(doc))
        stamps.append((approved_at, published_at))
    conn = session.connection()
    rev_ids = [r[0] for r in conn.execute(
        insert(ArticleRevision).returning(ArticleRevision.id, sort_by_parameter_order=True), revisions)]
    pattern, office_name, _self = approval._office_settings(session)
    by_year: dict[int, list[int]] = {}
    for i, (approved_at, _pub) in enumerate(stamps):
        by_year.setdefault(approved_at.year, []).append(i)
    numbers: list[dict] = [{} for _ in chosen]
    for year, members in by_year.items():
        # One counter bump per year and batch hands out the whole run of sequence numbers.
        last = approval._bump_counter(session, year, len(members))
        for seq, i in enumerate(members, start=last - len(members) + 1):
            date = stamps[i][0].date()
            numbers[i] = {"year": year, "seq": seq, "article_id": chosen[i][0], "assigned_at": stamps[i][0],
                          "number": approval.format_number(pattern, seq=seq, date=date, office=office_name)}
    conn.execute(insert(ReleaseNumber), numbers)
    records = []
    for i, (art_id, row, _qs) in enumerate(chosen):
        approver_id, approver_name = next(a for a in approvers if a[0] != row["author_id"]) \
            if len(approvers) > 1 else approvers[0]
        records.append({"article_id": art_id, "revision_id": rev_ids[i], "content_sha256": hashes[i],
                        "approver_id": approver_id, "approver_name": approver_name, "approved_at": stamps[i][0],
                        "release_number": numbers[i]["number"], "self_approved": approver_id == row["author_id"],
                        "published_at": stamps[i][1], "revoked_at": None})
    conn.execute(insert(ArticleApproval), records)
    conn.execute(update(_article_table()).where(_article_table().c.id == bindparam("i")).values(revision=1),
                 [{"i": art_id} for art_id, _row, _qs in chosen])


def _article_table():  # noqa: ANN202
    from database.models.articles import Article

    return Article.__table__


_DOC_COLUMNS = ("kind", "title", "subtitle", "dateline_city", "event_date", "publication_date", "embargo_at",
                "embargo_tz", "lead", "body", "writer", "editor", "photographer", "boilerplate", "contact_block",
                "source_url")


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001
    from database.base import utcnow
    from database.models import Staff
    from database.models.articles import Article, ArticleQuote, ArticleTag
    from desktop import demo, office
    from desktop.articles import store

    total = int(counts.get("articles", 0) or 0)
    if total <= 0:
        return
    profile = office.load(library)
    with library.store.read() as s:
        staff_rows = s.execute(select(Staff.id, Staff.name)).all()
        # Editors first: in an office the Redaktur approves, the Admin only when the Redaktur wrote it.
        approvers = [(r.id, r.name) for r in s.execute(
            select(Staff.id, Staff.name, Staff.role).where(Staff.role.in_(("editor", "admin")))
            .order_by(Staff.role.desc(), Staff.id))]
    staff_rows = staff_rows or [(None, "")]
    approvers = approvers or [(None, "")]
    kinds = [k for k, _w in KIND_WEIGHTS]
    kind_w = [w for _k, w in KIND_WEIGHTS]
    statuses = [k for k, _w in STATUS_WEIGHTS]
    status_w = [w for _k, w in STATUS_WEIGHTS]
    today = dt.date.today()
    now = utcnow()
    span_days = 3 * 365
    cities = [profile.city] * 3 + demo.CITIES if profile.city else demo.CITIES
    done = 0
    while done < total:
        progress.check()
        n = min(BATCH, total - done)
        with library.store.write() as tx:
            conn = tx.session.connection()
            articles, quotes, tags = [], [], []
            for i in range(n):
                # Newest ids are the newest articles, as in a real library.
                age = int((total - done - i) / total * span_days) + rng.randint(0, 3)
                day = today - dt.timedelta(days=age)
                kind = rng.choices(kinds, kind_w)[0]
                status = rng.choices(statuses, status_w)[0] if age > 14 else rng.choice(["draft", "review", "approved", "published"])
                if status == "review" and age > 14:
                    # A real office decides within days: nothing waits in review for months (Beranda
                    # would show "waiting 722 days"). Old drafts stay: abandoned drafts are real.
                    status = "published"
                author_id, author_name = rng.choice(staff_rows)
                data = make_article(rng, rng.choice(cities), day, kind, demo.person_name)
                stamp = dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59)))
                stamp = min(stamp, now)
                articles.append({
                    "kind": kind, "status": status, "title": data["title"], "subtitle": "",
                    "dateline_city": data["dateline_city"], "event_date": day,
                    "publication_date": day if status in ("published", "archived") else None,
                    "embargo_at": None, "embargo_tz": "WIB", "lead": data["lead"], "body": data["body"],
                    "writer": author_name, "editor": "", "photographer": profile.default_credit if kind != "pengumuman" else "",
                    "boilerplate": profile.boilerplate, "contact_block": "",
                    "source_url": "",
                    "author_id": author_id, "revision": 0, "created_at": stamp, "updated_at": stamp,
                    "locked_by": None, "locked_at": None,
                })
                quotes.append([{"ordinal": o, "speaker": speaker, "position": position, "text": text_, "person_id": None}
                               for o, (speaker, position, text_) in enumerate(data["quotes"])])
                tags.append(data["tags"])
            # The database hands out the ids (never max(id) + 1: a deleted id must not come back).
            ids = [r[0] for r in conn.execute(
                insert(Article).returning(Article.id, sort_by_parameter_order=True), articles)]
            if profile.website:
                base = profile.website.rstrip("/")
                published = [{"i": art_id, "u": f"{base}/berita/{art_id}"}
                             for art_id, row in zip(ids, articles) if row["status"] == "published"]
                if published:
                    conn.execute(update(Article).where(Article.id == bindparam("i")).values(source_url=bindparam("u")),
                                 published)
            _approvals(tx.session, ids, articles, quotes, approvers, rng, now)
            quote_rows = [{"article_id": a, **q} for a, qs in zip(ids, quotes) for q in qs]
            tag_rows = [{"article_id": a, "tag": t} for a, ts in zip(ids, tags) for t in ts]
            if quote_rows:
                conn.execute(insert(ArticleQuote), quote_rows)
            if tag_rows:
                conn.execute(insert(ArticleTag), tag_rows)
            store.index_articles(conn, ids)
            tx.audit("demo", "articles", f"{ids[0]}-{ids[-1]}", f"{n} generated articles")
        done += n
        progress.report(done, total, "articles")
