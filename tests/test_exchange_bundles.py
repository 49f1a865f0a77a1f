"""Issue 16: signed bundles between a province and a kabupaten: both kinds round-trip, every
hostile or replayed bundle is refused with a sentence and changes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import json
import zipfile

import pytest

from exchange_support import PERIOD, offices, rewrite, snapshot  # noqa: F401 - fixture
from kits_support import article, image

# The refusals are asserted by their English sentences.
pytestmark = pytest.mark.usefixtures("english")


def _report_data(kab, tmp_path):
    from desktop.articles import api as articles
    from desktop.contacts import api as contacts
    from desktop.photos import api as photos

    doc = article("Pengawasan Kampanye di Jember", status="published")
    doc.publication_date = dt.date(2026, 11, 10)
    articles.create_article(kab, doc)
    draft = article("Draf Rahasia", status="draft")
    draft.publication_date = dt.date(2026, 11, 11)
    articles.create_article(kab, draft)
    src = tmp_path / "src"
    src.mkdir()
    image(src / "a.jpg", (1200, 800))
    photos.import_paths(kab, [src], workers=1, renditions=False)
    pid = photos.photo_ids(kab)[0]
    photos.update_photo(kab, pid, photos.PhotoEdit(caption="Apel siaga pengawasan di alun-alun Jember",
                                                   credit="dok. Bawaslu Jember", date=dt.date(2026, 11, 9)))
    return pid


def test_fingerprint_is_readable_and_typed_loosely(offices, tmp_path):
    from desktop.exchange import api as exchange

    province, _kab = offices
    fp = exchange.own_key(province).fingerprint
    groups = fp.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert set(fp.replace("-", "")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")  # no 0/O, 1/I, 8/B to confuse
    assert exchange.normalize_fingerprint(fp.lower().replace("-", " ")) == fp
    assert exchange.own_key(province).fingerprint == fp  # the key is kept, not remade
    key_file = province.path / "keys" / "office-ed25519.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_trust_refuses_a_key_whose_fingerprint_was_not_read_out(offices, template_library, tmp_path):
    from desktop.exchange import api as exchange
    from exchange_support import open_copy

    province, _kab = offices
    stranger = open_copy(template_library, tmp_path / "x", "Kantor Lain", "Lain")
    try:
        key = exchange.public_key_file(stranger, tmp_path / "x.wartakey")
    finally:
        stranger.close()
    wrong = exchange.own_key(province).fingerprint
    before = snapshot(province)
    with pytest.raises(exchange.ExchangeError, match=key.fingerprint):
        exchange.trust(province, tmp_path / "x.wartakey", wrong)
    assert snapshot(province) == before


def test_style_pack_round_trip_shows_diff_applies_once_and_refuses_older(offices, tmp_path):
    from desktop import office
    from desktop.articles import api as articles
    from desktop.exchange import api as exchange

    province, kab = offices
    rules = articles.load_glossary(province) + [articles.Rule("Sentra Gakkumdu", ["sentra gakumdu"], "istilah resmi")]
    articles.save_glossary(province, rules)
    profile = office.load(province)
    profile.boilerplate = "Bawaslu se-Jawa Timur mengawasi setiap tahapan pemilu dengan jujur."
    profile.hashtags = "#AwasiPemilu #BawasluJatim"
    office.save(province, profile)
    mine = office.load(kab)
    mine.hashtags = "#BawasluJember #bawaslujatim"
    office.save(kab, mine)
    old = tmp_path / "pack1.wartabundle"
    exchange.export_style_pack(province, old)
    new = tmp_path / "pack2.wartabundle"
    out = exchange.export_style_pack(province, new)
    assert out["version"] == 2

    preview = exchange.preview(kab, new)
    assert any("Sentra Gakkumdu" in c for c in preview.changes)
    assert any("boilerplate" in c.lower() or "Boilerplate" in c for c in preview.changes)
    assert "Sentra Gakkumdu" not in [r.preferred for r in articles.load_glossary(kab)]  # a preview changes nothing

    exchange.import_bundle(kab, new)
    assert "Sentra Gakkumdu" in [r.preferred for r in articles.load_glossary(kab)]
    assert office.load(kab).boilerplate.startswith("Bawaslu se-Jawa Timur")
    assert any("#AwasiPemilu" in c for c in preview.changes)
    # The office keeps its own tag first; the province's join it, none twice.
    assert office.load(kab).hashtags == "#BawasluJember #bawaslujatim #AwasiPemilu"
    assert set(exchange.standard(kab)) >= {"glossary", "templates", "kop", "boilerplate"}

    before = snapshot(kab)
    with pytest.raises(exchange.ExchangeError, match="already imported"):
        exchange.import_bundle(kab, new)
    with pytest.raises(exchange.ExchangeError, match="number 1 .*number 2"):
        exchange.import_bundle(kab, old)
    assert snapshot(kab) == before


def test_report_round_trip_marks_the_office_and_reimport_changes_nothing(offices, tmp_path):
    from desktop.exchange import api as exchange

    province, kab = offices
    _report_data(kab, tmp_path)
    first = tmp_path / "nov.wartabundle"
    out = exchange.export_report(kab, first, *PERIOD)
    assert out["counts"]["releases"] == 1 and out["counts"]["photos"] == 1  # the draft stays home
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        assert {"manifest.json", "manifest.sig", "content.json"} <= set(names)
        manifest = json.loads(zf.read("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["kind"] == "report"
    assert {f["path"] for f in manifest["files"]} == set(names) - {"manifest.json", "manifest.sig"}

    result = exchange.import_bundle(province, first)
    assert len(result.added) == 2 and not result.rejected
    items = exchange.list_items(province)
    assert {i.office for i in items} == {"Badan Pengawas Pemilihan Umum Kabupaten Jember"}
    photo = next(i for i in items if i.section == "photos")
    detail = exchange.item_detail(province, photo.id)
    assert detail["photos"][0]["caption"] == "Apel siaga pengawasan di alun-alun Jember"
    assert detail["photos"][0]["data"][:2] == b"\xff\xd8"
    assert exchange.list_items(province, exchange.ItemQuery(search="kampanye"))[0].section == "releases"
    assert exchange.member_counts(province)["Badan Pengawas Pemilihan Umum Kabupaten Jember"]["releases"] == 1
    from desktop.articles import api as articles

    assert articles.count_articles(province, articles.ListQuery(status="all")) == 0  # not mixed into its own

    before = snapshot(province)
    with pytest.raises(exchange.AlreadyImported):
        exchange.import_bundle(province, first)
    assert snapshot(province) == before

    # A later report of an overlapping period: the same release is recognised, not doubled.
    second = tmp_path / "nov2.wartabundle"
    exchange.export_report(kab, second, *PERIOD)
    again = exchange.import_bundle(province, second)
    assert len(again.existing) == 2 and not again.added and not again.merged
    assert exchange.count_items(province) == 2


def _signed_pack(offices, tmp_path):
    from desktop.exchange import api as exchange

    province, kab = offices
    path = tmp_path / "pack.wartabundle"
    exchange.export_style_pack(province, path)
    return province, kab, path


def _resign(library, manifest: dict) -> tuple[bytes, bytes]:
    from desktop.exchange import keys

    raw = json.dumps(manifest).encode()
    return raw, base64.b64encode(keys.sign(library, raw))


def _hostile(kind, province, path, tmp_path):
    bad = tmp_path / f"bad-{kind}.wartabundle"
    if kind == "tampered":
        return rewrite(path, bad, lambda n, d: (n, d.replace(b"Bawaslu", b"BAWASLU")) if n == "content.json" else (n, d))
    if kind == "unsigned":
        return rewrite(path, bad, lambda n, d: None if n == "manifest.sig" else (n, d))
    if kind == "wrong-signature":
        def change(n, d):
            if n == "manifest.json":
                m = json.loads(d)
                m["sequence"] = 99
                return n, json.dumps(m).encode()
            return n, d
        return rewrite(path, bad, change)
    if kind == "link":
        def link(n, d):
            if n != "content.json":
                return n, d
            info = zipfile.ZipInfo("content.json")
            info.external_attr = (0o120777) << 16  # a symbolic link
            return info, b"/etc/passwd"
        return rewrite(path, bad, link)
    if kind in ("traversal", "absolute", "duplicate", "version", "bomb", "members"):
        with zipfile.ZipFile(path) as zf:
            members = {n: zf.read(n) for n in zf.namelist()}
        manifest = json.loads(members["manifest.json"])
        extra = {}
        if kind == "traversal":
            extra["../../evil.jpg"] = b"x"
        elif kind == "absolute":
            extra["/tmp/evil.jpg"] = b"x"
        elif kind == "bomb":
            extra["photos/00001.jpg"] = b"\0" * (20 * 1024 * 1024)
        elif kind == "members":
            for i in range(5001):
                extra[f"photos/{i:05d}.jpg"] = b"x"
        elif kind == "version":
            manifest["format_version"] = 2
        raw, sig = _resign(province, manifest)
        members["manifest.json"], members["manifest.sig"] = raw, sig
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
            for n, d in members.items():
                zout.writestr(n, d)
            for n, d in extra.items():
                zout.writestr(n, d)
            if kind == "duplicate":
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    zout.writestr("content.json", members["content.json"])
        return bad
    raise AssertionError(kind)


@pytest.mark.parametrize("kind, sentence", [
    ("tampered", "changed after the bundle was signed"),
    ("unsigned", "not signed"),
    ("wrong-signature", "signature does not match"),
    ("traversal", "unsafe or unexpected path"),
    ("absolute", "unsafe or unexpected path"),
    ("link", "not a plain file"),
    ("duplicate", "twice"),
    ("version", "newer Warta"),
    ("bomb", "zip bomb"),
    ("members", "more than 5000 files"),
])
def test_hostile_bundles_are_refused_and_change_nothing(offices, tmp_path, kind, sentence):
    from desktop.exchange import api as exchange

    province, kab, path = _signed_pack(offices, tmp_path)
    bad = _hostile(kind, province, path, tmp_path)
    before = snapshot(kab)
    with pytest.raises(exchange.ExchangeError, match=sentence) as caught:
        exchange.import_bundle(kab, bad)
    assert "Nothing was changed" in str(caught.value)
    assert snapshot(kab) == before
    exchange.import_bundle(kab, path)  # the genuine bundle still goes in afterwards


def test_unknown_key_is_refused_with_its_fingerprint(offices, template_library, tmp_path):
    from desktop.exchange import api as exchange
    from exchange_support import open_copy

    province, kab = offices
    stranger = open_copy(template_library, tmp_path / "s", "Kantor Asing", "Asing")
    try:
        path = tmp_path / "asing.wartabundle"
        exchange.export_style_pack(stranger, path)
        fp = exchange.own_key(stranger).fingerprint
    finally:
        stranger.close()
    before = snapshot(kab)
    with pytest.raises(exchange.ExchangeError, match=fp):
        exchange.import_bundle(kab, path)
    assert snapshot(kab) == before


def test_a_contradictory_glossary_in_a_signed_pack_is_refused_whole(offices, tmp_path):
    from desktop.exchange import api as exchange

    province, kab, path = _signed_pack(offices, tmp_path)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    content = json.loads(members["content.json"])
    content["sections"]["glossary"].append({"preferred": "KPU", "variants": ["kpu"], "note": ""})
    content["sections"]["boilerplate"] = "Teks baru"
    import hashlib

    members["content.json"] = json.dumps(content).encode()
    manifest = json.loads(members["manifest.json"])
    for f in manifest["files"]:
        if f["path"] == "content.json":
            f["size"], f["sha256"] = len(members["content.json"]), hashlib.sha256(members["content.json"]).hexdigest()
    members["manifest.json"], members["manifest.sig"] = _resign(province, manifest)
    bad = tmp_path / "contradiction.wartabundle"
    with zipfile.ZipFile(bad, "w") as zout:
        for n, d in members.items():
            zout.writestr(n, d)
    before = snapshot(kab)
    with pytest.raises(exchange.ExchangeError, match="glossary"):
        exchange.import_bundle(kab, bad)
    assert snapshot(kab) == before


def test_pattern_and_clarifications_travel(offices, tmp_path):
    from desktop.claims import api as claims
    from desktop.exchange import api as exchange
    from database.models import Office

    province, kab = offices
    with province.store.write() as tx:
        tx.session.get(Office, 1).release_number_pattern = "{seq:03d}/HM.02/K.JI/{month:roman}/{year}"
    pack = tmp_path / "pack.wartabundle"
    exchange.export_style_pack(province, pack)
    assert any("release number" in c.lower() for c in exchange.preview(kab, pack).changes)
    exchange.import_bundle(kab, pack)
    with kab.store.read() as s:
        assert s.get(Office, 1).release_number_pattern == "{seq:03d}/HM.02/K.JI/{month:roman}/{year}"

    claims.create_claim(kab, claims.ClaimInput(text="Kabar surat suara sudah dicoblos beredar di grup",
                                               first_seen=dt.datetime(2026, 11, 5, 9, 30), platform="WhatsApp"))
    report = tmp_path / "r.wartabundle"
    assert exchange.export_report(kab, report, *PERIOD)["counts"]["clarifications"] == 1
    exchange.import_bundle(province, report)
    item = exchange.list_items(province, exchange.ItemQuery(section="clarifications"))[0]
    assert item.at is not None and item.at.date() == dt.date(2026, 11, 5)


def test_command_line_round_trip_and_exit_codes(offices, tmp_path, cli):
    province, kab = offices
    code, out, err = cli("exchange", "keys", "show", "--library", province.path, "--json")
    assert code == 0 and len(json.loads(out)["fingerprint"]) == 39
    pack = tmp_path / "cli.wartabundle"
    code, out, err = cli("exchange", "export", "style-pack", "-o", pack, "--library", province.path, "--json")
    assert code == 0 and json.loads(out)["version"] == 1, err
    code, out, err = cli("exchange", "import", pack, "--dry-run", "--library", kab.path, "--json")
    assert code == 0 and json.loads(out)["bundles"][0]["kind"] == "style-pack"
    code, out, err = cli("exchange", "import", pack, "--library", kab.path)
    assert code == 0, err
    code, out, err = cli("exchange", "import", pack, "--library", kab.path, "--json")
    assert code == 2 and "sudah diimpor" in err and json.loads(out)["bundles"][0]["ok"] is False
    code, out, err = cli("exchange", "export", "report", "-o", tmp_path / "r.wartabundle", "--library", kab.path)
    assert code == 2 and "--from" in err
    code, out, err = cli("exchange", "keys", "list", "--library", kab.path, "--json")
    assert [o["name"] for o in json.loads(out)["offices"]] == ["Badan Pengawas Pemilihan Umum Provinsi Jawa Timur"]


def test_a_bundle_whose_record_fails_is_not_left_behind(offices, tmp_path, monkeypatch):
    from desktop.exchange import api as exchange
    from desktop.exchange import bundle

    province, kab = offices
    target = tmp_path / "pack.wartabundle"

    def broken(value):
        raise RuntimeError("disk went away")

    monkeypatch.setattr(bundle, "parse_time", broken)
    with pytest.raises(RuntimeError):
        exchange.export_style_pack(province, target)
    assert not target.exists()
    monkeypatch.undo()
    assert exchange.export_style_pack(province, target)["version"] == 1  # the number was not used up
