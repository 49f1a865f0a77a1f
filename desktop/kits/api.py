"""What the rest of Warta may use of press kits (the window, the CLI, other areas).

Everything outside ``desktop/kits/`` imports this module only. Kits read
articles, photos, contacts and the office through those areas' ``api``
modules and keep only ids of what they print.
"""

from __future__ import annotations

from desktop.kits.fonts import FILES as FONT_FILES
from desktop.kits.fonts import SANS, SANS_BOLD
from desktop.kits.sheet import approval_sheet_pdf, write_approval_sheet
from desktop.kits.store import (
    KitInput,
    PartInput,
    count_kits,
    create_kit,
    delete_kit,
    describe_part,
    duplicate_kit,
    export_pdf,
    export_zip,
    get_kit,
    list_kits,
    move_contact,
    part_kind_label,
    release_pdf,
    render_pdf,
    update_kit,
    zip_names,
)

__all__ = [
    "FONT_FILES", "SANS", "SANS_BOLD",
    "KitInput", "PartInput", "count_kits", "create_kit", "delete_kit", "describe_part", "duplicate_kit",
    "export_pdf", "export_zip", "get_kit", "list_kits", "move_contact", "part_kind_label", "release_pdf", "render_pdf",
    "update_kit", "zip_names",
    "approval_sheet_pdf", "write_approval_sheet",
]
