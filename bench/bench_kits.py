"""Press kits: a kit of 5 articles (~800 words) and 20 camera photos (24 MP) to PDF.

Measured: the render with print renditions already cached; the render when no
rendition exists yet (each made from its 24 MP original first, as
``desktop.photos.imaging.rendition_from`` does for ``print_rendition``); and the
PDF size. Baseline, in the same run: a bare reportlab script placing the same
pre-downscaled images and the same text (same fonts, ``useA85 = 0``), with no
letterhead, TOC, two-pass footers or per-photo downsampling.

``full``: 5 × 800 words, 20 × 24 MP; ``small``: 5 × 300 words, 4 × 6 MP.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

from bench.runner import Table, measure

SIZES = {"small": (300, 4, (3000, 2000)), "full": (800, 20, (6000, 4000))}
WORDS = (
    "pengawasan partisipatif pemilu jujur adil Bawaslu kabupaten kecamatan relawan pemantau tahapan "
    "kampanye logistik pemungutan suara rekapitulasi masyarakat sosialisasi koordinasi media publik "
    "informasi netralitas aparatur sipil negara pelanggaran laporan klarifikasi penanganan sengketa "
    "verifikasi daftar pemilih pemula generasi muda kampus sekolah desa kelurahan lembaga kerja sama"
).split()


def _article_text(rng: random.Random, words: int) -> tuple[str, str]:
    paras = []
    count = 0
    while count < words:
        n = rng.randint(40, 70)
        sentence_words = [rng.choice(WORDS) for _ in range(n)]
        sentence_words[0] = sentence_words[0].capitalize()
        text = " ".join(sentence_words)
        text = text.replace(" suara ", " suara, ").replace(" publik ", " “publik” ") + "."
        paras.append(text)
        count += n
    return paras[0], "\n\n".join(paras[1:])


def _photo(path: Path, size: tuple[int, int], seed: int) -> None:
    """A camera-like JPEG: smooth structure plus sensor noise (compresses like a real photo)."""
    from PIL import Image, ImageChops

    rng = random.Random(seed)
    small = Image.new("RGB", (48, 32))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(48 * 32)])
    base = small.resize(size, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(size, 18).convert("RGB")
    ImageChops.add(base, noise, scale=1.6, offset=-60).save(path, "JPEG", quality=90)


def _material(workdir: Path, scale: str):  # noqa: ANN202
    from desktop.photos import imaging

    words, count, size = SIZES.get(scale, SIZES["small"])
    folder = workdir / f"kits-{scale}"
    (folder / "orig").mkdir(parents=True, exist_ok=True)
    (folder / "rend").mkdir(exist_ok=True)
    originals, renditions = [], []
    for i in range(count):
        orig = folder / "orig" / f"IMG_{i:04d}.jpg"
        if not orig.exists():
            _photo(orig, size, i)
        rend = folder / "rend" / orig.name
        if not rend.exists():
            rend.write_bytes(imaging.rendition_from(orig.read_bytes()))
        originals.append(orig)
        renditions.append(rend)
    return words, originals, renditions, folder


def _spec(words: int, photo_paths: list[Path]):  # noqa: ANN202
    from desktop.articles.document import ArticleDoc
    from desktop.kits.spec import ArticlePart, ContactPerson, ContactsPart, CoverPart, KitSpec, OfficePart, Photo, PhotosPart
    from desktop.office import OfficeProfile

    rng = random.Random(2025)
    parts: list = [CoverPart()]
    for n in range(5):
        lead, body = _article_text(rng, words)
        parts.append(ArticlePart(ArticleDoc(title=f"Siaran Pers {n + 1}: Pengawasan Partisipatif", lead=lead,
                                            body=body, writer="Siti Aminah"), approved=True))
    parts.append(PhotosPart([Photo(p, f"Kegiatan pengawasan ke-{i + 1} di Kecamatan Sumbersari.", "dok. Humas")
                             for i, p in enumerate(photo_paths)]))
    parts += [OfficePart(), ContactsPart([ContactPerson("Siti Aminah", "Kasubbag Humas", "Bawaslu Jember",
                                                        ["+62 812-0000-1111"])])]
    office = OfficeProfile(name="Badan Pengawas Pemilihan Umum Kabupaten Jember", short_name="Bawaslu Jember",
                           address="Jl. Kalimantan No. 27, Jember", city="Jember",
                           boilerplate="Bawaslu Kabupaten Jember mengawasi setiap tahapan pemilu.")
    return KitSpec(title="Kit Media Bench", date=dt.date(2025, 11, 3), office=office, parts=parts,
                   photos_per_page=2)


def _bare(spec, prepared: list[Path]) -> bytes:  # noqa: ANN001
    """The bare reportlab build: same text and fonts, images already at their final size."""
    from reportlab import rl_config
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate

    from desktop.kits import fonts
    from desktop.kits import styles as st
    from desktop.kits.markup import esc
    from desktop.kits.spec import ArticlePart

    rl_config.useA85 = 0
    fonts.register()
    S = st.styles()
    story: list = []
    for part in spec.parts:
        if isinstance(part, ArticlePart):
            story.append(Paragraph(esc(part.doc.title), S.title))
            for para in (part.doc.lead + "\n\n" + part.doc.body).split("\n\n"):
                story.append(Paragraph(esc(para), S.body))
            story.append(PageBreak())
    for path in prepared:
        story.append(Image(str(path), width=160 * st.MM, height=106 * st.MM))
        story.append(Paragraph("Kegiatan pengawasan", S.caption))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=st.PAGE_SIZES["a4"], invariant=1, initialFontName=fonts.SERIF).build(story)
    return buf.getvalue()


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.kits import images, render
    from desktop.photos import imaging

    words, originals, renditions, folder = _material(workdir, scale)
    cached = _spec(words, renditions)
    repeat = 5 if scale == "small" else 3

    # Baseline input: every rendition downscaled once to its placed size (what the renderer embeds).
    prepared = []
    for i, path in enumerate(renditions):
        target = folder / f"placed-{i:04d}.jpg"
        if not target.exists():
            target.write_bytes(images.prepare(path, 165 * 2.835, 110 * 2.835).data)
        prepared.append(target)
    bare = measure(lambda: _bare(cached, prepared), repeat=repeat)

    pdf = render.render(cached)
    size_mb = len(pdf) / 1e6

    def first_render() -> None:
        images.clear_cache()  # as after a restart: every rendition decoded and downsampled again
        render.render(cached)

    cached_samples = measure(first_render, repeat=repeat)
    label = f"kit PDF, {len(originals)} photos cached, 5×{words} words ({size_mb:.1f} MB)"
    table.add(label, cached_samples, baseline="bare reportlab, same images/text", baseline_samples=bare,
              target="< 1.5 s, < 12 MB")

    preview = measure(lambda: render.render(cached), repeat=repeat)
    table.add("kit PDF re-render (live preview: photos prepared in memory)", preview,
              baseline="bare reportlab, same images/text", baseline_samples=bare)

    def uncached() -> None:
        images.clear_cache()
        # What print_rendition does for a photo without a cached rendition, then the render.
        fresh = folder / "fresh"
        fresh.mkdir(exist_ok=True)
        paths = []
        for orig in originals:
            out = fresh / orig.name
            out.write_bytes(imaging.rendition_from(orig.read_bytes()))
            paths.append(out)
        render.render(_spec(words, paths))

    uncached_samples = measure(uncached, repeat=repeat, warmup=0)
    table.add(f"kit PDF, renditions made from {len(originals)} originals", uncached_samples,
              baseline="bare reportlab, same images/text", baseline_samples=bare, target="< 3.5 s")
