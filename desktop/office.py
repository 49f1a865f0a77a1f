"""The office profile (*Profil Kantor*): feeds letterheads, datelines, credits."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from pathlib import Path

from desktop.errors import ValidationError, os_reason
from desktop.i18n import _

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LOGO_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
MAX_LOGO_BYTES = 10 * 1024 * 1024
COLOUR_RE = re.compile(r"^#?([0-9A-Fa-f]{6})$")
HASHTAG_RE = re.compile(r"^#?(\w+)$")
# The social-media look and hashtags live as JSON in warta_meta, not in columns:
# no migration was reserved for them, and nothing queries them.
STYLE_KEY = "office_social"
STYLE_FIELDS = ("primary_colour", "accent_colour", "hashtags")


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
    primary_colour: str = ""  # "#RRGGBB" of social-media cards; "" for Warta's own
    accent_colour: str = ""
    hashtags: str = ""  # "#BawasluJember #AwasiPemilu": every caption ends with them
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
FIELDS = [f.name for f in fields(OfficeProfile) if f.name not in STYLE_FIELDS + SWITCHES]  # its text columns


def load(library) -> OfficeProfile:  # noqa: ANN001
    from database.models import Office

    with library.store.read() as s:
        row = s.get(Office, 1)
        style = _stored_style(s)
        if row is None:
            return OfficeProfile(**style)
        return OfficeProfile(**{name: getattr(row, name) or "" for name in FIELDS}, **style,
                             allow_self_approval=bool(row.allow_self_approval))


def _stored_style(session) -> dict[str, str]:  # noqa: ANN001
    import json

    from database.models import Meta

    row = session.get(Meta, STYLE_KEY)
    try:
        data = json.loads(row.value) if row is not None else {}
    except ValueError:
        data = {}  # damaged: the cards fall back to Warta's colours rather than failing
    if not isinstance(data, dict):
        return {}
    return {k: data[k] for k in STYLE_FIELDS if isinstance(data.get(k), str)}


def hashtag_list(text: str) -> list[str]:
    """``"BawasluJember, #AwasiPemilu"`` → ``["#BawasluJember", "#AwasiPemilu"]``; ValidationError for a bad one."""
    found: list[str] = []
    for word in re.split(r"[\s,;]+", text.strip()):
        if not word:
            continue
        match = HASHTAG_RE.match(word)
        if not match:
            raise ValidationError(
                _("'{tag}' is not a hashtag: use letters, digits and _ only, e.g. #BawasluJember.").format(tag=word)
            )
        tag = "#" + match.group(1)
        if tag.lower() not in (t.lower() for t in found):
            found.append(tag)
    return found


def validate(profile: OfficeProfile) -> None:
    if not profile.name.strip():
        raise ValidationError(_("The office needs its full institution name."))
    if profile.email and not EMAIL_RE.match(profile.email.strip()):
        raise ValidationError(_("'{email}' is not a valid e-mail address.").format(email=profile.email))
    for value in (profile.primary_colour, profile.accent_colour):
        if value and not COLOUR_RE.match(value.strip()):
            raise ValidationError(_("'{colour}' is not a colour: write it as #RRGGBB, e.g. #7A1F2B.").format(colour=value))
    hashtag_list(profile.hashtags)
    if profile.release_number_pattern.strip():
        from desktop.articles import api as articles

        articles.validate_pattern(profile.release_number_pattern)


def save(library, profile: OfficeProfile, *, logo_file: Path | None = None) -> None:  # noqa: ANN001
    """Validate and store the profile; ``logo_file`` is copied into the library."""
    from database.models import Office
    from desktop.fsutil import atomic_copy

    profile = OfficeProfile(**{k: (getattr(profile, k) or "").strip() for k in FIELDS + list(STYLE_FIELDS)},
                            allow_self_approval=bool(profile.allow_self_approval))
    validate(profile)
    style = {
        "primary_colour": _colour(profile.primary_colour),
        "accent_colour": _colour(profile.accent_colour),
        "hashtags": " ".join(hashtag_list(profile.hashtags)),
    }
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
        _store_style(tx, style)


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


def _colour(value: str) -> str:
    match = COLOUR_RE.match(value)
    return "#" + match.group(1).upper() if match else ""


def _store_style(tx, style: dict[str, str]) -> None:  # noqa: ANN001 - database.session.Tx
    import json

    from database.models import Meta

    value = json.dumps(style, ensure_ascii=False, sort_keys=True)
    meta = tx.session.get(Meta, STYLE_KEY)
    if meta is not None and meta.value == value:
        return
    if meta is None:
        tx.session.add(Meta(key=STYLE_KEY, value=value))
    else:
        meta.value = value
    tx.audit("update", "office", 1, _("social-media colours and hashtags"))


def _check_logo(path: Path) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("Cannot read the logo {path}: {error}").format(path=path, error=os_reason(exc))) from exc
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
