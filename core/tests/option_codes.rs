//! The text codes of the small option enums (implemented once by the core's `string_codes!`
//! macro): each code and alias parses to its variant, `code()` gives it back, and an unknown
//! text is `invalid_option` with the option's name and exactly the `expected` text each enum had
//! before the macro (pinned here, so that a change to a code or a message is a reviewed change).

use care_outcomes::Error;
use care_outcomes::economics::Timing;
use care_outcomes::spc::{LimitConstant, OnMedian};
use care_outcomes::stats::{
    FunnelKind, FunnelScale, OnUndefined, Overdispersion, PoissonMethod, Polarity,
    ProportionMethod, RateType, RatioType,
};
use care_outcomes::survey::{AssistanceCode4, OnInvalid, OnMissing, Subgroup};
use std::fmt::Debug;
use std::str::FromStr;

/// Every `(text, variant)` parses; `nope` is `invalid_option` naming `option` and `expected`.
fn parses<T>(pairs: &[(&str, T)], option: &str, expected: &str)
where
    T: FromStr<Err = Error> + PartialEq + Debug + Copy,
{
    for (text, want) in pairs {
        assert_eq!(text.parse::<T>().unwrap(), *want, "{text}");
    }
    match "nope".parse::<T>().unwrap_err() {
        Error::InvalidOption {
            option: o,
            value,
            expected: e,
        } => {
            assert_eq!((o, value.as_str(), e), (option, "nope", expected));
        }
        other => panic!("expected invalid_option, got {other:?}"),
    }
    // Codes are case-sensitive and not trimmed.
    let first = pairs[0].0;
    assert!(first.to_uppercase().parse::<T>().is_err() || first.to_uppercase() == first);
    assert!(format!(" {first}").parse::<T>().is_err());
}

#[test]
fn funnel_options() {
    use FunnelKind as K;
    use FunnelScale as S;
    use Overdispersion as O;
    use RateType as Rt;
    use RatioType as R;
    let ratio = [("ratio", R::Ratio), ("count", R::Count), ("isr", R::Isr)];
    parses(&ratio, "ratio_type", "\"ratio\", \"count\", \"isr\"");
    parses(
        &[("dsr", Rt::Dsr), ("crude", Rt::Crude)],
        "rate_type",
        "\"dsr\", \"crude\"",
    );
    let od = [("off", O::Off), ("on", O::On), ("auto", O::Auto)];
    parses(&od, "overdispersion", "\"off\", \"on\", \"auto\"");
    assert_eq!(od.map(|(_, v)| v.code()), ["off", "on", "auto"]);
    let scale = [
        ("normal", S::Normal),
        ("arcsine", S::Arcsine),
        ("sqrt", S::Sqrt),
    ];
    parses(&scale, "scale", "\"normal\", \"arcsine\", \"sqrt\"");
    assert_eq!(scale.map(|(_, v)| v.code()), ["normal", "arcsine", "sqrt"]);
    let kind = [
        ("proportion", K::Proportion),
        ("ratio", K::Ratio),
        ("rate", K::Rate),
    ];
    parses(&kind, "kind", "\"proportion\", \"ratio\", \"rate\"");
    assert_eq!(kind.map(|(_, v)| v.code()), ["proportion", "ratio", "rate"]);
}

#[test]
fn interval_methods_and_their_aliases() {
    use PoissonMethod as P;
    use ProportionMethod as M;
    parses(
        &[
            ("wilson", M::Wilson),
            ("clopper_pearson", M::ClopperPearson),
            ("exact", M::ClopperPearson),
        ],
        "method",
        "\"wilson\", \"clopper_pearson\" (alias \"exact\")",
    );
    parses(
        &[
            ("byar", P::Byar),
            ("byars", P::Byar),
            ("exact", P::Exact),
            ("byar_unswitched", P::ByarUnswitched),
        ],
        "method",
        "\"byar\" (exact below 10 events), \"exact\", \"byar_unswitched\"",
    );
}

#[test]
fn polarity_undefined_and_timing() {
    let pol = [
        ("higher_is_better", Polarity::HigherIsBetter),
        ("lower_is_better", Polarity::LowerIsBetter),
        ("no_judgement", Polarity::NoJudgement),
    ];
    parses(
        &pol,
        "polarity",
        "\"higher_is_better\", \"lower_is_better\", \"no_judgement\"",
    );
    for (text, v) in pol {
        assert_eq!(v.code(), text);
    }
    let und = [("null", OnUndefined::Null), ("error", OnUndefined::Error)];
    parses(&und, "on_undefined", "\"null\", \"error\"");
    assert_eq!(und.map(|(_, v)| v.code()), ["null", "error"]);
    let timing = [
        ("year_zero", Timing::YearZero),
        ("year_one", Timing::YearOne),
    ];
    parses(&timing, "timing", "year_zero, year_one");
    assert_eq!(timing.map(|(_, v)| v.code()), ["year_zero", "year_one"]);
}

#[test]
fn survey_and_run_chart_options() {
    parses(
        &[("sex", Subgroup::Sex), ("age_band", Subgroup::AgeBand)],
        "subgroups",
        "sex, age_band",
    );
    parses(
        &[("error", OnInvalid::Error), ("reject", OnInvalid::Reject)],
        "on_invalid",
        "error, reject",
    );
    parses(
        &[("exclude", OnMissing::Exclude), ("error", OnMissing::Error)],
        "on_missing",
        "exclude, error",
    );
    parses(
        &[
            ("reject", AssistanceCode4::Reject),
            ("pass_through", AssistanceCode4::PassThrough),
        ],
        "assistance_code_4",
        "reject, pass_through",
    );
    parses(
        &[("skip", OnMedian::Skip), ("break", OnMedian::Break)],
        "on_median",
        "\"skip\", \"break\"",
    );
}

#[test]
fn spc_coded_enums_use_the_same_macro() {
    let c = [
        ("2.66", LimitConstant::Mdc),
        ("3/1.128", LimitConstant::ThreeOverD2),
    ];
    parses(&c, "limit_constant", "\"2.66\", \"3/1.128\"");
    assert_eq!(LimitConstant::CODES, ["2.66", "3/1.128"]);
    assert_eq!(c.map(|(_, v)| v.code()), LimitConstant::CODES);
    assert_eq!(LimitConstant::ThreeOverD2.to_string(), "3/1.128");
}
