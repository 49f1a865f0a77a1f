"""Foundation subcommands: info, check, office, staff, demo."""

from __future__ import annotations

import argparse

from desktop.cli import common, emit, open_library, terminal_progress
from desktop.i18n import N_, _


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
    p.set_defaults(handler=cmd_office_set)

    staff = sub.add_parser("staff", help=_("list or add staff profiles"))
    ssub = staff.add_subparsers(dest="staff_command", required=True)
    p = common(ssub.add_parser("list", help=_("list staff profiles")))
    p.set_defaults(handler=cmd_staff_list)
    p = common(ssub.add_parser("add", help=_("add a staff profile")))
    p.add_argument("name")
    p.add_argument("--position", default="")
    p.add_argument("--role", default="writer", choices=["writer", "editor", "secretariat", "admin"])
    p.set_defaults(handler=cmd_staff_add)

    p = common(sub.add_parser("demo", help=_("fill a library with generated sample data")))
    p.add_argument("--articles", type=int, default=200)
    p.add_argument("--contacts", type=int, default=300)
    p.add_argument("--photos", type=int, default=40)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--force", action="store_true", help=_("add demo data even if the library already holds data"))
    p.set_defaults(handler=cmd_demo)


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
            (_("Articles"), payload["articles"]),
            (_("Contacts"), payload["contacts"]),
            (_("Organisations"), payload["organizations"]),
            (_("Photos"), payload["photos"]),
            (_("Press kits"), payload["kits"]),
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
    labels = dict(OFFICE_OPTIONS)
    labels["logo"] = N_("logo file in the library")

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
        profile = office.load(lib)
        for name, _help in OFFICE_OPTIONS:
            value = getattr(args, name)
            if value is not None:
                setattr(profile, name, value)
        office.save(lib, profile, logo_file=Path(args.logo) if args.logo else None)
        data = asdict(office.load(lib))
    finally:
        lib.close()
    emit(args, data, _("Office profile saved."))
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


def cmd_staff_add(args: argparse.Namespace) -> int:
    from desktop import staff

    lib = open_library(args)
    try:
        new_id = staff.create(lib, staff.StaffInput(name=args.name, position=args.position, role=args.role))
    finally:
        lib.close()
    emit(args, {"id": new_id}, _("Staff profile {id} added.").format(id=new_id))
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
