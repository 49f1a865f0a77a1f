"""Importing into and exporting from a library: batches, duplicates, nothing half-imported, the CLI."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from database.models.articles import Article
from database.models.articles_io import ArticleSource
from desktop.articles import store
from desktop.articles.document import ArticleDoc, Quote
from desktop.articles.io import export_article, import_files, parse_file
from desktop.errors import ValidationError
from desktop.jobs import Progress


def _count(library, model=Article) -> int:
    with library.store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _good(tmp_path, name="rilis.md", title="Bawaslu Ajak Warga Awasi Pilkada"):
    path = tmp_path / name
    path.write_text(f"# {title}\n\nJember – Bawaslu mengajak warga.\n\nPenulis: Ridha\n", encoding="utf-8")
    return path


def _bad_files(tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    corrupt = tmp_path / "rusak.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    huge = tmp_path / "besar.txt"
    with open(huge, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    locked = tmp_path / "sandi.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"))
    unknown = tmp_path / "foto.jpg"
    unknown.write_bytes(b"\xff\xd8\xff")
    return [empty, corrupt, binary, huge, locked, unknown]


def test_batch_imports_the_good_files_and_explains_each_bad_one(library, tmp_path):
    good = [_good(tmp_path, "a.md", "Satu"), _good(tmp_path, "b.md", "Dua")]
    bad = _bad_files(tmp_path)
    seen = []
    result = import_files(library, [good[0], *bad, good[1]], Progress(lambda d, t, c: seen.append((d, t))))
    assert all(isinstance(i, int) for i in result.added)
    assert [store.load_doc(library, i).title for i in result.added] == ["Satu", "Dua"]
    assert {r["source"] for r in result.rejected} == {str(p) for p in bad}
    assert len({r["reason"] for r in result.rejected}) == len(bad)
    assert result.exit_code == 1
    assert _count(library) == 2
    doc = store.load_doc(library, result.added[0])
    assert (doc.dateline_city, doc.lead, doc.writer, doc.status) == ("Jember", "Bawaslu mengajak warga.", "Ridha", "draft")
    assert seen[0] == (0, 8)


def test_same_file_again_is_existing_not_a_duplicate(library, tmp_path):
    path = _good(tmp_path)
    first = import_files(library, [path])
    copy = tmp_path / "salinan.md"
    copy.write_bytes(path.read_bytes())
    again = import_files(library, [path, copy])
    assert again.added == [] and again.exit_code == 0
    assert again.existing == [first.added[0]] * 2
    # Both copies in one batch: one article.
    other = _good(tmp_path, "lain.md", "Lain")
    twin = tmp_path / "lain2.md"
    twin.write_bytes(other.read_bytes())
    batch = import_files(library, [other, twin])
    assert len(batch.added) == 1 and batch.existing == batch.added
    assert _count(library) == 2
    # Once the article is deleted, the file imports again.
    store.delete_article(library, first.added[0])
    assert len(import_files(library, [path]).added) == 1


def test_a_failure_while_writing_leaves_nothing_half_imported(library, tmp_path, monkeypatch):
    calls = []
    real = store.insert_article

    def failing(tx, doc, **kw):
        calls.append(doc.title)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(tx, doc, **kw)

    monkeypatch.setattr(store, "insert_article", failing)
    with pytest.raises(OSError):
        import_files(library, [_good(tmp_path, "a.md", "Satu"), _good(tmp_path, "b.md", "Dua")])
    assert calls == ["Satu", "Dua"]
    assert _count(library) == 0 and _count(library, ArticleSource) == 0


def test_cancel_writes_nothing(library, tmp_path):
    progress = Progress()
    progress.callback = lambda done, total, current: progress.cancel() if done == 1 else None
    result = import_files(library, [_good(tmp_path, "a.md", "Satu"), _good(tmp_path, "b.md", "Dua")], progress)
    assert result.cancelled and result.exit_code == 2
    assert _count(library) == 0


def test_export_every_format_and_reimport(library, tmp_path):
    doc = ArticleDoc(
        title="Bawaslu Gelar Rakor", kind="siaran_pers", dateline_city="Jember", lead="Isi lead.",
        body="Paragraf *dua*.\n\n1. satu\n2. dua", quotes=[Quote("Tola' Ediy", "Kordiv Humas", "Kami siap")],
        writer="Ridha", boilerplate="Tentang kantor kami.", contact_block="Budi\n0812",
    )
    art = store.create_article(library, doc)
    for fmt, suffix in (("docx", ".docx"), ("md", ".md"), ("txt", ".txt"), ("whatsapp", ".txt")):
        out = tmp_path / fmt / ("artikel" + suffix)
        export_article(library, art, fmt, out)
        assert out.stat().st_size > 0
        assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind
        if fmt in ("docx", "md"):
            back = parse_file(out)
            assert (back.title, back.lead, back.body, back.quotes, back.contact_block) == (
                doc.title, doc.lead, doc.body, doc.quotes, doc.contact_block
            )
    text = (tmp_path / "whatsapp" / "artikel.txt").read_text(encoding="utf-8")
    assert "*Tentang Bawaslu Contoh*" in text and "*Jember* – Isi lead." in text
    with pytest.raises(ValidationError):
        export_article(library, art, "odt", tmp_path / "x.odt")


def test_export_replaces_a_file_atomically(library, tmp_path, monkeypatch):
    art = store.create_article(library, ArticleDoc(title="Judul", lead="Isi."))
    out = tmp_path / "artikel.md"
    out.write_text("versi lama", encoding="utf-8")
    from desktop.articles.io import writers

    def broken(*_a, **_k):
        raise RuntimeError("render failed")

    monkeypatch.setattr(writers, "markdown_text", broken)
    with pytest.raises(RuntimeError):
        export_article(library, art, "md", out)
    assert out.read_text(encoding="utf-8") == "versi lama"


# -- command line ------------------------------------------------------------------------


def test_cli_import_json_and_exit_codes(library, library_path, cli, tmp_path):
    library.close()
    good = _good(tmp_path)
    code, out, err = cli("article", "import", good, "--library", library_path, "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert set(payload) == {"added", "existing", "merged", "rejected"}
    assert isinstance(payload["added"][0], int) and payload["existing"] == [] and payload["merged"] == []
    first_id = payload["added"][0]
    code, out, _ = cli("article", "import", good, tmp_path / "hilang.docx", "--library", library_path, "--json")
    payload = json.loads(out)
    assert code == 1 and payload["rejected"] == [{"source": str(tmp_path / "hilang.docx"), "reason": "Berkas tidak ada."}]
    (tmp_path / "kosong.docx").write_bytes(b"")
    code, out, err = cli("article", "import", good, tmp_path / "kosong.docx", "--library", library_path, "--json")
    payload = json.loads(out)
    assert code == 1 and payload["existing"] == [first_id] and payload["added"] == []
    assert payload["rejected"] == [{"source": str(tmp_path / "kosong.docx"), "reason": "Berkas kosong."}]
    code, out, err = cli("article", "import", tmp_path / "kosong.docx", "--library", library_path)
    assert code == 2 and "kosong.docx: Berkas kosong." in err and "Traceback" not in err


def test_cli_export(library, library_path, cli, tmp_path):
    art = store.create_article(library, ArticleDoc(title="Judul Rilis", lead="Isi penting.", dateline_city="Jember"))
    library.close()
    out = tmp_path / "rilis.docx"
    code, stdout, err = cli("article", "export", art, "--format", "docx", "-o", out, "--library", library_path)
    assert code == 0, err
    assert parse_file(out).title == "Judul Rilis"
    code, stdout, err = cli("article", "export", art, "--format", "whatsapp", "-o", "-", "--library", library_path)
    assert code == 0 and "*Jember* – Isi penting." in stdout
    code, stdout, err = cli("article", "export", 999, "--format", "md", "-o", tmp_path / "x.md", "--library", library_path)
    assert code != 0 and err.startswith("warta: ") and not (tmp_path / "x.md").exists()
