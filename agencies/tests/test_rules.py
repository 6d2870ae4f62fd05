import pytest

from agencies.rules import suggest_target_group


@pytest.mark.parametrize(
    "ptype, level, title, group",
    [
        ("executive", "M2", "อธิบดี", 1),
        ("director", "D1", "ผู้อำนวยการกอง", 2),
        ("academic", "K2", "นักวิชาการคอมพิวเตอร์", 5),
        ("academic", "K3", "นักวิเคราะห์นโยบายและแผน", 3),
        ("general", "O2", "เจ้าพนักงานธุรการ", 4),
        ("other", "", "", None),
    ],
)
def test_suggested_group_from_position(ptype, level, title, group):
    assert (
        suggest_target_group(
            position_type=ptype, position_level=level, position_title=title
        )
        == group
    )
