"""The window's data-safety parts: Settings → Backups, the Beranda reminder, the backup on close."""

from __future__ import annotations

import pytest

import datetime as dt
import os

from PySide6.QtWidgets import QLabel, QListWidget, QMessageBox

from desktop.safety import backup


def _backup_page(main_window):
    from desktop.ui.backup_page import BackupPage
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(main_window.ctx, main_window)
    page = next(p for p in dialog.extra_pages if isinstance(p, BackupPage))
    return dialog, page


def _wait(qtbot, handle) -> None:
    qtbot.waitUntil(lambda: handle.done, timeout=30_000)
    assert handle.error is None, handle.error


def _home_texts(main_window) -> str:
    from PySide6.QtCore import QCoreApplication, QEvent

    home = main_window.show_section("home")
    home.refresh()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # drop the old cards
    texts = [w.text() for w in home.findChildren(QLabel)]
    for lst in home.findChildren(QListWidget):
        texts += [lst.item(i).text() for i in range(lst.count())]
    return "\n".join(texts)


def test_backup_page_backs_up_and_restores(main_window, qtbot, tmp_path, monkeypatch):
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert "Belum ada cadangan di diska lain" in _home_texts(main_window)

    dialog, page = _backup_page(main_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "Belum pernah" in page.last_label.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    _wait(qtbot, page.backup_to(usb))
    files = list(usb.glob("*.wartabackup"))
    assert len(files) == 1
    assert str(files[0]) in page.last_label.text() and infos
    # The Beranda reminder is gone once a backup is fresh.
    assert "Belum ada cadangan di diska lain" not in _home_texts(main_window)

    # Automatic snapshots are listed with date and size.
    page.take_snapshot()
    qtbot.waitUntil(lambda: page.table.topLevelItemCount() == 1, timeout=30_000)
    assert "KB" in page.table.topLevelItem(0).text(1) or "MB" in page.table.topLevelItem(0).text(1)
    page.table.setCurrentItem(page.table.topLevelItem(0))
    assert page.restore_snapshot_button.isEnabled()

    handle = page.restore_file(files[0], tmp_path / "restored")
    _wait(qtbot, handle)
    assert (tmp_path / "restored" / "warta.db").exists()
    # Restoring over the open library is refused with a message, nothing changes.
    errors = []
    monkeypatch.setattr(main_window.ctx, "show_error", lambda parent, exc: errors.append(str(exc)))
    handle = page.restore_file(files[0], main_window.ctx.library.path)
    qtbot.waitUntil(lambda: handle.done, timeout=30_000)
    assert errors and "tidak kosong" in errors[0]
    dialog.tabs.setCurrentWidget(page)
    dialog.grab().save(str(tmp_path / "backup-page.png"))
    if os.environ.get("WARTA_SCREENSHOTS"):
        dialog.grab().save(os.path.join(os.environ["WARTA_SCREENSHOTS"], "settings-backups.png"))
    dialog.close()


def test_reminder_after_seven_days(main_window, qtbot, tmp_path):
    lib = main_window.ctx.library
    backup.record_external_backup(lib, tmp_path / "old.wartabackup", 10, dt.datetime.now() - dt.timedelta(days=9))
    text = _home_texts(main_window)
    assert "9 hari lalu" in text
    backup.record_external_backup(lib, tmp_path / "new.wartabackup", 10, dt.datetime.now() - dt.timedelta(days=2))
    assert "hari lalu" not in _home_texts(main_window)


def test_closing_the_window_takes_an_automatic_backup(main_window, qtbot):
    lib = main_window.ctx.library
    assert backup.auto_backups(lib) == []
    main_window.close()
    snaps = backup.auto_backups(lib)
    assert len(snaps) == 1 and snaps[0].size > 0


@pytest.mark.sqlite_file
def test_full_disk_while_saving_keeps_the_text_in_the_editor(main_window, qtbot):
    """SQLite's max_page_count makes the database really full: the save fails clearly, the text stays."""
    import pytest
    from sqlalchemy import event, text

    store = pytest.importorskip("desktop.articles.store")
    from desktop.articles.document import ArticleDoc

    lib = main_window.ctx.library
    article_id = store.create_article(lib, ArticleDoc(title="Rapat Pleno", body="Awal."))
    section = main_window.show_section("articles")
    section.open_item("article", article_id)
    editor = section._editor
    long_text = "Paragraf panjang tentang pengawasan tahapan pemilu. " * 400
    editor.body.textCursor().insertText(long_text)  # as if typed or pasted

    with lib.store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()

    def limit(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(lib.store.engine, "connect", limit)
    lib.store.engine.dispose()
    errors = []
    main_window.ctx.show_error = lambda parent, exc: errors.append(str(exc))
    try:
        assert editor.save() is False
    finally:
        event.remove(lib.store.engine, "connect", limit)
        lib.store.engine.dispose()
    assert errors and "penuh" in errors[0], errors
    assert long_text.strip() in editor.collect().body
    assert store.load(lib, article_id).revision == 1  # nothing half-saved
    # Space is back: the same text saves.
    assert editor.save() is True
    assert long_text.strip() in store.load(lib, article_id).doc.body


def test_article_open_elsewhere_is_read_only_with_who_and_since(main_window, qtbot):
    import pytest
    from sqlalchemy import update

    store = pytest.importorskip("desktop.articles.store")
    from database.models.safety import EditLock
    from desktop import staff
    from desktop.articles.document import ArticleDoc
    from desktop.safety import locks

    lib = main_window.ctx.library
    article_id = store.create_article(lib, ArticleDoc(title="Rapat Koordinasi"))
    dewi = staff.create(lib, staff.StaffInput(name="Dewi Lestari"))
    assert isinstance(locks.acquire(lib, "article", article_id, dewi), locks.Lock)  # her window

    section = main_window.show_section("articles")
    section.open_item("article", article_id)
    editor = section._editor
    assert editor.read_only and "Dewi Lestari" in editor.banner.text() and editor.banner.isVisibleTo(editor)
    assert editor.save() is False
    assert not editor.save_action.isEnabled() and not editor.undo_action.isEnabled()
    if os.environ.get("WARTA_SCREENSHOTS"):
        main_window.grab().save(os.path.join(os.environ["WARTA_SCREENSHOTS"], "article-locked.png"))

    # Her window died long ago: opening again takes the stale lock over.
    with lib.store.write() as tx:
        tx.session.execute(update(EditLock.__table__).values(heartbeat_at=dt.datetime(2020, 1, 1)))
    editor.request_close()
    section.open_item("article", article_id)
    assert not editor.read_only
    assert locks.holder_of(lib, "article", article_id).staff_id == main_window.ctx.staff_id

    # Closing the window gives the lock back.
    main_window.close()
    assert locks.holder_of(lib, "article", article_id) is None


def test_background_job_snapshots_once_a_day_and_sweeps(main_window, qtbot):
    from desktop.ui import backup_page

    lib = main_window.ctx.library
    old = lib.path / "photos" / "zz" / "orphan.jpg"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"left by a crash")
    t = __import__("time").time() - 3600
    os.utime(old, (t, t))
    fresh = lib.path / "photos" / "zz" / "fresh.jpg"
    fresh.write_bytes(b"an import running in this window")
    from sqlalchemy import text

    with lib.store.write() as tx:  # a record whose file went missing
        tx.session.execute(text("UPDATE office SET logo = 'files/logo-0123456789abcdef.png' WHERE id = 1"))
    found = backup_page._background_job(lib, sweep_too=True)(None)
    assert len(backup.auto_backups(lib)) == 1
    assert not old.exists() and fresh.exists()
    assert found["missing"] == ["files/logo-0123456789abcdef.png"] and found["moved"] == ["photos/zz/orphan.jpg"]
    home = _home_texts(main_window)
    assert "logo-0123456789abcdef" in home and "dipindahkan ke quarantine/" in home
    backup_page._background_job(lib, sweep_too=False)(None)
    assert len(backup.auto_backups(lib)) == 1  # at most daily
