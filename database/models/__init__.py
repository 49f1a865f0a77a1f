"""All models, imported so that ``Base.metadata`` is complete.

Each area of the app keeps its models in its own module here and its
migrations on its own Alembic branch (see ``database/migrations/README``).
"""

from database.models.core import AuditLog, Meta, Office, Staff, StaffRole  # noqa: F401
from database.models.contacts import (  # noqa: F401
    Affiliation, Collaboration, CollaborationOrg, CollaborationPerson, Coverage, DistributionList,
    ListMember, Organization, OrgType, Person, PersonEmail, PersonPhone, PersonPhoto, SocialAccount,
)
from database.models.articles import Article, ArticleAutosave, ArticleComment, ArticleQuote, ArticleRevision, ArticleTag  # noqa: F401
from database.models.safety import EditLock  # noqa: F401
from database.models.photos import Album, Photo, PhotoAlbum, PhotoEvent, PhotoPerson  # noqa: F401
from database.models.articles_io import ArticleSource  # noqa: F401
from database.models.kits import Kit, KitExport, KitPart  # noqa: F401
