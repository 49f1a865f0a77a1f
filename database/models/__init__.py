"""The models of every area, loaded on first use.

Each area of the app keeps its models in its own module here and its
migrations on its own Alembic branch (see ``database/migrations/README.md``).
``from database.models import Photo`` imports only the module that defines
it: declaring every mapped class costs ~0.2 s, which headless commands such
as ``warta info`` should not pay. Code that needs the complete
``Base.metadata`` (Alembic, the drift test) calls :func:`load_all`. No model
has a ``relationship()`` to another module's model, so partial loading is
safe; a module whose foreign keys name another module's table imports that
module (a flush sorts tables by their foreign keys).
"""

from __future__ import annotations

import importlib

AREAS = ("core", "contacts", "articles", "safety", "photos", "articles_io", "kits", "claims", "distribution", "exchange", "kip", "reports")

_WHERE = {
    "core": ("AuditLog", "Meta", "Office", "Staff", "StaffRole"),
    "contacts": (
        "Affiliation", "Collaboration", "CollaborationOrg", "CollaborationPerson", "Coverage", "DistributionList",
        "ListMember", "Organization", "OrgType", "Person", "PersonEmail", "PersonPhone", "PersonPhoto",
        "SocialAccount",
    ),
    "articles": ("Article", "ArticleApproval", "ArticleAutosave", "ArticleComment", "ArticleQuote", "ArticleRevision",
                 "ArticleTag", "ReleaseCounter", "ReleaseNumber"),
    "safety": ("EditLock",),
    "photos": ("Album", "Photo", "PhotoAlbum", "PhotoEvent", "PhotoPerson"),
    "articles_io": ("ArticleSource",),
    "kits": ("Kit", "KitExport", "KitPart"),
    "distribution": ("DistributionAttachment", "DistributionBatch", "DistributionMessage"),
    "claims": ("Claim", "ClaimLink", "ClaimScreenshot"),
    "exchange": ("ExchangeBundle", "ExchangeItem", "ExchangeItemPhoto", "ExchangeOffice", "StyleStandard"),
    "kip": ("DipEntry", "KipRequest"),
    "reports": ("ReportNarrative",),
}
_MODULE_OF = {name: area for area, names in _WHERE.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):  # noqa: ANN202 - PEP 562 lazy attribute
    area = _MODULE_OF.get(name)
    if area is None:
        raise AttributeError(f"module 'database.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"database.models.{area}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Import every model so ``Base.metadata`` describes the whole schema."""
    for area in AREAS:
        importlib.import_module(f"database.models.{area}")
