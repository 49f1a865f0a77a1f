"""The 5W1H lead check: realistic leads pass, each lead missing one element is told exactly which."""

from __future__ import annotations

import pytest

from desktop.articles import aids, lead_check
from desktop.articles.document import ArticleDoc

# Leads written in the genre of Indonesian election-office press releases (fixtures of this test).
GOOD = [
    "Bawaslu Kabupaten Jember menggelar rapat koordinasi pengawasan tahapan kampanye bersama perwakilan partai politik di Aula Sekretariat Bawaslu Jember, Senin (3/11/2025), untuk memastikan kampanye berjalan tertib.",
    "KPU Kota Malang menetapkan 645.112 pemilih dalam daftar pemilih tetap (DPT) Pilkada 2024 melalui rapat pleno terbuka di Hotel Savana, Malang, pada Rabu (18/9/2024).",
    "Ketua Bawaslu Jember, Ahmad Fauzi, mengingatkan aparatur sipil negara (ASN) agar menjaga netralitas selama masa kampanye saat memberikan sosialisasi di Pendopo Wahyawibawagraha, Kamis (7/11/2025).",
    "Sebanyak 250 pengawas tempat pemungutan suara (PTPS) se-Kabupaten Jember dilantik secara serentak pada Sabtu, 9 November 2024, pukul 09.00 WIB.",
    "Pemkab Banyuwangi bersama KPU dan Bawaslu menandatangani naskah perjanjian hibah daerah untuk pendanaan Pilkada 2024 di Kantor Bupati Banyuwangi, Jumat (10/11/2023).",
    "Polres Jember menurunkan 1.200 personel gabungan untuk mengamankan rapat pleno rekapitulasi suara tingkat kabupaten yang berlangsung di Gedung PKPSBJ pada 4 Desember 2024.",
    "Anggota Bawaslu Provinsi Jawa Timur, Dewita Hayu Shinta, membuka kegiatan penguatan kapasitas pengawas pemilu di Surabaya, Selasa (12/8/2025), dengan menekankan pentingnya integritas.",
    "Ratusan mahasiswa Universitas Jember mengikuti sekolah kader pengawas partisipatif yang digelar Bawaslu Jember di Aula Fakultas Hukum, Senin (15/9/2025).",
    "DPRD Kabupaten Bondowoso menggelar rapat dengar pendapat dengan KPU setempat guna membahas kesiapan logistik pemilihan di Ruang Rapat Paripurna, Rabu, 2 Oktober 2024, pukul 13.00 WIB.",
    "KPU Kabupaten Jember menerima 1.845 kotak suara dari penyedia dan menyimpannya di gudang logistik Jalan Kalimantan pada Minggu (20/10/2024) malam.",
    "Bawaslu Kota Kupang menemukan 37 alat peraga kampanye yang melanggar aturan saat patroli pengawasan di sepanjang Jalan El Tari, Kamis (31/10/2024) pukul 20.00 WITA.",
    "Koordinator Divisi Penanganan Pelanggaran Bawaslu Jember, Siti Aminah, menyampaikan bahwa lembaganya telah menerima tiga laporan dugaan politik uang sejak awal masa tenang di Jember, Senin (25/11/2024).",
    "Warga Desa Sukorejo antusias mengikuti simulasi pemungutan suara yang digelar KPU Kabupaten Jember di halaman balai desa, Sabtu (16/11/2024), sebagai persiapan menjelang hari pemungutan suara.",
    "Sekretariat Bawaslu Kabupaten Jember meraih penghargaan keterbukaan informasi publik kategori informatif dari Komisi Informasi Jawa Timur di Surabaya pada 12 Desember 2025.",
    "Kapolres Jayapura bersama Dandim 1701 meninjau kesiapan pengamanan tempat pemungutan suara di Distrik Sentani, Jayapura, pada Selasa (26/11/2024) pukul 10.00 WIT.",
    "KPU dan Bawaslu Kabupaten Lumajang menandatangani nota kesepahaman pengawasan data pemilih di kantor KPU Lumajang hari ini.",
    "Puluhan relawan demokrasi mendatangi kantor KPU Jember, Kamis (6/11/2025), untuk menyerahkan hasil pemetaan pemilih pemula.",
    "Sebanyak 1.200 personel gabungan TNI-Polri diterjunkan untuk mengamankan rapat pleno terbuka rekapitulasi suara di Jember, Rabu (4/12/2024).",
    "Jember – Ketua KPU Jember Ahmad Anis mengajak warga memeriksa nama mereka di daftar pemilih sementara melalui laman cekdptonline, Senin (3/11/2025).",
    "Dalam rangka memperingati Hari Sumpah Pemuda, Bawaslu Jember menggelar lomba video pendek bagi pelajar di Aula Sekretariat pada Selasa (28/10/2025).",
    "Dr. H. Mohammad Nur Hasan, dosen Fakultas Hukum Universitas Brawijaya, memaparkan materi kode etik penyelenggara pemilu di Hotel Aston Jember, Jumat (14/3/2025).",
]

# (missing element, lead): each lacks exactly that one of who / what / when / where.
BAD = [
    ("who", "Rapat koordinasi pengawasan tahapan kampanye digelar di Aula Hotel Aston, Jember, pada Senin (3/11/2025), untuk memastikan kampanye berjalan tertib."),
    ("what", "Ketua Bawaslu Jember, Ahmad Fauzi, dalam rapat koordinasi di Aula Sekretariat, Senin (3/11/2025), soal netralitas aparatur sipil negara."),
    ("when", "Bawaslu Jember menggelar rapat koordinasi pengawasan kampanye bersama partai politik di Aula Sekretariat Bawaslu Jember."),
    ("where", "KPU Kabupaten Jember menetapkan 1.845.210 pemilih dalam daftar pemilih tetap Pilkada 2024 pada Senin (3/11/2025)."),
    ("when", "Panitia Pengawas Kecamatan Sumbersari membuka posko pengaduan masyarakat di Kantor Kecamatan Sumbersari."),
    ("where", "Bupati Jember meresmikan gedung baru sekretariat pengawas pemilu pada Kamis, 6 November 2025, pukul 10.00 WIB."),
    ("who", "Sosialisasi pengawasan partisipatif digelar di Balai Desa Ajung pada Sabtu (8/11/2025) pukul 08.30 WIB."),
    ("where", "Komisi Pemilihan Umum (KPU) Kabupaten Jember resmi membuka pendaftaran calon anggota PPK pada Senin (3/11/2025)."),
    ("where", "Sekretariat Bawaslu Jember meraih penghargaan keterbukaan informasi publik pada 12 Desember 2025."),
    ("what", "KPU Kabupaten Jember, di Gedung PKPSBJ, pada Rabu (5/11/2025), tentang rekapitulasi hasil penghitungan suara."),
]


@pytest.mark.parametrize("lead", GOOD)
def test_published_style_leads_name_who_what_when_where(lead):
    assert lead_check.check(lead, ["Jember"]).missing == ()


@pytest.mark.parametrize(("element", "lead"), BAD)
def test_a_lead_missing_one_element_is_told_which(element, lead):
    assert lead_check.check(lead, ["Jember"]).missing == (element,)


def test_the_issues_example_lacks_when_and_where():
    """'Bawaslu Jember menggelar rapat.' passed before: Jember names the institution, not the place."""
    result = lead_check.check("Bawaslu Jember menggelar rapat.", ["Jember"])
    assert result.missing == ("when", "where")
    assert lead_check.check("Bawaslu Jember menggelar rapat di Jember, Senin (3/11/2025).", ["Jember"]).missing == ()


@pytest.mark.parametrize("when", [
    "Senin (3/11/2025)", "pada 3 November 2025", "(17/7/2025)", "pukul 09.00 WIB", "pukul 19.30 WITA",
    "20.00 WIT", "pada Jumat pagi", "hari ini", "pada November 2025",
])
def test_date_and_time_forms_count_as_when(when):
    lead = f"Bawaslu Jember menggelar rapat koordinasi di Aula Sekretariat {when}."
    assert "when" not in lead_check.check(lead).missing


def test_the_office_city_counts_as_where_only_outside_the_subject():
    lead = "Bawaslu Jember menggelar apel siaga pengawasan, Jember, Senin (3/11/2025)."
    assert lead_check.check(lead, ["Jember"]).missing == ()
    assert lead_check.check(lead).missing == ("where",)  # without the office's city it is not a known place
    assert lead_check.check("Bawaslu Jember menggelar apel siaga, Senin (3/11/2025).", ["Jember"]).missing == ("where",)


def test_why_and_how_are_hints_not_faults():
    doc = ArticleDoc(title="Rapat", dateline_city="Jember",
                     lead="Bawaslu Jember menggelar rapat koordinasi di Aula Sekretariat, Senin (3/11/2025).")
    result = aids.analyse(doc)
    assert result.lead_missing == ()
    assert len(result.lead_hints) == 2
    assert "Mengapa" in result.lead_hints[0] and "Bagaimana" in result.lead_hints[1]
    assert not any(h in result.warnings for h in result.lead_hints)


def test_editor_warnings_name_each_missing_element_in_indonesian():
    doc = ArticleDoc(title="Rapat", dateline_city="Jember", lead="Bawaslu Jember menggelar rapat.")
    result = aids.analyse(doc, places=("Jember",))
    assert result.lead_missing == ("when", "where")
    when, where = result.lead_hints[:2]
    assert when.startswith("Kapan?") and "Senin (3/11/2025)" in when
    assert where.startswith("Di mana?")
    assert when in result.warnings and where in result.warnings


def test_a_relative_when_counts_but_asks_for_the_day_and_date():
    from desktop import i18n

    i18n.set_language("id")
    result = lead_check.check("Bawaslu Jember menggelar rapat koordinasi di Aula Kantor Bawaslu Jember kemarin.")
    assert "when" not in result.missing  # it says when, after a fashion
    assert result.suggestions[0] == "when_relative"
    assert "“kemarin” keliru bila rilis dibaca pada hari lain" in result.hints()[0]
    dated = lead_check.check("Bawaslu Jember menggelar rapat koordinasi di Aula Kantor Bawaslu Jember, Senin (3/11/2025).")
    assert "when_relative" not in dated.suggestions
