"""The organisation page keeps the organisation's social accounts."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from desktop.contacts import store


def test_organisation_social_accounts_are_shown_edited_and_saved(main_window, qtbot, library):
    org = store.create_org(library, store.OrgInput(name="RRI Gowa", social={"instagram": "@rrigowa"}))
    section = main_window.show_section("contacts")
    qtbot.waitUntil(lambda: main_window.stack.currentWidget() is section)
    section.open_item("organization", org)
    page = section.org_page
    assert page.social.text() == "instagram: @rrigowa"
    page.social.clear()
    qtbot.keyClicks(page.social, "instagram: @rri.gowa, youtube: RRI Gowa Official")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = store.get_org(main_window.ctx.library, org).data
    assert saved.social == {"instagram": "@rri.gowa", "youtube": "RRI Gowa Official"}
    page.load(org)
    assert page.social.text() == "instagram: @rri.gowa, youtube: RRI Gowa Official"
    if os.environ.get("WARTA_SCREENSHOTS"):
        main_window.grab().save(os.environ["WARTA_SCREENSHOTS"] + "/org-page-social.png")
