"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check digit."""

import re

# GB 32100-2015: 31 characters, no I, O, Z, S or V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Registration authority + type codes in use (e.g. 51: civil affairs, social organisation).
PATTERN = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")

# GB 11714-1997 organisation code check (the nine characters after the division code).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def check_digit(first17):
    """The 18th character for the first seventeen."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code):
    """True when code is 18 characters of the right alphabet with a correct check digit."""
    if not isinstance(code, str) or not PATTERN.match(code):
        return False
    return check_digit(code[:17]) == code[17]


def org_check_digit(first8):
    """GB 11714 check character for an eight-character organisation code body."""
    total = sum(int(char, 36) * weight for char, weight in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make(prefix, division, org_body):
    """A valid code from the authority/type prefix, a division code and an 8-character body."""
    first17 = f"{prefix}{division}{org_body}{org_check_digit(org_body)}"
    return first17 + check_digit(first17)
