"""The office's own articles survive an export and an import: every field of an article made from the
release template comes back in its own place (quotes with speakers, credits, *Tentang …*, *Narahubung*),
not folded into the body; and files labelled in English read the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.articles.document import KINDS, ArticleDoc, Quote
from desktop.articles.io import parse_file
from desktop.articles.io.markup import Block, Span, canonical_markdown, to_markdown
from desktop.articles.io.service import render
from desktop.articles.templates import template_doc
from desktop.office import OfficeProfile

OFFICE = OfficeProfile(
    name="Badan Pengawas Pemilihan Umum Kabupaten Contoh", short_name="Bawaslu Kab. Contoh", unit="Humas",
    phone="(0331) 400100", email="humas@contoh.bawaslu.go.id", city="Contoh",
    boilerplate="Bawaslu Kabupaten Contoh mengawasi setiap tahapan pemilihan umum di wilayahnya.",
)
WORDS = ("pengawasan", "tahapan", "Bawaslu", "pemilih", "rapat", "koordinasi", "desa", "kecamatan", "Kab.",
         "2025", "Rp5.000", "50%", "Tola'", "se-Jawa", "hoaks", "partisipatif", "data", "humas", "Jl.")
SPEAKERS = ("Tola' Ediy", "Dwi Endah Prasetyowati", "Abdullah Saidi, S.H.", "Siti Ma’rufah, S.Pd., M.Si.")
POSITIONS = ("", "Ketua Bawaslu Kab. Contoh", "Kordiv Humas, Data dan Informasi", "Anggota KPU Kabupaten Contoh")
PEOPLE = ("Ridha Erviana", "Budi Santoso (Staf Humas)", "Agus/Humas", "dok. Humas Bawaslu", "Siti")


def _words(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def _sentence(rng: random.Random, lo: int = 4, hi: int = 18) -> str:
    return "Bawaslu " + _words(rng, lo, hi) + "."


def _filled(kind: str, seed: int) -> ArticleDoc:
    """A template article as a humas writer fills it in: every field the template offers, in the editor's shape."""
    rng = random.Random(seed)
    doc = template_doc(kind, office=OFFICE, writer=rng.choice(PEOPLE), today=dt.date(2025, 11, rng.randint(1, 28)))
    doc.title = "Bawaslu " + _words(rng, 3, 10)
    doc.subtitle = _words(rng, 3, 8) if rng.random() < 0.4 else ""
    doc.lead = _sentence(rng, 8, 30)
    body = []
    for _ in range(rng.randint(1, 5)):
        if rng.random() < 0.2:
            body.append(Block("h", [Span(_words(rng, 1, 4))], 2))
        else:
            body.append(Block("p", [Span(_sentence(rng) + " "), Span(_words(rng, 1, 3), bold=rng.random() < 0.5),
                                    Span(" " + _sentence(rng))]))
    doc.body = to_markdown(body)  # what the editor stores (canonical Markdown)
    if doc.quotes or rng.random() < 0.3:
        doc.quotes = [Quote(rng.choice(SPEAKERS), rng.choice(POSITIONS), _words(rng, 3, 14) + rng.choice(("", "?", "!")))
                      for _ in range(rng.randint(1, 3))]
    doc.editor = rng.choice(("",) + PEOPLE)
    doc.photographer = rng.choice(("",) + PEOPLE)
    if doc.boilerplate or rng.random() < 0.3:
        doc.boilerplate = "\n\n".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
    if doc.contact_block or rng.random() < 0.3:
        doc.contact_block = "\n".join(rng.choice(("Budi Santoso", "0812 3456 7890", "humas@contoh.go.id",
                                                  "Humas Bawaslu Kab. Contoh, (0331) 400100"))
                                      for _ in range(rng.randint(1, 4)))
    doc.tags = sorted({rng.choice(("pilkada", "pengawasan", "humas")) for _ in range(rng.randint(0, 2))})
    doc.source_url = rng.choice(("", "https://contoh.bawaslu.go.id/berita/123"))
    doc.source_site = rng.choice(("", "Bawaslu Kabupaten Contoh"))
    doc.publication_date = dt.date(2025, 11, rng.randint(1, 28)) if rng.random() < 0.5 else None
    return doc


def _comparable(doc: ArticleDoc) -> dict:
    data = dataclasses.asdict(doc)
    data["quotes"] = [(q.speaker, q.position, q.text) for q in doc.quotes]
    data["embargo_tz"] = doc.embargo_tz if doc.embargo_at else None
    data["status"] = None  # the workflow state belongs to the library, not to the file
    return data


@pytest.mark.parametrize("draft", [False, True])  # the DRAF mark of an unapproved text is dropped on import
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_untouched_template_comes_back_with_its_contact_and_about(tmp_path, fmt, kind, draft):
    doc = template_doc(kind, office=OFFICE, writer="Ridha Erviana", today=dt.date(2025, 11, 3))
    doc.title = "Bawaslu Kab. Contoh Gelar Rapat Koordinasi"
    path = tmp_path / ("rilis." + fmt)
    path.write_bytes(render(doc, fmt, about_name=OFFICE.short_name, draft=draft))
    back = parse_file(path)
    expected = _comparable(doc)
    expected["quotes"] = []  # the template's empty quote row carries nothing to export
    expected["body"] = canonical_markdown(doc.body)  # the placeholders' brackets, spelled canonically
    assert _comparable(back) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**9))
@pytest.mark.parametrize("fmt", ["docx", "md"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_a_filled_template_survives_the_round_trip(tmp_path, fmt, kind, seed):
    doc = _filled(kind, seed)
    path = tmp_path / ("rilis." + fmt)
    path.write_bytes(render(doc, fmt, about_name=OFFICE.short_name))
    assert _comparable(parse_file(path)) == _comparable(doc)


@pytest.mark.parametrize("labels", [
    ("Penulis", "Editor", "Foto", "Tentang Bawaslu Kab. Contoh", "Narahubung:"),
    ("Writer", "Editor", "Photo", "About Bawaslu Kab. Contoh", "Media contact:"),
    ("Author", "Edited by", "Photographer", "About us", "Contact person:"),
])
def test_closing_sections_labelled_in_indonesian_or_english_are_recognised(tmp_path, labels):
    writer, editor, photo, about, contact = labels
    path = tmp_path / "rilis.md"
    path.write_text(
        "# Bawaslu Contoh Ajak Warga Mengawasi\n\n"
        "Contoh – Bawaslu mengajak warga mengawasi tahapan pemilihan.\n\n"
        "Pengawasan partisipatif dibahas di balai desa.\n\n"
        "“Kami membuka posko pengaduan,” kata Dwi Endah, Ketua Bawaslu Kab. Contoh.\n\n"
        f"{writer}: Ridha\\\n{editor}: Budi\\\n{photo}: Agus/Humas\n\n"
        f"**{about}**\n\nBawaslu Kabupaten Contoh mengawasi pemilihan.\n\n"
        f"**{contact}**\n\nBudi Santoso\\\n0812 3456 7890\n",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert doc.body == "Pengawasan partisipatif dibahas di balai desa."
    assert [(q.speaker, q.position) for q in doc.quotes] == [("Dwi Endah", "Ketua Bawaslu Kab. Contoh")]
    assert (doc.writer, doc.editor, doc.photographer) == ("Ridha", "Budi", "Agus/Humas")
    assert doc.boilerplate == "Bawaslu Kabupaten Contoh mengawasi pemilihan."
    assert doc.contact_block == "Budi Santoso\n0812 3456 7890"
