//! Publication: what a table looks like when it leaves the library.

pub mod disclosure;
