"""User text → reportlab flowables, with every character escaped exactly once.

reportlab's Paragraph reads a small XML markup language; its parser has had
file-read and code-execution CVEs, and unescaped text such as ``A & B <c>``
silently loses characters. So user text reaches a Paragraph only through
:func:`esc`, and the only tags in the markup are the ones this module builds
from markdown-it tokens (``<b> <i> <br/> <a href>``, the last only for
http/https/mailto). Raw HTML in Markdown is disabled; images in Markdown print
their alt text and are never loaded.
"""

from __future__ import annotations

import re
import threading
from xml.sax.saxutils import escape as _xml_escape

from desktop.kits import styles as st

SAFE_SCHEMES = ("http://", "https://", "mailto:")
# reportlab wraps a paragraph again from its first word on every page it continues
# on, taking words off the front of a list: one paragraph of n characters costs
# about n² (400 KB took two minutes). Longer text is set as consecutive Paragraphs
# of at most this many characters, cut after a sentence where there is one, so a
# kit takes time in proportion to its text. A press-release paragraph is far shorter.
CHUNK_CHARS = 2000
# Inside a quote box a piece is a table row, which never splits across pages: shorter
# pieces leave at most a few lines empty at the foot of a page.
ROW_CHARS = 500
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*\s+")
# C0/C1 controls (other than tab and newline) have no glyph and confuse the parser.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ATTRIBUTION = re.compile(r"^\s*(—|–|--)\s*")


def esc(text: str) -> str:
    """The one way user text enters reportlab markup: a literal, never a tag or entity.

    Characters the text faces lack (→ ≤ ✓ …) are set in a shipped fallback face
    rather than printed as a box.
    """
    text = _CONTROL.sub("", text or "")
    if text.isascii():
        return _xml_escape(text, {'"': "&quot;"})
    from itertools import groupby

    from desktop.kits import fonts

    # Most text is ASCII and a few “ ” – é the text faces draw: each distinct character is asked once.
    if all(fonts.face_for(c) is None for c in set(text) if ord(c) > 127):
        return _xml_escape(text, {'"': "&quot;"})

    out: list[str] = []
    # A character no shipped face draws stays in the text face; render() refuses such text first.
    for face, chars in groupby(text, key=lambda c: fonts.face_for(c) or None):
        chunk = _xml_escape("".join(chars), {'"': "&quot;"})
        out.append(f'<font face="{face}">{chunk}</font>' if face else chunk)
    return "".join(out)


def lines(text: str) -> str:
    """Escaped multi-line text keeping its line breaks."""
    return "<br/>".join(esc(line.strip()) for line in (text or "").strip().splitlines())


def safe_href(url: str) -> str | None:
    url = (url or "").strip()
    return url if url.lower().startswith(SAFE_SCHEMES) else None


_PARSERS = threading.local()


def _parser():  # noqa: ANN202
    """This thread's Markdown parser (made once: building one costs more than parsing a release)."""
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        from markdown_it import MarkdownIt

        # html off: "<b>" in an article is text; typographer off: quotes stay as written.
        parser = _PARSERS.parser = MarkdownIt("commonmark", {"html": False, "typographer": False,
                                                             "linkify": False})
    return parser


# Text that Markdown would read as nothing but paragraphs of plain words: no character that
# can open markup, entities, links, code or escapes; paragraphs one line each, separated by
# blank lines, with nothing at their edges for Markdown to strip; no line that could open a
# heading, list, quote, rule or ~~~ fence. Most releases are such prose: they skip the Markdown parser.
_MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>!&\t\r\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BLOCK_START = re.compile(r"[#>=+~\-]|\d{1,9}[.)](?: |$)")
_BLANK_LINES = re.compile(r"\n{2,}")


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of ``text`` when it is plain prose (see above), else None."""
    if _MARKUP_CHARS.search(text):
        return None
    paras = _BLANK_LINES.split(text.strip("\n"))
    for para in paras:
        if not para or "\n" in para or para != para.strip() or _BLOCK_START.match(para):
            return None
    return paras


def inline_markup(children: list) -> str:
    """reportlab markup for markdown-it inline tokens; every text goes through :func:`esc`."""
    return "".join(inline_chunks(children, limit=None))


def _cut(text: str, room: int) -> int:
    """Where to end a piece of at most ``room`` characters: after the last sentence in its
    second half, else after its last space, else at ``room``."""
    end = 0
    for m in _SENTENCE_END.finditer(text, room // 2, room):
        end = m.end()
    if end:
        return end
    space = text.rfind(" ", room // 2, room)
    return space + 1 if space > 0 else room


def _pieces(text: str, room: int, limit: int) -> list[str]:
    """``text`` cut into pieces, the first of at most ``room`` characters, the others ``limit``."""
    out: list[str] = []
    start = 0
    while len(text) - start > room:
        end = start + _cut(text[start:start + room + 1], room)
        out.append(text[start:end])
        start, room = end, limit
    out.append(text[start:])
    return out


def inline_chunks(children: list, limit: int | None = CHUNK_CHARS) -> list[str]:  # noqa: C901 - one branch per token
    """reportlab markup for markdown-it inline tokens, as pieces of at most ``limit`` characters of
    text; every piece closes the tags it opened and the next opens them again. Every text goes
    through :func:`esc`. ``limit=None``: one piece."""
    chunks: list[list[str]] = [[]]
    tags: list[str] = []  # closing markup of what is open, innermost last
    opens: list[str] = []
    size = 0

    def new_chunk() -> None:
        nonlocal size
        chunks[-1].extend(reversed(tags))
        chunks.append(list(opens))
        size = 0

    def text(content: str, wrap: tuple[str, str] = ("", "")) -> None:
        nonlocal size
        if limit is None:
            chunks[-1].append(wrap[0] + esc(content) + wrap[1])
            return
        if size and len(content) > limit - size and limit - size < limit // 4:
            new_chunk()  # little room left: start the next piece rather than cut a word off
        pieces = _pieces(content, limit - size, limit)
        for n, piece in enumerate(pieces):
            if n:
                new_chunk()
            chunks[-1].append(wrap[0] + esc(piece) + wrap[1])
            size += len(piece)

    def push(open_markup: str, close_markup: str) -> None:
        chunks[-1].append(open_markup)
        opens.append(open_markup)
        tags.append(close_markup)

    def pop() -> None:
        if tags:
            chunks[-1].append(tags.pop())
            opens.pop()

    links: list[bool] = []
    for tok in children or []:
        t = tok.type
        if t == "text":
            text(tok.content)
        elif t == "softbreak":
            text(" ")
        elif t == "hardbreak":
            if limit is not None and size > limit // 2:
                new_chunk()  # the next piece starts on a new line anyway
            else:
                chunks[-1].append("<br/>")
        elif t == "strong_open":
            push("<b>", "</b>")
        elif t == "em_open":
            push("<i>", "</i>")
        elif t in ("strong_close", "em_close"):
            pop()
        elif t == "code_inline":
            text(tok.content, (f'<font face="{st.fonts.SANS}">', "</font>"))
        elif t == "link_open":
            href = safe_href(tok.attrs.get("href", ""))
            links.append(href is not None)
            if href is not None:
                push(f'<a href="{esc(href)}" color="{st.ACCENT}">', "</a>")
        elif t == "link_close":
            if links and links.pop():
                pop()
        elif t == "image":
            # Alt text only: a kit never loads a file named by article text.
            alt = tok.children or []
            if alt:
                for piece in inline_chunks(alt, limit=None):
                    chunks[-1].append(piece)
                    size += len(piece)
            else:
                text(tok.content)
        else:  # html_inline (if ever enabled), entities already decoded by markdown-it
            text(tok.content)
    chunks[-1].extend(reversed(tags))
    return ["".join(c) for c in chunks if c]


_PART_STYLES: dict[tuple[int, str], object] = {}


def paragraphs(chunks: list[str], style, *, prefix: str = "") -> list:  # noqa: ANN001
    """Paragraphs that read as one: pieces after the first add no space above, pieces before
    the last none below. ``prefix`` (markup) opens the first."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    chunks = chunks or [""]
    if len(chunks) == 1:
        return [Paragraph(prefix + chunks[0], style)]

    def part(position: str):  # noqa: ANN202 - ParagraphStyle
        key = (id(style), position)
        if key not in _PART_STYLES:
            space = {"first": {"spaceAfter": 0}, "middle": {"spaceBefore": 0, "spaceAfter": 0},
                     "last": {"spaceBefore": 0}}[position]
            _PART_STYLES[key] = (style, ParagraphStyle(f"{style.name}-{position}", parent=style, **space))
        return _PART_STYLES[key][1]

    out = []
    for n, chunk in enumerate(chunks):
        position = "first" if n == 0 else "last" if n == len(chunks) - 1 else "middle"
        out.append(Paragraph((prefix if n == 0 else "") + chunk, part(position)))
    return out


def text_paragraphs(text: str, style, *, before: str = "", after: str = "", limit: int = CHUNK_CHARS) -> list:  # noqa: ANN001
    """Paragraphs of plain user text (escaped), cut like :func:`inline_chunks`; ``before`` and
    ``after`` (markup) open the first and close the last."""
    pieces = [esc(p) for p in _pieces(text, limit, limit)]
    pieces[0] = before + pieces[0]
    pieces[-1] += after
    return paragraphs(pieces, style)


def line_paragraphs(text: str, style) -> list:  # noqa: ANN001
    """Multi-line text keeping its line breaks (:func:`lines`), as paragraphs of at most
    ``CHUNK_CHARS`` characters each (cut between lines, or inside an over-long line)."""
    groups: list[list[str]] = [[]]
    size = 0
    for line in (text or "").strip().splitlines():
        line = line.strip()
        for piece in _pieces(line, CHUNK_CHARS, CHUNK_CHARS):
            if size and size + len(piece) > CHUNK_CHARS:
                groups.append([])
                size = 0
            groups[-1].append(esc(piece))
            size += len(piece)
    return paragraphs(["<br/>".join(g) for g in groups], style)


def paragraph(text: str, style) -> object:  # noqa: ANN001
    """A Paragraph of plain user text (no Markdown), escaped."""
    from reportlab.platypus import Paragraph

    return Paragraph(esc(text), style)


def markdown_flowables(text: str, *, prefix: str = "", body_style=None) -> list:  # noqa: ANN001
    """Flowables for Markdown ``text``; ``prefix`` (markup, already escaped) opens the first paragraph."""
    style = body_style or st.styles().body
    state = {"prefix": prefix}
    out: list = []
    plain = _plain_paragraphs(text or "")
    if plain is not None:
        from markdown_it.token import Token

        # What the parser would give: one text token per paragraph.
        for para in plain:
            out.extend(paragraphs(inline_chunks([Token("text", "", 0, content=para)], CHUNK_CHARS), style,
                                  prefix=_take_prefix(state)))
    else:
        from markdown_it.tree import SyntaxTreeNode

        for node in SyntaxTreeNode(_parser().parse(text or "")).children:
            out.extend(_block(node, style, state, 0))
    if state["prefix"]:  # text had no paragraph (e.g. only a list): keep the dateline anyway
        from reportlab.platypus import Paragraph

        out.insert(0, Paragraph(state["prefix"], style))
    return out


def _inline_of(node) -> list:  # noqa: ANN001
    for child in node.children:
        if child.type == "inline":
            return child.to_tokens()[0].children or []
    return []


def _take_prefix(state: dict) -> str:
    prefix, state["prefix"] = state["prefix"], ""
    return prefix


def _block(node, style, state: dict, depth: int) -> list:  # noqa: ANN001, C901
    from reportlab.platypus import HRFlowable

    S = st.styles()
    t = node.type
    if t == "paragraph":
        return paragraphs(inline_chunks(_inline_of(node), state.get("limit", CHUNK_CHARS)), style,
                          prefix=_take_prefix(state))
    if t == "heading":
        level = int(node.tag[1])
        hstyle = S.h1 if level == 1 else S.h2 if level == 2 else S.h3
        return paragraphs(inline_chunks(_inline_of(node)), hstyle)
    if t in ("bullet_list", "ordered_list"):
        return [_list(node, state, depth)]
    if t == "blockquote":
        return [_blockquote(node, state, depth)]
    if t in ("fence", "code_block"):
        return line_paragraphs(node.content, S.code)
    if t == "hr":
        return [HRFlowable(width="30%", thickness=0.6, color=st.RULE, spaceBefore=6, spaceAfter=8)]
    if t == "html_block":  # unreachable with html off; printed literally if it ever appears
        return line_paragraphs(node.content, style)
    out: list = []
    for child in node.children:
        out.extend(_block(child, style, state, depth))
    return out


def _list(node, state: dict, depth: int):  # noqa: ANN001, ANN202
    from reportlab.platypus import ListFlowable, ListItem

    S = st.styles()
    items = []
    for li in node.children:
        inner: list = []
        for child in li.children:
            inner.extend(_block(child, S.list_item, state, depth + 1))
        items.append(ListItem(inner))
    ordered = node.type == "ordered_list"
    kw: dict = {"bulletFontName": st.fonts.SERIF, "bulletFontSize": st.BODY_SIZE, "leftIndent": 18,
                "spaceAfter": 6}
    if ordered:
        kw.update(bulletType="1", bulletFormat="%s.", start=str(node.attrs.get("start", 1)))
    else:
        kw.update(bulletType="bullet", start="•" if depth == 0 else "–")
    return ListFlowable(items, **kw)


def _blockquote(node, state: dict, depth: int):  # noqa: ANN001, ANN202
    """A block quote with a left rule; a last line starting with a dash is the speaker."""
    from reportlab.platypus import Paragraph

    S = st.styles()
    children = list(node.children)
    rows_last: list = []
    attribution = ""
    if children and children[-1].type == "paragraph":
        tokens = _inline_of(children[-1])
        breaks = [i for i, tok in enumerate(tokens) if tok.type in ("softbreak", "hardbreak")]
        tail = tokens[breaks[-1] + 1:] if breaks else tokens
        if tail and tail[0].type == "text" and _ATTRIBUTION.match(tail[0].content):
            first = _ATTRIBUTION.sub("", tail[0].content, count=1)
            attribution = "— " + esc(first) + inline_markup(tail[1:])
            head = tokens[: breaks[-1]] if breaks else []
            if head:
                rows_last.extend(paragraphs(inline_chunks(head, ROW_CHARS), S.quote))
            children = children[:-1]
    rows: list = []
    outer = state.get("limit", CHUNK_CHARS)
    state["limit"] = ROW_CHARS
    for child in children:
        rows.extend(_block(child, S.quote, state, depth + 1))
    state["limit"] = outer
    rows.extend(rows_last)
    if attribution:
        rows.append(Paragraph(attribution, S.attribution))
    return quote_box(rows)


def quote_box(flowables: list):  # noqa: ANN201
    """Indented block with a thin accent rule on its left; splits between rows across pages."""
    from reportlab.lib import colors
    from reportlab.platypus import Table

    if not flowables:
        flowables = [""]
    table = Table([[f] for f in flowables], colWidths=["100%"], hAlign="LEFT", splitByRow=1)
    table.setStyle(
        st.table_style(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 1.6, colors.HexColor(st.ACCENT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    table.spaceBefore, table.spaceAfter = 2, 9
    return table
