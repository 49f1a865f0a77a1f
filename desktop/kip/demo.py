"""Sample KIP work for ``warta demo``: information requests in every state, and a DIP.

Requests are written here for Warta, in the words people use when they ask a
Bawaslu office for information; they go in through the store's own functions
so their numbers and deadlines are the ones a user's would get.
"""

from __future__ import annotations

import datetime as dt
import random

from desktop.jobs import Progress

# (working days before today it came in, requester, contact, channel, what was asked, what happened)
REQUESTS = [
    (1, "Lembaga Pemantau Pemilu Mandiri", "sekretariat@lppm.example", "email",
     "Salinan hasil pengawasan tahapan pemutakhiran data pemilih di tiga kecamatan", ""),
    (4, "Rina Kurniasari (mahasiswa)", "0812-3456-7801", "website",
     "Data jumlah laporan dugaan pelanggaran yang diterima sepanjang tahun berjalan", ""),
    (9, "Redaksi Radar Kota", "redaksi@radarkota.example", "email",
     "Rekapitulasi penanganan pelanggaran netralitas ASN beserta status tindak lanjutnya", "extended"),
    (14, "Forum Warga Peduli Pemilu", "Jl. Kenanga 12", "surat",
     "Daftar lokasi posko pengaduan dan jam layanannya selama masa tenang", "answered"),
    (16, "Ahmad Fauzi", "0813-2222-4410", "langsung",
     "Salinan berkas klarifikasi pihak terlapor dalam perkara yang masih berjalan", "rejected"),
    (12, "Koalisi Pemilu Bersih", "kontak@kpb.example", "email",
     "Anggaran pengawasan partisipatif dan rincian penggunaannya", "overdue"),
]
ANSWER = "Informasi diberikan dalam bentuk salinan elektronik melalui surel pemohon."
REFUSAL = ("Informasi dikecualikan karena menyangkut proses penanganan pelanggaran yang belum selesai "
           "(Pasal 17 huruf a UU 14/2008).")
EXTENSION = "Data masih direkap dari seluruh Panwaslu Kecamatan."
HAND_DIP = [
    ("berkala", "Laporan keuangan dan realisasi anggaran", "Sekretariat", "5 tahun"),
    ("setiap_saat", "Daftar inventaris barang milik negara", "Sekretariat", "5 tahun"),
    ("dikecualikan", "Berkas penanganan pelanggaran yang masih dalam proses", "Divisi Penanganan Pelanggaran",
     "sampai perkara selesai"),
]


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001, ARG001
    from desktop.kip import store
    from desktop.kip.deadlines import add_working_days, is_working_day

    wanted = int(counts.get("kip", len(REQUESTS)) or 0)
    if not wanted:
        return
    today = dt.date.today()
    for i, (days_ago, requester, contact, channel, subject, outcome) in enumerate(REQUESTS[:wanted]):
        progress.check()
        received = today
        for _step in range(days_ago):  # back over working days, as the law counts them
            received -= dt.timedelta(days=1)
            while not is_working_day(received):
                received -= dt.timedelta(days=1)
        request_id = store.add_request(library, store.RequestInput(
            requester=requester, subject=subject, received_on=received, contact=contact, channel=channel))
        answered_on = min(add_working_days(received, 6), today)
        if outcome == "extended":
            store.extend_request(library, request_id, EXTENSION)
        elif outcome == "answered":
            store.answer_request(library, request_id, answered_on, ANSWER)
        elif outcome == "rejected":
            store.answer_request(library, request_id, answered_on, REFUSAL, reject=True)
            store.object_request(library, request_id, min(answered_on + dt.timedelta(days=3), today))
        progress.report(i + 1, wanted, "kip")
    # The DIP: what the office has published, as the proposals suggest, and what only a person can list.
    proposals = store.propose_dip(library)[:25]
    if proposals:
        store.add_proposals(library, proposals, unit="Humas", retention="5 tahun")
    for category, title, unit, retention in HAND_DIP:
        store.add_dip(library, category, title, unit=unit, retention=retention)
