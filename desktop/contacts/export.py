"""Exporting people or a distribution list as vCard 3.0, CSV or .xlsx (formats in ``desktop.contacts.io``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from sqlalchemy import select

from desktop.contacts import store
from desktop.contacts.record import ContactRecord, Email, Phone
from desktop.errors import WartaError, os_reason
from desktop.i18n import _


def records(library, person_ids: Sequence[int]) -> list[ContactRecord]:  # noqa: ANN001
    """People as file records, in the order given (one query per table, not per person)."""
    P, O, T, PH, EM, SO = store.P, store.O, store.T, store.PH, store.EM, store.SO
    ids = list(dict.fromkeys(person_ids))
    out: dict[int, ContactRecord] = {}
    with library.store.read() as s:
        for chunk in store._chunks(ids):
            for r in s.execute(
                select(P, O.c.name.label("org"), T.c.name.label("org_type"))
                .select_from(P.outerjoin(O, O.c.id == P.c.organization_id).outerjoin(T, T.c.id == O.c.type_id))
                .where(P.c.id.in_(chunk))
            ):
                out[r.id] = ContactRecord(
                    full_name=r.full_name, position=r.position, organization=r.org or "",
                    organization_type=(r.org_type or "") if r.org else "", department=r.beat,
                    address=r.address, notes=r.notes, tags=store.split_tags(r.tags),
                )
            for r in s.execute(select(PH).where(PH.c.person_id.in_(chunk)).order_by(PH.c.id)):
                out[r.person_id].phones.append(Phone(number=r.number, label=r.label, whatsapp=r.whatsapp, public=r.public))
            for r in s.execute(select(EM).where(EM.c.person_id.in_(chunk)).order_by(EM.c.id)):
                out[r.person_id].emails.append(Email(address=r.address, label=r.label, public=r.public))
            for r in s.execute(select(store.PP).where(store.PP.c.person_id.in_(chunk))):
                out[r.person_id].photo = r.data
            for r in s.execute(select(SO).where(SO.c.person_id.in_(chunk)).order_by(SO.c.id)):
                out[r.person_id].social[r.network] = r.handle
    return [out[i] for i in ids if i in out]


def export_bytes(library, fmt: str, person_ids: Sequence[int]) -> bytes:  # noqa: ANN001
    from desktop.contacts import io as contacts_io

    return contacts_io.export(records(library, person_ids), fmt)


def export_to(
    library,  # noqa: ANN001
    target: str | os.PathLike,
    fmt: str | None = None,
    *,
    person_ids: Sequence[int] | None = None,
    list_id: int | None = None,
) -> int:
    """Write people (everyone, the given ids, or a list's members) to ``target``; returns how many."""
    from desktop.fsutil import atomic_write

    target = Path(target)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if person_ids is None:
        person_ids = store.people_ids(library, store.PeopleFilter(list_id=list_id))
    data = export_bytes(library, fmt, person_ids)
    try:
        # Phones, e-mails and addresses of private people: readable by the owner only.
        with atomic_write(target, private=True) as fh:
            fh.write(data)
    except OSError as exc:
        raise WartaError(_("The contacts could not be written to {path}: {error}. "
                           "Choose a folder you can write to.").format(
            path=os.fspath(target), error=os_reason(exc))) from exc
    return len(person_ids)
