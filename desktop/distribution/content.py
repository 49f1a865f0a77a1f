"""What is sent: an approved release (or a press kit) as attachments and as a WhatsApp text.

Only approved releases go out. E-mail attachments are the release PDF (the
articles' renderer), the .docx (the articles' exporter) and e-mail-sized
photos; the whole message stays under :data:`MAX_MESSAGE_BYTES`, shrinking
and then dropping photos (each change said in ``notes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.errors import ValidationError
from desktop.i18n import _

MAX_MESSAGE_BYTES = 10_000_000
# Long edges tried for photos, largest first: newsrooms want print-usable size, mail servers a small message.
PHOTO_EDGES = (1600, 1024)
WHATSAPP_LIMIT = 1000  # characters; the text also travels in every wa.me link


@dataclass
class Attachment:
    file_name: str
    mime_type: str
    data: bytes


@dataclass
class Material:
    """A release ready to send."""

    title: str
    kind_label: str
    lead: str
    link: str
    article_id: int | None = None
    kit_id: int | None = None
    attachments: list[Attachment] = field(default_factory=list)
    photos: list[Attachment] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def approved_doc(library, article_id: int, notes: list[str] | None = None):  # noqa: ANN001, ANN201 - ArticleDoc
    """The text approved for release; ValidationError when the article is not approved.

    ``notes`` collects the sentence saying a newer, unapproved draft was left out.
    """
    from desktop.articles import api as articles

    output = getattr(articles, "document_for_output", None)
    if output is not None:  # approvals: the exact approved revision
        out = output(library, article_id)
        approved, doc = out.approved, out.doc
        if approved and out.warning and notes is not None:
            notes.append(out.warning)
    else:
        doc = articles.load_doc(library, article_id)
        approved = doc.status in ("approved", "published")
    if not approved:
        raise ValidationError(
            _("Article {id} is not approved; only approved releases can be sent.").format(id=article_id))
    return doc


def _docx(library, doc, name: str) -> Attachment:  # noqa: ANN001
    from desktop.articles import api as articles

    data = articles.render_article(doc, "docx", about_name=articles.about_name(library))
    return Attachment(name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)


def _stem(title: str) -> str:
    from desktop.articles import api as articles

    return articles.default_file_name(articles.ArticleDoc(title=title), "txt")[: -len(".txt")]


def article_material(library, article_id: int, *, photo_ids: list[int] = (), attachments: bool = True) -> Material:  # noqa: ANN001
    from desktop.articles import api as articles

    notes: list[str] = []
    doc = approved_doc(library, article_id, notes)
    link = doc.source_url if doc.status == "published" else ""
    m = Material(doc.title, articles.kind_label(doc.kind), doc.lead, link, article_id=article_id, notes=notes)
    if attachments:
        stem = _stem(doc.title)
        m.attachments.append(Attachment(stem + ".pdf", "application/pdf", articles.release_pdf(library, article_id)))
        m.attachments.append(_docx(library, doc, stem + ".docx"))
        m.photo_ids = list(photo_ids)
        m.photos = [_photo(library, pid, PHOTO_EDGES[0]) for pid in m.photo_ids]
    return m


def kit_material(library, kit_id: int, *, attachments: bool = True) -> Material:  # noqa: ANN001
    from desktop.kits import api as kits

    kit = kits.get_kit(library, kit_id)
    article_ids = [p.ref_id for p in kit.data.parts if p.kind == "article" and p.ref_id]
    photo_ids = [p.ref_id for p in kit.data.parts if p.kind == "photo" and p.ref_id]
    notes: list[str] = []
    docs = [(aid, approved_doc(library, aid, notes)) for aid in article_ids]
    lead = docs[0][1].lead if docs else ""
    m = Material(kit.data.title, _("Press kit"), lead, "", kit_id=kit_id,
                 article_id=article_ids[0] if len(article_ids) == 1 else None, notes=notes)
    if attachments:
        stem = _stem(kit.data.title)
        m.attachments.append(Attachment(stem + ".pdf", "application/pdf", kits.render_pdf(library, kit_id)))
        for _aid, doc in docs:
            m.attachments.append(_docx(library, doc, _stem(doc.title) + ".docx"))
        m.photo_ids = photo_ids
        m.photos = [_photo(library, pid, PHOTO_EDGES[0]) for pid in photo_ids]
    return m


def _photo(library, photo_id: int, edge: int) -> Attachment:  # noqa: ANN001
    """An e-mail-sized JPEG from the photo's print rendition, caption and credit inside."""
    from desktop.photos import api as photos

    info = photos.get_photo(library, photo_id)
    img, _decoded = photos.decode(photos.print_rendition(library, photo_id).read_bytes(), edge=edge)
    data = photos.export_jpeg(img, photos.Caption(caption=info.caption, credit=info.credit, date=info.date),
                              long_edge=edge)
    stem = info.file_name.rsplit(".", 1)[0] or "foto-{id}".format(id=photo_id)
    return Attachment(stem + ".jpg", "image/jpeg", data)


def fit_photos(library, m: Material, measure) -> None:  # noqa: ANN001
    """Shrink, then drop photos until ``measure(m)`` (the encoded message size) is under the limit."""
    if measure(m) <= MAX_MESSAGE_BYTES:
        return
    if m.photos:
        m.photos = [_photo(library, pid, PHOTO_EDGES[-1]) for pid in m.photo_ids]
        m.notes.append(_("Photos were made smaller ({edge} px) to keep the e-mail under {limit} MB.").format(
            edge=PHOTO_EDGES[-1], limit=MAX_MESSAGE_BYTES // 1_000_000))
    while m.photos and measure(m) > MAX_MESSAGE_BYTES:
        dropped = m.photos.pop()
        m.notes.append(_("{name} was left out to keep the e-mail under {limit} MB.").format(
            name=dropped.file_name, limit=MAX_MESSAGE_BYTES // 1_000_000))
    if measure(m) > MAX_MESSAGE_BYTES:
        raise ValidationError(_("The release files alone are larger than {limit} MB; an e-mail cannot carry them. "
                                "Send the .eml without photos or share a link instead.").format(
            limit=MAX_MESSAGE_BYTES // 1_000_000))


def signature(library) -> str:  # noqa: ANN001
    from desktop import office

    p = office.load(library)
    lines = [" ".join(x for x in (p.unit, p.short_name or p.name) if x)]
    lines += [x for x in (p.phone, p.email, p.website) if x]
    return "\n".join(line for line in lines if line)


def whatsapp_text(library, m: Material, limit: int = WHATSAPP_LIMIT) -> str:  # noqa: ANN001
    """Title, lead, link when published, office signature; the lead is cut to keep the text within ``limit``."""
    head = "*{title}*".format(title=m.title.strip())
    tail = "\n\n".join(x for x in (m.link, "— " + signature(library)) if x.strip("— "))
    room = limit - len(head) - len(tail) - 4
    lead = " ".join(m.lead.split())
    if len(lead) > room:
        lead = lead[: max(room - 1, 0)].rsplit(" ", 1)[0] + "…"
    return "\n\n".join(x for x in (head, lead, tail) if x)
