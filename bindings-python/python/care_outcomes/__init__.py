"""care-outcomes: social-care outcome indicators with exact calculation rules and honest uncertainty.

The Python face of the Rust library ``care-outcomes``. Every rule, default, label and error code
comes from the Rust core; this package converts Python values (scalars, sequences, numpy arrays,
pyarrow / pandas / polars columns) to and from it.

>>> import care_outcomes as co
>>> e = co.stats.proportion(105, 129, multiplier=100)
>>> e.method, e.confidence
('Wilson', '95%')

Errors are :class:`CareOutcomesError` (a :class:`ValueError`) or one of its subclasses, one per
stable error code of the core, each with ``.code``, ``.row`` and ``.group``.
"""

from __future__ import annotations

from . import charts, disclosure, economics, records, spc, stats, survey
from ._care_outcomes import (
    CareOutcomesError,
    DuplicateBandError,
    DuplicateStratumError,
    EmptyInputError,
    InconsistentBandDataError,
    InconsistentInvertError,
    InconsistentTotalError,
    InvalidConfidenceError,
    InvalidDefinitionError,
    InvalidEventFrequencyError,
    InvalidMultiplierError,
    InvalidOptionError,
    InvalidQuantileCountError,
    InvalidReferenceError,
    InvalidResponseError,
    InvalidRoundingError,
    InvalidStandardError,
    InvalidTableError,
    LengthMismatchError,
    MissingBandError,
    MissingDenominatorError,
    MissingInputError,
    NegativeValueError,
    NonFiniteError,
    NonIntegerCountError,
    NonpositiveDenominatorError,
    NumeratorExceedsDenominatorError,
    SampleExceedsPopulationError,
    UndefinedStatisticError,
    UnknownBandError,
    UnknownStandardError,
    InvalidAdjustmentError,
    InvalidDistributionError,
    InvalidRateError,
    UnknownPriceYearError,
    ZeroCostError,
    error_codes as _error_codes,
    version as _version,
)
from .disclosure import publish
from .funnels import FunnelPlot, funnel
from .stats import Estimate, Estimates

__version__: str = _version()

#: Every error code of the core, in declaration order.
ERROR_CODES: tuple[str, ...] = tuple(_error_codes())


def exception_for(code: str) -> type[CareOutcomesError]:
    """The exception class raised for a core error code (the base class for an unknown code)."""
    for cls in CareOutcomesError.__subclasses__():
        if getattr(cls, "code", None) == code:
            return cls
    return CareOutcomesError


__all__ = [
    "ERROR_CODES",
    "CareOutcomesError",
    "DuplicateBandError",
    "DuplicateStratumError",
    "EmptyInputError",
    "Estimate",
    "Estimates",
    "FunnelPlot",
    "InconsistentBandDataError",
    "InconsistentInvertError",
    "InconsistentTotalError",
    "InvalidConfidenceError",
    "InvalidDefinitionError",
    "InvalidEventFrequencyError",
    "InvalidMultiplierError",
    "InvalidOptionError",
    "InvalidQuantileCountError",
    "InvalidReferenceError",
    "InvalidResponseError",
    "InvalidRoundingError",
    "InvalidStandardError",
    "InvalidTableError",
    "LengthMismatchError",
    "MissingBandError",
    "MissingDenominatorError",
    "MissingInputError",
    "NegativeValueError",
    "NonFiniteError",
    "NonIntegerCountError",
    "NonpositiveDenominatorError",
    "NumeratorExceedsDenominatorError",
    "SampleExceedsPopulationError",
    "UndefinedStatisticError",
    "UnknownBandError",
    "UnknownStandardError",
    "InvalidAdjustmentError",
    "InvalidDistributionError",
    "InvalidRateError",
    "UnknownPriceYearError",
    "ZeroCostError",
    "__version__",
    "charts",
    "disclosure",
    "economics",
    "exception_for",
    "funnel",
    "publish",
    "records",
    "spc",
    "stats",
    "survey",
]
