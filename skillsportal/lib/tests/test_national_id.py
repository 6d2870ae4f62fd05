import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.th import pin

from skillsportal.lib.national_id import (
    blind_index,
    check_digit,
    generate,
    is_valid,
    mask,
    normalize,
    validate,
)

WORKED_EXAMPLE = "3-1006-00445-63-5"
KEY = b"test-key"

first12 = st.text(alphabet="0123456789", min_size=11, max_size=11).flatmap(
    lambda rest: st.sampled_from("12345678").map(lambda first: first + rest)
)


def test_worked_example_from_the_spec_is_valid():
    assert check_digit("310060044563") == 5
    assert is_valid(WORKED_EXAMPLE)
    assert validate(WORKED_EXAMPLE) == "3100600445635"


def test_normalize_strips_spaces_dashes_and_converts_thai_digits():
    assert normalize(" 3 1006 00445 63 5 ") == "3100600445635"
    assert normalize("๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕") == "3100600445635"
    assert normalize("3\u20131006\u201300445\u201363\u20135") == "3100600445635"


@pytest.mark.parametrize(
    "raw", ["", "310060044563", "31006004456350", "31006004456a5", "３100600445635"]
)
def test_normalize_requires_thirteen_ascii_digits(raw):
    with pytest.raises(ValueError, match="ต้องเป็นตัวเลข 13 หลัก"):
        normalize(raw)


def test_validate_rejects_a_bad_check_digit_with_a_thai_message():
    with pytest.raises(ValueError, match="ตรวจสอบหลักสุดท้ายไม่ผ่าน"):
        validate("3100600445634")


def test_validate_rejects_first_digit_0_and_9():
    zero = "0" + "12345678901"
    nine = "9" + "12345678901"
    for first12_ in (zero, nine):
        number = first12_ + str(check_digit(first12_))
        assert not is_valid(number)
        with pytest.raises(ValueError, match="หลักแรก"):
            validate(number)


def test_error_messages_do_not_repeat_the_number():
    with pytest.raises(ValueError) as info:
        validate("3100600445634")
    assert "3100600445634" not in str(info.value)


def test_check_digit_rejects_wrong_length():
    with pytest.raises(ValueError):
        check_digit("12345")


@given(first12)
def test_any_twelve_digits_plus_the_check_digit_is_valid(digits):
    assert is_valid(digits + str(check_digit(digits)))


@given(first12, st.integers(min_value=1, max_value=9))
def test_changing_the_last_digit_invalidates(digits, delta):
    good = check_digit(digits)
    assert not is_valid(digits + str((good + delta) % 10))


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.data())
def test_python_stdnum_agrees_on_validity(rest, data):
    number = data.draw(st.sampled_from("12345678")) + rest
    assert is_valid(number) == pin.is_valid(number)


@given(first12)
def test_thai_digit_and_ascii_forms_have_the_same_blind_index(digits):
    ascii_form = digits + str(check_digit(digits))
    thai_form = ascii_form.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert blind_index(thai_form, KEY) == blind_index(ascii_form, KEY)


def test_blind_index_depends_on_the_key_and_needs_one():
    assert blind_index(WORKED_EXAMPLE, b"a") != blind_index(WORKED_EXAMPLE, b"b")
    assert len(blind_index(WORKED_EXAMPLE, KEY)) == 64
    with pytest.raises(ValueError):
        blind_index(WORKED_EXAMPLE, b"")


def test_mask_uses_the_spec_format():
    assert mask(WORKED_EXAMPLE) == "x-xxxx-xxxxx-63-5"


def test_mask_accepts_the_stored_last_three_digits():
    assert mask("635") == "x-xxxx-xxxxx-63-5"
    assert mask("๖๓๕") == "x-xxxx-xxxxx-63-5"


def test_mask_rejects_other_lengths():
    with pytest.raises(ValueError):
        mask("35")


@given(first12)
def test_mask_reveals_only_the_last_three_digits(digits):
    number = digits + str(check_digit(digits))
    masked = mask(number)
    assert [c for c in masked if c.isdigit()] == list(number[10:])


def test_generate_gives_valid_numbers_that_stdnum_accepts():
    rng = random.Random(42)
    numbers = [generate(rng) for _ in range(500)]
    assert all(is_valid(n) and pin.is_valid(n) for n in numbers)
    assert {n[0] for n in numbers} == set("12345678")


def test_generate_is_reproducible_with_the_same_seed():
    assert generate(random.Random(7)) == generate(random.Random(7))
