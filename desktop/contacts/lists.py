"""Distribution lists: named static lists, and saved filters ("Media online Jawa Timur")."""

from __future__ import annotations

from typing import Sequence

from sqlalchemy import delete, func, insert, select

from database.models.contacts import DistributionList
from desktop.contacts.store import DL, LM, PeopleFilter
from desktop.errors import ValidationError
from desktop.i18n import _


def lists(library) -> list[tuple[int, str, bool, int]]:  # noqa: ANN001
    """(id, name, is_saved_filter, static member count) for every list."""
    with library.store.read() as s:
        counts = dict(s.execute(select(LM.c.list_id, func.count()).group_by(LM.c.list_id)).all())
        return [
            (r.id, r.name, r.filter_json is not None, int(counts.get(r.id, 0)))
            for r in s.execute(select(DL.c.id, DL.c.name, DL.c.filter_json).order_by(func.lower(DL.c.name)))
        ]


def find_list(library, name: str) -> int:  # noqa: ANN001
    with library.store.read() as s:
        found = s.scalar(select(DL.c.id).where(func.lower(DL.c.name) == name.strip().lower()))
    if found is None:
        raise ValidationError(_("There is no distribution list named '{name}'.").format(name=name))
    return found


def create_list(library, name: str, *, saved_filter: PeopleFilter | None = None, description: str = "") -> int:  # noqa: ANN001
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("A distribution list needs a name."))
    with library.store.write() as tx:
        if tx.session.scalar(select(DL.c.id).where(func.lower(DL.c.name) == name.lower())) is not None:
            raise ValidationError(_("A distribution list named '{name}' already exists.").format(name=name))
        if saved_filter is not None and saved_filter.list_id:
            raise ValidationError(_("A saved filter cannot be based on another list."))
        row = DistributionList(
            name=name, description=description.strip(),
            filter_json=saved_filter.to_json() if saved_filter is not None else None,
        )
        tx.session.add(row)
        tx.session.flush()
        return row.id


def delete_list(library, list_id: int) -> None:  # noqa: ANN001
    with library.store.write() as tx:
        row = tx.session.get(DistributionList, list_id)
        if row is None:
            raise ValidationError(_("There is no distribution list with id {id}.").format(id=list_id))
        from desktop import references

        references.refuse_if_used(tx.session, "distribution", [list_id])
        tx.session.delete(row)


def add_to_list(library, list_id: int, person_ids: Sequence[int]) -> int:  # noqa: ANN001
    with library.store.write() as tx:
        row = tx.session.get(DistributionList, list_id)
        if row is None:
            raise ValidationError(_("There is no distribution list with id {id}.").format(id=list_id))
        if row.filter_json is not None:
            raise ValidationError(
                _("'{name}' is a saved filter; its members follow the filter and cannot be added by hand.").format(
                    name=row.name
                )
            )
        present = set(tx.session.scalars(select(LM.c.person_id).where(LM.c.list_id == list_id)))
        new = [pid for pid in dict.fromkeys(person_ids) if pid not in present]
        if new:
            tx.session.execute(insert(LM), [{"list_id": list_id, "person_id": pid} for pid in new])
            tx.audit("add", "list_members", list_id, _("{count} added to {name}").format(count=len(new), name=row.name))
        return len(new)


def remove_from_list(library, list_id: int, person_ids: Sequence[int]) -> None:  # noqa: ANN001
    with library.store.write() as tx:
        tx.session.execute(delete(LM).where(LM.c.list_id == list_id, LM.c.person_id.in_(list(person_ids))))
        tx.audit("remove", "list_members", list_id, ",".join(map(str, list(person_ids)[:50])))
