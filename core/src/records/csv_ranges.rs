//! Reading CSV in blocks, each split into byte ranges parsed on separate threads.
//!
//! The input is read in blocks; each block is cut just after line ends into ranges (up to
//! [`PIECES_PER_THREAD`] per thread, each at least `min_range_bytes`), each range is parsed (`csv_core`, the parser inside the `csv` crate, with the same
//! settings) and validated into a partial [`Builder`], and partials are appended in input
//! order. A cut is only trusted when the range before it ends exactly at a record boundary
//! (checked by asking the parser whether a record is pending); a cut inside a quoted field
//! (which may hold line breaks) voids the ranges after it, and the block is re-read in one pass
//! from the start of the record the cut split. The incomplete record at the end of a block is
//! carried into the next one. The threads take a block's ranges in turn; meanwhile the calling
//! thread merges the previous block's partials and reads the next block, then takes ranges of
//! this block too, so no core idles while ranges remain.

use std::io::Read;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use csv_core::ReadRecordResult;

use super::builder::Builder;
use super::reader::{Dataset, ReadOptions, columns_of};
use crate::{Error, Result};

/// Most bytes kept free before each block read (at most a block), for the incomplete record
/// carried over from the previous block (a longer one is moved instead).
const HEADROOM: usize = 1 << 16;

/// Byte ranges a block is cut into per thread (at most; each at least `min_range_bytes`).
const PIECES_PER_THREAD: usize = 4;

/// How a range's parse ended.
struct RangeEnd {
    /// No record was pending at the end of the range.
    at_boundary: bool,
    /// Offset (in the range) of the first byte not consumed as part of a complete record.
    tail: usize,
}

/// Appends up to `n` bytes from `input` to `buf`; `true` when the input is exhausted.
fn fill(input: &mut impl Read, buf: &mut Vec<u8>, n: usize) -> std::io::Result<bool> {
    let read = input.take(n as u64).read_to_end(buf)?;
    Ok(read < n)
}

/// The header record at the start of `data` (a UTF-8 byte order mark is dropped, as the `csv`
/// crate does) and the offset just after it; `None` when more input is needed.
fn header(data: &[u8], eof: bool) -> Option<(Vec<Vec<u8>>, usize)> {
    // csv-core drops a leading byte order mark and takes an input left empty by that for the
    // end of the data: ask for more bytes first.
    if !eof && data.len() < 4 {
        return None;
    }
    let mut rdr = csv_core::Reader::new();
    let mut out = vec![0u8; 1 << 12];
    let mut ends = vec![0usize; 64];
    let (mut pos, mut nout, mut nend) = (0, 0, 0);
    loop {
        let input = &data[pos..];
        if input.is_empty() && !eof {
            return None;
        }
        let (res, nin, o, e) = rdr.read_record(input, &mut out[nout..], &mut ends[nend..]);
        pos += nin;
        nout += o;
        nend += e;
        match res {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let fields = (0..nend)
                    .map(|i| out[if i == 0 { 0 } else { ends[i - 1] }..ends[i]].to_vec())
                    .collect();
                return Some((fields, pos));
            }
            ReadRecordResult::End => return Some((Vec::new(), pos)),
        }
    }
}

/// Parses the records of `data` (which starts at a record boundary, after the header) into
/// `builder`. With `eof`, a final unterminated record is read too; without, it is left as the
/// tail.
fn parse_range(data: &[u8], eof: bool, builder: &mut Builder) -> RangeEnd {
    let mut rdr = csv_core::Reader::new();
    let mut out = vec![0u8; 1 << 12];
    let mut ends = vec![0usize; 64];
    let (mut pos, mut record_start, mut nout, mut nend) = (0, 0, 0, 0);
    // A fresh csv-core reader drops a byte order mark at the start of its first input; only the
    // file's first bytes may lose one, so the first call here sees at most one byte.
    let mut primed = false;
    loop {
        let input = if primed {
            &data[pos..]
        } else {
            &data[pos..data.len().min(pos + 1)]
        };
        if input.is_empty() && !eof {
            if nend == ends.len() {
                ends.resize(ends.len() * 2, 0);
            }
            let (res, ..) = rdr.read_record(&[], &mut out[nout..], &mut ends[nend..]);
            let pending = !matches!(res, ReadRecordResult::End);
            return RangeEnd {
                at_boundary: !pending,
                tail: if pending { record_start } else { data.len() },
            };
        }
        primed = true;
        let (res, nin, o, e) = rdr.read_record(input, &mut out[nout..], &mut ends[nend..]);
        pos += nin;
        nout += o;
        nend += e;
        match res {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let (fields, bytes) = (&ends[..nend], &out[..nout]);
                builder.push(|i| {
                    fields
                        .get(i)
                        .map(|&end| &bytes[if i == 0 { 0 } else { fields[i - 1] }..end])
                });
                (nout, nend, record_start) = (0, 0, pos);
            }
            ReadRecordResult::End => {
                return RangeEnd {
                    at_boundary: true,
                    tail: data.len(),
                };
            }
        }
    }
}

/// Up to `parts` ranges covering `data`, each but the last ending just after a `\n`.
fn split(data: &[u8], parts: usize) -> Vec<Range<usize>> {
    let mut cuts = vec![0];
    for k in 1..parts {
        let from = (data.len() * k / parts).max(cuts[cuts.len() - 1]);
        if let Some(nl) = data[from..].iter().position(|&b| b == b'\n') {
            let cut = from + nl + 1;
            if cut < data.len() && cut > cuts[cuts.len() - 1] {
                cuts.push(cut);
            }
        }
    }
    cuts.push(data.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// Reads CSV (header first) into a dataset; `size` (bytes, when known) sizes the event store.
pub(super) fn read_csv<R: Read>(
    mut input: R,
    options: &ReadOptions,
    size: Option<u64>,
) -> Result<Dataset> {
    let io = |e: std::io::Error| Error::InvalidDefinition {
        message: format!("cannot read CSV: {e}"),
    };
    let block = options.block_bytes.max(1);
    let headroom = HEADROOM.min(block);
    let mut data = Vec::new();
    let mut eof = fill(&mut input, &mut data, block).map_err(io)?;
    let (names, mut pos) = loop {
        if let Some(h) = header(&data, eof) {
            break h;
        }
        eof = fill(&mut input, &mut data, block).map_err(io)?;
    };
    let names: Vec<String> = names
        .iter()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let mut builder = Builder::new(columns_of(names.iter().map(String::as_str)))?;
    let header_end = pos;
    let mut consumed = 0usize;
    let mut pending: Vec<Builder> = Vec::new();
    let mut spare = Vec::new();
    let mut reserved = false;
    // Rows expected in all (from the first block's rows per byte) and whether the person-key
    // table was sized (once some rows are merged into `builder`).
    let mut expected_rows = None;
    loop {
        let chunk = &data[pos..];
        // No threads on wasm32 (std::thread is unsupported there).
        let threads = if cfg!(target_family = "wasm") {
            1
        } else {
            options
                .threads
                .min(chunk.len() / options.min_range_bytes.max(1))
                .max(1)
        };
        // The next block is read after room for the record carried over (into the buffer of
        // the block before: no new pages per block).
        let mut fresh = std::mem::take(&mut spare);
        fresh.clear();
        fresh.resize(headroom, 0);
        let (carry, fresh_eof) = if threads == 1 {
            for p in pending.drain(..) {
                builder.append(p);
            }
            let end = parse_range(chunk, eof, &mut builder);
            let fresh_eof = eof || fill(&mut input, &mut fresh, block).map_err(io)?;
            (end.tail, fresh_eof)
        } else {
            // More pieces than threads, taken in turn by the threads and, once it has merged
            // the previous block and read the next, by the calling thread too: no core idles
            // while another still parses.
            let pieces = (threads * PIECES_PER_THREAD)
                .min(chunk.len() / options.min_range_bytes.max(1))
                .max(threads);
            let ranges = split(chunk, pieces);
            let columns = builder.columns();
            let parsed: Vec<Mutex<Option<(Builder, RangeEnd)>>> =
                ranges.iter().map(|_| Mutex::new(None)).collect();
            let next = AtomicUsize::new(0);
            let work = || {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(r) = ranges.get(k) else { break };
                    let mut part = Builder::partial_of(columns);
                    let end =
                        parse_range(&chunk[r.clone()], eof && k + 1 == ranges.len(), &mut part);
                    *parsed[k].lock().unwrap_or_else(PoisonError::into_inner) = Some((part, end));
                }
            };
            let fresh_eof = std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
                for p in pending.drain(..) {
                    builder.append(p);
                }
                let fresh_eof = eof || fill(&mut input, &mut fresh, block)?;
                work();
                for h in handles {
                    h.join().expect("CSV reading thread");
                }
                std::io::Result::Ok(fresh_eof)
            })
            .map_err(io)?;
            let results: Vec<(Builder, RangeEnd)> = parsed
                .into_iter()
                .map(|m| {
                    m.into_inner()
                        .unwrap_or_else(PoisonError::into_inner)
                        .expect("every range parsed")
                })
                .collect();
            let mut carry = chunk.len();
            for ((part, end), r) in results.into_iter().zip(&ranges) {
                pending.push(part);
                if r.end == chunk.len() {
                    carry = r.start + end.tail;
                } else if !end.at_boundary {
                    // The cut fell inside a record: re-read from that record's start.
                    let from = r.start + end.tail;
                    let mut part = builder.partial();
                    let end = parse_range(&chunk[from..], eof, &mut part);
                    pending.push(part);
                    carry = from + end.tail;
                    break;
                }
            }
            (carry, fresh_eof)
        };
        consumed += carry;
        if !reserved && let Some(size) = size {
            // Size the event store once from the first block's rows per byte (doubling a
            // vector of tens of millions of events would briefly hold both copies).
            reserved = true;
            let rows = builder.rows() + pending.iter().map(Builder::rows).sum::<u64>();
            let per_byte = rows as f64 / consumed.max(1) as f64;
            let remaining = (size as f64 - (header_end + consumed) as f64).max(0.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let expected = (rows as f64 + remaining * per_byte * 1.02) as u64;
            builder.reserve(usize::try_from(expected).unwrap_or(usize::MAX));
            expected_rows = Some(expected);
        }
        if builder.rows() > 0
            && let Some(rows) = expected_rows.take()
        {
            builder.reserve_people(rows);
        }
        if eof {
            break;
        }
        let kept = data.len() - (pos + carry);
        if kept <= headroom {
            fresh[headroom - kept..headroom].copy_from_slice(&data[pos + carry..]);
            spare = std::mem::replace(&mut data, fresh);
            pos = headroom - kept;
        } else {
            data.drain(..pos + carry);
            data.extend_from_slice(&fresh[headroom..]);
            spare = fresh;
            pos = 0;
        }
        eof = fresh_eof;
    }
    for p in pending {
        builder.append(p);
    }
    Ok(builder.finish())
}
