"""Possible duplicates already in the library: the same phone or e-mail on two people, or
similar names at similar organisations (``desktop.contacts.matching``), for the window's
"Find duplicates" list and ``warta contacts duplicates``. Nothing is merged here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.contacts import store
from desktop.contacts.record import ContactRecord, Email, Phone
from desktop.jobs import Progress


@dataclass
class DuplicatePair:
    keep_id: int  # the older contact (lower id)
    keep_name: str
    keep_organization: str
    other_id: int
    other_name: str
    other_organization: str
    score: float  # 100 for a shared phone or e-mail
    reasons: tuple[str, ...]  # subset of ("phone", "email", "name")


def find_in_library(library, *, cutoff: float | None = None,  # noqa: ANN001
                    progress: Progress | None = None) -> list[DuplicatePair]:
    """Pairs of people who may be one person, shared phones/e-mails first, then by score."""
    from desktop.contacts import matching

    P, O, PH, EM = store.P, store.O, store.PH, store.EM
    records: dict[int, ContactRecord] = {}
    with library.store.read() as s:
        for pid, name, org in s.execute(select(P.c.id, P.c.full_name, O.c.name)
                                        .select_from(P.outerjoin(O, O.c.id == P.c.organization_id))
                                        .order_by(P.c.id)):
            records[pid] = ContactRecord(full_name=name, organization=org or "")
        # Only verified numbers are keys: a number kept as typed may be anyone's switchboard.
        for pid, number in s.execute(select(PH.c.person_id, PH.c.number).where(PH.c.verified.is_(True))):
            records[pid].phones.append(Phone(number=number))
        for pid, address in s.execute(select(EM.c.person_id, EM.c.address)):
            records[pid].emails.append(Email(address=address))
    ids = list(records)
    found = matching.duplicates_within([records[i] for i in ids], cutoff=cutoff or matching.DEFAULT_CUTOFF)
    if progress is not None:
        progress.check()
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    for c in found:
        a, b = sorted((ids[c.incoming], ids[c.existing]))  # type: ignore[index]
        if a == b or ((a, b) in pairs and pairs[(a, b)].score >= c.score):
            continue
        pairs[(a, b)] = DuplicatePair(a, records[a].full_name, records[a].organization,
                                      b, records[b].full_name, records[b].organization, c.score, tuple(c.reasons))
    return sorted(pairs.values(), key=lambda p: (-("phone" in p.reasons or "email" in p.reasons), -p.score,
                                                 p.keep_id, p.other_id))
