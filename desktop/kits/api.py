"""What the rest of Warta may use of press kits (the window, the CLI, other areas).

Everything outside ``desktop/kits/`` imports this module only. Kits read
articles, photos, contacts and the office through those areas' ``api``
modules and keep only ids of what they print.
"""

from __future__ import annotations

from desktop.kits.fonts import FILES as FONT_FILES
from desktop.kits.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD
from desktop.kits.fonts import register as register_fonts
from desktop.kits.plain import frame_width, letterhead_pdf
from desktop.kits.sheet import approval_sheet_pdf, write_approval_sheet
from desktop.kits.styles import ACCENT, INK, MUTED, RULE, table_style
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
    "ACCENT", "FONT_FILES", "INK", "MUTED", "RULE", "SANS", "SANS_BOLD", "SERIF", "SERIF_BOLD",
    "frame_width", "letterhead_pdf", "register_fonts", "table_style",
    "KitInput", "PartInput", "count_kits", "create_kit", "delete_kit", "describe_part", "duplicate_kit",
    "export_pdf", "export_zip", "get_kit", "list_kits", "move_contact", "part_kind_label", "release_pdf", "render_pdf",
    "update_kit", "zip_names",
    "approval_sheet_pdf", "write_approval_sheet",
]
