import pytest

from reconcile.engine.numbers import Quantity, compatible, parse_number


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


def test_converted_units_agree_within_rounding():
    kilometres = Quantity(1000, "exact", "km")
    miles = Quantity(620 * 1.609344, "exact", "km")
    assert compatible(kilometres, miles)


def test_vague_count_conflicts_with_an_exact_one():
    assert not compatible(Quantity(0, "vague"), Quantity(2))
