"""``warta send email|whatsapp|handout|outbox|log``: releases to distribution lists, and who got what.

E-mail goes through the outbox (``--smtp``) or into ``.eml`` files for the
office's mail client (``--eml FOLDER``). A run cut short (Ctrl+C, a crash,
the server gone) leaves the rest queued: ``warta send outbox --send`` sends
only what was not sent. Exit 0: every member reached; 1: some skipped,
failed or left; 2: nothing sent.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop.cli import UsageError, common, emit, open_library, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    send = sub.add_parser("send", help=_("send releases by e-mail or WhatsApp and show the send log"))
    ssub = send.add_subparsers(dest="send_command", required=True)

    p = common(ssub.add_parser("email", help=_("e-mail an approved release or kit to a distribution list")))
    _source(p)
    p.add_argument("--list", required=True, metavar="NAME", help=_("distribution list (name or id)"))
    p.add_argument("--photo", type=int, nargs="+", action="extend", default=[], metavar="ID",
                   help=_("photos to attach (e-mail size)"))
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--eml", metavar="FOLDER", help=_("write one .eml file per recipient for the mail client"))
    how.add_argument("--smtp", action="store_true", help=_("send through the office's SMTP server"))
    p.add_argument("--resend", action="store_true", help=_("also send to those who already got it"))
    _smtp_options(p)
    p.set_defaults(handler=cmd_email)

    p = common(ssub.add_parser("whatsapp", help=_("WhatsApp text and click-to-chat links; tick who was sent")))
    p.add_argument("article", type=int, nargs="?", metavar="ARTICLE")
    p.add_argument("--kit", type=int, metavar="ID", help=_("a press kit instead of an article"))
    p.add_argument("--list", metavar="NAME", help=_("distribution list (name or id)"))
    p.add_argument("--batch", type=int, metavar="ID", help=_("an earlier WhatsApp send (to show or tick)"))
    p.add_argument("--sent", type=int, nargs="+", action="extend", default=[], metavar="MESSAGE",
                   help=_("mark these recipients (message numbers) as sent"))
    p.add_argument("--resend", action="store_true", help=_("also send to those who already got it"))
    p.set_defaults(handler=cmd_whatsapp)

    p = common(ssub.add_parser("handout", help=_("record a printed release or kit handed to people")))
    _source(p)
    p.add_argument("--person", type=int, nargs="+", action="extend", required=True, metavar="ID")
    p.set_defaults(handler=cmd_handout)

    p = common(ssub.add_parser("outbox", help=_("show the e-mail outbox; send, retry")))
    p.add_argument("--send", action="store_true", help=_("send what is queued through SMTP"))
    p.add_argument("--retry-failed", action="store_true", help=_("give failed messages new attempts"))
    p.add_argument("--retry-uncertain", type=int, nargs="+", action="extend", default=[], metavar="MESSAGE",
                   help=_("queue again messages that may not have arrived (same Message-ID)"))
    p.add_argument("--batch", type=int, metavar="ID", help=_("only this send"))
    _smtp_options(p)
    p.set_defaults(handler=cmd_outbox)

    p = common(ssub.add_parser("log", help=_("who got what: the send log of a person, organisation or release")))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=int, metavar="ID")
    who.add_argument("--org", type=int, metavar="ID")
    who.add_argument("--article", type=int, metavar="ID")
    who.add_argument("--kit", type=int, metavar="ID")
    p.add_argument("--link-coverage", type=int, nargs=2, metavar=("COVERAGE", "MESSAGE"),
                   help=_("link a coverage entry to the send it followed"))
    p.set_defaults(handler=cmd_log)


def _source(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", type=int, nargs="?", metavar="ARTICLE", help=_("an approved article"))
    p.add_argument("--kit", type=int, metavar="ID", help=_("a press kit instead of an article"))


def _smtp_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help=_("SMTP server (default: Settings → E-mail on this PC)"))
    p.add_argument("--port", type=int)
    p.add_argument("--security", choices=["starttls", "ssl", "none"])
    p.add_argument("--user", metavar="NAME", help=_("SMTP user (password: keyring or WARTA_SMTP_PASSWORD)"))
    p.add_argument("--sender", metavar="ADDRESS", help=_("From: address"))


def _which(args: argparse.Namespace) -> dict:
    if (args.article is None) == (args.kit is None):
        raise UsageError(_("Give an article id or --kit ID, not both."))
    return {"article_id": args.article, "kit_id": args.kit}


def _config(args: argparse.Namespace):  # noqa: ANN202 - (SmtpConfig, password)
    from desktop.distribution import api as distribution

    config = distribution.load_config()
    for option, attr in (("host", "host"), ("port", "port"), ("security", "security"), ("user", "username"),
                         ("sender", "sender")):
        value = getattr(args, option, None)
        if value is not None:
            setattr(config, attr, value)
    password = os.environ.get("WARTA_SMTP_PASSWORD") or distribution.password_for(config)
    return config, password


def _list_id(library, text: str) -> int:  # noqa: ANN001
    from desktop.contacts import api as contacts

    return int(text) if text.isdigit() else contacts.find_list(library, text)


def _print_skips(skipped: list) -> None:
    for s in skipped:
        print(_("skipped: {name}: {reason}").format(name=s.name, reason=s.reason), file=sys.stderr)


def cmd_email(args: argparse.Namespace) -> int:
    from desktop.distribution import api as distribution

    which = _which(args)
    config, password = _config(args)
    lib = open_library(args)
    try:
        if args.smtp:
            config.check()
        list_id = _list_id(lib, args.list)
        with terminal_progress(args) as progress:
            queued = distribution.queue_email(lib, list_id, mode="smtp" if args.smtp else "eml", sender=config.sender,
                                              photo_ids=args.photo, resend=args.resend, progress=progress, **which)
            if args.smtp:
                result = distribution.send_pending(lib, config, password, progress, batch_id=queued.batch_id)
            else:
                result = distribution.write_eml(lib, queued.batch_id, args.eml, progress)
    finally:
        lib.close()
    _print_skips(queued.skipped)
    for note in queued.notes:
        print(note, file=sys.stderr)
    for f in result.failed:
        print(_("failed: {address}: {error}").format(**f), file=sys.stderr)
    payload = {**queued.to_json(), **result.to_json()}
    done = len(result.sent) + len(result.written)
    if args.smtp:
        text = _("{count} e-mail(s) sent, {skipped} skipped.").format(count=done, skipped=len(queued.skipped))
    else:
        text = _("{count} .eml file(s) written to {path}, {skipped} skipped.").format(
            count=done, path=args.eml, skipped=len(queued.skipped))
    emit(args, payload, text)
    if not done:
        return 2
    return 1 if result.exit_code or queued.skipped else 0


def cmd_whatsapp(args: argparse.Namespace) -> int:
    from desktop.distribution import api as distribution

    lib = open_library(args)
    try:
        if args.batch is not None:
            ticked = distribution.mark_sent(lib, args.sent) if args.sent else 0
            batch = distribution.batch_links(lib, args.batch)
        else:
            if not args.list:
                raise UsageError(_("Give --list NAME for a new WhatsApp send, or --batch ID for an earlier one."))
            which = _which(args)
            batch = distribution.prepare_whatsapp(lib, _list_id(lib, args.list), resend=args.resend, **which)
            ticked = distribution.mark_sent(lib, args.sent) if args.sent else 0
            if ticked:
                batch = distribution.batch_links(lib, batch.batch_id)
    finally:
        lib.close()
    _print_skips(batch.skipped)

    def text() -> str:
        lines = [_("WhatsApp send {id}:").format(id=batch.batch_id), batch.text, ""]
        for r in batch.recipients:
            mark = "[x]" if r["sent"] else "[ ]"
            lines.append("{mark} {id:>5}  {name}  {link}".format(mark=mark, id=r["message"], name=r["name"],
                                                                  link=r["link"]))
        return "\n".join(lines)

    emit(args, {**batch.to_json(), "ticked": ticked}, text)
    if args.sent and ticked < len(set(args.sent)):
        return 1
    return 1 if batch.skipped else 0


def cmd_handout(args: argparse.Namespace) -> int:
    from desktop.distribution import api as distribution

    which = _which(args)
    lib = open_library(args)
    try:
        count = distribution.record_handed_out(lib, args.person, **which)
    finally:
        lib.close()
    emit(args, {"recorded": count}, _("{count} printed copies recorded as handed out.").format(count=count))
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from desktop.distribution import api as distribution

    lib = open_library(args)
    result = None
    try:
        retried = distribution.retry_failed(lib, batch_id=args.batch) if args.retry_failed else 0
        if args.retry_uncertain:
            retried += distribution.retry_uncertain(lib, args.retry_uncertain)
        if args.send:
            config, password = _config(args)
            with terminal_progress(args) as progress:
                result = distribution.send_pending(lib, config, password, progress, batch_id=args.batch)
        pending = distribution.outbox(lib, batch_id=args.batch)
    finally:
        lib.close()
    payload = {"messages": pending, "retried": retried, **(result.to_json() if result else {})}

    def text() -> str:
        lines = []
        if result is not None:
            lines.append(_("{count} e-mail(s) sent.").format(count=len(result.sent)))
        if not pending:
            lines.append(_("The outbox is empty."))
        for m in pending:
            lines.append("{id:>5}  {state:<10} {address}  {error}".format(
                id=m["id"], state=distribution.state_label(m["state"]), address=m["address"], error=m["error"]))
        return "\n".join(lines)

    emit(args, payload, text)
    if result is not None:
        return result.exit_code
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from desktop.distribution import api as distribution

    lib = open_library(args)
    try:
        if args.link_coverage:
            distribution.link_coverage(lib, *args.link_coverage)
        if args.person is not None:
            entries = distribution.for_person(lib, args.person)
        elif args.org is not None:
            entries = distribution.for_organization(lib, args.org)
        elif args.kit is not None:
            entries = distribution.for_kit(lib, args.kit)
        else:
            entries = distribution.for_article(lib, args.article)
        reach = distribution.reach(lib, args.article) if args.article is not None else None
    finally:
        lib.close()
    payload = {"entries": [e.to_json() for e in entries]}
    if reach is not None:
        payload["reach"] = reach.to_json()

    def text() -> str:
        lines = ["{when}  {channel:<10} {name}  ({org})  {title}".format(
            when=e.shown, channel=distribution.channel_label(e.channel), name=e.name, org=e.organization or "-",
            title=e.title) for e in entries] or [_("Nothing sent yet.")]
        if reach is not None:
            lines.append(_("Reached {people} people ({channels}); {outlets} outlets; {coverage} coverage items.").format(
                people=reach.people, outlets=len(reach.outlets), coverage=reach.coverage,
                channels=", ".join("{label} {count}".format(label=distribution.channel_label(k), count=v)
                                   for k, v in sorted(reach.recipients.items())) or "-"))
        return "\n".join(lines)

    emit(args, payload, text)
    return 0
