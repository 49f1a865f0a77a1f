"""``warta article list|new|show`` (and the group other article commands join).

Other modules add subcommands to the ``article`` group with
:func:`add_article_subcommand`, from their own ``register(sub)``; it works
whichever module registers first::

    from desktop.cli.articles import add_article_subcommand
    p = add_article_subcommand(sub, "import", help=_("import .docx, .md or .txt files"))
    p.add_argument("files", nargs="+")
    p.set_defaults(handler=cmd_import)
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli import common, emit, open_library, shown
from desktop.i18n import _

_GROUP_ATTR = "_warta_article_group"


def article_group(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The subparsers of ``warta article``, created on first use."""
    group = getattr(sub, _GROUP_ATTR, None)
    if group is None:
        parser = sub.add_parser("article", help=_("list, show, import and export articles"))
        group = parser.add_subparsers(dest="article_command", required=True, parser_class=type(parser))
        setattr(sub, _GROUP_ATTR, group)
    return group


def add_article_subcommand(sub: argparse._SubParsersAction, name: str, **kwargs) -> argparse.ArgumentParser:  # noqa: ANN003
    """A ``warta article NAME`` parser with the common options (--library, --json)."""
    return common(article_group(sub).add_parser(name, **kwargs))


def register(sub: argparse._SubParsersAction) -> None:
    p = add_article_subcommand(sub, "list", help=_("list articles, newest first"))
    p.add_argument(
        "--status", choices=["draft", "review", "approved", "published", "archived", "all"],
        help=_("only articles in this status (default: all but archived)"),
    )
    p.add_argument(
        "--kind", choices=["siaran_pers", "berita_kegiatan", "klarifikasi", "pengumuman", "artikel"],
        help=_("only articles of this kind"),
    )
    p.add_argument("--tag", help=_("only articles with this tag"))
    p.add_argument("--limit", type=int, default=100, help=_("at most this many (default 100; 0 for all)"))
    p.set_defaults(handler=cmd_list)

    p = add_article_subcommand(
        sub, "new", help=_("start a draft from the template of its kind (the style pack's, if one is in force)"))
    p.add_argument("kind", choices=["siaran_pers", "berita_kegiatan", "klarifikasi", "pengumuman", "artikel"])
    p.add_argument("--title", help=_("the title (default: 'New …' with the kind)"))
    p.set_defaults(handler=cmd_new)

    p = add_article_subcommand(sub, "show", help=_("print one article"))
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_show)

    p = add_article_subcommand(sub, "submit", help=_("submit a draft for review"))
    p.add_argument("id", type=int)
    p.add_argument("--comment", default="", help=_("a note for the approver"))
    p.set_defaults(handler=cmd_step, step="submit")

    p = add_article_subcommand(sub, "approve", help=_("approve the article's newest revision (gives its release number)"))
    p.add_argument("id", type=int)
    p.add_argument("--revision", type=int, help=_("the revision you read; refused if a newer one was saved"))
    p.add_argument("--comment", default="", help=_("a note for the writer"))
    p.set_defaults(handler=cmd_step, step="approve")

    p = add_article_subcommand(sub, "return", help=_("return an article to its writer with a comment"))
    p.add_argument("id", type=int)
    p.add_argument("--comment", required=True, help=_("what the writer should change"))
    p.set_defaults(handler=cmd_step, step="return")

    p = add_article_subcommand(sub, "publish", help=_("mark an approved article as published"))
    p.add_argument("id", type=int)
    p.add_argument("--url", help=_("the address where it was published"))
    p.set_defaults(handler=cmd_step, step="publish")

    p = add_article_subcommand(sub, "delete", help=_("delete a draft that was never approved"))
    p.add_argument("id", type=int)
    p.set_defaults(handler=cmd_delete)


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        query = articles.ListQuery(status=args.status, kind=args.kind, tag=args.tag)
        limit = args.limit if args.limit > 0 else 10**9
        rows = articles.list_articles(lib, query, limit=limit)
    finally:
        lib.close()

    def text() -> str:
        return "\n".join(
            f"{r.id}\t{articles.status_label(r.status)}\t{articles.kind_label(r.kind)}\t"
            f"{r.updated_at:%d/%m/%Y}\t{r.title}"
            for r in rows
        ) or _("No articles.")

    emit(args, {"articles": [r.to_json() for r in rows]}, text)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """``warta article new KIND``: the draft the window's *New article* makes, as the acting profile."""
    from desktop import staff
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        me = staff.get(lib, lib.store.staff_id) if lib.store.staff_id is not None else None
        doc = articles.new_doc(lib, args.kind, writer=me.name if me else "")
        doc.title = (args.title or "").strip() or _("New {kind}").format(kind=articles.kind_label(args.kind))
        article_id = articles.create_article(lib, doc)
    finally:
        lib.close()
    emit(args, {"id": article_id, "kind": doc.kind, "title": doc.title, "lead": doc.lead, "body": doc.body},
         _("Article {id} '{title}' was started as a draft.").format(id=article_id, title=shown(doc.title)))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        art = articles.load(lib, args.id)
        record = articles.approved_revision(lib, args.id)
    finally:
        lib.close()
    doc = art.doc
    payload = {
        "id": art.id,
        **articles.doc_dict(doc),
        "approval": record.to_json() if record is not None else None,
        "author": art.author_name,
        "revision": art.revision,
        "created_at": art.created_at.isoformat(timespec="seconds"),
        "updated_at": art.updated_at.isoformat(timespec="seconds"),
    }

    def text() -> str:
        parts = [
            doc.title,
            doc.subtitle,
            f"{articles.kind_label(doc.kind)} · {articles.status_label(doc.status)} · "
            + _("revision {number}").format(number=art.revision)
            + (" · " + _("approved revision {number}, {release}").format(
                number=record.revision_number, release=record.release_number) if record is not None else ""),
            articles.release_line(doc),
            "",
            (articles.dateline(doc) + " – " if articles.dateline(doc) else "") + doc.lead,
            "",
            doc.body,
        ]
        for q in doc.quotes:
            parts += ["", f"“{q.text}” — {q.speaker}" + (f", {q.position}" if q.position else "")]
        credits = [
            (_("Writer"), doc.writer), (_("Editor"), doc.editor), (_("Photo"), doc.photographer),
        ]
        parts.append("")
        parts += [f"{label}: {value}" for label, value in credits if value]
        if doc.contact_block:
            parts += ["", doc.contact_block]
        if doc.boilerplate:
            parts += ["", doc.boilerplate]
        if doc.tags:
            parts += ["", _("Tags: {value}").format(value=", ".join(doc.tags))]
        return "\n".join(p for p in parts if p is not None).strip()

    emit(args, payload, text)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    """``warta article submit|approve|return|publish ID``: one workflow step as the acting profile."""
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        if args.step == "approve":
            record = articles.approve(lib, args.id, revision=args.revision, comment=args.comment)
            status = "approved"
        else:
            status = articles.transition(lib, args.id, args.step, comment=getattr(args, "comment", ""),
                                         source_url=getattr(args, "url", None))
            record = articles.approved_revision(lib, args.id)
        doc = articles.load(lib, args.id).doc
        title = doc.title
        warnings: list[str] = []
        if args.step == "submit":
            from desktop import office

            # What the editor's "Check before submitting" panel lists (placeholders, missing 5W1H, …):
            # the window submits anyway and keeps showing them, so the command line says them too.
            city = office.load(lib).city.strip()
            warnings = articles.analyse(doc, places=(city,) if city else ()).warnings
    finally:
        lib.close()
    payload = {"id": args.id, "action": args.step, "status": status,
               "approval": record.to_json() if record is not None else None, "warnings": warnings}
    if not args.json:
        for warning in warnings:
            print(_("warning: {message}").format(message=warning), file=sys.stderr)

    def text() -> str:
        line = _("Article {id} '{title}' is now {status}.").format(
            id=args.id, title=shown(title), status=articles.status_label(status))
        if args.step == "approve" and record is not None:
            line += " " + _("Release number {number}; content SHA-256 {digest}.").format(
                number=record.release_number, digest=record.content_sha256)
        return line

    emit(args, payload, text)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        title = articles.load(lib, args.id).doc.title
        articles.delete_article(lib, args.id)
    finally:
        lib.close()
    emit(args, {"id": args.id, "deleted": True},
         _("Article {id} '{title}' was deleted.").format(id=args.id, title=shown(title)))
    return 0
