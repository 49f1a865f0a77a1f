"""``warta article card ID --size 1080x1080 -o FILE.png`` and ``warta article caption ID --platform instagram``."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import add_output, check_output, emit, open_library
from desktop.cli.articles import add_article_subcommand
from desktop.i18n import _

from desktop.social.api import PLATFORMS, SIZES  # plain tables: Pillow is imported only to draw

NO_VERDICT = "none"

def register(sub: argparse._SubParsersAction) -> None:
    p = add_article_subcommand(sub, "card", help=_("draw a social-media card (PNG) of an article"))
    p.add_argument("id", type=int)
    p.add_argument("--size", choices=list(SIZES), default=SIZES[0], help=_("card size in pixels (default: 1080x1080)"))
    p.add_argument("--photo", type=int, metavar="PHOTO_ID", help=_("photo from the archive to show on the card"))
    p.add_argument("--verdict", metavar="VERDICT",
                   help=_("verdict stamp of a clarification, e.g. hoaks, or none (default: the verdict of its linked claim)"))
    add_output(p, metavar="FILE.png", help=_("PNG file to write"))
    p.set_defaults(handler=cmd_card)

    p = add_article_subcommand(sub, "caption", help=_("print an article's caption for a social-media platform"))
    p.add_argument("id", type=int)
    p.add_argument("--platform", choices=list(PLATFORMS), default="instagram", help=_("platform (default: instagram)"))
    p.add_argument("--verdict", metavar="VERDICT", help=_("verdict of a clarification, named at the start (none: no verdict)"))
    p.set_defaults(handler=cmd_caption)


def _verdict(args: argparse.Namespace) -> str | None:
    return "" if args.verdict == NO_VERDICT else args.verdict


def cmd_card(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.errors import ValidationError
    from desktop.social import api as social

    if args.output == "-":
        raise ValidationError(_("A card is an image: give a file name with -o, not '-'."))
    lib = open_library(args)
    try:
        check_output(args, lib)
        target = Path(args.output).expanduser().absolute()
        made = social.write_card(lib, args.id, target, args.size, photo_id=args.photo, verdict=_verdict(args))
    finally:
        lib.close()
    emit(
        args,
        {"id": args.id, "size": args.size, "width": made.width, "height": made.height, "output": str(target),
         "title_lines": made.title_lines},
        _("Card of article {id} ({size}) written to {path}.").format(id=args.id, size=args.size, path=target),
    )
    return 0


def cmd_caption(args: argparse.Namespace) -> int:
    from desktop.social import api as social

    lib = open_library(args)
    try:
        text = social.caption(lib, args.id, args.platform, verdict=_verdict(args))
        approved = social.release(lib, args.id).approved
    finally:
        lib.close()
    limit = social.PLATFORMS[args.platform].limit
    emit(args, {"id": args.id, "platform": args.platform, "caption": text, "length": len(text), "limit": limit,
                "approved": approved}, text)
    if not approved and not args.json:
        print(_("note: article {id} is not approved yet; this is its current text.").format(id=args.id), file=sys.stderr)
    return 0
