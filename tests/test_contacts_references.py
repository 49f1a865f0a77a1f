"""People named by other areas (quote speakers) follow merges and deletions."""

from __future__ import annotations

from desktop.articles import store as article_store
from desktop.articles.document import ArticleDoc, Quote
from desktop.contacts import merge, store


def _article_quoting(library, person_id: int) -> int:
    return article_store.create_article(
        library,
        ArticleDoc(title="Rakor", body="Isi", quotes=[Quote(speaker="Siti Aminah", position="Ketua", text="Awasi.", person_id=person_id)]),
    )


def test_a_merge_moves_quote_links_to_the_kept_person(library):
    keep = store.create_person(library, store.PersonInput(full_name="Dr. Siti Aminah, M.Si."))
    other = store.create_person(library, store.PersonInput(full_name="Siti Aminah"))
    art = _article_quoting(library, other)
    merge.merge_people(library, keep, other)
    assert article_store.load_doc(library, art).quotes[0].person_id == keep


def test_deleting_a_person_keeps_the_quote_text_but_drops_the_link(library):
    person = store.create_person(library, store.PersonInput(full_name="Budi Santoso"))
    art = _article_quoting(library, person)
    store.delete_people(library, [person])
    quote = article_store.load_doc(library, art).quotes[0]
    assert quote.person_id is None and quote.speaker == "Siti Aminah" and quote.text == "Awasi."
