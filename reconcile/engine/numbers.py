"""Numbers as newsrooms write them: digits, words, separators, units, bounds."""

from __future__ import annotations

import functools
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

# Units as copy writes them, for pint to convert. Each word names a pint unit and
# the label its dimension is compared under, so "1,000 km" and "620 miles" are one
# distance and "170,000-square-foot" and "15,800-square-metre" one area. The words
# are ours: pint alone reads "in" as inches and "a" as a year, and takes "ton" for
# the US short ton (907 kg), where news copy means a tonne (tests pin both).
_DISTANCE = {
    "km": "kilometer", "kilometre": "kilometer", "kilometer": "kilometer", "mile": "mile",
    "nautical mile": "nautical_mile",
}  # fmt: skip
# Not yards: copy counts them in games ("rushed for 101 yards"), compared as yards.
_LENGTH = {
    "m": "meter", "metre": "meter", "meter": "meter", "ft": "foot", "foot": "foot",
    "feet": "foot", "inch": "inch", "inches": "inch", "cm": "centimeter",
    "centimetre": "centimeter", "centimeter": "centimeter", "mm": "millimeter",
    "millimetre": "millimeter", "millimeter": "millimeter",
}  # fmt: skip
_MASS = {
    "kg": "kilogram", "kilogram": "kilogram", "kilo": "kilogram", "gram": "gram",
    "tonne": "metric_ton", "ton": "metric_ton", "lb": "pound", "lbs": "pound",
    "pound": "pound", "oz": "ounce", "ounce": "ounce",
}  # fmt: skip
_AREA = {
    "square metre": "meter ** 2", "square meter": "meter ** 2", "sq m": "meter ** 2",
    "square foot": "foot ** 2", "square feet": "foot ** 2", "sq ft": "foot ** 2",
    "square kilometre": "kilometer ** 2", "square kilometer": "kilometer ** 2",
    "square km": "kilometer ** 2", "sq km": "kilometer ** 2", "km2": "kilometer ** 2",
    "km²": "kilometer ** 2", "square mile": "mile ** 2", "sq mi": "mile ** 2",
    "acre": "acre", "hectare": "hectare", "ha": "hectare",
}  # fmt: skip
_VOLUME = {
    "litre": "liter", "liter": "liter", "gallon": "gallon", "barrel": "oil_barrel",
    "cubic metre": "meter ** 3", "cubic meter": "meter ** 3",
}  # fmt: skip
_SPEED = {
    "mph": "mile / hour", "miles per hour": "mile / hour", "km/h": "kilometer / hour",
    "kph": "kilometer / hour", "kmh": "kilometer / hour",
    "kilometres per hour": "kilometer / hour", "kilometers per hour": "kilometer / hour",
    "knot": "knot",
}  # fmt: skip
_TEMPERATURE = {
    "degrees celsius": "degree_Celsius", "degrees fahrenheit": "degree_Fahrenheit",
    "°c": "degree_Celsius", "°f": "degree_Fahrenheit", "° c": "degree_Celsius",
    "° f": "degree_Fahrenheit", "degrees c": "degree_Celsius", "degrees f": "degree_Fahrenheit",
}  # fmt: skip
_PERCENT = {"%": "percent", "percent": "percent", "per cent": "percent"}
# label -> (the pint unit values are given in, the words for it)
DIMENSIONS = {
    "km": ("kilometer", _DISTANCE), "m": ("meter", _LENGTH), "kg": ("kilogram", _MASS),
    "m²": ("meter ** 2", _AREA), "l": ("liter", _VOLUME), "km/h": ("kilometer / hour", _SPEED),
    "°C": ("degree_Celsius", _TEMPERATURE), "%": ("percent", _PERCENT),
}  # fmt: skip
# word or phrase -> (label, pint unit); plurals by an added "s" or "es".
UNIT_WORDS: dict[str, tuple[str, str]] = {}
for _label, (_, _words) in DIMENSIONS.items():
    for _word, _unit in _words.items():
        for _form in (_word, _word + "s", _word + "es"):
            UNIT_WORDS.setdefault(_form, (_label, _unit))
UNIT_WORDS.pop("ms", None)  # milliseconds, not metres
LONGEST_UNIT = max(len(w.split()) for w in UNIT_WORDS)
# Temperatures agree within this many degrees (rounding of a conversion).
ABSOLUTE_TOLERANCE = {"°C": 0.6}


@functools.cache
def unit_registry():
    import pint  # loaded on first use: about half a second

    return pint.UnitRegistry()


def unit_phrase(words: list[str]) -> tuple[str, int]:
    """The unit that the words after a number open with, and how many words it takes
    (hyphens included: "-square-foot"), or ("", 0)."""
    kept = [(i, w) for i, w in enumerate(words) if w != "-"]
    for n in range(min(LONGEST_UNIT + 2, len(kept)), 0, -1):
        # "square foot", and "km / h" as the tokenizer splits "km/h"
        for phrase in (" ".join(w for _, w in kept[:n]), "".join(w for _, w in kept[:n])):
            if phrase in UNIT_WORDS:
                return phrase, kept[n - 1][0] + 1
    return "", 0


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
            slack = ABSOLUTE_TOLERANCE.get(a.unit, 0.0)
            return abs(a.value - b.value) <= tolerance * max(a.value, b.value) + slack + 1e-9
        return _fits(b, a)
    if a.qualifier == "approx":
        return abs(a.value - b.value) <= max(0.1 * a.value, 1) + tolerance * a.value
    if a.qualifier == "min":
        return b.value >= a.value * (1 - tolerance) or (b.qualifier == "max" and b.value > a.value)
    if a.qualifier == "max":
        return b.value <= a.value * (1 + tolerance) or b.qualifier == "min"
    return True


def convert(value: float, unit_word: str) -> tuple[float, str]:
    """The value in its dimension's unit, and that dimension's label: (1609.344, "km")
    for 1,000 miles. A word that is not a unit comes back as it was."""
    label, unit = UNIT_WORDS.get(unit_word.lower(), ("", ""))
    if not label:
        return value, unit_word.lower()
    registry = unit_registry()
    base = DIMENSIONS[label][0]
    return float(registry.Quantity(value, unit).to(base).magnitude), label
