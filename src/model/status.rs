//! The grading scale for a commitment.

use serde::{Deserialize, Serialize};

/// How far an actor has gone on one recommendation.
///
/// Adapted from the Open Government Partnership's completion grades, with two
/// states of our own: a commitment can be withdrawn (`Reversed`) or not apply.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Status {
    /// Nothing public shows the actor acting on it.
    #[default]
    NoEvidence,
    /// Signed or endorsed a non-binding text.
    Endorsed,
    /// Announced, consulting or drafting.
    Initiated,
    /// A binding measure that covers part of the recommendation.
    Substantial,
    /// In force and acted on.
    Implemented,
    /// Done once, then withdrawn.
    Reversed,
    /// Does not apply to this actor; left out of its progress.
    NotApplicable,
}

impl Status {
    /// Every status, in the order of the scale (pickers and legends use it).
    pub const ALL: [Status; 7] = [
        Status::NoEvidence,
        Status::Endorsed,
        Status::Initiated,
        Status::Substantial,
        Status::Implemented,
        Status::Reversed,
        Status::NotApplicable,
    ];

    /// The share of the way to `Implemented` this status stands for, or
    /// `None` when the commitment does not count towards progress.
    pub fn weight(self) -> Option<f64> {
        match self {
            Status::NoEvidence | Status::Reversed => Some(0.0),
            Status::Endorsed => Some(0.25),
            Status::Initiated => Some(0.5),
            Status::Substantial => Some(0.75),
            Status::Implemented => Some(1.0),
            Status::NotApplicable => None,
        }
    }

    /// One character that tells the status apart without colour.
    pub fn symbol(self) -> char {
        match self {
            Status::NoEvidence => '·',
            Status::Endorsed => '○',
            Status::Initiated => '◔',
            Status::Substantial => '◑',
            Status::Implemented => '●',
            Status::Reversed => '✗',
            Status::NotApplicable => '–',
        }
    }

    /// The name as it is written in the data files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::NoEvidence => "NoEvidence",
            Status::Endorsed => "Endorsed",
            Status::Initiated => "Initiated",
            Status::Substantial => "Substantial",
            Status::Implemented => "Implemented",
            Status::Reversed => "Reversed",
            Status::NotApplicable => "NotApplicable",
        }
    }

    /// A short human label ("No evidence", "Not applicable").
    pub fn label(self) -> &'static str {
        match self {
            Status::NoEvidence => "No evidence",
            Status::Endorsed => "Endorsed",
            Status::Initiated => "Initiated",
            Status::Substantial => "Substantial",
            Status::Implemented => "Implemented",
            Status::Reversed => "Reversed",
            Status::NotApplicable => "Not applicable",
        }
    }

    /// Parses a status name, case-insensitively, ignoring `-`, `_` and spaces,
    /// so `not-applicable` and `NotApplicable` both work on the command line.
    pub fn parse(text: &str) -> Option<Status> {
        let folded: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        Status::ALL
            .into_iter()
            .find(|s| s.name().to_lowercase() == folded)
    }

    /// The valid names, comma-separated, for error messages.
    pub fn valid_names() -> String {
        Status::ALL.map(Status::name).join(", ")
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_the_written_names_and_friendly_spellings() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.name()), Some(status));
        }
        assert_eq!(Status::parse("not-applicable"), Some(Status::NotApplicable));
        assert_eq!(Status::parse("no_evidence"), Some(Status::NoEvidence));
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn symbols_are_distinct_so_the_matrix_reads_without_colour() {
        let mut symbols: Vec<char> = Status::ALL.map(Status::symbol).to_vec();
        symbols.sort();
        symbols.dedup();
        assert_eq!(symbols.len(), Status::ALL.len());
    }
}
