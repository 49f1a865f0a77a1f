"""What the rest of Warta may use of partners and contacts (the window, the CLI, other areas).

Everything outside ``desktop/contacts/`` imports this module only. Values
crossing it are plain dataclasses (:class:`PersonDetail`,
:class:`PublicContact`, :class:`PeopleFilter` …), tuples and dicts, never
ORM rows. Contacts never writes another area's tables: a merge or delete
asks articles and photos to move their links (``repoint_references``).
"""

from __future__ import annotations

from desktop.contacts.duplicates import DuplicatePair
from desktop.contacts.duplicates import find_in_library as find_duplicates_in_library
from desktop.contacts.export import export_to
from desktop.contacts.importer import (
    ADD,
    MERGE,
    SKIP,
    ContactImportResult,
    Preview,
    PreviewItem,
    commit_import,
    display_source,
    entries_sentence,
    preview_entries,
    preview_import,
)
from desktop.contacts.io import FIELDS as IMPORT_FIELDS
from desktop.contacts.io import parse_map_option, preview_rows, read_limited
from desktop.contacts.lists import add_to_list, create_list, delete_list, find_list, lists, remove_from_list
from desktop.contacts.log import COLLABORATION_KINDS, HistoryEntry, add_collaboration, add_coverage, dismiss_mou_alert
from desktop.contacts.log import CoverageRow, Partnership, collaborations_between, coverage_between, partnerships
from desktop.contacts.log import kind_label as collaboration_label
from desktop.contacts.merge import FIELDS as MERGE_FIELDS
from desktop.contacts.merge import KEEP, OTHER, compare, default_choices, merge_people
from desktop.contacts.normalize import format_phone
from desktop.contacts.record import Email, Phone
from desktop.contacts.schedule import Activity, MouExpiry, activities_between, mous_expiring_between
from desktop.contacts.store import (
    CHANNELS,
    MAX_PHOTO_BYTES,
    AffiliationInput,
    OrgFilter,
    OrgInput,
    PeopleFilter,
    PersonInput,
    PublicContact,
    add_org_type,
    all_for_listing,
    check_photo,
    clean_tags,
    count_orgs,
    count_people,
    create_org,
    create_person,
    delete_org,
    delete_org_type,
    delete_people,
    email_problem,
    existing_list_ids,
    find_org,
    first_person_ids,
    get_org,
    get_person,
    name_key,
    org_choices,
    org_names,
    org_types,
    orgs_page,
    people_ids,
    people_page,
    person_named,
    person_names,
    phone_problem,
    phone_unverified,
    public_contact,
    regions,
    rename_org_type,
    tags_in_use,
    update_org,
    update_person,
)

__all__ = [
    "ADD", "CHANNELS", "COLLABORATION_KINDS", "IMPORT_FIELDS", "KEEP", "MAX_PHOTO_BYTES", "MERGE", "MERGE_FIELDS",
    "OTHER", "SKIP",
    "AffiliationInput", "ContactImportResult", "CoverageRow", "Partnership", "DuplicatePair", "Email", "HistoryEntry", "OrgFilter", "OrgInput", "PeopleFilter",
    "PersonInput", "Phone", "Preview", "PreviewItem", "PublicContact",
    "add_collaboration", "add_coverage", "add_org_type", "add_to_list", "all_for_listing", "check_photo",
    "clean_tags", "collaboration_label", "collaborations_between", "coverage_between", "commit_import", "compare", "count_orgs", "count_people", "create_list",
    "create_org", "create_person", "default_choices", "dismiss_mou_alert", "delete_list", "delete_org", "delete_org_type",
    "delete_people", "display_source", "entries_sentence", "email_problem", "existing_list_ids", "export_to", "find_duplicates_in_library", "find_list", "find_org",
    "first_person_ids", "format_phone", "get_org", "get_person", "lists", "merge_people", "name_key",
    "org_choices", "org_names", "org_types", "orgs_page", "partnerships", "parse_map_option", "people_ids", "people_page",
    "person_named", "person_names", "phone_problem", "phone_unverified", "preview_entries", "preview_import", "preview_rows", "public_contact",
    "read_limited", "regions", "remove_from_list", "rename_org_type", "tags_in_use", "update_org",
    "update_person",
    "Activity", "MouExpiry", "activities_between", "mous_expiring_between",
]
