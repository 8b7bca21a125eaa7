#!/usr/bin/env python3
"""Writes rounding_vectors.txt: expected results computed by Python's `decimal`
module, an implementation independent of tally's, for the core tests.

Each line: numerator denominator mode places expected changed
  mode      one of tally's rounding modes, or `text` for to_decimal_text
  expected  the decimal text tally must print (no trailing zeros for exact
            values; a `text` line that needed rounding keeps `places` digits)
  changed   1 when rounding altered the value (for `text`: the value had no
            finite decimal form), else 0

Run from anywhere: python3 tests/core/gen_rounding_vectors.py
"""

import decimal
import os
import random

SEED = 20260331
ROUNDING_LINES = 2000
TEXT_LINES = 300
MAX_PLACES = 12

PYTHON_MODES = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "floor": decimal.ROUND_FLOOR,
    "ceiling": decimal.ROUND_CEILING,
    "toward_zero": decimal.ROUND_DOWN,
}

# Far more digits than any quotient below needs before the rounding point.
# ROUND_05UP never leaves an inexact quotient ending in 0 or 5, so the quotient
# sits on the same side of every tie and every rounding boundary as the exact
# fraction, and quantizing it again rounds exactly as the fraction would.
QUOTIENT_CONTEXT = decimal.Context(prec=120, rounding=decimal.ROUND_05UP)


def exact_quotient(numerator, denominator):
    QUOTIENT_CONTEXT.clear_flags()
    quotient = QUOTIENT_CONTEXT.divide(decimal.Decimal(numerator), decimal.Decimal(denominator))
    return quotient, bool(QUOTIENT_CONTEXT.flags[decimal.Inexact])


def quantize(value, places, rounding):
    context = decimal.Context(prec=200, rounding=rounding)
    return value.quantize(decimal.Decimal(1).scaleb(-places), context=context)


def plain_text(value, keep_trailing_zeros):
    text = format(value, "f")
    if not keep_trailing_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")  # decimal keeps a negative zero; tally prints 0
    return text


def random_fraction(rng, places):
    """A fraction drawn from several families, so that exact ties, values that
    are already exact, repeating decimals and negatives all appear."""
    family = rng.randrange(6)
    sign = rng.choice((1, -1))
    if family == 0:  # an exact tie at `places`: ...5 in the next digit
        numerator = rng.randrange(0, 10**rng.randrange(1, 8)) * 10 + 5
        return sign * numerator, 10 ** (places + 1)
    if family == 1:  # a tie written as an unreduced fraction with a non-decimal factor
        k = rng.randrange(0, 10**6)
        factor = rng.choice((3, 7, 11, 13))
        return sign * (2 * k + 1) * factor, 2 * factor * 10**places
    if family == 2:  # already representable with at most `places` digits
        return sign * rng.randrange(0, 10**9), 10 ** rng.randrange(0, places + 1)
    if family == 3:  # repeating decimals
        return sign * rng.randrange(0, 10**7), rng.choice((3, 6, 7, 9, 11, 12, 13, 90, 97, 360, 365))
    if family == 4:  # terminating decimals longer than `places`
        return sign * rng.randrange(1, 10**10), 2 ** rng.randrange(0, 20) * 5 ** rng.randrange(0, 20)
    return sign * rng.randrange(0, 10**12), rng.randrange(1, 10**6)


def rounding_line(rng):
    mode = rng.choice(sorted(PYTHON_MODES))
    places = rng.randrange(0, MAX_PLACES + 1)
    numerator, denominator = random_fraction(rng, places)
    quotient, inexact = exact_quotient(numerator, denominator)
    rounded = quantize(quotient, places, PYTHON_MODES[mode])
    changed = inexact or rounded != quotient
    return f"{numerator} {denominator} {mode} {places} {plain_text(rounded, False)} {int(changed)}"


def text_line(rng):
    places = rng.randrange(0, MAX_PLACES + 1)
    numerator, denominator = random_fraction(rng, places)
    quotient, inexact = exact_quotient(numerator, denominator)
    if inexact:
        expected = plain_text(quantize(quotient, places, decimal.ROUND_HALF_EVEN), True)
    else:
        expected = plain_text(quotient, False)
    return f"{numerator} {denominator} text {places} {expected} {int(inexact)}"


def main():
    rng = random.Random(SEED)
    lines = [rounding_line(rng) for _ in range(ROUNDING_LINES)]
    lines += [text_line(rng) for _ in range(TEXT_LINES)]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rounding_vectors.txt")
    with open(path, "w", encoding="ascii", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
