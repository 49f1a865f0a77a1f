"""``warta contacts import|export|list``: partners and contacts on the command line."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import UsageError, add_output, check_output, common, emit, open_library, print_rejections, shown
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    contacts = sub.add_parser("contacts", help=_("import, export and list partners and contacts"))
    csub = contacts.add_subparsers(dest="contacts_command", required=True)

    p = common(csub.add_parser(
        "import", help=_("import contacts from vCard, CSV or .xlsx files"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_(
            "Contacts with the same phone or e-mail as an existing contact are merged without asking;\n"
            "similar names (also the same name at the same organisation) are only listed as candidates\n"
            "and imported as new contacts.\n\n"
            "With --json one object is printed:\n"
            "  added, merged, existing  person ids (numbers), each once, in the order of the files\n"
            "  rejected    entries not imported, each with source and reason; source is the FILE as\n"
            "              given on the command line, with :line N (vCard) or :row N (CSV, .xlsx)\n"
            "  warnings    values left out of contacts that were imported (same shape)\n"
            "  candidates  possible duplicates: source, name, organization and candidates\n"
            "              (existing contacts: id, name, organization, score)\n"
            "  entries     one per entry read: source, outcome (added, merged, existing, rejected),\n"
            "              person (the id it became or was merged into), same_as (the source of an\n"
            "              earlier entry of the same import it duplicates), reason (rejected ones)\n"
            "  tally       entries per outcome (they add up to the entries read); within: entries\n"
            "              that duplicate another entry of the same import\n"
            "  preview     counts: new, merge, existing, fuzzy, within, invalid, warnings\n"
            "  dry_run     true with --dry-run: nothing is written and added stays empty\n"
            "              (new contacts have no id yet; see preview.new)\n"
            "Exit code: 0 every entry imported, 1 some rejected, 2 nothing imported."),
    ))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would be imported; change nothing"))
    p.add_argument(
        "--map",
        metavar="MAPPING",
        help=_('columns of an unrecognised spreadsheet, e.g. "Nama Wartawan=full_name,HP=phone"'),
    )
    p.set_defaults(handler=cmd_import)

    p = common(csub.add_parser("export", help=_("export contacts as vCard, CSV or .xlsx")))
    p.add_argument("--list", metavar="NAME", help=_("only the members of this distribution list"))
    p.add_argument("--format", required=True, choices=["vcf", "csv", "xlsx"])
    add_output(p, metavar="OUT")
    p.set_defaults(handler=cmd_export)

    p = common(csub.add_parser("list", help=_("list people and organisations")))
    p.set_defaults(handler=cmd_list)

    p = common(csub.add_parser("duplicates", help=_("list contacts of the library that may be the same person")))
    p.set_defaults(handler=cmd_duplicates)

    p = common(csub.add_parser("merge", help=_("merge a duplicate contact into another (keeps every phone, e-mail and history)")))
    p.add_argument("keep", type=int, metavar="KEEP_ID")
    p.add_argument("other", type=int, metavar="DUPLICATE_ID")
    p.add_argument("--take", metavar="FIELDS", default="",
                   help=_("fields to take from the duplicate, e.g. full_name,position"))
    p.set_defaults(handler=cmd_merge)


def _candidates(preview) -> list[dict]:  # noqa: ANN001
    return [
        {
            "source": item.record.source,
            "name": item.record.full_name,
            "organization": item.record.organization,
            "candidates": [
                {"id": c.person_id, "name": c.name, "organization": c.organization, "score": round(c.score, 1)}
                for c in item.candidates
            ],
        }
        for item in preview.of("fuzzy")
    ]


def _dry_run_result(preview):  # noqa: ANN001, ANN202
    """What an import would report, without ids for the contacts it would add."""
    from desktop.contacts import api as contacts_api

    result = contacts_api.ContactImportResult()
    for item in preview.items:
        if item.target is not None:
            ids = result.existing if item.status == "same" else result.merged
            if item.target not in ids:
                ids.append(item.target)
    for r in preview.rejected:
        result.reject(r.source, r.reason)
    for r in preview.warnings:
        result.warn(r.source, r.reason)
    result.entries = contacts_api.preview_entries(preview)
    return result


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.contacts import api as contacts_api
    from desktop.contacts.api import parse_map_option

    mapping = parse_map_option(args.map) if args.map else None
    # A missing or unreadable file is one rejected entry in the report (the
    # reader names it), so scripts always get the JSON object.
    lib = open_library(args)
    try:
        preview = contacts_api.preview_import(lib, args.files, mapping)
        counts = preview.counts()
        result = _dry_run_result(preview) if args.dry_run else contacts_api.commit_import(lib, preview)
    finally:
        lib.close()
    if args.dry_run:
        code = 0 if not preview.rejected else (1 if preview.items else 2)
    else:
        code = result.exit_code
    candidates = _candidates(preview)
    payload = {**result.to_json(), "preview": counts, "candidates": candidates, "dry_run": bool(args.dry_run)}

    def text() -> str:
        lines = [
            _("{new} new, {merge} to merge, {existing} already present, {fuzzy} possible duplicates, {invalid} invalid").format(
                **counts
            )
        ]
        if not args.dry_run:
            # Counted per entry read (as the preview counts), not per person: an entry merged
            # into another entry of the same file is "merged" here, never missing.
            lines.append(contacts_api.entries_sentence(result.tally()))
            for e in result.entries:
                if e["same_as"]:
                    lines.append(_("twice in this import: {source} is the same contact as {other}").format(
                        source=shown(contacts_api.display_source(e["source"], keep_path=True)),
                        other=shown(contacts_api.display_source(e["same_as"], keep_path=True))))
        else:
            lines.append(_("Dry run: nothing was changed."))
            for item in preview.items:
                if item.target_item is not None:
                    lines.append(_("twice in this import: {source} is the same contact as {other}").format(
                        source=shown(contacts_api.display_source(item.record.source, keep_path=True)),
                        other=shown(contacts_api.display_source(preview.items[item.target_item].record.source,
                                                                keep_path=True))))
        for c in candidates:
            others = "; ".join(
                _("{name} ({organization}, id {id})").format(name=shown(x["name"]), organization=shown(x["organization"]),
                                                            id=x["id"]) for x in c["candidates"]
            )
            lines.append(_("possible duplicate: {source}: {name} ~ {others}").format(
                source=shown(contacts_api.display_source(c["source"], keep_path=True)), name=shown(c["name"]),
                others=others))
        return "\n".join(lines)

    emit(args, payload, text)
    if not args.json:
        print_rejections([{"source": shown(contacts_api.display_source(r["source"], keep_path=True)),
                           "reason": shown(r["reason"])} for r in result.rejected])
        for w in result.warnings:
            print(_("warning: {source}: {reason}").format(
                source=shown(contacts_api.display_source(w["source"], keep_path=True)), reason=shown(w["reason"])),
                file=sys.stderr)
    return code


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.contacts import api as contacts_api

    lib = open_library(args)
    try:
        list_id = contacts_api.find_list(lib, args.list) if args.list else None
        check_output(args, lib)
        count = contacts_api.export_to(lib, args.output, args.format, list_id=list_id)
    finally:
        lib.close()
    emit(args, {"exported": count, "output": args.output, "format": args.format},
         _("{count} contacts exported to {path}.").format(count=count, path=args.output))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.contacts import api as contacts_api

    lib = open_library(args)
    try:
        payload = contacts_api.all_for_listing(lib)
    finally:
        lib.close()

    def text() -> str:
        lines = []
        for p in payload["people"]:
            extra = shown(" · ".join(x for x in (p["organization"], ", ".join(p["phones"]), ", ".join(p["emails"])) if x))
            lines.append(f"{p['id']:>6}  {shown(p['name'])}" + (f"  —  {extra}" if extra else ""))
        if payload["organizations"]:
            lines.append("")
            lines.append(_("Organisations:"))
            for o in payload["organizations"]:
                lines.append(f"{o['id']:>6}  {shown(o['name'])}" + (f"  ({shown(o['type'])})" if o["type"] else ""))
        return "\n".join(lines) if lines else _("No contacts yet.")

    try:
        emit(args, payload, text)
    except BrokenPipeError:
        sys.stderr.close()
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from desktop.contacts import api as contacts_api

    known = [name for name, _label in contacts_api.MERGE_FIELDS]
    take = [f.strip() for f in args.take.split(",") if f.strip()]
    unknown = [f for f in take if f not in known]
    if unknown:
        raise UsageError(_("Unknown field '{field}' in --take. Use any of: {fields}.").format(
            field=unknown[0], fields=", ".join(known)))
    lib = open_library(args)
    try:
        choices = contacts_api.default_choices(lib, args.keep, args.other)
        choices.update({f: contacts_api.OTHER for f in take})
        contacts_api.merge_people(lib, args.keep, args.other, choices)
        name = contacts_api.get_person(lib, args.keep).data.full_name
    finally:
        lib.close()
    emit(args, {"kept": args.keep, "merged": args.other, "name": name},
         _("Contact {other} merged into {keep} ({name}).").format(other=args.other, keep=args.keep, name=shown(name)))
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from desktop.contacts import api as contacts_api

    lib = open_library(args)
    try:
        pairs = contacts_api.find_duplicates_in_library(lib)
    finally:
        lib.close()

    def text() -> str:
        if not pairs:
            return _("No contacts look like duplicates of each other.")
        lines = [_("{keep_id} {keep} ~ {other_id} {other}: {why} ({score}%); merge with: warta contacts merge {keep_id} {other_id}")
                 .format(keep_id=p.keep_id, other_id=p.other_id,
                         keep=shown(p.keep_name + (f" ({p.keep_organization})" if p.keep_organization else "")),
                         other=shown(p.other_name + (f" ({p.other_organization})" if p.other_organization else "")),
                         why=", ".join(p.reasons), score=round(p.score)) for p in pairs]
        return "\n".join(lines)

    emit(args, {"pairs": [{**asdict(p), "reasons": list(p.reasons), "score": round(p.score, 1)} for p in pairs]}, text)
    return 0
