"""``warta check``: every integrity check in one place, each naming what it found.

Areas register their checks in ``desktop.areas.AREAS`` (``checks``, then
``content_checks``) as ``"module:function"``; each check takes ``(library, repair)`` and returns a list of problem sentences
(after repairing what it can when ``repair`` is true, it reports what it
could not repair, and what it repaired prefixed with the word from
``repaired()``).
"""

from __future__ import annotations

from sqlalchemy import text

from desktop import areas
from desktop.i18n import _


def repaired(message: str) -> str:
    return _("repaired: {what}").format(what=message)


def database_integrity(library, repair: bool = False) -> list[str]:  # noqa: ANN001, ARG001
    problems: list[str] = []
    with library.store.engine.connect() as conn:
        if library.store.is_sqlite:
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(
                    _("foreign key: row {rowid} of table {table} points to a missing {parent}").format(
                        table=row[0], rowid=row[1], parent=row[2]
                    )
                )
        else:
            # PostgreSQL enforces every key as it writes; one added NOT VALID
            # (by hand, on the server) could still hide dangling rows.
            for table, name in conn.execute(text(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint "
                "WHERE NOT convalidated AND connamespace = 'public'::regnamespace"
            )):
                problems.append(_("constraint {name} of table {table} is not checked").format(name=name, table=table))
    return problems


def damaged_message(library, damage: list[str]) -> str:  # noqa: ANN001
    from desktop.safety import api as safety

    return _(
        "The database {path} is damaged: SQLite found {count} problem(s) in it, so the other checks were not run "
        "and nothing was repaired. Do not keep working in it. {hint}"
    ).format(path=library.db_path, count=len(damage), hint=safety.restore_hint(library))


def run_checks(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    """Every area's checks; on a damaged database only the sentence saying so (the others would fail on it)."""
    from sqlalchemy.exc import DatabaseError

    if library.store.is_sqlite:
        from desktop.safety import api as safety

        damage = safety.integrity_problems(library.db_path)
        if damage:
            return [damaged_message(library, damage)] + [_("database integrity: {row}").format(row=r) for r in damage[:50]]
    problems: list[str] = []
    for spec in areas.entries("checks") + areas.entries("content_checks"):
        try:
            found = areas.load(spec)(library, repair)
        except DatabaseError as exc:
            if not library.store.is_sqlite:
                raise
            from desktop.safety import api as safety

            damage = safety.integrity_problems(library.db_path) or [str(getattr(exc, "orig", exc))]
            return problems + [damaged_message(library, damage)]
        problems.extend(found)
    return problems
