"""Articles: search, bulk insert, open/save, list to the end — each beside raw sqlite3.

``full``: a demo library of 100,000 articles (built once into the workdir and
reused); ``small``: 5,000.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

from bench.runner import Table, measure

SIZES = {"small": 5_000, "full": 100_000}
QUERIES = [
    ("one word", "kolaborasi"),
    ("two words", "pemilih pemula"),
    ("phrase", '"netralitas asn"'),
    ("prefix peng*", "peng*"),
]


def _library(workdir: Path, count: int):  # noqa: ANN202
    from desktop import demo
    from desktop.articles import demo as article_demo
    from desktop.articles import store
    from desktop.jobs import Progress
    from desktop.library import Library

    path = workdir / f"articles-{count}"
    if path.exists():
        lib = Library.open(path)
        if store.count_articles(lib, store.ListQuery(status="all")) == count:
            return lib, None
        lib.close()
        shutil.rmtree(path)
    lib = Library.open(path)
    demo.ensure_office(lib)
    import time

    t0 = time.perf_counter()
    article_demo.generate(lib, {"articles": count}, random.Random(7), Progress())
    return lib, time.perf_counter() - t0


def _raw(lib) -> sqlite3.Connection:  # noqa: ANN001
    conn = sqlite3.connect(lib.db_path)
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def run(table: Table, scale: str, workdir: Path) -> None:
    from database import fts
    from desktop.articles import store
    from desktop.articles.search import search_articles
    from desktop.staff import list_staff

    count = SIZES.get(scale, SIZES["small"])
    lib, build_seconds = _library(workdir, count)
    lib.store.staff_id = list_staff(lib)[0].id
    if build_seconds is not None:
        table.add(f"articles: generate demo library ({count:,} articles, FTS)", [build_seconds],
                  target="reasonable time")
    raw = _raw(lib)
    weights = ", ".join(str(w) for w in store.FTS.weights) + f", {fts.STEM_WEIGHT}"

    # -- search ------------------------------------------------------------
    for label, query in QUERIES:
        expr = fts.sqlite_expression(store.FTS, query)
        # The same MATCH expression (stems included) with FTS5's own snippet:
        # what a hand-written query would cost.
        sql = (
            f"SELECT rowid, bm25(fts_articles, {weights}) AS r, "
            "snippet(fts_articles, -1, '[', ']', '…', 12) FROM fts_articles "
            "WHERE fts_articles MATCH ? ORDER BY r LIMIT 50"
        )
        base = measure(lambda: raw.execute(sql, (expr,)).fetchall(), repeat=7)
        ours = measure(lambda: search_articles(lib, query, 50), repeat=7)
        target = "≤ 1.5× raw" + ("; < 150 ms" if "*" in query else "")
        table.add(f"articles: search {label} ({query}) top 50 + snippets", ours,
                  baseline="raw sqlite3 FTS5", baseline_samples=base, target=target)

    # -- open and save one article ----------------------------------------
    art_id = store.list_articles(lib, limit=1)[0].id

    def raw_open() -> None:
        raw.execute("SELECT * FROM articles WHERE id = ?", (art_id,)).fetchone()
        raw.execute("SELECT * FROM article_quotes WHERE article_id = ? ORDER BY ordinal", (art_id,)).fetchall()
        raw.execute("SELECT tag FROM article_tags WHERE article_id = ?", (art_id,)).fetchall()

    base = measure(raw_open, repeat=9)
    ours = measure(lambda: store.load(lib, art_id), repeat=9)
    table.add("articles: open one article (doc, quotes, tags)", ours,
              baseline="raw sqlite3 selects", baseline_samples=base, target="< 100 ms")

    doc = store.load_doc(lib, art_id)
    counter = iter(range(10**6))

    def our_save() -> None:
        doc.body = doc.body.split("\n\nRevisi ")[0] + f"\n\nRevisi {next(counter)}."
        store.save(lib, art_id, doc)

    def raw_save() -> None:
        raw.execute("UPDATE articles SET body = body || '.' WHERE id = ?", (art_id,))
        raw.commit()

    base = measure(raw_save, repeat=9)
    ours = measure(our_save, repeat=9)
    table.add("articles: save (new revision, FTS, audit)", ours,
              baseline="raw sqlite3 UPDATE+commit", baseline_samples=base, target="< 50 ms")

    # -- list: first page, count, then the last page (scroll to end) -------
    def our_list() -> None:
        q = store.ListQuery()
        total = store.count_articles(lib, q)
        store.list_articles(lib, q, limit=200)
        store.list_articles(lib, q, offset=max(0, total - 200), limit=200, total=total)

    def raw_list() -> None:
        cols = "id, title, kind, status, writer, publication_date, event_date, updated_at"
        where = "WHERE status != 'archived'"
        total = raw.execute(f"SELECT count(*) FROM articles {where}").fetchone()[0]
        order = "ORDER BY updated_at DESC, id DESC"
        raw.execute(f"SELECT {cols} FROM articles {where} {order} LIMIT 200").fetchall()
        raw.execute(f"SELECT {cols} FROM articles {where} {order} LIMIT 200 OFFSET ?", (max(0, total - 200),)).fetchall()

    base = measure(raw_list, repeat=5)
    ours = measure(our_list, repeat=5)
    table.add("articles: list count + first page + last page", ours,
              baseline="raw sqlite3 same SQL", baseline_samples=base, target="< 300 ms (with window)")

    _bench_window(table, lib, art_id)

    # -- bulk insert -------------------------------------------------------
    _bench_bulk(table, workdir, 2_000 if scale == "small" else 10_000)
    raw.close()
    lib.close()


def _bench_window(table: Table, lib, art_id: int) -> None:  # noqa: ANN001
    """The window's list model (open, scroll to the end) and editor (open), offscreen."""
    from desktop.ui.articles_model import bench_open_and_scroll, bench_open_editor

    samples = measure(lambda: bench_open_and_scroll(lib), repeat=5)
    table.add("articles: list model open + scroll to end (Qt)", samples, target="< 300 ms")
    samples = measure(bench_open_editor(lib, art_id), repeat=5)
    table.add("articles: open an article in the editor (Qt)", samples, target="< 100 ms")


def _bench_bulk(table: Table, workdir: Path, n: int) -> None:
    from sqlalchemy import insert

    from database.models.articles import Article
    from desktop.articles.demo import make_article
    from desktop.demo import person_name
    from desktop.library import Library

    import datetime as dt

    rng = random.Random(3)
    day = dt.date(2025, 11, 3)
    now = dt.datetime(2025, 11, 3, 9, 0)
    rows = []
    for i in range(n):
        data = make_article(rng, "Jember", day, "siaran_pers", person_name)
        rows.append({
            "kind": "siaran_pers", "status": "draft", "title": data["title"], "subtitle": "",
            "dateline_city": "Jember", "event_date": day, "publication_date": None, "embargo_at": None,
            "embargo_tz": "WIB", "lead": data["lead"], "body": data["body"], "writer": "", "editor": "",
            "photographer": "", "boilerplate": "", "contact_block": "", "source_url": "", "author_id": None,
            "revision": 0, "created_at": now, "updated_at": now, "locked_by": None, "locked_at": None,
        })
    template = workdir / "articles-empty"
    if not template.exists():
        Library.open(template).close()
    counter = iter(range(10**6))

    def fresh() -> Library:
        target = workdir / f"articles-bulk-{next(counter)}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(template, target)
        return Library.open(target)

    def ours() -> None:
        lib = fresh()
        with lib.store.write() as tx:
            tx.session.execute(insert(Article), rows)
            tx.audit("bench", "articles", "", f"{n} rows")
        lib.close()
        shutil.rmtree(lib.path)

    def bare() -> None:
        lib = fresh()
        lib.close()
        conn = sqlite3.connect(lib.db_path)
        conn.execute("PRAGMA synchronous=FULL")
        cols = list(rows[0])
        sql = f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.executemany(sql, [tuple(str(v) if isinstance(v, dt.date) else v for v in r.values()) for r in rows])
        conn.commit()
        conn.close()
        shutil.rmtree(lib.path)

    # Both include copying and opening a fresh library, so the ratio understates
    # the insert overhead slightly; the absolute difference is what matters.
    base = measure(bare, repeat=3)
    mine = measure(ours, repeat=3)
    table.add(f"articles: bulk insert {n:,} rows (Core insert, fresh library)", mine,
              baseline="raw sqlite3 executemany", baseline_samples=base, target="≈ 1.6× raw")
