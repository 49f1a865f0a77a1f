"""Sample claims for ``warta demo``: election hoaxes as a Bawaslu humas desk meets them.

Every claim is written here for Warta. Three get a klarifikasi that is
written, approved by an Editor and published (so the register shows the time
to clarification), and one waits for approval (so the approver's Beranda
shows it). They go in through the claims and articles APIs, as a user's
would: a dozen claims need no bulk path.
"""

from __future__ import annotations

import datetime as dt
import random

from desktop.jobs import Progress

# (hours before now it was first seen, platform, reach, reported by, category, verdict, claim, facts, sources,
#  links, klarifikasi: "" none, "published" or "review")
CLAIMS = [
    (9, "WhatsApp", 12000, "Warga Kecamatan Sumbersari", "fabricated", "hoaks",
     "Pemungutan suara di Kabupaten {city} diundur satu minggu karena logistik surat suara belum tiba.",
     "Jadwal pemungutan suara tidak berubah. Surat suara untuk seluruh TPS telah diterima dan disimpan di gudang "
     "logistik sejak sepekan lalu, disaksikan pengawas dan kepolisian.",
     "Keputusan KPU tentang tahapan dan jadwal pemilihan\nBerita acara serah terima logistik di gudang {city}",
     ["https://chat.whatsapp.example/pesan-berantai-tps"], "published"),
    (14, "Facebook", 8400, "Panwaslu Kecamatan Kaliwates", "imposter", "hoaks",
     "Dibuka rekrutmen Pengawas TPS dengan biaya pendaftaran Rp250.000 melalui transfer ke rekening pribadi.",
     "Pendaftaran pengawas ad hoc tidak dipungut biaya apa pun. Pengumuman resmi hanya dimuat di situs dan "
     "media sosial resmi Bawaslu, dan berkas diserahkan langsung ke sekretariat Panwaslu kecamatan.",
     "Pengumuman resmi pembentukan Pengawas TPS\nPeraturan Bawaslu tentang pembentukan pengawas ad hoc",
     ["https://facebook.example/groups/info-loker-{slug}/posts/1881"], "published"),
    (5, "Instagram", 23500, "Akun pemantau pemilu mahasiswa", "manipulated", "disinformasi",
     "Foto kotak suara yang segelnya sudah terbuka ditumpuk di rumah kepala desa sebelum hari pemungutan.",
     "Foto tersebut adalah hasil suntingan dari dokumentasi simulasi pemungutan suara tahun lalu. Pengecekan ke "
     "gudang logistik menunjukkan seluruh kotak suara masih tersegel dan tercatat.",
     "Dokumentasi simulasi pemungutan suara\nHasil pengawasan langsung gudang logistik",
     ["https://instagram.example/p/Cx9KotakSuara"], "published"),
    (6, "TikTok", 41000, "Laporan masyarakat lewat hotline", "false_context", "misinformasi",
     "Video petugas mencoblos sisa surat suara di TPS terjadi pada pemilihan tahun ini.",
     "Video itu direkam pada pemilihan kepala desa di kabupaten lain beberapa tahun lalu dan sudah ditangani saat "
     "itu. Tidak ada laporan serupa pada pemilihan tahun ini.",
     "Putusan penanganan pelanggaran terdahulu\nKeterangan Panwaslu Kecamatan",
     ["https://tiktok.example/@infopemilu/video/7301"], "review"),
    (75, "WhatsApp", 3000, "Ketua RT Kelurahan Tegal Besar", "fabricated", "hoaks",
     "Pemilih yang tidak membawa undangan (formulir pemberitahuan) tidak boleh mencoblos.",
     "Pemilih yang terdaftar dapat mencoblos dengan menunjukkan KTP elektronik meskipun tidak membawa formulir "
     "pemberitahuan.",
     "Peraturan KPU tentang pemungutan dan penghitungan suara", [], ""),
    (100, "X (Twitter)", 15200, "Wartawan media daring lokal", "misleading", "sebagian_benar",
     "Bawaslu {city} menghentikan penanganan laporan politik uang di tiga kecamatan.",
     "Dua laporan dihentikan karena tidak memenuhi syarat materiel, sedangkan laporan ketiga masih dalam kajian "
     "dan diteruskan ke Sentra Gakkumdu.",
     "Status penanganan laporan yang diumumkan di papan pengumuman", ["https://x.example/infowarga/status/55120"], ""),
    (8, "Telegram", 900, "Pengawas Kelurahan/Desa", "imposter", "belum_terbukti",
     "Pesan yang mengatasnamakan Ketua Bawaslu {city} meminta data pemilih ke grup relawan.",
     "", "", ["https://t.me.example/relawanpemilu/4410"], ""),
    (130, "YouTube", 67000, "Pemantau pemilu terakreditasi", "false_connection", "misinformasi",
     "Judul video menyebut ribuan pemilih fiktif ditemukan di {city}, padahal isinya membahas pencocokan dan "
     "penelitian data pemilih.",
     "Hasil pencocokan dan penelitian mencatat data pemilih ganda dan meninggal yang sudah dicoret sesuai prosedur; "
     "tidak ada temuan ribuan pemilih fiktif.",
     "Rekapitulasi daftar pemilih tetap\nBerita acara rapat pleno", ["https://youtube.example/watch?v=dpt-fiktif"], ""),
    (44, "Situs web", 5200, "Tim pemantauan media sosial", "misleading", "malinformasi",
     "Tangkapan layar data pribadi petugas KPPS beredar dengan tuduhan petugas tersebut anggota partai.",
     "Data pribadi dalam tangkapan layar diambil dari berkas pendaftaran. Penyebaran data pribadi dapat merugikan "
     "petugas; keanggotaan partai sudah diverifikasi melalui sistem informasi partai politik.",
     "Hasil verifikasi keanggotaan partai politik", ["https://portal-berita.example/2025/kpps-partai"], ""),
    (12, "Facebook", 1900, "Warga Desa Sukamaju", "false_context", "",
     "Lokasi TPS di balai desa dipindahkan ke rumah calon kepala daerah.", "", "", [], ""),
    (200, "Instagram", 4100, "Humas Pemerintah Kabupaten", "misleading", "benar",
     "Bawaslu {city} membuka posko pengaduan 24 jam selama masa tenang.",
     "Posko pengaduan memang dibuka 24 jam selama masa tenang di kantor Bawaslu dan di setiap kecamatan.",
     "Surat edaran pembukaan posko pengaduan", ["https://instagram.example/p/PoskoAduan"], ""),
    (3, "WhatsApp", 600, "Staf sekretariat", "fabricated", "",
     "Kabar bahwa pemilih disabilitas harus mendaftar ulang sebelum hari pemungutan agar bisa didampingi.", "", "",
     [], ""),
]

LEAD = "{org} pada {when} di {city} menegaskan bahwa informasi yang beredar tentang \"{claim}\" tidak benar. {facts}."


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001, ARG001
    from database.base import utcnow
    from desktop import dates, office, staff
    from desktop.articles import api as articles
    from desktop.claims import api as claims

    if not int(counts.get("claims", len(CLAIMS)) or 0):
        return
    profile = office.load(library)
    city = profile.city or "Jember"
    people = staff.list_staff(library)
    writer = next((p for p in people if p.role == "writer"), None)
    editor = next((p for p in people if p.role == "editor"), None) or next(
        (p for p in people if p.role == "admin" and (writer is None or p.id != writer.id)), None)
    now = utcnow()
    acting = library.store.staff_id
    try:
        for i, (hours, platform, reach, reporter, category, verdict, text, facts, sources, links, clarify) in \
                enumerate(CLAIMS[: int(counts.get("claims", len(CLAIMS)))]):
            progress.check()
            slug = city.lower().replace(" ", "")
            seen = (now - dt.timedelta(hours=hours, minutes=rng.randint(0, 50))).replace(tzinfo=dt.timezone.utc)
            library.store.staff_id = writer.id if writer else acting
            claim_id = claims.create_claim(library, claims.ClaimInput(
                text=text.format(city=city), first_seen=seen, links=[link.format(slug=slug) for link in links],
                platform=platform, reach=reach, reported_by=reporter, category=category, verdict=verdict,
                facts=facts.format(city=city), sources=sources.format(city=city)))
            if not clarify or editor is None or writer is None:
                continue
            # Written by the humas writer, approved and published by the Editor: two people, as required.
            article_id = claims.make_klarifikasi(library, claim_id)
            doc = articles.load_doc(library, article_id)
            # The writer replaces the template's lead placeholder with the summary, as the checklist asks.
            doc.lead = LEAD.format(org=profile.short_name or profile.name, when=dates.lead_date(now.date(), "id"),
                                   city=city, claim=text.format(city=city).rstrip("."),
                                   facts=facts.format(city=city).split(". ")[0].rstrip("."))
            articles.save(library, article_id, doc)
            articles.transition(library, article_id, "submit")
            if clarify == "published":
                library.store.staff_id = editor.id
                articles.transition(library, article_id, "approve")
                articles.transition(library, article_id, "publish")
            progress.report(i + 1, len(CLAIMS), "claims")
    finally:
        library.store.staff_id = acting
