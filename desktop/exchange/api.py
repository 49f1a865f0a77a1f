"""What the rest of Warta may use of the exchange area (the window, the CLI, other areas).

Other areas contribute their part of a bundle as a :class:`BundleSection`
registered in their ``Area(exchange=…)`` (see ``desktop.exchange.sections``).
This office's standard (its own templates and kop rules, authored with
``save_standard()`` or applied from the province's style pack) reaches them
here: ``template_for(library, kind)`` when an article is started,
``kop_rules(library)`` where the letterhead is drawn.
"""

from __future__ import annotations

from desktop.exchange.bundle import FORMAT_VERSION, SUFFIX
from desktop.exchange.keys import PUBLIC_SUFFIX, AlreadyImported, ExchangeError, OfficeKey, normalize_fingerprint
from desktop.exchange.sections import (
    KOP_PAPERS,
    REPORT,
    STYLE_PACK,
    BundleSection,
    builtin_template,
    check_kind,
    check_kop,
    paper_label,
)

__all__ = [
    "FORMAT_VERSION", "PUBLIC_SUFFIX", "REPORT", "STYLE_PACK", "SUFFIX",
    "AlreadyImported", "BundleSection", "ExchangeError", "OfficeKey",
    "bundles", "count_items", "export_report", "export_style_pack", "forget", "import_bundle", "item_detail",
    "ItemQuery", "key_in_file", "list_items", "member_counts", "normalize_fingerprint", "own_key", "preview",
    "public_key_file", "report_sections", "section_title", "standard", "trust", "trusted_offices",
    "kop_rules", "template_for", "own_templates", "save_standard", "builtin_template", "check_kind", "check_kop",
    "KOP_PAPERS", "paper_label",
]


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: the store (and its models) load on first use
    from desktop.exchange import store

    if name in ("bundles", "count_items", "export_report", "export_style_pack", "forget", "import_bundle",
                "item_detail", "ItemQuery", "key_in_file", "list_items", "member_counts", "own_key", "preview",
                "public_key_file", "standard", "trust", "trusted_offices", "Preview", "TrustedOffice", "MemberItem",
                "kop_rules", "template_for", "own_templates", "save_standard"):
        return getattr(store, name)
    raise AttributeError(name)


def report_sections() -> list[tuple[str, str]]:
    """(key, translated title) of every report section, in registry order (a filter in the province view)."""
    from desktop.exchange import sections

    return [(s.key, s.title()) for s in sections.of_kind(REPORT)]


def section_title(key: str) -> str:
    """The translated name of a bundle section (``releases`` → *Siaran pers*), or the key itself."""
    from desktop.exchange import sections

    for section in sections.registered():
        if section.key == key:
            return section.title()
    return key
