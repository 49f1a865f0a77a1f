"""Reading article files (.docx, .md, .txt) into blocks, refusing bad input early.

Every refusal is an :class:`ArticleFileError` whose ``reason`` says, in the
user's language, what is wrong with that one file and what to do; the batch
importer records it and goes on with the other files.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from desktop.articles.io.markup import Block, Span, clean_text, normalize_blocks, parse_markdown, parse_text
from desktop.errors import ValidationError, os_reason
from desktop.i18n import _
from desktop.stats import human_size

# A press release is a few kilobytes; anything far bigger is not an article.
MAX_TEXT_BYTES = 5 * 1024 * 1024
# Word files carry photos, so they may be larger; the XML inside is bounded separately.
MAX_DOCX_BYTES = 60 * 1024 * 1024
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
# Parts in one Word file: a long article with photos has a few dozen.
MAX_DOCX_PARTS = 2000
# One paragraph of a press release is a few hundred characters; this is about fifteen pages.
MAX_PARAGRAPH_CHARS = 50_000
TEXT_EXTENSIONS = (".txt", ".text")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
DOCX_EXTENSIONS = (".docx",)
# A page saved by a browser: "Web page, complete" / "HTML only" (.html) and "single file" (.mhtml).
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
MHTML_EXTENSIONS = (".mhtml", ".mht")
EXTENSIONS = DOCX_EXTENSIONS + MARKDOWN_EXTENSIONS + TEXT_EXTENSIONS + HTML_EXTENSIONS + MHTML_EXTENSIONS
# A saved page's single file carries its pictures too.
MAX_MHTML_BYTES = MAX_DOCX_BYTES

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARKER = "EncryptedPackage".encode("utf-16-le")


class ArticleFileError(ValidationError):
    """One file could not be imported; ``reason`` is the sentence without the file name."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(_("{name}: {reason}").format(name=self.path.name, reason=reason))


def _check_size(path: Path, limit: int) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ArticleFileError(path, _("The file does not exist.")) from exc
    except OSError as exc:
        raise ArticleFileError(path, _("The file cannot be read: {error}.").format(error=os_reason(exc))) from exc
    if path.is_dir():
        raise ArticleFileError(path, _("This is a folder, not a file."))
    if not path.is_file():
        # A pipe or a device (/dev/zero) would block or never end: refused before it is opened.
        raise ArticleFileError(path, _("This is not a regular file (it is a device or a pipe). Import a saved article file."))
    if size == 0:
        raise ArticleFileError(path, _("The file is empty."))
    if size > limit:
        raise ArticleFileError(
            path,
            _("The file is {size}; Warta imports articles up to {limit} MB. Check that it really is an article.").format(
                size=human_size(size), limit=limit // (1024 * 1024)
            ),
        )
    return size


def _read_head(path: Path, count: int = 8192) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(count)
    except OSError as exc:
        raise ArticleFileError(path, _("The file cannot be read: {error}.").format(error=os_reason(exc))) from exc


def read_blocks(path: Path | str) -> list[Block]:
    """Blocks of an article file, or :class:`ArticleFileError`."""
    return read_article(path)[0]


def read_article(path: Path | str) -> tuple[list[Block], dict]:
    """Blocks of an article file and the metadata it declares (Markdown front matter, Word properties)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".doc":
        _check_size(path, MAX_DOCX_BYTES)
        if _encrypted(path):
            raise ArticleFileError(path, _password_reason())
        raise ArticleFileError(
            path,
            _("This is an old Word 97–2003 document (.doc). Open it in Word or LibreOffice, save it as .docx and import that."),
        )
    if not ext:
        raise ArticleFileError(
            path,
            _("Warta cannot import files without an extension. Save the article as .docx, .md or .txt and import that."),
        )
    if ext not in EXTENSIONS:
        raise ArticleFileError(
            path,
            _("Warta cannot import '{ext}' files. Save the article as .docx, .md or .txt and import that.").format(
                ext=ext
            ),
        )
    meta: dict = {}
    if ext in DOCX_EXTENSIONS:
        blocks, meta = _read_docx(path)
    elif ext in MARKDOWN_EXTENSIONS:
        meta, text = split_front_matter(read_text(path))
        blocks = parse_markdown(text)
        if meta.get("title"):
            blocks.insert(0, Block("h", [Span(str(meta["title"]))], 1, hint="title"))
    elif ext in HTML_EXTENSIONS:
        from desktop.articles.io.webpage import html_article

        blocks, meta = html_article(read_text(path))
    elif ext in MHTML_EXTENSIONS:
        blocks, meta = _read_mhtml(path)
    else:
        blocks = parse_text(read_text(path))
    blocks = normalize_blocks(blocks)
    if not blocks:
        raise ArticleFileError(path, _("The file holds no text to import."))
    from desktop import numbers

    for number, block in enumerate(blocks, start=1):
        length = sum(len(span.text) for span in block.spans)
        if length > MAX_PARAGRAPH_CHARS:
            raise ArticleFileError(
                path,
                _("Paragraph {number} has {count} characters; Warta imports paragraphs of up to {limit}. "
                  "Separate its paragraphs with blank lines (or check that the file really is an article).").format(
                    number=number, count=numbers.integer(length), limit=numbers.integer(MAX_PARAGRAPH_CHARS)
                ),
            )
    return blocks, meta


def split_front_matter(text: str) -> tuple[dict, str]:
    """``---`` front matter (Hugo, Jekyll, Obsidian) as a dict of strings and lists, and the rest.

    Only the simple ``key: value`` / ``key: [a, b]`` / ``- item`` forms
    articles use; anything else is ignored rather than misread.
    """
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text
    meta: dict = {}
    key = None
    for raw in lines[1:end]:
        item = re.match(r"^\s*-\s+(.*)$", raw)
        if item and key is not None:
            meta.setdefault(key, [])
            if isinstance(meta[key], list):
                meta[key].append(_unquote(item.group(1)))
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", raw)
        if not m:
            continue
        key, value = m.group(1).casefold(), m.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            meta[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            meta[key] = _unquote(value)
    return meta, "\n".join(lines[end + 1 :])


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"' and "\\" in value:
        import json

        try:
            return str(json.loads(value))  # a JSON string with escapes, as Warta writes them
        except ValueError:
            pass
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# -- text -------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The text of a .txt/.md file: UTF-8, or a legacy encoding detected and converted."""
    _check_size(path, MAX_TEXT_BYTES)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(path, _("The file cannot be read: {error}.").format(error=os_reason(exc))) from exc
    if data.startswith(OLE_MAGIC) or data.startswith(ZIP_MAGIC):
        raise ArticleFileError(path, _not_text_reason())
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _clean_text(path, data.decode(codec))
            except UnicodeDecodeError:
                break
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 100 + 1:
        # UTF-16 without a byte order mark, or binary data; a stray NUL or two is dropped.
        raise ArticleFileError(path, _not_text_reason())
    try:
        return _clean_text(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Windows offices write cp1252 (curly quotes at 0x91-0x94) or its neighbours.
    best = from_bytes(
        data, cp_isolation=["cp1252", "cp1250", "latin_1", "iso8859_15", "mac_roman", "cp437", "cp850"]
    ).best()
    if best is None:
        raise ArticleFileError(path, _not_text_reason())
    return _clean_text(path, str(best))


def _binary_looking(text: str) -> bool:
    sample = text[:4096]
    # A vertical tab is Word's Shift+Enter pasted into Notepad: a line break, not binary.
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls > len(sample) // 100 + 1


def _clean_text(path: Path, text: str) -> str:
    if _binary_looking(text):
        raise ArticleFileError(path, _not_text_reason())
    return clean_text(text)


def _not_text_reason() -> str:
    return _("This is not a text file (it holds binary data). Import .docx, .md or .txt articles.")


def _password_reason() -> str:
    return _(
        "The document is protected with a password. Open it in Word, remove the password "
        "(File → Info → Protect Document), save it and import it again."
    )


def _read_mhtml(path: Path) -> tuple[list[Block], dict]:
    from desktop.articles.io.webpage import html_article, mhtml_html

    _check_size(path, MAX_MHTML_BYTES)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(path, _("The file cannot be read: {error}.").format(error=os_reason(exc))) from exc
    html, url = mhtml_html(data)
    if not html.strip():
        raise ArticleFileError(path, _("The saved web page holds no HTML page to import."))
    return html_article(clean_text(html), base_url=url)


# -- Word -------------------------------------------------------------------------


def _encrypted(path: Path) -> bool:
    """An OLE file holding an ``EncryptedPackage`` stream: a password-protected Office file."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(min(path.stat().st_size, 4 * 1024 * 1024))
    except OSError:
        return False
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_MARKER in data


def _read_docx(path: Path) -> tuple[list[Block], dict]:
    _check_size(path, MAX_DOCX_BYTES)
    head = _read_head(path, 8)
    if head.startswith(OLE_MAGIC):
        if _encrypted(path):
            raise ArticleFileError(path, _password_reason())
        raise ArticleFileError(
            path,
            _("This is an old Word 97–2003 document saved with a .docx name. Open it in Word, save it as .docx and import that."),
        )
    damaged = _("The Word document is damaged and cannot be read. Open it in Word and save it again, then import the copy.")
    if not head.startswith(ZIP_MAGIC):
        raise ArticleFileError(path, damaged)
    import zlib

    try:
        package = _text_parts(path)
    except ArticleFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method.
        raise ArticleFileError(path, damaged) from exc
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(package)
        return _docx_blocks(document), _docx_meta(document)
    except ArticleFileError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ArticleFileError(path, damaged) from exc
    except Exception as exc:  # noqa: BLE001 - lxml and python-docx raise many kinds on broken XML
        raise ArticleFileError(path, damaged) from exc


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _text_parts(path: Path):  # noqa: ANN202 - io.BytesIO
    """The Word package with only what holds text: its XML parts (relationships included), every
    other part (photos, embedded files) left empty so python-docx never reads it.

    Sizes come from the ZIP's central directory and are checked before anything is
    decompressed; each XML part is read in chunks and never past its declared size
    or the budget, so a small file that claims, or inflates to, gigabytes is refused
    with a sentence instead of filling the memory.
    """
    import io

    too_much = _("The Word document holds too much text to be an article.")
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_DOCX_PARTS:
            raise ArticleFileError(
                path,
                _("The Word document has {count} parts; an article has a few dozen. Open it in Word, "
                  "save it again and import the copy.").format(count=len(infos)),
            )
        parts = {i.filename: i for i in infos if not i.is_dir()}  # a name given twice: the last one, as zipfile reads it
        if "word/document.xml" not in parts:
            raise ArticleFileError(path, _("This is a zip file but not a Word document."))
        if sum(i.file_size for name, i in parts.items() if _is_xml_part(name)) > MAX_DOCX_XML_BYTES:
            raise ArticleFileError(path, too_much)
        budget = MAX_DOCX_XML_BYTES
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for name, info in parts.items():
                data = b""
                if _is_xml_part(name):
                    chunks = []
                    with zf.open(info) as member:
                        while chunk := member.read(1 << 20):
                            budget -= len(chunk)
                            if budget < 0:
                                raise ArticleFileError(path, too_much)
                            chunks.append(chunk)
                    data = b"".join(chunks)
                copy.writestr(name, data)
    out.seek(0)
    return out


def _docx_meta(document) -> dict:  # noqa: ANN001
    """Warta's own metadata (JSON in the Comments property), else Word's keywords as tags."""
    import json

    from desktop.articles.io.writers import DOCX_META_KEY

    props = document.core_properties
    try:
        found = json.loads(props.comments or "")
    except ValueError:
        found = None
    if isinstance(found, dict) and isinstance(found.get(DOCX_META_KEY), dict):
        return dict(found[DOCX_META_KEY])
    keywords = [k.strip() for k in re.split(r"[,;]", props.keywords or "") if k.strip()]
    return {"tags": keywords} if keywords else {}


def _style_names(document) -> dict[str, str]:  # noqa: ANN001
    # python-docx resolves a style by searching the styles part on every access;
    # one dictionary per document keeps a long article fast to read.
    names: dict[str, str] = {}
    for style in document.styles:
        try:
            names[style.style_id] = style.name or ""
        except (KeyError, AttributeError):
            continue
    return names


def _style_name(paragraph, names: dict[str, str]) -> str:  # noqa: ANN001
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
    return names.get(style_id, "") if style_id else ""


def _numbering(document, paragraph) -> tuple[int, bool] | None:  # noqa: ANN001
    """(level, ordered) of a paragraph numbered through ``w:numPr``."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None or numpr.numId is None:
        return None
    num_id = numpr.numId.val
    if num_id == 0:
        return None  # numbering explicitly removed
    level = numpr.ilvl.val if numpr.ilvl is not None else 0
    fmt = "decimal"
    try:
        numbering = document.part.numbering_part.element
        ns = numbering.nsmap.get("w")
        q = "{%s}" % ns
        num = next((n for n in numbering.iterchildren(q + "num") if n.get(q + "numId") == str(num_id)), None)
        if num is not None:
            abstract_id = num.find(q + "abstractNumId").get(q + "val")
            abstract = next(
                (a for a in numbering.iterchildren(q + "abstractNum") if a.get(q + "abstractNumId") == abstract_id), None
            )
            if abstract is not None:
                formats = {}
                for lvl in abstract.iterchildren(q + "lvl"):
                    node = lvl.find(q + "numFmt")
                    if node is not None:
                        formats[lvl.get(q + "ilvl")] = node.get(q + "val")
                # A level the definition leaves out looks like the list's first level.
                fmt = formats.get(str(level)) or formats.get("0") or fmt
    except (AttributeError, KeyError, NotImplementedError, StopIteration):
        pass
    return int(level), fmt not in ("bullet", "none")


def _run_flags(run, names: dict[str, str]) -> tuple[bool, bool]:  # noqa: ANN001
    rpr = run._r.rPr
    style_id = rpr.rStyle.val if rpr is not None and rpr.rStyle is not None else None
    style = names.get(style_id, "") if style_id else ""
    bold = bool(run.bold) or style in ("Strong", "Book Title")
    italic = bool(run.italic) or style in ("Emphasis", "Intense Emphasis", "Subtle Emphasis")
    return bold, italic


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Wrappers whose runs are part of the text: tracked insertions, smart tags,
# content controls, simple fields. Deleted text (w:del, w:moveFrom) is left out.
_RUN_WRAPPERS = {_W + n for n in ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "dir", "bdo")}


def _paragraph_spans(paragraph, names: dict[str, str]) -> list[Span]:  # noqa: ANN001
    from docx.text.run import Run

    spans: list[Span] = []

    def walk(element, href: str | None) -> None:  # noqa: ANN001
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                run = Run(child, paragraph)
                bold, italic = _run_flags(run, names)
                spans.append(Span(run.text, bold, italic, href))
            elif tag == _W + "hyperlink":
                target = href
                r_id = child.get(_R_ID)
                if r_id and r_id in paragraph.part.rels:
                    target = paragraph.part.rels[r_id].target_ref
                anchor = child.get(_W + "anchor")
                walk(child, target or (("#" + anchor) if anchor else None))
            elif tag in _RUN_WRAPPERS:
                walk(child, href)

    walk(paragraph._p, None)
    return spans


def _children(element, name: str):  # noqa: ANN001, ANN202
    """Direct children named ``w:name``, looking through content controls (w:sdt) around them."""
    for child in element:
        if child.tag == _W + name:
            yield child
        elif child.tag == _W + "sdt":
            for content in child:
                if content.tag == _W + "sdtContent":
                    yield from _children(content, name)


def _docx_blocks(document) -> list[Block]:  # noqa: ANN001
    from docx.shared import Cm
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    names = _style_names(document)

    def add_paragraph(paragraph) -> None:  # noqa: ANN001
        spans = _paragraph_spans(paragraph, names)
        style = _style_name(paragraph, names)
        low = style.casefold()
        if low == "title":
            blocks.append(Block("h", spans, 1, hint="title"))
        elif low == "subtitle":
            blocks.append(Block("p", spans, hint="subtitle"))
        elif low.startswith("heading"):
            digits = "".join(ch for ch in style if ch.isdigit())
            blocks.append(Block("h", spans, int(digits) if digits else 2))
        elif low.startswith("list bullet") or low.startswith("list number"):
            digits = "".join(ch for ch in style if ch.isdigit())
            level = int(digits) - 1 if digits else 0
            blocks.append(Block("li", spans, level, low.startswith("list number")))
        elif (numbered := _numbering(document, paragraph)) is not None:
            blocks.append(Block("li", spans, numbered[0], numbered[1]))
        elif "quote" in low or "kutipan" in low:
            blocks.append(Block("q", spans))
        else:
            indent = paragraph.paragraph_format.left_indent
            quoted = indent is not None and indent >= Cm(1)
            blocks.append(Block("q" if quoted else "p", spans))

    def walk(container) -> None:  # noqa: ANN001 - body, table cell or content control
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                add_paragraph(Paragraph(child, document._body))
            elif tag == _W + "tbl":
                for row in _children(child, "tr"):
                    for cell in _children(row, "tc"):
                        walk(cell)  # a merged cell is one w:tc, so nothing repeats
            elif tag == _W + "sdt":
                for content in _children(child, "sdtContent"):
                    walk(content)

    walk(document.element.body)
    return blocks
