//! The per-row seam of the reader: [`Builder::push`] validates one CLD row (fields fetched by
//! column index, whatever the source: CSV, column buffers, Arrow) into an [`Event`]; partial
//! builders of consecutive row ranges merge in input order ([`Builder::append`]); person
//! identity is resolved once, globally, in [`Builder::finish`] (§5.4 "Person ID").
//!
//! Only the keys that can identify a person are numbered: the NHS number where a row has one,
//! else its LA person id. The LA ids of rows that also carry an NHS number are only kept (as
//! packed keys, consecutive repeats dropped) to find, at the end, the LA-id-only rows whose id
//! co-occurs with an NHS number; those few keys form the only table that check looks up.
//!
//! The row path allocates nothing per row: defined-list values, LA codes, assessment types and
//! service components go through per-column caches keyed by the raw bytes (a last-value check,
//! then a small hash table), dates are parsed from bytes, and person keys are packed into two
//! machine words (numeric ids as numbers, short ids inline, only long ids interned as text).

use std::collections::HashMap;
use std::hash::BuildHasher;

use chrono::NaiveDate;

use super::ledger::Ledger;
use super::lists::{
    AccommodationStatus, ClientType, Coded, DeliveryMechanism, EventOutcome, EventType,
    PrimarySupportReason, RouteOfAccess, ServiceType, normalise, parse,
};
use super::model::{Event, FastHash, Symbols};
use super::reader::{Dataset, Field, date_of, parse_date_bytes, parse_ymd};
use crate::{Error, Location, Result};

/// Column index of each [`Field`] (by `Field as usize`).
pub(super) type Columns = [Option<usize>; Field::ALL.len()];

/// Most distinct raw spellings a per-column cache keeps (beyond it, values are computed each
/// time: free-text columns cannot grow the caches without bound).
const CACHE_LIMIT: usize = 1 << 16;

/// A per-column cache of a pure function of a field's raw bytes: an open-addressing table
/// (linear probing, at most half full) keyed by the length and the first and last 8 bytes
/// (which are the whole value up to 16 bytes; longer values also compare their middle), so a
/// look-up costs a few word operations (values are short and few, and the library's byte-wise
/// hashing and `memcmp` calls would dominate the row path).
struct Cache<V> {
    /// Entry index + 1 per slot (0 = empty); the length is a power of two.
    slots: Vec<u32>,
    entries: Vec<(Words, Box<[u8]>, V)>,
}

/// A byte string's length and first and last 8 bytes (zero-padded when shorter).
type Words = (usize, u64, u64);

#[inline]
fn load8(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

#[inline]
fn words(b: &[u8]) -> Words {
    if b.len() >= 8 {
        (b.len(), load8(b, 0), load8(b, b.len() - 8))
    } else {
        let w = b
            .iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
        (b.len(), w, 0)
    }
}

#[inline]
fn hash_words((len, a, b): Words) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let h = ((len as u64 ^ a.rotate_left(23)).wrapping_mul(K) ^ b).wrapping_mul(K);
    h ^ (h >> 31)
}

impl<V: Copy> Cache<V> {
    fn new() -> Self {
        Cache {
            slots: vec![0; 64],
            entries: Vec::new(),
        }
    }

    #[inline]
    fn get(&mut self, raw: &[u8], compute: impl FnOnce(&[u8]) -> V) -> V {
        let w = words(raw);
        let mask = self.slots.len() - 1;
        #[allow(clippy::cast_possible_truncation)]
        let mut i = hash_words(w) as usize & mask;
        loop {
            let e = self.slots[i] as usize;
            if e == 0 {
                break;
            }
            let (ew, key, v) = &self.entries[e - 1];
            if *ew == w && (raw.len() <= 16 || key[8..] == raw[8..]) {
                return *v;
            }
            i = (i + 1) & mask;
        }
        let v = compute(raw);
        if self.entries.len() < CACHE_LIMIT {
            self.entries.push((w, raw.into(), v));
            self.slots[i] = u32::try_from(self.entries.len()).expect("small table");
            if self.entries.len() * 2 > self.slots.len() {
                self.grow();
            }
        }
        v
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (k, (w, ..)) in self.entries.iter().enumerate() {
            #[allow(clippy::cast_possible_truncation)]
            let mut i = hash_words(*w) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = u32::try_from(k + 1).expect("small table");
        }
        self.slots = slots;
    }
}

/// A defined-list field's value, as a function of its raw bytes.
#[derive(Clone, Copy)]
enum Listed<T> {
    /// Absent or only ASCII whitespace.
    Blank,
    /// A recognised spelling.
    Value(T),
    /// Not a spelling of the list.
    Unknown,
}

fn listed<T: Coded>(raw: &[u8]) -> Listed<T> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Listed::Blank;
    }
    match std::str::from_utf8(raw.trim_ascii())
        .ok()
        .and_then(parse::<T>)
    {
        Some(v) => Listed::Value(v),
        None => Listed::Unknown,
    }
}

/// Whether `b` is a `char::is_whitespace` character (for ASCII bytes).
fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The text of a field: `Err` when it is not UTF-8, `None` when empty after `str::trim`.
fn text(raw: &[u8]) -> std::result::Result<Option<&[u8]>, ()> {
    // Most fields: ASCII with no whitespace at either end.
    match (raw.first(), raw.last()) {
        (None, _) | (_, None) => return Ok(None),
        (Some(&a), Some(&z)) if a > b' ' && z > b' ' && raw.is_ascii() => return Ok(Some(raw)),
        _ => {}
    }
    if raw.is_ascii() {
        let start = raw.iter().position(|&b| !is_ws(b)).unwrap_or(raw.len());
        let end = raw
            .iter()
            .rposition(|&b| !is_ws(b))
            .map_or(start, |e| e + 1);
        return Ok(Some(&raw[start..end]).filter(|s| !s.is_empty()));
    }
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(Some(s.trim().as_bytes()).filter(|s| !s.is_empty())),
        Err(_) => Err(()),
    }
}

/// A service component's symbol and flags (short term, short-term residential or nursing,
/// direct payment).
type Component = (u32, (bool, bool, bool));

/// Person keys (LA symbol, kind, id) packed into two words; the keys that identify persons are
/// numbered densely from 1 in order of first appearance.
///
/// Word `hi`: LA symbol (bits 32..64), kind (bit 31: 1 = LA person id, 0 = NHS number), tag
/// (bits 29..31) and, for short ids, the length (bits 24..28) and bytes 8..11 (bits 0..24).
/// Word `lo`: the number (tag 0: all digits, no leading zero unless "0", at most 18 digits),
/// bytes 0..8 (tag 1: at most 11 bytes otherwise) or the id of the interned text (tag 2).
#[derive(Default)]
struct PersonKeys {
    ids: KeyTable,
    /// The last two keys numbered and their ids (a person's rows often run together).
    recent: [((u64, u64), u32); 2],
    /// Long ids: text → number, and number → text (index = number).
    long_ids: HashMap<Box<[u8]>, u32, FastHash>,
    long_texts: Vec<Box<[u8]>>,
}

const TAG_NUMBER: u64 = 0;
const TAG_SHORT: u64 = 1;
const TAG_LONG: u64 = 2;
/// No key (tag 3 is never packed).
const NO_KEY: (u64, u64) = (3 << 29, 0);

impl PersonKeys {
    fn pack(&mut self, la: u32, kind_la_id: bool, id: &[u8]) -> (u64, u64) {
        let head = (u64::from(la) << 32) | (u64::from(kind_la_id) << 31);
        let digits = !id.is_empty()
            && id.len() <= 18
            && id.iter().all(u8::is_ascii_digit)
            && (id.len() == 1 || id[0] != b'0');
        if digits {
            let n = id
                .iter()
                .fold(0u64, |acc, &c| acc * 10 + u64::from(c - b'0'));
            return (head | (TAG_NUMBER << 29), n);
        }
        if id.len() <= 11 {
            let mut lo = [0u8; 8];
            let k = id.len().min(8);
            lo[..k].copy_from_slice(&id[..k]);
            let mut hi = 0u64;
            for (i, &b) in id.iter().enumerate().skip(8) {
                hi |= u64::from(b) << (8 * (i - 8));
            }
            return (
                head | (TAG_SHORT << 29) | ((id.len() as u64) << 24) | hi,
                u64::from_le_bytes(lo),
            );
        }
        (head | (TAG_LONG << 29), u64::from(self.long(id)))
    }

    fn long(&mut self, id: &[u8]) -> u32 {
        if let Some(&n) = self.long_ids.get(id) {
            return n;
        }
        let n = u32::try_from(self.long_texts.len()).expect("fewer than 2^32 person ids");
        self.long_texts.push(id.into());
        self.long_ids.insert(id.into(), n);
        n
    }

    fn intern(&mut self, key: (u64, u64)) -> u32 {
        for &(k, id) in &self.recent {
            if k == key && id != 0 {
                return id;
            }
        }
        let id = self.ids.number(key);
        // Keys alternate NHS number, LA id: keep one of each kind.
        self.recent[usize::from(key.0 >> 31 & 1 == 1)] = (key, id);
        id
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Packed person keys numbered from 1 in order of first appearance: an open-addressing table
/// (linear probing, at most three quarters full) whose slots hold the key and its number side
/// by side, so that numbering a new key costs one cache line (millions of keys: the table is
/// far larger than the caches, and a table with separate control bytes touches two or three
/// lines per new key).
#[derive(Default)]
struct KeyTable {
    /// `(NO_KEY, 0)` = empty; the length is 0 or a power of two.
    slots: Vec<((u64, u64), u32)>,
    len: usize,
}

impl KeyTable {
    fn index(&self, key: (u64, u64)) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let h = FastHash::default().hash_one(key) as usize;
        h & (self.slots.len() - 1)
    }

    /// The number of `key`, numbering it `len + 1` when new.
    fn number(&mut self, key: (u64, u64)) -> u32 {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow(self.len + 1);
        }
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            let (k, id) = self.slots[i];
            if k == key {
                return id;
            }
            if k == NO_KEY {
                self.len += 1;
                let id = u32::try_from(self.len).expect("fewer than 2^32 person keys");
                self.slots[i] = (key, id);
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// Room for `keys` keys in all.
    fn grow(&mut self, keys: usize) {
        let size = (keys * 4 / 3 + 1).next_power_of_two().max(64);
        if size <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![(NO_KEY, 0); size]);
        let mask = size - 1;
        for (key, id) in old {
            if key != NO_KEY {
                let mut i = self.index(key);
                while self.slots[i].0 != NO_KEY {
                    i = (i + 1) & mask;
                }
                self.slots[i] = (key, id);
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// The person keys of a finished dataset, by person id (index 0 = no key): what
/// [`Dataset::person`] decodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PersonKeyTable {
    keys: Vec<(u64, u64)>,
    long_texts: Vec<Box<[u8]>>,
}

impl PersonKeyTable {
    fn from_keys(people: PersonKeys) -> Self {
        let mut keys = vec![NO_KEY; people.len() + 1];
        for (key, id) in people.ids.slots {
            if key != NO_KEY {
                keys[id as usize] = key;
            }
        }
        PersonKeyTable {
            keys,
            long_texts: people.long_texts,
        }
    }

    /// The LA symbol, whether the id is an LA person id (else an NHS number), and the id text.
    pub(super) fn decode(&self, person: u32) -> Option<(u32, bool, std::borrow::Cow<'_, str>)> {
        let &(hi, lo) = self.keys.get(person as usize)?;
        if (hi, lo) == NO_KEY {
            return None;
        }
        let la = u32::try_from(hi >> 32).ok()?;
        let la_id = (hi >> 31) & 1 == 1;
        let text = match (hi >> 29) & 3 {
            TAG_NUMBER => std::borrow::Cow::Owned(lo.to_string()),
            TAG_SHORT => {
                let len = usize::try_from((hi >> 24) & 0x1f).ok()?;
                let mut bytes = lo.to_le_bytes()[..len.min(8)].to_vec();
                bytes.extend((8..len).map(|i| ((hi >> (8 * (i - 8))) & 0xff) as u8));
                std::borrow::Cow::Owned(String::from_utf8(bytes).ok()?)
            }
            _ => std::borrow::Cow::Borrowed(
                std::str::from_utf8(self.long_texts.get(usize::try_from(lo).ok()?)?).ok()?,
            ),
        };
        Some((la, la_id, text))
    }
}

/// Validates rows into events. One builder reads a whole input, or one range of rows of it
/// (a partial, [`Builder::partial`]) that is merged in input order with [`Builder::append`].
pub(super) struct Builder {
    columns: Columns,
    symbols: Symbols,
    ledger: Ledger,
    cancelled: u64,
    /// Validated events; `person` is the number of the event's person key (the NHS number,
    /// else the LA id) until [`Builder::finish`] resolves conflicts.
    events: Vec<Event>,
    /// Indices in `events` of the events identified by an LA person id alone.
    la_only: Vec<usize>,
    /// Packed LA-id keys of events that also carry an NHS number (a repeat of the previous one
    /// is not stored again).
    linked_la: Vec<(u64, u64)>,
    people: PersonKeys,
    /// Partial builders only: each event's packed person key, numbered when merged, so that
    /// person keys are hashed once, in input order.
    packed: Option<Vec<(u64, u64)>>,
    event_type: Cache<Listed<EventType>>,
    client_type: Cache<Listed<ClientType>>,
    service_type: Cache<Listed<ServiceType>>,
    delivery: Cache<Listed<DeliveryMechanism>>,
    route: Cache<Listed<RouteOfAccess>>,
    accommodation: Cache<Listed<AccommodationStatus>>,
    psr: Cache<Listed<PrimarySupportReason>>,
    outcome: Cache<Listed<EventOutcome>>,
    la: Cache<std::result::Result<u32, ()>>,
    assessment: Cache<std::result::Result<u32, ()>>,
    component: Cache<std::result::Result<Component, ()>>,
}

/// A rejection reason.
type Reject = String;

impl Builder {
    /// A builder for rows whose fields sit at `columns`.
    ///
    /// # Errors
    /// `missing_input` when `event_type`, `event_start_date` or both person-id columns are
    /// absent.
    #[allow(clippy::large_types_passed_by_value)]
    pub(super) fn new(columns: Columns) -> Result<Self> {
        for f in [Field::EventType, Field::EventStartDate] {
            if columns[f as usize].is_none() {
                return Err(Error::MissingInput {
                    field: f.name(),
                    at: Location::NONE,
                });
            }
        }
        if columns[Field::NhsNumber as usize].is_none()
            && columns[Field::LaPersonId as usize].is_none()
        {
            return Err(Error::MissingInput {
                field: "nhs_number or la_person_unique_identifier",
                at: Location::NONE,
            });
        }
        Ok(Builder {
            columns,
            symbols: Symbols::new(),
            ledger: Ledger::default(),
            cancelled: 0,
            events: Vec::new(),
            la_only: Vec::new(),
            linked_la: Vec::new(),
            people: PersonKeys::default(),
            packed: None,
            event_type: Cache::new(),
            client_type: Cache::new(),
            service_type: Cache::new(),
            delivery: Cache::new(),
            route: Cache::new(),
            accommodation: Cache::new(),
            psr: Cache::new(),
            outcome: Cache::new(),
            la: Cache::new(),
            assessment: Cache::new(),
            component: Cache::new(),
        })
    }

    /// A builder for one range of rows, to be merged into another with [`Builder::append`].
    pub(super) fn partial(&self) -> Self {
        Builder::partial_of(self.columns)
    }

    /// [`Builder::partial`] of a builder whose fields sit at `columns` (already checked by
    /// [`Builder::new`]).
    #[allow(clippy::large_types_passed_by_value)]
    pub(super) fn partial_of(columns: Columns) -> Self {
        let mut b = Builder::new(columns).expect("columns already checked");
        b.packed = Some(Vec::new());
        b
    }

    /// Column index of each field.
    pub(super) fn columns(&self) -> Columns {
        self.columns
    }

    /// Reads one row: `get(i)` is the raw bytes of column `i` (`None` past the row's end or
    /// for a null). Rows are numbered from 1 in push order.
    pub(super) fn push<'a>(&mut self, get: impl Fn(usize) -> Option<&'a [u8]>) {
        self.ledger.read += 1;
        let row = self.ledger.read;
        match self.validate(row, &get) {
            Ok(true) => {}
            Ok(false) => self.cancelled += 1,
            Err(reason) => self.ledger.reject(row, reason),
        }
    }

    /// Validates a row and stores its event: `Ok(false)` when it is cancelled.
    #[allow(clippy::too_many_lines)]
    fn validate<'a>(
        &mut self,
        row: u64,
        get: &impl Fn(usize) -> Option<&'a [u8]>,
    ) -> std::result::Result<bool, Reject> {
        let columns = self.columns;
        let col = |f: Field| columns[f as usize].and_then(get);
        let utf8 = |f: Field| -> std::result::Result<Option<&'a [u8]>, Reject> {
            match col(f) {
                None => Ok(None),
                Some(b) => text(b).map_err(|()| format!("invalid_utf8:{}", f.name())),
            }
        };
        let date = |f: Field| -> std::result::Result<Option<NaiveDate>, Reject> {
            match utf8(f)? {
                None => Ok(None),
                Some(t) => parse_date_bytes(t)
                    .map(Some)
                    .ok_or_else(|| format!("invalid_date:{}", f.name())),
            }
        };
        // Cancelled events are excluded (§5.1), whatever else the row holds.
        for f in [Field::EventOutcome, Field::EventDescription] {
            if col(f).is_some_and(|b| b.trim_ascii().eq_ignore_ascii_case(b"cancelled")) {
                return Ok(false);
            }
        }
        macro_rules! list {
            ($cache:ident, $field:expr) => {{
                match col($field) {
                    None => None,
                    Some(raw) if raw.is_empty() => None,
                    Some(raw) => match self.$cache.get(raw, listed) {
                        Listed::Blank => None,
                        Listed::Value(v) => Some(v),
                        Listed::Unknown => {
                            return Err(format!("unknown_value:{}", $field.name()));
                        }
                    },
                }
            }};
            ($cache:ident, $field:expr, required) => {{ list!($cache, $field).ok_or_else(|| format!("missing:{}", $field.name()))? }};
        }
        let event_type = list!(event_type, Field::EventType, required);
        let start = date(Field::EventStartDate)?
            .ok_or_else(|| format!("missing:{}", Field::EventStartDate.name()))?;
        let end = date(Field::EventEndDate)?;
        if end.is_some_and(|e| e < start) {
            return Err("end_before_start".to_owned());
        }
        let client_type = if columns[Field::ClientType as usize].is_some() {
            list!(client_type, Field::ClientType, required)
        } else {
            ClientType::ServiceUser
        };
        let service_type = list!(service_type, Field::ServiceType);
        if event_type == EventType::Service && service_type.is_none() {
            return Err(format!("missing:{}", Field::ServiceType.name()));
        }
        let delivery = list!(delivery, Field::DeliveryMechanism);
        let route = list!(route, Field::RouteOfAccess);
        let accommodation = list!(accommodation, Field::AccommodationStatus);
        let psr = list!(psr, Field::PrimarySupportReason);
        let outcome = list!(outcome, Field::EventOutcome);
        // The first of the birth month, once the date itself is checked to exist.
        let birth_month = match utf8(Field::DateOfBirth)? {
            None => None,
            Some(t) => Some(
                parse_ymd(t)
                    .filter(|&(y, m, d)| date_of(y, m, d).is_some())
                    .and_then(|(y, m, _)| date_of(y, m, 1))
                    .ok_or_else(|| format!("invalid_date:{}", Field::DateOfBirth.name()))?,
            ),
        };
        let birth = match birth_month {
            Some(d) => Some(d),
            None => match (utf8(Field::BirthYear)?, utf8(Field::BirthMonth)?) {
                (Some(y), Some(m)) => {
                    // Both are valid UTF-8 (checked by `utf8`).
                    let y: i32 = std::str::from_utf8(y)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .ok_or("invalid_value:der_birth_year")?;
                    let m: u32 = std::str::from_utf8(m)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .ok_or("invalid_value:der_birth_month")?;
                    Some(
                        NaiveDate::from_ymd_opt(y, m, 1)
                            .ok_or_else(|| "invalid_value:der_birth_month".to_owned())?,
                    )
                }
                _ => None,
            },
        };
        let death = date(Field::DateOfDeath)?;
        let submitted_period_end = date(Field::ReportingPeriodEnd)?;
        let symbols = &mut self.symbols;
        let mut symbol = |raw: &[u8]| {
            text(raw).map(|t| {
                t.map_or(0, |t| {
                    symbols.intern(std::str::from_utf8(t).expect("checked UTF-8"))
                })
            })
        };
        let la = match col(Field::LaCode) {
            None | Some([]) => 0,
            Some(raw) => self
                .la
                .get(raw, &mut symbol)
                .map_err(|()| format!("invalid_utf8:{}", Field::LaCode.name()))?,
        };
        let nhs = utf8(Field::NhsNumber)?;
        let la_id = utf8(Field::LaPersonId)?;
        if nhs.is_none() && la_id.is_none() {
            return Err("missing:person_id".to_owned());
        }
        let assessment_type = match col(Field::AssessmentType) {
            None | Some([]) => 0,
            Some(raw) => self
                .assessment
                .get(raw, &mut symbol)
                .map_err(|()| format!("invalid_utf8:{}", Field::AssessmentType.name()))?,
        };
        let (service_component, (short, st_residential, direct_payment)) =
            match col(Field::ServiceComponent) {
                None | Some([]) => (0, (false, false, false)),
                Some(raw) => self
                    .component
                    .get(raw, |raw| {
                        let id = symbol(raw)?;
                        if id == 0 {
                            return Ok((0, (false, false, false)));
                        }
                        let n = normalise(symbols_name(raw));
                        let short = n.contains("short term");
                        Ok((
                            id,
                            (
                                short,
                                short && (n.contains("residential") || n.contains("nursing")),
                                n.contains("direct payment"),
                            ),
                        ))
                    })
                    .map_err(|()| format!("invalid_utf8:{}", Field::ServiceComponent.name()))?,
            };
        // Person keys are packed only for rows that pass every check.
        let key = match (nhs, la_id) {
            (Some(nhs), la_id) => {
                let key = self.people.pack(la, false, nhs);
                if let Some(la_id) = la_id {
                    let la_key = self.people.pack(la, true, la_id);
                    if self.linked_la.last() != Some(&la_key) {
                        self.linked_la.push(la_key);
                    }
                }
                key
            }
            (None, Some(la_id)) => {
                self.la_only.push(self.events.len());
                self.people.pack(la, true, la_id)
            }
            (None, None) => return Err("missing:person_id".to_owned()),
        };
        let person = if let Some(packed) = &mut self.packed {
            packed.push(key);
            0
        } else {
            self.people.intern(key)
        };
        self.events.push(Event {
            row,
            la,
            person,
            event_type,
            client_type,
            start,
            end,
            outcome,
            route,
            assessment_type,
            service_type,
            service_component,
            component_short_term: short,
            component_st_residential: st_residential,
            component_direct_payment: direct_payment,
            delivery,
            birth,
            death,
            psr,
            accommodation,
            submitted_period_end,
        });
        Ok(true)
    }

    /// Rows pushed so far.
    pub(super) fn rows(&self) -> u64 {
        self.ledger.read
    }

    /// Appends a partial builder's rows after this builder's, as if they had been pushed here:
    /// row numbers, symbols and person keys are renumbered exactly as one pass would have
    /// numbered them.
    pub(super) fn append(&mut self, part: Builder) {
        let offset = self.ledger.read;
        let first = self.events.len();
        let symbol_map: Vec<u32> = (0..part.symbols.len())
            .map(|i| {
                self.symbols
                    .intern(part.symbols.name(u32::try_from(i).expect("u32 ids")))
            })
            .collect();
        let long_map: Vec<u64> = part
            .people
            .long_texts
            .iter()
            .map(|t| u64::from(self.people.long(t)))
            .collect();
        // A partial's key in this builder's numbering of LA symbols and long ids.
        let remap = |(hi, lo): (u64, u64)| {
            let la = symbol_map[(hi >> 32) as usize];
            let hi = (u64::from(la) << 32) | (hi & 0xffff_ffff);
            let lo = if (hi >> 29) & 3 == TAG_LONG {
                long_map[usize::try_from(lo).expect("small")]
            } else {
                lo
            };
            (hi, lo)
        };
        let packed = part.packed.unwrap_or_default();
        self.events.reserve(part.events.len());
        for (mut e, key) in part.events.into_iter().zip(packed) {
            e.row += offset;
            e.la = symbol_map[e.la as usize];
            e.assessment_type = symbol_map[e.assessment_type as usize];
            e.service_component = symbol_map[e.service_component as usize];
            e.person = self.people.intern(remap(key));
            self.events.push(e);
        }
        self.la_only
            .extend(part.la_only.into_iter().map(|i| i + first));
        self.linked_la.extend(part.linked_la.into_iter().map(remap));
        self.ledger.read += part.ledger.read;
        self.cancelled += part.cancelled;
        self.ledger
            .rejected
            .extend(part.ledger.rejected.into_iter().map(|mut r| {
                r.row += offset;
                r
            }));
    }

    /// Reserves room for about `rows` more events.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.events.reserve(rows);
    }

    /// Reserves room in the person-key table for the keys of `rows` rows in all, at the rate
    /// of new keys per row seen so far (no-op before any row): growing a table of millions of
    /// keys rehashes every key at each doubling.
    pub(super) fn reserve_people(&mut self, rows: u64) {
        if self.ledger.read == 0 {
            return;
        }
        let per_row = self.people.len() as f64 / self.ledger.read as f64;
        let want = (rows as f64 * per_row * 1.02) as usize;
        self.people.ids.grow(want);
    }

    /// Person identity (§5.4): the NHS number where present; else the LA person id, unless that
    /// LA id co-occurs with an NHS number on another row of the same LA (then the row is
    /// excluded as `person_id_conflict`). Persons are keyed within their LA and numbered in
    /// order of first appearance of their key.
    pub(super) fn finish(mut self) -> Dataset {
        let keys = self.people.len() + 1;
        let person_keys = PersonKeyTable::from_keys(std::mem::take(&mut self.people));
        // The LA-id-only keys (few), then those of them that co-occur with an NHS number.
        let la_only: HashMap<(u64, u64), u32, FastHash> = self
            .la_only
            .iter()
            .map(|&i| {
                let person = self.events[i].person;
                (person_keys.keys[person as usize], person)
            })
            .collect();
        let linked: std::collections::HashSet<u32, FastHash> = if la_only.is_empty() {
            std::collections::HashSet::default()
        } else {
            self.linked_la
                .iter()
                .filter_map(|key| la_only.get(key).copied())
                .collect()
        };
        self.linked_la = Vec::new();
        let mut conflicts = 0u64;
        for &i in &self.la_only {
            let e = &mut self.events[i];
            if linked.contains(&e.person) {
                conflicts += 1;
                e.person = u32::MAX;
            }
        }
        if self.cancelled > 0 {
            *self
                .ledger
                .excluded
                .entry("cancelled".to_owned())
                .or_insert(0) += self.cancelled;
        }
        if conflicts > 0 {
            *self
                .ledger
                .excluded
                .entry("person_id_conflict".to_owned())
                .or_insert(0) += conflicts;
        }
        let mut events = std::mem::take(&mut self.events);
        if conflicts > 0 {
            events.retain(|e| e.person != u32::MAX);
        }
        let bounds = group_by_person(&mut events, keys);
        self.ledger.rejected.sort();
        Dataset::from_parts(self.symbols, events, bounds, self.ledger, person_keys)
    }
}

/// The text of a field already known to be valid UTF-8.
fn symbols_name(raw: &[u8]) -> &str {
    std::str::from_utf8(raw).expect("checked UTF-8")
}

/// Sorts events (in row order, person ids below `keys`) by person, then start date, then row,
/// and returns the start index of each person's events plus a final `events.len()` (`[0]`
/// when empty). A counting sort by person computes the order, which is applied in place.
fn group_by_person(events: &mut [Event], keys: usize) -> Vec<usize> {
    let mut starts = vec![0u32; keys + 1];
    for e in events.iter() {
        starts[e.person as usize + 1] += 1;
    }
    let mut bounds = vec![0usize];
    for k in 1..=keys {
        if starts[k] > 0 {
            bounds.push(bounds.last().copied().unwrap_or(0) + starts[k] as usize);
        }
        starts[k] += starts[k - 1];
    }
    if events.is_empty() {
        return vec![0];
    }
    // order[j] = index of the event that goes to position j (stable: rows ascend in a person).
    let n = u32::try_from(events.len()).expect("fewer than 2^32 events");
    let mut order = vec![0u32; events.len()];
    for (i, e) in (0..n).zip(events.iter()) {
        let slot = &mut starts[e.person as usize];
        order[*slot as usize] = i;
        *slot += 1;
    }
    drop(starts);
    for w in bounds.windows(2) {
        let group = &mut order[w[0]..w[1]];
        if group.len() > 1 {
            group.sort_by_key(|&i| events[i as usize].start);
        }
    }
    // Apply the permutation in place, cycle by cycle.
    for i in 0..events.len() {
        let mut cur = i;
        while order[cur] as usize != i {
            let src = order[cur] as usize;
            events.swap(cur, src);
            order[cur] = u32::try_from(cur).expect("u32 index");
            cur = src;
        }
        order[cur] = u32::try_from(cur).expect("u32 index");
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_trims_as_str_trim_does() {
        let cases: [&[u8]; 11] = [
            b"",
            b"   ",
            b"abc",
            b" abc ",
            b"\x0babc\x0c",
            b"a b",
            "\u{a0}abc\u{a0}".as_bytes(),
            "\u{2003}".as_bytes(),
            "é ".as_bytes(),
            b"\xff",
            b" \xfe ",
        ];
        for raw in cases {
            let expected = std::str::from_utf8(raw)
                .map(|s| Some(s.trim().as_bytes()).filter(|t| !t.is_empty()))
                .map_err(|_| ());
            assert_eq!(text(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn cache_tells_apart_values_sharing_ends_and_length() {
        let mut cache = Cache::new();
        let a = b"Support with memory and cognition".to_vec();
        let mut b = a.clone();
        b[15] = b'X';
        let mut calls = 0;
        for (raw, want) in [(&a, 1), (&b, 2), (&a, 1), (&b, 2)] {
            let got = cache.get(raw, |_| {
                calls += 1;
                want
            });
            assert_eq!(got, want);
        }
        assert_eq!(calls, 2);
        // Many short values: the table grows and keeps every one.
        for i in 0..1000u32 {
            let key = i.to_string();
            assert_eq!(cache.get(key.as_bytes(), |_| i + 10), i + 10);
        }
        for i in 0..1000u32 {
            assert_eq!(cache.get(i.to_string().as_bytes(), |_| 0), i + 10);
        }
    }

    #[test]
    fn key_table_numbers_keys_in_order_of_first_appearance() {
        let mut t = KeyTable::default();
        let key = |i: u64| (u64::from(i.is_multiple_of(3)) << 31 | 5 << 32, i * 7919);
        for i in 0..10_000u32 {
            assert_eq!(t.number(key(u64::from(i))), i + 1);
        }
        // Found again after the table grew, in any order; a larger reservation keeps them.
        for round in 0..2 {
            for i in (0..10_000u32).rev() {
                assert_eq!(t.number(key(u64::from(i))), i + 1, "round {round}");
            }
            t.grow(100_000);
        }
        assert_eq!(t.len(), 10_000);
        assert_eq!(t.number(key(10_000)), 10_001);
    }

    #[test]
    fn person_keys_pack_exactly() {
        let mut p = PersonKeys::default();
        // "0123" and "123" are different ids; numbers, short and long texts never collide.
        let keys = [
            p.pack(1, false, b"123"),
            p.pack(1, false, b"0123"),
            p.pack(1, true, b"123"),
            p.pack(2, false, b"123"),
            p.pack(1, false, b"0"),
            p.pack(1, false, b"00"),
            p.pack(1, false, b"12345678901"),
            p.pack(1, false, b"12345678901x"),
            p.pack(1, false, b"1234567890123456789"),
            p.pack(1, false, b"abcdefghijkl"),
        ];
        for (i, a) in keys.iter().enumerate() {
            assert_ne!(*a, NO_KEY);
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(p.pack(1, false, b"abcdefghijkl"), keys[9]);
        assert_eq!(p.long_texts.len(), 3);
    }
}
