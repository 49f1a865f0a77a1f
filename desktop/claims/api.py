"""What the rest of Warta may use of the Isu & Hoaks register (the window, the CLI, other areas).

Everything outside ``desktop/claims/`` imports this module only. Values
crossing it are plain dataclasses (:class:`ClaimInfo`, :class:`ClaimRow` …),
dicts and ids, never ORM rows.
"""

from __future__ import annotations

from desktop.claims.store import (
    MAX_SCREENSHOT_BYTES,
    ClaimInfo,
    ClaimInput,
    ClaimNotFound,
    ClaimRow,
    Clarification,
    NotApproved,
    Screenshot,
    Timing,
    add_screenshots,
    claim_review,
    claim_review_block,
    claimed_files,
    claims_between,
    claims_of_articles,
    count_claims,
    create_claim,
    delete_claim,
    get_claim,
    link_article,
    list_claims,
    make_klarifikasi,
    screenshot_file,
    source_lines,
    timing,
    update_claim,
    whatsapp,
)
from desktop.claims.texts import (
    CATEGORIES,
    PLATFORMS,
    VERDICTS,
    WHATSAPP_LIMIT,
    category_label,
    duration,
    json_ld_block,
    local_time,
    verdict_explanation,
    verdict_label,
)
from desktop.claims.texts import short as short_text

__all__ = [
    "CATEGORIES", "MAX_SCREENSHOT_BYTES", "PLATFORMS", "VERDICTS", "WHATSAPP_LIMIT",
    "ClaimInfo", "ClaimInput", "ClaimNotFound", "ClaimRow", "Clarification", "NotApproved", "Screenshot", "Timing",
    "add_screenshots", "category_label", "claim_review", "claim_review_block", "claimed_files", "claims_between", "claims_of_articles",
    "count_claims", "create_claim", "delete_claim", "duration", "get_claim", "json_ld_block", "link_article", "list_claims",
    "local_time", "make_klarifikasi", "screenshot_file", "short_text", "source_lines", "timing",
    "update_claim", "verdict_explanation", "verdict_label", "whatsapp",
]
