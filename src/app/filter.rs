//! The filter prompt (`f`), clearing the filter (`F`), and laying the
//! board out as the filter and the sort say: which actors the dashboard and
//! the tracker list, in which order, under which columns, and the figures
//! for that set.

use std::collections::HashMap;

use super::input::Key;
use super::keymap::Mode;
use super::sort::Sort;
use super::text::TextInput;
use super::{Action, Board, Row, State, navigate};
use crate::model::{ActorKind, Filter, Progress, StatusCounts};

/// The open filter prompt: the filter being written, and why the last
/// attempt was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterPrompt {
    /// What is typed (prefilled with the filter in force, to edit it).
    pub input: TextInput,
    /// Why the typed filter was refused, naming the bad term.
    pub error: Option<String>,
}

/// What the filter and the sort leave on the board, beyond its rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arranged {
    /// The dashboard's columns: indices of the recommendations shown.
    pub columns: Vec<usize>,
    /// How many actors the dashboard lists (all of them: no filter).
    pub actors: usize,
    /// How many governments and bodies the tracker lists, and how many
    /// there are.
    pub governments: (usize, usize),
    /// The progress of the actors listed over the columns shown.
    pub progress: Progress,
    /// Whether the rows were laid out by a filter or a sort (else they
    /// are the board's own, all actors by name).
    pub(super) laid_out: bool,
}

impl State {
    /// Opens the filter prompt, holding the filter in force to edit.
    pub(super) fn open_filter_prompt(&mut self) {
        if self.data().is_none() {
            return;
        }
        self.filter_prompt = Some(FilterPrompt {
            input: TextInput::single_line(self.filter.source()),
            error: None,
        });
    }

    /// A key while the filter prompt is open: apply, close, or typed.
    pub(super) fn filter_prompt_key(&mut self, key: Key) {
        match self.keymap.action(Mode::Filter, key) {
            Some(action) => self.filter_prompt_command(action),
            None => {
                if let Some(prompt) = self.filter_prompt.as_mut() {
                    prompt.input.handle(key);
                    prompt.error = None;
                }
            }
        }
    }

    /// A command while the filter prompt is open: `Confirm` applies the
    /// typed filter (or says what is wrong with it), `Cancel` closes it.
    pub(super) fn filter_prompt_command(&mut self, action: Action) {
        match action {
            Action::Confirm => {
                let Some(text) = self.filter_prompt.as_ref().map(|p| p.input.text()) else {
                    return;
                };
                match self.apply_filter(&text) {
                    Ok(()) => self.filter_prompt = None,
                    Err(error) => {
                        // Kept in the session's log; read whole in a panel
                        // when the status line is too narrow for it.
                        self.log(&error);
                        if let Some(prompt) = self.filter_prompt.as_mut() {
                            prompt.error = Some(error);
                        }
                    }
                }
            }
            Action::Cancel => self.filter_prompt = None,
            _ => {}
        }
    }

    /// Puts `text` in force as the filter, keeping the selection on the
    /// same actor when it is still listed; `Err` says why it cannot be.
    pub fn apply_filter(&mut self, text: &str) -> Result<(), String> {
        let Some(board) = self.data() else {
            return Err("no dataset is loaded".into());
        };
        let filter =
            Filter::parse(text, &board.dataset.recommendations).map_err(|e| e.to_string())?;
        self.filter = filter;
        self.rearrange();
        Ok(())
    }

    /// Lifts the filter: every actor and column again.
    pub(super) fn clear_filter(&mut self) {
        if self.filter.is_empty() {
            self.say("No filter to clear");
            return;
        }
        self.filter = Filter::default();
        self.rearrange();
        self.say("Filter cleared: every actor is shown");
    }

    /// Lays the board out again (after the filter, the sort or the clocks
    /// changed), the selections following their actors.
    pub(super) fn rearrange(&mut self) {
        let selected = self.selected_ids();
        self.arrange_board();
        self.reselect(&selected);
        navigate::settle(self);
        self.dirty = true;
    }

    /// Lays out a newly made board. A filter that no longer reads on the
    /// new dataset (its recommendation is gone) is lifted, and the user told.
    pub(super) fn arrange_board(&mut self) {
        let (column, tracker_column) = (self.column, self.tracker_column);
        let sort = self.sort;
        let mut lifted = None;
        if let super::Loaded::Dataset(board) = &mut self.loaded {
            if !self.filter.is_empty() {
                match Filter::parse(self.filter.source(), &board.dataset.recommendations) {
                    Ok(again) => self.filter = again,
                    Err(error) => {
                        lifted = Some(error.to_string());
                        self.filter = Filter::default();
                    }
                }
            }
            let tracked_column = board.tracked.get(tracker_column).copied();
            arrange(
                board,
                &self.filter,
                sort,
                (column, tracked_column),
                self.actor_touches.as_ref(),
                self.today,
            );
        }
        if let Some(error) = lifted {
            self.say(format!("The filter was lifted: {error}"));
        }
    }
}

/// Rebuilds the board's rows, governments and the figures over them as
/// `filter` and `sort` say. `columns` are the recommendations whose status
/// the status sort reads (the dashboard's, the tracker's); `last_changes`
/// the newest commit time per actor id, for the last-change sort; `today`
/// the day the movement sort measures up to.
pub(super) fn arrange(
    board: &mut Board,
    filter: &Filter,
    sort: Sort,
    columns: (usize, Option<usize>),
    last_changes: Option<&HashMap<String, i64>>,
    today: chrono::NaiveDate,
) {
    if filter.is_empty() && sort == Sort::Name && !board.arranged.laid_out {
        // What the board was made with: nothing to do again (a load at
        // 12,000 actors should not pay for a filter nobody set).
        let governments = board.governments.len();
        let actors = board.dataset.actors.len();
        board.arranged = Arranged {
            columns: (0..board.dataset.recommendations.len()).collect(),
            actors,
            governments: (governments, governments),
            progress: board.overall,
            laid_out: false,
        };
        return;
    }
    let dataset = &board.dataset;
    let recs = &dataset.recommendations;
    let shown_columns: Vec<usize> = (0..recs.len())
        .filter(|&i| recs.get(i).is_some_and(|r| filter.shows(r)))
        .collect();
    let shown_recs: Vec<_> = shown_columns
        .iter()
        .filter_map(|&i| recs.get(i).cloned())
        .collect();
    let admitted: Vec<usize> = (0..dataset.actors.len())
        .filter(|&i| {
            dataset
                .actors
                .get(i)
                .is_some_and(|a| filter.admits(a, recs))
        })
        .collect();
    let dashboard_order = sort.order(dataset, &admitted, columns.0, last_changes, today);

    let mut rows = Vec::with_capacity(admitted.len() + ActorKind::ALL.len());
    let mut actor_rows = vec![usize::MAX; dataset.actors.len()];
    let mut progress = Progress::default();
    for kind in ActorKind::ALL {
        let of_kind: Vec<usize> = dashboard_order
            .iter()
            .copied()
            .filter(|&i| dataset.actors.get(i).is_some_and(|a| a.kind == kind))
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        rows.push(Row::Heading(kind));
        for i in of_kind {
            if let Some(slot) = actor_rows.get_mut(i) {
                *slot = rows.len();
            }
            rows.push(Row::Actor(i));
            if let Some(actor) = dataset.actors.get(i) {
                progress.merge(&actor.progress(&shown_recs));
            }
        }
    }

    let all_governments = (0..dataset.actors.len())
        .filter(|&i| {
            dataset
                .actors
                .get(i)
                .is_some_and(|a| a.kind.is_governmental())
        })
        .count();
    let governmental: Vec<usize> = admitted
        .iter()
        .copied()
        .filter(|&i| {
            dataset
                .actors
                .get(i)
                .is_some_and(|a| a.kind.is_governmental())
        })
        .collect();
    let tracker_column = columns.1.unwrap_or(usize::MAX);
    let governments = sort.order(dataset, &governmental, tracker_column, last_changes, today);
    let tracker_counts = board
        .tracked
        .iter()
        .map(|&r| {
            let mut counts = StatusCounts::default();
            if let Some(rec) = recs.get(r) {
                for actor in governments.iter().filter_map(|&g| dataset.actors.get(g)) {
                    if actor.is_graded_on(rec) {
                        counts.add(actor.status_on(&rec.id));
                    }
                }
            }
            counts
        })
        .collect();

    board.arranged = Arranged {
        columns: shown_columns,
        actors: admitted.len(),
        governments: (governments.len(), all_governments),
        progress,
        laid_out: true,
    };
    board.rows = rows;
    board.actor_rows = actor_rows;
    board.governments = governments;
    board.tracker_counts = tracker_counts;
}

impl Board {
    /// The dashboard row of actor `index`, when the filter lists it.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        self.actor_rows
            .get(index)
            .copied()
            .filter(|&r| r != usize::MAX)
    }

    /// Whether a filter narrows what is listed: the figures are then for
    /// the listed set, and say so.
    pub fn is_narrowed(&self) -> bool {
        self.arranged.actors != self.dataset.actors.len()
            || self.arranged.columns.len() != self.dataset.recommendations.len()
    }
}

/// The line that says what is listed and how: the filter, how many of the
/// actors it lets through, the sort. `None` when nothing is filtered or
/// sorted, so the screen shows its usual line instead.
pub fn summary(state: &State, board: &Board, governments: bool) -> Option<String> {
    if state.filter.is_empty() && state.sort == Sort::default() {
        return None;
    }
    let mut parts = Vec::new();
    if !state.filter.is_empty() {
        parts.push(format!("Filter: {}", state.filter.source()));
        parts.push(if governments {
            let (shown, all) = board.arranged.governments;
            format!("{shown} of {all} governments and bodies")
        } else {
            format!(
                "{} of {} actors",
                board.arranged.actors,
                board.dataset.actors.len()
            )
        });
    }
    if state.sort != Sort::default() {
        parts.push(state.sort_label(board));
    }
    Some(parts.join(" · "))
}
