"""Foundation subcommands: info, check, office, staff, demo."""

from __future__ import annotations

import argparse

from desktop.cli import common, emit, open_library, shown, terminal_progress
from desktop.i18n import N_, _
from desktop.errors import os_reason


def register(sub: argparse._SubParsersAction) -> None:
    p = common(sub.add_parser("info", help=_("show the library's path, schema and counts")))
    p.set_defaults(handler=cmd_info)

    p = common(sub.add_parser("check", help=_("check the database and managed files")))
    p.add_argument("--repair", action="store_true", help=_("rebuild indexes and thumbnails where possible"))
    p.set_defaults(handler=cmd_check)

    office = sub.add_parser("office", help=_("show or set the office profile"))
    osub = office.add_subparsers(dest="office_command", required=True)
    p = common(osub.add_parser("show", help=_("print the office profile")))
    p.set_defaults(handler=cmd_office_show)
    p = common(osub.add_parser("set", help=_("change fields of the office profile")))
    for name, help_text in OFFICE_OPTIONS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="TEXT", help=_(help_text))
    p.add_argument("--logo", metavar="FILE", help=_("logo image (PNG, JPEG, GIF or WebP)"))
    p.add_argument("--release-pattern", dest="release_number_pattern", metavar="PATTERN",
                   help=_("release number pattern, e.g. {example}").format(example=EXAMPLE_PATTERN))
    p.add_argument("--self-approval", choices=["on", "off"],
                   help=_("let a writer approve their own text (Admin only; logged)"))
    p.add_argument("--card-colour", dest="primary_colour", metavar="#RRGGBB", help=_("main colour of social-media cards"))
    p.add_argument("--accent-colour", dest="accent_colour", metavar="#RRGGBB", help=_("accent colour of social-media cards"))
    p.add_argument("--hashtags", metavar="TAGS", help=_("hashtags every caption ends with, e.g. '#BawasluJember #AwasiPemilu'"))
    p.set_defaults(handler=cmd_office_set)

    # The office's own standard (what its style pack carries to member offices): Admin only to change.
    template = osub.add_parser("template", help=_("show or change the office's template of an article kind"))
    tsub = template.add_subparsers(dest="template_command", required=True)
    p = common(tsub.add_parser("show", help=_("print the lead and body new articles of a kind start from")))
    p.add_argument("kind", metavar="KIND")
    p.set_defaults(handler=cmd_office_template, action="show")
    p = common(tsub.add_parser("set", help=_("set the lead and/or body of a kind from text files (Admin only)")))
    p.add_argument("kind", metavar="KIND")
    p.add_argument("--lead-file", metavar="FILE", help=_("UTF-8 text file with the lead"))
    p.add_argument("--body-file", metavar="FILE", help=_("UTF-8 text file with the body (Markdown)"))
    p.set_defaults(handler=cmd_office_template, action="set")
    p = common(tsub.add_parser("reset", help=_("go back to Warta's built-in template of a kind (Admin only)")))
    p.add_argument("kind", metavar="KIND")
    p.set_defaults(handler=cmd_office_template, action="reset")

    kop = osub.add_parser("kop", help=_("show or change the letterhead (kop) rules"))
    ksub = kop.add_subparsers(dest="kop_command", required=True)
    p = common(ksub.add_parser("show", help=_("print the letterhead (kop) rules")))
    p.set_defaults(handler=cmd_office_kop)
    p = common(ksub.add_parser("set", help=_("change letterhead (kop) rules (Admin only)")))
    p.add_argument("--paper", metavar="a4|f4|letter", help=_("paper of releases and approval sheets"))
    for name, help_text in KOP_OPTIONS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="yes|no", help=_(help_text))
    p.set_defaults(handler=cmd_office_kop)

    staff = sub.add_parser("staff", help=_("list, add or change staff profiles"))
    ssub = staff.add_subparsers(dest="staff_command", required=True)
    p = common(ssub.add_parser("list", help=_("list staff profiles")))
    p.set_defaults(handler=cmd_staff_list)
    p = common(ssub.add_parser("add", help=_("add a staff profile")))
    p.add_argument("name")
    p.add_argument("--position", default="")
    p.add_argument("--role", default="writer", choices=ROLES)
    p.add_argument("--password", action="store_true", help=_(PASSWORD_HELP))
    p.set_defaults(handler=cmd_staff_add)
    p = common(ssub.add_parser("set", help=_("change a staff profile (Admin only)")))
    p.add_argument("who", metavar="ID|NAME")
    p.add_argument("--name")
    p.add_argument("--position")
    p.add_argument("--role", choices=ROLES)
    pw = p.add_mutually_exclusive_group()
    pw.add_argument("--password", action="store_true", help=_(PASSWORD_HELP))
    pw.add_argument("--no-password", action="store_true", help=_("remove the profile's password"))
    p.set_defaults(handler=cmd_staff_set)

    p = common(sub.add_parser("demo", help=_("fill a library with generated sample data")))
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--contacts", type=int, default=300)
    p.add_argument("--photos", type=int, default=40)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--force", action="store_true", help=_("add demo data even if the library already holds data"))
    p.set_defaults(handler=cmd_demo)


ROLES = ["writer", "editor", "secretariat", "admin"]
EXAMPLE_PATTERN = "'{seq:03}/HM.01/{office}/{month:roman}/{year}'"
PASSWORD_HELP = N_(
    "set a new password: asked twice on a terminal, or read from WARTA_NEW_PASSWORD in scripts; "
    "it is never an argument, which would stay in the shell history"
)
# Extra columns shown by "office show" besides OFFICE_OPTIONS.
OFFICE_LABELS = {
    "logo": N_("logo file in the library"),
    "primary_colour": N_("main colour of social-media cards"),
    "accent_colour": N_("accent colour of social-media cards"),
    "hashtags": N_("hashtags"),
    "release_number_pattern": N_("release number pattern"),
    "allow_self_approval": N_("self-approval allowed"),
}

OFFICE_OPTIONS = [
    ("name", N_("full institution name")),
    ("short_name", N_("short name, e.g. Bawaslu Jember")),
    ("unit", N_("unit or division")),
    ("address", N_("postal address")),
    ("phone", N_("telephone")),
    ("email", N_("e-mail address")),
    ("website", N_("website")),
    ("city", N_("default dateline city")),
    ("boilerplate", N_("the 'About us' paragraph")),
    ("photo_credit", N_("default photo credit, e.g. dok. Humas Bawaslu Jember")),
]


def cmd_info(args: argparse.Namespace) -> int:
    from database.schema import schema_label
    from desktop import stats

    lib = open_library(args)
    try:
        payload = {"library": str(lib.path), "schema": schema_label(lib.store.engine), **stats.counts(lib)}
        payload["size_bytes"] = lib.size_bytes()
    finally:
        lib.close()

    def text() -> str:
        rows = [
            (_("Library"), payload["library"]),
            (_("Schema"), payload["schema"]),
            *((label, payload[key]) for key, label in stats.labels().items()),
            (_("Size"), stats.human_size(payload["size_bytes"])),
        ]
        width = max(len(k) for k, _v in rows)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)

    emit(args, payload, text)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from desktop.check import run_checks
    from desktop.errors import LibraryError

    try:
        lib = open_library(args, remove_foreign=args.repair)
    except LibraryError as exc:
        # A library too damaged to open still deserves a list of what is
        # wrong with its database file.
        problems = _raw_database_problems(args) or [str(exc)]
        emit(args, {"ok": False, "problems": problems}, lambda: "\n".join(problems))
        return 1
    try:
        problems = run_checks(lib, repair=args.repair)
    finally:
        lib.close()
    from desktop.check import repaired

    marker = repaired("")
    unresolved = [p for p in problems if not p.startswith(marker)]
    ok = not unresolved
    emit(
        args,
        {"ok": ok, "problems": problems},
        lambda: "\n".join(problems) if problems else _("No problems found."),
    )
    return 0 if ok else 1


def _raw_database_problems(args: argparse.Namespace) -> list[str]:
    import sqlite3

    from desktop.library import DB_NAME, resolve_library_path

    db = resolve_library_path(getattr(args, "library", None)) / DB_NAME
    if not db.is_file():
        return []
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [_("database integrity: {row}").format(row=f"{db}: {exc}")]
    if rows == ["ok"]:
        return []
    return [_("database integrity: {row}").format(row=r) for r in rows[:50]]


def cmd_office_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from desktop import office

    lib = open_library(args)
    try:
        profile = office.load(lib)
    finally:
        lib.close()
    data = asdict(profile)
    labels = {**dict(OFFICE_OPTIONS), **OFFICE_LABELS}

    def text() -> str:
        rows = [(_(labels.get(k, k)), v) for k, v in data.items()]
        width = max(len(k) for k, _v in rows)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)

    emit(args, data, text)
    return 0


def cmd_office_set(args: argparse.Namespace) -> int:
    from dataclasses import asdict
    from pathlib import Path

    from desktop import office

    lib = open_library(args)
    try:
        _refuse_role(lib, "writer", _("A Writer cannot change the office profile; act as an Editor, Secretariat or Admin with WARTA_USER. Nothing was changed."))
        profile = office.load(lib)
        for name in [n for n, _help in OFFICE_OPTIONS] + ["release_number_pattern", *office.STYLE_FIELDS]:
            value = getattr(args, name)
            if value is not None:
                setattr(profile, name, value)
        if args.self_approval is not None:
            profile.allow_self_approval = args.self_approval == "on"
        office.save(lib, profile, logo_file=Path(args.logo) if args.logo else None)
        data = asdict(office.load(lib))
    finally:
        lib.close()
    emit(args, data, _("Office profile saved."))
    return 0


KOP_OPTIONS = [
    ("name_in_capitals", N_("the office name in capitals")),
    ("double_rule", N_("a thick-and-thin double rule under the kop (no: a single rule)")),
    ("contact_line", N_("the address and contact line under the name")),
]
_YES_NO = {"yes": True, "no": False, "ya": True, "tidak": False, "true": True, "false": False}


def _read_text_file(path: str) -> str:
    from pathlib import Path

    from desktop.cli import UsageError

    try:
        return Path(path).read_text(encoding="utf-8").replace("\r\n", "\n").strip("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(_("Cannot read {path} as UTF-8 text: {error}. Nothing was changed.").format(
            path=path, error=os_reason(exc))) from exc


def cmd_office_template(args: argparse.Namespace) -> int:
    from desktop.cli import UsageError
    from desktop.exchange import api as exchange

    kind = exchange.check_kind(args.kind)
    lib = open_library(args)
    try:
        if args.action == "set":
            value = {}
            if args.lead_file:
                value["lead"] = _read_text_file(args.lead_file)
            if args.body_file:
                value["body"] = _read_text_file(args.body_file)
            if not value:
                raise UsageError(_("Give --lead-file, --body-file or both. Nothing was changed."))
            exchange.save_standard(lib, templates={kind: value})
        elif args.action == "reset":
            exchange.save_standard(lib, templates={kind: None})
        own = exchange.template_for(lib, kind)
    finally:
        lib.close()
    shown_template = {**exchange.builtin_template(kind), **(own or {})}
    data = {"kind": kind, "lead": shown_template["lead"], "body": shown_template["body"], "builtin": own is None}

    def text() -> str:
        from desktop.articles import api as articles

        head = {"set": _("Template of {kind} saved."), "reset": _("Template of {kind} is Warta's built-in one again.")}
        lines = [head[args.action].format(kind=articles.kind_label(kind))] if args.action in head else []
        if args.action == "show":
            lines.append(_("Template of {kind} ({source})").format(
                kind=articles.kind_label(kind), source=_("built-in") if own is None else _("this office's standard")))
        lines += ["", _("Lead:"), data["lead"], "", _("Body:"), data["body"]]
        return "\n".join(lines)

    emit(args, data, text)
    return 0


def cmd_office_kop(args: argparse.Namespace) -> int:
    from desktop.exchange import api as exchange

    change: dict = {}
    if getattr(args, "kop_command", "show") == "set":
        if args.paper is not None:
            change["paper"] = args.paper.strip().lower()
        for name, _help in KOP_OPTIONS:
            raw = getattr(args, name)
            if raw is not None:
                # Not yes/no: handed on as typed, so the one check of kop rules names it.
                change[name] = _YES_NO.get(raw.strip().lower(), raw)
        exchange.check_kop(change)  # a wrong value is refused before the library is even opened
    lib = open_library(args)
    try:
        if change:
            exchange.save_standard(lib, kop=change)
        rules = exchange.kop_rules(lib)
    finally:
        lib.close()

    def text() -> str:
        yes_no = {True: _("yes"), False: _("no")}
        rows = [(_("paper of releases and approval sheets"), exchange.paper_label(rules["paper"]))]
        rows += [(_(label), yes_no[rules[name]]) for name, label in KOP_OPTIONS]
        width = max(len(k) for k, _v in rows)
        out = "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
        return (_("Letterhead (kop) rules saved.") + "\n" + out) if change else out

    emit(args, rules, text)
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    from desktop import staff

    lib = open_library(args)
    try:
        rows = [
            {"id": r.id, "name": r.name, "position": r.position, "role": r.role}
            for r in staff.list_staff(lib)
        ]
    finally:
        lib.close()
    emit(
        args,
        {"staff": rows},
        lambda: "\n".join(f"{r['id']}\t{r['name']}\t{r['position']}\t{staff.role_label(r['role'])}" for r in rows),
    )
    return 0


def _staff_json(row) -> dict:  # noqa: ANN001 - database.models.Staff
    return {"id": row.id, "name": row.name, "position": row.position, "role": row.role,
            "has_password": bool(row.password_hash)}


def _refuse_role(lib, role: str | None, message: str) -> None:  # noqa: ANN001 - desktop.library.Library
    """The window disables what the acting profile's role may not do; the command line refuses the same."""
    from desktop import staff

    row = staff.get(lib, lib.store.staff_id)
    if (row.role if row is not None else None) == role:
        from desktop.errors import WartaError

        raise WartaError(message)


def _require_admin(lib) -> None:  # noqa: ANN001 - desktop.library.Library
    """Only an Admin adds or changes staff profiles, as in the window's settings."""
    from desktop import staff
    from desktop.errors import WartaError

    if not staff.list_staff(lib):
        return  # the first profile of a new library: nobody could be Admin yet
    row = staff.get(lib, lib.store.staff_id)
    if row is None or row.role != "admin":
        raise WartaError(_(
            "Only an Admin can add or change staff profiles; act as an Admin with WARTA_USER. Nothing was changed."
        ))


def _new_password() -> str:
    """The new password from WARTA_NEW_PASSWORD, else typed twice on a terminal."""
    import os
    import sys

    from desktop.cli import UsageError

    password = os.environ.get("WARTA_NEW_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise UsageError(_("Type the new password when asked, or set WARTA_NEW_PASSWORD for scripts. Nothing was changed."))
        import getpass

        password = getpass.getpass(_("New password: "))
        if getpass.getpass(_("New password again: ")) != password:
            raise UsageError(_("The two passwords differ; nothing was changed."))
    if not password:
        raise UsageError(_("The new password is empty; use --no-password to remove a password. Nothing was changed."))
    return password


def cmd_staff_add(args: argparse.Namespace) -> int:
    from desktop import staff

    lib = open_library(args)
    try:
        _require_admin(lib)
        password = _new_password() if args.password else None
        new_id = staff.create(lib, staff.StaffInput(name=args.name, position=args.position, role=args.role, password=password))
        data = _staff_json(staff.get(lib, new_id))
    finally:
        lib.close()
    emit(args, data, _("Staff profile {id} added.").format(id=new_id))
    return 0


def cmd_staff_set(args: argparse.Namespace) -> int:
    from desktop import staff
    from desktop.errors import ValidationError

    lib = open_library(args)
    try:
        _require_admin(lib)
        wanted = args.who.strip()
        row = next((r for r in staff.list_staff(lib) if str(r.id) == wanted or r.name.casefold() == wanted.casefold()), None)
        if row is None:
            raise ValidationError(_("There is no staff profile named {name}.").format(name=shown(wanted)))
        password = _new_password() if args.password else ("" if args.no_password else None)
        staff.update(lib, row.id, staff.StaffInput(
            name=row.name if args.name is None else args.name,
            position=row.position if args.position is None else args.position,
            role=args.role or row.role,
            password=password,
        ))
        data = _staff_json(staff.get(lib, row.id))
    finally:
        lib.close()
    emit(args, data, _("Staff profile {id} saved.").format(id=data["id"]))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop import demo

    from desktop import stats
    from desktop.errors import WartaError

    lib = open_library(args)
    existing = stats.counts(lib)
    if any(existing.values()) and not args.force:
        lib.close()
        # Generated data mixed into an office's real archive could not be
        # told apart from it later.
        raise WartaError(
            _(
                "The library at {path} already holds data; demo data is only added to a new or empty "
                "library. Choose a new folder with --library, or add --force."
            ).format(path=lib.path)
        )

    try:
        with terminal_progress(args) as progress:
            counts = demo.generate(
                lib,
                {"articles": args.articles, "contacts": args.contacts, "photos": args.photos},
                seed=args.seed,
                progress=progress,
            )
    finally:
        lib.close()
    emit(
        args,
        {"library": str(lib.path), **counts},
        lambda: _("Demo data written to {path}: {articles} articles, {contacts} contacts, {photos} photos, {kits} press kits.").format(
            path=lib.path, **counts
        ),
    )
    return 0
