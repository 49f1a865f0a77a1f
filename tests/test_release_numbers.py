"""Release numbers: the office's pattern, given on approval, unique per year, never reused, printed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop import office, staff
from desktop.articles import api as articles
from desktop.articles import approval
from desktop.articles.document import ArticleDoc
from desktop.errors import ValidationError

PATTERN = "{seq:03}/HM.01/{office}/{month:roman}/{year}"


def test_pattern_formatting_with_roman_months():
    date = dt.date(2025, 7, 17)
    assert articles.format_number(PATTERN, seq=7, date=date, office="Bawaslu Jember") == "007/HM.01/Bawaslu Jember/VII/2025"
    assert [approval.roman(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
    assert articles.format_number("B-{seq}/{day:02}.{month:02}/{year}", seq=12, date=dt.date(2025, 3, 5)) == "B-12/05.03/2025"
    assert articles.format_number("", seq=1, date=date) == "001/HM.01/VII/2025"  # the default pattern


@pytest.mark.parametrize("pattern, words", [
    ("{seq:03}/{bulan}/{year}", "{bulan}"),
    ("HM.01/{month:roman}/{year}", "{seq}"),
    ("{seq:03}/HM.01", "{year}"),
    ("{seq:xyz}/{year}", "xyz"),
    ("{seq:03/{year}", "{"),
    ("{seq!r}/{year}", "seq!r"),
    ("{}/{year}", "{}"),
])
def test_a_bad_pattern_is_refused_with_a_sentence_naming_it(pattern, words):
    with pytest.raises(ValidationError) as caught:
        articles.validate_pattern(pattern)
    assert words in str(caught.value)


def test_office_refuses_a_bad_pattern_and_keeps_a_good_one(library):
    profile = office.load(library)
    profile.release_number_pattern = "{nomor}/{year}"
    with pytest.raises(ValidationError):
        office.save(library, profile)
    assert office.load(library).release_number_pattern == ""
    profile.release_number_pattern = PATTERN
    office.save(library, profile)
    assert office.load(library).release_number_pattern == PATTERN


def _approved(library, writer: int, editor: int, title: str) -> int:
    library.store.staff_id = writer
    art_id = articles.create_article(library, ArticleDoc(title=title, body="Isi rilis."))
    articles.transition(library, art_id, "submit")
    library.store.staff_id = editor
    articles.approve(library, art_id)
    return art_id


@pytest.fixture
def pair(library):
    profile = office.load(library)
    profile.release_number_pattern = PATTERN
    office.save(library, profile)
    writer = staff.create(library, staff.StaffInput(name="Dewi Penulis", role="writer"))
    editor = staff.create(library, staff.StaffInput(name="Agus Editor", role="editor"))
    return writer, editor


def test_numbers_count_up_are_kept_on_reapproval_and_never_reused(library, pair):
    writer, editor = pair
    today = dt.date.today()
    suffix = f"/HM.01/Bawaslu Contoh/{approval.roman(today.month)}/{today.year}"
    first = _approved(library, writer, editor, "Rilis Pertama")
    second = _approved(library, writer, editor, "Rilis Kedua")
    assert articles.approved_revision(library, first).release_number == "001" + suffix
    assert articles.approved_revision(library, second).release_number == "002" + suffix

    # Withdrawn and approved again: the article keeps its number.
    articles.transition(library, first, "return", comment="Periksa angka.")
    library.store.staff_id = writer
    articles.transition(library, first, "submit")
    library.store.staff_id = editor
    assert articles.approve(library, first).release_number == "001" + suffix

    # The second article goes (however it went): its number stays used.
    with library.store.write() as tx:
        tx.session.execute(text("DELETE FROM articles WHERE id = :id"), {"id": second})
    third = _approved(library, writer, editor, "Rilis Ketiga")
    assert articles.approved_revision(library, third).release_number == "003" + suffix
    with library.store.read() as s:
        kept = s.execute(text("SELECT seq, article_id FROM release_numbers ORDER BY seq")).all()
    assert [(r[0], r[1]) for r in kept] == [(1, first), (2, None), (3, third)]


def test_sequence_restarts_each_year_and_is_unique(library):
    with library.store.write() as tx:
        seqs = [approval._bump_counter(tx.session, year) for year in (2030, 2030, 2031, 2030)]
    assert seqs == [1, 2, 1, 3]
    with library.store.write() as tx:
        tx.session.execute(text("INSERT INTO release_numbers (year, seq, number, assigned_at) "
                                "VALUES (2030, 1, 'a', CURRENT_TIMESTAMP)"))
    with pytest.raises(IntegrityError):
        with library.store.write() as tx:
            tx.session.execute(text("INSERT INTO release_numbers (year, seq, number, assigned_at) "
                                    "VALUES (2030, 1, 'b', CURRENT_TIMESTAMP)"))


def test_the_number_is_printed_on_the_release(library, pair):
    from kits_support import pdf_text, squash

    writer, editor = pair
    art_id = _approved(library, writer, editor, "Bawaslu Contoh Gelar Apel Siaga")
    number = articles.approved_revision(library, art_id).release_number
    printed = squash(" ".join(pdf_text(articles.release_pdf(library, art_id))))
    assert f"Nomor: {number}" in printed
    assert "DRAF" not in printed
    draft = articles.create_article(library, ArticleDoc(title="Belum Disetujui", body="Isi."))
    printed = squash(" ".join(pdf_text(articles.release_pdf(library, draft))))
    assert "Nomor:" not in printed and "DRAF" in printed
