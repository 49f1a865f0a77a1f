"""``warta check`` says exactly what it found: every search index is checked and rebuilt by --repair."""

from __future__ import annotations

import json


def test_every_search_index_is_checked_and_repaired(cli, tmp_path):
    lib = tmp_path / "lib"
    code, _out, err = cli("demo", "--library", lib, "--articles", "3", "--contacts", "3", "--photos", "2")
    assert code == 0, err
    cli("kit", "create", "--title", "Kit Uji", "--article", "1", "--library", lib)  # if the kits area is there
    from sqlalchemy import inspect, text

    from desktop.library import Library

    # Behind Warta's back, on whichever engine the library uses: one row out of every index.
    opened = Library.open(lib)
    damaged = []
    try:
        with opened.store.engine.begin() as conn:
            tables = [t for t in inspect(conn).get_table_names() if t.startswith("fts_")]
            if conn.dialect.name == "sqlite":
                tables = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                          "AND sql LIKE 'CREATE VIRTUAL TABLE%'"))]
            for table in tables:
                rowid = conn.execute(text(f"SELECT min(rowid) FROM {table}")).scalar()
                if rowid is not None:
                    conn.execute(text(f"DELETE FROM {table} WHERE rowid = :r"), {"r": rowid})
                    damaged.append(table)
    finally:
        opened.close()
    assert damaged
    code, out, _err = cli("check", "--library", lib, "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    text = "\n".join(report["problems"])
    unreported = [t for t in damaged if t not in text]
    assert not unreported, f"search indexes no check reports: {unreported}\n{text}"
    code, out, _err = cli("check", "--repair", "--library", lib, "--json")
    assert code == 0, out
    code, out, _err = cli("check", "--library", lib, "--json")
    assert code == 0 and json.loads(out)["problems"] == [], out
