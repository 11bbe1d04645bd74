"""The private extension module (Rust, pyo3). Use :mod:`care_outcomes.stats` instead.

Every function takes every option explicitly (no defaults: those come from :func:`defaults`,
which reads the core) and float64 columns as C-contiguous numpy arrays. Batch results are dicts
of numpy columns, with per-row labels as integer codes (0 = None) plus the labels they index.
"""

from typing import Any, Callable, Mapping, Optional, Sequence, Tuple, Union, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "CareOutcomesError",
    "DuplicateBandError",
    "DuplicateStratumError",
    "DuplicateIdError",
    "EmptyInputError",
    "FrameworkHandle",
    "InconsistentBandDataError",
    "InconsistentInvertError",
    "InconsistentTotalError",
    "InvalidColumnTypeError",
    "InvalidConfidenceError",
    "InvalidDefinitionError",
    "InvalidEventFrequencyError",
    "InvalidFrameworkError",
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
    "UnknownStandardError",
    "InvalidAdjustmentError",
    "InvalidDistributionError",
    "InvalidRateError",
    "UnknownPriceYearError",
    "ZeroCostError",
    "VersionMismatchError",
    "aggregate",
    "aggregate_counts",
    "builtin_framework",
    "catalogue_definitions",
    "compare",
    "compare_interval",
    "defaults",
    "dsr",
    "economics_call",
    "economics_functions",
    "dsr_non_independent",
    "dsr_weighted",
    "error_codes",
    "funnel_chart_svg",
    "funnel_limits_at",
    "funnel_overdispersed",
    "evaluate",
    "evaluate_defaults",
    "framework_keys",
    "funnel_proportions",
    "funnel_rates",
    "funnel_ratios",
    "indicator",
    "isr",
    "life_expectancy",
    "load_framework",
    "mean",
    "proportion",
    "proportion_batch",
    "proportion_funnel_limits",
    "proportion_grouped",
    "quantiles",
    "quantiles_grouped",
    "rate",
    "rate_batch",
    "rate_grouped",
    "ratio_funnel_limits",
    "ratio_significance",
    "reason_codes",
    "spc_chart_svg",
    "spc_presets",
    "spc_run_chart",
    "spc_xmr",
    "spine_chart_svg",
    "publish_table",
    "records_coverage",
    "records_defaults",
    "records_derive_arrow",
    "records_derive_columns",
    "records_derive_csv",
    "records_hospital_columns",
    "records_hospital_csv",
    "records_input_rows",
    "records_synthetic",
    "records_synthetic_hospital",
    "HospitalSpells",
    "resolve_open_data_code",
    "result_columns",
    "standards",
    "survey_carer_measures",
    "survey_defaults",
    "survey_measures",
    "survey_score",
    "survey_score_carers",
    "survey_weights",
    "trend_chart_svg",
    "version",
]

_F64 = npt.NDArray[np.float64]
_I64 = npt.NDArray[np.int64]
_Standard = Union[str, Tuple[Sequence[str], Sequence[float]]]
_AgeRange = Optional[Tuple[int, Optional[int]]]

class CareOutcomesError(ValueError):
    """Base class of every care-outcomes error (a ValueError)."""

    code: Optional[str]
    row: Optional[int]
    group: Optional[str]

class InvalidConfidenceError(CareOutcomesError): ...
class InvalidMultiplierError(CareOutcomesError): ...
class NonFiniteError(CareOutcomesError): ...
class NegativeValueError(CareOutcomesError): ...
class NumeratorExceedsDenominatorError(CareOutcomesError): ...
class LengthMismatchError(CareOutcomesError): ...
class EmptyInputError(CareOutcomesError): ...
class UnknownStandardError(CareOutcomesError): ...
class UnknownBandError(CareOutcomesError): ...
class DuplicateBandError(CareOutcomesError): ...
class MissingBandError(CareOutcomesError): ...
class InconsistentBandDataError(CareOutcomesError): ...
class InvalidEventFrequencyError(CareOutcomesError): ...
class InvalidReferenceError(CareOutcomesError): ...
class InvalidStandardError(CareOutcomesError): ...
class InvalidQuantileCountError(CareOutcomesError): ...
class InconsistentInvertError(CareOutcomesError): ...
class MissingInputError(CareOutcomesError): ...
class NonpositiveDenominatorError(CareOutcomesError): ...
class MissingDenominatorError(CareOutcomesError): ...
class UndefinedStatisticError(CareOutcomesError): ...
class InvalidOptionError(CareOutcomesError): ...
class InvalidDefinitionError(CareOutcomesError): ...
class InvalidRoundingError(CareOutcomesError): ...
class InvalidRateError(CareOutcomesError): ...
class InvalidAdjustmentError(CareOutcomesError): ...
class ZeroCostError(CareOutcomesError): ...
class UnknownPriceYearError(CareOutcomesError): ...
class InvalidDistributionError(CareOutcomesError): ...
class InvalidResponseError(CareOutcomesError): ...
class SampleExceedsPopulationError(CareOutcomesError): ...
class DuplicateStratumError(CareOutcomesError): ...
class InvalidTableError(CareOutcomesError): ...
class InconsistentTotalError(CareOutcomesError): ...
class NonIntegerCountError(CareOutcomesError): ...
class InvalidColumnTypeError(CareOutcomesError): ...
class UnknownIndicatorError(CareOutcomesError): ...
class UnknownMethodError(CareOutcomesError): ...
class UnknownPolarityError(CareOutcomesError): ...
class MissingPopulationError(CareOutcomesError): ...
class DuplicateIdError(CareOutcomesError): ...
class VersionMismatchError(CareOutcomesError): ...
class InvalidFrameworkError(CareOutcomesError): ...

def defaults() -> dict[str, Any]:
    """The defaults of every option, read from the core."""

def error_codes() -> list[str]:
    """Every error code of the core, in declaration order."""

def reason_codes() -> list[str]:
    """Every null-reason code of the core."""

def standards() -> list[str]:
    """Names of the built-in standard populations."""

def publish_table(
    keys: Optional[list[str]],
    numerator: Optional[list[float]],
    denominator: Optional[list[float]],
    base: Optional[list[float]],
    coordinates: list[list[str]],
    not_applicable: Optional[list[bool]],
    layout_json: str,
    options_json: str,
) -> str:
    """Disclosure control of a table: the core's PublishedTable as JSON."""

def version() -> str:
    """The version of the core this extension was built with."""

def records_defaults() -> dict[str, Any]:
    """The defaults of the records API, read from the core."""

def records_derive_csv(
    source: str,
    is_path: bool,
    method: str,
    period: str,
    populations_json: str,
    progress: Optional[Callable[[int, int], None]],
    hospital: Optional[HospitalSpells],
    submissions: Optional[str],
    import_date: Optional[str],
) -> str:
    """Derives every measure from CSV text or a CSV file; the Derivation as JSON."""

def records_coverage(
    source: Optional[str],
    is_path: bool,
    names: Optional[list[str]],
    columns: Optional[list[list[Optional[str]]]],
    table: Any,
    import_date: Optional[str],
    period: Optional[str],
) -> str:
    """The submissions of an extract (CSV text or path, named columns, or an Arrow table:
    exactly one) with the reporting periods derived from their data, as JSON."""

def records_derive_arrow(
    table: Any,
    method: str,
    period: str,
    populations_json: str,
    progress: Optional[Callable[[int, int], None]],
    hospital: Optional[HospitalSpells],
    submissions: Optional[str],
    import_date: Optional[str],
) -> str:
    """Derives every measure from an Arrow tabular object (``__arrow_c_stream__`` or
    ``__arrow_c_array__``), imported without copying; the Derivation as JSON."""

def records_derive_columns(
    names: list[str],
    columns: list[list[Optional[str]]],
    method: str,
    period: str,
    populations_json: str,
    progress: Optional[Callable[[int, int], None]],
    hospital: Optional[HospitalSpells],
    submissions: Optional[str],
    import_date: Optional[str],
) -> str:
    """Derives every measure from named string columns; the Derivation as JSON."""

@final
class HospitalSpells:
    """Hospital inpatient spells (SUS) read by the core, for the 2024-25 2D measures."""

    def ledger_json(self) -> str:
        """The spells' row ledger as JSON."""

def records_hospital_csv(source: str, is_path: bool) -> HospitalSpells:
    """Reads hospital spells from CSV text or a CSV file."""

def records_hospital_columns(
    names: list[str], columns: list[list[Optional[str]]]
) -> HospitalSpells:
    """Reads hospital spells from named string columns."""

def records_synthetic_hospital(events_csv: str, seed: int) -> str:
    """Synthetic hospital spells (CSV text) for a synthetic CLD extract given as CSV text."""

def records_input_rows(measures_json: str) -> str:
    """JSON InputRow (or null) of each measure, by the core's catalogue link."""

def records_synthetic(
    seed: int, events: int, areas: int, start: str, end: str, path: Optional[str]
) -> tuple[int, Optional[str]]:
    """Synthetic CLD: (rows, CSV text) or (rows, None) when written to path."""

def proportion(
    numerator: float,
    denominator: float,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """One proportion (core ``proportion``)."""

def proportion_batch(
    numerator: _F64,
    denominator: _F64,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """Proportions over columns (core ``proportion_batch``), without the GIL."""

def proportion_grouped(
    group_ids: _I64,
    group_labels: Sequence[str],
    numerator: _F64,
    denominator: _F64,
    skip_missing: bool,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """Sums by group, then proportions of the sums."""

def rate(
    count: float,
    population: float,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """One crude rate (core ``rate``)."""

def rate_batch(
    count: _F64,
    population: _F64,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """Crude rates over columns (core ``rate_batch``), without the GIL."""

def rate_grouped(
    group_ids: _I64,
    group_labels: Sequence[str],
    count: _F64,
    population: _F64,
    skip_missing: bool,
    confidence: Optional[float],
    multiplier: float,
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """Sums by group, then rates of the sums."""

def aggregate_counts(
    group_ids: _I64, numerator: _F64, denominator: _F64, skip_missing: bool
) -> dict[str, Any]:
    """Sums of numerators and denominators by group (core ``aggregate_counts``)."""

def mean(
    values: _F64, confidence: Optional[float], skip_missing: bool, on_undefined: str
) -> dict[str, Any]:
    """A mean with its Student t interval (core ``mean``)."""

def dsr(
    group_ids: Optional[Sequence[int]],
    group_labels: Sequence[str],
    bands: Sequence[str],
    counts: _F64,
    populations: _F64,
    standard_population: _Standard,
    multiplier: float,
    confidence: Optional[float],
    age_range: _AgeRange,
    on_undefined: str,
) -> dict[str, Any]:
    """DSRs for one group (core ``dsr``) or per group (core ``dsr_grouped``)."""

def dsr_weighted(
    group_ids: Optional[Sequence[int]],
    group_labels: Sequence[str],
    counts: _F64,
    populations: _F64,
    weights: _F64,
    multiplier: float,
    confidence: Optional[float],
    on_undefined: str,
) -> dict[str, Any]:
    """DSRs with per-row standard weights (core ``dsr_weighted``)."""

def dsr_non_independent(
    group_ids: Optional[Sequence[int]],
    group_labels: Sequence[str],
    bands: Sequence[str],
    populations: _F64,
    event_frequencies: _F64,
    persons: _F64,
    standard_population: _Standard,
    multiplier: float,
    confidence: Optional[float],
    age_range: _AgeRange,
    on_undefined: str,
) -> dict[str, Any]:
    """DSRs adjusted for non-independent events (core ``dsr_non_independent``)."""

def isr(
    ratio: bool,
    scale: float,
    group_ids: Optional[Sequence[int]],
    group_labels: Sequence[str],
    bands: Sequence[str],
    populations: _F64,
    counts: Optional[_F64],
    totals: Optional[Sequence[float]],
    ref_bands: Sequence[str],
    ref_counts: _F64,
    ref_populations: _F64,
    confidence: Optional[float],
    method: str,
    on_undefined: str,
) -> dict[str, Any]:
    """Indirectly standardised ratios or rates per group (core ``isr_grouped``)."""

def life_expectancy(
    start_ages: _F64,
    populations: _F64,
    deaths: _F64,
    confidence: Optional[float],
    on_undefined: str,
) -> dict[str, Any]:
    """Life expectancy at each band's start age (core ``life_expectancy``)."""

def quantiles(values: _F64, nquantiles: float, invert: bool) -> dict[str, Any]:
    """Deprivation quantiles (core ``quantiles``)."""

def quantiles_grouped(
    group_ids: Sequence[int],
    group_labels: Sequence[str],
    values: _F64,
    nquantiles: float,
    invert: Sequence[bool],
) -> dict[str, Any]:
    """Deprivation quantiles per group (core ``quantiles_grouped``)."""

def funnel_proportions(numerators: _F64, denominators: _F64, multiplier: float) -> dict[str, Any]:
    """A proportion funnel (core ``funnel_proportions``)."""

def funnel_ratios(observed: _F64, expected: _F64, ratio_type: str) -> dict[str, Any]:
    """A ratio funnel (core ``funnel_ratios``)."""

def funnel_rates(
    events: _F64,
    rates: _F64,
    populations: Optional[_F64],
    rate_type: str,
    years_of_data: float,
    multiplier: float,
) -> dict[str, Any]:
    """A rate funnel (core ``funnel_rates``)."""

def proportion_funnel_limits(
    average: float, populations: _F64, confidence: float, multiplier: float, clamp: bool
) -> dict[str, Any]:
    """Proportion funnel limits at each population (core ``proportion_funnel_point``)."""

def ratio_funnel_limits(observed: _F64, confidence: float) -> dict[str, Any]:
    """Ratio funnel limits at each observed count (core ``ratio_funnel_point``)."""

def ratio_significance(observed: _F64, expected: _F64) -> dict[str, Any]:
    """Funnel significance of each observed/expected pair (core ``ratio_significance``)."""

def compare(
    value: _F64, lower: _F64, upper: _F64, benchmark: _F64, polarity: str
) -> dict[str, Any]:
    """Estimates against benchmarks (core ``compare``)."""

def compare_interval(lower: _F64, upper: _F64, benchmark: _F64, polarity: str) -> dict[str, Any]:
    """Intervals against benchmarks (core ``compare_batch``)."""

def economics_call(function: str, args: str) -> str:
    """Calls the core's economics interchange: a function name and JSON arguments in, JSON out."""

def economics_functions() -> str:
    """The interchange's function names, comma-separated."""
def survey_defaults() -> str:
    """JSON of the survey options' defaults, read from the core."""

def survey_weights() -> str:
    """JSON of the built-in ASCOT weights with provenance."""

def survey_score(
    respondents: str, on_invalid: str, on_missing: str, assistance_code_4: str
) -> Tuple[str, str]:
    """Scores JSON records of ASCS respondents: (JSON score rows, weights id)."""

def survey_score_carers(carers: str, on_invalid: str, on_missing: str) -> str:
    """Scores JSON records of SACE respondents: JSON score rows."""

def survey_measures(
    respondents: str,
    strata: str,
    on_invalid: str,
    on_missing: str,
    assistance_code_4: str,
    subgroups: Sequence[str],
    regions: dict[str, str],
    england: bool,
) -> Tuple[str, str, str]:
    """ASCS measures: (JSON estimates, JSON ledger rows, weights id)."""

def survey_carer_measures(
    carers: str,
    populations: str,
    on_invalid: str,
    on_missing: str,
    subgroups: Sequence[str],
    regions: dict[str, str],
    england: bool,
) -> Tuple[str, str, str]:
    """SACE carer QoL measures: (JSON estimates, JSON ledger rows, weights id)."""
# SPC, overdispersed funnels and charts: options and records cross as JSON text.

def spc_xmr(values: _F64, preset: Optional[str], options_json: str) -> str: ...
def spc_presets() -> list[str]: ...
def spc_run_chart(values: _F64, options_json: str) -> str: ...
def spc_chart_svg(
    values: _F64, preset: Optional[str], options_json: str, chart_json: str
) -> str: ...
def funnel_overdispersed(
    r: _F64, n: _F64, kind: Optional[str], multiplier: Optional[float], options_json: str
) -> str: ...
def funnel_limits_at(
    r: _F64,
    n: _F64,
    kind: Optional[str],
    multiplier: Optional[float],
    options_json: str,
    at: _F64,
    confidence: float,
) -> Tuple[list[float], list[float]]: ...
def funnel_chart_svg(
    r: _F64, n: _F64, kind: Optional[str], multiplier: Optional[float], options_json: str, chart_json: str
) -> str: ...
def spine_chart_svg(rows_json: str, chart_json: str) -> str: ...
def trend_chart_svg(points_json: str, chart_json: str) -> str: ...
# Catalogue and frameworks (care_outcomes.frameworks is the public API). Definitions cross as
# (complete JSON, core JSON) text pairs; input and result tables as dicts of lists.

@final
class FrameworkHandle:
    """A resolved framework held by the core."""

    def key(self) -> str:
        """"framework/version"."""

    def to_json(self) -> str:
        """The resolved framework as JSON."""

    def definitions(self) -> list[tuple[str, str]]:
        """Every definition the framework uses, as (complete JSON, core JSON)."""

def catalogue_definitions(
    framework: Optional[str], version: Optional[str]
) -> list[tuple[str, str]]:
    """Built-in definitions, all or those of the matching frameworks."""

def indicator(id: str) -> tuple[str, str]:
    """One built-in definition by id."""

def resolve_open_data_code(version: str, code: str) -> Optional[tuple[str, Optional[str]]]:
    """The definition id and breakdown suffix of an open-data measure code."""

def framework_keys() -> list[str]:
    """The keys of the built-in frameworks."""

def builtin_framework(framework: str, version: str) -> FrameworkHandle:
    """A built-in framework by name and version."""

def load_framework(text: str, toml: bool) -> FrameworkHandle:
    """Loads a framework document (JSON or TOML text) against the built-in catalogue."""

def evaluate_defaults() -> dict[str, Any]:
    """The defaults of the evaluation options, from the core."""

def result_columns() -> list[str]:
    """The names of the result columns of evaluate, in order."""

def evaluate(
    columns: Mapping[str, Optional[list[Any]]],
    framework: Optional[FrameworkHandle],
    framework_key: Optional[str],
    confidence: float,
    benchmark: Optional[str],
    comparators: Sequence[str],
    peers: Optional[Sequence[str]],
    aggregates: Sequence[str],
) -> dict[str, list[Any]]:
    """Evaluates input columns (core ``evaluate``)."""

def aggregate(
    columns: Mapping[str, Optional[list[Any]]], parent_of: Mapping[str, str]
) -> dict[str, list[Any]]:
    """Sums input columns into parent areas (core ``aggregate``)."""
