import pytest

from reconcile.engine.numbers import (
    Quantity,
    compatible,
    convert,
    decimal_step,
    parse_number,
    unit_phrase,
    unit_registry,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("45", 45),
        ("1,000", 1000),
        ("2.6", 2.6),
        ("six", 6),
        ("Ten", 10),
        ("forty-five", 45),
        ("two hundred", 200),
        ("2.6 million", 2_600_000),
        ("a dozen", 12),
    ],
)
def test_parse_number_reads_digits_and_words(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "several", "many people", "first"])
def test_parse_number_refuses_what_is_not_a_count(text):
    assert parse_number(text) is None


def test_different_exact_counts_conflict():
    assert not compatible(Quantity(45), Quantity(35))


def test_a_bound_allows_the_exact_count_it_includes():
    assert compatible(Quantity(45, "min"), Quantity(45))
    assert compatible(Quantity(45), Quantity(50, "max"))
    assert not compatible(Quantity(45, "min"), Quantity(35))


def test_an_approximation_allows_close_counts_only():
    assert compatible(Quantity(300, "approx"), Quantity(312))
    assert not compatible(Quantity(300, "approx"), Quantity(450))


def test_an_approximation_written_to_decimals_reaches_a_few_of_its_last_digit():
    # "around 4.50 crowns a share" is not "around 5.00"; "about 4.5" reached a whole
    # unit either way before, as a small count does.
    assert not compatible(Quantity(4.5, "approx", step=0.01), Quantity(5.0, "approx", step=0.01))
    assert compatible(Quantity(4.5, "approx", step=0.01), Quantity(4.52))
    # "an estimated 8.5 million marks" against "9.0 million marks"
    assert not compatible(Quantity(8.5e6, "approx", step=1e5), Quantity(9e6, step=1e5))
    assert compatible(Quantity(8.5e6, "approx", step=1e5), Quantity(8.6e6, step=1e5))
    assert decimal_step("8.5 million", 8.5e6) == pytest.approx(1e5)
    assert decimal_step("4.50", 4.5) == pytest.approx(0.01)
    assert decimal_step("45", 45) == 0.0


def test_converted_units_agree_within_rounding():
    kilometres = Quantity(1000, "exact", "km")
    miles = Quantity(620 * 1.609344, "exact", "km")
    assert compatible(kilometres, miles)


def test_vague_count_conflicts_with_an_exact_one():
    assert not compatible(Quantity(0, "vague"), Quantity(2))


# --- units, converted by pint; what pint gets wrong for news copy is pinned here ---


def test_pint_takes_a_ton_for_a_us_short_ton_so_copys_tons_are_tonnes():
    assert unit_registry().Quantity(1, "ton").to("kilogram").magnitude == pytest.approx(907.18474)
    assert convert(1, "tons") == (1000.0, "kg")
    assert convert(1, "tonnes") == (1000.0, "kg")


def test_pint_reads_in_as_inches_so_only_our_unit_words_are_units():
    assert str(unit_registry().parse_units("in")) == "inch"
    assert unit_phrase(["in", "the", "capital"]) == ("", 0)
    assert unit_phrase(["inches", "of", "rain"]) == ("inches", 1)


def test_pint_gallons_are_us_gallons():
    # British copy's imperial gallon is 4.546 litres: a British and an American
    # outlet giving the same spill in gallons agree, but its litres from the two
    # conversions do not. Known, and rare enough to leave to the editor.
    assert convert(1, "gallons")[0] == pytest.approx(3.785, abs=0.001)


def test_units_written_over_several_tokens_are_read_whole():
    assert unit_phrase(["-", "square", "-", "foot", "building"]) == ("square foot", 4)
    assert unit_phrase(["km", "/", "h", "winds"]) == ("km/h", 3)
    assert unit_phrase(["per", "cent", "of"]) == ("per cent", 2)
    assert unit_phrase(["miles", "per", "hour"]) == ("miles per hour", 3)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((170_000, "square-foot"), (15_800, "square metres")),
        ((100, "mph"), (160, "km/h")),
        ((104, "degrees fahrenheit"), (40, "degrees celsius")),
        ((26.2, "miles"), (42.2, "km")),
        ((5, "acres"), (2.02, "hectares")),
    ],
)
def test_the_same_amount_in_other_units_agrees(first, second):
    a, b = (convert(v, unit_phrase(w.replace("-", " - ").split())[0]) for v, w in (first, second))
    assert a[1] == b[1]
    assert compatible(Quantity(a[0], "exact", a[1]), Quantity(b[0], "exact", b[1]))


def test_different_amounts_in_other_units_conflict():
    a = convert(120, "mph")
    b = convert(160, "km/h")
    assert not compatible(Quantity(a[0], "exact", a[1]), Quantity(b[0], "exact", b[1]))
    hot, cold = convert(104, "degrees fahrenheit"), convert(38, "degrees celsius")
    assert not compatible(Quantity(hot[0], "exact", hot[1]), Quantity(cold[0], "exact", cold[1]))
