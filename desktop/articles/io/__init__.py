"""Articles in and out: .docx, .md, .txt and saved web page (.html, .mhtml) import, HTML from the
clipboard; .docx, .md, .txt and WhatsApp export.

Layers (each usable alone): ``readers`` turn a file into blocks of formatted
spans (``markup``; ``webpage`` for HTML), ``structure`` recognises the parts of a humas article in
blocks and lays an article out as blocks again, ``writers`` render blocks,
``service`` imports into and exports from a library. Heavy libraries
(python-docx, charset-normalizer, markdown-it) load only when used.
"""

from __future__ import annotations

from desktop.articles.io.service import (  # noqa: F401
    article_whatsapp,
    default_file_name,
    export_article,
    import_files,
    is_importable,
    parse_file,
    render,
)


def whatsapp_text(doc, *, about_name: str = "", draft: bool = False) -> str:  # noqa: ANN001 - ArticleDoc
    """The article as WhatsApp text (``*bold*``, ``_italic_``, lists), ready to paste; ``draft``: DRAF first."""
    from desktop.articles.io.writers import whatsapp_text as render_whatsapp

    return render_whatsapp(doc, about_name=about_name, draft=draft)
