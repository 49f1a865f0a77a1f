"""Staff profiles and passwords (salted PBKDF2-SHA256 from the standard library)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from typing import Iterable

from desktop.errors import ValidationError
from desktop.i18n import N_, _

ITERATIONS = 390_000
ROLE_LABELS = {
    "writer": N_("Writer (Penulis)"),
    "editor": N_("Editor"),
    "secretariat": N_("Secretariat"),
    "admin": N_("Admin"),
}


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))


def hash_password(password: str, *, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return True  # no password set
    try:
        algo, iterations, salt_hex, digest_hex = stored.split("$")
        if algo != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), bytes.fromhex(salt_hex), int(iterations)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


@dataclass
class StaffInput:
    name: str
    position: str = ""
    role: str = "writer"
    password: str | None = None  # None: keep; "": remove


def _validate(data: StaffInput) -> None:
    if not data.name.strip():
        raise ValidationError(_("A staff profile needs a name."))
    if data.role not in ROLE_LABELS:
        raise ValidationError(
            _("Unknown role '{role}'. Use one of: {roles}.").format(role=data.role, roles=", ".join(ROLE_LABELS))
        )


def _check_unique(session, name: str, staff_id: int | None = None) -> None:  # noqa: ANN001
    from sqlalchemy import func, select

    from database.models import Staff

    # Two active profiles with one name could not be told apart in the
    # "who are you" list or the audit log.
    clash = session.scalar(
        select(Staff.id).where(func.lower(Staff.name) == name.strip().lower(), Staff.active.is_(True), Staff.id != (staff_id or -1))
    )
    if clash is not None:
        raise ValidationError(_("There is already a staff profile named {name}.").format(name=name.strip()))


def create(library, data: StaffInput) -> int:  # noqa: ANN001 - desktop.library.Library
    from database.models import Staff

    _validate(data)
    with library.store.write() as tx:
        _check_unique(tx.session, data.name)
        row = Staff(
            name=data.name.strip(),
            position=data.position.strip(),
            role=data.role,
            password_hash=hash_password(data.password) if data.password else None,
        )
        tx.session.add(row)
        tx.session.flush()
        return row.id


def update(library, staff_id: int, data: StaffInput) -> None:  # noqa: ANN001
    from database.models import Staff

    _validate(data)
    with library.store.write() as tx:
        row = tx.session.get(Staff, staff_id)
        if row is None:
            raise ValidationError(_("There is no staff profile with id {id}.").format(id=staff_id))
        _check_unique(tx.session, data.name, staff_id)
        if row.role == "admin" and data.role != "admin":
            _keep_an_admin(tx.session, row)
        row.name, row.position, row.role = data.name.strip(), data.position.strip(), data.role
        if data.password is not None:
            row.password_hash = hash_password(data.password) if data.password else None


def deactivate(library, staff_id: int, *, acting_id: int | None) -> None:  # noqa: ANN001
    """Retire a profile (someone left the office). Rows stay for the audit log."""
    from database.models import Staff

    if staff_id == acting_id:
        raise ValidationError(_("You cannot deactivate your own profile."))
    with library.store.write() as tx:
        row = tx.session.get(Staff, staff_id)
        if row is None or not row.active:
            raise ValidationError(_("There is no staff profile with id {id}.").format(id=staff_id))
        if row.role == "admin":
            _keep_an_admin(tx.session, row)
        row.active = False


def _keep_an_admin(session, row) -> None:  # noqa: ANN001 - Session, Staff row
    """Without an active Admin nobody could manage profiles or the self-approval switch again."""
    from sqlalchemy import func, select

    from database.models import Staff

    admins = session.scalar(select(func.count()).select_from(Staff).where(Staff.role == "admin", Staff.active.is_(True)))
    if admins <= 1:
        raise ValidationError(_("{name} is the last Admin; make someone else Admin first.").format(name=row.name))


def list_staff(library, *, active_only: bool = True) -> list:  # noqa: ANN001
    from sqlalchemy import select

    from database.models import Staff

    with library.store.read() as s:
        q = select(Staff).order_by(Staff.name)
        if active_only:
            q = q.where(Staff.active.is_(True))
        return list(s.scalars(q))


def existing_ids(library, ids: Iterable[int]) -> set[int]:  # noqa: ANN001
    """Which of ``ids`` are staff profiles (active or not)."""
    from sqlalchemy import select

    from database.models import Staff

    wanted = sorted({int(i) for i in ids})
    with library.store.read() as s:
        return set(s.scalars(select(Staff.id).where(Staff.id.in_(wanted)))) if wanted else set()


def get(library, staff_id: int | None):  # noqa: ANN001, ANN201
    from database.models import Staff

    if staff_id is None:
        return None
    with library.store.read() as s:
        return s.get(Staff, staff_id)


def cli_actor(library) -> int | None:  # noqa: ANN001
    """The staff member headless commands act as: WARTA_USER, else this PC's choice."""
    from desktop import settings

    wanted = os.environ.get("WARTA_USER", "").strip()
    people = list_staff(library)
    if wanted:
        for row in people:
            if str(row.id) == wanted or row.name.casefold() == wanted.casefold():
                return row.id
        raise ValidationError(_("WARTA_USER names no staff profile: {name}").format(name=wanted))
    remembered = settings.load().user_for(library.library_id)
    if remembered and any(r.id == remembered for r in people):
        return remembered
    return people[0].id if len(people) == 1 else None
