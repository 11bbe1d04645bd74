//! Processing rules, versioned by [`Method`]: de-duplication, ST-Max clustering, sequels, the
//! new-client rule and the 365-day admission rule (spec-ascof.md §3.2, §5.4, §5.5).
//!
//! Every function works on the events of ONE person, sorted by start date.

use std::cmp::Ordering;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::lists::{EventOutcome, EventType, ServiceType};
use super::model::{Event, Method};

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// De-duplicates one person's events (§5.4 "Unique events").
///
/// Key: LA + person + start date + client type + event type + (route of access | assessment
/// type | service type + service component). Within a key one record is kept: latest reporting
/// period, then open end date first, then latest end date, then the event-outcome hierarchy of
/// `method`, then the latest row. Dropped rows are counted in `ledger` as
/// `superseded_open_service` (an open service closed by a later submission) or `duplicate`.
/// The delivery mechanism is not part of the key (the DHSC joined-submission rule) \[M\].
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{dedup, Dataset, Ledger, Method};
/// let csv = "nhs_number,client_type,event_type,event_start_date,event_end_date,event_outcome\n\
///            1,Service User,Request,2024-05-01,2024-05-02,NFA – Other\n\
///            1,Service User,Request,2024-05-01,2024-05-02,Progress to Assessment\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let mut ledger = Ledger::default();
/// let kept = dedup(ds.events(), Method::Y2023_24, &mut ledger);
/// // "Progress to Assessment" (rank 2) beats "NFA – Other" (rank 19).
/// assert_eq!(kept.len(), 1);
/// assert_eq!(kept[0].row, 2);
/// assert_eq!(ledger.excluded["duplicate"], 1);
/// ```
pub fn dedup(events: &[Event], method: Method, ledger: &mut Ledger) -> Vec<Event> {
    type Key = (u32, u32, NaiveDate, u8, u8, u8, u32, u8, u32);
    let key = |e: &Event| -> Key {
        let (route, assessment, service, component) = match e.event_type {
            EventType::Request => (e.route.map_or(0, |r| r as u8 + 1), 0, 0, 0),
            EventType::Assessment => (0, e.assessment_type, 0, 0),
            EventType::Service => (
                0,
                0,
                e.service_type.map_or(0, |s| s as u8 + 1),
                e.service_component,
            ),
            EventType::Review => (0, 0, 0, 0),
        };
        (
            e.la,
            e.person,
            e.start,
            e.client_type as u8,
            e.event_type as u8,
            route,
            assessment,
            service,
            component,
        )
    };
    // Better record first.
    let better = |a: &Event, b: &Event| -> Ordering {
        b.submitted_period_end
            .cmp(&a.submitted_period_end)
            // Open end date first (§5.4); two closed (or two open) records are not ordered by
            // their end dates: the outcome hierarchy decides, then the latest load.
            .then_with(|| match (a.end, b.end) {
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                _ => Ordering::Equal,
            })
            .then_with(|| {
                let r = |e: &Event| e.outcome.map_or(u8::MAX, |o| o.rank(method));
                r(a).cmp(&r(b))
            })
            .then_with(|| b.row.cmp(&a.row))
    };
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| better(a, b)));
    let mut kept: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < sorted.len() {
        let winner = sorted[i];
        let k = key(winner);
        let mut j = i + 1;
        while j < sorted.len() && key(sorted[j]) == k {
            let loser = sorted[j];
            let superseded = loser.event_type == EventType::Service
                && loser.end.is_none()
                && winner.end.is_some()
                && winner.submitted_period_end > loser.submitted_period_end;
            ledger.exclude(if superseded {
                "superseded_open_service"
            } else {
                "duplicate"
            });
            j += 1;
        }
        kept.push(winner.clone());
        i = j;
    }
    kept.sort_by_key(|e| (e.start, e.row));
    kept
}

/// A cluster of ST-Max service events (§3.2, §5.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Start of the first event.
    pub start: NaiveDate,
    /// End of the last event (`None` while any member is open).
    pub end: Option<NaiveDate>,
    /// Indices of the member events in the person's event slice.
    pub members: Vec<usize>,
}

/// Clusters one person's ST-Max events: the next event joins the cluster when it starts no
/// more than [`Method::cluster_gap_days`] after the cluster's latest end (overlaps merge).
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{clusters, Dataset, Method};
/// // Two ST-Max services, 1–10 April and 15–20 April: 5 days apart.
/// let csv = "nhs_number,client_type,event_type,event_start_date,event_end_date,service_type\n\
///            1,Service User,Service,2024-04-01,2024-04-10,ST-Max\n\
///            1,Service User,Service,2024-04-15,2024-04-20,ST-Max\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// assert_eq!(clusters(ds.events(), Method::Y2024_25).len(), 1); // ≤ 7 days: one cluster
/// assert_eq!(clusters(ds.events(), Method::Y2023_24).len(), 2); // > 1 day: two
/// ```
pub fn clusters(events: &[Event], method: Method) -> Vec<Cluster> {
    let gap = method.cluster_gap_days();
    let mut out: Vec<Cluster> = Vec::new();
    let mut open_ended = false;
    for (i, e) in events.iter().enumerate() {
        if !e.is_service(ServiceType::StMax) {
            continue;
        }
        if let Some(c) = out.last_mut() {
            let joins = open_ended || c.end.is_some_and(|end| (e.start - end).num_days() <= gap);
            if joins {
                c.members.push(i);
                c.end = match (c.end, e.end) {
                    (Some(a), Some(b)) if !open_ended => Some(a.max(b)),
                    _ => None,
                };
                open_ended |= e.end.is_none();
                continue;
            }
        }
        open_ended = e.end.is_none();
        out.push(Cluster {
            start: e.start,
            end: e.end,
            members: vec![i],
        });
    }
    out
}

/// What followed a cluster or a request: the sequel (§3.2, §5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sequel {
    /// The person died within the window (2024-25: date of death).
    Deceased,
    /// A service followed: long-term nursing/residential/community/prison, ongoing low level or
    /// other short-term.
    Service(ServiceType),
    /// Short-term residential or nursing care (an other-short-term service whose component is
    /// short-term residential/nursing).
    StResidentialNursing,
    /// No service: the event outcome that decides the sequel.
    Outcome(EventOutcome),
    /// Nothing to decide on (no service, no outcome).
    None,
}

impl Sequel {
    /// A stable label, e.g. `service:community`, `outcome:nfa_deceased`.
    pub fn label(self) -> String {
        use super::lists::Coded;
        match self {
            Sequel::Deceased => "deceased".to_owned(),
            Sequel::Service(t) => format!("service:{}", t.code()),
            Sequel::StResidentialNursing => "service:st_residential_nursing".to_owned(),
            Sequel::Outcome(o) => format!("outcome:{}", o.code()),
            Sequel::None => "none".to_owned(),
        }
    }
}

/// Rank of a service as a sequel: Nursing > Residential > Community > Prison > short-term
/// residential/nursing > Ongoing low level > Other short term (lower is better). Placing
/// short-term residential/nursing just below prison is ours [L]; `None` when the service is not
/// a sequel type (ST-Max, carer support).
fn service_sequel(e: &Event) -> Option<(u8, Sequel)> {
    if e.event_type != EventType::Service {
        return None;
    }
    let t = e.service_type?;
    if let Some(r) = t.setting_rank() {
        return Some((r, Sequel::Service(t)));
    }
    match t {
        ServiceType::OtherShortTerm | ServiceType::OngoingLowLevel
            if e.component_st_residential =>
        {
            Some((4, Sequel::StResidentialNursing))
        }
        ServiceType::OngoingLowLevel => Some((5, Sequel::Service(t))),
        ServiceType::OtherShortTerm => Some((6, Sequel::Service(t))),
        _ => None,
    }
}

fn best_outcome<'a>(
    events: impl Iterator<Item = &'a Event>,
    method: Method,
    filter: impl Fn(EventOutcome) -> bool,
) -> Option<EventOutcome> {
    events
        .filter_map(|e| e.outcome)
        .filter(|o| filter(*o))
        .min_by_key(|o| o.rank(method))
}

/// The outcome of a cluster's own ST-Max: that of the member ending last (latest row on ties).
fn cluster_outcome(events: &[Event], cluster: &Cluster) -> Option<EventOutcome> {
    cluster
        .members
        .iter()
        .map(|&i| &events[i])
        .max_by_key(|e| (e.end, e.row))
        .and_then(|e| e.outcome)
}

/// The sequel to a closed ST-Max cluster under `method`.
///
/// **2024-25** (§3.2): death between the cluster start and 7 days after its end → `Deceased`;
/// else the best service (by the service hierarchy) starting from the cluster end to 7 days
/// after; else the best outcome (by the de-duplication hierarchy) of requests, assessments and
/// reviews starting in that window; else the ST-Max's own outcome; else the best outcome of
/// assessments and reviews nested in the cluster; else `None`.
///
/// **2023-24** (§5.4): the window runs 3 days past the cluster end and is chained — every
/// non-service event starting inside it extends it to 3 days past that event's end. A service
/// starting in the chained window → the best service; else the best NFA or end-of-life outcome
/// of a non-service event in it; else the ST-Max's own outcome. Dates of death are not used
/// (the 2023-24 rules are outcome-based).
///
/// `None` is returned for the whole function when the cluster is still open.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{clusters, sequel, Dataset, Method, Sequel, ServiceType};
/// // Reablement 1–28 May, then home care (community) from 2 June: 5 days later.
/// let csv = "nhs_number,client_type,event_type,event_start_date,event_end_date,service_type\n\
///            1,Service User,Service,2024-05-01,2024-05-28,ST-Max\n\
///            1,Service User,Service,2024-06-02,,Community\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let ev = ds.events();
/// let c = &clusters(ev, Method::Y2024_25)[0];
/// assert_eq!(sequel(ev, c, None, Method::Y2024_25), Some(Sequel::Service(ServiceType::Community)));
/// // 2023-24: the 3-day window has closed by 2 June.
/// let c = &clusters(ev, Method::Y2023_24)[0];
/// assert_eq!(sequel(ev, c, None, Method::Y2023_24), Some(Sequel::None));
/// ```
pub fn sequel(
    events: &[Event],
    cluster: &Cluster,
    death: Option<NaiveDate>,
    method: Method,
) -> Option<Sequel> {
    let end = cluster.end?;
    let is_member = |i: usize| cluster.members.contains(&i);
    match method {
        Method::Y2024_25 => {
            let window_end = plus(end, 7);
            if death.is_some_and(|d| d >= cluster.start && d <= window_end) {
                return Some(Sequel::Deceased);
            }
            let in_window = |(i, e): &(usize, &Event)| {
                !is_member(*i) && e.start >= end && e.start <= window_end
            };
            let service = events
                .iter()
                .enumerate()
                .filter(in_window)
                .filter_map(|(_, e)| service_sequel(e))
                .min_by_key(|(r, _)| *r);
            if let Some((_, s)) = service {
                return Some(s);
            }
            let later = best_outcome(
                events
                    .iter()
                    .enumerate()
                    .filter(in_window)
                    .map(|(_, e)| e)
                    .filter(|e| e.event_type != EventType::Service),
                method,
                |_| true,
            );
            if let Some(o) = later.or_else(|| cluster_outcome(events, cluster)) {
                return Some(Sequel::Outcome(o));
            }
            let nested = best_outcome(
                events.iter().filter(|e| {
                    matches!(e.event_type, EventType::Assessment | EventType::Review)
                        && e.start >= cluster.start
                        && e.start <= end
                }),
                method,
                |_| true,
            );
            Some(nested.map_or(Sequel::None, Sequel::Outcome))
        }
        Method::Y2023_24 => {
            let mut window_end = plus(end, 3);
            let mut best_service: Option<(u8, Sequel)> = None;
            let mut chained: Vec<&Event> = Vec::new();
            for (i, e) in events.iter().enumerate() {
                if is_member(i) || e.start < end {
                    continue;
                }
                if e.start > window_end {
                    break;
                }
                if e.event_type == EventType::Service {
                    if let Some(s) = service_sequel(e)
                        && best_service.is_none_or(|b| s.0 < b.0)
                    {
                        best_service = Some(s);
                    }
                } else {
                    chained.push(e);
                    window_end = window_end.max(plus(e.end.unwrap_or(e.start), 3));
                }
            }
            if let Some((_, s)) = best_service {
                return Some(s);
            }
            let later = best_outcome(chained.into_iter(), method, |o| {
                o.is_nfa() || o == EventOutcome::ProgressToEndOfLifeCare
            });
            Some(
                later
                    .or_else(|| cluster_outcome(events, cluster))
                    .map_or(Sequel::None, Sequel::Outcome),
            )
        }
    }
}

/// The 2024-25 new-client rule (§3.2): a person is a new client at `date` unless a long-term
/// service (nursing, residential, community, prison) started before `date` and is still open or
/// ended fewer than 91 days before it.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{is_new_client, Dataset};
/// use chrono::NaiveDate;
/// // Community service ended 1 March; reablement starts 31 May (91 days later) → new.
/// let csv = "nhs_number,client_type,event_type,event_start_date,event_end_date,service_type\n\
///            1,Service User,Service,2023-01-01,2024-03-01,Community\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// assert!(is_new_client(ds.events(), d(5, 31)));
/// assert!(!is_new_client(ds.events(), d(5, 30))); // 90 days: not new
/// ```
pub fn is_new_client(events: &[Event], date: NaiveDate) -> bool {
    let cutoff = minus(date, 91);
    !events
        .iter()
        .any(|e| e.is_long_term_service() && e.start < date && e.end.is_none_or(|end| end > cutoff))
}

/// The 2024-25 admission rule (§3.2): a permanent residential/nursing placement is a new
/// admission unless another such placement of the person started before it (earlier row on
/// the same day) and is still open or ended fewer than 365 days before its start.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{is_new_admission, Dataset};
/// // Residential care ended 1 May 2023; a new placement starts 30 April 2024 (365 days later).
/// let csv = "nhs_number,client_type,event_type,event_start_date,event_end_date,service_type\n\
///            1,Service User,Service,2023-01-01,2023-05-01,Residential Care\n\
///            1,Service User,Service,2024-04-30,,Nursing Care\n";
/// let ds = Dataset::from_csv_str(csv).unwrap();
/// assert!(is_new_admission(ds.events(), 1));
/// ```
pub fn is_new_admission(events: &[Event], index: usize) -> bool {
    let a = &events[index];
    let cutoff = minus(a.start, 365);
    !events.iter().enumerate().any(|(i, p)| {
        i != index
            && p.is_permanent_placement()
            && (p.start < a.start || (p.start == a.start && p.row < a.row))
            && p.end.is_none_or(|end| end > cutoff)
    })
}

#[cfg(test)]
mod tests {
    use super::super::reader::Dataset;
    use super::*;

    const HEAD: &str = "nhs_number,client_type,event_type,event_start_date,event_end_date,\
        event_outcome,service_type,service_component,reporting_period_end\n";

    fn events(rows: &str) -> Vec<Event> {
        let ds = Dataset::from_csv_str(&format!("{HEAD}{rows}")).unwrap();
        assert!(
            ds.ledger().rejected.is_empty(),
            "{:?}",
            ds.ledger().rejected
        );
        ds.events().to_vec()
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn dedup_prefers_latest_submission_then_open_then_outcome() {
        // Three copies of one community service (same start, type, component):
        //  row 1: Q1 submission, open
        //  row 2: Q2 submission, closed 30 Jun → later submission wins; row 1 was an open
        //         service closed by a later submission → superseded_open_service
        //  row 3: Q2 submission, open → same submission as row 2, open end first → row 3 wins!
        // So row 3 is kept; row 1 (older, open) is a duplicate (winner is open, not closed);
        // row 2 is a duplicate.
        let ev = events(
            "1,Service User,Service,2024-04-01,,,Community,Home care,2024-06-30\n\
             1,Service User,Service,2024-04-01,2024-06-30,,Community,Home care,2024-09-30\n\
             1,Service User,Service,2024-04-01,,,Community,Home care,2024-09-30\n",
        );
        let mut l = Ledger::default();
        let kept = dedup(&ev, Method::Y2024_25, &mut l);
        assert_eq!(kept.iter().map(|e| e.row).collect::<Vec<_>>(), vec![3]);
        assert_eq!(l.excluded["duplicate"], 2);

        // Without row 3 the closed Q2 record wins and the open Q1 record is superseded.
        let ev = events(
            "1,Service User,Service,2024-04-01,,,Community,Home care,2024-06-30\n\
             1,Service User,Service,2024-04-01,2024-06-30,,Community,Home care,2024-09-30\n",
        );
        let mut l = Ledger::default();
        let kept = dedup(&ev, Method::Y2024_25, &mut l);
        assert_eq!(kept.iter().map(|e| e.row).collect::<Vec<_>>(), vec![2]);
        assert_eq!(l.excluded["superseded_open_service"], 1);

        // A different component is a different event: nothing dropped.
        let ev = events(
            "1,Service User,Service,2024-04-01,,,Community,Home care,\n\
             1,Service User,Service,2024-04-01,,,Community,Day care,\n",
        );
        let mut l = Ledger::default();
        assert_eq!(dedup(&ev, Method::Y2024_25, &mut l).len(), 2);
        assert!(l.excluded.is_empty());
    }

    #[test]
    fn dedup_outcome_hierarchy_depends_on_method() {
        // Same request twice: "Admitted to Hospital" vs "NFA – Moved to another LA".
        // 2023-24 ranks: hospital 3, moved 12 → hospital kept (row 1).
        // 2024-25 ranks: hospital 6, moved 7 → hospital kept too; use deceased instead:
        // "NFA – Deceased" (R1 11, R2 13) vs "NFA – Support declined" (R1 16, R2 12):
        // 2023-24 keeps deceased (row 1), 2024-25 keeps declined (row 2).
        let ev = events(
            "1,Service User,Request,2024-04-01,2024-04-02,NFA – Deceased,,,\n\
             1,Service User,Request,2024-04-01,2024-04-02,NFA – Support declined,,,\n",
        );
        let mut l = Ledger::default();
        assert_eq!(dedup(&ev, Method::Y2023_24, &mut l)[0].row, 1);
        assert_eq!(dedup(&ev, Method::Y2024_25, &mut l)[0].row, 2);
    }

    #[test]
    fn clustering_one_day_and_seven_days() {
        // A: 1–10 Apr. B starts 11 Apr (gap 1), C starts 19 Apr after B ends 12 Apr (gap 7),
        // D starts 27 Apr after C ends 19 Apr (gap 8).
        let ev = events(
            "1,Service User,Service,2024-04-01,2024-04-10,,ST-Max,,\n\
             1,Service User,Service,2024-04-11,2024-04-12,,ST-Max,,\n\
             1,Service User,Service,2024-04-19,2024-04-19,,ST-Max,,\n\
             1,Service User,Service,2024-04-27,2024-04-30,,ST-Max,,\n",
        );
        // 2023-24 (≤ 1 day): {A,B}, {C}, {D}.
        let c = clusters(&ev, Method::Y2023_24);
        assert_eq!(
            c.iter().map(|c| c.members.len()).collect::<Vec<_>>(),
            vec![2, 1, 1]
        );
        assert_eq!(c[0].end, Some(d(2024, 4, 12)));
        // 2024-25 (≤ 7 days): {A,B,C}, {D}.
        let c = clusters(&ev, Method::Y2024_25);
        assert_eq!(
            c.iter().map(|c| c.members.len()).collect::<Vec<_>>(),
            vec![3, 1]
        );
        assert_eq!(
            (c[0].start, c[0].end),
            (d(2024, 4, 1), Some(d(2024, 4, 19)))
        );
    }

    #[test]
    fn overlapping_and_open_st_max_merge() {
        // A 1–30 Apr, B 10–15 Apr (inside A), C open from 2 May → one open cluster (2024-25);
        // 2023-24: gap from 30 Apr to 2 May is 2 days → {A,B} closed 30 Apr, {C} open.
        let ev = events(
            "1,Service User,Service,2024-04-01,2024-04-30,,ST-Max,,\n\
             1,Service User,Service,2024-04-10,2024-04-15,,ST-Max,,\n\
             1,Service User,Service,2024-05-02,,,ST-Max,,\n",
        );
        let c = clusters(&ev, Method::Y2024_25);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].end, None);
        let c = clusters(&ev, Method::Y2023_24);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].end, Some(d(2024, 4, 30)));
        assert_eq!(sequel(&ev, &c[1], None, Method::Y2023_24), None);
    }

    #[test]
    fn sequel_hierarchy_2024_25() {
        // ST-Max 1–20 May. Within 7 days: ongoing low level (22 May), residential (27 May),
        // a review with "NFA – Other" (21 May). Residential outranks low level.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,,\n\
             1,Service User,Review,2024-05-21,2024-05-21,NFA – Other,,,\n\
             1,Service User,Service,2024-05-22,,,Ongoing Low Level,,\n\
             1,Service User,Service,2024-05-27,,,Residential Care,,\n\
             1,Service User,Service,2024-05-28,,,Nursing Care,,\n",
        );
        let c = &clusters(&ev, Method::Y2024_25)[0];
        // Nursing starts 28 May = 8 days after the end: outside the window.
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::Service(ServiceType::Residential))
        );
        // Death on 25 May (within 7 days of the end) beats every service.
        assert_eq!(
            sequel(&ev, c, Some(d(2024, 5, 25)), Method::Y2024_25),
            Some(Sequel::Deceased)
        );
        // Death on 28 May: 8 days after → not deceased.
        assert_eq!(
            sequel(&ev, c, Some(d(2024, 5, 28)), Method::Y2024_25),
            Some(Sequel::Service(ServiceType::Residential))
        );
    }

    #[test]
    fn sequel_outcome_fallbacks_2024_25() {
        // No service after. Later review outcome "NFA – Information & Advice" wins over the
        // ST-Max's own outcome.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,,\n\
             1,Service User,Review,2024-05-24,2024-05-24,NFA – Information & Advice / Signposting only,,,\n",
        );
        let c = &clusters(&ev, Method::Y2024_25)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::Outcome(EventOutcome::NfaInformationAdvice))
        );
        // Only the ST-Max's own outcome.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,NFA – Support declined,ST-Max,,\n",
        );
        let c = &clusters(&ev, Method::Y2024_25)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::Outcome(EventOutcome::NfaSupportDeclined))
        );
        // No outcome on the ST-Max: a nested review's outcome.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,,ST-Max,,\n\
             1,Service User,Review,2024-05-10,2024-05-10,NFA – Moved to another LA,,,\n",
        );
        let c = &clusters(&ev, Method::Y2024_25)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::Outcome(EventOutcome::NfaMovedToAnotherLa))
        );
        // Short-term residential care in the window.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,,ST-Max,,\n\
             1,Service User,Service,2024-05-21,2024-06-10,,Other Short Term,Short Term Residential Care,\n",
        );
        let c = &clusters(&ev, Method::Y2024_25)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::StResidentialNursing)
        );
    }

    #[test]
    fn sequel_2023_24_chains_three_day_windows() {
        // ST-Max ends 20 May. Window to 23 May. A review 22–24 May extends it to 27 May.
        // Community starts 26 May → found through the chain.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,,\n\
             1,Service User,Review,2024-05-22,2024-05-24,Progress to Support Planning / Services,,,\n\
             1,Service User,Service,2024-05-26,,,Community,,\n",
        );
        let c = &clusters(&ev, Method::Y2023_24)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2023_24),
            Some(Sequel::Service(ServiceType::Community))
        );
        // Without the review the community service (6 days later) is out of reach and the
        // ST-Max's own outcome decides.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,,\n\
             1,Service User,Service,2024-05-26,,,Community,,\n",
        );
        let c = &clusters(&ev, Method::Y2023_24)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2023_24),
            Some(Sequel::Outcome(EventOutcome::SupportEndedAsPlanned))
        );
        // 2024-25 reaches 26 May directly (6 ≤ 7 days).
        let c = &clusters(&ev, Method::Y2024_25)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2024_25),
            Some(Sequel::Service(ServiceType::Community))
        );
        // A chained non-NFA outcome ("Progress to …") is ignored in 2023-24; an NFA one used.
        let ev = events(
            "1,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,,\n\
             1,Service User,Review,2024-05-21,2024-05-21,Progress to Assessment,,,\n\
             1,Service User,Assessment,2024-05-22,2024-05-22,NFA – Deceased,,,\n",
        );
        let c = &clusters(&ev, Method::Y2023_24)[0];
        assert_eq!(
            sequel(&ev, c, None, Method::Y2023_24),
            Some(Sequel::Outcome(EventOutcome::NfaDeceased))
        );
    }

    #[test]
    fn new_client_look_back_and_admission_rule() {
        // Open community service from 2023: never new.
        let ev = events("1,Service User,Service,2023-01-01,,,Community,,\n");
        assert!(!is_new_client(&ev, d(2024, 6, 1)));
        // Started after the date: does not count.
        assert!(is_new_client(&ev, d(2022, 6, 1)));

        // Admissions: residential 1 Jan–1 May 2023, nursing from 30 Apr 2024 (365 days after
        // 1 May 2023) → new; from 29 Apr 2024 (364 days) → not new.
        let ev = events(
            "1,Service User,Service,2023-01-01,2023-05-01,,Residential Care,,\n\
             1,Service User,Service,2024-04-29,,,Nursing Care,,\n",
        );
        assert!(!is_new_admission(&ev, 1));
        assert!(is_new_admission(&ev, 0));
        // A short-term residential component is not a permanent placement.
        let ev = events(
            "1,Service User,Service,2024-01-01,2024-02-01,,Residential Care,Short Term Residential Care,\n\
             1,Service User,Service,2024-04-29,,,Nursing Care,,\n",
        );
        assert!(is_new_admission(&ev, 1));
    }
}
