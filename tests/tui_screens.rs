//! What the user sees at 80×24, on a TestBackend.

mod common;

use common::*;
use reconvene::app::{Action, Action::*, KeyMap, State};
use reconvene::model::Status;
use reconvene::store::{Problem, Problems};

/// The column (in characters) where the cell of recommendation `n` (1-based) sits.
fn cell(lines: &[String], row: &str, n: usize) -> char {
    let header = row_with(lines, "Progress");
    let label = format!("{n:>2} ");
    let at = header.chars().collect::<Vec<_>>();
    let start = (0..at.len())
        .find(|&i| at[i..].iter().take(3).collect::<String>() == label)
        .unwrap();
    // The symbol is centred under the two-digit number's second digit.
    row_with(lines, row).chars().nth(start + 1).unwrap()
}

#[test]
fn the_headline_counts_the_days_since_the_reconvening_and_names_the_next_milestone() {
    let lines = screen(&state(), 80, 24);
    assert!(
        lines[0].ends_with("Spyware working group · overall progress 13%"),
        "{}",
        show(&lines)
    );
    assert_eq!(
        lines[1],
        "Planned reconvening 30 days ago (2024-11-11) · Paris Peace Forum 2024"
    );
    assert_eq!(
        lines[2],
        "Next: Pall Mall Process 2025 in 113 days (2025-04-03)"
    );
}

#[test]
fn after_the_last_milestone_the_headline_names_the_latest_one() {
    let state = State::new(Ok(dataset()), day("2026-01-01"), KeyMap::default());
    let lines = screen(&state, 80, 24);
    assert!(
        lines[1].starts_with("Planned reconvening 416 days ago"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("Latest: Pall Mall Process 2025 ")
            && lines[2].ends_with("days ago (2025-04-03)"),
        "no milestone is left after 2026-01-01, so the latest is named: {}",
        lines[2]
    );
}

#[test]
fn the_matrix_groups_actors_by_kind_with_symbols_in_their_cells() {
    let lines = screen(&state(), 80, 24);
    for heading in [
        "Governments",
        "Intergovernmental bodies",
        "Industry",
        "Civil society",
        "Academia",
    ] {
        assert!(
            lines.iter().any(|l| l == heading),
            "no heading {heading}\n{}",
            show(&lines)
        );
    }
    // blacklist is the fifth recommendation.
    assert_eq!(
        cell(&lines, "United States", 5),
        Status::Implemented.symbol()
    );
    assert_eq!(
        cell(&lines, "United States", 1),
        Status::Substantial.symbol()
    );
    assert_eq!(cell(&lines, "United States", 7), Status::Reversed.symbol());
    assert_eq!(
        cell(&lines, "United States", 2),
        Status::NoEvidence.symbol()
    );
    assert_eq!(cell(&lines, "France", 5), Status::Endorsed.symbol());
    // A company is not graded on export controls: blank; but is on vulnerability handling.
    assert_eq!(cell(&lines, "Microsoft", 2), ' ');
    assert_eq!(cell(&lines, "Microsoft", 10), Status::Implemented.symbol());
    // Google is graded on the blacklist because the dataset records it.
    assert_eq!(cell(&lines, "Google", 5), Status::Endorsed.symbol());
    // Progress: Microsoft has vulnerability-handling done of 4 industry recommendations.
    assert!(
        row_with(&lines, "Microsoft").ends_with(" 25%"),
        "{}",
        show(&lines)
    );
}

#[test]
fn long_names_are_cut_with_an_ellipsis_and_every_line_fits() {
    let lines = screen(&state(), 80, 24);
    let row = row_with(&lines, "The United Kingdom");
    assert!(row.contains('…'), "{row}");
    assert!(!row.contains("Department"), "{row}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80));
}

#[test]
fn the_status_line_names_the_selected_actor_recommendation_and_status() {
    let mut state = state();
    // France is first in its group (sorted by name); go to the US, column 5.
    act(&mut state, &[Down, Down, Right, Right, Right, Right]);
    let lines = screen(&state, 80, 24);
    assert!(
        lines[3].contains(" 5. Title of blacklist"),
        "{}",
        show(&lines)
    );
    assert!(
        lines[23].starts_with("United States · blacklist · Implemented"),
        "{}",
        lines[23]
    );
}

#[test]
fn the_actor_view_wraps_the_note_and_the_evidence() {
    let mut state = state();
    act(&mut state, &[Down, Down, Open]);
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert_eq!(lines[0], "United States", "{text}");
    assert!(
        text.contains("Government · United States · working group co-chair"),
        "{text}"
    );
    assert!(text.contains("● Implemented"), "{text}");
    assert!(text.contains("5. Title of blacklist"), "{text}");
    assert!(text.contains("  Added NSO Group and Candiru"), "{text}");
    assert!(text.contains("  to Intellexa and Cytrox."), "{text}");
    assert!(
        text.contains("  • 2021-11-03 · Commerce adds NSO Group"),
        "{text}"
    );
    assert!(text.contains("(self-reported)"), "{text}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80));
}

#[test]
fn the_recommendation_view_counts_and_groups_the_actors() {
    let mut state = state();
    act(
        &mut state,
        &[Right, Right, Right, Right, OpenRecommendation],
    );
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert_eq!(lines[0], "5. Title of blacklist", "{text}");
    assert!(text.contains("Addressed to: Governments"), "{text}");
    assert!(text.contains("Tracked by the Tech Accord"), "{text}");
    assert!(text.contains("● Implemented (2)"), "{text}");
    assert!(text.contains("○ Endorsed (2)"), "{text}");
    let implemented = lines
        .iter()
        .position(|l| l.contains("● Implemented (2)"))
        .unwrap();
    let endorsed = lines
        .iter()
        .position(|l| l.contains("○ Endorsed (2)"))
        .unwrap();
    assert!(implemented < endorsed, "most advanced first\n{text}");
    assert!(
        lines[implemented + 1].contains("United States")
            || lines[implemented + 1].contains("European Union")
    );
}

#[test]
fn the_tracker_lists_governments_against_the_tracked_recommendations_with_counts() {
    let mut state = state();
    act(&mut state, &[NextView]);
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert!(
        lines[0].starts_with(
            "Government tracker — the seven recommendations the Tech Accord pledged to track"
        ),
        "{text}"
    );
    assert!(text.contains("European Union"), "{text}");
    assert!(!text.contains("Microsoft"), "{text}");
    // On the blacklist (fifth column), 2 implemented (US, EU), 1 endorsed, 1 initiated.
    let numbers = |label: &str| -> Vec<String> {
        let fields: Vec<String> = row_with(&lines, label)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        fields[fields.len() - 7..].to_vec()
    };
    assert_eq!(numbers("Implemented")[4], "2", "{text}");
    assert_eq!(numbers("Endorsed")[4], "1", "{text}");
    assert_eq!(numbers("Initiated")[4], "1", "{text}");
    // Tab cycles back.
    act(&mut state, &[NextView]);
    assert!(screen(&state, 80, 24)[0].contains("Spyware working group"));
}

#[test]
fn the_error_screen_lists_the_problems_and_how_to_go_on() {
    let problems = Problems(vec![
        Problem {
            path: "actors/f/france.ron".into(),
            line: 4,
            column: 11,
            message: "unknown status `Done`".into(),
        },
        Problem {
            path: "reconvene.ron".into(),
            line: 1,
            column: 1,
            message: "bad\u{1b}[31m escape".into(),
        },
    ]);
    let state = State::new(Err(problems), day("2024-12-11"), KeyMap::default());
    let lines = screen(&state, 80, 24);
    let text = show(&lines);
    assert!(lines[0].contains("2 problems"), "{text}");
    assert!(
        text.contains("actors/f/france.ron:4:11: unknown status `Done`"),
        "{text}"
    );
    assert!(
        text.contains("fix the files and press ctrl-r to reload, q to quit"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "control characters from the data reach the screen"
    );
}

#[test]
fn help_is_built_from_the_key_map_including_overrides() {
    let overrides = [
        ("down".to_string(), vec!["m".to_string()]),
        ("nope".to_string(), vec!["x".to_string()]),
    ]
    .into();
    let (keymap, warnings) = KeyMap::with_overrides(&overrides);
    let mut state = State::new(Ok(dataset()), day("2024-12-11"), keymap);
    state.say(warnings.join(" · "));
    let lines = screen(&state, 80, 24);
    assert!(
        lines[23].contains("no action named `nope`"),
        "{}",
        lines[23]
    );
    act(&mut state, &[Help]);
    // Tall enough for every key of the dashboard's mode.
    let lines = screen(&state, 80, 40);
    let text = show(&lines);
    assert!(row_with(&lines, "Move down").starts_with("m "), "{text}");
    assert!(row_with(&lines, "Move up").starts_with("k, up"), "{text}");
    assert!(row_with(&lines, "Quit").starts_with("q, ctrl-c"), "{text}");
}

#[test]
fn tiny_terminals_do_not_panic() {
    let mut state = state();
    for view in [&[][..], &[Down, Open][..], &[NextView][..], &[Help][..]] {
        act(&mut state, view);
        for (w, h) in [(1, 1), (20, 5), (10, 3), (19, 2), (80, 1), (12, 1)] {
            act(&mut state, &[Action::Resize(w, h)]);
            let _ = screen(&state, w, h);
        }
    }
    assert_eq!(screen(&state, 11, 2), ["Terminal", "too small"]);
    assert_eq!(screen(&state, 4, 3), ["Ter…", "too", "sma…"]);
}

#[test]
fn statuses_are_coloured_unless_no_color_and_read_the_same_either_way() {
    use ratatui::style::Color;
    let mut coloured = state();
    coloured.color = true;
    let plain = state();
    assert_eq!(screen(&coloured, 80, 24), screen(&plain, 80, 24));
    let lines = screen(&plain, 80, 24);
    let y = lines
        .iter()
        .position(|l| l.starts_with("European Union"))
        .unwrap() as u16;
    let x = row_with(&lines, "European Union")
        .chars()
        .position(|c| c == '●')
        .unwrap() as u16;
    assert_eq!(buffer(&coloured, 80, 24)[(x, y)].fg, Color::Green);
    assert_eq!(buffer(&plain, 80, 24)[(x, y)].fg, Color::Reset);
    let mut all_plain = true;
    let plain_buffer = buffer(&plain, 80, 24);
    for cell in plain_buffer.content() {
        all_plain &= cell.fg == Color::Reset && cell.bg == Color::Reset;
    }
    assert!(all_plain, "NO_COLOR draws no colour at all");
}

#[test]
fn control_characters_in_the_data_never_reach_the_screen() {
    let mut data = dataset();
    data.actors[0].name = "Evil\u{1b}]0;pwned\u{7}Corp".into();
    data.actors[0]
        .commitments
        .get_mut("blacklist")
        .unwrap()
        .note = "line one\nline\u{1b}[2J two".into();
    let mut state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    for view in [&[][..], &[Open][..]] {
        act(&mut state, view);
        let text = show(&screen(&state, 80, 24));
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("Evil�]0;pwned�Corp"), "{text}");
    }
}

#[test]
fn dashboard_snapshot() {
    insta::assert_snapshot!(show(&screen(&state(), 80, 24)));
}

#[test]
fn actor_view_snapshot() {
    let mut state = state();
    act(&mut state, &[Down, Down, Open]);
    insta::assert_snapshot!(show(&screen(&state, 80, 24)));
}

#[test]
fn an_empty_dataset_draws_every_view() {
    let empty = reconvene::model::Dataset::new(manifest(), Vec::new(), Vec::new());
    let mut state = State::new(Ok(empty), day("2024-12-11"), KeyMap::default());
    let lines = screen(&state, 80, 24);
    assert!(
        lines[3].contains("No recommendations in this dataset"),
        "{}",
        show(&lines)
    );
    for actions in [
        &[Down, Right, Open, OpenRecommendation, End][..],
        &[NextView, Down, Open][..],
        &[Help, End][..],
    ] {
        act(&mut state, actions);
        let _ = screen(&state, 80, 24);
    }
}

#[test]
fn wide_characters_keep_the_matrix_aligned() {
    let mut data = dataset();
    data.actors[0].name = "日本国政府デジタル庁サイバーセキュリティ戦略本部".into();
    data.actors[1].name = "Right\u{202e}to left".into();
    let state = State::new(Ok(data), day("2024-12-11"), KeyMap::default());
    let lines = screen(&state, 80, 24);
    let header = row_with(&lines, "Progress");
    let at =
        |line: &str| unicode_width::UnicodeWidthStr::width(&line[..line.find(" 5 ").unwrap_or(0)]);
    let column = at(header);
    for name in ["日本国", "Right�to left", "United States"] {
        let row = row_with(&lines, name);
        let x: usize = row
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| unicode_width::UnicodeWidthStr::width(&row[..i]) == column + 1)
            .unwrap();
        let symbol = row[x..].chars().next().unwrap();
        assert!(
            "·○◔◑●✗–".contains(symbol),
            "{name}: {symbol:?} in {row:?}\n{}",
            show(&lines)
        );
    }
}

#[test]
fn tracker_snapshot() {
    let mut state = state();
    act(&mut state, &[NextView]);
    insta::assert_snapshot!(show(&screen(&state, 80, 24)));
}

#[test]
fn recommendation_view_snapshot() {
    let mut state = state();
    act(
        &mut state,
        &[Right, Right, Right, Right, OpenRecommendation],
    );
    insta::assert_snapshot!(show(&screen(&state, 80, 24)));
}

#[test]
fn help_snapshot() {
    let mut state = state();
    act(&mut state, &[Help]);
    insta::assert_snapshot!(show(&screen(&state, 80, 24)));
}
