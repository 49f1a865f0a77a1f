"""SQLite and PostgreSQL side by side: list, search, save and import on the same data.

One demo library (``full``: 100,000 articles; ``small``: 5,000) is built on
SQLite, then copied row for row onto a PostgreSQL server over loopback
(``WARTA_BENCH_PG_URL``, or a private server started like the tests' one).
Every operation runs through Warta's own code on both; the SQLite figure is
the baseline of the PostgreSQL row, so the ratio is "PostgreSQL / SQLite".
Targets (issue 11): list and search within 2× of SQLite, a save within 50 ms.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from bench.runner import Table, measure

SIZES = {"small": 5_000, "full": 100_000}
QUERIES = [("one word", "kolaborasi"), ("two words", "pemilih pemula"), ("phrase", '"netralitas asn"'),
           ("prefix", "peng*"), ("stem", "berkolaborasi")]


def _server():  # noqa: ANN202
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import pgtest

    url = os.environ.get("WARTA_BENCH_PG_URL")
    return pgtest.Server(url) if url else pgtest.Server.private(durable=True)


def _libraries(workdir: Path, count: int, server):  # noqa: ANN001, ANN202
    from bench.bench_articles import _library
    from database import transfer
    from desktop.library import SERVER_FILE, Library
    from desktop.server import connect, write_server_file

    lite, _seconds = _library(workdir, count)
    folder = workdir / f"engines-pg-{count}"
    if (folder / SERVER_FILE).exists():
        try:
            return lite, Library.open(folder)
        except Exception:  # noqa: BLE001 - a server from an earlier run is gone: copy again
            import shutil

            shutil.rmtree(folder)
    url = server.new_database()
    engine = connect(url)
    try:
        transfer.copy_database(lite.store.engine, engine)
    finally:
        engine.dispose()
    folder.mkdir(parents=True)
    for name in ("photos", "thumbnails", "renditions", "files", "exports", "backups", "quarantine"):
        (folder / name).mkdir()
    write_server_file(folder, url)
    return lite, Library.open(folder)


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.articles import api as articles
    from desktop.articles.search import search_articles
    from desktop.staff import list_staff

    count = SIZES.get(scale, SIZES["small"])
    server = _server()
    lite, pg = _libraries(workdir, count, server)
    try:
        for lib in (lite, pg):
            lib.store.staff_id = list_staff(lib)[0].id
        label = f"{count:,} articles"

        def listing(lib):  # noqa: ANN001, ANN202
            def go() -> None:
                q = articles.ListQuery()
                total = articles.count_articles(lib, q)
                articles.list_articles(lib, q, limit=200)
                articles.list_articles(lib, q, offset=max(0, total - 200), limit=200, total=total)
            return go

        base = measure(listing(lite), repeat=7)
        table.add(f"engines: list count + first + last page ({label}), PostgreSQL", measure(listing(pg), repeat=7),
                  baseline="same on SQLite", baseline_samples=base, target="≤ 2× SQLite")

        for name, query in QUERIES:
            base = measure(lambda: search_articles(lite, query, 50), repeat=7)
            ours = measure(lambda: search_articles(pg, query, 50), repeat=7)
            table.add(f"engines: search {name} ({query}) top 50 + snippets, PostgreSQL", ours,
                      baseline="same on SQLite", baseline_samples=base, target="≤ 2× SQLite")

        for name, query in (("list filtered by search", "kolaborasi"),):
            q = articles.ListQuery(search=query)
            base = measure(lambda: (articles.count_articles(lite, q), articles.list_articles(lite, q, limit=200)),
                           repeat=7)
            ours = measure(lambda: (articles.count_articles(pg, q), articles.list_articles(pg, q, limit=200)),
                           repeat=7)
            table.add(f"engines: {name} ({query}) count + first page, PostgreSQL", ours,
                      baseline="same on SQLite", baseline_samples=base, target="≤ 2× SQLite")

        def saving(lib):  # noqa: ANN001, ANN202
            art_id = articles.list_articles(lib, limit=1)[0].id
            doc = articles.load_doc(lib, art_id)
            counter = iter(range(10**6))

            def go() -> None:
                doc.body = doc.body.split("\n\nRevisi ")[0] + f"\n\nRevisi {next(counter)}."
                articles.save(lib, art_id, doc)
            return go

        base = measure(saving(lite), repeat=9)
        table.add("engines: save an article (revision, search index, audit, notify), PostgreSQL",
                  measure(saving(pg), repeat=9), baseline="same on SQLite", baseline_samples=base, target="< 50 ms")

        def importing(lib, folder: Path):  # noqa: ANN001, ANN202
            from desktop.contacts import api as contacts

            files = [folder / "contacts-1000.vcf"]

            def go() -> None:
                contacts.commit_import(lib, contacts.preview_import(lib, files))
            return go

        from bench.bench_contacts import _vcard_file

        vcf = _vcard_file(workdir, 1_000)
        assert vcf.name == "contacts-1000.vcf"
        # Each run imports the same cards again: the first adds them, the rest find them existing.
        base = measure(importing(lite, workdir), repeat=3, warmup=0)
        table.add("engines: import a 1,000-card vCard (preview + import), PostgreSQL",
                  measure(importing(pg, workdir), repeat=3, warmup=0), baseline="same on SQLite",
                  baseline_samples=base, target="≤ 2× SQLite")
    finally:
        lite.close()
        pg.close()
        if server.is_private:
            server.destroy()
