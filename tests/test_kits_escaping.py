"""Untrusted article text prints literally; reportlab never reads a file or follows a tag because of it."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from desktop.kits import render
from desktop.kits.markup import esc, inline_markup, safe_href
from desktop.kits.spec import ArticlePart, CoverPart, FactSheetPart, KitSpec, Photo, PhotosPart
from kits_support import OFFICE, article, body_text, image, placed_images

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], (str, bytes)):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened():
    """Every path the process opens while the test runs."""
    global _opened
    _opened = []
    yield _opened
    _opened = None


@pytest.fixture
def secret(tmp_path):
    """A real image file an attacker would like reportlab to read."""
    return image(tmp_path / "secret.jpg", (300, 200), color=(255, 0, 0))


HOSTILE = [
    "<",
    "&",
    "A & B <c>",
    "<b> without its end",
    '<font color="red">merah</font>',
    "<greek>a</greek> <super>2</super> <br/>",
    "<para autoLeading='max'>",
    '<onDraw name="x" label="y"/>',
]


def kit_with(text: str, **kw) -> KitSpec:
    return KitSpec(title=kw.pop("title", "Uji <b>Escape</b> & Co"), date=dt.date(2025, 11, 3), office=OFFICE,
                   parts=[ArticlePart(article(**kw, body=text), approved=True)])


def test_markup_characters_print_literally():
    body = "\n\n".join(f"Kalimat {n}: {t} selesai." for n, t in enumerate(HOSTILE))
    text = body_text(render.render(kit_with(body, title="Judul <b>tebal</b> & <i>miring")))
    for n, t in enumerate(HOSTILE):
        assert f"Kalimat {n}: {t} selesai." in text
    assert "Judul <b>tebal</b> & <i>miring" in text


def test_markdown_entities_decode_to_characters_that_still_print_literally():
    # CommonMark decodes entities ("&lt;" is "<"); the decoded text is escaped like any other.
    text = body_text(render.render(kit_with("Entitas &amp; &lt;b&gt;tebal&lt;/b&gt; &#60;i&#62; akhir.")))
    assert "Entitas & <b>tebal</b> <i> akhir." in text


def test_img_tag_and_markdown_image_never_read_a_file(secret, opened):
    body = (
        f'Lihat <img src="{secret}" width="200" height="200"/> di sini.\n\n'
        f"Gambar ![alt {secret.name}]({secret}) juga.\n\n"
        f'Tautan <a href="file://{secret}">berkas</a> dan <link href="{secret}">x</link>.'
    )
    data = render.render(kit_with(body))
    assert not any("secret" in path for path in opened)
    assert placed_images(data) == []  # nothing embedded: there is no logo and no photo part
    text = body_text(data)
    assert f'Lihat <img src="{secret}" width="200" height="200"/> di sini.' in text
    assert f"Gambar alt {secret.name} juga." in text
    # A path longer than the line is split between lines (never hyphenated); compare without spaces.
    assert f'<ahref="file://{secret}">berkas</a>dan<linkhref="{secret}">x</link>.' in text.replace(" ", "")


def test_only_web_and_mail_links_become_links():
    import pypdf

    body = (
        "[situs](https://bawaslu.go.id/berita?a=1&b=2) [surat](mailto:humas@bawaslu.go.id) "
        "[berkas](file:///etc/passwd) [skrip](javascript:alert(1)) [relatif](/etc/passwd)"
    )
    data = render.render(kit_with(body))
    uris = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert sorted(uris) == ["https://bawaslu.go.id/berita?a=1&b=2", "mailto:humas@bawaslu.go.id"]
    text = body_text(data)
    assert "situs surat" in text and "[berkas](file:///etc/passwd)" in text


def test_escape_function_and_inline_builder():
    from markdown_it import MarkdownIt

    assert esc('A & B <c> "q"') == "A &amp; B &lt;c&gt; &quot;q&quot;"
    assert esc("bell\x07 null\x00 ok") == "bell null ok"
    assert safe_href("HTTPS://x.id") and safe_href("mailto:a@b.c")
    assert safe_href("file:///etc/passwd") is None and safe_href("javascript:x") is None
    tokens = MarkdownIt("commonmark", {"html": False}).parseInline("**a** <b>c</b> *d* & e")[0].children
    assert inline_markup(tokens) == "<b>a</b> &lt;b&gt;c&lt;/b&gt; <i>d</i> &amp; e"


def test_captions_fact_sheets_and_office_text_are_escaped_too(tmp_path):
    photo = image(tmp_path / "p.jpg", (600, 400))
    office = OFFICE.__class__(**{**OFFICE.__dict__, "name": "Kantor <b>Uji</b> & Co", "boilerplate": "<i>x"})
    spec = KitSpec(
        title="Uji", date=dt.date(2025, 11, 3), office=office,
        parts=[
            CoverPart(),
            FactSheetPart("Fakta <font color='red'>", "Isi <a href='x'>tautan</a> & lain"),
            PhotosPart([Photo(photo, caption="Keterangan <b>foto & teman", credit="<i>Agus")]),
        ],
    )
    text = body_text(render.render(spec))
    for expected in ("Fakta <font color='red'>", "Isi <a href='x'>tautan</a> & lain", "Keterangan <b>foto & teman",
                     "Foto: <i>Agus", "KANTOR <B>UJI</B> & CO"):
        assert expected in text, expected
