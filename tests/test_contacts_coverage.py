"""Coverage (*liputan*) records which of our articles an outlet covered."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from desktop.articles import store as article_store
from desktop.articles.document import ArticleDoc
from desktop.contacts import log, store


def test_coverage_dialog_offers_our_approved_articles_and_records_the_link(qtbot, library):
    from desktop.ui.contact_widgets import CoverageDialog

    draft = article_store.create_article(library, ArticleDoc(title="Masih Draf", body="x"))
    released = article_store.create_article(library, ArticleDoc(title="Bawaslu Ajak Pemilih Awasi Kampanye", body="x"))
    with library.store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET status = 'published' WHERE id = :i"), {"i": released})
    org = store.create_org(library, store.OrgInput(name="Radar Contoh"))

    dialog = CoverageDialog(library, None, org)
    qtbot.addWidget(dialog)
    offered = [dialog.article.itemData(i) for i in range(dialog.article.count())]
    assert offered == [None, released] and draft not in offered
    dialog.article.setCurrentIndex(1)
    cov = log.add_coverage(library, dialog.outlet.currentData(), dt.date(2025, 11, 4), "Pemilih Diajak Awasi Kampanye",
                           url="https://radar.example/1", article_id=dialog.article.currentData())
    with library.store.engine.connect() as conn:
        assert conn.execute(text("SELECT article_id FROM coverage WHERE id = :i"), {"i": cov}).scalar() == released
