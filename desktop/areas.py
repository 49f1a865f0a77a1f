"""The one registry: what each area of the app plugs into the shared parts.

Every consumer (the CLI, ``warta check``, ``warta demo``, global search,
Beranda, the sidebar, Settings, ``warta info``, edit locks) iterates
:data:`AREAS` in order and takes the field it needs. References are
``"module"`` or ``"module:attr"`` strings resolved with :func:`load` only when
used, so importing this module costs nothing (``warta --version`` and
``warta info`` must not import Qt, reportlab, Pillow …).

Order matters and is the order users see: sidebar sections, ``warta --help``,
the order checks run in, Settings tabs, how search interleaves kinds.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, NamedTuple

from desktop.i18n import N_


class Section(NamedTuple):
    """A sidebar entry: its key, the ``"module:Class"`` of its view, its icon (``resources/icons/sections/<icon>.svg``)."""

    key: str
    view: str
    icon: str


@dataclass(frozen=True)
class Area:
    """What one area registers. Every field but ``name`` is optional.

    - ``api``: the area's public module (other areas call only this one).
    - ``cli``: modules with ``register(subparsers)``.
    - ``checks``: ``"module:function"`` → ``(library, repair) -> [problems]``.
    - ``content_checks``: like ``checks``, but about what users wrote (style,
      glossary), not broken data; they run after every area's ``checks``.
    - ``search``: ``"module:function"`` → ``(library, query, limit) -> [Hit]``.
    - ``reindex``: ``"module:function"`` → ``(tx) -> None``, rebuilding the
      area's search indexes from its tables (after an upgrade changed them).
    - ``references``: ``"module:function"`` → ``(session, kind, ids) -> [sentences]``
      naming what of this area uses the given rows of another area, so that
      deleting them is refused with that sentence (``desktop.references``).
    - ``overview``: ``"module:function"`` → ``(library, staff_id) -> [Card]`` for Beranda.
    - ``demo``: ``"module:function"`` → ``(library, counts, rng, progress)``.
    - ``section``: its sidebar :class:`Section`.
    - ``settings_pages``: ``"module:Class"`` of extra Settings tabs.
    - ``counted``: ``(info key, table, label)`` counted by ``warta info`` and on Beranda
      (the label marked with ``N_``, translated where it is shown).
    - ``locked``: entity kinds whose edit lock this area marks in its own rows:
      ``api`` provides ``mark_locked(tx, entity, id, staff_id, at)`` and
      ``clear_lock_marks(connection)`` (see ``desktop.safety.locks``).
    - ``exchange``: ``"module:NAME"`` of a ``desktop.exchange.api.BundleSection``:
      this area's part of a style pack or report bundle (``desktop.exchange.sections``).
    """

    name: str
    api: str = ""
    cli: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    content_checks: tuple[str, ...] = ()
    search: tuple[str, ...] = ()
    reindex: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    overview: tuple[str, ...] = ()
    demo: tuple[str, ...] = ()
    section: Section | None = None
    settings_pages: tuple[str, ...] = ()
    counted: tuple[tuple[str, str, str], ...] = ()
    locked: tuple[str, ...] = ()
    exchange: tuple[str, ...] = ()


core = Area(
    "core",
    cli=("desktop.cli.core", "desktop.cli.library", "desktop.cli.search"),
    checks=("desktop.check:database_integrity",),
    section=Section("home", "desktop.ui.sections.home:HomeSection", "go-home"),
    settings_pages=("desktop.ui.server_page:ServerPage",),
)
safety = Area(
    "safety",
    api="desktop.safety.api",
    cli=("desktop.cli.safety",),
    checks=(
        "desktop.safety.checks:schema_objects",
        "desktop.safety.checks:stored_paths",
        "desktop.safety.checks:leftovers",
        "desktop.safety.checks:managed_files",
    ),
    overview=("desktop.safety.backup:overview_cards", "desktop.safety.sweep:overview_cards"),
    settings_pages=("desktop.ui.backup_page:BackupPage",),
)
articles = Area(
    "articles",
    api="desktop.articles.api",
    cli=("desktop.cli.articles", "desktop.cli.article_io", "desktop.cli.article_sheet"),
    checks=("desktop.articles.store:check_index", "desktop.articles.approval:check"),
    content_checks=("desktop.articles.glossary:check",),
    search=("desktop.articles.search:global_hits",),
    reindex=("desktop.articles.store:reindex",),
    overview=("desktop.articles.overview:cards",),
    demo=("desktop.articles.demo:generate",),
    section=Section("articles", "desktop.ui.sections.articles:ArticlesSection", "document-edit"),
    settings_pages=("desktop.ui.glossary_page:GlossaryPage",),
    counted=(("articles", "articles", N_("Articles")),),
    locked=("article",),
    exchange=("desktop.articles.exchange_sections:GLOSSARY", "desktop.articles.exchange_sections:RELEASES"),
)
contacts = Area(
    "contacts",
    api="desktop.contacts.api",
    cli=("desktop.cli.contacts",),
    checks=("desktop.contacts.providers:check",),
    search=("desktop.contacts.providers:search",),
    reindex=("desktop.contacts.store:reindex",),
    overview=("desktop.contacts.providers:overview",),
    demo=("desktop.contacts.demo:generate",),
    section=Section("contacts", "desktop.ui.sections.contacts:ContactsSection", "x-office-address-book"),
    settings_pages=("desktop.ui.org_types_page:OrgTypesPage",),
    counted=(("contacts", "people", N_("Contacts")), ("organizations", "organizations", N_("Organisations"))),
    exchange=(
        "desktop.contacts.exchange_sections:COVERAGE",
        "desktop.contacts.exchange_sections:ACTIVITIES",
        "desktop.contacts.exchange_sections:MOUS",
    ),
)
photos = Area(
    "photos",
    api="desktop.photos.api",
    cli=("desktop.cli.photos",),
    checks=("desktop.photos.checks:check",),
    search=("desktop.photos.store:search_photos",),
    reindex=("desktop.photos.store:reindex",),
    demo=("desktop.photos.demo:generate",),
    section=Section("photos", "desktop.ui.sections.photos:PhotosSection", "image-x-generic"),
    counted=(("photos", "photos", N_("Photos")),),
)
kits = Area(
    "kits",
    api="desktop.kits.api",
    cli=("desktop.cli.kits",),
    checks=("desktop.kits.checks:check",),
    search=("desktop.kits.store:search_kits",),
    reindex=("desktop.kits.checks:reindex",),
    references=("desktop.kits.store:users_of",),
    overview=("desktop.kits.overview:cards",),
    demo=("desktop.kits.demo:generate",),
    section=Section("kits", "desktop.ui.sections.kits:KitsSection", "x-office-document"),
    counted=(("kits", "kits", N_("Press kits")),),
)

distribution = Area(
    "distribution",
    api="desktop.distribution.api",
    cli=("desktop.cli.send",),
    settings_pages=("desktop.ui.smtp_page:SmtpPage",),
)

exchange = Area(
    "exchange",
    api="desktop.exchange.api",
    cli=("desktop.cli.exchange",),
    section=Section("exchange", "desktop.ui.sections.exchange:ExchangeSection", "network-workgroup"),
    settings_pages=("desktop.ui.standard_page:StandardPage",),
    counted=(("reported_items", "exchange_items", N_("Items reported by member offices")),),
    exchange=(
        "desktop.exchange.sections:BOILERPLATE",
        "desktop.exchange.sections:TEMPLATES",
        "desktop.exchange.sections:KOP",
        "desktop.exchange.sections:RELEASE_NUMBER",
        "desktop.exchange.sections:HASHTAGS",
        "desktop.exchange.sections:PHOTOS",
        "desktop.exchange.sections:CLARIFICATIONS",
    ),
)

social = Area(
    "social",
    api="desktop.social.api",
    cli=("desktop.cli.social",),
)

claims = Area(
    "claims",
    api="desktop.claims.api",
    cli=("desktop.cli.claims",),
    checks=("desktop.claims.store:check",),
    search=("desktop.claims.store:search_hits",),
    reindex=("desktop.claims.store:reindex",),
    overview=("desktop.claims.overview:cards",),
    section=Section("claims", "desktop.ui.sections.claims:ClaimsSection", "dialog-warning"),
    demo=("desktop.claims.demo:generate",),
    counted=(("claims", "claims", N_("Claims")),),
)

kip = Area(
    "kip",
    api="desktop.kip.api",
    cli=("desktop.cli.kip",),
    overview=("desktop.kip.overview:cards",),
    section=Section("kip", "desktop.ui.sections.kip:KipSection", "dialog-information"),
    demo=("desktop.kip.demo:generate",),
    counted=(("information_requests", "kip_requests", N_("Information requests")),),
)

# The editorial calendar stores nothing: it gathers other areas' dates through their api.
planner = Area(
    "planner",
    api="desktop.planner.api",
    cli=("desktop.cli.planner",),
    overview=("desktop.planner.overview:cards",),
    section=Section("planner", "desktop.ui.sections.planner:PlannerSection", "x-office-calendar"),
)

# The Laporan kehumasan reads every other area through its api; it stores only the narratives people write.
reports = Area(
    "reports",
    api="desktop.reports.api",
    cli=("desktop.cli.reports",),
)

AREAS: tuple[Area, ...] = (core, safety, articles, contacts, photos, kits, claims, distribution, exchange, social, kip,
                           planner, reports)


def entries(field: str) -> list:
    """Every area's entries of one tuple field, in :data:`AREAS` order."""
    return [entry for area in AREAS for entry in getattr(area, field)]


def load(spec: str) -> Any:  # noqa: ANN401 - a module, class or function named by the registry
    """Import ``"module"`` or ``"module:attr"`` and return it."""
    module, _sep, attr = spec.partition(":")
    value = importlib.import_module(module)
    return getattr(value, attr) if attr else value
