//! The runner's history worker reading a real repository built with git,
//! and the screen drawn from what it read: the first page before the rest,
//! a moved tip's commits on top, the timeline and who last changed a cell,
//! hostile names and messages drawn harmless.

mod common;
mod tui_history_support;

use common::*;
use reconvene::app::history::{Part, Reading};
use reconvene::app::{self, Action, Effect, KeyMap, State, View};
use tui_history_support::{run_on_worker, select_us};

#[test]
fn the_history_worker_reads_a_real_record_and_the_screen_draws_it_sanitised() {
    let record = tui_history_support::record();
    let mut session = reconvene::tui::effects::Session::new(record.location.clone());
    let mut state = State::new(session.load(), day("2024-12-11"), KeyMap::default());
    state.color = false;
    let effects = press(&mut state, &["H"]);
    for action in run_on_worker(&record.location, effects) {
        app::update(&mut state, action);
    }
    assert_eq!(state.history.reading, Reading::Done);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("History · 4 commits"),
        "{}",
        show(&lines)
    );
    let short = |id: &str| id.chars().take(7).collect::<String>();
    assert!(
        row_with(&lines, "2024-07-01 12:00 Alice")
            .ends_with("France · blacklist: Initiated → Endorsed"),
        "{}",
        show(&lines)
    );
    let hostile = row_with(&lines, "2024-06-01 12:00");
    assert!(hostile.contains("Bob �[2J Revi"), "{hostile}");
    assert!(
        row_with(&lines, "2024-03-05 12:00 Alice")
            .contains("United States · blacklist: Initiated → Implem"),
        "{}",
        show(&lines)
    );
    assert!(
        row_with(&lines, "2024-01-10 12:00 Carol Shell").contains("France: new actor (+7 more)")
    );
    // Nothing from the data reaches the terminal as a control sequence.
    assert!(
        !lines.iter().any(|l| l.chars().any(|c| c.is_control())),
        "{}",
        show(&lines)
    );
    press(&mut state, &["j"]);
    let lines = screen(&state, 80, 24);
    assert!(row_with(&lines, "“Note �]0;owned� the bill”").starts_with("  "));

    // The timeline and the actor view's last changes, read for real.
    press(&mut state, &["esc"]);
    assert_eq!(state.view, View::Dashboard);
    select_us(&mut state);
    let effects = press(&mut state, &["enter"]);
    for action in run_on_worker(&record.location, effects) {
        app::update(&mut state, action);
    }
    let lines = screen(&state, 80, 24);
    assert!(lines[0].starts_with("United States"), "{}", show(&lines));
    row_with(
        &lines,
        "  last changed by Alice Coordinator · 2024-03-05 12:00 UTC",
    );
    let effects = press(&mut state, &["t"]);
    for action in run_on_worker(&record.location, effects) {
        app::update(&mut state, action);
    }
    let lines = screen(&state, 80, 24);
    let row = row_with(&lines, "  2024-03-05 12:00 Alice Coordinator");
    assert!(
        row.contains("Initiated → Implemented; evidence added"),
        "{row}"
    );
    row_with(&lines, "  2024-01-10 12:00 Carol Shell");

    // A new commit: the refresh brings only it, on top.
    let root = record.location.repo_root.clone();
    let mut france = tui_history_support::actor("france", "France");
    france.commitments.get_mut("blacklist").unwrap().status = reconvene::model::Status::Substantial;
    tui_history_support::put(&record.location, &france);
    let newest = tui_history_support::commit(
        &root,
        tui_history_support::CAROL,
        "2024-09-01",
        "France acts",
    );
    press(&mut state, &["H"]);
    let effects = app::update(&mut state, Action::TipMoved);
    let effects: Vec<Effect> = effects
        .into_iter()
        .filter(reconvene::tui::history::is_history)
        .collect();
    let heard = run_on_worker(&record.location, effects);
    for action in heard {
        app::update(&mut state, action);
    }
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("History · 5 commits"),
        "{}",
        show(&lines)
    );
    assert!(
        lines[2].starts_with(
            " 2024-09-01 12:00 Carol Shell    France · blacklist: Endorsed → Substantial"
        ),
        "{}",
        show(&lines)
    );
    assert!(
        row_with(&lines, "2024-06-01 12:00").starts_with('▶'),
        "the selection stayed on its commit: {}",
        show(&lines)
    );
    // Its changes are one key away.
    press(&mut state, &["g"]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{} · Carol Shell", short(&newest)))),
        "{}",
        show(&lines)
    );
}

#[test]
fn a_long_history_comes_first_page_first_then_the_rest_with_how_far_it_has_got() {
    let record = tui_history_support::record();
    let root = record.location.repo_root.clone();
    let mut france = tui_history_support::actor("france", "France");
    let start = day("2025-01-01");
    for n in 0..120u64 {
        france.commitments.get_mut("oversight").unwrap().note = format!("Reviewed {n} times.");
        tui_history_support::put(&record.location, &france);
        let date = (start + chrono::Days::new(n)).to_string();
        tui_history_support::commit(&root, tui_history_support::ALICE, &date, "Review");
    }
    let mut session = reconvene::tui::effects::Session::new(record.location.clone());
    let mut state = State::new(session.load(), day("2025-12-11"), KeyMap::default());
    state.color = false;
    let effects = press(&mut state, &["H"]);
    let heard = run_on_worker(&record.location, effects);
    let parts: Vec<(Part, usize, usize, usize, bool)> = heard
        .iter()
        .filter_map(|a| match a {
            Action::HistoryRead(b) => {
                Some((b.part.clone(), b.commits.len(), b.read, b.total, b.done))
            }
            _ => None,
        })
        .collect();
    // The index is built first (fewer than 500 commits: no word of it),
    // then the first 100, then the other 24 with the line's length.
    assert_eq!(
        parts,
        vec![
            (Part::First, 100, 100, 0, false),
            (Part::More, 24, 124, 124, true)
        ]
    );
    let mut heard = heard.into_iter();
    if let Some(first) = heard.next() {
        app::update(&mut state, first);
    }
    let lines = screen(&state, 80, 24);
    assert_eq!(lines[1], "Reading history… 100 commits");
    assert!(
        lines[2].starts_with("▶2025-04-30 12:00 Alice Coordin… France · oversight: note changed"),
        "{}",
        show(&lines)
    );
    press(&mut state, &["G"]);
    for action in heard {
        app::update(&mut state, action);
    }
    let lines = screen(&state, 80, 24);
    assert!(
        lines[0].starts_with("History · 124 commits"),
        "{}",
        lines[0]
    );
    // The selection stayed on the hundredth commit as the rest arrived.
    assert!(
        row_with(&lines, "2025-01-21 12:00").starts_with('▶'),
        "{}",
        show(&lines)
    );
}
