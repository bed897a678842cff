import datetime

import pytest

from consultations import cpr

D = datetime.date


@pytest.mark.parametrize(
    ("value", "born"),
    [
        pytest.param("070761-4285", D(1961, 7, 7), id="with-hyphen-passes-mod11"),
        pytest.param("0707614285", D(1961, 7, 7), id="without-hyphen"),
        pytest.param(" 070761 4285 ", D(1961, 7, 7), id="spaces-ignored"),
        pytest.param("010165-1234", D(1965, 1, 1), id="fails-mod11-still-valid"),
        pytest.param("290200-4001", D(2000, 2, 29), id="leap-day-2000-digit7-4"),
        pytest.param("010137-4001", D(1937, 1, 1), id="digit7-4-year-37-is-1900s"),
        pytest.param("010157-5001", D(2057, 1, 1), id="digit7-5-year-57-is-2000s"),
        pytest.param("010158-5001", D(1858, 1, 1), id="digit7-5-year-58-is-1800s"),
        pytest.param("010136-9001", D(2036, 1, 1), id="digit7-9-year-36-is-2000s"),
        pytest.param("311299-3001", D(1999, 12, 31), id="digit7-3-is-1900s"),
        # CPR-kontoret: 4 and 9 give 2000–2036 and 1937–1999; 5–8 give 2000–2057 and 1858–1899.
        pytest.param("010140-9007", D(1940, 1, 1), id="digit7-9-year-40-is-1900s"),
        pytest.param("010137-9001", D(1937, 1, 1), id="digit7-9-year-37-is-1900s"),
        pytest.param("311257-9001", D(1957, 12, 31), id="digit7-9-year-57-is-1900s"),
        pytest.param("010136-4001", D(2036, 1, 1), id="digit7-4-year-36-is-2000s"),
        pytest.param("010199-4001", D(1999, 1, 1), id="digit7-4-year-99-is-1900s"),
        pytest.param("010100-0001", D(1900, 1, 1), id="digit7-0-is-1900s"),
        pytest.param("010158-8001", D(1858, 1, 1), id="digit7-8-year-58-is-1800s"),
        pytest.param("010100-8001", D(2000, 1, 1), id="digit7-8-year-00-is-2000s"),
    ],
)
def test_cpr_birth_date_follows_the_century_rule(value, born):
    assert cpr.birth_date(value) == born


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("310299-1234", "date", id="31-february"),
        pytest.param("290201-1234", "date", id="29-february-non-leap"),
        pytest.param("001090-1234", "date", id="day-zero"),
        pytest.param("011390-1234", "date", id="month-13"),
        pytest.param("290200-1234", "date", id="1900-was-not-a-leap-year"),
        pytest.param("0101901234x", "format", id="letter"),
        pytest.param("010190-123", "format", id="too-short"),
        pytest.param("010190--1234", "format", id="double-hyphen"),
        pytest.param("", "format", id="empty"),
    ],
)
def test_invalid_cpr_numbers_are_rejected_with_a_reason(value, code):
    with pytest.raises(cpr.InvalidCPR) as raised:
        cpr.birth_date(value)
    assert raised.value.code == code


@pytest.mark.parametrize(("value", "passes"), [("0707614285", True), ("0101651234", False)])
def test_modulus_11_is_informational(value, passes):
    assert cpr.passes_modulus_11(value) is passes


def test_cpr_is_formatted_with_hyphen():
    assert cpr.formatted("0707614285") == "070761-4285"


def test_cpr_module_derives_no_sex():
    assert not any("sex" in name or "gender" in name for name in dir(cpr))


@pytest.mark.parametrize(
    ("value", "passes"),
    [("120185-4004", True), ("120185-4005", False), ("220185-4004", False)],
    ids=["first-digit-1-passes", "check-digit-off-by-one", "first-digit-weight-4-counts"],
)
def test_modulus_11_weighs_the_first_digit_too(value, passes):
    assert cpr.passes_modulus_11(value) is passes
