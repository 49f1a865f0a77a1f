"""A news page as blocks and metadata: saved web pages (.html, "Web page, complete", .mhtml) and
HTML copied to the clipboard.

What a page says about itself is read the way news sites publish it: the address from
``<link rel=canonical>``, ``og:url`` or the browser's ``<!-- saved from url=(…)… -->`` comment
(an .mhtml's ``Content-Location``); the site from ``og:site_name`` or the JSON-LD publisher;
the date from ``article:published_time``, JSON-LD ``datePublished`` or the article's
``<time datetime>``; the writer from the JSON-LD author or ``<meta name=author>``. The text is
the article element only: navigation, breadcrumbs, menus, share buttons, related posts and the
post's meta line (category, author, date) never reach the subtitle or the body.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

from desktop.articles.io.markup import Block, Span, normalize_blocks, plain

# Elements that never hold article text.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "nav", "aside", "footer", "menu", "dialog", "video", "audio", "map", "img",
    "picture", "figure",
}
# Class or id words of page chrome: breadcrumbs, menus, share bars, related posts, the post's meta line.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|crumbs?|nav|navbar|navigation|menu|menubar|share|sharing|social|sosmed|"
    r"related|terkait|comments?|komentar|sidebar|widget|footer|header|masthead|banner|ads?|advert\w*|iklan|"
    r"tags?|tagcloud|cat-links|categories|category|kategori|entry-meta|post-meta|meta|byline|author|"
    r"posted-on|posted|pagination|pager|subscribe|newsletter|popup|modal|cookie|skip-link|screen-reader-text|"
    r"print|toolbar|rating|views|counter|date|dates|time|entry-date|post-date|published|updated|tanggal|waktu|"
    r"excerpt|summary|hits|dibaca|readmore|read-more|baca-juga|bacajuga|also)(?:$|[\s_-])",
    re.I,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4",
               "h5", "h6", "table", "tr", "td", "th", "dl", "dt", "dd", "pre", "center", "header", "body"}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "pressrelease", "webpage",
                  "analysisnewsarticle", "report"}
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


def _words_of(el) -> str:  # noqa: ANN001 - lxml element
    return " ".join(str(el.get("class") or "").split() + str(el.get("id") or "").split())


def _is_chrome(el, weight: int = 0) -> bool:  # noqa: ANN001
    """Whether ``el`` is page chrome; ``weight`` is the article's paragraph text: an element holding
    most of it is the article whatever its class says ("entry-content print-friendly")."""
    if not isinstance(el.tag, str):
        return False
    tag = el.tag.lower()
    if tag in _DROP_TAGS:
        return True
    if weight and _text_weight(el) * 2 > weight:
        return False
    if (el.get("role") or "").lower() in _CHROME_ROLES or el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return True
    if tag == "header":
        # A page header holds the site's logo and menu; an article's header holds its title.
        return not el.xpath(".//h1|.//h2")
    if tag in ("body", "html", "article", "main") or el.get("itemprop") == "articleBody" or el.xpath(".//h1"):
        return False
    return bool(_CHROME.search(_words_of(el)))


def _json_ld(tree) -> dict:  # noqa: ANN001
    """The page's JSON-LD article object (NewsArticle, Article …), or {}."""
    found: list[dict] = []

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).casefold() in _ARTICLE_TYPES for k in kinds if k):
                found.append(node)
            visit(node.get("@graph"))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text_content() or ""))
        except ValueError:
            continue
    # A NewsArticle beats the WebPage it sits in.
    found.sort(key=lambda n: str(n.get("@type")).casefold() in ("webpage",))
    return found[0] if found else {}


def _name(value: object) -> str:
    """A JSON-LD person or organisation (or a list of them) as text."""
    if isinstance(value, list):
        return ", ".join(n for n in (_name(v) for v in value) if n)
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    return str(value or "").strip()


def _meta(tree, *names: str) -> str:  # noqa: ANN001
    for name in names:
        for el in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            content = (el.get("content") or "").strip()
            if content:
                return content
    return ""


def page_meta(tree, raw: str, base_url: str = "") -> dict[str, str]:  # noqa: ANN001
    """What the page says about itself: url, site_name, date (ISO), author, title, dateline."""
    ld = _json_ld(tree)
    canonical = next((el.get("href") for el in tree.xpath('//link[@href]')
                      if "canonical" in (el.get("rel") or "").lower().split()), "")
    saved = _SAVED_FROM.search(raw[:4096])
    url = (canonical or _meta(tree, "og:url") or str(ld.get("url") or "")
           or (saved.group(1) if saved else "") or base_url).strip()
    if url and base_url:
        url = urljoin(base_url, url)
    if urlsplit(url).scheme not in ("http", "https"):
        url = ""
    published = _meta(tree, "article:published_time", "datePublished", "date", "pubdate", "DC.date.issued")
    published = published or str(ld.get("datePublished") or "")
    if not published:
        stamp = tree.xpath("//article//time[@datetime]/@datetime|//time[@datetime]/@datetime")
        published = stamp[0] if stamp else ""
    title = _meta(tree, "og:title", "twitter:title") or str(ld.get("headline") or "")
    found = tree.xpath("//title")
    page_title = found[0].text_content().strip() if found else ""
    site = _meta(tree, "og:site_name") or _name(ld.get("publisher"))
    author = _name(ld.get("author")) or _meta(tree, "author", "article:author")
    if author.startswith(("http://", "https://")):
        author = ""  # article:author is often the author's page, not a name
    site = " ".join(site.split())
    for name in (site, _host(url)):
        # "Judul Berita - Bawaslu Jatim", "Judul | kab-jember.kpu.go.id"
        if name and title.casefold().endswith(name.casefold()) and len(title) > len(name):
            title = re.sub(r"\s*[-–—|:•·]\s*$", "", title[: -len(name)]) or title
    return {
        "url": url,
        "site_name": site,
        "date": _iso_date(published),
        "author": " ".join(author.split()),
        "title": " ".join(title.split()),
        "page_title": " ".join(page_title.split()),
        "dateline": " ".join(str(ld.get("dateline") or "").split()),
    }


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _iso_date(value: str) -> str:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m else ""


def _text_weight(el) -> int:  # noqa: ANN001
    return sum(len(p.text_content()) for p in el.iter("p"))


def _content_root(tree):  # noqa: ANN001, ANN202
    """The element holding the article: its ``articleBody``, else the ``<article>`` (or the
    content-looking block) with the most paragraph text, else the body."""
    text_weight = _text_weight
    for xpath in ('//*[@itemprop="articleBody"]', "//article", "//main",
                  '//*[contains(concat(" ", normalize-space(@class), " "), " entry-content ")'
                  ' or contains(@class, "post-content") or contains(@class, "article-content")'
                  ' or contains(@class, "news-content") or contains(@class, "detail-content")'
                  ' or contains(@class, "single-content") or @id="content"]'):
        found = [el for el in tree.xpath(xpath) if text_weight(el) > 0]
        if found:
            return max(found, key=text_weight)
    body = tree.xpath("//body")
    return body[0] if body else tree


def _blocks(root, base_url: str) -> list[Block]:  # noqa: ANN001
    weight = _text_weight(root)
    blocks: list[Block] = []
    current: list[Span] = []
    state = {"kind": "p", "level": 0, "ordered": False, "hint": ""}

    def flush() -> None:
        if current:
            blocks.append(Block(state["kind"], list(current), state["level"], state["ordered"], state["hint"]))
            current.clear()

    def text(value: str | None, bold: bool, italic: bool, href: str | None) -> None:
        if value:
            current.append(Span(re.sub(r"\s+", " ", value), bold, italic, href))

    def walk(el, bold: bool, italic: bool, href: str | None, lists: list[bool], quote: bool) -> None:  # noqa: ANN001
        for child in el:
            if not isinstance(child.tag, str):  # comments, processing instructions
                text(child.tail, bold, italic, href)
                continue
            if _is_chrome(child, weight):
                text(child.tail, bold, italic, href)
                continue
            tag = child.tag.lower()
            style = (child.get("style") or "").replace(" ", "").lower()
            if "mso-list:ignore" in style:
                # Word's own bullet or number in front of a list paragraph ("·", "1."): the list says it.
                text(child.tail, bold, italic, href)
                continue
            word = _word_style(child) if tag in ("p", "div", "h1", "h2") else None
            if tag == "br":
                current.append(Span("\n", bold, italic, href))
            elif tag in _BLOCK_TAGS:
                flush()
                saved = dict(state)
                state["hint"] = ""
                if word is not None:
                    state.update(word)
                elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    state.update(kind="h", level=int(tag[1]), ordered=False)
                elif tag == "li":
                    state.update(kind="li", level=max(0, len(lists) - 1), ordered=bool(lists and lists[-1]))
                elif tag == "blockquote" or quote:
                    state.update(kind="q", level=0, ordered=False)
                elif state["kind"] == "li" and tag in ("p", "div"):
                    pass  # a paragraph inside a list item stays in the list
                elif tag not in ("ul", "ol"):
                    state.update(kind="p", level=0, ordered=False)
                inner = lists + [tag == "ol"] if tag in ("ul", "ol") else lists
                text(child.text, bold, italic, href)
                walk(child, bold, italic, href, inner, quote or tag == "blockquote")
                flush()
                state.update(saved)
            else:
                # Browsers copy formatting as inline styles ("font-weight: 700"), Word as tags.
                b = bold or tag in ("b", "strong") or bool(re.search(r"font-weight:(?:bold|[6-9]00)", style))
                i = italic or tag in ("i", "em", "cite") or "font-style:italic" in style
                link = href
                if tag == "a" and child.get("href"):
                    target = urljoin(base_url, child.get("href").strip()) if base_url else child.get("href").strip()
                    link = target if urlsplit(target).scheme in ("http", "https", "mailto", "tel") else href
                text(child.text, b, i, link)
                walk(child, b, i, link, lists, quote)
            text(child.tail, bold, italic, href)

    text(root.text, False, False, None)
    walk(root, False, False, None, [], False)
    flush()
    return normalize_blocks(blocks)


def _word_style(el) -> dict | None:  # noqa: ANN001
    """The block a paragraph copied from Word stands for, from its Mso… class (None: not one)."""
    names = str(el.get("class") or "").casefold().split()
    if "msotitle" in names:
        return {"kind": "h", "level": 1, "ordered": False, "hint": "title"}
    if "msosubtitle" in names:
        return {"kind": "p", "level": 0, "ordered": False, "hint": "subtitle"}
    if "msoquote" in names or "msointensequote" in names:
        return {"kind": "q", "level": 0, "ordered": False, "hint": ""}
    if any(n.startswith("msolistparagraph") for n in names):
        marker = "".join(m.text_content() for m in el.iter()
                         if "mso-list:ignore" in (m.get("style") or "").replace(" ", "").lower())
        return {"kind": "li", "level": 0, "ordered": bool(re.match(r"\s*\w+[.)]", marker)), "hint": ""}
    return None


def html_article(html: str, base_url: str = "") -> tuple[list[Block], dict]:
    """Blocks of the article in ``html`` (a saved page or copied HTML) and the metadata
    ``service.parse_file`` applies: ``source_url``, ``site_name``, ``date``, ``author``, ``city``.
    """
    import lxml.html
    from lxml.etree import ParserError

    raw = html.lstrip("\ufeff")
    try:
        tree = lxml.html.document_fromstring(raw.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return [], {}
    info = page_meta(tree, raw, base_url)
    root = _content_root(tree)
    blocks = _blocks(root, info["url"] or base_url)
    if not any(b.kind == "h" and b.level == 1 for b in blocks):
        # The title is often outside the article element (in the page's header), or an h2, or only
        # in og:title; a site's logo may be the page's h1, so the page's own headline comes first.
        title = info["title"]
        if not title:
            headings = [el for el in tree.xpath("//h1")
                        if not any(a.tag == "header" or _CHROME.search(_words_of(a)) for a in el.iterancestors())
                        and not _CHROME.search(_words_of(el)) and "site" not in _words_of(el).lower()]
            title = " ".join(headings[0].text_content().split()) if headings else info["page_title"]
        same = next((b for b in blocks if b.kind == "h" and " ".join(plain(b.spans).split()).casefold()
                     == title.casefold()), None) if title else None
        if same is not None:
            same.level = 1
        elif title:
            blocks.insert(0, Block("h", [Span(title)], 1))
    title_at = next((k for k, b in enumerate(blocks) if b.kind == "h" and b.level == 1), None)
    if title_at is not None:
        # Above the title inside the article there is only chrome: a category, a kicker, a breadcrumb.
        blocks = blocks[title_at:]
        blocks[0].hint = "title"
    meta: dict[str, object] = {}
    for key, value in (("source_url", info["url"]), ("site_name", info["site_name"]), ("date", info["date"]),
                       ("author", info["author"])):
        if value:
            meta[key] = value
    city = _dateline_city(info["dateline"])
    if city:
        meta["city"] = city
    return normalize_blocks(blocks), meta


def _dateline_city(text: str) -> str:
    """The city of a JSON-LD ``dateline`` ("JEMBER", "Jember, 3 November 2025")."""
    city = re.split(r"[,–—-]", text, maxsplit=1)[0].strip()
    return city if city and len(city.split()) <= 3 and not any(ch.isdigit() for ch in city) else ""


def clipboard_html(html: str) -> tuple[str, str]:
    """(HTML, page address) of HTML taken from the clipboard.

    Windows hands it over as "HTML Format": a ``Version:/StartFragment:/SourceURL:``
    header before the page; browsers elsewhere give the page (or fragment) itself.
    """
    head = html[:1024]
    source = re.search(r"^SourceURL:(\S+)", head, re.M)
    if head.startswith("Version:"):
        start = html.find("<")
        html = html[start:] if start >= 0 else ""
    return html, (source.group(1) if source else "")


def mhtml_html(data: bytes) -> tuple[str, str]:
    """(HTML, address) of the page in an .mhtml ("Web page, single file") archive; ("", "") if none."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    url = str(message.get("Snapshot-Content-Location") or message.get("Content-Location") or "")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                html = part.get_content()
            except (LookupError, ValueError):
                payload = part.get_payload(decode=True) or b""
                html = payload.decode("utf-8", "replace")
            return (html if isinstance(html, str) else html.decode("utf-8", "replace")), (
                url or str(part.get("Content-Location") or ""))
    return "", url
