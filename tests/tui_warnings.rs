//! The dataset's warnings in the TUI: the count in the headline and a
//! screen listing them, on a TestBackend.

mod common;

use common::*;
use reconvene::app::{Action, KeyMap, State, View};
use reconvene::store::{embedded, load_files};

#[test]
fn the_headline_counts_the_warnings_and_w_lists_them() {
    let mut state = state();
    let count = state.data().map_or(0, |b| b.warnings.len());
    // The fixture records grades without evidence or assessment dates.
    assert!(count > 1, "{count}");
    let lines = screen(&state, 120, 24);
    assert!(
        lines[0].starts_with(&format!("{count} warnings (w) · Spyware working group")),
        "{}",
        show(&lines)
    );

    act(&mut state, &[Action::Warnings]);
    assert_eq!(state.view, View::Warnings);
    // Tall enough to hold every warning of the fixture.
    let lines = screen(&state, 80, 60);
    assert!(
        lines[0].contains(&format!("Warnings: {count}")),
        "{}",
        show(&lines)
    );
    let text = show(&lines).replace("\n  ", " ");
    assert!(
        text.contains(
            "United States: status on `acceptable-use` is Substantial but its evidence supports NoEvidence as of its assessment"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "United States: the commitment on `blacklist` is graded but has no `assessed` date"
        ),
        "{text}"
    );

    act(&mut state, &[Action::Back]);
    assert_eq!(state.view, View::Dashboard);
}

#[test]
fn the_shipped_dataset_has_nothing_to_warn_about() {
    let files = embedded::FILES.iter().map(|(p, t)| (*p, t.as_bytes()));
    let mut state = State::new(load_files(files), day("2026-12-01"), KeyMap::default());
    state.color = false;
    let lines = screen(&state, 80, 24);
    assert!(!lines[0].contains("warning"), "{}", show(&lines));
    act(&mut state, &[Action::Warnings]);
    let lines = screen(&state, 80, 24);
    assert!(lines[0].contains("Warnings: 0"), "{}", show(&lines));
    assert!(row_with(&lines, "Nothing to warn about").starts_with("Nothing"));
}

#[test]
fn the_warnings_screen_fits_small_terminals_without_panicking() {
    let mut state = state();
    act(&mut state, &[Action::Warnings]);
    for (width, height) in [(80, 24), (40, 12), (20, 5)] {
        let lines = screen(&state, width, height);
        assert_eq!(lines.len(), usize::from(height));
        assert!(
            lines
                .iter()
                .all(|l| l.chars().count() <= usize::from(width))
        );
    }
    act(&mut state, &[Action::End, Action::PageDown, Action::Up]);
    assert_eq!(state.view, View::Warnings);
}
