"""``warta check`` says exactly what it found: every search index is checked and rebuilt by --repair."""

from __future__ import annotations

import json
import sqlite3


def test_every_search_index_is_checked_and_repaired(cli, tmp_path):
    lib = tmp_path / "lib"
    code, _out, err = cli("demo", "--library", lib, "--articles", "3", "--contacts", "3", "--photos", "2")
    assert code == 0, err
    cli("kit", "create", "--title", "Kit Uji", "--article", "1", "--library", lib)  # if the kits area is there
    conn = sqlite3.connect(lib / "warta.db")
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        if r[0].startswith("fts_")
    ]
    damaged = []
    with conn:
        for table in tables:
            rowid = conn.execute(f"SELECT min(rowid) FROM {table}").fetchone()[0]
            if rowid is not None:
                conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
                damaged.append(table)
    conn.close()
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
