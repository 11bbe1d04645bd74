//! The built-in catalogue (spec-ascof.md §2, §3, §8, §9): every measure of each framework version
//! is present with provenance, the crosswalk between versions resolves, reused codes resolve by
//! version, the Better Lives definitions are provisional, measures evaluate with the published
//! rounding, and `docs/indicators.md` is the page generated from the definitions.

use care_outcomes::catalogue::{Catalogue, doc};
use care_outcomes::framework::{Definitions, EvaluateOptions, Framework, InputRow, evaluate};
use care_outcomes::indicator::{
    Calculation, ConfidenceTag, Definition, Flag, IntervalMethod, Unit, evaluate_counts,
};
use care_outcomes::stats::{Comparison, Polarity};
use std::collections::BTreeSet;

fn cat() -> &'static Catalogue {
    Catalogue::builtin()
}

fn def(id: &str) -> &'static Definition {
    cat().get(id).unwrap()
}

/// The codes of a framework version as its resolved framework lists them (own definitions and
/// references), with the framework and version each belongs to.
fn codes_of(framework: &str, version: &str) -> BTreeSet<(String, String, String)> {
    cat()
        .framework(framework, version)
        .unwrap()
        .definitions
        .iter()
        .map(|d| (d.code.clone(), d.framework.clone(), d.version.clone()))
        .collect()
}

/// The codes a framework version defines itself (not its references).
fn own_codes(framework: &str, version: &str) -> BTreeSet<String> {
    codes_of(framework, version)
        .into_iter()
        .filter(|(_, f, v)| f == framework && v == version)
        .map(|(c, _, _)| c)
        .collect()
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

/// spec-ascof.md §2.1, §2.3, §2.4.
const LEGACY: [&str; 29] = [
    "1A", "1B", "1C(1A)", "1C(1B)", "1C(2A)", "1C(2B)", "1D", "1E", "1F", "1G", "1H", "1I(1)",
    "1I(2)", "1J", "2A(1)", "2A(2)", "2B(1)", "2B(2)", "2C(1)", "2C(2)", "2C(3)", "2D", "3A", "3B",
    "3C", "3D(1)", "3D(2)", "4A", "4B",
];

/// spec-ascof.md §3.1 as it stood in 2023-24 (and §7.2, the published 2023-24 codes).
const REFRESHED_2023_24: [&str; 22] = [
    "1A", "1B", "1C", "1D", "1E", "2A", "2B", "2C", "2D1", "2D2", "2E", "3A", "3B", "3C1", "3C2",
    "3D1A", "3D1B", "3D2A", "3D2B", "4A", "5A1", "5A2",
];

/// spec-ascof.md §3.1-3.2: redefined for CLD in 2024-25 (2D and 2E in two parts; the part codes
/// 2D1/2D2 and 2E1/2E2 are ours [L]), and the new 4B, 6A, 6B [L].
const NEW_2024_25: [&str; 14] = [
    "2A", "2B", "2C", "2D1", "2D2", "2E1", "2E2", "3D1A", "3D1B", "3D2A", "3D2B", "4B", "6A", "6B",
];

/// Survey measures carried into 2024-25 unchanged (referenced from 2023-24).
const CARRIED_2024_25: [&str; 12] = [
    "1A", "1B", "1C", "1D", "1E", "3A", "3B", "3C1", "3C2", "4A", "5A1", "5A2",
];

/// spec-ascof.md §9.2: thirteen council indicators plus BC4.
const BETTER_LIVES: [&str; 14] = [
    "BC1", "BC2", "BC3", "BC4", "BN1", "BN2", "BN3", "BV1", "BV2", "BV3", "BV4", "BV5", "SG1",
    "FN1",
];

#[test]
fn the_catalogue_loads_every_framework_in_order() {
    let keys: Vec<String> = cat().frameworks().iter().map(Framework::key).collect();
    assert_eq!(
        keys,
        [
            "ascof/legacy",
            "ascof/2023-24",
            "ascof/2024-25",
            "better-lives/2022-27",
            "reablement/2024-25"
        ]
    );
    let files: Vec<&str> = care_outcomes::catalogue::FILES
        .iter()
        .map(|(f, _)| *f)
        .collect();
    assert_eq!(
        files,
        [
            "ascof-legacy.json",
            "ascof-2023-24.json",
            "ascof-2024-25.json",
            "better-lives.json",
            "reablement.json"
        ]
    );
    // Each file on its own is a valid framework document that loads against the files before it.
    for n in 1..=files.len() {
        let texts = care_outcomes::catalogue::FILES[..n].iter().map(|(_, t)| *t);
        assert!(Catalogue::from_documents(texts).is_ok(), "{}", files[n - 1]);
    }
    // Loading a file before the one it references fails with the reference's coded error.
    let (_, reablement) = care_outcomes::catalogue::FILES[4];
    let (_, legacy) = care_outcomes::catalogue::FILES[0];
    let e = Catalogue::from_documents([legacy, reablement]).unwrap_err();
    assert_eq!(e.code(), "unknown_indicator");
}

#[test]
fn every_measure_of_each_version_is_present_with_provenance() {
    assert_eq!(own_codes("ascof", "legacy"), set(&LEGACY));
    assert_eq!(own_codes("ascof", "2023-24"), set(&REFRESHED_2023_24));
    assert_eq!(own_codes("ascof", "2024-25"), set(&NEW_2024_25));
    let carried: BTreeSet<(String, String, String)> = CARRIED_2024_25
        .iter()
        .map(|c| ((*c).to_owned(), "ascof".to_owned(), "2023-24".to_owned()))
        .collect();
    let refs: BTreeSet<(String, String, String)> = codes_of("ascof", "2024-25")
        .into_iter()
        .filter(|(_, _, v)| v != "2024-25")
        .collect();
    assert_eq!(refs, carried);
    assert_eq!(own_codes("better-lives", "2022-27"), set(&BETTER_LIVES));
    assert_eq!(
        own_codes("reablement", "2024-25"),
        set(&["R1", "R2", "R3", "R4"])
    );
    for d in cat().definitions() {
        assert!(!d.source.publication.trim().is_empty(), "{}", d.id);
        assert!(!d.title.trim().is_empty() && !d.numerator.trim().is_empty());
        assert!(!d.denominator.trim().is_empty(), "{}", d.id);
        assert!(d.confidence_tag.is_some(), "{} has no confidence tag", d.id);
        assert!(d.domain.is_some(), "{}", d.id);
        // A definition without a data source in the schema's list says why in its notes.
        if d.source.data.is_empty() {
            let notes = d.notes.as_deref().unwrap_or_default();
            assert!(notes.contains("source.data is empty"), "{}", d.id);
        }
        // Ids are "ascof-<version>/<code>" for ASCOF and "<framework>/<name>" otherwise, and each
        // (version, code) pair names one definition.
        let prefix = if d.framework == "ascof" {
            format!("ascof-{}/", d.version)
        } else {
            format!("{}/", d.framework)
        };
        assert!(d.id.starts_with(&prefix), "{}", d.id);
        assert_eq!(
            cat().by_code(&d.version, &d.code).map(|x| &x.id),
            Some(&d.id)
        );
    }
    let p23 = "The adult social care outcomes framework 2023 to 2024: handbook of definitions";
    for c in REFRESHED_2023_24 {
        let d = def(&format!("ascof-2023-24/{c}"));
        assert!(d.source.publication.starts_with(p23), "{}", d.id);
        assert_eq!(d.open_data_code.as_deref(), Some(c));
    }
    for c in NEW_2024_25 {
        let d = def(&format!("ascof-2024-25/{c}"));
        assert!(
            d.source
                .publication
                .starts_with("The adult social care outcomes framework: handbook of definitions")
        );
    }
}

/// spec-ascof.md §3.1: new code → the legacy code it continues.
const CROSSWALK_2023_24: [(&str, &str); 22] = [
    ("1A", "1A"),
    ("1B", "1J"),
    ("1C", "1D"),
    ("1D", "3A"),
    ("1E", "3B"),
    ("2A", "2D"),
    ("2B", "2A1"),
    ("2C", "2A2"),
    ("2D1", "2B1"),
    ("2D2", "2B2"),
    ("2E", "1G"),
    ("3A", "1B"),
    ("3B", "3C"),
    ("3C1", "3D1"),
    ("3C2", "3D2"),
    ("3D1A", "1C1A"),
    ("3D1B", "1C1B"),
    ("3D2A", "1C2A"),
    ("3D2B", "1C2B"),
    ("4A", "4A"),
    ("5A1", "1I1"),
    ("5A2", "1I2"),
];

#[test]
fn the_crosswalk_from_legacy_to_2023_24_is_the_spec_table() {
    let successors = cat().successors("ascof-legacy/2D");
    assert!(successors.iter().any(|d| d.id == "ascof-2023-24/2A"));
    for (new, old) in CROSSWALK_2023_24 {
        let id = format!("ascof-2023-24/{new}");
        let old_id = format!("ascof-legacy/{old}");
        assert_eq!(def(&id).replaces, std::slice::from_ref(&old_id), "{id}");
        assert!(cat().definition(&old_id).is_some(), "{old_id}");
        let s: Vec<&str> = cat()
            .successors(&old_id)
            .iter()
            .filter(|d| d.version == "2023-24")
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(s, [id.as_str()]);
        // The stable id survives the renumbering.
        assert_eq!(def(&id).stable_id, def(&old_id).stable_id, "{id}");
    }
    // Dropped in the refresh (spec-ascof.md §3.1): no 2023-24 successor.
    for old in ["1E", "1F", "1H", "4B", "2C1", "2C2", "2C3"] {
        assert!(
            cat().successors(&format!("ascof-legacy/{old}")).is_empty(),
            "{old}"
        );
    }
}

#[test]
fn the_crosswalk_from_2023_24_to_2024_25_is_complete() {
    let fw25 = cat().framework("ascof", "2024-25").unwrap();
    for c in REFRESHED_2023_24 {
        let id = format!("ascof-2023-24/{c}");
        let referenced = fw25.definition(&id).is_some();
        let continued: Vec<&str> = cat()
            .successors(&id)
            .iter()
            .filter(|d| d.version == "2024-25")
            .map(|d| d.id.as_str())
            .collect();
        // Each 2023-24 measure is either carried unchanged (referenced) or redefined (a successor),
        // never both, never neither.
        assert!(referenced != !continued.is_empty(), "{id}: {continued:?}");
    }
    assert_eq!(
        cat()
            .successors("ascof-2023-24/2E")
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        ["ascof-2024-25/2E1"]
    );
    // Redefined under an unchanged code: a new definition, a new key.
    let (d23, d25) = (def("ascof-2023-24/2D1"), def("ascof-2024-25/2D1"));
    assert_ne!(d23.key(), d25.key());
    assert_ne!(d23.numerator, d25.numerator);
    assert_eq!(d25.stable_id.as_deref(), Some("reablement_community_12wk"));
    for c in ["2E2", "4B", "6A", "6B"] {
        assert!(
            def(&format!("ascof-2024-25/{c}")).replaces.is_empty(),
            "{c}"
        );
    }
    // The chain legacy 2D → 2023-24 2A → 2024-25 2A.
    let next = cat().successors("ascof-2023-24/2A");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].id, "ascof-2024-25/2A");
}

#[test]
fn reused_codes_resolve_by_version() {
    let by = |v: &str, c: &str| cat().by_code(v, c).map(|d| d.id.as_str());
    // 2A: admissions 18-64 per 100k up to 2022-23; short-term sequel from 2023-24.
    assert_eq!(by("legacy", "2A(1)"), Some("ascof-legacy/2A1"));
    assert_eq!(by("legacy", "2A1"), Some("ascof-legacy/2A1"));
    assert_eq!(by("2023-24", "2A"), Some("ascof-2023-24/2A"));
    let (old, new) = (def("ascof-legacy/2A1"), def("ascof-2023-24/2A"));
    assert_ne!(old.stable_id, new.stable_id);
    assert_eq!((old.unit, new.unit), (Unit::Per100000, Unit::Percent));
    assert_eq!(
        (old.polarity, new.polarity),
        (Polarity::LowerIsBetter, Polarity::HigherIsBetter)
    );
    // 1E: learning-disability employment until 2022-23; carer satisfaction in 2023-24.
    assert_eq!(
        def("ascof-legacy/1E").stable_id.as_deref(),
        Some("ld_employment")
    );
    assert_eq!(
        def("ascof-2023-24/1E").stable_id.as_deref(),
        Some("carer_satisfaction")
    );
    // 4B: "services make me feel safe" (legacy) vs safeguarding risk reduced (2024-25).
    assert_ne!(
        def("ascof-legacy/4B").stable_id,
        def("ascof-2024-25/4B").stable_id
    );
    assert_eq!(by("legacy", "2E"), None);
    assert_eq!(by("2023-24", "2A(1)"), None);
    assert_eq!(by("2023-24", "6A"), None);
}

/// spec-ascof.md §1 rule 6: legacy lower-is-better only for 2A(1), 2A(2), 2C; refreshed: 2B, 2C
/// and workforce turnover. 2D is higher-is-better (a public app gets it wrong).
#[test]
fn polarity_follows_the_spec() {
    for d in cat().definitions() {
        if d.framework != "ascof" {
            continue;
        }
        let lower = match d.version.as_str() {
            "legacy" => d.code.starts_with("2A") || d.code.starts_with("2C"),
            _ => matches!(d.code.as_str(), "2B" | "2C" | "6A"),
        };
        let want = if lower {
            Polarity::LowerIsBetter
        } else {
            Polarity::HigherIsBetter
        };
        assert_eq!(d.polarity, want, "{}", d.id);
    }
    assert_eq!(def("ascof-2023-24/2D1").polarity, Polarity::HigherIsBetter);
}

#[test]
fn methods_rounding_disclosure_and_population_follow_the_source() {
    for d in cat().definitions() {
        let data = &d.source.data;
        let survey = data.iter().any(|s| {
            matches!(
                s,
                care_outcomes::indicator::DataSource::Ascs
                    | care_outcomes::indicator::DataSource::Sace
            )
        });
        if d.framework == "ascof" {
            // Survey measures are stratum-weighted estimates; counts rounded to 5, base < 3 suppressed.
            assert_eq!(survey, d.method == IntervalMethod::Survey, "{}", d.id);
            if survey {
                let r = d.disclosure.unwrap();
                assert_eq!((r.suppress_below, r.round_counts_to), (Some(3), Some(5)));
            }
            let dp = match (d.unit, d.code.as_str()) {
                (Unit::AdjustedScore, _) => 3,
                (_, "1F") => 0,
                _ => 1,
            };
            assert_eq!(
                d.rounding,
                care_outcomes::indicator::Rounding::HalfAwayFromZero { dp },
                "{}",
                d.id
            );
        }
        if matches!(d.unit, Unit::Per100000 | Unit::Per1000) {
            assert!(d.population_base.is_some(), "{}", d.id);
        }
        match d.method {
            IntervalMethod::Byar => assert_eq!(d.unit, Unit::Per100000, "{}", d.id),
            IntervalMethod::Wilson => assert_eq!(d.unit, Unit::Percent, "{}", d.id),
            _ => {}
        }
    }
    // HES-based coverage: denominators rounded to 5, suppressed below 8.
    let r = def("ascof-2023-24/2D2").disclosure.unwrap();
    assert_eq!((r.suppress_below, r.round_counts_to), (Some(8), Some(5)));
    // 2023-24 rates use the mid-2023 population, 2024-25 the mid-2024 one (spec-ascof.md §1 rule 4).
    assert!(
        def("ascof-2023-24/2C")
            .population_base
            .as_deref()
            .unwrap()
            .contains("mid-2023")
    );
    assert!(
        def("ascof-2024-25/2C")
            .population_base
            .as_deref()
            .unwrap()
            .contains("mid-2024")
    );
    // CLD-era disclosure is not published: no suppression, and the notes say it is provisional.
    for c in NEW_2024_25 {
        let d = def(&format!("ascof-2024-25/{c}"));
        assert!(d.disclosure.is_none(), "{}", d.id);
        let notes = d.notes.as_deref().unwrap();
        assert!(
            notes.contains("official statistics in development")
                || notes.contains("Disclosure rule unknown")
                || d.provisional,
            "{}",
            d.id
        );
    }
    for c in ["4B", "6A", "6B"] {
        let d = def(&format!("ascof-2024-25/{c}"));
        assert!(d.provisional, "{c}");
        assert_eq!(d.confidence_tag, Some(ConfidenceTag::L));
    }
}

#[test]
fn better_lives_definitions_are_provisional_with_tag_l() {
    use Calculation as C;
    use IntervalMethod as M;
    use Polarity::{HigherIsBetter as Hi, LowerIsBetter as Lo};
    let fw = cat().framework("better-lives", "2022-27").unwrap();
    assert!(fw.provisional);
    let domains: Vec<&str> = fw.domains.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        domains,
        [
            "Better Conversations",
            "Better Connections",
            "Better Living",
            "Safeguarding",
            "Finance"
        ]
    );
    assert_eq!(fw.definitions.len(), 14);
    for d in &fw.definitions {
        assert!(d.provisional, "{}", d.id);
        assert_eq!(d.confidence_tag, Some(ConfidenceTag::L), "{}", d.id);
        assert!(d.notes.is_some(), "{}", d.id);
        // Not a continuation of any ASCOF definition (related ones are named in the notes).
        assert!(d.replaces.is_empty(), "{}", d.id);
    }
    let calc = |c: &str| {
        let d = def(&format!("better-lives/{c}"));
        (d.calculation, d.unit, d.method, d.polarity)
    };
    assert_eq!(calc("BN2"), (C::Count, Unit::Count, M::None, Hi));
    assert_eq!(calc("BV5"), (C::Count, Unit::Count, M::None, Hi));
    assert_eq!(calc("BN1"), (C::Ratio, Unit::Ratio, M::None, Hi));
    assert_eq!(
        calc("FN1"),
        (C::RelativeDifference, Unit::Percent, M::None, Lo)
    );
    assert_eq!(calc("BC4"), (C::Ratio, Unit::Percent, M::Wilson, Lo));
    assert_eq!(calc("BV3"), (C::Ratio, Unit::Per100000, M::Byar, Lo));
    let domain = |c: &str| {
        fw.domain_of(&format!("better-lives/{c}"))
            .unwrap()
            .id
            .clone()
    };
    assert_eq!(domain("BC3"), "better-conversations");
    assert_eq!(domain("BN3"), "better-connections");
    assert_eq!(domain("BV1"), "better-living");
    assert_eq!(domain("SG1"), "safeguarding");
    assert_eq!(domain("FN1"), "finance");
}

#[test]
fn the_reablement_framework_holds_every_rate_of_section_8() {
    let fw = cat().framework("reablement", "2024-25").unwrap();
    let ids: Vec<&str> = fw.definitions.iter().map(|d| d.id.as_str()).collect();
    for id in [
        "ascof-legacy/2B1",
        "ascof-legacy/2B2",
        "ascof-2023-24/2D1",
        "ascof-2023-24/2D2",
        "ascof-2024-25/2D1",
        "ascof-2024-25/2D2",
        "ascof-legacy/2D",
        "ascof-2023-24/2A",
        "reablement/independent_at_end",
        "reablement/full_independence_6wk",
        "reablement/care_hours_change",
        "reablement/no_long_term_support",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let hours = def("reablement/care_hours_change");
    assert_eq!(
        (hours.calculation, hours.polarity),
        (Calculation::RelativeDifference, Polarity::LowerIsBetter)
    );
    for d in fw
        .definitions
        .iter()
        .filter(|d| d.framework == "reablement")
    {
        assert!(d.provisional && d.confidence_tag == Some(ConfidenceTag::L));
        assert!(d.replaces.is_empty(), "{}", d.id);
    }
}

fn published(id: &str, n: u64, d: u64) -> String {
    evaluate_counts(def(id), n, d, Some(0.95))
        .unwrap()
        .published
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// Every SALT-based 2023-24 measure computes exactly as the legacy definition it continues: the
/// 2020-21 rows of spec-ascof.md §7.1 (including the exact ties rounded half away from zero, §1
/// rule 2) give the same published values under the 2023-24 definitions.
#[test]
fn evaluate_2023_24_measures_with_published_rounding() {
    let rows: [(&str, &str, u64, u64, &str); 12] = [
        ("2A", "2D", 1_060, 1_475, "71.9"),         // Leeds 2D 2020-21
        ("2A", "2D", 459, 816, "56.3"),             // Sutton tie 56.25
        ("2B", "2A1", 67, 504_421, "13.3"),         // Leeds 2A(1)
        ("2C", "2A2", 52_133, 10_464_019, "498.2"), // England 2A(2)
        ("2C", "2A2", 320, 50_463, "634.1"),        // Coventry 2A(2)
        ("2D1", "2B1", 82, 160, "51.3"),            // Wiltshire 2B(1) 85+ tie 51.25
        ("2D1", "2B1", 291, 596, "48.8"),           // Birmingham 2B(1)
        ("2D2", "2B2", 558, 8_545, "6.5"),          // Coventry 2B(2)
        ("2E", "1G", 345, 400, "86.3"),             // Camden 1G tie 86.25
        ("3D1A", "1C1A", 8_060, 8_060, "100.0"),    // Birmingham 1C(1A)
        ("3D2A", "1C2A", 950, 6_183, "15.4"),       // Leeds 1C(2A)
        ("3D2B", "1C2B", 465, 709, "65.6"),         // Leeds 1C(2B)
    ];
    for (new, old, n, d, want) in rows {
        let new_id = format!("ascof-2023-24/{new}");
        assert_eq!(published(&new_id, n, d), want, "{new_id} {n}/{d}");
        assert_eq!(published(&format!("ascof-legacy/{old}"), n, d), want);
        let v = evaluate_counts(def(&new_id), n, d, Some(0.95)).unwrap();
        assert!(v.lower.unwrap() <= v.value.unwrap() && v.value.unwrap() <= v.upper.unwrap());
        assert!(v.flags.is_empty(), "{new_id}: {:?}", v.flags);
    }
    // Adjusted SCRQoL is published to 3 dp, ties away from zero: 4,165 / 10,000 = 0.4165 → 0.417
    // (half-to-even would give 0.416). Counts are illustrative.
    let v = evaluate_counts(def("ascof-2023-24/1B"), 4_165, 10_000, None).unwrap();
    assert_eq!(v.published.unwrap().to_string(), "0.417");
    assert!(v.flags.contains(&Flag::WeightedSurveyCounts));
    assert_eq!((v.lower, v.upper), (None, None));
    // SCRQoL from weighted counts (Barking & Dagenham 2020-21: 42,350 / 2,235 → 18.9).
    assert_eq!(published("ascof-2023-24/1A", 42_350, 2_235), "18.9");
    // Carer QoL out of 12, 1 dp: illustrative 7,300 / 1,000 → 7.3 (England 2023-24 is 7.3).
    assert_eq!(published("ascof-2023-24/1C", 7_300, 1_000), "7.3");
    // Survey disclosure: a base below 3 is suppressed.
    let v = evaluate_counts(def("ascof-2023-24/3A"), 2, 2, None).unwrap();
    assert_eq!(v.published, None);
    assert!(v.flags.contains(&Flag::Suppressed));
    // HES coverage below 8 is suppressed; at 8 it is published.
    assert_eq!(published("ascof-2023-24/2D2", 1, 7), "");
    assert_eq!(published("ascof-2023-24/2D2", 1, 8), "12.5");
    // A zero denominator has no value ([x] in the publication).
    let v = evaluate_counts(def("ascof-2023-24/2A"), 0, 0, Some(0.95)).unwrap();
    assert_eq!((v.value, v.published), (None, None));
}

#[test]
fn evaluate_2024_25_and_local_measures() {
    // Provisional definitions are flagged.
    let v = evaluate_counts(def("ascof-2024-25/6B"), 750, 1_000, Some(0.95)).unwrap();
    assert_eq!(v.published.unwrap().to_string(), "75.0");
    assert!(v.flags.contains(&Flag::ProvisionalDefinition));
    // Better Lives ratio (BN1), 2 dp: 3,000 in the community to 1,200 in care homes → 2.50 : 1.
    assert_eq!(published("better-lives/BN1", 3_000, 1_200), "2.50");
    // FN1: forecast £102.5m against a £100m budget → +2.5% (an overspend, worse).
    assert_eq!(
        published("better-lives/FN1", 102_500_000, 100_000_000),
        "2.5"
    );
    assert_eq!(
        published("better-lives/FN1", 99_000_000, 100_000_000),
        "-1.0"
    );
    // BN2 is a count.
    let v = evaluate_counts(def("better-lives/BN2"), 1_234, 0, None).unwrap();
    assert_eq!(v.published.unwrap().to_string(), "1234");
    assert_eq!(
        (v.numerator, v.denominator),
        (1_234, None),
        "a count has no denominator"
    );
    // Even a count given a denominator keeps none.
    assert_eq!(
        evaluate_counts(def("better-lives/BN2"), 7, 3, None)
            .unwrap()
            .denominator,
        None
    );
    // Reablement care hours: 40 fewer minutes a week for each of 30 completers from 600 minutes
    // each: 16,800 after vs 18,000 before → -6.7%.
    assert_eq!(
        published("reablement/care_hours_change", 16_800, 18_000),
        "-6.7"
    );
    // Kent's 83% independent at the end of an episode, from illustrative counts.
    assert_eq!(
        published("reablement/independent_at_end", 830, 1_000),
        "83.0"
    );
}

/// Through `evaluate`: 2023-24 2C for England and two councils with populations (illustrative
/// counts chosen to give the published 2023-24 values, spec-ascof.md §7.2), lower is better.
#[test]
fn evaluate_a_2023_24_table_against_england() {
    let id = "ascof-2023-24/2C";
    let row = |area: &str, n: u64, pop: u64| InputRow {
        area: area.into(),
        period: "2023-24".into(),
        indicator: id.into(),
        breakdown: None,
        numerator: n,
        denominator: None,
        population: Some(pop),
    };
    let rows = [
        row("England", 62_260, 11_000_000), // 566.0
        row("Leeds", 680, 130_045),         // 522.9
        row("Coventry", 373, 55_007),       // 678.1
    ];
    let out = evaluate(&rows, cat(), &EvaluateOptions::default()).unwrap();
    let got: Vec<String> = out
        .rows
        .iter()
        .map(|r| r.result.published.unwrap().to_string())
        .collect();
    assert_eq!(got, ["566.0", "522.9", "678.1"]);
    let cmp = |i: usize| out.rows[i].benchmark.as_ref().unwrap().comparison;
    assert_eq!(cmp(1), Comparison::Better);
    assert_eq!(cmp(2), Comparison::Worse);
}

#[test]
fn docs_indicators_md_is_generated_from_the_definitions() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/indicators.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = doc::markdown(cat());
    assert!(
        committed == generated,
        "docs/indicators.md is stale: regenerate it with `{}` from the repository root",
        doc::REGENERATE
    );
    // Every definition appears in the page with its id.
    for d in cat().definitions() {
        assert!(generated.contains(&format!("`{}`", d.id)), "{}", d.id);
    }
}

/// The code blocks of `docs/frameworks.md` in a given fence language.
fn fenced<'a>(page: &'a str, lang: &str) -> Vec<&'a str> {
    let open = format!("```{lang}\n");
    page.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .collect()
}

#[test]
fn docs_frameworks_md_examples_load_and_its_error_table_is_the_library_s() {
    let page = include_str!("../../docs/frameworks.md");
    let (json, toml) = (fenced(page, "json"), fenced(page, "toml"));
    assert_eq!((json.len(), toml.len()), (1, 1));
    let a = Framework::from_json(json[0], cat()).unwrap();
    let b = Framework::from_toml(toml[0], cat()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.key(), "council-local/2025-26");
    // The error table: every code it lists is a code of the library, and every loading code is listed.
    let table: Vec<&str> = page
        .split("## Errors and what triggers them")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    for code in &table {
        assert!(care_outcomes::Error::CODES.contains(code), "{code}");
    }
    let loading = [
        "invalid_framework",
        "unknown_method",
        "unknown_polarity",
        "missing_population",
        "invalid_definition",
        "version_mismatch",
        "duplicate_id",
        "unknown_indicator",
    ];
    assert_eq!(table, loading);
}
