"""``warta check`` for press kits: the search index, and parts whose item was deleted."""

from __future__ import annotations

from desktop.i18n import _


def check(library, repair: bool = False) -> list[str]:  # noqa: ANN001
    from sqlalchemy import select

    from database import fts
    from database.models import Article, DistributionList, Kit, KitPart, Person, Photo, Staff
    from desktop.check import repaired
    from desktop.kits.store import part_kind_label

    problems: list[str] = []
    with library.store.engine.connect() as conn:
        index = fts.check(conn, "fts_kits", "kits") + fts.check_content(conn, "fts_kits", FTS_SELECT, FTS_COLUMNS)
    if index and repair:
        rebuild_index(library)
        problems += [repaired(p) for p in index]
    else:
        problems += index
    # A deleted article or photo leaves its kit intact; say which parts now point nowhere
    # (they are not removed: the user decides what replaces them).
    tables = {"article": Article, "photo": Photo, "contact": Person, "staff": Staff, "distribution": DistributionList}
    with library.store.read() as s:
        for kind, model in tables.items():
            rows = s.execute(
                select(KitPart.kit_id, KitPart.position, KitPart.ref_id, Kit.title)
                .join(Kit, Kit.id == KitPart.kit_id)
                .where(KitPart.kind == kind, KitPart.ref_id.not_in(select(model.id)))
            ).all()
            for kit_id, position, ref_id, title in rows:
                problems.append(_("press kit {id} “{title}”: part {number} ({kind}) refers to a deleted item "
                                  "(id {ref}); remove or replace it in the composer.").format(
                    id=kit_id, title=title, number=position + 1, kind=part_kind_label(kind).lower(), ref=ref_id))
    return problems


# Each kit's index text as SQL computes it: what a rebuild writes and what
# the check compares with. Same text as store._fts_text (fact sheets in
# order, title and text on lines of their own).
FTS_COLUMNS = ("title", "event", "text")
FTS_SELECT = (
    "SELECT k.id AS rowid, k.title AS title, k.event AS event, "
    "COALESCE((SELECT group_concat(x, char(10)) FROM (SELECT p.title || char(10) || p.text AS x "
    "FROM kit_parts p WHERE p.kit_id = k.id AND p.kind = 'factsheet' ORDER BY p.position)), '') AS text "
    "FROM kits k"
)


def rebuild_index(library) -> int:  # noqa: ANN001
    from database import fts

    with library.store.write() as tx:
        tx.touch("kits")
        return fts.rebuild_from(
            tx.session.connection(), "fts_kits", "(rowid, {}) {}".format(", ".join(FTS_COLUMNS), FTS_SELECT)
        )
