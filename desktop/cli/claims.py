"""``warta claim add|list|show|clarify|whatsapp|claimreview``: the Isu & Hoaks register on the command line."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli import UsageError, common, emit, open_library, shown
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    claim = sub.add_parser("claim", help=_("record circulating claims (hoaxes) and their clarifications"))
    csub = claim.add_subparsers(dest="claim_command", required=True)

    p = common(csub.add_parser("add", help=_("record a circulating claim")))
    p.add_argument("--text", required=True, metavar="TEXT", help=_("what is being passed around"))
    p.add_argument("--link", nargs="+", action="extend", default=[], metavar="URL",
                   help=_("where it appeared (the first is its first appearance)"))
    p.add_argument("--platform", default="", metavar="NAME", help=_("WhatsApp, TikTok, Facebook …"))
    p.add_argument("--seen", metavar="YYYY-MM-DD[THH:MM]",
                   help=_("when it was first seen, local time (default: now)"))
    p.add_argument("--reach", type=int, metavar="N", help=_("estimated views or shares"))
    p.add_argument("--reported-by", default="", metavar="TEXT", help=_("who told the office about it"))
    p.add_argument("--reporter", type=int, metavar="STAFF_ID", help=_("the staff member who spotted it"))
    # The codes are not listed here (that would load the register at every start); a wrong one is refused
    # with a sentence listing them all.
    p.add_argument("--category", default="", metavar="CODE",
                   help=_("kind of content, e.g. fabricated, false_context, manipulated"))
    p.add_argument("--verdict", default="", metavar="CODE",
                   help=_("verdict label, e.g. hoaks, disinformasi, misinformasi, benar"))
    p.add_argument("--facts", default="", metavar="TEXT", help=_("what is true, with figures and dates"))
    p.add_argument("--source", nargs="+", action="extend", default=[], metavar="TEXT",
                   help=_("a regulation, decision or data set the facts rest on"))
    p.add_argument("--screenshot", nargs="+", action="extend", default=[], metavar="FILE",
                   help=_("an image of the claim as it circulated"))
    p.set_defaults(handler=cmd_add)

    p = common(csub.add_parser("list", help=_("list the register with the time to clarification")))
    p.add_argument("--search", default="", metavar="TEXT", help=_("only claims matching this text"))
    p.set_defaults(handler=cmd_list)

    for name, handler, text in (
        ("show", cmd_show, _("show one claim")),
        ("clarify", cmd_clarify, _("make a klarifikasi draft article from a claim")),
        ("whatsapp", cmd_whatsapp, _("print the short clarification for WhatsApp groups (approved text only)")),
        ("claimreview", cmd_claimreview, _("print the schema.org ClaimReview block for the website (approved text only)")),
    ):
        p = common(csub.add_parser(name, help=text))
        p.add_argument("id", type=int, metavar="ID")
        p.set_defaults(handler=handler)


def _seen(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now().replace(second=0, microsecond=0)
    try:
        value = dt.datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError as exc:
        raise UsageError(_("'{value}' is not a date and time; write it as YYYY-MM-DDTHH:MM.").format(value=text)) from exc
    return value


def cmd_add(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    data = claims.ClaimInput(
        text=args.text, first_seen=_seen(args.seen), links=args.link, platform=args.platform, reach=args.reach,
        reported_by=args.reported_by, reporter_id=args.reporter, category=args.category, verdict=args.verdict, facts=args.facts,
        sources="\n".join(args.source),
    )
    lib = open_library(args)
    try:
        claim_id = claims.create_claim(lib, data, screenshots=args.screenshot)
    finally:
        lib.close()
    emit(args, {"id": claim_id}, _("Claim {id} recorded.").format(id=claim_id))
    return 0


def _when(value: dt.datetime | None) -> str:
    from desktop import dates
    from desktop.claims import api as claims

    return dates.short_datetime(claims.local_time(value)) if value else "–"


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    lib = open_library(args)
    try:
        rows = claims.list_claims(lib, args.search, limit=100_000)
        pace = claims.timing(lib)
    finally:
        lib.close()
    payload = {
        "claims": [r.to_json() for r in rows],
        "median_seconds_to_clarification": int(pace.median.total_seconds()) if pace.median is not None else None,
        "clarified": pace.clarified,
        "total": pace.total,
    }

    def text() -> str:
        if not rows:
            return _("No claims in the register.")
        lines = [
            "{id:>5}  {seen}  {verdict:<14}  {took:>10}  {text}".format(
                id=r.id, seen=_when(r.first_seen), verdict=claims.verdict_label(r.verdict) if r.verdict else "–",
                took=claims.duration(r.to_clarification), text=shown(claims.short_text(r.text, 70)))
            for r in rows
        ]
        lines.append(_("Median time from first sighting to published clarification: {median} ({count} of {total} claims).").format(
            median=claims.duration(pace.median), count=pace.clarified, total=pace.total))
        return "\n".join(lines)

    emit(args, payload, text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    lib = open_library(args)
    try:
        info = claims.get_claim(lib, args.id)
    finally:
        lib.close()

    def text() -> str:
        c = info.clarification
        lines = [
            _("Claim {id}").format(id=info.id),
            shown(info.text),
            "",
            _("Verdict: {value}").format(value=claims.verdict_label(info.verdict) if info.verdict else "–"),
            _("Category: {value}").format(value=claims.category_label(info.category) if info.category else "–"),
            _("Platform: {value}").format(value=shown(info.platform) or "–"),
            _("First seen: {value}").format(value=_when(info.first_seen)),
            _("Reach: {value}").format(value=info.reach if info.reach is not None else "–"),
            _("Reported by: {value}").format(value=shown(info.reported_by or info.reporter_name) or "–"),
        ]
        lines += [_("Link: {url}").format(url=shown(link)) for link in info.links]
        lines += [_("Screenshot: {path}").format(path=s.path) for s in info.screenshots]
        if info.facts:
            lines += ["", _("Facts:"), shown(info.facts)]
        if info.sources:
            lines += ["", _("Sources:"), shown(info.sources)]
        if c is None:
            lines.append(_("Clarification: none yet (warta claim clarify {id})").format(id=info.id))
        else:
            from desktop.articles import api as articles

            lines.append(_("Clarification: article {id}, {status}").format(
                id=c.article_id, status=articles.status_label(c.status)))
            if c.release_number:
                lines.append(_("Release number: {value}").format(value=c.release_number))
            lines.append(_("Approved: {value}").format(value=_when(c.approved_at)))
            lines.append(_("Published: {value}").format(value=_when(c.published_at)))
            lines.append(_("Time to clarification: {value}").format(value=claims.duration(info.to_clarification)))
        return "\n".join(lines)

    emit(args, info.to_json(), text)
    return 0


def cmd_clarify(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    lib = open_library(args)
    try:
        article_id = claims.make_klarifikasi(lib, args.id)
    finally:
        lib.close()
    emit(args, {"claim_id": args.id, "article_id": article_id},
         _("Clarification draft created: article {id}. Edit it, then submit it for approval.").format(id=article_id))
    return 0


def cmd_whatsapp(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    lib = open_library(args)
    try:
        message = claims.whatsapp(lib, args.id)
    finally:
        lib.close()
    emit(args, {"claim_id": args.id, "text": message, "length": len(message)}, message)
    return 0


def cmd_claimreview(args: argparse.Namespace) -> int:
    from desktop.claims import api as claims

    lib = open_library(args)
    try:
        review = claims.claim_review(lib, args.id)
    finally:
        lib.close()
    block = claims.json_ld_block(review)
    emit(args, {"claim_id": args.id, "claim_review": review, "html": block}, block)
    return 0
