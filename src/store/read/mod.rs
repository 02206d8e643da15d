//! Reading a dataset: finding its files, parsing each one with its
//! problems located, loading and validating the whole.

pub mod embedded;
pub(crate) mod load;
pub(crate) mod parse;
#[cfg(test)]
pub(crate) mod round_trip;
pub(crate) mod scan;
pub(crate) mod validate;
