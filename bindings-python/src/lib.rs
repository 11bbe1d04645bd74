//! Python face of care-outcomes (skeleton; filled by the Python binding work).
#![cfg(not(target_family = "wasm"))]
