"""Contacts: a vCard import (preview + import) and the people list/search, each beside raw sqlite3.

``full``: a 10,000-contact vCard file, and a demo library of 50,000 people
(built once into the workdir and reused); ``small``: 1,000 and 5,000.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from pathlib import Path

from bench.runner import Table, measure

SIZES = {"small": (1_000, 5_000), "full": (10_000, 50_000)}


def _vcard_file(workdir: Path, count: int) -> Path:
    from desktop import demo

    path = workdir / f"contacts-{count}.vcf"
    if path.exists():
        return path
    rng = random.Random(11)
    cards = []
    for n in range(count):
        name = demo.person_name(rng)
        org = f"{rng.choice(['Radar', 'Tribun', 'Universitas', 'Dinas Kominfo'])} {rng.choice(demo.CITIES)}"
        phone = "08" + rng.choice(["12", "13", "52", "57", "77", "95"]) + f"{n:08d}"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{name.replace(',', chr(92) + ',')}\r\nN:{name.split(' ')[-1]};;;;\r\n"
            f"ORG:{org}\r\nTITLE:Wartawan\r\nTEL;TYPE=CELL:{phone}\r\n"
            f"EMAIL:kontak{n}@mail.example\r\nEND:VCARD\r\n"
        )
    path.write_text("".join(cards), encoding="utf-8")
    return path


def _bare_import(vcf: Path, db: Path) -> None:
    """The floor: split the cards by hand and executemany them into one plain table."""
    if db.exists():
        db.unlink()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, org TEXT, phone TEXT, email TEXT)")
    rows = []
    for card in vcf.read_text(encoding="utf-8").split("END:VCARD"):
        fields = dict(line.split(":", 1) for line in card.splitlines() if ":" in line)
        if "FN" in fields:
            rows.append((fields["FN"], fields.get("ORG", ""), fields.get("TEL;TYPE=CELL", ""), fields.get("EMAIL", "")))
    with conn:
        conn.executemany("INSERT INTO people (name, org, phone, email) VALUES (?, ?, ?, ?)", rows)
    conn.close()


def _empty_library(workdir: Path) -> Path:
    from desktop.library import Library

    template = workdir / "contacts-empty-template"
    if not template.exists():
        Library.open(template).close()
    return template


def _big_library(workdir: Path, count: int):  # noqa: ANN202
    from desktop import demo, stats
    from desktop.contacts import demo as contacts_demo
    from desktop.jobs import Progress
    from desktop.library import Library

    path = workdir / f"contacts-{count}"
    if path.exists():
        lib = Library.open(path)
        if stats.counts(lib)["contacts"] == count:
            return lib, None
        lib.close()
        shutil.rmtree(path)
    lib = Library.open(path)
    demo.ensure_office(lib)
    t0 = time.perf_counter()
    contacts_demo.generate(lib, {"contacts": count}, random.Random(5), Progress())
    return lib, time.perf_counter() - t0


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.contacts import importer, store
    from desktop.library import Library

    cards, people = SIZES.get(scale, SIZES["small"])

    # -- import ------------------------------------------------------------------
    vcf = _vcard_file(workdir, cards)
    template = _empty_library(workdir)
    counter = iter(range(1000))

    def ours() -> None:
        target = workdir / f"contacts-import-{next(counter)}"
        shutil.copytree(template, target)
        lib = Library.open(target)
        try:
            result = importer.commit_import(lib, importer.preview_import(lib, [vcf]))
            assert len(result.added) + len(result.merged) == cards, (len(result.added), result.rejected[:3])
        finally:
            lib.close()
            shutil.rmtree(target)

    base = measure(lambda: _bare_import(vcf, workdir / "bare.db"), repeat=3)
    samples = measure(ours, repeat=3, warmup=0)
    table.add(f"contacts: import {cards:,}-card vCard (preview + import)", samples,
              baseline="split + executemany, raw sqlite3", baseline_samples=base, target="< 10 s at 10,000")

    # Preview alone against a library that already holds everything: re-import finds every card present.
    lib, build = _big_library(workdir, people)
    if build is not None:
        table.add(f"contacts: generate demo library ({people:,} people, FTS)", [build], target="reasonable time")
    raw = sqlite3.connect(lib.db_path)

    # -- list: first page ----------------------------------------------------------
    def first_page() -> None:
        store.count_people(lib)
        store.people_page(lib, limit=200)

    base = measure(lambda: raw.execute(
        "SELECT id, full_name, position FROM people ORDER BY sort_name, id LIMIT 200").fetchall(), repeat=7)
    table.add(f"contacts: people list first page + count ({people:,})", measure(first_page, repeat=7),
              baseline="raw SELECT … ORDER BY sort_name LIMIT 200", baseline_samples=base, target="< 300 ms")

    def by_org() -> None:
        store.people_page(lib, sort="organization", limit=200)

    table.add(f"contacts: people list sorted by organisation ({people:,})", measure(by_org, repeat=5),
              baseline="raw SELECT … ORDER BY sort_name LIMIT 200", baseline_samples=base, target="< 300 ms")

    from desktop.ui.contacts_models import bench_open_and_scroll

    table.add(f"contacts: window people list open + jump to last row ({people:,})",
              measure(lambda: bench_open_and_scroll(lib), repeat=5),
              baseline="raw SELECT … ORDER BY sort_name LIMIT 200", baseline_samples=base, target="< 300 ms")

    # -- search ------------------------------------------------------------------------
    for label, query in (("name", "agus pratama"), ("prefix", "radar mal"), ("phone digits", "0812")):
        f = store.PeopleFilter(search=query)
        from database import fts

        expr = fts.sqlite_expression(store.PEOPLE_FTS, store.search_terms(query))

        def ours_search(f=f) -> None:
            store.count_people(lib, f)
            store.people_page(lib, f, limit=200)

        base = measure(lambda expr=expr: raw.execute(
            "SELECT rowid FROM fts_contacts WHERE fts_contacts MATCH ? LIMIT 200", (expr,)).fetchall(), repeat=7)
        table.add(f"contacts: search {label} ({query}) count + first page", measure(ours_search, repeat=7),
                  baseline="raw FTS MATCH LIMIT 200", baseline_samples=base, target="< 50 ms")
    # -- matching against a full library --------------------------------------------------
    small = _vcard_file(workdir, 1_000)
    base = measure(lambda: _bare_import(small, workdir / "bare-small.db"), repeat=3)
    table.add(f"contacts: preview 1,000 cards against {people:,} people (exact + fuzzy)",
              measure(lambda: importer.preview_import(lib, [small]), repeat=3, warmup=0),
              baseline="split + executemany, raw sqlite3", baseline_samples=base, target="seconds, not minutes")
    raw.close()
    lib.close()
