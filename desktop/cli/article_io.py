"""``warta article import FILE...`` and ``warta article export ID``; ``warta glossary``."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import add_output, check_output, common, emit, open_library, print_rejections, terminal_progress
from desktop.cli.articles import add_article_subcommand
from desktop.i18n import _

EXPORT_FORMATS = ["docx", "md", "txt", "whatsapp", "pdf"]


def register(sub: argparse._SubParsersAction) -> None:
    p = add_article_subcommand(sub, "import", help=_("import articles from .docx, .md or .txt files and saved web pages (.html, .mhtml)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_import)

    p = add_article_subcommand(sub, "export", help=_("export one article as .docx, .md, .txt, WhatsApp text or a PDF on the letterhead"))
    p.add_argument("id", type=int)
    p.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="docx", help=_("file format (default: docx)"))
    add_output(p, metavar="OUT", help=_("file to write ('-' prints the text)"))
    p.set_defaults(handler=cmd_export)

    glossary = sub.add_parser("glossary", help=_("export or import the office style glossary"))
    gsub = glossary.add_subparsers(dest="glossary_command", required=True)
    p = common(gsub.add_parser("export", help=_("write the glossary to a CSV file")))
    add_output(p)
    p.set_defaults(handler=cmd_glossary_export)
    p = common(gsub.add_parser("import", help=_("replace the glossary with the rules in a CSV file")))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--merge", action="store_true", help=_("add to the current rules instead of replacing them"))
    p.set_defaults(handler=cmd_glossary_import)
    p = common(gsub.add_parser("check", help=_("list glossary findings in a text file")))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_glossary_check)


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.articles.api import import_files

    lib = open_library(args)
    try:
        with terminal_progress(args) as progress:
            result = import_files(lib, args.files, progress)
    finally:
        lib.close()

    def text() -> str:
        from desktop.articles.api import import_summary

        # The same lines the window shows after an import (what each file gave besides its text).
        lines = import_summary(result)
        lines.append(
            _("{added} added, {existing} already present, {rejected} rejected.").format(
                added=len(result.added), existing=len(result.existing), rejected=len(result.rejected)
            )
        )
        return "\n".join(lines)

    emit(args, result.to_json(), text)
    if not args.json:
        print_rejections(result.rejected)
    return result.exit_code


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        check_output(args, lib)
        # The approved revision is what gets written; a newer draft is said, not hidden.
        warning = articles.document_for_output(lib, args.id).warning
        if warning:
            print(_("warning: {message}").format(message=warning), file=sys.stderr)
        if args.output == "-":
            data = articles.export_bytes(lib, args.id, args.format)
            if args.format in ("docx", "pdf"):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data.decode("utf-8"))
            return 0
        out = articles.export_article(lib, args.id, args.format, args.output)
    finally:
        lib.close()
    emit(
        args,
        {"id": args.id, "format": args.format, "output": str(out), "warnings": [warning] if warning else []},
        _("Article {id} exported to {path}.").format(id=args.id, path=out),
    )
    return 0


def cmd_glossary_export(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    lib = open_library(args)
    try:
        check_output(args, lib)
        rules = articles.load_glossary(lib)
        articles.export_glossary(rules, args.output)
    finally:
        lib.close()
    emit(args, {"rules": len(rules), "output": args.output},
         _("{count} glossary rules written to {path}.").format(count=len(rules), path=args.output))
    return 0


def cmd_glossary_import(args: argparse.Namespace) -> int:
    from desktop.articles import api as articles

    rules = articles.import_glossary(args.file)
    lib = open_library(args)
    try:
        if args.merge:
            rules = articles.merge_glossary(articles.load_glossary(lib), rules)
        articles.save_glossary(lib, rules)
    finally:
        lib.close()
    emit(args, {"rules": len(rules)}, _("The glossary now has {count} rules.").format(count=len(rules)))
    return 0


def cmd_glossary_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.articles import api as articles
    from desktop.articles.api import read_text

    text = read_text(Path(args.file))
    lib = open_library(args)
    try:
        checker = articles.Checker(articles.load_glossary(lib))
    finally:
        lib.close()
    found = checker.check(text)
    emit(
        args,
        {"matches": [m.to_json() for m in found]},
        lambda: "\n".join(
            _("{line}:{column}: '{found}' → '{preferred}'").format(**m.to_json(), **_position(text, m.start))
            for m in found
        ) or _("No glossary findings."),
    )
    return 1 if found else 0


def _position(text: str, offset: int) -> dict:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return {"line": line, "column": column}
