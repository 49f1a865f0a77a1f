"""Saved news pages (.html, "Web page, complete", .mhtml) import with their source: address, site, date and
city, read the way news sites publish them; breadcrumbs, menus, share buttons and the post's meta line stay
out of the subtitle and the body."""

from __future__ import annotations

import datetime as dt
import json
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from desktop.articles import store
from desktop.articles.io import import_files, parse_file

CHROME_WORDS = ("Beranda", "Profil", "Bagikan", "Facebook", "WhatsApp", "Berita Terkait", "admin humas 7",
                "Hak Cipta", "Kategori", "Dibaca", "Cari")


def _wordpress_page(*, head: str = "", lead: str, saved_from: str = "") -> str:
    """A regional office's news post as WordPress themes print it: menu, breadcrumb, post meta, share bar."""
    comment = f"<!-- saved from url=({len(saved_from):04d}){saved_from} -->\n" if saved_from else ""
    return comment + f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Sosialisasi Pengawasan Partisipatif di Desa Contoh – Bawaslu Kabupaten Contoh</title>
{head}
<script>window.dataLayer = [];</script><style>.menu {{ color: red }}</style>
</head><body>
<a class="skip-link screen-reader-text" href="#content">Lompat ke isi utama</a>
<header id="masthead" class="site-header"><div class="site-title">Bawaslu Kabupaten Contoh</div>
<nav class="main-navigation"><ul><li><a href="/">Beranda</a></li><li><a href="/profil">Profil</a></li>
<li><a href="/cari">Cari</a></li></ul></nav></header>
<div id="content" class="site-content">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li>Beranda</li><li>Berita</li></ol></nav>
<main id="primary"><article class="post type-post">
<div class="entry-category"><a href="/kategori/berita">Kategori: Berita</a></div>
<header class="entry-header"><h1 class="entry-title">Sosialisasi Pengawasan Partisipatif di Desa Contoh</h1>
<div class="entry-meta"><span class="byline">admin humas 7</span> —
<span class="posted-on"><time class="entry-date" datetime="2025-11-04T09:15:00+07:00">Selasa 4 November 2025</time></span>
<span class="views">Dibaca 120 kali</span></div></header>
<div class="share-buttons"><a href="https://facebook.com/share">Facebook</a> <a href="https://wa.me/?text=x">WhatsApp</a> Bagikan</div>
<div class="entry-content">
<p>{lead}</p>
<p>Kegiatan dihadiri perangkat desa, tokoh pemuda dan <strong>relawan pengawas</strong>. Peserta diajak
melaporkan <a href="/lapor">dugaan pelanggaran</a> melalui posko pengaduan.</p>
<ul><li>Posko pengaduan di kantor desa</li><li>Layanan daring setiap hari kerja</li></ul>
<p>“Pengawasan tidak bisa dilakukan sendiri, kami butuh warga,” kata Siti Contoh, Ketua Bawaslu Kabupaten Contoh.</p>
<p>Penulis: Ridha Contoh<br>Editor: Budi Contoh</p>
</div>
<footer class="entry-footer"><span class="tags-links">pilkada, pengawasan</span></footer>
</article>
<section class="related-posts"><h3>Berita Terkait</h3><ul><li>Rapat pleno rekapitulasi</li></ul></section>
</main></div>
<footer class="site-footer">Hak Cipta © 2025 Bawaslu Kabupaten Contoh</footer>
</body></html>
"""


def _no_chrome(doc) -> None:
    for word in CHROME_WORDS:
        assert word not in doc.subtitle and word not in doc.body and word not in doc.lead, word


def test_saved_page_keeps_its_address_site_date_and_city(tmp_path):
    head = """<link rel="canonical" href="https://contoh.bawaslu.go.id/berita/sosialisasi-desa-contoh/">
<meta property="og:site_name" content="Bawaslu Kabupaten Contoh">
<meta property="og:url" content="https://contoh.bawaslu.go.id/?p=812">
<meta property="article:published_time" content="2025-11-04T09:15:00+07:00">"""
    page = _wordpress_page(head=head, lead="Contoh, Senin (3/11/2025) – Bawaslu Kabupaten Contoh menggelar "
                                          "sosialisasi pengawasan partisipatif di balai Desa Contoh.",
                           saved_from="https://contoh.bawaslu.go.id/berita/sosialisasi-desa-contoh/")
    path = tmp_path / "Sosialisasi Pengawasan Partisipatif.html"
    path.write_text(page, encoding="utf-8")
    (tmp_path / "Sosialisasi Pengawasan Partisipatif_files").mkdir()  # "Web page, complete"
    doc = parse_file(path)
    assert doc.title == "Sosialisasi Pengawasan Partisipatif di Desa Contoh"
    assert doc.source_url == "https://contoh.bawaslu.go.id/berita/sosialisasi-desa-contoh/"
    assert doc.source_site == "Bawaslu Kabupaten Contoh"
    assert doc.publication_date == dt.date(2025, 11, 4)
    assert (doc.dateline_city, doc.event_date) == ("Contoh", dt.date(2025, 11, 3))
    assert doc.subtitle == ""
    assert doc.lead.startswith("Bawaslu Kabupaten Contoh menggelar sosialisasi")
    assert doc.body.startswith("Kegiatan dihadiri perangkat desa")
    assert "**relawan pengawas**" in doc.body
    assert "[dugaan pelanggaran](https://contoh.bawaslu.go.id/lapor)" in doc.body
    assert "- Posko pengaduan di kantor desa\n- Layanan daring setiap hari kerja" in doc.body
    assert [(q.speaker, q.position) for q in doc.quotes] == [("Siti Contoh", "Ketua Bawaslu Kabupaten Contoh")]
    assert (doc.writer, doc.editor) == ("Ridha Contoh", "Budi Contoh")
    _no_chrome(doc)


def test_page_described_only_by_json_ld_and_the_saved_from_comment(tmp_path):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Halaman"},
        {"@type": "NewsArticle", "headline": "Sosialisasi Pengawasan Partisipatif di Desa Contoh",
         "datePublished": "2025-11-05T08:00:00+07:00",
         "publisher": {"@type": "Organization", "name": "KPU Kabupaten Contoh"},
         "author": [{"@type": "Person", "name": "Tim Humas"}]},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    page = _wordpress_page(head=head, lead="CONTOH – KPU Kabupaten Contoh menggelar sosialisasi di Desa Contoh.",
                           saved_from="https://contoh.kpu.go.id/berita/812")
    page = page.replace("<p>Penulis: Ridha Contoh<br>Editor: Budi Contoh</p>", "")
    path = tmp_path / "berita.htm"
    path.write_text(page, encoding="utf-8")
    doc = parse_file(path)
    assert doc.source_url == "https://contoh.kpu.go.id/berita/812"
    assert doc.source_site == "KPU Kabupaten Contoh"
    assert doc.publication_date == dt.date(2025, 11, 5)
    assert doc.dateline_city == "CONTOH"
    assert doc.writer == "Tim Humas"  # the page's author when the text names no Penulis
    assert doc.subtitle == ""
    _no_chrome(doc)


def test_page_with_a_site_dateline_takes_its_date_from_the_time_element(tmp_path):
    page = _wordpress_page(lead="contoh.bawaslu.go.id - Bawaslu Kabupaten Contoh menggelar sosialisasi.")
    path = tmp_path / "berita.html"
    path.write_text(page, encoding="utf-8")
    doc = parse_file(path)
    assert doc.publication_date == dt.date(2025, 11, 4)
    assert doc.lead == "Bawaslu Kabupaten Contoh menggelar sosialisasi."
    assert doc.title == "Sosialisasi Pengawasan Partisipatif di Desa Contoh"
    _no_chrome(doc)


def _mhtml(html: str, url: str) -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = url
    message["Subject"] = "Sosialisasi Pengawasan Partisipatif"
    part = MIMEText(html, "html", "utf-8")
    part["Content-Location"] = url
    message.attach(part)
    picture = MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "png")
    picture["Content-Location"] = "https://contoh.bawaslu.go.id/foto.png"
    message.attach(picture)
    return message.as_bytes()


def test_single_file_page_mhtml_and_the_library_keeps_the_source(library, tmp_path):
    head = '<meta property="og:site_name" content="Bawaslu Kabupaten Contoh">'
    page = _wordpress_page(head=head, lead="Contoh, Senin (3/11/2025) – Bawaslu menggelar sosialisasi.")
    path = tmp_path / "berita.mhtml"
    path.write_bytes(_mhtml(page, "https://contoh.bawaslu.go.id/berita/sosialisasi"))
    result = import_files(library, [path])
    assert result.rejected == [] and len(result.added) == 1
    doc = store.load_doc(library, result.added[0])
    assert doc.source_url == "https://contoh.bawaslu.go.id/berita/sosialisasi"
    assert doc.source_site == "Bawaslu Kabupaten Contoh"
    assert (doc.publication_date, doc.dateline_city, doc.event_date) == (
        dt.date(2025, 11, 4), "Contoh", dt.date(2025, 11, 3))
    assert [q.speaker for q in doc.quotes] == ["Siti Contoh"]
    _no_chrome(doc)
    # The site comes back from Warta's own export too.
    from desktop.articles.io.service import render

    out = tmp_path / "ekspor.md"
    out.write_bytes(render(doc, "md"))
    assert parse_file(out).source_site == "Bawaslu Kabupaten Contoh"


def test_text_copied_from_a_news_page_gives_no_byline_or_excerpt_as_subtitle(tmp_path):
    path = tmp_path / "salinan.txt"
    path.write_text(
        "Lompat ke isi utama\n\nBerita\n\nSosialisasi Pengawasan Partisipatif di Desa Contoh\n\nadmin humas 7\n\n"
        "Selasa 4 November 2025, Bawaslu Kabupaten Contoh menggelar sosialisasi pengawasan partisipatif bagi\n\n"
        "contoh.bawaslu.go.id - Bawaslu Kabupaten Contoh menggelar sosialisasi pengawasan partisipatif bagi warga "
        "Desa Contoh.\n\nKegiatan dihadiri perangkat desa.\n\nPenulis : Ridha Contoh\n",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert doc.title == "Sosialisasi Pengawasan Partisipatif di Desa Contoh"
    assert doc.subtitle == ""
    assert doc.source_site == "contoh.bawaslu.go.id"
    assert doc.event_date == dt.date(2025, 11, 4)
    assert doc.lead.startswith("Bawaslu Kabupaten Contoh menggelar")
    assert (doc.body, doc.writer) == ("Kegiatan dihadiri perangkat desa.", "Ridha Contoh")


def test_plain_theme_byline_and_date_lines_are_no_subtitle(tmp_path):
    path = tmp_path / "berita.html"
    path.write_text(
        "<html><head><meta property='og:site_name' content='Bawaslu Kabupaten Contoh'></head><body>"
        "<div><a href='/'>Beranda</a> » <a href='/berita'>Berita</a></div>"
        "<div><h1>Sosialisasi Pengawasan Partisipatif di Desa Contoh</h1><p>admin humas 7</p>"
        "<p>Selasa, 4 November 2025</p>"
        "<p><strong>Contoh, Senin (3/11/2025) –</strong> Bawaslu Kabupaten Contoh menggelar sosialisasi.</p>"
        "<p>Kegiatan dihadiri perangkat desa.</p></div></body></html>",
        encoding="utf-8",
    )
    doc = parse_file(path)
    assert doc.title == "Sosialisasi Pengawasan Partisipatif di Desa Contoh"
    assert doc.subtitle == "" and "Beranda" not in doc.body
    assert (doc.dateline_city, doc.event_date) == ("Contoh", dt.date(2025, 11, 3))
    assert doc.lead == "Bawaslu Kabupaten Contoh menggelar sosialisasi."
    assert doc.body == "Kegiatan dihadiri perangkat desa."
    assert doc.source_site == "Bawaslu Kabupaten Contoh"
    assert doc.publication_date == dt.date(2025, 11, 4)  # the post's own date line
