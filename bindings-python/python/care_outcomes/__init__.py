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

from . import charts, disclosure, economics, frameworks, records, spc, stats, survey
from ._care_outcomes import (
    CareOutcomesError,
    DuplicateBandError,
    DuplicateIdError,
    DuplicateStratumError,
    EmptyInputError,
    InconsistentBandDataError,
    InconsistentInvertError,
    InconsistentTotalError,
    InvalidAdjustmentError,
    InvalidColumnTypeError,
    InvalidConfidenceError,
    InvalidDefinitionError,
    InvalidDistributionError,
    InvalidEventFrequencyError,
    InvalidFrameworkError,
    InvalidMultiplierError,
    InvalidOptionError,
    InvalidQuantileCountError,
    InvalidRateError,
    InvalidReferenceError,
    InvalidResponseError,
    InvalidRoundingError,
    InvalidStandardError,
    InvalidTableError,
    LengthMismatchError,
    MissingBandError,
    MissingDenominatorError,
    MissingInputError,
    MissingPopulationError,
    NegativeValueError,
    NonFiniteError,
    NonIntegerCountError,
    NonpositiveDenominatorError,
    NumeratorExceedsDenominatorError,
    SampleExceedsPopulationError,
    UndefinedStatisticError,
    UnknownBandError,
    UnknownIndicatorError,
    UnknownMethodError,
    UnknownPolarityError,
    UnknownPriceYearError,
    UnknownStandardError,
    VersionMismatchError,
    ZeroCostError,
    error_codes as _error_codes,
    version as _version,
)
from .disclosure import publish
from .funnels import FunnelPlot, funnel
from .frameworks import (
    Definition,
    DefinitionTable,
    Domain,
    Framework,
    aggregate,
    catalogue,
    evaluate,
    framework,
    indicator,
    load_framework,
    resolve_open_data_code,
)
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
    "CareOutcomesError",
    "Definition",
    "DefinitionTable",
    "Domain",
    "DuplicateBandError",
    "DuplicateIdError",
    "DuplicateStratumError",
    "ERROR_CODES",
    "EmptyInputError",
    "Estimate",
    "Estimates",
    "Framework",
    "FunnelPlot",
    "InconsistentBandDataError",
    "InconsistentInvertError",
    "InconsistentTotalError",
    "InvalidAdjustmentError",
    "InvalidColumnTypeError",
    "InvalidConfidenceError",
    "InvalidDefinitionError",
    "InvalidDistributionError",
    "InvalidEventFrequencyError",
    "InvalidFrameworkError",
    "InvalidMultiplierError",
    "InvalidOptionError",
    "InvalidQuantileCountError",
    "InvalidRateError",
    "InvalidReferenceError",
    "InvalidResponseError",
    "InvalidRoundingError",
    "InvalidStandardError",
    "InvalidTableError",
    "LengthMismatchError",
    "MissingBandError",
    "MissingDenominatorError",
    "MissingInputError",
    "MissingPopulationError",
    "NegativeValueError",
    "NonFiniteError",
    "NonIntegerCountError",
    "NonpositiveDenominatorError",
    "NumeratorExceedsDenominatorError",
    "SampleExceedsPopulationError",
    "UndefinedStatisticError",
    "UnknownBandError",
    "UnknownIndicatorError",
    "UnknownMethodError",
    "UnknownPolarityError",
    "UnknownPriceYearError",
    "UnknownStandardError",
    "VersionMismatchError",
    "ZeroCostError",
    "__version__",
    "aggregate",
    "catalogue",
    "charts",
    "disclosure",
    "economics",
    "evaluate",
    "exception_for",
    "framework",
    "frameworks",
    "funnel",
    "indicator",
    "load_framework",
    "publish",
    "records",
    "resolve_open_data_code",
    "spc",
    "stats",
    "survey",
]
