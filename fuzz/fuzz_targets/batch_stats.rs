//! libFuzzer target: arbitrary columns and options through the batch statistics
//! (`cargo +nightly fuzz run batch_stats`). The checks live in `care_outcomes_fuzz::check`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    care_outcomes_fuzz::check(data);
});
