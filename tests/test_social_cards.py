"""Social-media cards and captions: sizes, safe margins, legibility (OCR), determinism, platform limits."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from desktop import office
from desktop.errors import ValidationError
from desktop.articles import api as articles
from desktop.social import api as social
from desktop.social import captions, cards

ROOT = Path(__file__).resolve().parent.parent

TITLE = "Bawaslu Kabupaten Contoh Ajak Pemilih Pemula Awasi Kampanye di Media Sosial"
LONG_TITLE = (
    "Badan Pengawas Pemilihan Umum Kabupaten Contoh Mengingatkan Seluruh Peserta Pemilihan Bupati dan Wakil Bupati "
    "agar Menertibkan Alat Peraga Kampanye yang Dipasang di Pohon, Tiang Listrik, Jembatan, Sekolah, Rumah Ibadah "
    "dan Fasilitas Umum Lainnya Sebelum Masa Tenang Dimulai Pertanggungjawabannyalahketidakberpihakannya "
    "Sosialisasi Pengawasan Partisipatif Kecamatan Sukamaju Sukamakmur Sukasari Sukadamai"
)  # 400-odd characters: an article title may have 500


def _photo(tmp_path: Path, seed: int = 4) -> Path:
    from photos_support import jpeg

    return jpeg(tmp_path / f"kegiatan-{seed}.jpg", seed=seed, size=(1600, 1000))


def _logo(tmp_path: Path) -> Path:
    img = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((8, 8, 232, 232), fill=(190, 30, 45, 255))
    path = tmp_path / "logo.png"
    img.save(path)
    return path


@pytest.fixture
def setup(library, tmp_path):
    """A library with a logo, office colours and hashtags, one photo and a release."""
    from desktop.photos import api as photos

    profile = office.load(library)
    profile.primary_colour = "#5a1520"
    profile.accent_colour = "f2b705"
    profile.hashtags = "BawasluContoh, #AwasiPemilu"
    office.save(library, profile, logo_file=_logo(tmp_path))
    photos.import_paths(library, [_photo(tmp_path)], workers=1)
    photo_id = photos.photo_ids(library)[0]
    article_id = articles.create_article(library, articles.ArticleDoc(
        title=TITLE, lead="Bawaslu Kabupaten Contoh mengajak pemilih pemula ikut mengawasi kampanye.",
        publication_date=dt.date(2025, 11, 3), tags=["pilkada 2026", "pengawasan"], status="approved"))
    return library, article_id, photo_id


def _article(library, title: str, **fields) -> int:  # noqa: ANN001, ANN003
    return articles.create_article(library, articles.ArticleDoc(title=title, **fields))


def _inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def _margins_empty(card: cards.Card) -> list[str]:
    """The text panel's margins (the panel outside its content box) hold nothing but the panel colour."""
    img = Image.open(io.BytesIO(card.png)).convert("RGB")
    px0, py0, px1, py1 = card.panel
    cx0, cy0, cx1, cy1 = card.content
    assert _inside(card.content, card.panel) and _inside(card.content, card.safe)
    strips = {
        "left": (px0, py0, cx0, py1),
        "right": (cx1, py0, px1, py1),
        "top": (px0, py0, px1, cy0),
        "bottom": (px0, cy1, px1, py1),
    }
    bad = []
    for name, strip in strips.items():
        colours = img.crop(strip).getcolors(maxcolors=4)
        if colours is None or {c for _n, c in colours} != {card.panel_colour}:
            bad.append(name)
    return bad


@pytest.mark.parametrize("size", cards.SIZES)
def test_every_size_has_its_dimensions_and_keeps_text_in_the_safe_area(setup, size):
    library, article_id, photo_id = setup
    card = social.card(library, article_id, size, photo_id=photo_id)
    width, height = (int(n) for n in size.split("x"))
    assert (card.width, card.height) == (width, height)
    assert Image.open(io.BytesIO(card.png)).size == (width, height)
    kinds = [kind for kind, _box in card.boxes]
    assert kinds.count("logo") == 1 and "office" in kinds and "date" in kinds
    assert "stamp" not in kinds, "an approved release carries no DRAF stamp"
    assert " ".join(card.title_lines) == TITLE
    for kind, box in card.boxes:
        assert _inside(box, card.safe), (kind, box, card.safe)
        if kind != "stamp":
            assert _inside(box, card.content), (kind, box, card.content)
    assert _margins_empty(card) == []


@pytest.mark.parametrize("size", cards.SIZES)
def test_a_very_long_title_shrinks_but_never_leaves_its_box(setup, size):
    library, _article_id, photo_id = setup
    long_id = _article(library, LONG_TITLE, status="approved")
    short = social.card(library, setup[1], size, photo_id=photo_id)
    card = social.card(library, long_id, size, photo_id=photo_id)
    assert card.title_px < short.title_px
    titles = [box for kind, box in card.boxes if kind == "title"]
    assert titles and all(_inside(box, card.safe) and _inside(box, card.content) for box in titles)
    if not card.title_lines[-1].endswith("…"):
        assert "".join(card.title_lines).replace("-", "").replace(" ", "") == LONG_TITLE.replace(" ", "")
    for (kind_a, a), (kind_b, b) in zip(card.boxes, card.boxes[1:]):
        if kind_a == kind_b == "title":
            assert a[3] <= b[1] + 4, "title lines do not overlap"
    assert _margins_empty(card) == []


@pytest.mark.parametrize("size", cards.SIZES)
def test_a_title_too_long_even_at_the_smallest_size_is_cut_with_an_ellipsis(size):
    card = cards.render(cards.CardInput(title=LONG_TITLE * 3, size=size, office_name="Bawaslu Contoh",
                                        date_text="Senin, 3 November 2025"))
    assert card.title_px == cards.LAYOUTS[size][1].title_px[1]
    assert card.title_lines[-1].endswith("…")
    assert all(_inside(box, card.content) for _kind, box in card.boxes)
    assert _margins_empty(card) == []


def test_a_word_longer_than_the_line_is_hyphenated_not_clipped():
    word = "Pertanggungjawabannyalahketidakberpihakannyamenyelenggarakan"
    card = cards.render(cards.CardInput(title=f"Kata {word} panjang", size="1200x630"))
    joined = "".join(line.rstrip("-") for line in card.title_lines)
    assert word in joined.replace(" ", "") or word in joined
    assert any(line.endswith("-") for line in card.title_lines)
    for kind, box in card.boxes:
        assert _inside(box, card.safe), (kind, box)


def test_the_same_input_gives_the_same_bytes_in_another_process(setup, tmp_path):
    library, article_id, photo_id = setup
    first = social.card(library, article_id, "1080x1350", photo_id=photo_id).png
    assert social.card(library, article_id, "1080x1350", photo_id=photo_id).png == first
    library.close()
    out = tmp_path / "again.png"
    code = (
        "import sys\n"
        "from desktop.cli import run\n"
        f"sys.exit(run(['article', 'card', '{article_id}', '--size', '1080x1350', '--photo', '{photo_id}',"
        f" '-o', {str(out)!r}, '--library', {str(library.path)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == first
    chunks = re.findall(rb"(tEXt|iTXt|zTXt|tIME)", first)
    assert chunks == [], "no text or time chunks in the PNG"


def test_a_draft_is_stamped_and_a_clarification_carries_its_verdict(setup):
    library, _article_id, photo_id = setup
    draft = _article(library, "Rapat Koordinasi Pengawasan Tahapan Kampanye")
    card = social.card(library, draft, "1080x1080", photo_id=photo_id)
    assert [kind for kind, _b in card.boxes].count("stamp") == 1
    clarification = _article(library, "Klarifikasi: Video Surat Suara Tercoblos Bukan di Kabupaten Contoh",
                             kind="klarifikasi", status="approved")
    plain = social.card(library, clarification, "1080x1080", photo_id=photo_id, verdict="")
    stamped = social.card(library, clarification, "1080x1080", photo_id=photo_id, verdict="hoaks")
    assert [k for k, _b in plain.boxes].count("stamp") == 0
    stamps = [b for k, b in stamped.boxes if k == "stamp"]
    assert len(stamps) == 1 and _inside(stamps[0], stamped.safe)
    # The stamp is red ink on the photo: many red pixels inside its box.
    img = Image.open(io.BytesIO(stamped.png)).convert("RGB").crop(stamps[0])
    red = sum(n for n, (r, g, b) in img.getcolors(maxcolors=1 << 20) if r > 150 and g < 80 and b < 80)
    assert red > 2000
    draft_clarification = _article(library, "Klarifikasi: Foto Kotak Suara Rusak Adalah Foto Lama", kind="klarifikasi")
    both = social.card(library, draft_clarification, "1080x1080", photo_id=photo_id, verdict="hoaks")
    draf, verdict = [b for k, b in both.boxes if k == "stamp"]
    assert draf[3] <= verdict[1] or draf[2] <= verdict[0], "DRAF and the verdict do not cover each other"
    assert _inside(draf, both.safe) and _inside(verdict, both.safe)
    with pytest.raises(ValidationError, match="bukan klarifikasi"):
        social.card(library, draft, "1080x1080", verdict="hoaks")
    with pytest.raises(ValidationError, match="bukan putusan"):
        social.card(library, clarification, "1080x1080", verdict="palsu-banget")


def test_the_card_shows_the_approved_text_while_a_newer_draft_is_being_written(setup):
    from desktop import staff

    library, _article_id, photo_id = setup
    admin = library.store.staff_id
    writer = staff.create(library, staff.StaffInput(name="Penulis Uji", role="writer"))
    library.store.staff_id = writer
    approved_title = "Bawaslu Contoh Buka Posko Aduan Pelanggaran Kampanye"
    article_id = _article(library, approved_title)
    articles.transition(library, article_id, "submit")
    library.store.staff_id = admin
    articles.approve(library, article_id)
    articles.start_new_draft(library, article_id)
    doc = articles.load_doc(library, article_id)
    doc.title = "Judul Baru yang Belum Disetujui Sama Sekali"
    articles.save(library, article_id, doc)
    assert articles.load_doc(library, article_id).status == "draft"

    card = social.card(library, article_id, "1080x1080", photo_id=photo_id)
    assert " ".join(card.title_lines) == approved_title
    assert [kind for kind, _b in card.boxes].count("stamp") == 0, "the approved text goes out without DRAF"
    assert social.caption(library, article_id, "instagram").startswith(approved_title)


def test_a_clarification_linked_to_a_claim_takes_the_claims_verdict(setup):
    from desktop.claims import api as claims

    library, _article_id, _photo_id = setup
    clarification = _article(library, "Klarifikasi: Kabar Pemilu Diundur Tidak Benar", kind="klarifikasi",
                             status="approved")
    claim = claims.create_claim(library, claims.ClaimInput(
        text="Pesan berantai: pemilihan bupati diundur setahun.", first_seen=dt.datetime(2025, 11, 1, 8, 0),
        verdict="disinformasi"))
    claims.link_article(library, claim, clarification)
    assert social.release(library, clarification).verdict == "disinformasi"
    card = social.card(library, clarification, "1200x630")
    assert [kind for kind, _b in card.boxes].count("stamp") == 1
    assert social.caption(library, clarification, "x").startswith("[DISINFORMASI] Klarifikasi")
    assert [k for k, _b in social.card(library, clarification, "1200x630", verdict="").boxes].count("stamp") == 0


def test_without_a_photo_or_logo_the_card_is_still_whole():
    card = cards.render(cards.CardInput(title=TITLE, size="1080x1920", office_name="Bawaslu Contoh"))
    assert (card.width, card.height) == (1080, 1920)
    assert all(_inside(box, card.safe) for _k, box in card.boxes)
    assert _margins_empty(card) == []


def test_office_colours_and_hashtags_are_kept_and_checked(library):
    profile = office.load(library)
    profile.primary_colour, profile.accent_colour, profile.hashtags = "1f4e79", "#ffcc00", "BawasluContoh #awasi, #Awasi"
    office.save(library, profile)
    again = office.load(library)
    assert (again.primary_colour, again.accent_colour, again.hashtags) == ("#1F4E79", "#FFCC00", "#BawasluContoh #awasi")
    assert again.name == profile.name
    for field, value, message in (("primary_colour", "merah", "bukan warna"), ("hashtags", "#pemilu-2026", "bukan tagar")):
        bad = office.load(library)
        setattr(bad, field, value)
        with pytest.raises(ValidationError, match=message):
            office.save(library, bad)
    assert office.load(library).primary_colour == "#1F4E79", "nothing changed"


# -- captions -----------------------------------------------------------------------


LEAD = " ".join(["Bawaslu Kabupaten Contoh menggelar sosialisasi pengawasan partisipatif bagi pemilih pemula"] * 60)


@pytest.mark.parametrize("platform", list(captions.PLATFORMS))
def test_a_caption_keeps_its_platform_limit_and_the_hashtags(setup, platform):
    library, _article_id, _photo = setup
    long_id = _article(library, TITLE, lead=LEAD, tags=["pilkada 2026"], status="approved",
                       source_url="https://contoh.example/berita/123")
    text = social.caption(library, long_id, platform)
    limit = captions.PLATFORMS[platform].limit
    assert len(text) <= limit
    assert text.startswith(TITLE)
    assert text.rstrip().endswith("#BawasluContoh #AwasiPemilu #Pilkada2026")
    if len(TITLE) + len(LEAD) > limit:
        body = text.rsplit("\n\n", 1)[0]
        cut = body.split("\n\n")[1] if platform != "x" else body
        assert "…" in body
        before = cut.split("…")[0]
        assert (LEAD + " ").find(before.split("\n\n")[-1] + " ") >= 0 or platform == "x", "cut at a word"


def test_an_x_caption_cuts_the_text_at_a_word_and_drops_hashtags_only_when_they_cannot_fit():
    many = [f"#Tagar{n:02d}" for n in range(40)]
    text = captions.compose("x", LONG_TITLE, LEAD, office_tags=many)
    assert len(text) <= 280
    body, tags = text.rsplit("\n\n", 1)
    assert tags.startswith("#Tagar00 #Tagar01") and len(tags) <= 140
    assert body.endswith("…")
    assert body[:-1].split()[-1] in LONG_TITLE.split()
    assert captions.compose("x", "Pendek", office_tags=["#A"]) == "Pendek\n\n#A"


def test_instagram_takes_at_most_thirty_hashtags():
    text = captions.compose("instagram", TITLE, office_tags=[f"#T{n}" for n in range(45)])
    assert text.count("#") == 30


# -- command line ---------------------------------------------------------------------


def test_cli_card_and_caption(setup, cli, tmp_path):
    library, article_id, photo_id = setup
    path = str(library.path)
    library.close()
    out = tmp_path / "kartu.png"
    code, stdout, err = cli("article", "card", article_id, "--size", "1080x1920", "--photo", photo_id, "-o", out,
                            "--library", path, "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert data["width"] == 1080 and data["height"] == 1920 and Path(data["output"]) == out.absolute()
    assert Image.open(out).size == (1080, 1920)

    code, _out, err = cli("article", "card", article_id, "-o", out, "--library", path)
    assert code == 2 and "--force" in err
    code, _out, err = cli("article", "card", article_id, "-o", Path(path) / "kartu.png", "--library", path)
    assert code == 2 and err.startswith("warta: ") and not (Path(path) / "kartu.png").exists()
    code, _out, err = cli("article", "card", 999999, "-o", tmp_path / "x.png", "--library", path)
    assert code == 2 and "999999" in err and not (tmp_path / "x.png").exists()
    code, _out, err = cli("article", "card", article_id, "--size", "500x500", "-o", tmp_path / "y.png", "--library", path)
    assert code == 2 and "Traceback" not in err

    code, stdout, err = cli("article", "caption", article_id, "--platform", "x", "--library", path, "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert data["limit"] == 280 and data["length"] == len(data["caption"]) <= 280 and data["approved"] is True
    assert "#BawasluContoh" in data["caption"]
    code, stdout, _err = cli("article", "caption", article_id, "--library", path)
    assert code == 0 and stdout.startswith(TITLE)


# -- legibility ---------------------------------------------------------------------------


def _ocr(png: Path) -> str:
    result = subprocess.run(["tesseract", str(png), "-", "-l", "ind", "--psm", "3"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(shutil.which("tesseract") is None,
                    reason="the tesseract binary is not installed (apt: tesseract-ocr tesseract-ocr-ind)")
@pytest.mark.parametrize("size", cards.SIZES)
def test_the_title_reads_back_by_ocr(setup, tmp_path, size):
    library, article_id, photo_id = setup
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    assert "ind" in langs, "tesseract-ocr-ind (the Indonesian data) is missing"
    path = tmp_path / f"card-{size}.png"
    social.write_card(library, article_id, path, size, photo_id=photo_id)
    read = re.findall(r"\w+", _ocr(path).lower())
    words = re.findall(r"\w+", TITLE.lower())
    missing = [w for w in words if w not in read]
    assert not missing, f"not read back from the {size} card: {missing} (read: {read})"
