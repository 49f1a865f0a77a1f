"""KIP deadlines in Indonesian working days, checked by hand against the 2025/2026 calendars."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.kip import deadlines

D = dt.date


@pytest.mark.parametrize(("received", "due", "why"), [
    # Thu 27/3/2025: Fri 28 (cuti bersama Nyepi, a working day) is day 1; Sat 29 Nyepi, Mon 31 and Tue 1/4
    # Idul Fitri are skipped; 2,3,4,7,8,9,10,11,14 April are days 2–10.
    (D(2025, 3, 27), D(2025, 4, 14), "Idul Fitri 1446"),
    # Wed 24/12/2025: Thu 25 Natal skipped, Fri 26 (cuti bersama) day 1, 29,30,31 Dec, 1 Jan Tahun Baru skipped,
    # 2,5,6,7,8,9 Jan.
    (D(2025, 12, 24), D(2026, 1, 9), "Christmas and New Year"),
    # Received on Christmas Day: counts as received Fri 26, so day 1 is Mon 29 and day 10 Mon 12 Jan.
    (D(2025, 12, 25), D(2026, 1, 12), "received on a holiday"),
    # Received on Saturday 27/12: counts as received Mon 29, day 10 is Tue 13 Jan.
    (D(2025, 12, 27), D(2026, 1, 13), "received on a weekend"),
    # Mon 16/3/2026: Thu 19 Nyepi skipped (Idul Fitri 21–22 fall on the weekend): 17,18,20,23,…,31 March.
    (D(2026, 3, 16), D(2026, 3, 31), "Nyepi and Idul Fitri 1447"),
])
def test_ten_working_days_skip_weekends_and_public_holidays(received, due, why):
    assert deadlines.answer_due(received) == due, why


def test_an_extension_adds_seven_working_days_over_good_friday():
    # From Tue 31/3/2026: 1, 2 April, Fri 3 Good Friday skipped, 6–10 April.
    assert deadlines.answer_due(D(2026, 3, 16), extended=True) == D(2026, 4, 10)


def test_an_objection_may_be_filed_for_thirty_working_days_after_the_answer():
    # After Fri 9/1/2026: Fri 16 Jan Isra Mi'raj and Tue 17 Feb Imlek are skipped, Mon 16 Feb (cuti bersama) counts.
    assert deadlines.objection_due(D(2026, 1, 9)) == D(2026, 2, 24)


def test_weekends_and_holidays_are_not_working_days_but_cuti_bersama_is():
    assert not deadlines.is_working_day(D(2025, 3, 31))  # Idul Fitri
    assert not deadlines.is_working_day(D(2025, 12, 25))  # Natal
    assert not deadlines.is_working_day(D(2026, 1, 1))  # Tahun Baru
    assert not deadlines.is_working_day(D(2026, 1, 3))  # Saturday
    assert deadlines.is_working_day(D(2025, 12, 26))  # cuti bersama Natal
    assert deadlines.holiday_name(D(2025, 12, 25)) == "Christmas Day"


def test_days_left_and_days_overdue_are_working_days():
    due = D(2026, 1, 9)
    assert deadlines.working_days_between(D(2026, 1, 9), due) == 0
    assert deadlines.working_days_between(D(2025, 12, 31), due) == 6  # 2, 5, 6, 7, 8, 9 (1 Jan skipped)
    assert deadlines.working_days_between(D(2026, 1, 12), due) == -1
    assert deadlines.response_days(D(2025, 12, 27), D(2026, 1, 2)) == 3  # from Mon 29: 30, 31, 2
