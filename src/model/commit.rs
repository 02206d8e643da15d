//! One commit as the record's history shows it: who, when, and what it
//! changed field by field. Pure data, so the screen can hold a page of
//! history without knowing anything of git.

use chrono::{DateTime, FixedOffset};

use super::{CommitId, FieldChange, Problem, summarize_changes};

/// One commit as the record's history shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCommit {
    /// The commit.
    pub id: CommitId,
    /// When it was committed, in its author's offset.
    pub time: DateTime<FixedOffset>,
    /// The author's name, as written in the commit (untrusted text).
    pub author_name: String,
    /// The author's email (untrusted text).
    pub author_email: String,
    /// The message's first line (untrusted text).
    pub subject: String,
    /// How many parents it has (2 or more: a merge, read against the first).
    pub parents: usize,
    /// What it changed in the dataset, field by field.
    pub changes: Vec<FieldChange>,
    /// Files it left invalid, which could not be compared.
    pub problems: Vec<Problem>,
}

impl RecordedCommit {
    /// Whether it is a merge (its changes are read against the first parent).
    pub fn is_merge(&self) -> bool {
        self.parents > 1
    }

    /// One line saying what it did: the first actor's or commitment's
    /// changes, "(+N more)" when it touched others, an invalid file it left,
    /// or its message when it changed nothing that can be compared.
    pub fn summary(&self) -> String {
        let lines = summarize_changes(&self.changes);
        let mut text = match (lines.first(), self.problems.first()) {
            (Some(first), _) => first.clone(),
            (None, Some(problem)) => format!("left {} invalid", problem.path),
            (None, None) => self.subject.clone(),
        };
        let more = lines.len().saturating_sub(1);
        if more > 0 {
            text.push_str(&format!(" (+{more} more)"));
        }
        if !lines.is_empty() && !self.problems.is_empty() {
            let files = self.problems.len();
            text.push_str(&format!(
                " · {files} invalid file{}",
                if files == 1 { "" } else { "s" }
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn commit(changes: Vec<FieldChange>, problems: Vec<Problem>) -> RecordedCommit {
        RecordedCommit {
            id: CommitId::unknown(),
            time: DateTime::default(),
            author_name: "Ada".into(),
            author_email: "ada@example.org".into(),
            subject: "Tidy the manifest".into(),
            parents: 1,
            changes,
            problems,
        }
    }

    fn status(actor: &str, from: &str, to: &str) -> FieldChange {
        FieldChange {
            actor: actor.to_lowercase(),
            actor_name: actor.into(),
            recommendation: Some("blacklist".into()),
            field: Field::Status,
            old: Some(from.into()),
            new: Some(to.into()),
        }
    }

    #[test]
    fn the_summary_is_the_first_change_and_counts_the_others() {
        let one = commit(vec![status("France", "Endorsed", "Initiated")], vec![]);
        assert_eq!(one.summary(), "France · blacklist: Endorsed → Initiated");
        let two = commit(
            vec![
                status("France", "Endorsed", "Initiated"),
                status("Chile", "No evidence", "Endorsed"),
            ],
            vec![],
        );
        assert_eq!(
            two.summary(),
            "France · blacklist: Endorsed → Initiated (+1 more)"
        );
    }

    #[test]
    fn without_changes_the_summary_names_the_invalid_file_or_the_message() {
        let broken = Problem {
            path: "actors/u/uk.ron".into(),
            line: 1,
            column: 30,
            message: "unexpected end of file".into(),
        };
        assert_eq!(
            commit(vec![], vec![broken]).summary(),
            "left actors/u/uk.ron invalid"
        );
        assert_eq!(commit(vec![], vec![]).summary(), "Tidy the manifest");
    }
}
