"""``warta demo``: a few press kits built from the generated articles and photos."""

from __future__ import annotations

import datetime as dt
import random

from desktop.jobs import Progress

EVENTS = [
    "Rapat Koordinasi Pengawasan Partisipatif",
    "Sosialisasi Pendidikan Pemilih Pemula",
    "Apel Siaga Pengawasan Masa Tenang",
    "Deklarasi Kampanye Damai",
]


def generate(library, counts: dict[str, int], rng: random.Random, progress: Progress) -> None:  # noqa: ANN001
    from desktop.articles import api as articles_api
    from desktop.contacts import api as contacts_api
    from desktop.kits import store
    from desktop.photos import api as photos_api

    wanted = counts.get("kits", 3)
    articles = articles_api.approved_ids(library)
    photos = sorted(photos_api.photo_ids(library))
    people = contacts_api.first_person_ids(library, 50)
    if not articles:
        return
    for n in range(wanted):
        progress.report(n, wanted, "kits")
        event = EVENTS[n % len(EVENTS)]
        parts = [store.PartInput("cover")]
        parts += [store.PartInput("article", i) for i in rng.sample(articles, min(len(articles), rng.randint(1, 3)))]
        parts += [store.PartInput("photo", i) for i in rng.sample(photos, min(len(photos), rng.randint(0, 4)))]
        parts.append(store.PartInput("factsheet", title="Lembar Fakta", text=(
            f"## {event}\n\n- Peserta: {rng.randint(40, 300)} orang\n- Tempat: Aula Kantor\n"
            "- Narasumber: Ketua dan Anggota\n")))
        parts.append(store.PartInput("office"))
        parts += [store.PartInput("contact", i) for i in rng.sample(people, min(len(people), 1))]
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(330))
        store.create_kit(library, store.KitInput(f"Press Kit {event} {day.year}", day, event, parts=parts))
    progress.report(wanted, wanted, "")
