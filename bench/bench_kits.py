"""Press kits: a kit of 5 articles (~800 words) and 20 camera photos (24 MP) to PDF.

Measured through ``desktop.kits.store.render_pdf`` on a library holding the
photos: the render with print renditions cached (photo preparation not kept
in memory between runs); a re-render as the live preview does it; the render
when no rendition exists (each made from its 24 MP original by the photos
area's generator on two threads, then cached); and the PDF size. Baseline, in the same run: a bare reportlab script placing the same
pre-downscaled images and the same text (same fonts, ``useA85 = 0``), with no
letterhead, TOC, two-pass footers or per-photo downsampling. The cold render
has its own floor, run in turn with it (so a load that comes and goes falls
on both): the same originals made into 2000 px renditions by Pillow alone
(half-scale draft decode, bilinear, q88, written; two threads), then the
bare build.

``full``: 5 × 800 words, 20 × 24 MP; ``small``: 5 × 300 words, 4 × 6 MP.

Targets (issue 13): cold (no rendition cached) ≤ 3.5 s; warm ≤ 1.5× the bare
build. Measured ``full`` on the shared 2-core machine, medians of 3 (wall;
CPU seconds beside, as other work shared the cores), before → after the
issue-13 work (missing renditions in the photo import's pool, bilinear from
the half-size decode; one layout pass for the table of contents; captions
and renditions in two queries):

=================================================  ======================  ======================
operation                                          before                  after
=================================================  ======================  ======================
bare reportlab build (the floor)                   178 ms (CPU 120 ms)     193 ms (CPU 158 ms)
warm, 1 photo/page (renditions embedded as is)     670 ms 3.75× (CPU 6.4×) 287 ms 1.49× (CPU 2.2×)
warm, 2 photos/page (each downsampled ~3 %)        720 ms 4.04× (CPU 6.8×) 712 ms 3.69× (CPU 4.1×)
re-render, photos prepared in memory (preview)     536 ms 3.00×            263 ms 1.36×
cold, 20 renditions made from 24 MP originals      13.7 s (CPU 9.1 s)      4.9 s idle, 8.1 s busy (CPU 8.6–9.7 s)
=================================================  ======================  ======================

Cold is bound by decoding: a 24 MP, 9.5 MB camera JPEG costs ~0.19 s of
Huffman decoding whatever the DCT scale, +0.07 s resize, +0.02 s encode, two
at a time on two cores, so 20 take ~3 s before any layout. At 2
photos per page the slot wants ~1930 px of the 2000 px rendition, so every
photo is decoded and re-encoded (~60 ms each); caching the placed copies on
disk (they are not renditions the library's sweep knows) would close it.

Second round (cold against its floor; on a faster 2-core machine, where a
24 MP decode at half scale is ~0.10 s, the bilinear resize 0.03 s, the encode
0.006 s): the renditions on two threads instead of two spawned workers, the
rendition resized and encoded inside the decode (no 18 MB copy: ImageOps.
exif_transpose copies an upright photo), and the DCT scale chosen from the
fitted size, not a square box (a 4000 × 3000 phone photo was decoded in full;
now its half-scale decode *is* its rendition: 152 → 69 ms, no resize).
Same-run medians of 5, HEAD → after, load 2–2.5 from other work:

=================================================  ======================  ======================
operation                                          before                  after
=================================================  ======================  ======================
cold floor (20 bare renditions + bare build)       1.85–2.40 s             1.62–2.48 s
cold, 20 renditions made from 24 MP originals      1.93–2.71 s 1.04–1.13×  1.70–2.67 s 1.05–1.12×
  CPU seconds (all threads and workers)            3.45–3.53 s 1.18–1.23×  2.89–3.14 s 0.98–1.07×
=================================================  ======================  ======================

Cold now costs what Pillow alone costs for the same renditions; the 3.5 s
holds on this machine unless it is saturated (load 6: 6.2 s, floor 4.6 s).
On the slower machine of the first table (CPU 8.6 s for the same work) the
floor itself would be above 3.5 s.
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


def _bare_renditions(originals: list[Path], folder: Path) -> None:
    """The floor of a cold kit's photo work, with Pillow alone: each original decoded once
    at half scale (JPEG draft), resized bilinear to the 2000 px rendition, encoded q88 and
    written (no fsync), two at a time on two threads (Pillow decodes and resizes without the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    out = folder / "bare-renditions"
    out.mkdir(exist_ok=True)

    def one(path: Path) -> None:
        with Image.open(path) as img:
            img.draft("RGB", (2000, 2000))
            img.load()
            scale = 2000 / max(img.size)
            size = (round(img.width * scale), round(img.height * scale))
            small = img.resize(size, Image.Resampling.BILINEAR) if scale < 1 else img
            buf = io.BytesIO()
            small.save(buf, "JPEG", quality=88)
        (out / path.name).write_bytes(buf.getvalue())

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, originals))


def _alternating(fns: list, repeat: int) -> list[list[float]]:  # noqa: ANN001
    """Wall times of each of ``fns``, run in turn ``repeat`` times: a load that comes and goes
    on the shared machine falls on all of them alike, so their ratio holds."""
    import time

    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, samples):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return samples


def _cpu(fn, repeat: int) -> list[float]:  # noqa: ANN001
    """CPU seconds of this process's threads and of the worker processes it waited for."""
    import resource
    import time

    def children() -> float:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    samples = []
    for _ in range(repeat):
        t0, c0 = time.process_time(), children()
        fn()
        samples.append(time.process_time() - t0 + children() - c0)
    return samples


def _library(workdir: Path, scale: str, originals: list[Path], words: int):  # noqa: ANN202
    """A library holding the photos (imported without renditions), the 5 articles and the kit."""
    from desktop import demo, staff
    from desktop.articles import approval
    from desktop.articles import store as articles
    from desktop.kits import store
    from desktop.kits.spec import ArticlePart
    from desktop.library import Library
    from desktop.photos import importer
    from desktop.photos import store as photos

    import shutil

    from desktop.errors import WartaError

    path = workdir / f"kits-{scale}" / "library"
    fresh = not path.exists()
    try:
        lib = Library.open(path)
        if not fresh and (not store.list_kits(lib) or not articles.approved_ids(lib)):
            lib.close()
            raise WartaError("half-made, or made before its releases were approved")
    except WartaError:  # made by an older schema, or an interrupted run: made again
        shutil.rmtree(path)
        fresh = True
        lib = Library.open(path)
    if fresh:
        demo.ensure_office(lib)
        writer = staff.create(lib, staff.StaffInput(name="Siti Aminah", role="writer"))
        editor = staff.create(lib, staff.StaffInput(name="Budi Santoso", role="editor"))
        lib.store.staff_id = writer
        importer.import_paths(lib, [p.parent for p in originals[:1]], workers=2, renditions=False)
        spec = _spec(words, originals)
        ids = [articles.create_article(lib, part.doc) for part in spec.parts if isinstance(part, ArticlePart)]
        for article_id in ids:  # a kit goes out with approved releases: the approval path is measured
            articles.submit(lib, article_id)
        lib.store.staff_id = editor
        for article_id in ids:
            approval.approve(lib, article_id)
        photo_ids = sorted(photos.photo_ids(lib))
        parts = [store.PartInput("cover")] + [store.PartInput("article", i) for i in ids]
        parts += [store.PartInput("photo", i) for i in photo_ids] + [store.PartInput("office")]
        store.create_kit(lib, store.KitInput("Kit Media Bench", dt.date(2025, 11, 3), "Rakor", "a4", 2, parts))
    return lib


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.kits import images, store
    from desktop.photos import files
    from desktop.photos import store as photos

    words, originals, renditions, folder = _material(workdir, scale)
    spec = _spec(words, renditions)
    repeat = 5 if scale == "small" else 3

    # Baseline input: every rendition downscaled once to its placed size (what the renderer embeds).
    prepared = []
    for i, path in enumerate(renditions):
        target = folder / f"placed-{i:04d}.jpg"
        if not target.exists():
            target.write_bytes(images.prepare(path, 165 * 2.835, 110 * 2.835).data)
        prepared.append(target)
    bare = measure(lambda: _bare(spec, prepared), repeat=repeat)
    base = "bare reportlab, same images/text"

    lib = _library(workdir, scale, originals, words)
    try:
        kit_id = store.list_kits(lib)[0].id
        photo_ids = photos.photo_ids(lib)
        for pid in photo_ids:
            photos.print_rendition(lib, pid)

        def per_page(n: int) -> None:
            data = store.get_kit(lib, kit_id).data
            data.photos_per_page = n
            store.update_kit(lib, kit_id, data)

        def first_render() -> None:
            images.clear_cache()  # as after a restart: every rendition read and downsampled again
            store.render_pdf(lib, kit_id)

        bare_cpu = _cpu(lambda: _bare(spec, prepared), repeat)
        for n in (1, 2):
            per_page(n)
            size_mb = len(store.render_pdf(lib, kit_id)) / 1e6
            table.add(f"kit PDF, {len(photo_ids)} photos {n}/page, renditions cached ({size_mb:.1f} MB)",
                      measure(first_render, repeat=repeat), baseline=base, baseline_samples=bare,
                      target="< 1.5 s, < 12 MB")
            # The machines are shared: CPU seconds (all threads) say what the work costs without contention.
            table.add(f"  CPU time, {n}/page, renditions cached", _cpu(first_render, repeat),
                      baseline="bare reportlab CPU", baseline_samples=bare_cpu)
        table.add("kit PDF re-render (live preview: photos prepared in memory)",
                  measure(lambda: store.render_pdf(lib, kit_id), repeat=repeat), baseline=base,
                  baseline_samples=bare)
        per_page(1)

        def uncached() -> None:
            images.clear_cache()
            for pid in photo_ids:
                files.rendition_path(lib.path, photos.get_photo(lib, pid).sha256).unlink(missing_ok=True)
            store.render_pdf(lib, kit_id)

        def cold_floor() -> None:
            _bare_renditions(originals, folder)
            _bare(spec, prepared)

        uncached()  # warm-up: the originals in the page cache, Pillow and reportlab imported
        cold, floor = _alternating([uncached, cold_floor], repeat=max(repeat, 5))
        table.add(f"cold floor: {len(originals)} bare renditions (2 threads) + bare build", floor)
        table.add(f"kit PDF, no rendition cached ({len(photo_ids)} originals)", cold,
                  baseline="cold floor", baseline_samples=floor, target="≤ 3.5 s")
        table.add("  CPU time, no rendition cached", _cpu(uncached, repeat), baseline="cold floor CPU",
                  baseline_samples=_cpu(cold_floor, repeat))
    finally:
        lib.close()
