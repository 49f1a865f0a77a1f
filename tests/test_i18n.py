"""Every user-facing string has an Indonesian translation; catalogs read the same as Babel reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from desktop import dates, i18n
from desktop.paths import TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent


def _source_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in ("desktop", "database"):
        for filename, lineno, message, _comments, _ctx in extract_from_dir(
            ROOT / package,
            method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "gettext": None},
        ):
            if isinstance(message, tuple):
                message = message[0]
            if message:
                found.setdefault(message, f"{package}/{filename}:{lineno}")
    return found


def test_every_string_has_an_indonesian_translation():
    catalog = i18n.load_catalog("id")
    missing = {m: where for m, where in _source_messages().items() if m not in catalog}
    assert not missing, "untranslated strings (add them to resources/translations/id/<area>.po):\n" + "\n".join(
        f"  {where}: {m!r}" for m, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_placeholders_survive_translation():
    import re

    field = re.compile(r"\{[a-z_0-9]*\}")
    catalog = i18n.load_catalog("id")
    bad = [m for m, t in catalog.items() if sorted(field.findall(m)) != sorted(field.findall(t))]
    assert not bad, f"translations that change their {{fields}}: {bad}"


def test_our_po_reader_agrees_with_babel():
    for po in sorted((TRANSLATIONS / "id").glob("*.po")):
        with open(po, "rb") as fh:
            babel_catalog = read_po(fh)
        theirs = {m.id: m.string for m in babel_catalog if m.id and m.string and not m.fuzzy}
        ours = i18n.parse_po(po.read_text(encoding="utf-8"))
        assert ours == theirs, po.name


def test_indonesian_by_default_and_english_on_request():
    i18n.set_language("id")
    assert i18n.gettext("Articles") == "Artikel"
    i18n.set_language("en")
    assert i18n.gettext("Articles") == "Articles"
    i18n.set_language("id")


def test_dates_follow_indonesian_usage():
    i18n.set_language("id")
    day = dt.date(2025, 11, 3)
    assert dates.long_date(day) == "Senin, 3 November 2025"
    assert dates.lead_date(day) == "Senin (3/11/2025)"
    i18n.set_language("en")
    assert dates.long_date(day) == "Monday, 3 November 2025"
    i18n.set_language("id")


def test_one_msgid_means_one_translation_and_none_is_empty():
    """Each area's catalog is merged into one dictionary: a msgid translated two ways would depend on file order."""
    seen: dict[str, dict[str, str]] = {}
    empty: list[str] = []
    for po in sorted((TRANSLATIONS / "id").glob("*.po")):
        with open(po, "rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            text = message.string if isinstance(message.string, str) else message.string[0]
            if not text.strip():
                empty.append(f"{po.name}: {msgid!r}")
            seen.setdefault(msgid, {})[po.name] = text
    conflicts = {m: t for m, t in seen.items() if len(set(t.values())) > 1}
    assert not empty, "empty translations:\n" + "\n".join(empty)
    assert not conflicts, "msgids with different translations (use one, or a distinct msgid):\n" + "\n".join(
        f"  {m!r}: {t}" for m, t in sorted(conflicts.items()))


def test_qt_standard_texts_are_never_blank_in_indonesian(qapp, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QPushButton, QTreeView

    from desktop.ui import qt_translation

    i18n.set_language("id")
    translator = qt_translation.install(qapp)
    try:
        every = QDialogButtonBox.StandardButton.NoButton
        for button in QDialogButtonBox.StandardButton:
            if button != QDialogButtonBox.StandardButton.NoButton:
                every |= button
        box = QDialogButtonBox(every)
        qtbot.addWidget(box)
        assert all(b.text().strip() for b in box.buttons()), [b.text() for b in box.buttons()]
        assert {"Batal", "Simpan", "Tutup"} <= {b.text().replace("&", "") for b in box.buttons()}

        edit = QLineEdit()
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert len(texts) >= 7 and all(t.strip() for t in texts), texts
        assert "&Salin\tCtrl+C" in texts

        assert QKeySequence("Ctrl+S").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+S"
        assert QKeySequence("Ctrl+Shift+Del").toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Shift+Del"

        dialog = QFileDialog(None, "Uji")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            dialog.setAcceptMode(mode)
            buttons = [b.text() for b in dialog.findChildren(QPushButton)]
            assert buttons and all(t.strip() for t in buttons), buttons
        labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        assert "&Nama berkas:" in labels, labels
        model = dialog.findChild(QTreeView).model()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers and all(str(h).strip() for h in headers), headers
    finally:
        qapp.removeTranslator(translator)
