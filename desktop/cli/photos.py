"""``warta photos import|export|set|list``: the photo archive on the command line."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import UsageError, check_output, common, emit, open_library, print_rejections, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    photos = sub.add_parser("photos", help=_("import, export, edit and list photos"))
    psub = photos.add_subparsers(dest="photos_command", required=True)

    p = common(psub.add_parser("import", help=_("import photos from files or folders (recursively)")))
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--event", metavar="NAME", help=_("event (kegiatan) the photos belong to"))
    p.set_defaults(handler=cmd_import)

    p = common(psub.add_parser("export", help=_("export photos with caption and credit embedded")))
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument(
        "--long-edge",
        type=int,
        default=2048,
        metavar="N",
        help=_("long edge in pixels: 1600, 2048, or 0 for the untouched original"),
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_("folder to write to"))
    p.set_defaults(handler=cmd_export)

    p = common(psub.add_parser("set", help=_("change caption, credit, event, location or tags of photos")))
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("--caption", metavar="TEXT")
    p.add_argument("--credit", metavar="TEXT")
    p.add_argument("--event", metavar="NAME")
    p.add_argument("--location", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help=_("add a tag (repeatable)"))
    p.add_argument("--album", action="append", default=[], metavar="NAME", help=_("add to an album (repeatable)"))
    p.add_argument("--pilihan", choices=["yes", "no"], help=_("mark or unmark as selected (pilihan)"))
    p.set_defaults(handler=cmd_set)

    p = common(psub.add_parser("list", help=_("list photos")))
    p.add_argument("--search", metavar="TEXT", default="", help=_("only photos matching this text"))
    p.set_defaults(handler=cmd_list)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.photos import api as photos_api

    lib = open_library(args)
    try:
        with terminal_progress(args) as progress:
            result = photos_api.import_paths(lib, args.paths, event=args.event, progress=progress)
    finally:
        lib.close()
    emit(
        args,
        result.to_json(),
        lambda: _("Photos: {added} added, {existing} already in the library, {rejected} rejected.").format(
            added=len(result.added), existing=len(result.existing), rejected=len(result.rejected)
        ),
    )
    if not args.json:
        print_rejections(result.rejected)
    return result.exit_code


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.photos import api as photos_api

    lib = open_library(args)
    try:
        check_output(args, lib, folder=True)
        result = photos_api.export_photos(lib, args.ids, args.output, long_edge=args.long_edge)
    finally:
        lib.close()

    def text() -> str:
        lines = [_("{count} photo(s) exported to {path}.").format(count=len(result.written), path=args.output)]
        if not result.metadata_embedded:
            lines.append(_("Some originals cannot carry a caption (HEIC, WebP, or damaged metadata): they were copied unchanged, without caption and credit."))
        return "\n".join(lines)

    emit(args, result.to_json(), text)
    if not args.json:
        for item in result.failed:
            print(_("not exported: photo {id}: {reason}").format(**item), file=sys.stderr)
    return result.exit_code


def cmd_set(args: argparse.Namespace) -> int:
    from desktop.photos import api as photos_api

    edit = photos_api.BulkEdit(
        event=args.event,
        credit=args.credit,
        location=args.location,
        caption=args.caption,
        add_tags=[t for t in args.tag if t.strip()],
        add_albums=[a for a in args.album if a.strip()],
        pilihan=None if args.pilihan is None else args.pilihan == "yes",
    )
    if edit.empty:
        raise UsageError(
            _("Nothing to change: give --caption, --credit, --event, --location, --tag, --album or --pilihan.")
        )
    lib = open_library(args)
    try:
        count = photos_api.bulk_update(lib, args.ids, edit)
    finally:
        lib.close()
    emit(args, {"changed": count, "ids": args.ids}, _("{count} photo(s) changed.").format(count=count))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.photos import api as photos_api

    lib = open_library(args)
    try:
        photos = photos_api.listing(lib, photos_api.PhotoFilter(search=args.search))
    finally:
        lib.close()

    def text() -> str:
        if not photos:
            return _("No photos yet.")
        return "\n".join(
            f"{p['id']:>6}  {p['taken'] or '-':19}  {p['file'][:30]:30}  {p['event'][:30]:30}  {p['caption'][:60]}"
            for p in photos
        )

    try:
        emit(args, {"photos": photos}, text)
    except BrokenPipeError:
        sys.stderr.close()
    return 0
