"""``warta article sheet ID -o FILE.pdf``: the Lembar Persetujuan (approval sheet) of one article."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import add_output, check_output, emit, open_library
from desktop.cli.articles import add_article_subcommand
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = add_article_subcommand(
        sub, "sheet", help=_("write the approval sheet (Lembar Persetujuan) of one article as a PDF")
    )
    p.add_argument("id", type=int)
    add_output(p, metavar="FILE.pdf", help=_("PDF file to write ('-' writes it to standard output)"))
    p.set_defaults(handler=cmd_sheet)


def cmd_sheet(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        check_output(args, lib)
        if args.output == "-":
            sys.stdout.buffer.write(articles.sheet_pdf(lib, args.id))
            return 0
        data = articles.sheet_for(lib, args.id)
        out = articles.write_sheet(lib, args.id, args.output)
    finally:
        lib.close()
    payload = {
        "id": args.id, "output": str(out), "approved": data.approved, "release_number": data.release_number,
        "revision": data.revision, "sha256": data.content_sha256,
    }
    if data.approved:
        text = _("Approval sheet of article {id} ({number}) written to {path}.").format(
            id=args.id, number=data.release_number or "—", path=out)
    else:
        text = _("Article {id} is not approved; its sheet is marked DRAFT. Written to {path}.").format(
            id=args.id, path=out)
    emit(args, payload, text)
    return 0
