//! The repository and its settings: where the dataset is, creating one,
//! who is editing, the user's config, and synthetic repositories for
//! benchmarks.

pub mod config;
pub mod identity;
pub(crate) mod init;
pub(crate) mod location;
pub mod synth;
