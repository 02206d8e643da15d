//! What a commit changed in the record, field by field: the second clock's
//! unit. Two versions of an actor give the list of changes a coordinator
//! reads ("United States · blacklist: Initiated → Implemented"), never a line
//! diff.

use std::fmt;

use serde::Serialize;

use super::{Actor, Commitment, Evidence};

/// Which part of the record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The actor was added (only `new` is set) or removed (only `old`).
    Actor,
    /// The actor's id, and so its file, changed.
    Id,
    /// The display name.
    Name,
    /// Other names the actor was known by.
    Aliases,
    /// The kind of actor.
    Kind,
    /// The country.
    Country,
    /// The working-group role.
    Role,
    /// A commitment was recorded for the first time or removed.
    Commitment,
    /// A commitment's grade.
    Status,
    /// A commitment's note.
    Note,
    /// When a commitment was last assessed.
    Assessed,
    /// An evidence item added (`new`), removed (`old`) or changed (both).
    Evidence,
    /// A dataset file other than an actor's (the manifest, the recommendations).
    File,
}

impl Field {
    /// The name used in JSON and in `log`'s text.
    pub fn name(self) -> &'static str {
        match self {
            Field::Actor => "actor",
            Field::Id => "id",
            Field::Name => "name",
            Field::Aliases => "aliases",
            Field::Kind => "kind",
            Field::Country => "country",
            Field::Role => "role",
            Field::Commitment => "commitment",
            Field::Status => "status",
            Field::Note => "note",
            Field::Assessed => "assessed",
            Field::Evidence => "evidence",
            Field::File => "file",
        }
    }
}

/// One field of the record as one commit changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The actor's id (after the change; before it when the actor was removed).
    /// For [`Field::File`], the file's path in the dataset folder.
    pub actor: String,
    /// The actor's name, for people.
    pub actor_name: String,
    /// The recommendation, for a change to a commitment.
    pub recommendation: Option<String>,
    /// What changed.
    pub field: Field,
    /// The value before, in words; `None` when there was none.
    pub old: Option<String>,
    /// The value after, in words; `None` when there is none.
    pub new: Option<String>,
}

impl FieldChange {
    fn of_actor(actor: &Actor, field: Field, old: Option<String>, new: Option<String>) -> Self {
        FieldChange {
            actor: actor.id.clone(),
            actor_name: actor.name.clone(),
            recommendation: None,
            field,
            old,
            new,
        }
    }

    /// A change to a dataset file that is not an actor's.
    pub fn file(path: &str) -> FieldChange {
        FieldChange {
            actor: path.to_string(),
            actor_name: path.to_string(),
            recommendation: None,
            field: Field::File,
            old: None,
            new: None,
        }
    }

    /// The change without its subject, e.g. "Initiated → Implemented",
    /// "evidence added: \"Entity List\" (2021-11-03)", "note changed".
    pub fn what(&self) -> String {
        let old = self.old.as_deref();
        let new = self.new.as_deref();
        match (self.field, old, new) {
            (Field::Actor, None, _) => "new actor".into(),
            (Field::Actor, _, _) => "actor removed".into(),
            (Field::Commitment, None, Some(new)) => format!("recorded as {new}"),
            (Field::Commitment, _, _) => "commitment removed".into(),
            (Field::Status, Some(old), Some(new)) => format!("{old} → {new}"),
            (Field::Note, None, Some(_)) => "note added".into(),
            (Field::Note, Some(_), None) => "note removed".into(),
            (Field::Note, _, _) => "note changed".into(),
            (Field::Evidence, None, Some(new)) => format!("evidence added: {new}"),
            (Field::Evidence, Some(old), None) => format!("evidence removed: {old}"),
            (Field::Evidence, _, Some(new)) => format!("evidence changed: {new}"),
            (Field::File, _, Some(new)) => new.to_string(),
            (Field::File, _, _) => "changed".into(),
            (field, None, Some(new)) => format!("{} set to {new}", field.name()),
            (field, Some(old), None) => format!("{} cleared (was {old})", field.name()),
            (field, old, new) => format!(
                "{} {} → {}",
                field.name(),
                old.unwrap_or_default(),
                new.unwrap_or_default()
            ),
        }
    }

    /// Who or what the change is about: "United States · blacklist".
    pub fn subject(&self) -> String {
        match &self.recommendation {
            Some(recommendation) => format!("{} · {recommendation}", self.actor_name),
            None => self.actor_name.clone(),
        }
    }
}

impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject(), self.what())
    }
}

/// The changes as lines, one per actor and commitment, their parts joined:
/// "United States · blacklist: Initiated → Implemented; evidence added: …".
pub fn summarize_changes(changes: &[FieldChange]) -> Vec<String> {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for change in changes {
        let subject = change.subject();
        match lines.last_mut() {
            Some((last, parts)) if *last == subject => parts.push(change.what()),
            _ => lines.push((subject, vec![change.what()])),
        }
    }
    lines
        .into_iter()
        .map(|(subject, parts)| format!("{subject}: {}", parts.join("; ")))
        .collect()
}

/// Every field that differs between two versions of an actor (`None`: the
/// actor did not exist on that side), in a stable order: the actor's own
/// fields, then each commitment by recommendation id.
pub fn actor_changes(old: Option<&Actor>, new: Option<&Actor>) -> Vec<FieldChange> {
    let (old, new) = match (old, new) {
        (None, None) => return Vec::new(),
        (None, Some(new)) => {
            let mut changes = vec![FieldChange::of_actor(
                new,
                Field::Actor,
                None,
                Some(new.name.clone()),
            )];
            for (recommendation, commitment) in &new.commitments {
                changes.extend(commitment_changes(
                    new,
                    recommendation,
                    None,
                    Some(commitment),
                ));
            }
            return changes;
        }
        (Some(old), None) => {
            return vec![FieldChange::of_actor(
                old,
                Field::Actor,
                Some(old.name.clone()),
                None,
            )];
        }
        (Some(old), Some(new)) => (old, new),
    };
    let mut changes = Vec::new();
    let mut field = |field: Field, before: Option<String>, after: Option<String>| {
        if before != after {
            changes.push(FieldChange::of_actor(new, field, before, after));
        }
    };
    field(Field::Id, Some(old.id.clone()), Some(new.id.clone()));
    field(Field::Name, Some(old.name.clone()), Some(new.name.clone()));
    let aliases = |a: &Actor| (!a.aliases.is_empty()).then(|| a.aliases.join(", "));
    field(Field::Aliases, aliases(old), aliases(new));
    field(
        Field::Kind,
        Some(old.kind.name().into()),
        Some(new.kind.name().into()),
    );
    field(Field::Country, old.country.clone(), new.country.clone());
    field(
        Field::Role,
        old.role.map(|r| r.label().into()),
        new.role.map(|r| r.label().into()),
    );
    let mut recommendations: Vec<&String> = old
        .commitments
        .keys()
        .chain(new.commitments.keys())
        .collect();
    recommendations.sort();
    recommendations.dedup();
    for recommendation in recommendations {
        changes.extend(commitment_changes(
            new,
            recommendation,
            old.commitments.get(recommendation),
            new.commitments.get(recommendation),
        ));
    }
    changes
}

/// Evidence as it reads in a change list: its title in quotes and its date.
pub fn evidence_label(evidence: &Evidence) -> String {
    match &evidence.date {
        Some(date) => format!("\"{}\" ({date})", evidence.title),
        None => format!("\"{}\"", evidence.title),
    }
}

fn commitment_changes(
    actor: &Actor,
    recommendation: &str,
    old: Option<&Commitment>,
    new: Option<&Commitment>,
) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut push = |field: Field, before: Option<String>, after: Option<String>| {
        changes.push(FieldChange {
            actor: actor.id.clone(),
            actor_name: actor.name.clone(),
            recommendation: Some(recommendation.to_string()),
            field,
            old: before,
            new: after,
        });
    };
    let (old, new) = match (old, new) {
        (None, None) => return changes,
        (Some(old), None) => {
            push(Field::Commitment, Some(old.status.label().into()), None);
            return changes;
        }
        (None, Some(new)) => {
            push(Field::Commitment, None, Some(new.status.label().into()));
            (&Commitment::default(), new)
        }
        (Some(old), Some(new)) => {
            if old.status != new.status {
                push(
                    Field::Status,
                    Some(old.status.label().into()),
                    Some(new.status.label().into()),
                );
            }
            (old, new)
        }
    };
    if old.note != new.note {
        let text = |note: &str| (!note.is_empty()).then(|| note.to_string());
        push(Field::Note, text(&old.note), text(&new.note));
    }
    if old.assessed != new.assessed {
        push(
            Field::Assessed,
            old.assessed.map(|d| d.to_string()),
            new.assessed.map(|d| d.to_string()),
        );
    }
    // Evidence is matched by title: the same document edited reads as a
    // change of that item, not as one removed and another added.
    for item in &old.evidence {
        match new.evidence.iter().find(|e| e.title == item.title) {
            None => push(Field::Evidence, Some(evidence_label(item)), None),
            Some(now) if now != item => push(
                Field::Evidence,
                Some(evidence_label(item)),
                Some(evidence_label(now)),
            ),
            Some(_) => {}
        }
    }
    for item in &new.evidence {
        if !old.evidence.iter().any(|e| e.title == item.title) {
            push(Field::Evidence, None, Some(evidence_label(item)));
        }
    }
    changes
}

/// The record's activity on the second clock: how many commits each author
/// made in each week (weeks start on Monday, UTC), oldest week first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// Each week that saw a commit: its Monday and the commits by author.
    pub weeks: Vec<ActivityWeek>,
}

/// One week of the record's activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityWeek {
    /// The Monday the week starts on.
    pub monday: chrono::NaiveDate,
    /// Commits made that week, by author name, in name order.
    pub by_author: std::collections::BTreeMap<String, usize>,
}

impl Activity {
    /// Counts commits given as (day, author name), in any order.
    pub fn count<'a>(commits: impl IntoIterator<Item = (chrono::NaiveDate, &'a str)>) -> Activity {
        use chrono::Datelike;
        let mut weeks: std::collections::BTreeMap<chrono::NaiveDate, ActivityWeek> =
            std::collections::BTreeMap::new();
        for (day, author) in commits {
            let monday = day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
            *weeks
                .entry(monday)
                .or_insert_with(|| ActivityWeek {
                    monday,
                    by_author: std::collections::BTreeMap::new(),
                })
                .by_author
                .entry(author.to_string())
                .or_default() += 1;
        }
        Activity {
            weeks: weeks.into_values().collect(),
        }
    }

    /// All commits counted.
    pub fn total(&self) -> usize {
        self.weeks.iter().flat_map(|w| w.by_author.values()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, PartialDate, Provenance, Status};

    fn actor(commitments: &[(&str, Commitment)]) -> Actor {
        Actor {
            id: "united-states".into(),
            name: "United States".into(),
            aliases: Vec::new(),
            kind: ActorKind::Government,
            country: None,
            role: None,
            commitments: commitments
                .iter()
                .map(|(r, c)| (r.to_string(), c.clone()))
                .collect(),
        }
    }

    fn evidence(title: &str, date: &str) -> Evidence {
        Evidence {
            title: title.into(),
            source: "US Department of the Treasury".into(),
            date: PartialDate::parse(date).ok(),
            url: None,
            provenance: Provenance::SelfReported,
            supports: Status::Implemented,
        }
    }

    #[test]
    fn a_grade_and_an_added_item_read_as_one_line() {
        let before = Commitment {
            status: Status::Initiated,
            ..Commitment::default()
        };
        let mut after = before.clone();
        after.status = Status::Implemented;
        after
            .evidence
            .push(evidence("Treasury sanctions", "2024-03-05"));
        let changes = actor_changes(
            Some(&actor(&[("blacklist", before)])),
            Some(&actor(&[("blacklist", after)])),
        );
        assert_eq!(
            summarize_changes(&changes),
            vec![
                "United States · blacklist: Initiated → Implemented; \
                 evidence added: \"Treasury sanctions\" (2024-03-05)"
            ]
        );
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, Field::Status);
    }

    #[test]
    fn a_note_edit_names_the_field_and_an_unchanged_actor_has_no_changes() {
        let before = Commitment {
            note: "old".into(),
            ..Commitment::default()
        };
        let after = Commitment {
            note: "new".into(),
            ..Commitment::default()
        };
        let old = actor(&[("oversight", before)]);
        let changes = actor_changes(Some(&old), Some(&actor(&[("oversight", after)])));
        assert_eq!(
            changes.iter().map(ToString::to_string).collect::<Vec<_>>(),
            vec!["United States · oversight: note changed"]
        );
        assert!(actor_changes(Some(&old), Some(&old)).is_empty());
    }

    #[test]
    fn a_new_actor_lists_itself_and_its_commitments_and_a_removal_one_line() {
        let new = actor(&[(
            "blacklist",
            Commitment {
                status: Status::Endorsed,
                ..Commitment::default()
            },
        )]);
        let lines = summarize_changes(&actor_changes(None, Some(&new)));
        assert_eq!(
            lines,
            vec![
                "United States: new actor",
                "United States · blacklist: recorded as Endorsed"
            ]
        );
        let removed = actor_changes(Some(&new), None);
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].to_string(), "United States: actor removed");
    }

    #[test]
    fn an_edited_item_is_a_change_of_that_item() {
        let before = Commitment {
            evidence: vec![evidence("Entity List", "2021")],
            ..Commitment::default()
        };
        let after = Commitment {
            evidence: vec![evidence("Entity List", "2021-11-03")],
            ..Commitment::default()
        };
        let changes = actor_changes(
            Some(&actor(&[("blacklist", before)])),
            Some(&actor(&[("blacklist", after)])),
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].what(),
            "evidence changed: \"Entity List\" (2021-11-03)"
        );
        assert_eq!(changes[0].old.as_deref(), Some("\"Entity List\" (2021)"));
    }

    #[test]
    fn activity_counts_commits_by_monday_and_author() {
        let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap_or_default();
        // 2024-11-11 is a Monday; the 17th is that week's Sunday.
        let activity = Activity::count([
            (day("2024-11-17"), "Bo"),
            (day("2024-11-11"), "Ada"),
            (day("2024-11-12"), "Ada"),
            (day("2024-11-18"), "Bo"),
        ]);
        assert_eq!(activity.weeks.len(), 2);
        assert_eq!(activity.weeks[0].monday, day("2024-11-11"));
        assert_eq!(activity.weeks[0].by_author.get("Ada"), Some(&2));
        assert_eq!(activity.weeks[0].by_author.get("Bo"), Some(&1));
        assert_eq!(activity.weeks[1].monday, day("2024-11-18"));
        assert_eq!(activity.total(), 4);
    }
}
