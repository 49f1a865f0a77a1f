"""Shared by the approval tests: a writer, an editor and a secretariat profile, and articles taken through review."""

from __future__ import annotations

import pytest

from desktop import staff
from desktop.articles import api as articles
from desktop.articles import store
from desktop.articles.document import ArticleDoc


@pytest.fixture
def team(library):
    """Profile ids by role (the template's admin too); the library acts as the writer."""
    ids = {
        "admin": library.store.staff_id,
        "writer": staff.create(library, staff.StaffInput(name="Dewi Penulis", role="writer")),
        "editor": staff.create(library, staff.StaffInput(name="Agus Editor", role="editor")),
        "secretariat": staff.create(library, staff.StaffInput(name="Sari Sekretariat", role="secretariat")),
    }
    library.store.staff_id = ids["writer"]
    return ids


def submitted(library, team: dict, doc: ArticleDoc) -> int:  # noqa: ANN001
    """``doc`` written by the writer and submitted for review."""
    library.store.staff_id = team["writer"]
    art_id = store.create_article(library, doc)
    store.submit(library, art_id)
    return art_id


def approved(library, team: dict, doc: ArticleDoc) -> tuple[int, articles.Approval]:  # noqa: ANN001
    """``doc`` submitted by the writer and approved by the editor; the library then acts as the editor."""
    art_id = submitted(library, team, doc)
    library.store.staff_id = team["editor"]
    return art_id, articles.approve(library, art_id)
