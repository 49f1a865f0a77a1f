"""Edit locks: one editor at a time, who and since when, stale takeover."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text, update

from desktop.safety import locks


def _second_staff(library) -> int:
    from desktop import staff

    return staff.create(library, staff.StaffInput(name="Dewi Lestari", role="writer"))


def test_second_editor_sees_who_holds_the_lock(library):
    admin = library.store.staff_id
    dewi = _second_staff(library)
    mine = locks.acquire(library, "article", 7, admin)
    assert isinstance(mine, locks.Lock)
    other = locks.acquire(library, "article", 7, dewi)
    assert isinstance(other, locks.LockedBy)
    assert other.staff_name == "Admin Uji" and not other.stale
    assert "Admin Uji" in other.message()
    # The same staff member in a second window is kept out too.
    assert isinstance(locks.acquire(library, "article", 7, admin), locks.LockedBy)
    # Re-acquiring with the same holder is idempotent.
    assert isinstance(locks.acquire(library, "article", 7, admin, holder=mine.holder), locks.Lock)
    # Another item is free.
    assert isinstance(locks.acquire(library, "article", 8, dewi), locks.Lock)
    locks.release(library, mine)
    assert isinstance(locks.acquire(library, "article", 7, dewi), locks.Lock)


def test_stale_lock_is_taken_over_and_old_holder_notices(library):
    admin = library.store.staff_id
    dewi = _second_staff(library)
    old = locks.acquire(library, "article", 3, admin)
    assert locks.heartbeat(library, old)
    from database.models.safety import EditLock

    with library.store.write() as tx:
        tx.session.execute(
            update(EditLock.__table__).values(heartbeat_at=dt.datetime(2020, 1, 1))
        )
    assert locks.holder_of(library, "article", 3).stale
    new = locks.acquire(library, "article", 3, dewi)
    assert isinstance(new, locks.Lock)
    assert new.took_over_from is not None and new.took_over_from.staff_id == admin
    # The crashed window comes back: its heartbeat fails, its release does nothing.
    assert not locks.heartbeat(library, old)
    locks.release(library, old)
    assert locks.holder_of(library, "article", 3).staff_id == dewi


def test_force_takes_over_a_live_lock(library):
    admin = library.store.staff_id
    dewi = _second_staff(library)
    first = locks.acquire(library, "article", 5, dewi)
    forced = locks.acquire(library, "article", 5, admin, force=True)
    assert isinstance(forced, locks.Lock)
    assert not locks.heartbeat(library, first)


def test_lock_is_mirrored_on_the_article_row(library):
    from desktop.articles import api as articles

    article_id = articles.create_article(library, articles.ArticleDoc(title="T"))
    lock = locks.acquire(library, "article", article_id, library.store.staff_id)
    with library.store.read() as s:
        assert s.execute(text("SELECT locked_by FROM articles WHERE id = :i"), {"i": article_id}).scalar() == \
            library.store.staff_id
    locks.release(library, lock)
    with library.store.read() as s:
        assert s.execute(text("SELECT locked_by FROM articles WHERE id = :i"), {"i": article_id}).scalar() is None
