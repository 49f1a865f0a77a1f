"""Transactions: every change to user data goes through :meth:`Store.write`.

``write()`` is a context manager yielding a :class:`Tx`. It commits once at the
end, or rolls back everything on any exception, so a failure leaves the
library as it was. ORM changes are written to the audit log automatically in
the same transaction; bulk Core inserts call :meth:`Tx.audit` themselves.
After commit, listeners receive the set of entity kinds that changed, so each
view refreshes itself (the window turns that into a Qt signal).
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterator

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from database.base import utcnow
from database.models.core import AuditLog

ChangeListener = Callable[[frozenset[str]], None]


@dataclass
class Tx:
    session: Session
    staff_id: int | None
    changed: set[str] = field(default_factory=set)

    def audit(self, action: str, entity: str, entity_id: object = "", summary: str = "") -> None:
        """Record a change made outside the ORM unit of work (bulk Core statements)."""
        self.session.add(
            AuditLog(
                staff_id=self.staff_id,
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                summary=summary[:2000],
            )
        )
        self.changed.add(entity)

    def touch(self, entity: str) -> None:
        """Mark an entity kind as changed without an audit row (derived data)."""
        self.changed.add(entity)

    def one_at_a_time(self, name: str) -> None:
        """Hold ``name`` until this transaction ends, so the same work on another PC waits for it.

        SQLite's write transactions already are one at a time (BEGIN IMMEDIATE); on
        PostgreSQL a transaction-scoped advisory lock makes the second PC queue. For work
        that numbers or matches against what is already stored (the next bundle
        version, contacts to merge), where rows being inserted cannot be locked.
        """
        one_at_a_time(self.session, name)


def one_at_a_time(session: Session, name: str) -> None:
    """:meth:`Tx.one_at_a_time` for a bare session."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})


def _describe(obj: object) -> str:
    for attr in ("title", "name", "full_name", "caption", "file_name"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:200]
    return ""


def _audit_flush(session: Session, _ctx, _instances) -> None:  # noqa: ANN001
    tx: Tx | None = session.info.get("tx")
    if tx is None:
        return
    pending: list[tuple[str, object]] = []
    for action, objs in (("create", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objs:
            if not getattr(obj, "__audit__", True):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            pending.append((action, obj))
    if not pending:
        return
    tx.session.info["audit_pending"] = tx.session.info.get("audit_pending", []) + pending


def _audit_after_flush(session: Session, _ctx) -> None:  # noqa: ANN001
    tx: Tx | None = session.info.get("tx")
    pending = session.info.pop("audit_pending", [])
    if tx is None or not pending:
        return
    rows = []
    for action, obj in pending:
        table = obj.__table__.name  # type: ignore[attr-defined]
        # New objects have no identity key yet inside after_flush; their
        # primary key attributes are already populated.
        ident = inspect(obj).mapper.primary_key_from_instance(obj)
        rows.append(
            {
                "staff_id": tx.staff_id,
                "action": action,
                "entity": table,
                "entity_id": ",".join(str(i) for i in ident if i is not None),
                "summary": _describe(obj),
                "at": utcnow(),
            }
        )
        tx.changed.add(table)
    session.execute(AuditLog.__table__.insert(), rows)


class Store:
    """Database access for one library: sessions, write transactions, change events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        self.staff_id: int | None = None
        # Tells this process's notifications from other PCs' (shared-office mode).
        self.origin = uuid.uuid4().hex
        self._watcher = None
        #: A server password from this PC's keyring (the watcher's own connection needs it too).
        self.password: str | None = None
        #: Turns a lost or refused server connection into the error the user sees
        #: (set by the library; None leaves the driver's exception as it is).
        self.translate_error: Callable[[BaseException], BaseException] | None = None

    def _lost(self, exc: BaseException) -> BaseException | None:
        from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

        if self.translate_error is None or self.is_sqlite:
            return None
        if isinstance(exc, (OperationalError, InterfaceError)) or (
            isinstance(exc, DBAPIError) and exc.connection_invalidated
        ):
            return self.translate_error(exc)
        return None

    def ping(self) -> bool:
        """True when the database answers (used to retry after a lost server)."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return True
        except Exception:  # noqa: BLE001 - any failure means "not back yet"
            return False

    def watch(self, callback: ChangeListener) -> None:
        """Call ``callback(tables)`` (from a thread) when another process commits a change.

        Only a server library has other writers worth watching; on SQLite
        this does nothing.
        """
        if self.is_sqlite or self._watcher is not None:
            return
        from database.notify import Watcher

        def relay(tables: frozenset[str]) -> None:
            if "*" in tables:  # reconnected: changes may have been missed, refresh everything
                from database.base import Base
                from database.models import load_all

                load_all()
                tables = frozenset(Base.metadata.tables)
            callback(tables)

        dsn = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._watcher = Watcher(dsn, self.password, self.origin, relay)
        self._watcher.start()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def subscribe(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; anything it changes is discarded.

        Objects loaded here stay readable after the block (close() detaches
        them without expiring their attributes, unlike rollback()).
        """
        session = self._factory()
        try:
            yield session
        except Exception as exc:
            lost = self._lost(exc)
            if lost is not None:
                raise lost from exc
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def write(self, staff_id: int | None = None) -> Iterator[Tx]:
        """One transaction: commit at the end, roll back on any error."""
        try:
            conn = self.engine.connect().execution_options(warta_write=True)
        except Exception as exc:
            lost = self._lost(exc)
            if lost is not None:
                raise lost from exc
            raise
        session = self._factory(bind=conn)
        tx = Tx(session=session, staff_id=staff_id if staff_id is not None else self.staff_id)
        session.info["tx"] = tx
        event.listen(session, "before_flush", _audit_flush)
        event.listen(session, "after_flush", _audit_after_flush)
        try:
            yield tx
            if not self.is_sqlite:
                session.flush()
                if tx.changed:
                    # Delivered to the other PCs only if this transaction commits.
                    from database.notify import CHANNEL, payload

                    session.execute(text("SELECT pg_notify(:c, :p)"),
                                    {"c": CHANNEL, "p": payload(self.origin, frozenset(tx.changed))})
            session.commit()
        except BaseException as exc:
            try:
                session.rollback()
            except Exception:  # noqa: BLE001 - a dead connection cannot roll back; the server already did
                pass
            lost = self._lost(exc) if isinstance(exc, Exception) else None
            if lost is not None:
                raise lost from exc
            raise
        finally:
            session.info.pop("tx", None)
            session.info.pop("audit_pending", None)
            session.close()
            conn.close()
        if tx.changed:
            changed = frozenset(tx.changed)
            for listener in list(self._listeners):
                listener(changed)

    def dispose(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        self.engine.dispose()

