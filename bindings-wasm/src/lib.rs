//! WASM face of care-outcomes (skeleton; filled by the WASM binding work).
