"""Formatted text as blocks of spans: the one shape every reader produces and
every writer consumes.

Readers (.docx, .md, .txt) turn a file into :class:`Block` values; writers
render blocks as canonical Markdown, plain text, WhatsApp markup or Word
paragraphs. Because Markdown is always rendered by :func:`to_markdown` from
blocks, what Warta stores is canonical: importing an export gives back the
same string, which is what the round-trip tests check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Callable, Iterable

BLOCK_KINDS = ("p", "h", "li", "q")  # paragraph, heading, list item, block quote


@dataclass
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_format(self, other: "Span") -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


@dataclass
class Block:
    kind: str  # one of BLOCK_KINDS
    spans: list[Span] = field(default_factory=list)
    level: int = 0  # heading level (1-6) or list nesting depth (0-based)
    ordered: bool = False  # numbered list item
    hint: str = ""  # reader's hint about the role ("title", "subtitle") from a Word style

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


# -- normalisation ---------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*")
# What no article text may hold: C0 controls but tab and newline, DEL, C1 controls,
# the two non-characters and lone surrogates. lxml (so .docx, and the ZIP kit holding
# it) refuses them, PostgreSQL refuses NUL, and none of them prints.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Word's Shift+Enter comes through copy and paste as a vertical tab, a page break as form feed.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n\n", "\r": "\n"})


def clean_text(text: str) -> str:
    """``text`` without control characters: a vertical tab (Word's Shift+Enter) becomes a line
    break, a form feed a paragraph break, CR/CRLF a newline, every other control is dropped."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    return _CONTROLS.sub("", text)


def normalize_spans(spans: Iterable[Span], *, breaks: bool = True) -> list[Span]:
    """Merge equal neighbours, drop empty spans, trim the ends.

    Tabs become spaces and spaces around line breaks go (Markdown would drop
    them anyway); ``breaks=False`` turns line breaks into spaces (headings).
    Control characters are cleaned (:func:`clean_text`). Linear in the text:
    neighbours are joined once, not appended to one another.
    """
    groups: list[tuple[Span, list[str]]] = []
    for span in spans:
        if not span.text:
            continue
        if groups and groups[-1][0].same_format(span):
            groups[-1][1].append(span.text)
        else:
            groups.append((span, [span.text]))
    out: list[Span] = []
    for first, texts in groups:
        text = clean_text("".join(texts).replace("\r", "")).replace("\t", " ")
        text = _SPACES.sub("\n", text) if breaks else _SPACES.sub(" ", text)
        if text:
            out.append(replace(first, text=text))
    # A break next to another break, or at either end, carries nothing.
    while out and not out[0].text.lstrip(" \n\u00a0"):
        out.pop(0)
    while out and not out[-1].text.rstrip(" \n\u00a0"):
        out.pop()
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip(" \n\u00a0"))
        out[-1] = replace(out[-1], text=out[-1].text.rstrip(" \n\u00a0"))
    merged: list[Span] = []
    for span in out:
        text = re.sub(r"\n{2,}", "\n", span.text)
        if merged and merged[-1].text.endswith("\n") and text.startswith("\n"):
            text = text[1:]
        if text:
            merged.append(replace(span, text=text))
    return merged


def normalize_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Drop empty blocks, keep list nesting consistent."""
    out: list[Block] = []
    for block in blocks:
        spans = normalize_spans(block.spans, breaks=block.kind != "h")
        if not spans:
            continue
        level = block.level
        if block.kind == "h":
            level = min(max(level, 1), 6)
        elif block.kind == "li":
            prev = out[-1].level if out and out[-1].kind == "li" else -1
            level = max(0, min(level, prev + 1))
        else:
            level = 0
        out.append(Block(block.kind, spans, level, block.ordered if block.kind == "li" else False, block.hint))
    return out


def plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def drop_prefix(spans: list[Span], count: int) -> list[Span]:
    """The spans without their first ``count`` characters (formatting kept)."""
    return normalize_spans(_drop_prefix_raw(spans, count))


# -- inline rendering ------------------------------------------------------------


@dataclass(frozen=True)
class InlineStyle:
    """How one output format marks bold, italic and links."""

    bold: Callable[[str], str]
    italic: Callable[[str], str]
    link: Callable[[str, str], str]
    escape: Callable[[str], str]
    line_break: str = "\n"


def _split_space(spans: list[Span]) -> tuple[str, list[Span], str]:
    """Move whitespace out of a formatted group: ``** bold**`` is not bold in Markdown."""
    text = plain(spans)
    lead = text[: len(text) - len(text.lstrip(" \n"))]
    trail = text[len(text.rstrip(" \n")) :] if text.strip(" \n") else ""
    if not text.strip(" \n"):
        return text, [], ""
    inner = _drop_prefix_raw(spans, len(lead))
    if trail:
        inner = _drop_suffix_raw(inner, len(trail))
    return lead, inner, trail


def _drop_prefix_raw(spans: list[Span], count: int) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        out.append(replace(span, text=span.text[count:]))
        count = 0
    return out


def _drop_suffix_raw(spans: list[Span], count: int) -> list[Span]:
    out = list(spans)
    while count and out:
        last = out[-1]
        if count >= len(last.text):
            count -= len(last.text)
            out.pop()
        else:
            out[-1] = replace(last, text=last.text[: len(last.text) - count])
            count = 0
    return out


_KEYS: tuple[Callable[[Span], object], ...] = (lambda s: s.href, lambda s: s.bold, lambda s: s.italic)


def render_inline(spans: list[Span], style: InlineStyle) -> str:
    def ws(text: str) -> str:
        return text.replace("\n", style.line_break)

    def emit(group: list[Span], depth: int) -> str:
        if depth == len(_KEYS):
            return "".join(ws(style.escape(s.text)) if "\n" not in s.text else
                           style.line_break.join(style.escape(p) for p in s.text.split("\n")) for s in group)
        out = []
        for value, part in groupby(group, _KEYS[depth]):
            part = list(part)
            if not value:
                out.append(emit(part, depth + 1))
                continue
            lead, inner, trail = _split_space(part)
            if not inner:
                out.append(ws(lead))
                continue
            body = emit(inner, depth + 1)
            if depth == 0:
                wrapped = style.link(body, str(value))
            elif depth == 1:
                wrapped = style.bold(body)
            else:
                wrapped = style.italic(body)
            out.append(ws(lead) + wrapped + ws(trail))
        return "".join(out)

    return emit(spans, 0)


# -- Markdown --------------------------------------------------------------------

_MD_ALWAYS = re.compile(r"([\\`*_\[\]<>])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would start a block at the beginning of a line: heading, quote, list, setext rule.
_MD_LINE_START = re.compile(r"^([#>+=-])", re.M)
_MD_NUMBER_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)", re.M)


def escape_markdown(text: str) -> str:
    return _MD_ENTITY.sub(r"\\&", _MD_ALWAYS.sub(r"\\\1", text))


def _md_link(text: str, href: str) -> str:
    if re.search(r"[\s()<>]", href):
        return f"[{text}](<{href}>)"
    return f"[{text}]({href})"


MARKDOWN = InlineStyle(
    bold=lambda t: f"**{t}**",
    italic=lambda t: f"*{t}*",
    link=_md_link,
    escape=escape_markdown,
    line_break="\\\n",
)


def inline_markdown(spans: list[Span]) -> str:
    text = render_inline(spans, MARKDOWN)
    # Escape what would start a block at a line start; "2024. Tahun" must not become a list.
    return _MD_NUMBER_START.sub(r"\1\\\2", _MD_LINE_START.sub(r"\\\1", text))


def _list_layout(blocks: list[Block]) -> tuple[list[str], set[int]]:
    """Markers per block, and the indexes of items that start a new top-level list."""
    starts: set[int] = set()
    markers: list[str] = []
    counters: dict[int, int] = {}
    kinds: dict[int, bool] = {}  # ordered flag of the list open at each level
    indents: list[int] = []  # content column of each open nesting level
    for block in blocks:
        if block.kind != "li":
            counters.clear()
            kinds.clear()
            indents = []
            markers.append("")
            continue
        level = block.level
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
            kinds.pop(deeper, None)
        if kinds.get(level, block.ordered) != block.ordered:
            counters.pop(level, None)  # a different kind of list starts here
            if level == 0:
                starts.add(len(markers))  # ...and at the top level it is a new list
        kinds[level] = block.ordered
        n = counters.get(level, 0) + 1
        counters[level] = n
        indent = indents[level - 1] if level and len(indents) >= level else 0
        marker = f"{n}." if block.ordered else "-"
        markers.append(" " * indent + marker + " ")
        indents = indents[:level] + [indent + len(marker) + 1]
    return markers, starts


def to_markdown(blocks: list[Block]) -> str:
    """Canonical Markdown for blocks (what Warta stores in lead and body)."""
    blocks = normalize_blocks(blocks)
    markers, starts = _list_layout(blocks)
    parts: list[str] = []
    for i, (block, marker) in enumerate(zip(blocks, markers)):
        text = inline_markdown(block.spans)
        if block.kind == "h":
            line = "#" * block.level + " " + text
        elif block.kind == "q":
            line = "> " + text.replace("\n", "\n> ")
        elif block.kind == "li":
            pad = " " * len(marker)
            line = marker + text.replace("\n", "\n" + pad)
        else:
            line = text
        if parts:
            parts.append("\n" if blocks[i - 1].kind == "li" and block.kind == "li" and i not in starts else "\n\n")
        parts.append(line)
    return "".join(parts)


_PARSER = None


def _md_parser():  # noqa: ANN202 - markdown_it.MarkdownIt
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark")
    return _PARSER


def _inline_spans(children) -> list[Span]:  # noqa: ANN001 - markdown-it tokens
    spans: list[Span] = []
    bold = italic = 0
    links: list[str | None] = []
    for tok in children or []:
        kind = tok.type
        href = links[-1] if links else None
        if kind == "text" or kind == "code_inline" or kind == "html_inline":
            spans.append(Span(tok.content, bold > 0, italic > 0, href))
        elif kind == "softbreak":
            spans.append(Span(" ", bold > 0, italic > 0, href))
        elif kind == "hardbreak":
            spans.append(Span("\n", bold > 0, italic > 0, href))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            links.append(tok.attrGet("href"))
        elif kind == "link_close":
            if links:
                links.pop()
        elif kind == "image":
            spans.append(Span(tok.content, bold > 0, italic > 0, href))
    return spans


def parse_markdown(text: str) -> list[Block]:
    """Blocks from Markdown (CommonMark); what cannot be kept becomes plain text."""
    tokens = _md_parser().parse(text or "")
    blocks: list[Block] = []
    lists: list[bool] = []  # ordered flag per open list
    quote = 0
    item_open = False  # the current list item already has its first paragraph
    heading: int | None = None
    for tok in tokens:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_open = False
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = int(tok.tag[1:])
        elif kind == "heading_close":
            heading = None
        elif kind == "inline":
            spans = _inline_spans(tok.children)
            if heading is not None and not lists and not quote:
                blocks.append(Block("h", spans, heading))
            elif lists:
                if item_open and blocks and blocks[-1].kind == "li":
                    blocks[-1].spans += [Span("\n")] + spans
                else:
                    blocks.append(Block("li", spans, len(lists) - 1, lists[-1]))
                    item_open = True
            elif quote:
                blocks.append(Block("q", spans))
            else:
                blocks.append(Block("p", spans))
        elif kind in ("fence", "code_block", "html_block"):
            spans = [Span(tok.content.rstrip("\n"))]
            blocks.append(Block("q" if quote else "p", spans))
    return normalize_blocks(blocks)


def canonical_markdown(text: str) -> str:
    """The Markdown Warta would store for ``text`` (same content, one spelling)."""
    return to_markdown(parse_markdown(text))


def markdown_to_plain(text: str) -> str:
    return "\n\n".join(plain(b.spans) for b in parse_markdown(text))


# -- plain text and WhatsApp ------------------------------------------------------

PLAIN = InlineStyle(bold=lambda t: t, italic=lambda t: t, link=lambda t, h: t if t == h else f"{t} ({h})",
                    escape=lambda t: t)


def _wa_link(text: str, href: str) -> str:
    return text if text == href or href in ("mailto:" + text, "tel:" + text) else f"{text} ({href})"


WHATSAPP = InlineStyle(bold=lambda t: f"*{t}*", italic=lambda t: f"_{t}_", link=_wa_link, escape=lambda t: t)


def to_text(blocks: list[Block], style: InlineStyle = PLAIN) -> str:
    """Blocks as text: a blank line between blocks, lists as ``-``/``1.`` lines."""
    blocks = normalize_blocks(blocks)
    markers, starts = _list_layout(blocks)
    parts: list[str] = []
    for i, (block, marker) in enumerate(zip(blocks, markers)):
        text = render_inline(block.spans, style)
        if block.kind == "li":
            line = marker + text.replace("\n", "\n" + " " * len(marker))
        elif block.kind == "q":
            line = "> " + text.replace("\n", "\n> ")
        elif block.kind == "h" and style is WHATSAPP:
            line = style.bold(plain(block.spans)) if not all(s.bold for s in block.spans) else text
        else:
            line = text
        if parts:
            parts.append("\n" if blocks[i - 1].kind == "li" and block.kind == "li" and i not in starts else "\n\n")
        parts.append(line)
    return "".join(parts)


_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-•*▪◦]|(?P<num>\d{1,3})[.)])[ \t]+(?P<text>\S.*)$")
_QUOTE_LINE = re.compile(r"^>[ \t]?(?P<text>.*)$")


def parse_text(text: str) -> list[Block]:
    """Blocks from plain text: paragraphs between blank lines, ``-``/``1.`` lists, ``>`` quotes.

    Line breaks inside a paragraph are kept (a contact block is one name or
    number per line).
    """
    blocks: list[Block] = []
    chunks = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    # A file without any blank line has one paragraph per line (what web copies and Notepad give).
    one_per_line = len([c for c in chunks if c.strip()]) <= 1
    for chunk in chunks:
        current: Block | None = None
        for raw in chunk.split("\n"):
            if one_per_line and current is not None and current.kind == "p":
                current = None
            line = raw.rstrip()
            bullet = _BULLET.match(line)
            quoted = _QUOTE_LINE.match(line)
            if bullet:
                indent = len(bullet.group("indent").expandtabs(4))
                current = Block("li", [Span(bullet.group("text"))], indent // 2, bullet.group("num") is not None)
                blocks.append(current)
            elif quoted:
                if current is not None and current.kind == "q":
                    current.spans.append(Span("\n" + quoted.group("text")))
                else:
                    current = Block("q", [Span(quoted.group("text"))])
                    blocks.append(current)
            elif current is not None and current.kind == "li" and raw[:1] in (" ", "\t") and line.strip():
                current.spans.append(Span("\n" + line.strip()))  # continuation of a list item
            else:
                if current is not None and current.kind == "p":
                    current.spans.append(Span("\n" + line))
                else:
                    current = Block("p", [Span(line)])
                    blocks.append(current)
    return normalize_blocks(blocks)
