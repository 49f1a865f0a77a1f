"""``warta kip request|dip|report``: the KIP register (UU 14/2008) on the command line."""

from __future__ import annotations

import argparse

from desktop.cli import UsageError, check_output, common, emit, open_library, shown
from desktop.cli.kits import _date as day  # the one "YYYY-MM-DD, default today" parser of the CLI
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    kip = sub.add_parser("kip", help=_("public-information requests, the Daftar Informasi Publik and the semester report"))
    ksub = kip.add_subparsers(dest="kip_command", required=True)

    request = ksub.add_parser("request", help=_("information requests and their legal deadlines"))
    rsub = request.add_subparsers(dest="request_command", required=True)
    p = common(rsub.add_parser("add", help=_("record a request as received (deadline: 10 working days)")))
    p.add_argument("--requester", required=True, metavar="NAME", help=_("who asks for the information"))
    p.add_argument("--subject", required=True, metavar="TEXT", help=_("the information asked for"))
    p.add_argument("--contact", default="", metavar="TEXT", help=_("address, telephone or email of the requester"))
    p.add_argument("--channel", default="", metavar="CODE",
                   help=_("how it came in: langsung, surat, email, website, telepon, media_sosial"))
    p.add_argument("--received", metavar="YYYY-MM-DD", help=_("day it was received (default: today)"))
    p.add_argument("--number", default="", metavar="TEXT", help=_("register number (default: YEAR-NNNN)"))
    p.add_argument("--article", type=int, metavar="ID", help=_("an article the request is about"))
    p.set_defaults(handler=cmd_add)

    p = common(rsub.add_parser("list", help=_("list requests, open ones first by deadline")))
    p.add_argument("--state", default=None, metavar="STATE",
                   help=_("only: open, received, extended, answered, rejected, objected"))
    p.set_defaults(handler=cmd_list)

    p = common(rsub.add_parser("answer", help=_("record the written answer, or the refusal with --reject")))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("day of the answer (default: today)"))
    p.add_argument("--note", default="", metavar="TEXT", help=_("what was given, or why it was refused"))
    p.add_argument("--reject", action="store_true", help=_("the information is refused (give the reason in --note)"))
    p.add_argument("--article", type=int, metavar="ID", help=_("the article that answers it"))
    p.set_defaults(handler=cmd_answer)

    p = common(rsub.add_parser("extend", help=_("extend the deadline once by 7 working days")))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT", help=_("why more time is needed (told to the requester)"))
    p.set_defaults(handler=cmd_extend)

    p = common(rsub.add_parser("object", help=_("record an objection (keberatan) filed by the requester")))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("day it was filed (default: today)"))
    p.set_defaults(handler=cmd_object)

    p = common(rsub.add_parser("edit", help=_("correct a request: requester, contact, channel, subject or day received")))
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--requester", metavar="NAME", help=_("who asks for the information"))
    p.add_argument("--contact", metavar="TEXT", help=_("address, telephone or email of the requester"))
    p.add_argument("--channel", metavar="CODE",
                   help=_("how it came in: langsung, surat, email, website, telepon, media_sosial"))
    p.add_argument("--subject", metavar="TEXT", help=_("the information asked for"))
    p.add_argument("--received", metavar="YYYY-MM-DD",
                   help=_("day it was received (only while not yet extended, answered or objected to)"))
    p.set_defaults(handler=cmd_edit)

    p = common(rsub.add_parser("delete", help=_("remove a request recorded by mistake (Admin; not once answered)")))
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(handler=cmd_delete)

    dip = ksub.add_parser("dip", help=_("the Daftar Informasi Publik"))
    dsub = dip.add_subparsers(dest="dip_command", required=True)
    p = common(dsub.add_parser("list", help=_("list the Daftar Informasi Publik by category")))
    p.set_defaults(handler=cmd_dip_list)
    p = common(dsub.add_parser("propose", help=_("propose entries from published articles (--add adds them)")))
    p.add_argument("--add", action="store_true", help=_("add the proposed entries"))
    p.add_argument("--unit", default="", metavar="TEXT",
                   help=_("unit responsible for the added entries (default: the office profile's unit)"))
    p.add_argument("--retention", default="", metavar="TEXT", help=_("how long the added entries are kept"))
    p.set_defaults(handler=cmd_dip_propose)
    p = common(dsub.add_parser("add", help=_("add an entry by hand (the only way to list exempted information)")))
    p.add_argument("--category", required=True, metavar="CODE",
                   help=_("berkala, serta_merta, setiap_saat or dikecualikan"))
    p.add_argument("--title", required=True, metavar="TEXT")
    p.add_argument("--summary", default="", metavar="TEXT")
    p.add_argument("--unit", default="", metavar="TEXT", help=_("unit responsible for the information"))
    p.add_argument("--retention", default="", metavar="TEXT", help=_("how long it is kept"))
    p.set_defaults(handler=cmd_dip_add)

    p = common(ksub.add_parser("report", help=_("the semester report of information services")))
    p.add_argument("--semester", required=True, metavar="YEAR-SN",
                   help=_("2026-S1 (January–June) or 2026-S2 (July–December), as in 'warta report build --period'"))
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help=_("also write the report as a spreadsheet"))
    p.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
    p.set_defaults(handler=cmd_report)


def _request_line(row, today) -> str:  # noqa: ANN001
    from desktop.kip import api as kip

    when = row.deadline_text(today)
    return "{id:>5}  {number:<16}  {due}  {state:<12}  {when:<28}  {requester}: {subject}".format(
        id=row.id, number=shown(row.number), due=row.due_on.isoformat(), state=kip.state_label(row.state), when=when,
        requester=shown(row.requester), subject=shown(row.subject[:60]))


def cmd_add(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    data = kip.RequestInput(requester=args.requester, subject=args.subject, received_on=day(args.received),
                            contact=args.contact, channel=args.channel, number=args.number, article_id=args.article)
    lib = open_library(args)
    try:
        row = kip.get_request(lib, kip.add_request(lib, data))
    finally:
        lib.close()
    emit(args, row.to_json(), _("Request {number} recorded (id {id}); answer by {date}.").format(
        number=shown(row.number), id=row.id, date=row.due_on.isoformat()))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    import datetime as dt

    from desktop.kip import api as kip

    if args.state and args.state != "open" and args.state not in kip.STATES:
        raise UsageError(_("'{value}' is not a state; use one of: {choices}.").format(
            value=args.state, choices=", ".join(["open", *kip.STATES])))
    lib = open_library(args)
    try:
        rows = kip.list_requests(lib, args.state, limit=100_000)
    finally:
        lib.close()
    today = dt.date.today()
    emit(args, {"requests": [r.to_json(today) for r in rows]},
         lambda: "\n".join(_request_line(r, today) for r in rows) if rows else _("No information requests."))
    return 0


def _changed(args: argparse.Namespace, row, text: str) -> int:  # noqa: ANN001
    emit(args, row.to_json(), text)
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        row = kip.answer_request(lib, args.id, day(args.date), args.note, reject=args.reject, article_id=args.article)
    finally:
        lib.close()
    return _changed(args, row, _("Request {number}: {state} on {date}; an objection may be filed until {until}.").format(
        number=shown(row.number), state=kip.state_label(row.state), date=row.answered_on.isoformat(),
        until=row.objection_due().isoformat()))


def cmd_extend(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        row = kip.extend_request(lib, args.id, args.reason)
    finally:
        lib.close()
    return _changed(args, row, _("Request {number} extended; answer by {date}.").format(
        number=shown(row.number), date=row.due_on.isoformat()))


def cmd_object(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        row = kip.object_request(lib, args.id, day(args.date))
    finally:
        lib.close()
    return _changed(args, row, _("Objection to request {number} recorded.").format(number=shown(row.number)))


def cmd_edit(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    changes = {key: getattr(args, key) for key in ("requester", "contact", "channel", "subject")}
    if all(v is None for v in changes.values()) and args.received is None:
        raise UsageError(_("Say what to correct: --requester, --contact, --channel, --subject or --received."))
    received = day(args.received) if args.received is not None else None
    lib = open_library(args)
    try:
        row = kip.update_request(lib, args.id, received_on=received, **changes)
    finally:
        lib.close()
    return _changed(args, row, _("Request {number} corrected; answer by {date}.").format(
        number=shown(row.number), date=row.due_on.isoformat()))


def cmd_delete(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        row = kip.get_request(lib, args.id)
        kip.delete_request(lib, args.id)
    finally:
        lib.close()
    emit(args, {"deleted": row.id, "number": row.number},
         _("Request {number} removed from the register.").format(number=shown(row.number)))
    return 0


def cmd_dip_list(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        rows = kip.list_dip(lib)
    finally:
        lib.close()

    def text() -> str:
        if not rows:
            return _("The Daftar Informasi Publik is empty; 'warta kip dip propose' suggests entries.")
        return "\n".join("{id:>5}  {category:<40}  {title}".format(
            id=r.id, category=kip.category_label(r.category), title=shown(r.title)) for r in rows)

    emit(args, {"entries": [r.to_json() for r in rows]}, text)
    return 0


def cmd_dip_propose(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        proposals = kip.propose_dip(lib)
        added = kip.add_proposals(lib, proposals, unit=args.unit, retention=args.retention) if args.add else []
    finally:
        lib.close()

    def text() -> str:
        if not proposals:
            return _("Every published article is already in the Daftar Informasi Publik.")
        lines = ["{id:>5}  {category:<40}  {title}".format(
            id=p.article_id, category=kip.category_label(p.category), title=shown(p.title)) for p in proposals]
        if args.add:
            lines.append(_("{count} entries added.").format(count=len(added)))
        return "\n".join(lines)

    emit(args, {"proposals": [p.to_json() for p in proposals], "added": added}, text)
    return 0


def cmd_dip_add(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    lib = open_library(args)
    try:
        entry_id = kip.add_dip(lib, args.category, args.title, summary=args.summary, unit=args.unit,
                               retention=args.retention)
    finally:
        lib.close()
    emit(args, {"id": entry_id}, _("Entry {id} added to the Daftar Informasi Publik.").format(id=entry_id))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.kip import api as kip

    if args.output == "-":
        raise UsageError(_("A spreadsheet cannot be printed; give a file name to -o."))
    lib = open_library(args)
    try:
        report = kip.semester_report(lib, args.semester)
        if args.output:
            check_output(args, lib)
            kip.write_xlsx(report, args.output)
    finally:
        lib.close()
    payload = report.to_json()
    payload["output"] = args.output

    def text() -> str:
        lines = [
            _("Information services, semester {semester} ({start} – {end})").format(
                semester=report.semester, start=report.start.isoformat(), end=report.end.isoformat()),
            _("Received: {count}").format(count=report.received),
            _("Information given: {count}; refused: {refused}").format(count=report.answered, refused=report.rejected),
            _("On time: {count}; late: {late}; not answered yet: {pending}").format(
                count=report.on_time, late=report.late, pending=report.pending),
            _("Not answered, past the deadline (on {date}): {count}").format(
                date=report.as_of.isoformat(), count=report.overdue),
            _("Extended: {count}; objections: {objected}").format(count=report.extended, objected=report.objected),
            _("Median response: {days} working days").format(
                days=report.median_response_days if report.median_response_days is not None else "–"),
        ]
        if args.output:
            lines.append(_("Written to {path}.").format(path=args.output))
        return "\n".join(lines)

    emit(args, payload, text)
    return 0
