"""The office profile (*Profil Kantor*): feeds letterheads, datelines, credits."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from pathlib import Path

from desktop.errors import ValidationError
from desktop.i18n import _

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGO_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
MAX_LOGO_BYTES = 10 * 1024 * 1024


@dataclass
class OfficeProfile:
    name: str = ""
    short_name: str = ""
    unit: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    city: str = ""
    logo: str = ""  # library-relative path of the managed logo file
    boilerplate: str = ""
    photo_credit: str = ""
    # Release numbers given on approval; "" for desktop.articles.approval.DEFAULT_PATTERN.
    release_number_pattern: str = ""
    # Off by default: the writer of a text cannot approve it. Only an Admin changes it (logged).
    allow_self_approval: bool = False

    @property
    def default_credit(self) -> str:
        """``dok. Humas Bawaslu Jember`` unless the office set its own."""
        if self.photo_credit:
            return self.photo_credit
        who = self.short_name or self.name
        return f"dok. {who}" if who else ""


SWITCHES = ("allow_self_approval",)  # yes/no columns of the office row
FIELDS = [f.name for f in fields(OfficeProfile) if f.name not in SWITCHES]  # its text columns


def load(library) -> OfficeProfile:  # noqa: ANN001
    from database.models import Office

    with library.store.read() as s:
        row = s.get(Office, 1)
        if row is None:
            return OfficeProfile()
        return OfficeProfile(**{name: getattr(row, name) or "" for name in FIELDS},
                             allow_self_approval=bool(row.allow_self_approval))


def validate(profile: OfficeProfile) -> None:
    if not profile.name.strip():
        raise ValidationError(_("The office needs its full institution name."))
    if profile.email and not EMAIL_RE.match(profile.email.strip()):
        raise ValidationError(_("'{email}' is not a valid e-mail address.").format(email=profile.email))
    if profile.release_number_pattern.strip():
        from desktop.articles import api as articles

        articles.validate_pattern(profile.release_number_pattern)


def save(library, profile: OfficeProfile, *, logo_file: Path | None = None) -> None:  # noqa: ANN001
    """Validate and store the profile; ``logo_file`` is copied into the library."""
    from database.models import Office
    from desktop.fsutil import atomic_copy

    profile = OfficeProfile(**{k: (getattr(profile, k) or "").strip() for k in FIELDS},
                            allow_self_approval=bool(profile.allow_self_approval))
    validate(profile)
    logo_rel = None
    if logo_file is not None:
        logo_rel = _check_logo(Path(logo_file))
        target = library.managed(logo_rel)
        if not target.exists():
            library.folder("files")
            atomic_copy(logo_file, target)
    with library.store.write() as tx:
        row = tx.session.get(Office, 1)
        if row is None:
            row = Office(id=1)
            tx.session.add(row)
        for name in FIELDS:
            if name == "logo":
                continue
            setattr(row, name, getattr(profile, name))
        if logo_rel is not None:
            row.logo = logo_rel
        _set_self_approval(tx, row, profile.allow_self_approval)


def _set_self_approval(tx, row, allowed: bool) -> None:  # noqa: ANN001 - Tx, Office row
    """Only an Admin turns self-approval on or off, and the audit log says who and when."""
    from database.models import Staff
    from desktop.articles import api as articles

    if bool(row.allow_self_approval) == allowed:
        return
    role = tx.session.scalar(Staff.__table__.select().with_only_columns(Staff.role).where(Staff.id == tx.staff_id)) \
        if tx.staff_id is not None else None
    if role != "admin":
        raise articles.ApprovalError(_("Only an Admin can allow or forbid self-approval."))
    row.allow_self_approval = allowed
    tx.audit("self_approval_on" if allowed else "self_approval_off", "office", 1,
             _("Self-approval allowed: a writer may approve their own text") if allowed
             else _("Self-approval forbidden: someone else approves each text"))


def _check_logo(path: Path) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("Cannot read the logo {path}: {error}").format(path=path, error=exc.strerror)) from exc
    if not data or len(data) > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo {path} is empty or larger than 10 MB.").format(path=path))
    try:
        import io

        with Image.open(io.BytesIO(data), formats=LOGO_FORMATS) as img:
            img.load()
            fmt = (img.format or "png").lower()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("The logo {path} is not a readable PNG, JPEG, GIF or WebP image.").format(path=path)
        ) from exc
    digest = hashlib.sha256(data).hexdigest()[:16]
    ext = "jpg" if fmt == "jpeg" else fmt
    return f"files/logo-{digest}.{ext}"
