"""``warta search QUERY``: the global search over every area's index."""

from __future__ import annotations

import argparse

from desktop.cli import common, emit, open_library, shown
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = common(sub.add_parser("search", help=_("search articles, contacts and photos")))
    p.add_argument("query", nargs="+", help=_('words (any order), "a phrase", or a prefix*'))
    p.add_argument("--limit", type=int, default=50, help=_("at most this many hits (default 50)"))
    p.add_argument(
        "--type", action="append", dest="types", metavar="TYPE",
        help=_("only hits of this type (article, contact, organization, photo); repeatable"),
    )
    p.set_defaults(handler=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from desktop import search

    query = " ".join(args.query)
    lib = open_library(args)
    try:
        hits = search.search(lib, query, limit=max(1, args.limit), types=set(args.types) if args.types else None)
    finally:
        lib.close()

    def text() -> str:
        if not hits:
            return _("Nothing found for {query}.").format(query=query)
        return "\n".join(f"{h.type}\t{h.id}\t{shown(h.title)}\n\t{shown(h.plain_snippet())}" for h in hits)

    emit(args, {"hits": [h.to_json() for h in hits]}, text)
    return 0
