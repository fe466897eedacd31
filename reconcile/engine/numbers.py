"""Numbers as newsrooms write them: digits, words, separators, units, bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "zero": 0, "a": 1, "an": 1,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {"dozens", "hundreds", "thousands", "millions", "several", "many", "scores", "numerous"}
# What a vague count allows, so "dozens" agrees with 45 and "several" does not with 2.
VAGUE_RANGES = {
    "several": (3, 12), "many": (3, float("inf")), "numerous": (3, float("inf")),
    "dozens": (24, 199), "scores": (40, 199), "hundreds": (200, 1999),
    "thousands": (2_000, 999_999), "millions": (2_000_000, 999_999_999),
}  # fmt: skip
DOZEN = {"dozen": 12}

# Bounds and approximations that precede a number.
QUALIFIERS = [
    ("more than", "min"), ("at least", "min"), ("over", "min"), ("upwards of", "min"),
    ("in excess of", "min"), ("no fewer than", "min"), ("no less than", "min"),
    ("up to", "max"), ("fewer than", "max"), ("less than", "max"), ("under", "max"),
    ("nearly", "max"), ("almost", "max"), ("just under", "max"),
    ("about", "approx"), ("around", "approx"), ("approximately", "approx"),
    ("roughly", "approx"), ("some", "approx"), ("an estimated", "approx"),
    ("estimated", "approx"), ("nearly", "approx"), ("close to", "approx"),
]  # fmt: skip

# Conversion to a base unit, so "1,000 km" and "620 miles" can be compared.
UNIT_FACTORS = {
    "km": ("km", 1.0), "kilometre": ("km", 1.0), "kilometer": ("km", 1.0),
    "kilometres": ("km", 1.0), "kilometers": ("km", 1.0),
    "mile": ("km", 1.609344), "miles": ("km", 1.609344),
    "m": ("m", 1.0), "metre": ("m", 1.0), "meter": ("m", 1.0), "metres": ("m", 1.0),
    "meters": ("m", 1.0), "ft": ("m", 0.3048), "feet": ("m", 0.3048), "foot": ("m", 0.3048),
    "kg": ("kg", 1.0), "kilograms": ("kg", 1.0), "tonnes": ("kg", 1000.0), "tons": ("kg", 1000.0),
    "lb": ("kg", 0.45359237), "pounds": ("kg", 0.45359237),
    "%": ("%", 1.0), "percent": ("%", 1.0), "per cent": ("%", 1.0),
}  # fmt: skip

_DIGITS = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def parse_number(text: str) -> float | None:
    """Parse '1,000', '45', '2.6', 'six', 'forty-five', 'two hundred', '2.6 million'."""
    cleaned = text.strip().lower().replace("\u2013", "-")
    if not cleaned or re.fullmatch(r"\d+(\s*-\s*\d+)+", cleaned):
        return None  # "58-3" is a record or a score, not fifty-eight plus three
    words = [w for w in re.split(r"[\s-]+", cleaned) if w and w != "and"]
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif word in UNITS and (word not in {"a", "an"} or len(words) > 1):
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in DOZEN:
            current = (current or 1) * 12
        elif word in SCALES:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


@dataclass(frozen=True)
class Quantity:
    value: float
    qualifier: str = "exact"  # exact, approx, min, max, vague
    unit: str = ""
    upper: float = 0.0  # for a vague count, the range is value..upper

    @classmethod
    def vague(cls, word: str, unit: str = "") -> Quantity:
        low, high = VAGUE_RANGES.get(word.lower(), (0.0, 0.0))
        return cls(low, "vague", unit, high)

    def render(self) -> str:
        number = (
            f"{self.value:,.2f}".rstrip("0").rstrip(".") if self.value % 1 else f"{self.value:,.0f}"
        )
        return f"{number} {self.unit}".strip()


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two statements of one count can both be true."""
    if a.unit != b.unit:
        return True  # not comparable: never a conflict
    if a.qualifier == "vague" or b.qualifier == "vague":
        return _ranges_meet(a, b)
    return _fits(a, b) and _fits(b, a)


def _range(q: Quantity) -> tuple[float, float]:
    inf = float("inf")
    return {
        "vague": (q.value, q.upper),
        "exact": (q.value, q.value),
        "approx": (q.value * 0.9, q.value * 1.1),
        "min": (q.value, inf),
        "max": (0.0, q.value),
    }.get(q.qualifier, (0.0, inf))


def _ranges_meet(a: Quantity, b: Quantity) -> bool:
    if a.qualifier == b.qualifier == "vague" and not (a.upper and b.upper):
        return True  # two vague words we cannot place never conflict
    (low_a, high_a), (low_b, high_b) = _range(a), _range(b)
    return low_a <= high_b and low_b <= high_a


def _fits(a: Quantity, b: Quantity) -> bool:
    """Is b's value allowed by a's statement?"""
    tolerance = 0.02 if a.unit else 0.0  # unit conversions round
    if a.qualifier == "exact":
        if b.qualifier == "exact":
            return abs(a.value - b.value) <= tolerance * max(a.value, b.value) + 1e-9
        return _fits(b, a)
    if a.qualifier == "approx":
        return abs(a.value - b.value) <= max(0.1 * a.value, 1) + tolerance * a.value
    if a.qualifier == "min":
        return b.value >= a.value * (1 - tolerance) or (b.qualifier == "max" and b.value > a.value)
    if a.qualifier == "max":
        return b.value <= a.value * (1 + tolerance) or b.qualifier == "min"
    return True


def convert(value: float, unit_word: str) -> tuple[float, str]:
    unit, factor = UNIT_FACTORS.get(unit_word.lower(), (unit_word.lower(), 1.0))
    return value * factor, unit
