//! The shipped dataset, compiled into the binary so it works anywhere.

/// Every file of `data/`, as (path relative to the dataset folder, text).
pub static FILES: &[(&str, &str)] = &[];
