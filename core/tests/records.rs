//! Client Level Data engine: the hand-worked fixtures of vectors/records-cases.json (also run by
//! the Python and JS faces), ledger identity, and partitioned runs equal to one pass.

use std::collections::BTreeMap;
use std::path::PathBuf;

use care_outcomes::records::{
    Dataset, Derivation, DeriveOptions, HospitalSpells, Method, Partial, Period, Populations,
    SyntheticOptions, derive, derive_people, derive_people_with_hospital, derive_with_hospital,
    synthetic_csv, synthetic_hospital_csv,
};
use proptest::prelude::*;
use serde_json::Value as Json;

fn cases() -> Vec<Json> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../vectors/records-cases.json");
    let text = std::fs::read_to_string(path).unwrap();
    let doc: Json = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn csv_of(case: &Json) -> String {
    lines(case, "rows")
}

/// The case's hospital spells (SUS) as CSV text, when it has any.
fn hospital_of(case: &Json) -> Option<HospitalSpells> {
    case.get("hospital_rows")
        .map(|_| HospitalSpells::from_csv_str(&lines(case, "hospital_rows")).unwrap())
}

fn lines(case: &Json, key: &str) -> String {
    let rows: Vec<&str> = case[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    rows.join("\n") + "\n"
}

fn options_of(case: &Json) -> DeriveOptions {
    let method: Method = case["method"].as_str().unwrap().parse().unwrap();
    let period: Period = case["period"].as_str().unwrap().parse().unwrap();
    let mut o = DeriveOptions::new(method, period);
    o.populations =
        serde_json::from_value::<BTreeMap<String, Populations>>(case["populations"].clone())
            .unwrap();
    o
}

fn check(case: &Json, d: &Derivation) {
    let name = case["name"].as_str().unwrap();
    assert!(d.ledger.is_balanced(), "{name}: ledger");
    for want in case["expected"].as_array().unwrap() {
        let measure = want["measure"].as_str().unwrap();
        let breakdown: BTreeMap<String, String> =
            serde_json::from_value(want["breakdown"].clone()).unwrap();
        let got = d
            .measures
            .iter()
            .find(|m| m.measure == measure && m.breakdown == breakdown && m.area == "X")
            .unwrap_or_else(|| panic!("{name}: no row {measure} {breakdown:?}"));
        assert_eq!(
            got.numerator,
            want["numerator"].as_u64().unwrap(),
            "{name} {measure} {breakdown:?} numerator"
        );
        assert_eq!(
            got.denominator,
            want["denominator"].as_u64(),
            "{name} {measure} {breakdown:?} denominator"
        );
        let exclusions: BTreeMap<String, u64> =
            serde_json::from_value(want["exclusions"].clone()).unwrap();
        assert_eq!(
            got.exclusions, exclusions,
            "{name} {measure} {breakdown:?} exclusions"
        );
        for key in ["framework", "code"] {
            if let Some(v) = want.get(key) {
                let g = if key == "framework" {
                    &got.framework
                } else {
                    &got.code
                };
                assert_eq!(g, v.as_str().unwrap(), "{name} {measure} {key}");
            }
        }
        if let Some(per) = want.get("per") {
            assert_eq!(got.per, per.as_u64().unwrap(), "{name} {measure} per");
        }
    }
    check_ledger(name, &d.ledger, &case["ledger"]);
    match (case.get("hospital_ledger"), &d.hospital_ledger) {
        (Some(want), Some(got)) => check_ledger(name, got, want),
        (None, None) => {}
        (want, got) => panic!("{name}: hospital ledger {want:?} vs {got:?}"),
    }
}

fn check_ledger(name: &str, ledger: &care_outcomes::records::Ledger, l: &Json) {
    let d = ledger;
    assert_eq!(d.read, l["read"].as_u64().unwrap(), "{name}: read");
    assert_eq!(d.used, l["used"].as_u64().unwrap(), "{name}: used");
    let excluded: BTreeMap<String, u64> = serde_json::from_value(l["excluded"].clone()).unwrap();
    assert_eq!(d.excluded, excluded, "{name}: excluded");
    let rejected: Vec<(u64, String)> = l["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let got: Vec<(u64, String)> = d
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.clone()))
        .collect();
    assert_eq!(got, rejected, "{name}: rejected");
}

#[test]
fn hand_worked_fixtures() {
    let cases = cases();
    assert_eq!(cases.len(), 11);
    for case in &cases {
        let ds = Dataset::from_csv_str(&csv_of(case)).unwrap();
        let hospital = hospital_of(case);
        let d = derive_with_hospital(&ds, hospital.as_ref(), &options_of(case), &|_| {});
        check(case, &d);
        // The serialised result round-trips.
        let json = serde_json::to_string(&d).unwrap();
        let back: Derivation = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }
}

#[test]
fn column_buffers_give_the_csv_result() {
    for case in cases() {
        let text = csv_of(&case);
        let mut lines = text.lines();
        let header: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect();
        let mut cols: Vec<(String, Vec<Option<String>>)> =
            header.into_iter().map(|h| (h, Vec::new())).collect();
        for line in lines {
            for (i, v) in line.split(',').enumerate() {
                cols[i].1.push(Some(v.to_owned()).filter(|s| !s.is_empty()));
            }
        }
        let o = options_of(&case);
        let a = derive(&Dataset::from_columns(&cols).unwrap(), &o);
        let b = derive(&Dataset::from_csv_str(&text).unwrap(), &o);
        assert_eq!(a, b, "{}", case["name"]);
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    assert_eq!(
        "2025-26".parse::<Method>().unwrap_err().code(),
        "invalid_option"
    );
    assert_eq!(
        "April".parse::<Period>().unwrap_err().code(),
        "invalid_option"
    );
    let e = Dataset::from_csv_str("nhs_number,event_start_date\n1,2024-01-01\n").unwrap_err();
    assert_eq!(e.code(), "missing_input");
    let e = Dataset::from_columns(&[
        ("nhs_number".into(), vec![Some("1".into())]),
        ("event_type".into(), vec![]),
    ])
    .unwrap_err();
    assert_eq!(e.code(), "length_mismatch");
    let e = Dataset::from_csv_path("/nonexistent/cld.csv").unwrap_err();
    assert_eq!(e.code(), "invalid_definition");
    // Not UTF-8 in a value: the row is rejected, not the file.
    let mut bytes = b"nhs_number,event_type,event_start_date\n".to_vec();
    bytes.extend_from_slice(b"\xff\xfe,Request,2024-05-01\n1,Request,2024-05-01\n");
    let ds = Dataset::from_csv_reader(&bytes[..]).unwrap();
    assert_eq!(ds.ledger().rejected[0].reason, "invalid_utf8:nhs_number");
    assert_eq!(ds.events().len(), 1);
}

/// All fixture rows, under distinct person prefixes per case, as one input.
fn pooled_csv() -> String {
    let header = "la_code,nhs_number,la_person_unique_identifier,date_of_birth,date_of_death,\
        client_type,primary_support_reason,accommodation_status,event_type,event_start_date,\
        event_end_date,event_outcome,service_type,service_component,delivery_mechanism,\
        assessment_type,reporting_period_end";
    let cols: Vec<&str> = header.split(',').collect();
    let mut out = String::from(header) + "\n";
    for case in cases() {
        let text = csv_of(&case);
        let mut lines = text.lines();
        let h: Vec<&str> = lines.next().unwrap().split(',').collect();
        for line in lines {
            let v: Vec<&str> = line.split(',').collect();
            let row: Vec<String> = cols
                .iter()
                .map(|c| {
                    h.iter().position(|x| x == c).map_or(String::new(), |i| {
                        if (*c == "nhs_number" || *c == "la_person_unique_identifier")
                            && !v[i].is_empty()
                        {
                            format!("{}{}", case["name"].as_str().unwrap(), v[i])
                        } else {
                            v[i].to_owned()
                        }
                    })
                })
                .collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any assignment of people to partitions, merged in any order, equals one pass.
    #[test]
    fn partitioned_run_equals_one_pass(
        assignment in prop::collection::vec(0usize..4, 200),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        method in prop::sample::select(vec![Method::Y2023_24, Method::Y2024_25]),
    ) {
        let ds = Dataset::from_csv_str(&pooled_csv()).unwrap();
        let o = DeriveOptions::new(method, Period::financial_year(2024));
        let one = derive(&ds, &o);
        let people: Vec<_> = ds.people().collect();
        prop_assert!(people.len() <= assignment.len());
        let mut parts: Vec<Partial> = (0..4)
            .map(|k| {
                derive_people(
                    &ds,
                    people.iter().enumerate().filter(|(i, _)| assignment[*i] == k).map(|(_, p)| *p),
                    &o,
                )
            })
            .collect();
        let mut total = Partial::default();
        for k in &order {
            total.merge(std::mem::take(&mut parts[*k]));
        }
        total.merge(Partial::from_dataset(&ds));
        let merged = total.finish(&o);
        prop_assert_eq!(&merged, &one);
        prop_assert!(merged.ledger.is_balanced());
    }
}

#[test]
fn synthetic_histories_exercise_every_ledger_branch() {
    let o = SyntheticOptions {
        seed: 42,
        events: 30_000,
        ..SyntheticOptions::default()
    };
    let csv = synthetic_csv(&o).unwrap();
    assert_eq!(csv, synthetic_csv(&o).unwrap());
    assert_ne!(
        csv,
        synthetic_csv(&SyntheticOptions { seed: 43, ..o }).unwrap()
    );
    let ds = Dataset::from_csv_str(&csv).unwrap();
    for method in [Method::Y2023_24, Method::Y2024_25] {
        let d = derive(
            &ds,
            &DeriveOptions::new(method, Period::financial_year(2024)),
        );
        let l = &d.ledger;
        assert!(l.is_balanced());
        assert!(l.read >= 30_000);
        for rule in ["cancelled", "duplicate", "person_id_conflict"] {
            assert!(l.excluded.get(rule).copied().unwrap_or(0) > 0, "{rule}");
        }
        assert!(
            l.rejected
                .iter()
                .all(|r| r.reason == "invalid_date:event_start_date")
        );
        assert!(!l.rejected.is_empty());
        // Every measure is produced for every area, and each proportion is within 0..=den.
        for m in [
            "st_max_sequel",
            "admissions_65_plus",
            "admissions_with_disregard_65_plus",
            "home_or_family_all",
            "dp_users",
            "dp_carers",
            "front_door_resolved",
            "assessments_within_28_days",
            "requests_to_assessment",
            "reablement_independence",
        ] {
            let rows: Vec<_> = d
                .measures
                .iter()
                .filter(|r| r.measure == m && r.breakdown.is_empty())
                .collect();
            assert_eq!(rows.len(), 3, "{m} {method}");
            for r in rows {
                assert!(r.numerator > 0, "{m} {method}");
                assert!(r.denominator.is_none_or(|den| r.numerator <= den), "{m}");
            }
        }
    }
    assert!(synthetic_csv(&SyntheticOptions { areas: 0, ..o }).is_err());
}

#[test]
fn large_runs_split_across_cores_give_the_single_thread_result() {
    // ≥ 200,000 events takes the threaded path of `derive`; `derive_people` over all people
    // is the single-threaded pass.
    let csv = synthetic_csv(&SyntheticOptions {
        seed: 5,
        events: 210_000,
        ..SyntheticOptions::default()
    })
    .unwrap();
    let ds = Dataset::from_csv_str(&csv).unwrap();
    assert!(ds.events().len() >= 200_000);
    let o = DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024));
    let threaded = derive(&ds, &o);
    let mut single = Partial::from_dataset(&ds);
    single.merge(derive_people(&ds, ds.people(), &o));
    assert_eq!(threaded, single.finish(&o));
    // With synthetic hospital spells (2D): the threaded run equals partials merged in reverse.
    let h = HospitalSpells::from_csv_str(&synthetic_hospital_csv(&ds, 9)).unwrap();
    let threaded = derive_with_hospital(&ds, Some(&h), &o, &|_| {});
    let people: Vec<_> = ds.people().collect();
    let (a, b) = people.split_at(people.len() / 3);
    let mut single = Partial::from_hospital(&ds, &h, &o);
    single.merge(derive_people_with_hospital(&ds, &h, b.iter().copied(), &o));
    single.merge(derive_people_with_hospital(&ds, &h, a.iter().copied(), &o));
    single.merge(Partial::from_dataset(&ds));
    let single = single.finish(&o);
    assert_eq!(threaded, single);
    let row = |code: &str| {
        let m = single
            .measures
            .iter()
            .find(|m| m.code == code && m.area == "LA001")
            .unwrap();
        (m.numerator, m.denominator.unwrap())
    };
    // Enough linked discharges to mean something, and 2D1's denominator is 2D2's numerator.
    let (d1_num, d1_den) = row("2D1");
    let (d2_num, d2_den) = row("2D2");
    assert!(
        d1_den > 200 && d1_num > 0 && d1_num < d1_den,
        "{d1_num}/{d1_den}"
    );
    assert!(d2_num < d2_den, "{d2_num}/{d2_den}");
    assert_eq!(d1_den, d2_num);
    let hl = single.hospital_ledger.unwrap();
    assert!(hl.is_balanced() && !hl.rejected.is_empty());
}

/// Every derived count whose definition the catalogue holds evaluates through it, and the
/// published value equals the rounding of the derived numerator and denominator.
#[test]
fn derived_counts_feed_the_catalogue() {
    use care_outcomes::catalogue::Catalogue;
    use care_outcomes::framework::{EvaluateOptions, evaluate};
    use care_outcomes::records::{
        Dataset, DeriveOptions, Method, Period, SyntheticOptions, derive, synthetic_csv,
    };
    let csv = synthetic_csv(&SyntheticOptions {
        events: 20_000,
        ..Default::default()
    })
    .unwrap();
    let ds = Dataset::from_csv_reader(csv.as_bytes()).unwrap();
    let d = derive(
        &ds,
        &DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024)),
    );
    let cat = Catalogue::builtin();
    let pairs: Vec<_> = d
        .measures
        .iter()
        .filter_map(|m| m.to_input_row(cat).map(|r| (m, r)))
        .collect();
    // 2A (with its age splits), 2E1, 2E2, 3D and the front door at least.
    for id in [
        "ascof-2024-25/2A",
        "ascof-2024-25/2E1",
        "ascof-2024-25/2E2",
        "better-lives/BC4",
    ] {
        assert!(
            pairs.iter().any(|(_, r)| r.indicator == id),
            "{id} not linked"
        );
    }
    assert!(
        pairs
            .iter()
            .any(|(_, r)| r.breakdown.as_deref() == Some("65OV"))
    );
    let rows: Vec<_> = pairs.iter().map(|(_, r)| r.clone()).collect();
    let out = evaluate(
        &rows,
        cat,
        &EvaluateOptions {
            benchmark: None,
            ..EvaluateOptions::default()
        },
    )
    .unwrap();
    for ((m, _), res) in pairs.iter().zip(&out.rows) {
        assert_eq!(res.result.numerator, m.numerator);
        if let Some(den) = m.denominator.filter(|&d| d > 0) {
            let v = 100.0 * m.numerator as f64 / den as f64;
            if m.per == 100 {
                assert!((res.result.value.unwrap() - v).abs() < 1e-9, "{}", m.code);
            }
        }
    }
}

/// BV3/BV4 (12-week disregards, Better Lives) link to their catalogue definitions and evaluate
/// as rates per 100,000 of the supplied population: the hand-worked case's BV4 is
/// 2 / 50,000 × 100,000 = 4.0 and its BV3 1 / 200,000 × 100,000 = 0.5.
#[test]
fn disregard_admissions_evaluate_under_better_lives() {
    use care_outcomes::catalogue::Catalogue;
    use care_outcomes::framework::{EvaluateOptions, evaluate};
    let case = cases()
        .into_iter()
        .find(|c| c["name"] == "admissions_with_12_week_disregard_2024_25")
        .unwrap();
    let d = derive(
        &Dataset::from_csv_str(&csv_of(&case)).unwrap(),
        &options_of(&case),
    );
    let cat = Catalogue::builtin();
    let rows: Vec<_> = d
        .measures
        .iter()
        .filter(|m| m.framework == "better-lives" && m.code.starts_with("BV"))
        .filter_map(|m| m.to_input_row(cat))
        .collect();
    assert_eq!(rows.len(), 2);
    let out = evaluate(
        &rows,
        cat,
        &EvaluateOptions {
            benchmark: None,
            ..EvaluateOptions::default()
        },
    )
    .unwrap();
    let published = |id: &str| {
        let r = out.rows.iter().find(|r| &*r.indicator == id).unwrap();
        r.result.published.map(|p| p.to_string())
    };
    assert_eq!(published("better-lives/BV4").as_deref(), Some("4.0"));
    assert_eq!(published("better-lives/BV3").as_deref(), Some("0.5"));
}

/// 2D is a 2024-25 measure: the 2023-24 method derives no 2D rows from the same spells, and
/// without spells neither method does; the spells' bad columns are typed errors.
#[test]
fn hospital_spells_only_feed_the_2024_25_method() {
    let case = cases()
        .into_iter()
        .find(|c| c["name"] == "reablement_after_discharge_2024_25")
        .unwrap();
    let ds = Dataset::from_csv_str(&csv_of(&case)).unwrap();
    let h = hospital_of(&case).unwrap();
    let mut o = options_of(&case);
    let has_2d = |d: &Derivation| d.measures.iter().any(|m| m.code.starts_with("2D"));
    assert!(has_2d(&derive_with_hospital(&ds, Some(&h), &o, &|_| {})));
    assert!(!has_2d(&derive(&ds, &o)));
    o.method = Method::Y2023_24;
    let d = derive_with_hospital(&ds, Some(&h), &o, &|_| {});
    assert!(!has_2d(&d));
    assert_eq!(d.hospital_ledger.unwrap().read, 14);
    let e = HospitalSpells::from_csv_str("nhs_number,admission_date\n1,2024-01-01\n").unwrap_err();
    assert_eq!(e.code(), "missing_input");
    assert!(e.to_string().contains("discharge_date"), "{e}");
}

/// `Dataset::person` gives back every kind of id as read (digits, short and long texts, a
/// leading zero), in a one-pass read and a read split into many small blocks on several threads.
#[test]
fn person_ids_round_trip() {
    use care_outcomes::records::ReadOptions;
    use std::fmt::Write as _;
    let ids = [
        ("9000000001", ""),
        ("0123", ""),
        ("", "AB-12345678"),
        ("", "L7"),
        (
            "3f9a1c0e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a10",
            "",
        ),
        ("", "a-very-long-local-person-identifier-0001"),
    ];
    let mut csv = String::from(
        "la_code,nhs_number,la_person_unique_identifier,client_type,event_type,event_start_date\n",
    );
    for round in 0..50 {
        for (i, (nhs, la_id)) in ids.iter().enumerate() {
            let la = if (round + i) % 2 == 0 { "E1" } else { "E2" };
            let _ = writeln!(csv, "{la},{nhs},{la_id},Service User,Request,2024-05-01");
        }
    }
    let want: std::collections::BTreeSet<(String, bool, String)> = (0..2)
        .flat_map(|k| {
            ids.iter().map(move |(nhs, la_id)| {
                let la = if k == 0 { "E1" } else { "E2" };
                if nhs.is_empty() {
                    (la.to_owned(), false, (*la_id).to_owned())
                } else {
                    (la.to_owned(), true, (*nhs).to_owned())
                }
            })
        })
        .collect();
    let split = ReadOptions {
        threads: 3,
        block_bytes: 700,
        min_range_bytes: 64,
    };
    for ds in [
        Dataset::from_csv_str(&csv).unwrap(),
        Dataset::from_csv_reader_with(csv.as_bytes(), &split).unwrap(),
    ] {
        let got: std::collections::BTreeSet<(String, bool, String)> = ds
            .events()
            .iter()
            .map(|e| {
                let p = ds.person(e.person).unwrap();
                (p.la.to_owned(), p.nhs_number, p.id.into_owned())
            })
            .collect();
        assert_eq!(got, want);
    }
}
