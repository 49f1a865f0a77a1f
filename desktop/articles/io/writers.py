"""Rendering an article's blocks as Markdown, plain text, WhatsApp text or Word.

What importing an export gives back: .md and .docx carry the article's
metadata (:func:`structure.export_meta`: tags, source URL and site, publication
and event dates, how many quotes follow the body and paragraphs the *Tentang …*) — Markdown as front matter,
Word as JSON in the document's Comments property (tags also as Keywords,
the URL as Identifier) — so they import as the same article. Plain text and
WhatsApp text are for pasting into mail, web forms and chats, where a header
block would be pasted too: they carry the text only, and on import tags, URL
and publication date are lost, the dateline's date becomes the event date,
and a body that ends with a quote paragraph gives that paragraph to the quotes.
"""

from __future__ import annotations

import io

from desktop.articles.document import ArticleDoc
from desktop.articles.io.markup import WHATSAPP, Block, Span, clean_text, to_markdown, to_text
from desktop.articles.io.structure import DRAFT_MARK, draft_mark_block, export_meta, layout

# Word keeps Warta's metadata (see structure.export_meta) as JSON in the document's
# "Comments" property under this key; the reader looks for the same key.
DOCX_META_KEY = "warta_article"

FORMATS = ("docx", "md", "txt", "whatsapp")
# "pdf" is the release on the letterhead, typeset by the press kits' renderer (service.release_pdf).
EXTENSIONS = {"docx": ".docx", "md": ".md", "txt": ".txt", "whatsapp": ".txt", "pdf": ".pdf"}


def _blocks(doc: ArticleDoc, about_name: str, draft: bool) -> list[Block]:
    """The article's blocks; ``draft`` (a text that is not approved) puts the DRAF line first."""
    blocks = layout(doc, about_name=about_name)
    return [draft_mark_block()] + blocks if draft else blocks


def markdown_text(doc: ArticleDoc, *, about_name: str = "", draft: bool = False) -> str:
    # The front matter must open the file for readers to find it, so the DRAF line follows it.
    return front_matter(export_meta(doc)) + to_markdown(_blocks(doc, about_name, draft)) + "\n"


def front_matter(meta: dict[str, object]) -> str:
    """``---`` front matter in the simple form ``readers.split_front_matter`` reads back."""
    import json

    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {json.dumps(str(v), ensure_ascii=False)}" for v in value]
        elif isinstance(value, int):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {json.dumps(str(value), ensure_ascii=False)}")
    return "\n".join(lines + ["---", "", ""])


def plain_text(doc: ArticleDoc, *, about_name: str = "", draft: bool = False) -> str:
    blocks = _blocks(doc, about_name, draft)
    for i, block in enumerate(blocks[:-1]):
        if block.hint == "title" and blocks[i + 1].hint == "subtitle":
            # Without italics the subtitle would read as the lead: keep it on the title's block.
            block.kind = "p"
            block.spans = block.spans + [Span("\n")] + blocks.pop(i + 1).spans
            break
    return to_text(blocks) + "\n"


def whatsapp_text(doc: ArticleDoc, *, about_name: str = "", draft: bool = False) -> str:
    """The article in WhatsApp's markup (``*bold*``, ``_italic_``, ``-`` lists), ready to paste."""
    blocks = _blocks(doc, about_name, draft)
    for block in blocks:
        if block.hint == "title":
            # WhatsApp has no headings; a bold line is how titles are sent.
            block.kind = "p"
            block.spans = [s.__class__(s.text, True, s.italic, s.href) for s in block.spans]
    return to_text(blocks, WHATSAPP)


def docx_bytes(doc: ArticleDoc, *, about_name: str = "", draft: bool = False) -> bytes:
    """A Word document journalists can edit: Title, Subtitle, Heading, List and Quote styles.

    ``draft`` (a text that is not approved): the DRAF mark in the header of
    every page and as the first line, so a printout of any page shows it.
    """
    import json

    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as Indonesian offices print
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    if draft:
        from desktop.i18n import _

        section.header.paragraphs[0].add_run(_(DRAFT_MARK)).bold = True
    props = document.core_properties
    # Word's XML cannot hold control characters (an article saved before they were
    # cleaned on import may still have some): the text blocks are cleaned by layout().
    props.title = clean_text(doc.title)[:255]
    props.author = clean_text(doc.writer)[:255]
    props.subject = clean_text(doc.subtitle)[:255]
    props.keywords = clean_text(", ".join(doc.tags))[:255]
    props.identifier = clean_text(doc.source_url)[:255]
    props.comments = json.dumps({DOCX_META_KEY: export_meta(doc)}, ensure_ascii=False)
    list_num: dict[int, int] = {}  # level -> numId of the numbered list being written
    previous: Block | None = None
    # Style ids looked up once: python-docx searches the styles part on every by-name lookup.
    style_ids = {style.name: style.style_id for style in document.styles}
    for block in _blocks(doc, about_name, draft):
        style = _style_for(block)
        paragraph = document.add_paragraph()
        if style != "Normal":
            paragraph._p.style = style_ids[style]
        if block.hint in ("kind", "release", "title", "subtitle", "label"):
            # A heading line never ends a page alone (Narahubung above its contact lines).
            paragraph.paragraph_format.keep_with_next = True
        if block.kind == "li" and block.ordered:
            if previous is None or previous.kind != "li":
                list_num.clear()
            if previous is not None and previous.kind == "li" and previous.level < block.level:
                list_num.pop(block.level, None)
            if block.level not in list_num:
                list_num[block.level] = _restart_numbering(document, style, block.level)
            _set_num(paragraph, list_num[block.level], 0)
        _add_spans(paragraph, block)
        previous = block
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _style_for(block: Block) -> str:
    if block.hint == "title":
        return "Title"
    if block.hint == "subtitle":
        return "Subtitle"
    if block.kind == "h":
        return f"Heading {min(block.level, 9)}"
    if block.kind == "li":
        base = "List Number" if block.ordered else "List Bullet"
        return base if block.level == 0 else f"{base} {min(block.level + 1, 3)}"
    if block.kind == "q":
        return "Quote"
    return "Normal"


def _restart_numbering(document, style: str, level: int) -> int:  # noqa: ANN001
    """A new numbering instance so each numbered list in the file starts again at 1."""
    numbering = document.part.numbering_part.element
    num_id = document.styles[style]._element.pPr.numPr.numId.val
    abstract_id = next(n for n in numbering.num_lst if n.numId == num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _set_num(paragraph, num_id: int, ilvl: int) -> None:  # noqa: ANN001
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def _add_spans(paragraph, block: Block) -> None:  # noqa: ANN001
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    links: dict[str, object] = {}
    last_link = None
    for span in block.spans:
        run = paragraph.add_run(span.text)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        if span.href:
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            if last_link is None or links.get("href") != span.href:
                r_id = paragraph.part.relate_to(span.href, RT.HYPERLINK, is_external=True)
                last_link = OxmlElement("w:hyperlink")
                last_link.set(qn("r:id"), r_id)
                run._r.addprevious(last_link)
                links["href"] = span.href
            last_link.append(run._r)
        else:
            last_link = None
            links.clear()
