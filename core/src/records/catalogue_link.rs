//! From derived counts to the catalogue: the definition id and breakdown suffix each
//! [`MeasureCount`] evaluates under, so that a derivation feeds
//! [`framework::evaluate`](crate::framework::evaluate) without the caller restating codes.

use crate::framework::{Definitions, InputRow};
use crate::records::MeasureCount;

impl MeasureCount {
    /// The id of the built-in definition this count is the numerator and denominator of, or
    /// None when the catalogue has no such definition (2E for all primary support reasons has
    /// none in 2023-24, when 2E covered the learning-disability cohort only).
    ///
    /// ASCOF measures map by framework version and code (`ascof-2024-25` + `2A` →
    /// `ascof-2024-25/2A`; 2E's two parts to `2E1` (learning disability) and `2E2` (all) in
    /// 2024-25); Better Lives by code; the local reablement independence rate to
    /// `reablement/independent_at_end` (both count completed episodes and exclude early
    /// cessation; the match is an assumption \[L\] like both definitions).
    ///
    /// ```
    /// use care_outcomes::records::{derive, synthetic_csv, Dataset, DeriveOptions, Method, Period, SyntheticOptions};
    /// # fn main() -> Result<(), care_outcomes::Error> {
    /// let csv = synthetic_csv(&SyntheticOptions { events: 2_000, ..Default::default() })?;
    /// let ds = Dataset::from_csv_reader(csv.as_bytes())?;
    /// let d = derive(&ds, &DeriveOptions::new(Method::Y2024_25, Period::financial_year(2024)));
    /// let m = d.measures.iter().find(|m| m.code == "2A" && m.breakdown.is_empty()).unwrap();
    /// assert_eq!(m.indicator_id().as_deref(), Some("ascof-2024-25/2A"));
    /// # Ok(()) }
    /// ```
    pub fn indicator_id(&self) -> Option<String> {
        match self.framework.as_str() {
            "ascof-2024-25" | "ascof-2023-24" => {
                let code = match (self.framework.as_str(), self.measure.as_str()) {
                    ("ascof-2024-25", "home_or_family_ld") => "2E1",
                    ("ascof-2024-25", "home_or_family_all") => "2E2",
                    ("ascof-2023-24", "home_or_family_all") => return None,
                    _ => self.code.as_str(),
                };
                Some(format!("{}/{code}", self.framework))
            }
            "better-lives" => Some(format!("better-lives/{}", self.code)),
            "local-reablement" if self.measure == "reablement_independence" => {
                Some("reablement/independent_at_end".to_owned())
            }
            _ => None,
        }
    }

    /// This count as an input row of [`evaluate`](fn@crate::framework::evaluate), when `source`
    /// holds its definition and the definition publishes its breakdown (age bands use the
    /// open-data suffixes of spec-ascof.md §2.5: `18-64` → `1864`, `65+` → `65OV`). Rates
    /// without a supplied population have no denominator and give None.
    pub fn to_input_row(&self, source: &dyn Definitions) -> Option<InputRow> {
        let id = self.indicator_id()?;
        let def = source.definition(&id)?;
        let breakdown = match self.breakdown.iter().collect::<Vec<_>>().as_slice() {
            [] => None,
            [(dim, label)] if dim.as_str() == "age" => {
                let suffix = match label.as_str() {
                    "18-64" => "1864",
                    "65+" => "65OV",
                    _ => return None,
                };
                def.breakdowns
                    .iter()
                    .any(|b| b.suffix == suffix)
                    .then_some(())?;
                Some(suffix.to_owned())
            }
            _ => return None,
        };
        if self.denominator.is_none() && def.calculation != crate::indicator::Calculation::Count {
            return None;
        }
        Some(InputRow {
            area: self.area.clone(),
            period: self.period.clone(),
            indicator: id,
            breakdown,
            numerator: self.numerator,
            denominator: self.denominator,
            population: None,
        })
    }
}
