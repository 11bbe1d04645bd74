//! The defined lists of Client Level Data (spec-ascof.md §5.3) as typed enums.
//!
//! Every accepted spelling — Release 1 and Release 2 — lives in data files embedded in the crate
//! (`core/data/records/spellings.csv` and `event-outcomes.csv`, provenance in the README next to
//! them). [`parse`] maps a spelling to its enum; matching ignores case, spacing, `&`/`and` and the
//! separator used (`–`, `—`, `-`, `:`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::model::Method;

const SPELLINGS: &str = include_str!("../../data/records/spellings.csv");
const OUTCOMES: &str = include_str!("../../data/records/event-outcomes.csv");

/// A defined list whose values have a stable snake_case code.
pub trait Coded: Sized + Copy + 'static {
    /// The name of the list in the spellings table (e.g. `"service_type"`).
    const LIST: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The stable snake_case code of this value.
    fn code(self) -> &'static str;
    /// The value with this code.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident, $list:literal { $($(#[$vmeta:meta])* $var:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $var,)+
        }
        impl Coded for $name {
            const LIST: &'static str = $list;
            const ALL: &'static [Self] = &[$(Self::$var),+];
            fn code(self) -> &'static str {
                match self { $(Self::$var => $code,)+ }
            }
        }
    };
}

coded_enum!(
    /// Event type (§5.1): the four kinds of CLD event.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, EventType};
    /// assert_eq!(parse::<EventType>("Service"), Some(EventType::Service));
    /// ```
    EventType, "event_type" {
        /// A request for support.
        Request = "request",
        /// An assessment (including carers' assessments).
        Assessment = "assessment",
        /// A service (long-term, short-term or carer support).
        Service = "service",
        /// A review.
        Review = "review",
    }
);

coded_enum!(
    /// Client type (§5.2).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, ClientType};
    /// assert_eq!(parse::<ClientType>("service user"), Some(ClientType::ServiceUser));
    /// ```
    ClientType, "client_type" {
        /// Service user.
        ServiceUser = "service_user",
        /// Carer.
        Carer = "carer",
        /// Carer known by association.
        CarerByAssociation = "carer_by_association",
    }
);

coded_enum!(
    /// Service type (§5.3): long-term, short-term and carer support.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, ServiceType};
    /// assert_eq!(parse::<ServiceType>("Long term support: Nursing care"), Some(ServiceType::Nursing));
    /// assert!(ServiceType::Nursing.is_long_term());
    /// ```
    ServiceType, "service_type" {
        /// Long-term: nursing care.
        Nursing = "nursing",
        /// Long-term: residential care.
        Residential = "residential",
        /// Long-term: community.
        Community = "community",
        /// Long-term: prison.
        Prison = "prison",
        /// Short-term: ST-Max (reablement).
        StMax = "st_max",
        /// Short-term: ongoing low level.
        OngoingLowLevel = "ongoing_low_level",
        /// Short-term: other short term.
        OtherShortTerm = "other_short_term",
        /// Carer support: direct to carer.
        CarerDirect = "carer_direct",
        /// Carer support: support involving the person cared for.
        CarerWithCaredFor = "carer_with_cared_for",
    }
);

impl ServiceType {
    /// Long-term support (nursing, residential, community, prison).
    pub fn is_long_term(self) -> bool {
        matches!(
            self,
            Self::Nursing | Self::Residential | Self::Community | Self::Prison
        )
    }

    /// Carer-specific support.
    pub fn is_carer_support(self) -> bool {
        matches!(self, Self::CarerDirect | Self::CarerWithCaredFor)
    }

    /// Rank of a long-term setting in the SALT hierarchy Nursing > Residential > Community >
    /// Prison (0 = highest); `None` for other types.
    pub fn setting_rank(self) -> Option<u8> {
        match self {
            Self::Nursing => Some(0),
            Self::Residential => Some(1),
            Self::Community => Some(2),
            Self::Prison => Some(3),
            _ => None,
        }
    }
}

coded_enum!(
    /// Delivery mechanism of a service (§5.3).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, DeliveryMechanism};
    /// assert_eq!(parse::<DeliveryMechanism>("direct payment"), Some(DeliveryMechanism::DirectPayment));
    /// ```
    DeliveryMechanism, "delivery_mechanism" {
        /// Direct payment.
        DirectPayment = "direct_payment",
        /// CASSR-managed personal budget.
        CassrManagedPb = "cassr_managed_pb",
        /// CASSR-commissioned support.
        CassrCommissioned = "cassr_commissioned",
        /// Self-funder metering only (not yet to be used).
        SelfFunderMetering = "self_funder_metering",
    }
);

coded_enum!(
    /// Request route of access (§5.3).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, RouteOfAccess};
    /// assert_eq!(parse::<RouteOfAccess>("Discharge from Hospital"), Some(RouteOfAccess::DischargeFromHospital));
    /// ```
    RouteOfAccess, "route_of_access" {
        /// Planned entry (transition).
        PlannedEntry = "planned_entry",
        /// Discharge from hospital.
        DischargeFromHospital = "discharge_from_hospital",
        /// Diversion from hospital services.
        DiversionFromHospital = "diversion_from_hospital",
        /// Community / other route.
        Community = "community",
        /// Prison.
        Prison = "prison",
        /// Self-funder.
        SelfFunder = "self_funder",
        /// Discharge from reablement.
        DischargeFromReablement = "discharge_from_reablement",
        /// Transfer from another LA.
        TransferFromOtherLa = "transfer_from_other_la",
    }
);

coded_enum!(
    /// Accommodation status (§5.3), with its SALT settled/unsettled class.
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, AccommodationStatus};
    /// let s = parse::<AccommodationStatus>("Tenant - private").unwrap();
    /// assert!(s.is_settled());
    /// ```
    AccommodationStatus, "accommodation_status" {
        /// Owner occupier / shared ownership (settled).
        OwnerOccupier = "owner_occupier",
        /// Tenant – LA/social landlord (settled).
        TenantSocial = "tenant_social",
        /// Tenant – private (settled).
        TenantPrivate = "tenant_private",
        /// Settled mainstream housing with family/friends (settled).
        WithFamilyFriends = "with_family_friends",
        /// Supported accommodation / lodgings / group home (settled).
        SupportedAccommodation = "supported_accommodation",
        /// Shared Lives (settled).
        SharedLives = "shared_lives",
        /// Approved premises (settled).
        ApprovedPremises = "approved_premises",
        /// Sheltered housing / extra care (settled).
        ShelteredExtraCare = "sheltered_extra_care",
        /// Mobile accommodation for Gypsy/Roma/Traveller communities (settled).
        MobileAccommodation = "mobile_accommodation",
        /// Rough sleeper.
        RoughSleeper = "rough_sleeper",
        /// Night shelter / hostel.
        NightShelterHostel = "night_shelter_hostel",
        /// Refuge.
        Refuge = "refuge",
        /// Council temporary accommodation.
        CouncilTemporary = "council_temporary",
        /// Short-term guest with family/friends.
        ShortTermGuest = "short_term_guest",
        /// Acute/long-term healthcare facility.
        HealthcareFacility = "healthcare_facility",
        /// Registered care home.
        RegisteredCareHome = "registered_care_home",
        /// Registered nursing home.
        RegisteredNursingHome = "registered_nursing_home",
        /// Prison / YOI.
        PrisonYoi = "prison_yoi",
        /// Other temporary.
        OtherTemporary = "other_temporary",
        /// Unknown.
        Unknown = "unknown",
    }
);

impl AccommodationStatus {
    /// SALT "settled" accommodation (§5.3 left column).
    pub fn is_settled(self) -> bool {
        (self as u8) <= (Self::MobileAccommodation as u8)
    }
}

coded_enum!(
    /// Primary support reason (§5.3).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, PrimarySupportReason};
    /// assert_eq!(parse::<PrimarySupportReason>("Learning Disability Support"),
    ///            Some(PrimarySupportReason::LearningDisability));
    /// ```
    PrimarySupportReason, "primary_support_reason" {
        /// Physical support: access & mobility only.
        PhysicalMobility = "physical_mobility",
        /// Physical support: personal care.
        PhysicalPersonalCare = "physical_personal_care",
        /// Sensory support: visual.
        SensoryVisual = "sensory_visual",
        /// Sensory support: hearing.
        SensoryHearing = "sensory_hearing",
        /// Sensory support: dual.
        SensoryDual = "sensory_dual",
        /// Support with memory & cognition.
        MemoryCognition = "memory_cognition",
        /// Learning disability support.
        LearningDisability = "learning_disability",
        /// Mental health support.
        MentalHealth = "mental_health",
        /// Social support: substance misuse.
        SocialSubstanceMisuse = "social_substance_misuse",
        /// Social support: asylum seeker.
        SocialAsylumSeeker = "social_asylum_seeker",
        /// Social support: social isolation or other.
        SocialIsolationOther = "social_isolation_other",
        /// Unknown.
        Unknown = "unknown",
    }
);

coded_enum!(
    /// Event outcome: the union of the Release 1 and Release 2 lists, each value with its rank in
    /// the de-duplication hierarchy of each method year ([`EventOutcome::rank`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use care_outcomes::records::{parse, EventOutcome, Method};
    /// let r1 = parse::<EventOutcome>("NFA – Deceased").unwrap();
    /// let r2 = parse::<EventOutcome>("NFA: Deceased").unwrap();
    /// assert_eq!(r1, EventOutcome::NfaDeceased);
    /// assert_eq!(r1, r2);
    /// assert_eq!(r1.rank(Method::Y2023_24), 11);
    /// assert_eq!(r1.rank(Method::Y2024_25), 13);
    /// ```
    EventOutcome, "event_outcome" {
        /// Progress to reablement/ST-Max.
        ProgressToReablement = "progress_to_reablement",
        /// Progress to assessment (R2: assessment, review or reassessment).
        ProgressToAssessment = "progress_to_assessment",
        /// Admitted to hospital.
        AdmittedToHospital = "admitted_to_hospital",
        /// Progress to re-assessment / unplanned review (R1 only).
        ProgressToReassessment = "progress_to_reassessment",
        /// Progress to support planning / services.
        ProgressToSupportPlanning = "progress_to_support_planning",
        /// Progress to end of life care (R1 only).
        ProgressToEndOfLifeCare = "progress_to_end_of_life_care",
        /// No change in package (R1) / continuation of support or services (R2).
        ContinuationOfSupport = "continuation_of_support",
        /// Service ended as planned (R1) / NFA: support ended as planned (R2).
        SupportEndedAsPlanned = "support_ended_as_planned",
        /// Progress to financial assessment (R1 only).
        ProgressToFinancialAssessment = "progress_to_financial_assessment",
        /// Provision of service (R1 only).
        ProvisionOfService = "provision_of_service",
        /// NFA – deceased.
        NfaDeceased = "nfa_deceased",
        /// NFA – moved to another LA.
        NfaMovedToAnotherLa = "nfa_moved_to_another_la",
        /// NFA – 100% NHS-funded care (R2: referral to NHS services or NHS-funded social care).
        NfaNhsFunded = "nfa_nhs_funded",
        /// NFA – information & advice / signposting only.
        NfaInformationAdvice = "nfa_information_advice",
        /// NFA – self-funded client (inc. 12-week disregard).
        NfaSelfFunded = "nfa_self_funded",
        /// NFA – support declined.
        NfaSupportDeclined = "nfa_support_declined",
        /// NFA – support ended, other reason.
        NfaSupportEndedOther = "nfa_support_ended_other",
        /// NFA – no services offered, other reason.
        NfaNoServicesOther = "nfa_no_services_other",
        /// NFA – other.
        NfaOther = "nfa_other",
        /// NFA: referral to other service within the local authority (R2 only).
        NfaReferralOtherLaService = "nfa_referral_other_la_service",
    }
);

impl EventOutcome {
    /// Rank in the de-duplication hierarchy of `method` (1 = kept first), from
    /// `event-outcomes.csv`.
    pub fn rank(self, method: Method) -> u8 {
        let t = &tables().outcomes[self as usize];
        match method {
            Method::Y2023_24 => t.0,
            Method::Y2024_25 => t.1,
        }
    }

    /// Whether the outcome closes the case with no further action ("NFA – …", including
    /// support ended as planned).
    pub fn is_nfa(self) -> bool {
        tables().outcomes[self as usize].2
    }
}

type CodeCheck = fn(&str) -> Option<&'static str>;

struct Tables {
    /// (list, normalised spelling) → code.
    spellings: HashMap<(&'static str, String), &'static str>,
    /// per EventOutcome discriminant: (rank 2023-24, rank 2024-25, nfa).
    outcomes: Vec<(u8, u8, bool)>,
}

/// Normalises a spelling for matching: lower case, `&` → `and`, separators `–—:` → `-`, single
/// spaces around `-` and `/`, trimmed.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        match ch {
            '–' | '—' | ':' | '-' => out.push_str(" - "),
            '/' => out.push_str(" / "),
            '&' => out.push_str(" and "),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn split_csv_line(line: &str) -> Vec<&str> {
    // The embedded tables quote only fields containing commas.
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        if let Some(stripped) = rest.strip_prefix('"') {
            let end = stripped.find('"').expect("embedded table: closing quote");
            fields.push(&stripped[..end]);
            rest = &stripped[end + 1..];
            match rest.strip_prefix(',') {
                Some(r) => rest = r,
                None => break,
            }
        } else if let Some(i) = rest.find(',') {
            fields.push(&rest[..i]);
            rest = &rest[i + 1..];
        } else {
            fields.push(rest);
            break;
        }
    }
    fields
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut spellings = HashMap::new();
        let lists: [(&'static str, CodeCheck); 7] = [
            (EventType::LIST, |c| {
                EventType::from_code(c).map(Coded::code)
            }),
            (ClientType::LIST, |c| {
                ClientType::from_code(c).map(Coded::code)
            }),
            (ServiceType::LIST, |c| {
                ServiceType::from_code(c).map(Coded::code)
            }),
            (DeliveryMechanism::LIST, |c| {
                DeliveryMechanism::from_code(c).map(Coded::code)
            }),
            (RouteOfAccess::LIST, |c| {
                RouteOfAccess::from_code(c).map(Coded::code)
            }),
            (AccommodationStatus::LIST, |c| {
                AccommodationStatus::from_code(c).map(Coded::code)
            }),
            (PrimarySupportReason::LIST, |c| {
                PrimarySupportReason::from_code(c).map(Coded::code)
            }),
        ];
        for line in SPELLINGS.lines().skip(1).filter(|l| !l.is_empty()) {
            let f = split_csv_line(line);
            let (list, code, spelling) = (f[0], f[1], f[3]);
            let (list, check) = lists
                .iter()
                .find(|(l, _)| *l == list)
                .expect("spellings.csv: known list");
            let code = check(code).expect("spellings.csv: known code");
            spellings.insert((*list, normalise(spelling)), code);
            spellings.insert((*list, normalise(code)), code);
        }
        let mut outcomes = vec![(0, 0, false); EventOutcome::ALL.len()];
        for line in OUTCOMES.lines().skip(1).filter(|l| !l.is_empty()) {
            let f = split_csv_line(line);
            let o = EventOutcome::from_code(f[0]).expect("event-outcomes.csv: known code");
            outcomes[o as usize] = (
                f[1].parse().expect("rank"),
                f[2].parse().expect("rank"),
                f[3] == "true",
            );
            for s in [f[0], f[4], f[5]] {
                if !s.is_empty() {
                    spellings.insert((EventOutcome::LIST, normalise(s)), o.code());
                }
            }
        }
        Tables {
            spellings,
            outcomes,
        }
    })
}

/// Parses a Release 1 or Release 2 spelling (or the stable code) of a defined-list value.
///
/// Returns `None` when the text is not a known spelling of the list.
///
/// # Examples
///
/// ```
/// use care_outcomes::records::{parse, ServiceType};
/// assert_eq!(parse::<ServiceType>("Short term support: ST-Max"), Some(ServiceType::StMax));
/// assert_eq!(parse::<ServiceType>("st_max"), Some(ServiceType::StMax));
/// assert_eq!(parse::<ServiceType>("Meals on wheels"), None);
/// ```
pub fn parse<T: Coded>(text: &str) -> Option<T> {
    let key = (T::LIST, normalise(text));
    tables()
        .spellings
        .get(&key)
        .and_then(|code| T::from_code(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_a_spelling_and_every_outcome_a_rank() {
        fn check<T: Coded + PartialEq + std::fmt::Debug>() {
            for v in T::ALL {
                assert_eq!(parse::<T>(v.code()), Some(*v), "{}", v.code());
            }
        }
        check::<EventType>();
        check::<ClientType>();
        check::<ServiceType>();
        check::<DeliveryMechanism>();
        check::<RouteOfAccess>();
        check::<AccommodationStatus>();
        check::<PrimarySupportReason>();
        check::<EventOutcome>();
        for o in EventOutcome::ALL {
            assert!(o.rank(Method::Y2023_24) >= 1, "{o:?}");
            assert!(o.rank(Method::Y2024_25) >= 1, "{o:?}");
        }
    }

    #[test]
    fn r1_hierarchy_is_the_spec_order() {
        // §5.3: the R1 list is declared in hierarchy order 1..=19.
        for (i, o) in EventOutcome::ALL.iter().enumerate().take(19) {
            assert_eq!(usize::from(o.rank(Method::Y2023_24)), i + 1, "{o:?}");
        }
    }

    #[test]
    fn r1_and_r2_spellings_meet() {
        assert_eq!(
            parse::<EventOutcome>("NFA – Information & Advice / Signposting only"),
            Some(EventOutcome::NfaInformationAdvice)
        );
        assert_eq!(
            parse::<EventOutcome>("NFA: Information and advice or signposting"),
            Some(EventOutcome::NfaInformationAdvice)
        );
        assert_eq!(
            parse::<EventOutcome>("nfa - support ended - other reason"),
            Some(EventOutcome::NfaSupportEndedOther)
        );
        assert_eq!(
            parse::<ServiceType>("Unpaid carer support: Direct to carer"),
            Some(ServiceType::CarerDirect)
        );
        assert_eq!(
            parse::<AccommodationStatus>("TENANT – LA/SOCIAL LANDLORD"),
            Some(AccommodationStatus::TenantSocial)
        );
        assert_eq!(parse::<EventOutcome>("Cancelled"), None);
    }

    #[test]
    fn settled_classes_follow_the_spec_table() {
        let settled: Vec<_> = AccommodationStatus::ALL
            .iter()
            .filter(|s| s.is_settled())
            .collect();
        assert_eq!(settled.len(), 9);
        assert!(!AccommodationStatus::Unknown.is_settled());
        assert!(!AccommodationStatus::RegisteredCareHome.is_settled());
    }
}
