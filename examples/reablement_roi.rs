//! Two reablement claims expressed and recomputed with their assumptions explicit
//! (spec-economics-spc.md §5.1; issue 6):
//!
//! 1. A short-term "stabilise and make safe" reablement service: 70% achieve full independence
//!    after six weeks, "£1m net savings in year one" and "£7.78 for every £1". The claim gives only
//!    totals, so it is expressed as vector ROI02 (a £150,000 service, £1,167,000 gross avoided
//!    spend, one year, undiscounted): benefit–cost ratio 7.78 — the "£7.78 for every £1" — and
//!    net ROI 6.78, net saving £1,017,000.
//! 2. An enablement service where 83% leave able to live independently and weekly support for the
//!    rest falls by 40 minutes, turned into savings with the stated sample unit costs of
//!    `core/data/economics/unit-costs-sample.json` (an illustrative cohort of 100 people and the
//!    ROI03 deadweight of 35%), with a tornado, a break-even deadweight and a seeded Monte Carlo.
//!
//! ```text
//! cargo run -p care-outcomes --example reablement_roi
//! cargo run -p care-outcomes --example reablement_roi -- --json
//! ```
//!
//! Exits with status 1 if the recomputed claim of service 1 is not BCR 7.78 / net ROI 6.78.

use care_outcomes::economics::{
    Appraisal, BenefitLine, CostBenefitModel, CostLine, DiscountSchedule, Distribution, Metric,
    MonteCarloOptions, ParameterRange, ReablementModel, Timing, Uncertain, UnitCostTable,
    ValueType, break_even, monte_carlo, one_way,
};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().any(|a| a == "--json")) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::from(2)
        }
    }
}

fn run(json: bool) -> care_outcomes::Result<bool> {
    // ---- Service 1: the published claim, as a one-year undiscounted cost-benefit model --------
    let claim = CostBenefitModel {
        schedule: DiscountSchedule::builtin("undiscounted")?,
        timing: Timing::YearZero,
        ..CostBenefitModel::new(
            vec![CostLine::new(
                "short-term reablement service",
                vec![150_000.0],
            )],
            vec![BenefitLine::new(
                "gross avoided spend on long-term support (year one)",
                ValueType::FiscalCashable,
                vec![1_167_000.0],
            )],
        )?
    };
    let r1 = claim.evaluate()?;
    let ok = (r1.benefit_cost_ratio - 7.78).abs() < 1e-12 && (r1.net_roi - 6.78).abs() < 1e-12;
    // How far can the gross avoided spend fall (e.g. through deadweight) before BCR = 1?
    let claim_model = Appraisal::CostBenefit(claim);
    let be1 = break_even(
        &claim_model,
        "benefits",
        Metric::BenefitCostRatio,
        1.0,
        0.0,
        1.0,
    )?;

    // ---- Service 2: outcomes and stated sample unit costs -> savings ------------------------
    let costs = UnitCostTable::sample();
    let weekly = costs.get("illustrative_weekly_package")?;
    let hourly = costs.get("reablement_contact_hour")?;
    let episode = costs.get("reablement_episode")?;
    let people = 100.0; // an illustrative cohort
    let enablement = ReablementModel {
        people,
        share_independent: 0.83,
        share_reduced: 0.17,
        hours_reduced_per_week: 40.0 / 60.0,
        weekly_package_cost: weekly.value,
        hourly_cost: hourly.value,
        deadweight: 0.35,
        weeks: 52.0,
        service_cost: people * episode.value,
        schedule: DiscountSchedule::builtin("undiscounted")?,
        ..ReablementModel::default()
    };
    let r2 = enablement.evaluate()?;
    let model = Appraisal::Reablement(enablement);
    let tornado = one_way(
        &model,
        Metric::BenefitCostRatio,
        &[
            range("deadweight", 0.2, 0.5),
            range("weekly_package_cost", 200.0, 300.0),
            // At most 0.83: the other 17% are counted with reduced support.
            range("share_independent", 0.7, 0.83),
            range("hourly_cost", 30.0, 50.0),
        ],
    )?;
    let be2 = break_even(
        &model,
        "deadweight",
        Metric::BenefitCostRatio,
        1.0,
        0.0,
        1.0,
    )?;
    let mc = monte_carlo(
        &model,
        Metric::BenefitCostRatio,
        &[
            Uncertain {
                parameter: "deadweight".into(),
                distribution: Distribution::Pert {
                    low: 0.2,
                    mode: 0.35,
                    high: 0.6,
                },
            },
            Uncertain {
                parameter: "share_independent".into(),
                distribution: Distribution::Uniform {
                    low: 0.7,
                    high: 0.83,
                },
            },
        ],
        &MonteCarloOptions::default(),
    )?;

    if json {
        let doc = serde_json::json!({
            "service_1": r1, "service_1_benefit_scale_at_bcr_1": be1,
            "service_2": r2, "tornado": tornado, "break_even_deadweight": be2,
            "monte_carlo": mc, "unit_costs": [weekly, hourly, episode],
        });
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return Ok(ok);
    }

    println!("Service 1: short-term reablement (70% fully independent after six weeks)");
    println!("  claim: '£1m net savings in year one', '£7.78 for every £1'");
    println!(
        "  cost £{:.0}; gross avoided spend £{:.0} (one year, undiscounted)",
        r1.pv_costs, r1.pv_benefits
    );
    println!(
        "  benefit_cost_ratio {:.2}   <- the '£7.78 for every £1'",
        r1.benefit_cost_ratio
    );
    println!(
        "  net_roi            {:.2}   <- (B - C) / C, a 'return' of {:.0}%",
        r1.net_roi,
        r1.net_roi * 100.0
    );
    println!(
        "  net_present_value  £{:.0} <- the '£1m net savings'",
        r1.net_present_value
    );
    if let Some(k) = be1.value {
        println!(
            "  the gross avoided spend could be {:.1}% lower (e.g. deadweight) before BCR = 1",
            (1.0 - k) * 100.0
        );
    }

    println!(
        "\nService 2: enablement (83% leave independent; 40 minutes less weekly support for the rest)"
    );
    println!("  stated sample unit costs (core/data/economics/unit-costs-sample.json):");
    for c in [weekly, hourly, episode] {
        println!(
            "    {:<28} £{:>7.2} {:<16} {} prices; {} ({})",
            c.code, c.value, c.unit, c.price_year, c.source, c.note
        );
    }
    println!(
        "  cohort {people:.0}; deadweight 35% (ROI03); 52 weeks; service cost = {people:.0} episodes x £{:.0}",
        episode.value
    );
    println!(
        "  people independent {:.0}; weekly hours avoided by the rest {:.2}",
        r2.people_independent, r2.weekly_hours_avoided
    );
    println!(
        "  avoided spend £{:.2}; cost £{:.0}; net saving £{:.2}",
        r2.avoided_by_year[0], r2.cost_benefit.pv_costs, r2.net_saving
    );
    println!(
        "  benefit_cost_ratio {:.4}; net_roi {:.4}",
        r2.cost_benefit.benefit_cost_ratio, r2.cost_benefit.net_roi
    );
    println!("  tornado (BCR):");
    for b in &tornado.bars {
        println!(
            "    {:<22} {:>7.3} .. {:<7.3} -> BCR {:.3} .. {:.3} (swing {:.3})",
            b.parameter, b.low, b.high, b.output_low, b.output_high, b.swing
        );
    }
    match be2.value {
        Some(d) => println!("  break-even deadweight (BCR = 1): {d:.4}"),
        None => println!("  no break-even deadweight in [0, 1]"),
    }
    let p: Vec<String> = mc
        .percentiles
        .iter()
        .map(|p| format!("P{:.0} {:.3}", p.probability * 100.0, p.value))
        .collect();
    println!(
        "  Monte Carlo ({} draws, seed {}): mean {:.3}; {}; share with BCR >= 1: {:.1}%",
        mc.draws,
        mc.seed,
        mc.mean,
        p.join(", "),
        mc.share_at_or_above_threshold * 100.0
    );
    println!(
        "  caveat: the sample mixes price years (2010 and 2024); the shipped deflator covers 2019, 2022 and 2024 only, so it cannot uprate the 2010 costs — load current unit costs for a real appraisal."
    );
    if !ok {
        eprintln!("service 1 did not recompute to BCR 7.78 / net ROI 6.78");
    }
    Ok(ok)
}

fn range(parameter: &str, low: f64, high: f64) -> ParameterRange {
    ParameterRange {
        parameter: parameter.to_owned(),
        low,
        high,
    }
}
