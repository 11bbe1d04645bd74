//! Serde JSON round trips of the public data types (JSON is the interchange every face reads).

use care_outcomes::indicator::{Decimal, Definition, Rounding, Value, evaluate_counts};
use care_outcomes::stats::{self, Estimate, Estimates, ProportionOptions, RateOptions};

fn definition() -> Definition {
    Definition::from_json(
        r#"{"id":"ascof-legacy/2A2","framework":"ascof","version":"legacy","code":"2A(2)",
            "title":"Admissions 65+","numerator":"permanent admissions 65+","denominator":"population 65+",
            "unit":"per100000","multiplier":100000,"population_base":"ONS mid-year population 65+","polarity":"lower_is_better","method":"byar",
            "rounding":{"rule":"half_away_from_zero","dp":1},
            "disclosure":{"suppress_below":5},
            "source":{"data":["SALT","ONS"],"publication":"Measures from the ASCOF, England 2020-21"},
            "confidence_tag":"H","provisional":false}"#,
    )
    .unwrap()
}

#[test]
fn definition_round_trips_and_rejects_unknown_fields() {
    let d = definition();
    let again = Definition::from_json(&d.to_json().unwrap()).unwrap();
    assert_eq!(again, d);
    let err = Definition::from_json(
        &d.to_json()
            .unwrap()
            .replacen('{', "{\"colour\":\"red\",", 1),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_definition");
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn definition_rules_are_checked() {
    let mut d = definition();
    d.multiplier = 100;
    assert_eq!(d.validate().unwrap_err().code(), "invalid_definition");
    let mut d = definition();
    d.method = care_outcomes::indicator::IntervalMethod::Wilson;
    assert_eq!(d.validate().unwrap_err().code(), "invalid_definition");
}

#[test]
fn value_round_trips() {
    let v = evaluate_counts(&definition(), 567, 123_784, Some(0.95)).unwrap();
    assert_eq!(v.published, Some(Decimal::new(4581, 1)));
    assert_eq!(&*v.definition_version, "legacy");
    let json = serde_json::to_string(&v).unwrap();
    let back: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
    assert!(json.contains("\"method\":\"byars\""), "{json}");
    assert!(json.contains("\"confidence\":0.95"), "{json}");
    assert!(json.contains("\"denominator\":123784"), "{json}");
}

#[test]
fn a_count_value_has_a_null_denominator() {
    let bn2 = care_outcomes::catalogue::Catalogue::builtin()
        .get("better-lives/BN2")
        .unwrap();
    let v = evaluate_counts(bn2, 12, 0, None).unwrap();
    assert_eq!(v.denominator, None);
    let json = serde_json::to_string(&v).unwrap();
    assert!(json.contains("\"denominator\":null"), "{json}");
    let back: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
}

#[test]
fn suppressed_values_carry_flags() {
    let v = evaluate_counts(&definition(), 1, 4, Some(0.95)).unwrap();
    assert_eq!(v.published, None);
    let flags: Vec<&str> = v
        .flags
        .iter()
        .map(|f| match serde_json::to_value(f).unwrap() {
            serde_json::Value::String(s) => Box::leak(s.into_boxed_str()) as &str,
            _ => "",
        })
        .collect();
    assert_eq!(flags, ["small_denominator", "suppressed"]);
}

#[test]
fn estimates_round_trip() {
    let e: Estimate = stats::proportion(3.0, 7.0, &ProportionOptions::default()).unwrap();
    let back: Estimate = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    let b: Estimates =
        stats::rate_batch(&[1.0, 20.0], &[10.0, 0.0], &RateOptions::default()).unwrap();
    let json = serde_json::to_string(&b).unwrap();
    assert!(json.contains("zero_denominator"));
    let back: Estimates = serde_json::from_str(&json).unwrap();
    assert_eq!(back.reason, b.reason);
    assert_eq!(back.value[0], b.value[0]);
}

#[test]
fn rounding_and_decimal_round_trip() {
    for r in [
        Rounding::HalfAwayFromZero { dp: 1 },
        Rounding::HalfEven { dp: 3 },
    ] {
        let back: Rounding = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }
    let d = Decimal::new(-4581, 1);
    let back: Decimal = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}
