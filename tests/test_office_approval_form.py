"""Settings → Office profile: the release number pattern (with its preview) and the self-approval switch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import office, staff
from desktop.ui.office_form import OfficeForm


def test_pattern_preview_and_self_approval_switch(qtbot, library):
    form = OfficeForm(office.load(library), library=library)
    qtbot.addWidget(form)
    form.show()
    pattern = form.fields["release_number_pattern"]
    preview = form.findChild(type(form.logo_label), "office-release-number-preview")
    assert "001/HM.01/" in preview.text()  # the default pattern
    pattern.clear()
    qtbot.keyClicks(pattern, "{seq:03}/HM.01/{bulan}/{year}")
    assert "{bulan}" in preview.text()
    pattern.clear()
    qtbot.keyClicks(pattern, "{seq:03}/HM.01/{office}/{month:roman}/{year}")
    assert "001/HM.01/Bawaslu Contoh/" in preview.text()

    switch = form.self_approval
    assert switch.isEnabled() and not switch.isChecked()  # the library acts as its Admin
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert switch.isChecked()
    office.save(library, form.profile())
    saved = office.load(library)
    assert saved.allow_self_approval and saved.release_number_pattern.endswith("{month:roman}/{year}")


def test_only_an_admin_gets_the_switch(qtbot, library):
    library.store.staff_id = staff.create(library, staff.StaffInput(name="Agus Editor", role="editor"))
    form = OfficeForm(office.load(library), library=library)
    qtbot.addWidget(form)
    assert not form.self_approval.isEnabled()
