"""``warta kit create|list|export|duplicate``: press kits on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from desktop.cli import UsageError, add_output, check_output, common, emit, open_library, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    kit = sub.add_parser("kit", help=_("create, list and export press kits"))
    ksub = kit.add_subparsers(dest="kit_command", required=True)

    p = common(ksub.add_parser("create", help=_("create a press kit from articles, photos and contacts")))
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("date of the kit (default: today)"))
    p.add_argument("--event", default="", metavar="TEXT", help=_("event (kegiatan) the kit is for"))
    p.add_argument("--paper", choices=["a4", "f4"], default="a4", help=_("paper size (default: a4)"))
    p.add_argument("--photos-per-page", type=int, choices=[1, 2], default=1)
    p.add_argument("--article", type=int, nargs="+", action="extend", default=[], metavar="ID")
    p.add_argument("--photo", type=int, nargs="+", action="extend", default=[], metavar="ID")
    p.add_argument("--contact", type=int, nargs="+", action="extend", default=[], metavar="ID",
                   help=_("contact persons (Narahubung) by contact id"))
    p.add_argument("--office", action="store_true", help=_("add the office profile page"))
    p.add_argument("--no-cover", action="store_true", help=_("leave out the cover page"))
    p.set_defaults(handler=cmd_create)

    p = common(ksub.add_parser("list", help=_("list press kits")))
    p.add_argument("--search", default="", metavar="TEXT", help=_("only kits matching this text"))
    p.set_defaults(handler=cmd_list)

    p = common(ksub.add_parser("export", help=_("write a kit as PDF, or as a ZIP for journalists")))
    p.add_argument("id", type=int, metavar="ID")
    add_output(p)
    p.add_argument("--zip", action="store_true", help=_("the PDF, articles as .docx and full-size photos in a ZIP"))
    p.set_defaults(handler=cmd_export)

    p = common(ksub.add_parser("duplicate", help=_("copy a press kit")))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_duplicate)


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(_("'{value}' is not a date; write it as YYYY-MM-DD.").format(value=text)) from exc


def cmd_create(args: argparse.Namespace) -> int:
    from desktop.kits import api as kits

    if not (args.article or args.photo):
        raise UsageError(_("A press kit needs at least one --article or --photo."))
    parts = [] if args.no_cover else [kits.PartInput("cover")]
    parts += [kits.PartInput("article", i) for i in args.article]
    parts += [kits.PartInput("photo", i) for i in args.photo]
    if args.office:
        parts.append(kits.PartInput("office"))
    parts += [kits.PartInput("contact", i) for i in args.contact]
    data = kits.KitInput(args.title, _date(args.date), args.event, args.paper, args.photos_per_page, parts)
    lib = open_library(args)
    try:
        kit_id = kits.create_kit(lib, data)
    finally:
        lib.close()
    emit(args, {"id": kit_id}, _("Press kit {id} created.").format(id=kit_id))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.kits import api as kits

    lib = open_library(args)
    try:
        rows = kits.list_kits(lib, args.search, limit=100_000)
    finally:
        lib.close()
    payload = {"kits": [
        {"id": r.id, "title": r.title, "date": r.date.isoformat(), "event": r.event, "parts": r.parts,
         "exports": r.exports}
        for r in rows
    ]}

    def text() -> str:
        if not rows:
            return _("No press kits.")
        return "\n".join(f"{r.id:>5}  {r.date.isoformat()}  {r.title}" + (f"  ({r.event})" if r.event else "")
                         for r in rows)

    emit(args, payload, text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.kits import api as kits

    lib = open_library(args)
    try:
        check_output(args, lib)
        export = kits.export_zip if args.zip else kits.export_pdf
        with terminal_progress(args) as progress:
            result = export(lib, args.id, args.output, progress=progress)
    finally:
        lib.close()
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    text = _("Written {path} (SHA-256 {sha256}).").format(path=result.path, sha256=result.sha256)
    if result.draft:
        text += "\n" + _("Marked DRAFT: not every article in the kit is approved.")
    emit(args, result.to_json(), text)
    return 0


def cmd_duplicate(args: argparse.Namespace) -> int:
    from desktop.kits import api as kits

    lib = open_library(args)
    try:
        new_id = kits.duplicate_kit(lib, args.id)
    finally:
        lib.close()
    emit(args, {"id": new_id}, _("Press kit {id} created.").format(id=new_id))
    return 0
