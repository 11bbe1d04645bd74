//! Reading CLD CSV on several threads gives exactly the one-pass result: the same events,
//! people, symbols and ledger (rejected rows with their row numbers), whatever the block size,
//! thread count and line endings, including quoted fields holding line breaks (which a cut at a
//! line end may split). The `csv` crate read into column buffers is the independent oracle.

use care_outcomes::records::{Dataset, ReadOptions, SyntheticOptions, synthetic_csv};
use proptest::prelude::*;

const HEAD: &str = "la_code,nhs_number,la_person_unique_identifier,client_type,event_type,\
    event_start_date,event_end_date,event_outcome,service_type,service_component,\
    event_description";

/// One row of a kind (0..=9) for person numbers `n`, `m`; `None` for an empty line.
fn row(kind: u8, n: u32, m: u32) -> String {
    match kind {
        0 => format!(
            "X,{n},L{m},Service User,Request,2024-05-0{},,NFA – Other,,,",
            1 + n % 9
        ),
        1 => format!(
            "Y,{n},,Service User,Service,2024-05-01,2024-05-20,Service ended as planned,ST-Max,\
             \"Short Term\nReablement\","
        ),
        2 => format!(
            "X,,L{m},Service User,Assessment,01/06/2024,,,,,\"said \"\"hi\"\",\nthen\r\nleft\""
        ),
        3 => format!("X,{n},,Service User,Request,2024-13-01,,,,,"),
        4 => format!("X,{n},,Service User,Lunch,2024-05-01,,,,,"),
        5 => format!("X,{n},,Service User,Request,2024-05-01,,Cancelled,,,"),
        6 => "X,,,Service User,Request,2024-05-01,,,,,".to_owned(),
        7 => format!("X,{n},L{m},Service User,Request"),
        8 => String::new(),
        _ => format!("X,,L{m},Service User,Request,2024-05-03,,,,,\"\n\""),
    }
}

fn csv_text(rows: &[(u8, u32, u32, bool)], bom: bool, final_newline: bool) -> String {
    let mut s = String::new();
    if bom {
        s.push('\u{feff}');
    }
    s.push_str(HEAD);
    s.push('\n');
    for (i, &(kind, n, m, crlf)) in rows.iter().enumerate() {
        s.push_str(&row(kind, n, m));
        if i + 1 < rows.len() || final_newline {
            s.push_str(if crlf { "\r\n" } else { "\n" });
        }
    }
    s
}

/// The oracle: the `csv` crate reads the records, `Dataset::from_columns` validates them.
fn via_csv_crate(text: &str) -> Dataset {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut columns: Vec<(String, Vec<Option<String>>)> =
        headers.into_iter().map(|h| (h, Vec::new())).collect();
    for record in reader.records() {
        let record = record.unwrap();
        for (i, (_, values)) in columns.iter_mut().enumerate() {
            values.push(record.get(i).map(str::to_owned));
        }
    }
    Dataset::from_columns(&columns).unwrap()
}

fn read(text: &str, threads: usize, block_bytes: usize) -> Dataset {
    let options = ReadOptions {
        threads,
        block_bytes,
        min_range_bytes: 1,
    };
    Dataset::from_csv_reader_with(text.as_bytes(), &options).unwrap()
}

#[test]
fn parallel_read_equals_one_pass_and_the_csv_crate() {
    let rows: Vec<(u8, u32, u32, bool)> = (0..400u32)
        .map(|i| {
            (
                u8::try_from(i * 7 % 10).unwrap(),
                i % 37,
                i % 23,
                i % 3 == 0,
            )
        })
        .collect();
    let text = csv_text(&rows, true, false);
    let one = Dataset::from_csv_reader_with(text.as_bytes(), &ReadOptions::sequential()).unwrap();
    assert_eq!(one, via_csv_crate(&text));
    // Every kind of row is present and the ledger balances.
    assert_eq!(one.ledger().read, 400 - 40, "empty lines are not rows");
    let reasons: std::collections::BTreeSet<_> = one
        .ledger()
        .rejected
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(
        reasons.into_iter().collect::<Vec<_>>(),
        [
            "invalid_date:event_start_date",
            "missing:event_start_date",
            "missing:person_id",
            "unknown_value:event_type"
        ]
    );
    assert_eq!(one.ledger().excluded["cancelled"], 40);
    assert!(one.ledger().excluded["person_id_conflict"] > 0);
    for threads in [2, 3, 4, 7] {
        for block in [1, 2, 13, 64, 333, 4096, 1 << 20] {
            assert_eq!(
                read(&text, threads, block),
                one,
                "{threads} threads, {block} B"
            );
        }
    }
}

#[test]
fn large_synthetic_extract_reads_the_same_on_every_split() {
    let text = synthetic_csv(&SyntheticOptions {
        seed: 7,
        events: 20_000,
        ..SyntheticOptions::default()
    })
    .unwrap();
    let one = Dataset::from_csv_reader_with(text.as_bytes(), &ReadOptions::sequential()).unwrap();
    assert_eq!(one, via_csv_crate(&text));
    assert!(!one.ledger().rejected.is_empty());
    assert_eq!(read(&text, 2, 1 << 16), one);
    assert_eq!(read(&text, 4, 100_000), one);
    assert_eq!(Dataset::from_csv_str(&text).unwrap(), one);
}

#[test]
fn header_only_and_empty_inputs() {
    for threads in [1, 2] {
        let ds = read(&format!("{HEAD}\n"), threads, 3);
        assert_eq!(ds.ledger().read, 0);
        assert_eq!(ds.people().len(), 0);
        let e = Dataset::from_csv_reader_with(&b""[..], &ReadOptions::default()).unwrap_err();
        assert_eq!(e.code(), "missing_input");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any rows, line endings, block size and thread count: the one-pass result.
    #[test]
    fn any_split_gives_the_one_pass_result(
        rows in prop::collection::vec((0u8..10, 0u32..12, 0u32..9, any::<bool>()), 0..60),
        bom in any::<bool>(),
        final_newline in any::<bool>(),
        threads in 1usize..6,
        block in 1usize..700,
    ) {
        let text = csv_text(&rows, bom, final_newline);
        let one = Dataset::from_csv_reader_with(text.as_bytes(), &ReadOptions::sequential())
            .unwrap();
        prop_assert_eq!(&one, &via_csv_crate(&text));
        prop_assert_eq!(&read(&text, threads, block), &one);
        prop_assert!(one.ledger().read <= rows.len() as u64);
    }
}
