"""Every error code the stats API can raise maps to its own exception class, with .code, .row and
.group, and is a CareOutcomesError and a ValueError."""

from __future__ import annotations

import math
from typing import Any, Callable, Dict, Type

import pytest

import care_outcomes as co

s = co.stats

ESP = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
       "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"]  # fmt: skip
COUNTS = [10.0] * 19
POPS = [1000.0] * 19


def raises(cls: Type[co.CareOutcomesError], code: str, fn: Callable[[], Any]) -> Any:
    with pytest.raises(cls) as info:
        fn()
    e = info.value
    assert type(e) is cls
    assert e.code == code
    assert isinstance(e, co.CareOutcomesError)
    assert isinstance(e, ValueError)
    assert str(e)
    return e


def test_invalid_confidence() -> None:
    e = raises(co.InvalidConfidenceError, "invalid_confidence",
               lambda: s.proportion(1, 2, confidence=95))  # fmt: skip
    assert "0.95" in str(e)
    assert e.row is None and e.group is None


def test_invalid_multiplier() -> None:
    raises(co.InvalidMultiplierError, "invalid_multiplier", lambda: s.rate(1, 2, per=0))


def test_non_finite() -> None:
    e = raises(co.NonFiniteError, "non_finite", lambda: s.rate([1.0, math.inf], [2.0, 2.0]))
    assert e.row == 1


def test_negative_value() -> None:
    e = raises(co.NegativeValueError, "negative_value", lambda: s.proportion([1, -1], [2, 2]))
    assert e.row == 1
    assert e.group is None


def test_numerator_exceeds_denominator() -> None:
    e = raises(co.NumeratorExceedsDenominatorError, "numerator_exceeds_denominator",
               lambda: s.proportion(12, 10))  # fmt: skip
    assert e.row is None


def test_length_mismatch() -> None:
    raises(co.LengthMismatchError, "length_mismatch", lambda: s.proportion([1, 2], [3]))


def test_empty_input() -> None:
    raises(co.EmptyInputError, "empty_input", lambda: s.funnel_proportions([], []))


def test_unknown_standard() -> None:
    raises(co.UnknownStandardError, "unknown_standard",
           lambda: s.dsr(COUNTS, POPS, bands=ESP, standard="esp1976"))  # fmt: skip


def test_unknown_band_has_row_and_group() -> None:
    bands = [*ESP[:11], "55-69", *ESP[12:]]
    e = raises(co.UnknownBandError, "unknown_band",
               lambda: s.dsr(COUNTS, POPS, bands=bands, groups=["Leeds"] * 19))  # fmt: skip
    assert e.row == 11
    assert e.group == "Leeds"


def test_duplicate_band() -> None:
    bands = [*ESP[:18], "0-4"]
    raises(co.DuplicateBandError, "duplicate_band", lambda: s.dsr(COUNTS, POPS, bands=bands))


def test_missing_band() -> None:
    raises(co.MissingBandError, "missing_band",
           lambda: s.dsr(COUNTS[:18], POPS[:18], bands=ESP[:18]))  # fmt: skip


def test_inconsistent_band_data() -> None:
    raises(co.InconsistentBandDataError, "inconsistent_band_data",
           lambda: s.dsr_non_independent([1, 2], [5, 5], [100, 200], bands=["0-120", "0-120"],
                                         standard={"0-120": 1.0}))  # fmt: skip


def test_invalid_event_frequency() -> None:
    raises(co.InvalidEventFrequencyError, "invalid_event_frequency",
           lambda: s.dsr_non_independent([1.5], [5], [100], bands=["0-120"],
                                         standard={"0-120": 1.0}))  # fmt: skip


def test_invalid_reference() -> None:
    raises(co.InvalidReferenceError, "invalid_reference",
           lambda: s.isratio({"0-64": 5}, {"0-64": 100}, ref_counts={"0-64": 1},
                             ref_populations={"0-64": 0}))  # fmt: skip


def test_invalid_standard() -> None:
    raises(co.InvalidStandardError, "invalid_standard",
           lambda: s.dsr({"18-64": 20}, {"18-64": 100}, standard={"18-64": 0.0}))  # fmt: skip


def test_invalid_quantile_count() -> None:
    raises(co.InvalidQuantileCountError, "invalid_quantile_count",
           lambda: s.quantiles([1.0, 2.0, 3.0], nquantiles=1, invert=True))  # fmt: skip
    raises(co.InvalidQuantileCountError, "invalid_quantile_count",
           lambda: s.quantiles([1.0, 2.0, 3.0], nquantiles=-3, invert=True))  # fmt: skip


def test_inconsistent_invert() -> None:
    e = raises(co.InconsistentInvertError, "inconsistent_invert",
               lambda: s.quantiles([1.0, 2.0, 3.0], groups=["a", "a", "a"],
                                   invert=[True, True, False], nquantiles=2))  # fmt: skip
    assert e.row == 2
    assert e.group == "a"


def test_missing_input() -> None:
    e = raises(co.MissingInputError, "missing_input",
               lambda: s.funnel_proportions([1, None], [10, 10]))  # fmt: skip
    assert e.row == 1


def test_nonpositive_denominator() -> None:
    raises(co.NonpositiveDenominatorError, "nonpositive_denominator",
           lambda: s.funnel_proportions([0], [0]))  # fmt: skip


def test_missing_denominator() -> None:
    raises(co.MissingDenominatorError, "missing_denominator",
           lambda: s.funnel_rates([0, 20], [0, 500], rate_type="crude", years_of_data=1))  # fmt: skip


def test_undefined_statistic() -> None:
    raises(co.UndefinedStatisticError, "undefined_statistic",
           lambda: s.proportion(0, 0, on_undefined="error"))  # fmt: skip


def test_invalid_option() -> None:
    raises(co.InvalidOptionError, "invalid_option", lambda: s.proportion(1, 2, method="bogus"))
    raises(co.InvalidOptionError, "invalid_option", lambda: s.rate(1, 2, method="wilson"))
    raises(co.InvalidOptionError, "invalid_option", lambda: s.rate(1, 2, on_undefined="raise"))
    raises(co.InvalidOptionError, "invalid_option",
           lambda: s.funnel_ratios([1], [2], ratio_type="odds"))  # fmt: skip
    est = s.proportion(1, 2)
    raises(co.InvalidOptionError, "invalid_option", lambda: s.compare(est, 0.4, polarity="up"))


_FRAMEWORK = {
    "framework": "t", "version": "1", "title": "t",
    "domains": [{"id": "d", "title": "d"}],
    "indicators": [{"ref": "ascof-legacy/2B1", "domain": "d"}],
}  # fmt: skip
_DEFINITION = {
    "id": "t/x", "framework": "t", "version": "1", "code": "X", "domain": "d", "title": "x",
    "numerator": "n", "denominator": "d", "unit": "percent", "multiplier": 100,
    "polarity": "higher_is_better", "method": "wilson",
    "source": {"data": ["LOCAL"], "publication": "p"},
}  # fmt: skip


def _framework(**definition: Any) -> Dict[str, Any]:
    return {**_FRAMEWORK, "definitions": [{**_DEFINITION, **definition}]}


def test_unknown_indicator() -> None:
    e = raises(co.UnknownIndicatorError, "unknown_indicator",
               lambda: co.indicator("ascof-legacy/2B9"))  # fmt: skip
    assert e.row is None


def test_unknown_method() -> None:
    raises(co.UnknownMethodError, "unknown_method",
           lambda: co.load_framework(_framework(method="bootstrap")))  # fmt: skip


def test_unknown_polarity() -> None:
    raises(co.UnknownPolarityError, "unknown_polarity",
           lambda: co.load_framework(_framework(polarity="up")))  # fmt: skip


def test_missing_population() -> None:
    raises(co.MissingPopulationError, "missing_population",
           lambda: co.load_framework(_framework(unit="per100000", multiplier=100_000,
                                                method="byar")))  # fmt: skip


def test_duplicate_id() -> None:
    rows = {"area": ["A", "A"], "period": ["p", "p"], "indicator": ["ascof-legacy/2B1"] * 2,
            "numerator": [1, 1], "denominator": [2, 2]}  # fmt: skip
    raises(co.DuplicateIdError, "duplicate_id", lambda: co.evaluate(rows))


def test_version_mismatch() -> None:
    raises(co.VersionMismatchError, "version_mismatch",
           lambda: co.load_framework(_framework(version="2")))  # fmt: skip


def test_invalid_framework() -> None:
    raises(co.InvalidFrameworkError, "invalid_framework",
           lambda: co.load_framework({**_FRAMEWORK, "domains": []}))  # fmt: skip


def _camel(code: str) -> str:
    return "".join(w.capitalize() for w in code.split("_")) + "Error"


def test_every_core_code_has_a_class() -> None:
    assert len(co.ERROR_CODES) == len(set(co.ERROR_CODES)) > 0
    seen: Dict[str, type] = {}
    for code in co.ERROR_CODES:
        cls = getattr(co, _camel(code))
        assert cls is co.exception_for(code)
        assert issubclass(cls, co.CareOutcomesError)
        assert issubclass(cls, ValueError)
        assert cls.code == code
        assert cls.__module__ == "care_outcomes"
        assert cls.__name__ == _camel(code)
        seen[code] = cls
    assert len(set(seen.values())) == len(co.ERROR_CODES)
    assert co.exception_for("no_such_code") is co.CareOutcomesError
    assert co.CareOutcomesError.code is None
    assert issubclass(co.CareOutcomesError, ValueError)


def test_error_can_be_caught_as_value_error() -> None:
    with pytest.raises(ValueError):
        s.proportion(-1, 2)
