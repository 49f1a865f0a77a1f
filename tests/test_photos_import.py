"""Importing photos: originals untouched, de-duplication, bad files rejected, cancel keeps only whole photos."""

from __future__ import annotations

import hashlib
import time

import photos_support as ps
from PIL import Image
from sqlalchemy import text

from desktop.jobs import Progress
from desktop.photos import importer, store


def _rows(library):
    with library.store.engine.connect() as conn:
        return conn.execute(text("SELECT id, sha256, path, file_name, credit, event_id FROM photos ORDER BY id")).all()


def _files(library, folder):
    return sorted(p for p in (library.path / folder).rglob("*") if p.is_file())


def test_folder_import_stores_untouched_originals_and_rejects_the_rest(library, tmp_path):
    src = tmp_path / "kartu"
    good = [ps.jpeg(src / "a.jpg", seed=1), ps.jpeg(src / "sub" / "b.JPG", seed=2), ps.cmyk_jpeg(src / "sub" / "c.jpeg")]
    ps.png_16bit(src / "d.png")
    ps.truncated_jpeg(src / "rusak.jpg")
    (src / "kosong.jpg").write_bytes(b"")
    (src / "catatan.txt").write_text("bukan foto")
    (src / "bom.png").write_bytes(ps.png_claiming(100_000, 100_000))

    result = importer.import_paths(library, [src], event="Rapat Pleno")

    assert len(result.added) == 4
    rejected = {p.split("/")[-1]: r for p, r in ((x["source"], x["reason"]) for x in result.rejected)}
    assert set(rejected) == {"rusak.jpg", "kosong.jpg", "catatan.txt", "bom.png"}
    assert all(reason for reason in rejected.values())
    assert result.exit_code == 1
    rows = _rows(library)
    assert len(rows) == 4
    for photo_id, sha, path, _name, credit, event_id in rows:
        managed = library.managed(path)
        assert hashlib.sha256(managed.read_bytes()).hexdigest() == sha
        assert path == f"photos/{sha[:2]}/{sha}.{managed.suffix[1:]}"
        assert credit == "dok. Bawaslu Contoh"  # the office's default credit
        assert event_id is not None
    sources = {hashlib.sha256(p.read_bytes()).hexdigest() for p in good}
    assert sources <= {r[1] for r in rows}  # byte-identical copies
    assert len(_files(library, "thumbnails")) == 4
    assert len(_files(library, "renditions")) == 4
    assert {r[3] for r in rows} >= {"a.jpg", "b.JPG", "c.jpeg", "d.png"}


def test_same_photo_under_another_name_adds_nothing(library, tmp_path):
    first = ps.jpeg(tmp_path / "IMG_0001.jpg")
    importer.import_paths(library, [first])
    copy = tmp_path / "lain" / "salinan.jpeg"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    twice = tmp_path / "lain" / "salinan2.jpeg"
    twice.write_bytes(first.read_bytes())

    result = importer.import_paths(library, [copy, twice, first])

    assert result.added == []
    assert len(result.existing) == 3
    assert result.exit_code == 0
    assert len(_rows(library)) == 1
    assert len(_files(library, "photos")) == 1


def test_duplicates_inside_one_import_are_added_once(library, tmp_path):
    a = ps.jpeg(tmp_path / "a.jpg", seed=9)
    for i in range(4):
        (tmp_path / f"copy{i}.jpg").write_bytes(a.read_bytes())
    result = importer.import_paths(library, [tmp_path])
    assert len(result.added) == 1 and len(result.existing) == 4
    assert set(result.existing) == {result.added[0]}


def test_cancel_keeps_committed_batches_and_leaves_no_orphan_files(library, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 3)
    for i in range(12):
        ps.jpeg(tmp_path / f"f{i:02d}.jpg", seed=100 + i, size=(320, 240))
    progress = Progress()

    def maybe_cancel(done, total, current):
        if done >= 5:
            progress.cancel()

    progress.callback = maybe_cancel
    result = importer.import_paths(library, [tmp_path], progress=progress)

    assert result.cancelled
    rows = _rows(library)
    assert 3 <= len(rows) < 12
    assert len(rows) == len(result.added)
    # Every file on disk belongs to a committed row, and every row has its file.
    assert {p.relative_to(library.path).as_posix() for p in _files(library, "photos")} == {r[2] for r in rows}
    assert len(_files(library, "thumbnails")) == len(rows)
    # Importing again finishes the job.
    again = importer.import_paths(library, [tmp_path])
    assert len(again.existing) == len(rows) and len(again.added) == 12 - len(rows)


def test_orphan_file_from_an_interrupted_import_is_imported_properly(library, tmp_path):
    src = ps.jpeg(tmp_path / "a.jpg")
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    orphan = library.path / "photos" / sha[:2] / f"{sha}.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(src.read_bytes())
    result = importer.import_paths(library, [src])
    assert len(result.added) == 1
    assert (library.path / "thumbnails" / sha[:2] / f"{sha}.jpg").is_file()


def test_thousands_of_non_images_are_rejected_quickly(library, tmp_path):
    folder = tmp_path / "dokumen"
    folder.mkdir()
    for i in range(3000):
        (folder / f"surat{i}.docx").write_bytes(b"PK\x03\x04 not a photo")
    ps.jpeg(folder / "satu.jpg")
    (folder / "Thumbs.db").write_bytes(b"junk")
    started = time.perf_counter()
    result = importer.import_paths(library, [folder])
    assert time.perf_counter() - started < 10
    assert len(result.added) == 1
    assert len(result.rejected) == 3000  # Thumbs.db is clutter, not a rejection
    assert ".docx" in result.rejected[0]["reason"]


def test_missing_path_is_rejected_and_nothing_is_done(library, tmp_path):
    result = importer.import_paths(library, [tmp_path / "tidak-ada"])
    assert result.exit_code == 2
    assert len(result.rejected) == 1


def test_rendition_is_made_lazily_when_missing(library, tmp_path):
    result = importer.import_paths(library, [ps.jpeg(tmp_path / "a.jpg", size=(2600, 1800))], renditions=False)
    photo_id = result.added[0]
    path = store.print_rendition(library, photo_id)
    assert path.is_file()
    assert store.get_photo(library, photo_id).rendition_state == "ok"
    from PIL import Image

    with Image.open(path) as img:
        assert max(img.size) == 2000


_real_process_file = importer.process_file


def _crash_on_poison(source, root, *args):
    import os

    if "racun" in source:
        os._exit(3)  # what a decoder segfault or the OOM killer looks like to the pool
    return _real_process_file(source, root, *args)


def test_a_file_that_kills_its_worker_is_rejected_and_the_rest_imports(library, tmp_path, monkeypatch):
    import concurrent.futures as cf
    import multiprocessing

    # fork (not spawn) so the worker inherits the patched function.
    monkeypatch.setattr(importer, "process_file", _crash_on_poison)
    monkeypatch.setattr(
        importer,
        "_pool",
        lambda n: cf.ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")),
    )
    src = tmp_path / "src"
    for i in range(6):
        ps.jpeg(src / f"ok{i}.jpg", seed=300 + i, size=(200, 150))
    ps.jpeg(src / "racun.jpg", seed=399, size=(200, 150))
    result = importer.import_paths(library, [src], renditions=False)
    assert len(result.added) == 6
    assert [r["source"].rsplit("/", 1)[1] for r in result.rejected] == ["racun.jpg"]
    assert "mogok" in result.rejected[0]["reason"]


def test_each_photo_is_read_and_decoded_once_for_thumbnail_and_print_rendition(library, tmp_path, monkeypatch):
    from desktop.photos import imaging

    decoded: list[int | None] = []
    real_decoding = imaging.decoding  # every decode goes through it (imaging.decode too)

    def counting(data, *, edge=None):
        decoded.append(edge)
        return real_decoding(data, edge=edge)

    monkeypatch.setattr(imaging, "decoding", counting)
    src = [ps.jpeg(tmp_path / f"f{i}.jpg", seed=700 + i, size=(2600, 1800), orientation=6 if i else 1) for i in range(3)]
    result = importer.import_paths(library, src, workers=1)  # in this process, so the calls are counted
    assert len(result.added) == 3
    assert decoded == [imaging.RENDITION_EDGE] * 3  # one decode per photo, at the rendition's scale
    for photo_id in result.added:
        info = store.get_photo(library, photo_id)
        assert info.rendition_state == "ok"
        with Image.open(library.path / "renditions" / info.sha256[:2] / f"{info.sha256}.jpg") as rendition:
            assert rendition.size == ((2000, 1385) if photo_id == result.added[0] else (1385, 2000))
        with Image.open(library.path / "thumbnails" / info.sha256[:2] / f"{info.sha256}.jpg") as thumb:
            assert max(thumb.size) == imaging.THUMB_EDGE
