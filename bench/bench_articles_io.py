"""Article import/export and the style glossary, each beside the bare library call it builds on.

- glossary check of an article as you type, beside one regular expression
  tokenising the same text;
- reading a .docx article into an ArticleDoc, beside python-docx opening it
  and reading the paragraph texts;
- writing a .docx, beside python-docx writing the same paragraphs unstyled;
- Markdown/WhatsApp export, beside markdown-it parsing the body;
- a batch import of N files in one transaction, beside ``store.create_article``
  of the same articles one by one.

``small``: 20 files per batch; ``full``: 200.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
from pathlib import Path

from bench.runner import Table, measure

BATCH = {"small": 20, "full": 200}
WORDS = ("pengawasan", "pemilu", "partisipatif", "Bawaslu", "kolaborasi", "masyarakat", "tahapan", "BAWASLU",
         "informasi", "publik", "demokrasi", "kampanye", "relawan", "hoax", "kpu", "Pilkada", "TPS", "daring")


def _article(rng: random.Random, words: int = 700):  # noqa: ANN202 - ArticleDoc
    from desktop.articles.document import ArticleDoc, Quote

    paragraphs = []
    left = words
    while left > 0:
        n = min(left, rng.randint(30, 70))
        text = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(text.replace(" pemilu ", " **pemilu** ", 1).replace(" publik ", " *publik* ", 1) + ".")
        left -= n
    paragraphs.insert(3, "## Agenda\n\n1. pembukaan\n2. paparan\n3. diskusi")
    return ArticleDoc(
        title="Bawaslu Gelar Rakor Pengawasan Partisipatif " + str(rng.randint(1, 10**6)),
        kind="siaran_pers", dateline_city="Jember", event_date=dt.date(2025, 11, 3),
        lead=paragraphs[0], body="\n\n".join(paragraphs[1:]),
        quotes=[Quote("Tola' Ediy, S.Pd.", "Kordiv Humas", "Kami siap mengawasi")],
        writer="Ridha", contact_block="Budi\n0812 3456 7890",
    )


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.articles import glossary, store
    from desktop.articles.io import import_files, parse_file, render
    from desktop.articles.io.markup import parse_markdown
    from desktop.articles.io.writers import markdown_text, whatsapp_text
    from desktop.library import Library

    rng = random.Random(11)
    doc = _article(rng)
    text = doc.lead + "\n\n" + doc.body

    # -- glossary ----------------------------------------------------------------
    checker = glossary.Checker(glossary.DEFAULT_RULES)
    words = re.compile(r"\w+")
    base = measure(lambda: words.findall(text), repeat=30)
    table.add("glossary: check a 700-word article", measure(lambda: checker.check(text), repeat=30),
              baseline="re \\w+ findall of the same text", baseline_samples=base, target="< 5 ms (as you type)")
    table.add("glossary: compile the default rules", measure(lambda: glossary.Checker(glossary.DEFAULT_RULES), repeat=30))

    # -- .docx in and out ------------------------------------------------------------
    import docx

    folder = workdir / "articles-io"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "rilis.docx"
    path.write_bytes(render(doc, "docx"))

    def bare_read() -> None:
        [p.text for p in docx.Document(str(path)).paragraphs]

    table.add("import: read a 700-word .docx into an article", measure(lambda: parse_file(path), repeat=10),
              baseline="python-docx open + paragraph texts", baseline_samples=measure(bare_read, repeat=10))
    paragraphs = text.split("\n\n")

    def bare_write() -> None:
        d = docx.Document()
        for p in paragraphs:
            d.add_paragraph(p)
        d.save(io.BytesIO())

    table.add("export: write a 700-word article as .docx", measure(lambda: render(doc, "docx"), repeat=10),
              baseline="python-docx unstyled paragraphs", baseline_samples=measure(bare_write, repeat=10))
    md_base = measure(lambda: parse_markdown(doc.body), repeat=20)
    table.add("export: Markdown text", measure(lambda: markdown_text(doc), repeat=20),
              baseline="markdown-it parse of the body", baseline_samples=md_base)
    table.add("export: WhatsApp text", measure(lambda: whatsapp_text(doc), repeat=20),
              baseline="markdown-it parse of the body", baseline_samples=md_base)

    # -- batch import into a library -------------------------------------------------
    count = BATCH.get(scale, BATCH["small"])
    docs = [_article(rng, 400) for _ in range(count)]
    files = []
    for i, d in enumerate(docs):
        f = folder / f"rilis-{i:04d}.{'docx' if i % 2 else 'md'}"
        f.write_bytes(render(d, "docx" if i % 2 else "md"))
        files.append(f)
    template = folder / "template-lib"
    lib = Library.open(template)
    lib.close()

    def fresh():  # noqa: ANN202
        target = folder / "lib"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(template, target)
        return Library.open(target)

    def batch() -> None:
        lib = fresh()
        try:
            result = import_files(lib, files)
            assert len(result.added) == count, result.rejected
        finally:
            lib.close()

    def one_by_one() -> None:
        lib = fresh()
        try:
            for d in docs:
                store.create_article(lib, d)
        finally:
            lib.close()

    table.add(f"import: batch of {count} files (.md/.docx), one transaction", measure(batch, repeat=3),
              baseline=f"store.create_article x{count}, parsed already", baseline_samples=measure(one_by_one, repeat=3))
