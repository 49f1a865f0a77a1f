"""Shared-office mode under stress: two PCs at once, and the server stopping mid-save.

The outage tests stop a private PostgreSQL server of their own (not the
suite's), so they run in both runs of the suite.
"""

from __future__ import annotations

import threading
import time

import pytest

from desktop.library import Library


@pytest.fixture(scope="module")
def own_server():
    import pgtest

    server = pgtest.Server.private(durable=True)
    yield server
    server.destroy()


def _server_library(server, path):  # noqa: ANN001
    from desktop import office, staff

    lib = Library.open(path, server=server.new_database())
    office.save(lib, office.OfficeProfile(name="Bawaslu Kabupaten Contoh", short_name="Bawaslu Contoh", city="Contoh"))
    staff.create(lib, staff.StaffInput(name="Admin Uji", role="admin"))
    lib.store.staff_id = staff.list_staff(lib)[0].id
    return lib


def test_two_pcs_saving_one_article_get_a_conflict_never_a_database_error(server, tmp_path):
    from desktop.articles import api as articles
    from desktop.articles.store import SaveConflict

    first = _server_library(server, tmp_path / "kantor")
    second = Library.open(tmp_path / "kantor")
    second.store.staff_id = first.store.staff_id
    try:
        article_id = articles.create_article(first, articles.ArticleDoc(title="Rapat pleno"))
        base = articles.load(first, article_id).revision
        outcomes: list[object] = []
        start = threading.Barrier(2)

        def save(lib, text):  # noqa: ANN001
            start.wait()
            try:
                outcomes.append(articles.save(lib, article_id, articles.ArticleDoc(title="Rapat pleno", body=text),
                                              base_revision=base))
            except Exception as exc:  # noqa: BLE001 - the assertion below names it
                outcomes.append(exc)

        threads = [threading.Thread(target=save, args=(lib, f"Teks dari PC {n}")) for n, lib in ((1, first), (2, second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        errors = [o for o in outcomes if isinstance(o, Exception)]
        assert len(outcomes) == 2 and len(errors) == 1, outcomes
        assert isinstance(errors[0], SaveConflict), errors[0]
        assert articles.load(second, article_id).revision == base + 1
    finally:
        second.close()
        first.close()


def test_an_edit_lock_holds_across_pcs(server, tmp_path):
    from desktop.articles import api as articles
    from desktop.safety import api as safety

    first = _server_library(server, tmp_path / "kantor")
    second = Library.open(tmp_path / "kantor")
    try:
        article_id = articles.create_article(first, articles.ArticleDoc(title="Klarifikasi hoaks"))
        staff_id = first.store.staff_id
        results: list[object] = []
        start = threading.Barrier(2)

        def take(lib):  # noqa: ANN001
            start.wait()
            results.append(safety.acquire(lib, "article", article_id, staff_id))

        threads = [threading.Thread(target=take, args=(lib,)) for lib in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        held = [r for r in results if isinstance(r, safety.Lock)]
        refused = [r for r in results if isinstance(r, safety.LockedBy)]
        assert len(held) == 1 and len(refused) == 1, results
        assert isinstance(safety.acquire(second, "article", article_id, staff_id), safety.LockedBy)
    finally:
        second.close()
        first.close()


def test_two_pcs_exporting_the_style_pack_at_once_get_the_next_two_versions(server, tmp_path, monkeypatch):
    """The second PC waits for the first and numbers after it, never a raw unique-key error."""
    from desktop.exchange import api as exchange
    from desktop.exchange import bundle as fmt

    first = _server_library(server, tmp_path / "kantor")
    exchange.own_key(first)  # the office's key exists already, as in any office that exports
    second = Library.open(tmp_path / "kantor")
    second.store.staff_id = first.store.staff_id
    inside = threading.Barrier(2, timeout=3)  # met only if both PCs number their bundle at the same time
    real_write = fmt.write

    def write_together(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        try:
            inside.wait()
        except threading.BrokenBarrierError:
            pass
        return real_write(*args, **kwargs)

    monkeypatch.setattr(fmt, "write", write_together)
    try:
        outcomes: list[object] = []

        def export(lib, name):  # noqa: ANN001
            try:
                outcomes.append(exchange.export_style_pack(lib, tmp_path / name)["version"])
            except Exception as exc:  # noqa: BLE001 - the assertion below names it
                outcomes.append(exc)

        threads = [threading.Thread(target=export, args=(lib, f"standar-{n}.wartabundle"))
                   for n, lib in ((1, first), (2, second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(outcomes, key=str) == [1, 2], outcomes
        assert sorted(p.name for p in tmp_path.glob("standar-*")) == ["standar-1.wartabundle", "standar-2.wartabundle"]
    finally:
        second.close()
        first.close()


def test_the_server_stopping_mid_save_loses_nothing_committed(own_server, tmp_path):
    from desktop.articles import api as articles
    from desktop.errors import WartaError
    from desktop.server import ServerUnavailable

    lib = _server_library(own_server, tmp_path / "kantor")
    committed: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def writer() -> None:
        n = 0
        while not stop.is_set() and n < 2000:
            n += 1
            doc = articles.ArticleDoc(title=f"Berita {n}", lead="Bawaslu mengawasi.", body="Isi " * 200,
                                      quotes=[articles.Quote("Ketua", "Ketua Bawaslu", f"Kutipan {n}")])
            try:
                committed.append(articles.create_article(lib, doc))
            except WartaError as exc:
                failures.append(exc)
                time.sleep(0.05)
            except Exception as exc:  # noqa: BLE001 - must not happen: asserted below
                failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(1.0)
        own_server.stop("immediate")  # like pulling the network cable mid-transaction
        time.sleep(1.0)
        own_server.start()
        own_server.wait_ready()
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(60)
    try:
        assert committed and failures
        assert all(isinstance(f, ServerUnavailable) for f in failures), {type(f).__name__: str(f) for f in failures}
        sentence = str(failures[0])
        assert "server" in sentence.lower() and "\n" not in sentence and "Traceback" not in sentence
        # Writes succeed again after the restart, and every committed article is whole.
        assert articles.create_article(lib, articles.ArticleDoc(title="Sesudah"))
        for article_id in committed:
            doc = articles.load_doc(lib, article_id)
            assert doc.title.startswith("Berita ") and len(doc.quotes) == 1
        from desktop import check

        problems = check.run_checks(lib)
        assert not [p for p in problems if "fts" in p or "foreign" in p.lower()], problems
    finally:
        lib.close()


def test_the_window_says_so_once_and_saves_when_the_server_is_back(own_server, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.articles import api as articles
    from desktop.ui.app import create_main_window

    lib = _server_library(own_server, tmp_path / "kantor")
    article_id = articles.create_article(lib, articles.ArticleDoc(title="Sosialisasi"))
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: boxes.append(a[2] if len(a) > 2 else "")))
    window = create_main_window(lib, staff_id=lib.store.staff_id)
    window.ctx.RETRY_MS = 200
    window.ctx._retry.setInterval(200)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.open_item("article", article_id)
        from desktop.ui.article_editor import ArticleEditor

        qtbot.waitUntil(lambda: any(e.isVisible() for e in window.findChildren(ArticleEditor)), timeout=5000)
        editor = next(e for e in window.findChildren(ArticleEditor) if e.isVisible())
        editor.lead_edit.setPlainText("Bawaslu menggelar sosialisasi pengawasan pemilu di Jember.")
        own_server.stop("immediate")
        editor.save_action.trigger()
        label = window.connection_label
        qtbot.waitUntil(label.isVisible, timeout=5000)
        assert "server" in label.text().lower() and boxes == []
        assert editor.dirty
        own_server.start()
        own_server.wait_ready()
        qtbot.waitUntil(lambda: not editor.dirty, timeout=15000)
        assert articles.load_doc(lib, article_id).lead.startswith("Bawaslu menggelar sosialisasi")
        assert boxes == []
    finally:
        from PySide6.QtWidgets import QMessageBox as Box

        monkeypatch.setattr(Box, "question", staticmethod(lambda *a, **k: Box.StandardButton.Discard))
        window.close()
        window.deleteLater()
        lib.close()
