//! The order of the actors within each kind on the dashboard (and of the
//! governments on the tracker): `s` cycles through the sorts; the header
//! says which is in force; the selection follows its actor.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Effect, State};
use crate::model::{Actor, Dataset};

/// How the actors are ordered within their kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By name, as the dataset lists them.
    #[default]
    Name,
    /// Most progress first.
    Progress,
    /// Newest commit touching the actor's file first (the second clock:
    /// when the record last changed).
    LastChange,
    /// Newest evidence first (the first clock: when something last
    /// happened in the world).
    LastEvidence,
    /// By the status on the selected recommendation, furthest first.
    Status,
    /// Most progress made since the reconvening first, on the first
    /// clock: what the evidence dated up to today earns against what it
    /// earned by then (who moved most since the Forum).
    Moved,
}

impl Sort {
    /// Every sort, in the order `s` cycles through them.
    pub const ALL: [Sort; 6] = [
        Sort::Name,
        Sort::Progress,
        Sort::LastChange,
        Sort::LastEvidence,
        Sort::Status,
        Sort::Moved,
    ];

    /// The next sort in the cycle.
    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL.get(at + 1).copied().unwrap_or(Sort::Name)
    }

    /// `actors` (indices into the dataset) in this order; ties keep the
    /// dataset's order (by name). `column` is the recommendation the
    /// status sort reads; `last_changes` the commit times per actor id,
    /// when loaded (until then the last-change sort keeps the name order);
    /// `today` the day movement is measured up to.
    pub fn order(
        self,
        dataset: &Dataset,
        actors: &[usize],
        column: usize,
        last_changes: Option<&HashMap<String, i64>>,
        today: NaiveDate,
    ) -> Vec<usize> {
        let mut ordered = actors.to_vec();
        let actor = |i: &usize| dataset.actors.get(*i);
        match self {
            Sort::Name => {}
            Sort::Progress => ordered.sort_by_key(|i| {
                // Thousandths, so the comparison is on integers.
                let share = actor(i)
                    .and_then(|a| a.progress(&dataset.recommendations).share())
                    .map(|s| (s * 1000.0).round() as i64);
                Reverse(share)
            }),
            Sort::LastChange => {
                if let Some(times) = last_changes {
                    ordered.sort_by_key(|i| Reverse(actor(i).and_then(|a| times.get(&a.id))));
                }
            }
            Sort::LastEvidence => {
                ordered.sort_by_key(|i| Reverse(actor(i).and_then(last_evidence)))
            }
            Sort::Moved => {
                let Some(since) = dataset.manifest.reconvening().map(|m| m.date.0) else {
                    return ordered;
                };
                let recs = &dataset.recommendations;
                ordered.sort_by_key(|i| {
                    let moved = actor(i).map_or(0.0, |a| {
                        let share = |day| a.progress_as_of(recs, day).share().unwrap_or(0.0);
                        share(today) - share(since)
                    });
                    // Thousandths, so the comparison is on integers.
                    Reverse((moved * 1000.0).round() as i64)
                });
            }
            Sort::Status => {
                let rec = dataset.recommendations.get(column);
                ordered.sort_by_key(|i| {
                    let rank = match (actor(i), rec) {
                        (Some(a), Some(rec)) if a.is_graded_on(rec) => {
                            let status = a.status_on(&rec.id);
                            status.weight().map(|w| (w * 100.0).round() as i64)
                        }
                        _ => None,
                    };
                    Reverse(rank)
                });
            }
        }
        ordered
    }
}

/// The date of the actor's newest evidence, on any commitment.
fn last_evidence(actor: &Actor) -> Option<chrono::NaiveDate> {
    actor
        .commitments
        .values()
        .flat_map(|c| c.evidence.iter())
        .filter_map(|e| e.date.as_ref().map(|d| d.latest()))
        .max()
}

impl State {
    /// Moves to the next sort. The last-change sort needs the history,
    /// read once in the background: it is asked for here.
    pub(super) fn cycle_sort(&mut self) -> Vec<Effect> {
        self.sort = self.sort.next();
        self.rearrange();
        let label = self.data().map(|b| self.sort_label(b)).unwrap_or_default();
        self.say(label);
        if self.sort == Sort::LastChange && self.actor_touches.is_none() {
            return vec![Effect::LoadLastChanges];
        }
        Vec::new()
    }

    /// The history's answer: each actor's newest commit. The board is laid
    /// out again if that sort is in force.
    pub(super) fn last_changes_loaded(&mut self, loaded: Result<HashMap<String, i64>, String>) {
        match loaded {
            Ok(times) => {
                self.actor_touches = Some(times);
                if self.sort == Sort::LastChange {
                    self.rearrange();
                }
            }
            Err(error) => self.say(format!(
                "Could not read when each actor last changed: {error}"
            )),
        }
    }

    /// What the header says of the sort ("sorted by progress").
    pub fn sort_label(&self, board: &super::Board) -> String {
        match self.sort {
            Sort::Name => "sorted by name".into(),
            Sort::Progress => "sorted by progress, most first".into(),
            Sort::LastChange if self.actor_touches.is_none() => {
                "sorted by last change (reading the history…)".into()
            }
            Sort::LastChange => "sorted by last change, newest first".into(),
            Sort::LastEvidence => "sorted by newest evidence".into(),
            Sort::Moved => match board.dataset.manifest.reconvening() {
                Some(m) => format!(
                    "sorted by progress since {} ({}), most first",
                    m.title, m.date
                ),
                None => "sorted by progress since the reconvening (none is set)".into(),
            },
            Sort::Status => {
                let rec = match self.view {
                    super::View::Tracker => board
                        .tracked
                        .get(self.tracker_column)
                        .and_then(|&r| board.dataset.recommendations.get(r)),
                    _ => board.dataset.recommendations.get(self.column),
                };
                match rec {
                    Some(rec) => format!("sorted by status on {}", rec.id),
                    None => "sorted by status".into(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cycle_visits_every_sort_and_comes_back() {
        let mut sort = Sort::Name;
        let mut seen = Vec::new();
        for _ in 0..Sort::ALL.len() {
            sort = sort.next();
            seen.push(sort);
        }
        assert_eq!(sort, Sort::Name);
        assert_eq!(seen.len(), 6);
        assert!(Sort::ALL.iter().all(|s| seen.contains(s)));
    }
}
