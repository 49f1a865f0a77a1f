"""What the rest of Warta may use of the photo archive (the window, the CLI, other areas).

Everything outside ``desktop/photos/`` imports this module only. Values
crossing it are plain dataclasses (:class:`PhotoInfo`, :class:`GridRow` …)
and dicts, never ORM rows. Other areas change ``photo_people`` only through
:func:`move_person`, inside their own transaction.
"""

from __future__ import annotations

from desktop.photos.export import export_name, export_photos, slug
from desktop.photos.files import rendition_path, rendition_rel, thumbnail_path, thumbnail_rel
from desktop.photos.imaging import Caption, ImageRejected, decode, export_jpeg
from desktop.photos.importer import import_paths, make_rendition, make_renditions, make_thumbnail
from desktop.photos.store import (
    ArchiveCounts,
    BulkEdit,
    GridRow,
    NearDuplicate,
    PhotoEdit,
    PhotoFilter,
    PhotoInfo,
    archive_counts,
    bulk_update,
    claimed_files,
    count_photos,
    delete_photos,
    existing_ids,
    find_people,
    get_photo,
    grid_rows,
    list_albums,
    list_events,
    listing,
    move_person,
    near_duplicates,
    original_path,
    parse_tags,
    people_names,
    photo_ids,
    photo_meta,
    photo_metas,
    made_renditions,
    print_rendition,
    renditions_to_remake,
    set_rendition_state,
    update_photo,
)

__all__ = [
    "BulkEdit", "Caption", "GridRow", "ImageRejected", "NearDuplicate", "PhotoEdit", "PhotoFilter", "PhotoInfo",
    "ArchiveCounts", "archive_counts", "bulk_update", "claimed_files", "count_photos", "decode", "delete_photos", "existing_ids", "export_jpeg", "export_name",
    "export_photos", "find_people", "get_photo", "grid_rows", "import_paths", "list_albums", "list_events",
    "listing", "make_rendition", "make_renditions", "make_thumbnail", "move_person", "near_duplicates", "original_path",
    "parse_tags", "people_names", "photo_ids", "photo_meta", "photo_metas", "made_renditions", "print_rendition", "renditions_to_remake", "rendition_path", "rendition_rel",
    "set_rendition_state", "slug", "thumbnail_path", "thumbnail_rel", "update_photo",
]
