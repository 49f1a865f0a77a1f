"""Edit locks: an item open in one editor is shown as locked everywhere else.

How an editor uses this (the articles editor does exactly this)::

    from desktop.safety import locks

    got = locks.acquire(library, "article", article_id, staff_id)
    if isinstance(got, locks.LockedBy):
        # Open read-only and say who has it and since when:
        show_banner(got.message())        # "Sedang disunting oleh Dewi sejak 14.05 …"
    else:
        lock = got                        # keep it while the editor is open
        # every HEARTBEAT_SECONDS (a QTimer in the window):
        locks.heartbeat(library, lock)
        # when the editor closes (also on window close):
        locks.release(library, lock)

Rules:

- A lock is held by one *holder*: this process plus a counter, so the same
  staff member in two windows (or a window and a ``warta`` command) is still
  kept out of the second copy.
- A lock whose heartbeat is older than ``STALE_MINUTES`` (the window crashed,
  the PC lost power) is taken over automatically by the next ``acquire``;
  the returned :class:`Lock` names the previous holder in ``took_over_from``
  so the editor can say so.
- ``acquire(..., force=True)`` takes over a live lock (an admin breaking a
  lock a colleague forgot); the other editor finds out at its next
  ``heartbeat`` (returns False) and must switch to read-only without losing
  its text.
- Safety owns the lock table; an area that shows locks in its own rows
  lists the entity in ``locked`` in ``desktop.areas`` and its ``api`` writes
  the mark in the same transaction (articles: ``articles.locked_by`` /
  ``locked_at``, so article lists show a lock icon with a plain column read).
- Locks are bookkeeping, not user data: they are not audited and a backup
  or restore drops them.

Saving is still protected by the article's own ``revision`` check; the lock
only spares two people from typing over each other.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import socket
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from database.base import utcnow
from desktop.i18n import _

STALE_MINUTES = 10
HEARTBEAT_SECONDS = 60

_PROCESS = uuid.uuid4().hex[:24]
_counter = itertools.count(1)


@dataclass(frozen=True)
class Lock:
    """A lock this editor holds."""

    entity: str
    entity_id: int
    staff_id: int | None
    holder: str
    acquired_at: dt.datetime
    took_over_from: "LockedBy | None" = None


@dataclass(frozen=True)
class LockedBy:
    """Someone else holds the item: who, since when, last sign of life."""

    entity: str
    entity_id: int
    staff_id: int | None
    staff_name: str
    host: str
    since: dt.datetime  # naive UTC
    heartbeat_at: dt.datetime  # naive UTC
    stale: bool

    def message(self) -> str:
        from desktop import dates

        when = dates.short_datetime(self.since.replace(tzinfo=dt.timezone.utc).astimezone())
        who = self.staff_name or _("another user")
        if self.stale:
            return _("{who} opened this for editing at {when} but has not been seen for a while; you can take it over.").format(
                who=who, when=when
            )
        computer = self.host.rsplit(":", 1)[0] if self.host else "?"  # host is "name:pid"
        return _("{who} is editing this since {when} (on computer {host}). It is open read-only.").format(
            who=who, when=when, host=computer
        )


def new_holder() -> str:
    """A holder id unique to this process and call (two editors in one window differ)."""
    return f"{_PROCESS}-{next(_counter)}"


def _table():  # noqa: ANN202
    from database.models.safety import EditLock

    return EditLock.__table__


def _staff_name(session, staff_id: int | None) -> str:  # noqa: ANN001
    from database.models import Staff

    if staff_id is None:
        return ""
    row = session.get(Staff, staff_id)
    return row.name if row else ""


def _is_stale(heartbeat_at: dt.datetime, now: dt.datetime, stale_minutes: float) -> bool:
    return now - heartbeat_at > dt.timedelta(minutes=stale_minutes)


def _marking_apis(entity: str | None = None) -> list:
    """The ``api`` modules of the areas that mark locks of ``entity`` (every such area when None)."""
    from desktop import areas

    return [areas.load(a.api) for a in areas.AREAS if a.locked and (entity is None or entity in a.locked)]


def _mirror(tx, entity: str, entity_id: int, staff_id: int | None, at: dt.datetime | None) -> None:  # noqa: ANN001
    for api in _marking_apis(entity):
        api.mark_locked(tx, entity, entity_id, staff_id, at)


def acquire(
    library,  # noqa: ANN001 - desktop.library.Library
    entity: str,
    entity_id: int,
    staff_id: int | None,
    *,
    holder: str | None = None,
    force: bool = False,
    stale_minutes: float = STALE_MINUTES,
) -> Lock | LockedBy:
    """Lock ``entity``/``entity_id`` for ``staff_id``, or say who holds it.

    A stale lock (no heartbeat for ``stale_minutes``) is taken over; a live
    one only with ``force``. Passing the ``holder`` of a lock already held
    re-acquires it (idempotent).

    On a server, two PCs may both find the item free and both insert: the
    second insert fails on the primary key, and looking again finds the
    first PC's lock (SQLite's write lock serialises them before that).
    """
    from sqlalchemy.exc import IntegrityError

    holder = holder or new_holder()
    for attempt in range(3):
        try:
            return _acquire_once(library, entity, entity_id, staff_id, holder, force, stale_minutes)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _acquire_once(library, entity: str, entity_id: int, staff_id: int | None, holder: str,  # noqa: ANN001
                  force: bool, stale_minutes: float) -> Lock | LockedBy:
    t = _table()
    now = utcnow()
    with library.store.write() as tx:
        row = tx.session.execute(
            select(t).where(t.c.entity == entity, t.c.entity_id == entity_id)
        ).first()
        previous = None
        if row is not None:
            stale = _is_stale(row.heartbeat_at, now, stale_minutes)
            previous = LockedBy(
                entity, entity_id, row.staff_id, _staff_name(tx.session, row.staff_id), row.host,
                row.acquired_at, row.heartbeat_at, stale,
            )
            if row.holder == holder:
                tx.session.execute(
                    update(t).where(t.c.entity == entity, t.c.entity_id == entity_id).values(heartbeat_at=now)
                )
                return Lock(entity, entity_id, row.staff_id, holder, row.acquired_at)
            if not stale and not force:
                return previous
            tx.session.execute(delete(t).where(t.c.entity == entity, t.c.entity_id == entity_id))
        tx.session.execute(
            t.insert().values(
                entity=entity, entity_id=entity_id, staff_id=staff_id, holder=holder,
                host=_host(), acquired_at=now, heartbeat_at=now,
            )
        )
        _mirror(tx, entity, entity_id, staff_id, now)
        tx.touch(t.name)
    return Lock(entity, entity_id, staff_id, holder, now, took_over_from=previous)


def heartbeat(library, lock: Lock) -> bool:  # noqa: ANN001
    """Keep ``lock`` alive; False when someone took it over (switch to read-only)."""
    t = _table()
    with library.store.write() as tx:
        result = tx.session.execute(
            update(t)
            .where(t.c.entity == lock.entity, t.c.entity_id == lock.entity_id, t.c.holder == lock.holder)
            .values(heartbeat_at=utcnow())
        )
        return bool(result.rowcount)


def release(library, lock: Lock) -> None:  # noqa: ANN001
    """Give ``lock`` back; nothing happens if it was taken over meanwhile."""
    t = _table()
    with library.store.write() as tx:
        result = tx.session.execute(
            delete(t).where(t.c.entity == lock.entity, t.c.entity_id == lock.entity_id, t.c.holder == lock.holder)
        )
        if result.rowcount:
            _mirror(tx, lock.entity, lock.entity_id, None, None)
            tx.touch(t.name)


def holder_of(library, entity: str, entity_id: int, *, stale_minutes: float = STALE_MINUTES) -> LockedBy | None:  # noqa: ANN001
    """Who holds the item now (for a list's lock icon or a tooltip), or None."""
    t = _table()
    with library.store.read() as s:
        row = s.execute(select(t).where(t.c.entity == entity, t.c.entity_id == entity_id)).first()
        if row is None:
            return None
        return LockedBy(
            entity, entity_id, row.staff_id, _staff_name(s, row.staff_id), row.host, row.acquired_at,
            row.heartbeat_at, _is_stale(row.heartbeat_at, utcnow(), stale_minutes),
        )


def clear_all(connection) -> None:  # noqa: ANN001 - a DB-API or SQLAlchemy connection on a copy
    """Drop every lock (in a backup snapshot or a restored library: nobody holds them)."""
    connection.execute("DELETE FROM edit_locks")
    for api in _marking_apis():
        try:
            api.clear_lock_marks(connection)
        except Exception:  # noqa: BLE001 - the marked table may not exist in this library
            pass


def _host() -> str:
    try:
        return f"{socket.gethostname()}:{os.getpid()}"[:200]
    except OSError:
        return str(os.getpid())
