"""The command line: ``warta [SUBCOMMAND] [--library PATH] [--json]``.

Without a subcommand the window opens. Subcommands run headless on the same
library and never import Qt. Contract (every area follows it):

- exit 0: everything asked was done; 1: partly done (rejected items listed
  with reasons); 2: nothing done (bad arguments, unusable input or library).
- ``--json`` prints exactly one JSON object on stdout.
- Errors are one clear sentence on stderr, never a traceback.

Each area registers its subcommands in its own modules, listed as ``cli`` in
its entry of ``desktop.areas.AREAS``; those modules must stay cheap to import
(heavy imports go inside the handlers) because ``warta --version`` must start
in under 0.2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterator

from desktop import __version__
from desktop.errors import WartaError
from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.jobs import Progress

class UsageError(WartaError):
    exit_code = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit with its own text
        raise UsageError(_("Invalid arguments: {message}. See 'warta --help'.").format(message=message))


def common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Options every subcommand accepts."""
    # SUPPRESS keeps a top-level "warta --library X info" from being reset by the subparser.
    parser.add_argument(
        "--library",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=_("library folder (default: WARTA_LIBRARY or the user data folder)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object on stdout"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    from desktop.cli import argparse_text

    argparse_text.install()
    parser = _Parser(prog="warta", description=_("Warta: the humas office workstation."))
    # argparse words this help when it is imported, before its messages are translated.
    parser.add_argument("--version", action="version", version=f"Warta {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--library", metavar="PATH", help=_("open (or create) the library at PATH"))
    parser.add_argument("--lang", choices=["id", "en"], help=_("language for this run"))
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    from desktop import areas

    for name in areas.entries("cli"):
        areas.load(name).register(sub)
    return parser


# C0 controls, DEL and C1 controls (CSI \x9b, OSC \x9d …): a name holding them must not
# move the cursor, retitle the window or hide text in the user's terminal.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(value: object) -> str:
    """User text for the terminal: control characters written visibly as ``\\xNN`` (tab and newline kept)."""
    return _CONTROLS.sub(lambda m: "\\x{:02x}".format(ord(m.group())), str(value))


def emit(args: argparse.Namespace, payload: dict, text: str | Callable[[], str]) -> None:
    """Print ``payload`` as JSON with ``--json``, else the human text."""
    if getattr(args, "json", False):
        json.dump(payload, sys.stdout, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    else:
        out = text() if callable(text) else text
        if out:
            print(out)


@contextlib.contextmanager
def terminal_progress(args: argparse.Namespace) -> Iterator[Progress]:
    """The one progress line of long commands: on stderr, only when it is a
    terminal and never with ``--json``; the line is ended afterwards."""
    from desktop.jobs import Progress

    live = not getattr(args, "json", False) and sys.stderr.isatty()

    def show(done: int, total: int, current: str) -> None:
        if live and total:
            shown = current if len(current) <= 50 else "…" + current[-49:]
            print(f"\r{done}/{total} {shown:50}", end="", file=sys.stderr, flush=True)

    try:
        yield Progress(show)
    finally:
        if live:
            print(file=sys.stderr)


def add_output(parser: argparse.ArgumentParser, *, metavar: str = "FILE", help: str | None = None) -> None:  # noqa: A002
    """``-o/--output`` and ``--force`` of a command that writes a file (see :func:`check_output`)."""
    parser.add_argument("-o", "--output", required=True, metavar=metavar, help=help)
    parser.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))


def check_output(args: argparse.Namespace, library, *, folder: bool = False) -> None:  # noqa: ANN001
    """Refuse an output inside the library, one that is not an ordinary file (or folder), or an existing file without ``--force``.

    ``folder``: the output is a folder to write into (photo export).
    """
    from pathlib import Path

    from desktop.errors import ValidationError
    from desktop.library import export_target_problem

    if args.output == "-":
        return
    target = Path(args.output).expanduser().absolute()
    problem = export_target_problem(target, library.path, folder=folder)
    if problem:
        raise ValidationError(problem)
    if folder or not target.exists():
        return
    if not getattr(args, "force", False):
        raise ValidationError(
            _("{path} already exists; nothing was written. Choose another name, or add --force to replace it.").format(path=target)
        )


def print_rejections(rejected: list[dict]) -> None:
    for item in rejected:
        print(_("rejected: {source}: {reason}").format(**item), file=sys.stderr)


def open_library(args: argparse.Namespace, **options: Any):  # noqa: ANN201 - desktop.library.Library
    """The library of ``--library`` (``options`` go to :meth:`Library.open`); its warnings go to stderr."""
    from desktop.library import Library, resolve_library_path

    lib = Library.open(resolve_library_path(getattr(args, "library", None)), **options)
    for warning in getattr(lib, "warnings", ()):
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    # Headless commands act as the staff member remembered for this PC, or
    # as WARTA_USER (a staff name or id) when scripted.
    from desktop import staff

    try:
        lib.store.staff_id = staff.cli_actor(lib)
        _confirm_password(lib)
    except BaseException:
        lib.close()
        raise
    return lib


def _confirm_password(library) -> None:  # noqa: ANN001 - desktop.library.Library
    """Acting as a profile that has a password needs that password (else anyone could act as the Ketua).

    ``WARTA_PASSWORD`` for scripts; otherwise asked on a terminal. Missing or
    wrong: exit 2, nothing done.
    """
    from desktop import staff

    row = staff.get(library, library.store.staff_id)
    if row is None or not row.password_hash:
        return
    password = os.environ.get("WARTA_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(_(
                "{name} has a password: type it when asked, or set WARTA_PASSWORD for scripts. Nothing was done."
            ).format(name=shown(row.name)))
        import getpass

        password = getpass.getpass(_("Password for {name}: ").format(name=shown(row.name)))
    if not staff.verify_password(password, row.password_hash):
        raise UsageError(_("Wrong password for {name}; nothing was done.").format(name=shown(row.name)))


def run(argv: list[str]) -> int:
    # Fast path: --version must not pay for building every subparser.
    if argv[:1] == ["--version"]:
        print(f"Warta {__version__}")
        return 0
    from desktop import i18n, settings

    try:
        lang = _lang_from(argv) or os.environ.get("WARTA_LANG") or settings.load().language
        i18n.set_language(lang)
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            from desktop.ui.app import run_gui

            return run_gui(args.library)
        handler: Callable[[argparse.Namespace], int | None] = args.handler
        code = handler(args)
        return 0 if code is None else int(code)
    except WartaError as exc:
        print(f"warta: {exc}", file=sys.stderr)
        _json_error(argv, str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("warta: interrupted; nothing more was done."), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the contract: never a traceback
        if os.environ.get("WARTA_DEBUG"):
            raise
        from desktop.safety import api as safety

        # A full or read-only disk outside the database (photo copies, exports) is said plainly too.
        storage = safety.explain_storage_error(exc) if isinstance(exc, OSError) and exc.errno == errno.ENOSPC else None
        message = f"warta: {storage}" if storage is not None else _(
            "warta: unexpected error: {error}. Run again with WARTA_DEBUG=1 for details."
        ).format(error=f"{exc.__class__.__name__}: {exc}")
        print(message, file=sys.stderr)
        _json_error(argv, message)
        return 2


def _json_error(argv: list[str], message: str) -> None:
    """With ``--json``, a failure is still one JSON object on stdout for scripts."""
    if "--json" in argv:
        json.dump({"ok": False, "error": message}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")


def _lang_from(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


Handler = Callable[[argparse.Namespace], Any]
