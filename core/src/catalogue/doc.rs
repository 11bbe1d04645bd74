//! The indicator catalogue as Markdown (`docs/indicators.md`), generated from the definitions so
//! that the documentation cannot drift from the data: a test fails when the committed page differs
//! from [`markdown`]. Regenerate it with
//!
//! ```text
//! cargo run -p care-outcomes --example catalogue_doc > docs/indicators.md
//! ```

use crate::catalogue::Catalogue;
use crate::framework::Framework;
use crate::indicator::{Calculation, Definition};
use serde::Serialize;
use std::fmt::Write as _;

/// The command that regenerates `docs/indicators.md`.
pub const REGENERATE: &str =
    "cargo run -p care-outcomes --example catalogue_doc > docs/indicators.md";

/// The catalogue as one Markdown page: per framework version, a table of its measures (code,
/// title, unit, polarity, source, method, provisional, confidence tag, replaces), then each
/// measure's numerator and denominator in words, with its population base, rounding, disclosure
/// rule, provenance and notes.
///
/// Measures a framework references from another version are listed in its table with that
/// version in brackets ("1A (2023-24)").
///
/// # Examples
///
/// ```
/// use care_outcomes::catalogue::{Catalogue, doc};
/// let md = doc::markdown(Catalogue::builtin());
/// assert!(md.starts_with("# Indicator catalogue"));
/// assert!(md.contains("| 2B(1) | Proportion of older people (65 and over) who were still at home"));
/// ```
pub fn markdown(cat: &Catalogue) -> String {
    let mut out = String::new();
    out.push_str("# Indicator catalogue\n\n");
    out.push_str(
        "<!-- GENERATED from core/catalogue/*.json by core/src/catalogue/doc.rs: do not edit. -->\n\n",
    );
    let _ = writeln!(
        out,
        "Every built-in definition, by framework version, generated from the data files in \
         `core/catalogue/` (regenerate with `{REGENERATE}`; a test fails when this page is stale). \
         Codes are reused with new meanings between ASCOF versions, so a measure is identified by \
         its id (`version/code`), never by its code alone. `replaces` is the crosswalk: the \
         definitions of earlier versions a measure continues. Confidence tags: H checked against \
         published code or data, M from an official page or reliable secondary source, L inferred \
         or provisional. Writing a framework of your own: [frameworks.md](frameworks.md).\n"
    );
    out.push_str("## Contents\n\n");
    for fw in cat.frameworks() {
        let _ = writeln!(
            out,
            "- [{}](#{}) — `{}`, {} measures",
            fw.title,
            anchor(&fw.title),
            fw.key(),
            fw.definitions.len()
        );
    }
    for fw in cat.frameworks() {
        framework_section(&mut out, fw);
    }
    out
}

fn framework_section(out: &mut String, fw: &Framework) {
    let _ = writeln!(out, "\n## {}\n", fw.title);
    let mut facts = vec![format!(
        "Framework `{}`, version `{}`",
        fw.framework, fw.version
    )];
    if let Some(y) = &fw.years {
        facts.push(match &y.to {
            Some(to) if *to == y.from => format!("year {to}"),
            Some(to) => format!("years {} to {to}", y.from),
            None => format!("from {}", y.from),
        });
    }
    if fw.provisional {
        facts.push("**provisional framework**".to_owned());
    }
    let _ = writeln!(out, "{}.\n", facts.join("; "));
    if let Some(about) = &fw.about {
        let _ = writeln!(out, "{about}\n");
    }
    out.push_str("Domains:\n\n");
    for dom in &fw.domains {
        let _ = writeln!(out, "- `{}` {}", dom.id, dom.title);
    }
    out.push('\n');
    out.push_str(
        "| domain | code | title | unit | polarity | source | method | provisional | tag | replaces |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    let ordered = in_domain_order(fw);
    for (domain, d) in &ordered {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(domain),
            cell(&code_in(fw, d)),
            cell(&d.title),
            cell(&unit(d)),
            d.polarity.code().replace('_', " "),
            cell(&sources(d)),
            name(&d.method),
            if d.provisional { "yes" } else { "no" },
            d.confidence_tag
                .as_ref()
                .map_or_else(|| "–".to_owned(), name),
            cell(&if d.replaces.is_empty() {
                "–".to_owned()
            } else {
                d.replaces.join(", ")
            }),
        );
    }
    let _ = writeln!(out, "\n### {} — definitions in words\n", fw.key());
    for (_, d) in &ordered {
        words(out, fw, d);
    }
}

/// The framework's definitions grouped by its domains, in domain order: (domain id, def).
fn in_domain_order(fw: &Framework) -> Vec<(String, &Definition)> {
    let mut v = Vec::with_capacity(fw.definitions.len());
    for dom in &fw.domains {
        for id in &dom.indicators {
            if let Some(d) = fw.definitions.iter().find(|d| d.id == *id) {
                v.push((dom.id.clone(), d));
            }
        }
    }
    v
}

fn words(out: &mut String, fw: &Framework, d: &Definition) {
    let _ = writeln!(out, "#### {} — {}\n", code_in(fw, d), d.title);
    if d.version != fw.version || d.framework != fw.framework {
        let _ = writeln!(
            out,
            "Referenced: `{}`, defined in `{}/{}` above.\n",
            d.id, d.framework, d.version
        );
        return;
    }
    let _ = writeln!(out, "- id: `{}`", d.id);
    if let Some(s) = &d.stable_id {
        let _ = writeln!(out, "- stable id: `{s}`");
    }
    if let Some(c) = &d.open_data_code
        && *c != d.code
    {
        let _ = writeln!(out, "- open-data code: `{c}`");
    }
    match d.calculation {
        Calculation::Count => {
            let _ = writeln!(out, "- count: {}", d.numerator);
        }
        Calculation::RelativeDifference => {
            let _ = writeln!(
                out,
                "- relative difference (figure − reference) ÷ reference × {}",
                d.multiplier
            );
            let _ = writeln!(out, "- figure: {}", d.numerator);
            let _ = writeln!(out, "- reference: {}", d.denominator);
        }
        _ => {
            let _ = writeln!(out, "- numerator: {}", d.numerator);
            let _ = writeln!(out, "- denominator: {}", d.denominator);
        }
    }
    if let Some(p) = &d.population_base {
        let _ = writeln!(out, "- population base: {p}");
    }
    if !d.breakdowns.is_empty() {
        let b: Vec<String> = d
            .breakdowns
            .iter()
            .map(|b| format!("{} `{}` ({})", b.dimension, b.suffix, b.label))
            .collect();
        let _ = writeln!(out, "- breakdowns: {}", b.join(", "));
    }
    let _ = writeln!(out, "- published rounding: {}", d.rounding);
    if let Some(r) = &d.disclosure {
        let mut parts = Vec::new();
        if let Some(n) = r.suppress_below {
            parts.push(format!(
                "value suppressed when the denominator is below {n}"
            ));
        }
        if let Some(n) = r.round_counts_to {
            parts.push(format!("counts rounded to the nearest {n}"));
        }
        if !parts.is_empty() {
            let _ = writeln!(out, "- disclosure: {}", parts.join("; "));
        }
    }
    let _ = writeln!(out, "- source: {}", d.source.publication);
    if let Some(n) = &d.notes {
        let _ = writeln!(out, "- notes: {n}");
    }
    out.push('\n');
}

/// The code as shown in a framework's table: with its version when the definition belongs to
/// another version (a reference).
fn code_in(fw: &Framework, d: &Definition) -> String {
    if d.version == fw.version && d.framework == fw.framework {
        d.code.clone()
    } else {
        format!("{} ({})", d.code, d.version)
    }
}

fn unit(d: &Definition) -> String {
    match d.calculation {
        Calculation::Count | Calculation::Ratio => d.unit.to_string(),
        Calculation::RelativeDifference => format!("{} (relative difference)", d.unit),
    }
}

fn sources(d: &Definition) -> String {
    if d.source.data.is_empty() {
        "see notes".to_owned()
    } else {
        d.source
            .data
            .iter()
            .map(name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The serde name of a unit-like enum value ("wilson", "SALT", "H").
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A table cell: pipes escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The GitHub anchor of a heading.
fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}
