//! Criterion bench of the survey measures (`cargo bench -p care-outcomes-benches --bench survey`).
//!
//! A national-sized ASCS: 152 councils × 4 strata × 100 respondents (60,800 rows), every item of
//! the 1A / 1J / proportion measures answered with codes drawn uniformly by the seeded xorshift
//! of `care_outcomes_benches`, stratum populations 2,000–20,000, sex sub-groups, nine regions and
//! England. The bench times `survey::measures` end to end (validation, scoring, the ledger,
//! weighting, margins of error and publication) and `survey::score` alone.

use care_outcomes::survey::{
    self, MeasuresOptions, Question, RawRespondent, StratumPopulation, Subgroup,
};
use care_outcomes_benches::XorShift64;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const COUNCILS: usize = 152;
const PER_STRATUM: usize = 100;

fn inputs() -> (Vec<RawRespondent>, Vec<StratumPopulation>, MeasuresOptions) {
    let mut rng = XorShift64::new(20_261_130);
    let mut rs = Vec::with_capacity(COUNCILS * 4 * PER_STRATUM);
    let mut pops = Vec::new();
    let mut o = MeasuresOptions {
        england: true,
        subgroups: vec![Subgroup::Sex],
        ..Default::default()
    };
    for c in 0..COUNCILS {
        let council = format!("C{c:03}");
        o.regions.insert(council.clone(), format!("R{}", c % 9));
        for h in 1..=4u8 {
            pops.push(StratumPopulation::new(
                &council,
                Some(h),
                rng.uniform_int(2000, 20000) as f64,
            ));
            for _ in 0..PER_STRATUM {
                let mut r = RawRespondent {
                    council: Some(council.clone()),
                    stratum: Some(f64::from(h)),
                    sex: Some(if rng.uniform_int(0, 1) == 0 { "F" } else { "M" }.to_owned()),
                    age_band: Some(if h >= 3 { "65+" } else { "18-64" }.to_owned()),
                    can_answer_q2c: Some(true),
                    ..Default::default()
                };
                for q in Question::ALL {
                    let (lo, hi) = q.valid();
                    r = r.with(q, rng.uniform_int(u64::from(lo), u64::from(hi)) as f64);
                }
                rs.push(r);
            }
        }
    }
    (rs, pops, o)
}

fn bench_survey(c: &mut Criterion) {
    let (rs, pops, o) = inputs();
    let mut group = c.benchmark_group("survey");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(rs.len() as u64));
    group.bench_function("measures/152_councils", |b| {
        b.iter(|| survey::measures(black_box(&rs), black_box(&pops), black_box(&o)).unwrap());
    });
    group.bench_function("score/152_councils", |b| {
        b.iter(|| survey::score(black_box(&rs), black_box(&o.score)).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench_survey);
criterion_main!(benches);
