"""Merging two people who are one: the user picks each field, nothing else is lost.

The kept person receives every phone, e-mail, social account, affiliation,
list membership, activity and coverage entry of the other one (duplicates
dropped); then the other row is deleted. One transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from database import fts
from database.models.contacts import CollaborationPerson, Coverage, Person
from desktop.contacts import store
from desktop.errors import ValidationError
from desktop.i18n import N_, _

# Fields the user chooses between, in the order the merge screen shows them.
FIELDS = [
    ("full_name", N_("Name")),
    ("position", N_("Position")),
    ("organization_id", N_("Organisation")),
    ("beat", N_("Beat / desk")),
    ("preferred_channel", N_("Preferred channel")),
    ("address", N_("Address")),
    ("notes", N_("Notes")),
    ("source", N_("Source")),
    ("consent", N_("Agreed to be contacted")),
]
KEEP = "keep"
OTHER = "other"


@dataclass
class FieldChoice:
    field: str
    label: str
    keep: str  # displayed values
    other: str

    @property
    def differs(self) -> bool:
        return self.keep != self.other


def _display(s, field: str, value: object) -> str:  # noqa: ANN001
    if field == "organization_id":
        return s.scalar(select(store.O.c.name).where(store.O.c.id == value)) or "" if value else ""
    if field == "consent":
        return _("Yes") if value else _("No")
    if field == "preferred_channel":
        return _(store.CHANNELS.get(str(value), str(value))) if value else ""
    return str(value or "")


def compare(library, keep_id: int, other_id: int) -> list[FieldChoice]:  # noqa: ANN001
    """The two records side by side, field by field, for the merge screen."""
    with library.store.read() as s:
        a, b = s.get(Person, keep_id), s.get(Person, other_id)
        if a is None or b is None:
            raise ValidationError(_("There is no contact with id {id}.").format(id=other_id if a else keep_id))
        return [
            FieldChoice(name, _(label), _display(s, name, getattr(a, name)), _display(s, name, getattr(b, name)))
            for name, label in FIELDS
        ]


def default_choices(library, keep_id: int, other_id: int) -> dict[str, str]:  # noqa: ANN001
    """Keep the first record's values, except where it is empty and the other is not."""
    return {c.field: (OTHER if not c.keep and c.other else KEEP) for c in compare(library, keep_id, other_id)}


def merge_people(library, keep_id: int, other_id: int, choices: dict[str, str] | None = None) -> int:  # noqa: ANN001
    """Merge ``other_id`` into ``keep_id``; ``choices[field]`` is KEEP or OTHER. Returns ``keep_id``."""
    if keep_id == other_id:
        raise ValidationError(_("A contact cannot be merged with itself."))
    if choices is None:
        choices = default_choices(library, keep_id, other_id)
    PH, EM, SO, AF, LM = store.PH, store.EM, store.SO, store.AF, store.LM
    CP = CollaborationPerson.__table__
    CV = Coverage.__table__
    with library.store.write() as tx:
        s = tx.session
        keep, other = s.get(Person, keep_id), s.get(Person, other_id)
        if keep is None or other is None:
            raise ValidationError(_("There is no contact with id {id}.").format(id=other_id if keep else keep_id))
        for name, _label in FIELDS:
            if choices.get(name, KEEP) == OTHER:
                setattr(keep, name, getattr(other, name))
        keep.sort_name = store.name_key(keep.full_name)
        tags = store.split_tags(keep.tags)
        keep.tags = store.clean_tags(tags + store.split_tags(other.tags))
        other_name = other.full_name
        s.flush()

        def move(table, key_cols: tuple[str, ...]) -> None:  # noqa: ANN001
            """Re-point the other person's rows at the kept one, dropping exact duplicates."""
            mine = {tuple(r) for r in s.execute(select(*[table.c[c] for c in key_cols]).where(table.c.person_id == keep_id))}
            for row in s.execute(select(table).where(table.c.person_id == other_id)).mappings().all():
                key = tuple(row[c] for c in key_cols)
                if key in mine:
                    continue
                mine.add(key)
                values = {k: v for k, v in row.items() if k != "id"}
                values["person_id"] = keep_id
                s.execute(insert(table).values(**values))

        move(PH, ("number",))
        move(EM, ("address_key",))
        move(SO, ("network", "handle"))
        move(AF, ("organization_id", "role"))
        move(LM, ("list_id",))
        move(CP, ("collaboration_id",))
        PP = store.PP
        if s.scalar(select(PP.c.person_id).where(PP.c.person_id == keep_id)) is None:
            # The other's photo only when the kept contact has none.
            s.execute(update(PP).where(PP.c.person_id == other_id).values(person_id=keep_id))
        s.execute(update(CV).where(CV.c.person_id == other_id).values(person_id=keep_id))
        store.repoint_references(tx, [other_id], keep_id)
        s.execute(delete(Person.__table__).where(Person.__table__.c.id == other_id))
        if keep.organization_id is None:
            store.reset_main_org(s, [keep_id])
        store.refresh_org_sort(s, person_ids=[keep_id])
        conn = s.connection()
        fts.delete(conn, store.PEOPLE_FTS, [other_id])
        store.refresh_people_fts(conn, [keep_id])
        tx.audit("merge", "people", keep_id, _("{other} (id {id}) merged into {name}").format(
            other=other_name, id=other_id, name=keep.full_name))
    return keep_id
