"""Phone numbers, e-mail addresses and names as Indonesian offices write them."""

from __future__ import annotations

import pytest

from desktop.contacts.normalize import (
    compose_name, format_phone, is_whatsapp_hint, name_key, normalize_phone, split_phone_cell, split_titles,
    validate_email,
)


@pytest.mark.parametrize("raw, e164", [
    ("0812-3456-7890", "+6281234567890"),
    ("+62 812 3456 7890", "+6281234567890"),
    ("62812 3456 7890", "+6281234567890"),
    ("6281234567890", "+6281234567890"),
    ("81234567890", "+6281234567890"),  # Excel dropped the leading zero
    ("(0331) 123456", "+62331123456"),
    ("021-5551234", "+62215551234"),
    ("0812 3456 7890 (WA)", "+6281234567890"),
    ("WA: 0812-3456-7890", "+6281234567890"),
    ("https://wa.me/6281234567890", "+6281234567890"),
    ("0031 20 123 4567", "+31201234567"),
    ("+1 212 555 0123", "+12125550123"),
])
def test_valid_numbers_become_e164(raw, e164):
    assert normalize_phone(raw) == (e164, None)


@pytest.mark.parametrize("raw", ["123", "+1 (212) 204-34456", "BusinessPhone", "", "0812"])
def test_unreadable_numbers_come_with_a_reason(raw):
    number, reason = normalize_phone(raw)
    assert number is None and reason


def test_whatsapp_hints_and_cells_with_several_numbers():
    assert is_whatsapp_hint("No. HP/WA") and is_whatsapp_hint("WhatsApp") and is_whatsapp_hint("wa.me/62")
    assert not is_whatsapp_hint("Wakil Ketua") and not is_whatsapp_hint("Kantor")
    assert split_phone_cell("0812-3456-7890 / 0813 1111 2222") == ["0812-3456-7890", "0813 1111 2222"]
    assert split_phone_cell("+62 812 ::: +62 813") == ["+62 812", "+62 813"]
    assert format_phone("+6281234567890") == "0812-3456-7890"
    assert format_phone("+31201234567") == "+31 20 123 4567"


@pytest.mark.parametrize("address, ok", [
    ("siti@bawaslu.go.id", True), ("Budi.Santoso+humas@kpu.go.id", True), ("ani@münchen.example", True),
    ("budi@gmail", False), ("budi(at)gmail.com", False), ("a..b@x.com", False), ("@x.com", False),
    ("spasi di@x.com", False), ("", False),
])
def test_email_validation(address, ok):
    assert (validate_email(address) is None) is ok


def test_titles_are_kept_in_the_name_and_ignored_by_the_key():
    assert split_titles("Dr. Siti Aminah, S.Pd., M.Si.") == ("Dr.", "Siti Aminah", "S.Pd., M.Si.")
    assert split_titles("Prof. Dr. Ir. H. Budi Santoso, M.T.") == ("Prof. Dr. Ir. H.", "Budi Santoso", "M.T.")
    assert split_titles("Doe, John") == ("", "Doe, John", "")  # not titles: stays as written
    assert name_key("Dr. Siti Aminah, S.Pd., M.Si.") == name_key("SITI  AMINAH") == "siti aminah"
    assert name_key("José Müller") == "jose muller"
    assert name_key("H Rahman") == "h rahman"  # a bare H is an initial, not Haji
    assert compose_name("Dr.", "Siti", "", "Aminah", "S.Pd.") == "Dr. Siti Aminah, S.Pd."


def test_fast_path_agrees_with_phonenumbers():
    import random

    import phonenumbers

    rng = random.Random(7)
    for _ in range(3000):
        raw = rng.choice(["0", "+62 ", "+62"]) + str(rng.randint(1, 9)) + "".join(
            str(rng.randint(0, 9)) for _ in range(rng.randint(5, 12)))
        parsed = phonenumbers.parse(raw, "ID")
        expected = (phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                    if phonenumbers.is_valid_number(parsed) else None)
        assert normalize_phone(raw)[0] == expected, raw


def test_spreadsheet_phone_text_reads_back_the_same():
    from desktop.contacts.normalize import format_phone_for_spreadsheet

    for e164, text in [("+6281234567890", "0812-3456-7890"), ("+62331123456", "(0331) 123456"),
                       ("+31201234567", "0031 20 123 4567"), ("12345", "12345")]:
        assert format_phone_for_spreadsheet(e164) == text
        if e164.startswith("+"):
            assert normalize_phone(text) == (e164, None)
