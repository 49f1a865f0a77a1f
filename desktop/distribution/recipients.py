"""Who on a distribution list can be reached by a channel, and who is skipped and why.

Contacts decide what counts as consent and a public address; distribution
only reads them through ``desktop.contacts.api``. A skipped contact still
gets a message row (state ``skipped`` with the reason), so the batch lists
every member of the list and nobody silently disappears.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import ValidationError
from desktop.i18n import _


@dataclass
class Recipient:
    person_id: int
    name: str
    organization_id: int | None
    organization: str
    address: str  # e-mail address or E.164 number ("" when skipped)
    skip: str = ""  # why this contact is not sent to ("" = sent to)


def list_people(library, list_id: int) -> list[int]:  # noqa: ANN001
    """Members of a static list or a saved filter, in name order."""
    from desktop.contacts import api as contacts

    if list_id not in {row[0] for row in contacts.lists(library)}:
        raise ValidationError(_("There is no distribution list with id {id}.").format(id=list_id))
    return contacts.people_ids(library, contacts.PeopleFilter(list_id=list_id))


def resolve(library, channel: str, person_ids: list[int]) -> list[Recipient]:  # noqa: ANN001
    """Each person as a :class:`Recipient` of ``channel`` (email, whatsapp or print), with a skip reason when unreachable.

    A printed copy is handed over in person: it needs no address and no consent to be contacted.
    """
    from desktop.contacts import api as contacts

    result = []
    for pid in dict.fromkeys(person_ids):
        person = contacts.get_person(library, pid)
        data = person.data
        rec = Recipient(pid, data.full_name, data.organization_id, person.organization, "")
        if channel == "print":
            pass
        elif not data.consent:
            rec.skip = _("has not agreed to be contacted")
        elif channel == "email":
            public = [e.address for e in data.emails if e.public]
            if public:
                rec.address = public[0]
            else:
                rec.skip = _("no public e-mail address")
        elif channel == "whatsapp":
            wa = [p for p in data.phones if p.whatsapp and p.public]
            verified = [p for p in wa if p.verified]
            if verified:
                rec.address = verified[0].number
            elif wa:
                rec.address = wa[0].number
                rec.skip = _("WhatsApp number not verified ({number})").format(number=wa[0].number)
            else:
                rec.skip = _("no public WhatsApp number")
        result.append(rec)
    return result


def greeting(name: str) -> str:
    """The personal salutation; contacts keep no gender, so both forms of address."""
    return _("Dear Sir/Madam {name},").format(name=name)
