"""What goes into a bundle: one :class:`BundleSection` per kind of content.

Each area contributes its own sections through the ``exchange`` field of its
``Area`` in ``desktop/areas.py`` (``"module:NAME"`` of a :class:`BundleSection`),
so a new area (approvals' release-number pattern, office hashtags, the claims
register …) adds its part of a style pack or report without touching this
area. The sections below are the ones that belong to no other area: the
office boilerplate (core's office profile), the standard templates and kop
rules (this area's ``style_standard``: authored by the office or applied from
a pack), and captioned photos.

A style-pack section gives ``export(library) -> value`` (JSON), ``describe(
library, value) -> [sentences]`` (what importing would change; empty: nothing)
and ``apply(tx, value)`` (inside the import's one transaction; ``None`` when
the value lives only in the applied pack). The templates and kop rules are
applied into ``style_standard`` and read where they take effect with
``api.template_for()`` and ``api.kop_rules()``.

A report section gives ``export(library, date_from, date_to) -> [item]``; an
item is ``{"id", "title", "date", "at", "text", "fields", "photos"}`` with
``photos`` a list of ``{"caption", "credit", "data"}`` (JPEG bytes). The
receiving office stores items as they are, so it needs no matching area.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Callable

from desktop.i18n import N_, _

STYLE_PACK = "style-pack"
REPORT = "report"
PHOTO_EDGE = 1600  # long edge of a reported photo: sharp on a screen and in a provincial report, ~300 KB
MAX_PHOTOS = 300  # per report bundle; the newest captioned photos of the period


@dataclass(frozen=True)
class BundleSection:
    key: str
    kind: str
    label: str  # N_() text, translated at use
    export: Callable[..., Any]
    describe: Callable[[Any, Any], list[str]] | None = None
    apply: Callable[[Any, Any], None] | None = None

    def title(self) -> str:
        return _(self.label)


def registered() -> list[BundleSection]:
    from desktop import areas

    return [areas.load(spec) for spec in areas.entries("exchange")]


def of_kind(kind: str) -> list[BundleSection]:
    return [s for s in registered() if s.kind == kind]


def changed_text(label: str, before: object, after: object) -> list[str]:
    """One sentence when a plain value changes, none when it stays."""
    if before == after:
        return []
    return [_("{what} changes.").format(what=label)]


# -- office boilerplate (core's office profile) -------------------------------------------


def _boilerplate_export(library) -> str:  # noqa: ANN001
    from desktop import office

    return office.load(library).boilerplate


def _boilerplate_describe(library, value) -> list[str]:  # noqa: ANN001
    if not isinstance(value, str):
        raise ValueError("boilerplate")
    return changed_text(_("The boilerplate ('About us' paragraph)"), _boilerplate_export(library), value)


def _office_row(tx):  # noqa: ANN001, ANN202 - the one office row, made if the profile was never saved
    from database.models import Office

    row = tx.session.get(Office, 1)
    if row is None:
        row = Office(id=1)
        tx.session.add(row)
    return row


def _boilerplate_apply(tx, value: str) -> None:  # noqa: ANN001
    _office_row(tx).boilerplate = value


BOILERPLATE = BundleSection(
    "boilerplate", STYLE_PACK, N_("Boilerplate"), _boilerplate_export, _boilerplate_describe, _boilerplate_apply
)


# -- release-number pattern (core's office row; checked by the approvals of the articles area) ---------


def _pattern_export(library) -> str:  # noqa: ANN001
    from database.models import Office

    with library.store.read() as s:
        row = s.get(Office, 1)
        return (row.release_number_pattern or "") if row is not None else ""


def _pattern_describe(library, value) -> list[str]:  # noqa: ANN001
    from desktop.articles import api as articles

    if not isinstance(value, str):
        raise ValueError("release_number_pattern")
    if value.strip():
        articles.validate_pattern(value)
    return changed_text(_("The release number pattern"), _pattern_export(library), value)


def _pattern_apply(tx, value: str) -> None:  # noqa: ANN001
    _office_row(tx).release_number_pattern = value.strip()


RELEASE_NUMBER = BundleSection(
    "release_number_pattern", STYLE_PACK, N_("Release number pattern"), _pattern_export, _pattern_describe,
    _pattern_apply,
)


# -- hashtags (core's office profile): the province's tags join each office's own ------------------


def _hashtags_export(library) -> list[str]:  # noqa: ANN001
    from desktop import office

    return office.hashtag_list(office.load(library).hashtags)


def _hashtags_new(library, value) -> list[str]:  # noqa: ANN001
    from desktop import office

    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError("hashtags")
    incoming = office.hashtag_list(" ".join(value))
    have = {t.lower() for t in _hashtags_export(library)}
    return [t for t in incoming if t.lower() not in have]


def _hashtags_describe(library, value) -> list[str]:  # noqa: ANN001
    added = _hashtags_new(library, value)
    return [_("Hashtags added to every caption: {tags}.").format(tags=" ".join(added))] if added else []


def _hashtags_apply(tx, value) -> None:  # noqa: ANN001
    from desktop import office

    # The office keeps its own tags (#BawasluJember); the province's (#AwasiPemilu) are added after them.
    style = office._stored_style(tx.session)
    have = office.hashtag_list(style.get("hashtags", ""))
    known = {t.lower() for t in have}
    style["hashtags"] = " ".join(have + [t for t in office.hashtag_list(" ".join(value)) if t.lower() not in known])
    office._store_style(tx, style)


HASHTAGS = BundleSection(
    "hashtags", STYLE_PACK, N_("Hashtags"), _hashtags_export, _hashtags_describe, _hashtags_apply
)


# -- standard templates and kop rules (the office's own standard, exchange's style_standard) ----------

MAX_TEMPLATE_CHARS = 20_000  # of a lead or a body: a template is a skeleton, not an article


def builtin_template(kind: str) -> dict[str, str]:
    """Warta's own lead and body of ``kind`` (what "Restore built-in" goes back to)."""
    from desktop.articles import api as articles

    doc = articles.template_doc(kind, today=dt.date(2000, 1, 1))
    return {"lead": doc.lead, "body": doc.body}


def check_kind(kind: str) -> str:
    """``kind`` if it is an article kind of this Warta, else a sentence naming the kinds there are."""
    from desktop.articles import api as articles
    from desktop.errors import ValidationError

    if kind not in articles.KINDS:
        raise ValidationError(_("Warta has no article kind '{kind}'; use one of: {kinds}.").format(
            kind=str(kind)[:40], kinds=", ".join(articles.KINDS)))
    return kind


def check_template(kind: str, value: object) -> dict[str, str]:
    """One template (``{"lead", "body"}``, either may be missing) or a sentence saying what is wrong.

    The one check of a template: an imported pack's, and one an office writes itself.
    """
    from desktop.errors import ValidationError

    if not isinstance(value, dict) or not all(isinstance(t, str) for t in value.values()):
        raise ValueError("templates")
    for name in ("lead", "body"):
        if len(value.get(name) or "") > MAX_TEMPLATE_CHARS:
            raise ValidationError(_("the {part} of the template '{kind}' is longer than {limit} characters.").format(
                part=name, kind=str(kind)[:40], limit=MAX_TEMPLATE_CHARS))
    return {name: value[name] for name in ("lead", "body") if name in value}


def check_templates(value: object) -> dict[str, dict[str, str]]:
    """A pack's templates section, checked: kinds this Warta does not know are kept (a newer Warta's)."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and len(k) <= 40 for k in value):
        raise ValueError("templates")
    return {kind: check_template(kind, v) for kind, v in value.items()}


def _templates_export(library) -> dict:  # noqa: ANN001
    from desktop.articles import api as articles
    from desktop.exchange import store

    # This office's standard: its own (authored or applied from a pack), the built-in template where
    # it has none for a kind. Kinds a newer Warta knows travel on untouched.
    current = store.own_templates(library)
    out = dict(current)
    for kind in articles.KINDS:
        doc = articles.template_doc(kind, today=dt.date(2000, 1, 1), standard=current.get(kind))
        out[kind] = {"lead": doc.lead, "body": doc.body}
    return out


def _templates_describe(library, value) -> list[str]:  # noqa: ANN001
    value = check_templates(value)
    from desktop.articles import api as articles

    current = _templates_export(library)  # this office's standard, else the built-in templates
    changed = [k for k in articles.KINDS if k in value
               and {n: value[k].get(n) for n in ("lead", "body")} != {n: (current.get(k) or {}).get(n)
                                                                     for n in ("lead", "body")}]
    if not changed:
        return []
    return [_("New articles of these kinds start from the pack's template (lead and body): {kinds}.").format(
        kinds=", ".join(articles.kind_label(k) for k in changed))]


def _templates_apply(tx, value) -> None:  # noqa: ANN001
    from desktop.exchange import store

    # The province's templates supersede the office's own (a kind the pack leaves out: built-in).
    store.write_section(tx, "templates", check_templates(value) or None)


TEMPLATES = BundleSection("templates", STYLE_PACK, N_("Templates per kind"), _templates_export, _templates_describe,
                          _templates_apply)

DEFAULT_KOP = {"paper": "a4", "name_in_capitals": True, "double_rule": True, "contact_line": True}
KOP_PAPERS = ("a4", "f4", "letter")  # F4 (215 × 330 mm) is the folio of Indonesian offices
_PAPER_LABELS = {"a4": N_("A4 (210 × 297 mm)"), "f4": N_("F4 / Folio (215 × 330 mm)"),
                 "letter": N_("Letter (216 × 279 mm)")}


def kop_rules(value: object) -> dict:
    """``value`` (a pack's kop rules, or None) over :data:`DEFAULT_KOP`; a rule Warta does not know is left out."""
    out = dict(DEFAULT_KOP)
    if isinstance(value, dict):
        for name, default in DEFAULT_KOP.items():
            if type(value.get(name)) is type(default) and (name != "paper" or value[name] in KOP_PAPERS):
                out[name] = value[name]
    return out


def check_kop(value: object) -> dict:
    """The rules of a pack (or as an office sets them), or a sentence saying which value this Warta cannot print.

    The one check of kop rules: an imported pack's, the Settings page's and ``warta office kop set``'s.
    """
    from desktop.errors import ValidationError

    if not isinstance(value, dict):
        raise ValueError("kop")
    paper = value.get("paper", DEFAULT_KOP["paper"])
    if paper not in KOP_PAPERS:
        raise ValidationError(_("the paper size '{paper}' is not one Warta prints on (a4, f4 or letter).").format(
            paper=str(paper)[:40]))
    for name in ("name_in_capitals", "double_rule", "contact_line"):
        if name in value and not isinstance(value[name], bool):
            raise ValidationError(_("the letterhead rule '{rule}' must be true or false, not '{value}'.").format(
                rule=name, value=str(value[name])[:40]))
    return kop_rules(value)


def _kop_export(library) -> dict:  # noqa: ANN001
    from desktop.exchange import store

    return store.kop_rules(library)


def _kop_describe(library, value) -> list[str]:  # noqa: ANN001
    from desktop.exchange import store

    new, old = check_kop(value), store.kop_rules(library)
    if new == old:
        return []
    out, phrases = [], []
    if new["paper"] != old["paper"]:
        out.append(_("From now on releases and approval sheets are printed on {paper} paper "
                     "(a press kit keeps the paper chosen in it).").format(paper=_(_PAPER_LABELS[new["paper"]])))
    if new["name_in_capitals"] != old["name_in_capitals"]:
        phrases.append(_("the office name in capitals") if new["name_in_capitals"]
                       else _("the office name as written, not in capitals"))
    if new["double_rule"] != old["double_rule"]:
        phrases.append(_("a double rule under it") if new["double_rule"] else _("a single rule under it"))
    if new["contact_line"] != old["contact_line"]:
        phrases.append(_("with the address and contact line") if new["contact_line"]
                       else _("without the address and contact line"))
    if phrases:
        out.append(_("From now on the letterhead (kop) of releases, press kits and approval sheets has {rules}.")
                   .format(rules="; ".join(phrases)))
    return out


def _kop_apply(tx, value) -> None:  # noqa: ANN001
    from desktop.exchange import store

    store.write_section(tx, "kop", check_kop(value))


def paper_label(paper: str) -> str:
    return _(_PAPER_LABELS[paper])


KOP = BundleSection("kop", STYLE_PACK, N_("Letterhead (kop) rules"), _kop_export, _kop_describe, _kop_apply)


# -- captioned photos of the period ------------------------------------------------------------


def _photos_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    from desktop.photos import api as photos

    ids = photos.photo_ids(library, photos.PhotoFilter(date_from=date_from, date_to=date_to))
    items = []
    for pid in ids:
        meta = photos.photo_meta(library, pid)
        if not meta["caption"]:
            continue  # a photo without its caption is what the old loose-file way lost; not reported
        data = photos.print_rendition(library, pid).read_bytes()
        img, _decoded = photos.decode(data, edge=PHOTO_EDGE)
        caption = photos.Caption(caption=meta["caption"], credit=meta["credit"], date=meta["date"],
                                 event=meta["event"] or "", location=meta["location"] or "")
        jpeg = photos.export_jpeg(img, caption, long_edge=PHOTO_EDGE)
        items.append({
            "id": str(pid),
            "title": meta["caption"][:200],
            "date": meta["date"].isoformat() if meta["date"] else None,
            "at": meta["taken"].isoformat() if meta["taken"] else None,
            "text": meta["caption"],
            "fields": {"event": meta["event"] or "", "location": meta["location"] or "", "credit": meta["credit"]},
            "photos": [{"caption": meta["caption"], "credit": meta["credit"], "data": jpeg}],
        })
        if len(items) >= MAX_PHOTOS:
            break
    return items


def _clarifications_export(library, date_from: dt.date, date_to: dt.date) -> list[dict]:  # noqa: ANN001
    """Claims first seen in the period, with the times of their clarification (approved, published).
    The reporter (a staff member) stays home."""
    from desktop.claims import api as claims

    items, offset = [], 0
    while True:
        page = claims.list_claims(library, offset=offset, limit=500)
        for row in page:
            if not date_from <= row.first_seen.date() <= date_to:
                continue
            c = row.clarification
            items.append({
                "id": str(row.id), "title": row.text[:200], "date": row.first_seen.date().isoformat(),
                "at": row.first_seen.isoformat(), "text": row.text,
                "fields": {
                    "platform": row.platform, "verdict": row.verdict, "category": row.category,
                    "clarification": c.title if c else "", "clarification_url": c.url if c else "",
                    "approved_at": c.approved_at.isoformat() if c and c.approved_at else "",
                    "published_at": c.published_at.isoformat() if c and c.published_at else "",
                },
                "photos": [],
            })
        if len(page) < 500:
            return items
        offset += 500


CLARIFICATIONS = BundleSection("clarifications", REPORT, N_("Clarifications"), _clarifications_export)


PHOTOS = BundleSection("photos", REPORT, N_("Photos"), _photos_export)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
