"""``warta exchange export|import|keys …``: signed bundles between offices on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.cli import UsageError, add_output, check_output, common, emit, open_library, terminal_progress
from desktop.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("exchange", help=_("signed style packs and reports between offices"))
    esub = ex.add_subparsers(dest="exchange_command", required=True)

    p = common(esub.add_parser("export", help=_("write a signed style pack or report bundle")))
    p.add_argument("kind", choices=["style-pack", "report"])
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=_("first day of the report period"))
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=_("last day of the report period"))
    add_output(p)
    p.set_defaults(handler=cmd_export)

    p = common(esub.add_parser("import", help=_("verify and import bundles from other offices")))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    p.set_defaults(handler=cmd_import)

    keys = esub.add_parser("keys", help=_("this office's key and the keys it trusts"))
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    p = common(ksub.add_parser("show", help=_("this office's fingerprint, to read out over the phone")))
    p.set_defaults(handler=cmd_keys_show)
    p = common(ksub.add_parser("export", help=_("write this office's public key for a partner office")))
    add_output(p)
    p.set_defaults(handler=cmd_keys_export)
    p = common(ksub.add_parser("list", help=_("offices whose keys this office trusts")))
    p.set_defaults(handler=cmd_keys_list)
    p = common(ksub.add_parser("trust", help=_("trust the key in a .wartakey file or a bundle")))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", required=True, metavar="XXXX-XXXX-…",
                   help=_("the fingerprint the other office read out to you"))
    p.add_argument("--name", default="", metavar="TEXT", help=_("the office's name (default: as in the file)"))
    p.set_defaults(handler=cmd_keys_trust)
    p = common(ksub.add_parser("remove", help=_("stop trusting an office (what it reported is removed too)")))
    p.add_argument("key", metavar="FINGERPRINT")
    p.set_defaults(handler=cmd_keys_remove)


def _date(text: str | None) -> dt.date:
    if not text:
        raise UsageError(_("A report needs --from and --to (YYYY-MM-DD)."))
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(_("'{value}' is not a date; write it as YYYY-MM-DD.").format(value=text)) from exc


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        check_output(args, lib)
        target = Path(args.output).expanduser().absolute()
        with terminal_progress(args) as progress:
            if args.kind == "style-pack":
                out = exchange.export_style_pack(lib, target, progress)
                text = _("Style pack version {version} written to {file}.").format(version=out["version"], file=target)
            else:
                out = exchange.export_report(lib, target, _date(args.date_from), _date(args.date_to),
                                             progress)
                text = _("Report {sequence} ({count} items) written to {file}.").format(
                    sequence=out["sequence"], count=sum(out["counts"].values()), file=target)
    finally:
        lib.close()
    emit(args, out, text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import sys

    from desktop.exchange import api as exchange

    lib = open_library(args)
    results, failed = [], 0
    try:
        for name in args.files:
            path = Path(name).expanduser()
            try:
                with terminal_progress(args) as progress:
                    if args.dry_run:
                        out = exchange.preview(lib, path, progress)
                    else:
                        out = exchange.import_bundle(lib, path, progress)
            except exchange.ExchangeError as exc:
                failed += 1
                print(f"warta: {exc}", file=sys.stderr)
                results.append({"file": str(path), "ok": False, "error": str(exc)})
                continue
            entry = {"file": str(path), "ok": True, **out.to_json()}
            results.append(entry)
            if not args.json:
                print(_describe(entry))
    finally:
        lib.close()
    if args.json:
        emit(args, {"bundles": results}, "")
    if failed == 0:
        return 0
    return 1 if failed < len(args.files) else 2


def _describe(entry: dict) -> str:
    if "changes" in entry:
        lines = [_("{file}: style pack {version} from {office}.").format(
            file=entry["file"], version=entry["sequence"], office=entry["office"])]
        lines += ["  " + c for c in entry["changes"]] or ["  " + _("Nothing changes.")]
        return "\n".join(lines)
    if "counts" in entry:
        return _("{file}: report {sequence} from {office}: {count} items.").format(
            file=entry["file"], sequence=entry["sequence"], office=entry["office"], count=sum(entry["counts"].values()))
    return _("{file}: {added} new, {merged} updated, {existing} unchanged.").format(
        file=entry["file"], added=len(entry["added"]), merged=len(entry["merged"]), existing=len(entry["existing"]))


def cmd_keys_show(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        key = exchange.own_key(lib)
    finally:
        lib.close()
    emit(args, {"office_id": key.office_uid, "office": key.name, "fingerprint": key.fingerprint},
         _("{office}\nFingerprint: {fingerprint}").format(office=key.name, fingerprint=key.fingerprint))
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        check_output(args, lib)
        target = Path(args.output).expanduser().absolute()
        key = exchange.public_key_file(lib, target)
    finally:
        lib.close()
    emit(args, {"file": str(target), "fingerprint": key.fingerprint},
         _("Public key written to {file}. Fingerprint: {fingerprint}").format(file=target, fingerprint=key.fingerprint))
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        rows = exchange.trusted_offices(lib)
    finally:
        lib.close()
    payload = {"offices": [{"id": r.office_uid, "name": r.name, "fingerprint": r.fingerprint, "items": r.items}
                           for r in rows]}
    emit(args, payload, lambda: "\n".join(f"{r.fingerprint}  {r.name}" for r in rows) or _("No trusted offices yet."))
    return 0


def cmd_keys_trust(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        key = exchange.trust(lib, Path(args.file).expanduser(), args.fingerprint, name=args.name)
    finally:
        lib.close()
    emit(args, {"office_id": key.office_uid, "office": key.name, "fingerprint": key.fingerprint},
         _("{office} is trusted now ({fingerprint}).").format(office=key.name, fingerprint=key.fingerprint))
    return 0


def cmd_keys_remove(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    lib = open_library(args)
    try:
        name = exchange.forget(lib, args.key)
    finally:
        lib.close()
    emit(args, {"office": name}, _("{office} is no longer trusted.").format(office=name))
    return 0
