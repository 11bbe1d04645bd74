//! Prints the indicator catalogue as Markdown, generated from the built-in definitions:
//!
//! ```text
//! cargo run -p care-outcomes --example catalogue_doc > docs/indicators.md
//! ```
//!
//! `core/tests/catalogue.rs` fails when `docs/indicators.md` differs from this output.

use care_outcomes::catalogue::{Catalogue, doc};

fn main() {
    print!("{}", doc::markdown(Catalogue::builtin()));
}
