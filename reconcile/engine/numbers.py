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
    "pound": "pound", "oz": "ounce", "ounce": "ounce", "metric ton": "metric_ton",
    # An American outlet's conversion names its ton: "about 440 U.S. tons".
    "u.s. ton": "short_ton", "us ton": "short_ton", "short ton": "short_ton",
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
    # A converted measure: the unit it was written in, and how far either side of the
    # value its rounding reaches, in the compared unit ("1.2-mile": mile, 0.08 km).
    written: str = ""
    precision: float = 0.0
    # A count or sum written with decimals ("around 4.50 crowns", "an estimated 8.5
    # million"): its last digit, in the value's terms (0.01; 100,000). Zero otherwise.
    step: float = 0.0

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
            allowed = tolerance * max(a.value, b.value) + ABSOLUTE_TOLERANCE.get(a.unit, 0.0)
            if a.written and b.written and a.written != b.written:
                # Each is a rounding of one true measure: "2 km" and "1.2 miles"
                # (1.93 km) agree, as do "5 metres" and "16 feet" (4.88 m).
                allowed = max(allowed, a.precision + b.precision)
            return abs(a.value - b.value) <= allowed + 1e-9
        return _fits(b, a)
    if a.qualifier == "approx":
        return abs(a.value - b.value) <= _approx_reach(a) + tolerance * a.value
    if a.qualifier == "min":
        return b.value >= a.value * (1 - tolerance) or (b.qualifier == "max" and b.value > a.value)
    if a.qualifier == "max":
        return b.value <= a.value * (1 + tolerance) or b.qualifier == "min"
    return True


def _approx_reach(q: Quantity) -> float:
    """How far "about" reaches: a tenth of the value (at least one, for small counts),
    but a figure written to decimals is closer than that, a few of its last digit:
    "around 4.50 crowns" is not 5.00, nor "an estimated 8.5 million" 9.0 million."""
    if q.step:
        return min(0.1 * q.value, APPROX_STEPS * q.step)
    return max(0.1 * q.value, 1)


APPROX_STEPS = 3


def decimal_step(text: str, value: float) -> float:
    """The last digit of a figure written with decimals, in its value's terms:
    "4.50" 0.01, "8.5 million" 100,000; 0.0 where it has none ("45", "six")."""
    match = re.search(r"(\d+)\.(\d+)", text)
    if match is None:
        return 0.0
    written = float(match.group())
    if not written:
        return 0.0
    return 10.0 ** -len(match.group(2)) * value / written


# The share of a value its rounding may reach at most: "1,000 km" is not 500 km either
# way, though its zeros could mean it.
ROUNDING_SHARE = 0.1
_WRITTEN = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*-?\s*(.+)$")


def written_measure(text: str, value: float) -> tuple[str, float]:
    """For a measure as written ("1.2-mile", "40 km", "two km") and its value in the
    compared unit, the unit it was written in (pint's name) and the reach of its
    rounding in the compared unit: half its last significant digit, at most
    `ROUNDING_SHARE` of it. ("", 0.0) where the text is no measure."""
    lowered = text.strip().lower()
    match = _WRITTEN.match(lowered)
    if match is not None:
        whole, decimals, word = match.groups()
    else:  # in words: "two km", "forty-five miles"
        words = lowered.replace("-", " ").split()
        for k in range(len(words) - 1, 0, -1):
            number = parse_number(" ".join(words[:k]))
            if number is not None and number == int(number):
                whole, decimals, word = f"{number:.0f}", None, " ".join(words[k:])
                break
        else:
            return "", 0.0
    _, unit = UNIT_WORDS.get(" ".join(word.replace("-", " ").split()), ("", ""))
    written = float(whole.replace(",", "") + ("." + decimals if decimals else ""))
    if not unit or written <= 0:
        return "", 0.0
    if decimals:
        step = 10.0 ** -len(decimals)
    else:
        digits = whole.replace(",", "")
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    reach = min(step / 2, ROUNDING_SHARE * written)
    return unit, reach * value / written


def convert(value: float, unit_word: str) -> tuple[float, str]:
    """The value in its dimension's unit, and that dimension's label: (1609.344, "km")
    for 1,000 miles. A word that is not a unit comes back as it was."""
    label, unit = UNIT_WORDS.get(unit_word.lower(), ("", ""))
    if not label:
        return value, unit_word.lower()
    registry = unit_registry()
    base = DIMENSIONS[label][0]
    return float(registry.Quantity(value, unit).to(base).magnitude), label
