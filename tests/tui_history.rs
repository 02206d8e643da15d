//! The history view, a commitment's timeline and "who last changed this
//! cell", as a user meets them: keys through `update` (no IO), screens on a
//! TestBackend at 80×24 and narrower (the worker reading a real repository:
//! `tui_history_worker.rs`).

mod common;
mod tui_history_support;

use chrono::{DateTime, FixedOffset};
use common::*;
use reconvene::app::history::{HistoryBatch, Part, Reading};
use reconvene::app::timeline::TimelineRead;
use reconvene::app::{self, Action, Effect, State, View};
use reconvene::model::{CommitId, Field, FieldChange, LastChange, RecordedCommit};
use tui_history_support::select_us;

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn status_change(actor: &str, name: &str, rec: &str, from: &str, to: &str) -> FieldChange {
    FieldChange {
        actor: actor.into(),
        actor_name: name.into(),
        recommendation: Some(rec.into()),
        field: Field::Status,
        old: Some(from.into()),
        new: Some(to.into()),
    }
}

fn recorded(n: u8, author: &str, time: &str, changes: Vec<FieldChange>) -> RecordedCommit {
    RecordedCommit {
        id: CommitId::new(&format!("{n:02x}").repeat(20)).unwrap(),
        time: at(time),
        author_name: author.into(),
        author_email: format!("{}@example.org", author.to_lowercase().replace(' ', ".")),
        subject: format!("Commit number {n}"),
        parents: 1,
        changes,
        problems: Vec::new(),
    }
}

/// Three commits, newest first: Bo grades the US blacklist (with evidence),
/// Ada adds a note for France, Ada imports.
fn three() -> Vec<RecordedCommit> {
    let mut evidence = FieldChange {
        field: Field::Evidence,
        old: None,
        new: Some("\"Treasury sanctions on the Intellexa consortium\" (2024-03-05)".into()),
        ..status_change("united-states", "United States", "blacklist", "", "")
    };
    evidence.old = None;
    let mut merge = recorded(
        3,
        "Bo Reviewer",
        "2024-03-05T14:02:00+01:00",
        vec![
            status_change(
                "united-states",
                "United States",
                "blacklist",
                "Initiated",
                "Implemented",
            ),
            evidence,
        ],
    );
    merge.parents = 2;
    let note = FieldChange {
        field: Field::Note,
        old: None,
        new: Some("Drafting.".into()),
        ..status_change("france", "France", "oversight", "", "")
    };
    vec![
        merge,
        recorded(2, "Ada Lovelace", "2024-02-01T09:00:00+00:00", vec![note]),
        recorded(
            1,
            "Ada Lovelace",
            "2024-01-10T12:00:00+00:00",
            vec![FieldChange {
                actor: "romania".into(),
                actor_name: "Romania".into(),
                recommendation: None,
                field: Field::Actor,
                old: None,
                new: Some("Romania".into()),
            }],
        ),
    ]
}

fn batch(
    generation: u64,
    part: Part,
    commits: Vec<RecordedCommit>,
    read: usize,
    total: usize,
    done: bool,
) -> Action {
    Action::HistoryRead(Box::new(HistoryBatch {
        generation,
        part,
        commits,
        read,
        total,
        done,
    }))
}

/// The state with the history open and all of `three()` read.
fn with_history() -> State {
    let mut state = state();
    let effects = press(&mut state, &["H"]);
    assert_eq!(
        effects,
        vec![Effect::ReadHistory {
            generation: 1,
            refresh: false
        }]
    );
    app::update(&mut state, batch(1, Part::First, three(), 3, 3, true));
    state
}

#[test]
fn h_opens_the_history_and_asks_for_it_once() {
    let mut state = with_history();
    assert_eq!(state.view, View::History);
    assert_eq!(state.history.shown.len(), 3);
    // Back to the dashboard and in again: what was read is kept.
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
    assert_eq!(press(&mut state, &["H"]), Vec::<Effect>::new());
    assert_eq!(state.view, View::History);
}

#[test]
fn the_history_screen_lists_commits_and_the_selected_ones_changes() {
    let mut state = with_history();
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("History · 3 commits · times in UTC"),
        "{}",
        show(&lines)
    );
    // Newest first, in UTC (14:02 at +01:00 is 13:02 UTC), merges marked.
    assert_eq!(
        lines[2],
        "▶2024-03-05 13:02 Bo Reviewer    merge United States · blacklist: Initiated → I…"
    );
    assert_eq!(
        lines[3],
        " 2024-02-01 09:00 Ada Lovelace   France · oversight: note added"
    );
    assert_eq!(
        lines[4],
        " 2024-01-10 12:00 Ada Lovelace   Romania: new actor"
    );
    // The selected commit's changes, one line per field, below the list.
    assert_eq!(
        lines[5],
        "Merge 0303030 · Bo Reviewer <bo.reviewer@example.org> · 2024-03-05 13:02 UTC"
    );
    assert_eq!(
        lines[6],
        "  read against its first parent · “Commit number 3”"
    );
    assert_eq!(
        lines[7],
        "  United States · blacklist: Initiated → Implemented"
    );
    assert!(
        lines[8].starts_with(
            "  United States · blacklist: evidence added: \"Treasury sanctions on the"
        ),
        "{}",
        lines[8]
    );
    assert!(
        lines[23].starts_with("enter changes · d diff · f filter · t timeline"),
        "{}",
        lines[23]
    );

    // j selects the next commit; its changes replace the others.
    press(&mut state, &["j"]);
    let lines = screen(&state, 80, 24);
    assert!(row_with(&lines, "2024-02-01 09:00").starts_with("▶"));
    assert!(
        lines[5].starts_with("0202020 · Ada Lovelace"),
        "{}",
        lines[5]
    );
    row_with(&lines, "  France · oversight: note added");
    assert!(
        !lines.iter().any(|l| l.contains("Treasury sanctions")),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_progress_line_shows_while_the_history_is_read_and_keys_keep_working() {
    let mut state = state();
    press(&mut state, &["H"]);
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[1], "Reading history…");
    app::update(
        &mut state,
        batch(1, Part::Indexing, vec![], 4000, 20000, false),
    );
    let lines = screen(&state, 80, 24);
    assert!(
        lines[1].starts_with("Indexing history… 4,000 commits"),
        "{}",
        lines[1]
    );
    let mut first = three();
    let older = first.split_off(2);
    app::update(&mut state, batch(1, Part::First, first, 2, 20000, false));
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[1], "Reading history… 2 of 20,000 commits");
    row_with(&lines, "2024-03-05 13:02");
    // Keys work meanwhile, and the selection stays put as more arrive.
    press(&mut state, &["j"]);
    app::update(&mut state, batch(1, Part::More, older, 3, 20000, true));
    assert_eq!(state.history.reading, Reading::Done);
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "2024-02-01 09:00").starts_with("▶"),
        "{}",
        show(&lines)
    );
    row_with(&lines, "2024-01-10 12:00");
    assert!(lines[1].starts_with("Newest first"), "{}", lines[1]);
}

#[test]
fn a_newer_part_goes_on_top_without_moving_the_selection_and_old_answers_are_dropped() {
    let mut state = with_history();
    press(&mut state, &["j"]);
    let effects = app::update(&mut state, Action::TipMoved);
    assert!(effects.contains(&Effect::ReadHistory {
        generation: 1,
        refresh: true
    }));
    let newest = recorded(
        4,
        "Cy Newcomer",
        "2024-04-01T08:00:00+00:00",
        vec![status_change(
            "france",
            "France",
            "blacklist",
            "Endorsed",
            "Initiated",
        )],
    );
    app::update(&mut state, batch(1, Part::Newer, vec![newest], 1, 4, true));
    let lines = screen(&state, 80, 24);
    assert!(lines[0].starts_with("History · 4 commits"), "{}", lines[0]);
    assert!(
        lines[2].starts_with(" 2024-04-01 08:00 Cy Newcomer"),
        "{}",
        show(&lines)
    );
    assert!(
        row_with(&lines, "2024-02-01 09:00").starts_with("▶"),
        "the selection stayed on its commit"
    );
    // A part answering an older request changes nothing.
    app::update(&mut state, batch(0, Part::First, vec![], 0, 0, true));
    assert_eq!(state.history.commits.len(), 4);
}

#[test]
fn enter_goes_into_the_changes_and_again_jumps_to_the_commitment() {
    let mut state = with_history();
    press(&mut state, &["enter", "j"]);
    let lines = screen(&state, 80, 24);
    assert!(
        row_with(&lines, "United States · blacklist: evidence added").starts_with("▶ "),
        "{}",
        show(&lines)
    );
    let effects = press(&mut state, &["enter"]);
    let us = state
        .data()
        .unwrap()
        .dataset
        .actors
        .iter()
        .position(|a| a.id == "united-states")
        .unwrap();
    assert_eq!(state.view, View::Actor(us));
    assert_eq!(
        state.mark, 4,
        "blacklist, the fifth recommendation, is marked"
    );
    assert_eq!(
        effects,
        vec![Effect::ReadLastChanges {
            actor: "united-states".into(),
            refresh: false
        }]
    );
    // Esc comes back to the history, where the changes still have the keys.
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::History);
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::History, "first out of the changes");
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
}

#[test]
fn a_change_to_an_actor_no_longer_in_the_dataset_says_so() {
    let mut state = with_history();
    press(&mut state, &["G", "enter", "enter"]);
    assert_eq!(state.view, View::History);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].contains("Romania is not in the dataset now"),
        "{}",
        lines[23]
    );
}

#[test]
fn the_filter_narrows_by_actor_author_or_any_text() {
    let mut state = with_history();
    press(&mut state, &["f"]);
    type_in(&mut state, "author:ada");
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].starts_with("Filter (actor:ID rec:ID author:NAME or words): author:ada▏"),
        "{}",
        lines[23]
    );
    // Typed, not acted on: `d` and `j` went into the prompt.
    press(&mut state, &["enter"]);
    assert_eq!(state.history.shown.len(), 2);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].contains("2 shown for “author:ada”"),
        "{}",
        lines[0]
    );
    assert!(!lines.iter().any(|l| l.contains("Bo Reviewer")));

    for (filter, shown) in [
        ("actor:france", 1),
        ("rec:blacklist", 1),
        ("sanctions", 1),
        ("romania", 1),
        ("ada france", 1),
        ("nobody", 0),
        ("", 3),
    ] {
        press(&mut state, &["f"]);
        for _ in 0..20 {
            press(&mut state, &["backspace"]);
        }
        type_in(&mut state, filter);
        press(&mut state, &["enter"]);
        assert_eq!(state.history.shown.len(), shown, "filter {filter:?}");
    }
    press(&mut state, &["f"]);
    type_in(&mut state, "nobody");
    press(&mut state, &["enter"]);
    let lines = screen(&state, 80, 24);
    row_with(&lines, "No commit matches the filter");
}

#[test]
fn d_shows_the_raw_diff_read_in_the_background_sanitised_and_scrollable() {
    let mut state = with_history();
    let effects = press(&mut state, &["d"]);
    let id = CommitId::new(&"03".repeat(20)).unwrap();
    assert_eq!(effects, vec![Effect::ReadDiff(id.clone())]);
    assert_eq!(state.view, View::Diff);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Raw diff · 0303030 · Bo Reviewer"),
        "{}",
        lines[0]
    );
    row_with(&lines, "Reading the diff…");
    let mut patch = String::from(
        "diff --git a/data/x.ron b/data/x.ron\n-    status: Initiated,\n+    status: Implemented, \u{1b}[2J\n",
    );
    for n in 0..40 {
        patch.push_str(&format!(" line {n}\n"));
    }
    app::update(
        &mut state,
        Action::DiffRead(Box::new(app::history::DiffRead {
            commit: id,
            text: Ok(patch),
        })),
    );
    let lines = screen(&state, 80, 24);
    row_with(&lines, "-    status: Initiated,");
    assert!(row_with(&lines, "+    status: Implemented,").contains('�'));
    assert!(!lines.iter().any(|l| l.contains('\u{1b}')));
    press(&mut state, &["G"]);
    let lines = screen(&state, 80, 24);
    row_with(&lines, " line 39");
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::History);
}

#[test]
fn a_narrow_terminal_shows_the_list_and_enter_shows_the_changes() {
    let mut state = with_history();
    state.size = (40, 12);
    let lines = screen(&state, 40, 12);
    assert!(
        lines[2].starts_with("▶2024-03-05 Bo Revie"),
        "{}",
        show(&lines)
    );
    assert!(!lines.iter().any(|l| l.contains("Initiated → Implemented")) || lines.len() == 12);
    press(&mut state, &["enter"]);
    let lines = screen(&state, 40, 12);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("▶ United States · blacklist: Initi")),
        "{}",
        show(&lines)
    );
    // The smallest sizes draw without panicking and still say where they are.
    for (w, h) in [(20, 5), (12, 3), (80, 1), (11, 4)] {
        state.size = (w, h);
        let lines = screen(&state, w, h);
        assert_eq!(lines.len(), usize::from(h));
    }
}

#[test]
fn t_on_a_cell_opens_its_timeline_on_both_clocks() {
    let mut state = state();
    select_us(&mut state);
    // The blacklist column, the fifth.
    press(&mut state, &["l", "l", "l", "l"]);
    let effects = press(&mut state, &["t"]);
    assert_eq!(
        effects,
        vec![Effect::ReadTimeline {
            actor: "united-states".into(),
            recommendation: "blacklist".into(),
            refresh: false
        }]
    );
    assert_eq!(state.view, View::Timeline);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("Timeline · United States · "),
        "{}",
        lines[0]
    );
    row_with(
        &lines,
        "Recorded status Implemented · its evidence supports Implemented",
    );
    row_with(&lines, "When it happened (the evidence, by its date)");
    let item = row_with(&lines, "2021-11-03");
    assert!(
        item.contains("Implemented") && item.contains("Commerce adds NSO Group"),
        "{item}"
    );
    row_with(&lines, "Reading the record's history…");

    app::update(
        &mut state,
        Action::TimelineRead(Box::new(TimelineRead {
            actor: "united-states".into(),
            recommendation: "blacklist".into(),
            changes: Ok(vec![three().remove(0)]),
        })),
    );
    let lines = screen(&state, 80, 24);
    let row = row_with(&lines, "2024-03-05 13:02");
    assert!(
        row.contains("Bo Reviewer") && row.contains("Initiated → Implemented"),
        "{row}"
    );
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
}

#[test]
fn the_actor_view_says_who_last_changed_each_commitment() {
    let mut state = state();
    select_us(&mut state);
    let effects = press(&mut state, &["enter"]);
    assert_eq!(
        effects,
        vec![Effect::ReadLastChanges {
            actor: "united-states".into(),
            refresh: false
        }]
    );
    let lines = screen(&state, 80, 24);
    assert!(!lines.iter().any(|l| l.contains("last changed")));
    app::update(
        &mut state,
        Action::LastChangesRead(Box::new(app::history::LastChangesRead {
            actor: "united-states".into(),
            changes: Ok([(
                "acceptable-use".to_string(),
                LastChange {
                    author: "Ada \u{1b}[31mLovelace".into(),
                    when: "2024-11-12 09:30 UTC".into(),
                },
            )]
            .into()),
        })),
    );
    let lines = screen(&state, 80, 24);
    let at = lines.iter().position(|l| l.contains("1. ")).unwrap();
    assert_eq!(
        lines[at + 1],
        "  last changed by Ada �[31mLovelace · 2024-11-12 09:30 UTC"
    );
}

#[test]
fn a_commit_with_more_changes_than_fit_keeps_the_selected_one_on_screen() {
    let mut state = state();
    press(&mut state, &["H"]);
    let changes: Vec<FieldChange> = (0..40)
        .map(|n| FieldChange {
            actor: format!("actor-{n}"),
            actor_name: format!("Actor {n}"),
            recommendation: None,
            field: Field::Actor,
            old: None,
            new: Some(format!("Actor {n}")),
        })
        .collect();
    let import = recorded(9, "Ada Lovelace", "2024-01-10T12:00:00+00:00", changes);
    app::update(&mut state, batch(1, Part::First, vec![import], 1, 1, true));
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[2],
        "▶2024-01-10 12:00 Ada Lovelace   Actor 0: new actor (+39 more)"
    );
    press(&mut state, &["enter", "G"]);
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[22], "▶ Actor 39: new actor", "{}", show(&lines));
    assert!(!lines.iter().any(|l| l == "  Actor 0: new actor"));
    press(&mut state, &["g"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines.iter().any(|l| l == "▶ Actor 0: new actor"),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_wide_terminal_shows_the_changes_beside_the_commits() {
    let mut state = with_history();
    state.size = (120, 30);
    let lines = screen(&state, 120, 30);
    let first = &lines[2];
    assert!(
        first.starts_with("▶2024-03-05 13:02 Bo Review… merge United States"),
        "{}",
        show(&lines)
    );
    assert!(
        first.contains("…│ Merge 0303030 · Bo Reviewer <bo.reviewer@example.org>"),
        "{first}"
    );
    assert!(
        lines[4].ends_with("│   United States · blacklist: Initiated → Implemented"),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_filter_prompt_left_behind_by_a_failed_reload_takes_no_keys() {
    let mut state = with_history();
    press(&mut state, &["f"]);
    type_in(&mut state, "fra");
    app::update(
        &mut state,
        Action::Loaded(Box::new(app::Reloaded {
            loaded: Err(reconvene::model::Problems(vec![])),
            cause: app::Cause::Asked,
        })),
    );
    assert_eq!(state.view, View::Problems);
    assert_eq!(state.mode(), app::Mode::Problems);
    assert_eq!(press(&mut state, &["q"]), vec![Effect::Quit]);
}

#[test]
fn t_in_the_history_opens_the_timeline_of_the_selected_change() {
    let mut state = with_history();
    press(&mut state, &["j"]);
    let effects = press(&mut state, &["t"]);
    assert_eq!(
        effects,
        vec![Effect::ReadTimeline {
            actor: "france".into(),
            recommendation: "oversight".into(),
            refresh: false
        }]
    );
    let lines = screen(&state, 80, 24);
    assert!(lines[0].starts_with("Timeline · France · "), "{}", lines[0]);
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::History);
}

#[test]
fn a_file_left_invalid_is_reported_at_its_commit() {
    let mut state = state();
    press(&mut state, &["H"]);
    let mut broken = recorded(5, "Carol Shell", "2024-07-01T12:00:00+00:00", vec![]);
    broken.subject = "wip".into();
    broken.problems = vec![reconvene::model::Problem {
        path: "actors/u/united-kingdom.ron".into(),
        line: 1,
        column: 30,
        message: "unexpected end of file".into(),
    }];
    app::update(&mut state, batch(1, Part::First, vec![broken], 1, 1, true));
    let lines = screen(&state, 80, 24);
    assert_eq!(
        lines[2],
        "▶2024-07-01 12:00 Carol Shell    ⚠ left actors/u/united-kingdom.ron invalid"
    );
    row_with(
        &lines,
        "  invalid: actors/u/united-kingdom.ron:1:30: unexpected end of file",
    );
}
