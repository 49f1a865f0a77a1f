"""Settings → Style glossary, driven in the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QTabWidget

from desktop.articles import glossary


@pytest.fixture
def page(main_window, qtbot):
    from desktop.ui.glossary_page import GlossaryPage
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(main_window.ctx, main_window)
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QTabWidget)
    found = dialog.findChild(GlossaryPage)
    tabs.setCurrentWidget(found)
    dialog.show()
    yield dialog, found
    dialog.close()


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_add_rule_try_it_and_save(page, qtbot, main_window):
    dialog, found = page
    assert found.table.rowCount() == len(glossary.DEFAULT_RULES)
    found.add_rule()
    row = found.table.rowCount() - 1
    found.table.item(row, 0).setText("Sentra Gakkumdu")
    found.table.item(row, 1).setText("sentra gakkumdu | SENTRA GAKKUMDU")
    qtbot.keyClicks(found.sample, "Rapat sentra gakkumdu dan BAWASLU.")
    assert "'sentra gakkumdu' → 'Sentra Gakkumdu'" in found.findings.text()
    assert len(found.sample.extraSelections()) == 2
    _save(dialog)
    rules = glossary.load(main_window.ctx.library)
    assert rules[-1].preferred == "Sentra Gakkumdu" and rules[-1].variants == ["sentra gakkumdu", "SENTRA GAKKUMDU"]


def test_invalid_rules_keep_the_dialog_open(page, qtbot, main_window, monkeypatch):
    dialog, found = page
    warnings = []
    monkeypatch.setattr("desktop.ui.settings_dialog.QMessageBox.warning", lambda *a: warnings.append(a[2]))
    found.table.item(1, 1).setText("BAWASLU")  # already a variant of Bawaslu
    _save(dialog)
    assert dialog.isVisible() and "BAWASLU" in warnings[0]
    assert glossary.load(main_window.ctx.library)[1].variants != ["BAWASLU"]


def test_import_and_export_files(page, qtbot, tmp_path):
    dialog, found = page
    source = tmp_path / "kantor-lain.csv"
    source.write_text("preferred,variants,note\nBawaslu,BawasLU,\nluring,off line,\n", encoding="utf-8")
    assert found.import_path(str(source), merge=True)
    rules = {r.preferred: r.variants for r in found.rules()}
    assert "BawasLU" in rules["Bawaslu"] and "off line" in rules["luring"]
    assert found.import_path(str(source), merge=False)
    assert found.table.rowCount() == 2
    out = tmp_path / "keluar.csv"
    assert found.export_path(str(out))
    assert glossary.import_file(out) == found.rules()


def test_writers_see_the_rules_but_cannot_change_them(main_window, qtbot):
    from desktop import staff
    from desktop.ui.glossary_page import GlossaryPage

    main_window.ctx.staff_id = staff.create(main_window.ctx.library, staff.StaffInput(name="Rina", role="writer"))
    found = GlossaryPage(main_window.ctx)
    qtbot.addWidget(found)
    assert found.table.rowCount() > 0 and not found.add_button.isEnabled()
    found.modified = True
    found.apply()
    from database.models import Meta

    with main_window.ctx.library.store.read() as s:
        assert s.get(Meta, glossary.META_KEY) is None  # nothing stored for a writer
